//! What the lesson screen is showing, and what each key does to it — a teacher's notes
//! and a debugger's history side by side, with no terminal in sight.
//!
//! [`LessonScreen`] drives a [`LessonRun`] (the lesson's own state machine) and keeps a
//! player [`Track`] of the events revealed so far: each step appends its events and
//! moves the cursor to the latest; `←` walks the cursor back through them, as the trace
//! player does, without touching the lesson.

use std::sync::mpsc::{self, Sender};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::lessons::run::{Grade, LessonRun, Phase};
use crate::player::{Command, Fold, Stamped, Track};

/// An event the lesson has revealed: the step that revealed it, its index in the trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revealed {
    /// The step (0-based).
    pub step: usize,
    /// Its index into the lesson's trace.
    pub index: usize,
}

/// The trace pane's view: the revealed events up to the track's cursor.
#[derive(Default)]
pub struct Seen {
    /// In order of revelation.
    pub events: Vec<Revealed>,
}

impl Fold for Seen {
    type Event = Revealed;
    fn apply(&mut self, e: &Stamped<Revealed>) {
        self.events.push(e.event);
    }
}

/// What the last answer got, until the learner moves on.
#[derive(Clone, Debug, PartialEq)]
pub enum Feedback {
    /// Right.
    Right,
    /// Wrong: a hint and the attempts left.
    Wrong {
        /// The hint.
        hint: String,
        /// Attempts left.
        left: usize,
    },
    /// Wrong too often: the answer was revealed.
    Revealed,
}

/// What the loop should do after a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing changed for the lesson (the view may have).
    Redraw,
    /// The lesson moved (a step, an answer): save progress.
    Moved,
    /// The learner leaves (quit, or past the summary).
    Leave,
}

/// The lesson screen's state.
pub struct LessonScreen<'a> {
    /// The lesson being learned.
    pub run: LessonRun<'a>,
    /// The revealed events, with a cursor for looking back.
    pub track: Track<Seen>,
    tx: Sender<Stamped<Revealed>>,
    /// Steps whose events are on the track.
    revealed: usize,
    /// What the learner is typing as an answer.
    pub input: String,
    /// The verdict on the last answer.
    pub feedback: Option<Feedback>,
    /// The help is shown.
    pub help: bool,
    /// Narration lines scrolled up from the bottom (PgUp/PgDn).
    pub scroll: usize,
    /// Program time of the last revealed event (generator events carry none).
    last_t: f64,
}

impl<'a> LessonScreen<'a> {
    /// A screen over `run`, started (resumed at `start`, or from the intro).
    pub fn new(mut run: LessonRun<'a>, start: Option<usize>) -> Self {
        if let Some(step) = start {
            run.resume_at(step);
        }
        let (tx, rx) = mpsc::channel();
        let mut screen = LessonScreen {
            run,
            track: Track::recorded(rx),
            tx,
            revealed: 0,
            input: String::new(),
            feedback: None,
            help: false,
            scroll: 0,
            last_t: 0.0,
        };
        screen.settle();
        screen
    }

    /// The step whose narration is shown, if any.
    pub fn step(&self) -> Option<usize> {
        match self.run.phase() {
            Phase::Step(n) | Phase::Question(n) | Phase::Answered(n) => Some(n),
            Phase::Intro | Phase::Summary | Phase::Done => None,
        }
    }

    /// Is the trace cursor before the latest revealed event (looking back)?
    pub fn looking_back(&self) -> bool {
        self.track.cursor() < self.track.events().len()
    }

    /// After the lesson moved: a step's checkpoint is asked at once, beside its events
    /// (as the line flow does), and every step up to the current one has its events on
    /// the track, the cursor on the latest.
    fn settle(&mut self) {
        if let Phase::Step(n) = self.run.phase()
            && self.run.question(n).is_some()
            && self.run.outcome(n).is_none()
        {
            self.run.proceed();
        }
        let upto = match self.run.phase() {
            Phase::Intro => 0,
            Phase::Summary | Phase::Done => self.run.step(0).total,
            _ => self.step().map_or(0, |n| n + 1),
        };
        while self.revealed < upto {
            for index in self.run.step(self.revealed).events {
                self.last_t = self.run.events()[index].time().unwrap_or(self.last_t);
                let event = Revealed { step: self.revealed, index };
                // The receiver lives in our own track: the send cannot fail.
                let _ = self.tx.send(Stamped { t: self.last_t, event });
            }
            self.revealed += 1;
        }
        self.track.pull();
        self.track.end();
        self.scroll = 0;
    }

    /// "Next": forward through the events looked back at (`walk`: Space, →), else the
    /// lesson's next thing (Enter goes there at once).
    fn next(&mut self, walk: bool) -> Outcome {
        if walk && self.looking_back() {
            self.track.forward();
            return Outcome::Redraw;
        }
        self.track.end();
        if matches!(self.run.phase(), Phase::Question(_)) {
            return Outcome::Redraw; // a question waits for its answer
        }
        self.run.proceed();
        self.feedback = None;
        self.input.clear();
        if self.run.phase() == Phase::Done {
            return Outcome::Leave;
        }
        self.settle();
        Outcome::Moved
    }

