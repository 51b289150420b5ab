//! `corosim bench server`: the charfinder TCP server under load, corosim beside CPython
//! in one run.
//!
//! Each server runs in a process of its own — `corosim serve charfinder --quiet` and
//! CPython on `server.py` (the twin's server: the same index and `handle_queries`) — on a
//! port the OS picks. One load generator
//! (this process: corosim's loop on the real clock, on two threads, each with half the
//! clients) connects N clients, and once all are connected each sends K queries in turn, waiting
//! for each answer (its lines, its status, the next prompt) before the next. Reported:
//! requests per second over the query phase, the latency of a request (p50, p99), and
//! the server's peak RSS (`VmHWM`, read before it is stopped). The servers run one after
//! the other, with the same generator, so neither competes with the other for the CPUs.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::time::Instant;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::aio::{self, ClockKind, Semaphore};
use crate::oracle::{self, Use};
use crate::{Generator, Value};

const PYTHON: &str = include_str!("server.py");
const QUERY: &[u8] = b"chess black king\r\n";
const PROMPT: &[u8] = b"?> ";

/// One load's size.
#[derive(Clone, Copy)]
struct Load {
    name: &'static str,
    clients: usize,
    queries: usize,
}

const FULL: Load = Load { name: "1000_clients_x20_queries", clients: 1000, queries: 20 };
const QUICK: Load = Load { name: "50_clients_x5_queries", clients: 50, queries: 5 };

/// What one server did under the load.
#[derive(Clone, Copy, Serialize)]
struct Measured {
    requests_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    rss_mib: f64,
}

/// One line of `--json` output.
#[derive(Serialize)]
struct Row {
    name: &'static str,
    corosim: Measured,
    cpython: Option<Measured>,
}

/// Kills a server process however the benchmark ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts a server process and reads the port it prints (`Serving on ('127.0.0.1', N)`).
fn start(mut cmd: Command) -> Result<(Server, u16)> {
    let mut child = Server(cmd.stdout(Stdio::piped()).stderr(Stdio::null()).stdin(Stdio::null()).spawn()?);
    let mut out = BufReader::new(child.0.stdout.take().context("its stdout")?);
    let mut first = String::new();
    out.read_line(&mut first)?;
    let port = first
        .split(", ")
        .nth(1)
        .and_then(|p| p.split(')').next())
        .and_then(|p| p.parse().ok())
        .with_context(|| format!("no address in {first:?}"))?;
    // Whatever else it prints goes nowhere, so its pipe never fills.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    Ok((child, port))
}

/// The server's peak resident memory, MiB (`VmHWM` in /proc/PID/status).
fn peak_rss_mib(pid: u32) -> Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmHWM")?;
    Ok(kib / 1024.0)
}

/// Threads the load generator runs on, each a loop with its share of the clients, so
/// the generator is not what limits the faster server.
const GENERATORS: usize = 2;

/// Runs the load against the server on `port`: the query phase's seconds (from the first
/// thread's start to the last one's end) and every request's latency.
fn load(port: u16, load: Load) -> Result<(f64, Vec<f64>)> {
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(GENERATORS));
    let threads: Vec<_> = (0..GENERATORS)
        .map(|k| {
            let clients = load.clients / GENERATORS + usize::from(k < load.clients % GENERATORS);
            let barrier = barrier.clone();
            std::thread::spawn(move || load_part(port, clients, load.queries, barrier))
        })
        .collect();
    let (mut first, mut last, mut all) = (None::<Instant>, None::<Instant>, Vec::new());
    for t in threads {
        let (start, end, lat) = t.join().map_err(|_| anyhow::anyhow!("a load thread panicked"))??;
        first = Some(first.map_or(start, |f| f.min(start)));
        last = Some(last.map_or(end, |l| l.max(end)));
        all.extend(lat);
    }
    let seconds = last.context("no load")?.duration_since(first.context("no load")?).as_secs_f64();
    Ok((seconds, all))
}

