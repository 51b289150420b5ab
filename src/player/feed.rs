//! Feeds: how a running program's events reach a track — a `sys.settrace` hook that
//! posts each event to a queue (and, when stepping, waits for its turn first).
//!
//! * [`TraceFeed`] is a [`Recorder`] for corosim's own [`Event`]s: install it with
//!   [`crate::trace::record`] on the thread that runs the program;
//! * [`Emitter`] is for programs that describe themselves with events of their own (real
//!   OS threads, for instance): one per thread, each call is a checkpoint.
//!
//! ```
//! use std::{rc::Rc, sync::mpsc};
//! use corosim::{Generator, aio, player::TraceFeed, trace};
//! let (tx, rx) = mpsc::channel();
//! let feed = TraceFeed::new(tx, None, |_| true);
//! trace::record(Rc::new(feed), || {
//!     aio::run(Generator::coroutine("main", |co| async move {
//!         co.await_(aio::sleep(1.0)).await?;
//!         Ok(().into())
//!     }))
//! })
//! .unwrap();
//! let last = rx.try_iter().last().unwrap();
//! assert_eq!(last.t, 1.0); // stamped with the loop's clock
//! ```

use std::cell::Cell;
use std::sync::mpsc::Sender;

use super::gate::Checkpoint;
use super::track::Stamped;
use crate::trace::{Event, Recorder};

/// Sends corosim's trace events to a track, stamped with the loop's clock.
pub struct TraceFeed {
    tx: Sender<Stamped<Event>>,
    checkpoint: Option<Checkpoint>,
    is_stop: fn(&Event) -> bool,
    /// Generator events carry no time: they happen at the loop's last reading — or, on a
    /// live program, now (by the gate's clock), whichever is later.
    last_t: Cell<f64>,
    /// The gate's clock minus the loop's, measured at the first timed event.
    offset: Cell<Option<f64>>,
}

impl TraceFeed {
    /// A feed to `tx`. With a checkpoint, each stop (per `is_stop`) waits for the gate.
    pub fn new(
        tx: Sender<Stamped<Event>>,
        checkpoint: Option<Checkpoint>,
        is_stop: fn(&Event) -> bool,
    ) -> Self {
        TraceFeed { tx, checkpoint, is_stop, last_t: Cell::new(0.0), offset: Cell::new(None) }
    }
}

impl Recorder for TraceFeed {
    fn record(&self, event: Event) {
        match (event.time(), &self.checkpoint) {
            (Some(t), cp) => {
                if let (None, Some(cp)) = (self.offset.get(), cp) {
                    self.offset.set(Some(cp.now() - t));
                }
                self.last_t.set(t);
            }
            (None, Some(cp)) => {
                let now = cp.now() - self.offset.get().unwrap_or(0.0);
                self.last_t.set(self.last_t.get().max(now));
            }
            (None, None) => {}
        }
        if let Some(cp) = &self.checkpoint
            && (self.is_stop)(&event)
        {
            cp.pass();
        }
        // Nobody watching any more is not the program's problem.
        let _ = self.tx.send(Stamped { t: self.last_t.get(), event });
    }
}

/// One thread's way to report its own events: each [`Emitter::emit`] is a checkpoint.
#[derive(Clone)]
pub struct Emitter<E> {
    tx: Sender<Stamped<E>>,
    checkpoint: Checkpoint,
}

impl<E> Emitter<E> {
    /// Events go to `tx`, each after `checkpoint` lets it pass.
    pub fn new(tx: Sender<Stamped<E>>, checkpoint: Checkpoint) -> Self {
        Emitter { tx, checkpoint }
    }

    /// Waits for the gate, then reports `event`, stamped with the gate's clock.
    pub fn emit(&self, event: E) {
        self.checkpoint.pass();
        self.send(event);
    }

    /// Reports `event` without waiting (something the viewer itself did).
    pub fn send(&self, event: E) {
        let _ = self.tx.send(Stamped { t: self.checkpoint.now(), event });
    }

    /// The gate's side of the program: its clock and speed.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.checkpoint
    }
}
