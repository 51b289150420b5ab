# Coroutines: one task spins, the other awaits.
import asyncio
import itertools

async def spin(msg):
    for char in itertools.cycle('|/-\\'):
        status = char + ' ' + msg
        print(status, end='\r', flush=True)
        try:
            await asyncio.sleep(.1)  # gives way
        except asyncio.CancelledError:
            break  # cancel() arrives at the await
    print(' ' * len(status), end='\r')

async def slow_function():
    await asyncio.sleep(3)  # the loop runs on
    return 42

async def supervisor():
    spinner = asyncio.create_task(spin('thinking!'))
    print('spinner object:', spinner)
    result = await slow_function()
    spinner.cancel()  # a request, not a kill
    return result

loop = asyncio.new_event_loop()
result = loop.run_until_complete(supervisor())
loop.close()
print('Answer:', result)
