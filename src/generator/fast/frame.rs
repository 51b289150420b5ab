//! A generator's frame: the paused body, and the mailbox values travel through.
//!
//! In CPython a generator object owns a frame: the function's locals and where it
//! stopped. In corosim the frame is a [`genawaiter`] generator running the body's `async`
//! block. Resuming it is one poll; each `yield` inside is one `Poll::Pending`.
//!
//! The frame lives inside the generator object, as a frame lives inside CPython's
//! generator: genawaiter's `stack` engine keeps a body and its airlock in place, where its
//! `rc` engine would make two more heap blocks per generator (a third of a paused task's
//! memory). That engine's one rule — its `Co` handle must not outlive the frame — holds
//! because no body ever sees that handle: the [`Co`](crate::generator::Co) a body gets is an empty
//! token. A `yield` only posts to the [`Mailbox`] and is pending; the frame's own wrapper
//! around the body ([`Pinned`]), which keeps genawaiter's handle, tells genawaiter that
//! the body yielded.
//!
//! genawaiter could carry the values too (`Gen<Y, R>` hands a `Y` out and an `R` in),
//! but it shuffles them through its own slot several times per resume, which costs more
//! than everything else in a `send`. So genawaiter carries nothing (its yield and resume
//! types are `()`), and the values wait in the [`Mailbox`], with a tag ([`Post`]) that
//! says what they are: the driver posts the sent value and resumes; the body takes it at
//! once, runs, posts what it yields (or the frame posts what it returned or raised), and
//! pauses; the driver takes that at once. Nothing else runs between a post and its take
//! — even when a body resumes another generator, that inner hand-over is over before the
//! outer one goes on — so all the generators of a thread share one mailbox, and a paused
//! generator costs no memory for it. A resume itself then returns only a tag ([`Ran`]),
//! in a register.
//!
//! A `yield` must be made inside a body that is being resumed: the mailbox counts the
//! frames being resumed (a body may resume another generator), and a `yield` made where
//! none is, with a [`Co`](crate::generator::Co) that escaped its body, is an error.

use std::cell::{Cell, UnsafeCell};
use std::future::Future;
use std::marker::PhantomPinned;
use std::mem::ManuallyDrop;
use std::pin::Pin;
use std::ptr;
use std::rc::Rc;
use std::task::{Context, Poll};

use genawaiter::GeneratorState;
use genawaiter::stack::{Co as StackCo, Gen as StackGen, Shelf};

use super::object::{GenCell, Generator};
use super::seam::{FrameSlot, Ran};
use super::slot::ValueSlot;
use crate::exception::{PyException, PyResult, RUNTIME_ERROR};
use crate::generator::body::{Body, BodyStep, Context as BodyContext};
use crate::generator::iter::Iterable;
use crate::value::Value;

/// What a body hands its driver when it pauses.
pub(crate) enum Suspend {
    /// `yield value`.
    Yield(Value),
    /// `yield from iterable`: the driver takes over until the delegation ends.
    YieldFrom(Iterable),
}

/// What the driver hands a paused body: the result of its `yield` expression.
pub enum Resume {
    /// `send(value)` (or the value of a finished `yield from`).
    Send(Value),
    /// `throw(exc)` (or an exception raised at a `yield from`).
    Throw(PyException),
}

/// What the mailbox holds now, and so where a hand-over stands. The driver posts `Sent`
/// or `Thrown` before it resumes a body; the body posts `Yielded` or `Delegated` at a
/// `yield` or a `yield from` (or `Outside` when no frame was being resumed). The future
/// a `yield` awaits then needs no state of its own: it is pending while the body's own
/// post is there, and done once the driver posted a resume.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Post {
    /// The value slot holds the value sent.
    Sent,
    /// The value slot holds the value yielded.
    Yielded,
    /// The iterable slot holds what a `yield from` delegates to.
    Delegated,
    /// The value slot holds the exception thrown in.
    Thrown,
    /// A `yield` was made where no frame runs; nothing was kept.
    Outside,
}

/// genawaiter's handle for pausing one frame. Only the frame's [`Pinned`] holds it.
type RawCo = StackCo<'static, (), ()>;

