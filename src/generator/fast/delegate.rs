//! `gi_yieldfrom`: what a generator paused in `yield from` (or `await`) delegates to.
//!
//! In CPython a generator suspended in `yield from sub` keeps `sub` in its frame, and
//! `gen.gi_yieldfrom` shows it; sends, throws and closes go there first (PEP 380). Here
//! that link is one slot in the generator object: empty, a subgenerator, or a plain
//! iterator (a Future's `__await__`, a list). The driver follows these links to find the
//! frame a step really runs.

use std::cell::Cell;

use crate::generator::{Generator, PyIterator};

/// What a generator is delegating to (`gi_yieldfrom`).
pub(crate) enum Delegate {
    Gen(Generator),
    Iter(Box<dyn PyIterator>),
}

/// What a generator delegates to, if anything: the slot behind `gi_yieldfrom`.
///
/// A `Cell` rather than a `RefCell`, whose borrow flag would cost a word in every
/// generator object: a delegate only ever moves in and out whole, and the two quick
/// looks below never run code that could change it meanwhile.
#[derive(Default)]
pub(crate) struct DelegateSlot(Cell<Option<Delegate>>);

/// Which kind of delegate a slot holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delegating {
    Nothing,
    Gen,
    Iter,
}

impl DelegateSlot {
    /// Nothing, a generator, or a plain iterator?
    #[inline]
    pub(crate) fn kind(&self) -> Delegating {
        // SAFETY: a shared look that calls no code; nothing else can hold a reference
        // into a `Cell`, so nothing can change it meanwhile.
        match unsafe { &*self.0.as_ptr() } {
            None => Delegating::Nothing,
            Some(Delegate::Gen(_)) => Delegating::Gen,
            Some(Delegate::Iter(_)) => Delegating::Iter,
        }
    }

    /// The subgenerator, if the delegate is one.
    #[inline]
    pub(crate) fn generator(&self) -> Option<Generator> {
        // SAFETY: as in `kind`; cloning a `Generator` only counts a reference.
        match unsafe { &*self.0.as_ptr() } {
            Some(Delegate::Gen(g)) => Some(g.clone()),
            _ => None,
        }
    }

    /// Takes the delegate out, leaving the slot empty.
    pub(crate) fn take(&self) -> Option<Delegate> {
        self.0.take()
    }

    /// Puts a delegate in the (empty) slot.
    pub(crate) fn put(&self, d: Delegate) {
        let old = self.0.replace(Some(d));
        debug_assert!(old.is_none(), "a delegate replaced without being taken out");
        drop(old);
    }

    /// The delegate's name: a generator's, or an iterator's type name.
    pub(in crate::generator) fn name(&self) -> Option<String> {
        // Taken out for the look: an iterator's `type_name` is code of its own.
        let d = self.take()?;
        let name = match &d {
            Delegate::Gen(g) => g.name().to_string(),
            Delegate::Iter(it) => it.type_name().to_string(),
        };
        self.put(d);
        Some(name)
    }
}
