# Future.result(timeout) raises TimeoutError when the call has not finished in time.
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError

with ThreadPoolExecutor(max_workers=1) as pool:
    slow = pool.submit(time.sleep, 0.2)
    try:
        slow.result(timeout=0.01)
    except TimeoutError:
        print("TimeoutError after 0.01 s; done:", slow.done())
    print("later:", slow.result(), slow.done())
