//! Iterators that are not generators: what `yield from` can delegate to besides a
//! subgenerator; and awaitables, what `await` accepts.
//!
//! PEP 380 treats a plain iterator specially: `send(v)` with `v` not None needs a `send`
//! method (a `list_iterator` has none: `AttributeError`), `throw` without a `throw` method
//! raises the exception in the delegator, and `close` without a `close` method is skipped.
//! [`PyIterator`] models exactly that: optional `send`, `throw` and `close`.
//!
//! PEP 492's `await x` is `yield from x.__await__()`, where `__await__` must return an
//! iterator: [`PyAwaitable`] is an object with that method.

use std::rc::Rc;

use super::fast::{Generator, Kind};
use super::step::{PyIterator, Step};
use crate::exception::{PyException, PyResult, TYPE_ERROR};
use crate::value::Value;

/// An object with an `__await__` method (PEP 492): what `await` accepts besides
/// coroutines and corosim's own futures.
///
/// `await x` calls `x.__await__()` when the `await` runs, then delegates to what it
/// returned exactly as `yield from` would: sends, throws and closes are forwarded by PEP
/// 380's rules. What it returns must be an iterator: a generator, or a [`PyIterator`].
/// Anything else is CPython's `TypeError`, raised at the `await`: a coroutine (a native
/// one, or a generator made with [`Generator::types_coroutine`]) is `__await__() returned a
/// coroutine`; a value is `__await__() returned non-iterator of type 'int'`. An error
/// `__await__` raises is raised at the `await` too.
///
/// ```
/// use corosim::generator::{PyAwaitable, Iterable};
/// use corosim::{Generator, PyResult, Value};
/// /// `class Ticket: def __await__(self): return (yield "waiting")`
/// struct Ticket;
/// impl PyAwaitable for Ticket {
///     fn type_name(&self) -> &str { "Ticket" }
///     fn await_(&self) -> PyResult<Iterable> {
///         Ok(Generator::new("__await__", |co| async move { co.yield_("waiting").await }).into())
///     }
/// }
/// let main = Generator::coroutine("main", |co| async move { co.await_(Ticket).await });
/// assert_eq!(main.send(Value::None).unwrap().repr(), "'waiting'");
/// assert_eq!(main.send("served").unwrap_err().value().repr(), "'served'"); // StopIteration
/// ```
pub trait PyAwaitable {
    /// The Python type name, for error texts (`'Ticket' object is not iterable`).
    fn type_name(&self) -> &str;
    /// `__await__()`: the iterator the `await` delegates to (see the trait's rules).
    fn await_(&self) -> PyResult<Iterable>;
}

/// Anything `yield from` or `await` is given: a generator, an iterator object, an
/// awaitable object, or a Python value that `iter()` is then called on (`yield from [1,
/// 2]`, `yield from 5` → TypeError).
///
/// Each is checked where the `yield from` or `await` runs, with CPython's rules and
/// texts, so the frame can catch the error: `yield from` takes what `iter()` takes (a
/// coroutine only in a generator-based coroutine, [`Generator::types_coroutine`]);
/// `await` takes a coroutine, a generator-based coroutine, an awaitable, or an iterator
/// that is already some awaitable's `__await__()` (as a Future's is: see `aio`).
pub enum Iterable {
    /// A generator (or coroutine) object.
    Gen(Generator),
    /// An iterator object.
    Iter(Box<dyn PyIterator>),
    /// An object with `__await__`; it is called when the `await` runs.
    Awaitable(Box<dyn PyAwaitable>),
    /// A value; `iter(value)` happens when the `yield from` runs.
    Value(Value),
}

