# Event.wait(timeout) returns the flag: False when the time ran out, True once set.
import threading

ev = threading.Event()
print("is_set:", ev.is_set())
print("wait(0.01):", ev.wait(0.01))
ev.set()
print("wait(0.01) after set():", ev.wait(0.01))
print("wait() after set():", ev.wait())
ev.clear()
print("is_set after clear():", ev.is_set())
