//! Asynchronous generators (PEP 525): an `async def` with `yield` in it, iterated with
//! `async for` — CPython's `async_generator` objects and the awaitables their
//! `__anext__`, `asend`, `athrow` and `aclose` return.
//!
//! The frame runs as one of the runtime's plain generators, so it may both `await` and
//! `yield`. The two kinds of pause travel up the same way; what tells them apart is the
//! value. An `await` hands the loop a future (unchanged); a `yield` hands out a
//! [`Wrapped`] value (CPython's `_PyAsyncGenWrappedValue`). The awaitable that drives
//! the frame (`Drive`) passes the first kind up to the task, and finishes with
//! the second: `await agen.__anext__()` evaluates to the yielded value. When the frame
//! returns, `__anext__` raises `StopAsyncIteration`, which ends the `async for`.
//!
//! An asynchronous generator left unfinished is closed on the loop, as asyncio's
//! finalizer hook does: when its last reference goes, a task runs `aclose()` on it, so
//! its `finally` blocks (which may `await`) run.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import asyncio\n\nasync def ticks(n):\n    for i in range(n):\n        await asyncio.sleep(0)\n        yield i\n\n\
//!      async def main():\n    print([t async for t in ticks(3)])\n\nasyncio.run(main())\n",
//! );
//! assert_eq!(out, "[0, 1, 2]\n");
//! ```

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::objects::{Builtin, Native, NativeObject, downcast, fake_address};
use crate::exception::*;
use crate::generator::{Generator, Iterable, PyIterator, Step};
use crate::trace::GenState;
use crate::value::{PyObject, Value};

/// A value an asynchronous generator's frame yields to its `async for` (not to the loop).
pub struct Wrapped(pub Value);

impl PyObject for Wrapped {
    fn type_name(&self) -> &str {
        self.0.type_name()
    }
    fn repr(&self) -> String {
        // The trace shows what was yielded.
        super::objects::repr_of(&self.0)
    }
}

/// Marks a value the frame yields.
pub fn wrap(v: Value) -> Value {
    Value::Obj(Rc::new(Wrapped(v)))
}

fn unwrap(v: &Value) -> Option<Value> {
    downcast::<Wrapped>(v).map(|w| w.0.clone())
}

/// What an asynchronous generator shares with the awaitables driving it.
struct Shared {
    /// The frame, as a runtime generator.
    g: Generator,
    /// `ag_running`: an awaitable is driving it now (between its start and its end).
    running: Cell<bool>,
    /// `__qualname__`.
    qualname: Rc<str>,
}

/// An `async_generator` object.
pub struct AsyncGen {
    shared: Rc<Shared>,
}

/// The generator as its awaitables reach it.
impl Shared {
    /// The first step of all: the running loop learns of the generator (*firstiter*).
    fn first_iteration(self: &Rc<Self>) {
        if self.g.state() == GenState::Created {
            let closer = Closer { shared: Rc::downgrade(self) };
            crate::aio::firstiter(Box::new(closer));
        }
    }
}

/// A new asynchronous generator over the frame `g`.
pub fn new(g: Generator, qualname: Rc<str>) -> Value {
    Native::value(AsyncGen { shared: Rc::new(Shared { g, running: Cell::new(false), qualname }) })
}

/// What an awaitable does to the generator when it starts.
enum Action {
    /// `__anext__()`, `asend(value)`.
    Send(Value),
    /// `athrow(...)`.
    Throw(ThrowArgs),
    /// `aclose()`.
    Close,
}

impl Action {
    /// The awaitable's type and the method its errors name.
    fn names(&self) -> (&'static str, &'static str) {
        match self {
            Action::Send(_) => ("async_generator_asend", "anext"),
            Action::Throw(_) => ("async_generator_athrow", "athrow"),
            Action::Close => ("async_generator_athrow", "aclose"),
        }
    }
}

