//! `loop._ready`: the deque of callbacks that run at the loop's next turn.
//!
//! In asyncio every entry is a `Handle` object. In corosim an entry is a [`Ready`]: a
//! task step, a task wake-up, or any other callback ([`Scheduled`], `handle.rs`). With a
//! million tasks scheduled the queue holds a million entries, so [`ReadyQueue`] keeps
//! each in one word: the pointer the entry owns, with which kind of entry it is in the
//! pointer's two low bits (heap objects are 8-aligned, so those bits are always zero). An
//! enum would take two words.
//!
//! This is one of the two places where corosim uses `unsafe` (the other is the generator's
//! `fast` module). The invariant its blocks rely on: every packed word was made by
//! `Packed::pack` from an owned pointer of the kind its tag names, and is unpacked exactly
//! once, by `pop_front` or by `Drop`.
//!
//! The queue stands below the futures and tasks it holds (a future's loop owns the
//! queue, and the queue holds tasks): it sees a task only as its object, `Rc<T>`, with
//! `T` the type `future.rs` names (`FutureCell`). Generic rather than a trait object, so
//! a push is still one inlined word, with no call through a table.

use std::collections::VecDeque;
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::rc::Rc;

use super::handle::{Callback, Scheduled};
use crate::exception::PyException;

/// One entry of the ready queue. `T` is a task's object (`FutureCell`): a task is one
/// `Rc` of it.
pub(crate) enum Ready<T> {
    /// `task.__step()`: resume the task's coroutine.
    Step(Rc<T>),
    /// `task.__step(exc)`: throw `exc` into it (rare, so boxed).
    Throw(Box<(Rc<T>, PyException)>),
    /// `task.__wakeup(future)`: the future the task is parked on is done.
    Wakeup(Rc<T>),
    /// Any other callback.
    Call(Scheduled),
}

impl<T> Ready<T> {
    pub(crate) fn throw(task: Rc<T>, exc: PyException) -> Ready<T> {
        Ready::Throw(Box::new((task, exc)))
    }
}

/// The ready queue: first in, first out, one word per entry.
///
/// ```text
/// push_back(Ready::Step(task))  →  [ ptr to task's object | 0b00 ]
/// ```
pub(crate) struct ReadyQueue<T>(VecDeque<Packed<T>>);

impl<T> Default for ReadyQueue<T> {
    fn default() -> Self {
        ReadyQueue(VecDeque::new())
    }
}

impl<T> ReadyQueue<T> {
    pub(crate) fn push_back(&mut self, item: Ready<T>) {
        if self.0.len() == self.0.capacity() {
            // Grow by an eighth, as CPython's lists do, not by doubling: 100,000 ready
            // tasks keep room for some 12,000 more, not 31,072.
            self.0.reserve_exact(self.0.len() / 8 + 8);
        }
        self.0.push_back(Packed::pack(item));
    }

    pub(crate) fn pop_front(&mut self) -> Option<Ready<T>> {
        self.0.pop_front().map(Packed::unpack)
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }
}

/// A [`Ready`] in one word: it owns what the entry owned, and drops it when dropped.
struct Packed<T>(NonNull<()>, PhantomData<Ready<T>>);

const STEP: usize = 0;
const THROW: usize = 1;
const WAKEUP: usize = 2;
const CALL: usize = 3;
const KIND: usize = 0b11;

impl<T> Packed<T> {
    fn pack(item: Ready<T>) -> Packed<T> {
        // The kind lives in the low two bits, so every pointee must be at least 4-aligned
        // (checked at compile time, for the `T` the queue is built with).
        const {
            assert!(
                align_of::<T>() >= 4
                    && align_of::<(Rc<T>, PyException)>() >= 4
                    && align_of::<Callback>() >= 4
            )
        };
        let (ptr, kind): (*const (), usize) = match item {
            Ready::Step(task) => (Rc::into_raw(task).cast(), STEP),
            Ready::Throw(boxed) => (Box::into_raw(boxed).cast_const().cast(), THROW),
            Ready::Wakeup(task) => (Rc::into_raw(task).cast(), WAKEUP),
            Ready::Call(callback) => (callback.into_raw().cast(), CALL),
        };
        let tagged = ptr.cast_mut().map_addr(|addr| addr | kind);
        Packed(NonNull::new(tagged).expect("a heap pointer is not null"), PhantomData)
    }

    fn unpack(self) -> Ready<T> {
        let tagged = self.0.as_ptr();
        std::mem::forget(self); // ownership goes back to the `Ready`
        let (ptr, kind) = (tagged.map_addr(|addr| addr & !KIND), tagged.addr() & KIND);
        // SAFETY: the pointer came from `pack`, which turned an owned pointer of the type
        // its kind names into this one; this is the one place that turns it back, once
        // (`forget` above keeps `Packed`'s drop from doing it again).
        unsafe {
            match kind {
                STEP => Ready::Step(Rc::from_raw(ptr.cast::<T>())),
                THROW => Ready::Throw(Box::from_raw(ptr.cast::<(Rc<T>, PyException)>())),
                WAKEUP => Ready::Wakeup(Rc::from_raw(ptr.cast::<T>())),
                _ => Ready::Call(Scheduled::from_raw(ptr.cast::<Callback>())),
            }
        }
    }
}

// The loop's callback entries, as bare pointers: kept here, beside the only code that
// packs and unpacks them.
impl Scheduled {
    /// The entry as a bare pointer, still owning its callback (see `ready.rs`).
    pub(super) fn into_raw(self) -> *const Callback {
        // Not dropped: the entry's reference to its callback now belongs to the pointer.
        let entry = std::mem::ManuallyDrop::new(self);
        Rc::as_ptr(&entry.0)
    }

    /// The entry back from [`Scheduled::into_raw`].
    ///
    /// # Safety
    /// `ptr` must come from `into_raw`, and be turned back only once.
    pub(super) unsafe fn from_raw(ptr: *const Callback) -> Scheduled {
        // SAFETY: `into_raw` kept the entry's reference for this pointer.
        Scheduled(unsafe { Rc::from_raw(ptr) })
    }
}

impl<T> Drop for Packed<T> {
    fn drop(&mut self) {
        drop(Packed::<T>(self.0, PhantomData).unpack());
    }
}
