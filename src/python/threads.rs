//! Threads under the GIL, simulated: the scheduler behind a program's `threading`.
//!
//! CPython runs the bytecode of one thread at a time. A thread holds the GIL and gives it
//! up when it blocks (`join`, `Event.wait`, `Lock.acquire`, `time.sleep`, I/O), or when it
//! has run for the *switch interval* (`sys.setswitchinterval`, 5 ms by default) and
//! another thread is waiting; which thread runs next is the OS's choice. So a thread can
//! lose the interpreter between any two statements, and a read-modify-write spread over
//! two statements races.
//!
//! corosim does the same on one OS thread, repeatably. Each simulated thread runs on a
//! stack of its own (a stackful coroutine from the `generator` crate, so it can be paused
//! deep inside nested calls); the main thread runs on the OS thread's own stack and is the
//! scheduler. The running thread is preempted at a statement boundary once it has run
//! `--switch-every N` statements ([`DEFAULT_SWITCH_EVERY`]); the next is the next runnable
//! one in turn, or, with `--seed S`, a seeded draw (the switch points are drawn too), so a
//! race shows the same way for the same seed. Blocking is waiting for a condition, with
//! an optional deadline on the program's virtual clock; when every thread waits, the clock
//! jumps to the earliest deadline (with `--real-time`, the clock is real and the OS thread
//! sleeps until then, so `time.sleep(1)` in a thread takes a real second). When none has a deadline, no thread can ever run again:
//! that deadlock ends the program with a report of where each thread waits, never a hang.
//!
//! Only the primitives are here (a thread, a lock, a sleep, a wait); `threading`,
//! `queue` and `concurrent.futures` are built on them in Python, as CPython's are on
//! `_thread` (`modules/thread.rs`, `modules/*.py`).
//!
//! ```
//! let src = "import threading\nout = []\ndef work(n):\n    out.append(n * n)\nts = [threading.Thread(target=work, args=(i,)) for i in range(3)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(sorted(out))\n";
//! assert_eq!(corosim::python::run_to_string(src), "[0, 1, 4]\n");
//! ```

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use generator::{Generator, Gn};

use super::state::{ThreadFrames, budget_spent, swap_thread_frames};
use crate::aio::ThreadLoops;
use crate::exception::*;
use crate::trace::{self, Event};

/// Statements a thread runs before it is preempted, by default: CPython's 5 ms switch
/// interval at about 50 ns a simple statement (CPython 3.11 on a current machine). So
/// `sys.setswitchinterval(s)` sets `s / 50 ns` statements.
pub const DEFAULT_SWITCH_EVERY: u64 = 100_000;

/// A simulated thread's stack, in words (64 MiB: Python's recursion limit of 1,000 frames
/// fits; the memory is only mapped, and used as it is touched).
const STACK_WORDS: usize = (64 << 20) / std::mem::size_of::<usize>();

/// What a blocked thread waits for: it may run again once this holds.
pub type Ready = Rc<dyn Fn() -> bool>;

/// What a thread blocked in a socket call waits for in the kernel: its descriptor (a
/// duplicate, so the wait never outlives it), and whether it waits to write. When every
/// thread waits, the scheduler asks the kernel (`poll`) about these.
#[derive(Clone)]
pub struct IoWait {
    /// The socket's descriptor.
    pub fd: Rc<std::os::fd::OwnedFd>,
    /// `True`: room to write (or a connect finished); `False`: something to read.
    pub write: bool,
}

enum State {
    Runnable,
    Blocked { ready: Ready, deadline: Option<f64>, io: Option<IoWait> },
    Done,
}

struct SimThread {
    ident: u64,
    name: String,
    /// `None` for the main thread (it runs on the OS thread's stack), and while resumed.
    stack: Option<Generator<'static, (), ()>>,
    state: State,
    /// Its frames and loops while another thread runs.
    frames: ThreadFrames,
    loops: ThreadLoops,
    /// The last line of the program it ran (for the deadlock report).
    line: u32,
    /// Real time it has held the interpreter, up to its last turn's end.
    ran: Duration,
}

