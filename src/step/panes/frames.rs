//! The frames pane: every generator and coroutine object as a box — name, state, the line
//! it is at, its locals when known, what it last yielded or was sent. A chain of
//! `yield from`/`await` is drawn as a chain, caller first; what moved along it at this
//! event is written beside the frame it reached. Paused chains stay on screen, dimmed and
//! headed *detached*: nobody is running them, and the next `send`/`next`/step re-attaches
//! them to whoever calls.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Look, fit};
use crate::GenState;
use crate::step::frames::{Caller, FrameId, Kind};
use crate::step::marks::{frame_line, frame_tag};
use crate::step::source::Source;
use crate::step::tasks::TaskState;
use crate::step::view::StepView;

/// Events a closed frame stays in view after it closed.
const CLOSED_LINGER: usize = 4;

/// A chain to draw, with its heading.
struct Group {
    frames: Vec<FrameId>,
    heading: String,
    attached: bool,
    /// The followed task's chain.
    followed: bool,
}

fn caller_text(view: &StepView, caller: &Caller) -> String {
    match caller {
        Caller::Program => "▶ running, called by the program (next/send)".into(),
        Caller::Task(t) => format!("▶ running: {t}'s step sent into it"),
        Caller::Frame(f) => format!("▶ running, called from {}", view.frames.all[*f].label()),
    }
}

/// The chains to draw — running ones first, then the followed task's, the detached ones
/// and the just-closed ones — and the tasks whose coroutines have not started yet.
fn groups(view: &StepView, follow: Option<&str>) -> (Vec<Group>, Vec<String>) {
    let frames = &view.frames;
    let mut out = Vec::new();
    let mut shown: Vec<FrameId> = Vec::new();
    for chain in &frames.chains {
        // A chain driven from another one (an asynchronous generator under its `async
        // for`) is drawn within that one.
        if shown.contains(&chain[0]) {
            continue;
        }
        let ids = frames.chain_of(chain[0]);
        let heading = match &frames.all[chain[0]].caller {
            Some(c) => caller_text(view, c),
            None => "▶ running".into(),
        };
        shown.extend(&ids);
        let followed = follow.is_some() && frames.all[chain[0]].task.as_deref() == follow;
        out.push(Group { frames: ids, heading, attached: true, followed });
    }
    let mut rest: Vec<(u8, Group)> = Vec::new();
    let mut unstarted = Vec::new();
    for (id, f) in frames.all.iter().enumerate() {
        if shown.contains(&id) || f.kind != Kind::Generator || f.delegator.is_some() {
            continue;
        }
        let recently_closed = f.closed_at.is_some_and(|c| c + CLOSED_LINGER >= view.n);
        if f.state == GenState::Closed && !recently_closed {
            continue;
        }
        let ids = frames.chain_of(id);
        shown.extend(&ids);
        let task = f.task.as_deref().filter(|t| frames.task_coro.get(*t) == Some(&id));
        if let (GenState::Created, Some(t)) = (f.state, task)
            && follow != Some(t)
        {
            unstarted.push(t.to_string());
            continue;
        }
        let heading = match (f.state, task) {
            (GenState::Closed, _) => format!("✕ closed: {}", f.ended.as_deref().unwrap_or("finished")),
            (GenState::Created, Some(t)) => format!("○ {t}'s coroutine, created, not started"),
            (GenState::Created, None) => "○ created, not started".into(),
            (_, Some(t)) => {
                let row = view.tasks.find(t).map(|i| &view.tasks.rows[i]);
                match row {
                    Some(r) if r.state == TaskState::Waiting => {
                        format!("⊘ detached · {t} waits on {}", r.waits_on.as_deref().unwrap_or("?"))
                    }
                    Some(r) => format!("⊘ detached · {t} {}", r.state.name()),
                    None => format!("⊘ detached · {t}"),
                }
            }
            (_, None) => match &f.driver {
                Some((by, via)) if via == "async_generator_asend" => {
                    format!("⊘ detached · {}'s async for resumes it (__anext__)", frames.all[*by].label())
                }
                Some((by, via)) => {
                    format!("⊘ detached · {} resumes it through {via}", frames.all[*by].label())
                }
                None => "⊘ detached · nobody runs it: it waits for next()/send()".into(),
            },
        };
        let rank = if follow.is_some() && follow == task {
            0
        } else if f.state == GenState::Closed {
            2
        } else {
            1
        };
        rest.push((rank, Group { frames: ids, heading, attached: false, followed: rank == 0 }));
    }
    rest.sort_by_key(|(rank, _)| *rank);
    out.extend(rest.into_iter().map(|(_, g)| g));
    (out, unstarted)
}

