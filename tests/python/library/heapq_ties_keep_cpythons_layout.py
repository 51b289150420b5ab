# A heap of (priority, name) tuples: ties on priority fall back to the name, and the
# list's layout after each operation is exactly CPython's.
import heapq

tasks = [(2, "write"), (1, "read"), (2, "test"), (1, "plan"), (3, "ship"), (2, "fix")]
heapq.heapify(tasks)
print(tasks)
print(heapq.heapreplace(tasks, (0, "wake")), tasks)
print(heapq.heappushpop(tasks, (5, "sleep")), tasks)
print(heapq.heappushpop(tasks, (-1, "first")), tasks)
while tasks:
    print(heapq.heappop(tasks))