struct Scheduler {
    threads: Vec<SimThread>,
    /// The thread whose frames are in the thread state now.
    current: usize,
    /// The thread that ran last (for the trace, and the turn order).
    last_ran: usize,
    /// The program's virtual clock.
    now: f64,
    /// `--real-time`: the program's clock is real seconds since this instant instead, and
    /// a wait takes the time it waits.
    real: Option<Instant>,
    switch_every: u64,
    /// The seeded variant's generator state.
    rng: Option<u64>,
    next_ident: u64,
    /// An error that ends the program, raised in a thread that is not the main one (a
    /// spent step budget): the main thread raises it.
    fatal: Option<PyException>,
    /// Threads started and not yet finished, the main one included.
    alive: usize,
    /// When the current thread's frames went in (for `ran`).
    turn_started: Instant,
    /// Real time every thread has held the interpreter, up to the current turn.
    all_ran: Duration,
    /// Real time spent on corosim's own setup (making a library module written in
    /// Python): no step of the program's.
    setup: Duration,
}

thread_local! {
    static SCHED: RefCell<Scheduler> = RefCell::new(Scheduler::new(DEFAULT_SWITCH_EVERY, None, false));
    /// Statements left before the running thread is preempted, and its last line: read
    /// at every statement, so a bare cell, not the scheduler's `RefCell`.
    static TICK: Tick = const { Tick { left: Cell::new(u64::MAX), line: Cell::new(0) } };
    /// The report of a deadlock, once one happened.
    static DEADLOCK: RefCell<Option<String>> = const { RefCell::new(None) };
}

struct Tick {
    left: Cell<u64>,
    line: Cell<u32>,
}

impl Scheduler {
    fn new(switch_every: u64, seed: Option<u64>, real_time: bool) -> Scheduler {
        Scheduler {
            threads: vec![SimThread {
                ident: MAIN_IDENT,
                name: "MainThread".into(),
                stack: None,
                state: State::Runnable,
                frames: ThreadFrames::default(),
                loops: ThreadLoops::default(),
                line: 0,
                ran: Duration::ZERO,
            }],
            current: 0,
            last_ran: 0,
            now: 0.0,
            real: real_time.then(Instant::now),
            switch_every: switch_every.max(1),
            // SplitMix64 wants any nonzero-ish start; the seed's own bits are mixed in.
            rng: seed.map(|s| s ^ 0x9E37_79B9_7F4A_7C15),
            next_ident: MAIN_IDENT + 1,
            fatal: None,
            alive: 1,
            turn_started: Instant::now(),
            all_ran: Duration::ZERO,
            setup: Duration::ZERO,
        }
    }

    /// The program's clock: virtual seconds, or real ones with `--real-time`.
    fn clock(&self) -> f64 {
        match self.real {
            Some(start) => start.elapsed().as_secs_f64(),
            None => self.now,
        }
    }

    /// The clock moves on to `t` (never back): the virtual one jumps; on the real one,
    /// the OS thread sleeps until then (nothing else can run: every thread waits).
    fn advance_to(&mut self, t: f64) {
        match self.real {
            Some(_) => {
                let wait = t - self.clock();
                if wait > 0.0 {
                    std::thread::sleep(Duration::from_secs_f64(wait));
                }
            }
            None => self.now = self.now.max(t),
        }
    }

    /// SplitMix64: small, fast, and the same sequence everywhere for a seed.
    fn draw(&mut self) -> Option<u64> {
        let state = self.rng.as_mut()?;
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Some(z ^ (z >> 31))
    }

    /// Statements the next turn lasts: `switch_every`, or with a seed a draw between 1
    /// and twice that (the same on average).
    fn next_slice(&mut self) -> u64 {
        if self.alive < 2 {
            return u64::MAX;
        }
        let n = self.switch_every;
        match self.draw() {
            Some(r) => 1 + r % (2 * n).saturating_sub(1).max(1),
            None => n,
        }
    }
}

/// The main thread's `threading.get_ident()`.
pub const MAIN_IDENT: u64 = 1;

/// Starts a fresh scheduler for a program; with `real_time`, on the real clock.
pub fn reset(switch_every: u64, seed: Option<u64>, real_time: bool) {
    let fresh = Scheduler::new(switch_every, seed, real_time);
    let old = SCHED.with(|s| std::mem::replace(&mut *s.borrow_mut(), fresh));
    forget(old);
    TICK.with(|t| {
        t.left.set(u64::MAX);
        t.line.set(0);
    });
    DEADLOCK.with(|d| d.borrow_mut().take());
    crate::aio::set_idle_host(Some(Rc::new(Host)));
}

