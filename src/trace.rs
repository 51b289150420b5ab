//! Trace events: the only window the UI, the lessons, the book and the tests have into
//! the runtime — like `sys.settrace`, but in the vocabulary of coroutines.
//!
//! Every resume (and what it carried), yield, return, raise, delegation entered or left,
//! and state change is an [`Event`]. Install a [`Recorder`] for a stretch of code with
//! [`record`]; with none installed, the runtime checks one thread-local flag per resume
//! and builds nothing.
//!
//! ```
//! use corosim::{Generator, trace};
//! let g = Generator::new("gen", |co| async move {
//!     co.yield_(1).await?;
//!     Ok(().into())
//! });
//! let (_, events) = trace::collect(|| g.next());
//! assert!(events.iter().any(|e| matches!(e, trace::Event::Yield { value, .. } if value == "1")));
//! ```

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// A generator's state, as `inspect.getgeneratorstate` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GenState {
    /// Created, body not started.
    Created,
    /// Executing right now (it, or the delegate it forwards to).
    Running,
    /// Paused at a `yield`.
    Suspended,
    /// Finished: returned, raised, or closed. Final.
    Closed,
}

impl GenState {
    /// The bare state name: `SUSPENDED`.
    pub fn name(self) -> &'static str {
        match self {
            GenState::Created => "CREATED",
            GenState::Running => "RUNNING",
            GenState::Suspended => "SUSPENDED",
            GenState::Closed => "CLOSED",
        }
    }
}

/// How a frame was resumed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resumed {
    /// `send(value)`; `next()` is `send(None)`. Holds the value's repr.
    Send(String),
    /// `throw(exc)`. Holds the exception's repr.
    Throw(String),
}

/// One observable step of the runtime.
///
/// Generator events carry the generator's name and its `depth`: 0 for the generator the
/// caller resumed, 1 for its delegate, and so on. Values and exceptions are carried as
/// their Python `repr`, so observers need nothing from the runtime to show them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A frame starts running again.
    Resume { name: String, depth: usize, with: Resumed },
    /// A frame paused at a `yield`, handing out `value`.
    Yield { name: String, depth: usize, value: String },
    /// A frame returned `value` (the caller sees `StopIteration(value)`).
    Return { name: String, depth: usize, value: String },
    /// An exception left a frame.
    Raise { name: String, depth: usize, exception: String },
    /// `yield from` started: `name` now delegates to `to`.
    DelegateEnter { name: String, depth: usize, to: String },
    /// `yield from` ended; `outcome` is its value, or the exception raised at it.
    DelegateLeave { name: String, depth: usize, to: String, outcome: String },
    /// The frame's state changed.
    State { name: String, depth: usize, from: GenState, to: GenState },
    /// An error during finalisation (closing a dropped generator) that nobody can catch.
    Unraisable { name: String, exception: String },
    /// A coroutine object was dropped without ever running: a forgotten `await`.
    NeverAwaited { name: String },
    /// A line the program printed, so traces interleave with output.
    Output { text: String },
    /// The program redrew its status line (`print(text, end='\r')`): a spinner frame.
    Status { text: String },

    // ---- the event loop (`t` is the loop's clock: virtual seconds by default) ----
    /// A task was made for coroutine `coro` and scheduled at once (no `start()`).
    TaskCreated { t: f64, task: String, coro: String },
    /// `task.cancel()` was called on a pending task: a request, not a kill.
    TaskCancel { t: f64, task: String },
    /// One turn of the loop: `ready` callbacks are about to run.
    LoopIteration { t: f64, ready: usize },
    /// A plain callback runs (`call_soon`, a timer, a done-callback).
    Callback { t: f64, callback: String },
    /// A task's step begins: `send(None)` or `throw(exc)` into its coroutine.
    TaskStep { t: f64, task: String, with: Resumed },
    /// A task's step ended with its coroutine paused; `waits_on` says why it paused:
    /// a future, or nothing (a bare yield: back of the ready queue).
    TaskSuspend { t: f64, task: String, waits_on: String },
    /// A timer was scheduled to fire at `when`.
    TimerScheduled { t: f64, when: f64, callback: String },
    /// A timer came due: its callback joins the ready queue.
    TimerFired { t: f64, callback: String },
    /// A future (or task) changed state.
    FutureDone { t: f64, future: String, state: String },
    /// A warning the loop prints to stderr (asyncio's words).
    Warning { t: f64, message: String },
    /// The await graph, as Python 3.14 records it (`future_add_to_awaited_by`): task `task`
    /// is now awaited by task `by` (`added`), or no longer is — without `by` awaiting it
    /// directly: `gather`, `wait` and `shield` record their children as awaited by the task
    /// that called them, a `TaskGroup` its tasks as awaited by the task running the block.
    /// What `python -m asyncio pstree` draws its tree from.
    AwaitedBy { t: f64, task: String, by: String, added: bool },
    /// The loop asked its selector which sockets are ready (`select`/`epoll`): the file
    /// descriptors it watched for reading and for writing, how long it was willing to
    /// wait (`None`: until something happens), and how many callbacks came back ready.
    /// A task parked on a socket waits on a future labelled with what it waits to do
    /// (`read from 127.0.0.1:53412`): see [`io_wait`].
    Select { t: f64, reading: Vec<i32>, writing: Vec<i32>, timeout: Option<f64>, ready: usize },

    // ---- synchronisation: `asyncio.Lock`, `Semaphore`, `Event`, `Queue` ----
    /// A task took, gave back or waits for a synchronisation object: the wait-for graph.
    /// `object` names it by kind, numbered in the order the recording first meets it
    /// (`Semaphore-1`); `action` is `acquired`, `released` or `waits`; `task` is the task
    /// acting, if any.
    Sync { t: f64, object: String, action: String, task: Option<String> },

    // ---- a Python program's own lines (`corosim run my.py`) ----
    /// A statement is about to run, as `sys.settrace`'s `'line'` event: `file` as given on
    /// the command line, `line` counted from 1, `frame` the function's name (`<module>` at
    /// top level), `task` the task it runs in, if any, `thread` the simulated thread it
    /// runs on once the program has started a second one (`None`: the main thread, or no
    /// threads at all), and `locals` the frame's local variables as `(name, repr)` pairs,
    /// in the order the function binds them.
    Line {
        file: String,
        line: u32,
        frame: String,
        task: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        thread: Option<String>,
        locals: Vec<(String, String)>,
    },

    // ---- simulated threads (`threading` in a Python program) ----
    /// Another thread gets the interpreter (CPython: the GIL changes hands). `t` is the
    /// program's virtual clock; `from` and `to` are the threads' names (`MainThread`,
    /// `Thread-1 (worker)`); `why` is `preempted` (its `--switch-every` statements ran
    /// out), `blocked` (it waits: a lock, a join, a sleep, an idle loop) or `finished`.
    ThreadSwitch { t: f64, from: String, to: String, why: String },
}

