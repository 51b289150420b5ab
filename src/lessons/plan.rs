//! A lesson laid over its scenario's real trace and its Python twin: where each step's
//! events start and end, which line of the twin it shows, and what each checkpoint's true
//! answer is. `corosim lessons check` proves a lesson with it, and a lesson run shows what
//! it says, so the two can never disagree.

use std::ops::Range;
use std::path::Path;

use crate::scenarios::Scenario;
use crate::trace::Event;

use super::format::{CheckKind, Checkpoint, Lesson, Problem, span_line};
use super::matcher::{self, KINDS};

/// What the trace says a checkpoint's answer is.
#[derive(Clone, Debug, PartialEq)]
pub struct Truth {
    /// The answer: a printed line, a task name, a state, an exception repr.
    pub value: String,
    /// The event that shows it (for a "now" question, the last one before the question).
    pub event: Option<usize>,
}

/// One step over the trace.
#[derive(Clone, Debug, Default)]
pub struct StepPlan {
    /// The events this step reveals: from where the last step stopped to its `until` match.
    pub events: Range<usize>,
    /// The twin's line in focus (1-based), found by the text the step quotes.
    pub line: Option<usize>,
    /// The checkpoint's true answer, if the step has a checkpoint.
    pub truth: Option<Truth>,
}

/// Every step of a lesson over one trace.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// One entry per step, in order.
    pub steps: Vec<StepPlan>,
}

/// Lays `lesson` over `events`, the trace of its scenario, and over the scenario's Python
/// twin. Every problem found is returned, each naming its line in `source`.
pub fn plan(
    file: &Path,
    source: &str,
    lesson: &Lesson,
    events: &[Event],
    twin: &Scenario,
) -> Result<Plan, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut steps = Vec::new();
    let mut cursor = 0;
    let scenario = lesson.scenario.get_ref();
    for (n, step) in lesson.steps.iter().enumerate() {
        let start = cursor;
        let line = step.line.as_ref().and_then(|quote| match focus(quote.get_ref(), twin) {
            Ok(line) => Some(line),
            Err((message, fix)) => {
                let at = Some(span_line(source, quote.span()));
                problems.push(Problem::new(file, at, format!("step {}: {message}", n + 1), fix));
                None
            }
        });
        if let Some(until) = &step.until {
            let line = Some(span_line(source, until.span()));
            let m = until.get_ref();
            match matcher::validate(m) {
                Err((message, fix)) => problems.push(Problem::new(file, line, message, fix)),
                Ok(()) => match matcher::find(m, events, cursor) {
                    Some(i) => cursor = (i + 1).min(events.len()),
                    None => {
                        let earlier = matcher::find(m, events, 0).is_some();
                        let why = if earlier {
                            "it occurs only before this point (steps walk the trace forwards)"
                        } else {
                            "it never occurs"
                        };
                        problems.push(Problem::new(
                            file,
                            line,
                            format!(
                                "step {}: no event matches {} after event {cursor} of {scenario}'s trace: {why}",
                                n + 1,
                                matcher::describe(m)
                            ),
                            format!(
                                "compare the matcher with `corosim trace {scenario} --format jsonl`{}",
                                nearest(m, events, cursor)
                            ),
                        ));
                    }
                },
            }
        }
        if let Some(show) = &step.show {
            for kind in show.get_ref() {
                if !KINDS.iter().any(|(k, _)| k == kind) {
                    let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
                    problems.push(Problem::new(
                        file,
                        Some(span_line(source, show.span())),
                        format!("`show` names an unknown event kind `{kind}`"),
                        format!("use event kinds: {}", kinds.join(", ")),
                    ));
                }
            }
        }
        let truth = step.check.as_ref().and_then(|c| match evaluate(c, events, cursor) {
            Ok(t) => {
                problems.extend(check_answer(file, source, c, &t));
                Some(t)
            }
            Err((message, fix)) => {
                problems.push(Problem::new(file, Some(span_line(source, c.kind.span())), message, fix));
                None
            }
        });
        steps.push(StepPlan { events: start..cursor, line, truth });
    }
    if problems.is_empty() { Ok(Plan { steps }) } else { Err(problems) }
}

