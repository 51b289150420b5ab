//! Waiting on many things at once: `asyncio.gather`, `wait`, `as_completed`, `wait_for`
//! and `shield` — each built, as in CPython, from a future and done-callbacks.
//!
//! * `gather(*aws)`: one future for all results, in argument order;
//! * `wait(fs, return_when=...)`: `(done, pending)` when the condition holds;
//! * `as_completed(fs)`: one awaitable per input, in the order they finish;
//! * `wait_for(aw, timeout)`: the result, or `TimeoutError` after cancelling `aw`;
//! * `shield(aw)`: cancelling the outer future leaves `aw` running.
//!
//! ```
//! use corosim::{Generator, Value, aio};
//! let main = Generator::coroutine("main", |co| async move {
//!     let a = aio::sleep_result(2.0, Value::from("slow"));
//!     let b = aio::sleep_result(1.0, Value::from("fast"));
//!     let both = aio::gather([Generator::coroutine("a", |co| async move { co.await_(a).await }),
//!                             Generator::coroutine("b", |co| async move { co.await_(b).await })], false)?;
//!     co.await_(&both).await
//! });
//! assert_eq!(aio::run(main).unwrap().repr(), "['slow', 'fast']"); // argument order
//! ```

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::awaitable::Awaitable;
use super::event_loop::{ensure_future_on, get_event_loop, get_running_loop};
use super::future::Future;
use super::future::{FutureKind, GatherPart, make_cancelled_error};
use super::task::{awaiting_task_name, trace_awaited_by};
use crate::exception::{CANCELLED_ERROR, PyException, PyResult, TIMEOUT_ERROR, VALUE_ERROR};
use crate::generator::{Co, Generator, Iterable};
use crate::value::Value;

/// `asyncio.gather(*aws, return_exceptions=...)`: a future for the list of results, in
/// argument order. Without `return_exceptions` the first failure fails the whole; with
/// it, exceptions take their place in the list.
pub fn gather<A: Into<Awaitable>>(
    aws: impl IntoIterator<Item = A>,
    return_exceptions: bool,
) -> PyResult<Future> {
    let lp = get_event_loop();
    let mut children: Vec<Future> = Vec::new();
    for aw in aws {
        // The same future twice is listed twice but waited for once.
        children.push(ensure_future_on(aw.into(), &lp)?);
    }
    let lp = children.first().map_or(lp, |c| c.get_loop());
    let outer = Future::with_kind(&lp.0, FutureKind::Gathering, None);
    let part = GatherPart { children: children.clone(), cancel_requested: false };
    outer.0.inner.borrow_mut().extra_mut().gather = Some(Box::new(part));
    if children.is_empty() {
        outer.finish(super::future::State::finished(Value::list([])))?;
        return Ok(outer);
    }
    let mut unique: Vec<Future> = Vec::new();
    for c in &children {
        if !unique.iter().any(|u| u.is(c)) {
            unique.push(c.clone());
        }
    }
    let total = unique.len();
    let finished = Rc::new(RefCell::new(0usize));
    // 3.14: each child is awaited by the task that called gather, until it is done.
    let cur_task = awaiting_task_name(&lp.0);
    for child in unique {
        let outer = outer.clone();
        let finished = finished.clone();
        let cur_task = cur_task.clone();
        if !child.done() {
            trace_awaited_by(&child, cur_task.as_deref(), true);
        }
        child.add_done_callback_shown(
            "_done_callback",
            super::lib_callback("gather.<locals>._done_callback", "tasks.py:764"),
            move |fut| {
                *finished.borrow_mut() += 1;
                trace_awaited_by(fut, cur_task.as_deref(), false);
                if outer.done() {
                    if !fut.cancelled() {
                        let _ = fut.exception(); // mark it retrieved
                    }
                    return;
                }
                if !return_exceptions {
                    if fut.cancelled() {
                        let exc = make_cancelled_error(&mut fut.0.inner.borrow_mut());
                        let _ = outer.finish(super::future::State::Failed(exc));
                        return;
                    }
                    if let Ok(Some(exc)) = fut.exception() {
                        let _ = outer.finish(super::future::State::Failed(exc));
                        return;
                    }
                }
                if *finished.borrow() == total {
                    let (children, cancel_requested) =
                        outer.gather_part(|part| (part.children.clone(), part.cancel_requested));
                    let results = children.iter().map(|c| {
                        if c.cancelled() {
                            let msg = c.0.inner.borrow().cancel_message().unwrap_or_else(|| Value::str(""));
                            Value::Exception(PyException::new(CANCELLED_ERROR, msg))
                        } else {
                            match c.exception() {
                                Ok(Some(e)) => Value::Exception(e),
                                _ => c.result().unwrap_or_default(),
                            }
                        }
                    });
                    let results = Value::list(results);
                    if cancel_requested {
                        let exc = make_cancelled_error(&mut fut.0.inner.borrow_mut());
                        let _ = outer.finish(super::future::State::Failed(exc));
                    } else {
                        let _ = outer.finish(super::future::State::finished(results));
                    }
                }
            },
        );
    }
    Ok(outer)
}

