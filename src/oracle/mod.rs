//! CPython, the oracle: the same program prints the same lines under `python3` and under
//! corosim. This module is the one way corosim runs CPython on a program — for the tests,
//! `corosim lessons check`, the benchmarks' CPython side — so every comparison runs the
//! interpreter the same way, on the same clock.
//!
//! A program runs under `virtual_clock.py` (embedded here, passed with `python3 -c`): it
//! gives CPython's own asyncio a virtual clock, as corosim's loop has by default, so a
//! loaded machine cannot reorder timers that are due close together; its main thread's
//! `time.perf_counter()` & co. and `time.sleep` follow corosim's program clock (a benchmark,
//! [`Use::Measure`], keeps them real); and it prints
//! warnings as corosim does (`RuntimeWarning: coroutine 'f' was never awaited`, with no
//! file and line), so the two stderrs compare too.
//!
//! Every run has `PYTHONHASHSEED=0` ([`HASH_SEED`]), as it has the virtual clock: CPython
//! then hashes strings and bytes the same way in every run, so a set of strings iterates
//! and prints in one order, the order corosim's sets reproduce (`src/python/hash.rs`,
//! `src/python/set_table.rs`). Without it a set of strings prints in a new order each run.
//!
//! An uncaught exception prints as `python3 program.py` prints it (the runner's own frames
//! left out), so tracebacks compare too. [`batch`] runs many programs for the price of one
//! interpreter start, each in a process forked from it.
//!
//! The interpreter is `$COROSIM_PYTHON`, else `python3`. Its version is asked once per
//! process. The expected outputs were recorded with CPython [`RECORDED_WITH`]; a run
//! whose output is compared ([`Use::Compare`]) on another version fails under `CI=true`
//! and warns, once, on stderr elsewhere.
//!
//! ```no_run
//! use corosim::oracle::{self, Use};
//! let twin = std::path::Path::new("src/scenarios/averager.py");
//! let out = oracle::command(twin, Use::Compare)?.output()?;
//! assert!(String::from_utf8_lossy(&out.stdout).contains("average"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// `python3 -c RUNNER program.py args...` runs `program.py` on CPython's asyncio with a
/// virtual clock (see the file's docstring).
pub const RUNNER: &str = include_str!("virtual_clock.py");

/// The CPython version the expected outputs were recorded with: the twins' outputs, the
/// conformance cases, the lessons' answers.
pub const RECORDED_WITH: Version = Version { major: 3, minor: 11 };

/// The environment every comparison run of CPython gets, `PYTHONHASHSEED=0`: string and
/// bytes hashes, and so the order of sets of them, are the same in every run (and are
/// the ones corosim computes). Anything that runs CPython to compare with corosim sets it.
pub const HASH_SEED: (&str, &str) = ("PYTHONHASHSEED", "0");

/// The environment variable that names another interpreter (default: `python3`).
pub const PYTHON_ENV: &str = "COROSIM_PYTHON";

/// A Python version, `major.minor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    /// `3`.
    pub major: u32,
    /// `11`.
    pub minor: u32,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// What CPython is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// Its output, compared with corosim's: it must be the version the expected outputs
    /// were recorded with (an error under `CI=true`, a warning elsewhere).
    Compare,
    /// Its speed: any version will do (the report names it).
    Measure,
}

/// The interpreter found, once per process.
#[derive(Clone, Debug)]
pub struct Interpreter {
    /// What the user named: `python3`, or `$COROSIM_PYTHON`.
    pub name: String,
    /// The executable itself (`sys.executable`): launchers such as pyenv's shims cost a
    /// process or two per run, which adds up over every twin.
    pub executable: PathBuf,
    /// Its version.
    pub version: Version,
    /// Its standard library's directory (`/usr/lib/python3.11`), which its reprs and
    /// tracebacks name and corosim writes as `<stdlib>` (see [`with_stdlib_placeholder`]).
    pub stdlib: String,
}

/// Why CPython cannot be asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unavailable {
    /// There is no such interpreter, or it does not run.
    #[error("{name} cannot be run ({why})")]
    NotFound {
        /// `python3`, or `$COROSIM_PYTHON`.
        name: String,
        /// What the OS or the interpreter said.
        why: String,
    },
    /// It runs, but it is not the version the expected outputs were recorded with (an
    /// error under `CI=true` only).
    #[error("{name} is CPython {found}, but the expected outputs were recorded with CPython {RECORDED_WITH}")]
    WrongVersion {
        /// `python3`, or `$COROSIM_PYTHON`.
        name: String,
        /// The version it is.
        found: Version,
    },
}

