//! `asyncio.BaseEventLoop`: a ready queue, a timer heap, and one loop that runs them.
//!
//! The whole of asyncio's scheduling is in [`EventLoop::run_once`], one turn of the loop:
//!
//! 1. if nothing is ready, wait in the selector (`select`/`epoll`, `selector.rs`) — for a
//!    socket to be ready, for the next timer (the timeout; on the virtual clock: jump to
//!    it), or for work from other threads — and queue the callbacks of the ready
//!    sockets; if something is ready, just look at the sockets (timeout 0);
//! 2. move the timers that are due into the ready queue, in deadline order;
//! 3. run every callback that was ready when the turn began, first in, first out.
//!    What they schedule runs next turn;
//! 4. send what the turn's callbacks wrote to their transports (one `send` each:
//!    see `selector.rs`).
//!
//! Task steps are callbacks like any other: "the loop sends results to paused coroutines
//! with `.send()`, and each coroutine runs a few steps and gives control back".
//!
//! **Two clocks and real I/O.** On the real clock the loop sleeps in `select` with the
//! time left until its next timer as the timeout. On the virtual clock, I/O takes no
//! virtual time: before the clock jumps to the next timer the loop looks at its sockets
//! (`select` with timeout 0), and whatever is ready runs at the same virtual instant; the
//! clock jumps only when no socket is ready, and never past that next timer. With sockets
//! registered and no timer left, the loop waits for them in real time, the virtual clock
//! standing still (`time()` does not move while it waits). So a program that talks to
//! itself over loopback prints the same lines, at the same virtual times, every run — as
//! its twin does under CPython with the oracle's virtual clock (`virtual_clock.py`),
//! whose `select` makes the same choices.
//!
//! ```
//! use corosim::aio::EventLoop;
//! use std::{cell::RefCell, rc::Rc};
//! let lp = EventLoop::new();
//! let log = Rc::new(RefCell::new(Vec::new()));
//! let (a, b) = (log.clone(), log.clone());
//! lp.call_later(2.0, "second", move || a.borrow_mut().push("at 2"));
//! lp.call_soon("first", move || b.borrow_mut().push("soon"));
//! let l = lp.clone();
//! lp.call_later(3.0, "stop", move || l.stop());
//! lp.run_forever().unwrap();
//! assert_eq!(*log.borrow(), ["soon", "at 2"]);
//! assert_eq!(lp.time(), 3.0); // virtual seconds: no wall time passed
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::time::{Duration, Instant};

use super::awaitable::Awaitable;
use super::clock::Clock;
use super::events::LoopCell;
use super::future::{Future, FutureCell, FutureKind, Loop};
use super::handle::panic_exception;
use super::handle::{Handle, Scheduled, Timer};
use super::inbox::ThreadCall;
use super::ready::Ready;
use super::selector::os_error;
use super::task::Task;
use crate::exception::{PyException, PyResult, RUNTIME_ERROR, TYPE_ERROR};
use crate::trace::{self, Event};
use crate::value::Value;

/// `loop._clock_resolution`: `time.get_clock_info('monotonic').resolution` on Linux.
const CLOCK_RESOLUTION: f64 = 1e-9;
/// A step or a stretch of callback code that holds the loop longer than this (real time)
/// is reported: the `time.sleep()`-inside-a-coroutine mistake.
pub const SLOW_CALLBACK_SECONDS: f64 = 0.1;

/// An asyncio event loop. Cloning gives another reference to the same loop.
// Its state is the `LoopCell` its futures and tasks hold (`events.rs`); this file is what
// runs it.
#[derive(Clone)]
pub struct EventLoop(pub(crate) Rc<Loop>);

thread_local! {
    static RUNNING: RefCell<Option<EventLoop>> = const { RefCell::new(None) };
    static CURRENT: RefCell<Option<EventLoop>> = const { RefCell::new(None) };
}

/// `asyncio.get_running_loop()`.
pub fn get_running_loop() -> PyResult<EventLoop> {
    RUNNING
        .with(|r| r.borrow().clone())
        .ok_or_else(|| PyException::new(RUNTIME_ERROR, "no running event loop"))
}

