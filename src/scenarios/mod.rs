//! The programs corosim simulates. Each is a Rust program with a Python twin beside it
//! (`averager.rs` / `averager.py`); CPython is the oracle: `corosim run averager` must
//! print exactly what `python3 averager.py` prints.
//!
//! ```
//! let s = corosim::scenarios::find("averager").unwrap();
//! let (console, lines) = corosim::Console::capture();
//! s.run(&console, corosim::aio::ClockKind::Virtual).unwrap();
//! assert!(!lines.borrow().is_empty());
//! ```

use crate::aio::{ClockKind, with_clock};
use crate::console::Console;
use crate::exception::PyResult;

mod averager;
mod background_loop;
mod call_at;
mod call_later;
mod call_soon;
mod callbacks_vs_coroutines;
pub mod charfinder;
mod charfinder_http;
mod charfinder_tcp;
mod concurrency_parallelism;
mod coroutine_chain;
mod delegation_chain;
mod download_many;
mod echo_protocol;
mod executor_save;
mod flags_semaphore;
mod gather_wait;
mod generator_states;
mod grouper;
mod io_models;
mod producer_consumer;
mod spinner;
mod task_cancel;
mod throw_close_return;
mod yield_from_to_await;

pub use charfinder_tcp::serve as serve_charfinder;

/// One simulated program.
pub struct Scenario {
    /// The name used on the command line (a `.py` file's stem for a learner's program).
    pub name: &'static str,
    /// One line for `corosim list`.
    pub summary: &'static str,
    /// The Python twin's source (a learner's program: the program itself).
    pub python: &'static str,
    /// The Rust program's source, for listings (empty for a learner's program).
    pub rust: &'static str,
    /// The program itself, printing through the console; run it with [`Scenario::run`],
    /// which chooses the clock its loops get.
    pub main: Main,
}

/// What runs when a [`Scenario`] runs.
#[derive(Clone, Copy)]
pub enum Main {
    /// A built-in program, written in Rust against the runtime.
    Rust(fn(&Console) -> PyResult<()>),
    /// A learner's `.py` file (its text is the scenario's `python`), run by corosim's
    /// interpreter; `file` is the path as given, for tracebacks.
    Interpreted {
        /// The path as given.
        file: &'static str,
    },
}

impl Scenario {
    /// Runs the program on the `clock` of your choice: virtual for traces, lessons, the
    /// book and tests (every run the same run), real for a live classroom demo.
    ///
    /// ```
    /// use corosim::aio::ClockKind;
    /// let (console, lines) = corosim::Console::capture();
    /// corosim::scenarios::find("call_later").unwrap().run(&console, ClockKind::Virtual).unwrap();
    /// assert!(!lines.borrow().is_empty());
    /// ```
    pub fn run(&self, console: &Console, clock: ClockKind) -> PyResult<()> {
        with_clock(clock, || match self.main {
            Main::Rust(main) => main(console),
            Main::Interpreted { file } => run_interpreted(file, self.python, console),
        })
    }
}

/// A learner's program on the interpreter, its lines printed through `console`; a program
/// that ends with an exception (its traceback printed) is `Err` with the traceback's last
/// line.
fn run_interpreted(file: &str, source: &str, console: &Console) -> PyResult<()> {
    use std::cell::RefCell;
    use std::rc::Rc;
    // The interpreter writes text; the console takes lines.
    let pending = Rc::new(RefCell::new((String::new(), String::new())));
    let sink = pending.clone();
    let out = console.clone();
    let status = crate::python::run(
        source,
        &crate::python::RunOptions::new(file),
        Box::new(move |text, is_stderr| {
            let mut p = sink.borrow_mut();
            let buf = if is_stderr { &mut p.1 } else { &mut p.0 };
            buf.push_str(text);
            while let Some(at) = buf.find('\n') {
                let line: String = buf.drain(..=at).collect();
                out.print_traced(line.trim_end_matches('\n'));
            }
        }),
    );
    let (rest, rest_err) = pending.borrow().clone();
    for tail in [rest, rest_err] {
        if !tail.is_empty() {
            console.print_traced(&tail);
        }
    }
    if status == 0 {
        return Ok(());
    }
    Err(crate::exception::PyException::new(
        crate::exception::RUNTIME_ERROR,
        format!("{file} exited with status {status}"),
    ))
}

