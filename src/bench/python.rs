//! `corosim bench python`: the same `.py` programs under corosim's interpreter
//! (`corosim run`) and CPython, in one run — Python's `timeit` of whole processes.
//!
//! The workloads are those of `bench generators` and `bench loop`, written as Python
//! programs (`src/bench/py/`): `send` to a generator, and through `yield from` chains 1,
//! 10, 100 and 1000 deep (`generators.py SENDS DEPTH`); and 100,000 tasks each awaiting
//! `asyncio.sleep(0)` 10 times (`event_loop.py N K`).
//!
//! Inside corosim's interpreter `time.perf_counter` runs on the virtual clock, so each
//! process is timed from outside: a run with the work minus a run without it (0 sends, 0
//! tasks: the interpreter's start, the imports). The number of sends grows until the
//! difference lasts long enough to measure; the best of a few runs counts. Each run is a
//! child of `corosim bench-child`, which reports the wall time and the child's peak RSS
//! (`getrusage(RUSAGE_CHILDREN)`: the intermediate process has that one child only; see
//! [`child`] for the small processes).
//!
//! ```no_run
//! corosim::bench::python::run(true, true)?; // `corosim bench python --json --quick`
//! # Ok::<(), anyhow::Error>(())
//! ```

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::oracle::{self, Use};

/// The generator workload, run as `generators.py SENDS DEPTH`.
pub const GENERATORS: &str = include_str!("py/generators.py");
/// The event-loop workload, run as `event_loop.py N K`.
pub const EVENT_LOOP: &str = include_str!("py/event_loop.py");

/// The `yield from` depths measured; 0 is a plain generator (`send`).
pub const DEPTHS: [u64; 5] = [0, 1, 10, 100, 1000];

/// How long and how often to measure.
#[derive(Clone, Copy, Debug)]
struct Budget {
    /// The least net duration of a timed run.
    net: Duration,
    /// Timed runs per measurement; the best counts.
    runs: u32,
    /// The loop workload's tasks and sleeps.
    tasks: u64,
    sleeps: u64,
}

const FULL: Budget = Budget { net: Duration::from_millis(400), runs: 3, tasks: 100_000, sleeps: 10 };
// The quick loop workload is large enough (a tenth of a second or so for CPython) to stand
// clear of the noise in an interpreter's start on a busy machine; best of two runs.
const QUICK: Budget = Budget { net: Duration::from_millis(20), runs: 2, tasks: 10_000, sleeps: 10 };

/// What `corosim bench-child` reports about the process it ran.
#[derive(Debug, Deserialize, Serialize)]
pub struct Child {
    /// Wall seconds from start to exit.
    pub seconds: f64,
    /// The child's peak resident set size, MiB.
    pub rss_mib: f64,
    /// Its exit status (-1: killed by a signal).
    pub status: i32,
    /// The last line of its stderr (why it failed, if it did).
    pub last_error_line: String,
}

/// `corosim bench-child -- PROGRAM ARGS...`: runs the program (stdin empty, stdout
/// discarded) and prints one JSON [`Child`] line.
///
/// The peak RSS is `getrusage(RUSAGE_CHILDREN)` when that is above this process's own
/// (Linux counts the spawning process's pages in a child's maximum, up to its exec), and
/// otherwise the highest `VmHWM` read from the child's `/proc/PID/status` while it ran
/// (every 2 ms, so a peak in its last moments may be missed).
pub fn child(command: &[OsString]) -> Result<()> {
    let Some((program, args)) = command.split_first() else { bail!("bench-child: no command given") };
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", program.to_string_lossy()))?;
    let floor_kib = vm_hwm_kib("/proc/self/status").unwrap_or(0);
    let status_file = format!("/proc/{}/status", child.id());
    let done = std::sync::atomic::AtomicBool::new(false);
    let (out, polled_kib) = std::thread::scope(|s| {
        let poller = s.spawn(|| {
            let mut peak = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(vm_hwm_kib(&status_file).unwrap_or(0));
                std::thread::sleep(Duration::from_millis(2));
            }
            peak
        });
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
        }
        let status = child.wait();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        (status.map(|st| (st, stderr)), poller.join().unwrap_or(0))
    });
    let (status, stderr) = out.context("waiting for the child")?;
    let seconds = start.elapsed().as_secs_f64();
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .context("getrusage(RUSAGE_CHILDREN)")?;
    let rusage_kib = usage.max_rss() as u64; // Linux: KiB
    let kib = if rusage_kib > floor_kib { rusage_kib } else { polled_kib };
    let report = Child {
        seconds,
        rss_mib: kib as f64 / 1024.0,
        status: status.code().unwrap_or(-1),
        last_error_line: stderr.lines().last().unwrap_or_default().to_string(),
    };
    writeln!(std::io::stdout(), "{}", serde_json::to_string(&report)?)?;
    Ok(())
}

