# threading.Timer calls a function after a delay, unless cancelled first.
import threading

calls = []
t1 = threading.Timer(0.05, calls.append, args=["fired"])
t2 = threading.Timer(0.05, calls.append, args=["cancelled"])
t1.start()
t2.start()
t2.cancel()
t1.join()
t2.join()
print(calls)
