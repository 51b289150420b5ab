//! Your own program: corosim runs Python source on its own runtime.
//!
//! CPython's own pipeline, small: **parse** (Ruff's parser, `ruff_python_parser` — the
//! maintained one; `rustpython-parser` 0.4 is superseded, RustPython itself moved to
//! Ruff's), **compile** each function body to instructions with every name resolved to a
//! slot (`symtable.rs`, `compile.rs`, `code.rs`), and **run** them (`eval.rs`). Calling a
//! generator function makes a `corosim::Generator`; its `yield`, `yield from` and `await`
//! are the runtime's own, so the explicit-stack driver, PEP 380's rules, the states and
//! the trace events are the runtime's, never re-implemented here. `asyncio` is
//! `corosim::aio` (`modules/asyncio.rs`).
//!
//! One file per concern: `ops.rs` (what operators mean), `attrs.rs` (attribute lookup and
//! the containers' methods), `builtins.rs`, `text.rs` (formatting), `objects.rs` (lists,
//! dicts, functions, classes), `hash.rs`, `set_table.rs` and `sets.rs` (CPython's
//! hashes and set order), `traceback.rs`, `threads.rs` (simulated threads: the
//! scheduler under `threading`), `modules/`.
//!
//! ```
//! let out = corosim::python::run_to_string("def count(n):\n    for i in range(n):\n        yield i\nprint(list(count(3)))\n");
//! assert_eq!(out, "[0, 1, 2]\n");
//! ```

pub mod async_gen;
pub mod attrs;
pub mod builtins;
pub mod bytearray;
pub mod bytes;
pub mod code;
pub mod compile;
pub mod dicts;
pub mod dir;
pub mod eval;
pub mod frames;
pub mod groups;
pub mod hash;
pub mod modules;
pub mod objects;
pub mod ops;
pub mod set_table;
pub mod sets;
pub mod state;
pub mod suggestions;
pub mod symtable;
pub mod text;
pub mod threads;
pub mod traceback;

use std::cell::RefCell;
use std::rc::Rc;

use crate::exception::SYSTEM_EXIT;
use crate::value::Value;

thread_local! {
    static ARGV: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// `sys.argv` of the program running on this thread.
pub fn argv() -> Vec<String> {
    ARGV.with(|a| a.borrow().clone())
}

/// How to run a program.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// The file name as given (tracebacks and `sys.argv[0]` show it).
    pub file: String,
    /// Arguments after the file (`sys.argv[1:]`).
    pub args: Vec<String>,
    /// Stop after this many instructions (an endless loop ends with a message).
    pub max_steps: u64,
    /// Statements a thread runs before another gets its turn (`--switch-every`).
    pub switch_every: u64,
    /// `--seed`: switch points and the next thread drawn from this seed, not in turn.
    pub seed: Option<u64>,
    /// `--real-time`: the program's clock is real (sleeps, timeouts, timers take the
    /// time they say), for its threads and its event loops alike.
    pub real_time: bool,
}

impl RunOptions {
    /// Defaults for a file name.
    pub fn new(file: &str) -> Self {
        RunOptions {
            file: file.to_string(),
            args: Vec::new(),
            max_steps: DEFAULT_MAX_STEPS,
            switch_every: threads::DEFAULT_SWITCH_EVERY,
            seed: None,
            real_time: false,
        }
    }
}

/// `corosim help python`: what is simulated and what is not.
pub const HELP: &str = include_str!("help.txt");

/// The default step budget (loop turns and calls): far more than any course program
/// takes.
pub const DEFAULT_MAX_STEPS: u64 = 500_000_000;

/// Runs a program's source; what it prints goes to `out(text, is_stderr)`. Returns the
/// exit status: 0, 1 after an uncaught exception (its traceback printed), 2 for a program
/// corosim refuses (a construct it does not simulate), or what `sys.exit` said.
pub fn run(source: &str, opts: &RunOptions, out: objects::Output) -> i32 {
    builtins::set_output(out);
    state::reset(&opts.file, source, opts.max_steps);
    crate::aio::set_exception_formatter(Some(traceback::format));
    threads::reset(opts.switch_every, opts.seed, opts.real_time);
    modules::reset();
    objects::install_call(eval::call);
    ARGV.with(|a| {
        let mut v = vec![opts.file.clone()];
        v.extend(opts.args.iter().cloned());
        *a.borrow_mut() = v;
    });
    let code = match compile::compile_module(source, &opts.file) {
        Ok(code) => code,
        Err(e) if e.unsupported => {
            builtins::write_out(&format!("{}:{}:{}: {}\n", opts.file, e.line, e.column, e.message), true);
            return 2;
        }
        Err(e) => {
            let line = source.lines().nth(e.line as usize - 1).unwrap_or("");
            let trimmed = line.trim_start();
            let indent = line.chars().count() - trimmed.chars().count();
            let caret = (e.column as usize).saturating_sub(indent + 1);
            builtins::write_out(
                &format!(
                    "  File \"{}\", line {}\n    {}\n    {}^\n{}: {}\n",
                    opts.file,
                    e.line,
                    trimmed.trim_end(),
                    " ".repeat(caret),
                    e.kind(),
                    e.message
                ),
                true,
            );
            return 1;
        }
    };
    let globals: objects::Namespace = Rc::new(RefCell::new(objects::Names::default()));
    globals.borrow_mut().insert(Rc::from("__name__"), Value::str("__main__"));
    globals.borrow_mut().insert(Rc::from("__file__"), Value::str(&opts.file));
    // asyncio's debug mode is off unless asked for, as in CPython.
    let debug = std::env::var_os("PYTHONASYNCIODEBUG").is_some_and(|v| !v.is_empty());
    let clock = if opts.real_time { crate::aio::ClockKind::Real } else { crate::aio::ClockKind::Virtual };
    let result = crate::aio::with_clock(clock, || {
        crate::aio::with_debug(debug, || eval::run_module(code, globals.clone()))
    });
    let (status, fatal) = report_end(result, opts);
    // As the interpreter's exit: the threads that are not daemons are waited for (not
    // after a deadlock or a spent budget: nothing can run then).
    let ended = if fatal {
        Ok(())
    } else {
        crate::aio::with_clock(clock, || crate::aio::with_debug(debug, modules::shutdown_threads))
    };
    let status = match ended {
        Ok(()) => status,
        Err(e) => report_end(Err(e), opts).0.max(status),
    };
    threads::finish();
    // The program's objects go now, while the thread state they may need is still here.
    let objects = std::mem::take(&mut *globals.borrow_mut());
    drop(objects);
    modules::finish();
    status
}

