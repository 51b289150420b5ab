# A discrete-event simulation in the style of Fluent Python's taxi program: a heap of
# (time, id, action) events, drawn from a seeded random generator.
import heapq
import random

rng = random.Random(3)
events = []
for taxi in range(3):
    heapq.heappush(events, (taxi * 5, taxi, "leave garage"))
steps = {"leave garage": "pick up passenger", "pick up passenger": "drop off passenger",
         "drop off passenger": "going home"}
while events:
    time, taxi, action = heapq.heappop(events)
    print(f"taxi: {taxi}  {'   ' * taxi}Event(time={time}, proc={taxi}, action={action!r})")
    if action in steps:
        heapq.heappush(events, (time + int(rng.expovariate(1 / 5)) + 1, taxi, steps[action]))
