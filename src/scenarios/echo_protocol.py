# An echo server and its client written as protocols (PyMOTW's "Asynchronous I/O with
# Protocol Class Abstractions"): no coroutine reads or writes. The loop calls each
# protocol's methods as things happen on its connection -- connection_made,
# data_received, eof_received, connection_lost -- and a protocol writes by handing bytes
# to its transport. Both ends run in one program, on loopback; the OS picks the port.
import asyncio

MESSAGES = [b"This is the message. ", b"It will be sent ", b"in parts."]


class EchoServer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.address = transport.get_extra_info("peername")
        print("server: connection accepted from {}".format(self.address[0]))

    def data_received(self, data):
        print("server: received {!r}".format(data))
        self.transport.write(data)
        print("server: sent {!r}".format(data))

    def eof_received(self):
        print("server: received EOF")
        if self.transport.can_write_eof():
            self.transport.write_eof()

    def connection_lost(self, error):
        if error:
            print("server: ERROR: {}".format(error))
        else:
            print("server: closing")
        super().connection_lost(error)


class EchoClient(asyncio.Protocol):
    def __init__(self, messages, future):
        super().__init__()
        self.messages = messages
        self.f = future

    def connection_made(self, transport):
        self.transport = transport
        self.address = transport.get_extra_info("peername")
        print("client: connecting to {}".format(self.address[0]))
        for msg in self.messages:
            transport.write(msg)
            print("client: sending {!r}".format(msg))
        if transport.can_write_eof():
            transport.write_eof()

    def data_received(self, data):
        print("client: received {!r}".format(data))

    def eof_received(self):
        print("client: received EOF")
        self.transport.close()
        if not self.f.done():
            self.f.set_result(True)

    def connection_lost(self, exc):
        print("client: server closed connection")
        self.transport.close()
        if not self.f.done():
            self.f.set_result(True)
        super().connection_lost(exc)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(EchoServer, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()
    print("starting up on {} (the OS chose the port)".format(host))
    done = loop.create_future()
    transport, protocol = await loop.create_connection(lambda: EchoClient(MESSAGES, done), "127.0.0.1", port)
    await done
    server.close()
    await server.wait_closed()
    print("server shut down")


asyncio.run(main())
