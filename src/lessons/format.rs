//! The lesson file, `lessons/NN-name/lesson.toml`: a lesson as data, the way a teacher's
//! notes are data. What the learner reads is keyed by language (`title.en`, later
//! `title.zh`), so a translation is added beside the English without moving anything.
//!
//! Parsing never panics: a malformed file becomes a [`Problem`] that names the file, the
//! line and the fix. `lessons/README.md` documents the format.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

/// The languages a lesson may be written in. English is required; the others are added
/// as translations (`title.zh = "..."`).
pub const LANGUAGES: &[&str] = &["en", "zh"];

/// The language every lesson must have, and the fallback for missing translations.
pub const DEFAULT_LANGUAGE: &str = "en";

/// One piece of text in several languages: `say.en = "..."`.
#[derive(Clone, Debug, Default)]
pub struct Text(BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, or in English when it has no translation yet.
    pub fn get(&self, lang: &str) -> &str {
        self.0.get(lang).or_else(|| self.0.get(DEFAULT_LANGUAGE)).map_or("", String::as_str)
    }
}

/// A list of texts in several languages: `hints.en = ["...", "..."]`.
#[derive(Clone, Debug, Default)]
pub struct TextList(BTreeMap<String, Vec<String>>);

impl TextList {
    /// The list in `lang`, or in English when it has no translation yet.
    pub fn get(&self, lang: &str) -> &[String] {
        self.0.get(lang).or_else(|| self.0.get(DEFAULT_LANGUAGE)).map_or(&[], Vec::as_slice)
    }
}

/// Reads a table keyed by language, refusing unknown languages and a missing English.
fn by_language<'de, D, T>(deserializer: D, what: &'static str) -> Result<BTreeMap<String, T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ByLanguage<T>(&'static str, std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for ByLanguage<T> {
        type Value = BTreeMap<String, T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "{} keyed by language, like `en = ...`", self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(lang) = map.next_key::<String>()? {
                if !LANGUAGES.contains(&lang.as_str()) {
                    return Err(de::Error::custom(format!(
                        "unknown language `{lang}`; the languages are {}",
                        LANGUAGES.join(", ")
                    )));
                }
                out.insert(lang, map.next_value()?);
            }
            if !out.contains_key(DEFAULT_LANGUAGE) {
                return Err(de::Error::custom(format!("{} has no English text: add `en = ...`", self.0)));
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(ByLanguage(what, std::marker::PhantomData))
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        by_language(d, "a text").map(Text)
    }
}

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let lists: BTreeMap<String, Vec<String>> = by_language(d, "a list of texts")?;
        if lists.values().any(Vec::is_empty) {
            return Err(de::Error::custom("a list of texts is empty: give at least one"));
        }
        Ok(TextList(lists))
    }
}

/// A whole lesson file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The scenario whose real trace the lesson walks through (`corosim list`).
    pub scenario: Spanned<String>,
    /// Further scenarios to explore after the lesson.
    #[serde(default)]
    pub also: Vec<Spanned<String>>,
    /// The lesson's title.
    pub title: Text,
    /// What you will learn: a few bullet points.
    pub learn: TextList,
    /// The steps, in order (`[[step]]` tables).
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
    /// The summary: the points to remember.
    pub summary: TextList,
}

/// One step: narration, the events it reveals, the Python line in focus, a checkpoint.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The narration.
    pub say: Text,
    /// The line of the Python twin in focus, named by a piece of its text that no other
    /// line has (`line = "reading = yield average"`), never by its number: a number would
    /// point elsewhere as soon as the twin is edited.
    pub line: Option<Spanned<String>>,
    /// Advance the trace until the next event matching this; without it, the step shows
    /// no new events.
    pub until: Option<Spanned<Matcher>>,
    /// Show only these event kinds (the cursor still moves over all of them).
    pub show: Option<Spanned<Vec<String>>>,
    /// A question asked after the step's events, before the next step reveals the answer.
    pub check: Option<Checkpoint>,
}

/// `until = { kind = "output", text = "primed: None" }`: the next event of `kind` whose
/// fields have these values (`contains` matches a piece of the event's trace line).
#[derive(Clone, Debug, Deserialize)]
pub struct Matcher {
    /// The event kind, as `corosim trace --format jsonl` names it (`yield`, `task_step`,
    /// ...), or `end` for the end of the trace.
    pub kind: String,
    /// Match the `times`-th such event (default: the first).
    #[serde(default = "one")]
    pub times: usize,
    /// Field values the event must have.
    #[serde(flatten)]
    pub fields: BTreeMap<String, toml::Value>,
}

fn one() -> usize {
    1
}

/// A question that makes the learner predict what the scenario does next.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// What is asked: see [`CheckKind`].
    pub kind: Spanned<CheckKind>,
    /// The question.
    pub question: Text,
    /// The generator the question is about (`state_now`; optional for `raises_next`).
    pub generator: Option<Spanned<String>>,
    /// Multiple choice: the options. Without them the learner types the answer.
    pub choices: Option<Spanned<Vec<Choice>>>,
    /// The right answer; `corosim lessons check` proves it against the real trace.
    pub answer: Spanned<String>,
    /// Other spellings accepted for a typed answer.
    #[serde(default)]
    pub accept: Vec<String>,
    /// Hints, one per wrong answer.
    pub hints: TextList,
    /// Shown after the reveal: why this is the answer.
    pub explain: Text,
}

