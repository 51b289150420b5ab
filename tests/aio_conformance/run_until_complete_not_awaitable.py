# run_until_complete(5) is a TypeError; asyncio.run(5) a ValueError.
import asyncio

loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(5)
except TypeError as e:
    print(repr(e))
print("running", loop.is_running())
loop.close()
try:
    asyncio.run(5)
except ValueError as e:
    print(repr(e))
