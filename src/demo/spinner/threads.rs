//! The thread version, on real OS threads: `threading.Thread`, `Event`, `start`, `join`.
//!
//! A thread must be `start()`ed; nothing can kill it, so the supervisor sets an `Event`
//! and `join`s; the slow function blocks in `time.sleep` — only its own thread.
//!
//! The program itself is in `thread_program.rs`. Each thread of it narrates itself
//! through a [`PyThread`]: every call
//! (`me.sleep(3.0)`, `me.wait(&done, 0.1)`, ...) first passes the player's checkpoint, then
//! reports a [`ThreadEvent`], then really does the thing on a real OS thread. When the
//! player steps, the threads advance one event per key press; when it plays, they run
//! freely, at the OS scheduler's whim.

use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::Mistake;
use super::thread_program::main;
use super::thread_view::ThreadView;
use crate::player::{Emitter, Gate, Track};

/// What a thread of the thread version did.
#[derive(Clone, Debug, PartialEq)]
pub enum ThreadStep {
    /// Calls a function.
    Call(&'static str),
    /// `done = Event()`.
    NewEvent,
    /// `Thread(target=...)`: a thread object, not running yet.
    NewThread(String),
    /// `thread.start()`.
    Start(String),
    /// `print(text)`.
    Print(String),
    /// `print(text, end='\r')`: the spinner's frame (blank: cleared).
    Status(String),
    /// `done.wait(secs)` begins.
    Wait(f64),
    /// `done.wait()` returned True: the event is set.
    WaitSet,
    /// `time.sleep(secs)` begins.
    Sleep(f64),
    /// A function returns a value.
    Return(&'static str, i64),
    /// `done.set()`.
    Set,
    /// `thread.join()` begins: blocks until that thread ends.
    Join(String),
    /// `join()` returned.
    Joined(String),
    /// The thread's function returned: the thread is over.
    Ends,
}

/// One event of the thread version: which thread, what it did.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadEvent {
    /// `MainThread`, `Thread-1`, or `outside: ...` (you, rescuing a stuck `join`).
    pub thread: String,
    /// What it did.
    pub step: ThreadStep,
}

/// `threading.Event`: a flag threads can wait on, with a timeout.
#[derive(Clone, Default)]
pub struct Event(Arc<(Mutex<bool>, Condvar)>);

impl Event {
    fn flag(&self) -> std::sync::MutexGuard<'_, bool> {
        self.0.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `event.set()`: wakes every waiter.
    pub fn set(&self) {
        *self.flag() = true;
        self.0.1.notify_all();
    }

    /// `event.is_set()`.
    pub fn is_set(&self) -> bool {
        *self.flag()
    }

    /// `event.wait(timeout)`: True as soon as the flag is set, False after the timeout.
    pub fn wait(&self, timeout: Duration) -> bool {
        let guard = self.flag();
        let (guard, _) =
            self.0.1.wait_timeout_while(guard, timeout, |set| !*set).unwrap_or_else(|p| p.into_inner());
        *guard
    }
}

/// A `threading.Thread` that has not been started.
pub struct NewThread {
    name: String,
    target: Box<dyn FnOnce(&PyThread) + Send>,
}

impl NewThread {
    /// `repr(thread)` before `start()`, as CPython 3.10+ prints it.
    pub fn repr(&self) -> String {
        format!("<Thread({} (spin), initial)>", self.name)
    }
}

/// A started thread, for `join`.
pub struct Started {
    name: String,
    handle: JoinHandle<()>,
}

/// What the program's threads share with the player: the Event, once made, so that a key
/// can set it when the program forgot to.
#[derive(Default)]
struct Shared {
    done: OnceLock<Event>,
    /// How the player reports what it does to the program; dropped when the program
    /// ends, so that the track sees the end of the events.
    outside: Mutex<Option<Emitter<ThreadEvent>>>,
}

/// One thread of the program, narrating itself: Python's threading calls, each a
/// checkpoint and an event.
#[derive(Clone)]
pub struct PyThread {
    name: String,
    emitter: Emitter<ThreadEvent>,
    shared: Arc<Shared>,
}

impl PyThread {
    fn step(&self, step: ThreadStep) {
        self.emitter.emit(ThreadEvent { thread: self.name.clone(), step });
    }

    /// `print(text)`.
    pub fn print(&self, text: impl Into<String>) {
        self.step(ThreadStep::Print(text.into()));
    }

    /// `print(text, end='\r', flush=True)`.
    pub fn status(&self, text: &str) {
        self.step(ThreadStep::Status(text.to_string()));
    }

    /// Calls function `name` (`f`).
    pub fn call<T>(&self, name: &'static str, f: impl FnOnce() -> T) -> T {
        self.step(ThreadStep::Call(name));
        f()
    }

    /// `return value` from function `name`.
    pub fn returns(&self, name: &'static str, value: i64) -> i64 {
        self.step(ThreadStep::Return(name, value));
        value
    }

    /// `time.sleep(secs)`: blocks this thread (only this one).
    pub fn sleep(&self, secs: f64) {
        self.step(ThreadStep::Sleep(secs));
        thread::sleep(self.emitter.checkpoint().duration(secs));
    }

    /// `Event()`.
    pub fn new_event(&self) -> Event {
        self.step(ThreadStep::NewEvent);
        self.shared.done.get_or_init(Event::default).clone()
    }

    /// `event.set()`.
    pub fn set(&self, done: &Event) {
        self.step(ThreadStep::Set);
        done.set();
    }

    /// `event.wait(secs)`.
    pub fn wait(&self, done: &Event, secs: f64) -> bool {
        self.step(ThreadStep::Wait(secs));
        let set = done.wait(self.emitter.checkpoint().duration(secs));
        if set {
            self.step(ThreadStep::WaitSet);
        }
        set
    }

    /// `Thread(target=...)`: named like CPython's `Thread-1`.
    pub fn new_thread(&self, target: impl FnOnce(&PyThread) + Send + 'static) -> NewThread {
        let name = "Thread-1".to_string();
        self.step(ThreadStep::NewThread(name.clone()));
        NewThread { name, target: Box::new(target) }
    }

    /// `thread.start()`: a real OS thread begins.
    pub fn start(&self, t: NewThread) -> Started {
        self.step(ThreadStep::Start(t.name.clone()));
        let me =
            PyThread { name: t.name.clone(), emitter: self.emitter.clone(), shared: self.shared.clone() };
        let target = t.target;
        let handle = thread::Builder::new()
            .name(t.name.clone())
            .spawn(move || {
                target(&me);
                me.step(ThreadStep::Ends);
            })
            .expect("the OS refused a thread");
        Started { name: t.name, handle }
    }

    /// `thread.join()`: blocks until it has ended.
    pub fn join(&self, t: Started) {
        self.step(ThreadStep::Join(t.name.clone()));
        let _ = t.handle.join();
        self.step(ThreadStep::Joined(t.name));
    }
}

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
