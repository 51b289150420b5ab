//! Python's `threading`, as the thread version uses it: `Thread` (here [`PyThread`], one
//! real OS thread each), `Event`, `start`, `join`, `time.sleep` blocking only its own thread.
//!
//! Each thread narrates itself through its [`PyThread`]: every call (`me.sleep(3.0)`,
//! `me.wait(&done, 0.1)`, ...) first passes the player's checkpoint, then reports a
//! [`ThreadEvent`], then really does the thing. The program (`thread_program.rs`) is written
//! with these; the runner (`threads.rs`) starts it and the view (`thread_view.rs`) draws it.

use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::player::Emitter;

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
pub(super) struct Shared {
    pub(super) done: OnceLock<Event>,
    /// How the player reports what it does to the program; dropped when the program
    /// ends, so that the track sees the end of the events.
    pub(super) outside: Mutex<Option<Emitter<ThreadEvent>>>,
}

/// One thread of the program, narrating itself: Python's threading calls, each a
/// checkpoint and an event.
#[derive(Clone)]
pub struct PyThread {
    pub(super) name: String,
    pub(super) emitter: Emitter<ThreadEvent>,
    pub(super) shared: Arc<Shared>,
}

impl PyThread {
    pub(super) fn step(&self, step: ThreadStep) {
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
