# wait() and notify() need the condition's lock held.
import threading

cond = threading.Condition()
try:
    cond.wait(0.01)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)
with cond:
    print("held: wait(0) =", cond.wait(0))
