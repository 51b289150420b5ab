//! Who is where: each live frame's line in the source, the letter and colour that mark
//! it (a task's own, shared by its frames), and the line running now — the spinner's
//! marks, for any program.
//!
//! ```
//! use corosim::step::{marks, program::Program, view::StepView};
//! use corosim::player::Fold;
//! let p = Program::load("grouper").unwrap();
//! let mut view = StepView::default();
//! for e in p.events.iter().take(6) { view.apply(e); } // ... averager: yields None
//! assert_eq!(marks::acting_line(&view, &p.source), Some(13)); // `reading = yield`
//! ```

use super::frames::{FrameId, Kind};
use super::source::Source;
use super::view::StepView;
use crate::GenState;

/// Tags for tasks, in order of creation.
const TAGS: &str = "123456789abcdefghijklmnopqrstuvwxyz";

/// A task's tag (`1` for the first task created).
pub fn task_tag(i: usize) -> char {
    TAGS.chars().nth(i % TAGS.len()).unwrap_or('?')
}

/// The tag and colour index of a frame: its task's, or a letter of its own (by the
/// order frames outside tasks appeared: `A`, `B`, ...).
pub fn frame_tag(view: &StepView, id: FrameId) -> (char, usize) {
    let f = &view.frames.all[id];
    if let Some(i) = f.task.as_deref().and_then(|t| view.tasks.find(t)) {
        return (task_tag(i), i);
    }
    // Chains share their root's letter.
    let root = view.frames.chain_of(id)[0];
    let k = view.frames.all[..root]
        .iter()
        .filter(|g| g.task.is_none() && g.delegator.is_none() && g.kind == Kind::Generator)
        .count();
    (char::from(b'A' + (k % 26) as u8), k)
}

/// The 0-based line a frame is at: reported (`Event::Line`), or found from what it did
/// last (see [`Source`]), else its `def`.
pub fn frame_line(view: &StepView, id: FrameId, source: &Source) -> Option<usize> {
    let f = &view.frames.all[id];
    if let Some(l) = f.line {
        return Some(l.saturating_sub(1) as usize);
    }
    if f.kind == Kind::Awaitable {
        return None;
    }
    let found = if f.delegate.is_some() || (!f.own_yield && f.via.is_some()) {
        f.via.as_deref().and_then(|to| source.delegate_line(&f.name, to))
    } else if f.own_yield {
        source.yield_line(&f.name)
    } else {
        None
    };
    found.or_else(|| source.def_line(&f.name))
}

/// The line running now: the last one reported, else the innermost running frame's.
pub fn acting_line(view: &StepView, source: &Source) -> Option<usize> {
    if let Some(i) = view.line_now {
        return Some(view.lines[i].line.saturating_sub(1) as usize);
    }
    view.frames.running().and_then(|id| frame_line(view, id, source))
}

/// One mark in the listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spot {
    /// 0-based line.
    pub line: usize,
    /// Its tag.
    pub tag: char,
    /// Its colour index.
    pub colour: usize,
    /// It is the line running now.
    pub acting: bool,
}

/// Every mark: the reported lines of each task when the program reports lines, else each
/// live frame's line (the innermost frame of each chain).
pub fn spots(view: &StepView, source: &Source) -> Vec<Spot> {
    let acting = acting_line(view, source);
    let mut out = Vec::new();
    if view.has_lines() {
        for (i, l) in view.lines.iter().enumerate() {
            let (tag, colour) = match l.task.as_deref().and_then(|t| view.tasks.find(t)) {
                Some(k) => (task_tag(k), k),
                None => view.threads.tag_of(l.thread.as_deref()),
            };
            let line = l.line.saturating_sub(1) as usize;
            out.push(Spot { line, tag, colour, acting: view.line_now == Some(i) });
        }
        return out;
    }
    for (id, f) in view.frames.all.iter().enumerate() {
        let live = matches!(f.state, GenState::Running | GenState::Suspended);
        // A delegating frame is drawn at its delegation line too: the whole chain shows.
        if !live || f.kind != Kind::Generator {
            continue;
        }
        if let Some(line) = frame_line(view, id, source) {
            let (tag, colour) = frame_tag(view, id);
            let running = view.frames.running() == Some(id);
            out.push(Spot { line, tag, colour, acting: running && acting == Some(line) });
        }
    }
    // When not all fit, the listing centres on the first: the running line, else the
    // task that ran last.
    let last = view.last_task.as_deref().and_then(|t| view.tasks.find(t)).map(task_tag);
    out.sort_by_key(|s| (!s.acting, Some(s.tag) != last));
    out
}
