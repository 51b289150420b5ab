//! `timeit` for generators: what one `send` costs, on a plain generator and through
//! `yield from` chains, in corosim and in CPython side by side.
//!
//! Python's `gen.send(x)` through a chain of `yield from`s is forwarded level by level,
//! so each step costs more the deeper the chain (and a chain deeper than the recursion
//! limit raises RecursionError). corosim's driver sends straight to the innermost frame:
//! a step should cost the same at depth 1 and at depth 1000. This module measures that.
//!
//! The workloads are the same in both languages (the Python twin is `generators.py`):
//!
//! ```python
//! def echo():
//!     x = None
//!     while True:
//!         x = yield x
//!
//! def relay(sub):
//!     return (yield from sub)
//! ```
//!
//! `send` times `echo().send(1)`; `yield_from_d` times a send into `d` relays stacked
//! on one echo.
//!
//! ```
//! use corosim::bench::generators::primed;
//! let g = primed(10);
//! assert_eq!(g.send(7).unwrap().repr(), "7");
//! assert_eq!(g.chain().len(), 11);
//! ```

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

use crate::generator::Generator;
use crate::oracle::{self, Unavailable, Use};
use crate::value::Value;

/// The CPython twin of the workloads, run as `generators.py BUDGET_MS ROUNDS DEPTH...`.
pub const PYTHON_SCRIPT: &str = include_str!("generators.py");

/// The `yield from` depths measured; depth 0 is a plain generator (the `send` workload).
pub const DEPTHS: [usize; 5] = [0, 1, 10, 100, 1000];

/// The workload's name for a depth: `send`, `yield_from_1`, ...
pub fn workload_name(depth: usize) -> String {
    if depth == 0 { "send".to_string() } else { format!("yield_from_{depth}") }
}

/// `echo()`: yields back whatever it is sent, forever.
pub fn echo() -> Generator {
    Generator::new("echo", |co| async move {
        let mut x = Value::None;
        loop {
            // Python's `x = yield x`, in two statements: rustc keeps a drop flag in the
            // body for a variable assigned straight from an `.await` (`x = ....await?`),
            // and sets and clears it, and copies `x` aside, on every step: about 1 ns a
            // send (9.9 ns instead of 8.7 here). Through a fresh binding it keeps none.
            let sent = co.yield_(x).await?;
            x = sent;
        }
    })
}

/// `relay(sub)`: `return (yield from sub)`.
pub fn relay(sub: Generator) -> Generator {
    Generator::new("relay", |co| async move { co.yield_from(sub).await })
}

/// An echo under `depth` relays, advanced to its first `yield` (ready for `send`).
pub fn primed(depth: usize) -> Generator {
    let g = (0..depth).fold(echo(), |g, _| relay(g));
    g.next().expect("echo yields");
    g
}

/// How long and how often to measure.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// The least duration of one timed round.
    pub round: Duration,
    /// The number of timed rounds; the best one counts.
    pub rounds: u32,
}

impl Budget {
    /// For numbers worth reading: the best of 200 rounds of at least 2 ms per workload.
    /// Many short rounds rather than a few long ones: on a busy machine some of them
    /// run without being preempted, and the best one is what the code costs.
    pub const FULL: Budget = Budget { round: Duration::from_millis(2), rounds: 200 };
    /// For tests of the command itself: the numbers are rough.
    pub const QUICK: Budget = Budget { round: Duration::from_millis(2), rounds: 2 };
}

/// One timed step: `g.send(1)`. `black_box` keeps the optimiser from skipping work; the
/// result is looked at where it lies, as a caller would, not copied into a black box
/// (a copy of a `Value` made just to measure it would cost more than some steps).
///
/// ```
/// use corosim::bench::generators::{primed, step};
/// let g = primed(3);
/// step(&g);
/// assert_eq!(g.send(2).unwrap().repr(), "2");
/// ```
#[inline(always)]
pub fn step(g: &Generator) {
    let result = g.send(black_box(1));
    black_box(&result);
}

/// Nanoseconds per `send` on each of `gens`: the best of `budget.rounds` rounds each,
/// every round with enough sends to last at least `budget.round`.
///
/// The workloads take turns, a round each, so that each one's rounds are spread over
/// the whole run. A shared machine's speed comes and goes in phases (on ours the same
/// `send` takes about 8 ns, then about 13 for anything from a tenth of a second to a
/// few seconds): rounds spread out meet a fast phase, and the best of them is what the
/// code costs.
///
/// ```
/// use corosim::bench::generators::{Budget, ns_per_send_each, primed};
/// let ns = ns_per_send_each(&[primed(0), primed(3)], Budget::QUICK);
/// assert_eq!(ns.len(), 2);
/// assert!(ns.iter().all(|&t| t > 0.0));
/// ```
pub fn ns_per_send_each(gens: &[Generator], budget: Budget) -> Vec<f64> {
    let timed = |g: &Generator, n: u64| {
        let start = Instant::now();
        for _ in 0..n {
            step(g);
        }
        start.elapsed()
    };
    let sends: Vec<u64> = gens
        .iter()
        .map(|g| {
            let mut n = 1;
            while timed(g, n) < budget.round {
                n *= 2;
            }
            n
        })
        .collect();
    let mut best = vec![Duration::MAX; gens.len()];
    for _ in 0..budget.rounds.max(1) {
        for ((g, &n), best) in gens.iter().zip(&sends).zip(&mut best) {
            *best = (*best).min(timed(g, n));
        }
    }
    best.iter().zip(&sends).map(|(t, &n)| t.as_nanos() as f64 / n as f64).collect()
}