/// The values on their way between a driver and a body, and how many frames are being
/// resumed: one per thread.
///
/// A value slot and a tag beside it rather than one slot holding an enum: a bare `Value`
/// moves word by word (see [`ValueSlot`]), where a `Value` inside another enum would be
/// copied whole, and wrapped and unwrapped on the hottest path there is.
pub(crate) struct Mailbox {
    /// The value sent or yielded, returned or raised; an exception travels as
    /// `Value::Exception`.
    value: ValueSlot,
    /// What the slots hold, and who posted it.
    post: Cell<Post>,
    /// The iterable of a `yield from`. (Never dropped with the mailbox: see
    /// [`ValueSlot`].)
    iterable: Cell<ManuallyDrop<Option<Iterable>>>,
    /// How many frames are being resumed right now: one, or more while a body resumes
    /// another generator. A `yield` made when none is has no body to pause.
    resuming: Cell<u32>,
    /// How many generators delegate to the frame being resumed (a [`Body`] is told).
    delegators: Cell<usize>,
}

thread_local! {
    // No destructor (the mailbox's slots never drop what they hold), so this costs no
    // check per use, and generators finalised while the thread's other locals are
    // being torn down can still reach it.
    static MAILBOX: Mailbox = const { Mailbox::new() };
}

impl Mailbox {
    const fn new() -> Mailbox {
        Mailbox {
            value: ValueSlot::new(),
            post: Cell::new(Post::Sent),
            iterable: Cell::new(ManuallyDrop::new(None)),
            resuming: Cell::new(0),
            delegators: Cell::new(0),
        }
    }

