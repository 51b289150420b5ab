//! What asyncio's functions accept: `run_until_complete(aw)`, `ensure_future(aw)`,
//! `gather(*aws)` — a coroutine, a Future or Task, or an object with `__await__`
//! (CPython's `futures.isfuture` / `coroutines.iscoroutine` / `inspect.isawaitable`
//! checks, as one type).
//!
//! It stands above the task (a Task is one of the things given) and below the loop (which
//! wraps what it is given in a Task).
//!
//! ```
//! use corosim::aio::Awaitable;
//! use corosim::Value;
//! assert!(matches!(Awaitable::from(Value::from(5)), Awaitable::Other(_)));
//! ```

use super::future::Future;
use super::task::Task;
use crate::generator::{Generator, Iterable, PyAwaitable};
use crate::value::Value;

/// What `run_until_complete`, `ensure_future` and friends accept.
pub enum Awaitable {
    /// A coroutine: it will be wrapped in a Task.
    Coroutine(Generator),
    /// A Future (or Task): used as it is.
    Future(Future),
    /// An object with `__await__`: `ensure_future` wraps it in a coroutine
    /// (`_wrap_awaitable`) and that in a Task; `create_task` refuses it, as it is no
    /// coroutine.
    Object(Box<dyn PyAwaitable>),
    /// Anything else: not awaitable (the TypeError case).
    Other(Value),
}

impl Awaitable {
    /// `repr()` of what was given, for error texts: a Task's or a Future's (without the
    /// source positions and callbacks CPython adds), or the value's.
    pub(crate) fn repr(&self) -> String {
        match self {
            Awaitable::Coroutine(c) => format!("{c:?}"),
            Awaitable::Future(f) => match Task::from_future(f) {
                Some(task) => task.describe(),
                None => f.python_repr(),
            },
            Awaitable::Object(aw) => format!("<{} object>", aw.type_name()),
            Awaitable::Other(v) => v.repr(),
        }
    }
}

impl From<Generator> for Awaitable {
    fn from(g: Generator) -> Self {
        Awaitable::Coroutine(g)
    }
}
impl From<Future> for Awaitable {
    fn from(f: Future) -> Self {
        Awaitable::Future(f)
    }
}
impl From<&Future> for Awaitable {
    fn from(f: &Future) -> Self {
        Awaitable::Future(f.clone())
    }
}
impl From<Task> for Awaitable {
    fn from(t: Task) -> Self {
        Awaitable::Future(t.0)
    }
}
impl From<&Task> for Awaitable {
    fn from(t: &Task) -> Self {
        Awaitable::Future(t.0.clone())
    }
}
impl From<Iterable> for Awaitable {
    /// What `wait_for()`, `queue.get()` and friends return: a coroutine, or an iterator
    /// that is some coroutine's `__await__()` and is wrapped in one, or an awaitable
    /// object.
    fn from(it: Iterable) -> Self {
        match it {
            Iterable::Gen(g) => Awaitable::Coroutine(g),
            Iterable::Awaitable(aw) => Awaitable::Object(aw),
            Iterable::Value(v) => Awaitable::Other(v),
            Iterable::Iter(iter) => {
                let name = iter.type_name().to_string();
                Awaitable::Coroutine(Generator::coroutine(name, |co| async move { co.await_(iter).await }))
            }
        }
    }
}
impl From<Value> for Awaitable {
    fn from(v: Value) -> Self {
        Awaitable::Other(v)
    }
}
impl From<Box<dyn PyAwaitable>> for Awaitable {
    fn from(aw: Box<dyn PyAwaitable>) -> Self {
        Awaitable::Object(aw)
    }
}
impl<A: PyAwaitable + 'static> From<A> for Awaitable {
    /// An object with `__await__`.
    fn from(aw: A) -> Self {
        Awaitable::Object(Box::new(aw))
    }
}
