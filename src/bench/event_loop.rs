//! `corosim bench loop`: asyncio's scheduling cost, corosim beside CPython in one run.
//!
//! Two workloads, each the same program on both sides: N tasks, each awaiting
//! `sleep(0)` K times (a bare yield: one trip round the ready queue per await), with
//! main awaiting every task. (a) 100,000 × 10 measures steps; (b) 1,000,000 × 1
//! measures what a paused task costs to keep. Each workload runs in a fresh process, so
//! its peak RSS is its own: corosim re-runs itself as a worker; CPython runs
//! `event_loop.py` through the [oracle runner](crate::oracle).

use std::io::Write;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::aio::{self, EventLoop};
use crate::oracle::{self, Use};
use crate::{Generator, PyResult, Value};

const PYTHON: &str = include_str!("event_loop.py");

/// One workload's size.
#[derive(Clone, Copy)]
struct Workload {
    name: &'static str,
    tasks: u64,
    sleeps: u64,
}

const FULL: [Workload; 2] = [
    Workload { name: "100k_tasks_x10_sleep0", tasks: 100_000, sleeps: 10 },
    Workload { name: "1m_tasks_x1_sleep0", tasks: 1_000_000, sleeps: 1 },
];

/// Small sizes for tests (`--quick`): the same programs, in a moment.
const QUICK: [Workload; 2] = [
    Workload { name: "100k_tasks_x10_sleep0", tasks: 1_000, sleeps: 10 },
    Workload { name: "1m_tasks_x1_sleep0", tasks: 10_000, sleeps: 1 },
];

/// What one process reports.
#[derive(Deserialize, Serialize)]
struct Measured {
    seconds: f64,
    rss_mib: f64,
}

/// One line of `--json` output.
#[derive(Serialize)]
struct Row {
    name: &'static str,
    corosim_s: f64,
    cpython_s: Option<f64>,
    corosim_rss_mib: f64,
    cpython_rss_mib: Option<f64>,
}

/// Runs both workloads on both sides and prints the table (or JSON lines).
pub fn run(json: bool, quick: bool) -> Result<()> {
    let workloads = if quick { QUICK } else { FULL };
    let exe = std::env::current_exe().context("finding the corosim binary")?;
    let script = tempfile::Builder::new().suffix(".py").tempfile().context("writing the CPython script")?;
    std::fs::write(script.path(), PYTHON)?;
    let mut rows = Vec::new();
    let mut python_missing = None;
    for w in workloads {
        let args = [w.tasks.to_string(), w.sleeps.to_string()];
        let corosim = measure(Command::new(&exe).arg("bench-worker").args(&args))
            .with_context(|| format!("corosim worker for {}", w.name))?;
        let cpython = match oracle::command(script.path(), Use::Measure) {
            Ok(mut python) => match measure(python.args(&args)) {
                Ok(m) => Some(m),
                Err(e) => {
                    python_missing = Some(format!("{e:#}"));
                    None
                }
            },
            Err(e) => {
                python_missing = Some(e.to_string());
                None
            }
        };
        rows.push(Row {
            name: w.name,
            corosim_s: corosim.seconds,
            corosim_rss_mib: corosim.rss_mib,
            cpython_s: cpython.as_ref().map(|m| m.seconds),
            cpython_rss_mib: cpython.as_ref().map(|m| m.rss_mib),
        });
    }
    let mut out = std::io::stdout().lock();
    if json {
        for row in &rows {
            writeln!(out, "{}", serde_json::to_string(row)?)?;
        }
    } else {
        print_table(&mut out, &rows)?;
    }
    if let Some(why) = python_missing {
        eprintln!("CPython was not measured: {why}");
    }
    Ok(())
}

fn measure(cmd: &mut Command) -> Result<Measured> {
    let out = cmd.output().context("starting the process")?;
    if !out.status.success() {
        bail!("it failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).with_context(|| format!("reading its report {text:?}"))
}

fn print_table(out: &mut impl Write, rows: &[Row]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<22} {:>10} {:>10} {:>8}   {:>11} {:>11} {:>8}",
        "workload", "corosim s", "CPython s", "speed", "corosim MiB", "CPython MiB", "memory"
    )?;
    for r in rows {
        let na = || "n/a".to_string();
        let speed = r.cpython_s.map_or_else(na, |c| format!("{:.1}×", c / r.corosim_s));
        let memory = r.cpython_rss_mib.map_or_else(na, |c| format!("1/{:.1}", c / r.corosim_rss_mib));
        writeln!(
            out,
            "{:<22} {:>10.3} {:>10} {:>8}   {:>11.1} {:>11} {:>8}",
            r.name,
            r.corosim_s,
            r.cpython_s.map_or_else(na, |s| format!("{s:.3}")),
            speed,
            r.corosim_rss_mib,
            r.cpython_rss_mib.map_or_else(na, |m| format!("{m:.1}")),
            memory,
        )?;
    }
    writeln!(
        out,
        "speed: how many times faster corosim is; memory: corosim's peak RSS as a fraction of CPython's"
    )
}

/// The worker process: runs one workload and prints its time and peak RSS as JSON.
pub fn worker(tasks: u64, sleeps: u64) -> Result<()> {
    let start = Instant::now();
    run_workload(tasks, sleeps).map_err(|e| anyhow::anyhow!("{e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    writeln!(
        std::io::stdout(),
        "{}",
        serde_json::to_string(&Measured { seconds, rss_mib: peak_rss_mib()? })?
    )?;
    Ok(())
}

/// The workload itself, the twin of `event_loop.py`: `tasks` tasks, each awaiting
/// `sleep(0)` `sleeps` times, and main awaiting every task, on a fresh loop.
///
/// ```
/// corosim::bench::event_loop::run_workload(100, 3).unwrap();
/// ```
pub fn run_workload(tasks: u64, sleeps: u64) -> PyResult {
    let lp = EventLoop::new();
    lp.set_debug(false); // asyncio's default too: no per-step timing
    let main = Generator::coroutine("main", move |co| async move {
        let mut all = Vec::with_capacity(tasks as usize);
        for _ in 0..tasks {
            all.push(aio::create_task(Generator::coroutine("worker", move |co| async move {
                for _ in 0..sleeps {
                    co.await_(aio::sleep(0.0)).await?;
                }
                Ok(Value::None)
            }))?);
        }
        for task in &all {
            co.await_(task).await?;
        }
        Ok(Value::None)
    });
    aio::run_on(lp, main)
}

/// The process's peak resident set size (`VmHWM`), in MiB.
fn peak_rss_mib() -> Result<f64> {
    let status = std::fs::read_to_string("/proc/self/status").context("reading /proc/self/status")?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmHWM in /proc/self/status")?;
    Ok(kib / 1024.0)
}
