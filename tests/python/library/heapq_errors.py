# Popping an empty heap, and a heap that is not a list.
import heapq

for f, args in [(heapq.heappop, ([],)), (heapq.heapreplace, ([], 1)), (heapq.heappush, ((), 1)), (heapq.heapify, ("abc",))]:
    try:
        f(*args)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