/// `asyncio.get_event_loop()`: the running loop, else this thread's current loop (made
/// on first use, with a virtual clock).
pub fn get_event_loop() -> EventLoop {
    if let Ok(lp) = get_running_loop() {
        return lp;
    }
    CURRENT.with(|c| c.borrow_mut().get_or_insert_with(EventLoop::new).clone())
}

/// The future whose `await` just yielded it under `id` (what `await future` hands
/// whoever drives the coroutine), while no task has taken it up: what a program that
/// drives a coroutine by hand (`next(fut.__await__())`) is handed.
pub fn future_yielded(id: crate::value::ObjectId) -> Option<Future> {
    let lp = RUNNING.with(|r| r.borrow().clone()).or_else(|| CURRENT.with(|c| c.borrow().clone()))?;
    let blocking = lp.0.blocking.borrow().clone()?;
    Some(Future(blocking)).filter(|f| f.id() == id)
}

/// `asyncio.set_event_loop(loop)`.
pub fn set_event_loop(lp: Option<EventLoop>) {
    CURRENT.with(|c| *c.borrow_mut() = lp);
}

/// `asyncio.new_event_loop()`, on the clock the program is run with (virtual unless a
/// caller chose otherwise with [`with_clock`](super::with_clock)).
pub fn new_event_loop() -> EventLoop {
    EventLoop::new()
}

impl Default for EventLoop {
    fn default() -> Self {
        Self::new()
    }
}

impl EventLoop {
    /// A new loop on the clock the program is run with: virtual (timers fire in order,
    /// instantly) unless the caller chose the real one with [`with_clock`](super::with_clock).
    pub fn new() -> EventLoop {
        Self::with_clock(super::clock::policy_clock().clock())
    }

    /// A new loop on the real clock, for live demos.
    pub fn with_real_clock() -> EventLoop {
        Self::with_clock(Clock::real())
    }

    /// A new loop on the given clock.
    pub fn with_clock(clock: Clock) -> EventLoop {
        EventLoop(Rc::new(LoopCell::new(clock)))
    }

    /// Sends now what this loop's transports have corked this turn (they send it when the
    /// turn ends). For a call about to block the loop's thread — a blocking socket call in
    /// a coroutine — whose peer may be waiting for those bytes: CPython's transports write
    /// at once, so the peer would have them.
    ///
    /// ```
    /// let lp = corosim::aio::EventLoop::new();
    /// lp.send_corked(); // nothing corked: nothing sent
    /// ```
    pub fn send_corked(&self) {
        self.0.selector.send_corked();
    }

    /// `loop.time()`: virtual or real seconds.
    pub fn time(&self) -> f64 {
        self.0.time()
    }

    /// A blocking call (`time.sleep(s)` in a coroutine or callback) held this loop's
    /// thread for `seconds`: the loop's clock moves on by that much, as asyncio's one
    /// monotonic clock does. The loop was frozen meanwhile, so timers that came due run
    /// late, at its next turn. On the real clock this does nothing: the seconds passed.
    ///
    /// ```
    /// let lp = corosim::aio::EventLoop::new();
    /// lp.advance_virtual_clock(1.0);
    /// assert_eq!(lp.time(), 1.0);
    /// ```
    pub fn advance_virtual_clock(&self, seconds: f64) {
        self.0.clock.advance_by(seconds);
    }

    /// Is this loop on the virtual clock?
    pub fn is_virtual(&self) -> bool {
        self.0.clock.is_virtual()
    }

    /// `loop.get_debug()`.
    pub fn get_debug(&self) -> bool {
        self.0.debug.get()
    }

    /// `loop.set_debug(flag)`: slow-step warnings (on by default for corosim's own
    /// programs, a teaching tool; off for a learner's `.py`, as in CPython: see
    /// [`with_debug`](super::with_debug)).
    pub fn set_debug(&self, on: bool) {
        self.0.debug.set(on);
    }

    /// `loop.is_running()`.
    pub fn is_running(&self) -> bool {
        self.0.running.get()
    }

    /// `loop.is_closed()`.
    pub fn is_closed(&self) -> bool {
        self.0.closed.get()
    }