/// Ends a program's threads. Daemon threads (and threads left blocked by an error) are
/// dropped where they stand, as CPython drops daemon threads at exit: their stacks are
/// let go without unwinding, so none of their code runs again.
pub fn finish() {
    let old = SCHED
        .with(|s| std::mem::replace(&mut *s.borrow_mut(), Scheduler::new(DEFAULT_SWITCH_EVERY, None, false)));
    forget(old);
    TICK.with(|t| t.left.set(u64::MAX));
    let unstarted = BODIES.with(|b| std::mem::take(&mut *b.borrow_mut()));
    drop(unstarted);
    crate::aio::set_idle_host(None);
}

fn forget(old: Scheduler) {
    for t in old.threads {
        if let Some(stack) = t.stack {
            if stack.is_done() {
                drop(stack);
            } else {
                std::mem::forget(stack);
            }
        }
    }
}

/// Real time corosim spent on its own setup (a library module compiled and run): a loop's
/// slow-step warning leaves it out.
pub fn add_setup_time(d: Duration) {
    SCHED.with(|s| s.borrow_mut().setup += d);
}

/// Seconds of CPython's time one statement stands for (see [`DEFAULT_SWITCH_EVERY`]).
const SECONDS_A_STATEMENT: f64 = 5e-8;

/// `sys.getswitchinterval()`: the statements of a turn, as CPython's seconds.
pub fn switch_interval() -> f64 {
    SCHED.with(|s| s.borrow().switch_every as f64 * SECONDS_A_STATEMENT)
}

/// `sys.setswitchinterval(seconds)`: a turn of that many of CPython's seconds.
pub fn set_switch_interval(seconds: f64) -> PyResult<()> {
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(PyException::new(VALUE_ERROR, "switch interval must be strictly positive"));
    }
    let n = (seconds / SECONDS_A_STATEMENT).round().clamp(1.0, 1e15) as u64;
    SCHED.with(|s| s.borrow_mut().switch_every = n);
    Ok(())
}

/// The report of the deadlock that ended the program, if one did.
pub fn take_deadlock() -> Option<String> {
    DEADLOCK.with(|d| d.borrow_mut().take())
}

/// The program's clock (seconds): virtual, or real with `--real-time`.
pub fn now() -> f64 {
    SCHED.with(|s| s.borrow().clock())
}

/// `threading.get_ident()` of the running thread.
pub fn current_ident() -> u64 {
    SCHED.with(|s| {
        let s = s.borrow();
        s.threads[s.current].ident
    })
}

/// The running thread's name for a line event, once the program has more than the main
/// thread (`None` on the main thread): so a viewer tells the threads' lines apart.
pub fn current_thread_name() -> Option<String> {
    SCHED.with(|s| {
        let s = s.borrow();
        (s.current != 0).then(|| s.threads[s.current].name.clone())
    })
}

/// Names a thread, for the trace and the deadlock report (`Thread.name`).
pub fn set_name(ident: u64, name: &str) {
    SCHED.with(|s| {
        if let Some(t) = s.borrow_mut().threads.iter_mut().find(|t| t.ident == ident) {
            t.name = name.to_string();
        }
    })
}

/// The statement hook: `true` when the running thread's turn is over. Run before every
/// statement: one thread-local cell, counted down.
#[inline]
pub fn statement_due(line: u32) -> bool {
    TICK.with(|t| {
        if line != 0 {
            t.line.set(line);
        }
        let left = t.left.get();
        if left > 1 {
            t.left.set(left - 1);
            return false;
        }
        true
    })
}

/// The running thread's turn is over: another runnable thread (if any) runs now.
pub fn preempt() -> PyResult<()> {
    let alone = SCHED.with(|s| s.borrow().alive < 2);
    if alone {
        TICK.with(|t| t.left.set(u64::MAX));
        return Ok(());
    }
    reschedule("preempted")
}

