//! A body that runs by itself: a generator whose frame is an interpreter's, resumed
//! directly rather than as an `async` block.
//!
//! CPython resumes a generator by running its frame's bytecode from where it stopped; a
//! `yield` returns from that loop with the value, keeping the frame. An interpreter's
//! frame works the same way, so it needs no `async` block around it to pause: the
//! runtime calls [`Body::resume`], and the body says how it stopped ([`BodyStep`]).
//! Everything else — the states, PEP 380's driver, the trace events, the mailbox the
//! values cross — is the same as for an `async` body ([`Generator::new`]).
//!
//! ```
//! use corosim::generator::{Body, BodyStep, Generator, Kind};
//! use corosim::{PyResult, Value};
//! /// `def count(): yield 1; yield 2` as a hand-written frame: its "pc" is a number.
//! struct Count(u8);
//! impl Body for Count {
//!     fn resume(&mut self, _with: Option<PyResult>) -> BodyStep {
//!         self.0 += 1;
//!         match self.0 {
//!             1 | 2 => BodyStep::Yield(Value::Int(self.0 as i64)),
//!             _ => BodyStep::Finish(Ok(Value::None)),
//!         }
//!     }
//! }
//! let g = Generator::with_body("count", Kind::Generator, false, Count(0));
//! assert_eq!(g.next().unwrap().repr(), "1");
//! assert_eq!(g.next().unwrap().repr(), "2");
//! assert!(g.next().is_err()); // StopIteration
//! ```
//!
//! [`Generator::new`]: super::Generator::new

use super::iter::Iterable;
use crate::exception::PyResult;
use crate::value::Value;

/// A generator's frame that the runtime resumes by a call (see the module doc).
pub trait Body: 'static {
    /// Runs the frame until it pauses or finishes. `with` is `None` at the first resume
    /// (nothing is waiting for a value yet), then what the paused `yield` evaluates to:
    /// the value sent, or the exception thrown in.
    fn resume(&mut self, with: Option<PyResult>) -> BodyStep;
}

/// How one resume of a [`Body`] ended.
pub enum BodyStep {
    /// `yield value`: paused, handing out `value`.
    Yield(Value),
    /// `yield from iterable` (or `await`): paused, delegating until it finishes; the
    /// frame is resumed with its return value or its exception.
    YieldFrom(Iterable),
    /// The frame returned (`Ok`) or raised (`Err`); it is dropped now.
    Finish(PyResult),
}
