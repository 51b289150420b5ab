//! The seam between a generator object and its body: [`FrameSlot`], what the object
//! holds its frame as, and [`Ran`], how one resume ended.
//!
//! The object (`object.rs`) names only this trait, never the frame type (`frame.rs`),
//! which carries the mailbox that values, and `yield from`'s iterables, cross: so the
//! trait stands below the object, and the frame above it.

/// How one resume of a frame ended. What came with it waits in the mailbox, so this is
/// a tag, small enough to come back in a register.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ran {
    /// The body paused at a `yield`; the mailbox holds the value yielded.
    Yielded,
    /// The body paused at a `yield from`; the mailbox holds what it delegates to.
    Delegated,
    /// The body returned; the mailbox holds the return value.
    Returned,
    /// An exception left the body; the mailbox holds it.
    Raised,
    /// There is no body any more: it finished, or was dropped before it started.
    Gone,
}

/// The frame slot of a generator object, type-erased so that a `Generator` is one type
/// whatever its body. Implemented once, by `Frame` (`frame.rs`).
pub(crate) trait FrameSlot {
    /// Runs the body until it pauses or finishes; a finished body is dropped at once.
    ///
    /// # Safety
    /// The caller must have marked the generator running (`RunningGuard`, in `running.rs`), so
    /// that no other resume or discard of this frame is under way.
    unsafe fn resume(&self) -> Ran;
    /// Drops the body now (`close()` of a generator that never started).
    ///
    /// # Safety
    /// As for [`FrameSlot::resume`].
    unsafe fn discard(&self);
    /// The line the frame stands at, for a frame that keeps one (an interpreter's).
    fn line(&self) -> Option<u32> {
        None
    }
    /// The body's local variables by name (`gi_frame.f_locals`), for a frame whose body
    /// keeps them (an interpreter's), while it has a body.
    ///
    /// # Safety
    /// As for [`FrameSlot::resume`].
    unsafe fn locals(&self) -> Option<Vec<(std::rc::Rc<str>, crate::value::Value)>> {
        None
    }
}
