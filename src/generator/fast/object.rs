//! The generator object: one heap block holding a body's frame and its state, and the
//! [`Generator`] that counts a reference to it.
//!
//! Its parts hold each other — a generator paused in `yield from` keeps its subgenerator
//! (`gi_yieldfrom`, [`DelegateSlot`]), and the generator is a counted reference to the
//! object ([`GenRef`]) — so they are declared together here, below everything that works
//! on them: `mod.rs` (`send`, `throw`, `close`), the driver, the running guard, and the
//! frame (the object names only its [`FrameSlot`]). Here too is the object's death:
//! freeing deep chains without recursion.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::mem::ManuallyDrop;
use std::rc::{Rc, Weak};

use super::handle::GenRef;
use super::name::Name;
use super::seam::FrameSlot;
use crate::generator::step::PyIterator;
use crate::trace::{self, Event, GenState};

/// Generator or native coroutine: the same machinery, different error texts
/// (`generator already executing` / `coroutine already executing`) and one different rule
/// (a finished coroutine refuses to be resumed: `cannot reuse already awaited coroutine`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A `def` with `yield`.
    Generator,
    /// An `async def`.
    Coroutine,
}

impl Kind {
    /// `"generator"` or `"coroutine"`, as in CPython's messages.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Generator => "generator",
            Kind::Coroutine => "coroutine",
        }
    }
}

/// The root's cached path to its innermost frame, valid while no link anywhere changed.
#[derive(Default)]
pub(crate) struct PathCache {
    pub(crate) epoch: u64,
    pub(crate) below: Vec<Weak<GenCell>>,
}

/// The generator object itself. `F` is the frame slot of one particular body; every
/// `Generator` sees it as `dyn FrameSlot`, so all generators are one type.
pub(crate) struct GenCell<F: ?Sized + FrameSlot = dyn FrameSlot> {
    pub(crate) name: Name,
    pub(crate) kind: Kind,
    /// A generator made by a `@types.coroutine` function (CPython's
    /// `CO_ITERABLE_COROUTINE`): `await` accepts it, and it may `yield from` a coroutine.
    pub(crate) iterable_coroutine: bool,
    /// CREATED, SUSPENDED or CLOSED; RUNNING is derived (see [`Generator::state`]).
    pub(crate) status: Cell<GenState>,
    /// True while this frame's own code (or a plain iterator it forwards to) executes.
    pub(crate) running: Cell<bool>,
    pub(crate) delegate: DelegateSlot,
    /// Only on a generator that delegates to another: see [`PathCache`].
    pub(crate) path: Cell<Option<Box<PathCache>>>,
    /// The body, in place; empty once it has finished or been closed. Not in a
    /// `RefCell`: the driver reaches it only through the guard that marks the generator
    /// running, which is exclusive already (see `running.rs`), so a borrow flag
    /// would be a second word guarding the same thing.
    pub(crate) frame: F,
}

impl<F: FrameSlot> GenCell<F> {
    /// A generator object that has not started, around its frame.
    pub(crate) fn new(name: Cow<'static, str>, kind: Kind, iterable_coroutine: bool, frame: F) -> Self {
        GenCell {
            name: Name::new(name),
            kind,
            iterable_coroutine,
            status: Cell::new(GenState::Created),
            running: Cell::new(false),
            delegate: DelegateSlot::default(),
            path: Cell::new(None),
            frame,
        }
    }
}

/// A Python generator object (or, with [`Generator::coroutine`], a coroutine object).
///
/// Cloning gives another reference to the same object, as assigning does in Python.
/// When the last reference goes while the generator is paused, it is closed, as CPython
/// finalises generators.
#[derive(Clone)]
pub struct Generator(
    // Released by `Generator`'s `Drop`, which frees deep chains without recursion: so
    // clone the `Generator`, never the reference inside (a bare clone would never be
    // released).
    pub(crate) ManuallyDrop<GenRef<GenCell>>,
);

// ---- `gi_yieldfrom`: what a generator paused in `yield from` (or `await`) delegates to ----
//
// In CPython a generator suspended in `yield from sub` keeps `sub` in its frame, and
// `gen.gi_yieldfrom` shows it; sends, throws and closes go there first (PEP 380). Here
// that link is one slot in the generator object: empty, a subgenerator, or a plain
// iterator (a Future's `__await__`, a list). The driver follows these links to find the
// frame a step really runs.

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
    pub(crate) fn name(&self) -> Option<String> {
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

// ---- the generator object's death (its birth, `Generator::allocate`, is in `frame.rs`,
// beside the frame it starts) ----

impl Generator {
    #[inline]
    pub(crate) fn from_rc(cell: Rc<GenCell>) -> Generator {
        Generator(ManuallyDrop::new(GenRef::new(cell)))
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

/// What the object says of itself: its name, kind and state. These read its fields
/// only, so they live with them, below the driver and the iterator protocol that ask.
impl Generator {
    /// `__qualname__`: the name traces show.
    ///
    /// ```
    /// use corosim::Generator;
    /// let n = 3;
    /// let a = Generator::new(format!("worker_{n}"), |_co| async move { Ok(().into()) });
    /// let b = Generator::new(format!("worker_{n}"), |_co| async move { Ok(().into()) });
    /// assert_eq!(a.name(), "worker_3");
    /// assert!(std::ptr::eq(a.name(), b.name())); // a name made at run time is kept once
    /// ```
    pub fn name(&self) -> &str {
        self.0.name.as_str()
    }

    /// Generator or coroutine.
    pub fn kind(&self) -> Kind {
        self.0.kind
    }

    /// `inspect.isawaitable(g)`: a coroutine, or a generator made with
    /// [`Generator::types_coroutine`]; what `await` accepts.
    ///
    /// ```
    /// use corosim::Generator;
    /// let plain = Generator::new("gen", |co| async move { co.yield_(1).await });
    /// let coro = Generator::coroutine("main", |_co| async move { Ok(().into()) });
    /// assert!(!plain.is_awaitable());
    /// assert!(coro.is_awaitable());
    /// # coro.close().unwrap();
    /// ```
    pub fn is_awaitable(&self) -> bool {
        self.0.kind == Kind::Coroutine || self.0.iterable_coroutine
    }

    /// `inspect.getgeneratorstate(g)`. RUNNING while the body, or any generator it
    /// delegates to, executes.
    pub fn state(&self) -> GenState {
        if self.is_running() { GenState::Running } else { self.0.status.get() }
    }

    /// `gi_running`.
    pub fn is_running(&self) -> bool {
        // Only the innermost frame of a chain ever executes, so follow the links down.
        let mut g = self.clone();
        loop {
            if g.0.running.get() {
                return true;
            }
            match g.0.delegate.generator() {
                Some(sub) => g = sub,
                None => return false,
            }
        }
    }

    /// `gi_frame.f_lineno` for a generator whose body keeps lines (an interpreter's,
    /// [`Generator::with_body`]): the line it runs or is paused at, its `def` line before
    /// it starts and once it is over. `None` for an `async` body.
    ///
    /// ```
    /// use corosim::Generator;
    /// let g = Generator::new("gen", |co| async move { co.yield_(1).await });
    /// assert_eq!(g.line(), None);
    /// ```
    pub fn line(&self) -> Option<u32> {
        self.0.frame.line()
    }

    /// Is `other` the same object (`g is other`)?
    pub fn is(&self, other: &Generator) -> bool {
        self.0.ptr_eq(&other.0)
    }
}