/// The pane's lines, `width` columns and at most `height` rows.
pub fn lines(
    view: &StepView,
    source: &Source,
    follow: Option<&str>,
    width: usize,
    height: usize,
    look: Look,
) -> Vec<Line<'static>> {
    let (groups, unstarted) = groups(view, follow);
    let calls = plain_frames(view, source, width, look);
    let height = height.saturating_sub(calls.len() + usize::from(!unstarted.is_empty()));
    let mut out = calls;
    if groups.is_empty() && unstarted.is_empty() {
        out.push(Line::styled("no generator or coroutine object yet", look.faded()));
        return out;
    }
    out.extend(chains(view, source, &groups, width, height, look));
    if !unstarted.is_empty() {
        let names = match unstarted.len() {
            1..=3 => unstarted.join(" "),
            n => format!("{} … {} ({n} tasks)", unstarted[0], unstarted[n - 1]),
        };
        out.push(Line::styled(fit(&format!("○ created, not started: {names}"), width), look.faded()));
    }
    out
}

/// The program's plain function frames, from its reported lines (`<module>` and functions
/// that are not generators): where each is and its locals — the caller of the chains.
fn plain_frames(view: &StepView, source: &Source, width: usize, look: Look) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for l in &view.lines {
        let is_gen = view.frames.all.iter().any(|f| f.name == l.frame && f.state != GenState::Closed);
        if is_gen {
            continue;
        }
        let code = source.lines.get(l.line.saturating_sub(1) as usize).map(|c| c.trim()).unwrap_or("");
        let who = l.task.as_deref().or(l.thread.as_deref()).map(|t| format!(" ({t})")).unwrap_or_default();
        out.push(Line::styled(
            fit(&format!("▣ {}{who} · line {}: {code}", l.frame, l.line), width),
            look.text(),
        ));
        if !l.locals.is_empty() {
            let locals: Vec<String> = l.locals.iter().map(|(k, v)| format!("{k}={v}")).collect();
            out.push(Line::styled(fit(&format!("  {}", locals.join("  ")), width), look.text()));
        }
    }
    out
}

fn chains(
    view: &StepView,
    source: &Source,
    groups: &[Group],
    width: usize,
    height: usize,
    look: Look,
) -> Vec<Line<'static>> {
    // Boxes for every chain if they fit; else the running chains and the followed task
    // keep their boxes (or at least a row per frame) and the others shrink to a row per
    // frame, then to one line per chain.
    use Mode::*;
    let key: Vec<bool> = groups.iter().map(|g| g.attached || g.followed).collect();
    let plans = [(Boxes, Boxes), (Boxes, Rows), (Boxes, OneLine), (Rows, OneLine), (OneLine, OneLine)];
    let mut out = Vec::new();
    for (main, rest) in plans {
        let modes: Vec<Mode> = key.iter().map(|&k| if k { main } else { rest }).collect();
        out = draw(view, source, groups, &modes, width, look);
        if out.len() <= height {
            return out;
        }
    }
    // Not everything fits: the key chains (drawn first) as large as leaves a line for the
    // rest, which is cut.
    let keys = key.iter().filter(|&&k| k).count();
    for main in [Boxes, Rows] {
        let modes: Vec<Mode> = key.iter().map(|&k| if k { main } else { OneLine }).collect();
        if draw(view, source, &groups[..keys], &modes[..keys], width, look).len() < height {
            out = draw(view, source, groups, &modes, width, look);
            break;
        }
    }
    if out.len() > height && height > 0 {
        let hidden = out.len() - (height - 1);
        out.truncate(height - 1);
        out.push(Line::styled(format!("… {hidden} more lines (f follows a task)"), look.faded()));
    }
    out
}

/// How a chain is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A box per frame.
    Boxes,
    /// A row per frame.
    Rows,
    /// The whole chain on one line.
    OneLine,
}

