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

use super::GenCell;

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
