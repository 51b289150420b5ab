# A server and a client written as asyncio.Protocol subclasses: the loop calls
# connection_made, data_received, eof_received and connection_lost, in that order, and
# each side writes through its transport.
import asyncio


class Upper(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        print("server: connection from", transport.get_extra_info("peername")[0])

    def data_received(self, data):
        print("server: got", data)
        self.transport.write(data.upper())

    def eof_received(self):
        print("server: eof; can write eof:", self.transport.can_write_eof())
        self.transport.write(b"bye")
        return False  # the transport closes itself

    def connection_lost(self, exc):
        print("server: connection lost", exc)


class Client(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.received = []

    def connection_made(self, transport):
        print("client: connected, sockname host", transport.get_extra_info("sockname")[0])
        transport.write(b"hello ")
        transport.writelines([b"protocol ", b"world"])
        transport.write_eof()

    def data_received(self, data):
        self.received.append(data)

    def eof_received(self):
        print("client: eof")

    def connection_lost(self, exc):
        print("client: lost", exc, b"".join(self.received))
        self.done.set_result(len(self.received) > 0)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Upper, "127.0.0.1", 0)
    print(type(server).__name__, server.is_serving(), len(server.sockets))
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    transport, protocol = await loop.create_connection(lambda: Client(done), "127.0.0.1", port)
    print(isinstance(protocol, Client), isinstance(protocol, asyncio.Protocol), transport.is_closing())
    print("got data:", await done)
    print(transport.is_closing())
    server.close()
    await server.wait_closed()
    print(server.is_serving(), server.sockets)


asyncio.run(main())