/// A whole chain on one line: `⊘ Task-2: download_one ▸ http_get ▸ sleep ▸ Future-2 …`.
fn chain_line(view: &StepView, g: &Group, width: usize, look: Look) -> Line<'static> {
    let root = &view.frames.all[g.frames[0]];
    let style = if g.attached || look.quiz { look.text() } else { look.faded() };
    let who = root.task.clone().unwrap_or_else(|| root.label());
    let mark = if look.quiz { '·' } else { g.heading.chars().next().unwrap_or(' ') };
    let names: Vec<String> = g
        .frames
        .iter()
        .map(|&id| match view.frames.all[id].kind {
            Kind::Awaitable => waited_future(view, id).unwrap_or_else(|| view.frames.all[id].name.clone()),
            Kind::Generator => view.frames.all[id].label(),
        })
        .collect();
    let (_, colour) = frame_tag(view, g.frames[0]);
    let state = state_word(root.state, look);
    Line::from(vec![
        Span::styled(format!("{mark} {who} "), if g.attached { look.theme.actor(colour) } else { style }),
        Span::styled(format!("{state} "), style),
        Span::styled(
            fit(&names.join(" ▸ "), width.saturating_sub(who.chars().count() + state.len() + 4)),
            style,
        ),
    ])
}

fn draw(
    view: &StepView,
    source: &Source,
    groups: &[Group],
    modes: &[Mode],
    width: usize,
    look: Look,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (g, &mode) in groups.iter().zip(modes) {
        if mode == Mode::OneLine {
            out.push(chain_line(view, g, width, look));
            continue;
        }
        let boxed = mode == Mode::Boxes;
        let style = if g.attached || look.quiz { look.text() } else { look.faded() };
        let heading = if look.quiz { quiz_heading(view, g) } else { g.heading.clone() };
        out.push(Line::styled(fit(&heading, width), style));
        for (k, &id) in g.frames.iter().enumerate() {
            let f = &view.frames.all[id];
            // Boxes are joined by an arrow line; rows say `↳ await` in front of themselves.
            let link = if k > 0 { format!("↳ {} ", verb(source, g, view, k)) } else { String::new() };
            let indent = "  ".repeat(k.min(8));
            if f.kind == Kind::Awaitable {
                let text = if boxed {
                    format!("  ▼ {} {}", verb(source, g, view, k), awaitable(view, id))
                } else {
                    format!("{indent}{link}{}", waited_future(view, id).unwrap_or_else(|| f.name.clone()))
                };
                out.push(Line::styled(fit(&text, width), style));
                continue;
            }
            if boxed {
                if k > 0 {
                    out.push(Line::styled(format!("  ▼ {}", verb(source, g, view, k)), style));
                }
                out.extend(frame_box(view, source, id, g, width, look));
            } else {
                out.push(frame_row(view, source, id, g, &format!("{indent}{link}"), width, look));
            }
        }
    }
    out
}

/// `await` for a coroutine, `yield from` for a generator (as the source spells it).
fn verb(source: &Source, g: &Group, view: &StepView, k: usize) -> &'static str {
    let outer = &view.frames.all[g.frames[k.saturating_sub(1)]];
    let is_async = source
        .def_line(&outer.name)
        .map(|l| source.lines[l].trim_start().starts_with("async"))
        .unwrap_or(outer.task.is_some());
    if is_async { "await" } else { "yield from" }
}

/// The future a non-generator link's task waits on, when the trace says.
fn waited_future(view: &StepView, id: FrameId) -> Option<String> {
    let f = &view.frames.all[id];
    f.task.as_deref().and_then(|t| view.tasks.find(t)).and_then(|i| view.tasks.rows[i].waits_on.clone())
}

/// A non-generator link: its name, and the future its task waits on.
fn awaitable(view: &StepView, id: FrameId) -> String {
    let f = &view.frames.all[id];
    match waited_future(view, id) {
        Some(w) => format!("{} → {w}", f.name),
        None => f.name.clone(),
    }
}

fn state_style(f: GenState, look: Look, colour: usize) -> Style {
    match f {
        GenState::Running => look.theme.actor(colour),
        GenState::Closed => look.faded(),
        _ => look.text(),
    }
}

