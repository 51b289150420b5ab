# A generator cannot resume itself: ValueError("generator already executing"),
# raised inside the body, which can catch it and carry on.
def gen():
    try:
        next(me)
    except ValueError as e:
        print("ValueError:", e)
    yield "still fine"


me = gen()
print(next(me))
