//! The lesson file, `lessons/NN-name/lesson.toml`: a lesson as data, the way a teacher's
//! notes are data. What the learner reads is keyed by language (`title.en`); a translation
//! is a second file beside it, `lesson.zh-CN.toml`, holding only the texts in the same
//! shape (see [`Translation`]), so a translator never touches the lesson's mechanics.
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
/// as translation files (`lesson.zh-CN.toml`).
pub const LANGUAGES: &[&str] = &["en", "zh-CN"];

/// The languages every lesson must be translated into (`corosim lessons check`).
pub const TRANSLATIONS: &[&str] = &["zh-CN"];

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

    /// Is there a text in `lang` itself (no fallback)?
    pub fn has(&self, lang: &str) -> bool {
        self.0.contains_key(lang)
    }

    /// Adds (or replaces) the text in `lang`.
    pub fn set(&mut self, lang: &str, text: String) {
        self.0.insert(lang.to_string(), text);
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

    /// Is there a list in `lang` itself (no fallback)?
    pub fn has(&self, lang: &str) -> bool {
        self.0.contains_key(lang)
    }

    /// Adds (or replaces) the list in `lang`.
    pub fn set(&mut self, lang: &str, list: Vec<String>) {
        self.0.insert(lang.to_string(), list);
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
    /// A second program the lesson runs after the first (`then = "io_models_real"`): its
    /// trace follows the first one's, so later steps walk through it (their `line` quotes
    /// the first program's twin; leave it out there).
    #[serde(default)]
    pub then: Option<Spanned<String>>,
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
    /// The question's kind, as the learner sees it in `lang` (English when untranslated).
    pub fn label_in(self, lang: &str) -> &'static str {
        crate::i18n::tr(lang, self.label())
    }

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
    /// Gives the choice a label in `lang` (a plain choice becomes labelled).
    fn set_label(&mut self, lang: &str, text: String) {
        match self {
            Choice::Plain(v) => {
                let mut label = Text(BTreeMap::from([(DEFAULT_LANGUAGE.to_string(), v.clone())]));
                label.set(lang, text);
                *self = Choice::Labelled { value: v.clone(), label };
            }
            Choice::Labelled { label, .. } => label.set(lang, text),
        }
    }

    /// Does a learner reading `lang` need a translated label? (A plain choice is a value
    /// from the trace, shown as it is.)
    fn needs_label(&self, lang: &str) -> bool {
        matches!(self, Choice::Labelled { label, .. } if !label.has(lang))
    }

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
        if ["scenario", "then", "also", "title", "learn", "summary", "step"].contains(&field.as_str()) {
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

/// A translation file, `lesson.zh-CN.toml` beside `lesson.toml`: the lesson's texts in one
/// more language, in the English file's shape — the same `[[step]]`s, a `[step.check]`
/// where the English has one, as many hints and points — and nothing else. Where the
/// learner looks (the line in focus, the events, the answers) stays the English file's
/// alone, so a translation cannot change what a lesson proves.
///
/// ```
/// use corosim::lessons::format::{Translation, parse, translate};
/// let en = r#"
/// scenario = "averager"
/// title.en = "Generators"
/// learn.en = ["one"]
/// summary.en = ["two"]
/// [[step]]
/// say.en = "Hello"
/// "#;
/// let zh = "title = \"生成器\"\nlearn = [\"一\"]\nsummary = [\"二\"]\n[[step]]\nsay = \"你好\"\n";
/// let path = std::path::Path::new("lesson.toml");
/// let mut lesson = parse(path, en).unwrap();
/// assert!(translate(&mut lesson, "zh-CN", path, zh).is_empty());
/// assert_eq!(lesson.steps[0].say.get("zh-CN"), "你好");
/// ```
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The lesson's title.
    pub title: String,
    /// What you will learn: one point per English point.
    pub learn: Spanned<Vec<String>>,
    /// The summary: one point per English point.
    pub summary: Spanned<Vec<String>>,
    /// The steps, one per English step.
    #[serde(rename = "step", default)]
    pub steps: Vec<TranslatedStep>,
}

/// One step's texts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslatedStep {
    /// The narration.
    pub say: Spanned<String>,
    /// The checkpoint's texts, where the English step has a checkpoint.
    pub check: Option<TranslatedCheck>,
}

