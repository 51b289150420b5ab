# shuffle, sample (small pools and large ranges), choices with and without weights.
import random

random.seed(99)
deck = [rank + suit for suit in "SHDC" for rank in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:8])
print(random.sample(deck, 5), random.sample(range(10 ** 9), 4), random.sample("hello", 5))
print(random.sample(["red", "green"], counts=[3, 1], k=4))
print(random.choices(["win", "lose"], weights=[1, 9], k=10))
print(random.choices("abc", cum_weights=[0.5, 0.75, 1.0], k=6), random.choices(range(3), k=4))
print(random.choice(deck), random.choice(range(100, 200)), random.choice(("x",)))
