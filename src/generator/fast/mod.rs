//! The fast path, fenced: everything in the generator runtime that needs `unsafe`.
//!
//! A reader of the model — `Generator::send` in `mod.rs`, the driver's explicit stack in
//! `driver.rs` — meets no raw pointer: those files are safe Rust (`#![deny(unsafe_code)]`
//! holds for them, as for the whole crate). What makes a `send` cost a few nanoseconds
//! lives here, and only here (`#[allow(unsafe_code)]` names this module alone):
//!
//! ```text
//!   Generator ──(one pointer: handle.rs)──▶ generator object (object.rs: one heap block)
//!                                           ┌─────────────────────────────────────┐
//!                                           │ name (name.rs: one word)            │
//!                                           │ status, running (running.rs)        │
//!                                           │ gi_yieldfrom (object.rs: a word)    │
//!                                           │ frame (frame.rs): the body, in place│
//!                                           └─────────────────────────────────────┘
//!   driver ─ send(x) ─▶ mailbox (frame.rs) ─ [ tag | word | word ] (slot.rs) ─▶ body
//!   driver ◀─ Ran ──── mailbox ◀─────────── yield y ◀────────────────────────── body
//! ```
//!
//! Bottom-up, each file using only those before it:
//!
//! * `name.rs` — `__qualname__` in one word.
//! * `slot.rs` — the mailbox's value slot, moved a word at a time.
//! * `seam.rs` — [`FrameSlot`](seam::FrameSlot), all the object knows of its frame, and
//!   [`Ran`].
//! * `handle.rs` — the counted reference (`Py_INCREF`/`Py_DECREF` by hand, one word).
//! * `object.rs` — the generator object and [`Generator`] itself, `gi_yieldfrom` in one
//!   tagged word (the parts hold each other, so they are declared together), and the
//!   object's death: deep chains are freed without recursion.
//! * `frame.rs` — the body in place inside the object (genawaiter's `stack` engine, or a
//!   [`Body`](crate::generator::Body) resumed by a call), the
//!   thread's mailbox that values (and `yield from`'s iterables) cross, and the object's
//!   birth: its body is built in place once it is on the heap.
//! * `running.rs` — the running mark, the one key to a frame.
//!
//! # Invariants every `unsafe` block here relies on
//! 1. A frame never moves once started: it starts only inside its generator object's
//!    `Rc` ([`Generator::allocate`](crate::Generator)), and the object is never moved out.
//! 2. A frame is resumed or dropped only through the [`RunningGuard`] of its generator,
//!    and two guards of one generator cannot exist at once: no resume overlaps another.
//! 3. The mailbox is posted to and taken from in strict alternation on one thread: a
//!    post is taken before anything else runs (values never wait in it).
//! 4. A `Generator` owns exactly one count of its object; only `handle.rs` turns counts
//!    into pointers and back.
//!
//! # The seam for a second kind of frame
//! [`FrameSlot`](seam::FrameSlot) is *the* place another kind of frame plugs in. Two
//! types implement it (both in `frame.rs`): [`Frame`], an `async` body run by genawaiter
//! (what [`Generator::new`](crate::Generator) makes), and [`BodyFrame`], a frame that runs
//! by itself ([`Body`](crate::generator::Body)): an interpreter's frame, which pauses by
//! returning from its loop, as CPython's does, and so needs no `async` block around it.
//! An interpreter needs no `unsafe` for it: it implements `Body` and calls
//! `Generator::with_body`, and its frames get this fast path, the driver's explicit stack
//! and the trace events for free.
//!
//! Run Miri over it: `bash .ci/miri` (see the README's developer section).

mod frame;
mod handle;
mod name;
mod object;
mod running;
mod seam;
mod slot;

pub use frame::Resume;
pub(crate) use frame::{BodyFrame, Frame, Mailbox, Suspend};
pub(crate) use object::{Delegate, Delegating, GenCell, PathCache};
pub use object::{Generator, Kind};
pub(crate) use running::RunningGuard;
pub(crate) use seam::Ran;
