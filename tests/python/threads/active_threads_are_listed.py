# enumerate() and active_count() list the threads alive now, the main one included.
import threading

hold = threading.Event()
ready = threading.Event()


def wait_here():
    ready.set()
    hold.wait()


t = threading.Thread(target=wait_here, name="waiter")
print("before start:", threading.active_count())
t.start()
ready.wait()
print("while it waits:", threading.active_count(), sorted(x.name for x in threading.enumerate()))
hold.set()
t.join()
print("after join:", threading.active_count(), [x.name for x in threading.enumerate()])
print("ident set:", t.ident is not None, "main ident:", threading.main_thread().ident == threading.get_ident())
