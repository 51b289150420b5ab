//! What the coroutine pane shows, folded from corosim's trace events only:
//! `asyncio.all_tasks()` with each task's state and line, at every step.

use std::collections::HashMap;

use super::lessons;
use super::listing::TaskSpot;
use crate::player::{Activity, Fold, Stage, Stamped};
use crate::trace::{Event, Resumed};

/// The coroutine pane's view.
#[derive(Clone, Debug)]
pub struct TaskView {
    /// Tasks, output, log, strip.
    pub stage: Stage<TaskSpot>,
    /// A mistake has shown itself: what to explain.
    pub explain: Option<&'static str>,
    /// The program has ended.
    pub finished: bool,
    /// The task whose step is running.
    running: Option<usize>,
    /// Which task waits on which future (by its trace name).
    waiters: HashMap<String, usize>,
    /// Tasks that have taken their first step.
    started: Vec<usize>,
    /// Each task's coroutine name.
    coros: HashMap<usize, String>,
}

const MAIN: usize = 0;

impl Default for TaskView {
    fn default() -> Self {
        let mut stage = Stage::default();
        let main = stage.actor("main", 'm');
        stage.set(main, Activity::Ready, "ready to run the program");
        TaskView {
            stage,
            explain: None,
            finished: false,
            running: None,
            waiters: HashMap::new(),
            started: Vec::new(),
            coros: HashMap::new(),
        }
    }
}

/// `Future-2 (sleep(0.1))` -> `sleep(0.1)`; a task's name stays as it is.
fn label(future: &str) -> &str {
    match (future.find('('), future.ends_with(')')) {
        (Some(i), true) => &future[i + 1..future.len() - 1],
        _ => future,
    }
}

impl TaskView {
    fn task(&mut self, name: &str) -> usize {
        let tag = name.chars().last().unwrap_or('?');
        self.stage.actor(name, tag)
    }

    /// Who is acting: the running task, else the main program.
    fn actor(&self) -> usize {
        self.running.unwrap_or(MAIN)
    }
}

impl Fold for TaskView {
    type Event = Event;

    fn is_stop(e: &Event) -> bool {
        match e {
            Event::TaskCreated { .. }
            | Event::TaskStep { .. }
            | Event::TaskSuspend { .. }
            | Event::TaskCancel { .. }
            | Event::FutureDone { .. }
            | Event::Output { .. }
            | Event::Status { .. }
            | Event::Warning { .. }
            | Event::Unraisable { .. } => true,
            Event::DelegateEnter { name, to, .. } => name == "supervisor" && to == "slow_function",
            Event::Return { name, .. } => matches!(name.as_str(), "supervisor" | "slow_function" | "spin"),
            _ => false,
        }
    }

