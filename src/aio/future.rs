//! `asyncio.Future`: a result that is not there yet.
//!
//! A future is pending, then exactly one of finished (a result), failed (an exception)
//! or cancelled. Code that needs the result registers a done-callback; completing the
//! future schedules every callback with `call_soon` (never runs them on the spot).
//!
//! `await future` is `yield from future.__await__()`: the future **yields itself** to the
//! task driving the coroutine, and the task parks until the future is done. asyncio marks
//! such a future with `_asyncio_future_blocking = True`, and the task that takes it up
//! sets the flag back to False ([`Future::asyncio_future_blocking`]). In corosim the
//! future also leaves itself in its loop's "blocking" slot and yields its id; the task
//! picks it up from there.
//!
//! ```
//! use corosim::aio::EventLoop;
//! let lp = EventLoop::new();
//! let fut = lp.create_future();
//! assert_eq!(fut.result().unwrap_err().to_string(),
//!            "asyncio.exceptions.InvalidStateError: Result is not set.");
//! fut.set_result(42).unwrap();
//! assert!(fut.done());
//! assert_eq!(fut.result().unwrap().repr(), "42");
//! ```

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use super::events::LoopCell;
use super::ready::Ready;
use crate::exception::{
    CANCELLED_ERROR, INVALID_STATE_ERROR, PyException, PyResult, RUNTIME_ERROR, TYPE_ERROR, ThrowArgs,
};
use crate::generator::{Generator, Iterable, PyIterator, Step};
use crate::trace::{self, Event};
use crate::value::{ObjectId, PyObject, Value};
use std::any::Any;

/// A future's state.
#[derive(Clone)]
pub(crate) enum State {
    /// Not done yet. A pending task may be parked on another future (`task._fut_waiter`):
    /// kept here, because only a pending task can be waiting (and the cell stays a word
    /// smaller). A plain future's is always `None`.
    Pending(Option<Future>),
    Finished(Outcome),
    Failed(PyException),
    Cancelled,
}

impl State {
    /// Finished with `result`.
    pub(crate) fn finished(result: Value) -> State {
        State::Finished(Outcome(if result.is_none() { None } else { Some(Box::new(result)) }))
    }
}

/// A finished future's result: boxed, unless it is None. A `Value` is three words and
/// every other state one, so an unboxed result would make every future, and every one of
/// a million tasks, a word bigger: 88 bytes, served from the allocator's 96-byte class
/// instead of its 80-byte one. None, what most tasks return, needs no box.
#[derive(Clone)]
pub(crate) struct Outcome(Option<Box<Value>>);

impl Outcome {
    /// The result.
    pub(crate) fn value(&self) -> Value {
        self.0.as_deref().cloned().unwrap_or(Value::None)
    }

    /// `repr(result)`.
    pub(crate) fn repr(&self) -> String {
        self.0.as_deref().map_or_else(|| "None".into(), Value::repr)
    }
}

/// What runs when a future is done.
pub(crate) enum DoneCallback {
    /// A named callback, called with the future (boxed: the common callback is `Wake`).
    Call(Box<NamedCallback>),
    /// A task waiting on this future: `task.__wakeup(future)`. (The task's object: tasks
    /// stand above futures, in `task.rs`.)
    Wake(Rc<FutureCell>),
}

pub(crate) struct NamedCallback {
    name: Cow<'static, str>,
    /// How a future's repr lists it, when that is more than `name()`: CPython's
    /// `_format_callback_source`, `on_done() at my.py:4`.
    shown: Option<Cow<'static, str>>,
    f: Box<dyn FnOnce(&Future)>,
}

/// The loop a future is on, as the future sees it: the state `events.rs` defines, holding
/// futures and tasks as their `FutureCell`s. `event_loop.rs` wraps it as the `EventLoop`.
pub(crate) type Loop = LoopCell<FutureCell>;

/// A future (or task) object. Kept small, because a program may hold a million of them:
/// what most futures never use lives in `extra`, allocated on first use.
pub(crate) struct FutureCell {
    pub(crate) lp: Rc<Loop>,
    pub(crate) header: Header,
    pub(crate) inner: RefCell<FutInner>,
}