    /// This thread's mailbox, which every generator made here uses.
    ///
    /// One per thread, rather than a pointer to it in every generator object and every
    /// body.
    #[inline(always)] // at every resume and every `yield`: an address, no call
    pub(crate) fn here() -> &'static Mailbox {
        let mail = MAILBOX.with(ptr::from_ref);
        // SAFETY: a thread-local without a destructor lives as long as its thread, and a
        // `&Mailbox` cannot leave the thread (a `Mailbox` is not `Sync`).
        unsafe { &*mail }
    }

    /// Puts `v` in the value slot, which is empty on every hot path: every put is
    /// taken before the next.
    #[inline(always)]
    fn put_value(&self, v: Value) {
        if self.value.is_empty() {
            // SAFETY: just checked.
            unsafe { self.value.put_empty(v) }
        } else {
            Mailbox::replace_value(v)
        }
    }

    /// [`Mailbox::put_value`] when a value was left: out of line, so that no call sits on
    /// the hot paths (the values there then need no registers kept across one).
    #[cold]
    #[inline(never)]
    fn replace_value(v: Value) {
        let mail = Mailbox::here();
        drop(mail.value.take());
        // SAFETY: the slot was just emptied.
        unsafe { mail.value.put_empty(v) }
    }

    /// The driver, before it resumes a body with `send(v)`.
    #[inline(always)]
    pub(crate) fn post_send(&self, v: Value) {
        self.put_value(v);
        self.post.set(Post::Sent);
    }

    /// Posts a value, or an exception: both travel in the value slot, and a tag beside
    /// it ([`Post`] on the way in, [`Ran`] on the way out) says which. True for an
    /// exception.
    #[inline(always)]
    fn put_outcome(&self, outcome: PyResult) -> bool {
        match outcome {
            Ok(v) => {
                self.put_value(v);
                false
            }
            Err(e) => {
                self.put_value(Value::Exception(e));
                true
            }
        }
    }

    /// Takes what [`Mailbox::put_outcome`] posted; `raised` is what it returned.
    #[inline(always)]
    fn take_outcome(&self, raised: bool) -> PyResult {
        match (raised, self.value.take()) {
            (true, Value::Exception(e)) => Err(e),
            // A value sent (even an exception instance sent as a value) or returned.
            (_, v) => Ok(v),
        }
    }

    /// The driver, before a resume of a frame `delegators` generators delegate to.
    #[inline]
    pub(crate) fn post_resume(&self, r: Resume, delegators: usize) {
        self.delegators.set(delegators);
        let thrown = self.put_outcome(match r {
            Resume::Send(v) => Ok(v),
            Resume::Throw(e) => Err(e),
        });
        self.post.set(if thrown { Post::Thrown } else { Post::Sent });
    }

    /// The body, as it awaits its `yield`: pending while the body's own post is there,
    /// then the value sent, or the exception thrown in.
    #[inline(always)] // the body's every `yield`: it must not become a call
    pub(crate) fn take_resume(&self) -> Poll<PyResult> {
        // The two commonest first, each one test.
        match self.post.get() {
            Post::Sent => Poll::Ready(Ok(self.value.take())),
            Post::Yielded | Post::Delegated => Poll::Pending,
            post => Poll::Ready(Mailbox::take_thrown(post)),
        }
    }

    /// The body, as its `yield` raises: the exception thrown in, or a `yield` made
    /// outside any body. (The cold paths find the mailbox themselves, so that the hot
    /// ones around them keep no register for its address.)
    #[cold]
    fn take_thrown(post: Post) -> PyResult {
        if post == Post::Thrown {
            Mailbox::here().take_outcome(true)
        } else {
            Err(PyException::new(RUNTIME_ERROR, "yield outside a running generator"))
        }
    }

    /// The frame, as its body finishes.
    #[inline]
    fn post_result(&self, result: PyResult) -> Ran {
        if self.put_outcome(result) { Ran::Raised } else { Ran::Returned }
    }

    /// The driver, after [`Ran::Returned`] or [`Ran::Raised`]: what the body returned or
    /// raised.
    pub(crate) fn take_result(&self, ran: Ran) -> PyResult {
        self.take_outcome(ran == Ran::Raised)
    }

    /// The body, at `yield v`: posts `v`; awaiting the `yield` then pauses the body.
    #[inline(always)] // the body's every `yield`: it must not become a call
    pub(crate) fn yield_value(&self, v: Value) {
        self.put_value(v);
        self.mark_post(Post::Yielded);
    }

    /// The body, at `yield from it`: posts `it`; awaiting it then pauses the body.
    #[inline]
    pub(crate) fn yield_from(&self, it: Iterable) {
        let old = self.iterable.replace(ManuallyDrop::new(Some(it)));
        drop(ManuallyDrop::into_inner(old));
        self.mark_post(Post::Delegated);
    }

    /// The driver, after [`Ran::Yielded`]: the value yielded.
    #[inline]
    pub(crate) fn take_yielded(&self) -> Value {
        self.value.take()
    }

    /// The driver, after [`Ran::Yielded`] or [`Ran::Delegated`].
    #[inline]
    pub(crate) fn take_suspend(&self, ran: Ran) -> Suspend {
        match (ran, ManuallyDrop::into_inner(self.iterable.take())) {
            (Ran::Delegated, Some(it)) => Suspend::YieldFrom(it),
            _ => Suspend::Yield(self.take_yielded()),
        }
    }

    /// The body, at a `yield`, once it posted what `post` says. If no frame is being
    /// resumed (a `yield` made outside any generator body), what was posted is dropped,
    /// and awaiting the `yield` raises.
    #[inline(always)]
    fn mark_post(&self, post: Post) {
        if self.resuming.get() == 0 {
            return Mailbox::yield_outside();
        }
        self.post.set(post);
    }

    /// A `yield` made outside any generator body: nothing to pause.
    #[cold]
    fn yield_outside() {
        let mail = Mailbox::here();
        drop(mail.value.take());
        drop(ManuallyDrop::into_inner(mail.iterable.take()));
        mail.post.set(Post::Outside);
    }

    /// The frame, when genawaiter says its body paused: at a `yield` or a `yield from`,
    /// or (a misuse) awaiting a future that is not one. The driver posted before the
    /// resume, so a post of the body's own means a `yield`. (Unless the body resumed
    /// another generator and then awaited something else: the other body's post is
    /// then taken for its own, a `yield` of None.)
    #[inline(always)]
    fn paused(&self) -> Option<Ran> {
        match self.post.get() {
            Post::Yielded => Some(Ran::Yielded),
            Post::Delegated => Some(Ran::Delegated),
            _ => None,
        }
    }
}

/// One body's frame, in place inside its generator object: genawaiter's generator (a
/// pointer into `shelf`), and the shelf holding the body's future (with genawaiter's
/// pause handle, in its [`Pinned`]) and genawaiter's airlock.
///
/// The frame points into itself, so it must never move once started: it is made inside
/// the generator's `Rc` and started there (see [`Frame::start`]), and `PhantomPinned`
/// tells the compiler that a `&mut` to it does not mean it is the only way in.
pub(crate) struct Frame<F: Future + 'static> {
    /// `None` before the start and once the body is over.
    generator: UnsafeCell<Option<StackGen<'static, (), (), Pinned<F>>>>,
    shelf: UnsafeCell<Shelf<(), (), Pinned<F>>>,
    _pinned: PhantomPinned,
}

