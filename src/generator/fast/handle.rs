//! A counted reference to a generator object, the way CPython holds one: a plain pointer
//! to the object, with the count beside the object (`Py_INCREF` / `Py_DECREF`).
//!
//! It is an `Rc<GenCell>` underneath, kept as the pointer that `Rc::into_raw` gives: a
//! pointer to the object itself rather than to the `Rc`'s own box. Reaching the object
//! through an `Rc` of a `dyn` type means working out, on every use, where the object sits
//! in that box (its offset depends on the alignment the vtable gives): several
//! instructions on every `send`, a path of about forty. From this pointer the object's
//! fields are at fixed offsets.

use std::ops::Deref;
use std::ptr::NonNull;
use std::rc::{Rc, Weak};

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::mem::ManuallyDrop;

use super::frame::Frame;
use crate::exception::PyResult;
use crate::generator::{GenCell, Generator, Kind};
use crate::trace::{self, Event, GenState};

/// An owned, counted reference to a generator object: an `Rc<GenCell>` in all but its
/// representation. Cloning counts a reference; dropping releases one.
pub(crate) struct GenRef(NonNull<GenCell>);

impl GenRef {
    /// Takes over `cell`'s reference.
    pub(crate) fn new(cell: Rc<GenCell>) -> GenRef {
        // SAFETY: `Rc::into_raw` never returns null.
        GenRef(unsafe { NonNull::new_unchecked(Rc::into_raw(cell).cast_mut()) })
    }

    /// Gives the reference back as the `Rc` it is.
    pub(crate) fn into_rc(self) -> Rc<GenCell> {
        let ptr = self.0;
        std::mem::forget(self);
        // SAFETY: the pointer came from `Rc::into_raw`, and this reference was counted.
        unsafe { Rc::from_raw(ptr.as_ptr()) }
    }

    /// A look at the `Rc` without taking it over.
    fn as_rc<T>(&self, look: impl FnOnce(&Rc<GenCell>) -> T) -> T {
        // SAFETY: as in `into_rc`; `ManuallyDrop` leaves the count as it was.
        let rc = std::mem::ManuallyDrop::new(unsafe { Rc::from_raw(self.0.as_ptr()) });
        look(&rc)
    }

    /// How many references there are (`sys.getrefcount`, less its own).
    pub(crate) fn strong_count(&self) -> usize {
        self.as_rc(Rc::strong_count)
    }

    /// A weak reference (the driver's cached paths hold these).
    pub(crate) fn downgrade(&self) -> Weak<GenCell> {
        self.as_rc(Rc::downgrade)
    }

    /// `a is b`.
    pub(crate) fn ptr_eq(&self, other: &GenRef) -> bool {
        std::ptr::addr_eq(self.0.as_ptr(), other.0.as_ptr())
    }

    /// The object's address: its identity while it lives.
    pub(crate) fn addr(&self) -> usize {
        self.0.as_ptr() as *const () as usize
    }
}

impl Deref for GenRef {
    type Target = GenCell;

    #[inline(always)] // every look at a generator's state: a pointer, no arithmetic
    fn deref(&self) -> &GenCell {
        // SAFETY: a counted reference keeps the object alive.
        unsafe { self.0.as_ref() }
    }
}

impl Clone for GenRef {
    fn clone(&self) -> GenRef {
        // SAFETY: the pointer came from `Rc::into_raw` and the object is alive.
        unsafe { Rc::increment_strong_count(self.0.as_ptr()) };
        GenRef(self.0)
    }
}

impl Drop for GenRef {
    fn drop(&mut self) {
        // SAFETY: this reference was counted, and is not used again.
        unsafe { Rc::decrement_strong_count(self.0.as_ptr()) }
    }
}

// ---- the generator object's birth and death: the two places its memory is handled ----

impl Generator {
    #[inline]
    pub(crate) fn from_rc(cell: Rc<GenCell>) -> Generator {
        Generator(ManuallyDrop::new(GenRef::new(cell)))
    }

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

impl Drop for Generator {
    // Inlined: the driver drops several clones per step, and all but the last reference
    // need only the count check; what the last one does is out of line.
    #[inline]
    fn drop(&mut self) {
        if self.0.strong_count() == 1 {
            self.last_reference_dropped();
        } else {
            // SAFETY: `self.0` is not used again.
            unsafe { ManuallyDrop::drop(&mut self.0) }
        }
    }
}

thread_local! {
    static DROPPING: Cell<bool> = const { Cell::new(false) };
    static DEFERRED: RefCell<Vec<Rc<GenCell>>> = const { RefCell::new(Vec::new()) };
}

/// Ends the outermost free, even when a destructor in a body panics: otherwise every
/// later free would wait in the queue for good.
struct DoneDropping;

impl Drop for DoneDropping {
    fn drop(&mut self) {
        let _ = DROPPING.try_with(|d| d.set(false));
    }
}

impl Generator {
    /// The last reference is going: finalise, as CPython does, then free the object.
    #[cold]
    fn last_reference_dropped(&mut self) {
        if !self.0.running.get() {
            match (self.0.status.get(), self.0.kind) {
                // The last reference to a paused generator: close it, as CPython does.
                (GenState::Suspended, _) => self.finalize(),
                // A coroutine made and thrown away: almost always a forgotten `await`.
                (GenState::Created, Kind::Coroutine) => {
                    let message = format!("RuntimeWarning: coroutine '{}' was never awaited", self.name());
                    trace::emit(|| Event::NeverAwaited { name: self.name().to_string() });
                    crate::console::warn(&message);
                }
                _ => {}
            }
        }
        // SAFETY: `self.0` is not used again.
        let cell = unsafe { ManuallyDrop::take(&mut self.0) }.into_rc();
        // A frame can own generators that own frames, 10,000 deep. Freeing that
        // recursively would overflow the stack, so a generator freed while another is
        // being freed waits in a queue, and the outermost free empties it in a loop.
        match DROPPING.try_with(|d| d.replace(true)) {
            Ok(true) => {
                let _ = DEFERRED.try_with(|q| q.borrow_mut().push(cell));
            }
            Ok(false) => {
                let _done = DoneDropping;
                drop(cell);
                while let Some(next) = DEFERRED.with(|q| q.borrow_mut().pop()) {
                    drop(next);
                }
            }
            // The thread is exiting; nothing is deep enough to matter now.
            Err(_) => drop(cell),
        }
    }
}