// Eight words: with `Rc`'s two counts, 80 bytes, one of the allocator's size classes (a
// ninth word would cost sixteen more bytes a task).
const _: () = assert!(size_of::<FutureCell>() <= size_of::<[usize; 8]>());

/// A future's kind, its number (`Task-7`, `Future-3`) and its three flags, packed in one
/// word: as separate fields they would cost two more words, on every one of a million
/// tasks.
pub(crate) struct Header(Cell<u64>);

impl Header {
    const KIND_MASK: u64 = 0b11;
    /// A failure nobody has looked at yet: reported when the future is dropped.
    const LOG_TRACEBACK: u64 = 1 << 2;
    /// Task only: cancel at the next step (it was not parked on a future when cancelled).
    const MUST_CANCEL: u64 = 1 << 3;
    /// `_asyncio_future_blocking`: the future has yielded itself to whoever drives the
    /// awaiting coroutine, and no task has taken it up yet.
    const BLOCKING: u64 = 1 << 4;
    const NUMBER_SHIFT: u32 = 5;

    fn new(kind: FutureKind, number: u64) -> Header {
        Header(Cell::new(number << Self::NUMBER_SHIFT | kind as u64))
    }

    pub(crate) fn kind(&self) -> FutureKind {
        match self.0.get() & Self::KIND_MASK {
            0 => FutureKind::Plain,
            1 => FutureKind::Task,
            _ => FutureKind::Gathering,
        }
    }

    pub(crate) fn number(&self) -> u64 {
        self.0.get() >> Self::NUMBER_SHIFT
    }

    pub(crate) fn log_traceback(&self) -> bool {
        self.0.get() & Self::LOG_TRACEBACK != 0
    }

    pub(crate) fn set_log_traceback(&self, on: bool) {
        self.set(Self::LOG_TRACEBACK, on);
    }

    pub(crate) fn must_cancel(&self) -> bool {
        self.0.get() & Self::MUST_CANCEL != 0
    }

    pub(crate) fn set_must_cancel(&self, on: bool) {
        self.set(Self::MUST_CANCEL, on);
    }

    pub(crate) fn blocking(&self) -> bool {
        self.0.get() & Self::BLOCKING != 0
    }

    pub(crate) fn set_blocking(&self, on: bool) {
        self.set(Self::BLOCKING, on);
    }

    /// The must-cancel flag, cleared: the step that acts on it takes it.
    pub(crate) fn take_must_cancel(&self) -> bool {
        let on = self.must_cancel();
        self.set_must_cancel(false);
        on
    }

    fn set(&self, flag: u64, on: bool) {
        let word = self.0.get();
        self.0.set(if on { word | flag } else { word & !flag });
    }
}

/// asyncio's Future subclasses that corosim needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FutureKind {
    /// A plain `asyncio.Future`.
    Plain = 0,
    /// An `asyncio.Task`.
    Task = 1,
    /// `gather()`'s `_GatheringFuture`: cancelling it cancels its children.
    Gathering = 2,
}

pub(crate) struct FutInner {
    pub(crate) state: State,
    /// Task only: the coroutine it drives (`task.get_coro()`).
    pub(crate) coro: Option<Generator>,
    /// The rest, boxed: most futures never need it.
    pub(crate) extra: Option<Box<Extra>>,
}

/// The parts of a future that only some futures use.
#[derive(Default)]
pub(crate) struct Extra {
    /// Done-callbacks, each with the id `add_done_callback` returned.
    pub(crate) callbacks: Vec<(u64, DoneCallback)>,
    pub(crate) next_callback_id: u64,
    pub(crate) cancel_message: Option<Value>,
    /// The CancelledError a task's coroutine raised; handed out once (the 3.11 quirk).
    pub(crate) cancelled_exc: Option<PyException>,
    /// A task's name (`set_name`), or what a plain future stands for in traces (`sleep(3)`).
    pub(crate) name: Option<Cow<'static, str>>,
    /// Task only: how many cancellations are pending (`task.cancelling()`).
    pub(crate) num_cancels: u32,
    /// `gather()`'s future only.
    pub(crate) gather: Option<Box<GatherPart>>,
}

