//! A lesson in progress: a state machine fed "continue" and answers, with no I/O of its
//! own — like a generator driven by `send()`. The terminal flow (and, later, the trace
//! player's screen) ask it what to show and hand it what the learner typed.

use super::format::{Checkpoint, Choice, Lesson, Step};
use super::plan::{Plan, answer_matches};
use crate::trace::Event;

/// Wrong answers allowed before the answer is revealed.
pub const MAX_ATTEMPTS: usize = 3;

/// Where a lesson run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The title and what you will learn.
    Intro,
    /// Step `n` (0-based) is shown: narration, focus line, its events.
    Step(usize),
    /// Step `n`'s checkpoint waits for an answer.
    Question(usize),
    /// Step `n`'s checkpoint has been answered or revealed; the explanation is shown.
    Answered(usize),
    /// The summary.
    Summary,
    /// Nothing left.
    Done,
}

/// How a checkpoint ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Answered right, on attempt `n` (1-based).
    Right(usize),
    /// Revealed after too many wrong answers.
    Revealed,
}

/// The verdict on one answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Grade {
    /// Right: the trace agrees.
    Right,
    /// Wrong; here is a hint and the attempts left.
    Wrong {
        /// A hint for the next attempt.
        hint: String,
        /// Attempts left before the reveal.
        left: usize,
    },
    /// Wrong too often: the answer is revealed.
    Revealed,
}

/// What a step shows.
#[derive(Clone, Debug)]
pub struct StepView<'a> {
    /// 0-based step number.
    pub index: usize,
    /// How many steps the lesson has.
    pub total: usize,
    /// The narration.
    pub say: &'a str,
    /// The Python line in focus.
    pub line: Option<usize>,
    /// The events revealed, by index into the trace, after the step's `show` filter.
    pub events: Vec<usize>,
    /// Events revealed but filtered out by `show`.
    pub hidden: usize,
}

/// What a checkpoint asks.
#[derive(Clone, Debug)]
pub struct QuestionView<'a> {
    /// 0-based checkpoint number, counted over the lesson.
    pub number: usize,
    /// How many checkpoints the lesson has.
    pub total: usize,
    /// "what prints next?", ...
    pub kind: &'static str,
    /// The question.
    pub question: &'a str,
    /// The options' labels, for multiple choice.
    pub choices: Vec<&'a str>,
}

/// One lesson being learned.
pub struct LessonRun<'a> {
    lesson: &'a Lesson,
    plan: &'a Plan,
    events: &'a [Event],
    lang: String,
    phase: Phase,
    attempts: usize,
    outcomes: Vec<Option<Outcome>>,
    last_input: String,
}

impl<'a> LessonRun<'a> {
    /// A run from the start. `plan` must be the lesson's plan over `events`.
    pub fn new(lesson: &'a Lesson, plan: &'a Plan, events: &'a [Event], lang: &str) -> Self {
        LessonRun {
            lesson,
            plan,
            events,
            lang: lang.to_string(),
            phase: Phase::Intro,
            attempts: 0,
            outcomes: vec![None; lesson.steps.len()],
            last_input: String::new(),
        }
    }

    /// Jumps to step `n` (resuming), counting earlier checkpoints as answered right.
    pub fn resume_at(&mut self, n: usize) {
        let n = n.min(self.lesson.steps.len().saturating_sub(1));
        for (i, step) in self.lesson.steps.iter().enumerate().take(n) {
            if step.check.is_some() && self.outcomes[i].is_none() {
                self.outcomes[i] = Some(Outcome::Right(1));
            }
        }
        self.phase = Phase::Step(n);
        self.attempts = 0;
    }