/// One line of the report (and, as JSON, one line of `--json`).
#[derive(Debug, Serialize)]
pub struct Row {
    /// `send`, `yield_from_1`, ...
    pub name: String,
    /// corosim's nanoseconds per step.
    pub corosim_ns: f64,
    /// CPython's nanoseconds per step; `None` if CPython did not run it.
    pub cpython_ns: Option<f64>,
    /// `cpython_ns / corosim_ns`: how many times faster corosim is.
    pub ratio: Option<f64>,
    /// Why CPython has no number here (`RecursionError: ...`), if it raised.
    #[serde(skip)]
    pub cpython_error: Option<String>,
}

/// What the Python twin prints.
#[derive(Deserialize)]
struct PyReport {
    python: String,
    results: Vec<PyRow>,
}

#[derive(Deserialize)]
struct PyRow {
    name: String,
    ns: Option<f64>,
    error: Option<String>,
}

/// How the CPython run went.
enum CPython {
    Ran(PyReport),
    /// No such interpreter: the report has a corosim column only.
    NotFound(String),
    /// The interpreter ran but the twin failed: reported, and the command fails.
    Failed(String),
}

/// Runs the Python twin, `generators.py BUDGET_MS ROUNDS DEPTH...`, through the
/// [oracle](crate::oracle) (`$COROSIM_PYTHON`, else `python3`; any version).
fn run_cpython(budget: Budget) -> CPython {
    let script = match tempfile::Builder::new().suffix(".py").tempfile() {
        Ok(script) => script,
        Err(e) => return CPython::Failed(format!("could not write the Python twin: {e}")),
    };
    if let Err(e) = std::fs::write(script.path(), PYTHON_SCRIPT) {
        return CPython::Failed(format!("could not write the Python twin: {e}"));
    }
    let (python, mut command) = match oracle::interpreter(Use::Measure)
        .and_then(|p| Ok((&p.name, oracle::command(script.path(), Use::Measure)?)))
    {
        Ok(found) => found,
        Err(Unavailable::NotFound { name, .. }) => return CPython::NotFound(name),
        Err(e) => return CPython::Failed(e.to_string()),
    };
    let out = command
        .arg((budget.round.as_secs_f64() * 1e3).to_string())
        .arg(budget.rounds.to_string())
        .args(DEPTHS.iter().map(|d| d.to_string()))
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => return CPython::Failed(format!("could not run {python}: {e}")),
    };
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return CPython::Failed(format!("{python} failed ({}):\n{stderr}", out.status));
    }
    match serde_json::from_slice(&out.stdout) {
        Ok(report) => CPython::Ran(report),
        Err(e) => CPython::Failed(format!("{python} printed something unexpected: {e}")),
    }
}

/// `corosim bench generators`: measures every workload in corosim (in this process),
/// then in CPython (a `python3` subprocess), and prints a table, or with `json` one
/// JSON object per workload per line. `quick` shortens the runs (for tests).
///
/// Without python3 it prints the corosim column and says so; it fails only if python3
/// runs but the Python twin fails.
pub fn run(json: bool, quick: bool) -> Result<()> {
    let budget = if quick { Budget::QUICK } else { Budget::FULL };
    let corosim = ns_per_send_each(&DEPTHS.map(primed), budget);
    let cpython = run_cpython(budget);

    let rows: Vec<Row> = DEPTHS
        .iter()
        .zip(corosim)
        .map(|(&depth, corosim_ns)| {
            let name = workload_name(depth);
            let py = match &cpython {
                CPython::Ran(report) => report.results.iter().find(|r| r.name == name),
                _ => None,
            };
            let cpython_ns = py.and_then(|r| r.ns);
            Row {
                corosim_ns,
                cpython_ns,
                ratio: cpython_ns.map(|c| c / corosim_ns),
                cpython_error: py.and_then(|r| r.error.clone()),
                name,
            }
        })
        .collect();
    let note = match &cpython {
        CPython::Ran(report) => format!("CPython {}, same machine, same run.", report.python),
        CPython::NotFound(python) => format!("CPython was not found ('{python}'): corosim only."),
        CPython::Failed(why) => why.clone(),
    };

    let mut out = std::io::stdout().lock();
    if json {
        for row in &rows {
            writeln!(out, "{}", serde_json::to_string(row)?)?;
        }
        // Notes go to stderr, so stdout stays one JSON object per line.
        eprintln!("{note}");
        for row in &rows {
            if let Some(error) = &row.cpython_error {
                eprintln!("CPython {}: {error}", row.name);
            }
        }
    } else {
        write!(out, "{}", table(&rows, &note))?;
    }
    if let CPython::Failed(why) = cpython {
        bail!("{why}");
    }
    Ok(())
}

/// The human-readable report.
fn table(rows: &[Row], note: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<16} {:>16} {:>16} {:>16}",
        "workload", "corosim ns/step", "CPython ns/step", "CPython/corosim"
    );
    for row in rows {
        let cpython = match (row.cpython_ns, &row.cpython_error) {
            (Some(c), _) => format!("{c:.1}"),
            (None, Some(e)) => e.split(':').next().unwrap_or(e).to_string(),
            (None, None) => "—".to_string(),
        };
        let ratio = match row.ratio {
            Some(r) if r >= 1.0 => format!("{r:.1}× faster"),
            Some(r) => format!("{:.1}× slower", 1.0 / r),
            None => "—".to_string(),
        };
        let _ = writeln!(s, "{:<16} {:>16.1} {:>16} {:>16}", row.name, row.corosim_ns, cpython, ratio);
    }
    let _ = writeln!(s, "\n{note}");
    for row in rows {
        if let Some(error) = &row.cpython_error {
            let _ = writeln!(
                s,
                "CPython {}: {error} (chain built the natural way, default recursion limit).",
                row.name
            );
        }
    }
    s
}