impl FutInner {
    /// The rare parts, for reading (None if none was ever set).
    pub(crate) fn extra(&self) -> Option<&Extra> {
        self.extra.as_deref()
    }

    /// The rare parts, for writing: allocated on first use.
    pub(crate) fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// Task only: the future it is parked on (`task._fut_waiter`).
    pub(crate) fn fut_waiter(&self) -> Option<&Future> {
        match &self.state {
            State::Pending(waiter) => waiter.as_ref(),
            _ => None,
        }
    }

    /// Task only: parks it on `waiter` (or unparks it with `None`), returning the future
    /// it was parked on. A task that is done waits on nothing, so it keeps nothing.
    pub(crate) fn replace_fut_waiter(&mut self, waiter: Option<Future>) -> Option<Future> {
        match &mut self.state {
            State::Pending(slot) => std::mem::replace(slot, waiter),
            _ => None,
        }
    }

    pub(crate) fn cancel_message(&self) -> Option<Value> {
        self.extra().and_then(|x| x.cancel_message.clone())
    }
}

pub(crate) struct GatherPart {
    pub(crate) children: Vec<Future>,
    pub(crate) cancel_requested: bool,
}

/// An `asyncio.Future`. Cloning gives another reference to the same future.
#[derive(Clone)]
pub struct Future(pub(crate) Rc<FutureCell>);

/// Identifies a done-callback, for [`Future::remove_done_callback`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackId(u64);

fn invalid_state(msg: &str) -> PyException {
    PyException::new(INVALID_STATE_ERROR, msg)
}

impl Future {
    /// A pending future of the given kind; a task also gets its coroutine.
    /// (`Future::new`, `loop.create_future()`, is in `event_loop.rs`, which knows the loop.)
    pub(crate) fn with_kind(lp: &Rc<Loop>, kind: FutureKind, coro: Option<Generator>) -> Future {
        let counter = if kind == FutureKind::Task { &lp.next_task_number } else { &lp.next_future_number };
        let number = counter.get();
        counter.set(number + 1);
        Future(Rc::new(FutureCell {
            lp: lp.clone(),
            header: Header::new(kind, number),
            inner: RefCell::new(FutInner { state: State::Pending(None), coro, extra: None }),
        }))
    }

    /// Names what this future stands for in traces (`sleep(3)`).
    pub fn set_label(&self, label: impl Into<Cow<'static, str>>) {
        self.0.inner.borrow_mut().extra_mut().name = Some(label.into());
    }

    /// `future.done()`: finished, failed or cancelled.
    pub fn done(&self) -> bool {
        !matches!(self.0.inner.borrow().state, State::Pending(_))
    }

    /// `future.cancelled()`.
    pub fn cancelled(&self) -> bool {
        matches!(self.0.inner.borrow().state, State::Cancelled)
    }

    /// `future.result()`: the result; the exception if it failed; CancelledError if
    /// cancelled; `InvalidStateError('Result is not set.')` while pending.
    pub fn result(&self) -> PyResult {
        let mut inner = self.0.inner.borrow_mut();
        match &inner.state {
            State::Pending(_) => Err(invalid_state("Result is not set.")),
            State::Finished(v) => Ok(v.value()),
            State::Failed(e) => {
                self.0.header.set_log_traceback(false);
                Err(e.clone())
            }
            State::Cancelled => Err(make_cancelled_error(&mut inner)),
        }
    }

    /// `future.exception()`: the exception (None if it finished); CancelledError if
    /// cancelled; `InvalidStateError('Exception is not set.')` while pending.
    pub fn exception(&self) -> PyResult<Option<PyException>> {
        let mut inner = self.0.inner.borrow_mut();
        match &inner.state {
            State::Pending(_) => Err(invalid_state("Exception is not set.")),
            State::Finished(_) => Ok(None),
            State::Failed(e) => {
                self.0.header.set_log_traceback(false);
                Ok(Some(e.clone()))
            }
            State::Cancelled => Err(make_cancelled_error(&mut inner)),
        }
    }

    /// `future.set_result(value)`. A Task refuses: its coroutine sets its result.
    pub fn set_result(&self, value: impl Into<Value>) -> PyResult<()> {
        if self.is_task() {
            return Err(PyException::new(RUNTIME_ERROR, "Task does not support set_result operation"));
        }
        self.finish(State::finished(value.into()))
    }