/// Starts a thread that runs `body`; returns its ident. It runs when the scheduler
/// gives it a turn.
pub fn spawn(name: &str, body: impl FnOnce() -> PyResult<()> + 'static) -> u64 {
    let ident = SCHED.with(|s| s.borrow().next_ident);
    // The body holds the program's values, which stay on this OS thread: it waits here,
    // and the stack's own closure (which the crate wants `Send`) carries only the ident.
    BODIES.with(|b| b.borrow_mut().push((ident, Box::new(body))));
    let stack = Gn::<()>::new_opt(STACK_WORDS, move || run_body(ident));
    SCHED.with(|s| {
        let mut s = s.borrow_mut();
        let ident = s.next_ident;
        s.next_ident += 1;
        s.threads.push(SimThread {
            ident,
            name: name.to_string(),
            stack: Some(stack),
            state: State::Runnable,
            frames: ThreadFrames::default(),
            loops: ThreadLoops::default(),
            line: 0,
            ran: Duration::ZERO,
        });
        s.alive += 1;
        if s.alive == 2 {
            // Turns start counting now that there is someone to switch to.
            let slice = s.next_slice();
            TICK.with(|t| t.left.set(slice));
        }
        ident
    })
}

thread_local! {
    /// The bodies of threads started and not yet run.
    static BODIES: RefCell<Vec<(u64, Body)>> = const { RefCell::new(Vec::new()) };
}

type Body = Box<dyn FnOnce() -> PyResult<()>>;

/// A thread's first turn: its body runs; what it lets out is reported.
fn run_body(ident: u64) {
    let body = BODIES.with(|b| {
        let mut b = b.borrow_mut();
        let at = b.iter().position(|(i, _)| *i == ident)?;
        Some(b.swap_remove(at).1)
    });
    let Some(body) = body else { return };
    if let Err(e) = body() {
        if budget_spent() || SCHED.with(|s| s.borrow().fatal.is_some()) {
            SCHED.with(|s| {
                s.borrow_mut().fatal.get_or_insert(e);
            });
        } else if !e.is_instance(SYSTEM_EXIT) {
            // What `threading` leaves uncaught (it reports the rest itself).
            super::builtins::write_out(
                &format!(
                    "Exception ignored in thread started by a thread:\n{}",
                    super::traceback::format(&e)
                ),
                true,
            );
        }
    }
}

/// Blocks the running thread until `ready()` holds (then `true`) or the virtual clock
/// reaches `deadline` (then `false`); other threads run meanwhile.
pub fn block(ready: Ready, deadline: Option<f64>) -> PyResult<bool> {
    block_on(ready, deadline, None)
}

/// Blocks the running thread in a socket call (a blocking `recv`, `accept`, ...): as
/// [`block`], and when every thread waits, the OS thread waits in the kernel for `io`
/// (bounded by the earliest deadline), so only the simulated thread is parked, never the
/// program.
pub fn block_on_io(ready: Ready, io: IoWait, deadline: Option<f64>) -> PyResult<bool> {
    block_on(ready, deadline, Some(io))
}

fn block_on(ready: Ready, deadline: Option<f64>, io: Option<IoWait>) -> PyResult<bool> {
    if ready() {
        return Ok(true);
    }
    SCHED.with(|s| {
        let mut s = s.borrow_mut();
        let i = s.current;
        s.threads[i].state = State::Blocked { ready: ready.clone(), deadline, io };
    });
    reschedule("blocked")?;
    Ok(ready())
}

