//! The step viewer's panes in a lesson: when a checkpoint asks about generator states or
//! about which task runs next, the lesson screen shows the objects the question is
//! about — the frames (their states left as `?`: the learner says them), or the loop's
//! ready queue, timers and futures — as `corosim step` draws them after the events the
//! lesson has revealed.
//!
//! ```
//! use corosim::player::Theme;
//! use corosim::step::lesson_pane;
//! let s = corosim::scenarios::find("averager").unwrap();
//! let clock = corosim::aio::ClockKind::Virtual;
//! let (_, events) = corosim::trace::collect(|| s.run(&corosim::Console::silent(), clock));
//! let asked = "`next(avg)` has returned None. What state is the averager in now?";
//! let (title, lines) = lesson_pane::pane_for(asked, &events, 4, s.python, 50, 12, Theme { color: false }).unwrap();
//! assert_eq!(title, "frames");
//! let text: String = lines.iter().map(|l| l.to_string() + "\n").collect();
//! assert!(text.contains("averager") && text.contains('?') && !text.contains("SUSPENDED"));
//! ```

use ratatui::text::Line;

use super::panes::{self, Look};
use super::program::Program;
use super::source::Source;
use super::view::StepView;
use crate::player::{Fold, Stamped, Theme};
use crate::trace::Event;

/// What a question is about, by its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum About {
    States,
    Loop,
}

fn about(question: &str) -> Option<About> {
    let q = question.to_lowercase();
    if ["what state", "which state", "state is", "state of"].iter().any(|w| q.contains(w)) {
        return Some(About::States);
    }
    if ["runs next", "run next", "ready queue", "which task"].iter().any(|w| q.contains(w)) {
        return Some(About::Loop);
    }
    None
}

/// The pane for `question` after the first `upto` events of the lesson's trace: its
/// title and lines (`width`×`height`), or `None` when the question is about neither.
pub fn pane_for(
    question: &str,
    events: &[Event],
    upto: usize,
    source: &str,
    width: usize,
    height: usize,
    theme: Theme,
) -> Option<(&'static str, Vec<Line<'static>>)> {
    let about = about(question)?;
    let program = Program::from_events("lesson", "lesson.py", source, events.to_vec(), None);
    let mut view = StepView::default();
    for e in program.events.iter().take(upto) {
        view.apply(&Stamped { t: e.t, event: e.event.clone() });
    }
    let look = Look { theme, big: false, quiz: about == About::States };
    match about {
        About::States => {
            Some(("frames", panes::frames::lines(&view, &Source::new(source), None, width, height, look)))
        }
        About::Loop if program.is_async() => {
            Some(("the loop", panes::loop_pane::lines(&view, width, height, look)))
        }
        About::Loop => None,
    }
}