impl NativeObject for AsyncGen {
    fn type_name(&self) -> &str {
        "async_generator"
    }
    fn repr(&self) -> String {
        format!(
            "<async_generator object {} at {}>",
            self.shared.qualname,
            fake_address(Rc::as_ptr(&self.shared) as *const ())
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        let shared = self.shared.clone();
        let awaitable = move |name: &'static str, make: fn(&[Value]) -> PyResult<Action>| {
            let shared = shared.clone();
            Builtin::value(name, move |a, _| Ok(awaitable_value(shared.clone(), make(&a)?)))
        };
        Ok(match name {
            "__aiter__" => {
                let this = this.clone();
                Builtin::value("__aiter__", move |_, _| Ok(this.clone()))
            }
            "__anext__" => awaitable("__anext__", |_| Ok(Action::Send(Value::None))),
            "asend" => awaitable("asend", |a| Ok(Action::Send(a.first().cloned().unwrap_or_default()))),
            "athrow" => awaitable("athrow", |a| {
                if a.is_empty() {
                    return Err(PyException::new(TYPE_ERROR, "athrow expected at least 1 argument, got 0"));
                }
                Ok(Action::Throw(super::attrs::throw_args(a)))
            }),
            "aclose" => awaitable("aclose", |_| Ok(Action::Close)),
            "ag_running" => Value::Bool(self.shared.running.get()),
            "__name__" => Value::str(self.shared.qualname.rsplit('.').next().unwrap_or("")),
            "__qualname__" => Value::Str(self.shared.qualname.clone()),
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'async_generator' object has no attribute '{name}'"),
                ));
            }
        })
    }
}

impl Drop for AsyncGen {
    /// asyncio's finalizer hook: an unfinished asynchronous generator is closed by a task
    /// on the running loop (`loop.create_task(agen.aclose())`), so that its `finally`
    /// blocks may still `await`.
    fn drop(&mut self) {
        if self.shared.g.state() != GenState::Suspended {
            return;
        }
        let Ok(lp) = crate::aio::get_running_loop() else { return };
        let shared = self.shared.clone();
        lp.call_soon_threadsafe_here("_asyncgen_finalizer_hook", move || {
            let _ = crate::aio::create_task(aclose_coroutine(shared));
        });
    }
}

/// `agen.aclose()` as a coroutine the loop can run as a task.
fn aclose_coroutine(shared: Rc<Shared>) -> Generator {
    let name = format!("{}.aclose", shared.qualname);
    let closing = AgAwaitable { shared, action: RefCell::new(Some(Action::Close)) };
    Generator::coroutine(name, move |co| async move {
        let it = closing.awaitable().unwrap_or(Iterable::Value(Value::None));
        co.yield_from(it).await
    })
}

/// How the loop closes an asynchronous generator that started on it, if it is still
/// unfinished when `asyncio.run` ends (`loop.shutdown_asyncgens()`).
struct Closer {
    shared: std::rc::Weak<Shared>,
}

impl crate::aio::AsyncGenHandle for Closer {
    fn aclose(&self) -> Option<crate::aio::Awaitable> {
        let shared = self.shared.upgrade()?;
        (shared.g.state() == GenState::Suspended).then(|| aclose_coroutine(shared).into())
    }
}

/// The awaitable `__anext__()`, `asend()`, `athrow()` or `aclose()` returns.
struct AgAwaitable {
    shared: Rc<Shared>,
    /// Taken when it is awaited: an awaitable is awaited once.
    action: RefCell<Option<Action>>,
}

fn awaitable_value(shared: Rc<Shared>, action: Action) -> Value {
    Native::value(AgAwaitable { shared, action: RefCell::new(Some(action)) })
}