impl<F: Future<Output = PyResult> + 'static> Frame<F> {
    /// A frame with nothing in it yet.
    pub(crate) fn new() -> Self {
        Frame {
            generator: UnsafeCell::new(None),
            shelf: UnsafeCell::new(Shelf::new()),
            _pinned: PhantomPinned,
        }
    }

    /// Builds the body in place: calling the generator function.
    ///
    /// # Safety
    /// The frame must be at its final address (inside the generator object's `Rc`), never
    /// to move again, and must not have been started before.
    pub(crate) unsafe fn start(&self, body: impl FnOnce() -> F) {
        // SAFETY: the shelf is at its final place and lives as long as the frame, and the
        // `Gen` pointing into it is dropped first (it is dropped with the frame, or set to
        // `None` when the body ends). The `Co` lives inside the shelf, with the body, and
        // only `Pinned::poll` uses it, while genawaiter polls the body.
        unsafe {
            let shelf: &'static mut Shelf<(), (), Pinned<F>> = &mut *self.shelf.get();
            let generator = StackGen::new(shelf, |co| Pinned { future: body(), co, _pinned: PhantomPinned });
            *self.generator.get() = Some(generator);
        }
    }
}

impl<F: Future<Output = PyResult> + 'static> FrameSlot for Frame<F> {
    #[inline]
    unsafe fn resume(&self) -> Ran {
        // The thread's mailbox, found here rather than passed in: one register fewer to
        // keep across the body's run.
        let mail = Mailbox::here();
        // SAFETY: the caller's guard makes this the only access to the generator slot.
        let slot = unsafe { &mut *self.generator.get() };
        let Some(generator) = slot else { return Ran::Gone };
        let resuming = Resuming::enter(mail);
        let state = generator.resume_with(());
        drop(resuming);
        let result = match state {
            GeneratorState::Yielded(()) => match mail.paused() {
                Some(ran) => return ran,
                None => Err(PyException::new(RUNTIME_ERROR, AWAITED_NOT_A_YIELD)),
            },
            GeneratorState::Complete(result) => result,
        };
        // The body's locals go now, while the generator still counts as running, so their
        // finalisers cannot re-enter it. Their finalisers may use the mailbox, so the
        // result is posted only after them.
        *slot = None;
        mail.post_result(result)
    }

    unsafe fn discard(&self) {
        // SAFETY: as in `resume`.
        unsafe { *self.generator.get() = None };
    }
}

/// What a body that awaited a future other than a `yield` raises (Rust lets a body
/// await anything; a generator can only pause at a `yield`).
const AWAITED_NOT_A_YIELD: &str = "a generator body awaited a future that is not a yield";

/// Counts a frame as being resumed, for as long as it runs, even on a panic.
struct Resuming<'m>(&'m Mailbox);

impl<'m> Resuming<'m> {
    #[inline(always)]
    fn enter(mail: &'m Mailbox) -> Self {
        mail.resuming.set(mail.resuming.get() + 1);
        Resuming(mail)
    }
}

impl Drop for Resuming<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.0.resuming.set(self.0.resuming.get() - 1);
    }
}

/// A body's future as genawaiter runs it: the body, and genawaiter's handle for pausing
/// it. `!Unpin` whatever the body is: genawaiter's shelf points into itself, which is
/// only sound for a value that Rust treats as pinned.
pub(crate) struct Pinned<F> {
    future: F,
    co: RawCo,
    _pinned: PhantomPinned,
}

impl<F: Future> Future for Pinned<F> {
    type Output = F::Output;

    #[inline(always)] // every resume: genawaiter's poll of the body, nothing more
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // SAFETY: a plain pin projection: `future` is never moved out of a pinned `Pinned`;
        // `co` is not pinned (it is a reference to the airlock).
        let this = unsafe { self.get_unchecked_mut() };
        let poll = unsafe { Pin::new_unchecked(&mut this.future) }.poll(cx);
        if poll.is_pending() {
            // A body is pending only at a `yield` (the frame checks the mailbox to be sure),
            // and genawaiter learns of a yield only through its handle. (The future this
            // returns holds nothing but a reference to the airlock: dropping it is fine; the
            // resume is read from the mailbox instead.)
            drop(this.co.yield_(()));
        }
        poll
    }
}

