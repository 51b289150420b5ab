# Blocking socket calls in threads: a recv() that waits parks only its own thread, the
# others run on. An echo server thread serves two clients in turn; the main thread's
# recv() waits for the echo. (The server thread notes what it did; the main thread
# prints it, so the output does not depend on how the threads interleave.)
import socket
import threading

server = socket.create_server(("127.0.0.1", 0))
address = server.getsockname()
print("listening on loopback:", address[0], type(address[1]).__name__)
print("blocking:", server.getblocking(), server.gettimeout())


log = []


def echo(n):
    for _ in range(n):
        conn, peer = server.accept()
        with conn:
            log.append("server: connection from " + peer[0])
            while True:
                data = conn.recv(4)
                if not data:
                    break
                conn.sendall(data.upper())
        log.append("server: connection closed")


t = threading.Thread(target=echo, args=(2,))
t.start()
for word in [b"hello world", b"bye"]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as c:
        c.connect(address)
        print("client: peer is the server:", c.getpeername() == address)
        c.sendall(word)
        c.shutdown(socket.SHUT_WR)
        got = b""
        while True:
            part = c.recv(100)
            if not part:
                break
            got += part
        print("client: got", got)
    print("client: fileno after close", c.fileno())
t.join()
print("\n".join(log))
server.close()
print(server)
