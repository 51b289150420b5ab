# Tasks that fail together are reported together: one ExceptionGroup, its exceptions
# in the order the tasks failed; `except*` takes each kind apart.
import asyncio


async def fail(exc, delay):
    await asyncio.sleep(delay)
    raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(KeyError("k"), 1))
            tg.create_task(fail(ValueError("v"), 1))
            tg.create_task(fail(TypeError("never"), 2))
    except* KeyError as eg:
        print("KeyError part:", repr(eg))
    except* ValueError as eg:
        print("ValueError part:", repr(eg))
    except* TypeError:
        print("not reached: that task was cancelled first")


asyncio.run(main())