/// `time.sleep(secs)`: blocks the running thread for `secs` seconds of the program's
/// clock.
pub fn sleep(secs: f64) -> PyResult<()> {
    if secs.is_nan() {
        return Err(PyException::new(VALUE_ERROR, "Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyException::new(VALUE_ERROR, "sleep length must be non-negative"));
    }
    let alone = SCHED.with(|s| {
        let mut s = s.borrow_mut();
        if s.alive < 2 {
            let until = s.clock() + secs;
            s.advance_to(until);
            return true;
        }
        false
    });
    if alone {
        return Ok(());
    }
    if secs == 0.0 {
        return reschedule("preempted");
    }
    let deadline = now() + secs;
    block(Rc::new(|| false), Some(deadline)).map(|_| ())
}

/// Gives the OS thread to the next thread to run. In a simulated thread: back to the
/// main thread's stack, whose loop picks the next. In the main thread: that loop, until
/// the main thread is picked again.
fn reschedule(why: &'static str) -> PyResult<()> {
    let current = SCHED.with(|s| s.borrow().current);
    if current != 0 {
        SCHED.with(|s| s.borrow_mut().threads[current].line = TICK.with(|t| t.line.get()));
        stash_why(why);
        // The crate's free `yield_with` (marked deprecated in favour of its scoped handle,
        // which cannot reach down here through the interpreter's calls; loom uses it too).
        #[allow(deprecated)]
        generator::yield_with(());
        return Ok(());
    }
    stash_why(why);
    run_others()
}

thread_local! {
    static WHY: Cell<&'static str> = const { Cell::new("preempted") };
}

fn stash_why(why: &'static str) {
    WHY.with(|w| w.set(why));
}

/// The main thread's loop: runs other threads until the main thread may run again.
fn run_others() -> PyResult<()> {
    SCHED.with(|s| s.borrow_mut().threads[0].line = TICK.with(|t| t.line.get()));
    loop {
        let next = match pick() {
            Ok(next) => next,
            Err(report) => {
                DEADLOCK.with(|d| *d.borrow_mut() = Some(report));
                return Err(PyException::new(BASE_EXCEPTION, "corosim: deadlock"));
            }
        };
        note_switch(next);
        if next == 0 {
            SCHED.with(|s| s.borrow_mut().threads[0].state = State::Runnable);
            return Ok(());
        }
        let mut stack = SCHED.with(|s| {
            let mut s = s.borrow_mut();
            switch_frames(&mut s, next);
            s.threads[next].state = State::Runnable;
            s.threads[next].stack.take().expect("a runnable thread has its stack")
        });
        stack.resume();
        let done = stack.is_done();
        let fatal = SCHED.with(|s| {
            let mut s = s.borrow_mut();
            if done {
                s.threads[next].state = State::Done;
                s.alive -= 1;
                WHY.with(|w| w.set("finished"));
            }
            switch_frames(&mut s, 0);
            // A finished thread's stack goes now (a program may start thousands).
            if !done {
                s.threads[next].stack = Some(stack);
            }
            s.fatal.take()
        });
        if let Some(e) = fatal {
            return Err(e);
        }
    }
}

/// Swaps the thread state's frames and loops for thread `to`'s.
fn switch_frames(s: &mut Scheduler, to: usize) {
    let from = s.current;
    if from == to {
        return;
    }
    let now = Instant::now();
    let turn = now - s.turn_started;
    s.threads[from].ran += turn;
    s.all_ran += turn;
    s.turn_started = now;
    let t = &mut s.threads[from];
    swap_thread_frames(&mut t.frames);
    crate::aio::swap_thread_loops(&mut t.loops);
    let t = &mut s.threads[to];
    swap_thread_frames(&mut t.frames);
    crate::aio::swap_thread_loops(&mut t.loops);
    s.current = to;
}

/// A new turn for thread `next`: its statement count, and a trace event if another
/// thread ran before.
fn note_switch(next: usize) {
    let (from, to, t) = SCHED.with(|s| {
        let mut s = s.borrow_mut();
        let slice = s.next_slice();
        TICK.with(|t| t.left.set(slice));
        let prev = std::mem::replace(&mut s.last_ran, next);
        if prev == next {
            return (None, String::new(), 0.0);
        }
        (Some(s.threads[prev].name.clone()), s.threads[next].name.clone(), s.clock())
    });
    if let Some(from) = from {
        let why = WHY.with(|w| w.get()).to_string();
        trace::emit(|| Event::ThreadSwitch { t, from, to, why });
    }
}

/// The next thread to run: the next ready one in turn after the last that ran (or a
/// seeded draw among the ready ones); if none is ready, the clock jumps to the earliest
/// deadline. Err: a deadlock, with its report.
fn pick() -> Result<usize, String> {
    loop {
        let (order, waits, ios, now) = SCHED.with(|s| {
            let s = s.borrow();
            let n = s.threads.len();
            let order: Vec<usize> = (1..=n).map(|k| (s.last_ran + k) % n).collect();
            let waits: Vec<Option<(Option<Ready>, Option<f64>)>> = s
                .threads
                .iter()
                .map(|t| match &t.state {
                    State::Runnable => Some((None, None)),
                    State::Blocked { ready, deadline, .. } => Some((Some(ready.clone()), *deadline)),
                    State::Done => None,
                })
                .collect();
            let ios: Vec<IoWait> = s
                .threads
                .iter()
                .filter_map(|t| match &t.state {
                    State::Blocked { io, .. } => io.clone(),
                    _ => None,
                })
                .collect();
            (order, waits, ios, s.clock())
        });
        let eligible: Vec<usize> = order
            .into_iter()
            .filter(|&i| match &waits[i] {
                Some((None, _)) => true,
                Some((Some(ready), deadline)) => ready() || deadline.is_some_and(|d| d <= now),
                None => false,
            })
            .collect();
        if !eligible.is_empty() {
            return Ok(SCHED.with(|s| {
                let mut s = s.borrow_mut();
                match s.draw() {
                    Some(r) => eligible[(r % eligible.len() as u64) as usize],
                    None => eligible[0],
                }
            }));
        }
        let earliest = waits.iter().filter_map(|w| w.as_ref().and_then(|(_, d)| *d)).reduce(f64::min);
        if !ios.is_empty() && wait_for_io(&ios, earliest, now) {
            continue;
        }
        match earliest {
            Some(t) => SCHED.with(|s| s.borrow_mut().advance_to(t)),
            None => return Err(deadlock_report()),
        }
    }
}

/// Every thread waits, some in socket calls: asks the kernel which descriptors are ready
/// (`poll`, the call underneath `select` and `epoll`), waiting no longer than the earliest
/// deadline. On the virtual clock a deadline is reached at once, so the kernel is only
/// asked (no wait); with none, the OS thread sleeps in `poll` until a peer acts, as a
/// blocked CPython thread sleeps in `recv`. `true`: some descriptor is ready.
fn wait_for_io(ios: &[IoWait], earliest: Option<f64>, now: f64) -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let real = SCHED.with(|s| s.borrow().real.is_some());
    let timeout = match earliest {
        None => PollTimeout::NONE,
        Some(_) if !real => PollTimeout::ZERO,
        Some(t) => {
            let ms = ((t - now).max(0.0) * 1000.0).ceil().min(i32::MAX as f64) as i32;
            PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX)
        }
    };
    let mut fds: Vec<PollFd<'_>> = ios
        .iter()
        .map(|w| PollFd::new(w.fd.as_fd(), if w.write { PollFlags::POLLOUT } else { PollFlags::POLLIN }))
        .collect();
    loop {
        match poll(&mut fds, timeout) {
            Ok(n) => return n > 0,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return false,
        }
    }
}

