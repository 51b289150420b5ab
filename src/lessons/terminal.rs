//! `corosim learn` in a plain terminal: the lesson, line by line. It drives a
//! [`LessonRun`] — show, wait for Enter or an answer, show again — and keeps the learner's
//! progress. Colour only on a terminal, and never under `NO_COLOR`.
//!
//! This is the flow for answers files, pipes and `dumb` terminals; a person at a real
//! terminal gets the full-screen lesson of [`super::screen`], which saves progress the
//! same way (`save_progress`).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, Result, bail};

use super::format;
use super::progress::{LessonProgress, Progress, Status, Store};
use super::run::{Grade, LessonRun, Phase};
use super::session::{load_lesson, save_progress};
use super::text::wrap;
use super::{LessonEntry, Lessons, Loaded, find};
use crate::i18n::{self, tr, trf};

/// How `corosim learn` was asked to run.
pub struct Options {
    /// Where the lessons are.
    pub lessons: Lessons,
    /// The lesson to run (number or name); none lists them.
    pub lesson: Option<String>,
    /// A file of answers, one per line (`-` for stdin): a scripted, non-interactive run.
    pub answers: Option<String>,
    /// The language to teach in.
    pub lang: String,
}

/// Text styles, or none.
#[derive(Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset (or empty).
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").as_deref() == Ok("dumb");
        Style { color: std::io::stdout().is_terminal() && !no_color && !dumb }
    }

    /// Plain text.
    pub fn plain() -> Style {
        Style { color: false }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn green(&self, s: &str) -> String {
        self.paint("32", s)
    }
    fn red(&self, s: &str) -> String {
        self.paint("31", s)
    }
    fn cyan(&self, s: &str) -> String {
        self.paint("36", s)
    }
}

/// Where answers come from.
trait Input {
    /// The next line, after showing `prompt`; `None` at the end of input.
    fn line(&mut self, prompt: &str) -> Option<String>;
    /// Waits for Enter; false when the learner quits.
    fn pause(&mut self) -> bool;
    /// Interactive (a person at a terminal)?
    fn interactive(&self) -> bool;
}

/// A person at a terminal, reading `lang`.
struct Terminal<'l>(&'l str);

impl Input for Terminal<'_> {
    fn line(&mut self, prompt: &str) -> Option<String> {
        // A prompt nobody can see (stdout closed) is no reason to stop reading answers.
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "{prompt}").and_then(|()| out.flush());
        drop(out);
        let mut s = String::new();
        match std::io::stdin().lock().read_line(&mut s) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(s.trim_end_matches(['\r', '\n']).to_string()),
        }
    }
    fn pause(&mut self) -> bool {
        match self.line(tr(self.0, "  [Enter] continue · q quit ")) {
            Some(s) => !s.trim().eq_ignore_ascii_case("q"),
            None => false,
        }
    }
    fn interactive(&self) -> bool {
        true
    }
}

/// Answers from a file or a pipe, one per line; echoed so the transcript reads well.
struct Scripted {
    lines: std::vec::IntoIter<String>,
}

impl Input for Scripted {
    fn line(&mut self, prompt: &str) -> Option<String> {
        let answer = self.lines.next()?;
        let _ = writeln!(std::io::stdout(), "{prompt}{answer}");
        Some(answer)
    }
    fn pause(&mut self) -> bool {
        true
    }
    fn interactive(&self) -> bool {
        false
    }
}

