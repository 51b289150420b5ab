# `corosim bench server`'s CPython side: charfinder_tcp.py's server (the same index, the
# same handle_queries), serving for real on the port the OS picks, until it is terminated.
# It prints its address, as `corosim serve charfinder` does; the benchmark reads it.
import asyncio
import re
import unicodedata

CRLF = b"\r\n"
PROMPT = b"?> "
RANGES = [(0x20, 0x3000), (0x1F000, 0x1FB00)]
WORD = re.compile(r"\w+")


class UnicodeNameIndex:
    def __init__(self):
        self.index = {}
        for start, stop in RANGES:
            for code in range(start, stop):
                name = unicodedata.name(chr(code), None)
                if name:
                    for word in WORD.findall(name):
                        self.index.setdefault(word, set()).add(code)

    def find_codes(self, query):
        words = WORD.findall(query.upper())
        if not words:
            return []
        found = set.intersection(*(self.index.get(w, set()) for w in words))
        return sorted(found)

    def find_description_strs(self, query):
        for code in self.find_codes(query):
            yield "U+{:04X}\t{}\t{}".format(code, chr(code), unicodedata.name(chr(code)))

    def status(self, query, counter):
        if counter == 0:
            return "No match for {!r}".format(query)
        if counter == 1:
            return "1 match for {!r}".format(query)
        return "{} matches for {!r}".format(counter, query)


index = UnicodeNameIndex()


async def handle_queries(reader, writer):
    while True:
        writer.write(PROMPT)
        await writer.drain()
        try:
            data = await reader.readline()
        except ValueError as e:  # a line longer than the stream's limit (64 KiB)
            print("Line too long: {}".format(e))
            writer.write(b"Error: line too long" + CRLF)
            break
        if not data:  # end of file: the client went away
            break
        try:
            query = data.decode().strip()
        except UnicodeDecodeError:
            query = "\x00"
        host = writer.get_extra_info("peername")[0]
        pass  # print("Received from {}: {!r}".format(host, query))
        if query:
            if ord(query[:1]) < 32:
                break
            lines = list(index.find_description_strs(query))
            if lines:
                writer.writelines(line.encode() + CRLF for line in lines)
            writer.write(index.status(query, len(lines)).encode() + CRLF)
            await writer.drain()
            pass  # print("Sent {} results".format(len(lines)))
    pass  # print("Close the client socket")
    writer.close()


async def main():
    server = await asyncio.start_server(handle_queries, "127.0.0.1", 0)
    print("Serving on {}. Hit CTRL-C to stop.".format(server.sockets[0].getsockname()), flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
