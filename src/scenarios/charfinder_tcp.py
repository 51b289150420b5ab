# The course's Unicode-name TCP server, with its clients in the same program. One thread
# serves every client: handle_queries gives way at each readline() and drain(), and the
# loop's selector wakes it when its socket is ready.
#
# The index holds the characters of U+0020..U+2FFF and U+1F000..U+1FAFF that have a name
# in Unicode 14.0 (the Unicode of Python 3.11's unicodedata). The server listens on a port
# the OS picks (port 0), and no port is printed, so every run prints the same lines.
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
        print("Received from {}: {!r}".format(host, query))
        if query:
            if ord(query[:1]) < 32:
                break
            lines = list(index.find_description_strs(query))
            if lines:
                writer.writelines(line.encode() + CRLF for line in lines)
            writer.write(index.status(query, len(lines)).encode() + CRLF)
            await writer.drain()
            print("Sent {} results".format(len(lines)))
    print("Close the client socket")
    writer.close()


async def client(name, port, queries):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for query in queries:
        prompt = await reader.readexactly(len(PROMPT))
        print("{} got the prompt {!r}, sends {!r}".format(name, prompt.decode(), query))
        writer.write(query + CRLF)
        await writer.drain()
        if not query.strip() or query[:1] < b" " or query[:1] > b"\x7f":
            continue
        while True:
            line = (await reader.readline()).decode().rstrip("\r\n")
            print("{}   {}".format(name, line))
            if not line.startswith("U+"):
                break
    rest = await reader.read(100)
    print("{} reads {!r}: the server closed the connection".format(name, rest))
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle_queries, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()
    print("Serving on {} (the OS chose the port)".format(host))
    await client("client 1", port, [b"chess black", b"", b"sun behind", b"\xff\xfe bad utf-8"])
    await client("client 2", port, [b"cat face smiling", b"xyzzy", b"greek small letter alpha tonos", b"\x03"])
    server.close()
    await server.wait_closed()
    print("Server shut down.")


asyncio.run(main())
