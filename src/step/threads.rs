//! Threads: one row per simulated thread (`threading.Thread`), as `threading.enumerate()`
//! lists them — and which one holds the interpreter now (in CPython, the GIL). Only
//! thread switches say so (`Event::ThreadSwitch`): a thread is running from the switch
//! that hands it the interpreter to the switch that takes it away, `preempted` (ready to
//! run again), `blocked` (waiting: a lock, a join, a sleep) or `finished`.
//!
//! The rows share the tasks' "who ran when" columns: each thread switch is a column, as
//! each loop step is.
//!
//! ```
//! use corosim::step::tasks::TaskState;
//! use corosim::step::threads::Threads;
//! use corosim::trace::Event;
//! let mut threads = Threads::default();
//! let switch = |from: &str, to: &str, why: &str| Event::ThreadSwitch { t: 0.0, from: from.into(), to: to.into(), why: why.into() };
//! threads.apply(&switch("MainThread", "Thread-1 (worker)", "blocked"), 1);
//! assert_eq!(threads.rows[0].state, TaskState::Waiting);
//! assert_eq!(threads.rows[1].state, TaskState::Running);
//! assert_eq!((threads.tag(0), threads.tag(1)), ('M', 'A'));
//! ```

use super::tasks::TaskState;
use crate::trace::Event;

/// One thread.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadRow {
    /// `MainThread`, `Thread-1 (worker)`.
    pub name: String,
    /// Running (holds the interpreter), ready (preempted), waiting (blocked) or done.
    pub state: TaskState,
    /// Why it last gave the interpreter up: `preempted`, `blocked`, `finished`.
    pub why: Option<String>,
    /// Turns it got.
    pub turns: usize,
    /// (column, state) each time its state changed.
    pub history: Vec<(usize, TaskState)>,
}

/// Every thread the trace has named, the main thread first.
#[derive(Clone, Debug, Default)]
pub struct Threads {
    /// In order of appearance: the main thread (the first switch's `from`) first.
    pub rows: Vec<ThreadRow>,
    /// The thread that runs now.
    pub current: Option<usize>,
}

impl Threads {
    /// The row of the thread called `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.name == name)
    }

    /// The main thread's name, once a second thread has run.
    pub fn main(&self) -> Option<&str> {
        self.rows.first().map(|r| r.name.as_str())
    }

    /// A thread's letter: `M` for the main thread, then `A`, `B`, ... (skipping `M`).
    pub fn tag(&self, i: usize) -> char {
        if i == 0 {
            return 'M';
        }
        let letters: Vec<char> = ('A'..='Z').filter(|c| *c != 'M').collect();
        letters[(i - 1) % letters.len()]
    }

    /// The letter and colour of the thread a line event names (`None`: the main thread).
    pub fn tag_of(&self, thread: Option<&str>) -> (char, usize) {
        match thread.and_then(|t| self.find(t)) {
            Some(i) => (self.tag(i), i),
            None => ('M', 0),
        }
    }

    /// The thread's state at column `at`, for the strip (None: not there yet).
    pub fn state_at(row: &ThreadRow, at: usize) -> Option<TaskState> {
        let i = row.history.partition_point(|&(c, _)| c <= at);
        (i > 0).then(|| row.history[i - 1].1)
    }

    fn row(&mut self, name: &str, column: usize, state: TaskState) -> usize {
        match self.find(name) {
            Some(i) => i,
            None => {
                self.rows.push(ThreadRow {
                    name: name.to_string(),
                    state,
                    why: None,
                    turns: 0,
                    history: vec![(column, state)],
                });
                self.rows.len() - 1
            }
        }
    }

    fn set(&mut self, i: usize, column: usize, state: TaskState) {
        let row = &mut self.rows[i];
        if row.state != state {
            row.state = state;
            row.history.push((column, state));
        }
    }

    /// Takes one event into account; `column` is the tasks' step counter after it.
    pub fn apply(&mut self, event: &Event, column: usize) {
        let Event::ThreadSwitch { from, to, why, .. } = event else { return };
        // The first switch names the main thread, which ran from the start.
        let from_row = self.row(from, 0, TaskState::Running);
        let after = match why.as_str() {
            "preempted" => TaskState::Ready,
            "finished" => TaskState::Done,
            _ => TaskState::Waiting,
        };
        self.set(from_row, column, after);
        self.rows[from_row].why = Some(why.clone());
        let to_row = self.row(to, column, TaskState::Running);
        self.set(to_row, column, TaskState::Running);
        self.rows[to_row].turns += 1;
        self.current = Some(to_row);
    }
}
