//! Lessons: the course, taught over real traces. A lesson is data (`lessons/NN-name/
//! lesson.toml`) that walks through one scenario's trace step by step — narration, the
//! Python line in focus, the events — and stops at checkpoints where the learner predicts
//! what happens next before the trace reveals it.
//!
//! * [`built_in`](mod@built_in): the lessons, built into the binary;
//! * [`format`](mod@format): the lesson file, parsed with line-accurate errors;
//! * [`matcher`]: finding events in a trace ("the next `yield` of `averager`");
//! * [`plan`]: a lesson laid over its trace, with each checkpoint's true answer;
//! * [`run`]: [`run::LessonRun`], the lesson as a state machine with no I/O;
//! * [`check`]: `corosim lessons check`;
//! * [`progress`]: what the learner has done, saved atomically;
//! * [`screen`]: `corosim learn` full screen: narration beside the trace player;
//! * [`terminal`]: `corosim learn`, line by line (answers files, pipes, dumb terminals).

pub mod built_in;
pub mod check;
pub mod format;
pub mod matcher;
pub mod plan;
pub mod progress;
pub mod run;
pub mod screen;
pub mod session;
pub mod terminal;
pub mod text;

use std::path::{Path, PathBuf};

use crate::console::{self, Console};
use crate::exception::PyResult;
use crate::scenarios::{self, Scenario};
use crate::trace::{self, Event};

use format::{Lesson, Problem, span_line};
use plan::Plan;

/// The environment variable that points corosim at another lessons directory.
pub const LESSONS_DIR_ENV: &str = "COROSIM_LESSONS_DIR";

/// Where the lessons come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lessons {
    /// The lessons built into the binary: what learners use, wherever the binary is.
    BuiltIn,
    /// A lessons folder on disk: what authors edit (`--lessons-dir`, `$COROSIM_LESSONS_DIR`).
    Dir(PathBuf),
}

impl Lessons {
    /// `dir` if given, else `$COROSIM_LESSONS_DIR`, else the built-in lessons.
    ///
    /// ```
    /// use corosim::lessons::Lessons;
    /// assert_eq!(Lessons::choose(Some("my-lessons".into())), Lessons::Dir("my-lessons".into()));
    /// ```
    pub fn choose(dir: Option<PathBuf>) -> Lessons {
        match dir.or_else(|| std::env::var_os(LESSONS_DIR_ENV).filter(|d| !d.is_empty()).map(PathBuf::from)) {
            Some(dir) => Lessons::Dir(dir),
            None => Lessons::BuiltIn,
        }
    }

    /// Where they are, for messages: the folder, or `lessons` for the built-in ones.
    pub fn path(&self) -> &Path {
        match self {
            Lessons::BuiltIn => Path::new("lessons"),
            Lessons::Dir(dir) => dir,
        }
    }

    /// The lessons, in course order.
    pub fn discover(&self) -> Result<Vec<LessonEntry>, Problem> {
        match self {
            Lessons::BuiltIn => Ok(built_in()),
            Lessons::Dir(dir) => discover(dir),
        }
    }
}

/// A lesson found on disk or built in.
#[derive(Clone, Debug)]
pub struct LessonEntry {
    /// Its number in course order (`04`).
    pub number: u32,
    /// Its folder name (`04-generators-as-coroutines`): the lesson's id.
    pub id: String,
    /// Its `lesson.toml` (for a built-in lesson, where it is in the source tree:
    /// `lessons/04-generators-as-coroutines/lesson.toml`).
    pub file: PathBuf,
    /// The file's text, for a built-in lesson.
    pub built_in: Option<&'static str>,
}

impl LessonEntry {
    /// The name without the number: `generators-as-coroutines`.
    pub fn slug(&self) -> &str {
        self.id.split_once('-').map_or(&self.id, |(_, s)| s)
    }

    /// Its translation file in `lang` (`lesson.zh-CN.toml`), and the file's text; `None`
    /// for the text when there is no such file.
    pub fn read_translation(&self, lang: &str) -> (PathBuf, Option<Result<String, Problem>>) {
        let file = format::translation_path(&self.file, lang);
        let text = match self.built_in {
            Some(_) => built_in::TRANSLATED
                .iter()
                .find(|(id, l, _)| *id == self.id && *l == lang)
                .map(|(_, _, text)| Ok(text.to_string())),
            None => (std::fs::symlink_metadata(&file).is_ok()).then(|| read_lesson(&file)),
        };
        (file, text)
    }

    /// The lesson file's text.
    pub fn read(&self) -> Result<String, Problem> {
        match self.built_in {
            Some(text) => Ok(text.to_string()),
            None => read_lesson(&self.file),
        }
    }
}

/// The lessons built into the binary, in course order.
pub fn built_in() -> Vec<LessonEntry> {
    built_in::LESSONS
        .iter()
        .map(|&(id, text)| LessonEntry {
            number: id[..2].parse().expect("built-in lesson folders are named NN-name"),
            id: id.to_string(),
            file: Path::new("lessons").join(id).join("lesson.toml"),
            built_in: Some(text),
        })
        .collect()
}