/// One checkpoint's texts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslatedCheck {
    /// The question.
    pub question: Spanned<String>,
    /// The choices' labels, one per English choice; required where the English labels
    /// its choices. A plain English choice (a value from the trace) may be given as it is.
    pub choices: Option<Spanned<Vec<String>>>,
    /// The hints, one per English hint.
    pub hints: Spanned<Vec<String>>,
    /// The explanation.
    pub explain: String,
}

/// The translation file of `lesson_file` in `lang`: `lesson.zh-CN.toml` beside it.
pub fn translation_path(lesson_file: &Path, lang: &str) -> PathBuf {
    lesson_file.with_file_name(format!("lesson.{lang}.toml"))
}

/// Adds the texts of `source`, the translation file `file` in `lang`, to `lesson`. Every
/// way the translation's shape differs from the English is a problem naming its line; the
/// texts that do fit are added all the same (a learner then reads English only where the
/// translation is at fault).
pub fn translate(lesson: &mut Lesson, lang: &str, file: &Path, source: &str) -> Vec<Problem> {
    let t: Translation = match toml::from_str(source) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| span_line(source, s));
            let message = e.message().trim().to_string();
            let fix = if message.starts_with("missing field") || message.starts_with("unknown field") {
                "a translation holds the English lesson's texts under the same names, without the \
                 language key (`say = \"...\"`, not `say.en`), and nothing else (see lessons/README.md)"
                    .to_string()
            } else {
                fix_for(&message)
            };
            return vec![Problem::new(file, line, message, fix)];
        }
    };
    let mut problems = Vec::new();
    let at = |span: Range<usize>| Some(span_line(source, span));
    let shape = "give the translation the English lesson's shape: one `[[step]]` per English step, a \
                 `[step.check]` where the English has one, as many points, hints and choices";
    lesson.title.set(lang, t.title);
    for (what, mine, theirs) in
        [("learn", &mut lesson.learn, t.learn), ("summary", &mut lesson.summary, t.summary)]
    {
        let english = mine.get(DEFAULT_LANGUAGE).len();
        if theirs.get_ref().len() == english {
            mine.set(lang, theirs.into_inner());
        } else {
            problems.push(Problem::new(
                file,
                at(theirs.span()),
                format!("`{what}` has {} points, the English has {english}", theirs.get_ref().len()),
                shape,
            ));
        }
    }
    if t.steps.len() != lesson.steps.len() {
        let line =
            t.steps.get(lesson.steps.len()).or(t.steps.last()).map(|s| span_line(source, s.say.span()));
        problems.push(Problem::new(
            file,
            line,
            format!(
                "the translation has {} steps, the English lesson has {}",
                t.steps.len(),
                lesson.steps.len()
            ),
            shape,
        ));
    }
    for (n, (step, theirs)) in lesson.steps.iter_mut().zip(t.steps).enumerate() {
        let say_line = at(theirs.say.span());
        step.say.set(lang, theirs.say.into_inner());
        let (mine, theirs) = match (&mut step.check, theirs.check) {
            (Some(mine), Some(theirs)) => (mine, theirs),
            (None, None) => continue,
            (Some(_), None) => {
                problems.push(Problem::new(
                    file,
                    say_line,
                    format!("step {} has a checkpoint in English but none here", n + 1),
                    "translate it in a `[step.check]` table after this step's `say`",
                ));
                continue;
            }
            (None, Some(theirs)) => {
                problems.push(Problem::new(
                    file,
                    at(theirs.question.span()),
                    format!("step {} has no checkpoint in English, but one here", n + 1),
                    "remove this `[step.check]`, or check that the steps are in the English order",
                ));
                continue;
            }
        };
        let question_line = at(theirs.question.span());
        mine.question.set(lang, theirs.question.into_inner());
        mine.explain.set(lang, theirs.explain);
        let english = mine.hints.get(DEFAULT_LANGUAGE).len();
        if theirs.hints.get_ref().len() == english {
            mine.hints.set(lang, theirs.hints.into_inner());
        } else {
            problems.push(Problem::new(
                file,
                at(theirs.hints.span()),
                format!(
                    "step {} has {} hints here, {english} in English",
                    n + 1,
                    theirs.hints.get_ref().len()
                ),
                shape,
            ));
        }
        let choices = mine.choices.as_mut().map(|c| c.get_mut());
        match (choices, theirs.choices) {
            (Some(choices), Some(labels)) if labels.get_ref().len() == choices.len() => {
                for (choice, label) in choices.iter_mut().zip(labels.into_inner()) {
                    if label != choice.value() || matches!(choice, Choice::Labelled { .. }) {
                        choice.set_label(lang, label);
                    }
                }
            }
            (Some(choices), Some(labels)) => problems.push(Problem::new(
                file,
                at(labels.span()),
                format!(
                    "step {} has {} choices here, {} in English",
                    n + 1,
                    labels.get_ref().len(),
                    choices.len()
                ),
                shape,
            )),
            (None, Some(labels)) => problems.push(Problem::new(
                file,
                at(labels.span()),
                format!(
                    "step {}'s checkpoint has no choices in English (the learner types the answer)",
                    n + 1
                ),
                "remove `choices` here",
            )),
            (Some(choices), None) if choices.iter().any(|c| c.needs_label(lang)) => {
                problems.push(Problem::new(
                    file,
                    question_line,
                    format!("step {}'s choices are labelled in English but not translated", n + 1),
                    "add `choices = [...]`, one label per English choice, in the English order",
                ));
            }
            _ => {}
        }
    }
    problems.extend(copies(lesson, lang, file, source));
    problems
}

