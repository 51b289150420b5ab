"""The I/O models for real: one server, three clients, on loopback sockets.

Client A is slow: it connects first, then thinks for 0.2 s before it sends its
request. B sends at once, C after 0.1 s. The same three clients are served twice:

1. with blocking sockets, by one thread: accept() and recv() sleep until they can
   go on, so the server waits for A while B and C wait in the queue behind it;
2. with asyncio, whose loop waits in select/epoll on every socket at once: each
   client is served as soon as its request is there, so A no longer holds up the rest.
"""
import asyncio
import socket
import threading
import time

CLIENTS = [("A", 0.2), ("B", 0.0), ("C", 0.1)]  # name, seconds it thinks before sending


def blocking_client(sock, name, think):
    time.sleep(think)
    sock.sendall(name.encode())
    sock.recv(100)  # the server's answer
    sock.close()


def blocking_server():
    print("-- blocking sockets, one thread --")
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    address = server.getsockname()
    threads = []
    for name, think in CLIENTS:
        sock = socket.create_connection(address)  # queued by the kernel, in this order
        t = threading.Thread(target=blocking_client, args=(sock, name, think))
        t.start()
        threads.append(t)
    order = []
    for _ in CLIENTS:
        conn, _ = server.accept()  # blocks until a client is in the queue
        request = conn.recv(100).decode()  # blocks until this client sends
        print(f"blocking: served {request}")
        conn.sendall(b"ok " + request.encode())
        conn.close()
        order.append(request)
    for t in threads:
        t.join()
    server.close()
    print("blocking: order", " ".join(order))


async def handle(reader, writer, order):
    request = (await reader.read(100)).decode()  # the loop serves others meanwhile
    print(f"selector: served {request}")
    writer.write(b"ok " + request.encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    order.append(request)


async def selector_client(address, name, think, connected):
    reader, writer = await asyncio.open_connection(*address)
    connected.set()
    await asyncio.sleep(think)
    writer.write(name.encode())
    await writer.drain()
    await reader.read(100)
    writer.close()
    await writer.wait_closed()


async def selector_server():
    print("-- one event loop on select/epoll --")
    order = []
    server = await asyncio.start_server(lambda r, w: handle(r, w, order), "127.0.0.1", 0)
    address = server.sockets[0].getsockname()
    clients = []
    for name, think in CLIENTS:
        connected = asyncio.Event()
        clients.append(asyncio.create_task(selector_client(address, name, think, connected)))
        await connected.wait()  # connect in the same order as before
    await asyncio.gather(*clients)
    server.close()
    await server.wait_closed()
    print("selector: order", " ".join(order))


blocking_server()
asyncio.run(selector_server())
