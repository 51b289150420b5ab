//! `asyncio.Lock`, `Event`, `Semaphore` and `BoundedSemaphore`: synchronisation for
//! coroutines, each a flag or a counter plus a FIFO of futures that waiters park on.
//!
//! Coroutines switch only where they `await`, so a multi-step update *without* an await
//! in the middle needs no lock at all. A lock is for the critical sections that do
//! await, and a semaphore caps how many tasks are inside at once (the flags downloader
//! allows a few connections at a time).
//!
//! ```
//! use corosim::{Generator, aio};
//! let sem = aio::Semaphore::new(2).unwrap();
//! let main = Generator::coroutine("main", move |co| async move {
//!     let _inside = sem.hold(&co).await?;        // async with semaphore:
//!     assert_eq!(sem.value(), 1);
//!     Ok(().into())
//! });
//! aio::run(main).unwrap();
//! ```

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::event_loop::get_running_loop;
use super::future::Future;
use crate::exception::{CANCELLED_ERROR, PyException, PyResult, RUNTIME_ERROR, VALUE_ERROR};
use crate::generator::{Co, Generator, Iterable};
use crate::trace;
use crate::value::Value;

/// Tells the trace that the running task took, gave back or waits for a synchronisation
/// object (`action`: `acquired`, `released`, `waits`), for the step viewer's wait-for view.
pub(super) fn trace_sync(kind: &'static str, memo: &Cell<(u64, u64)>, action: &'static str) {
    if !trace::is_on() {
        return;
    }
    let lp = get_running_loop().ok();
    let task = lp.as_ref().and_then(|l| l.current_task()).map(|t| t.get_name());
    let t = lp.map_or(0.0, |l| l.time());
    let object = trace::object_name(kind, memo);
    trace::emit(|| trace::Event::Sync { t, object, action: action.into(), task });
}

/// A FIFO of parked waiters.
#[derive(Default)]
struct Waiters(RefCell<VecDeque<Future>>);

impl Waiters {
    fn park(&self, label: &'static str) -> PyResult<Future> {
        let fut = get_running_loop()?.create_future();
        fut.set_label(label);
        self.0.borrow_mut().push_back(fut.clone());
        Ok(fut)
    }

    fn remove(&self, fut: &Future) {
        self.0.borrow_mut().retain(|w| !w.is(fut));
    }

    /// Wakes the first waiter not yet done.
    fn wake_first(&self) -> bool {
        let first = self.0.borrow().iter().find(|w| !w.done()).cloned();
        first.is_some_and(|w| w.set_result(true).is_ok())
    }

    fn any_alive(&self) -> bool {
        self.0.borrow().iter().any(|w| !w.cancelled())
    }
    fn len(&self) -> usize {
        self.0.borrow().len()
    }
}

/// `asyncio.Lock`.
#[derive(Clone, Default)]
pub struct Lock(Rc<LockCell>);

#[derive(Default)]
struct LockCell {
    locked: Cell<bool>,
    waiters: Waiters,
    /// Its name in the trace (see `trace::object_name`).
    traced: Cell<(u64, u64)>,
}

impl Lock {
    /// An unlocked lock.
    pub fn new() -> Lock {
        Lock::default()
    }

    /// `lock.locked()`.
    pub fn locked(&self) -> bool {
        self.0.locked.get()
    }

    /// How many coroutines wait for it (`len(lock._waiters)`, in its repr).
    pub fn waiters(&self) -> usize {
        self.0.waiters.len()
    }

    /// `await lock.acquire()`.
    pub fn acquire(&self) -> Iterable {
        let me = self.0.clone();
        Iterable::Gen(Generator::coroutine("Lock.acquire", move |co| async move {
            if !me.locked.get() && !me.waiters.any_alive() {
                me.locked.set(true);
                trace_sync("Lock", &me.traced, "acquired");
                return Ok(true.into());
            }
            let fut = me.waiters.park("Lock.acquire")?;
            trace_sync("Lock", &me.traced, "waits");
            let waited = co.await_(&fut).await;
            me.waiters.remove(&fut);
            if let Err(e) = waited {
                if e.is_instance(CANCELLED_ERROR) && !me.locked.get() {
                    me.waiters.wake_first();
                }
                return Err(e);
            }
            me.locked.set(true);
            trace_sync("Lock", &me.traced, "acquired");
            Ok(true.into())
        }))
    }

    /// `lock.release()`.
    pub fn release(&self) -> PyResult<()> {
        if !self.0.locked.get() {
            return Err(PyException::new(RUNTIME_ERROR, "Lock is not acquired."));
        }
        self.0.locked.set(false);
        trace_sync("Lock", &self.0.traced, "released");
        self.0.waiters.wake_first();
        Ok(())
    }

    /// `async with lock:` — acquire now, release when the guard is dropped.
    pub async fn hold(&self, co: &Co) -> PyResult<LockGuard> {
        co.await_(self.acquire()).await?;
        Ok(LockGuard(self.clone()))
    }
}

/// Releases its lock when dropped (the end of an `async with lock:` block).
pub struct LockGuard(Lock);

impl Drop for LockGuard {
    fn drop(&mut self) {
        let _ = self.0.release();
    }
}

/// `asyncio.Event`: a flag tasks can wait for.
#[derive(Clone, Default)]
pub struct Event(Rc<EventCell>);

#[derive(Default)]
struct EventCell {
    value: Cell<bool>,
    waiters: Waiters,
    /// Its name in the trace (see `trace::object_name`).
    traced: Cell<(u64, u64)>,
}

