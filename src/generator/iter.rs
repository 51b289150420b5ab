//! Iterators that are not generators: what `yield from` can delegate to besides a
//! subgenerator.
//!
//! PEP 380 treats a plain iterator specially: `send(v)` with `v` not None needs a `send`
//! method (a `list_iterator` has none: `AttributeError`), `throw` without a `throw` method
//! raises the exception in the delegator, and `close` without a `close` method is skipped.
//! [`PyIterator`] models exactly that: optional `send`, `throw` and `close`.

use std::rc::Rc;

use super::Generator;
use crate::exception::{PyException, PyResult, TYPE_ERROR, ThrowArgs};
use crate::value::Value;

/// How one step of an iterator (or a generator) ended.
#[derive(Clone, Debug)]
pub enum Step {
    /// It yielded a value and is paused.
    Yielded(Value),
    /// It finished with this return value (`StopIteration(value)`).
    Returned(Value),
    /// It raised. A plain iterator that raises `StopIteration(x)` has finished, exactly
    /// as if it returned `x`.
    Raised(PyException),
}

/// An iterator object that `yield from` can delegate to.
///
/// `send`, `throw` and `close` return `None` when the object has no such method — the
/// difference between a generator expression and a `list_iterator`.
///
/// ```
/// use corosim::generator::{PyIterator, Step};
/// use corosim::Value;
/// /// An iterator that counts down and accepts no sends.
/// struct Countdown(i64);
/// impl PyIterator for Countdown {
///     fn type_name(&self) -> &str { "Countdown" }
///     fn next(&mut self) -> Step {
///         if self.0 == 0 { return Step::Returned(Value::None) }
///         self.0 -= 1;
///         Step::Yielded(Value::Int(self.0 + 1))
///     }
/// }
/// ```
pub trait PyIterator {
    /// The Python type name (`list_iterator`), used in `AttributeError` texts.
    fn type_name(&self) -> &str;
    /// `__next__()`.
    fn next(&mut self) -> Step;
    /// The first `__next__()`, the one `yield from` itself makes. The same as `next` unless
    /// an iterator says otherwise: one whose first step is always the same can then keep
    /// no "started" flag. asyncio's `__sleep0` (`yield` once, then return) is such an
    /// iterator, and with no state at all it costs no heap allocation.
    fn start(&mut self) -> Step {
        self.next()
    }
    /// `send(value)`, if the object has a `send` method.
    fn send(&mut self, _value: Value) -> Option<Step> {
        None
    }
    /// `throw(*args)` with the caller's raw arguments, if the object has a `throw` method.
    fn throw(&mut self, _args: &ThrowArgs) -> Option<Step> {
        None
    }
    /// `close()`, if the object has a `close` method.
    fn close(&mut self) -> Option<PyResult<()>> {
        None
    }
}

/// Anything `yield from` accepts: a generator, an iterator object, or a Python value
/// that `iter()` is then called on (`yield from [1, 2]`, `yield from 5` → TypeError).
pub enum Iterable {
    /// A generator (or coroutine) object.
    Gen(Generator),
    /// An iterator object.
    Iter(Box<dyn PyIterator>),
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

    /// Describes the iterable for traces: a generator's name or a type name.
    pub(crate) fn describe(&self) -> String {
        match self {
            Iterable::Gen(g) => g.name().to_string(),
            Iterable::Iter(it) => it.type_name().to_string(),
            Iterable::Value(v) => v.type_name().to_string(),
        }
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
