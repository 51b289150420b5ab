# A heap of a program's objects compares them with their __lt__ only.
import heapq


class Job:
    def __init__(self, due, name):
        self.due, self.name = due, name

    def __lt__(self, other):
        print(f"  {self.name} < {other.name}?")
        return self.due < other.due

    def __repr__(self):
        return f"Job({self.due}, {self.name!r})"


h = []
for due, name in [(3, "c"), (1, "a"), (2, "b"), (1, "z")]:
    heapq.heappush(h, Job(due, name))
print(h)
print(heapq.heappop(h), h)