impl Unavailable {
    /// How to make CPython available.
    pub fn fix(&self) -> String {
        format!(
            "install python{RECORDED_WITH} (the version the expected outputs were recorded with), or point {PYTHON_ENV} at it"
        )
    }
}

/// Under `CI=true` a wrong version is an error; a person at a terminal gets a warning.
fn under_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// The interpreter's name: `$COROSIM_PYTHON`, else `python3`.
fn name() -> String {
    std::env::var(PYTHON_ENV).ok().filter(|p| !p.is_empty()).unwrap_or_else(|| "python3".into())
}

/// Asks the interpreter for its version and its executable.
fn probe() -> Result<Interpreter, Unavailable> {
    let name = name();
    let not_found = |why: String| Unavailable::NotFound { name: name.clone(), why };
    let out = Command::new(&name)
        .args([
            "-c",
            "import sys, sysconfig; print('%d.%d' % sys.version_info[:2]); print(sys.executable); \
             print(sysconfig.get_paths()['stdlib'])",
        ])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| not_found(e.to_string()))?;
    if !out.status.success() {
        return Err(not_found(format!("it exited with {}", out.status)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let version = lines
        .next()
        .and_then(|v| v.trim().split_once('.'))
        .and_then(|(major, minor)| Some(Version { major: major.parse().ok()?, minor: minor.parse().ok()? }));
    let Some(version) = version else {
        return Err(not_found(format!("it did not say its version: {:?}", text.trim())));
    };
    let executable = lines.next().map(str::trim).filter(|e| !e.is_empty()).unwrap_or(&name);
    let stdlib = lines.next().map(str::trim).unwrap_or_default().to_string();
    Ok(Interpreter { name: name.clone(), executable: PathBuf::from(executable), version, stdlib })
}

/// The interpreter, asked once per process; `Unavailable` when it cannot run, or (with
/// [`Use::Compare`] under `CI=true`) when its version is not [`RECORDED_WITH`].
pub fn interpreter(purpose: Use) -> Result<&'static Interpreter, Unavailable> {
    static FOUND: OnceLock<Result<Interpreter, Unavailable>> = OnceLock::new();
    static WARNED: OnceLock<()> = OnceLock::new();
    let python = FOUND.get_or_init(probe).as_ref().map_err(Clone::clone)?;
    if purpose == Use::Compare && python.version != RECORDED_WITH {
        let wrong = Unavailable::WrongVersion { name: python.name.clone(), found: python.version };
        if under_ci() {
            return Err(wrong);
        }
        WARNED.get_or_init(|| eprintln!("warning: {wrong}, so outputs may differ"));
    }
    Ok(python)
}

/// The command that runs `program` (a `.py` file) on CPython under the virtual-clock
/// runner. Add the program's arguments, and where its output goes, before running it.
/// The program's stdin is empty; it prints UTF-8 whatever the locale.
pub fn command(program: &Path, purpose: Use) -> Result<Command, Unavailable> {
    let mut cmd = runner(purpose)?;
    cmd.arg(program);
    Ok(cmd)
}

/// `python3 -c RUNNER`, with the environment every run gets. A program run to be
/// measured times itself, so the runner leaves its `time.perf_counter` & co. on the real
/// clock (`--measure`); a program run to be compared reads corosim's program clock.
fn runner(purpose: Use) -> Result<Command, Unavailable> {
    let python = interpreter(purpose)?;
    let mut cmd = Command::new(&python.executable);
    cmd.arg("-c")
        .arg(RUNNER)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env(HASH_SEED.0, HASH_SEED.1)
        .stdin(Stdio::null());
    if purpose == Use::Measure {
        cmd.arg("--measure");
    }
    Ok(cmd)
}

/// How one program ended under CPython: what it printed, and its exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Everything it wrote to stdout.
    pub stdout: Vec<u8>,
    /// Everything it wrote to stderr (an uncaught exception's traceback, warnings).
    pub stderr: Vec<u8>,
    /// Its exit status: 0, 1 for an uncaught exception, or minus the signal that killed it.
    pub code: i32,
}

/// Why a [`batch`] could not run.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// No suitable CPython.
    #[error(transparent)]
    Unavailable(#[from] Unavailable),
    /// The runner itself failed (not one of the programs).
    #[error("the CPython runner failed: {0}")]
    Runner(String),
}

