# Threads: one thread spins, the main thread blocks.
import itertools
import time
from threading import Event, Thread

def spin(msg, done):
    for char in itertools.cycle('|/-\\'):
        status = char + ' ' + msg
        print(status, end='\r', flush=True)
        if done.wait(.1):  # True once done is set
            break
    print(' ' * len(status), end='\r')

def slow_function():
    time.sleep(3)  # blocks this thread only
    return 42

def supervisor():
    done = Event()
    spinner = Thread(target=spin,
                     args=('thinking!', done))
    print('spinner object:', spinner)
    spinner.start()  # a thread waits for start()
    result = slow_function()
    done.set()  # ask the spinner to stop...
    spinner.join()  # ...and wait until it has
    return result

result = supervisor()
print('Answer:', result)
