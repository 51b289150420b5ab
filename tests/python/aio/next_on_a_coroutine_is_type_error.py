# A coroutine is not an iterator: next() and iter() refuse it.
async def job():
    pass


c = job()
for f in (next, iter):
    try:
        f(c)
    except TypeError as e:
        print(e)
c.close()