    /// Is `other` the same loop?
    pub fn is(&self, other: &EventLoop) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `loop.call_soon(callback)`: run it on the next turn, after what is already queued.
    pub fn call_soon(&self, name: impl Into<Cow<'static, str>>, f: impl FnOnce() + 'static) -> Handle {
        self.0.call_soon(name.into(), Box::new(f))
    }

    /// `loop.call_later(delay, callback)`: run it `delay` seconds from now.
    pub fn call_later(
        &self,
        delay: f64,
        name: impl Into<Cow<'static, str>>,
        f: impl FnOnce() + 'static,
    ) -> Handle {
        self.call_at(self.time() + delay, name, f)
    }

    /// `loop.call_at(when, callback)`: run it when `loop.time()` reaches `when`.
    pub fn call_at(
        &self,
        when: f64,
        name: impl Into<Cow<'static, str>>,
        f: impl FnOnce() + 'static,
    ) -> Handle {
        let name = name.into();
        trace::emit(|| Event::TimerScheduled { t: self.time(), when, callback: name.to_string() });
        let seq = self.0.timer_seq.get();
        self.0.timer_seq.set(seq + 1);
        let callback = Scheduled::new(name, Box::new(f));
        let handle = callback.handle(Some(when));
        self.0.timers.borrow_mut().push(Timer { when, seq, callback });
        handle
    }

    /// `loop.create_future()`.
    pub fn create_future(&self) -> Future {
        Future::new(self)
    }

    /// `loop.create_task(coro)`: wrap a coroutine in a Task, already scheduled to start.
    pub fn create_task(&self, coro: crate::Generator) -> Task {
        self.create_task_named(coro, None)
    }

    /// `loop.create_task(coro, name=name)`: the task has its name from the start (its
    /// `TaskCreated` event says it), as CPython's does.
    ///
    /// ```
    /// use corosim::{Generator, aio};
    /// let lp = aio::EventLoop::new();
    /// let t = lp.create_task_named(Generator::coroutine("c", |_| async { Ok(1.into()) }), Some("fetch".into()));
    /// assert_eq!(t.get_name(), "fetch");
    /// # lp.run_until_complete(&t).unwrap();
    /// ```
    pub fn create_task_named(&self, coro: crate::Generator, name: Option<Cow<'static, str>>) -> Task {
        let task = Task::new(&self.0, coro, name);
        let mut tasks = self.0.tasks.borrow_mut();
        if tasks.len() == tasks.capacity() {
            // Before the list grows, forget the tasks that are gone or done: a weak
            // reference keeps a dropped task's memory allocated. Then make room for an
            // eighth more (as CPython's lists grow), so a sweep comes at most every
            // eighth of the live tasks' pushes: O(1) per task.
            tasks.retain(|w| w.upgrade().is_some_and(|f| !Future(f).done()));
            let live = tasks.len();
            tasks.reserve_exact(live / 8 + 8);
        }
        tasks.push(Rc::downgrade(&task.0.0));
        drop(tasks);
        task
    }

    /// `asyncio.all_tasks(loop)`: the tasks not yet done.
    pub fn all_tasks(&self) -> Vec<Task> {
        let mut tasks = self.0.tasks.borrow_mut();
        tasks.retain(|w| w.upgrade().is_some_and(|f| !Future(f).done()));
        tasks.iter().filter_map(|w| w.upgrade()).map(|f| Task(Future(f))).collect()
    }

    /// `asyncio.current_task()`: the task whose step is running.
    pub fn current_task(&self) -> Option<Task> {
        self.0.current_task.borrow().clone().map(|cell| Task(Future(cell)))
    }

    /// `loop.stop()`: finish the current turn, then return from `run_forever`.
    pub fn stop(&self) {
        self.0.stopping.set(true);
    }

    /// `loop.run_forever()`: run turns until `stop()`.
    ///
    /// On the virtual clock, a loop that can never do anything again (no ready callbacks,
    /// no timers, no work in other threads, nobody left who could send some) does not
    /// hang: it returns an error naming each pending task and what it waits on.
    pub fn run_forever(&self) -> PyResult<()> {
        self.check_runnable()?;
        let _running = RunningLoop::enter(self);
        loop {
            self.run_once()?;
            if self.0.stopping.get() {
                break;
            }
        }
        Ok(())
    }