/// `return_when` for [`wait`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    /// `asyncio.FIRST_COMPLETED`.
    FirstCompleted,
    /// `asyncio.FIRST_EXCEPTION`.
    FirstException,
    /// `asyncio.ALL_COMPLETED`.
    AllCompleted,
}

/// `done, pending = await asyncio.wait(fs, timeout=..., return_when=...)`.
///
/// Futures cannot travel inside Python values, so this is awaited from a coroutine body
/// as `aio::wait(&co, fs, timeout, when).await?`; both lists keep the input order
/// (Python returns sets).
pub async fn wait(
    co: &Co,
    fs: Vec<Future>,
    timeout: Option<f64>,
    return_when: ReturnWhen,
) -> PyResult<(Vec<Future>, Vec<Future>)> {
    if fs.is_empty() {
        return Err(PyException::new(VALUE_ERROR, "Set of Tasks/Futures is empty."));
    }
    let lp = get_running_loop()?;
    let waiter = lp.create_future();
    waiter.set_label("wait()");
    let timeout_handle = timeout.map(|t| {
        let w = waiter.clone();
        lp.call_later(t, "_release_waiter", move || release(&w))
    });
    let counter = Rc::new(RefCell::new(fs.len()));
    let mut ids = Vec::new();
    // 3.14: each future is awaited by the waiting task (given back as each completes).
    let cur_task = awaiting_task_name(&lp.0);
    for f in &fs {
        let (waiter, counter, th) = (waiter.clone(), counter.clone(), timeout_handle.clone());
        let cur_task = cur_task.clone();
        trace_awaited_by(f, cur_task.as_deref(), true);
        ids.push(f.add_done_callback_shown(
            "_on_completion",
            super::lib_callback("_wait.<locals>._on_completion", "tasks.py:519"),
            move |f| {
                trace_awaited_by(f, cur_task.as_deref(), false);
                *counter.borrow_mut() -= 1;
                let failed = !f.cancelled() && matches!(f.exception(), Ok(Some(_)));
                if *counter.borrow() == 0
                    || return_when == ReturnWhen::FirstCompleted
                    || (return_when == ReturnWhen::FirstException && failed)
                {
                    if let Some(h) = th {
                        h.cancel();
                    }
                    release(&waiter);
                }
            },
        ));
    }
    let outcome = co.await_(&waiter).await;
    if let Some(h) = timeout_handle {
        h.cancel();
    }
    for (f, id) in fs.iter().zip(ids) {
        f.remove_done_callback(id);
    }
    outcome?;
    Ok(fs.into_iter().partition(|f| f.done()))
}

fn release(waiter: &Future) {
    if !waiter.done() {
        let _ = waiter.set_result(Value::None);
    }
}

/// `asyncio.as_completed(fs, timeout=...)`: one awaitable per input; awaiting the n-th
/// gives the result of the n-th to finish (or raises its exception, or `TimeoutError`).
pub fn as_completed<A: Into<Awaitable>>(
    fs: impl IntoIterator<Item = A>,
    timeout: Option<f64>,
) -> PyResult<AsCompleted> {
    let lp = get_event_loop();
    let mut todo: Vec<Future> = Vec::new();
    for aw in fs {
        let f = ensure_future_on(aw.into(), &lp)?;
        if !todo.iter().any(|t| t.is(&f)) {
            todo.push(f);
        }
    }
    let shared = Rc::new(RefCell::new(DoneQueue {
        todo: todo.clone(),
        done: VecDeque::new(),
        getters: VecDeque::new(),
    }));
    let timeout_handle = timeout.filter(|_| !todo.is_empty()).map(|t| {
        let shared = shared.clone();
        lp.call_later(t, "_on_timeout", move || {
            let mut q = shared.borrow_mut();
            for _ in std::mem::take(&mut q.todo) {
                q.done.push_back(None); // a "timed out" marker per unfinished input
            }
            q.wake_getter();
        })
    });
    for f in &todo {
        let shared = shared.clone();
        let th = timeout_handle.clone();
        f.add_done_callback_shown(
            "_on_completion",
            super::lib_callback("as_completed.<locals>._on_completion", "tasks.py:602"),
            move |f| {
                let mut q = shared.borrow_mut();
                let Some(i) = q.todo.iter().position(|t| t.is(f)) else {
                    return;
                };
                q.todo.remove(i);
                q.done.push_back(Some(f.clone()));
                if q.todo.is_empty()
                    && let Some(h) = &th
                {
                    h.cancel();
                }
                q.wake_getter();
            },
        );
    }
    Ok(AsCompleted { shared, left: todo.len() })
}

struct DoneQueue {
    todo: Vec<Future>,
    done: VecDeque<Option<Future>>,
    getters: VecDeque<Future>,
}

impl DoneQueue {
    fn wake_getter(&mut self) {
        while let Some(g) = self.getters.pop_front() {
            if !g.done() {
                let _ = g.set_result(Value::None);
                break;
            }
        }
    }
}

/// The iterator [`as_completed`] returns: each item is a `_wait_for_one()` coroutine.
pub struct AsCompleted {
    shared: Rc<RefCell<DoneQueue>>,
    left: usize,
}