/// `VmHWM` (peak resident set) from a `/proc/PID/status` file, KiB.
fn vm_hwm_kib(status_file: &str) -> Option<u64> {
    let status = std::fs::read_to_string(status_file).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()
}

/// One side: how to start `script ARGS` under it.
struct Side {
    /// `corosim` or `CPython`.
    name: &'static str,
    /// The command before the workload's own arguments.
    command: Command,
}

impl Side {
    /// Runs `args` through `corosim bench-child`; Err: why it failed.
    fn time(&self, args: &[u64]) -> Result<Child, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut cmd = Command::new(exe);
        cmd.arg("bench-child").arg("--").arg(self.command.get_program()).args(self.command.get_args());
        cmd.args(args.iter().map(u64::to_string));
        for (key, value) in self.command.get_envs() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        let out = cmd.stdin(Stdio::null()).output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        let child: Child =
            serde_json::from_slice(&out.stdout).map_err(|e| format!("bench-child said: {e}"))?;
        if child.status != 0 {
            let why = if child.last_error_line.is_empty() { "no message" } else { &child.last_error_line };
            return Err(format!("{} exited with {}: {why}", self.name, child.status));
        }
        Ok(child)
    }

    /// The best of `runs` timings of `args`.
    fn best(&self, args: &[u64], runs: u32) -> Result<Child, String> {
        let mut best: Option<Child> = None;
        for _ in 0..runs.max(1) {
            let c = self.time(args)?;
            if best.as_ref().is_none_or(|b| c.seconds < b.seconds) {
                best = Some(c);
            }
        }
        Ok(best.expect("at least one run"))
    }
}

/// One measurement: a cost and a peak RSS, or why there is none.
type Measured = Result<(f64, f64), String>;

/// Nanoseconds per send at `depth` (and the peak RSS of the longest run): sends double
/// until a run lasts `budget.net` longer than a run without them.
fn ns_per_send(side: &Side, depth: u64, budget: Budget) -> Measured {
    let empty = side.best(&[0, depth], budget.runs)?.seconds;
    let mut sends: u64 = 1_000;
    loop {
        let run = side.best(&[sends, depth], budget.runs)?;
        let net = run.seconds - empty;
        if net >= budget.net.as_secs_f64() || sends >= 1 << 34 {
            return Ok((net.max(0.0) * 1e9 / sends as f64, run.rss_mib));
        }
        // Aim past the budget from what this run took, at least doubling.
        let scale = (budget.net.as_secs_f64() * 1.5 / net.max(1e-4)).clamp(2.0, 64.0);
        sends = (sends as f64 * scale) as u64;
    }
}

/// Seconds for the loop workload, net of the interpreter's start, and its peak RSS.
fn loop_seconds(side: &Side, budget: Budget) -> Measured {
    let empty = side.best(&[0, budget.sleeps], budget.runs)?.seconds;
    let run = side.best(&[budget.tasks, budget.sleeps], budget.runs)?;
    Ok(((run.seconds - empty).max(0.0), run.rss_mib))
}

