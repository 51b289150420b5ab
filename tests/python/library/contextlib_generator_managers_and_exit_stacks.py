# contextlib: @contextmanager runs the generator's code around the with block (throw() on an
# error, so its try/except/finally sees it), its errors when the generator does not yield
# once; ExitStack's callbacks last-in first-out, their errors chained; closing, nullcontext,
# suppress.
import contextlib


@contextlib.contextmanager
def noisy(name):
    print("enter", name)
    try:
        yield name
    except KeyError as e:
        print(name, "handles", repr(e))
    finally:
        print("exit", name)


@contextlib.contextmanager
def no_yield():
    if False:
        yield


@contextlib.contextmanager
def two_yields():
    yield 1
    yield 2


with noisy("a"):
    {}["k"]
print("after a")
for cm in (no_yield, two_yields):
    try:
        with cm():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)


@noisy("deco")
def work(x):
    print("work", x)
    return x * 2


print(work(21))


def cb(tag):
    print("callback", tag)


with contextlib.ExitStack() as stack:
    stack.callback(cb, 1)
    stack.enter_context(noisy("s1"))
    stack.callback(cb, 2)
    print("body")


def fail(tag):
    raise ValueError(tag)


try:
    with contextlib.ExitStack() as stack:
        stack.callback(fail, "first")
        stack.callback(fail, "second")
        raise TypeError("body")
except Exception as e:
    chain = []
    while e is not None:
        chain.append(repr(e))
        e = e.__context__
    print(" <- ".join(chain))

with contextlib.ExitStack() as outer:
    inner = contextlib.ExitStack()
    inner.callback(cb, "moved")
    moved = inner.pop_all()
    print("popped")
moved.close()

class T:
    def close(self):
        print("closed")


with contextlib.closing(T()) as t:
    print("using", type(t).__name__)
with contextlib.nullcontext(5) as five:
    print(five)
with contextlib.suppress(ZeroDivisionError, KeyError):
    1 / 0
print("end")
