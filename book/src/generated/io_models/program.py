# The five I/O models as timelines of what a process does while it waits for data.
# A simulated kernel: data reaches socket 1 at tick 4 and socket 2 at tick 2, and copying
# data from the kernel into the process takes one tick. The process must read its data
# and also has 6 ticks of other work to do. One letter per tick:
#   B blocked in read()   p poll: EAGAIN, no data yet   s blocked in select()
#   w other work          r copy data into the process  k (kernel) copies for us
ARRIVES = {1: 4, 2: 2}
WORK = 6


def blocking():
    """read() on a blocking socket: the process sleeps until the data is there."""
    line = ""
    while len(line) < ARRIVES[1]:
        line += "B"
    return line + "r" + "w" * WORK


def non_blocking():
    """A non-blocking socket: read() fails with EAGAIN at once; poll between work."""
    line, work = "", WORK
    while True:
        if len(line) >= ARRIVES[1]:
            line += "r"
            break
        line += "p"  # EAGAIN
        line += "w"  # a tick of work before polling again
        work -= 1
    return line + "w" * work


def multiplexing():
    """select() on both sockets: one blocking call waits for whichever is ready first."""
    line, unread = "", [1, 2]
    while unread:
        ready = [s for s in unread if len(line) >= ARRIVES[s]]
        if ready:
            line += "r"
            unread.remove(ready[0])
        else:
            line += "s"
    return line + "w" * WORK


def signal_driven():
    """SIGIO: work on; the kernel signals when data arrives; the handler copies it in."""
    line, work = "", WORK
    while work or len(line) <= ARRIVES[1]:
        if len(line) == ARRIVES[1]:
            line += "r"  # the signal handler runs read()
        else:
            line += "w"
            work -= 1
    return line


def asynchronous():
    """aio_read(): the kernel copies the data itself and reports when it is done."""
    kernel = "." * ARRIVES[1] + "k"
    return "w" * WORK, kernel


def show(name, line, note):
    print("{:<14} {:<12} {:>2} ticks  {}".format(name, line, len(line), note))


print("socket 1 gets data at tick {}, socket 2 at tick {}; {} ticks of other work".format(ARRIVES[1], ARRIVES[2], WORK))
show("blocking", blocking(), "waited doing nothing, then worked")
show("non-blocking", non_blocking(), "worked between polls; each p is a wasted call")
show("select", multiplexing(), "one thread waited on both sockets: socket 2 first")
show("signal-driven", signal_driven(), "worked until SIGIO; the handler copied the data")
process, kernel = asynchronous()
show("asynchronous", process, "never waited: the kernel copied the data itself")
print("{:<14} {:<12} {:>2}        the kernel's copy at tick {}".format("  (kernel)", kernel, "", ARRIVES[1]))
