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

/// An owned, counted reference to a generator object: an `Rc<T>` in all but its
/// representation. Cloning counts a reference; dropping releases one.
///
/// `T` is the object (`GenCell`, in `object.rs`): the object holds generators, which
/// hold this, so this file names no object type and stands below it. Generic, so each
/// use compiles to the same pointer work as before, with nothing in between.
pub(crate) struct GenRef<T: ?Sized>(NonNull<T>);

impl<T: ?Sized> GenRef<T> {
    /// Takes over `cell`'s reference.
    pub(crate) fn new(cell: Rc<T>) -> GenRef<T> {
        // SAFETY: `Rc::into_raw` never returns null.
        GenRef(unsafe { NonNull::new_unchecked(Rc::into_raw(cell).cast_mut()) })
    }

    /// Gives the reference back as the `Rc` it is.
    pub(crate) fn into_rc(self) -> Rc<T> {
        let ptr = self.0;
        std::mem::forget(self);
        // SAFETY: the pointer came from `Rc::into_raw`, and this reference was counted.
        unsafe { Rc::from_raw(ptr.as_ptr()) }
    }

    /// A look at the `Rc` without taking it over.
    fn as_rc<R>(&self, look: impl FnOnce(&Rc<T>) -> R) -> R {
        // SAFETY: as in `into_rc`; `ManuallyDrop` leaves the count as it was.
        let rc = std::mem::ManuallyDrop::new(unsafe { Rc::from_raw(self.0.as_ptr()) });
        look(&rc)
    }

    /// How many references there are (`sys.getrefcount`, less its own).
    pub(crate) fn strong_count(&self) -> usize {
        self.as_rc(Rc::strong_count)
    }

    /// A weak reference (the driver's cached paths hold these).
    pub(crate) fn downgrade(&self) -> Weak<T> {
        self.as_rc(Rc::downgrade)
    }

    /// `a is b`.
    pub(crate) fn ptr_eq(&self, other: &GenRef<T>) -> bool {
        std::ptr::addr_eq(self.0.as_ptr(), other.0.as_ptr())
    }
}

impl<T: ?Sized> Deref for GenRef<T> {
    type Target = T;

    #[inline(always)] // every look at a generator's state: a pointer, no arithmetic
    fn deref(&self) -> &T {
        // SAFETY: a counted reference keeps the object alive.
        unsafe { self.0.as_ref() }
    }
}

impl<T: ?Sized> Clone for GenRef<T> {
    fn clone(&self) -> GenRef<T> {
        // SAFETY: the pointer came from `Rc::into_raw` and the object is alive.
        unsafe { Rc::increment_strong_count(self.0.as_ptr()) };
        GenRef(self.0)
    }
}

impl<T: ?Sized> Drop for GenRef<T> {
    fn drop(&mut self) {
        // SAFETY: this reference was counted, and is not used again.
        unsafe { Rc::decrement_strong_count(self.0.as_ptr()) }
    }
}
