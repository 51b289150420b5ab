//! The loop as `asyncio.BaseEventLoop` keeps it: `_ready` (a FIFO of callbacks, task
//! steps among them), `_scheduled` (timers, a heap ordered by due time), and the futures
//! tasks are parked on — rebuilt from trace events only.
//!
//! The trace names a callback when it runs, not when `call_soon` queues it. When a loop
//! turn says more are ready than the trace has named, the difference shows as
//! "not yet named" entries: what is known, and no more.
//!
//! ```
//! use corosim::step::event_loop::{LoopView, Ready};
//! use corosim::trace::Event;
//! let mut lp = LoopView::default();
//! lp.apply(&Event::TaskCreated { t: 0.0, task: "Task-1".into(), coro: "main".into() });
//! lp.apply(&Event::TimerScheduled { t: 0.0, when: 0.5, callback: "wake".into() });
//! assert_eq!(lp.ready, [Ready::Task("Task-1".into())]);
//! assert_eq!(lp.timers[0].when, 0.5);
//! ```

use std::collections::VecDeque;

use super::tasks::first_word;
use crate::trace::Event;

/// One entry of the ready queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ready {
    /// A task's next step (`Task.__step` / `__wakeup`).
    Task(String),
    /// A plain callback, by name.
    Callback(String),
    /// A callback the trace has not named yet (it will when it runs).
    Unnamed,
}

/// A timer (`TimerHandle`).
#[derive(Clone, Debug, PartialEq)]
pub struct Timer {
    /// Due time on the loop's clock.
    pub when: f64,
    /// Its callback's name.
    pub callback: String,
    /// The task whose step scheduled it, if any.
    pub by: Option<String>,
    /// The future it will complete (a `sleep`'s), when the trace tells.
    pub future: Option<String>,
    /// Its future was cancelled: the handle stays in the heap, cancelled, until due.
    pub cancelled: bool,
}

/// A future someone waits on.
#[derive(Clone, Debug, PartialEq)]
pub struct FutureRow {
    /// `Future-2 (sleep(0.26))`, or a task's name.
    pub name: String,
    /// `pending`, or how it ended.
    pub state: String,
    /// Tasks parked on it: its done-callbacks that wake them.
    pub waiters: Vec<String>,
}

/// The loop's queues at one moment.
#[derive(Clone, Debug, Default)]
pub struct LoopView {
    /// `_ready`, in order.
    pub ready: VecDeque<Ready>,
    /// How many of `ready` belong to the turn running now (the loop runs exactly the
    /// callbacks that were ready when the turn began).
    pub this_turn: usize,
    /// Turns of the loop so far.
    pub turns: usize,
    /// Pending timers, by due time.
    pub timers: Vec<Timer>,
    /// Futures tasks wait on, and recently done ones.
    pub futures: Vec<FutureRow>,
    /// What runs now: a task's name or a callback's.
    pub running: Option<String>,
    /// The loop's clock.
    pub now: f64,
    /// The selector's last wait: the descriptors it watched, its timeout, and how many
    /// came back ready (`None` until the program uses a socket).
    pub selector: Option<String>,
    /// The task whose step runs now.
    task: Option<String>,
}

impl LoopView {
    fn take(&mut self, wanted: &Ready) {
        let pos = self.ready.iter().position(|r| r == wanted).or_else(|| {
            matches!(wanted, Ready::Callback(_))
                .then(|| self.ready.iter().position(|r| *r == Ready::Unnamed))?
        });
        if let Some(i) = pos {
            self.ready.remove(i);
            if i < self.this_turn {
                self.this_turn -= 1;
            }
        } else {
            self.this_turn = self.this_turn.saturating_sub(1);
        }
    }

