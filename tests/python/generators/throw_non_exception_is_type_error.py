# Only BaseException classes and instances can be thrown; the message names the type.
def gen():
    yield


g = gen()
for bad in ["abc", 5, int, None]:
    try:
        g.throw(bad)
    except TypeError as e:
        print(e)
