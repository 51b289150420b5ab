# A blocking socket call inside a coroutine blocks the loop's whole thread. Whatever the
# loop's transports wrote before it has gone out already (a transport writes at once), so
# a peer waiting for those bytes in that blocking call gets them.
import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    accepted = loop.create_future()
    server = await asyncio.start_server(lambda r, w: accepted.set_result(w), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    peer = socket.create_connection(("127.0.0.1", port))
    peer.settimeout(5)
    writer = await accepted
    writer.write(b"hello\n")
    try:
        print("the peer got", peer.recv(100))
    except TimeoutError as e:
        print("the peer waited in vain:", e)
    peer.close()
    writer.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
