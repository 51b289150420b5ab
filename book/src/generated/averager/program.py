# A running average kept by a coroutine: prime it with next(), then send numbers.


def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        reading = yield average
        total += reading
        count += 1
        average = total / count


def main():
    avg = averager()
    print("primed:", next(avg))
    for reading in [21.5, 23.0, 19.5, 24.5]:
        print("sent", reading, "-> average", avg.send(reading))
    avg.close()
    print("closed; sending again raises", end=" ")
    try:
        avg.send(1.0)
    except StopIteration as e:
        print(repr(e))


main()
