# A producer and two consumers share an asyncio.Queue with room for two items. put()
# waits while the queue is full, get() waits while it is empty, and join() waits until
# every item has been marked task_done(). No locks: tasks switch only at an await.
import asyncio


async def producer(queue, count):
    for i in range(1, count + 1):
        await asyncio.sleep(0.07)  # making an item takes a while
        await queue.put("item {}".format(i))
        print("produced item {} (queue size {})".format(i, queue.qsize()))


async def consumer(name, queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.35)  # using it takes longer
        print("{} finished {}".format(name, item))
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer("consumer " + c, queue)) for c in "AB"]
    await producer(queue, 6)
    print("producer done; waiting for the queue to drain")
    await queue.join()
    for c in consumers:
        c.cancel()  # they loop forever: stop them
    results = await asyncio.gather(*consumers, return_exceptions=True)
    print("consumers stopped:", [type(r).__name__ for r in results])


asyncio.run(main())
