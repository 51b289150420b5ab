# A priority queue of tasks: (priority, count, task) entries keep equal priorities in
# insertion order, and a removed task is marked rather than searched for.
import heapq
import itertools

pq = []
finder = {}
counter = itertools.count()


def add(task, priority):
    entry = [priority, next(counter), task]
    finder[task] = entry
    heapq.heappush(pq, entry)


def remove(task):
    finder.pop(task)[-1] = "<removed>"


def pop():
    while pq:
        priority, count, task = heapq.heappop(pq)
        if task != "<removed>":
            del finder[task]
            return task, priority
    raise KeyError("pop from an empty priority queue")


for task, prio in [("write", 2), ("test", 1), ("ship", 3), ("lint", 1), ("docs", 2)]:
    add(task, prio)
remove("lint")
print([pop() for _ in range(4)])
try:
    pop()
except KeyError as e:
    print("KeyError:", e)
