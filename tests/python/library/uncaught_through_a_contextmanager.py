# An error that leaves a @contextmanager's block: the generator sees it (throw() at its
# yield) and lets it through; the traceback is the block's own, without the generator's
# frame or contextlib's.
import contextlib


@contextlib.contextmanager
def step(name):
    print("start", name)
    try:
        yield
    finally:
        print("finish", name)


def work():
    with step("outer"):
        with step("inner"):
            return {}["missing"]


work()
