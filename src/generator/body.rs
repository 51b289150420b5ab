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
//! use corosim::generator::{Body, BodyStep, Context, Generator, Kind};
//! use corosim::{PyResult, Value};
//! /// `def count(): yield 1; yield 2` as a hand-written frame: its "pc" is a number.
//! struct Count(u8);
//! impl Body for Count {
//!     fn resume(&mut self, _with: Option<PyResult>, _cx: &Context) -> BodyStep {
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

use std::cell::Cell;
use std::rc::Rc;

use super::iter::Iterable;
use crate::exception::PyResult;
use crate::value::Value;

/// A generator's frame that the runtime resumes by a call (see the module doc).
pub trait Body: 'static {
    /// Runs the frame until it pauses or finishes. `with` is `None` at the first resume
    /// (nothing is waiting for a value yet), then what the paused `yield` evaluates to:
    /// the value sent, or the exception thrown in. `cx` says where the frame stands.
    fn resume(&mut self, with: Option<PyResult>, cx: &Context) -> BodyStep;

    /// The line the frame stands at before it starts and after it ends: its `def` line
    /// (CPython's `gi_code.co_firstlineno`), for reprs. 0: a body without lines.
    fn first_line(&self) -> u32 {
        0
    }

    /// The frame's bound local variables by name, arguments first (CPython's
    /// `gi_frame.f_locals`), read while it is paused ([`Generator::locals`]). None by
    /// default.
    ///
    /// [`Generator::locals`]: super::Generator::locals
    fn locals(&self) -> Vec<(Rc<str>, Value)> {
        Vec::new()
    }
}

/// What the runtime tells a [`Body`] at each resume, as `std::task::Context` tells a
/// future at each poll.
pub struct Context<'a> {
    /// How many generators delegate to this one through `yield from` or `await`. The
    /// runtime runs such a chain flat (one resume reaches the innermost frame), so an
    /// interpreter counts these toward its recursion limit, as CPython's nested frames
    /// count.
    pub delegators: usize,
    /// The line the frame is at (`gi_frame.f_lineno`): the body keeps it current as it
    /// runs, and [`Generator::line`](super::Generator::line) reads it meanwhile (a task's
    /// repr: `coro=<main() running at my.py:7>`).
    pub line: &'a Cell<u32>,
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

#[cfg(test)]
mod tests {
    //! The edges of a [`Body`]'s frame (`fast::frame::BodyFrame`, whose slot is `unsafe`):
    //! run under Miri by `.ci/miri` (`--lib -- generator::`).
    use super::*;
    use crate::exception::{GENERATOR_EXIT, PyException, ThrowArgs, VALUE_ERROR};
    use crate::generator::{Generator, Kind};

    /// `x = yield 'ready'` then echo each send back; a thrown ValueError is yielded as
    /// text; GeneratorExit ends it. The string it holds lives in the frame.
    struct Echo(String);
    impl Body for Echo {
        fn resume(&mut self, with: Option<PyResult>, _cx: &Context) -> BodyStep {
            match with {
                None => BodyStep::Yield(Value::from("ready")),
                Some(Ok(v)) => {
                    self.0.push_str(&v.repr());
                    BodyStep::Yield(Value::from(self.0.as_str()))
                }
                Some(Err(e)) if e.is_instance(GENERATOR_EXIT) => BodyStep::Finish(Err(e)),
                Some(Err(e)) => BodyStep::Yield(Value::from(format!("caught {e}"))),
            }
        }
        fn locals(&self) -> Vec<(Rc<str>, Value)> {
            vec![(Rc::from("text"), Value::from(self.0.as_str()))]
        }
    }

    #[test]
    fn a_body_yields_receives_sends_and_throws_and_closes() {
        let g = Generator::with_body("echo", Kind::Generator, false, Echo(String::new()));
        assert_eq!(g.next().unwrap().repr(), "'ready'");
        assert_eq!(g.send(1).unwrap().repr(), "'1'");
        assert_eq!(g.send("a").unwrap().repr(), "\"1'a'\"");
        let thrown = g.throw(ThrowArgs::new([Value::from(PyException::new(VALUE_ERROR, "x"))])).unwrap();
        assert_eq!(thrown.repr(), "'caught ValueError: x'");
        g.close().unwrap();
        assert!(g.next().is_err(), "a closed generator raises StopIteration");
    }