impl Event {
    /// The loop's clock reading, for the events that carry one. (A thread switch carries
    /// the program's clock, which a loop's need not match: not this.)
    pub fn time(&self) -> Option<f64> {
        match self {
            Event::TaskCreated { t, .. }
            | Event::TaskCancel { t, .. }
            | Event::LoopIteration { t, .. }
            | Event::Callback { t, .. }
            | Event::TaskStep { t, .. }
            | Event::TaskSuspend { t, .. }
            | Event::TimerScheduled { t, .. }
            | Event::TimerFired { t, .. }
            | Event::FutureDone { t, .. }
            | Event::Warning { t, .. }
            | Event::Select { t, .. }
            | Event::Sync { t, .. }
            | Event::AwaitedBy { t, .. } => Some(*t),
            _ => None,
        }
    }

    /// The event's kind, as the JSON trace names it (`"task_step"`).
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Resume { .. } => "resume",
            Event::Yield { .. } => "yield",
            Event::Return { .. } => "return",
            Event::Raise { .. } => "raise",
            Event::DelegateEnter { .. } => "delegate_enter",
            Event::DelegateLeave { .. } => "delegate_leave",
            Event::State { .. } => "state",
            Event::Unraisable { .. } => "unraisable",
            Event::NeverAwaited { .. } => "never_awaited",
            Event::Output { .. } => "output",
            Event::Status { .. } => "status",
            Event::TaskCreated { .. } => "task_created",
            Event::TaskCancel { .. } => "task_cancel",
            Event::LoopIteration { .. } => "loop_iteration",
            Event::Callback { .. } => "callback",
            Event::TaskStep { .. } => "task_step",
            Event::TaskSuspend { .. } => "task_suspend",
            Event::TimerScheduled { .. } => "timer_scheduled",
            Event::TimerFired { .. } => "timer_fired",
            Event::FutureDone { .. } => "future_done",
            Event::Warning { .. } => "warning",
            Event::Select { .. } => "select",
            Event::Line { .. } => "line",
            Event::Sync { .. } => "sync",
            Event::AwaitedBy { .. } => "awaited_by",
            Event::ThreadSwitch { .. } => "thread_switch",
        }
    }
}

