//! What one step of an iterator returns, and what `yield from` can delegate to besides a
//! subgenerator: [`Step`] and [`PyIterator`].
//!
//! They hold only values and exceptions, so they stand at the bottom of the generator
//! runtime: the generator object (`fast/object.rs`) keeps a `PyIterator` as its
//! `gi_yieldfrom`, and `iter.rs`, above it, adds what names generators (`Iterable`).

use crate::exception::{PyException, PyResult, ThrowArgs};
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
