//! `asyncio.Task`: a Future that drives a coroutine — "like a thread that is already
//! started".
//!
//! Creating a task schedules its first step at once (a `threading.Thread` waits for
//! `start()`). A **step** is `coro.send(None)`, or `coro.throw(CancelledError)` when a
//! cancellation is pending, and what the coroutine yields decides what happens next:
//!
//! * `None` (a bare `yield`, which is `sleep(0)`): the task goes to the back of the
//!   ready queue — round robin;
//! * a Future it awaits: the task parks until that future is done; its completion
//!   schedules `__wakeup`, which takes the result and steps again;
//! * anything else: `RuntimeError('Task got bad yield: ...')` is thrown back in.
//!
//! `cancel()` never runs coroutine code: it cancels the future the task is parked on (the
//! CancelledError then arrives at the `await`), or sets "must cancel" so the next step
//! throws it in.
//!
//! ```
//! use corosim::{Generator, aio};
//! let lp = aio::EventLoop::new();
//! let task = lp.create_task(Generator::coroutine("answer", |co| async move {
//!     co.await_(aio::sleep(1.0)).await?;
//!     Ok(42.into())
//! }));
//! assert!(!task.done());                       // scheduled, not run
//! assert_eq!(lp.run_until_complete(&task).unwrap().repr(), "42");
//! assert_eq!(lp.time(), 1.0);
//! ```

use std::borrow::Cow;
use std::ops::Deref;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use super::future::{DoneCallback, FutInner, Future, FutureCell, FutureIter, FutureKind, Loop, State};
use super::handle::panic_exception;
use super::ready::Ready;
use crate::exception::{CANCELLED_ERROR, PyException, RUNTIME_ERROR};
use crate::generator::{Generator, Iterable, Step};
use crate::trace::{self, Event, GenState, Resumed};
use crate::value::Value;

/// Where a coroutine is, in a front-end's words (`running at f.py:6`, `done, defined
/// at f.py:5`); `None` for one it did not make.
pub type CoroLocator = fn(&Generator) -> Option<String>;

thread_local! {
    static LOCATE: std::cell::Cell<Option<CoroLocator>> = const { std::cell::Cell::new(None) };
}

/// Installs (or removes) the locator [`Task::describe`] asks.
pub fn set_coro_locator(f: Option<CoroLocator>) {
    let _ = LOCATE.try_with(|l| l.set(f));
}

/// An `asyncio.Task`. It is a [`Future`] (it derefs to one).
#[derive(Clone)]
pub struct Task(pub(crate) Future);

impl Deref for Task {
    type Target = Future;
    fn deref(&self) -> &Future {
        &self.0
    }
}

impl Task {
    /// Wraps `coro` and schedules its first step (use
    /// [`EventLoop::create_task`](super::EventLoop::create_task)).
    pub(crate) fn new(lp: &Rc<Loop>, coro: Generator, name: Option<Cow<'static, str>>) -> Task {
        let task = Task(Future::with_kind(lp, FutureKind::Task, Some(coro)));
        if let Some(name) = name {
            task.set_name(name);
        }
        trace::emit(|| Event::TaskCreated { t: lp.time(), task: task.get_name(), coro: task.coro_name() });
        lp.schedule(Ready::Step(task.cell()));
        task
    }

    /// The task's object, as the loop's queues hold it.
    fn cell(&self) -> Rc<FutureCell> {
        self.0.0.clone()
    }

    /// The Task behind a future, if it is one.
    pub fn from_future(fut: &Future) -> Option<Task> {
        (fut.0.header.kind() == FutureKind::Task).then(|| Task(fut.clone()))
    }