/// A state's name, or `?` when a lesson asks for it.
fn state_word(state: GenState, look: Look) -> &'static str {
    if look.quiz { "?" } else { state.name() }
}

/// A chain's heading that gives nothing away: whose it is, not whether it runs.
fn quiz_heading(view: &StepView, g: &Group) -> String {
    match view.frames.all[g.frames[0]].task.as_deref() {
        Some(t) => format!("· {t}: in what state?"),
        None => "· in what state?".into(),
    }
}

fn details(view: &StepView, source: &Source, id: FrameId, look: Look) -> Vec<String> {
    let f = &view.frames.all[id];
    let mut out = Vec::new();
    if let Some(l) = frame_line(view, id, source) {
        let code = source.lines.get(l).map(|s| s.trim()).unwrap_or("");
        out.push(format!("line {}: {code}", l + 1));
    }
    let mut moved = Vec::new();
    if let Some(y) = &f.yielded {
        moved.push(format!("yielded {y}"));
    }
    if let Some(s) = &f.sent {
        moved.push(format!("got {s}"));
    }
    if !moved.is_empty() {
        out.push(moved.join(" · "));
    }
    if !f.locals.is_empty() {
        let locals: Vec<String> = f.locals.iter().map(|(k, v)| format!("{k}={v}")).collect();
        out.push(locals.join("  "));
    }
    if let Some(l) = &f.landed {
        out.push(format!("yield from {}: {l}", f.via.as_deref().unwrap_or("?")));
    }
    if let Some(e) = f.ended.as_ref().filter(|_| !look.quiz) {
        out.push(e.clone());
    }
    out
}

fn frame_box(
    view: &StepView,
    source: &Source,
    id: FrameId,
    g: &Group,
    width: usize,
    look: Look,
) -> Vec<Line<'static>> {
    let f = &view.frames.all[id];
    let (_, colour) = frame_tag(view, id);
    let inner = width.saturating_sub(4).max(8);
    let style = if g.attached || look.quiz { look.text() } else { look.faded() };
    let label = fit(&f.label(), inner.saturating_sub(12));
    let state = state_word(f.state, look);
    let dashes = (inner + 2).saturating_sub(label.chars().count() + state.len() + 4);
    let mut out = vec![Line::from(vec![
        Span::styled(format!("┌ {label} "), style),
        Span::styled("─".repeat(dashes), style),
        Span::styled(
            format!(" {state}"),
            if g.attached { state_style(f.state, look, colour) } else { style },
        ),
        Span::styled(" ┐", style),
    ])];
    let row = |text: &str, s: Style| {
        let t = fit(text, inner);
        let pad = inner - t.chars().count();
        Line::from(vec![
            Span::styled("│ ", style),
            Span::styled(t, s),
            Span::raw(" ".repeat(pad)),
            Span::styled(" │", style),
        ])
    };
    for d in details(view, source, id, look) {
        out.push(row(&d, style));
    }
    for flow in view.frames.flows.iter().filter(|fl| fl.frame == id && !look.quiz) {
        out.push(row(&flow.text, look.theme.warn()));
    }
    out.push(Line::styled(format!("└{}┘", "─".repeat(inner + 2)), style));
    out
}

fn frame_row(
    view: &StepView,
    source: &Source,
    id: FrameId,
    g: &Group,
    lead: &str,
    width: usize,
    look: Look,
) -> Line<'static> {
    let f = &view.frames.all[id];
    let (_, colour) = frame_tag(view, id);
    let style = if g.attached || look.quiz { look.text() } else { look.faded() };
    let line = frame_line(view, id, source).map(|l| format!(" line {}", l + 1)).unwrap_or_default();
    let last = view
        .frames
        .flows
        .iter()
        .find(|fl| fl.frame == id)
        .map(|fl| fl.text.clone())
        .or_else(|| f.yielded.as_ref().map(|y| format!("yielded {y}")))
        .unwrap_or_default();
    let head = format!("{lead}{} ", f.label());
    let rest = fit(&format!("{line} {last}"), width.saturating_sub(head.chars().count() + 10));
    Line::from(vec![
        Span::styled(head, style),
        Span::styled(
            state_word(f.state, look),
            if g.attached { state_style(f.state, look, colour) } else { style },
        ),
        Span::styled(rest, style),
    ])
}
