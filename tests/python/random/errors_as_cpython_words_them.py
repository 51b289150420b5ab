# Misuse of random raises CPython's errors, word for word.
import random

cases = [
    lambda: random.randrange(0),
    lambda: random.randrange(5, 5),
    lambda: random.randrange(1, 10, 0),
    lambda: random.randrange(10, 1, 2),
    lambda: random.randint(3, 1),
    lambda: random.choice([]),
    lambda: random.sample(range(3), 5),
    lambda: random.sample({1, 2}, 1),
    lambda: random.choices("ab", [1], k=2),
    lambda: random.choices("ab", [1, 2], cum_weights=[1, 2]),
    lambda: random.choices("ab", 3),
    lambda: random.getrandbits(-1),
    lambda: random.randint(1),
    lambda: random.shuffle((1, 2, 3)),
    lambda: random.expovariate(0),
]
for f in cases:
    try:
        print("ok", f())
    except (ValueError, TypeError, IndexError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)
for f, args in [(random.random, (1,)), (random.getrandbits, ()), (random.seed, (1, 2, 3)),
                (random.randint, (1,)), (random.choice, ()), (random.sample, ([1],)),
                (random.shuffle, ([], 1)), (random.getstate, (1,))]:
    try:
        f(*args)
    except TypeError as e:
        print("TypeError:", e)