/// A program by name: a built-in one (see [`all`]), or a learner's `.py` file, read and
/// kept for the rest of the process (so it is a `&'static Scenario` like the others).
///
/// ```
/// assert_eq!(corosim::scenarios::load("averager").unwrap().name, "averager");
/// let e = corosim::scenarios::load("nope").err().unwrap();
/// assert!(e.contains("unknown program 'nope'"), "{e}");
/// ```
pub fn load(name: &str) -> Result<&'static Scenario, String> {
    if name.ends_with(".py") {
        let (file, source) = crate::python::read_program(name).map_err(|e| e.to_string())?;
        let stem =
            std::path::Path::new(name).file_stem().map_or(name.to_string(), |s| s.to_string_lossy().into());
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        return Ok(Box::leak(Box::new(Scenario {
            name: leak(stem),
            summary: "",
            python: leak(source),
            rust: "",
            main: Main::Interpreted { file: leak(file) },
        })));
    }
    find(name).ok_or_else(|| {
        let known: Vec<&str> = all().iter().map(|s| s.name).collect();
        format!("unknown program '{name}'. Known programs: {} (or a .py file)", known.join(", "))
    })
}

/// Every scenario, in course order.
pub fn all() -> &'static [Scenario] {
    SCENARIOS
}

/// The scenario called `name`.
pub fn find(name: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.name == name)
}

macro_rules! scenario {
    ($module:ident, $summary:literal) => {
        Scenario {
            name: stringify!($module),
            summary: $summary,
            python: include_str!(concat!(stringify!($module), ".py")),
            rust: include_str!(concat!(stringify!($module), ".rs")),
            main: Main::Rust($module::run),
        }
    };
}

static SCENARIOS: &[Scenario] = &[
    scenario!(
        concurrency_parallelism,
        "three jobs take turns on one thread; two CPU jobs run on two cores at once"
    ),
    scenario!(io_models, "blocking, non-blocking, select, signal-driven, asynchronous I/O as timelines"),
    // No Rust side: the program is its Python text, run by corosim's interpreter on real
    // loopback sockets (its blocking half needs threads that block in `recv`).
    Scenario {
        name: "io_models_real",
        summary: "one server, three clients on loopback: blocking sockets, then asyncio on select/epoll",
        python: include_str!("io_models_real.py"),
        rust: "",
        main: Main::Interpreted { file: "io_models_real.py" },
    },
    scenario!(callbacks_vs_coroutines, "one job as a callback chain and as coroutines: context and errors"),
    scenario!(averager, "a running-average coroutine: primed by next(), fed by send()"),
    scenario!(generator_states, "CREATED, RUNNING, SUSPENDED, CLOSED: a generator's life, step by step"),
    scenario!(
        throw_close_return,
        "throw() handled and unhandled, close() runs finally, return via StopIteration"
    ),
    scenario!(grouper, "averager, grouper and client: yield from passes sends straight through"),
    scenario!(delegation_chain, "three levels of yield from: send, throw handled in the middle, close"),
    scenario!(coroutine_chain, "a coroutine awaits two others in turn; await returns their results"),
    scenario!(call_soon, "loop.call_soon: plain functions run on the loop's next turn"),
    scenario!(call_later, "loop.call_later: callbacks run in deadline order"),
    scenario!(call_at, "loop.call_at: callbacks at given readings of the loop's clock"),
    scenario!(task_cancel, "a task sleeping 100 s is cancelled after 2 s of sleeps"),
    scenario!(spinner, "the coroutine supervisor: spin task, slow function, cancel, Answer: 42"),
    scenario!(download_many, "simulated flag downloads, all at once with asyncio.wait"),
    scenario!(flags_semaphore, "Semaphore, as_completed, FetchError from its cause, a progress bar"),
    scenario!(producer_consumer, "a producer and two consumers around an asyncio.Queue"),
    scenario!(executor_save, "blocking file I/O handed to a thread pool with run_in_executor"),
    scenario!(yield_from_to_await, "the same pipeline with yield from and with await: the two substitutions"),
    scenario!(background_loop, "a loop in a background thread, fed by run_coroutine_threadsafe"),
    scenario!(gather_wait, "gather, wait, as_completed and wait_for side by side"),
    scenario!(echo_protocol, "an echo server and client as protocols: the loop calls data_received and co."),
    scenario!(charfinder_tcp, "the Unicode-name TCP server on loopback, one thread serving scripted clients"),
    scenario!(
        charfinder_http,
        "the same index behind a minimal HTTP/1.1 server on streams; 400 on bad requests"
    ),
];