    fn submit(&mut self) -> Outcome {
        let typed = std::mem::take(&mut self.input);
        if typed.trim().is_empty() {
            return Outcome::Redraw;
        }
        self.feedback = match self.run.answer(&typed) {
            Some(Grade::Right) => Some(Feedback::Right),
            Some(Grade::Wrong { hint, left }) => Some(Feedback::Wrong { hint, left }),
            Some(Grade::Revealed) => Some(Feedback::Revealed),
            None => return Outcome::Redraw,
        };
        self.scroll = 0;
        Outcome::Moved
    }

    /// Does what `key` asks.
    pub fn key(&mut self, key: &KeyEvent) -> Outcome {
        if key.kind == KeyEventKind::Release {
            return Outcome::Redraw;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if key.code == KeyCode::Esc || (ctrl && key.code == KeyCode::Char('c')) {
            return Outcome::Leave;
        }
        if self.help {
            self.help = false; // any key closes the help
            return Outcome::Redraw;
        }
        match key.code {
            KeyCode::PageUp => {
                self.scroll += 5;
                return Outcome::Redraw;
            }
            KeyCode::PageDown => {
                self.scroll = self.scroll.saturating_sub(5);
                return Outcome::Redraw;
            }
            _ => {}
        }
        let asking = matches!(self.run.phase(), Phase::Question(_));
        if asking {
            // Letters are the answer being typed; `q` and `?` mean quit and help only
            // before anything is typed, so a typed answer may contain them.
            match key.code {
                KeyCode::Enter => return self.submit(),
                KeyCode::Backspace => {
                    self.input.pop();
                    return Outcome::Redraw;
                }
                KeyCode::Char(c) if !ctrl && !(self.input.is_empty() && (c == 'q' || c == '?')) => {
                    if !(self.input.is_empty() && c == ' ') {
                        self.input.push(c);
                    }
                    return Outcome::Redraw;
                }
                _ => {}
            }
        }
        if key.code == KeyCode::Enter {
            return self.next(false);
        }
        // Otherwise the trace player's keys.
        match Command::from_key(key) {
            Some(Command::Step) => self.next(true),
            Some(Command::Back) => {
                self.track.back();
                Outcome::Redraw
            }
            Some(Command::Home) => {
                self.track.home();
                Outcome::Redraw
            }
            Some(Command::End) => {
                self.track.end();
                Outcome::Redraw
            }
            Some(Command::Help) => {
                self.help = true;
                Outcome::Redraw
            }
            Some(Command::Quit) => Outcome::Leave,
            _ => Outcome::Redraw,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::{find, load};

    fn press(screen: &mut LessonScreen, code: KeyCode) -> Outcome {
        screen.key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typed(screen: &mut LessonScreen, text: &str) -> Outcome {
        for c in text.chars() {
            press(screen, KeyCode::Char(c));
        }
        press(screen, KeyCode::Enter)
    }

    #[test]
    fn keys_drive_the_lesson_and_the_track_looks_back() {
        let entries = crate::lessons::built_in();
        let loaded = load(find(&entries, "4").unwrap()).unwrap();
        let run = LessonRun::new(&loaded.lesson, &loaded.plan, &loaded.recording.events, "en");
        let mut s = LessonScreen::new(run, None);
        assert_eq!(s.run.phase(), Phase::Intro);
        assert_eq!(press(&mut s, KeyCode::Enter), Outcome::Moved);
        // Step 1 asks its checkpoint at once, beside its events.
        assert_eq!(s.run.phase(), Phase::Question(0));
        let shown = s.track.events().len();
        assert!(shown > 0 && !s.looking_back());
        assert_eq!(press(&mut s, KeyCode::Char(' ')), Outcome::Redraw, "a question waits");
        assert_eq!(s.run.phase(), Phase::Question(0));

        press(&mut s, KeyCode::Left);
        assert!(s.looking_back());
        assert_eq!(s.track.view().events.len(), shown - 1);
        assert_eq!(press(&mut s, KeyCode::Right), Outcome::Redraw);
        assert!(!s.looking_back(), "→ first returns to the latest event");
        press(&mut s, KeyCode::Home);
        assert_eq!(s.track.view().events.len(), 0);
        press(&mut s, KeyCode::End);
        assert!(!s.looking_back());

        assert_eq!(typed(&mut s, "1"), Outcome::Moved);
        assert!(matches!(s.feedback, Some(Feedback::Wrong { left: 2, .. })));
        assert_eq!(typed(&mut s, "3"), Outcome::Moved);
        assert_eq!(s.feedback, Some(Feedback::Right));
        assert_eq!(s.run.phase(), Phase::Answered(0));
        press(&mut s, KeyCode::Enter);
        assert_eq!(s.run.phase(), Phase::Question(1));
        assert!(s.feedback.is_none(), "the verdict goes with its question");
        assert!(s.track.events().len() > shown, "step 2 appended its events");

        // While a question waits, `q` first typed is quit; later it is a letter.
        typed(&mut s, "x");
        s.input = "a".into();
        assert_eq!(press(&mut s, KeyCode::Char('q')), Outcome::Redraw);
        assert_eq!(s.input, "aq");
        s.input.clear();
        assert_eq!(press(&mut s, KeyCode::Char('q')), Outcome::Leave);
    }
}
