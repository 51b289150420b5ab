# A ThreadPoolExecutor runs calls on its threads: map() keeps the order of its inputs.
import time
from concurrent.futures import ThreadPoolExecutor


def slow_square(n):
    time.sleep(0.01 * (5 - n))
    return n * n


with ThreadPoolExecutor(max_workers=3) as pool:
    print("map:", list(pool.map(slow_square, range(5))))
    futures = [pool.submit(slow_square, n) for n in range(5)]
    print("submit:", [f.result() for f in futures])
    print("two iterables:", list(pool.map(pow, [2, 3], [5, 2])))
print("done:", all(f.done() for f in futures))
