//! The loop pane: what `asyncio`'s loop holds right now — the ready queue in order (this
//! turn's entries before the bar, the next turn's after), timers by due time on the
//! virtual clock, the selector's last wait (the sockets it watched), the futures tasks are parked on with the tasks their done-callbacks
//! wake, and each Semaphore/Lock/Event/Queue with who holds it and who waits (a deadlock
//! named as one).

use ratatui::text::{Line, Span};

use super::{Look, fit};
use crate::step::event_loop::Ready;
use crate::step::view::StepView;

/// The pane's lines.
pub fn lines(view: &StepView, width: usize, height: usize, look: Look) -> Vec<Line<'static>> {
    let lp = &view.event_loop;
    let head = look.theme.title();
    let mut out = Vec::new();
    let running = lp.running.as_deref().map(|r| format!(" · running {r}")).unwrap_or_default();
    out.push(Line::from(vec![
        Span::styled(format!("clock t={:.3}", lp.now), head),
        Span::styled(format!(" · turn {}{running}", lp.turns), look.text()),
    ]));

    let mut ready: Vec<String> = Vec::new();
    for (i, r) in lp.ready.iter().enumerate() {
        if i == lp.this_turn && i > 0 {
            ready.push("│ next turn:".into());
        }
        ready.push(match r {
            Ready::Task(t) => format!("{t} step"),
            Ready::Callback(c) => format!("{c}()"),
            Ready::Unnamed => "(a callback, named when it runs)".into(),
        });
    }
    let ready = if ready.is_empty() { "empty".to_string() } else { ready.join(" → ") };
    out.push(Line::from(vec![
        Span::styled("ready   ", head),
        Span::styled(fit(&ready, width.saturating_sub(8)), look.text()),
    ]));

    // The selector (`select`/`epoll`): which sockets the loop last waited on.
    if let Some(sel) = &lp.selector {
        out.push(Line::from(vec![
            Span::styled("select  ", head),
            Span::styled(fit(sel, width.saturating_sub(8)), look.text()),
        ]));
    }

    let timers: Vec<&crate::step::event_loop::Timer> = lp.timers.iter().collect();
    if timers.is_empty() {
        out.push(Line::from(vec![Span::styled("timers  ", head), Span::styled("none", look.faded())]));
    }
    let resource_rows: usize = view
        .resources
        .all
        .values()
        .map(|r| 1 + usize::from(!r.waiters.is_empty() && !r.holders.is_empty()))
        .sum();
    let room = height.saturating_sub(3 + usize::from(lp.selector.is_some()) + resource_rows).max(1);
    for (k, t) in timers.iter().enumerate().take(room) {
        let label = if k == 0 { "timers  " } else { "        " };
        let what = match (&t.future, &t.by) {
            (Some(f), Some(by)) => format!(" → {f} ({by})"),
            (None, Some(by)) => format!(" ({by})"),
            _ => String::new(),
        };
        let cancelled = if t.cancelled { " cancelled" } else { "" };
        let text =
            fit(&format!("t={:.3} {}(){what}{cancelled}", t.when, t.callback), width.saturating_sub(8));
        let style = if t.cancelled { look.faded() } else { look.text() };
        out.push(Line::from(vec![Span::styled(label, head), Span::styled(text, style)]));
    }

    let pending: Vec<String> = lp
        .futures
        .iter()
        .filter(|f| f.state == "pending")
        .map(|f| format!("{} → wakes {}", f.name, f.waiters.join(" ")))
        .collect();
    let futures = if pending.is_empty() { "none pending".to_string() } else { pending.join(" · ") };
    out.push(Line::from(vec![
        Span::styled("futures ", head),
        Span::styled(fit(&futures, width.saturating_sub(8)), look.text()),
    ]));

    for r in view.resources.all.values() {
        let waits = format!("waiting ({}): {}", r.waiters.len(), r.waiters.join(" "));
        let held = format!("{} held by ({}): {}", r.name, r.holders.len(), r.holders.join(" "));
        let rows: Vec<String> = match (r.holders.is_empty(), r.waiters.is_empty()) {
            (false, false) => vec![held, format!("{:>w$}{waits}", "", w = r.name.len() + 1)],
            (false, true) => vec![held],
            (true, false) => vec![format!("{} {waits}", r.name)],
            (true, true) => vec![format!("{}: nobody holds or waits", r.name)],
        };
        for (k, text) in rows.iter().enumerate() {
            let label = if k == 0 { "sync    " } else { "        " };
            out.push(Line::from(vec![
                Span::styled(label, head),
                Span::styled(fit(text, width.saturating_sub(8)), look.text()),
            ]));
        }
    }
    if let Some(cycle) = view.resources.deadlock() {
        let mut ring = cycle.clone();
        ring.push(cycle[0].clone());
        out.push(Line::styled(
            fit(&format!("DEADLOCK: {}", ring.join(" waits for ")), width),
            look.theme.warn(),
        ));
    }
    out.truncate(height.max(1));
    out
}