    /// The task's state, shared with its future side (one borrow flag for both).
    fn inner(&self) -> std::cell::RefMut<'_, FutInner> {
        self.0.0.inner.borrow_mut()
    }

    /// `task.get_name()`: `Task-1`, `Task-2`, ... unless named.
    pub fn get_name(&self) -> String {
        self.0.0.task_name()
    }

    /// `task.set_name(name)`.
    pub fn set_name(&self, name: impl Into<Cow<'static, str>>) {
        self.inner().extra_mut().name = Some(name.into());
    }

    /// The coroutine's name.
    pub fn coro_name(&self) -> String {
        self.0.0.coro_name()
    }

    /// `task.get_coro()`.
    pub fn get_coro(&self) -> Option<Generator> {
        self.0.0.inner.borrow().coro.clone()
    }

    /// `repr(task)`: `<Task pending name='Task-1' coro=<main()>>`, with where the
    /// coroutine is when a front-end's locator knows (`coro=<main() running at f.py:3>`).
    pub fn describe(&self) -> String {
        self.0.0.task_repr()
    }

    /// What the task is parked on, for the loop's "stalled" report.
    pub fn waiting_on(&self) -> String {
        match self.0.0.inner.borrow().fut_waiter() {
            Some(f) => format!("{} ({})", f.describe(), f.state_text()),
            None => "nothing (it is scheduled)".into(),
        }
    }

    /// `task.cancel(msg)`: request cancellation. False if the task is already done.
    pub fn cancel(&self, msg: Option<Value>) -> bool {
        self.0.0.header.set_log_traceback(false);
        if self.done() {
            return false;
        }
        trace::emit(|| Event::TaskCancel { t: self.0.0.lp.time(), task: self.get_name() });
        let waiter = {
            let mut inner = self.inner();
            inner.extra_mut().num_cancels += 1;
            inner.fut_waiter().cloned()
        };
        if let Some(waiter) = waiter
            && waiter.cancel(msg.clone())
        {
            // The waiter's cancellation wakes the task; CancelledError arrives at the await.
            return true;
        }
        self.0.0.header.set_must_cancel(true);
        self.inner().extra_mut().cancel_message = msg;
        true
    }

    /// `task.cancelling()`: how many cancellations are pending (3.11).
    pub fn cancelling(&self) -> u32 {
        self.0.0.inner.borrow().extra().map_or(0, |x| x.num_cancels)
    }

    /// `task.uncancel()`: one fewer pending cancellation (3.11).
    pub fn uncancel(&self) -> u32 {
        let mut inner = self.inner();
        let Some(extra) = inner.extra.as_mut() else {
            return 0;
        };
        extra.num_cancels = extra.num_cancels.saturating_sub(1);
        extra.num_cancels
    }

    /// `Task.__step(exc)`: one resumption of the coroutine.
    pub(crate) fn step(&self, exc: Option<PyException>) {
        let lp = &self.0.0.lp;
        let (coro, exc) = {
            let mut inner = self.inner();
            if !matches!(inner.state, State::Pending(_)) {
                return; // done meanwhile: nothing to resume
            }
            inner.replace_fut_waiter(None);
            let mut exc = exc;
            if self.0.0.header.take_must_cancel()
                && !exc.as_ref().is_some_and(|e| e.is_instance(CANCELLED_ERROR))
            {
                exc = Some(cancelled_error(&inner));
            }
            (inner.coro.clone().expect("a pending task has its coroutine"), exc)
        };
        if trace::is_on() {
            let with = match &exc {
                None => Resumed::Send("None".into()),
                Some(e) => Resumed::Throw(e.repr()),
            };
            trace::emit(|| Event::TaskStep { t: lp.time(), task: self.get_name(), with });
        }
        let previous = lp.current_task.replace(Some(self.cell()));
        lp.blocking.borrow_mut().take();
        let step = catch_unwind(AssertUnwindSafe(|| match exc {
            None => coro.send_step(Value::None),
            Some(e) => coro.throw_step(e),
        }));
        *lp.current_task.borrow_mut() = previous;
        let step = step.unwrap_or_else(|panic| Step::Raised(panic_exception(&panic)));
        match step {
            Step::Returned(v) => {
                if self.0.0.header.take_must_cancel() {
                    // Cancelled right before the coroutine returned: the result is dropped.
                    let msg = self.0.0.inner.borrow().cancel_message();
                    self.0.cancel_future(msg);
                } else {
                    let _ = self.0.finish(State::finished(v));
                }
            }
            Step::Raised(e) if e.is_instance(CANCELLED_ERROR) => {
                self.inner().extra_mut().cancelled_exc = Some(e);
                self.0.cancel_future(None);
            }
            Step::Raised(e) => {
                let _ = self.0.finish(State::Failed(e));
            }
            Step::Yielded(Value::None) => {
                self.trace_suspend(|| "nothing: a bare yield, back of the ready queue".into());
                lp.schedule(Ready::Step(self.cell()));
            }
            Step::Yielded(yielded) => self.park(yielded),
        }
    }

    /// The coroutine yielded something other than None: it should be the future it
    /// awaits (left in the loop's blocking slot). Park on it until it is done.
    fn park(&self, yielded: Value) {
        let lp = &self.0.0.lp;
        let awaited =
            lp.blocking.borrow_mut().take().map(Future).filter(|f| Value::Object(f.id()) == yielded);
        match awaited {
            Some(fut) if fut.is(&self.0) => {
                let e = PyException::new(
                    RUNTIME_ERROR,
                    format!("Task cannot await on itself: {}", self.describe()),
                );
                lp.schedule(Ready::throw(self.cell(), e));
            }
            Some(fut) => {
                fut.0.header.set_blocking(false);
                self.trace_suspend(|| fut.describe());
                fut.add_callback(DoneCallback::Wake(self.cell()));
                self.inner().replace_fut_waiter(Some(fut.clone()));
                if self.0.0.header.must_cancel() {
                    let msg = self.0.0.inner.borrow().cancel_message();
                    if fut.cancel(msg) {
                        self.0.0.header.set_must_cancel(false);
                    }
                }
            }
            None => {
                let e = PyException::new(RUNTIME_ERROR, format!("Task got bad yield: {}", yielded.repr()));
                lp.schedule(Ready::throw(self.cell(), e));
            }
        }
    }

    /// `Task.__wakeup(future)`: the future it was parked on (`_fut_waiter`) is done; step
    /// with its outcome.
    pub(crate) fn wakeup(&self) {
        let fut = self.0.0.inner.borrow().fut_waiter().cloned();
        match fut.map(|f| f.result()) {
            Some(Err(e)) => self.step(Some(e)),
            _ => self.step(None),
        }
    }

    fn trace_suspend(&self, waits_on: impl FnOnce() -> String) {
        if trace::is_on() {
            let t = self.0.0.lp.time();
            trace::emit(|| Event::TaskSuspend { t, task: self.get_name(), waits_on: waits_on() });
        }
    }

    /// The loop is closing with this task still pending: it can never finish. Python's
    /// garbage collector reports it and closes its coroutine (running `finally` blocks).
    pub(crate) fn destroy_pending(&self) {
        let lp = &self.0.0.lp;
        lp.warn(format!("Task was destroyed but it is pending!\ntask: {}", self.describe()));
        let (coro, waiter) = {
            let mut inner = self.inner();
            (inner.coro.take(), inner.replace_fut_waiter(None))
        };
        drop(waiter);
        drop(coro);
    }
}

