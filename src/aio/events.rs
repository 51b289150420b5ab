//! `asyncio.AbstractEventLoop`: the event loop as its futures and tasks reach it.
//!
//! In CPython, `futures.py` does not import the loop's module: a future holds `self._loop`
//! and calls the few methods `events.py` promises (`call_soon`, `time`, ...). corosim's
//! loop is one object too, but a future reaches it through [`LoopCell`], defined here,
//! below `future.rs` and `task.rs`; `event_loop.rs`, above them, wraps it as the public
//! [`EventLoop`](super::EventLoop) and runs it.
//!
//! A future holds its loop, and the loop's queues hold futures and tasks: the two types
//! contain each other. So this file names the future's object only as `T` (`future.rs`
//! fills it in with `FutureCell`). Generic rather than a trait object: a task's step
//! pushes to the ready queue and sets the current task with no call through a table.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::BinaryHeap;
use std::rc::{Rc, Weak};
use std::sync::Arc;

use super::clock::Clock;
use super::handle::{Handle, Scheduled, Timer};
use super::inbox::{Executor, Inbox};
use super::ready::{Ready, ReadyQueue};
use super::selector::{Selector, Wakeup};
use crate::trace::{self, Event};

/// An event loop's state. `T` is the object of a future or task on it (`FutureCell`):
/// the loop keeps them as `Rc<T>`.
pub(crate) struct LoopCell<T> {
    pub(crate) clock: Clock,
    pub(crate) ready: RefCell<ReadyQueue<T>>,
    pub(crate) timers: RefCell<BinaryHeap<Timer>>,
    pub(crate) timer_seq: Cell<u64>,
    pub(crate) running: Cell<bool>,
    pub(crate) stopping: Cell<bool>,
    pub(crate) closed: Cell<bool>,
    pub(crate) debug: Cell<bool>,
    pub(crate) warnings_to_stderr: Cell<bool>,
    /// The future a coroutine has just awaited (asyncio's `_asyncio_future_blocking`):
    /// it yields its id; the task picks the future up here.
    pub(crate) blocking: RefCell<Option<Rc<T>>>,
    /// The task whose step is running (`asyncio.current_task()`).
    pub(crate) current_task: RefCell<Option<Rc<T>>>,
    /// Every task made on this loop (weakly), for `all_tasks()` and shutdown.
    pub(crate) tasks: RefCell<Vec<Weak<T>>>,
    pub(crate) next_task_number: Cell<u64>,
    pub(crate) next_future_number: Cell<u64>,
    pub(crate) inbox: Arc<Inbox>,
    /// The sockets the loop watches, and its `select` (`selector.rs`).
    pub(crate) selector: Selector,
    pub(crate) executor: RefCell<Option<Executor<Rc<T>>>>,
    /// A simulated thread called `call_soon_threadsafe` while the loop idled (`idle.rs`).
    pub(crate) thread_woken: Cell<bool>,
    /// Transports and servers made on this loop (weakly): what `close()` closes.
    pub(crate) resources: RefCell<Vec<Weak<dyn Resource>>>,
}

/// Something that owns sockets on a loop (a transport, a server): when the loop closes
/// with it still open, the loop closes it, as CPython's garbage collector does (a
/// transport's `__del__` closes its socket). Without this, a connection whose protocol
/// and transport hold each other would keep its descriptor open for the process's life.
pub(crate) trait Resource {
    /// Close the sockets now and drop what holds others (the protocol): no callback runs,
    /// the loop is closed.
    fn close_now(&self);
}

impl<T> LoopCell<T> {
    /// A new loop's state, on the given clock.
    pub(crate) fn new(clock: Clock) -> LoopCell<T> {
        let wakeup = Arc::new(Wakeup::default());
        let inbox = Inbox::with_wakeup(wakeup.clone());
        let selector = Selector::new(wakeup);
        LoopCell {
            clock,
            ready: RefCell::default(),
            timers: RefCell::default(),
            timer_seq: Cell::new(0),
            running: Cell::new(false),
            stopping: Cell::new(false),
            closed: Cell::new(false),
            debug: Cell::new(super::clock::policy_debug()),
            warnings_to_stderr: Cell::new(true),
            blocking: RefCell::new(None),
            current_task: RefCell::new(None),
            tasks: RefCell::default(),
            next_task_number: Cell::new(1),
            next_future_number: Cell::new(1),
            inbox: Arc::new(inbox),
            selector,
            executor: RefCell::new(None),
            thread_woken: Cell::new(false),
            resources: RefCell::default(),
        }
    }

    /// Remembers a transport or server for `close()`. Entries whose object is gone are
    /// swept out as the list doubles, so a server that served a million connections
    /// keeps a list as long as its open ones (amortised: a sweep per doubling).
    pub(crate) fn track(&self, resource: Weak<dyn Resource>) {
        let mut all = self.resources.borrow_mut();
        if all.len() >= 64 && all.len() == all.capacity() {
            all.retain(|r| r.strong_count() > 0);
        }
        all.push(resource);
    }

    /// Closes every tracked transport and server still open (`loop.close()`).
    pub(crate) fn close_resources(&self) {
        let all = std::mem::take(&mut *self.resources.borrow_mut());
        for r in all.iter().filter_map(Weak::upgrade) {
            r.close_now();
        }
    }

    /// `loop.time()`: virtual or real seconds.
    pub(crate) fn time(&self) -> f64 {
        self.clock.now()
    }

    /// `loop.call_soon(callback)`: run it on the next turn, after what is already queued.
    pub(crate) fn call_soon(&self, name: Cow<'static, str>, f: Box<dyn FnOnce()>) -> Handle {
        let callback = Scheduled::new(name, f);
        let handle = callback.handle(None);
        self.schedule(Ready::Call(callback));
        handle
    }

    /// Queues a task step, a wake-up or a callback for the next turn.
    pub(crate) fn schedule(&self, item: Ready<T>) {
        self.ready.borrow_mut().push_back(item);
    }

    /// Prints a warning as asyncio's logger would, and records it in the trace.
    pub(crate) fn warn(&self, message: String) {
        trace::emit(|| Event::Warning { t: self.time(), message: message.clone() });
        if self.warnings_to_stderr.get() {
            crate::console::warn(&message);
        }
    }
}

impl<T> Drop for LoopCell<T> {
    fn drop(&mut self) {
        if let Some(executor) = self.executor.get_mut().take() {
            executor.shutdown();
        }
    }
}