    fn apply(&mut self, e: &Stamped<Event>) {
        self.stage.now = e.t;
        match &e.event {
            Event::TaskCreated { task, coro, .. } => {
                let creator = self.actor();
                let t = self.task(task);
                self.coros.insert(t, coro.clone());
                self.stage.set(t, Activity::Ready, "scheduled: created, no start() needed");
                if coro == "supervisor" {
                    self.stage.at(MAIN, TaskSpot::MainRun);
                    self.stage.set(MAIN, Activity::Running, "in run_until_complete: runs the loop");
                    self.stage.did(MAIN, format!("run_until_complete: {task} for {coro}()"));
                } else {
                    self.stage.at(creator, TaskSpot::SupCreate);
                    self.stage.did(creator, format!("create_task({coro}()): {task} scheduled at once"));
                    self.stage.note = Some(lessons::TASK_CREATED.into());
                }
            }
            Event::TaskStep { task, with, .. } => {
                let t = self.task(task);
                self.running = Some(t);
                self.stage.set(MAIN, Activity::Running, format!("in run_until_complete: steps {task}"));
                let first = !self.started.contains(&t);
                self.started.push(t);
                let coro_is_spin = self.is_spin(t);
                match with {
                    Resumed::Throw(exc) => {
                        self.stage.at(t, TaskSpot::SpinExcept);
                        self.stage.set(t, Activity::Running, format!("running: {exc} thrown in"));
                        self.stage.did(t, format!("step: throw({exc})"));
                        self.stage.note = Some(lessons::TASK_THROW.into());
                    }
                    Resumed::Send(v) => {
                        if first {
                            let spot = if coro_is_spin { TaskSpot::SpinFor } else { TaskSpot::SupCreate };
                            self.stage.at(t, spot);
                        }
                        self.stage.set(t, Activity::Running, "running");
                        self.stage.did(t, format!("step: send({v})"));
                        if coro_is_spin {
                            self.stage.note = Some(lessons::TASK_STEP.into());
                        }
                    }
                }
            }
            Event::TaskSuspend { task, waits_on, .. } => {
                let t = self.task(task);
                self.running = None;
                self.waiters.insert(waits_on.clone(), t);
                let what = label(waits_on);
                if self.stage.actors[t].spot == Some(TaskSpot::SlowAwait) {
                    self.stage.note = Some(lessons::TASK_AWAIT_SLOW.into());
                } else if !self.is_spin(t) {
                    // supervisor's first await: it is in slow_function now
                    self.stage.at(t, TaskSpot::SlowAwait);
                } else {
                    self.stage.at(t, TaskSpot::SpinAwait);
                }
                self.stage.set(t, Activity::Blocked, format!("waiting on {what}"));
                self.stage.set(MAIN, Activity::Blocked, "in run_until_complete: waits for a timer");
                self.stage.did(t, format!("waits on {waits_on}"));
            }
            Event::FutureDone { future, state, .. } => {
                if let Some(t) = self.stage.find(future).filter(|&t| t != MAIN) {
                    let done = match state.as_str() {
                        "cancelled" => "cancelled".to_string(),
                        s => format!("done: {}", s.trim_start_matches("finished, ")),
                    };
                    self.stage.set(t, Activity::Done, done.clone());
                    self.stage.did(t, done);
                    self.stage.actors[t].spot = None;
                    if self.running == Some(t) {
                        self.running = None;
                    }
                } else if let Some(&t) = self.waiters.get(future) {
                    let name = self.stage.actors[t].name.clone();
                    let who = self.actor();
                    if state == "cancelled" {
                        self.stage.set(
                            t,
                            Activity::Ready,
                            "cancelling: CancelledError comes at its next step",
                        );
                        self.stage.did(who, format!("{} cancelled: {name} scheduled", label(future)));
                    } else {
                        self.stage.set(t, Activity::Ready, format!("scheduled: {} is done", label(future)));
                        self.stage.did(MAIN, format!("timer: {} done, {name} scheduled", label(future)));
                        self.stage.note = Some(lessons::TASK_TIMER.into());
                    }
                } else {
                    let who = self.actor();
                    self.stage.did(who, format!("{future}: {state}"));
                }
            }
            Event::TaskCancel { task, .. } => {
                let who = self.actor();
                let t = self.task(task);
                self.stage.at(who, TaskSpot::SupCancel);
                self.stage.set(t, Activity::Blocked, "cancel requested");
                self.stage.did(who, format!("{task}.cancel(): a request"));
                self.stage.note = Some(lessons::TASK_CANCEL.into());
            }
            Event::Output { text } => {
                let who = self.actor();
                let spot = if text.starts_with("Answer") { TaskSpot::MainPrint } else { TaskSpot::SupPrint };
                self.stage.at(who, spot);
                self.stage.print(text.clone());
                self.stage.did(who, format!("prints \"{text}\""));
                if who == MAIN && text.starts_with("Answer") {
                    self.finished = true;
                    self.stage.set(MAIN, Activity::Done, "finished");
                    self.stage.note = Some(lessons::TASK_END.into());
                }
            }
            Event::Status { text } => {
                let who = self.actor();
                self.stage.status(text);
                if text.trim().is_empty() {
                    self.stage.at(who, TaskSpot::SpinClear);
                    self.stage.did(who, "clears the status line");
                } else {
                    self.stage.at(who, TaskSpot::SpinPrint);
                    self.stage.did(who, format!("draws \"{text}\""));
                }
            }
            Event::DelegateEnter { name, to, .. } if name == "supervisor" && to == "slow_function" => {
                let who = self.actor();
                self.stage.at(who, TaskSpot::SupAwait);
                self.stage.did(who, "await slow_function()");
            }
            Event::Resume { name, .. } if name == "slow_function" => {
                let who = self.actor();
                self.stage.at(who, TaskSpot::SlowAwait);
            }
            Event::Return { name, value, .. } if Self::is_stop(&e.event) => {
                let who = self.actor();
                match name.as_str() {
                    "slow_function" => self.stage.at(who, TaskSpot::SlowReturn),
                    "supervisor" => self.stage.at(who, TaskSpot::SupReturn),
                    _ => {}
                }
                self.stage.did(who, format!("{name}() returns {value}"));
            }
            Event::Callback { callback, .. } if callback == "_run_until_complete_cb" => {
                self.stage.at(MAIN, TaskSpot::MainRun);
                self.stage.set(MAIN, Activity::Running, "run_until_complete returns");
            }
            Event::Warning { message, .. } => {
                if message.starts_with("Task was destroyed") {
                    self.stage.at(MAIN, TaskSpot::MainClose);
                    self.stage.set(MAIN, Activity::Running, "in loop.close()");
                    if let Some(t) =
                        self.stage.actors.iter().position(|a| message.contains(&format!("'{}'", a.name)))
                    {
                        self.stage.set(t, Activity::Done, "destroyed while pending");
                        self.stage.actors[t].spot = None;
                    }
                    self.explain = Some(lessons::NO_CANCEL);
                } else if message.contains(" took ") {
                    self.explain = Some(lessons::BLOCKING_SLEEP);
                }
                // The loop reports it (asyncio's logger), whoever was slow.
                self.stage.warn(Some(MAIN), message.clone());
            }
            Event::Unraisable { name, exception } => {
                self.stage.warn(None, format!("Exception ignored in: {name}: {exception}"));
            }
            _ => {}
        }
    }
}

impl TaskView {
    /// Is actor `t` the task made for `spin()`?
    fn is_spin(&self, t: usize) -> bool {
        self.coros.get(&t).is_some_and(|c| c == "spin")
    }
}