impl fmt::Display for Event {
    /// One human-readable line, indented by delegation depth.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pad = |depth: &usize| "  ".repeat(*depth);
        match self {
            Event::Resume { name, depth, with } => match with {
                Resumed::Send(v) => write!(f, "{}{name}: resumed by send({v})", pad(depth)),
                Resumed::Throw(e) => write!(f, "{}{name}: resumed by throw({e})", pad(depth)),
            },
            Event::Yield { name, depth, value } => {
                write!(f, "{}{name}: yields {value}", pad(depth))
            }
            Event::Return { name, depth, value } => {
                write!(f, "{}{name}: returns {value}", pad(depth))
            }
            Event::Raise { name, depth, exception } => write!(f, "{}{name}: raises {exception}", pad(depth)),
            Event::DelegateEnter { name, depth, to } => {
                write!(f, "{}{name}: yield from {to}", pad(depth))
            }
            Event::DelegateLeave { name, depth, to, outcome } => {
                write!(f, "{}{name}: yield from {to} ended: {outcome}", pad(depth))
            }
            Event::State { name, depth, from, to } => {
                write!(f, "{}{name}: {} -> {}", pad(depth), from.name(), to.name())
            }
            Event::Unraisable { name, exception } => {
                write!(f, "Exception ignored in: {name}: {exception}")
            }
            Event::NeverAwaited { name } => write!(f, "RuntimeWarning: coroutine '{name}' was never awaited"),
            Event::Output { text } => write!(f, "| {text}"),
            Event::Status { text } => write!(f, "| {text:?} (status line)"),
            Event::TaskCreated { t, task, coro } => {
                write!(f, "t={t:.3}   {task}: created for {coro}(), scheduled")
            }
            Event::TaskCancel { t, task } => write!(f, "t={t:.3}   {task}: cancel() requested"),
            Event::TimerFired { t, callback } => write!(f, "t={t:.3}   timer due: {callback}()"),
            Event::LoopIteration { t, ready } => write!(f, "t={t:.3} loop: {ready} ready"),
            Event::Callback { t, callback } => write!(f, "t={t:.3}   run {callback}()"),
            Event::TaskStep { t, task, with } => match with {
                Resumed::Send(v) => write!(f, "t={t:.3}   {task}: step, send({v})"),
                Resumed::Throw(e) => write!(f, "t={t:.3}   {task}: step, throw({e})"),
            },
            Event::TaskSuspend { t, task, waits_on } => match io_wait(waits_on) {
                Some(io) => write!(f, "t={t:.3}   {task}: waits to {io}"),
                None => write!(f, "t={t:.3}   {task}: waits on {waits_on}"),
            },
            Event::TimerScheduled { t, when, callback } => {
                write!(f, "t={t:.3}   timer: {callback}() at t={when:.3}")
            }
            Event::FutureDone { t, future, state } => write!(f, "t={t:.3}   {future}: {state}"),
            Event::Warning { t, message } => write!(f, "t={t:.3} WARNING {message}"),
            Event::Select { t, reading, writing, timeout, ready } => {
                let timeout = timeout.map_or_else(|| "None".to_string(), |s| format!("{s:.3}"));
                write!(
                    f,
                    "t={t:.3} select(read={reading:?}, write={writing:?}, timeout={timeout}): {ready} ready"
                )
            }
            Event::Line { file, line, frame, .. } => write!(f, "{file}:{line} in {frame}"),
            Event::Sync { t, object, action, task } => {
                let who = task.as_deref().unwrap_or("the program");
                write!(f, "t={t:.3}   {object}: {who} {action}")
            }
            Event::AwaitedBy { t, task, by, added } => {
                let now = if *added { "awaited by" } else { "no longer awaited by" };
                write!(f, "t={t:.3}   {task}: {now} {by}")
            }
            Event::ThreadSwitch { t, from, to, why } => write!(f, "t={t:.3} thread: {from} {why}, {to} runs"),
        }
    }
}

