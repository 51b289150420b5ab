# The main module's end does not end the program: non-daemon threads run to their end.
import threading
import time


def late():
    time.sleep(0.1)
    print("the thread finishes after the main module")


threading.Thread(target=late).start()
print("the main module ends first")
