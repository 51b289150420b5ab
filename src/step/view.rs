//! The whole picture at one event: frames, tasks, the loop, resources, output and the
//! program's lines — a [`Fold`] of the trace, so the player steps it forward and back.
//!
//! ```
//! use corosim::player::{Stamped, Track};
//! use corosim::step::view::StepView;
//! use corosim::trace::Event;
//! let events = vec![Stamped { t: 0.0, event: Event::Output { text: "hi".into() } }];
//! let mut track = Track::<StepView>::from_events(events);
//! track.forward();
//! assert_eq!(track.view().output, ["hi"]);
//! ```

use super::event_loop::LoopView;
use super::frames::Frames;
use super::resources::Resources;
use super::tasks::Tasks;
use super::threads::Threads;
use crate::player::{Fold, Stamped};
use crate::trace::Event;

/// A line the program reported (`Event::Line`): where one task (or thread, or the
/// program) is.
#[derive(Clone, Debug, PartialEq)]
pub struct LineAt {
    /// The task it runs in (`None`: the program's main code).
    pub task: Option<String>,
    /// The simulated thread it runs on (`None`: the main thread).
    pub thread: Option<String>,
    /// The function (`<module>` at top level).
    pub frame: String,
    /// 1-based.
    pub line: u32,
    /// Its locals.
    pub locals: Vec<(String, String)>,
}

/// Everything the panes draw, after the first `n` events.
#[derive(Clone, Debug, Default)]
pub struct StepView {
    /// Events taken in.
    pub n: usize,
    /// The loop's clock (virtual seconds).
    pub now: f64,
    /// Generator and coroutine objects, and the chains running.
    pub frames: Frames,
    /// The tasks.
    pub tasks: Tasks,
    /// The simulated threads, once a program starts a second one.
    pub threads: Threads,
    /// Ready queue, timers, futures.
    pub event_loop: LoopView,
    /// Semaphores, locks, events and queues: who holds, who waits.
    pub resources: Resources,
    /// What the program printed.
    pub output: Vec<String>,
    /// The status line being redrawn (`end='\r'`).
    pub status_line: Option<String>,
    /// The last reported line of each task and thread (and of the program's main code).
    pub lines: Vec<LineAt>,
    /// The index of the last `lines` entry reported: the line running now.
    pub line_now: Option<usize>,
    /// The task whose step runs now.
    pub task: Option<String>,
    /// The simulated thread that runs now (`None`: the main thread).
    pub thread: Option<String>,
    /// The task that ran last (now, or before the loop took over).
    pub last_task: Option<String>,
    /// The last event taken in.
    pub last: Option<Event>,
}

impl StepView {
    /// Does the program report its lines (a `.py` run by corosim's interpreter)?
    pub fn has_lines(&self) -> bool {
        !self.lines.is_empty()
    }
}

impl Fold for StepView {
    type Event = Event;

    fn apply(&mut self, stamped: &Stamped<Event>) {
        let event = &stamped.event;
        let n = self.n;
        self.n += 1;
        self.now = event.time().unwrap_or(self.now.max(stamped.t));
        if let Event::TaskCreated { task, coro, .. } = event {
            self.frames.task_created(task, coro);
        }
        self.frames.apply(event, self.task.as_deref(), n);
        self.tasks.apply(event);
        self.threads.apply(event, self.tasks.clock);
        self.event_loop.apply(event);
        self.resources.apply(event, self.task.as_deref());
        match event {
            Event::TaskStep { task, .. } => {
                self.task = Some(task.clone());
                self.last_task = Some(task.clone());
            }
            Event::TaskSuspend { .. } | Event::LoopIteration { .. } | Event::Callback { .. } => {
                self.task = None;
                self.frames.step_ended();
            }
            Event::FutureDone { future, .. } if self.task.as_deref() == Some(future.as_str()) => {
                self.task = None;
                self.frames.step_ended();
            }
            Event::Output { text } => {
                self.status_line = None;
                self.output.extend(text.split('\n').map(str::to_string));
            }
            Event::Status { text } => {
                self.status_line = (!text.trim().is_empty()).then(|| text.clone());
            }
            Event::Line { frame, line, task, thread, locals, .. } => {
                let at = LineAt {
                    task: task.clone(),
                    thread: thread.clone(),
                    frame: frame.clone(),
                    line: *line,
                    locals: locals.clone(),
                };
                let i = match self.lines.iter().position(|l| l.task == *task && l.thread == *thread) {
                    Some(i) => {
                        self.lines[i] = at;
                        i
                    }
                    None => {
                        self.lines.push(at);
                        self.lines.len() - 1
                    }
                };
                self.line_now = Some(i);
                self.thread = thread.clone();
            }
            Event::ThreadSwitch { to, .. } => {
                self.thread = (self.threads.main() != Some(to.as_str())).then(|| to.clone());
            }
            _ => {}
        }
        if !matches!(event, Event::Line { .. }) && event.time().is_some() {
            // A loop event: no line of the program is running right now.
            self.line_now = self.line_now.filter(|_| self.task.is_some());
        }
        self.last = Some(event.clone());
    }
}
