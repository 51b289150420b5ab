//! The interpreter's thread state: what CPython keeps in `PyThreadState` — the
//! exceptions being handled, the frames running (for `super()` and the recursion limit),
//! the step budget, the program's file and source lines (for tracebacks).
//!
//! It stands below the operations and the evaluation loop, which both read it.
//!
//! ```
//! corosim::python::state::reset("demo.py", "x = 1\n", 100);
//! assert_eq!(corosim::python::state::with_state(|s| s.steps_left), 100);
//! ```

use std::cell::{Cell as StdCell, RefCell};
use std::rc::Rc;

use super::objects::*;

use crate::exception::*;
use crate::generator::Generator;
use crate::value::Value;

/// The interpreter's thread state: what CPython keeps in `PyThreadState`.
pub struct ThreadState {
    /// The exceptions being handled, innermost last (`sys.exc_info()`), across frames.
    pub handled: Vec<PyException>,
    /// Instructions left before `--max-steps` stops the program.
    pub steps_left: u64,
    /// The budget given, for the message.
    pub max_steps: u64,
    /// The file name as given on the command line.
    pub file: Rc<str>,
    /// The source, by line, for tracebacks.
    pub lines: Vec<String>,
    /// The running frames whose code names `super`: their depth, function and first
    /// argument (what a zero-argument `super()` reads, as CPython reads `__class__` and
    /// the first local).
    pub supers: Vec<(usize, Option<Rc<Function>>, Option<Value>)>,
}

thread_local! {
    static STATE: RefCell<ThreadState> = RefCell::new(ThreadState {
        handled: Vec::new(),
        steps_left: u64::MAX,
        max_steps: u64::MAX,
        file: Rc::from("<string>"),
        lines: Vec::new(),
        supers: Vec::new(),
    });
    static BUDGET_SPENT: StdCell<bool> = const { StdCell::new(false) };
    static STEPS_LEFT: StdCell<u64> = const { StdCell::new(u64::MAX) };
    /// Python frames running now (for `super()` and the recursion limit): a cell of its
    /// own, as every call and every resume counts it.
    static DEPTH: StdCell<usize> = const { StdCell::new(0) };
}

/// A frame starts running: the depth now, counting it.
#[inline]
pub fn enter_frame() -> usize {
    DEPTH.with(|d| {
        let n = d.get() + 1;
        d.set(n);
        n
    })
}

/// A frame stops running (it returned, raised or paused).
#[inline]
pub fn leave_frame() {
    DEPTH.with(|d| d.set(d.get() - 1));
}

/// How many Python frames are running now.
pub fn frame_depth() -> usize {
    DEPTH.with(|d| d.get())
}

/// What each simulated thread (`threads.rs`) has of its own in the thread state: its
/// handled exceptions and its running frames. The rest (the file, the step budget) is
/// the program's.
#[derive(Default)]
pub struct ThreadFrames {
    handled: Vec<PyException>,
    depth: usize,
    supers: Vec<(usize, Option<Rc<Function>>, Option<Value>)>,
}

/// Puts `saved`'s frames in the thread state and the state's into `saved`: a switch
/// between simulated threads.
pub fn swap_thread_frames(saved: &mut ThreadFrames) {
    with_state(|s| {
        std::mem::swap(&mut s.handled, &mut saved.handled);
        saved.depth = DEPTH.with(|d| d.replace(saved.depth));
        std::mem::swap(&mut s.supers, &mut saved.supers);
    })
}

