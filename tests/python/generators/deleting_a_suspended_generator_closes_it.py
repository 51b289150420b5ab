# When the last reference to a suspended generator goes, it is closed: finally runs now.
def gen():
    try:
        yield
    finally:
        print("closed on del")


g = gen()
next(g)
print("before del")
del g
print("after del")
