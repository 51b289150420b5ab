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
    /// A callback the loop runs (`call_soon(f)`, a done-callback): its frame ends with the
    /// callback, and the program's main code keeps its own line meanwhile.
    pub callback: bool,
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
    /// A loop callback runs now (its lines are the callback's, not the main code's).
    pub in_callback: bool,
}

impl StepView {
    /// Does the program report its lines (a `.py` run by corosim's interpreter)?
    pub fn has_lines(&self) -> bool {
        !self.lines.is_empty()
    }

    /// A frame that ended: its line goes (and `line_now` keeps pointing where it did).
    fn forget_line(&mut self, i: usize) {
        self.lines.remove(i);
        self.line_now = self.line_now.filter(|&now| now != i).map(|now| if now > i { now - 1 } else { now });
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
                let callback = self.in_callback && task.is_none();
                let at = LineAt {
                    task: task.clone(),
                    thread: thread.clone(),
                    frame: frame.clone(),
                    line: *line,
                    locals: locals.clone(),
                    callback,
                };
                let same = |l: &LineAt| l.task == *task && l.thread == *thread && l.callback == callback;
                let i = match self.lines.iter().position(same) {
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
        if let Event::FutureDone { future, .. } = event
            && let Some(i) = self.lines.iter().position(|l| l.task.as_deref() == Some(future.as_str()))
        {
            // A task that is done has no frame left (`cr_frame` is None): its line goes.
            self.forget_line(i);
        }
        if !matches!(event, Event::Line { .. }) && event.time().is_some() {
            // A loop event: no line of the program is running right now, and a callback
            // that ran has returned (its frame goes; the main code's line stays).
            self.line_now = self.line_now.filter(|_| self.task.is_some());
            let moved_on = matches!(
                event,
                Event::Callback { .. }
                    | Event::LoopIteration { .. }
                    | Event::TaskStep { .. }
                    | Event::TimerFired { .. }
            );
            if self.in_callback && moved_on {
                self.in_callback = false;
                if let Some(i) = self.lines.iter().position(|l| l.callback) {
                    self.forget_line(i);
                }
            }
            if matches!(event, Event::Callback { .. }) {
                self.in_callback = true;
            }
        }
        self.last = Some(event.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(frame: &str, line: u32) -> Event {
        Event::Line {
            file: "p.py".into(),
            line,
            frame: frame.into(),
            task: None,
            thread: None,
            locals: Vec::new(),
        }
    }

    #[test]
    fn a_loop_callbacks_frame_goes_when_the_loop_moves_on_and_the_main_codes_line_stays() {
        let mut view = StepView::default();
        let mut take = |e: Event| view.apply(&Stamped { t: 0.0, event: e });
        take(line("<module>", 9));
        take(Event::Callback { t: 0.0, callback: "on_done".into() });
        take(line("on_done", 2));
        let shown =
            |v: &StepView| v.lines.iter().map(|l| format!("{} {}", l.frame, l.line)).collect::<Vec<_>>();
        assert_eq!(shown(&view), ["<module> 9", "on_done 2"], "the callback beside the main code");
        view.apply(&Stamped { t: 0.0, event: Event::LoopIteration { t: 0.0, ready: 1 } });
        assert_eq!(shown(&view), ["<module> 9"], "the callback returned");
    }

    #[test]
    fn a_tasks_line_shows_while_it_runs_and_pauses_and_goes_when_it_is_done() {
        let mut view = StepView::default();
        let mut take = |e: Event| view.apply(&Stamped { t: 0.0, event: e });
        let in_task = |frame: &str, n: u32, task: &str| Event::Line {
            file: "p.py".into(),
            line: n,
            frame: frame.into(),
            task: Some(task.into()),
            thread: None,
            locals: Vec::new(),
        };
        take(line("<module>", 9));
        take(in_task("main", 3, "Task-1"));
        take(in_task("worker", 6, "Task-2"));
        take(Event::TaskSuspend { t: 0.0, task: "Task-2".into(), waits_on: "Future-1".into() });
        let shown =
            |v: &StepView| v.lines.iter().map(|l| format!("{} {}", l.frame, l.line)).collect::<Vec<_>>();
        assert_eq!(shown(&view), ["<module> 9", "main 3", "worker 6"], "a paused task keeps its line");
        view.apply(&Stamped {
            t: 0.0,
            event: Event::FutureDone { t: 0.0, future: "Task-2".into(), state: "finished".into() },
        });
        assert_eq!(shown(&view), ["<module> 9", "main 3"], "the finished task's frame is gone");
    }
}
