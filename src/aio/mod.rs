//! A small asyncio: an event loop that drives coroutines with `send()`.
//!
//! The course says it in one line: *the loop sends results to paused coroutines with
//! `.send()`, and each coroutine runs a few steps and gives control back.* This module is
//! that line, small enough to read in one sitting:
//!
//! * [`EventLoop`] (`event_loop.rs`): the ready queue, the timers, `run_once`;
//! * [`Future`] (`future.rs`): a result that is not there yet;
//! * [`Task`] (`task.rs`): a future that drives a coroutine, one `send` per step;
//! * the toolkit: [`sleep`], [`gather`], [`wait`], [`as_completed`], [`wait_for`],
//!   [`shield`] (`combinators.rs`); [`Lock`], [`Event`], [`Semaphore`] (`locks.rs`);
//!   [`Queue`] (`queues.rs`); threads at the edge (`threads.rs`);
//! * Python 3.11's structured concurrency: [`TaskGroup`] (`taskgroups.rs`) and
//!   [`timeout`]/[`timeout_at`] (`timeouts.rs`);
//! * the network: the selector the loop waits in (`selector.rs`: `select`/`epoll`),
//!   [`Socket`] and the `sock_*` coroutines (`sockets.rs`), [`Transport`], [`Protocol`]
//!   and [`Server`] (`transports.rs`), and [`StreamReader`]/[`StreamWriter`] with
//!   [`start_server`] and [`open_connection`] (`streams.rs`).
//!
//! Coroutines are [`Generator::coroutine`]s; inside one, `co.await_(x).await?` is
//! `await x`.
//!
//! The files read bottom-up, each using only those before it, as CPython's `asyncio`
//! does (`futures.py` never imports `tasks.py`, and reaches its loop through `events.py`):
//! `clock.rs`; `handle.rs` (a scheduled callback); `ready.rs` (the ready queue);
//! `selector.rs` (the sockets the loop watches); `idle.rs` (who runs an idle loop's
//! thread, when threads are simulated); `inbox.rs` (what other threads post, the thread
//! pool); `events.rs` (the loop's state,
//! as its futures and tasks reach it); `future.rs`; `task.rs`; `awaitable.rs` (what the
//! loop's functions accept); `event_loop.rs` (what runs the loop); `threads.rs`; then the
//! toolkit, and the network above the loop (`sockets.rs`, `transports.rs`, `streams.rs`).
//! This file only gathers them and adds asyncio's top-level functions (`run`,
//! `sleep`, `create_task` …); no file below uses it.
//!
//! ```
//! use corosim::{Generator, aio};
//! let main = Generator::coroutine("main", |co| async move {
//!     let t0 = aio::get_running_loop()?.time();
//!     co.await_(aio::sleep(3.0)).await?;
//!     let t1 = aio::get_running_loop()?.time();
//!     Ok((t1 - t0).into())
//! });
//! assert_eq!(aio::run(main).unwrap().repr(), "3.0"); // three virtual seconds, instantly
//! ```

mod asyncgens;
mod awaitable;
mod clock;
mod combinators;
mod event_loop;
mod events;
mod future;
mod handle;
mod idle;
mod inbox;
mod locks;
mod queues;
#[allow(unsafe_code)] // the ready queue's one-word entries: see its module doc
mod ready;
#[allow(unsafe_code)] // one call, registering a descriptor with epoll: see its module doc
mod selector;
mod sockets;
mod streams;
mod task;
mod taskgroups;
mod threads;
mod timeouts;
mod transports;

pub use asyncgens::{AsyncGenHandle, firstiter, shutdown_asyncgens};
pub use awaitable::Awaitable;
pub use clock::{Clock, ClockKind, policy_clock, policy_debug, with_clock, with_debug};
pub use combinators::{ReturnWhen, as_completed, gather, shield, wait, wait_for};
pub use event_loop::{
    EventLoop, ThreadLoops, future_yielded, get_event_loop, get_running_loop, new_event_loop, set_event_loop,
    swap_thread_loops,
};
/// A Future's (or Task's) object, which a program holds as it is (see [`Future::to_value`]).
pub(crate) use future::FutureCell;
pub use future::{CallbackId, ExceptionFormatter, Future, set_exception_formatter};
pub use future::{ShortRepr, set_short_repr};
pub use handle::Handle;
pub use idle::{IdleHost, set_idle_host};
pub use locks::{BoundedSemaphore, Event, Lock, Semaphore};
pub use queues::Queue;
pub use selector::os_error;
pub use sockets::{Socket, address_repr, address_value};
pub use streams::{
    ClientConnected, DEFAULT_LIMIT, StreamReader, StreamWriter, incomplete_partial, open_connection,
    open_connection_with_limit, start_server, start_server_with_limit,
};
pub use task::{CoroLocator, Task, set_coro_locator};
pub use taskgroups::TaskGroup;
pub use threads::{ConcurrentFuture, LoopHandle, run_in_executor};
pub use timeouts::{Timeout, TimeoutState, timeout, timeout_at};
pub use transports::{Protocol, ProtocolFactory, Server, Transport};

