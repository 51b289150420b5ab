# collections.deque: fast at both ends; maxlen drops from the other end.
from collections import deque

d = deque([1, 2, 3])
d.appendleft(0)
d.append(4)
print(d, d.popleft(), d.pop(), d)
d.rotate(1)
print(d)
window = deque(maxlen=2)
for n in range(4):
    window.append(n)
print(window, len(window))