    /// `future.set_exception(exc)`.
    pub fn set_exception(&self, exc: PyException) -> PyResult<()> {
        if self.is_task() {
            return Err(PyException::new(RUNTIME_ERROR, "Task does not support set_exception operation"));
        }
        if exc.is_instance(crate::exception::STOP_ITERATION) {
            return Err(PyException::new(
                TYPE_ERROR,
                "StopIteration interacts badly with generators and cannot be raised into a Future",
            ));
        }
        self.finish(State::Failed(exc))
    }

    /// Sets the result unless the future was cancelled meanwhile (what `sleep`'s timer
    /// and executor results do).
    pub fn set_result_unless_cancelled(&self, value: Value) {
        if !self.cancelled() {
            let _ = self.finish(State::finished(value));
        }
    }

    pub(crate) fn set_exception_unless_cancelled(&self, exc: PyException) {
        if !self.cancelled() {
            let _ = self.finish(State::Failed(exc));
        }
    }

    /// Completes the future (for Tasks too) and schedules its callbacks.
    pub(crate) fn finish(&self, state: State) -> PyResult<()> {
        let callbacks = {
            let mut inner = self.0.inner.borrow_mut();
            if !matches!(inner.state, State::Pending(_)) {
                return Err(invalid_state("invalid state"));
            }
            self.0.header.set_log_traceback(matches!(state, State::Failed(_)));
            inner.state = state;
            inner.extra.as_mut().map(|x| std::mem::take(&mut x.callbacks)).unwrap_or_default()
        };
        if trace::is_on() {
            let state = self.state_text();
            trace::emit(|| Event::FutureDone { t: self.0.lp.time(), future: self.describe(), state });
        }
        for (_, callback) in callbacks {
            self.schedule_callback(callback);
        }
        Ok(())
    }

    fn schedule_callback(&self, callback: DoneCallback) {
        let lp = &self.0.lp;
        match callback {
            DoneCallback::Call(callback) => {
                let me = self.clone();
                let NamedCallback { name, f, .. } = *callback;
                lp.call_soon(name, Box::new(move || f(&me)));
            }
            // The task reads the outcome from the future it waits on, which is this one.
            DoneCallback::Wake(task) => lp.schedule(Ready::Wakeup(task)),
        }
    }

    /// `future._asyncio_future_blocking`: true from the moment an `await` makes the future
    /// yield itself until the task driving that coroutine takes it up (and parks on it).
    /// A future stepped by hand and never handed to a task keeps it true, as in CPython.
    ///
    /// ```
    /// use corosim::aio::EventLoop;
    /// use corosim::generator::{Iterable, Step};
    /// let lp = EventLoop::new();
    /// let fut = lp.create_future();
    /// assert!(!fut.asyncio_future_blocking());
    /// let Iterable::Iter(mut it) = Iterable::from(&fut) else { unreachable!() }; // fut.__await__()
    /// assert!(matches!(it.next(), Step::Yielded(_)));                            // yields itself
    /// assert!(fut.asyncio_future_blocking());
    /// ```
    pub fn asyncio_future_blocking(&self) -> bool {
        self.0.header.blocking()
    }

    pub(crate) fn is_task(&self) -> bool {
        self.0.header.kind() == FutureKind::Task
    }

    /// `gather()`'s bookkeeping, on its future.
    pub(crate) fn gather_part<R>(&self, f: impl FnOnce(&mut GatherPart) -> R) -> R {
        let mut inner = self.0.inner.borrow_mut();
        f(inner.extra_mut().gather.as_mut().expect("a gathering future has its children"))
    }

    /// `Future.cancel` itself (a Task's `cancel` ends up here once its coroutine gives up).
    pub(crate) fn cancel_future(&self, msg: Option<Value>) -> bool {
        {
            let mut inner = self.0.inner.borrow_mut();
            self.0.header.set_log_traceback(false);
            if !matches!(inner.state, State::Pending(_)) {
                return false;
            }
            // (No message and no extra yet: nothing to overwrite, nothing to allocate.)
            if msg.is_some() || inner.extra.is_some() {
                inner.extra_mut().cancel_message = msg;
            }
        }
        self.finish(State::Cancelled).is_ok()
    }

