# loop.call_later(delay, f) runs f after `delay` seconds: the order follows the
# deadlines, not the order of registration. call_soon still comes first.
import asyncio


def ring(label):
    print("ring:", label)


async def main(loop):
    print("registering callbacks")
    loop.call_later(0.2, ring, "after 0.2 s")
    loop.call_later(0.1, ring, "after 0.1 s")
    loop.call_soon(ring, "soon")
    await asyncio.sleep(0.4)
    print("main done")


loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(main(loop))
finally:
    loop.close()
