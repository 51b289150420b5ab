# Dict and set comprehensions; a dict keeps insertion order.
words = ["apple", "bob", "kiwi", "bob"]
print({w: len(w) for w in words})
print(sorted({len(w) for w in words}))
