# random.Random(seed) instances each keep their own state.
import random

a = random.Random(1)
b = random.Random(1)
print(a.random() == b.random(), a.randint(1, 6), b.randint(1, 6))
a.random()
print(a.random() == b.random(), isinstance(a, random.Random))
random.seed(1)
print(random.random() == random.Random(1).random())
state = a.getstate()
x = a.choice("abcdef")
a.setstate(state)
print(x == a.choice("abcdef"), len(state[1]), state[0])
