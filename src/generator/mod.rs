//! Python generator objects: `next`, `send`, `throw`, `close`, their states, their return
//! value, and `yield from` delegation by PEP 380's rules.
//!
//! A generator is a paused function. Calling `Generator::new` is calling a generator
//! function: nothing in the body runs until the first `next()`. Each `send(x)` runs the
//! body to its next `yield`; the `yield` expression inside evaluates to `x`. When the
//! body returns `r`, the caller gets `StopIteration(r)` — once; later calls get a bare
//! `StopIteration()`.
//!
//! Under the hood each body is a [`genawaiter`] generator (or, for an interpreter's frame,
//! a [`Body`] the runtime resumes by a call: `body.rs`). `yield from` chains are driven
//! by an explicit stack (see `driver.rs`): a send goes straight to the innermost frame, so
//! a step costs the same at depth 1 and at depth 10,000, and no chain can overflow the
//! Rust stack.
//!
//! The files read bottom-up: `step.rs` (what a step returns; plain iterators), the
//! generator object and its fast path (`fast/`, the one place with `unsafe`), `iter.rs`
//! (what `yield from` accepts), `body.rs` (a frame resumed by a call), this file (`send`,
//! `throw`, `close`), `co.rs` (what an `async` body uses to pause) and `driver.rs` (the
//! explicit stack).
//!
//! ```
//! use corosim::{Generator, GenState};
//! let averager = Generator::new("averager", |co| async move {
//!     let (mut total, mut count) = (0.0, 0.0);
//!     let mut average = corosim::Value::None;
//!     loop {
//!         let term = co.yield_(average.clone()).await?;
//!         total += term.as_f64().unwrap();
//!         count += 1.0;
//!         average = (total / count).into();
//!     }
//! });
//! assert_eq!(averager.state(), GenState::Created);
//! averager.next().unwrap();                       // prime it
//! assert_eq!(averager.send(10).unwrap().repr(), "10.0");
//! assert_eq!(averager.send(30).unwrap().repr(), "20.0");
//! averager.close().unwrap();
//! assert_eq!(averager.state(), GenState::Closed);
//! ```

mod body;
mod co;
mod driver;
#[allow(unsafe_code)] // the fast path, fenced: see its module doc
mod fast;
mod iter;
mod step;

use std::borrow::Cow;
use std::fmt;
use std::future::Future;

pub use body::{Body, BodyStep, Context};
pub use co::Co;
pub use fast::{Generator, Kind, Resume};
pub use iter::{Iterable, PyAwaitable, SeqIter, iter, iter_value};
pub use step::{PyIterator, Step};

use crate::exception::{PyException, PyResult, STOP_ITERATION, TYPE_ERROR, ThrowArgs};
use crate::trace::{self, Event};
use crate::value::Value;
use fast::{BodyFrame, Frame, GenCell};

