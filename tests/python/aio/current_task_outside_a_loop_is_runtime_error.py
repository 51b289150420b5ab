# Without a running loop, current_task() and get_running_loop() raise RuntimeError.
import asyncio

for call in (asyncio.current_task, asyncio.get_running_loop):
    try:
        call()
    except RuntimeError as e:
        print(e)
