//! `asyncio.timeout(delay)` and `asyncio.timeout_at(when)` (Python 3.11): a deadline on a
//! block of code rather than on one awaitable.
//!
//! ```python
//! async with asyncio.timeout(10):
//!     await long_running_task()
//! ```
//!
//! Entering the block arms a timer; when it fires, the task running the block is
//! cancelled, so a `CancelledError` arrives at whatever `await` it is paused on. Leaving the
//! block, a [`Timeout`] that fired turns that `CancelledError` into `TimeoutError`
//! (`raise TimeoutError from exc`) — but only if no other cancellation was asked for
//! meanwhile: it counts the task's pending cancellations ([`Task::cancelling`]) on entry
//! and takes back only its own ([`Task::uncancel`]). That is how nested timeouts know
//! which of them fired, and how a real `task.cancel()` still gets through. The algorithm
//! is CPython 3.11's `Lib/asyncio/timeouts.py`, state by state.
//!
//! `async with` is `__aenter__` and `__aexit__`; in Rust, [`Timeout::aenter`] and
//! [`Timeout::aexit`] around the block:
//!
//! ```
//! use corosim::{Generator, aio, exception::TIMEOUT_ERROR};
//! let main = Generator::coroutine("main", |co| async move {
//!     let t = aio::timeout(Some(1.0))?;          // async with asyncio.timeout(1) as t:
//!     t.aenter()?;
//!     let body = co.await_(aio::sleep(5.0)).await; //     await asyncio.sleep(5)
//!     let e = t.aexit(body.err()).unwrap_err();
//!     assert!(e.is_instance(TIMEOUT_ERROR) && t.expired());
//!     assert_eq!(e.cause().unwrap().name(), "CancelledError"); // the inner one
//!     Ok(aio::get_running_loop()?.time().into())
//! });
//! assert_eq!(aio::run(main).unwrap().repr(), "1.0");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use super::event_loop::get_running_loop;
use super::handle::Handle;
use super::task::Task;
use crate::exception::{
    ASSERTION_ERROR, CANCELLED_ERROR, PyException, PyResult, RUNTIME_ERROR, TIMEOUT_ERROR,
};
use crate::value::Value;

/// `timeouts._State`: where a [`Timeout`] is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutState {
    /// Made, not entered yet.
    Created,
    /// Inside the `async with` block, the timer armed.
    Entered,
    /// The deadline passed: the task was cancelled, the block not left yet.
    Expiring,
    /// Left the block after the deadline passed.
    Expired,
    /// Left the block in time.
    Exited,
}

impl TimeoutState {
    /// The state's value, as `repr(timeout)` shows it (`_State.ENTERED.value` is `active`).
    pub fn value(self) -> &'static str {
        match self {
            TimeoutState::Created => "created",
            TimeoutState::Entered => "active",
            TimeoutState::Expiring => "expiring",
            TimeoutState::Expired => "expired",
            TimeoutState::Exited => "finished",
        }
    }
}

struct Inner {
    state: TimeoutState,
    when: Option<f64>,
    timeout_handler: Option<Handle>,
    task: Option<Task>,
    /// `task.cancelling()` on entry: the cancellations that were not ours.
    cancelling: u32,
}

/// `asyncio.Timeout`: the object `async with asyncio.timeout(...) as t` binds. Cloning
/// shares it.
#[derive(Clone)]
pub struct Timeout(Rc<RefCell<Inner>>);

/// `asyncio.timeout(delay)`: a [`Timeout`] due `delay` seconds from now on the running
/// loop's clock; `None` never fires (until [`Timeout::reschedule`]d).
/// `RuntimeError: no running event loop` outside a loop.
pub fn timeout(delay: Option<f64>) -> PyResult<Timeout> {
    let lp = get_running_loop()?;
    Ok(Timeout::new(delay.map(|d| lp.time() + d)))
}

/// `asyncio.timeout_at(when)`: a [`Timeout`] due when the loop's clock reaches `when`.
///
/// ```
/// use corosim::{Generator, aio};
/// let main = Generator::coroutine("main", |co| async move {
///     let t = aio::timeout_at(Some(aio::get_running_loop()?.time() + 2.0));
///     t.aenter()?;
///     let body = co.await_(aio::sleep(1.0)).await;   // done in time
///     t.aexit(body.err())?;
///     Ok(t.expired().into())
/// });
/// assert_eq!(aio::run(main).unwrap().repr(), "False");
/// ```
pub fn timeout_at(when: Option<f64>) -> Timeout {
    Timeout::new(when)
}

impl Timeout {
    /// `Timeout(when)`: due at loop time `when`; `None` for never.
    pub fn new(when: Option<f64>) -> Timeout {
        Timeout(Rc::new(RefCell::new(Inner {
            state: TimeoutState::Created,
            when,
            timeout_handler: None,
            task: None,
            cancelling: 0,
        })))
    }

    /// `t.when()`: the deadline, in loop time; `None` for none.
    pub fn when(&self) -> Option<f64> {
        self.0.borrow().when
    }

    /// Where the timeout is in its life.
    pub fn state(&self) -> TimeoutState {
        self.0.borrow().state
    }