/// `corosim learn [lesson] [--answers file]`. Returns whether the lesson was completed
/// (listing always succeeds).
pub fn learn(opts: &Options) -> Result<bool> {
    let entries = opts.lessons.discover().map_err(|p| anyhow::anyhow!("{p}"))?;
    let mut store = Store::locate()?;
    let (mut progress, warning) = store.load_in(&opts.lang);
    if let Some(w) = warning {
        eprintln!("{w}");
    }
    let style = Style::detect();
    let lang = opts.lang.as_str();
    let interactive = opts.answers.is_none() && std::io::stdin().is_terminal();
    let Some(query) = &opts.lesson else {
        list(&entries, &progress, &store, style, &opts.lang);
        let Some(resume) = resumable(&entries, &progress) else { return Ok(true) };
        if !interactive {
            let _ = writeln!(
                std::io::stdout(),
                "\n{}",
                trf(lang, "Resume with: corosim learn {0}", &[&resume.number])
            );
            return Ok(true);
        }
        let step = progress.lessons.get(&resume.id).map_or(0, |p| p.step);
        let ask = format!(
            "\n{}",
            trf(
                lang,
                "Resume lesson {0} ({1}) at step {2}? [Y/n] ",
                &[&resume.number, &resume.slug(), &(step + 1)]
            )
        );
        match Terminal(lang).line(&ask) {
            Some(a) if a.trim().is_empty() || a.trim().eq_ignore_ascii_case("y") => {
                let entry = resume.clone();
                return learn_here(&entry, &mut progress, &store, style, &opts.lang, Some(step));
            }
            _ => return Ok(true),
        }
    };
    let Some(entry) = find(&entries, query) else {
        let names: Vec<String> = entries.iter().map(|e| format!("{} {}", e.number, e.slug())).collect();
        bail!("{}", trf(lang, "no lesson '{0}'. The lessons are: {1}", &[query, &names.join(", ")]));
    };
    let entry = entry.clone();
    if let Some(source) = &opts.answers {
        let text = if source == "-" {
            std::io::read_to_string(std::io::stdin()).context("reading answers from stdin")?
        } else {
            std::fs::read_to_string(source).with_context(|| format!("reading answers from {source}"))?
        };
        let lines: Vec<String> = text.lines().map(|l| l.trim_end().to_string()).collect();
        let mut input = Scripted { lines: lines.into_iter() };
        return run_lesson(&entry, &mut input, &mut progress, &store, Style::plain(), &opts.lang, None);
    }
    if !interactive {
        // Answers piped in without --answers: treat them as a script.
        let text = std::io::read_to_string(std::io::stdin()).context("reading answers from stdin")?;
        let mut input = Scripted { lines: text.lines().map(str::to_string).collect::<Vec<_>>().into_iter() };
        return run_lesson(&entry, &mut input, &mut progress, &store, style, &opts.lang, None);
    }
    let mut start = None;
    if let Some(p) = progress.lessons.get(&entry.id).filter(|p| p.status == Status::Started && p.step > 0) {
        let ask = trf(lang, "You stopped at step {0}. Resume there? [Y/n] ", &[&(p.step + 1)]);
        if Terminal(lang)
            .line(&ask)
            .is_some_and(|a| a.trim().is_empty() || a.trim().eq_ignore_ascii_case("y"))
        {
            start = Some(p.step);
        }
    }
    learn_here(&entry, &mut progress, &store, style, &opts.lang, start)
}

/// Can the full-screen lesson be drawn? Both ends on a terminal that understands cursor
/// movement: on a `dumb` one (an editor's shell, a serial console) the line flow is used.
fn full_screen() -> bool {
    std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::env::var("TERM").as_deref() != Ok("dumb")
}

/// A person at a terminal: the lesson screen beside the trace player, or line by line
/// where a full screen cannot be drawn.
fn learn_here(
    entry: &LessonEntry,
    progress: &mut Progress,
    store: &Store,
    style: Style,
    lang: &str,
    start: Option<usize>,
) -> Result<bool> {
    if full_screen() {
        super::screen::run(entry, progress, store, lang, start)
    } else {
        run_lesson(entry, &mut Terminal(lang), progress, store, style, lang, start)
    }
}

/// The lesson to offer: the last one worked on, if unfinished.
fn resumable<'a>(entries: &'a [LessonEntry], progress: &Progress) -> Option<&'a LessonEntry> {
    let last = progress.last.as_ref()?;
    let p = progress.lessons.get(last)?;
    (p.status == Status::Started).then(|| entries.iter().find(|e| &e.id == last)).flatten()
}

