//! `import asyncio`: a program's asyncio is corosim's loop (`crate::aio`).
//!
//! Every name maps onto the runtime: `asyncio.run` is `aio::run`, a `Task` is the
//! runtime's `Task` (its steps, its trace events, its repr), `await asyncio.sleep(1)`
//! waits on the runtime's timer on the virtual clock. The objects a program holds (a
//! Task, a Future, a Lock …) are the runtime's, wrapped once each, so `is` and `==`
//! mean what they mean in Python.
//!
//! ```
//! let out = corosim::python::run_to_string("import asyncio\nasync def main():\n    await asyncio.sleep(2)\n    return asyncio.get_running_loop().time()\nprint(asyncio.run(main()))\n");
//! assert_eq!(out, "2.0\n");
//! ```

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use indexmap::IndexSet;

use super::module as make_module;
use crate::aio::{self, Awaitable, EventLoop, Future, Handle, Task};
use crate::exception::*;
use crate::generator::{Generator, Iterable};
use crate::python::attrs;
use crate::python::objects::call as call_value;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

/// A runtime object a program holds.
pub enum Aio {
    /// `asyncio.Future`, `asyncio.Lock` … as classes to call.
    Class(&'static str),
    /// An event loop.
    Loop(EventLoop),
    /// A Lock.
    Lock(aio::Lock),
    /// An Event.
    Event(aio::Event),
    /// A Semaphore (bounded or not).
    Semaphore(aio::Semaphore),
    /// A Queue.
    Queue(aio::Queue),
    /// A callback's handle (`call_later` returns it).
    /// A handle, and its callback as its repr shows it (`f(1, 'two') at my.py:2`).
    Handle(Handle, Rc<str>),
    /// `asyncio.TaskGroup()`.
    TaskGroup(aio::TaskGroup),
    /// `asyncio.timeout(...)`'s `Timeout`, with its deadline as the program gave it (an
    /// `int` stays one: `timeout_at(5).when()` is `5`).
    Timeout(aio::Timeout, RefCell<Value>),
    /// `asyncio.sleep(...)`, not yet used.
    Sleep(RefCell<Option<aio::Sleep>>),
    /// Some other awaitable the toolkit made (`lock.acquire()`, `queue.get()` …), usable once.
    Awaitable(RefCell<Option<Iterable>>, &'static str),
}

thread_local! {
    /// One program object per loop, so `loop is asyncio.get_running_loop()` holds. (A
    /// Future or a Task needs no table: the program holds the loop's own object.)
    static LOOPS: RefCell<Vec<Weak<Native>>> = const { RefCell::new(Vec::new()) };
    /// The futures whose `__await__` yielded them (`_asyncio_future_blocking`).
    static BLOCKING: RefCell<std::collections::HashSet<u64>> = RefCell::new(std::collections::HashSet::new());
    /// The last `asyncio.sleep(...)` object made, kept for reuse: see [`sleep_value`].
    static SPARE_SLEEP: RefCell<Option<Rc<Native>>> = const { RefCell::new(None) };
}

/// Forgets the wrappers (a new program starts).
pub fn reset() {
    BLOCKING.with(|b| b.borrow_mut().clear());
    LOOPS.with(|l| l.borrow_mut().clear());
    SPARE_SLEEP.with(|s| s.borrow_mut().take());
    install_future_object(|id| aio::future_yielded(id).map(|f| f.to_value()));
    aio::set_short_repr(Some(|v| super::reprlib::short_repr_or_placeholder(&ops::from_runtime(v.clone()))));
}

/// A runtime object with the Python type name it shows.
struct AioObject {
    type_name: &'static str,
    aio: Aio,
}

impl NativeObject for AioObject {
    fn type_name(&self) -> &str {
        self.type_name
    }
    fn repr(&self) -> String {
        repr(&self.aio, &fake_address(self as *const _ as *const ()))
    }
    fn to_str(&self) -> Option<String> {
        match &self.aio {
            Aio::Queue(q) => Some(format!("<Queue {}>", queue_state(q))),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        getattr(self.type_name, &self.aio, this, name)
    }
    fn call(&self, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Option<PyResult> {
        call(&self.aio, args, kwargs)
    }
    fn callable(&self) -> bool {
        matches!(self.aio, Aio::Class(_))
    }
    fn awaitable(&self) -> Option<Iterable> {
        awaitable(&self.aio)
    }
    fn is_awaitable(&self) -> bool {
        matches!(self.aio, Aio::Sleep(_) | Aio::Awaitable(..))
    }
    fn same(&self, other: &dyn NativeObject) -> bool {
        let Some(other) = other.as_any().downcast_ref::<AioObject>() else { return false };
        match (&self.aio, &other.aio) {
            (Aio::Loop(x), Aio::Loop(y)) => x.is(y),
            (Aio::TaskGroup(x), Aio::TaskGroup(y)) => x.is(y),
            (Aio::Timeout(x, _), Aio::Timeout(y, _)) => x.is(y),
            _ => std::ptr::eq(self, other),
        }
    }
    fn has_instance(&self, obj: &Value) -> bool {
        isinstance(obj, &self.aio)
    }
}

fn native(type_name: &'static str, inner: Aio) -> Rc<Native> {
    Rc::new(Native(Box::new(AioObject { type_name, aio: inner })))
}

/// `asyncio.sleep(...)`'s coroutine object. `await asyncio.sleep(0)` drops the object
/// as soon as it has taken the sleep out of it, so the next call finds the last one
/// unused and fills it again, instead of allocating two blocks and freeing them each time
/// (a free list of one, as CPython keeps for its small objects). An object the program
/// still holds, or that something still refers to, is never reused.
fn sleep_value(sleep: aio::Sleep) -> Value {
    SPARE_SLEEP.with(|spare| {
        let mut spare = spare.borrow_mut();
        if let Some(last) = spare.as_ref()
            && Rc::strong_count(last) == 1
            && Rc::weak_count(last) == 0
            && let Some(Aio::Sleep(cell)) = aio_of(last)
        {
            *cell.borrow_mut() = Some(sleep);
            return Value::Obj(last.clone());
        }
        let made = native("coroutine", Aio::Sleep(RefCell::new(Some(sleep))));
        *spare = Some(made.clone());
        Value::Obj(made)
    })
}

fn value(type_name: &'static str, inner: Aio) -> Value {
    Value::Obj(native(type_name, inner))
}

fn aio_of(n: &Native) -> Option<&Aio> {
    n.get::<AioObject>().map(|o| &o.aio)
}

/// What a queue's repr and str show after its name (`maxsize=2 _queue=[1] tasks=1`).
fn queue_state(q: &aio::Queue) -> String {
    q.format_state(|v| {
        crate::python::objects::repr(&ops::from_runtime(v.clone())).unwrap_or_else(|_| v.repr())
    })
}

/// A lock's, an event's or a semaphore's repr: its state, then how many wait.
fn lock_repr(class: &str, addr: &str, state: String, waiters: usize) -> String {
    let waiting = if waiters > 0 { format!(", waiters:{waiters}") } else { String::new() };
    format!("<asyncio.locks.{class} object at {addr} [{state}{waiting}]>")
}

/// The repr of an asyncio object (`addr`: its own, for those that show it).
fn repr(a: &Aio, addr: &str) -> String {
    match a {
        Aio::Class(name) => format!("<class 'asyncio.{name}'>"),
        Aio::Loop(lp) => format!(
            "<_UnixSelectorEventLoop running={} closed={} debug=False>",
            if lp.is_running() { "True" } else { "False" },
            if lp.is_closed() { "True" } else { "False" }
        ),
        // `<asyncio.locks.Lock object at 0x… [locked, waiters:1]>`, as `locks.py` writes it.
        Aio::Lock(l) => {
            lock_repr("Lock", addr, if l.locked() { "locked" } else { "unlocked" }.into(), l.waiters())
        }
        Aio::Event(e) => {
            lock_repr("Event", addr, if e.is_set() { "set" } else { "unset" }.into(), e.waiters())
        }
        Aio::Semaphore(s) => {
            let class = if s.is_bounded() { "BoundedSemaphore" } else { "Semaphore" };
            let state =
                if s.locked() { "locked".to_string() } else { format!("unlocked, value:{}", s.value()) };
            lock_repr(class, addr, state, s.waiters())
        }
        Aio::Queue(q) => format!("<Queue at {addr} {}>", queue_state(q)),
        Aio::Handle(h, source) => {
            // CPython forgets a cancelled handle's callback (outside debug mode).
            let cancelled = h.cancelled();
            let state = if cancelled { " cancelled" } else { "" };
            let source = if cancelled { String::new() } else { format!(" {source}") };
            match h.when() {
                Some(when) => format!("<TimerHandle{state} when={}{source}>", Value::Float(when).repr()),
                None => format!("<Handle{state}{source}>"),
            }
        }
        Aio::TaskGroup(tg) => tg.repr(),
        Aio::Timeout(t, when) => match &*when.borrow() {
            // `round(self._when, 3)` keeps an int an int.
            Value::Int(w) if t.state() == aio::TimeoutState::Entered => {
                format!("<Timeout [active] when={w}>")
            }
            _ => t.repr(),
        },
        Aio::Sleep(_) => "<coroutine object sleep>".into(),
        Aio::Awaitable(_, name) => format!("<coroutine object {name}>"),
    }
}

/// A runtime future as a program's object: the future itself (the same object each
/// time). Its repr is the runtime's, which names where a task's coroutine is paused
/// (`coro=<main() running at x.py:3>`) through the locator the interpreter installs.
pub fn wrap_future(f: Future) -> Value {
    f.to_value()
}

/// What a program does with a Future or a Task: the runtime's object, seen through the
/// same trait as the other asyncio objects.
impl NativeObject for aio::FutureCell {
    fn type_name(&self) -> &str {
        crate::value::PyObject::type_name(self)
    }
    fn repr(&self) -> String {
        crate::value::PyObject::repr(self)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        match Future::from_value(this) {
            Some(f) => future_getattr(f, this, name),
            None => Err(PyException::new(ATTRIBUTE_ERROR, format!("no attribute '{name}'"))),
        }
    }
    fn is_awaitable(&self) -> bool {
        true
    }
}

/// What the toolkit returns (a coroutine, an iterator, a value) as a program's object.
pub fn wrap_iterable(it: Iterable, name: &'static str) -> Value {
    match it {
        Iterable::Gen(g) => gen_value(g),
        Iterable::Value(v) => v,
        other => value("coroutine", Aio::Awaitable(RefCell::new(Some(other)), name)),
    }
}

/// A program's value as something the loop can run or wait on.
pub fn to_awaitable(v: &Value) -> PyResult<Awaitable> {
    if let Some(g) = downcast::<GenObject>(v) {
        return Ok(Awaitable::Coroutine(g.g.clone()));
    }
    if let Some(f) = Future::from_value(v) {
        return Ok(match Task::from_future(&f) {
            Some(t) => Awaitable::from(&t),
            None => Awaitable::Future(f),
        });
    }
    if let Some(n) = downcast::<Native>(v)
        && let Some(a) = aio_of(n)
    {
        match a {
            Aio::Sleep(s) => {
                return s.borrow_mut().take().map(Awaitable::from).ok_or_else(reused);
            }
            Aio::Awaitable(it, _) => {
                return it.borrow_mut().take().map(Awaitable::from).ok_or_else(reused);
            }
            _ => {}
        }
    }
    if downcast::<Instance>(v).is_some() {
        let it = crate::python::ops::to_iterable(v, true)?;
        return Ok(match it {
            Iterable::Value(v) => Awaitable::Other(v),
            other => Awaitable::from(other),
        });
    }
    Ok(Awaitable::Other(ops::to_runtime(v)))
}

fn reused() -> PyException {
    PyException::new(RUNTIME_ERROR, "cannot reuse already awaited coroutine")
}

/// `await native`.
fn awaitable(a: &Aio) -> Option<Iterable> {
    match a {
        Aio::Sleep(s) => Some(
            s.borrow_mut()
                .take()
                .map(Iterable::from)
                .unwrap_or_else(|| Iterable::Gen(Generator::coroutine("sleep", |_| async { Err(reused()) }))),
        ),
        Aio::Awaitable(it, name) => Some(
            it.borrow_mut()
                .take()
                .unwrap_or_else(|| Iterable::Gen(Generator::coroutine(*name, |_| async { Err(reused()) }))),
        ),
        _ => None,
    }
}

/// `isinstance(obj, asyncio.Task)` and friends.
fn isinstance(obj: &Value, class: &Aio) -> bool {
    let Aio::Class(name) = class else { return false };
    if let Some(f) = Future::from_value(obj) {
        return *name == "Future" || (*name == "Task" && f.is_task());
    }
    let Some(n) = downcast::<Native>(obj) else { return false };
    matches!(
        (aio_of(n), *name),
        (Some(Aio::Lock(_)), "Lock")
            | (Some(Aio::Event(_)), "Event")
            | (Some(Aio::Semaphore(_)), "Semaphore" | "BoundedSemaphore")
            | (Some(Aio::Queue(_)), "Queue")
            | (Some(Aio::TaskGroup(_)), "TaskGroup")
            | (Some(Aio::Timeout(..)), "Timeout")
    )
}

fn kw<'a>(kwargs: &'a [(Rc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

fn float_arg(v: Option<&Value>) -> Option<f64> {
    match v {
        None | Some(Value::None) => None,
        Some(v) => v.as_f64(),
    }
}

/// Calling `asyncio.Future()`, `asyncio.Lock()` ….
fn call(a: &Aio, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Option<PyResult> {
    let Aio::Class(name) = a else { return None };
    Some((|| -> PyResult {
        Ok(match *name {
            "Future" => wrap_future(aio::get_event_loop().create_future()),
            "Task" => {
                let coro = args.first().cloned().unwrap_or_default();
                create_task(&coro, kw(kwargs, "name"))?
            }
            "Lock" => value("Lock", Aio::Lock(aio::Lock::new())),
            "TaskGroup" => value("TaskGroup", Aio::TaskGroup(aio::TaskGroup::new())),
            "Timeout" => {
                let given = args.first().or_else(|| kw(kwargs, "when")).cloned().unwrap_or_default();
                timeout_value(aio::Timeout::new(float_arg(Some(&given))), given)
            }
            "Event" => value("Event", Aio::Event(aio::Event::new())),
            "Semaphore" => {
                let n = args.first().or_else(|| kw(kwargs, "value")).and_then(|v| v.as_int()).unwrap_or(1);
                value("Semaphore", Aio::Semaphore(aio::Semaphore::new(n)?))
            }
            "BoundedSemaphore" => {
                let n = args.first().or_else(|| kw(kwargs, "value")).and_then(|v| v.as_int()).unwrap_or(1);
                value("BoundedSemaphore", Aio::Semaphore(aio::BoundedSemaphore::new(n)?))
            }
            "Queue" => {
                let n = args.first().or_else(|| kw(kwargs, "maxsize")).and_then(|v| v.as_int()).unwrap_or(0);
                value("Queue", Aio::Queue(aio::Queue::new(n.max(0) as usize)))
            }
            other => {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("cannot create 'asyncio.{other}' instances"),
                ));
            }
        })
    })())
}

fn create_task(coro: &Value, name: Option<&Value>) -> PyResult {
    let aw = to_awaitable(coro)?;
    let task = aio::create_task_named(aw, task_name(name)?)?;
    Ok(wrap_future(task.0.clone()))
}

/// The `name=` of `create_task`, as the task's name (None: `Task-N`).
fn task_name(name: Option<&Value>) -> PyResult<Option<std::borrow::Cow<'static, str>>> {
    Ok(match name.filter(|n| !n.is_none()) {
        Some(n) => Some(ops::str_of(n)?.into()),
        None => None,
    })
}

fn func(name: &str, f: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult + 'static) -> Value {
    Builtin::value(name, f)
}

fn awaitables(items: &[Value]) -> PyResult<Vec<Awaitable>> {
    items.iter().map(to_awaitable).collect()
}

fn futures_set(fs: Vec<Future>) -> Value {
    let set: IndexSet<Key> = fs.into_iter().map(|f| Key::builtin(wrap_future(f))).collect();
    new_set(set, false)
}

fn to_futures(v: &Value) -> PyResult<Vec<Future>> {
    let lp = aio::get_event_loop();
    ops::iterate(v)?
        .iter()
        .map(|x| match to_awaitable(x)? {
            Awaitable::Future(f) => Ok(f),
            Awaitable::Coroutine(c) => Ok(lp.create_task(c).0.clone()),
            other => aio::ensure_future(other),
        })
        .collect()
}

/// The `asyncio` module.
pub fn module() -> Value {
    let class = |name: &'static str| value("type", Aio::Class(name));
    make_module(
        "asyncio",
        vec![
            (
                "run",
                func("run", |a, _| {
                    let main = a.first().cloned().unwrap_or_default();
                    let aw = to_awaitable(&main)?;
                    let result = aio::run(aw).map(ops::from_runtime);
                    // As `asyncio.run` ends: the default executor's threads are joined.
                    if super::is_imported("_corosim_asyncio_threads") {
                        call_value(&thread_helper("shutdown_default_executors")?, vec![], vec![])?;
                    }
                    result
                }),
            ),
            (
                "run_coroutine_threadsafe",
                func("run_coroutine_threadsafe", |a, k| {
                    call_value(&thread_helper("run_coroutine_threadsafe")?, a, k)
                }),
            ),
            ("to_thread", func("to_thread", |a, k| call_value(&thread_helper("to_thread")?, a, k))),
            ("wrap_future", func("wrap_future", |a, k| call_value(&thread_helper("wrap_future")?, a, k))),
            (
                "sleep",
                func("sleep", |a, k| {
                    let delay = a.first().or_else(|| kw(&k, "delay")).and_then(|v| v.as_f64()).unwrap_or(0.0);
                    let result = a.get(1).or_else(|| kw(&k, "result")).cloned();
                    let s = match result {
                        Some(r) => aio::sleep_result(delay, r),
                        None => aio::sleep(delay),
                    };
                    Ok(sleep_value(s))
                }),
            ),
            (
                "create_task",
                func("create_task", |a, k| {
                    create_task(&a.first().cloned().unwrap_or_default(), kw(&k, "name"))
                }),
            ),
            (
                "ensure_future",
                func("ensure_future", |a, _| {
                    let aw = to_awaitable(&a.first().cloned().unwrap_or_default())?;
                    Ok(wrap_future(aio::ensure_future(aw)?))
                }),
            ),
            (
                "gather",
                func("gather", |a, k| {
                    let ret = kw(&k, "return_exceptions").is_some_and(|v| v.truthy());
                    Ok(wrap_future(aio::gather(awaitables(&a)?, ret)?))
                }),
            ),
            (
                "shield",
                func("shield", |a, _| {
                    Ok(wrap_future(aio::shield(to_awaitable(&a.first().cloned().unwrap_or_default())?)?))
                }),
            ),
            (
                "wait_for",
                func("wait_for", |a, k| {
                    let aw = to_awaitable(&a.first().cloned().unwrap_or_default())?;
                    let timeout = float_arg(a.get(1).or_else(|| kw(&k, "timeout")));
                    Ok(wrap_iterable(aio::wait_for(aw, timeout), "wait_for"))
                }),
            ),
            (
                "wait",
                func("wait", |a, k| {
                    let fs = to_futures(&a.first().cloned().unwrap_or_default())?;
                    let timeout = float_arg(a.get(1).or_else(|| kw(&k, "timeout")));
                    let when = match kw(&k, "return_when").and_then(|v| v.as_str()) {
                        Some("FIRST_COMPLETED") => aio::ReturnWhen::FirstCompleted,
                        Some("FIRST_EXCEPTION") => aio::ReturnWhen::FirstException,
                        _ => aio::ReturnWhen::AllCompleted,
                    };
                    let g = Generator::coroutine("wait", move |co| async move {
                        let (done, pending) = aio::wait(&co, fs, timeout, when).await?;
                        Ok(Value::tuple([futures_set(done), futures_set(pending)]))
                    });
                    Ok(gen_value(g))
                }),
            ),
            (
                "as_completed",
                func("as_completed", |a, k| {
                    let aws = awaitables(&ops::iterate(&a.first().cloned().unwrap_or_default())?)?;
                    let timeout = float_arg(a.get(1).or_else(|| kw(&k, "timeout")));
                    let it = RefCell::new(aio::as_completed(aws, timeout)?);
                    Ok(Iter::value("generator", move || {
                        Ok(it.borrow_mut().next().map(|i| wrap_iterable(i, "_wait_for_one")))
                    }))
                }),
            ),
            (
                "current_task",
                func("current_task", |_, _| {
                    Ok(aio::current_task()?.map(|t| wrap_future(t.0.clone())).unwrap_or_default())
                }),
            ),
            (
                "all_tasks",
                func("all_tasks", |_, _| {
                    Ok(futures_set(aio::all_tasks()?.into_iter().map(|t| t.0.clone()).collect()))
                }),
            ),
            ("get_event_loop", func("get_event_loop", |_, _| Ok(loop_value(aio::get_event_loop())))),
            ("get_running_loop", func("get_running_loop", |_, _| Ok(loop_value(aio::get_running_loop()?)))),
            ("new_event_loop", func("new_event_loop", |_, _| Ok(loop_value(aio::new_event_loop())))),
            (
                "set_event_loop",
                func("set_event_loop", |a, _| {
                    let lp = a.first().and_then(|v| downcast::<Native>(v)).and_then(|n| match aio_of(n) {
                        Some(Aio::Loop(l)) => Some(l.clone()),
                        _ => None,
                    });
                    aio::set_event_loop(lp);
                    Ok(Value::None)
                }),
            ),
            (
                "iscoroutine",
                func("iscoroutine", |a, _| {
                    Ok(Value::Bool(
                        a.first().and_then(|v| downcast::<GenObject>(v)).is_some_and(|g| g.g.is_awaitable()),
                    ))
                }),
            ),
            (
                "iscoroutinefunction",
                func("iscoroutinefunction", |a, _| {
                    Ok(Value::Bool(a.first().and_then(|v| downcast::<Function>(v)).is_some_and(|f| {
                        f.code.kind == crate::python::code::CodeKind::Coroutine || f.iterable_coroutine.get()
                    })))
                }),
            ),
            (
                "coroutine",
                func("coroutine", |a, _| {
                    // `@asyncio.coroutine` (gone in 3.11): a generator-based coroutine.
                    let f = a.first().cloned().unwrap_or_default();
                    if let Some(func) = downcast::<Function>(&f) {
                        func.iterable_coroutine.set(true);
                    }
                    Ok(f)
                }),
            ),
            (
                "timeout",
                func("timeout", |a, k| {
                    let delay = float_arg(a.first().or_else(|| kw(&k, "delay")));
                    let t = aio::timeout(delay)?;
                    let when = t.when().map_or(Value::None, Value::Float);
                    Ok(timeout_value(t, when))
                }),
            ),
            (
                "timeout_at",
                func("timeout_at", |a, k| {
                    let given = a.first().or_else(|| kw(&k, "when")).cloned().unwrap_or_default();
                    Ok(timeout_value(aio::timeout_at(float_arg(Some(&given))), given))
                }),
            ),
            ("TaskGroup", class("TaskGroup")),
            ("Timeout", class("Timeout")),
            ("Future", class("Future")),
            ("Task", class("Task")),
            ("Lock", class("Lock")),
            ("Event", class("Event")),
            ("Semaphore", class("Semaphore")),
            ("BoundedSemaphore", class("BoundedSemaphore")),
            ("Queue", class("Queue")),
            ("CancelledError", Value::ExcClass(CANCELLED_ERROR)),
            ("TimeoutError", Value::ExcClass(TIMEOUT_ERROR)),
            ("InvalidStateError", Value::ExcClass(INVALID_STATE_ERROR)),
            ("QueueEmpty", Value::ExcClass(QUEUE_EMPTY)),
            ("QueueFull", Value::ExcClass(QUEUE_FULL)),
            ("FIRST_COMPLETED", Value::str("FIRST_COMPLETED")),
            ("FIRST_EXCEPTION", Value::str("FIRST_EXCEPTION")),
            ("ALL_COMPLETED", Value::str("ALL_COMPLETED")),
        ],
    )
}

fn timeout_value(t: aio::Timeout, when: Value) -> Value {
    value("Timeout", Aio::Timeout(t, RefCell::new(when)))
}

/// A function of `asyncio_threads.py`: asyncio's doors to threads, written in Python on
/// `concurrent.futures`.
fn thread_helper(name: &str) -> PyResult<Value> {
    let helpers = super::import("_corosim_asyncio_threads")?;
    crate::python::attrs::getattr(&helpers, name)
}

fn loop_value(lp: EventLoop) -> Value {
    // One program object per loop, so `loop is asyncio.get_running_loop()` holds.
    let known = LOOPS.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|w| w.strong_count() > 0);
        l.iter().filter_map(|w| w.upgrade()).find(|n| matches!(aio_of(n), Some(Aio::Loop(x)) if x.is(&lp)))
    });
    if let Some(rc) = known {
        return Value::Obj(rc);
    }
    let rc = native("_UnixSelectorEventLoop", Aio::Loop(lp));
    LOOPS.with(|l| l.borrow_mut().push(Rc::downgrade(&rc)));
    Value::Obj(rc)
}

fn m(this: &Value, name: &str, f: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult + 'static) -> Value {
    let _ = this;
    Builtin::value(name, f)
}

fn callback_name(cb: &Value) -> String {
    match downcast::<Function>(cb) {
        Some(f) => f.code.qualname.to_string(),
        None => match downcast::<BoundMethod>(cb) {
            Some(b) => downcast::<Function>(&b.func).map(|f| f.code.qualname.to_string()).unwrap_or_default(),
            None => cb.type_name().to_string(),
        },
    }
}

/// A callback as asyncio's reprs and error reports name it, called with `args`:
/// `on_done(<Future finished result=3>) at my.py:4` (CPython's
/// `format_helpers._format_callback_source`: the arguments shortened by `reprlib`, and
/// where a plain function is defined).
fn callback_source(cb: &Value, args: &[Value]) -> String {
    let mut text = format_callback(cb, args, &[], String::new());
    if let Some(at) = function_source(cb) {
        text.push_str(" at ");
        text.push_str(&at);
    }
    text
}

/// `_format_callback`: the callable's `__qualname__` (or `__name__`, or repr), then its
/// arguments; a `functools.partial` shows its own arguments first.
fn format_callback(cb: &Value, args: &[Value], kwargs: &[(Rc<str>, Value)], suffix: String) -> String {
    if let Some((func, p_args, p_kwargs)) = partial_parts(cb) {
        let suffix = format!("{}{suffix}", format_arguments(args, kwargs));
        return format_callback(&func, &p_args, &p_kwargs, suffix);
    }
    let name = ["__qualname__", "__name__"]
        .iter()
        .find_map(|attr| {
            attrs::getattr(cb, attr)
                .ok()
                .and_then(|n| n.as_str().filter(|n| !n.is_empty()).map(str::to_string))
        })
        .unwrap_or_else(|| crate::python::objects::repr_of(cb));
    format!("{name}{}{suffix}", format_arguments(args, kwargs))
}

/// `(arg, ..., key=value)`, each shortened by `reprlib`.
fn format_arguments(args: &[Value], kwargs: &[(Rc<str>, Value)]) -> String {
    let short = super::reprlib::short_repr_or_placeholder;
    let items: Vec<String> =
        args.iter().map(short).chain(kwargs.iter().map(|(k, v)| format!("{k}={}", short(v)))).collect();
    format!("({})", items.join(", "))
}

/// `functools.partial`'s function, arguments and keywords.
fn partial_parts(cb: &Value) -> Option<(Value, Vec<Value>, Kwargs)> {
    if attrs::type_name_of(cb) != "partial" {
        return None;
    }
    let func = attrs::getattr(cb, "func").ok()?;
    let args = ops::iterate(&attrs::getattr(cb, "args").ok()?).ok()?;
    let keywords = ops::mapping_items(&attrs::getattr(cb, "keywords").ok()?).ok()?;
    let keywords = keywords.into_iter().filter_map(|(k, v)| k.as_str().map(|k| (Rc::from(k), v))).collect();
    Some((func, args, keywords))
}

/// `file:line` of a plain function (through partials); none for a bound method or a
/// builtin, as CPython's `_get_function_source` finds none.
fn function_source(cb: &Value) -> Option<String> {
    if let Some((func, _, _)) = partial_parts(cb) {
        return function_source(&func);
    }
    let f = downcast::<Function>(cb)?;
    Some(format!("{}:{}", crate::python::state::with_state(|s| s.file.clone()), f.code.first_line))
}

/// asyncio's report of a callback that raised: what the loop's default exception handler
/// prints (`Exception in callback f(1) at my.py:2`, `handle: <Handle f(1) at my.py:2>`,
/// the traceback).
fn report_callback_error(source: &str, handle: &str, e: &PyException) {
    let traceback = crate::python::traceback::format(e);
    crate::console::warn(&format!(
        "Exception in callback {source}\nhandle: {handle}\n{}",
        traceback.trim_end_matches('\n')
    ));
}

/// A program's callback as the loop's: exceptions are reported as asyncio reports them.
fn callback(cb: Value, args: Vec<Value>, timer: Option<f64>) -> (Rc<str>, impl FnOnce() + 'static) {
    let source: Rc<str> = Rc::from(callback_source(&cb, &args));
    let shown = source.clone();
    let run = move || {
        if let Err(e) = call_value(&cb, args, vec![]) {
            let handle = match timer {
                Some(when) => format!("<TimerHandle when={} {shown}>", Value::Float(when).repr()),
                None => format!("<Handle {shown}>"),
            };
            report_callback_error(&shown, &handle, &e);
        }
    };
    (source, run)
}

/// `future.name` (or `task.name`).
fn future_getattr(f: Future, v: &Value, name: &str) -> PyResult<Value> {
    let type_name = if f.is_task() { "Task" } else { "Future" };
    let missing =
        || PyException::new(ATTRIBUTE_ERROR, format!("'{type_name}' object has no attribute '{name}'"));
    let this = v.clone();
    Ok(match name {
        "done" => m(v, name, move |_, _| Ok(Value::Bool(f.done()))),
        "cancelled" => m(v, name, move |_, _| Ok(Value::Bool(f.cancelled()))),
        "result" => m(v, name, move |_, _| f.result().map(ops::from_runtime)),
        "exception" => m(v, name, move |_, _| Ok(f.exception()?.map(Value::Exception).unwrap_or_default())),
        "set_result" => m(v, name, move |a, _| {
            f.set_result(a.first().cloned().unwrap_or_default())?;
            Ok(Value::None)
        }),
        "set_exception" => m(v, name, move |a, _| {
            let e = crate::python::ops::make_exception(&a.first().cloned().unwrap_or_default())?;
            f.set_exception(e)?;
            Ok(Value::None)
        }),
        "cancel" => m(v, name, move |a, k| {
            let msg = a.first().or_else(|| kw(&k, "msg")).cloned().filter(|m| !m.is_none());
            Ok(Value::Bool(match Task::from_future(&f) {
                Some(t) => t.cancel(msg),
                None => f.cancel(msg),
            }))
        }),
        "add_done_callback" => m(v, name, move |a, _| {
            let cb = a.first().cloned().unwrap_or_default();
            let label = callback_name(&cb);
            let shown = callback_source(&cb, &[]);
            let me = this.clone();
            f.add_done_callback_shown(label, shown, move |_| {
                // The loop calls it with the future (`call_soon(cb, fut)`), and reports it so.
                if let Err(e) = call_value(&cb, vec![me.clone()], vec![]) {
                    let source = callback_source(&cb, &[me]);
                    report_callback_error(&source, &format!("<Handle {source}>"), &e);
                }
            });
            Ok(Value::None)
        }),
        "get_loop" => m(v, name, move |_, _| Ok(loop_value(f.get_loop()))),
        "get_name" => m(v, name, move |_, _| {
            Ok(Task::from_future(&f).map(|t| Value::str(t.get_name())).unwrap_or_default())
        }),
        "set_name" => m(v, name, move |a, _| {
            if let Some(t) = Task::from_future(&f) {
                t.set_name(ops::str_of(&a.first().cloned().unwrap_or_default())?);
            }
            Ok(Value::None)
        }),
        "get_coro" => m(v, name, move |_, _| {
            Ok(Task::from_future(&f).and_then(|t| t.get_coro()).map(gen_value).unwrap_or_default())
        }),
        "cancelling" => {
            m(v, name, move |_, _| Ok(Value::Int(Task::from_future(&f).map_or(0, |t| t.cancelling()) as i64)))
        }
        "uncancel" => {
            m(v, name, move |_, _| Ok(Value::Int(Task::from_future(&f).map_or(0, |t| t.uncancel()) as i64)))
        }
        // An iterator that yields the future itself while it is pending.
        "__await__" | "__iter__" => {
            let kind = if Task::from_future(&f).is_some() { "Task" } else { "Future" };
            m(v, name, move |_, _| {
                let f = f.clone();
                let g = Generator::types_coroutine(kind, move |co| async move {
                    // Future.__await__ marks a pending future blocking as it yields it.
                    if !f.done() {
                        BLOCKING.with(|b| b.borrow_mut().insert(f.id().0));
                    }
                    co.yield_from(Iterable::from(f)).await
                });
                Ok(gen_value(g))
            })
        }
        "_asyncio_future_blocking" => Value::Bool(BLOCKING.with(|b| b.borrow().contains(&f.id().0))),
        _ => return Err(missing()),
    })
}

/// `obj.name` for a runtime object other than a future.
fn getattr(type_name: &str, a: &Aio, v: &Value, name: &str) -> PyResult<Value> {
    let missing =
        || PyException::new(ATTRIBUTE_ERROR, format!("'{type_name}' object has no attribute '{name}'"));
    Ok(match a {
        Aio::Loop(lp) => {
            let lp = lp.clone();
            match name {
                "time" => m(v, name, move |_, _| Ok(Value::Float(lp.time()))),
                "run_until_complete" => m(v, name, move |a, _| {
                    let aw = to_awaitable(&a.first().cloned().unwrap_or_default())?;
                    lp.run_until_complete(aw).map(ops::from_runtime)
                }),
                "run_forever" => m(v, name, move |_, _| lp.run_forever().map(|_| Value::None)),
                "stop" => m(v, name, move |_, _| {
                    lp.stop();
                    Ok(Value::None)
                }),
                "close" => m(v, name, move |_, _| lp.close().map(|_| Value::None)),
                "is_closed" => m(v, name, move |_, _| Ok(Value::Bool(lp.is_closed()))),
                "is_running" => m(v, name, move |_, _| Ok(Value::Bool(lp.is_running()))),
                "create_future" => m(v, name, move |_, _| Ok(wrap_future(lp.create_future()))),
                "create_task" => m(v, name, move |a, k| {
                    let aw = to_awaitable(&a.first().cloned().unwrap_or_default())?;
                    let Awaitable::Coroutine(c) = aw else {
                        return Err(PyException::new(TYPE_ERROR, "a coroutine was expected"));
                    };
                    let t = lp.create_task_named(c, task_name(kw(&k, "name"))?);
                    Ok(wrap_future(t.0.clone()))
                }),
                "call_soon" => m(v, name, move |a, _| {
                    let cb = a.first().cloned().unwrap_or_default();
                    let label = callback_name(&cb);
                    let (source, run) = callback(cb, a.get(1..).unwrap_or(&[]).to_vec(), None);
                    Ok(value("Handle", Aio::Handle(lp.call_soon(label, run), source)))
                }),
                "call_later" | "call_at" => {
                    let later = name == "call_later";
                    m(v, name, move |a, _| {
                        let time = a.first().and_then(|d| d.as_f64()).unwrap_or(0.0);
                        let when = if later { lp.time() + time } else { time };
                        let cb = a.get(1).cloned().unwrap_or_default();
                        let label = callback_name(&cb);
                        let (source, run) = callback(cb, a.get(2..).unwrap_or(&[]).to_vec(), Some(when));
                        Ok(value("TimerHandle", Aio::Handle(lp.call_at(when, label, run), source)))
                    })
                }
                "call_soon_threadsafe" => m(v, name, move |a, _| {
                    let cb = a.first().cloned().unwrap_or_default();
                    let label = callback_name(&cb);
                    let (source, run) = callback(cb, a.get(1..).unwrap_or(&[]).to_vec(), None);
                    Ok(value("Handle", Aio::Handle(lp.call_soon_threadsafe_here(label, run), source)))
                }),
                "run_in_executor" | "shutdown_default_executor" => {
                    // In Python, on the simulated threads (`asyncio_threads.py`).
                    let helper = thread_helper(name)?;
                    let this = v.clone();
                    m(v, name, move |a, k| {
                        let mut all = vec![this.clone()];
                        all.extend(a);
                        call_value(&helper, all, k)
                    })
                }
                "set_debug" => m(v, name, move |a, _| {
                    lp.set_debug(a.first().is_some_and(|x| x.truthy()));
                    Ok(Value::None)
                }),
                "get_debug" => m(v, name, move |_, _| Ok(Value::Bool(lp.get_debug()))),
                // create_server, create_connection: `asyncio_transports.rs`.
                _ => return super::asyncio_transports::loop_method(&lp, name).ok_or_else(missing),
            }
        }
        Aio::Handle(h, _) => {
            let h = h.clone();
            match name {
                "cancel" => m(v, name, move |_, _| {
                    h.cancel();
                    Ok(Value::None)
                }),
                "cancelled" => m(v, name, move |_, _| Ok(Value::Bool(h.cancelled()))),
                "when" => m(v, name, move |_, _| Ok(h.when().map(Value::Float).unwrap_or_default())),
                _ => return Err(missing()),
            }
        }
        Aio::Lock(l) => {
            let l = l.clone();
            match name {
                "acquire" => m(v, name, move |_, _| Ok(wrap_iterable(l.acquire(), "acquire"))),
                "release" => m(v, name, move |_, _| l.release().map(|_| Value::None)),
                "locked" => m(v, name, move |_, _| Ok(Value::Bool(l.locked()))),
                "__aenter__" => m(v, name, move |_, _| Ok(wrap_iterable(l.acquire(), "acquire"))),
                "__aexit__" => m(v, name, move |_, _| {
                    l.release()?;
                    Ok(done_awaitable(Value::None))
                }),
                _ => return Err(missing()),
            }
        }
        Aio::Semaphore(s) => {
            let s = s.clone();
            match name {
                "acquire" => m(v, name, move |_, _| Ok(wrap_iterable(s.acquire(), "acquire"))),
                "release" => m(v, name, move |_, _| s.release().map(|_| Value::None)),
                "locked" => m(v, name, move |_, _| Ok(Value::Bool(s.locked()))),
                "_value" => Value::Int(s.value()),
                "__aenter__" => m(v, name, move |_, _| Ok(wrap_iterable(s.acquire(), "acquire"))),
                "__aexit__" => m(v, name, move |_, _| {
                    s.release()?;
                    Ok(done_awaitable(Value::None))
                }),
                _ => return Err(missing()),
            }
        }
        Aio::Event(e) => {
            let e = e.clone();
            match name {
                "set" => m(v, name, move |_, _| {
                    e.set();
                    Ok(Value::None)
                }),
                "clear" => m(v, name, move |_, _| {
                    e.clear();
                    Ok(Value::None)
                }),
                "is_set" => m(v, name, move |_, _| Ok(Value::Bool(e.is_set()))),
                "wait" => m(v, name, move |_, _| Ok(wrap_iterable(e.wait(), "wait"))),
                _ => return Err(missing()),
            }
        }
        Aio::Queue(q) => {
            let q = q.clone();
            match name {
                "put" => m(v, name, move |a, _| {
                    Ok(wrap_iterable(q.put(a.first().cloned().unwrap_or_default()), "put"))
                }),
                "get" => m(v, name, move |_, _| Ok(wrap_iterable(q.get(), "get"))),
                "put_nowait" => m(v, name, move |a, _| {
                    q.put_nowait(a.first().cloned().unwrap_or_default()).map(|_| Value::None)
                }),
                "get_nowait" => m(v, name, move |_, _| q.get_nowait()),
                "qsize" => m(v, name, move |_, _| Ok(Value::Int(q.qsize() as i64))),
                "maxsize" => return Ok(Value::Int(q.maxsize() as i64)),
                "empty" => m(v, name, move |_, _| Ok(Value::Bool(q.empty()))),
                "full" => m(v, name, move |_, _| Ok(Value::Bool(q.full()))),
                "task_done" => m(v, name, move |_, _| q.task_done().map(|_| Value::None)),
                "join" => m(v, name, move |_, _| Ok(wrap_iterable(q.join(), "join"))),
                _ => return Err(missing()),
            }
        }
        Aio::TaskGroup(tg) => {
            let tg = tg.clone();
            match name {
                "create_task" => m(v, name, move |a, k| {
                    tg.check_open()?;
                    let aw = to_awaitable(&a.first().cloned().unwrap_or_default())?;
                    let task = tg.create_task_named(aw, task_name(kw(&k, "name"))?)?;
                    Ok(wrap_future(task.0.clone()))
                }),
                "__aenter__" => {
                    let me = v.clone();
                    m(v, name, move |_, _| {
                        let (tg, me) = (tg.clone(), me.clone());
                        Ok(gen_value(Generator::coroutine("__aenter__", move |_| async move {
                            tg.aenter()?;
                            Ok(me)
                        })))
                    })
                }
                "__aexit__" => m(v, name, move |a, _| {
                    Ok(gen_value(tg.aexit(a.get(1).and_then(|e| e.as_exception().cloned()))))
                }),
                _ => return Err(missing()),
            }
        }
        Aio::Timeout(t, _) => {
            let t = t.clone();
            match name {
                "when" => {
                    let me = v.clone();
                    m(v, name, move |_, _| match downcast::<Native>(&me).and_then(aio_of) {
                        Some(Aio::Timeout(_, given)) => Ok(given.borrow().clone()),
                        _ => Ok(Value::None),
                    })
                }
                "expired" => m(v, name, move |_, _| Ok(Value::Bool(t.expired()))),
                "reschedule" => {
                    let me = v.clone();
                    m(v, name, move |a, k| {
                        let when = a.first().or_else(|| kw(&k, "when")).cloned().unwrap_or_default();
                        t.reschedule(float_arg(Some(&when)))?;
                        if let Some(Aio::Timeout(_, given)) = downcast::<Native>(&me).and_then(aio_of) {
                            *given.borrow_mut() = when;
                        }
                        Ok(Value::None)
                    })
                }
                "__aenter__" => {
                    let me = v.clone();
                    m(v, name, move |_, _| {
                        let (t, me) = (t.clone(), me.clone());
                        Ok(gen_value(Generator::coroutine("__aenter__", move |_| async move {
                            t.aenter()?;
                            Ok(me)
                        })))
                    })
                }
                "__aexit__" => m(v, name, move |a, _| {
                    let (t, exc) = (t.clone(), a.get(1).and_then(|e| e.as_exception().cloned()));
                    Ok(gen_value(Generator::coroutine("__aexit__", move |_| async move {
                        t.aexit(exc)?;
                        Ok(Value::None)
                    })))
                }),
                _ => return Err(missing()),
            }
        }
        Aio::Sleep(_) | Aio::Awaitable(..) => match name {
            "close" => m(v, name, |_, _| Ok(Value::None)),
            "__await__" => {
                let me = v.clone();
                m(v, name, move |_, _| {
                    let Some(n) = downcast::<Native>(&me) else { return Ok(Value::None) };
                    let Some(a) = aio_of(n) else { return Ok(Value::None) };
                    let label = if let Aio::Awaitable(_, label) = a { label } else { "sleep" };
                    Ok(awaitable(a).map(|it| await_wrapper(it, label)).unwrap_or_default())
                })
            }
            _ => return Err(missing()),
        },
        _ => return Err(missing()),
    })
}

/// An awaitable that is done at once with `v` (`__aexit__` of a lock).
fn done_awaitable(v: Value) -> Value {
    gen_value(Generator::coroutine("__aexit__", move |_| async move { Ok(v) }))
}