/// One generator thread: connects its clients, waits for the other threads at the
/// barrier, then runs the queries. Returns when its query phase started and ended.
fn load_part(
    port: u16,
    clients: usize,
    queries: usize,
    barrier: std::sync::Arc<std::sync::Barrier>,
) -> Result<(Instant, Instant, Vec<f64>)> {
    let latencies = Rc::new(std::cell::RefCell::new(Vec::with_capacity(clients * queries)));
    let lat = latencies.clone();
    let started = Rc::new(std::cell::Cell::new(None::<Instant>));
    let start_mark = started.clone();
    let main = Generator::coroutine("load", move |co| async move {
        let lp = aio::get_running_loop()?;
        let all_connected = lp.create_future();
        let go = lp.create_future();
        let connected = Rc::new(std::cell::Cell::new(0));
        // Connect at most 50 at a time: the servers' listen backlog is 100.
        let connecting = Semaphore::new(50)?;
        let mut tasks = Vec::new();
        for _ in 0..clients {
            let (gate, go, connected, connecting, lat) =
                (all_connected.clone(), go.clone(), connected.clone(), connecting.clone(), lat.clone());
            tasks.push(aio::create_task(Generator::coroutine("client", move |co| async move {
                let (reader, writer) = {
                    let _slot = connecting.hold(&co).await?;
                    let pair = aio::open_connection(&co, "127.0.0.1", port).await?;
                    pair.0.readexactly(&co, PROMPT.len()).await?;
                    pair
                };
                connected.set(connected.get() + 1);
                if connected.get() == clients {
                    gate.set_result(Value::None)?;
                }
                co.await_(&go).await?;
                for _ in 0..queries {
                    let t0 = Instant::now();
                    writer.write(QUERY)?;
                    let answer = reader.readuntil(&co, PROMPT).await?;
                    lat.borrow_mut().push(t0.elapsed().as_secs_f64());
                    if !answer.windows(9).any(|w| w == b"4 matches") {
                        return Err(crate::PyException::new(
                            crate::exception::RUNTIME_ERROR,
                            format!("a wrong answer: {:?}", String::from_utf8_lossy(&answer)),
                        ));
                    }
                }
                writer.write(b"\x03\r\n")?;
                reader.read_all(&co).await?;
                writer.close();
                Ok(Value::None)
            }))?);
        }
        co.await_(&all_connected).await?;
        barrier.wait(); // every thread's clients are connected: start together
        start_mark.set(Some(Instant::now()));
        go.set_result(Value::None)?;
        let all = aio::gather(tasks.iter().map(aio::Awaitable::from).collect::<Vec<_>>(), false)?;
        co.await_(all).await?;
        Ok(Value::None)
    });
    let outcome = aio::with_clock(ClockKind::Real, || aio::run(main));
    let end = Instant::now();
    outcome.map_err(|e| anyhow::anyhow!("{e}"))?;
    let start = started.get().context("the query phase never started")?;
    let lat = latencies.borrow().clone();
    Ok((start, end, lat))
}

fn measure(cmd: Command, size: Load) -> Result<Measured> {
    let (server, port) = start(cmd)?;
    let (seconds, mut lat) = load(port, size)?;
    let rss_mib = peak_rss_mib(server.0.id())?;
    drop(server);
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)] * 1000.0;
    Ok(Measured { requests_per_s: lat.len() as f64 / seconds, p50_ms: pct(0.50), p99_ms: pct(0.99), rss_mib })
}

/// Runs the load on both servers and prints the table (or one JSON line).
pub fn run(json: bool, quick: bool) -> Result<()> {
    let size = if quick { QUICK } else { FULL };
    let exe = std::env::current_exe().context("finding the corosim binary")?;
    let mut ours = Command::new(&exe);
    ours.args(["serve", "charfinder", "--port", "0", "--quiet"]);
    let corosim = measure(ours, size).context("corosim's server")?;
    let script = tempfile::Builder::new().suffix(".py").tempfile().context("writing the CPython server")?;
    std::fs::write(script.path(), PYTHON)?;
    let cpython = match oracle::interpreter(Use::Measure) {
        Ok(python) => {
            let mut cmd = Command::new(&python.executable);
            cmd.arg(script.path()).env("PYTHONDONTWRITEBYTECODE", "1");
            Some(measure(cmd, size).context("CPython's server")?)
        }
        Err(e) => {
            eprintln!("CPython was not measured: {e}");
            None
        }
    };
    let row = Row { name: size.name, corosim, cpython };
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(&row)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} (each client: {} queries, one at a time; latency: query sent → answer read)",
        size.name, size.queries
    )?;
    writeln!(
        out,
        "{:<10} {:>12} {:>9} {:>9} {:>10}",
        "server", "requests/s", "p50 ms", "p99 ms", "peak MiB"
    )?;
    let line = |out: &mut std::io::StdoutLock, who: &str, m: &Measured| {
        writeln!(
            out,
            "{who:<10} {:>12.0} {:>9.2} {:>9.2} {:>10.1}",
            m.requests_per_s, m.p50_ms, m.p99_ms, m.rss_mib
        )
    };
    line(&mut out, "corosim", &row.corosim)?;
    if let Some(c) = &row.cpython {
        line(&mut out, "CPython", c)?;
        writeln!(
            out,
            "corosim: {:.1}× CPython's requests/s, 1/{:.1} of its memory",
            row.corosim.requests_per_s / c.requests_per_s,
            c.rss_mib / row.corosim.rss_mib
        )?;
    }
    Ok(())
}
