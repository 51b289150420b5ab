//! `selectors.DefaultSelector`: the loop's `select()`, with `epoll` underneath.
//!
//! The course's I/O models end with *I/O multiplexing*: one thread asks the kernel "which
//! of these file descriptors can I read or write without blocking?" — `select`, `poll`,
//! `epoll` — and sleeps in that one call until some can, or until a timeout. asyncio's
//! loop is built on exactly that call. Every socket a coroutine waits on is **registered**
//! with the selector for `EVENT_READ` or `EVENT_WRITE`, with the callback to run when it
//! is ready (`loop.add_reader(fd, callback)`); when nothing is ready to run, the loop
//! calls `select(timeout)`, with the time left until its earliest timer as the timeout,
//! and queues the callbacks of the descriptors that came back ready.
//!
//! Readiness is *level-triggered*, as CPython's selectors are: a descriptor with unread
//! data comes back ready at every `select` until it is read, and a reader that reads only
//! part of it is called again next turn.
//!
//! Other threads wake a selector that sleeps (`call_soon_threadsafe`, an executor job
//! done): the [`Wakeup`] here is the kernel's side of the loop's inbox (`inbox.rs`), a
//! notification the `select` call returns for, with no descriptor ready.
//!
//! **Writes leave at the end of the turn.** A transport's `write` does not call `send`
//! at once, as CPython's does: it keeps the bytes (*corks* them, as `TCP_CORK` does) and
//! registers here, and the loop sends every transport's corked bytes in one `send` each
//! when the turn ends, before its next `select` ([`Selector::send_corked`]). A server step
//! that writes an answer's lines, its status and the next prompt then costs one `send`,
//! not three, and the peer gets one segment to read, not three. What a peer can see is the
//! same as in CPython: a `select` (in this loop or another) finds the bytes there exactly
//! when it would have, since no `select` runs inside a turn.
//!
//! The poller is made on first use: a loop that never waits in real time (the virtual
//! clock, no sockets, no threads) never opens one.
//!
//! ```text
//! select(read=[7, 9], write=[8], timeout=0.5)  →  [9 readable]  →  run 9's reader
//! ```
//!
//! This file is one of the fenced places where corosim uses `unsafe`, for one call:
//! `Poller::add_with_mode`, which asks the caller to delete a descriptor from the poller
//! before closing it (epoll watches the open file, not the number). The loop keeps that
//! promise for the sockets it owns (a transport or `sock_*` call unregisters before it
//! closes), and `remove_reader`/`remove_writer` are the program's way to keep it, as in
//! CPython, where closing a registered descriptor is the same bug.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io;
use std::os::fd::{BorrowedFd, RawFd};
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::Duration;

use polling::{Event, Events, PollMode, Poller};

use crate::exception::PyException;
use crate::value::Value;

/// Which way a descriptor is watched: `selectors.EVENT_READ` or `EVENT_WRITE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// `EVENT_READ`: data (or a connection, or EOF) is waiting.
    Read,
    /// `EVENT_WRITE`: the send buffer has room (or a connect finished).
    Write,
}

/// A reader's or writer's callback: it stays registered, so it runs at every `select`
/// that finds its descriptor ready, until it is removed.
#[derive(Clone)]
pub(crate) struct IoCallback {
    pub(crate) name: Cow<'static, str>,
    pub(crate) f: Rc<dyn Fn()>,
}

/// What other threads use to interrupt a `select` in progress (and the poller itself,
/// made on first use).
#[derive(Default)]
pub(crate) struct Wakeup(OnceLock<Poller>);

impl Wakeup {
    /// The poller, made the first time it is needed.
    fn poller(&self) -> io::Result<&Poller> {
        if let Some(p) = self.0.get() {
            return Ok(p);
        }
        let made = Poller::new()?;
        // Only the loop's own thread makes it; `set` fails only if it already did.
        let _ = self.0.set(made);
        Ok(self.0.get().expect("just set"))
    }

