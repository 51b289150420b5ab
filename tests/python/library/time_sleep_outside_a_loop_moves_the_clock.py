# time.sleep outside an event loop blocks the program for that long: the clock moves on
# by exactly that much, and it never goes backwards, not even into a later asyncio.run.
import asyncio
import time

start = time.monotonic()
time.sleep(2)
print(f"slept {time.monotonic() - start:.1f} s")

t0 = time.perf_counter()
for _ in range(3):
    time.sleep(0.5)
print(f"three naps: {time.perf_counter() - t0:.1f} s")

t0 = time.perf_counter_ns()
time.sleep(0.3)
print("0.3 s in ns:", time.perf_counter_ns() - t0)

stamps = [time.monotonic()]


async def main():
    stamps.append(time.monotonic())
    await asyncio.sleep(1)
    stamps.append(time.monotonic())


asyncio.run(main())
time.sleep(0.5)
stamps.append(time.monotonic())
print("never backwards:", stamps == sorted(stamps))
print(f"from the start: {time.monotonic() - start:.1f} s")

for bad in (-1, "1", float("nan")):
    try:
        time.sleep(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for call in (lambda: time.sleep(), lambda: time.sleep(1, 2), lambda: time.monotonic(1)):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
