# The program ends when its non-daemon threads end; a daemon thread is left behind.
import threading

forever = threading.Event()


def wait_forever():
    forever.wait()
    print("never printed")


t = threading.Thread(target=wait_forever, daemon=True)
print("daemon:", t.daemon)
t.start()
print("alive:", t.is_alive())
print("main thread ends")