    /// `future.add_done_callback(fn)`: `fn(future)` is scheduled when the future is done
    /// (at once, with `call_soon`, if it already is).
    pub fn add_done_callback(
        &self,
        name: impl Into<Cow<'static, str>>,
        f: impl FnOnce(&Future) + 'static,
    ) -> CallbackId {
        let callback = NamedCallback { name: name.into(), shown: None, f: Box::new(f) };
        self.add_callback(DoneCallback::Call(Box::new(callback)))
    }

    /// [`Future::add_done_callback`] for a callback that a future's repr lists as `shown`
    /// (`cb=[on_done() at my.py:4]`), as CPython names a function with where it is defined.
    ///
    /// ```
    /// use corosim::aio::EventLoop;
    /// let fut = EventLoop::new().create_future();
    /// fut.add_done_callback_shown("on_done", "on_done() at my.py:4", |_| {});
    /// assert_eq!(fut.to_value().repr(), "<Future pending cb=[on_done() at my.py:4]>");
    /// ```
    pub fn add_done_callback_shown(
        &self,
        name: impl Into<Cow<'static, str>>,
        shown: impl Into<Cow<'static, str>>,
        f: impl FnOnce(&Future) + 'static,
    ) -> CallbackId {
        let callback = NamedCallback { name: name.into(), shown: Some(shown.into()), f: Box::new(f) };
        self.add_callback(DoneCallback::Call(Box::new(callback)))
    }

    pub(crate) fn add_callback(&self, callback: DoneCallback) -> CallbackId {
        if self.done() {
            self.schedule_callback(callback);
            return CallbackId(u64::MAX);
        }
        let mut inner = self.0.inner.borrow_mut();
        let extra = inner.extra_mut();
        let id = extra.next_callback_id;
        extra.next_callback_id += 1;
        extra.callbacks.push((id, callback));
        CallbackId(id)
    }

    /// `future.remove_done_callback(fn)`: how many were removed.
    pub fn remove_done_callback(&self, id: CallbackId) -> usize {
        let mut inner = self.0.inner.borrow_mut();
        let Some(extra) = inner.extra.as_mut() else {
            return 0;
        };
        let before = extra.callbacks.len();
        extra.callbacks.retain(|(i, _)| *i != id.0);
        before - extra.callbacks.len()
    }

    /// Is `other` the same future (`a is b`)?
    pub fn is(&self, other: &Future) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `id(future)`: what `await future` yields.
    pub fn id(&self) -> ObjectId {
        ObjectId(Rc::as_ptr(&self.0) as usize as u64)
    }

    /// A short name for traces: `Task-2`, `Future-3 (sleep(1.0))`. (A task's is its
    /// name, `task.get_name()`.)
    pub fn describe(&self) -> String {
        let number = self.0.header.number();
        let inner = self.0.inner.borrow();
        let name = inner.extra().and_then(|x| x.name.as_ref());
        match (self.is_task(), name) {
            (true, Some(name)) => name.to_string(),
            (true, None) => format!("Task-{number}"),
            (false, Some(label)) => format!("Future-{number} ({label})"),
            (false, None) => format!("Future-{number}"),
        }
    }

    /// `repr(future)` for a plain future, without the callbacks CPython lists:
    /// `<Future pending>`, `<Future finished result=42>`, `<Future cancelled>`.
    pub(crate) fn python_repr(&self) -> String {
        self.0.python_repr()
    }

    /// `repr(future)` with the callbacks, as CPython lists them (`cb=[Task.task_wakeup()]`;
    /// more than two shortened to the first, a count and the last).
    pub(crate) fn python_repr_with_callbacks(&self) -> String {
        let base = self.python_repr();
        match self.0.callbacks_text() {
            Some(cb) => format!("{} {cb}>", base.trim_end_matches('>')),
            None => base,
        }
    }

    pub(crate) fn state_text(&self) -> String {
        match &self.0.inner.borrow().state {
            State::Pending(_) => "pending".into(),
            State::Finished(v) => format!("finished, result={}", v.repr()),
            State::Failed(e) => format!("failed, exception={}", e.repr()),
            State::Cancelled => "cancelled".into(),
        }
    }
}