/// The lessons with their progress.
fn list(entries: &[LessonEntry], progress: &Progress, store: &Store, style: Style, lang: &str) {
    // A closed pipe (`corosim learn | head`) is not an error worth a panic.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", style.bold(tr(lang, "corosim lessons — see how coroutines work")));
    let _ = writeln!(out, "{}", style.dim(&trf(lang, "(progress: {0})", &[&store.path().display()])));
    let _ = writeln!(out);
    let titles: Vec<String> = entries
        .iter()
        .map(|e| {
            let lesson = e.read().ok().and_then(|src| format::parse(&e.file, &src).ok());
            let Some(mut lesson) = lesson else {
                return tr(lang, "(broken: run `corosim lessons check`)").to_string();
            };
            let (file, text) = e.read_translation(lang);
            if let Some(Ok(text)) = text {
                // A translation at fault still gives the titles it has.
                let _ = format::translate(&mut lesson, lang, &file, &text);
            }
            lesson.title.get(lang).to_string()
        })
        .collect();
    let width = titles.iter().map(|t| i18n::width(t)).max().unwrap_or(0);
    for (e, title) in entries.iter().zip(&titles) {
        let status = match progress.lessons.get(&e.id) {
            Some(LessonProgress { status: Status::Done, .. }) => style.green(tr(lang, "done")),
            Some(LessonProgress { status: Status::Started, step, .. }) => {
                style.cyan(&trf(lang, "started (step {0})", &[&(step + 1)]))
            }
            None => style.dim(tr(lang, "new")),
        };
        let _ = writeln!(out, "  {:>2}  {}  {status}", e.number, i18n::pad(title, width));
    }
    let _ = writeln!(out, "\n{}", tr(lang, "Run one with: corosim learn <number|name>"));
}

/// Runs one lesson, saving progress as it goes. True when completed.
fn run_lesson(
    entry: &LessonEntry,
    input: &mut dyn Input,
    progress: &mut Progress,
    store: &Store,
    style: Style,
    lang: &str,
    start: Option<usize>,
) -> Result<bool> {
    let loaded = load_lesson(entry, lang)?;
    let Loaded { lesson, plan, recording, scenario, .. } = &loaded;
    let mut run = LessonRun::new(lesson, plan, &recording.events, lang);
    let save = |run: &LessonRun, progress: &mut Progress| save_progress(entry, run, progress, store);
    let out = &mut std::io::stdout().lock();
    intro(out, &run, entry, scenario.name, style)?;
    match start {
        Some(step) => run.resume_at(step),
        None => run.proceed(),
    }
    let mut asked = None; // a question is printed once; retries show only the prompt
    loop {
        match run.phase() {
            Phase::Intro => run.proceed(),
            Phase::Step(n) => {
                show_step(out, &run, n, scenario, style)?;
                save(&run, progress)?;
                if run.question(n).is_none() && input.interactive() && !input.pause() {
                    return quit(out, &run, progress, save);
                }
                run.proceed();
            }
            Phase::Question(n) => {
                let q = run.question(n).expect("a question phase has a question");
                if asked != Some(n) {
                    ask(out, &q, style, lang)?;
                    asked = Some(n);
                }
                out.flush()?;
                let prompt = tr(
                    lang,
                    if q.choices.is_empty() { "  your answer: " } else { "  your answer (number): " },
                );
                let Some(answer) = input.line(prompt) else {
                    writeln!(out, "{}", tr(lang, "\n(no more answers: the lesson stops here)"))?;
                    return quit(out, &run, progress, save);
                };
                if input.interactive() && answer.trim().eq_ignore_ascii_case("q") {
                    return quit(out, &run, progress, save);
                }
                match run.answer(&answer).expect("a question phase takes an answer") {
                    Grade::Right => {
                        writeln!(out, "  {}", style.green(tr(lang, "Right!")))?;
                        reveal(out, &run, n, style)?;
                    }
                    Grade::Wrong { hint, left } => {
                        let tries = if left == 1 {
                            tr(lang, "1 try left").to_string()
                        } else {
                            trf(lang, "{0} tries left", &[&left])
                        };
                        writeln!(out, "  {} ({tries})", style.red(tr(lang, "Not quite.")))?;
                        writeln!(out, "  {} {}", style.bold(tr(lang, "Hint:")), hint)?;
                    }
                    Grade::Revealed => {
                        let answer = trf(lang, "The answer is: {0}", &[&run.answer_text(n)]);
                        writeln!(out, "  {} {answer}", style.red(tr(lang, "Not quite.")))?;
                        reveal(out, &run, n, style)?;
                    }
                }
                save(&run, progress)?;
            }
            Phase::Answered(_) => {
                if input.interactive() && !input.pause() {
                    run.proceed();
                    return quit(out, &run, progress, save);
                }
                run.proceed();
            }
            Phase::Summary => {
                summary(out, &run, lesson, style)?;
                save(&run, progress)?;
                run.proceed();
            }
            Phase::Done => return Ok(run.completed()),
        }
    }
}

