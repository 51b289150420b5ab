# Coroutines must never block the loop, and plain file I/O blocks. The answer: hand the
# blocking call to a thread pool with run_in_executor and await its result, while the
# loop keeps running other tasks.
import asyncio
import os
import tempfile


def save_flag(directory, filename, data):
    """Blocking file I/O: runs on a worker thread, never on the loop."""
    path = os.path.join(directory, filename)
    with open(path, "w") as f:
        f.write(data)
    return os.path.getsize(path)


async def download_and_save(directory, cc, delay):
    await asyncio.sleep(delay)  # a simulated download
    image = "GIF89a" + cc * 40
    loop = asyncio.get_running_loop()
    size = await loop.run_in_executor(None, save_flag, directory, cc.lower() + ".gif", image)
    print("{}: saved {} bytes".format(cc, size))
    return size


async def main():
    with tempfile.TemporaryDirectory() as directory:
        sizes = await asyncio.gather(
            download_and_save(directory, "BR", 0.15),
            download_and_save(directory, "IN", 0.05),
            download_and_save(directory, "US", 0.10),
        )
        print("files:", sorted(os.listdir(directory)))
    print("total bytes:", sum(sizes))


asyncio.run(main())