/// How a program (or the wait for its threads at its end) ended: its exit status, and
/// the message or traceback printed for it; true if it can run no further (a deadlock,
/// a spent step budget).
fn report_end(result: Result<(), crate::exception::PyException>, opts: &RunOptions) -> (i32, bool) {
    if let Some(report) = threads::take_deadlock() {
        builtins::write_out(&report, true);
        return (3, true);
    }
    let status = match result {
        Ok(()) => 0,
        Err(_) if state::budget_spent() => {
            builtins::write_out(
                &format!(
                    "corosim: {} stopped after {} steps (the --max-steps budget); is there an endless loop?\n",
                    opts.file, opts.max_steps
                ),
                true,
            );
            3
        }
        Err(e) if e.is_instance(SYSTEM_EXIT) => match e.args().first() {
            None | Some(Value::None) => 0,
            Some(Value::Int(n)) => (*n & 0xff) as i32,
            Some(Value::Bool(b)) => *b as i32,
            Some(other) => {
                builtins::write_out(&format!("{}\n", ops::str_of(other).unwrap_or_default()), true);
                1
            }
        },
        Err(e) => {
            builtins::write_out(&traceback::format_uncaught(&e, suggestions::trailer), true);
            1
        }
    };
    (status, state::budget_spent())
}

/// Runs a program and returns what it printed on stdout (stderr is dropped).
pub fn run_to_string(source: &str) -> String {
    run_capture(source, "<string>").0
}

/// Runs a program and returns (stdout, stderr, exit status).
pub fn run_capture(source: &str, file: &str) -> (String, String, i32) {
    let out = Rc::new(RefCell::new((String::new(), String::new())));
    let sink = out.clone();
    let code = run(
        source,
        &RunOptions::new(file),
        Box::new(move |text, err| {
            let mut o = sink.borrow_mut();
            if err { o.1.push_str(text) } else { o.0.push_str(text) }
        }),
    );
    let (o, e) = out.borrow().clone();
    (o, e, code)
}

/// Reads a program the way `corosim run` does: `-` is stdin; a missing file, a folder
/// and text that is not UTF-8 are each a clear error.
pub fn read_program(path: &str) -> anyhow::Result<(String, String)> {
    use std::io::Read;
    let (display, bytes) = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        ("<stdin>".to_string(), buf)
    } else {
        let p = std::path::Path::new(path);
        if p.is_dir() {
            anyhow::bail!("{path} is a directory, not a Python file");
        }
        let bytes = std::fs::read(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => anyhow::anyhow!("{path}: no such file"),
            _ => anyhow::anyhow!("{path}: {e}"),
        })?;
        (path.to_string(), bytes)
    };
    let source = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{display} is not UTF-8 text (byte {} is not valid UTF-8); save it as UTF-8, as Python 3 expects",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((display, source))
}

/// A traced run: every event, what the program printed, and its exit status.
pub struct TracedRun {
    /// The trace (lines, frames, tasks, output).
    pub events: Vec<crate::trace::Event>,
    /// What it printed on stdout.
    pub stdout: String,
    /// What it printed on stderr (a traceback, warnings).
    pub stderr: String,
    /// The exit status.
    pub code: i32,
}

/// Runs a program with the trace on, on a thread with room for deep recursion.
pub fn run_traced(source: String, opts: RunOptions) -> TracedRun {
    let worker = std::thread::Builder::new().stack_size(1 << 30).spawn(move || {
        let out = Rc::new(RefCell::new((String::new(), String::new())));
        let sink = out.clone();
        let (code, events) = crate::trace::collect(|| {
            run(
                &source,
                &opts,
                Box::new(move |text, err| {
                    let mut o = sink.borrow_mut();
                    if err { o.1.push_str(text) } else { o.0.push_str(text) }
                }),
            )
        });
        let (stdout, stderr) = out.borrow().clone();
        TracedRun { events, stdout, stderr, code }
    });
    match worker.map(|w| w.join()) {
        Ok(Ok(run)) => run,
        _ => TracedRun {
            events: Vec::new(),
            stdout: String::new(),
            stderr: "corosim's interpreter failed (a bug: please report it)\n".into(),
            code: 101,
        },
    }
}