    /// Makes a `select` in progress (or the next one) return at once. A no-op if the
    /// loop never made its poller: then it is not sleeping in one.
    pub(crate) fn notify(&self) {
        if let Some(p) = self.0.get() {
            let _ = p.notify();
        }
    }
}

/// The callbacks registered for one descriptor: a selector *key*.
#[derive(Default)]
struct Key {
    reader: Option<IoCallback>,
    writer: Option<IoCallback>,
}

impl Key {
    fn interest(&self, fd: RawFd) -> Event {
        Event::new(fd as usize, self.reader.is_some(), self.writer.is_some())
    }
}

/// Something holding bytes written this turn, to send when the turn ends (a transport).
pub(crate) trait Corked {
    /// Send what was corked (what does not fit waits for the socket to be writable).
    fn send_corked(&self);
}

/// A loop's selector: the registered descriptors and their callbacks.
pub(crate) struct Selector {
    wakeup: std::sync::Arc<Wakeup>,
    /// Registered descriptors, by number (the order traces list them in).
    keys: RefCell<BTreeMap<RawFd, Key>>,
    events: RefCell<Events>,
    /// Who wrote this turn, in the order of their first write.
    corked: RefCell<Vec<Rc<dyn Corked>>>,
}

/// One `select` call's outcome: the callbacks to queue, in the order the kernel reported
/// their descriptors ready (for each, its reader first, as asyncio's `_process_events`).
pub(crate) type ReadyCallbacks = Vec<IoCallback>;

impl Selector {
    pub(crate) fn new(wakeup: std::sync::Arc<Wakeup>) -> Selector {
        Selector {
            wakeup,
            keys: RefCell::default(),
            events: RefCell::new(Events::new()),
            corked: RefCell::default(),
        }
    }

    /// `writer` has bytes to send at the end of this turn (call it once per turn: at the
    /// write that finds nothing corked yet).
    pub(crate) fn cork(&self, writer: Rc<dyn Corked>) {
        self.corked.borrow_mut().push(writer);
    }

    /// The end of a turn: every writer sends what it corked, in the order they wrote.
    pub(crate) fn send_corked(&self) {
        if self.corked.borrow().is_empty() {
            return;
        }
        let writers = std::mem::take(&mut *self.corked.borrow_mut());
        for w in &writers {
            w.send_corked();
        }
        // Keep the list's room for the next turn (a busy server corks in every turn).
        let mut corked = self.corked.borrow_mut();
        if corked.is_empty() {
            let mut writers = writers;
            writers.clear();
            *corked = writers;
        }
    }

    /// True when no descriptor is registered: then the loop has no I/O to wait for.
    pub(crate) fn is_empty(&self) -> bool {
        self.keys.borrow().is_empty()
    }

    /// Registered descriptors, as (readers, writers): what a `select` watches.
    pub(crate) fn watched(&self) -> (Vec<RawFd>, Vec<RawFd>) {
        let keys = self.keys.borrow();
        let readers = keys.iter().filter(|(_, k)| k.reader.is_some()).map(|(fd, _)| *fd).collect();
        let writers = keys.iter().filter(|(_, k)| k.writer.is_some()).map(|(fd, _)| *fd).collect();
        (readers, writers)
    }

    /// `selector.register`/`modify`: watch `fd` in `direction`, with `callback` (which
    /// replaces one registered before, as `add_reader` does).
    pub(crate) fn register(
        &self,
        fd: BorrowedFd<'_>,
        direction: Direction,
        callback: IoCallback,
    ) -> io::Result<()> {
        use std::os::fd::AsRawFd;
        let poller = self.wakeup.poller()?;
        let raw = fd.as_raw_fd();
        let mut keys = self.keys.borrow_mut();
        let is_new = !keys.contains_key(&raw);
        let key = keys.entry(raw).or_default();
        match direction {
            Direction::Read => key.reader = Some(callback),
            Direction::Write => key.writer = Some(callback),
        }
        let interest = key.interest(raw);
        let outcome = if is_new {
            // SAFETY: see the module doc: every registered descriptor is deleted from
            // the poller (`unregister`) before its owner closes it.
            unsafe { poller.add_with_mode(raw, interest, PollMode::Level) }
        } else {
            poller.modify_with_mode(fd, interest, PollMode::Level)
        };
        if outcome.is_err() && is_new {
            keys.remove(&raw);
        }
        outcome
    }