/// The lesson folders in `dir`, in course order. Folders must be named `NN-name`.
pub fn discover(dir: &Path) -> Result<Vec<LessonEntry>, Problem> {
    let read = std::fs::read_dir(dir).map_err(|e| {
        Problem::new(
            dir,
            None,
            format!("cannot read the lessons directory: {e}"),
            "point --lessons-dir at lessons/",
        )
    })?;
    let mut entries = Vec::new();
    for item in read.flatten() {
        if !item.path().is_dir() {
            continue;
        }
        let id = item.file_name().to_string_lossy().into_owned();
        let number = id.split_once('-').and_then(|(n, rest)| {
            let valid = n.len() == 2
                && !rest.is_empty()
                && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            valid.then(|| n.parse::<u32>().ok()).flatten()
        });
        let Some(number) = number else {
            return Err(Problem::new(
                &item.path(),
                None,
                format!("the folder `{id}` is not named like a lesson"),
                "name lesson folders `NN-name`: two digits, a dash, lowercase words joined by dashes",
            ));
        };
        entries.push(LessonEntry { number, id, file: item.path().join("lesson.toml"), built_in: None });
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    for pair in entries.windows(2) {
        if pair[0].number == pair[1].number {
            return Err(Problem::new(
                &pair[1].file,
                None,
                format!("lessons `{}` and `{}` have the same number", pair[0].id, pair[1].id),
                "give every lesson its own number",
            ));
        }
    }
    Ok(entries)
}

/// The lesson a learner names: its number (`4`, `04`), folder name, or name.
pub fn find<'a>(entries: &'a [LessonEntry], query: &str) -> Option<&'a LessonEntry> {
    let q = query.trim().to_ascii_lowercase();
    if let Ok(n) = q.parse::<u32>() {
        return entries.iter().find(|e| e.number == n);
    }
    entries.iter().find(|e| e.id == q || e.slug() == q).or_else(|| {
        let mut hits = entries.iter().filter(|e| e.slug().starts_with(&q));
        let first = hits.next();
        if hits.next().is_some() { None } else { first }
    })
}

/// A scenario run under the trace recorder.
pub struct Recording {
    /// How the program ended.
    pub result: PyResult<()>,
    /// Every event.
    pub events: Vec<Event>,
    /// The lines it printed.
    pub output: Vec<String>,
    /// The warnings it raised (its stderr), kept off the learner's screen.
    pub warnings: Vec<String>,
}

/// Runs `scenario` on the virtual clock and records its trace, output and warnings.
pub fn record(scenario: &Scenario) -> Recording {
    let (console, lines) = Console::capture();
    let ((result, events), warnings) = console::collect_warnings(|| {
        trace::collect(|| scenario.run(&console, crate::aio::ClockKind::Virtual))
    });
    let output = lines.borrow().clone();
    Recording { result, events, output, warnings }
}

