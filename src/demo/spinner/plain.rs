//! Plain output, for a pipe, a log or a slide: both programs run to their end, then one
//! line per event — two columns merged by time (or by step, with `--step`), or one version
//! after the other below 80 columns — and what each program printed, ending `Answer: 42`.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use super::task_view::TaskView;
use super::thread_view::ThreadView;
use super::threads::ThreadRun;
use super::{Args, ColorChoice, coroutines};
use crate::player::{Fold, LogLine, Stage, Stamped, Theme, no_color};

/// Program seconds a forgotten `join` waits before corosim sets the Event itself (there
/// is no keyboard in plain mode).
const RESCUE_AFTER: f64 = 2.0;

/// One printed event.
#[derive(Clone, Debug)]
struct Row {
    t: f64,
    step: usize,
    tag: Option<(char, usize)>,
    text: String,
    warn: bool,
}

/// One version's events as rows, and what it printed.
struct Column {
    title: &'static str,
    rows: Vec<Row>,
    output: Vec<String>,
    explain: Option<&'static str>,
}

/// Folds `events` into a fresh view, one at a time, keeping each new log line.
fn column<F: Fold, S: Copy>(
    title: &'static str,
    events: &[Stamped<F::Event>],
    stage: fn(&F) -> &Stage<S>,
    explain: fn(&F) -> Option<&'static str>,
) -> Column {
    let mut view = F::default();
    let (mut rows, mut step) = (Vec::new(), 0);
    for e in events {
        let before = stage(&view).log.len();
        view.apply(e);
        if F::is_stop(&e.event) {
            step += 1;
        }
        let st = stage(&view);
        for &LogLine { t, actor, ref text, warn } in &st.log[before..] {
            for (k, part) in text.split('\n').enumerate() {
                let tag = actor.filter(|_| k == 0).map(|a| (st.actors[a].tag, a));
                rows.push(Row { t, step, tag, text: part.to_string(), warn });
            }
        }
    }
    let output = stage(&view).output.clone();
    Column { title, rows, output, explain: explain(&view) }
}

/// Runs both versions to their end and prints the comparison.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let width = args
        .width
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(100)
        .max(40);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && !no_color(),
    };
    let theme = Theme { color };

    let mut threads = args.mode.threads().then(|| ThreadRun::start(args.mistake, true, args.speed));
    let mut tasks =
        args.mode.coroutines().then(|| coroutines::start(args.mistake, args.virtual_time, true, args.speed));
    for t in threads
        .iter_mut()
        .map(|r| &mut r.track as &mut dyn crate::player::Controls)
        .chain(tasks.iter_mut().map(|t| t as _))
    {
        t.set_playing(true);
    }
    let mut stuck_since: Option<Instant> = None;
    let mut rescued = false;
    loop {
        let mut done = true;
        if let Some(run) = &mut threads {
            run.track.pull();
            done &= run.track.position().finished;
            if run.track.view().stuck_in_join && !rescued {
                let since = *stuck_since.get_or_insert_with(Instant::now);
                if since.elapsed().as_secs_f64() * args.speed >= RESCUE_AFTER {
                    rescued = run.set_event(&format!("corosim, after {RESCUE_AFTER} s (no keyboard here)"));
                }
            }
        }
        if let Some(track) = &mut tasks {
            track.pull();
            done &= track.position().finished;
        }
        if done {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }

    let mut columns = Vec::new();
    if let Some(run) = &threads {
        columns.push(column::<ThreadView, _>(
            "threads: real OS threads",
            run.track.events(),
            |v| &v.stage,
            |v| v.explain,
        ));
    }
    if let Some(track) = &tasks {
        let clock = if args.virtual_time { "virtual clock" } else { "real clock" };
        let title = if clock == "real clock" {
            "coroutines: one thread, the corosim event loop"
        } else {
            "coroutines: the corosim event loop (virtual clock)"
        };
        columns.push(column::<TaskView, _>(title, track.events(), |v| &v.stage, |v| v.explain));
    }
    let text = if columns.len() == 2 && width >= 80 {
        side_by_side(&columns, width, args.step, theme)
    } else {
        one_after_the_other(&columns, width, args.step, theme)
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()); // a closed pipe (`| head`) is not our error
    let _ = out.flush();
    Ok(())
}

