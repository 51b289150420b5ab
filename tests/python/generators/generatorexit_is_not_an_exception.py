# GeneratorExit derives from BaseException, so `except Exception` lets close() through.
def gen():
    try:
        yield
    except Exception:
        print("not reached")
    finally:
        print("finally runs")


print(issubclass(GeneratorExit, Exception), issubclass(GeneratorExit, BaseException))
g = gen()
next(g)
g.close()
print("closed cleanly")
