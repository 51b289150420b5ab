# asyncio.run needs a coroutine.
import asyncio

try:
    asyncio.run(5)
except ValueError as e:
    print("ValueError:", e)
