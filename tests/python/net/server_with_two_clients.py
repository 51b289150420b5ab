# One server task per connection: two clients connected at once, each served by its own
# handle() coroutine, which gives way at every readline() and drain(). The server runs
# under `async with` and serve_forever(), until it is cancelled.
import asyncio


async def handle(reader, writer):
    name = (await reader.readline()).decode().strip()
    print("server: hello", name)
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write("{}: {}".format(name, line.decode()).encode())
        await writer.drain()
    print("server:", name, "left")
    writer.close()


async def client(port, name, words):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(name.encode() + b"\n")
    await writer.drain()
    return reader, writer


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        forever = asyncio.create_task(server.serve_forever())
        r1, w1 = await client(port, "ann", [])
        r2, w2 = await client(port, "bob", [])
        for w, r, word in [(w1, r1, b"one\n"), (w2, r2, b"two\n"), (w1, r1, b"three\n")]:
            w.write(word)
            await w.drain()
            print("client got", await r.readline())
        w1.close()
        print("ann's end:", await r1.read())
        w2.write_eof()
        print("bob's end:", await r2.read())
        w2.close()
        await asyncio.sleep(0)
        forever.cancel()
        try:
            await forever
        except asyncio.CancelledError:
            print("serve_forever cancelled; serving:", server.is_serving())
    print("closed:", server.sockets)


asyncio.run(main())
