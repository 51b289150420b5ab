# Everyday list methods; sort and reverse work in place and return None.
xs = [3, 1, 2]
xs.append(5)
xs.extend([0, 4])
xs.insert(1, 9)
print(xs)
print(xs.pop(), xs.pop(0), xs)
xs.remove(9)
print(xs, xs.index(2), xs.count(1))
print(xs.sort(), xs)
xs.reverse()
print(xs, xs.copy() == xs, xs.copy() is xs)
xs.clear()
print(xs)
