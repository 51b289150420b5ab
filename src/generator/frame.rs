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
//! because no body ever sees that handle: the [`Co`](super::Co) a body gets is an empty
//! token, and a `yield` finds the running frame's handle in the [`Mailbox`], which points
//! at it only while that frame is being resumed.
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

use std::cell::{Cell, UnsafeCell};
use std::future::Future;
use std::marker::PhantomPinned;
use std::mem::{ManuallyDrop, MaybeUninit};
use std::pin::Pin;
use std::ptr;
use std::task::{Context, Poll};

use genawaiter::GeneratorState;
use genawaiter::stack::{Co as StackCo, Gen as StackGen, Shelf};

use super::iter::Iterable;
use super::slot::ValueSlot;
use crate::exception::{PyException, PyResult, RUNTIME_ERROR};
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
/// or `Thrown` before it resumes a body; the body posts `Yielded` or `Delegated` as it
/// pauses at a `yield` or a `yield from` (or `Outside` when no frame was running to
/// pause). The future a `yield` awaits then needs no state of its own: it is pending
/// while the body's own post is there, and done once the driver posted a resume.
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

/// genawaiter's handle for pausing one frame. Only frames and the mailbox hold one.
pub(crate) type RawCo = StackCo<'static, (), ()>;

/// The values on their way between a driver and a body, and the frame being resumed:
/// one per thread.
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
    /// The pause handle of the frame being resumed right now, if any (see [`Frame`]).
    running: Cell<*const RawCo>,
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
            running: Cell::new(ptr::null()),
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

    /// The driver, before a resume.
    #[inline]
    pub(crate) fn post_resume(&self, r: Resume) {
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

    /// The body, at `yield v`: posts `v` and pauses the frame being resumed.
    #[inline(always)] // the body's every `yield`: it must not become a call
    pub(crate) fn yield_value(&self, v: Value) {
        self.put_value(v);
        self.pause_running(Post::Yielded);
    }

    /// The body, at `yield from it`: posts `it` and pauses the frame being resumed.
    #[inline]
    pub(crate) fn yield_from(&self, it: Iterable) {
        let old = self.iterable.replace(ManuallyDrop::new(Some(it)));
        drop(ManuallyDrop::into_inner(old));
        self.pause_running(Post::Delegated);
    }

    /// The driver, after a body paused: did it yield a value (rather than start a
    /// `yield from`)?
    #[inline(always)]
    pub(crate) fn yielded(&self) -> bool {
        self.post.get() == Post::Yielded
    }

    /// The driver, after the body paused with a `yield`: the value yielded.
    #[inline]
    pub(crate) fn take_yielded(&self) -> Value {
        self.value.take()
    }

    /// The driver, after the body paused.
    #[inline]
    pub(crate) fn take_suspend(&self) -> Suspend {
        match self.post.get() {
            Post::Delegated => match ManuallyDrop::into_inner(self.iterable.take()) {
                Some(it) => Suspend::YieldFrom(it),
                None => Suspend::Yield(Value::None),
            },
            _ => Suspend::Yield(self.take_yielded()),
        }
    }

    /// The body, at a `yield`, once it posted what `post` says: pauses the frame being
    /// resumed, as genawaiter's own `yield_` does, before the `yield` is awaited. If no
    /// frame is being resumed (a `yield` made outside any generator body), what was
    /// posted is dropped, and awaiting the `yield` raises.
    #[inline(always)]
    fn pause_running(&self, post: Post) {
        let co = self.running.get();
        if co.is_null() {
            return Mailbox::yield_outside(post);
        }
        // SAFETY: `running` is set only by `Frame::resume`, to that frame's handle, for
        // exactly as long as the frame is being resumed, so the handle is alive. (Its
        // barrier holds nothing but a reference to the airlock: dropping it is fine; the
        // resume is read from the mailbox instead.)
        let _barrier = unsafe { (*co).yield_(()) };
        self.post.set(post);
    }

    /// A `yield` made outside any generator body: nothing to pause.
    #[cold]
    fn yield_outside(post: Post) {
        let mail = Mailbox::here();
        mail.post.set(post);
        drop(mail.take_suspend());
        mail.post.set(Post::Outside);
    }
}

/// How one resume of a frame ended. What came with it waits in the mailbox, so this is
/// a tag, small enough to come back in a register.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ran {
    /// The body paused; what it posted is in the mailbox, which says what it is.
    Paused,
    /// The body returned; the mailbox holds the return value.
    Returned,
    /// An exception left the body; the mailbox holds it.
    Raised,
    /// There is no body any more: it finished, or was dropped before it started.
    Gone,
}

