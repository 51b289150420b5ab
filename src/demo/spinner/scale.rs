//! `--scale N`: N spinners as N OS threads and as N corosim tasks, measured live in this
//! process — the course's claim that a paused coroutine costs far less than a thread.
//!
//! Each side: start N spinners (each draws a frame every 0.1 s) and time until all have
//! started; read the resident memory (`VmRSS` in `/proc/self/status`) before and after;
//! let them spin for a second, counting frames; stop them (`Event` + `join` / `cancel`).
//! Tasks go first, then threads, each measured from a fresh baseline.

use std::io::Write;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::threading::Event;
use crate::aio::{self, EventLoop};
use crate::exception::CANCELLED_ERROR;
use crate::player::{self, Command, Screen, Theme};
use crate::{Generator, Value};

/// How long the spinners spin once all have started.
const SPIN_SECONDS: f64 = 1.0;

/// A `/proc/self/status` reading in bytes (`VmRSS`, `VmSize`), if the OS says.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The resident memory of this process, in bytes (`VmRSS`): what it really uses.
pub fn rss_bytes() -> Option<u64> {
    status_bytes("VmRSS:")
}

/// The address space of this process, in bytes (`VmSize`): what it has reserved.
pub fn vm_bytes() -> Option<u64> {
    status_bytes("VmSize:")
}

/// One side's measurements, filled in as they are taken.
#[derive(Default)]
pub struct Side {
    /// Spinners started so far.
    pub started: AtomicUsize,
    /// Frames drawn so far.
    pub frames: AtomicU64,
    /// What is being done now.
    pub phase: Mutex<String>,
    /// Seconds until all had started.
    pub startup: Mutex<Option<f64>>,
    /// RSS growth once all had started, bytes.
    pub memory: Mutex<Option<u64>>,
    /// Address-space growth once all had started, bytes.
    pub reserved: Mutex<Option<u64>>,
    /// Frames in the spinning second.
    pub spun: Mutex<Option<u64>>,
    /// Seconds to stop them all.
    pub stop: Mutex<Option<f64>>,
    /// What went wrong, if anything.
    pub error: Mutex<Option<String>>,
}

fn put<T>(slot: &Mutex<T>, v: T) {
    *slot.lock().unwrap_or_else(|p| p.into_inner()) = v;
}