    #[test]
    fn a_paused_body_is_dropped_with_its_generator() {
        let g = Generator::with_body("echo", Kind::Generator, false, Echo("held".repeat(10)));
        g.next().unwrap();
        drop(g); // close() on collection: GeneratorExit, then the frame goes.
    }

    /// `return (yield from inner)` where `inner` is another body.
    struct Relay(Option<Generator>);
    impl Body for Relay {
        fn resume(&mut self, with: Option<PyResult>, cx: &Context) -> BodyStep {
            // Where it stands, kept as an interpreter's frame keeps it: line 2 once started.
            cx.line.set(2);
            match (with, self.0.take()) {
                (None, Some(inner)) => BodyStep::YieldFrom(inner.into()),
                (Some(result), _) => BodyStep::Finish(result),
                (None, None) => BodyStep::Finish(Ok(Value::None)),
            }
        }
        fn first_line(&self) -> u32 {
            1
        }
    }

    #[test]
    fn a_body_delegates_and_gets_the_return_value() {
        let inner = Generator::with_body("echo", Kind::Generator, false, Echo(String::new()));
        let g = Generator::with_body("relay", Kind::Generator, false, Relay(Some(inner)));
        assert_eq!(g.next().unwrap().repr(), "'ready'");
        assert_eq!(g.send(7).unwrap().repr(), "'7'");
        // Closing closes the inner one first: its GeneratorExit finishes it, then relay's.
        g.close().unwrap();
    }

    /// Yields how many generators delegate to it, at each resume, until an exception
    /// is thrown in.
    struct Depth;
    impl Body for Depth {
        fn resume(&mut self, with: Option<PyResult>, cx: &Context) -> BodyStep {
            match with {
                Some(Err(e)) => BodyStep::Finish(Err(e)),
                _ => BodyStep::Yield(Value::Int(cx.delegators as i64)),
            }
        }
    }

    #[test]
    fn a_body_is_told_its_delegators_and_keeps_its_line() {
        let alone = Generator::with_body("depth", Kind::Generator, false, Depth);
        assert_eq!(alone.next().unwrap().repr(), "0");
        assert_eq!(alone.line(), Some(0), "a body that keeps no lines");
        let inner = Generator::with_body("depth", Kind::Generator, false, Depth);
        let g = Generator::with_body("relay", Kind::Generator, false, Relay(Some(inner)));
        assert_eq!(g.line(), Some(1), "before it starts: its def line");
        assert_eq!(g.next().unwrap().repr(), "1", "one generator delegates to the inner body");
        assert_eq!(g.line(), Some(2), "the line the body wrote as it ran");
        g.close().unwrap();
        assert_eq!(g.line(), Some(1), "once over: its def line again");
        let plain = Generator::new("plain", |co| async move { co.yield_(Value::None).await });
        assert_eq!(plain.line(), None, "an async body has no line");
    }

    #[test]
    fn a_paused_bodys_locals_can_be_read_but_not_a_finished_ones() {
        let g = Generator::with_body("echo", Kind::Generator, false, Echo("seen".into()));
        let text = |g: &Generator| {
            g.locals().map(|l| l.iter().map(|(k, v)| format!("{k}={}", v.repr())).collect::<Vec<_>>())
        };
        assert_eq!(text(&g), Some(vec!["text='seen'".to_string()]), "before it starts");
        g.next().unwrap();
        g.send(1).unwrap();
        assert_eq!(text(&g), Some(vec!["text='seen1'".to_string()]), "paused");
        assert!(!g.is_running(), "the read is over");
        g.close().unwrap();
        assert_eq!(text(&g), None, "a closed generator has no body");
        assert_eq!(Generator::new("plain", |co| async move { co.yield_(1).await }).locals(), None);
    }
}
