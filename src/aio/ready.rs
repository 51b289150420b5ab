//! `loop._ready`: the deque of callbacks that run at the loop's next turn.
//!
//! In asyncio every entry is a `Handle` object. In corosim an entry is a [`Ready`]: a
//! task step, a task wake-up, or any other callback. With a million tasks scheduled the
//! queue holds a million entries, so [`ReadyQueue`] keeps each in one word: the pointer
//! the entry owns, with which kind of entry it is in the pointer's two low bits (heap
//! objects are 8-aligned, so those bits are always zero). An enum would take two words.
//!
//! This is one of the two places where corosim uses `unsafe` (the other is the generator's
//! `fast` module). The invariant its blocks rely on: every packed word was made by
//! `Packed::pack` from an owned pointer of the kind its tag names, and is unpacked exactly
//! once, by `pop_front` or by `Drop`.

use std::collections::VecDeque;
use std::ptr::NonNull;
use std::rc::Rc;

use super::event_loop::{Callback, Scheduled};
use super::future::{Future, FutureCell};
use super::task::Task;
use crate::exception::PyException;

/// One entry of the ready queue.
pub(crate) enum Ready {
    /// `task.__step()`: resume the task's coroutine.
    Step(Task),
    /// `task.__step(exc)`: throw `exc` into it (rare, so boxed).
    Throw(Box<(Task, PyException)>),
    /// `task.__wakeup(future)`: the future the task is parked on is done.
    Wakeup(Task),
    /// Any other callback.
    Call(Scheduled),
}

impl Ready {
    pub(crate) fn throw(task: Task, exc: PyException) -> Ready {
        Ready::Throw(Box::new((task, exc)))
    }
}

/// The ready queue: first in, first out, one word per entry.
///
/// ```text
/// push_back(Ready::Step(task))  →  [ ptr to task's object | 0b00 ]
/// ```
#[derive(Default)]
pub(crate) struct ReadyQueue(VecDeque<Packed>);

impl ReadyQueue {
    pub(crate) fn push_back(&mut self, item: Ready) {
        self.0.push_back(Packed::pack(item));
    }

    pub(crate) fn pop_front(&mut self) -> Option<Ready> {
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
struct Packed(NonNull<()>);

const STEP: usize = 0;
const THROW: usize = 1;
const WAKEUP: usize = 2;
const CALL: usize = 3;
const KIND: usize = 0b11;

// The kind lives in the low two bits, so every pointee must be at least 4-aligned.
const _: () = assert!(
    align_of::<FutureCell>() >= 4 && align_of::<(Task, PyException)>() >= 4 && align_of::<Callback>() >= 4
);

impl Packed {
    fn pack(item: Ready) -> Packed {
        let (ptr, kind): (*const (), usize) = match item {
            Ready::Step(task) => (Rc::into_raw(task.0.0).cast(), STEP),
            Ready::Throw(boxed) => (Box::into_raw(boxed).cast_const().cast(), THROW),
            Ready::Wakeup(task) => (Rc::into_raw(task.0.0).cast(), WAKEUP),
            Ready::Call(callback) => (callback.into_raw().cast(), CALL),
        };
        let tagged = ptr.cast_mut().map_addr(|addr| addr | kind);
        Packed(NonNull::new(tagged).expect("a heap pointer is not null"))
    }

    fn unpack(self) -> Ready {
        let tagged = self.0.as_ptr();
        std::mem::forget(self); // ownership goes back to the `Ready`
        let (ptr, kind) = (tagged.map_addr(|addr| addr & !KIND), tagged.addr() & KIND);
        // SAFETY: the pointer came from `pack`, which turned an owned pointer of the type
        // its kind names into this one; this is the one place that turns it back, once
        // (`forget` above keeps `Packed`'s drop from doing it again).
        unsafe {
            match kind {
                STEP => Ready::Step(Task(Future(Rc::from_raw(ptr.cast::<FutureCell>())))),
                THROW => Ready::Throw(Box::from_raw(ptr.cast::<(Task, PyException)>())),
                WAKEUP => Ready::Wakeup(Task(Future(Rc::from_raw(ptr.cast::<FutureCell>())))),
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

impl Drop for Packed {
    fn drop(&mut self) {
        drop(Packed(self.0).unpack());
    }
}
