//! `corosim bench server`: the charfinder TCP server under load, corosim beside CPython
//! in one run.
//!
//! A server's capacity is how many requests per second it answers when many clients keep
//! it busy; here, 1,000 clients connected at once, each sending 20 queries one after the
//! other (the next as soon as the answer is in).
//!
//! How the figure is measured:
//! - Each server runs in a process of its own — `corosim serve charfinder --quiet` and
//!   CPython on the twin's server (`charfinder_tcp.py` up to its clients: the same index
//!   and `handle_queries`, its prints made `pass`, as the quiet server makes none of those
//!   lines) followed by `quiet_server.py`, which serves until terminated — on a port the
//!   OS picks.
//! - One load generator for both: this process, on two threads, each with half the
//!   clients. It is made to cost little beside a server: each client is a few lines of
//!   state driven by `add_reader` callbacks on a plain loop (no task, no stream), one
//!   `send` per query and a `recv` per answer. Its busiest round's CPU time is reported,
//!   to show it was not what set the pace.
//! - A round: every client connects and reads its first prompt; then (all threads at
//!   once) every client sends its queries, each timed from its `send` to the end of its
//!   answer (its lines, its status, the next prompt), checked for the right status line.
//!   Requests per second count the query phase only, from the first thread's start to
//!   the last one's end.
//! - One warm-up round each, then three measured rounds each, the servers taking turns
//!   (so a busy spell on the machine falls on both): the figures are those of the median
//!   round, with every round's requests/s shown beside them. The servers idle while the
//!   other one is measured.
//! - Memory is the server's peak RSS (`VmHWM`, read after the last round).
//! - On a busy machine a server gets only part of a core, and requests/s fall with it.
//!   So each round also counts the server's own CPU time (/proc/PID/stat): *req/CPU-s*
//!   is requests per second of it, what the server does with the CPU it gets. On a quiet
//!   machine both servers keep a core busy and the two ratios agree; when other work
//!   takes turns on the cores, the per-CPU-second ratio is the one that holds still.

use std::cell::{Cell, RefCell};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::aio::{EventLoop, Socket};
use crate::oracle::{self, Use};

/// What follows the twin's server in CPython's program.
const QUIET_SERVER: &str = include_str!("quiet_server.py");
const QUERY: &[u8] = b"chess black king\r\n";
const PROMPT: &[u8] = b"?> ";
/// What every answer to `QUERY` says (its status line).
const ANSWER: &[u8] = b"4 matches";

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
#[derive(Clone, Serialize)]
struct Measured {
    requests_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    rss_mib: f64,
    /// Each round's requests/s, in the order they ran.
    rounds: Vec<f64>,
    /// The median round's requests per second of server CPU time (see [`Round`]).
    requests_per_cpu_s: f64,
    /// The load generator's busiest round: its threads' CPU time over the wall time.
    generator_cores: f64,
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

/// The load generator's client: one connection, sending one query at a time.
struct Client {
    sock: Socket,
    /// The answer read so far (its lines, its status, the next prompt).
    answer: Vec<u8>,
    /// Queries still to send.
    left: usize,
    /// When the query being answered was sent.
    sent: Instant,
    stage: Stage,
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// Connected, with the first prompt read.
    Ready,
    /// A query is out.
    Asking,
    /// The control character is out: reading until the server hangs up.
    Leaving,
    Done,
}

/// What one generator thread shares among its clients' callbacks.
struct Shared {
    lp: EventLoop,
    clients: Vec<Rc<RefCell<Client>>>,
    queries: usize,
    /// Clients not done yet.
    waiting: Cell<usize>,
    latencies: RefCell<Vec<f64>>,
    failed: RefCell<Option<String>>,
    gate: Arc<Gate>,
    started: Cell<Option<Instant>>,
}

impl Shared {
    fn fail(&self, why: String) {
        self.failed.borrow_mut().get_or_insert(why);
        self.lp.stop();
    }

