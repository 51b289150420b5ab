# loop.call_at(when, f) runs f when loop.time() reaches `when`. loop.time() is the
# loop's own clock; only differences between its readings mean anything.
import asyncio


def ring(label, loop, start):
    print("ring: {} at +{:.1f} s".format(label, loop.time() - start))


async def main(loop):
    start = loop.time()
    print("clock read; scheduling")
    loop.call_at(start + 0.2, ring, "second", loop, start)
    loop.call_at(start + 0.1, ring, "first", loop, start)
    loop.call_soon(ring, "soon", loop, start)
    await asyncio.sleep(0.3)
    print("main done at +{:.1f} s".format(loop.time() - start))


loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(main(loop))
finally:
    loop.close()