/// Cuts `s` to `w` characters (with `…`), then pads it to `w`.
fn fit(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n > w {
        let mut cut: String = s.chars().take(w.saturating_sub(1)).collect();
        cut.push('…');
        cut
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// A row's text in a cell of width `w`: the actor's tag, then what it did.
fn cell(row: Option<&Row>, w: usize, theme: Theme) -> String {
    let Some(row) = row else {
        return " ".repeat(w);
    };
    let tag = row.tag.map_or(' ', |(c, _)| c);
    let body = fit(&format!("{tag} {}", row.text), w);
    let code = match (row.warn, row.tag) {
        (true, _) => "1;31".to_string(),
        (false, Some((_, a))) => ["36", "33", "35", "32", "34"][a % 5].to_string(),
        _ => String::new(),
    };
    if theme.color && !code.is_empty() {
        format!("{}{body}{}", theme.ansi(&code), theme.ansi("0"))
    } else {
        body
    }
}

fn header(columns: &[Column]) -> String {
    let names: Vec<&str> = columns.iter().map(|c| c.title.split(':').next().unwrap_or("")).collect();
    format!("corosim spinner · {}, event by event\n", names.join(" vs "))
}

fn side_by_side(columns: &[Column], width: usize, by_step: bool, theme: Theme) -> String {
    let col = (width - 11) / 2;
    let (left, right) = (&columns[0], &columns[1]);
    let first = if by_step { " step" } else { "     t" };
    let mut out = header(columns);
    out += &format!("{first:>6}  {} │ {}\n", fit(left.title, col), fit(right.title, col).trim_end());
    out += &format!("{}┼{}\n", "─".repeat(col + 9), "─".repeat(col + 1));
    let line = |key: String, l: Option<&Row>, r: Option<&Row>| {
        format!("{key:>6}  {} │ {}\n", cell(l, col, theme), cell(r, col, theme).trim_end())
    };
    if by_step {
        let steps = left.rows.last().map_or(0, |r| r.step).max(right.rows.last().map_or(0, |r| r.step));
        for step in 1..=steps {
            let l: Vec<&Row> = left.rows.iter().filter(|r| r.step == step).collect();
            let r: Vec<&Row> = right.rows.iter().filter(|r| r.step == step).collect();
            for k in 0..l.len().max(r.len()) {
                let key = if k == 0 { step.to_string() } else { String::new() };
                out += &line(key, l.get(k).copied(), r.get(k).copied());
            }
        }
    } else {
        let (mut i, mut j) = (0, 0);
        while i < left.rows.len() || j < right.rows.len() {
            let (l, r) = (left.rows.get(i), right.rows.get(j));
            // About the same moment (within half a spinner tick): one line; else the earlier one.
            let (take_l, take_r) = match (l, r) {
                (Some(a), Some(b)) if (a.t - b.t).abs() < 0.05 => (true, true),
                (Some(a), Some(b)) => (a.t <= b.t, b.t < a.t),
                (Some(_), None) => (true, false),
                _ => (false, true),
            };
            let t = [l.filter(|_| take_l), r.filter(|_| take_r)]
                .iter()
                .flatten()
                .map(|x| x.t)
                .fold(f64::INFINITY, f64::min);
            out += &line(format!("{t:.3}"), l.filter(|_| take_l), r.filter(|_| take_r));
            i += take_l as usize;
            j += take_r as usize;
        }
    }
    for c in columns {
        if let Some(e) = c.explain {
            out += &format!("\nwhat went wrong ({}):\n", c.title.split(':').next().unwrap_or(""));
            out += &wrap(e, width, "  ");
        }
    }
    out += &format!("{}┼{}\n", "─".repeat(col + 9), "─".repeat(col + 1));
    let rows = left.output.len().max(right.output.len());
    for k in 0..rows {
        let key = if k == 0 { "output" } else { "" };
        let l = fit(left.output.get(k).map_or("", String::as_str), col - 2);
        let r = fit(right.output.get(k).map_or("", String::as_str), col - 2);
        out += &format!("{key:>6}    {l} │   {}\n", r.trim_end());
    }
    out
}

fn one_after_the_other(columns: &[Column], width: usize, by_step: bool, theme: Theme) -> String {
    let mut out = header(columns);
    let col = width.saturating_sub(8);
    for c in columns {
        out += &format!("\n== {} ==\n", c.title);
        for r in &c.rows {
            let key = if by_step { r.step.to_string() } else { format!("{:.3}", r.t) };
            out += &format!("{key:>6}  {}\n", cell(Some(r), col, theme).trim_end());
        }
        if let Some(e) = c.explain {
            out += "what went wrong:\n";
            out += &wrap(e, width, "  ");
        }
        out += "output:\n";
        for line in &c.output {
            out += &format!("  {line}\n");
        }
    }
    out
}

/// Wraps `text` at `width` columns, each line starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    for word in text.split_whitespace() {
        if line.len() > indent.len() && line.chars().count() + 1 + word.chars().count() > width {
            out += line.trim_end();
            out.push('\n');
            line = String::from(indent);
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line += word;
    }
    out += line.trim_end();
    out.push('\n');
    out
}