    /// `loop.run_until_complete(future_or_coroutine)`: run until it is done; return its
    /// result or raise its exception (the same object).
    pub fn run_until_complete(&self, aw: impl Into<Awaitable>) -> PyResult {
        self.check_runnable()?;
        let fut = ensure_future_on(aw.into(), self)?;
        let lp = self.clone();
        let shown = super::lib_callback("_run_until_complete_cb", "base_events.py:180");
        let stopper = fut.add_done_callback_shown("_run_until_complete_cb", shown, move |_| lp.stop());
        let outcome = self.run_forever();
        fut.remove_done_callback(stopper);
        outcome?;
        if !fut.done() {
            return Err(PyException::new(RUNTIME_ERROR, "Event loop stopped before Future completed."));
        }
        fut.result()
    }

    fn check_runnable(&self) -> PyResult<()> {
        if self.is_closed() {
            return Err(PyException::new(RUNTIME_ERROR, "Event loop is closed"));
        }
        if self.is_running() {
            return Err(PyException::new(RUNTIME_ERROR, "This event loop is already running"));
        }
        if RUNNING.with(|r| r.borrow().is_some()) {
            return Err(PyException::new(
                RUNTIME_ERROR,
                "Cannot run the event loop while another loop is running",
            ));
        }
        Ok(())
    }

    /// `loop.close()`: drop what is scheduled and shut the executor down. Tasks still
    /// pending now can never finish: each is reported as "Task was destroyed but it is
    /// pending!" and its coroutine is closed, as Python's garbage collector would; and
    /// transports and servers still open close their sockets, as the collector's
    /// `__del__` would, so no descriptor outlives the loop.
    pub fn close(&self) -> PyResult<()> {
        if self.is_running() {
            return Err(PyException::new(RUNTIME_ERROR, "Cannot close a running event loop"));
        }
        if self.0.closed.replace(true) {
            return Ok(());
        }
        self.0.ready.borrow_mut().clear();
        self.0.timers.borrow_mut().clear();
        self.0.selector.clear();
        if let Some(executor) = self.0.executor.borrow_mut().take() {
            executor.shutdown();
        }
        for task in self.all_tasks() {
            task.destroy_pending();
        }
        // Connections and servers left open: their sockets close now (see `Resource`).
        self.0.close_resources();
        Ok(())
    }

    /// One turn of the loop. See the module documentation.
    fn run_once(&self) -> PyResult<()> {
        let cell = &*self.0;
        // On the virtual clock, executor results are let in only once all jobs are done
        // (see `wait_for_work`); on the real clock, as they come.
        let mut jobs_done = !cell.clock.is_virtual();
        if cell.ready.borrow().is_empty() && !cell.stopping.get() {
            jobs_done |= self.wait_for_work()?;
        } else if !cell.selector.is_empty() {
            // Busy, but sockets are registered: look at them without waiting, as
            // asyncio's `select(0)` does every turn, so I/O is never starved.
            self.select(Some(Duration::ZERO))?;
        }
        self.take_thread_calls(jobs_done);
        let now = self.time();
        // As asyncio: a timer within the clock's resolution of now is due now too (two
        // sums that should meet, 0.5 + 0.2 and 0.4 + 0.30000000000000004, fire together).
        let end = now + CLOCK_RESOLUTION;
        loop {
            let mut timers = cell.timers.borrow_mut();
            let due = timers.peek().is_some_and(|t| t.when < end || t.callback.cancelled());
            if !due {
                break;
            }
            let timer = timers.pop().expect("peeked");
            drop(timers);
            if !timer.callback.cancelled() {
                trace::emit(|| Event::TimerFired { t: now, callback: timer.callback.name().to_string() });
                cell.ready.borrow_mut().push_back(Ready::Call(timer.callback));
            }
        }
        let n = cell.ready.borrow().len();
        trace::emit(|| Event::LoopIteration { t: now, ready: n });
        for _ in 0..n {
            let Some(item) = cell.ready.borrow_mut().pop_front() else {
                break;
            };
            self.run_ready(item);
        }
        cell.selector.send_corked();
        Ok(())
    }

