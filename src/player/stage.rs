//! The stage: what a pane shows of a concurrent program — its actors (threads, tasks)
//! with their states and current lines, what it printed, an event log, and who ran when.
//!
//! Like the `threading.enumerate()` and `asyncio.all_tasks()` a teacher would print at
//! each step, but kept up to date by a [`Fold`](super::Fold) from trace events only. `S`
//! names a place in the program (a listing maps it to a line).
//!
//! ```
//! use corosim::player::{Activity, Stage};
//! let mut stage: Stage<u8> = Stage::default();
//! let main = stage.actor("MainThread", 'M');
//! stage.now = 0.5;
//! stage.did(main, "calls time.sleep(3)");
//! stage.set(main, Activity::Blocked, "sleeping in time.sleep(3)");
//! stage.at(main, 7);
//! assert_eq!(stage.actors[main].state, "sleeping in time.sleep(3)");
//! assert_eq!(stage.log.last().unwrap().text, "calls time.sleep(3)");
//! ```

/// What an actor is doing, for the "who ran when" strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activity {
    /// Not started (or not created) yet.
    Absent,
    /// Could run: a started thread, a scheduled task.
    Ready,
    /// Running.
    Running,
    /// Waiting: sleeping, blocked in `join`, waiting on a future.
    Blocked,
    /// Finished.
    Done,
}

/// A thread or a task.
#[derive(Clone, Debug)]
pub struct Actor<S> {
    /// `MainThread`, `Task-2`.
    pub name: String,
    /// One character that marks its lines in the listing.
    pub tag: char,
    /// Its state in words: `waiting on sleep(0.1)`.
    pub state: String,
    /// Its state for the strip.
    pub activity: Activity,
    /// Where it is in the program.
    pub spot: Option<S>,
    /// (time, activity) each time the activity changed.
    pub history: Vec<(f64, Activity)>,
    /// When it did something (each event it caused).
    pub ran: Vec<f64>,
}

/// One line of the event log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// When.
    pub t: f64,
    /// Who (an index into the actors), if anyone.
    pub actor: Option<usize>,
    /// What.
    pub text: String,
    /// A warning, drawn to stand out.
    pub warn: bool,
}

/// Everything a pane shows of a program at one moment.
#[derive(Clone, Debug)]
pub struct Stage<S> {
    /// The threads or tasks, in order of appearance.
    pub actors: Vec<Actor<S>>,
    /// Lines the program printed.
    pub output: Vec<String>,
    /// The status line being drawn over (`end='\r'`): the spinner.
    pub status_line: Option<String>,
    /// The events so far, in words.
    pub log: Vec<LogLine>,
    /// A sentence on what the last event teaches.
    pub note: Option<String>,
    /// The actor that caused the last event.
    pub acting: Option<usize>,
    /// The time of the last event.
    pub now: f64,
}

impl<S> Default for Stage<S> {
    fn default() -> Self {
        Stage {
            actors: Vec::new(),
            output: Vec::new(),
            status_line: None,
            log: Vec::new(),
            note: None,
            acting: None,
            now: 0.0,
        }
    }
}

impl<S: Copy> Stage<S> {
    /// The actor called `name`, added (absent, no state) if new.
    pub fn actor(&mut self, name: &str, tag: char) -> usize {
        if let Some(i) = self.find(name) {
            return i;
        }
        self.actors.push(Actor {
            name: name.to_string(),
            tag,
            state: String::new(),
            activity: Activity::Absent,
            spot: None,
            history: Vec::new(),
            ran: Vec::new(),
        });
        self.actors.len() - 1
    }

    /// The index of the actor called `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.name == name)
    }

    /// Sets an actor's activity and state, now.
    pub fn set(&mut self, actor: usize, activity: Activity, state: impl Into<String>) {
        let now = self.now;
        let a = &mut self.actors[actor];
        a.state = state.into();
        if a.activity != activity {
            a.activity = activity;
            a.history.push((now, activity));
        }
    }

    /// Puts an actor at a place in the program.
    pub fn at(&mut self, actor: usize, spot: S) {
        self.actors[actor].spot = Some(spot);
    }

    /// An actor did something: a log line, and a mark on the strip.
    pub fn did(&mut self, actor: usize, text: impl Into<String>) {
        self.actors[actor].ran.push(self.now);
        self.acting = Some(actor);
        self.log.push(LogLine { t: self.now, actor: Some(actor), text: text.into(), warn: false });
    }

    /// A warning in the log (from the runtime, or about a mistake).
    pub fn warn(&mut self, actor: Option<usize>, text: impl Into<String>) {
        self.log.push(LogLine { t: self.now, actor, text: text.into(), warn: true });
    }

    /// `print(text)`: a line of output (it overwrites a status line, as on a terminal).
    pub fn print(&mut self, text: impl Into<String>) {
        self.status_line = None;
        self.output.push(text.into());
    }

    /// `print(text, end='\r')`: the status line (blank clears it).
    pub fn status(&mut self, text: &str) {
        self.status_line = (!text.trim().is_empty()).then(|| text.to_string());
    }

    /// The last `n` lines a terminal would show: output, then the status line.
    pub fn screen(&self, n: usize) -> Vec<String> {
        let mut lines: Vec<String> = self.output.clone();
        if let Some(s) = &self.status_line {
            lines.push(s.clone());
        }
        let skip = lines.len().saturating_sub(n);
        lines.split_off(skip)
    }
}
