# A done Future refuses set_result/set_exception ("invalid state"); a Task refuses both.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result(1)
    for label, action in (
        ("set_result twice", lambda: f.set_result(2)),
        ("set_exception after result", lambda: f.set_exception(ValueError("x"))),
    ):
        try:
            action()
        except asyncio.InvalidStateError as e:
            print(label, repr(e))
    print("result kept:", f.result())
    c = loop.create_future()
    c.cancel()
    try:
        c.set_result(1)
    except asyncio.InvalidStateError as e:
        print("set_result on cancelled", repr(e))
    s = loop.create_future()
    try:
        s.set_exception(StopIteration())
    except TypeError as e:
        print("set_exception(StopIteration())", repr(e))
    t = asyncio.create_task(asyncio.sleep(0))
    try:
        t.set_result(1)
    except RuntimeError as e:
        print("Task.set_result", repr(e))
    try:
        t.set_exception(ValueError())
    except RuntimeError as e:
        print("Task.set_exception", repr(e))
    await t
    print("task finished normally:", t.result())


asyncio.run(main())