impl Iterator for AsCompleted {
    type Item = Iterable;

    fn next(&mut self) -> Option<Iterable> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let shared = self.shared.clone();
        Some(Iterable::Gen(Generator::coroutine("_wait_for_one", move |co| async move {
            loop {
                let next = shared.borrow_mut().done.pop_front();
                match next {
                    Some(Some(f)) => return f.result(),
                    Some(None) => return Err(PyException::bare(TIMEOUT_ERROR)),
                    None => {
                        let getter = get_running_loop()?.create_future();
                        getter.set_label("as_completed");
                        shared.borrow_mut().getters.push_back(getter.clone());
                        co.await_(&getter).await?;
                    }
                }
            }
        })))
    }
}

/// `await asyncio.wait_for(aw, timeout)`: `aw`'s result; after `timeout` seconds `aw` is
/// cancelled (and waited for) and `TimeoutError` is raised from its CancelledError.
pub fn wait_for(aw: impl Into<Awaitable>, timeout: Option<f64>) -> Iterable {
    let aw = aw.into();
    Iterable::Gen(Generator::coroutine("wait_for", move |co| async move {
        let lp = get_running_loop()?;
        let fut = ensure_future_on(aw, &lp)?;
        let Some(timeout) = timeout else {
            return co.await_(&fut).await;
        };
        if timeout <= 0.0 {
            if fut.done() {
                return fut.result();
            }
            cancel_and_wait(&co, &fut).await?;
            return fut.result().map_err(timed_out);
        }
        let waiter = lp.create_future();
        waiter.set_label("wait_for()");
        let w = waiter.clone();
        let timeout_handle = lp.call_later(timeout, "_release_waiter", move || release(&w));
        let w = waiter.clone();
        let cb = fut.add_done_callback("_release_waiter", move |_| release(&w));
        let waited = co.await_(&waiter).await;
        let outcome = match waited {
            Err(e) if e.is_instance(CANCELLED_ERROR) => {
                if fut.done() {
                    fut.result()
                } else {
                    fut.remove_done_callback(cb);
                    cancel_and_wait(&co, &fut).await?;
                    Err(e)
                }
            }
            Err(e) => Err(e),
            Ok(_) if fut.done() => fut.result(),
            Ok(_) => {
                fut.remove_done_callback(cb);
                cancel_and_wait(&co, &fut).await?;
                fut.result().map_err(timed_out)
            }
        };
        timeout_handle.cancel();
        outcome
    }))
}

/// `raise TimeoutError() from exc` for a CancelledError; other errors pass through.
fn timed_out(e: PyException) -> PyException {
    if e.is_instance(CANCELLED_ERROR) { PyException::bare(TIMEOUT_ERROR).with_cause(e) } else { e }
}

/// `_cancel_and_wait(fut)`: cancel it and wait until it has really finished.
async fn cancel_and_wait(co: &Co, fut: &Future) -> PyResult<()> {
    let waiter = get_running_loop()?.create_future();
    waiter.set_label("_cancel_and_wait");
    let w = waiter.clone();
    let cb = fut.add_done_callback("_release_waiter", move |_| release(&w));
    fut.cancel(None);
    let outcome = co.await_(&waiter).await;
    fut.remove_done_callback(cb);
    outcome.map(|_| ())
}

/// `asyncio.shield(aw)`: an outer future that follows `aw`; cancelling the outer one does
/// not cancel `aw`.
pub fn shield(aw: impl Into<Awaitable>) -> PyResult<Future> {
    let lp = get_event_loop();
    let inner = ensure_future_on(aw.into(), &lp)?;
    if inner.done() {
        return Ok(inner);
    }
    let outer = inner.get_loop().create_future();
    outer.set_label(format!("shield({})", inner.describe()));
    // 3.14: the inner one is awaited by the task that called shield, until it is done
    // (3.14 clears that in a callback of its own; corosim's loop runs 3.11's callbacks, so
    // `_inner_done_callback` says it).
    let cur_task = awaiting_task_name(&inner.get_loop().0);
    trace_awaited_by(&inner, cur_task.as_deref(), true);
    let o = outer.clone();
    let inner_cb = inner.add_done_callback_shown(
        "_inner_done_callback",
        super::lib_callback("shield.<locals>._inner_done_callback", "tasks.py:891"),
        move |inner| {
            trace_awaited_by(inner, cur_task.as_deref(), false);
            if o.cancelled() {
                if !inner.cancelled() {
                    let _ = inner.exception(); // mark retrieved
                }
                return;
            }
            if inner.cancelled() {
                o.cancel(None);
            } else {
                match inner.exception() {
                    Ok(Some(e)) => {
                        let _ = o.set_exception(e);
                    }
                    _ => {
                        let _ = o.set_result(inner.result().unwrap_or_default());
                    }
                }
            }
        },
    );
    let i = inner.clone();
    outer.add_done_callback_shown(
        "_outer_done_callback",
        super::lib_callback("shield.<locals>._outer_done_callback", "tasks.py:908"),
        move |_| {
            if !i.done() {
                i.remove_done_callback(inner_cb);
            }
        },
    );
    Ok(outer)
}
