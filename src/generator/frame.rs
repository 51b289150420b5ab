//! A generator's frame: the paused body, and the mailbox values travel through.
//!
//! In CPython a generator object owns a frame: the function's locals and where it
//! stopped. In corosim the frame is a [`genawaiter`] generator running the body's `async`
//! block. Resuming it is one poll; each `yield` inside is one `Poll::Pending`.
//!
//! genawaiter could carry the values too (`Gen<Y, R>` hands a `Y` out and an `R` in),
//! but it shuffles them through its own slot several times per resume, which costs more
//! than everything else in a `send`. So genawaiter carries only a one-byte tag each way
//! ([`In`], [`Out`]) and the values wait in a [`Mailbox`]: the driver posts the sent value
//! and resumes; the body takes it at once, runs, posts what it yields, and pauses; the
//! driver takes that at once. Nothing else runs between a post and its take — even when
//! a body resumes another generator, that inner hand-over is over before the outer one
//! goes on — so all the generators of a thread share one mailbox, and a paused generator
//! costs no memory for it.

use std::any::Any;
use std::cell::Cell;
use std::future::Future;

use genawaiter::GeneratorState;
use genawaiter::rc::Gen;

use super::Resume;
use super::co::Suspend;
use super::iter::Iterable;
use crate::exception::PyResult;
use crate::value::Value;

/// What a resume brings the body (genawaiter's resume type): the mailbox holds the value
/// sent, or the exception thrown in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum In {
    Send,
    Throw,
}

/// Why the body paused (genawaiter's yield type): the mailbox holds the value yielded,
/// or the iterable to delegate to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Out {
    Yield,
    YieldFrom,
}

/// The values on their way between a driver and a body: one per thread.
///
/// Two plain slots rather than one slot holding an enum: a whole `Value` is written and
/// read back the same way, which is measurably cheaper than nested enums on the hottest
/// path there is.
#[derive(Default)]
pub(crate) struct Mailbox {
    /// The value sent or yielded; a thrown exception travels as `Value::Exception`.
    value: Cell<Value>,
    /// The iterable of a `yield from`.
    iterable: Cell<Option<Iterable>>,
}

thread_local! {
    // A plain reference, so that it has no destructor: generators finalised while the
    // thread's other locals are being torn down can still reach it.
    static MAILBOX: Cell<Option<&'static Mailbox>> = const { Cell::new(None) };
}

impl Mailbox {
    /// This thread's mailbox, which every generator made here uses.
    ///
    /// One small box per thread that ever runs a generator, kept for the life of the
    /// process: cheaper than a pointer to it in every generator object and every body.
    #[inline]
    pub(crate) fn here() -> &'static Mailbox {
        MAILBOX.with(|slot| match slot.get() {
            Some(mail) => mail,
            None => {
                let mail: &'static Mailbox = Box::leak(Box::default());
                slot.set(Some(mail));
                mail
            }
        })
    }

    /// Puts `v` in the (empty) value slot.
    #[inline]
    fn put(&self, v: Value) {
        let old = self.value.replace(v);
        // Always None between hand-overs: skip the call to drop it.
        if old.is_none() { std::mem::forget(old) } else { drop(old) }
    }

    /// The driver, before a resume.
    #[inline]
    pub(crate) fn post_resume(&self, r: Resume) -> In {
        match r {
            Resume::Send(v) => {
                self.put(v);
                In::Send
            }
            Resume::Throw(e) => {
                self.put(Value::Exception(e));
                In::Throw
            }
        }
    }

    /// The body, as its `yield` returns.
    #[inline]
    pub(crate) fn take_resume(&self, tag: In) -> Resume {
        match (tag, self.value.take()) {
            (In::Send, v) => Resume::Send(v),
            (In::Throw, Value::Exception(e)) => Resume::Throw(e),
            // `post_resume` never makes this; keep the value rather than lose it.
            (In::Throw, v) => Resume::Send(v),
        }
    }

    /// The body, before it pauses.
    #[inline(always)] // the body's every `yield`: it must not become a call
    pub(crate) fn post_suspend(&self, s: Suspend) -> Out {
        match s {
            Suspend::Yield(v) => {
                self.put(v);
                Out::Yield
            }
            Suspend::YieldFrom(it) => {
                self.iterable.set(Some(it));
                Out::YieldFrom
            }
        }
    }

    /// The driver, after the body paused with [`Out::Yield`]: the value yielded.
    #[inline]
    pub(crate) fn take_yielded(&self) -> Value {
        self.value.take()
    }

    /// The driver, after the body paused.
    #[inline]
    pub(crate) fn take_suspend(&self, tag: Out) -> Suspend {
        match tag {
            Out::Yield => Suspend::Yield(self.take_yielded()),
            Out::YieldFrom => match self.iterable.take() {
                Some(it) => Suspend::YieldFrom(it),
                None => Suspend::Yield(Value::None),
            },
        }
    }
}

/// How one resume of a frame ended.
pub(crate) enum Ran {
    /// The body paused; what it posted is in the mailbox.
    Paused(Out),
    /// The body finished: its return value, or the exception that left it.
    Finished(PyResult),
    /// There is no body any more (it finished, or a panic unwound through it).
    Gone,
}

/// The frame slot of a generator object, type-erased so that a `Generator` is one type
/// whatever its body.
///
/// It is implemented once, for `Option<Gen<Out, In, F>>` (`None` once the body is over).
/// Keeping the concrete genawaiter generator here, behind one `dyn`, saves a heap box and
/// an indirection on every resume compared with boxing the body as a `dyn Future`.
pub(crate) trait FrameSlot {
    /// Runs the body until it pauses or finishes; a finished body is dropped at once.
    fn resume(&mut self, tag: In) -> Ran;
    /// Drops the body now (`close()` of a generator that never started).
    fn discard(&mut self);
    /// Takes the body out, to be dropped later: how a very deep chain is dropped without
    /// recursion (see `GenCell`'s `Drop`).
    fn detach(&mut self) -> Option<Box<dyn Any>>;
}

impl<F: Future<Output = PyResult> + 'static> FrameSlot for Option<Gen<Out, In, F>> {
    #[inline]
    fn resume(&mut self, tag: In) -> Ran {
        let Some(frame) = self else { return Ran::Gone };
        match frame.resume_with(tag) {
            GeneratorState::Yielded(out) => Ran::Paused(out),
            GeneratorState::Complete(result) => {
                // The body's locals go now, while the generator still counts as running,
                // so their finalisers cannot re-enter it.
                *self = None;
                Ran::Finished(result)
            }
        }
    }

    fn discard(&mut self) {
        *self = None;
    }

    fn detach(&mut self) -> Option<Box<dyn Any>> {
        self.take().map(|frame| Box::new(frame) as Box<dyn Any>)
    }
}
