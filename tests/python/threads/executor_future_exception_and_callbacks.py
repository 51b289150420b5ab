# A call that raises: its future holds the exception, and result() raises it.
from concurrent.futures import Future, ThreadPoolExecutor


def divide(a, b):
    return a / b


with ThreadPoolExecutor(max_workers=2) as pool:
    bad = pool.submit(divide, 1, 0)
    good = pool.submit(divide, 6, 3)
    print("exception:", repr(bad.exception()))
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("result() raises:", e)
    good.add_done_callback(lambda f: print("callback:", f.result()))
f = Future()
print("new future done:", f.done(), "cancel:", f.cancel(), "cancelled:", f.cancelled())
f2 = Future()
f2.set_result(42)
print("set_result:", f2.result(), f2.done(), f2.cancel())
try:
    pool.submit(divide, 1, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