/// Texts of the translation that are the English text itself: copied in, not translated.
fn copies(lesson: &Lesson, lang: &str, file: &Path, source: &str) -> Vec<Problem> {
    let mut pairs: Vec<(&str, &str)> = vec![(lesson.title.get(DEFAULT_LANGUAGE), lesson.title.get(lang))];
    let mut lists = vec![&lesson.learn, &lesson.summary];
    for step in &lesson.steps {
        pairs.push((step.say.get(DEFAULT_LANGUAGE), step.say.get(lang)));
        if let Some(c) = &step.check {
            pairs.push((c.question.get(DEFAULT_LANGUAGE), c.question.get(lang)));
            pairs.push((c.explain.get(DEFAULT_LANGUAGE), c.explain.get(lang)));
            lists.push(&c.hints);
        }
    }
    for list in lists {
        if list.has(lang) {
            pairs.extend(
                list.get(DEFAULT_LANGUAGE)
                    .iter()
                    .map(String::as_str)
                    .zip(list.get(lang).iter().map(String::as_str)),
            );
        }
    }
    pairs
        .into_iter()
        .filter(|(en, other)| en.trim() == other.trim() && en.chars().any(|c| c.is_ascii_alphabetic()))
        .map(|(en, _)| {
            let first = en.trim().lines().next().unwrap_or("");
            // The line where the text opens (`say = """`), as for every other problem.
            let line = source.find(first).map(|at| {
                let opening = source[..at].trim_end_matches(['\n', ' ']).ends_with("\"\"\"");
                line_of(source, if opening { source[..at].trim_end().len() } else { at })
            });
            let shown: String = first.chars().take(60).collect();
            Problem::new(
                file,
                line,
                format!("this text is the English one, not translated: {shown:?}"),
                format!("translate it into {lang}; code, names and Python output inside it stay as they are"),
            )
        })
        .collect()
}

/// How many of `lesson`'s texts have no version in `lang` (and fall back to English).
pub fn untranslated(lesson: &Lesson, lang: &str) -> usize {
    let mut n = [lesson.title.has(lang), lesson.learn.has(lang), lesson.summary.has(lang)]
        .iter()
        .filter(|has| !**has)
        .count();
    for step in &lesson.steps {
        n += usize::from(!step.say.has(lang));
        if let Some(c) = &step.check {
            n += [c.question.has(lang), c.hints.has(lang), c.explain.has(lang)]
                .iter()
                .filter(|h| !**h)
                .count();
            let choices = c.choices.as_ref().map_or(&[][..], |ch| ch.get_ref().as_slice());
            n += choices.iter().filter(|ch| ch.needs_label(lang)).count();
        }
    }
    n
}
