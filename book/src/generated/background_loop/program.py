# "Async creep": plain synchronous code that needs what a coroutine computes. Instead of
# making every caller async, run an event loop forever in a background thread and hand it
# coroutines with run_coroutine_threadsafe; the caller gets a thread-safe future.
import asyncio
import threading


async def lookup(word):
    await asyncio.sleep(0.05)  # pretend to ask a server
    return word.upper()


def start_background_loop():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="loop-thread")
    thread.start()
    return loop, thread


def sync_lookup(loop, word):
    """Ordinary blocking code: no async in sight."""
    future = asyncio.run_coroutine_threadsafe(lookup(word), loop)
    return future.result(timeout=5)


loop, thread = start_background_loop()
print("result():", sync_lookup(loop, "alpha"))
print("result():", sync_lookup(loop, "beta"))

called_back = threading.Event()
answers = []


def on_done(future):  # runs in the loop's thread
    answers.append(future.result())
    called_back.set()


asyncio.run_coroutine_threadsafe(lookup("gamma"), loop).add_done_callback(on_done)
called_back.wait(timeout=5)
print("add_done_callback:", answers[0])

loop.call_soon_threadsafe(loop.stop)
thread.join()
loop.close()
print("background loop stopped")
