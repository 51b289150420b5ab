//! The five I/O models as timelines: what a process does, tick by tick, while it waits
//! for data — blocked, polling, in `select()`, working until a signal, or never waiting
//! at all. A small simulated kernel makes every run the same.

use crate::{Console, PyResult};

/// Tick at which socket 1 (index 0) and socket 2 (index 1) have data.
const ARRIVES: [usize; 2] = [4, 2];
/// Ticks of other work the process has to do.
const WORK: usize = 6;

/// `read()` on a blocking socket: the process sleeps until the data is there.
fn blocking() -> String {
    let mut line = "B".repeat(ARRIVES[0]);
    line += "r";
    line + &"w".repeat(WORK)
}

/// A non-blocking socket: `read()` fails with EAGAIN at once; poll between work.
fn non_blocking() -> String {
    let (mut line, mut work) = (String::new(), WORK);
    loop {
        if line.len() >= ARRIVES[0] {
            line += "r";
            break;
        }
        line += "pw"; // EAGAIN, then a tick of work before polling again
        work -= 1;
    }
    line + &"w".repeat(work)
}

/// `select()` on both sockets: one blocking call waits for whichever is ready first.
fn multiplexing() -> String {
    let (mut line, mut unread) = (String::new(), vec![0, 1]);
    while !unread.is_empty() {
        match unread.iter().position(|&s| line.len() >= ARRIVES[s]) {
            Some(i) => {
                line += "r";
                unread.remove(i);
            }
            None => line += "s",
        }
    }
    line + &"w".repeat(WORK)
}

/// SIGIO: work on; the kernel signals when data arrives; the handler copies it in.
fn signal_driven() -> String {
    let (mut line, mut work) = (String::new(), WORK);
    while work > 0 || line.len() <= ARRIVES[0] {
        if line.len() == ARRIVES[0] {
            line += "r"; // the signal handler runs read()
        } else {
            line += "w";
            work -= 1;
        }
    }
    line
}

/// `aio_read()`: the kernel copies the data itself and reports when it is done.
fn asynchronous() -> (String, String) {
    ("w".repeat(WORK), ".".repeat(ARRIVES[0]) + "k")
}

fn show(out: &Console, name: &str, line: &str, note: &str) {
    out.print(format!("{name:<14} {line:<12} {:>2} ticks  {note}", line.len()));
}

pub fn run(out: &Console) -> PyResult<()> {
    out.print(format!(
        "socket 1 gets data at tick {}, socket 2 at tick {}; {WORK} ticks of other work",
        ARRIVES[0], ARRIVES[1]
    ));
    show(out, "blocking", &blocking(), "waited doing nothing, then worked");
    show(out, "non-blocking", &non_blocking(), "worked between polls; each p is a wasted call");
    show(out, "select", &multiplexing(), "one thread waited on both sockets: socket 2 first");
    show(out, "signal-driven", &signal_driven(), "worked until SIGIO; the handler copied the data");
    let (process, kernel) = asynchronous();
    show(out, "asynchronous", &process, "never waited: the kernel copied the data itself");
    out.print(format!(
        "{:<14} {kernel:<12} {:>2}        the kernel's copy at tick {}",
        "  (kernel)", "", ARRIVES[0]
    ));
    Ok(())
}
