//! `corosim learn` full screen: a lesson told beside the trace player, the way a teacher
//! talks over a debugger session — narration and checkpoints on one side, the Python
//! twin with its line in focus and the events revealed so far on the other.
//!
//! * [`state`]: [`LessonScreen`], the keys' effects on a [`LessonRun`] and on a player
//!   [`Track`](crate::player::Track) of the revealed events (no terminal needed);
//! * [`draw`]: the layout.
//!
//! The lesson logic stays in [`LessonRun`]; the terminal (raw mode, the alternate screen,
//! given back on exit, error, panic and signals) is the player's [`Screen`]. Progress is
//! saved as the line flow saves it (`save_progress`).

pub mod draw;
pub mod state;

use std::io::Write;
use std::time::Duration;

use anyhow::Result;
use ratatui::crossterm::event::{self, Event as TermEvent};

use super::progress::{Progress, Store};
use super::run::{LessonRun, Phase};
use super::session::{load_lesson, save_progress};
use super::{LessonEntry, Loaded};
use crate::i18n::trf;
use crate::player::{self, Screen, Theme};
use draw::Page;
pub use state::{LessonScreen, Outcome};

/// Runs one lesson full screen, from the intro or resumed at step `start`, saving progress
/// as it goes. True when the lesson was completed.
pub fn run(
    entry: &LessonEntry,
    progress: &mut Progress,
    store: &Store,
    lang: &str,
    start: Option<usize>,
) -> Result<bool> {
    let loaded = load_lesson(entry, lang)?;
    let Loaded { lesson, plan, recording, scenario, then, .. } = &loaded;
    let mut state = LessonScreen::new(LessonRun::new(lesson, plan, &recording.events, lang), start);
    let page = Page {
        number: entry.number,
        scenario: scenario.name,
        source: scenario.python.lines().collect(),
        then: then.as_ref().map(|(second, run)| {
            // Its events are the last of the lesson's trace.
            let from = recording.events.len() - run.events.len();
            (second.name, second.python.lines().collect(), from)
        }),
        theme: Theme::from_env(),
    };
    let mut screen = Screen::enter()?;
    loop {
        if player::signalled() {
            break;
        }
        if !player::is_active() {
            anyhow::bail!("the terminal was given back after a panic");
        }
        screen.terminal.draw(|f| draw::draw(f, &state, &page))?;
        // Nothing moves on its own here: wait for a key, waking now and then for signals.
        if !event::poll(Duration::from_millis(200))? {
            continue;
        }
        if let TermEvent::Key(key) = event::read()? {
            match state.key(&key) {
                Outcome::Moved => save_progress(entry, &state.run, progress, store)?,
                Outcome::Leave => break,
                Outcome::Redraw => {}
            }
        }
        // Other events (a resize) need only the redraw at the top of the loop.
    }
    drop(screen); // the terminal back before anything is printed
    save_progress(entry, &state.run, progress, store)?;
    let run = &state.run;
    let mut out = std::io::stdout().lock();
    if run.completed() {
        let (right, total, first) = (run.right(), run.checkpoint_total(), run.right_first_time());
        let done = "Lesson {0} complete: {1} of {2} checkpoints right ({3} at the first try).";
        writeln!(out, "{}", trf(lang, done, &[&entry.number, &right, &total, &first]))?;
    } else if matches!(run.phase(), Phase::Summary | Phase::Done) {
        let (right, total) = (run.right(), run.checkpoint_total());
        let not = "Lesson {0} not complete: {1} of {2} checkpoints right.";
        writeln!(out, "{}", trf(lang, not, &[&entry.number, &right, &total]))?;
    } else {
        let saved = "Progress saved at step {0}. Come back with: corosim learn";
        writeln!(out, "{}", trf(lang, saved, &[&(run.resume_point() + 1)]))?;
    }
    Ok(run.completed())
}
