//! The inside of a generator body: `yield` and `yield from`.
//!
//! In Python, `x = yield v` hands `v` to whoever resumed the generator and pauses; the
//! next `send(x)` makes the `yield` expression evaluate to `x`, and a `throw(e)` makes it
//! raise `e`. In corosim a body is an `async` block and the same line reads
//! `let x = co.yield_(v).await?;` — the `?` is Python's "an unhandled exception leaves
//! the frame".

use std::pin::Pin;
use std::task::{Context, Poll};

use super::fast::Mailbox;
use super::iter::Iterable;
use crate::exception::PyResult;
use crate::value::Value;

/// The handle a generator body uses to pause: Python's `yield` and `yield from`.
///
/// Like Python's `yield`, a `yield` made with it pauses the body that is running; made
/// where no body is running, awaiting it is `RuntimeError: yield outside a running
/// generator`. Await a `yield` at once, where it is made, as Python writes it.
///
/// ```
/// use corosim::Generator;
/// let g = Generator::new("echo", |co| async move {
///     let got = co.yield_("ready").await?;   // x = yield 'ready'
///     Ok(got)                                 // return x
/// });
/// assert_eq!(g.next().unwrap().repr(), "'ready'");
/// let stop = g.send(42).unwrap_err();        // StopIteration(42)
/// assert_eq!(stop.value().repr(), "42");
/// ```
pub struct Co {
    /// Empty: a `yield` posts to the thread's mailbox and pauses whichever body awaits
    /// it (see `frame.rs`). So a body holds no pointer to its own frame, and a handle
    /// that escaped its body can do no harm.
    _private: (),
}

impl Co {
    pub(crate) fn new() -> Co {
        Co { _private: () }
    }

    /// `yield value`: pause, handing out `value`. Evaluates to the value sent next, or to
    /// `Err` with the exception thrown in. Await it at once, as with any `yield`.
    #[inline(always)]
    pub fn yield_(&self, value: impl Into<Value>) -> impl Future<Output = PyResult> + '_ {
        // Not an `async fn`: the value is posted now, rather than parked in the future
        // until its first poll: one copy fewer on the hottest path there is.
        Mailbox::here().yield_value(value.into());
        Pause
    }

    /// `yield from iterable` (PEP 380): delegate to a subgenerator or any iterator until it
    /// finishes; evaluates to its return value, or `Err` with the exception raised at the
    /// `yield from` (including a `GeneratorExit` while it was being closed).
    #[inline]
    pub fn yield_from(&self, iterable: impl Into<Iterable>) -> impl Future<Output = PyResult> + '_ {
        Mailbox::here().yield_from(iterable.into());
        Pause
    }

    /// `await awaitable` (PEP 492), in an `async def` body: `yield from
    /// awaitable.__await__()`. It takes a coroutine, a generator-based coroutine
    /// ([`Generator::types_coroutine`]), a Future or Task, what the `aio` toolkit returns,
    /// or an object with `__await__` ([`PyAwaitable`], whose `__await__` is called now).
    /// Anything else, a plain generator included, is CPython's `TypeError`, raised at this
    /// `await` (see [`Iterable`]).
    ///
    /// ```
    /// use corosim::{Generator, Value};
    /// let main = Generator::coroutine("main", |co| async move {
    ///     let refused = co.await_(Value::from(5)).await.unwrap_err(); // await 5
    ///     Ok(refused.to_string().into())
    /// });
    /// assert_eq!(main.send(Value::None).unwrap_err().value().to_str(),
    ///            "TypeError: object int can't be used in 'await' expression");
    /// ```
    ///
    /// [`Generator::types_coroutine`]: super::Generator::types_coroutine
    /// [`PyAwaitable`]: super::PyAwaitable
    #[inline]
    pub fn await_(&self, awaitable: impl Into<Iterable>) -> impl Future<Output = PyResult> + '_ {
        // One request for both: the driver tells `await` from `yield from` by the frame
        // making it (a coroutine awaits; a generator yields from), and applies each one's
        // rules where it runs (see `driver::enter`).
        self.yield_from(awaitable)
    }
}

/// One `yield` in progress: what it hands out is posted already, so awaiting it is
/// pending (which pauses the body: see `frame::Pinned`) until the driver posts a resume,
/// then evaluates to what was posted. The mailbox says which: a `Pause` holds nothing,
/// so a paused body is as small as can be (a million tasks are a million paused bodies).
struct Pause;

impl Future for Pause {
    type Output = PyResult;

    #[inline(always)]
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<PyResult> {
        Mailbox::here().take_resume()
    }
}
