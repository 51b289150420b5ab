# A socket's errors, as CPython raises them: a non-blocking call that would wait, a
# timeout, a refused connection, a closed socket.
import socket

server = socket.create_server(("127.0.0.1", 0))
address = server.getsockname()
c = socket.create_connection(address)
conn, _ = server.accept()

conn.setblocking(False)
print("non-blocking:", conn.getblocking(), conn.gettimeout())
try:
    conn.recv(10)
except BlockingIOError as e:
    print(type(e).__name__, e.errno, isinstance(e, OSError))

conn.setblocking(True)
conn.settimeout(0.5)
print("timeout:", conn.gettimeout())
try:
    conn.recv(10)
except TimeoutError as e:
    print(type(e).__name__, e, socket.timeout is TimeoutError)

c.sendall(b"x")
print("after the send:", conn.recv(10))
c.close()
print("after the peer closed:", conn.recv(10))
conn.close()

server.setblocking(False)
try:
    server.accept()
except BlockingIOError as e:
    print("accept:", type(e).__name__, e.errno)

# A port nobody listens on: bound, then closed.
spare = socket.socket()
spare.bind(("127.0.0.1", 0))
port = spare.getsockname()[1]
spare.close()
try:
    socket.create_connection(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print(type(e).__name__, e.errno, e.strerror)

for call in [lambda: spare.recv(1), lambda: spare.getsockname(), lambda: spare.sendall(b"x")]:
    try:
        call()
    except OSError as e:
        print("closed socket:", type(e).__name__, e)

try:
    c.recv(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    server.sendall("text")
except TypeError as e:
    print(type(e).__name__, e)
server.close()