    /// Runs one ready item, timing it (a slow step is the classic blocking mistake) and
    /// catching panics (a bug in one callback must not poison the loop).
    fn run_ready(&self, item: Ready<FutureCell>) {
        let started = self.0.debug.get().then(|| (Instant::now(), trace::observer_time() + others_time()));
        let what = match item {
            Ready::Step(cell) => {
                let task = Task(Future(cell));
                task.step(None);
                Some(task)
            }
            Ready::Throw(boxed) => {
                let (cell, exc) = *boxed;
                let task = Task(Future(cell));
                task.step(Some(exc));
                Some(task)
            }
            Ready::Wakeup(cell) => {
                let task = Task(Future(cell));
                task.wakeup();
                Some(task)
            }
            Ready::Call(cb) => {
                if !cb.cancelled()
                    && let Some(f) = cb.take()
                {
                    let name = cb.name();
                    trace::emit(|| Event::Callback { t: self.time(), callback: name.to_string() });
                    if let Err(panic) = catch_unwind(AssertUnwindSafe(f)) {
                        let e = panic_exception(&panic);
                        self.warn(format!("Exception in callback {name}()\n{e}"));
                    }
                    if let Some(started) = started {
                        self.check_slow(started, || format!("<Handle {name}()>"));
                    }
                }
                None
            }
        };
        if let (Some(task), Some(started)) = (what, started) {
            self.check_slow(started, || task.describe());
        }
    }

    /// `started`: when the item began, and the observers' and other threads' time then
    /// (time spent in other simulated threads is theirs, not this step's; time spent paused in
    /// a recorder is the observer's, not the program's).
    fn check_slow(&self, started: (Instant, Duration), what: impl FnOnce() -> String) {
        let observed = (trace::observer_time() + others_time()).saturating_sub(started.1);
        let took = started.0.elapsed().saturating_sub(observed).as_secs_f64();
        if took >= SLOW_CALLBACK_SECONDS {
            self.warn(format!("Executing {} took {took:.3} seconds", what()));
        }
    }

    /// Prints a warning as asyncio's logger would, and records it in the trace.
    pub(crate) fn warn(&self, message: String) {
        self.0.warn(message);
    }

    /// Whether warnings are also printed to stderr (the default, as asyncio's logger does).
    /// A full-screen viewer turns this off: the warnings still reach the trace, and a
    /// stray line on stderr would tear its screen. Like silencing the `asyncio` logger.
    pub fn set_warnings_to_stderr(&self, on: bool) {
        self.0.warnings_to_stderr.set(on);
    }

    /// Nothing is ready: wait for I/O, the next timer, or other threads. True if it
    /// waited for every executor job to finish.
    ///
    /// How the two clocks combine with I/O: on the real clock the loop sleeps in
    /// `select`, with the time left until its next timer as the timeout, as asyncio does.
    /// On the virtual clock I/O takes no virtual time: before jumping to its next timer
    /// the loop looks at its sockets (`select` with timeout 0), and anything ready runs
    /// first, at the same virtual instant; only when no socket is ready does the clock
    /// jump, never past that next timer. With no timer left, it waits for the sockets in
    /// real time (a server waiting for clients), with the virtual clock standing still.
    fn wait_for_work(&self) -> PyResult<bool> {
        let cell = &*self.0;
        // Executor work takes no virtual time: before the virtual clock moves, every job
        // already submitted is waited for, so its result lands at the same point of every
        // run. (On the real clock, results arrive when they arrive.)
        if cell.clock.is_virtual() && cell.inbox.jobs_in_flight() > 0 {
            cell.inbox.wait_for_all_jobs();
            return Ok(true);
        }
        if cell.inbox.has_calls() {
            return Ok(false);
        }
        let next_timer = self.next_timer();
        // Among simulated threads (no sockets of its own to watch), the wait is its thread's
        // (on either clock: a real wait in `select` would hold up the other threads).
        if cell.selector.is_empty()
            && let Some(host) = super::idle::idle_host()
            && self.wait_as_a_thread(&*host, next_timer)?
        {
            return Ok(false);
        }
        let io = !cell.selector.is_empty();
        let timeout = match (next_timer, &cell.clock) {
            (Some(when), Clock::Virtual(_)) => {
                if io && self.select(Some(Duration::ZERO))? > 0 {
                    return Ok(false);
                }
                cell.clock.advance_to(when);
                return Ok(false);
            }
            (Some(when), Clock::Real(_)) => Some(Duration::from_secs_f64((when - self.time()).max(0.0))),
            (None, _) if io || cell.inbox.could_receive() => None,
            (None, _) => return Err(self.stalled()),
        };
        self.select(timeout)?;
        Ok(false)
    }