fn get<T: Clone>(slot: &Mutex<T>) -> T {
    slot.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Both sides.
#[derive(Default)]
pub struct Measurements {
    /// N corosim tasks.
    pub tasks: Side,
    /// N OS threads.
    pub threads: Side,
    /// Both are measured.
    pub done: std::sync::atomic::AtomicBool,
}

/// `async def spin()`: counts itself started, then a frame per 0.1 s until cancelled.
fn spin_task(side: Arc<Measurements>) -> Generator {
    Generator::coroutine("spin", move |co| async move {
        side.tasks.started.fetch_add(1, Ordering::Relaxed);
        loop {
            side.tasks.frames.fetch_add(1, Ordering::Relaxed);
            match co.await_(aio::sleep(0.1)).await {
                Err(e) if e.is_instance(CANCELLED_ERROR) => return Ok(Value::None),
                other => other?,
            };
        }
    })
}

fn measure_tasks(n: usize, m: &Arc<Measurements>) -> Result<(), String> {
    let side = &m.tasks;
    put(&side.phase, "starting".into());
    let (before, vm_before) = (rss_bytes().unwrap_or(0), vm_bytes().unwrap_or(0));
    let t0 = Instant::now();
    let lp = EventLoop::with_real_clock();
    lp.set_warnings_to_stderr(false);
    let tasks: Vec<_> = (0..n).map(|_| lp.create_task(spin_task(m.clone()))).collect();
    // One turn of the loop runs every first step: each task is then paused at its await.
    lp.run_until_complete(aio::sleep(0.0)).map_err(|e| e.to_string())?;
    put(&side.startup, Some(t0.elapsed().as_secs_f64()));
    put(&side.memory, Some(rss_bytes().unwrap_or(0).saturating_sub(before)));
    put(&side.reserved, Some(vm_bytes().unwrap_or(0).saturating_sub(vm_before)));
    put(&side.phase, "spinning".into());
    let f0 = side.frames.load(Ordering::Relaxed);
    lp.run_until_complete(aio::sleep(SPIN_SECONDS)).map_err(|e| e.to_string())?;
    put(&side.spun, Some(side.frames.load(Ordering::Relaxed) - f0));
    put(&side.phase, "cancelling".into());
    let t1 = Instant::now();
    for t in &tasks {
        t.cancel(None);
    }
    let all = aio::gather(tasks.iter().map(aio::Awaitable::from).collect::<Vec<_>>(), true)
        .map_err(|e| e.to_string())?;
    lp.run_until_complete(all).map_err(|e| e.to_string())?;
    put(&side.stop, Some(t1.elapsed().as_secs_f64()));
    lp.close().map_err(|e| e.to_string())?;
    put(&side.phase, "done".into());
    Ok(())
}

fn measure_threads(n: usize, m: &Arc<Measurements>) -> Result<(), String> {
    let side = &m.threads;
    put(&side.phase, "starting".into());
    let (before, vm_before) = (rss_bytes().unwrap_or(0), vm_bytes().unwrap_or(0));
    let t0 = Instant::now();
    let done = Event::default();
    let mut handles = Vec::with_capacity(n);
    let mut refused = None;
    for i in 0..n {
        let (m, done) = (m.clone(), done.clone());
        let spawned = thread::Builder::new().name(format!("spin-{i}")).spawn(move || {
            m.threads.started.fetch_add(1, Ordering::Relaxed);
            loop {
                m.threads.frames.fetch_add(1, Ordering::Relaxed);
                if done.wait(Duration::from_millis(100)) {
                    break;
                }
            }
        });
        match spawned {
            Ok(h) => handles.push(h),
            Err(e) => {
                refused = Some(format!("the OS refused thread {}: {e}", i + 1));
                break;
            }
        }
    }
    while side.started.load(Ordering::Relaxed) < handles.len() {
        thread::sleep(Duration::from_millis(1));
    }
    put(&side.startup, Some(t0.elapsed().as_secs_f64()));
    put(&side.memory, Some(rss_bytes().unwrap_or(0).saturating_sub(before)));
    put(&side.reserved, Some(vm_bytes().unwrap_or(0).saturating_sub(vm_before)));
    put(&side.phase, "spinning".into());
    let f0 = side.frames.load(Ordering::Relaxed);
    thread::sleep(Duration::from_secs_f64(SPIN_SECONDS));
    put(&side.spun, Some(side.frames.load(Ordering::Relaxed) - f0));
    put(&side.phase, "joining".into());
    let t1 = Instant::now();
    done.set();
    for h in handles {
        let _ = h.join();
    }
    put(&side.stop, Some(t1.elapsed().as_secs_f64()));
    put(&side.phase, "done".into());
    refused.map_or(Ok(()), Err)
}

/// Starts the measurements on a thread of their own.
pub fn start(n: usize) -> Arc<Measurements> {
    let m = Arc::new(Measurements::default());
    let worker = m.clone();
    thread::Builder::new()
        .name("scale".into())
        .spawn(move || {
            if let Err(e) = measure_tasks(n, &worker) {
                put(&worker.tasks.error, Some(e));
            }
            if let Err(e) = measure_threads(n, &worker) {
                put(&worker.threads.error, Some(e));
            }
            worker.done.store(true, Ordering::SeqCst);
        })
        .expect("the OS refused a thread");
    m
}

fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn mib(b: u64) -> String {
    let m = b as f64 / (1024.0 * 1024.0);
    if m >= 1024.0 { format!("{:.1} GiB", m / 1024.0) } else { format!("{m:.1} MiB") }
}

fn kib(b: f64) -> String {
    format!("{:.1} KiB", b / 1024.0)
}

/// The table: (label, threads, tasks) rows, as far as measured.
pub fn table(n: usize, m: &Measurements) -> Vec<(String, String, String)> {
    let dash = || "…".to_string();
    let secs = |slot: &Mutex<Option<f64>>| get(slot).map_or_else(dash, |s| format!("{s:.3} s"));
    type Cell<'a> = &'a dyn Fn(&Side) -> String;
    let rows: [(&str, Cell); 7] = [
        ("started", &|s| {
            format!("{} / {}", count(s.started.load(Ordering::Relaxed) as u64), count(n as u64))
        }),
        ("start-up time", &|s| secs(&s.startup)),
        ("memory (RSS growth)", &|s| get(&s.memory).map_or_else(dash, mib)),
        ("memory per spinner", &|s| get(&s.memory).map_or_else(dash, |b| kib(b as f64 / n.max(1) as f64))),
        ("address space reserved", &|s| get(&s.reserved).map_or_else(dash, mib)),
        ("frames in 1 s", &|s| get(&s.spun).map_or_else(dash, count)),
        ("time to stop them", &|s| secs(&s.stop)),
    ];
    rows.iter().map(|(label, cell)| (label.to_string(), cell(&m.threads), cell(&m.tasks))).collect()
}

/// The verdict, once both are measured.
pub fn verdict(n: usize, m: &Measurements) -> Option<String> {
    let (tm, km) = (get(&m.threads.memory)?, get(&m.tasks.memory)?);
    let (ts, ks) = (get(&m.threads.startup)?, get(&m.tasks.startup)?);
    let ratio = |a: f64, b: f64| if b > 0.0 { format!("{:.1}×", a / b) } else { "∞×".into() };
    let reserved = get(&m.threads.reserved).unwrap_or(0) / n.max(1) as u64;
    Some(format!(
        "Threads took {} the memory and {} the start-up time of tasks, and each thread reserved {} of \
         address space for its stack. A paused coroutine is a few objects on the heap; a thread is a stack \
         and a kernel task.",
        ratio(tm as f64, km.max(1) as f64),
        ratio(ts, ks),
        mib(reserved)
    ))
}

/// Prints the measurements as lines, as each side finishes.
pub fn run_plain(n: usize) -> anyhow::Result<()> {
    let m = start(n);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "corosim spinner --scale {n}: {} spinners as OS threads and as corosim tasks, in this process",
        count(n as u64)
    )?;
    while !m.done.load(Ordering::SeqCst) {
        thread::sleep(Duration::from_millis(20));
    }
    writeln!(out, "{:<22}{:>22}{:>22}", "", "threads", "tasks")?;
    for (label, threads, tasks) in table(n, &m) {
        writeln!(out, "{label:<22}{threads:>22}{tasks:>22}")?;
    }
    for (name, side) in [("threads", &m.threads), ("tasks", &m.tasks)] {
        if let Some(e) = get(&side.error) {
            writeln!(out, "{name}: {e}")?;
        }
    }
    if let Some(v) = verdict(n, &m) {
        writeln!(out, "{v}")?;
    }
    Ok(())
}