impl NativeObject for AgAwaitable {
    fn type_name(&self) -> &str {
        match &*self.action.borrow() {
            Some(a) => a.names().0,
            None => "async_generator_asend",
        }
    }
    fn repr(&self) -> String {
        format!("<{} object at {}>", self.type_name(), fake_address(self as *const _ as *const ()))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn is_awaitable(&self) -> bool {
        true
    }
    fn awaitable(&self) -> Option<Iterable> {
        let action = self.action.borrow_mut().take();
        Some(match action {
            Some(action) => {
                let closing = matches!(action, Action::Close);
                Iterable::Iter(Box::new(Drive { shared: self.shared.clone(), action: Some(action), closing }))
            }
            None => Iterable::Iter(Box::new(Reused)),
        })
    }
}

/// Awaiting the same `__anext__()` twice.
struct Reused;

impl PyIterator for Reused {
    fn type_name(&self) -> &str {
        "async_generator_asend"
    }
    fn next(&mut self) -> Step {
        Step::Raised(PyException::new(RUNTIME_ERROR, "cannot reuse already awaited __anext__()/asend()"))
    }
}

/// An awaitable being awaited: its first step does its action, later ones carry what the
/// task sends or throws (for the frame's own `await`s) on to the frame.
struct Drive {
    shared: Rc<Shared>,
    /// The action, until the first step takes it.
    action: Option<Action>,
    /// It is `aclose()`'s: the frame must finish, not yield.
    closing: bool,
}

impl Drive {
    fn first(&mut self, action: Action) -> Step {
        use Step as S;
        let (_, method) = action.names();
        if self.shared.running.get() {
            return S::Raised(PyException::new(
                RUNTIME_ERROR,
                format!("{method}(): asynchronous generator is already running"),
            ));
        }
        let g = &self.shared.g;
        // `aclose()` on a generator that never started, or has finished: nothing to run.
        if self.closing && g.state() != GenState::Suspended {
            let _ = g.close();
            return S::Returned(Value::None);
        }
        self.shared.running.set(true);
        self.shared.first_iteration();
        let step = match action {
            Action::Send(v) => g.send_step(v),
            Action::Throw(args) => g.throw_step(args),
            Action::Close => g.throw_step(PyException::bare(GENERATOR_EXIT)),
        };
        self.finish(step)
    }

    /// What one step of the frame means to the task awaiting.
    fn finish(&mut self, step: Step) -> Step {
        use Step as S;
        let closing = self.closing;
        let done = |shared: &Shared| shared.running.set(false);
        // A finished frame answers a resume with StopIteration: it has returned.
        let step = match step {
            S::Raised(e) if e.is_instance(STOP_ITERATION) => S::Returned(e.value()),
            other => other,
        };
        match step {
            S::Yielded(v) => match unwrap(&v) {
                // The frame's own `yield`: the await is over.
                Some(value) => {
                    done(&self.shared);
                    if closing {
                        return S::Raised(PyException::new(
                            RUNTIME_ERROR,
                            "async generator ignored GeneratorExit",
                        ));
                    }
                    S::Returned(value)
                }
                // The frame awaits something: the task waits on it too.
                None => S::Yielded(v),
            },
            S::Returned(_) => {
                done(&self.shared);
                if closing {
                    S::Returned(Value::None)
                } else {
                    S::Raised(PyException::bare(STOP_ASYNC_ITERATION))
                }
            }
            S::Raised(e) => {
                done(&self.shared);
                if closing && (e.is_instance(GENERATOR_EXIT) || e.is_instance(STOP_ASYNC_ITERATION)) {
                    return S::Returned(Value::None);
                }
                if e.is_instance(STOP_ASYNC_ITERATION) {
                    let err = PyException::new(RUNTIME_ERROR, "async generator raised StopAsyncIteration");
                    err.set_cause(Some(e));
                    return S::Raised(err);
                }
                S::Raised(e)
            }
        }
    }
}

impl PyIterator for Drive {
    fn type_name(&self) -> &str {
        "async_generator_asend"
    }
    fn next(&mut self) -> Step {
        match self.action.take() {
            Some(action) => self.first(action),
            None => {
                let step = self.shared.g.send_step(Value::None);
                self.finish(step)
            }
        }
    }
    fn send(&mut self, value: Value) -> Option<Step> {
        let step = self.shared.g.send_step(value);
        Some(self.finish(step))
    }
    fn throw(&mut self, args: &ThrowArgs) -> Option<Step> {
        let step = self.shared.g.throw_step(args.clone());
        Some(self.finish(step))
    }
    fn close(&mut self) -> Option<PyResult<()>> {
        Some(Ok(()))
    }
}