/// One line of the report (and, as JSON, one line of `--json`).
#[derive(Debug, Serialize)]
pub struct Row {
    /// `send`, `yield_from_10`, `100k_tasks_x10_sleep0`...
    pub name: String,
    /// `ns/send` or `s`.
    pub unit: &'static str,
    /// corosim's cost, in `unit`.
    pub corosim: Option<f64>,
    /// CPython's cost, in `unit`.
    pub cpython: Option<f64>,
    /// `cpython / corosim`: how many times faster corosim is.
    pub ratio: Option<f64>,
    /// corosim's peak RSS, MiB.
    pub corosim_rss_mib: Option<f64>,
    /// CPython's peak RSS, MiB.
    pub cpython_rss_mib: Option<f64>,
    /// Issue 16's target for this workload, if it has one (not under `--quick`).
    pub target: Option<&'static str>,
    /// Whether the target is met (None: no target, or a side has no number).
    pub target_met: Option<bool>,
    /// Why corosim has no number.
    pub corosim_error: Option<String>,
    /// Why CPython has no number (at depth 1000: RecursionError).
    pub cpython_error: Option<String>,
}

impl Row {
    /// `judge`: hold the numbers against issue 16's targets (full sizes only).
    fn new(name: String, unit: &'static str, corosim: Measured, cpython: Measured, judge: bool) -> Row {
        let (c, p) = (corosim.as_ref().ok(), cpython.as_ref().ok());
        let ratio = c.zip(p).map(|(c, p)| p.0 / c.0);
        let mut row = Row {
            name,
            unit,
            corosim: c.map(|m| m.0),
            cpython: p.map(|m| m.0),
            ratio,
            corosim_rss_mib: c.map(|m| m.1),
            cpython_rss_mib: p.map(|m| m.1),
            target: None,
            target_met: None,
            corosim_error: corosim.err(),
            cpython_error: cpython.err(),
        };
        let memory = row.corosim_rss_mib.zip(row.cpython_rss_mib).map(|(c, p)| p / c);
        (row.target, row.target_met) = match row.name.as_str() {
            _ if !judge => (None, None),
            "send" => (Some("within 2× of CPython"), ratio.map(|r| r >= 0.5)),
            "yield_from_100" => (Some("≥ 20× faster"), ratio.map(|r| r >= 20.0)),
            "100k_tasks_x10_sleep0" => (
                Some("≥ 5× faster, ≤ 1/3 of the memory"),
                ratio.zip(memory).map(|(r, m)| r >= 5.0 && m >= 3.0),
            ),
            _ => (None, None),
        };
        row
    }
}

/// The loop workload's name (its full size; `--quick` runs 10,000 tasks under it,
/// a tenth of what `bench loop` runs).
const LOOP: &str = "100k_tasks_x10_sleep0";

