//! The running mark: CPython's `gi_running`, and the one key to a frame.
//!
//! A frame's body may be resumed or dropped only by whoever marked its generator
//! running, so no two resumes of one frame can overlap. That is the invariant every
//! `unsafe` block of the frame (`frame.rs`) leans on; this guard is where it is kept.

use std::rc::Rc;

use super::object::{GenCell, Generator};
use super::seam::Ran;
use crate::trace::GenState;
use crate::value::Value;

/// Marks a frame RUNNING for as long as it executes, and clears the mark even if the body
/// panics (the frame is then lost and the generator counts as closed).
///
/// It is also the only way to the frame: whoever marked a generator running, and only
/// they, may resume or discard its body.
pub(crate) struct RunningGuard<'a>(&'a GenCell);

impl<'a> RunningGuard<'a> {
    #[inline]
    pub(crate) fn set(cell: &'a GenCell) -> Self {
        // The driver refuses to resume a running generator before it gets here ("generator
        // already executing"); this keeps the frame's access below exclusive regardless.
        assert!(!cell.running.replace(true), "a running generator's frame was entered again");
        RunningGuard(cell)
    }

    /// Resumes the frame of the generator this guard marked running, and clears the
    /// mark.
    #[inline]
    pub(crate) fn resume(self) -> Ran {
        // SAFETY: `set` makes the guards of one generator exclusive, and the frame is
        // reached only through a guard.
        let ran = unsafe { self.0.frame.resume() };
        // A panic in the body unwinds through `drop`, which closes the generator. Past
        // the resume no panic is under way, so the mark is cleared without asking.
        self.0.running.set(false);
        std::mem::forget(self);
        ran
    }

    /// The body's local variables (its generator cannot run meanwhile).
    fn locals(&self) -> Option<Vec<(Rc<str>, Value)>> {
        // SAFETY: as in `resume`.
        unsafe { self.0.frame.locals() }
    }

    /// Drops the body of the generator this guard marked running.
    pub(crate) fn discard(&mut self) {
        // SAFETY: as in `resume`.
        unsafe { self.0.frame.discard() }
    }
}

impl Drop for RunningGuard<'_> {
    #[inline] // two stores and a flag test, on every resume: not worth a call
    fn drop(&mut self) {
        self.0.running.set(false);
        if std::thread::panicking() {
            self.0.status.set(GenState::Closed);
        }
    }
}

impl Generator {
    /// `gi_frame.f_locals` of a paused generator whose body keeps its locals
    /// ([`Body::locals`](crate::generator::Body::locals): an interpreter's frame), by
    /// name. `None` while it runs, once its body is gone, or for an `async` body. The
    /// generator counts as running while they are read, as the key to its frame demands.
    pub fn locals(&self) -> Option<Vec<(Rc<str>, Value)>> {
        if self.0.running.get() {
            return None;
        }
        RunningGuard::set(&self.0).locals()
    }
}