impl Generator {
    /// Calls a generator function: makes a generator in state CREATED; no body code runs.
    ///
    /// ```
    /// use corosim::{Generator, GenState};
    /// let g = Generator::new("gen", |co| async move { co.yield_(1).await?; Ok(().into()) });
    /// assert_eq!(g.state(), GenState::Created);
    /// assert_eq!(g.name(), "gen");
    /// ```
    pub fn new<F, Fut>(name: impl Into<Cow<'static, str>>, body: F) -> Generator
    where
        F: FnOnce(Co) -> Fut,
        Fut: Future<Output = PyResult> + 'static,
    {
        Self::with_kind(name.into(), Kind::Generator, false, body)
    }

    /// Calls a generator function decorated with `@types.coroutine` (the old
    /// `@asyncio.coroutine`): a generator, with two rights a plain one lacks. `await`
    /// accepts it (a plain generator is `TypeError: object generator can't be used in
    /// 'await' expression`), and its `yield from` may delegate to a native coroutine.
    /// This is how awaitables were written before `async def`, and how asyncio's own
    /// `sleep(0)` still yields to the loop.
    ///
    /// ```
    /// use corosim::{Generator, Value};
    /// // @types.coroutine
    /// // def suspend(): return (yield "paused")
    /// let suspend = || Generator::types_coroutine("suspend", |co| async move { co.yield_("paused").await });
    /// let main = Generator::coroutine("main", move |co| async move { co.await_(suspend()).await });
    /// assert_eq!(main.send(Value::None).unwrap().repr(), "'paused'");
    /// assert!(suspend().is_awaitable());
    /// # main.close().unwrap();
    /// ```
    pub fn types_coroutine<F, Fut>(name: impl Into<Cow<'static, str>>, body: F) -> Generator
    where
        F: FnOnce(Co) -> Fut,
        Fut: Future<Output = PyResult> + 'static,
    {
        Self::with_kind(name.into(), Kind::Generator, true, body)
    }

    /// Calls an `async def` function: a coroutine object, driven the same way.
    ///
    /// ```
    /// use corosim::Generator;
    /// let c = Generator::coroutine("main", |_co| async move { Ok(42.into()) });
    /// assert_eq!(c.send(1).unwrap_err().to_string(),
    ///     "TypeError: can't send non-None value to a just-started coroutine");
    /// ```
    pub fn coroutine<F, Fut>(name: impl Into<Cow<'static, str>>, body: F) -> Generator
    where
        F: FnOnce(Co) -> Fut,
        Fut: Future<Output = PyResult> + 'static,
    {
        Self::with_kind(name.into(), Kind::Coroutine, false, body)
    }

    fn with_kind<F, Fut>(name: Cow<'static, str>, kind: Kind, iterable_coroutine: bool, body: F) -> Generator
    where
        F: FnOnce(Co) -> Fut,
        Fut: Future<Output = PyResult> + 'static,
    {
        let cell = GenCell::new(name, kind, iterable_coroutine, Frame::new());
        Generator::allocate(cell, || body(Co::new()))
    }

    /// A generator (or coroutine) whose frame runs by itself ([`Body`]): an
    /// interpreter's frame, resumed by a call rather than as an `async` block.
    /// `iterable_coroutine` as for [`Generator::types_coroutine`]. See [`Body`] for an
    /// example.
    pub fn with_body(
        name: impl Into<Cow<'static, str>>,
        kind: Kind,
        iterable_coroutine: bool,
        body: impl Body,
    ) -> Generator {
        let cell = GenCell::new(name.into(), kind, iterable_coroutine, BodyFrame::new(body));
        Generator::from_rc(std::rc::Rc::new(cell))
    }

    /// `gi_yieldfrom`: the generator this one is delegating to, if that is a generator.
    /// `None` while running, as in CPython.
    pub fn yield_from_gen(&self) -> Option<Generator> {
        if self.is_running() {
            return None;
        }
        self.0.delegate.generator()
    }

    /// `type(g.gi_yieldfrom).__name__` style description of the current delegate: a
    /// generator's name or an iterator's type name; `None` when not delegating.
    pub fn yield_from_name(&self) -> Option<String> {
        if self.is_running() {
            return None;
        }
        self.0.delegate.name()
    }

    /// The delegation chain below this generator, outermost first (this one included):
    /// what a teacher draws on the board.
    pub fn chain(&self) -> Vec<String> {
        let mut names = vec![self.name().to_string()];
        let mut g = self.clone();
        while let Some(sub) = g.yield_from_gen() {
            names.push(sub.name().to_string());
            g = sub;
        }
        if let Some(last) = g.yield_from_name().filter(|_| g.yield_from_gen().is_none()) {
            names.push(last);
        }
        names
    }

    /// `next(g)`, which is exactly `g.send(None)`.
    ///
    /// A coroutine object has no `__next__` (it is driven with `send(None)`), so on one this
    /// is CPython's `TypeError: 'coroutine' object is not an iterator`, and nothing runs.
    pub fn next(&self) -> PyResult {
        if self.0.kind == Kind::Coroutine {
            return Err(PyException::new(TYPE_ERROR, "'coroutine' object is not an iterator"));
        }
        self.send(Value::None)
    }

    /// `g.send(value)`: resume; the paused `yield` evaluates to `value`.
    ///
    /// Returns the next yielded value; `Err(StopIteration(r))` when the body returns `r`;
    /// `Err(e)` when it raises `e`.
    #[inline(always)] // the commonest step of all: inlined, a caller's loop pays no call for it
    pub fn send(&self, value: impl Into<Value>) -> PyResult {
        self.send_with(value, step_to_result)
    }

    /// `g.throw(...)`: raise an exception at the paused `yield`.
    ///
    /// Takes an exception instance, an exception class, or raw [`ThrowArgs`] (to show
    /// CPython's argument checks).
    pub fn throw(&self, exc: impl Into<ThrowArgs>) -> PyResult {
        step_to_result(self.resume_step(driver::Op::Throw(exc.into())))
    }

    /// `g.close()`: raise `GeneratorExit` at the paused `yield` and expect the body to
    /// finish. Errors with `RuntimeError('generator ignored GeneratorExit')` if it yields.
    pub fn close(&self) -> PyResult<()> {
        match self.resume_step(driver::Op::Close) {
            Step::Raised(e) => Err(e),
            _ => Ok(()),
        }
    }

    /// `send` without Python's StopIteration wrapping: how a driver such as a Task sees a
    /// step (yielded, returned, or raised).
    pub fn send_step(&self, value: Value) -> Step {
        self.send_with(value, |step| step)
    }

    /// `throw` without the StopIteration wrapping, like [`Generator::send_step`].
    pub fn throw_step(&self, exc: impl Into<ThrowArgs>) -> Step {
        self.resume_step(driver::Op::Throw(exc.into()))
    }

    /// Finalisation: CPython closes a paused generator when its last reference goes. An
    /// error there cannot propagate; it is reported as "unraisable".
    fn finalize(&self) {
        if let Err(e) = self.close() {
            let who = format!("<{} object {}>", self.0.kind.word(), self.name());
            trace::emit(|| Event::Unraisable { name: who.clone(), exception: e.to_string() });
            eprintln!("Exception ignored in: {who}\n{e}");
        }
    }
}

#[inline]
fn step_to_result(step: Step) -> PyResult {
    match step {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(PyException::stop_iteration(v)),
        Step::Raised(e) => Err(e),
    }
}

impl fmt::Debug for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} object {}>", self.0.kind.word(), self.name())
    }
}

/// `StopIteration` helpers that the event loop and scenarios share.
pub fn is_stop_iteration(e: &PyException) -> bool {
    e.is_instance(STOP_ITERATION)
}