/// The frame of a [`Body`] that runs by itself (an interpreter's frame): the body,
/// whether it has started, and the line it stands at. No `async` block and no
/// genawaiter: a resume is a call of [`Body::resume`], and what it hands out is posted
/// to the [`Mailbox`] as an `async` body's `yield` posts it, so the driver cannot tell
/// the two kinds apart.
pub(crate) struct BodyFrame<B> {
    /// `None` once the body is over.
    body: UnsafeCell<Option<B>>,
    /// The first resume has nothing to give a `yield`: the body has not reached one yet.
    started: Cell<bool>,
    /// `gi_frame.f_lineno`: the body writes it as it runs; its `def` line before it
    /// starts and once it is over. Outside the body's cell, so it can be read while the
    /// body runs (a task printing its own repr).
    line: Cell<u32>,
}

impl<B: Body> BodyFrame<B> {
    /// The frame of a body that has not started.
    pub(crate) fn new(body: B) -> Self {
        let line = Cell::new(body.first_line());
        BodyFrame { body: UnsafeCell::new(Some(body)), started: Cell::new(false), line }
    }
}

impl<B: Body> FrameSlot for BodyFrame<B> {
    #[inline]
    unsafe fn resume(&self) -> Ran {
        let mail = Mailbox::here();
        // SAFETY: the caller's guard makes this the only access to the body slot.
        let slot = unsafe { &mut *self.body.get() };
        let Some(body) = slot else { return Ran::Gone };
        // What the driver posted before the resume: the value sent or the exception
        // thrown in. (The first resume is always a send of None: the driver checks.)
        let with = match mail.take_resume() {
            Poll::Ready(with) => with,
            Poll::Pending => Err(PyException::new(RUNTIME_ERROR, "a body resumed with nothing posted")),
        };
        let with = if self.started.replace(true) { Some(with) } else { None };
        let cx = BodyContext { delegators: mail.delegators.get(), line: &self.line };
        match body.resume(with, &cx) {
            BodyStep::Yield(v) => {
                mail.put_value(v);
                mail.post.set(Post::Yielded);
                Ran::Yielded
            }
            BodyStep::YieldFrom(it) => {
                let old = mail.iterable.replace(ManuallyDrop::new(Some(it)));
                drop(ManuallyDrop::into_inner(old));
                mail.post.set(Post::Delegated);
                Ran::Delegated
            }
            BodyStep::Finish(result) => {
                self.line.set(body.first_line());
                // As for an `async` body: its locals go while the generator still counts
                // as running, and the result is posted after their finalisers.
                *slot = None;
                mail.post_result(result)
            }
        }
    }

    fn line(&self) -> Option<u32> {
        Some(self.line.get())
    }

    unsafe fn locals(&self) -> Option<Vec<(Rc<str>, Value)>> {
        // SAFETY: the caller's guard makes this the only access to the body slot.
        unsafe { (*self.body.get()).as_ref().map(Body::locals) }
    }

    unsafe fn discard(&self) {
        // SAFETY: as in `resume`.
        unsafe { *self.body.get() = None };
    }
}

// ---- the generator object's birth: here, beside the frame it starts ----

impl Generator {
    /// Puts a new generator object on the heap and builds its body in place (calling the
    /// generator function): the frame must not move once started, so it starts only
    /// here, inside its `Rc`.
    #[inline]
    pub(crate) fn allocate<F: Future<Output = PyResult> + 'static>(
        cell: GenCell<Frame<F>>,
        body: impl FnOnce() -> F,
    ) -> Generator {
        let cell = Rc::new(cell);
        // SAFETY: the frame is in its `Rc` for good now, and starts once, here.
        unsafe { cell.frame.start(body) };
        Generator::from_rc(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_left_in_the_mailbox_is_dropped_not_leaked() {
        let shared = Value::str("kept");
        let Value::Str(arc) = &shared else { unreachable!() };
        let arc = arc.clone();
        let mail = Mailbox::here();
        mail.put_value(shared);
        assert_eq!(std::rc::Rc::strong_count(&arc), 2);
        mail.put_value(Value::Int(1));
        assert_eq!(std::rc::Rc::strong_count(&arc), 1);
        assert_eq!(mail.take_yielded().repr(), "1");
        assert!(mail.value.is_empty());
    }
}