/// A lesson read, its scenario run, and laid over the trace.
pub struct Loaded {
    /// Where it came from.
    pub entry: LessonEntry,
    /// The file's text.
    pub source: String,
    /// The lesson.
    pub lesson: Lesson,
    /// Its scenario.
    pub scenario: &'static Scenario,
    /// The scenario's run (with `then`'s events after its own).
    pub recording: Recording,
    /// The lesson's second program (`then`) and its own run.
    pub then: Option<(&'static Scenario, Recording)>,
    /// The lesson over the trace.
    pub plan: Plan,
    /// What is wrong with its translations (a missing file, a shape that differs from the
    /// English): errors for `corosim lessons check`; a learner reads English there instead.
    pub translation_problems: Vec<Problem>,
}

/// Reads a lesson file; each way that can fail gets its own fix.
fn read_lesson(file: &Path) -> Result<String, Problem> {
    use std::io::ErrorKind;
    let bytes = std::fs::read(file).map_err(|e| {
        let (message, fix): (String, String) = match (follow_links(file), e.kind()) {
            (Link::Loop, _) => (
                "lesson.toml is a symbolic link that leads back to itself".into(),
                "replace the link with the lesson file itself, or point it at a real file".into(),
            ),
            (Link::Dangling(target), _) => (
                format!("lesson.toml is a link to {}, which does not exist", target.display()),
                "point the link at a lesson file, or put the file itself here".into(),
            ),
            (_, ErrorKind::NotFound) => {
                ("there is no lesson file".into(), "create lesson.toml in this folder".into())
            }
            (_, ErrorKind::IsADirectory) => (
                "lesson.toml is a folder, not a file".into(),
                "a lesson is one file: move what the folder holds elsewhere, and write lesson.toml as a file"
                    .into(),
            ),
            (_, ErrorKind::PermissionDenied) => (
                format!("corosim may not read the lesson file: {e}"),
                "make it readable: chmod a+r lesson.toml".into(),
            ),
            _ => (format!("cannot read the lesson file: {e}"), "check the file and the disk it is on".into()),
        };
        Problem::new(file, None, message, fix)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        Problem::new(
            file,
            Some(line),
            "the lesson file is not UTF-8 text",
            "save lesson.toml as UTF-8 (your editor's encoding setting); the first bad byte is on this line",
        )
    })
}

/// Where a chain of symbolic links ends.
enum Link {
    /// Not a link, or a chain that ends at something that exists.
    Resolves,
    /// A link to a path where nothing is.
    Dangling(PathBuf),
    /// Links that lead back to one already followed.
    Loop,
}

/// Follows `path`'s symbolic links one at a time (std names no "loop" error kind yet).
fn follow_links(path: &Path) -> Link {
    let mut seen = Vec::new();
    let mut at = path.to_path_buf();
    loop {
        let Ok(meta) = std::fs::symlink_metadata(&at) else {
            return if seen.is_empty() { Link::Resolves } else { Link::Dangling(at) };
        };
        if !meta.file_type().is_symlink() {
            return Link::Resolves;
        }
        if seen.contains(&at) {
            return Link::Loop;
        }
        let Ok(target) = std::fs::read_link(&at) else { return Link::Resolves };
        let next = at.parent().map_or(target.clone(), |dir| dir.join(&target));
        seen.push(at);
        at = next;
    }
}

/// Reads, runs and plans one lesson; every problem names its line.
pub fn load(entry: &LessonEntry) -> Result<Loaded, Vec<Problem>> {
    let file = &entry.file;
    let source = entry.read().map_err(|p| vec![p])?;
    let mut lesson = format::parse(file, &source).map_err(|p| vec![p])?;
    let translation_problems = translations(entry, &mut lesson);
    let name = lesson.scenario.get_ref();
    // A `.py` file is the lesson folder's own program.
    let path = match file.parent() {
        Some(dir) if name.ends_with(".py") => dir.join(name).to_string_lossy().into_owned(),
        _ => name.clone(),
    };
    let scenario = match scenarios::load(&path) {
        Ok(s) => s,
        Err(e) => {
            let known: Vec<&str> = scenarios::all().iter().map(|s| s.name).collect();
            return Err(vec![Problem::new(
                file,
                Some(span_line(&source, lesson.scenario.span())),
                format!("there is no scenario `{name}` ({e})"),
                format!(
                    "use one of: {} (or add the scenario to src/scenarios/, or put a .py file in the lesson's folder)",
                    known.join(", ")
                ),
            )]);
        }
    };
    let mut recording = record(scenario);
    if let Err(e) = &recording.result {
        return Err(vec![Problem::new(
            file,
            Some(span_line(&source, lesson.scenario.span())),
            format!("the scenario `{name}` raised {e}"),
            format!("fix the scenario: `corosim run {name}` must succeed"),
        )]);
    }
    let then = match &lesson.then {
        None => None,
        Some(second) => {
            let (span, name) = (second.span(), second.get_ref().clone());
            let path = match file.parent() {
                Some(dir) if name.ends_with(".py") => dir.join(&name).to_string_lossy().into_owned(),
                _ => name.clone(),
            };
            let problem = |what: String, fix: String| {
                vec![Problem::new(file, Some(span_line(&source, span.clone())), what, fix)]
            };
            let s = scenarios::load(&path).map_err(|e| {
                problem(
                    format!("there is no scenario `{name}` ({e})"),
                    "name a program of `corosim list`, or a .py file in the lesson's folder".into(),
                )
            })?;
            let run = record(s);
            if let Err(e) = &run.result {
                return Err(problem(
                    format!("the scenario `{name}` raised {e}"),
                    format!("fix the scenario: `corosim run {name}` must succeed"),
                ));
            }
            // Its trace follows the first program's: the steps walk on into it.
            recording.events.extend(run.events.iter().cloned());
            Some((s, run))
        }
    };
    let plan = plan::plan(file, &source, &lesson, &recording.events, scenario)?;
    Ok(Loaded { entry: entry.clone(), source, lesson, scenario, recording, then, plan, translation_problems })
}

/// Adds every translation of `entry` to `lesson`; what is missing or misshapen.
fn translations(entry: &LessonEntry, lesson: &mut Lesson) -> Vec<Problem> {
    let mut problems = Vec::new();
    for &lang in format::TRANSLATIONS {
        let (file, text) = entry.read_translation(lang);
        match text {
            None => problems.push(Problem::new(
                &file,
                None,
                format!("lesson {} has no {lang} translation", entry.id),
                format!(
                    "write {}: the English texts, translated, in the lesson's shape (see lessons/README.md)",
                    file.display()
                ),
            )),
            Some(Err(p)) => problems.push(p),
            Some(Ok(source)) => {
                problems.extend(format::translate(lesson, lang, &file, &source));
                for (n, text) in source.lines().enumerate() {
                    if let Some(said) = check::line_number_in(text) {
                        problems.push(Problem::new(
                            &file,
                            Some(n + 1),
                            format!("the text points at code by its number ({said:?}), which moves when the twin is edited"),
                            "name the code instead: the function, the call, or a quote of it",
                        ));
                    }
                }
            }
        }
    }
    problems
}
