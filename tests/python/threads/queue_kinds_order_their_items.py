# Queue is first in, first out; LifoQueue last in, first out; PriorityQueue smallest first.
import queue

for kind in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
    q = kind()
    for item in [3, 1, 4, 1, 5]:
        q.put(item)
    print(kind.__name__, q.qsize(), [q.get() for _ in range(5)], q.empty())
pq = queue.PriorityQueue()
pq.put((2, "write"))
pq.put((1, "read"))
pq.put((3, "close"))
print([pq.get()[1] for _ in range(3)])
