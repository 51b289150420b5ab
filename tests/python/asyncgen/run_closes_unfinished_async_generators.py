# An async generator still suspended when asyncio.run's main ends is closed by the loop
# (shutdown_asyncgens) before run returns; one never started is not.
import asyncio

kept = []


async def numbers(name):
    try:
        i = 0
        while True:
            yield i
            i += 1
    finally:
        print(name, "closed")
        await asyncio.sleep(0)
        print(name, "finished its finally")


async def main():
    a = numbers("a")
    print(await a.__anext__(), await a.__anext__())
    kept.append(a)
    kept.append(numbers("never started"))
    squares = (x * x async for x in numbers("squares") if x % 2)
    print(type(squares).__name__, await squares.__anext__(), await squares.__anext__())
    kept.append(squares)
    print("main ends")


asyncio.run(main())
print("after asyncio.run")