/// Reads or changes the thread state.
pub fn with_state<T>(f: impl FnOnce(&mut ThreadState) -> T) -> T {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// Whether the step budget ran out (the program then ends with a message, not a traceback).
pub fn budget_spent() -> bool {
    BUDGET_SPENT.with(|b| b.get())
}

pub use super::objects::ExcExtra;

/// The interpreter's data on an exception, made on first use.
pub fn exc_extra(e: &PyException) -> Rc<ExcExtra> {
    e.extra(|| Rc::new(ExcExtra::default()))
}

/// The class value of an exception instance (a program's class, or the builtin one).
pub fn exception_class_value(e: &PyException) -> Value {
    match class_of_exception(e) {
        Some(c) => Value::Obj(c),
        None => Value::ExcClass(e.class()),
    }
}

/// `super()` in a method: the class it was defined in and the frame's first argument.
pub fn super_args() -> PyResult<(Rc<Class>, Value)> {
    with_state(|s| {
        // The caller of `super` is the innermost Python frame.
        let (func, first) = match s.supers.last() {
            Some((depth, func, first)) if *depth == frame_depth() => (func.clone(), first.clone()),
            _ => (None, None),
        };
        match (func.and_then(|f| f.owner.borrow().clone()), first) {
            (Some(c), Some(v)) => Ok((c, v)),
            _ => Err(PyException::new(RUNTIME_ERROR, "super(): no arguments")),
        }
    })
}

/// Where a generator made by the interpreter is paused (`file:line`), for a task's repr.
/// Before it starts, its frame stands at the `def` line, as CPython's does.
pub fn paused_at(g: &Generator) -> Option<String> {
    let line = g.line()?;
    (line > 0 && g.state() != crate::trace::GenState::Closed)
        .then(|| format!("{}:{line}", with_state(|s| s.file.clone())))
}

/// Where a task's coroutine is, as CPython's task repr says it: `running at f.py:6`
/// while it is paused, `done, defined at f.py:5` once it finished.
pub fn locate_coro(g: &Generator) -> Option<String> {
    if g.state() == crate::trace::GenState::Closed {
        // Once over, the runtime keeps the frame's `def` line.
        let defined = g.line()?;
        return Some(format!("done, defined at {}:{defined}", with_state(|s| s.file.clone())));
    }
    paused_at(g).map(|at| format!("running at {at}"))
}

/// Starts a fresh thread state for a program.
pub fn reset(file: &str, source: &str, max_steps: u64) {
    crate::aio::set_coro_locator(Some(locate_coro));
    with_state(|s| {
        s.handled.clear();
        s.steps_left = max_steps;
        s.max_steps = max_steps;
        s.file = Rc::from(file);
        s.lines = source.lines().map(String::from).collect();
        s.supers.clear();
    });
    BUDGET_SPENT.with(|b| b.set(false));
    STEPS_LEFT.with(|left| left.set(max_steps));
    DEPTH.with(|d| d.set(0));
    forget_exc_classes();
}

/// One instruction more: `true` once the budget is spent. A bare counter, not the state's
/// `RefCell`: it runs before every instruction.
#[inline]
pub fn budget_tick() -> bool {
    STEPS_LEFT.with(|left| {
        let n = left.get();
        if n == 0 {
            BUDGET_SPENT.with(|b| b.set(true));
            return true;
        }
        left.set(n - 1);
        false
    })
}

pub fn budget_error() -> PyException {
    PyException::new(BASE_EXCEPTION, "corosim: step budget spent")
}

// ---------------------------------------------------------------- where output goes

thread_local! {
    /// Where `print` writes: stdout (false) or stderr (true), with the text.
    static OUT: RefCell<Option<Output>> = const { RefCell::new(None) };
    /// The part of a line printed so far (the trace sees whole lines).
    static PENDING_LINE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Sets where the program's output goes for this thread.
pub fn set_output(f: Output) {
    OUT.with(|o| *o.borrow_mut() = Some(f));
    PENDING_LINE.with(|p| p.borrow_mut().clear());
}

/// Writes program output (stdout unless `err`).
pub fn write_out(text: &str, err: bool) {
    if !err {
        PENDING_LINE.with(|p| {
            let mut p = p.borrow_mut();
            p.push_str(text);
            while let Some(i) = p.find('\n') {
                let line: String = p.drain(..=i).collect();
                let line = line.trim_end_matches('\n').to_string();
                crate::trace::emit(|| crate::trace::Event::Output { text: line });
            }
        });
    }
    OUT.with(|o| {
        if let Some(f) = o.borrow_mut().as_mut() {
            f(text, err);
        }
    });
}