    /// Where the run is.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The language the lesson is taught in (`en`, `zh-CN`).
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The lesson's title.
    pub fn title(&self) -> &'a str {
        self.lesson.title.get(&self.lang)
    }

    /// What you will learn.
    pub fn learn(&self) -> &'a [String] {
        self.lesson.learn.get(&self.lang)
    }

    /// The summary's points.
    pub fn summary(&self) -> &'a [String] {
        self.lesson.summary.get(&self.lang)
    }

    /// The trace the lesson walks.
    pub fn events(&self) -> &'a [Event] {
        self.events
    }

    /// The step the learner would resume at: the current one.
    pub fn resume_point(&self) -> usize {
        match self.phase {
            Phase::Intro => 0,
            Phase::Step(n) | Phase::Question(n) | Phase::Answered(n) => n,
            Phase::Summary | Phase::Done => self.lesson.steps.len(),
        }
    }

    fn step_def(&self, n: usize) -> &'a Step {
        &self.lesson.steps[n]
    }

    /// Step `n` as shown.
    pub fn step(&self, n: usize) -> StepView<'a> {
        let step = self.step_def(n);
        let range = self.plan.steps[n].events.clone();
        let shown: Vec<usize> = match &step.show {
            Some(kinds) => range
                .clone()
                .filter(|&i| kinds.get_ref().iter().any(|k| k == super::matcher::kind(&self.events[i])))
                .collect(),
            None => range.clone().collect(),
        };
        StepView {
            index: n,
            total: self.lesson.steps.len(),
            say: step.say.get(&self.lang),
            line: self.plan.steps[n].line,
            hidden: range.len() - shown.len(),
            events: shown,
        }
    }

    fn checkpoint(&self, n: usize) -> &'a Checkpoint {
        self.step_def(n).check.as_ref().expect("a question phase has a checkpoint")
    }

    /// How many checkpoints the lesson has.
    pub fn checkpoint_total(&self) -> usize {
        self.lesson.steps.iter().filter(|s| s.check.is_some()).count()
    }

    /// Step `n`'s checkpoint, as asked.
    pub fn question(&self, n: usize) -> Option<QuestionView<'a>> {
        let c = self.step_def(n).check.as_ref()?;
        let number = self.lesson.steps[..n].iter().filter(|s| s.check.is_some()).count();
        Some(QuestionView {
            number,
            total: self.checkpoint_total(),
            kind: c.kind.get_ref().label_in(&self.lang),
            question: c.question.get(&self.lang),
            choices: c
                .choices
                .as_ref()
                .map_or(Vec::new(), |ch| ch.get_ref().iter().map(|x| x.label(&self.lang)).collect()),
        })
    }

    /// The true answer of step `n`'s checkpoint, as the learner should read it.
    pub fn answer_text(&self, n: usize) -> String {
        let c = self.checkpoint(n);
        let truth =
            self.plan.steps[n].truth.as_ref().map_or(c.answer.get_ref().as_str(), |t| t.value.as_str());
        match &c.choices {
            Some(choices) => choices
                .get_ref()
                .iter()
                .find(|ch| answer_matches(*c.kind.get_ref(), truth, ch.value()))
                .map_or(truth.to_string(), |ch| ch.label(&self.lang).to_string()),
            None => truth.to_string(),
        }
    }

    /// The event that shows step `n`'s answer.
    pub fn answer_event(&self, n: usize) -> Option<&'a Event> {
        self.plan.steps[n].truth.as_ref().and_then(|t| t.event).map(|i| &self.events[i])
    }

    /// The explanation shown after step `n`'s reveal.
    pub fn explanation(&self, n: usize) -> &'a str {
        self.checkpoint(n).explain.get(&self.lang)
    }

    /// What the learner last answered.
    pub fn last_input(&self) -> &str {
        &self.last_input
    }

    /// How step `n`'s checkpoint ended, if it has.
    pub fn outcome(&self, n: usize) -> Option<Outcome> {
        self.outcomes[n]
    }

    /// Checkpoints answered right so far.
    pub fn right(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, Some(Outcome::Right(_)))).count()
    }

    /// Checkpoints answered right on the first attempt.
    pub fn right_first_time(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, Some(Outcome::Right(1)))).count()
    }

    /// Has the learner finished, with every checkpoint answered right?
    pub fn completed(&self) -> bool {
        matches!(self.phase, Phase::Summary | Phase::Done) && self.right() == self.checkpoint_total()
    }

    /// "Continue": to the next thing to show. Does nothing while a question waits.
    pub fn proceed(&mut self) {
        let steps = self.lesson.steps.len();
        let after = |n: usize| if n + 1 < steps { Phase::Step(n + 1) } else { Phase::Summary };
        self.phase = match self.phase {
            Phase::Intro => Phase::Step(0),
            Phase::Step(n) if self.step_def(n).check.is_some() && self.outcomes[n].is_none() => {
                self.attempts = 0;
                Phase::Question(n)
            }
            Phase::Step(n) | Phase::Answered(n) => after(n),
            q @ Phase::Question(_) => q,
            Phase::Summary | Phase::Done => Phase::Done,
        };
    }

    /// The learner's answer to the waiting question: a choice's number, a choice, or text.
    /// Outside a question it is ignored (`None`).
    pub fn answer(&mut self, input: &str) -> Option<Grade> {
        let Phase::Question(n) = self.phase else { return None };
        let c = self.checkpoint(n);
        let input = input.trim();
        self.last_input = input.to_string();
        self.attempts += 1;
        if self.is_right(n, c, input) {
            self.outcomes[n] = Some(Outcome::Right(self.attempts));
            self.phase = Phase::Answered(n);
            return Some(Grade::Right);
        }
        if self.attempts >= MAX_ATTEMPTS {
            self.outcomes[n] = Some(Outcome::Revealed);
            self.phase = Phase::Answered(n);
            return Some(Grade::Revealed);
        }
        let hints = c.hints.get(&self.lang);
        let hint = hints.get(self.attempts - 1).or(hints.last()).cloned().unwrap_or_default();
        Some(Grade::Wrong { hint, left: MAX_ATTEMPTS - self.attempts })
    }

    fn is_right(&self, n: usize, c: &Checkpoint, input: &str) -> bool {
        let kind = *c.kind.get_ref();
        let truth =
            self.plan.steps[n].truth.as_ref().map_or(c.answer.get_ref().as_str(), |t| t.value.as_str());
        let value = match &c.choices {
            Some(choices) => resolve_choice(choices.get_ref(), input, &self.lang).unwrap_or(input),
            None => input,
        };
        answer_matches(kind, truth, value)
            || (c.choices.is_none() && c.accept.iter().any(|a| a.trim().eq_ignore_ascii_case(input)))
    }
}

/// The choice the learner means: by number (`2`), by value or by label.
fn resolve_choice<'c>(choices: &'c [Choice], input: &str, lang: &str) -> Option<&'c str> {
    if let Ok(n) = input.parse::<usize>() {
        return choices.get(n.checked_sub(1)?).map(Choice::value);
    }
    choices
        .iter()
        .find(|c| c.value().eq_ignore_ascii_case(input) || c.label(lang).eq_ignore_ascii_case(input))
        .map(Choice::value)
}
