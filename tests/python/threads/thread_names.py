# Threads are named Thread-N (with the target's name), or as given.
import threading


def job():
    pass


print(threading.Thread(target=job))
print(threading.Thread(target=job, name="worker"))
print(threading.Thread())
print(threading.main_thread().name, threading.current_thread() is threading.main_thread())
names = []


def who():
    names.append(threading.current_thread().name)


t = threading.Thread(target=who, name="me")
t.start()
t.join()
print(names, t.name, t.getName())