/// The line of `twin`'s Python source that contains `quote`: exactly one must (1-based).
///
/// ```
/// let twin = corosim::scenarios::find("averager").unwrap();
/// let line = corosim::lessons::plan::focus("reading = yield average", twin).unwrap();
/// assert!(twin.python.lines().nth(line - 1).unwrap().contains("yield average"));
/// assert!(corosim::lessons::plan::focus("print(", twin).is_err()); // on several lines
/// ```
pub fn focus(quote: &str, twin: &Scenario) -> Result<usize, (String, String)> {
    let name = twin.name;
    if quote.trim().is_empty() {
        return Err((
            "`line` quotes nothing".into(),
            format!("quote a piece of the line in focus, as `corosim show {name}` prints it"),
        ));
    }
    let hits: Vec<usize> =
        twin.python.lines().enumerate().filter(|(_, l)| l.contains(quote)).map(|(i, _)| i + 1).collect();
    match hits[..] {
        [line] => Ok(line),
        [] => Err((
            format!("no line of src/scenarios/{name}.py contains `{quote}`"),
            format!("quote a piece of the line in focus, as `corosim show {name}` prints it"),
        )),
        _ => {
            let lines: Vec<String> = hits.iter().map(usize::to_string).collect();
            Err((
                format!(
                    "`{quote}` is on {} lines of src/scenarios/{name}.py (lines {})",
                    hits.len(),
                    lines.join(", ")
                ),
                "quote more of the line you mean, enough that no other line has it".into(),
            ))
        }
    }
}

/// "The next `yield` events are: ..." — what the author may have meant.
fn nearest(m: &super::format::Matcher, events: &[Event], from: usize) -> String {
    let same_kind: Vec<String> = events[from.min(events.len())..]
        .iter()
        .filter(|e| matcher::kind(e) == m.kind)
        .take(3)
        .map(|e| format!("`{e}`"))
        .collect();
    if same_kind.is_empty() {
        format!("; no `{}` event follows this point", m.kind)
    } else {
        format!("; the next `{}` events are {}", m.kind, same_kind.join(", "))
    }
}

/// The true answer of checkpoint `c` asked with the trace revealed up to `cursor`.
pub fn evaluate(c: &Checkpoint, events: &[Event], cursor: usize) -> Result<Truth, (String, String)> {
    let after = || events.iter().enumerate().skip(cursor);
    let generator = c.generator.as_ref().map(|g| g.get_ref().as_str());
    let found = match *c.kind.get_ref() {
        CheckKind::PrintsNext => after().find_map(|(i, e)| match e {
            Event::Output { text } => Some(Truth { value: text.clone(), event: Some(i) }),
            _ => None,
        }),
        CheckKind::RunsNext => after().find_map(|(i, e)| match e {
            Event::TaskStep { task, .. } => Some(Truth { value: task.clone(), event: Some(i) }),
            _ => None,
        }),
        CheckKind::StateNow => {
            let Some(g) = generator else {
                return Err((
                    "a `state_now` checkpoint needs the generator it asks about".into(),
                    "add `generator = \"name\"` (the name in the trace) to the checkpoint".into(),
                ));
            };
            if !events.iter().any(|e| matcher::field(e, "name") == Some(matcher::Field::Text(g.into()))) {
                return Err((
                    format!("no generator named `{g}` appears in the trace"),
                    "use a generator name as `corosim trace` prints it".into(),
                ));
            }
            let last =
                events[..cursor.min(events.len())].iter().enumerate().rev().find_map(|(i, e)| match e {
                    Event::State { name, to, .. } if name == g => {
                        Some(Truth { value: to.name().into(), event: Some(i) })
                    }
                    _ => None,
                });
            Some(last.unwrap_or(Truth { value: "CREATED".into(), event: None }))
        }
        CheckKind::RaisesNext => after().find_map(|(i, e)| {
            let value = match e {
                Event::Raise { name, exception, .. } if generator.is_none_or(|g| g == name) => exception,
                Event::Resume { name, with: crate::trace::Resumed::Throw(exc), .. }
                    if generator.is_none_or(|g| g == name) =>
                {
                    exc
                }
                Event::TaskStep { with: crate::trace::Resumed::Throw(exc), .. } if generator.is_none() => exc,
                _ => return None,
            };
            Some(Truth { value: value.clone(), event: Some(i) })
        }),
    };
    found.ok_or_else(|| {
        let what = match *c.kind.get_ref() {
            CheckKind::PrintsNext => "nothing is printed",
            CheckKind::RunsNext => "no task runs",
            CheckKind::RaisesNext => "no exception is raised or thrown",
            CheckKind::StateNow => unreachable!("state_now always finds a state"),
        };
        (
            format!("{what} after this point of the trace, so the checkpoint has no answer"),
            "move the checkpoint to an earlier step, or ask another kind of question".into(),
        )
    })
}