/// What a task says of itself, read from its object alone (a task is its own Python
/// object: see `future.rs`).
/// Where asyncio's own `sleep` coroutine stands, as CPython's task repr says it. Its
/// source is `async def sleep` in asyncio/tasks.py (CPython 3.11): the `def` at line 637,
/// `await __sleep0()` at 640, `return await future` at 649.
fn sleep_location(g: &Generator) -> Option<String> {
    if g.name() != "sleep" || g.line().is_some() {
        return None;
    }
    const SOURCE: &str = "<stdlib>/asyncio/tasks.py";
    Some(match g.state() {
        GenState::Closed => format!("done, defined at {SOURCE}:637"),
        GenState::Suspended if g.yield_from_name().as_deref() == Some("__sleep0") => {
            format!("running at {SOURCE}:640")
        }
        GenState::Suspended => format!("running at {SOURCE}:649"),
        _ => format!("running at {SOURCE}:637"),
    })
}

impl FutureCell {
    /// See [`Task::get_name`].
    pub(crate) fn task_name(&self) -> String {
        match self.inner.borrow().extra().and_then(|x| x.name.as_ref()) {
            Some(name) => name.to_string(),
            None => format!("Task-{}", self.header.number()),
        }
    }

    /// See [`Task::coro_name`].
    fn coro_name(&self) -> String {
        self.inner.borrow().coro.as_ref().map_or_else(|| "?".into(), |c| c.name().to_string())
    }

