# Defaults fill missing arguments; parameters after * must be named.
def connect(host, port=80, *, timeout=10):
    return f"{host}:{port} timeout={timeout}"


print(connect("a"))
print(connect("b", 8080, timeout=1))
try:
    connect("c", 1, 2)
except TypeError as e:
    print(e)
