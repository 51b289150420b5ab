# The charfinder index behind a minimal HTTP/1.1 server on streams: GET /?query=words
# answers with the matching characters, as plain text. No web framework: the handler
# reads the request head (request line and headers) with readuntil(), checks it, and
# writes a response with a Content-Length; a malformed request gets 400 Bad Request.
# Scripted clients on loopback ask it questions, good and bad; the OS picks the port.
import asyncio
import re
import unicodedata
import urllib.parse

RANGES = [(0x20, 0x3000), (0x1F000, 0x1FB00)]
WORD = re.compile(r"\w+")
TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


class UnicodeNameIndex:
    def __init__(self):
        self.index = {}
        for start, stop in RANGES:
            for code in range(start, stop):
                name = unicodedata.name(chr(code), None)
                if name:
                    for word in WORD.findall(name):
                        self.index.setdefault(word, set()).add(code)

    def find_description_strs(self, query):
        words = WORD.findall(query.upper())
        if not words:
            return
        for code in sorted(set.intersection(*(self.index.get(w, set()) for w in words))):
            yield "U+{:04X}\t{}\t{}".format(code, chr(code), unicodedata.name(chr(code)))

    def status(self, query, counter):
        if counter == 0:
            return "No match for {!r}".format(query)
        if counter == 1:
            return "1 match for {!r}".format(query)
        return "{} matches for {!r}".format(counter, query)


index = UnicodeNameIndex()


class BadRequest(Exception):
    pass


def parse_head(head):
    """The request line and headers of `head` (bytes up to the blank line)."""
    lines = head.decode("latin-1").split("\r\n")[:-2]
    parts = lines[0].split(" ")
    if len(parts) != 3 or not TOKEN.fullmatch(parts[0]) or not parts[1]:
        raise BadRequest("bad request line {!r}".format(lines[0]))
    method, target, version = parts
    if version not in ("HTTP/1.0", "HTTP/1.1"):
        raise BadRequest("bad version {!r}".format(version))
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep or not TOKEN.fullmatch(name):
            raise BadRequest("bad header {!r}".format(line))
        headers[name.lower()] = value.strip()
    return method, target, headers


async def respond(writer, status, text):
    body = text.encode()
    head = "HTTP/1.1 {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n"
    writer.write(head.format(status, len(body)).encode() + body)
    await writer.drain()
    writer.close()


async def handle_http(reader, writer):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        writer.close()
        return
    try:
        method, target, headers = parse_head(head)
    except BadRequest as e:
        print("Bad request: {}".format(e))
        await respond(writer, "400 Bad Request", "400 Bad Request\n")
        return
    path, _, query_string = target.partition("?")
    if method != "GET":
        print("{} {}: not allowed".format(method, path))
        await respond(writer, "405 Method Not Allowed", "405 Method Not Allowed\n")
        return
    if path != "/":
        print("GET {}: not found".format(path))
        await respond(writer, "404 Not Found", "404 Not Found\n")
        return
    query = urllib.parse.parse_qs(query_string).get("query", [""])[0].strip()
    print("Query: {!r}".format(query))
    if query:
        lines = list(index.find_description_strs(query))
        text = "".join(line + "\n" for line in lines) + index.status(query, len(lines)) + "\n"
    else:
        lines = []
        text = "Enter words describing characters.\n"
    await respond(writer, "200 OK", text)
    print("Sending {} results".format(len(lines)))


async def ask(port, request):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    response = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, body = response.partition(b"\r\n\r\n")
    print("  -> {}".format(head.split(b"\r\n")[0].decode()))
    for line in body.decode().splitlines():
        print("     {}".format(line))


def get(target):
    return "GET {} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: scripted\r\n\r\n".format(target).encode()


async def main():
    server = await asyncio.start_server(handle_http, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()
    print("Serving on {} (the OS chose the port)".format(host))
    for request in [
        get("/?query=chess+black+king"),
        get("/?query=hot%20beverage"),
        get("/?query=%E2%98%95"),
        get("/"),
        get("/favicon.ico"),
        b"POST /?query=sun HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"HELLO\r\n\r\n",
        b"GET /?query=sun HTTP/2.0\r\n\r\n",
        b"GET /?query=sun HTTP/1.1\r\nno colon here\r\n\r\n",
    ]:
        print("request {!r}".format(request.split(b"\r\n")[0].decode("latin-1")))
        await ask(port, request)
    server.close()
    await server.wait_closed()
    print("Server shut down.")


asyncio.run(main())