/// A Future (or Task) is a Python object itself: a program holds the loop's own object,
/// with no wrapper around it (so `task is asyncio.current_task()` holds, and a paused task
/// costs one heap block, not three).
impl PyObject for FutureCell {
    fn type_name(&self) -> &str {
        match self.header.kind() {
            FutureKind::Task => "Task",
            FutureKind::Plain => "Future",
            FutureKind::Gathering => "_GatheringFuture",
        }
    }
    fn repr(&self) -> String {
        if self.header.kind() == FutureKind::Task {
            return self.task_repr();
        }
        let base = self.python_repr();
        match self.callbacks_text() {
            Some(cb) => format!("{} {cb}>", base.trim_end_matches('>')),
            None => base,
        }
    }
}

impl FutureCell {
    /// See [`Future::python_repr`].
    fn python_repr(&self) -> String {
        let class = self.type_name();
        match &self.inner.borrow().state {
            State::Pending(_) => format!("<{class} pending>"),
            State::Finished(v) => format!("<{class} finished result={}>", short_repr(&v.value())),
            State::Failed(e) => format!("<{class} finished exception={}>", e.repr()),
            State::Cancelled => format!("<{class} cancelled>"),
        }
    }

    /// `cb=[...]` as CPython's future reprs end (`base_futures._format_callbacks`): the
    /// first, a count, the last; `None` without callbacks.
    pub(crate) fn callbacks_text(&self) -> Option<String> {
        let inner = self.inner.borrow();
        let callbacks = &inner.extra()?.callbacks;
        let shown = |cb: &DoneCallback| match cb {
            DoneCallback::Wake(_) => "Task.task_wakeup()".to_string(),
            DoneCallback::Call(n) => {
                n.shown.as_ref().map_or_else(|| format!("{}()", n.name), |s| s.to_string())
            }
        };
        let list = match callbacks.len() {
            0 => return None,
            1 => shown(&callbacks[0].1),
            2 => format!("{}, {}", shown(&callbacks[0].1), shown(&callbacks[1].1)),
            n => format!("{}, <{} more>, {}", shown(&callbacks[0].1), n - 2, shown(&callbacks[n - 1].1)),
        };
        Some(format!("cb=[{list}]"))
    }
}

/// `reprlib.repr(v)`, as CPython's future and handle reprs show results and arguments
/// (`result=[0, 1, 2, 3, 4, 5, ...]`): through the shortener a front-end installs
/// ([`set_short_repr`]), else `repr(v)`.
pub(crate) fn short_repr(v: &Value) -> String {
    match SHORT_REPR.try_with(|s| s.get()).ok().flatten() {
        Some(f) => f(v),
        None => v.repr(),
    }
}

/// How a front-end shortens a value's repr as `reprlib.repr` does.
pub type ShortRepr = fn(&Value) -> String;

thread_local! {
    static SHORT_REPR: Cell<Option<ShortRepr>> = const { Cell::new(None) };
}

/// Installs `reprlib.repr` for futures' and handles' reprs on this thread (the
/// interpreter does, for its own objects: lists, dicts, instances).
pub fn set_short_repr(f: Option<ShortRepr>) {
    SHORT_REPR.with(|s| s.set(f));
}

impl Future {
    /// The future a program's value is, if it is one (a Future or a Task is its own
    /// Python object: see [`Future::to_value`]).
    pub fn from_value(v: &Value) -> Option<Future> {
        match v {
            Value::Obj(o) if (&**o as &dyn Any).is::<FutureCell>() => {
                let any: Rc<dyn Any> = o.clone();
                any.downcast::<FutureCell>().ok().map(Future)
            }
            _ => None,
        }
    }

    /// The future as a program's value: the future itself.
    ///
    /// ```
    /// use corosim::aio::{EventLoop, Future};
    /// let fut = EventLoop::new().create_future();
    /// let v = fut.to_value();
    /// assert_eq!(v.repr(), "<Future pending>");
    /// assert!(Future::from_value(&v).unwrap().is(&fut));
    /// ```
    pub fn to_value(&self) -> Value {
        Value::Obj(self.0.clone())
    }
}