/// Saves and says how to come back.
fn quit(
    out: &mut dyn Write,
    run: &LessonRun,
    progress: &mut Progress,
    save: impl Fn(&LessonRun, &mut Progress) -> Result<()>,
) -> Result<bool> {
    save(run, progress)?;
    let at = run.resume_point() + 1;
    writeln!(
        out,
        "{}",
        trf(run.lang(), "Progress saved at step {0}. Come back with: corosim learn", &[&at])
    )?;
    Ok(false)
}

fn rule(style: Style, title: &str) -> String {
    let line = format!("── {title} {}", "─".repeat(60usize.saturating_sub(i18n::width(title))));
    style.bold(&line)
}

fn intro(
    out: &mut dyn Write,
    run: &LessonRun,
    entry: &LessonEntry,
    scenario: &str,
    style: Style,
) -> Result<()> {
    let lang = run.lang();
    writeln!(out, "{}", rule(style, &trf(lang, "Lesson {0}: {1}", &[&entry.number, &run.title()])))?;
    let program = trf(lang, "program: {0}.py  (corosim show {0} · corosim trace {0})", &[&scenario]);
    writeln!(out, "{}", style.dim(&format!("  {program}")))?;
    writeln!(out, "\n{}", tr(lang, "You will learn:"))?;
    for point in run.learn() {
        writeln!(out, "{}", wrap(point, 74, "    ").replacen("    ", "  - ", 1))?;
    }
    writeln!(out)?;
    Ok(())
}

/// Events shown at most per step; the middle of a longer stretch is elided.
const MAX_EVENTS: usize = 36;