/// `corosim bench python`: every workload on both sides, a table (or with `json` one
/// JSON object per workload per line). `quick`: small sizes, for tests. Fails (after
/// printing everything) if a side could not run a workload, except CPython's
/// RecursionError in a chain deeper than its recursion limit.
pub fn run(json: bool, quick: bool) -> Result<()> {
    let budget = if quick { QUICK } else { FULL };
    let dir = tempfile::tempdir().context("a folder for the workloads")?;
    let (generators, event_loop) = (dir.path().join("generators.py"), dir.path().join("event_loop.py"));
    std::fs::write(&generators, GENERATORS)?;
    std::fs::write(&event_loop, EVENT_LOOP)?;
    let exe = std::env::current_exe().context("finding the corosim binary")?;
    let corosim = |script: &Path| {
        let mut command = Command::new(&exe);
        command.arg("run").arg(script).arg("--");
        Side { name: "corosim", command }
    };
    let cpython = |script: &Path| {
        oracle::command(script, Use::Measure).map(|command| Side { name: "CPython", command })
    };
    let python_version = oracle::interpreter(Use::Measure).map(|p| p.version.to_string());

    let mut rows = Vec::new();
    for depth in DEPTHS {
        let name = if depth == 0 { "send".to_string() } else { format!("yield_from_{depth}") };
        let ours = ns_per_send(&corosim(&generators), depth, budget);
        let theirs =
            cpython(&generators).map_err(|e| e.to_string()).and_then(|s| ns_per_send(&s, depth, budget));
        rows.push(Row::new(name, "ns/send", ours, theirs, !quick));
    }
    let ours = loop_seconds(&corosim(&event_loop), budget);
    let theirs = cpython(&event_loop).map_err(|e| e.to_string()).and_then(|s| loop_seconds(&s, budget));
    rows.push(Row::new(LOOP.to_string(), "s", ours, theirs, !quick));

    let note = match &python_version {
        Ok(v) => format!("CPython {v}, same machine, same run; each a whole process, minus its start."),
        Err(e) => format!("CPython was not measured: {e}"),
    };
    let mut out = std::io::stdout().lock();
    if json {
        for row in &rows {
            writeln!(out, "{}", serde_json::to_string(row)?)?;
        }
        eprintln!("{note}");
    } else {
        write!(out, "{}", table(&rows, &note))?;
    }
    let failed: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            let theirs =
                r.cpython_error.as_ref().filter(|e| !e.contains("RecursionError") && python_version.is_ok());
            // corosim's interpreter keeps CPython's recursion limit: a chain too deep for
            // one is too deep for the other, and that is the faithful outcome.
            let ours = r.corosim_error.as_ref().filter(|e| !e.contains("RecursionError"));
            [ours, theirs].into_iter().flatten().map(move |e| format!("{}: {e}", r.name))
        })
        .collect();
    if !failed.is_empty() {
        bail!("some workloads did not run:\n{}", failed.join("\n"));
    }
    Ok(())
}

/// The human-readable report.
fn table(rows: &[Row], note: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<22} {:>8} {:>12} {:>12} {:>14} {:>12} {:>12}  target",
        "workload", "unit", "corosim", "CPython", "CPython/corosim", "corosim MiB", "CPython MiB"
    );
    let num = |v: Option<f64>, e: &Option<String>| match (v, e) {
        (Some(v), _) if v >= 100.0 => format!("{v:.0}"),
        (Some(v), _) => format!("{v:.3}"),
        (None, Some(e)) if e.contains("RecursionError") => "RecursionError".to_string(),
        _ => "failed".to_string(),
    };
    let mib = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.1}"));
    for r in rows {
        let ratio = match r.ratio {
            Some(x) if x >= 1.0 => format!("{x:.1}× faster"),
            Some(x) => format!("{:.1}× slower", 1.0 / x),
            None => "—".to_string(),
        };
        let target = match (r.target, r.target_met) {
            (Some(t), Some(true)) => format!("{t}: met"),
            (Some(t), Some(false)) => format!("{t}: NOT met"),
            (Some(t), None) => format!("{t}: —"),
            (None, _) => String::new(),
        };
        let _ = writeln!(
            s,
            "{:<22} {:>8} {:>12} {:>12} {:>14} {:>12} {:>12}  {target}",
            r.name,
            r.unit,
            num(r.corosim, &r.corosim_error),
            num(r.cpython, &r.cpython_error),
            ratio,
            mib(r.corosim_rss_mib),
            mib(r.cpython_rss_mib),
        );
    }
    let _ = writeln!(s, "\n{note}");
    for r in rows {
        for (side, e) in [("corosim", &r.corosim_error), ("CPython", &r.cpython_error)] {
            if let Some(e) = e {
                let _ = writeln!(s, "{side} {}: {}", r.name, e.lines().last().unwrap_or(e));
            }
        }
    }
    s
}
