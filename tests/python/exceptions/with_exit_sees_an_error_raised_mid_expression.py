# An exception raised halfway through an expression inside `with` (other values already
# computed on the way) still reaches the right __exit__ / __aexit__, with its type.
import asyncio


class Recorder:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        print(self.name, "exit:", kind.__name__ if kind else None, repr(value))
        return kind is KeyError

    async def __aenter__(self):
        return self

    async def __aexit__(self, kind, value, tb):
        print(self.name, "aexit:", kind.__name__ if kind else None)
        return False


with Recorder("a") as r:
    print("inside", r.name, {}["missing"])
print("KeyError swallowed by __exit__")

try:
    with Recorder("b"), Recorder("c") as c:
        total = 1 + 2 * len([1, 2, c.name]) + int("not a number")
except ValueError as e:
    print("ValueError reached the caller:", e)


async def main():
    try:
        async with Recorder("d"):
            print("pair", (1, [2, 3][5]))
    except IndexError as e:
        print("IndexError:", e)


asyncio.run(main())