fn show_step(
    out: &mut dyn Write,
    run: &LessonRun,
    n: usize,
    scenario: &crate::scenarios::Scenario,
    style: Style,
) -> Result<()> {
    let view = run.step(n);
    let lang = run.lang();
    writeln!(out, "{}", rule(style, &trf(lang, "Step {0} of {1}", &[&(view.index + 1), &view.total])))?;
    writeln!(out, "{}\n", wrap(view.say, 76, "  "))?;
    if let Some(line) = view.line {
        let lines: Vec<&str> = scenario.python.lines().collect();
        writeln!(out, "  {}", style.dim(&trf(lang, "{0}.py, line {1}:", &[&scenario.name, &line])))?;
        let from = line.saturating_sub(3).max(1);
        let to = (line + 2).min(lines.len());
        for i in from..=to {
            let text = lines.get(i - 1).copied().unwrap_or("");
            let row = format!("{i:>5} | {text}");
            if i == line {
                writeln!(out, "  {}", style.bold(&format!(">{}", &row[1..])))?;
            } else {
                writeln!(out, "  {}", style.dim(&row))?;
            }
        }
        writeln!(out)?;
    }
    if !view.events.is_empty() {
        let filtered =
            if view.hidden > 0 { trf(lang, " ({0} more not shown)", &[&view.hidden]) } else { String::new() };
        writeln!(out, "  {}", style.dim(&trf(lang, "Trace{0}:", &[&filtered])))?;
        let events = run.events();
        let shown = &view.events;
        let print = |out: &mut dyn Write, i: usize| -> std::io::Result<()> {
            let line = events[i].to_string();
            let line = if line.starts_with("| ") { style.bold(&line) } else { line };
            writeln!(out, "    {line}")
        };
        if shown.len() <= MAX_EVENTS {
            for &i in shown {
                print(out, i)?;
            }
        } else {
            let head = MAX_EVENTS / 3;
            let tail = MAX_EVENTS - head;
            for &i in &shown[..head] {
                print(out, i)?;
            }
            writeln!(
                out,
                "    {}",
                style.dim(&trf(lang, "… {0} more events …", &[&(shown.len() - head - tail)]))
            )?;
            for &i in &shown[shown.len() - tail..] {
                print(out, i)?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn ask(out: &mut dyn Write, q: &super::run::QuestionView, style: Style, lang: &str) -> Result<()> {
    let title = trf(lang, "Checkpoint {0} of {1}: {2}", &[&(q.number + 1), &q.total, &q.kind]);
    writeln!(out, "{}", style.cyan(&rule(Style::plain(), &title)))?;
    writeln!(out, "{}", wrap(q.question, 76, "  "))?;
    for (i, choice) in q.choices.iter().enumerate() {
        writeln!(out, "    {}) {choice}", i + 1)?;
    }
    Ok(())
}

fn reveal(out: &mut dyn Write, run: &LessonRun, n: usize, style: Style) -> Result<()> {
    if let Some(event) = run.answer_event(n) {
        writeln!(out, "  {} {}", style.dim(tr(run.lang(), "The trace:")), event)?;
    }
    writeln!(out, "{}\n", wrap(run.explanation(n), 76, "  "))?;
    Ok(())
}

fn summary(out: &mut dyn Write, run: &LessonRun, lesson: &super::format::Lesson, style: Style) -> Result<()> {
    let lang = run.lang();
    writeln!(out, "{}", rule(style, tr(lang, "Summary")))?;
    for point in run.summary() {
        writeln!(out, "{}", wrap(point, 74, "    ").replacen("    ", "  - ", 1))?;
    }
    if !lesson.also.is_empty() {
        let also: Vec<String> =
            lesson.also.iter().map(|a| format!("corosim trace {}", a.get_ref())).collect();
        writeln!(out, "{}", trf(lang, "\n  See also: {0}", &[&also.join(" · ")]))?;
    }
    let (right, total, first) = (run.right(), run.checkpoint_total(), run.right_first_time());
    writeln!(out)?;
    if run.completed() {
        writeln!(
            out,
            "{}",
            style.green(&trf(
                lang,
                "Lesson complete: {0} of {1} checkpoints right ({2} at the first try).",
                &[&right, &total, &first]
            ))
        )?;
    } else {
        writeln!(
            out,
            "{}",
            style.red(&trf(
                lang,
                "Lesson not complete: {0} of {1} checkpoints right. Run it again to answer them all.",
                &[&right, &total]
            ))
        )?;
    }
    Ok(())
}

/// `corosim lessons check`: prints problems and a summary; true when there are no errors.
pub fn check(lessons: &Lessons) -> bool {
    let report = super::check::check(lessons, super::check::Python::from_env());
    for p in &report.problems {
        eprintln!("{p}");
    }
    for p in &report.passed {
        let _ = writeln!(
            std::io::stdout(),
            "ok  {:<34} {:<24} {} steps, {} checkpoints",
            p.id,
            p.scenario,
            p.steps,
            p.checkpoints
        );
    }
    let warnings = report.problems.len() - report.errors();
    let _ = writeln!(
        std::io::stdout(),
        "{} lessons checked: {} passed, {} errors, {} warnings",
        report.total,
        report.passed.len(),
        report.errors(),
        warnings
    );
    report.errors() == 0
}
