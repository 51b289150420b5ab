//! The tasks pane, tokio-console style: one row per task — its letter, name, state, what
//! it waits on, steps taken, when it last became ready — and a strip of who ran when,
//! one column per loop step (`█` ran, `░` ready, `─` waiting, blank: not there). A
//! program with threads gets a row per thread below the tasks (`M` the main thread,
//! then `A`, `B`, ...): whether it holds the interpreter, why it last gave it up, its
//! turns, and the same strip, a thread switch being a column too.

use ratatui::text::{Line, Span};

use super::{Look, fit};
use crate::step::marks::task_tag;
use crate::step::tasks::{TaskState, Tasks};
use crate::step::threads::Threads;
use crate::step::view::StepView;

/// The pane's lines: a heading, then as many task rows as fit (running and followed
/// tasks first when they do not all fit).
pub fn lines(
    view: &StepView,
    follow: Option<&str>,
    width: usize,
    height: usize,
    look: Look,
) -> Vec<Line<'static>> {
    let tasks = &view.tasks;
    let threads = &view.threads;
    if tasks.rows.is_empty() && threads.rows.is_empty() {
        return vec![Line::styled("no task yet", look.faded())];
    }
    let names = tasks.rows.iter().map(|r| &r.name).chain(threads.rows.iter().map(|r| &r.name));
    let name_w = names.map(|n| n.chars().count()).max().unwrap_or(6).clamp(6, 18);
    let wait_w = if width >= 100 { 28 } else { 16 };
    let fixed = 2 + name_w + 1 + 8 + wait_w + 1 + 6 + 8;
    let strip_w = width.saturating_sub(fixed + 1);
    let mut out = vec![Line::styled(
        fit(
            &format!(
                "  {:<name_w$} {:<8}{:<wait_w$} {:>5} {:>7} {}",
                if threads.rows.is_empty() { "task" } else { "task/thread" },
                "state",
                "waits on",
                "steps",
                "ready@",
                if strip_w >= 8 { "who ran when →" } else { "" }
            ),
            width,
        ),
        look.theme.title(),
    )];
    let mut order: Vec<usize> = (0..tasks.rows.len()).collect();
    let rows_fit = height.saturating_sub(1 + threads.rows.len().min(height / 2));
    if order.len() > rows_fit {
        // Running, followed and live tasks first.
        order.sort_by_key(|&i| {
            let r = &tasks.rows[i];
            let first = tasks.current == Some(i) || follow == Some(r.name.as_str());
            (!first, r.state == TaskState::Done, i)
        });
        order.truncate(rows_fit.saturating_sub(1));
        order.sort();
    }
    let end = tasks.clock;
    let start = end.saturating_sub(strip_w.saturating_sub(1));
    let strip_of = |ran: &dyn Fn(usize) -> bool, state_at: &dyn Fn(usize) -> Option<TaskState>| -> String {
        if strip_w < 8 {
            return String::new();
        }
        (start..=end)
            .map(|c| {
                if ran(c) {
                    return '█';
                }
                match state_at(c) {
                    Some(TaskState::Ready) => '░',
                    Some(TaskState::Waiting) => '─',
                    Some(TaskState::Running) => '█',
                    Some(TaskState::Done) | None => ' ',
                }
            })
            .collect()
    };
    for &i in &order {
        let r = &tasks.rows[i];
        let style = if r.state == TaskState::Done { look.faded() } else { look.text() };
        let state_style = if r.state == TaskState::Running { look.theme.actor(i) } else { style };
        let waits = match (&r.waits_on, &r.outcome) {
            // On a socket: what it waits to do, marked apart from timer and future waits.
            (Some(w), _) if crate::trace::io_wait(w).is_some() => {
                format!("⇄ {}", crate::trace::io_wait(w).unwrap_or(w))
            }
            (Some(w), _) => w.clone(),
            (None, Some(o)) => o.clone(),
            (None, None) if r.cancelling => "cancel() requested".into(),
            _ => String::new(),
        };
        let ready =
            r.ready_at.filter(|_| r.state == TaskState::Ready).map(|t| format!("{t:.3}")).unwrap_or_default();
        let strip = strip_of(&|c| r.ran.binary_search(&c).is_ok(), &|c| Tasks::state_at(r, c));
        let follow_mark = if follow == Some(r.name.as_str()) { "◆" } else { " " };
        out.push(Line::from(vec![
            Span::styled(format!("{}{follow_mark}", task_tag(i)), look.theme.actor(i)),
            Span::styled(format!("{:<name_w$} ", fit(&r.name, name_w)), style),
            Span::styled(format!("{:<8}", r.state.name()), state_style),
            Span::styled(format!("{:<wait_w$} ", fit(&waits, wait_w)), style),
            Span::styled(format!("{:>5} {:>7} ", r.steps, ready), style),
            Span::styled(strip, look.theme.actor(i)),
        ]));
    }
    if order.len() < tasks.rows.len() {
        out.push(Line::styled(format!("… {} more tasks", tasks.rows.len() - order.len()), look.faded()));
    }
    for (i, r) in threads.rows.iter().enumerate().take(height.saturating_sub(out.len())) {
        let style = if r.state == TaskState::Done { look.faded() } else { look.text() };
        let state_style = if r.state == TaskState::Running { look.theme.actor(i) } else { style };
        let why = match r.state {
            TaskState::Running => "holds the GIL".to_string(),
            _ => r.why.clone().unwrap_or_default(),
        };
        let strip = strip_of(&|_| false, &|c| Threads::state_at(r, c));
        out.push(Line::from(vec![
            Span::styled(format!("{} ", threads.tag(i)), look.theme.actor(i)),
            Span::styled(format!("{:<name_w$} ", fit(&r.name, name_w)), style),
            Span::styled(format!("{:<8}", r.state.name()), state_style),
            Span::styled(format!("{:<wait_w$} ", fit(&why, wait_w)), style),
            Span::styled(format!("{:>5} {:>7} ", r.turns, ""), style),
            Span::styled(strip, look.theme.actor(i)),
        ]));
    }
    out
}
