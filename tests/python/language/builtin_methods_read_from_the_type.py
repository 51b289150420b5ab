# A built-in type's method read from the type takes the object first.
words = ["banana", "Apple", "cherry"]
print(sorted(words, key=str.lower))
print(list(map(str.upper, words)))
print(str.join(", ", words))
items = []
list.append(items, 3)
print(items, dict.get({"a": 1}, "a"), str.split("a b"))
try:
    str.upper(5)
except TypeError as e:
    print(e)
try:
    str.upper()
except TypeError as e:
    print(e)