    /// One `select(timeout)`: waits for a registered socket, another thread's call, or
    /// the timeout, and queues the callbacks of the sockets that are ready. Returns how
    /// many it queued.
    fn select(&self, timeout: Option<Duration>) -> PyResult<usize> {
        let cell = &*self.0;
        let mut timeout = timeout;
        if timeout != Some(Duration::ZERO) {
            // The poller must exist before the inbox is looked at: a call posted after
            // the look then interrupts the wait, instead of being missed.
            cell.selector.prepare().map_err(|e| os_error(&e))?;
            if cell.inbox.has_calls() {
                timeout = Some(Duration::ZERO);
            }
        }
        let t = self.time();
        let ready = cell.selector.select(timeout).map_err(|e| os_error(&e))?;
        let n = ready.len();
        if timeout != Some(Duration::ZERO) || n > 0 {
            trace::emit(|| {
                let (reading, writing) = cell.selector.watched();
                Event::Select { t, reading, writing, timeout: timeout.map(|d| d.as_secs_f64()), ready: n }
            });
        }
        for callback in ready {
            let f = callback.f;
            cell.ready
                .borrow_mut()
                .push_back(Ready::Call(Scheduled::new(callback.name, Box::new(move || f()))));
        }
        Ok(n)
    }

    /// Idle among simulated threads: the host waits as this loop's
    /// thread until the next timer or a `call_soon_threadsafe`, and the loop's clock moves
    /// by the time that passed (see `idle.rs`). False: the loop is alone.
    fn wait_as_a_thread(&self, host: &dyn super::idle::IdleHost, next_timer: Option<f64>) -> PyResult<bool> {
        let cell = &*self.0;
        let (start, mine) = (host.now(), self.time());
        let until = next_timer.map(|when| start + (when - mine).max(0.0));
        cell.thread_woken.set(false);
        let lp = self.clone();
        let woken = Rc::new(move || lp.0.thread_woken.get() || lp.0.inbox.has_calls());
        if !host.wait(until, woken)? {
            return Ok(false);
        }
        match (next_timer, until) {
            // The host's clock reached the deadline: the loop's is at its timer, exactly.
            // (Not `mine + passed`: with the two clocks apart, that sum may round just
            // below the timer, which then never comes due.)
            (Some(when), Some(until)) if host.now() >= until => cell.clock.advance_to(when),
            _ => cell.clock.advance_to(mine + (host.now() - start)),
        }
        Ok(true)
    }

    fn next_timer(&self) -> Option<f64> {
        let mut timers = self.0.timers.borrow_mut();
        while timers.peek().is_some_and(|t| t.callback.cancelled()) {
            timers.pop();
        }
        timers.peek().map(|t| t.when)
    }

    /// Moves what other threads sent (`call_soon_threadsafe`, executor results) into the
    /// ready queue.
    fn take_thread_calls(&self, with_jobs: bool) {
        for call in self.0.inbox.take_calls(with_jobs) {
            match call {
                ThreadCall::Call(name, f) => {
                    self.call_soon(name, f);
                }
                ThreadCall::JobDone(id, result) => {
                    let fut = self.0.executor.borrow_mut().as_mut().and_then(|e| e.finished(id)).map(Future);
                    if let Some(fut) = fut {
                        let name = format!("set result of executor job {id}");
                        self.call_soon(name, move || match result.into_result() {
                            Ok(v) => fut.set_result_unless_cancelled(v),
                            Err(e) => fut.set_exception_unless_cancelled(e),
                        });
                    }
                }
            }
        }
    }

