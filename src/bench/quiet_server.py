
# `corosim bench server`'s CPython side serves on until it is terminated. Above, the
# twin's server with its prints turned into `pass` (as `corosim serve charfinder --quiet`
# makes none of those lines); only the address is printed, for the benchmark to read.


async def main():
    server = await asyncio.start_server(handle_queries, "127.0.0.1", 0)
    address = server.sockets[0].getsockname()
    print("Serving on {}. Hit CTRL-C to stop.".format(address), flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