    /// `selector.unregister`/`modify`: stop watching `fd` in `direction`. False if it
    /// was not watched that way.
    pub(crate) fn unregister(&self, fd: BorrowedFd<'_>, direction: Direction) -> bool {
        use std::os::fd::AsRawFd;
        let raw = fd.as_raw_fd();
        let mut keys = self.keys.borrow_mut();
        let Some(key) = keys.get_mut(&raw) else { return false };
        let had = match direction {
            Direction::Read => key.reader.take().is_some(),
            Direction::Write => key.writer.take().is_some(),
        };
        let Ok(poller) = self.wakeup.poller() else { return had };
        if key.reader.is_none() && key.writer.is_none() {
            keys.remove(&raw);
            let _ = poller.delete(fd);
        } else {
            let _ = poller.modify_with_mode(fd, key.interest(raw), PollMode::Level);
        }
        had
    }

    /// Forgets every registration (`loop.close()` closes its selector). The descriptors
    /// are their owners' to close; the kernel drops a closed one from the poller itself.
    pub(crate) fn clear(&self) {
        self.keys.borrow_mut().clear();
        self.corked.borrow_mut().clear();
    }

    /// Makes the poller now if it is not made yet (see `EventLoop::select`).
    pub(crate) fn prepare(&self) -> io::Result<()> {
        self.wakeup.poller().map(|_| ())
    }

    /// `selector.select(timeout)`: waits until a registered descriptor is ready, another
    /// thread calls, or `timeout` passes (`None`: no limit; zero: just look), and returns
    /// the callbacks to queue.
    pub(crate) fn select(&self, timeout: Option<Duration>) -> io::Result<ReadyCallbacks> {
        let poller = self.wakeup.poller()?;
        let mut events = self.events.borrow_mut();
        events.clear();
        match poller.wait(&mut events, timeout) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(Vec::new()),
            Err(e) => return Err(e),
        }
        let keys = self.keys.borrow();
        let mut ready = Vec::new();
        for ev in events.iter() {
            let Some(key) = keys.get(&(ev.key as RawFd)) else { continue };
            if ev.readable
                && let Some(r) = &key.reader
            {
                ready.push(r.clone());
            }
            if ev.writable
                && let Some(w) = &key.writer
            {
                ready.push(w.clone());
            }
        }
        Ok(ready)
    }
}

/// An operating-system error as Python raises it: `OSError(errno, strerror)`, of the
/// subclass its errno maps to (`ConnectionResetError: [Errno 104] Connection reset by
/// peer`).
///
/// ```
/// let e = std::io::Error::from_raw_os_error(111);
/// assert_eq!(corosim::aio::os_error(&e).to_string(), "ConnectionRefusedError: [Errno 111] Connection refused");
/// ```
pub fn os_error(e: &io::Error) -> PyException {
    use crate::exception::*;
    let class = match e.kind() {
        io::ErrorKind::ConnectionRefused => CONNECTION_REFUSED_ERROR,
        io::ErrorKind::ConnectionReset => CONNECTION_RESET_ERROR,
        io::ErrorKind::ConnectionAborted => CONNECTION_ABORTED_ERROR,
        io::ErrorKind::BrokenPipe => BROKEN_PIPE_ERROR,
        io::ErrorKind::TimedOut => TIMEOUT_ERROR,
        io::ErrorKind::NotFound => FILE_NOT_FOUND_ERROR,
        _ => OS_ERROR,
    };
    match e.raw_os_error() {
        Some(errno) => {
            // strerror's words, without the " (os error N)" Rust adds.
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text).to_string();
            PyException::with_args(class, vec![Value::Int(errno.into()), Value::from(text)])
        }
        None => PyException::new(class, e.to_string()),
    }
}
