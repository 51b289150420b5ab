//! `corosim lessons check`: a lesson is only as good as its claims, so every claim is
//! proven — the file parses, its scenario exists, each line it quotes is on exactly one
//! line of the Python twin, its texts point at code by name and not by line number, each
//! `until` is found in the real trace, each checkpoint's answer is what the scenario
//! really does, and the twin, run by python3, prints (and warns) what the scenario prints
//! (and warns).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Stdio};

use super::format::{Problem, span_line};
use super::{Lessons, Loaded, load};
use crate::oracle::{self, Unavailable, Use};
use crate::scenarios;

/// What to do when python3 cannot be run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Python {
    /// A missing python3 is an error (CI).
    Required,
    /// A missing python3 is a warning.
    Optional,
    /// Do not run the twins at all.
    Skip,
}

impl Python {
    /// `Required` under `CI=true`, `Optional` elsewhere.
    pub fn from_env() -> Python {
        if std::env::var("CI").as_deref() == Ok("true") { Python::Required } else { Python::Optional }
    }
}

/// One lesson that passed.
#[derive(Clone, Debug)]
pub struct Passed {
    /// Its folder name.
    pub id: String,
    /// Its scenario.
    pub scenario: String,
    /// Its steps.
    pub steps: usize,
    /// Its checkpoints.
    pub checkpoints: usize,
}

/// The outcome of a check.
#[derive(Debug, Default)]
pub struct Report {
    /// Lessons found.
    pub total: usize,
    /// Lessons without errors.
    pub passed: Vec<Passed>,
    /// Errors and warnings.
    pub problems: Vec<Problem>,
}

impl Report {
    /// Errors (not warnings).
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| !p.warning).count()
    }
}

/// Checks every lesson in `lessons`.
pub fn check(lessons: &Lessons, python: Python) -> Report {
    let dir = lessons.path();
    let mut report = Report::default();
    let entries = match lessons.discover() {
        Ok(e) => e,
        Err(p) => {
            report.problems.push(p);
            return report;
        }
    };
    report.total = entries.len();
    if entries.is_empty() {
        report.problems.push(Problem::new(
            dir,
            None,
            "no lessons found",
            "add lesson folders `NN-name/lesson.toml`",
        ));
    }
    let mut twins: BTreeMap<&'static str, Shown> = BTreeMap::new();
    for entry in &entries {
        match load(entry) {
            Err(problems) => report.problems.extend(problems),
            Ok(loaded) => {
                let problems = check_loaded(&loaded);
                twins.entry(loaded.scenario.name).or_insert_with(|| Shown {
                    scenario: loaded.scenario,
                    output: loaded.recording.output.clone(),
                    warnings: loaded.recording.warnings.clone(),
                });
                if let Some((second, run)) = &loaded.then {
                    twins.entry(second.name).or_insert_with(|| Shown {
                        scenario: second,
                        output: run.output.clone(),
                        warnings: run.warnings.clone(),
                    });
                }
                if problems.is_empty() {
                    report.passed.push(Passed {
                        id: loaded.entry.id.clone(),
                        scenario: loaded.scenario.name.to_string(),
                        steps: loaded.lesson.steps.len(),
                        checkpoints: loaded.lesson.steps.iter().filter(|s| s.check.is_some()).count(),
                    });
                }
                report.problems.extend(problems);
            }
        }
    }
    if python != Python::Skip {
        report.problems.extend(check_twins(dir, &twins, python));
    }
    report
}

/// The checks that need the parsed lesson but not its trace.
fn check_loaded(l: &Loaded) -> Vec<Problem> {
    let mut problems = Vec::new();
    let file = &l.entry.file;
    for (n, text) in l.source.lines().enumerate() {
        if let Some(said) = line_number_in(text) {
            problems.push(Problem::new(
                file,
                Some(n + 1),
                format!(
                    "the text points at code by its number ({said:?}), which moves when the twin is edited"
                ),
                format!(
                    "name the code instead: the function, the call, or a quote of it (`corosim show {}`)",
                    l.scenario.name
                ),
            ));
        }
    }
    problems.extend(l.translation_problems.iter().cloned());
    for also in &l.lesson.also {
        if scenarios::find(also.get_ref()).is_none() {
            problems.push(Problem::new(
                file,
                Some(span_line(&l.source, also.span())),
                format!("`also` names no scenario `{}`", also.get_ref()),
                "name scenarios from `corosim list`",
            ));
        }
    }
    problems
}

