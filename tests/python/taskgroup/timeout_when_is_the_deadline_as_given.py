# `when()` is the deadline as it was given (an int stays an int); `repr` shows it, rounded,
# only while the block runs.
import asyncio
async def main():
    t = asyncio.timeout_at(5)
    print(t.when(), repr(t))
    async with t:
        print(repr(t), t.when())
        t.reschedule(7)
        print(repr(t), t.when())
        t.reschedule(7.25)
        print(repr(t), t.when())
        t.reschedule(None)
        print(repr(t), t.when())
    t2 = asyncio.timeout(None)
    print(t2.when(), repr(t2))
    async with asyncio.timeout(2.5) as t3:
        print(t3.when(), repr(t3))
asyncio.run(main())