use crate::exception::{PyException, PyResult, RUNTIME_ERROR, TYPE_ERROR, VALUE_ERROR};
use crate::generator::{Generator, Iterable, PyIterator, Step};
use crate::value::Value;

/// `asyncio.ensure_future(aw)`: a Future as it is; a coroutine wrapped in a new Task on the
/// running (or current) loop.
pub fn ensure_future(aw: impl Into<Awaitable>) -> PyResult<Future> {
    event_loop::ensure_future_on(aw.into(), &get_event_loop())
}

/// `asyncio.create_task(coro)`: a Task on the running loop, scheduled to start.
///
/// It takes a coroutine: one made with [`Generator::coroutine`], or one the toolkit
/// returns (`sleep(0)` and `sleep(d)` alike, `wait_for(...)`, `queue.get()`, ...).
/// Outside a running loop it is `RuntimeError: no running event loop`; given a Future,
/// an object with `__await__` or a plain value, `TypeError: a coroutine was expected,
/// got ...`, as in CPython.
///
/// ```
/// use corosim::{Generator, aio};
/// let main = Generator::coroutine("main", |co| async move {
///     let nap = aio::create_task(aio::sleep(0.0))?;  // asyncio.create_task(asyncio.sleep(0))
///     let later = aio::create_task(aio::sleep_result(1.0, "woke".into()))?;
///     assert_eq!(nap.get_coro().unwrap().name(), "sleep");
///     co.await_(&nap).await?;
///     co.await_(&later).await
/// });
/// assert_eq!(aio::run(main).unwrap().repr(), "'woke'");
/// assert_eq!(aio::create_task(aio::sleep(0.0)).unwrap_err().to_string(),
///            "RuntimeError: no running event loop");
/// ```
pub fn create_task(coro: impl Into<Awaitable>) -> PyResult<Task> {
    create_task_named(coro, None)
}

/// `asyncio.create_task(coro, name=name)`: [`create_task`], the task named from the start.
///
/// ```
/// use corosim::{Generator, aio};
/// let main = Generator::coroutine("main", |co| async move {
///     let t = aio::create_task_named(aio::sleep(1.0), Some("nap".into()))?;
///     co.await_(&t).await?;
///     Ok(t.get_name().into())
/// });
/// assert_eq!(aio::run(main).unwrap().repr(), "'nap'");
/// ```
pub fn create_task_named(
    coro: impl Into<Awaitable>,
    name: Option<std::borrow::Cow<'static, str>>,
) -> PyResult<Task> {
    let lp = get_running_loop()?;
    match coro.into() {
        Awaitable::Coroutine(coro) => Ok(lp.create_task_named(coro, name)),
        other => Err(PyException::new(TYPE_ERROR, format!("a coroutine was expected, got {}", other.repr()))),
    }
}

/// `asyncio.current_task()`: the task whose step is running on the running loop; `None`
/// when none is (in a plain callback). `RuntimeError: no running event loop` outside one.
///
/// ```
/// use corosim::{Generator, aio};
/// let main = Generator::coroutine("main", |_co| async move {
///     Ok(aio::current_task()?.expect("main runs in a task").get_name().into())
/// });
/// assert_eq!(aio::run(main).unwrap().repr(), "'Task-1'");
/// assert_eq!(aio::current_task().unwrap_err().to_string(), "RuntimeError: no running event loop");
/// ```
pub fn current_task() -> PyResult<Option<Task>> {
    Ok(get_running_loop()?.current_task())
}

