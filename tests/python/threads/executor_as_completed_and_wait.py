# as_completed yields futures as they finish; wait() splits them into done and not done.
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, as_completed, wait


def nap(seconds):
    time.sleep(seconds)
    return seconds


with ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(nap, s) for s in (0.3, 0.1, 0.2)]
    print("as completed:", [f.result() for f in as_completed(futures)])
    futures = [pool.submit(nap, s) for s in (0.3, 0.01)]
    done, not_done = wait(futures, return_when=FIRST_COMPLETED)
    print("first completed:", [f.result() for f in done], len(not_done))
    done, not_done = wait(futures)
    print("all completed:", sorted(f.result() for f in done), len(not_done))
