//! The Rust side of `tests/conformance/harness.py`, and the runner that holds a case's
//! output against what CPython prints for the case's Python twin.
//!
//! A case prints through [`say`], [`show`], [`links`] and [`state`], which write exactly
//! what the Python helpers of the same names print. [`check_case`] runs the case, runs
//! `python3 tests/conformance/<case>.py` through the oracle (`corosim::oracle`), and
//! asserts the two outputs are equal line for line. Expected outputs are never stored: CPython produces them on every run.

#![allow(dead_code)] // each test target uses its own subset

use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use corosim::exception::STOP_ITERATION;
use corosim::generator::{Kind, PyIterator, Step};
use corosim::oracle::{self, Use};
use corosim::{Generator, PyException, PyResult, Value};

/// `ThrowArgs` from raw Python arguments: `throw_args![VALUE_ERROR, "v"]` is
/// `throw(ValueError, 'v')`.
#[macro_export]
macro_rules! throw_args {
    ($($arg:expr),* $(,)?) => {
        corosim::exception::ThrowArgs::new([$(corosim::Value::from($arg)),*])
    };
}

thread_local! {
    /// What the running case printed. Each `#[test]` runs on its own thread.
    static LINES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// `say(text)`: one line (a text with newlines prints several, as `print` does).
pub fn say(text: impl AsRef<str>) {
    LINES.with(|l| l.borrow_mut().extend(text.as_ref().split('\n').map(str::to_string)));
}

/// `show(label, fn)`: prints `label -> repr(result)` or `label -> raised repr(exc)`, and
/// returns the exception if there was one.
pub fn show<T: Into<Value>>(label: &str, result: PyResult<T>) -> Option<PyException> {
    match result {
        Ok(v) => {
            say(format!("{label} -> {}", v.into().repr()));
            None
        }
        Err(e) => {
            say(format!("{label} -> raised {}", e.repr()));
            Some(e)
        }
    }
}

/// `links(label, exc)`: `__cause__`, `__context__` and `__suppress_context__`.
pub fn links(label: &str, e: &PyException) {
    let opt = |x: Option<PyException>| x.map_or("None".to_string(), |x| x.repr());
    let suppress = if e.suppress_context() { "True" } else { "False" };
    say(format!("{label}: cause={} context={} suppress={suppress}", opt(e.cause()), opt(e.context())));
}

/// `state(g)`: `GEN_SUSPENDED`, `CORO_CLOSED`, ... as `inspect` names them.
pub fn state(g: &Generator) -> String {
    let prefix = match g.kind() {
        Kind::Generator => "GEN",
        Kind::Coroutine => "CORO",
    };
    format!("{prefix}_{}", g.state().name())
}

/// Python's `True` / `False`, for `say(f"... {a is b}")` lines.
pub fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// `e.args` as Python shows it: a tuple.
pub fn args_repr(e: &PyException) -> String {
    Value::tuple(e.args().iter().cloned()).repr()
}

/// `value is exc`: is this value that very exception instance?
pub fn same(value: &Value, exc: &PyException) -> bool {
    value.as_exception().is_some_and(|v| v.is(exc))
}

/// `next(it)` for a plain iterator: its exhaustion is `StopIteration(value)`.
pub fn py_next(it: &mut dyn PyIterator) -> PyResult {
    match it.next() {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(PyException::stop_iteration(v)),
        Step::Raised(e) => Err(e),
    }
}

/// `list(g)`: collects what `g` yields; its return value is discarded.
pub fn py_list(g: &Generator) -> PyResult {
    let mut items = Vec::new();
    loop {
        match g.next() {
            Ok(v) => items.push(v),
            Err(e) if e.is_instance(STOP_ITERATION) => return Ok(Value::list(items)),
            Err(e) => return Err(e),
        }
    }
}

/// A name a generator body can use to reach its own generator object (as a Python body
/// reads the global it was assigned to). Clear it at the end of the case so the
/// generator is not kept alive by itself.
#[derive(Clone, Default)]
pub struct Slot(Rc<RefCell<Option<Generator>>>);

impl Slot {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set(&self, g: &Generator) {
        *self.0.borrow_mut() = Some(g.clone());
    }
    pub fn get(&self) -> Generator {
        self.0.borrow().clone().expect("slot is bound before use")
    }
    pub fn clear(&self) {
        self.0.borrow_mut().take();
    }
}

/// Where the Python twins live.
pub fn twin_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

/// What running a twin gave.
pub enum Twin {
    /// CPython's stdout, line by line.
    Lines(Vec<String>),
    /// CPython cannot be asked: why.
    Unavailable(String),
}

/// Runs the twin through the oracle (`corosim::oracle`); panics if the twin itself fails.
pub fn run_python(twin: &Path) -> Twin {
    let mut command = match oracle::command(twin, Use::Compare) {
        Ok(command) => command,
        Err(e) => return Twin::Unavailable(e.to_string()),
    };
    // From the twins' folder, so that `from harness import ...` finds the helpers.
    let output = command.current_dir(twin_dir()).env("PYTHONHASHSEED", "0").output();
    let output = output.unwrap_or_else(|e| panic!("cannot run python3 {}: {e}", twin.display()));
    let stdout = String::from_utf8(output.stdout).expect("twin prints UTF-8");
    assert!(
        output.status.success(),
        "python3 {} failed ({}):\n{stdout}\n{}",
        twin.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    Twin::Lines(stdout.lines().map(str::to_string).collect())
}

/// Is this a CI run (`CI=true`)?
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// The python3 policy: without CPython there is no oracle. Under CI that is a failure;
/// on a developer's machine the case is skipped with a note.
pub fn python_missing(ci: bool, case: &str, why: &str) {
    assert!(!ci, "python3 is required under CI=true: it is the oracle for case {case} ({why})");
    eprintln!("note: {why}; {case} ran without comparing to CPython (skipped)");
}

/// Runs the Rust case `f` and compares what it printed with what CPython prints for the
/// twin `tests/conformance/<name>.py`.
pub fn check_case(name: &str, f: fn()) {
    LINES.with(|l| l.borrow_mut().clear());
    // The Rust side always runs: misuse must never panic, with or without python3.
    f();
    let ours: Vec<String> = LINES.with(|l| l.take());
    let twin = twin_dir().join(format!("{name}.py"));
    assert!(twin.is_file(), "case {name} has no twin {}", twin.display());
    let cpython = match run_python(&twin) {
        Twin::Lines(lines) => lines,
        Twin::Unavailable(why) => return python_missing(in_ci(), name, &why),
    };
    assert!(!cpython.is_empty(), "twin {name}.py printed nothing");
    if ours != cpython {
        panic!("{name}: corosim differs from CPython\n{}", diff(&ours, &cpython));
    }
}

/// Both outputs, line by line, with `!!` on the lines that differ.
fn diff(ours: &[String], cpython: &[String]) -> String {
    let mut out = String::new();
    for i in 0..ours.len().max(cpython.len()) {
        let a = ours.get(i).map_or("<missing>", String::as_str);
        let b = cpython.get(i).map_or("<missing>", String::as_str);
        if a == b {
            let _ = writeln!(out, "   {i:3} {a}");
        } else {
            let _ = writeln!(out, "!! {i:3} corosim: {a}\n!! {i:3} cpython: {b}");
        }
    }
    out
}
