//! A learner's session: a lesson loaded for learning, and progress saved as it goes.
//!
//! Both screens use this — the line-by-line one (`terminal`) and the full-screen one
//! (`screen`) — so it stands below them, and neither needs the other.
//!
//! ```
//! use corosim::lessons::{self, session};
//! let entries = lessons::built_in();
//! let loaded = session::load_lesson(lessons::find(&entries, "4").unwrap(), "en").unwrap();
//! # let _ = loaded;
//! ```

use anyhow::Result;

use super::format::{self, Problem};
use super::progress::{LessonProgress, Progress, Status, Store};
use super::run::{LessonRun, Phase};
use super::{LessonEntry, Loaded, load};
use crate::i18n::{self, trf};

/// Reads, runs and plans a lesson for learning; a broken lesson is an error that lists
/// its problems.
pub fn load_lesson(entry: &LessonEntry, lang: &str) -> Result<Loaded> {
    let loaded = load(entry).map_err(|problems| {
        let text: Vec<String> = problems.iter().map(Problem::to_string).collect();
        anyhow::anyhow!("{}", trf(lang, "lesson {0} is broken:\n{1}", &[&entry.id, &text.join("\n")]))
    })?;
    // Said once, before the lesson starts: the rest of it is shown in English where the
    // translation has no text.
    let missing = format::untranslated(&loaded.lesson, lang);
    if lang != format::DEFAULT_LANGUAGE && missing > 0 {
        let name = i18n::Lang::parse(lang).map_or(lang.to_string(), |l| l.name().to_string());
        eprintln!(
            "{}",
            trf(
                lang,
                "(lesson {0}: {1} texts are not translated into {2} yet; they are shown in English)",
                &[&entry.number, &missing, &name]
            )
        );
    }
    Ok(loaded)
}

/// Records where `run` is (started at its resume point, or done) and writes the file. A
/// lesson once done stays done: running it again and quitting does not undo it.
pub fn save_progress(
    entry: &LessonEntry,
    run: &LessonRun,
    progress: &mut Progress,
    store: &Store,
) -> Result<()> {
    let done = run.completed();
    let record = progress.lessons.entry(entry.id.clone()).or_insert(LessonProgress {
        status: Status::Started,
        step: 0,
        right: 0,
    });
    if record.status != Status::Done || done {
        *record = LessonProgress {
            status: if done { Status::Done } else { Status::Started },
            step: if matches!(run.phase(), Phase::Summary | Phase::Done) { 0 } else { run.resume_point() },
            right: run.right(),
        };
    }
    progress.last = Some(entry.id.clone());
    Ok(store.save(progress)?)
}