/// `CancelledError` from `CancelledError()`, `ValueError` from `ValueError('x')`.
fn class_of(repr: &str) -> &str {
    repr.split('(').next().unwrap_or(repr)
}

/// `SUSPENDED` from `GEN_SUSPENDED`, `coro_suspended` or ` suspended `.
fn state_name(s: &str) -> String {
    let s = s.trim().to_ascii_uppercase();
    s.strip_prefix("GEN_").or_else(|| s.strip_prefix("CORO_")).unwrap_or(&s).to_string()
}

/// Does `given` say what the trace says? Lenient where Python is: a state with or without
/// `GEN_`, an exception by its class name or its repr, a task name in any case.
pub fn answer_matches(kind: CheckKind, truth: &str, given: &str) -> bool {
    let given = given.trim();
    match kind {
        CheckKind::PrintsNext => given == truth.trim(),
        CheckKind::RunsNext => given.eq_ignore_ascii_case(truth),
        CheckKind::StateNow => state_name(given) == state_name(truth),
        CheckKind::RaisesNext => given == truth || given.eq_ignore_ascii_case(class_of(truth)),
    }
}

/// Problems with a checkpoint's declared answer and choices, against the truth.
fn check_answer(file: &Path, source: &str, c: &Checkpoint, truth: &Truth) -> Vec<Problem> {
    let mut problems = Vec::new();
    let kind = *c.kind.get_ref();
    let answer = c.answer.get_ref();
    let answer_line = Some(span_line(source, c.answer.span()));
    if !answer_matches(kind, &truth.value, answer) {
        problems.push(Problem::new(
            file,
            answer_line,
            format!("the answer says {answer:?}, but the scenario really gives {:?} here", truth.value),
            format!("set `answer = {:?}` (and fix the choices), or move the checkpoint", truth.value),
        ));
    }
    if let Some(choices) = &c.choices {
        let line = Some(span_line(source, choices.span()));
        let values: Vec<&str> = choices.get_ref().iter().map(|ch| ch.value()).collect();
        if values.len() < 2 {
            problems.push(Problem::new(
                file,
                line,
                "a multiple-choice question needs at least two choices",
                "add choices, or remove `choices` to ask for typed text",
            ));
        }
        if !values.contains(&answer.as_str()) {
            problems.push(Problem::new(
                file,
                answer_line,
                format!("the answer {answer:?} is not one of the choices {values:?}"),
                "make the answer exactly one of the choices' values",
            ));
        }
        let right: Vec<&str> =
            values.iter().copied().filter(|v| answer_matches(kind, &truth.value, v)).collect();
        if right.len() > 1 {
            problems.push(Problem::new(
                file,
                line,
                format!("several choices are right: {right:?}"),
                "keep one right choice; make the others plausible but wrong",
            ));
        }
        for (i, v) in values.iter().enumerate() {
            if values[..i].contains(v) {
                problems.push(Problem::new(
                    file,
                    line,
                    format!("the choice {v:?} appears twice"),
                    "remove the copy",
                ));
            }
        }
    }
    problems
}