/// Runs every one of `programs` (no arguments, working directory `dir`) under the
/// runner, as [`command`] runs one, but in one interpreter: each program runs in a child
/// forked from it, so a hundred programs cost one CPython start, not a hundred, and
/// each still has a fresh process. Outcomes come back in the order of `programs`.
///
/// ```no_run
/// use corosim::oracle::{self, Use};
/// let dir = std::path::Path::new("src/scenarios");
/// let outcomes = oracle::batch(&["averager.py", "grouper.py"], dir, Use::Compare)?;
/// assert_eq!(outcomes.len(), 2);
/// assert_eq!(outcomes[0].code, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn batch(programs: &[impl AsRef<Path>], dir: &Path, purpose: Use) -> Result<Vec<Outcome>, BatchError> {
    let failed = |why: String| BatchError::Runner(why);
    let outdir = tempfile::tempdir().map_err(|e| failed(format!("a folder for the outputs: {e}")))?;
    let out = runner(purpose)?
        .arg("--batch")
        .arg(outdir.path())
        .args(programs.iter().map(AsRef::as_ref))
        .current_dir(dir)
        .output()
        .map_err(|e| failed(e.to_string()))?;
    if !out.status.success() {
        return Err(failed(format!("{}: {}", out.status, String::from_utf8_lossy(&out.stderr))));
    }
    (0..programs.len())
        .map(|n| {
            let read = |what: &str| {
                std::fs::read(outdir.path().join(format!("{n}.{what}")))
                    .map_err(|e| failed(format!("program {n}'s {what}: {e}")))
            };
            let status = String::from_utf8_lossy(&read("status")?).trim().to_string();
            let code = status.parse().map_err(|_| failed(format!("program {n}'s status {status:?}")))?;
            let (stdout, stderr) = (read("stdout")?, read("stderr")?);
            Ok(Outcome {
                stdout: with_stdlib_placeholder(&stdout),
                stderr: with_stdlib_placeholder(&stderr),
                code,
            })
        })
        .collect()
}

/// CPython's output with its standard library's directory written as `<stdlib>`, as
/// corosim writes it: asyncio's own callbacks and coroutines live there, and reprs name
/// them (`cb=[_run_until_complete_cb() at <stdlib>/asyncio/base_events.py:180]`), but the
/// directory differs from machine to machine.
///
/// ```
/// let python = corosim::oracle::interpreter(corosim::oracle::Use::Measure);
/// # let Ok(python) = python else { return };
/// let text = format!("at {}/asyncio/tasks.py:764", python.stdlib);
/// assert_eq!(corosim::oracle::with_stdlib_placeholder(text.as_bytes()), b"at <stdlib>/asyncio/tasks.py:764");
/// ```
pub fn with_stdlib_placeholder(out: &[u8]) -> Vec<u8> {
    let Some(dir) = interpreter(Use::Measure).ok().map(|p| format!("{}/", p.stdlib)).filter(|d| d.len() > 1)
    else {
        return out.to_vec();
    };
    let dir = dir.as_bytes();
    let mut result = Vec::with_capacity(out.len());
    let mut rest = out;
    while let Some(at) = rest.windows(dir.len()).position(|w| w == dir) {
        result.extend_from_slice(&rest[..at]);
        result.extend_from_slice(b"<stdlib>/");
        rest = &rest[at + dir.len()..];
    }
    result.extend_from_slice(rest);
    result
}

/// A CPython traceback without the frames in CPython's own library (`asyncio/runners.py`
/// …), which corosim's loop, written in Rust, does not have. Whether any were dropped.
/// Inside an exception group's boxes each line starts with its margin (`  | `).
///
/// ```
/// let tb = "Traceback (most recent call last):\n  File \"<stdlib>/asyncio/events.py\", line 80, in _run\n    self._context.run(self._callback, *self._args)\n  File \"t.py\", line 3, in f\n    raise ValueError\nValueError\n";
/// let (kept, dropped) = corosim::oracle::without_library_frames(tb);
/// assert!(dropped);
/// assert_eq!(kept, "Traceback (most recent call last):\n  File \"t.py\", line 3, in f\n    raise ValueError\nValueError\n");
/// ```
pub fn without_library_frames(stderr: &str) -> (String, bool) {
    let mut out = String::new();
    let mut skipping = false;
    let mut dropped = false;
    for full in stderr.split_inclusive('\n') {
        let spaces = full.len() - full.trim_start_matches(' ').len();
        let line = match &full.as_bytes()[spaces..] {
            [b'|' | b'+', b' ', ..] => &full[spaces + 2..],
            _ => full,
        };
        if let Some(rest) = line.strip_prefix("  File \"") {
            skipping =
                (rest.starts_with('/') && rest.contains("/lib/python3")) || rest.starts_with("<stdlib>/");
            dropped |= skipping;
        } else if !line.starts_with("    ") {
            skipping = false;
        }
        if !skipping {
            out.push_str(full);
        }
    }
    (out, dropped)
}