    /// Takes one event into account.
    pub fn apply(&mut self, event: &Event) {
        if let Some(t) = event.time() {
            self.now = t;
            // The loop drops cancelled timers silently once they come due.
            self.timers.retain(|tm| !(tm.cancelled && tm.when <= t));
        }
        match event {
            Event::TaskCreated { task, .. } => self.ready.push_back(Ready::Task(task.clone())),
            Event::Select { reading, writing, timeout, ready, .. } => {
                let timeout = timeout.map_or_else(|| "None".to_string(), |s| format!("{s:.3}"));
                self.selector =
                    Some(format!("read={reading:?} write={writing:?} timeout={timeout} → {ready} ready"));
            }
            Event::LoopIteration { ready, .. } => {
                self.turns += 1;
                self.running = None;
                self.task = None;
                while self.ready.len() < *ready {
                    self.ready.push_back(Ready::Unnamed);
                }
                self.this_turn = *ready;
            }
            Event::TaskStep { task, .. } => {
                self.take(&Ready::Task(task.clone()));
                self.running = Some(task.clone());
                self.task = Some(task.clone());
            }
            Event::Callback { callback, .. } => {
                self.take(&Ready::Callback(callback.clone()));
                self.running = Some(format!("{callback}()"));
                self.task = None;
            }
            Event::TimerScheduled { when, callback, .. } => {
                let timer = Timer {
                    when: *when,
                    callback: callback.clone(),
                    by: self.task.clone(),
                    future: None,
                    cancelled: false,
                };
                // After every timer due no later: ties keep scheduling order, as the heap does.
                let at = self.timers.partition_point(|t| t.when <= *when);
                self.timers.insert(at, timer);
            }
            Event::TimerFired { callback, .. } => {
                if let Some(i) = self.timers.iter().position(|t| t.callback == *callback && !t.cancelled) {
                    self.timers.remove(i);
                }
                self.ready.push_back(Ready::Callback(callback.clone()));
            }
            Event::TaskSuspend { task, waits_on, .. } => {
                self.running = None;
                self.task = None;
                if waits_on.starts_with("nothing") {
                    self.ready.push_back(Ready::Task(task.clone()));
                    return;
                }
                // A timer its step scheduled is the one that will complete what it awaits.
                for t in self.timers.iter_mut() {
                    if t.by.as_deref() == Some(task) && t.future.is_none() {
                        t.future = Some(waits_on.clone());
                    }
                }
                let id = first_word(waits_on);
                match self.futures.iter_mut().find(|f| first_word(&f.name) == id) {
                    Some(f) => f.waiters.push(task.clone()),
                    None => self.futures.push(FutureRow {
                        name: waits_on.clone(),
                        state: "pending".into(),
                        waiters: vec![task.clone()],
                    }),
                }
            }
            Event::FutureDone { future, state, .. } => {
                let id = first_word(future);
                if self.task.as_deref() == Some(future.as_str()) {
                    self.running = None;
                    self.task = None;
                }
                let cancelled = state.starts_with("cancelled");
                for t in self.timers.iter_mut() {
                    if cancelled && t.future.as_deref().is_some_and(|f| first_word(f) == id) {
                        t.cancelled = true;
                    }
                }
                // Its done-callbacks: each waiting task's wakeup joins the ready queue.
                let waiters = match self.futures.iter_mut().find(|f| first_word(&f.name) == id) {
                    Some(f) => {
                        f.state = state.clone();
                        std::mem::take(&mut f.waiters)
                    }
                    None => Vec::new(),
                };
                for w in waiters {
                    self.ready.push_back(Ready::Task(w));
                }
                // Keep the last few done futures in view, drop older ones.
                let done = self.futures.iter().filter(|f| f.state != "pending").count();
                if done > 4
                    && let Some(i) = self.futures.iter().position(|f| f.state != "pending")
                {
                    self.futures.remove(i);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Console, scenarios, trace};

    fn at(name: &str, n: usize) -> LoopView {
        let s = scenarios::find(name).unwrap();
        let (_, events) = trace::collect(|| s.run(&Console::silent(), crate::aio::ClockKind::Virtual));
        let mut lp = LoopView::default();
        for e in events.iter().take(n) {
            lp.apply(e);
        }
        lp
    }

    #[test]
    fn call_soon_callbacks_are_counted_before_they_are_named() {
        // ... Task-1 waits on Future-1, then `loop: 2 ready` with two greet() queued.
        let s = scenarios::find("call_soon").unwrap();
        let (_, events) = trace::collect(|| s.run(&Console::silent(), crate::aio::ClockKind::Virtual));
        let turn = events.iter().position(|e| matches!(e, Event::LoopIteration { ready: 2, .. })).unwrap();
        let lp = at("call_soon", turn + 1);
        assert_eq!(lp.ready, [Ready::Unnamed, Ready::Unnamed]);
        let lp = at("call_soon", turn + 2);
        assert_eq!(lp.ready, [Ready::Unnamed]);
        assert_eq!(lp.running.as_deref(), Some("greet()"));
    }

    #[test]
    fn a_sleep_timer_is_tied_to_its_future_and_wakes_its_task() {
        let s = scenarios::find("task_cancel").unwrap();
        let (_, events) = trace::collect(|| s.run(&Console::silent(), crate::aio::ClockKind::Virtual));
        let mut lp = LoopView::default();
        for e in &events {
            lp.apply(e);
            if let Event::TaskSuspend { task, .. } = e
                && task == "Task-2"
            {
                break;
            }
        }
        let t = lp.timers.iter().find(|t| t.when == 100.0).unwrap();
        assert_eq!(t.future.as_deref(), Some("Future-1 (sleep(100.0))"));
        assert_eq!(t.by.as_deref(), Some("Task-2"));
    }
}