/// What a task parked on a socket waits to do, from its `TaskSuspend`'s `waits_on`:
/// the loop labels the futures of socket waits `read from ADDRESS`, `write to ADDRESS`,
/// `accept on ADDRESS` or `connect to ADDRESS`. `None` for any other wait (a timer, a
/// lock, another task). Observers use it to draw I/O waits apart from timer waits.
///
/// ```
/// use corosim::trace::io_wait;
/// assert_eq!(io_wait("Future-7 (read from 127.0.0.1:53412)"), Some("read from 127.0.0.1:53412"));
/// assert_eq!(io_wait("Future-3 (sleep(1.0))"), None);
/// ```
pub fn io_wait(waits_on: &str) -> Option<&str> {
    let (_, label) = waits_on.split_once(" (")?;
    let label = label.strip_suffix(')')?;
    IO_WAITS.iter().any(|w| label.starts_with(w)).then_some(label)
}

/// The words that open an I/O wait's label (see [`io_wait`]).
pub const IO_WAITS: [&str; 4] = ["read from ", "write to ", "accept on ", "connect to "];

/// Receives events. Implement it to watch the runtime.
pub trait Recorder {
    /// Called once per event, in order.
    fn record(&self, event: Event);
}

/// A recorder that keeps every event in memory.
#[derive(Default)]
pub struct TraceLog {
    events: RefCell<Vec<Event>>,
}

impl TraceLog {
    /// Takes the events recorded so far.
    pub fn take(&self) -> Vec<Event> {
        self.events.take()
    }
}

impl Recorder for TraceLog {
    fn record(&self, event: Event) {
        self.events.borrow_mut().push(event);
    }
}

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static RECORDER: RefCell<Option<Rc<dyn Recorder>>> = const { RefCell::new(None) };
    static OBSERVER_TIME: Cell<Duration> = const { Cell::new(Duration::ZERO) };
    /// This thread's recordings so far, and each kind's objects named in the current one.
    static NAMING: RefCell<(u64, Vec<(&'static str, u64)>)> = const { RefCell::new((0, Vec::new())) };
}

/// The name the current recording gives a runtime object: its `kind` and a number, in
/// the order the recording first meets objects of that kind (`Semaphore-1`). `memo` is
/// the object's own slot for it (recording, number), so a later recording numbers afresh.
pub fn object_name(kind: &'static str, memo: &Cell<(u64, u64)>) -> String {
    let number = NAMING.with(|n| {
        let mut n = n.borrow_mut();
        let recording = n.0;
        match memo.get() {
            (r, k) if r == recording && k > 0 => k,
            _ => {
                let k = match n.1.iter_mut().find(|(name, _)| *name == kind) {
                    Some((_, count)) => {
                        *count += 1;
                        *count
                    }
                    None => {
                        n.1.push((kind, 1));
                        1
                    }
                };
                memo.set((recording, k));
                k
            }
        }
    });
    format!("{kind}-{number}")
}

/// Runs `f` with `recorder` receiving this thread's events, then restores the previous
/// recorder (recorders nest).
pub fn record<T>(recorder: Rc<dyn Recorder>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Rc<dyn Recorder>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            ON.with(|on| on.set(prev.is_some()));
            RECORDER.with(|r| *r.borrow_mut() = prev);
        }
    }
    let prev = RECORDER.with(|r| r.borrow_mut().replace(recorder));
    ON.with(|on| on.set(true));
    NAMING.with(|n| {
        let mut n = n.borrow_mut();
        n.0 += 1;
        n.1.clear();
    });
    let _restore = Restore(prev);
    f()
}

/// Runs `f` and returns its result with every event it caused.
pub fn collect<T>(f: impl FnOnce() -> T) -> (T, Vec<Event>) {
    let log = Rc::new(TraceLog::default());
    let out = record(log.clone(), f);
    (out, log.take())
}

/// Is a recorder installed on this thread? One cheap check; callers build events only
/// when it says yes.
#[inline]
pub fn is_on() -> bool {
    ON.with(|on| on.get())
}

/// Sends an event to the installed recorder, if any. The closure runs only when one is.
#[inline]
pub fn emit(make: impl FnOnce() -> Event) {
    if is_on() {
        let rec = RECORDER.with(|r| r.borrow().clone());
        if let Some(rec) = rec {
            let started = Instant::now();
            rec.record(make());
            OBSERVER_TIME.with(|t| t.set(t.get() + started.elapsed()));
        }
    }
}

/// Wall time this thread has spent inside recorders so far. Timings of the program
/// (the loop's slow-step check) subtract it: an observer that pauses the program — a
/// stepping debugger, a player waiting for a key — must not look like slow code.
pub fn observer_time() -> Duration {
    OBSERVER_TIME.with(|t| t.get())
}