    /// The error for a loop that can never make progress again.
    fn stalled(&self) -> PyException {
        let mut lines = vec!["event loop stalled: nothing is ready, no timer is set, no other thread can wake it, so it would wait forever. Pending tasks:".to_string()];
        for task in self.all_tasks() {
            lines.push(format!("  {} waiting on {}", task.describe(), task.waiting_on()));
        }
        PyException::new(RUNTIME_ERROR, lines.join("\n"))
    }
}

impl Future {
    /// `loop.create_future()`.
    pub fn new(lp: &EventLoop) -> Future {
        Self::with_kind(&lp.0, FutureKind::Plain, None)
    }

    /// `future.get_loop()`.
    pub fn get_loop(&self) -> EventLoop {
        EventLoop(self.0.lp.clone())
    }
}

/// The running loop and the current loop of one thread: what [`swap_thread_loops`]
/// exchanges when a simulated thread gives the OS thread to another.
#[derive(Default)]
pub struct ThreadLoops {
    running: Option<EventLoop>,
    current: Option<EventLoop>,
}

/// Puts `saved`'s running and current loop in place for this OS thread, and the ones
/// that were in place into `saved`: a scheduler of simulated threads calls it on each
/// switch, so each has its own `get_running_loop()`, as each OS thread has in CPython.
///
/// ```
/// use corosim::aio::{self, ThreadLoops};
/// let mut other = ThreadLoops::default();
/// aio::set_event_loop(Some(aio::new_event_loop()));
/// aio::swap_thread_loops(&mut other); // another thread runs: it has no loop of its own
/// assert!(aio::get_running_loop().is_err());
/// aio::swap_thread_loops(&mut other); // back
/// ```
pub fn swap_thread_loops(saved: &mut ThreadLoops) {
    RUNNING.with(|r| std::mem::swap(&mut *r.borrow_mut(), &mut saved.running));
    CURRENT.with(|c| std::mem::swap(&mut *c.borrow_mut(), &mut saved.current));
}

/// Real time the interpreter has spent in threads other than this one (`IdleHost`).
fn others_time() -> Duration {
    super::idle::idle_host().map_or(Duration::ZERO, |h| h.others_time())
}

/// Marks a loop as the running one for this thread, and unmarks it however the run ends.
struct RunningLoop(EventLoop, Option<EventLoop>);

impl RunningLoop {
    fn enter(lp: &EventLoop) -> Self {
        lp.0.running.set(true);
        lp.0.stopping.set(false);
        let prev = RUNNING.with(|r| r.borrow_mut().replace(lp.clone()));
        RunningLoop(lp.clone(), prev)
    }
}

impl Drop for RunningLoop {
    fn drop(&mut self) {
        self.0.0.running.set(false);
        self.0.0.stopping.set(false);
        let prev = self.1.take();
        RUNNING.with(|r| *r.borrow_mut() = prev);
    }
}

/// Errors for things that cannot be awaited.
pub(crate) fn not_awaitable(v: &Value) -> PyException {
    let _ = v;
    PyException::new(TYPE_ERROR, "An asyncio.Future, a coroutine or an awaitable is required")
}

/// `ensure_future(aw)` on a given loop: a Future as it is; a coroutine, or an object with
/// `__await__`, wrapped in a new Task there.
pub(crate) fn ensure_future_on(aw: Awaitable, lp: &EventLoop) -> PyResult<Future> {
    match aw {
        Awaitable::Coroutine(coro) => Ok(lp.create_task(coro).0),
        Awaitable::Future(f) => Ok(f),
        // `_wrap_awaitable`: `return (yield from awaitable.__await__())`.
        Awaitable::Object(aw) => {
            let wrap =
                crate::Generator::coroutine("_wrap_awaitable", |co| async move { co.await_(aw).await });
            Ok(lp.create_task(wrap).0)
        }
        Awaitable::Other(v) => Err(not_awaitable(&v)),
    }
}