impl Event {
    /// A clear event.
    pub fn new() -> Event {
        Event::default()
    }

    /// `event.is_set()`.
    pub fn is_set(&self) -> bool {
        self.0.value.get()
    }

    /// How many coroutines wait for it (`len(event._waiters)`, in its repr).
    pub fn waiters(&self) -> usize {
        self.0.waiters.len()
    }

    /// `event.set()`: wakes every waiter.
    pub fn set(&self) {
        if !self.0.value.replace(true) {
            for w in self.0.waiters.0.borrow().iter() {
                if !w.done() {
                    let _ = w.set_result(true);
                }
            }
        }
    }

    /// `event.clear()`.
    pub fn clear(&self) {
        self.0.value.set(false);
    }

    /// `await event.wait()`.
    pub fn wait(&self) -> Iterable {
        let me = self.0.clone();
        Iterable::Gen(Generator::coroutine("Event.wait", move |co| async move {
            if me.value.get() {
                return Ok(true.into());
            }
            let fut = me.waiters.park("Event.wait")?;
            trace_sync("Event", &me.traced, "waits");
            let waited = co.await_(&fut).await;
            me.waiters.remove(&fut);
            waited.map(|_| true.into())
        }))
    }
}

/// `asyncio.Semaphore`: at most `value` holders at once; the others wait in line.
#[derive(Clone)]
pub struct Semaphore(Rc<SemCell>);

struct SemCell {
    value: Cell<i64>,
    bound: Option<i64>,
    waiters: Waiters,
    /// Its name in the trace (see `trace::object_name`).
    traced: Cell<(u64, u64)>,
}

impl Semaphore {
    /// `asyncio.Semaphore(value)`.
    pub fn new(value: i64) -> PyResult<Semaphore> {
        Self::make(value, None)
    }

    fn make(value: i64, bound: Option<i64>) -> PyResult<Semaphore> {
        if value < 0 {
            return Err(PyException::new(VALUE_ERROR, "Semaphore initial value must be >= 0"));
        }
        Ok(Semaphore(Rc::new(SemCell {
            value: Cell::new(value),
            bound,
            waiters: Waiters::default(),
            traced: Cell::default(),
        })))
    }

    /// The counter: how many more may enter now.
    pub fn value(&self) -> i64 {
        self.0.value.get()
    }

    /// How many coroutines wait to enter (`len(semaphore._waiters)`, in its repr).
    pub fn waiters(&self) -> usize {
        self.0.waiters.len()
    }

    /// A `BoundedSemaphore`?
    pub fn is_bounded(&self) -> bool {
        self.0.bound.is_some()
    }

    /// `semaphore.locked()`: would `acquire()` wait?
    pub fn locked(&self) -> bool {
        self.0.value.get() == 0 || self.0.waiters.any_alive()
    }

    /// `await semaphore.acquire()`.
    pub fn acquire(&self) -> Iterable {
        let me = self.clone();
        Iterable::Gen(Generator::coroutine("Semaphore.acquire", move |co| async move {
            if !me.locked() {
                me.0.value.set(me.0.value.get() - 1);
                trace_sync("Semaphore", &me.0.traced, "acquired");
                return Ok(true.into());
            }
            let fut = me.0.waiters.park("Semaphore.acquire")?;
            trace_sync("Semaphore", &me.0.traced, "waits");
            let waited = co.await_(&fut).await;
            me.0.waiters.remove(&fut);
            if let Err(e) = waited {
                if e.is_instance(CANCELLED_ERROR) && !fut.cancelled() {
                    // Woken and cancelled at once: pass the place on.
                    me.0.value.set(me.0.value.get() + 1);
                    me.wake_up_next();
                }
                return Err(e);
            }
            if me.0.value.get() > 0 {
                me.wake_up_next();
            }
            trace_sync("Semaphore", &me.0.traced, "acquired");
            Ok(true.into())
        }))
    }

    /// `semaphore.release()`. A BoundedSemaphore refuses to go above its start value.
    pub fn release(&self) -> PyResult<()> {
        if let Some(bound) = self.0.bound
            && self.0.value.get() >= bound
        {
            return Err(PyException::new(VALUE_ERROR, "BoundedSemaphore released too many times"));
        }
        self.0.value.set(self.0.value.get() + 1);
        trace_sync("Semaphore", &self.0.traced, "released");
        self.wake_up_next();
        Ok(())
    }

    fn wake_up_next(&self) {
        let next = self.0.waiters.0.borrow().iter().find(|w| !w.done()).cloned();
        if let Some(w) = next {
            self.0.value.set(self.0.value.get() - 1);
            let _ = w.set_result(Value::Bool(true));
        }
    }

    /// `async with semaphore:` (in the course: `with (yield from semaphore):`) — acquire
    /// now, release when the guard is dropped.
    pub async fn hold(&self, co: &Co) -> PyResult<SemaphoreGuard> {
        co.await_(self.acquire()).await?;
        Ok(SemaphoreGuard(self.clone()))
    }
}

/// Releases its semaphore when dropped.
pub struct SemaphoreGuard(Semaphore);

impl Drop for SemaphoreGuard {
    fn drop(&mut self) {
        let _ = self.0.release();
    }
}

/// `asyncio.BoundedSemaphore`: a Semaphore that errors if released more than acquired.
pub struct BoundedSemaphore;

impl BoundedSemaphore {
    /// `asyncio.BoundedSemaphore(value)`.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(value: i64) -> PyResult<Semaphore> {
        Semaphore::make(value, Some(value))
    }
}
