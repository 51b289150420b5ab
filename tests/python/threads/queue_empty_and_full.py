# get and put without waiting, or with a timeout, raise queue.Empty and queue.Full.
import queue

q = queue.Queue(maxsize=2)
q.put_nowait("a")
q.put("b")
print("full:", q.full(), "size:", q.qsize())
try:
    q.put_nowait("c")
except queue.Full:
    print("put_nowait: Full")
try:
    q.put("c", timeout=0.01)
except queue.Full:
    print("put with a timeout: Full")
print(q.get_nowait(), q.get(block=False))
try:
    q.get_nowait()
except queue.Empty:
    print("get_nowait: Empty")
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("get with a timeout: Empty")
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)
print(issubclass(queue.Empty, Exception), queue.Queue().maxsize)