/// `"line 26"` or `"Lines 3"`: a line number in a lesson's text, if there is one.
///
/// ```
/// use corosim::lessons::check::line_number_in;
/// assert_eq!(line_number_in("Read line 26: `on_price` checks"), Some("line 26"));
/// assert_eq!(line_number_in("the outline 2 ways"), None);
/// assert_eq!(line_number_in("prints a line"), None);
/// assert_eq!(line_number_in("看第 26 行的 `on_price`"), Some("第 26 行"));
/// assert_eq!(line_number_in("第一行"), None);
/// ```
pub fn line_number_in(text: &str) -> Option<&str> {
    // Chinese: 第 26 行, 第26行.
    for (at, _) in text.match_indices('第') {
        let rest = &text[at + '第'.len_utf8()..];
        let digits = rest.trim_start_matches(' ');
        let len = digits.chars().take_while(char::is_ascii_digit).count();
        if len > 0 && digits[len..].trim_start_matches(' ').starts_with('行') {
            let end = text.len() - digits[len..].trim_start_matches(' ').len() + '行'.len_utf8();
            return Some(&text[at..end]);
        }
    }
    let lower = text.to_ascii_lowercase();
    lower.match_indices("line").find_map(|(at, _)| {
        let before = lower[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let rest = &lower[at + 4..];
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        let digits = rest.strip_prefix(' ')?;
        let len = digits.chars().take_while(char::is_ascii_digit).count();
        (len > 0).then(|| &text[at..lower.len() - digits.len() + len])
    })
}

/// What corosim's run of a scenario showed: its output and its warnings.
struct Shown {
    /// The program (a built-in one or a lesson's own `.py`).
    scenario: &'static scenarios::Scenario,
    output: Vec<String>,
    warnings: Vec<String>,
}

/// Runs each scenario's Python twin and compares what it prints (and warns) with what
/// corosim prints (and warns).
fn check_twins(dir: &Path, twins: &BTreeMap<&'static str, Shown>, python: Python) -> Vec<Problem> {
    let mut problems = Vec::new();
    let tmp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(e) => {
            return vec![Problem::new(
                dir,
                None,
                format!("no temporary directory: {e}"),
                "free some disk space",
            )];
        }
    };
    // The twins run on CPython's own asyncio with a virtual clock, as corosim's loop runs,
    // so a loaded machine cannot reorder events due close together. A few at a time.
    const AT_ONCE: usize = 4;
    let mut finished: Vec<(&str, std::io::Result<std::process::Output>)> = Vec::new();
    let mut running: std::collections::VecDeque<(&str, Child)> = std::collections::VecDeque::new();
    for name in twins.keys() {
        let s = twins[name].scenario;
        let path = tmp.path().join(format!("{name}.py"));
        if let Err(e) = std::fs::write(&path, s.python) {
            problems.push(Problem::new(
                &path,
                None,
                format!("cannot write the twin: {e}"),
                "free some disk space",
            ));
            continue;
        }
        let mut command = match oracle::command(&path, Use::Compare) {
            Ok(command) => command,
            Err(e @ Unavailable::NotFound { .. }) => {
                let p = Problem::new(
                    dir,
                    None,
                    format!("{e}, so the Python twins were not compared"),
                    "install python3 (3.11, the version the twins are verified on)",
                );
                problems.push(if python == Python::Required { p } else { p.warning() });
                break;
            }
            Err(e) => {
                problems.push(Problem::new(
                    dir,
                    None,
                    format!("{e}, so the Python twins were not compared"),
                    e.fix(),
                ));
                break;
            }
        };
        if running.len() == AT_ONCE {
            let (n, child) = running.pop_front().expect("a twin is running");
            finished.push((n, child.wait_with_output()));
        }
        let spawned = command.current_dir(tmp.path()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
        match spawned {
            Ok(child) => running.push_back((name, child)),
            Err(e) => finished.push((name, Err(e))),
        }
    }
    finished.extend(running.into_iter().map(|(n, child)| (n, child.wait_with_output())));
    for (name, output) in finished {
        let twin = format!("src/scenarios/{name}.py");
        let out = match output {
            Ok(out) => out,
            Err(e) => {
                problems.push(Problem::new(
                    Path::new(&twin),
                    None,
                    format!("python3 failed: {e}"),
                    "run it by hand",
                ));
                continue;
            }
        };
        if !out.status.success() {
            problems.push(Problem::new(
                Path::new(&twin),
                None,
                format!("python3 {twin} failed:\n{}", String::from_utf8_lossy(&out.stderr).trim_end()),
                "make the twin run cleanly under python3",
            ));
            continue;
        }
        let shown = &twins[name];
        let got: String = shown.output.iter().map(|l| format!("{l}\n")).collect();
        let expected = String::from_utf8_lossy(&out.stdout);
        if let Some((n, ours, theirs)) = first_difference(&got, &expected) {
            problems.push(Problem::new(
                Path::new(&twin),
                None,
                format!(
                    "`corosim run {name}` and `python3 {twin}` differ at output line {n}: corosim prints {ours:?}, python3 prints {theirs:?}"
                ),
                format!("make src/scenarios/{name}.rs print what CPython prints (CPython is the oracle)"),
            ));
            continue;
        }
        // Warnings are part of what a program shows: the oracle's runner prints CPython's
        // as corosim prints its own, one line each.
        let got: String = shown.warnings.iter().map(|l| format!("{l}\n")).collect();
        let expected = String::from_utf8_lossy(&out.stderr);
        if let Some((n, ours, theirs)) = first_difference(&got, &expected) {
            problems.push(Problem::new(
                Path::new(&twin),
                None,
                format!(
                    "`corosim run {name}` and `python3 {twin}` differ at stderr line {n}: corosim warns {ours:?}, python3 warns {theirs:?}"
                ),
                format!("make src/scenarios/{name}.rs warn as CPython warns (CPython is the oracle)"),
            ));
        }
    }
    problems
}

/// The first line where `ours` and `theirs` differ: its number (1-based) and each side's
/// line (`<nothing>` past the end).
fn first_difference<'a>(ours: &'a str, theirs: &'a str) -> Option<(usize, &'a str, &'a str)> {
    if ours == theirs {
        return None;
    }
    let (mut a, mut b) = (ours.lines(), theirs.lines());
    for n in 1.. {
        match (a.next(), b.next()) {
            (None, None) => break,
            (x, y) if x != y => return Some((n, x.unwrap_or("<nothing>"), y.unwrap_or("<nothing>"))),
            _ => {}
        }
    }
    // The same lines, different endings (a missing final newline, a \r).
    Some((1, ours.lines().next().unwrap_or("<nothing>"), theirs.lines().next().unwrap_or("<nothing>")))
}
