# send(v) while delegating to a list iterator: its missing `send` is an AttributeError
# raised inside the delegator, at the `yield from`, where it can be caught.
def delegator():
    try:
        yield from [1, 2, 3]
    except AttributeError as e:
        print("delegator caught:", e)
        yield "recovered"


g = delegator()
print(next(g))
print(g.send("x"))