    /// Every client has its first prompt: wait for the other threads, then send every
    /// client's first query.
    fn go(&self) {
        if !self.gate.pass() {
            return self.fail("another load thread did not get its clients connected".into());
        }
        self.started.set(Some(Instant::now()));
        self.waiting.set(self.clients.len());
        for c in &self.clients {
            let mut c = c.borrow_mut();
            c.stage = Stage::Asking;
            self.send(&mut c, QUERY);
        }
    }

    fn send(&self, c: &mut Client, what: &[u8]) {
        c.sent = Instant::now();
        // A query is 20 bytes into an empty send buffer: it fits.
        match c.sock.send(what) {
            Ok(n) if n == what.len() => {}
            other => self.fail(format!("a query was not sent whole: {other:?}")),
        }
    }

    /// `c`'s socket is readable.
    fn read(&self, c: &mut Client, buf: &mut [u8]) {
        let n = match c.sock.recv_into(buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return,
            Err(e) => return self.fail(format!("a client's recv failed: {e}")),
        };
        if c.stage == Stage::Leaving {
            if n == 0 {
                c.stage = Stage::Done;
                self.lp.remove_reader(&c.sock);
                c.sock.close();
                self.one_less(|| self.lp.stop());
            }
            return;
        }
        if n == 0 {
            return self.fail("the server closed a connection early".into());
        }
        c.answer.extend_from_slice(&buf[..n]);
        if !c.answer.ends_with(PROMPT) {
            return;
        }
        match c.stage {
            Stage::Asking => {
                self.latencies.borrow_mut().push(c.sent.elapsed().as_secs_f64());
                if !c.answer.windows(ANSWER.len()).any(|w| w == ANSWER) {
                    let answer = String::from_utf8_lossy(&c.answer).into_owned();
                    return self.fail(format!("a wrong answer: {answer:?}"));
                }
                c.answer.clear();
                c.left -= 1;
                if c.left > 0 {
                    self.send(c, QUERY);
                } else {
                    c.stage = Stage::Leaving;
                    self.send(c, b"\x03\r\n");
                }
            }
            _ => self.fail("an answer out of turn".into()),
        }
    }

    fn one_less(&self, then: impl FnOnce()) {
        self.waiting.set(self.waiting.get() - 1);
        if self.waiting.get() == 0 {
            then();
        }
    }
}

/// Where the generator threads wait for each other before the query phase (a barrier
/// that gives up after a while, so a thread that failed cannot hang the others).
struct Gate {
    arrived: Mutex<usize>,
    all_in: Condvar,
    threads: usize,
}

impl Gate {
    /// Arrives, and waits for every thread to; false if they did not within a minute.
    fn pass(&self) -> bool {
        let mut arrived = self.arrived.lock().unwrap_or_else(|e| e.into_inner());
        *arrived += 1;
        self.all_in.notify_all();
        let limit = std::time::Duration::from_secs(60);
        let (arrived, _) = self
            .all_in
            .wait_timeout_while(arrived, limit, |n| *n < self.threads)
            .unwrap_or_else(|e| e.into_inner());
        *arrived >= self.threads
    }
}

/// The CPU seconds (user and system, all threads) process `pid` has used so far: fields
/// 14 and 15 of /proc/PID/stat, in clock ticks (`USER_HZ`, 100 a second on Linux).
fn cpu_seconds(pid: u32) -> Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // After the command name in parentheses (which may hold spaces) come the fields from
    // the third on: utime and stime are the 12th and 13th of those.
    let fields: Vec<&str> = stat.rsplit_once(')').context("no ')' in stat")?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).context("a short stat line");
    Ok((ticks(11)? + ticks(12)?) / 100.0)
}

/// The load generator's threads, each a loop with its share of the clients.
const GENERATORS: usize = 2;
/// Longest a round may take before it is called failed (a server that stopped answering).
const ROUND_LIMIT_S: f64 = 120.0;

