# Local variables survive across yields: a running average.
def averager():
    total = 0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count


avg = averager()
next(avg)
for term in [10, 30, 5]:
    print(avg.send(term))
