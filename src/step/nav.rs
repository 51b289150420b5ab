//! Moving through time: where each key goes — the next line of the same task, the next
//! step of a task, the next breakpoint, an event number or a virtual time, a search.
//! Each answer is a position (a number of events taken in); the player then steps there,
//! so every position is one `--at N` can reopen. Every search is bounded by the trace.
//!
//! ```
//! use corosim::step::{nav, program::Program};
//! let p = Program::load("flags_semaphore").unwrap();
//! let at = nav::next_step_of(&p, 0, "Task-3").unwrap();
//! assert!(p.events[at - 1].event.to_string().contains("Task-3: step"));
//! ```

use std::collections::BTreeSet;

use super::marks;
use super::program::Program;
use super::view::StepView;
use crate::player::Fold;
use crate::trace::Event;

/// The view after `n` events (folded from the start).
pub fn view_at(program: &Program, n: usize) -> StepView {
    let mut view = StepView::default();
    for e in program.events.iter().take(n) {
        view.apply(e);
    }
    view
}

/// The first position after `from` where `hit` holds for the view (folding forward from
/// `view`, the view at `from`).
fn forward_until(
    program: &Program,
    from: usize,
    view: &StepView,
    hit: impl Fn(&StepView) -> bool,
) -> Option<usize> {
    let mut v = view.clone();
    for (i, e) in program.events.iter().enumerate().skip(from) {
        v.apply(e);
        if hit(&v) {
            return Some(i + 1);
        }
    }
    None
}

/// `n`: the next position where the same task (or the program's main code) is at a new
/// line: a reported line, or — for programs that report none — a new line of its frames.
pub fn next_line(program: &Program, from: usize, view: &StepView) -> Option<usize> {
    let (task, thread) = (view.task.clone(), view.thread.clone());
    let line = marks::acting_line(view, &program.source);
    if program.has_lines() {
        return program.events.iter().enumerate().skip(from).find_map(|(i, e)| match &e.event {
            Event::Line { task: t, thread: th, .. } if *t == task && *th == thread => Some(i + 1),
            _ => None,
        });
    }
    forward_until(program, from, view, |v| {
        let l = marks::acting_line(v, &program.source);
        v.task == task && l.is_some() && l != line
    })
}

/// `N`: the previous such position (folding from the start: stepping back rebuilds).
pub fn previous_line(program: &Program, from: usize) -> Option<usize> {
    let here = view_at(program, from);
    let (task, thread) = (here.task.clone(), here.thread.clone());
    let line = marks::acting_line(&here, &program.source);
    let mut v = StepView::default();
    let mut found = None;
    for (i, e) in program.events.iter().enumerate().take(from.saturating_sub(1)) {
        v.apply(e);
        let l = marks::acting_line(&v, &program.source);
        let is_line = if program.has_lines() { matches!(e.event, Event::Line { .. }) } else { l.is_some() };
        if v.task == task && v.thread == thread && is_line && l != line {
            found = Some(i + 1);
        }
    }
    found
}

/// `t`: the position just after the next step of `task` begins.
pub fn next_step_of(program: &Program, from: usize, task: &str) -> Option<usize> {
    program.events.iter().enumerate().skip(from).find_map(|(i, e)| match &e.event {
        Event::TaskStep { task: t, .. } if t == task => Some(i + 1),
        _ => None,
    })
}

/// `c`: the next position where a breakpoint's line starts running: a reported line
/// event on it, or — for programs that report none — the running line arriving there.
pub fn next_breakpoint(
    program: &Program,
    from: usize,
    view: &StepView,
    breakpoints: &BTreeSet<usize>,
) -> Option<usize> {
    if breakpoints.is_empty() {
        return None;
    }
    let lines = program.has_lines();
    let mut v = view.clone();
    let mut before = marks::acting_line(&v, &program.source);
    for (i, e) in program.events.iter().enumerate().skip(from) {
        v.apply(e);
        let now = marks::acting_line(&v, &program.source);
        let arrived = if lines { matches!(e.event, Event::Line { .. }) } else { now != before };
        if arrived && now.is_some_and(|l| breakpoints.contains(&l)) {
            return Some(i + 1);
        }
        before = now;
    }
    None
}

/// `g`: an event number (`120`), or a virtual time (`t=0.5`, `0.5s`): the position
/// after the last event at or before that time.
pub fn goto(program: &Program, what: &str) -> Result<usize, String> {
    let what = what.trim();
    if let Ok(n) = what.parse::<usize>() {
        return Ok(n.min(program.events.len()));
    }
    let time =
        what.strip_prefix("t=").or_else(|| what.strip_suffix('s')).and_then(|t| t.trim().parse::<f64>().ok());
    match time {
        Some(t) => Ok(program.events.iter().take_while(|e| e.t <= t).count()),
        None => Err(format!("'{what}' is neither an event number nor a time like t=0.5")),
    }
}

/// `/`: the position just after the next event (from `from` on) whose text contains
/// `text`, case aside.
pub fn search(program: &Program, from: usize, text: &str) -> Option<usize> {
    let want = text.to_lowercase();
    program
        .events
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, e)| Program::search_text(&e.event).contains(&want))
        .map(|(i, _)| i + 1)
}

/// The task a typed name means: `Task-3`, or just `3`.
pub fn task_named(view: &StepView, typed: &str) -> Option<String> {
    let typed = typed.trim();
    let candidates = [typed.to_string(), format!("Task-{typed}")];
    candidates.into_iter().find(|c| view.tasks.find(c).is_some())
}