/// One round of the load against the server on `port`: the query phase's seconds (from
/// the first thread's start to the last one's end), every request's latency, and the
/// generator threads' CPU seconds.
fn load(port: u16, load: Load) -> Result<(f64, Vec<f64>, f64)> {
    let gate = Arc::new(Gate { arrived: Mutex::new(0), all_in: Condvar::new(), threads: GENERATORS });
    let threads: Vec<_> = (0..GENERATORS)
        .map(|k| {
            let clients = load.clients / GENERATORS + usize::from(k < load.clients % GENERATORS);
            let gate = gate.clone();
            std::thread::spawn(move || load_part(port, clients, load.queries, gate))
        })
        .collect();
    let (mut first, mut last, mut all, mut cpu) = (None::<Instant>, None::<Instant>, Vec::new(), 0.0);
    for t in threads {
        let part = t.join().map_err(|_| anyhow::anyhow!("a load thread panicked"))?;
        let (start, end, lat, busy) = part?;
        first = Some(first.map_or(start, |f| f.min(start)));
        last = Some(last.map_or(end, |l| l.max(end)));
        all.extend(lat);
        cpu += busy;
    }
    let seconds = last.context("no load")?.duration_since(first.context("no load")?).as_secs_f64();
    Ok((seconds, all, cpu))
}

/// This thread's CPU seconds so far (user and system).
fn thread_cpu_seconds() -> f64 {
    use nix::sys::resource::{UsageWho, getrusage};
    getrusage(UsageWho::RUSAGE_THREAD).map_or(0.0, |u| {
        let (a, b) = (u.user_time(), u.system_time());
        (a.tv_sec() + b.tv_sec()) as f64 + (a.tv_usec() + b.tv_usec()) as f64 / 1e6
    })
}

/// One generator thread: connects its clients (plain blocking connects) and reads their
/// first prompts, waits for the other threads, then runs the queries: each client a few
/// lines of state driven by `add_reader` callbacks on a loop of its own (no task, no
/// stream: the generator should cost little beside the server). Returns when its query
/// phase started and ended, the latencies, and its CPU seconds in the query phase.
fn load_part(
    port: u16,
    clients: usize,
    queries: usize,
    gate: Arc<Gate>,
) -> Result<(Instant, Instant, Vec<f64>, f64)> {
    let lp = EventLoop::with_real_clock();
    lp.set_debug(false);
    let mut conns = Vec::with_capacity(clients);
    // In batches, each client reading its prompt before the next batch connects: the
    // server's listen backlog is 100, and a connection the full backlog turns away is
    // tried again only a second later.
    for batch in (0..clients).collect::<Vec<_>>().chunks(50) {
        let mut streams = Vec::with_capacity(batch.len());
        for _ in batch {
            let stream = std::net::TcpStream::connect(("127.0.0.1", port)).context("connecting a client")?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(std::time::Duration::from_secs(30)))?;
            streams.push(stream);
        }
        for mut stream in streams {
            let mut prompt = [0; PROMPT.len()];
            std::io::Read::read_exact(&mut stream, &mut prompt).context("reading the first prompt")?;
            anyhow::ensure!(prompt == PROMPT, "the server greeted with {prompt:?}");
            let sock = Socket::from_fd(std::os::fd::OwnedFd::from(stream))?;
            conns.push(Rc::new(RefCell::new(Client {
                sock,
                answer: Vec::with_capacity(256),
                left: queries,
                sent: Instant::now(),
                stage: Stage::Ready,
            })));
        }
    }
    let shared = Rc::new(Shared {
        lp: lp.clone(),
        clients: conns,
        queries,
        waiting: Cell::new(0),
        latencies: RefCell::new(Vec::with_capacity(clients * queries)),
        failed: RefCell::new(None),
        gate,
        started: Cell::new(None),
    });
    let sh = shared.clone();
    lp.call_soon("go", move || sh.go());
    let buf = Rc::new(RefCell::new(vec![0u8; 64 * 1024]));
    for c in &shared.clients {
        let (sh, client, buf) = (shared.clone(), c.clone(), buf.clone());
        lp.add_reader(&c.borrow().sock, "read_answer", move || {
            sh.read(&mut client.borrow_mut(), &mut buf.borrow_mut())
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let sh = shared.clone();
    lp.call_later(ROUND_LIMIT_S, "time_limit", move || sh.fail("the round took too long".into()));
    let cpu_at_start = Rc::new(Cell::new(0.0));
    let mark = cpu_at_start.clone();
    lp.call_soon("mark", move || mark.set(thread_cpu_seconds()));
    let outcome = lp.run_forever();
    let end = Instant::now();
    let cpu = thread_cpu_seconds() - cpu_at_start.get();
    for c in &shared.clients {
        let c = c.borrow();
        lp.remove_reader(&c.sock);
        c.sock.close();
    }
    let _ = lp.close();
    outcome.map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(why) = shared.failed.borrow_mut().take() {
        anyhow::bail!(why);
    }
    debug_assert_eq!(shared.latencies.borrow().len(), shared.clients.len() * shared.queries);
    let start = shared.started.get().context("the query phase never started")?;
    let lat = std::mem::take(&mut *shared.latencies.borrow_mut());
    Ok((start, end, lat, cpu))
}

/// One round's figures.
#[derive(Clone, Copy)]
struct Round {
    requests_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// Requests per second of the server's own CPU time: what it does with the CPU it
    /// gets, whatever else runs on the machine.
    requests_per_cpu_s: f64,
    /// The generator's CPU time over the round's wall time (1.0: one core busy).
    generator_cores: f64,
}

fn round(pid: u32, port: u16, size: Load) -> Result<Round> {
    let cpu_before = cpu_seconds(pid)?;
    let (seconds, mut lat, cpu) = load(port, size)?;
    let server_cpu = cpu_seconds(pid)? - cpu_before;
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)] * 1000.0;
    Ok(Round {
        requests_per_s: lat.len() as f64 / seconds,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        // The whole round's CPU (its connections too), so a little below the query
        // phase's own figure, for both servers alike.
        requests_per_cpu_s: lat.len() as f64 / server_cpu.max(0.01),
        generator_cores: cpu / seconds,
    })
}