/// Shows the measurements full screen, live, until `q`.
pub fn run_screen(n: usize) -> anyhow::Result<()> {
    let mut screen = Screen::enter()?;
    let theme = Theme::from_env();
    let m = start(n);
    let t0 = Instant::now();
    loop {
        if player::signalled() {
            break;
        }
        let frame_of = |side: &Side| {
            let phase = get(&side.phase);
            let f = side.frames.load(Ordering::Relaxed) as usize;
            let ch = ['|', '/', '-', '\\'][(f / n.max(1)) % 4];
            if phase == "spinning" { format!("{ch} thinking! ×{}", count(n as u64)) } else { phase }
        };
        screen.terminal.draw(|f| {
            let area = f.area();
            let [head, body, foot] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(6), Constraint::Length(1)]).areas(area);
            f.render_widget(
                Paragraph::new(format!(
                    " corosim spinner --scale {n} · {} spinners as OS threads and as corosim tasks, measured live",
                    count(n as u64)
                ))
                .style(theme.title()),
                head,
            );
            let mut lines = vec![Line::from(vec![
                Span::raw(format!("{:<24}", "")),
                Span::styled(format!("{:>24}", "threads (OS)"), theme.actor(0)),
                Span::styled(format!("{:>26}", "tasks (corosim loop)"), theme.actor(1)),
            ])];
            lines.push(Line::from(vec![
                Span::raw(format!("{:<24}", "now")),
                Span::styled(format!("{:>24}", frame_of(&m.threads)), theme.actor(0)),
                Span::styled(format!("{:>26}", frame_of(&m.tasks)), theme.actor(1)),
            ]));
            for (label, threads, tasks) in table(n, &m) {
                lines.push(Line::raw(format!("{label:<24}{threads:>24}{tasks:>26}")));
            }
            lines.push(Line::raw(""));
            for (name, side) in [("threads", &m.threads), ("tasks", &m.tasks)] {
                if let Some(e) = get(&side.error) {
                    lines.push(Line::styled(format!("{name}: {e}"), theme.warn()));
                }
            }
            if let Some(v) = verdict(n, &m) {
                lines.push(Line::raw(v));
            }
            lines.push(Line::styled(format!("{:.1} s", t0.elapsed().as_secs_f64()), theme.dim()));
            f.render_widget(Paragraph::new(lines).block(Block::bordered()).wrap(Wrap { trim: true }), body);
            f.render_widget(Line::styled(" q quit", theme.dim()), foot);
        })?;
        if event::poll(Duration::from_millis(50))?
            && let TermEvent::Key(k) = event::read()?
            && k.kind != KeyEventKind::Release
            && (Command::from_key(&k) == Some(Command::Quit) || k.code == KeyCode::Char('q'))
        {
            break;
        }
    }
    drop(screen);
    Ok(())
}