/// The four kinds of question, each answered by the trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// "What prints next?" — the next `output` event's text.
    PrintsNext,
    /// "Which task runs next?" — the next `task_step` event's task.
    RunsNext,
    /// "What state is the generator in now?" — from its last `state` event.
    StateNow,
    /// "What exception arrives here?" — the next exception raised or thrown in.
    RaisesNext,
}

impl CheckKind {
    /// The question's kind, as the learner sees it.
    pub fn label(self) -> &'static str {
        match self {
            CheckKind::PrintsNext => "what prints next?",
            CheckKind::RunsNext => "which task runs next?",
            CheckKind::StateNow => "what state is the generator in now?",
            CheckKind::RaisesNext => "what exception arrives here?",
        }
    }
}

/// A multiple-choice option: a plain value, or a value with a label to show.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Choice {
    /// `"Task-2"`: shown as it is.
    Plain(String),
    /// `{ value = "Task-2", label.en = "the spinner (Task-2)" }`.
    Labelled {
        /// What the trace shows.
        value: String,
        /// What the learner reads.
        label: Text,
    },
}

impl Choice {
    /// The value compared with the trace.
    pub fn value(&self) -> &str {
        match self {
            Choice::Plain(v) | Choice::Labelled { value: v, .. } => v,
        }
    }

    /// What the learner reads.
    pub fn label<'a>(&'a self, lang: &str) -> &'a str {
        match self {
            Choice::Plain(v) => v,
            Choice::Labelled { label, .. } => label.get(lang),
        }
    }
}

/// Something wrong with a lesson: where, what, and how to fix it.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The file at fault.
    pub file: PathBuf,
    /// The 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// A warning does not fail the check.
    pub warning: bool,
}

impl Problem {
    /// An error at `line` of `file`.
    pub fn new(
        file: &Path,
        line: Option<usize>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Problem {
        Problem { file: file.to_path_buf(), line, message: message.into(), fix: fix.into(), warning: false }
    }

    /// The same problem, as a warning.
    pub fn warning(mut self) -> Problem {
        self.warning = true;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        let level = if self.warning { "warning" } else { "error" };
        write!(f, ": {level}: {}\n  fix: {}", self.message, self.fix)
    }
}

impl std::error::Error for Problem {}

/// The 1-based line of byte `offset` in `source`.
pub fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The line where a spanned value starts.
pub fn span_line(source: &str, span: Range<usize>) -> usize {
    line_of(source, span.start)
}

/// Parses a lesson file; a syntax or schema error names the line and the fix.
pub fn parse(file: &Path, source: &str) -> Result<Lesson, Problem> {
    let lesson: Lesson = toml::from_str(source).map_err(|e| {
        let line = e.span().map(|s| span_line(source, s));
        let message = e.message().trim().to_string();
        let key = line.and_then(|l| source.lines().nth(l - 1)).map_or("", str::trim_start);
        let fix = if key.starts_with("line") && message.starts_with("invalid type: integer") {
            "name the line by a piece of its text, `line = \"reading = yield average\"`, not by its number: \
             a number points elsewhere as soon as the twin is edited"
                .into()
        } else {
            fix_for(&message)
        };
        Problem::new(file, line, message, fix)
    })?;
    if lesson.steps.is_empty() {
        return Err(Problem::new(file, None, "the lesson has no steps", "add at least one `[[step]]` table"));
    }
    Ok(lesson)
}

/// A fix for toml's and serde's messages, from their wording.
fn fix_for(message: &str) -> String {
    let quoted = |m: &str| m.split('`').nth(1).unwrap_or("").to_string();
    if message.starts_with("missing field") {
        format!("add `{} = ...` to this table (see lessons/README.md)", quoted(message))
    } else if message.starts_with("unknown field") {
        let expected = message.split_once("expected").map_or("", |(_, e)| e.trim());
        let field = quoted(message);
        if ["scenario", "also", "title", "learn", "summary", "step"].contains(&field.as_str()) {
            format!("`{field}` belongs to the lesson, not to this table: move it above the first `[[step]]`")
        } else {
            format!("remove `{field}` or correct its spelling; this table accepts {expected}")
        }
    } else if message.starts_with("unknown variant") {
        let expected = message.split_once("expected").map_or("", |(_, e)| e.trim());
        format!("use one of {expected}")
    } else if message.starts_with("unknown language") {
        "translate into one of the known languages, or add the language to LANGUAGES in src/lessons/format.rs"
            .into()
    } else if message.contains("no English text") {
        "every text needs `en`; add it beside the other languages".into()
    } else if message.starts_with("invalid type") {
        "give the value the type the message expects (see lessons/README.md)".into()
    } else if message.contains("did not match any variant") {
        "a choice is a string, or a table `{ value = \"...\", label.en = \"...\" }`".into()
    } else if message.contains("duplicate key") {
        "remove the second definition; to add another step, start a new `[[step]]` table".into()
    } else {
        "fix the TOML syntax at this line (strings in quotes, tables in [brackets])".into()
    }
}
