# A generator delegating to itself resumes a running generator: ValueError.
def gen():
    try:
        yield from me
    except ValueError as e:
        print("ValueError:", e)
    yield "done"


me = gen()
print(next(me))