fn deadlock_report() -> String {
    SCHED.with(|s| {
        let s = s.borrow();
        let mut lines = vec![
            "corosim: deadlock: every thread is blocked and no timer can wake any, so none can ever run again:"
                .to_string(),
        ];
        let (file, source) = super::state::with_state(|st| (st.file.clone(), st.lines.clone()));
        for t in &s.threads {
            if let State::Blocked { .. } = t.state {
                // Where it waits: the program's last line it ran, as a traceback shows one.
                let code = source.get((t.line as usize).wrapping_sub(1)).map(|l| l.trim()).unwrap_or("");
                lines.push(match t.line {
                    0 => format!("  {} waits", t.name),
                    n => format!("  {} waits at {file}, line {n}: {code}", t.name),
                });
            }
        }
        lines.join("\n") + "\n"
    })
}

/// The scheduler as the host of idle event loops (`aio::IdleHost`): a loop with nothing
/// ready blocks its thread until its next timer or a `call_soon_threadsafe`.
struct Host;

impl crate::aio::IdleHost for Host {
    fn now(&self) -> f64 {
        now()
    }

    fn others_time(&self) -> Duration {
        // Everyone's time, less the calling thread's own; and corosim's own setup.
        SCHED.with(|s| {
            let s = s.borrow();
            let mine = s.threads[s.current].ran;
            s.all_ran.saturating_sub(mine) + s.setup
        })
    }

    fn wait(&self, until: Option<f64>, woken: Ready) -> PyResult<bool> {
        // An idle turn of a loop is a step of the budget too: a loop that could wait
        // forever without running a line (a bug, say) ends at `--max-steps`.
        if super::state::budget_tick() {
            return Err(super::state::budget_error());
        }
        let alone = SCHED.with(|s| s.borrow().alive < 2);
        if alone {
            // No other thread: the loop's wait is the program's time passing.
            return Ok(match until {
                Some(t) => {
                    SCHED.with(|s| s.borrow_mut().advance_to(t));
                    true
                }
                None => false,
            });
        }
        block(woken, until)?;
        Ok(true)
    }
}
