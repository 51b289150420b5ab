# An exception a thread lets out goes to threading.excepthook; the program goes on.
import threading


def hook(args):
    print("hook:", args.exc_type.__name__, args.exc_value, "in", args.thread.name)


threading.excepthook = hook


def fail():
    raise ValueError("bad input")


t = threading.Thread(target=fail, name="failing")
t.start()
t.join()
print("main goes on; the thread is alive:", t.is_alive())