/// `asyncio.all_tasks()`: the running loop's tasks that are not done yet, the current one
/// included. `RuntimeError: no running event loop` outside one. (asyncio returns a set:
/// sort the names to compare.)
///
/// ```
/// use corosim::{Generator, aio};
/// let main = Generator::coroutine("main", |co| async move {
///     let t = aio::create_task(aio::sleep(1.0))?;
///     let names: Vec<String> = aio::all_tasks()?.iter().map(|t| t.get_name()).collect();
///     co.await_(&t).await?;
///     Ok(names.len().into())
/// });
/// assert_eq!(aio::run(main).unwrap().repr(), "2");
/// ```
pub fn all_tasks() -> PyResult<Vec<Task>> {
    Ok(get_running_loop()?.all_tasks())
}

/// `asyncio.run(main)` on a fresh loop with the virtual clock.
pub fn run(main: impl Into<Awaitable>) -> PyResult {
    run_on(EventLoop::new(), main)
}

/// `asyncio.run(main)` on the given loop: run `main` to completion, then cancel every
/// task still pending and let them finish (their `finally` blocks run), then close.
pub fn run_on(lp: EventLoop, main: impl Into<Awaitable>) -> PyResult {
    if get_running_loop().is_ok() {
        return Err(PyException::new(
            RUNTIME_ERROR,
            "asyncio.run() cannot be called from a running event loop",
        ));
    }
    let main = match main.into() {
        Awaitable::Coroutine(c) => c,
        other => {
            return Err(PyException::new(
                VALUE_ERROR,
                format!("a coroutine was expected, got {}", other.repr()),
            ));
        }
    };
    set_event_loop(Some(lp.clone()));
    let result = lp.run_until_complete(main);
    let shutdown = cancel_all_tasks(&lp).and_then(|()| shutdown_asyncgens(&lp));
    set_event_loop(None);
    lp.close()?;
    shutdown?;
    result
}

/// asyncio.run's `_cancel_all_tasks`: cancel what is left and run until it has finished.
fn cancel_all_tasks(lp: &EventLoop) -> PyResult<()> {
    let left = lp.all_tasks();
    if left.is_empty() {
        return Ok(());
    }
    for task in &left {
        task.cancel(None);
    }
    let all = gather(left.iter().map(Awaitable::from).collect::<Vec<_>>(), true)?;
    lp.run_until_complete(all)?;
    for task in &left {
        if !task.cancelled()
            && let Ok(Some(e)) = task.exception()
        {
            lp.warn(format!(
                "unhandled exception during asyncio.run() shutdown\ntask: {}\n{e}",
                task.describe()
            ));
        }
    }
    Ok(())
}

/// `asyncio.sleep(delay)`: a coroutine that suspends for `delay` seconds of the loop's
/// clock. `sleep(0)` is a bare `yield`: the task just goes to the back of the ready queue.
///
/// What it returns is a [`Sleep`], whatever the delay: `await` it, or hand it to
/// [`create_task`], [`ensure_future`], [`gather`], [`wait_for`] like any coroutine.
///
/// ```
/// use corosim::{Generator, aio};
/// let main = Generator::coroutine("main", |co| async move {
///     co.await_(aio::sleep(0.0)).await?;                // await asyncio.sleep(0)
///     let t = aio::create_task(aio::sleep(2.0))?;        // create_task(asyncio.sleep(2))
///     co.await_(&t).await?;
///     Ok(aio::get_running_loop()?.time().into())
/// });
/// assert_eq!(aio::run(main).unwrap().repr(), "2.0");
/// ```
pub fn sleep(delay: f64) -> Sleep {
    Sleep { delay, result: Value::None }
}

/// `asyncio.sleep(delay, result)`: evaluates to `result` when done.
pub fn sleep_result(delay: f64, result: Value) -> Sleep {
    Sleep { delay, result }
}

/// The coroutine object `asyncio.sleep(delay, result)` returns, made when it is used.
///
/// Awaited, `sleep(0)` is one bare `yield` with nothing allocated (a loop that runs a
/// million tasks through `await asyncio.sleep(0)` pays for no coroutine object each
/// time), and `sleep(d)` a coroutine that waits on a timer. Handed to the loop (as a
/// [`Awaitable`]: `create_task`, `ensure_future`, `gather`, ...), either is the coroutine
/// `sleep`, as in CPython: a task's `get_coro()` is named `sleep`.
pub struct Sleep {
    delay: f64,
    result: Value,
}