/// Rounds measured for each server (after one warm-up round), the servers taking turns.
const ROUNDS: usize = 3;

/// A server under test and its rounds.
struct UnderTest {
    server: Server,
    port: u16,
    rounds: Vec<Round>,
}

impl UnderTest {
    fn start(cmd: Command) -> Result<UnderTest> {
        let (server, port) = start(cmd)?;
        Ok(UnderTest { server, port, rounds: Vec::new() })
    }

    /// The round with the median requests/s, the spread, and the peak memory so far.
    fn summary(&mut self) -> Result<Measured> {
        let mut rounds = self.rounds.clone();
        rounds.sort_by(|a, b| a.requests_per_s.total_cmp(&b.requests_per_s));
        let median = rounds[rounds.len() / 2];
        Ok(Measured {
            requests_per_s: median.requests_per_s,
            p50_ms: median.p50_ms,
            p99_ms: median.p99_ms,
            rss_mib: peak_rss_mib(self.server.0.id())?,
            requests_per_cpu_s: {
                let mut per_cpu: Vec<f64> = rounds.iter().map(|r| r.requests_per_cpu_s).collect();
                per_cpu.sort_by(f64::total_cmp);
                per_cpu[per_cpu.len() / 2]
            },
            rounds: self.rounds.iter().map(|r| r.requests_per_s.round()).collect(),
            generator_cores: rounds.iter().map(|r| r.generator_cores).fold(0.0, f64::max),
        })
    }
}

