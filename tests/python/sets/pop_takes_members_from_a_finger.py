# pop() takes the first member from where the previous pop stopped (a "finger"),
# wrapping round the table, and leaves a dummy.
s = {5, 1, 3, 7, 2}
print([s.pop() for _ in range(3)], s)
s.add(0)
s.add(6)
print(s, s.pop(), s.pop(), s)

s = {1, 9, 17, 2, 10}
order = []
while s:
    order.append(s.pop())
print(order)

# clear() keeps the finger; a new pop starts from it.
s = {1, 2, 3, 4, 5}
s.pop()
s.pop()
s.clear()
s.update([1, 2, 3, 4, 5])
print(s.pop(), s)

try:
    set().pop()
except KeyError as e:
    print('KeyError', e)