impl Sleep {
    /// The coroutine `async def sleep(delay, result)`, as asyncio writes it: `sleep(0)`
    /// awaits `__sleep0()`; a longer one a future that a timer completes.
    fn into_coroutine(self) -> Generator {
        let Sleep { delay, result } = self;
        if delay <= 0.0 {
            return Generator::coroutine("sleep", move |co| async move {
                co.await_(Iterable::Iter(Box::new(Sleep0))).await?;
                Ok(result)
            });
        }
        Generator::coroutine("sleep", move |co| async move {
            let lp = get_running_loop()?;
            let fut = lp.create_future();
            fut.set_label(format!("sleep({})", Value::from(delay)));
            let timer = fut.clone();
            let handle = lp.call_later(delay, "_set_result_unless_cancelled", move || {
                timer.set_result_unless_cancelled(result)
            });
            let outcome = co.await_(&fut).await;
            handle.cancel(); // finally: a cancelled sleep leaves no timer behind
            outcome
        })
    }
}

impl From<Sleep> for Iterable {
    /// `await asyncio.sleep(delay)`. For `sleep(0)`, `__sleep0` itself: corosim folds the
    /// coroutine and the bare `yield` it awaits into one iterator, which costs no heap
    /// allocation when it keeps no result.
    #[inline]
    fn from(sleep: Sleep) -> Self {
        match sleep {
            Sleep { delay, result: Value::None } if delay <= 0.0 => Iterable::Iter(Box::new(Sleep0)),
            Sleep { delay, result } if delay <= 0.0 => Iterable::Iter(Box::new(Sleep0Result(result))),
            sleep => Iterable::Gen(sleep.into_coroutine()),
        }
    }
}

impl From<Sleep> for Awaitable {
    /// `create_task(asyncio.sleep(d))` and the like: the coroutine `sleep`.
    fn from(sleep: Sleep) -> Self {
        Awaitable::Coroutine(sleep.into_coroutine())
    }
}

/// `asyncio.sleep(0)`'s `__sleep0`: a generator whose body is one bare `yield`.
///
/// Its first step (made by the `await`) yields None; the next returns. That first step is
/// [`PyIterator::start`], so the iterator keeps no state: a zero-sized value, which costs
/// no heap allocation, however many tasks are paused in `sleep(0)`.
struct Sleep0;

impl PyIterator for Sleep0 {
    fn type_name(&self) -> &str {
        "__sleep0"
    }
    fn start(&mut self) -> Step {
        Step::Yielded(Value::None)
    }
    fn next(&mut self) -> Step {
        Step::Returned(Value::None)
    }
    fn send(&mut self, _value: Value) -> Option<Step> {
        Some(self.next())
    }
    fn throw(&mut self, args: &crate::exception::ThrowArgs) -> Option<Step> {
        Some(match args.normalize() {
            Ok(e) | Err(e) => Step::Raised(e),
        })
    }
    fn close(&mut self) -> Option<PyResult<()>> {
        Some(Ok(()))
    }
}

/// `sleep(0, result)`: `__sleep0`, then `result` (CPython's `sleep` returns it after
/// `await __sleep0()`; corosim folds the two into one iterator).
struct Sleep0Result(Value);

impl PyIterator for Sleep0Result {
    fn type_name(&self) -> &str {
        "__sleep0"
    }
    fn start(&mut self) -> Step {
        Sleep0.start()
    }
    fn next(&mut self) -> Step {
        Step::Returned(std::mem::take(&mut self.0))
    }
    fn send(&mut self, _value: Value) -> Option<Step> {
        Some(self.next())
    }
    fn throw(&mut self, args: &crate::exception::ThrowArgs) -> Option<Step> {
        Sleep0.throw(args)
    }
    fn close(&mut self) -> Option<PyResult<()>> {
        Some(Ok(()))
    }
}

/// How CPython's reprs name one of asyncio's own callbacks: `gather.<locals>._done_callback()
/// at <stdlib>/asyncio/tasks.py:764`. `<stdlib>` stands for CPython's library directory,
/// which differs from machine to machine (`corosim run --check` writes CPython's as
/// `<stdlib>` too); the line is CPython 3.11's.
pub(crate) fn lib_callback(qualname: &str, at: &str) -> String {
    format!("{qualname}() at <stdlib>/asyncio/{at}")
}
