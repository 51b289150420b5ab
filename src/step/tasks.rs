//! Tasks: one row per `asyncio.Task`, as `asyncio.all_tasks()` would list them with
//! their `_state` and `_fut_waiter` — and, like tokio-console, how many steps each took,
//! since when it is ready, and who ran when.
//!
//! "When" is counted in loop steps (one column per task step or callback run), not in
//! seconds: on the virtual clock many steps share one instant, and the order is the story.
//!
//! ```
//! use corosim::step::tasks::{TaskState, Tasks};
//! use corosim::trace::{Event, Resumed};
//! let mut tasks = Tasks::default();
//! tasks.apply(&Event::TaskCreated { t: 0.0, task: "Task-1".into(), coro: "main".into() });
//! tasks.apply(&Event::TaskStep { t: 0.0, task: "Task-1".into(), with: Resumed::Send("None".into()) });
//! assert_eq!(tasks.rows[0].state, TaskState::Running);
//! assert_eq!(tasks.rows[0].steps, 1);
//! ```

use crate::trace::Event;

/// A task's state, in the words of `asyncio`'s task repr plus whether it runs now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskState {
    /// In the ready queue: its next step is scheduled.
    Ready,
    /// Its step is running now.
    Running,
    /// Parked on a future (`_fut_waiter`).
    Waiting,
    /// Finished, failed or cancelled.
    Done,
}

impl TaskState {
    /// `READY`, `RUNNING`, `WAITING`, `DONE`.
    pub fn name(self) -> &'static str {
        match self {
            TaskState::Ready => "READY",
            TaskState::Running => "RUNNING",
            TaskState::Waiting => "WAITING",
            TaskState::Done => "DONE",
        }
    }
}

/// One task.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRow {
    /// `Task-3`.
    pub name: String,
    /// Its coroutine's name.
    pub coro: String,
    /// Its state.
    pub state: TaskState,
    /// What it waits on (a future's description), while it waits.
    pub waits_on: Option<String>,
    /// How it ended: `finished, result='ok'`, `cancelled`.
    pub outcome: Option<String>,
    /// `cancel()` was asked for and has not taken effect yet.
    pub cancelling: bool,
    /// Steps taken.
    pub steps: usize,
    /// The loop's clock when it last became ready.
    pub ready_at: Option<f64>,
    /// (loop step, state) each time its state changed.
    pub history: Vec<(usize, TaskState)>,
    /// The loop steps it ran at.
    pub ran: Vec<usize>,
    /// The tasks awaiting it without being parked on it (Python 3.14's `awaited_by`: the
    /// task that called `gather`, `wait` or `shield` on it, or runs its `TaskGroup`).
    pub awaited_by: Vec<String>,
}

/// Every task, and the loop's step counter.
#[derive(Clone, Debug, Default)]
pub struct Tasks {
    /// In order of creation.
    pub rows: Vec<TaskRow>,
    /// Loop steps so far (task steps and callbacks run).
    pub clock: usize,
    /// The task whose step runs now.
    pub current: Option<usize>,
}

impl Tasks {
    /// The row of the task called `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.name == name)
    }

    fn set(&mut self, i: usize, state: TaskState) {
        let clock = self.clock;
        let row = &mut self.rows[i];
        if row.state != state {
            row.state = state;
            row.history.push((clock, state));
        }
    }

    /// The task's state at loop step `at`, for the strip (None: not there yet).
    pub fn state_at(row: &TaskRow, at: usize) -> Option<TaskState> {
        let i = row.history.partition_point(|&(c, _)| c <= at);
        (i > 0).then(|| row.history[i - 1].1)
    }

    /// Takes one event into account.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::TaskCreated { t, task, coro } => {
                self.rows.push(TaskRow {
                    name: task.clone(),
                    coro: coro.clone(),
                    state: TaskState::Ready,
                    waits_on: None,
                    outcome: None,
                    cancelling: false,
                    steps: 0,
                    ready_at: Some(*t),
                    history: vec![(self.clock, TaskState::Ready)],
                    ran: Vec::new(),
                    awaited_by: Vec::new(),
                });
            }
            Event::TaskStep { task, .. } => {
                self.clock += 1;
                if let Some(i) = self.find(task) {
                    self.set(i, TaskState::Running);
                    let clock = self.clock;
                    let row = &mut self.rows[i];
                    row.steps += 1;
                    row.ran.push(clock);
                    row.waits_on = None;
                    row.cancelling = false;
                    self.current = Some(i);
                }
            }
            Event::Callback { .. } => {
                self.clock += 1;
                self.current = None;
            }
            Event::TaskSuspend { t, task, waits_on } => {
                self.current = None;
                if let Some(i) = self.find(task) {
                    // A bare yield (`sleep(0)`): straight back into the ready queue.
                    if waits_on.starts_with("nothing") {
                        self.set(i, TaskState::Ready);
                        self.rows[i].ready_at = Some(*t);
                    } else {
                        self.set(i, TaskState::Waiting);
                        self.rows[i].waits_on = Some(waits_on.clone());
                    }
                }
            }
            Event::TaskCancel { task, .. } => {
                if let Some(i) = self.find(task) {
                    self.rows[i].cancelling = true;
                }
            }
            Event::FutureDone { t, future, state } => {
                if let Some(i) = self.find(future) {
                    self.set(i, TaskState::Done);
                    self.rows[i].outcome = Some(state.clone());
                    self.rows[i].waits_on = None;
                    if self.current == Some(i) {
                        self.current = None;
                    }
                }
                // Whoever waited on it is woken: its next step is scheduled.
                let id = first_word(future);
                for i in 0..self.rows.len() {
                    let waits = self.rows[i].waits_on.as_deref().is_some_and(|w| first_word(w) == id);
                    if waits && self.rows[i].state == TaskState::Waiting {
                        self.set(i, TaskState::Ready);
                        self.rows[i].ready_at = Some(*t);
                        self.rows[i].waits_on = None;
                    }
                }
            }
            Event::LoopIteration { .. } => self.current = None,
            // A thread's turn is a column of the strip too (see `threads.rs`).
            Event::ThreadSwitch { .. } => self.clock += 1,
            Event::AwaitedBy { task, by, added, .. } => {
                if let Some(i) = self.find(task) {
                    let list = &mut self.rows[i].awaited_by;
                    match (added, list.iter().position(|b| b == by)) {
                        (true, None) => list.push(by.clone()),
                        (false, Some(k)) => {
                            list.remove(k);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// `Future-2` of `Future-2 (sleep(0.26))`: the future's own name.
pub fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}