    /// See [`Task::describe`].
    pub(crate) fn task_repr(&self) -> String {
        let locate = LOCATE.try_with(|l| l.get()).ok().flatten();
        let coro = self.inner.borrow().coro.clone();
        let at = coro.and_then(|c| locate.and_then(|f| f(&c).or_else(|| sleep_location(&c))));
        let coro = match at {
            Some(at) => format!("{}() {at}", self.coro_name()),
            None => format!("{}()", self.coro_name()),
        };
        // What it waits for, in the full repr a front-end with source asks for.
        let waiting = match &self.inner.borrow().state {
            State::Pending(Some(w)) if locate.is_some() && Task::from_future(w).is_none() => Some(w.clone()),
            _ => None,
        };
        let wait_for =
            waiting.map(|w| format!(" wait_for={}", w.python_repr_with_callbacks())).unwrap_or_default();
        let state = match &self.inner.borrow().state {
            // `task.cancel()` asked, and the coroutine has not answered yet (3.11).
            State::Pending(_) if self.inner.borrow().extra().is_some_and(|x| x.num_cancels > 0) => {
                "cancelling".to_string()
            }
            State::Pending(_) => "pending".to_string(),
            State::Finished(v) => format!("finished result={}", super::future::short_repr(&v.value())),
            State::Failed(e) => format!("finished exception={}", e.repr()),
            State::Cancelled => "cancelled".to_string(),
        };
        let (word, rest) = state.split_once(' ').unwrap_or((&state, ""));
        let rest = if rest.is_empty() { String::new() } else { format!(" {rest}") };
        // Its callbacks too, in the full repr.
        let cb = locate.and_then(|_| self.callbacks_text()).map(|cb| format!(" {cb}")).unwrap_or_default();
        format!("<Task {word} name='{}' coro=<{coro}>{wait_for}{rest}{cb}>", self.task_name())
    }
}

/// Python 3.14's `future_add_to_awaited_by(fut, waiter)` (`added`) and
/// `future_discard_from_awaited_by`, as trace events: `fut`, when it is a task, is awaited
/// by task `by` without `by` being parked on it (`gather`, `wait`, `shield`, a
/// `TaskGroup`). The runtime keeps no graph; observers draw it (`corosim trace X --format
/// pstree`).
pub(crate) fn trace_awaited_by(fut: &Future, by: Option<&str>, added: bool) {
    let Some(by) = by else { return };
    if trace::is_on()
        && let Some(task) = Task::from_future(fut)
    {
        let t = fut.0.lp.time();
        trace::emit(|| Event::AwaitedBy { t, task: task.get_name(), by: by.to_string(), added });
    }
}

/// The name of the task running now, when the trace records the await graph.
pub(crate) fn awaiting_task_name(lp: &Rc<Loop>) -> Option<String> {
    if !trace::is_on() {
        return None;
    }
    let current = lp.current_task.borrow().clone();
    current.map(|cell| Task(Future(cell)).get_name())
}

/// The CancelledError a cancellation throws into the coroutine, with the message if any.
fn cancelled_error(inner: &FutInner) -> PyException {
    match inner.cancel_message() {
        Some(msg) => PyException::new(CANCELLED_ERROR, msg),
        None => PyException::bare(CANCELLED_ERROR),
    }
}

// `Future::cancel` is here rather than in `future.rs`: a Task overrides `cancel`, and a
// future that is a task (or gathers tasks) must cancel as one, so it stands where both
// are known.
impl Future {
    /// `future.cancel(msg)`: False if already done; else cancelled, callbacks scheduled.
    pub fn cancel(&self, msg: Option<Value>) -> bool {
        match self.0.header.kind() {
            FutureKind::Plain => self.cancel_future(msg),
            FutureKind::Task => Task(self.clone()).cancel(msg),
            FutureKind::Gathering => {
                if self.done() {
                    return false;
                }
                let children = self.gather_part(|part| part.children.clone());
                let mut any = false;
                for child in children {
                    any |= child.cancel(msg.clone());
                }
                if any {
                    self.gather_part(|part| part.cancel_requested = true);
                }
                any
            }
        }
    }
}

impl std::fmt::Debug for Task {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl From<&Task> for Iterable {
    /// `await task`.
    fn from(task: &Task) -> Self {
        Iterable::Iter(Box::new(FutureIter::new(task.0.clone())))
    }
}

impl From<Task> for Iterable {
    fn from(task: Task) -> Self {
        Iterable::Iter(Box::new(FutureIter::new(task.0)))
    }
}
