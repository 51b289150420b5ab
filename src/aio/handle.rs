//! `asyncio.Handle` and `asyncio.TimerHandle`: a scheduled callback, and what lets you
//! cancel it.
//!
//! In CPython these live in `events.py`, below futures, tasks and the loop: a loop's
//! queues hold handles, and a handle knows nothing of who queued it. So here: this file
//! names no other part of the loop, and is the first thing a reader meets after the clock.

use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::rc::Rc;

/// A plain callback and its name (Python callbacks are named functions), shared by the
/// loop's queue (or timer heap) and the [`Handle`] that can cancel it: one allocation.
pub(crate) struct Callback {
    name: Cow<'static, str>,
    f: Cell<Option<Box<dyn FnOnce()>>>,
    cancelled: Cell<bool>,
}

/// The loop's entry for a scheduled callback. The code belongs to the entry: when it
/// leaves the queue (run, skipped as cancelled, or cleared by `close()`), the code and
/// what it captured are dropped, even if a Handle to it lives on.
pub(crate) struct Scheduled(pub(super) Rc<Callback>);

impl Scheduled {
    pub(super) fn new(name: Cow<'static, str>, f: Box<dyn FnOnce()>) -> Scheduled {
        Scheduled(Rc::new(Callback { name, f: Cell::new(Some(f)), cancelled: Cell::new(false) }))
    }

    pub(super) fn handle(&self, when: Option<f64>) -> Handle {
        Handle { callback: self.0.clone(), when }
    }

    pub(super) fn cancelled(&self) -> bool {
        self.0.cancelled.get()
    }

    pub(super) fn name(&self) -> &str {
        &self.0.name
    }

    /// The code, taken out to run (None if it already ran).
    pub(super) fn take(&self) -> Option<Box<dyn FnOnce()>> {
        self.0.f.take()
    }
}

impl Drop for Scheduled {
    fn drop(&mut self) {
        drop(self.0.f.take());
    }
}

/// `asyncio.Handle` / `asyncio.TimerHandle`: lets you cancel a scheduled callback.
#[derive(Clone)]
pub struct Handle {
    callback: Rc<Callback>,
    when: Option<f64>,
}

impl Handle {
    /// `handle.cancel()`: the callback will not run.
    pub fn cancel(&self) {
        self.callback.cancelled.set(true);
    }

    /// `handle.cancelled()`.
    pub fn cancelled(&self) -> bool {
        self.callback.cancelled.get()
    }

    /// `timer_handle.when()`: the loop time it is due (None for `call_soon`).
    pub fn when(&self) -> Option<f64> {
        self.when
    }
}

/// A `TimerHandle` in the loop's heap: the callback, when it is due, and the order it was
/// scheduled in.
pub(crate) struct Timer {
    pub(super) when: f64,
    pub(super) seq: u64,
    pub(super) callback: Scheduled,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timer {
    /// Reversed, so the max-heap pops the earliest deadline; ties go first-scheduled-first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.when.total_cmp(&self.when).then(other.seq.cmp(&self.seq))
    }
}

/// The exception a panic in user code becomes, so it surfaces from `run_until_complete`
/// instead of tearing the loop down.
pub(crate) fn panic_exception(panic: &Box<dyn std::any::Any + Send>) -> crate::exception::PyException {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    crate::exception::PyException::new(crate::exception::RUNTIME_ERROR, format!("Rust code panicked: {msg}"))
}
