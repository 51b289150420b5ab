//! The thread version, on real OS threads: `threading.Thread`, `Event`, `start`, `join`.
//!
//! A thread must be `start()`ed; nothing can kill it, so the supervisor sets an `Event`
//! and `join`s; the slow function blocks in `time.sleep` — only its own thread.
//!
//! The program itself is in `thread_program.rs`, written with the `threading.rs` model
//! (each thread narrates itself through its `PyThread`); this file starts it and hands
//! its events to the player. When the player steps, the threads advance one event per key
//! press; when it plays, they run freely, at the OS scheduler's whim.

use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;

use super::Mistake;
use super::thread_program::main;
use super::thread_view::ThreadView;
use super::threading::{PyThread, Shared, ThreadEvent, ThreadStep};
use crate::player::{Emitter, Gate, Track};

/// The thread version, running: its track, and a way to set its Event from outside.
pub struct ThreadRun {
    /// The events, as they happen.
    pub track: Track<ThreadView>,
    shared: Arc<Shared>,
}

impl ThreadRun {
    /// Starts the program on a new `MainThread` (an OS thread of its own: this process's
    /// main thread draws the screen). `open`: running freely; else one event per permit.
    pub fn start(mistake: Option<Mistake>, open: bool, speed: f64) -> ThreadRun {
        let (tx, rx) = mpsc::channel();
        let gate = Gate::new(open, speed);
        let emitter = Emitter::new(tx, gate.checkpoint());
        let shared = Arc::new(Shared { done: OnceLock::new(), outside: Mutex::new(Some(emitter.clone())) });
        let me = PyThread { name: "MainThread".into(), emitter, shared: shared.clone() };
        let forget_set = mistake == Some(Mistake::NoEvent);
        thread::Builder::new()
            .name("MainThread".into())
            .spawn(move || {
                main(&me, forget_set);
                me.step(ThreadStep::Ends);
                me.shared.outside.lock().unwrap_or_else(|p| p.into_inner()).take();
            })
            .expect("the OS refused a thread");
        ThreadRun { track: Track::live(rx, gate), shared }
    }

    /// Sets the Event from outside the program (it forgot to): `who` says how, for the log.
    /// False if there is no Event yet, or it is already set.
    pub fn set_event(&self, who: &str) -> bool {
        match self.shared.done.get() {
            Some(done) if !done.is_set() => {
                if let Some(outside) = &*self.shared.outside.lock().unwrap_or_else(|p| p.into_inner()) {
                    outside.send(ThreadEvent { thread: format!("outside: {who}"), step: ThreadStep::Set });
                }
                done.set();
                true
            }
            _ => false,
        }
    }
}

impl Drop for ThreadRun {
    /// Don't leave a spinner thread spinning forever behind a run nobody watches.
    fn drop(&mut self) {
        if let Some(done) = self.shared.done.get() {
            done.set();
        }
    }
}
