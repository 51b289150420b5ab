# PriorityQueue is a heap, as CPython's: equal priorities compare the tuples' next items,
# items that cannot be compared raise TypeError (and stay in the heap, as CPython's
# heappush leaves them), and .queue shows the heap's own layout.
import queue

q = queue.PriorityQueue()
for item in [(2, "b"), (1, "z"), (1, "a"), (2, "a"), (1, "a", 0), (0, "last in, first out")]:
    q.put(item)
print(q.queue)
while not q.empty():
    print(q.get())

# Equal keys that are different objects: the heap decides which comes first.
q = queue.PriorityQueue()
for item in [(1, 1), (1, 1.0), (1, True), (0, 5), (1, 1.0)]:
    q.put(item)
print(list(q.queue))
print([q.get() for _ in range(q.qsize())])


class Job:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Job({self.name!r})"


q = queue.PriorityQueue()
q.put((1, Job("a")))
q.put((2, Job("b")))
try:
    q.put((1, Job("c")))
except TypeError as e:
    print("TypeError:", e)
print(q.qsize(), q.unfinished_tasks, q.queue)

fifo, lifo = queue.Queue(), queue.LifoQueue()
for i in range(3):
    fifo.put(i)
    lifo.put(i)
print(fifo.queue, lifo.queue)
print(fifo.get(), lifo.get(), fifo.queue, lifo.queue)