    /// `t.expired()`: did the deadline pass while the block ran?
    pub fn expired(&self) -> bool {
        matches!(self.state(), TimeoutState::Expiring | TimeoutState::Expired)
    }

    /// Is `other` the same object (`a is b`)?
    pub fn is(&self, other: &Timeout) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `repr(t)`: `<Timeout [active] when=12.5>` inside the block, `<Timeout [expired]>`
    /// after.
    pub fn repr(&self) -> String {
        let inner = self.0.borrow();
        let when = if inner.state == TimeoutState::Entered {
            let when = inner.when.map_or(Value::None, |w| Value::Float((w * 1000.0).round() / 1000.0));
            format!(" when={}", when.repr())
        } else {
            String::new()
        };
        format!("<Timeout [{}]{when}>", inner.state.value())
    }

    /// `t.reschedule(when)`: move the deadline (`None`: no deadline). Only inside the
    /// block: `RuntimeError` before it is entered or after it is left.
    ///
    /// ```
    /// let t = corosim::aio::timeout_at(Some(5.0));
    /// assert_eq!(t.reschedule(None).unwrap_err().to_string(), "RuntimeError: Timeout has not been entered");
    /// assert_eq!(t.repr(), "<Timeout [created]>");
    /// ```
    pub fn reschedule(&self, when: Option<f64>) -> PyResult<()> {
        let state = self.state();
        if state != TimeoutState::Entered {
            return Err(PyException::new(
                RUNTIME_ERROR,
                match state {
                    TimeoutState::Created => "Timeout has not been entered".to_string(),
                    other => format!("Cannot change state of {} Timeout", other.value()),
                },
            ));
        }
        let old = {
            let mut inner = self.0.borrow_mut();
            inner.when = when;
            inner.timeout_handler.take()
        };
        if let Some(h) = old {
            h.cancel();
        }
        let Some(when) = when else { return Ok(()) };
        let lp = get_running_loop()?;
        let me = self.clone();
        let handler = if when <= lp.time() {
            lp.call_soon("Timeout._on_timeout", move || me.on_timeout())
        } else {
            lp.call_at(when, "Timeout._on_timeout", move || me.on_timeout())
        };
        self.0.borrow_mut().timeout_handler = Some(handler);
        Ok(())
    }

    /// `await t.__aenter__()`: arm the timer for the current task. `RuntimeError` when
    /// entered twice or used outside a task.
    pub fn aenter(&self) -> PyResult<()> {
        if self.state() != TimeoutState::Created {
            return Err(PyException::new(RUNTIME_ERROR, "Timeout has already been entered"));
        }
        let Some(task) = get_running_loop()?.current_task() else {
            return Err(PyException::new(RUNTIME_ERROR, "Timeout should be used inside a task"));
        };
        {
            let mut inner = self.0.borrow_mut();
            inner.state = TimeoutState::Entered;
            inner.cancelling = task.cancelling();
            inner.task = Some(task);
        }
        let when = self.when();
        self.reschedule(when)
    }

    /// `await t.__aexit__(type(exc), exc, tb)` with the exception the block raised, if
    /// any. `Err(TimeoutError)` (caused by `exc`) when the deadline passed and `exc` is
    /// the CancelledError it caused; `Ok(())` otherwise, and then `exc`, if any, goes on
    /// (a timeout never swallows an exception).
    pub fn aexit(&self, exc: Option<PyException>) -> PyResult<()> {
        let (state, handler) = {
            let mut inner = self.0.borrow_mut();
            if !matches!(inner.state, TimeoutState::Entered | TimeoutState::Expiring) {
                // CPython asserts the state (a bare `AssertionError`).
                return Err(PyException::bare(ASSERTION_ERROR));
            }
            (inner.state, inner.timeout_handler.take())
        };
        if let Some(h) = handler {
            h.cancel();
        }
        if state == TimeoutState::Expiring {
            let (task, cancelling) = {
                let mut inner = self.0.borrow_mut();
                inner.state = TimeoutState::Expired;
                (inner.task.clone().expect("an entered Timeout has its task"), inner.cancelling)
            };
            // `uncancel()` always (ours is taken back); then `exc_type is
            // CancelledError`: exactly that class, not a subclass.
            if task.uncancel() <= cancelling
                && let Some(e) = exc
                && e.class() == CANCELLED_ERROR
            {
                // `raise TimeoutError from exc_val`, while exc_val is being handled.
                return Err(PyException::bare(TIMEOUT_ERROR).with_context(e.clone()).with_cause(e));
            }
        } else {
            self.0.borrow_mut().state = TimeoutState::Exited;
        }
        Ok(())
    }

    /// `Timeout._on_timeout`: the deadline passed: cancel the task.
    fn on_timeout(&self) {
        let task = {
            let inner = self.0.borrow();
            debug_assert_eq!(inner.state, TimeoutState::Entered);
            inner.task.clone()
        };
        if let Some(task) = task {
            task.cancel(None);
        }
        let mut inner = self.0.borrow_mut();
        inner.state = TimeoutState::Expiring;
        inner.timeout_handler = None;
    }
}