/// The frame slot of a generator object, type-erased so that a `Generator` is one type
/// whatever its body. Implemented once, by [`Frame`].
pub(crate) trait FrameSlot {
    /// Runs the body until it pauses or finishes; a finished body is dropped at once.
    ///
    /// # Safety
    /// The caller must have marked the generator running (`driver::RunningGuard`), so
    /// that no other resume or discard of this frame is under way.
    unsafe fn resume(&self) -> Ran;
    /// Drops the body now (`close()` of a generator that never started).
    ///
    /// # Safety
    /// As for [`FrameSlot::resume`].
    unsafe fn discard(&self);
}

/// One body's frame, in place inside its generator object: genawaiter's generator (a
/// pointer into `shelf`), the pause handle it gave the body, and the shelf holding the
/// body's future and genawaiter's airlock.
///
/// The frame points into itself, so it must never move once started: it is made inside
/// the generator's `Rc` and started there (see [`Frame::start`]), and `PhantomPinned`
/// tells the compiler that a `&mut` to it does not mean it is the only way in.
pub(crate) struct Frame<F: Future + 'static> {
    /// `None` before the start and once the body is over.
    generator: UnsafeCell<Option<StackGen<'static, (), (), Pinned<F>>>>,
    /// Handed to no body: yields find it through [`Mailbox::pause_running`]. Set by
    /// [`Frame::start`] (genawaiter hands it over at once), before the generator slot is
    /// filled; a `MaybeUninit` rather than an `Option`, so a resume need not test it.
    co: UnsafeCell<MaybeUninit<RawCo>>,
    shelf: UnsafeCell<Shelf<(), (), Pinned<F>>>,
    _pinned: PhantomPinned,
}

impl<F: Future<Output = PyResult> + 'static> Frame<F> {
    /// A frame with nothing in it yet.
    pub(crate) fn new() -> Self {
        Frame {
            generator: UnsafeCell::new(None),
            co: UnsafeCell::new(MaybeUninit::uninit()),
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
        // `None` when the body ends). The `Co` never outlives the `Gen` in use: it is only
        // used while the frame is being resumed.
        unsafe {
            let shelf: &'static mut Shelf<(), (), Pinned<F>> = &mut *self.shelf.get();
            let co = self.co.get();
            let generator = StackGen::new(shelf, |raw| {
                (*co).write(raw);
                Pinned { future: body(), _pinned: PhantomPinned }
            });
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
        // Written when the frame started (the slot is filled only then), never changed
        // after; only its address is taken here.
        let co: *const RawCo = self.co.get().cast();
        let resumed = Resumed::enter(mail, co);
        let state = generator.resume_with(());
        drop(resumed);
        match state {
            GeneratorState::Yielded(()) => Ran::Paused,
            GeneratorState::Complete(result) => {
                // The body's locals go now, while the generator still counts as running,
                // so their finalisers cannot re-enter it. Their finalisers may use the
                // mailbox, so the result is posted only after them.
                *slot = None;
                mail.post_result(result)
            }
        }
    }

    unsafe fn discard(&self) {
        // SAFETY: as in `resume`.
        unsafe { *self.generator.get() = None };
    }
}

/// Marks a frame as the one being resumed, for as long as it runs, and puts back the
/// frame that was before it (a body may resume another generator), even on a panic.
struct Resumed<'m> {
    mail: &'m Mailbox,
    outer: *const RawCo,
}

impl<'m> Resumed<'m> {
    #[inline]
    fn enter(mail: &'m Mailbox, co: *const RawCo) -> Self {
        Resumed { mail, outer: mail.running.replace(co) }
    }
}

impl Drop for Resumed<'_> {
    #[inline]
    fn drop(&mut self) {
        self.mail.running.set(self.outer);
    }
}

/// A body's future, made `!Unpin` whatever it is: genawaiter's shelf points into itself,
/// which is only sound for a value that Rust treats as pinned.
pub(crate) struct Pinned<F> {
    future: F,
    _pinned: PhantomPinned,
}

impl<F: Future> Future for Pinned<F> {
    type Output = F::Output;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // SAFETY: a plain pin projection: `future` is never moved out of a pinned `Pinned`.
        unsafe { self.map_unchecked_mut(|p| &mut p.future) }.poll(cx)
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
        assert_eq!(std::sync::Arc::strong_count(&arc), 2);
        mail.put_value(Value::Int(1));
        assert_eq!(std::sync::Arc::strong_count(&arc), 1);
        assert_eq!(mail.take_yielded().repr(), "1");
        assert!(mail.value.is_empty());
    }
}