/// The CancelledError a cancelled future raises on retrieval: the task's original one the
/// first time (it carries the message), then a fresh one — CPython 3.11's C `Future`.
pub(crate) fn make_cancelled_error(inner: &mut FutInner) -> PyException {
    if let Some(exc) = inner.extra.as_mut().and_then(|x| x.cancelled_exc.take()) {
        return exc;
    }
    match inner.cancel_message() {
        Some(msg) => PyException::new(CANCELLED_ERROR, msg),
        None => PyException::bare(CANCELLED_ERROR),
    }
}

impl fmt::Debug for Future {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} {}>", self.describe(), self.state_text())
    }
}

/// How a front-end writes out an exception with its traceback (`traceback.format_exception`).
pub type ExceptionFormatter = fn(&PyException) -> String;

thread_local! {
    static FORMAT_EXCEPTION: std::cell::Cell<Option<ExceptionFormatter>> = const { std::cell::Cell::new(None) };
}

/// Installs (or removes) the formatter asyncio's "exception was never retrieved" report
/// uses: with one, the report is CPython's whole log record (the future's repr, then the
/// traceback); without, the exception's last line.
pub fn set_exception_formatter(f: Option<ExceptionFormatter>) {
    let _ = FORMAT_EXCEPTION.try_with(|x| x.set(f));
}

impl Drop for FutureCell {
    /// "Future exception was never retrieved": a failure that nobody looked at.
    fn drop(&mut self) {
        if !self.header.log_traceback() {
            return;
        }
        let State::Failed(e) = &self.inner.get_mut().state else { return };
        let e = e.clone();
        let task = self.header.kind() == FutureKind::Task;
        let what = if task { "Task" } else { "Future" };
        let message = match FORMAT_EXCEPTION.try_with(|x| x.get()).ok().flatten() {
            // asyncio's default handler: the message, `future: <repr>`, the traceback.
            Some(format) => {
                let repr = if task { self.task_repr() } else { self.python_repr() };
                format!("{what} exception was never retrieved\nfuture: {repr}\n{}", format(&e).trim_end())
            }
            None => format!("{what} exception was never retrieved\n{e}"),
        };
        self.lp.warn(message);
    }
}

/// `future.__await__()`: yields the future once (the task parks on it), then returns its
/// result or raises its exception.
pub(crate) struct FutureIter {
    fut: Future,
    yielded: bool,
}

impl FutureIter {
    pub(crate) fn new(fut: Future) -> Self {
        FutureIter { fut, yielded: false }
    }
}

impl PyIterator for FutureIter {
    fn type_name(&self) -> &str {
        "_asyncio.FutureIter"
    }

    fn next(&mut self) -> Step {
        if !self.fut.done() {
            if self.yielded {
                return Step::Raised(PyException::new(RUNTIME_ERROR, "await wasn't used with future"));
            }
            self.yielded = true;
            self.fut.0.header.set_blocking(true);
            *self.fut.0.lp.blocking.borrow_mut() = Some(self.fut.0.clone());
            return Step::Yielded(Value::Object(self.fut.id()));
        }
        match self.fut.result() {
            Ok(v) => Step::Returned(v),
            Err(e) => Step::Raised(e),
        }
    }

    fn send(&mut self, value: Value) -> Option<Step> {
        Some(if value.is_none() {
            self.next()
        } else {
            Step::Raised(PyException::new(TYPE_ERROR, "can't send non-None value to a FutureIter"))
        })
    }

    fn throw(&mut self, args: &ThrowArgs) -> Option<Step> {
        Some(match args.normalize() {
            Ok(e) | Err(e) => Step::Raised(e),
        })
    }

    fn close(&mut self) -> Option<PyResult<()>> {
        Some(Ok(()))
    }
}

impl From<&Future> for Iterable {
    /// `await future`.
    fn from(fut: &Future) -> Self {
        Iterable::Iter(Box::new(FutureIter::new(fut.clone())))
    }
}

impl From<Future> for Iterable {
    fn from(fut: Future) -> Self {
        Iterable::Iter(Box::new(FutureIter::new(fut)))
    }
}