impl From<Generator> for Iterable {
    fn from(g: Generator) -> Self {
        Iterable::Gen(g)
    }
}
impl From<&Generator> for Iterable {
    fn from(g: &Generator) -> Self {
        Iterable::Gen(g.clone())
    }
}
impl From<Value> for Iterable {
    fn from(v: Value) -> Self {
        Iterable::Value(v)
    }
}
impl From<Box<dyn PyIterator>> for Iterable {
    fn from(it: Box<dyn PyIterator>) -> Self {
        Iterable::Iter(it)
    }
}
impl From<Box<dyn PyAwaitable>> for Iterable {
    fn from(aw: Box<dyn PyAwaitable>) -> Self {
        Iterable::Awaitable(aw)
    }
}
impl<A: PyAwaitable + 'static> From<A> for Iterable {
    /// `await obj` for an object with `__await__`.
    fn from(aw: A) -> Self {
        Iterable::Awaitable(Box::new(aw))
    }
}
impl<T: Into<Value>> From<Vec<T>> for Iterable {
    fn from(v: Vec<T>) -> Self {
        Iterable::Value(Value::from(v))
    }
}

impl Iterable {
    /// `range(start, stop)` as an iterable.
    pub fn range(start: i64, stop: i64) -> Iterable {
        let items: Rc<[Value]> = (start..stop).map(Value::Int).collect();
        Iterable::Iter(Box::new(SeqIter::new("range_iterator", items)))
    }
}

/// `iter(x)`: the iterator `for` and `yield from` use. A generator and an iterator are
/// their own; a value gets its builtin iterator ([`iter_value`]). A coroutine is not
/// iterable (`TypeError: 'coroutine' object is not iterable`: it is driven by `await` or
/// `send`), and neither is an object that only has `__await__`.
///
/// ```
/// use corosim::generator::{iter, Iterable};
/// use corosim::Generator;
/// let coro = Generator::coroutine("job", |_co| async move { Ok(1.into()) });
/// assert_eq!(iter(&coro).err().unwrap().to_string(), "TypeError: 'coroutine' object is not iterable");
/// assert!(matches!(iter(vec![1, 2]), Ok(Iterable::Iter(_))));
/// # coro.close().unwrap();
/// ```
pub fn iter(x: impl Into<Iterable>) -> PyResult<Iterable> {
    let not_iterable =
        |type_name: &str| PyException::new(TYPE_ERROR, format!("'{type_name}' object is not iterable"));
    match x.into() {
        Iterable::Gen(g) if g.kind() == Kind::Coroutine => Err(not_iterable("coroutine")),
        Iterable::Awaitable(aw) => Err(not_iterable(aw.type_name())),
        Iterable::Value(v) => iter_value(v).map(Iterable::Iter),
        it => Ok(it),
    }
}

/// `iter(value)`: the builtin iterator of a Python value, or CPython's TypeError.
pub fn iter_value(v: Value) -> PyResult<Box<dyn PyIterator>> {
    let it = match v {
        Value::List(items) => SeqIter::new("list_iterator", items),
        Value::Tuple(items) => SeqIter::new("tuple_iterator", items),
        Value::Str(s) => {
            let name = if s.is_ascii() { "str_ascii_iterator" } else { "str_iterator" };
            SeqIter::new(name, s.chars().map(|c| Value::str(c.to_string())).collect())
        }
        Value::Dict(pairs) => {
            SeqIter::new("dict_keyiterator", pairs.iter().map(|(k, _)| k.clone()).collect())
        }
        Value::Named(n) => SeqIter::new("tuple_iterator", n.fields.iter().map(|(_, v)| v.clone()).collect()),
        other => {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("'{}' object is not iterable", other.type_name()),
            ));
        }
    };
    Ok(Box::new(it))
}

/// A builtin sequence iterator (`list_iterator`, `tuple_iterator`, ...): `__next__` only.
pub struct SeqIter {
    type_name: &'static str,
    items: Rc<[Value]>,
    pos: usize,
}

impl SeqIter {
    /// An iterator over `items` that calls itself `type_name`.
    pub fn new(type_name: &'static str, items: Rc<[Value]>) -> Self {
        SeqIter { type_name, items, pos: 0 }
    }
}

impl PyIterator for SeqIter {
    fn type_name(&self) -> &str {
        self.type_name
    }
    fn next(&mut self) -> Step {
        match self.items.get(self.pos) {
            Some(v) => {
                self.pos += 1;
                Step::Yielded(v.clone())
            }
            None => Step::Returned(Value::None),
        }
    }
}
