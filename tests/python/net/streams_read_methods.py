# StreamReader's reads on a real loopback connection: readline, read(n), readexactly,
# readuntil, at_eof, and the errors at end of file and past the limit.
import asyncio


async def talk(reader, writer):
    writer.write(b"first line\nsecond")
    await writer.drain()
    await asyncio.sleep(0.1)
    writer.write(b" part\nabc|def|")
    writer.write(b"0123456789" * 3 + b"\n")
    writer.write(b"tail")
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(talk, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=16)
    print(await reader.readline())
    print(await reader.readline())
    print(await reader.readuntil(b"|"))
    print(await reader.readexactly(4))
    try:
        await reader.readline()
    except ValueError as e:
        print("ValueError:", e)
    print(await reader.read(2))
    try:
        await reader.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print(type(e).__name__, e, isinstance(e, EOFError))
    print(reader.at_eof(), await reader.read(), await reader.readline())
    try:
        await reader.readuntil(b"!")
    except asyncio.IncompleteReadError as e:
        print(e)
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print("done", writer.is_closing())


asyncio.run(main())
