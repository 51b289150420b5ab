//! The tasks pane, tokio-console style: one row per task — its letter, name, state, what
//! it waits on, steps taken, when it last became ready — and a strip of who ran when,
//! one column per loop step (`█` ran, `░` ready, `─` waiting, blank: not there).

use ratatui::text::{Line, Span};

use super::{Look, fit};
use crate::step::marks::task_tag;
use crate::step::tasks::{TaskState, Tasks};
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
    if tasks.rows.is_empty() {
        return vec![Line::styled("no task yet", look.faded())];
    }
    let name_w = tasks.rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(6).clamp(6, 14);
    let wait_w = if width >= 100 { 28 } else { 16 };
    let fixed = 2 + name_w + 1 + 8 + wait_w + 1 + 6 + 8;
    let strip_w = width.saturating_sub(fixed + 1);
    let mut out = vec![Line::styled(
        fit(
            &format!(
                "  {:<name_w$} {:<8}{:<wait_w$} {:>5} {:>7} {}",
                "task",
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
    let rows_fit = height.saturating_sub(1);
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
        let strip: String = if strip_w >= 8 {
            (start..=end)
                .map(|c| {
                    if r.ran.binary_search(&c).is_ok() {
                        '█'
                    } else {
                        match Tasks::state_at(r, c) {
                            Some(TaskState::Ready) => '░',
                            Some(TaskState::Waiting) => '─',
                            Some(TaskState::Running) => '█',
                            Some(TaskState::Done) | None => ' ',
                        }
                    }
                })
                .collect()
        } else {
            String::new()
        };
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
    out
}