/// CPython's program: the twin's server half (everything before its first client), each
/// `print(...)` statement in it made `pass  # print(...)`, then [`QUIET_SERVER`].
///
/// ```
/// let program = corosim::bench::server::python_server();
/// assert!(program.contains("async def handle_queries(") && !program.contains("async def client("));
/// assert!(program.contains("        pass  # print(\"Received from"));
/// ```
pub fn python_server() -> String {
    let twin = crate::scenarios::find("charfinder_tcp").expect("a built-in program").python;
    let server = twin.split("\nasync def client(").next().unwrap_or(twin);
    let mut out = String::new();
    for line in server.trim_end().lines() {
        let code = line.trim_start();
        match code.starts_with("print(") {
            true => out.push_str(&format!("{}pass  # {code}\n", &line[..line.len() - code.len()])),
            false => out.push_str(&format!("{line}\n")),
        }
    }
    out + QUIET_SERVER
}

/// Runs the load on both servers and prints the table (or one JSON line).
pub fn run(json: bool, quick: bool) -> Result<()> {
    let (size, rounds, warm_up) = if quick { (QUICK, 1, false) } else { (FULL, ROUNDS, true) };
    let exe = std::env::current_exe().context("finding the corosim binary")?;
    let mut ours = Command::new(&exe);
    ours.args(["serve", "charfinder", "--port", "0", "--quiet"]);
    let mut servers = vec![UnderTest::start(ours).context("starting corosim's server")?];
    let script = tempfile::Builder::new().suffix(".py").tempfile().context("writing the CPython server")?;
    std::fs::write(script.path(), python_server())?;
    match oracle::interpreter(Use::Measure) {
        Ok(python) => {
            let mut cmd = Command::new(&python.executable);
            cmd.arg(script.path()).env("PYTHONDONTWRITEBYTECODE", "1");
            servers.push(UnderTest::start(cmd).context("starting CPython's server")?);
        }
        Err(e) => eprintln!("CPython was not measured: {e}"),
    }
    const WHO: [&str; 2] = ["corosim", "CPython"];
    if warm_up {
        for (s, who) in servers.iter().zip(WHO) {
            round(s.server.0.id(), s.port, size).with_context(|| format!("{who}'s server (warming up)"))?;
        }
    }
    for _ in 0..rounds {
        for (s, who) in servers.iter_mut().zip(WHO) {
            let r = round(s.server.0.id(), s.port, size).with_context(|| format!("{who}'s server"))?;
            s.rounds.push(r);
        }
    }
    let corosim = servers[0].summary()?;
    let cpython = match servers.get_mut(1) {
        Some(s) => Some(s.summary()?),
        None => None,
    };
    drop(servers);
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
        "the median of {rounds} round(s){}, the servers taking turns",
        if warm_up { " after a warm-up round" } else { "" }
    )?;
    writeln!(
        out,
        "{:<10} {:>12} {:>9} {:>9} {:>10} {:>11}   each round's requests/s",
        "server", "requests/s", "p50 ms", "p99 ms", "peak MiB", "req/CPU-s"
    )?;
    let line = |out: &mut std::io::StdoutLock, who: &str, m: &Measured| {
        let each: Vec<String> = m.rounds.iter().map(|r| format!("{r:.0}")).collect();
        writeln!(
            out,
            "{who:<10} {:>12.0} {:>9.2} {:>9.2} {:>10.1} {:>11.0}   {}",
            m.requests_per_s,
            m.p50_ms,
            m.p99_ms,
            m.rss_mib,
            m.requests_per_cpu_s,
            each.join(" ")
        )
    };
    line(&mut out, "corosim", &row.corosim)?;
    if let Some(c) = &row.cpython {
        line(&mut out, "CPython", c)?;
        writeln!(
            out,
            "corosim: {:.1}× CPython's requests/s ({:.1}× per CPU second), 1/{:.1} of its memory",
            row.corosim.requests_per_s / c.requests_per_s,
            row.corosim.requests_per_cpu_s / c.requests_per_cpu_s,
            c.rss_mib / row.corosim.rss_mib
        )?;
    }
    let busiest = row.cpython.iter().chain([&row.corosim]).map(|m| m.generator_cores).fold(0.0, f64::max);
    writeln!(
        out,
        "load generator: {GENERATORS} threads, at most {busiest:.2} of a core busy ({:.0}% of theirs)",
        busiest / GENERATORS as f64 * 100.0
    )?;
    Ok(())
}
