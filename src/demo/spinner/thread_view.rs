//! What the thread pane shows, folded from [`ThreadEvent`]s only: `threading.enumerate()`
//! with each thread's state and line, at every step.

use super::lessons;
use super::listing::ThreadSpot;
use super::threading::{ThreadEvent, ThreadStep};
use crate::player::{Activity, Fold, Stage, Stamped};

/// The thread pane's view.
#[derive(Clone, Debug)]
pub struct ThreadView {
    /// Threads, output, log, strip.
    pub stage: Stage<ThreadSpot>,
    /// A mistake has shown itself: what to explain.
    pub explain: Option<&'static str>,
    /// `MainThread` is stuck in `join` (the Event was never set).
    pub stuck_in_join: bool,
    /// The program has ended.
    pub finished: bool,
}

impl Default for ThreadView {
    fn default() -> Self {
        let mut stage = Stage::default();
        let main = stage.actor("MainThread", 'M');
        stage.set(main, Activity::Ready, "ready to run the program");
        ThreadView { stage, explain: None, stuck_in_join: false, finished: false }
    }
}

/// Seconds as the Python listing writes them: `3`, `0.1`.
fn secs(s: f64) -> String {
    if s.fract() == 0.0 { format!("{s:.0}") } else { s.to_string() }
}

impl Fold for ThreadView {
    type Event = ThreadEvent;

    fn apply(&mut self, e: &Stamped<ThreadEvent>) {
        use ThreadStep as S;
        let stage = &mut self.stage;
        stage.now = e.t;
        if let Some(who) = e.event.thread.strip_prefix("outside: ") {
            // Not a thread of the program: you, from outside.
            stage.warn(None, format!("{who}: done.set(), from outside the program"));
            stage.note = Some(lessons::NO_EVENT_RESCUED.into());
            self.stuck_in_join = false;
            return;
        }
        let tag = if e.event.thread == "MainThread" { 'M' } else { 'T' };
        let me = stage.actor(&e.event.thread, tag);
        let (spot, activity, state, text): (Option<ThreadSpot>, Activity, String, String) = match &e
            .event
            .step
        {
            S::Call(f) => {
                let spot = if *f == "supervisor" { ThreadSpot::MainCall } else { ThreadSpot::SupCallSlow };
                (Some(spot), Activity::Running, "running".into(), format!("calls {f}()"))
            }
            S::NewEvent => {
                (Some(ThreadSpot::SupEvent), Activity::Running, "running".into(), "done = Event()".into())
            }
            S::NewThread(name) => {
                let t = stage.actor(name, 'T');
                stage.set(t, Activity::Absent, "created, not started");
                stage.note = Some(lessons::THREAD_CREATED.into());
                (
                    Some(ThreadSpot::SupThread),
                    Activity::Running,
                    "running".into(),
                    format!("creates {name}: not running yet"),
                )
            }
            S::Print(text) => {
                stage.print(text.clone());
                let spot =
                    if text.starts_with("Answer") { ThreadSpot::MainPrint } else { ThreadSpot::SupPrint };
                (Some(spot), Activity::Running, "running".into(), format!("prints \"{text}\""))
            }
            S::Start(name) => {
                let t = stage.actor(name, 'T');
                stage.set(t, Activity::Ready, "started: the OS may run it any time");
                stage.note = Some(lessons::THREAD_STARTED.into());
                (Some(ThreadSpot::SupStart), Activity::Running, "running".into(), format!("{name}.start()"))
            }
            S::Status(text) if text.trim().is_empty() => {
                stage.status(text);
                (
                    Some(ThreadSpot::SpinClear),
                    Activity::Running,
                    "running".into(),
                    "clears the status line".into(),
                )
            }
            S::Status(text) => {
                stage.status(text);
                (
                    Some(ThreadSpot::SpinPrint),
                    Activity::Running,
                    "running".into(),
                    format!("draws \"{text}\""),
                )
            }
            S::Wait(s) => {
                let state = format!("sleeping in done.wait({})", secs(*s));
                (
                    Some(ThreadSpot::SpinWait),
                    Activity::Blocked,
                    state,
                    format!("done.wait({}): sleeps", secs(*s)),
                )
            }
            S::WaitSet => {
                stage.note = Some(lessons::THREAD_WAIT_SET.into());
                (
                    Some(ThreadSpot::SpinBreak),
                    Activity::Running,
                    "running".into(),
                    "done is set: wait() -> True, break".into(),
                )
            }
            S::Sleep(s) => {
                stage.note = Some(lessons::THREAD_SLEEP.into());
                let state = format!("sleeping in time.sleep({})", secs(*s));
                (
                    Some(ThreadSpot::SlowSleep),
                    Activity::Blocked,
                    state,
                    format!("time.sleep({}): blocks", secs(*s)),
                )
            }
            S::Return(f, v) => {
                let spot = if *f == "supervisor" { ThreadSpot::SupReturn } else { ThreadSpot::SlowReturn };
                (Some(spot), Activity::Running, "running".into(), format!("{f}() returns {v}"))
            }
            S::Set => {
                stage.note = Some(lessons::THREAD_SET.into());
                (Some(ThreadSpot::SupSet), Activity::Running, "running".into(), "done.set()".into())
            }
            S::Join(name) => {
                let forgot = !self.stuck_in_join && stage.log.iter().all(|l| l.text != "done.set()");
                if forgot {
                    self.stuck_in_join = true;
                    self.explain = Some(lessons::NO_EVENT);
                    stage.note = Some(lessons::NO_EVENT_NOTE.into());
                } else {
                    stage.note = Some(lessons::THREAD_JOIN.into());
                }
                let state = if forgot {
                    format!("blocked in {name}.join(), for ever: nobody sets done")
                } else {
                    format!("blocked in {name}.join()")
                };
                (
                    Some(ThreadSpot::SupJoin),
                    Activity::Blocked,
                    state,
                    format!("{name}.join(): waits for it to end"),
                )
            }
            S::Joined(name) => {
                self.stuck_in_join = false;
                (
                    Some(ThreadSpot::SupJoin),
                    Activity::Running,
                    "running".into(),
                    format!("join returned: {name} is over"),
                )
            }
            S::Ends => {
                if e.event.thread == "MainThread" {
                    self.finished = true;
                    stage.note = Some(lessons::THREAD_END.into());
                }
                (None, Activity::Done, "finished".into(), "ends".into())
            }
        };
        stage.did(me, text);
        stage.set(me, activity, state);
        if let Some(spot) = spot {
            stage.at(me, spot);
        } else {
            stage.actors[me].spot = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(t: f64, thread: &str, step: ThreadStep) -> Stamped<ThreadEvent> {
        Stamped { t, event: ThreadEvent { thread: thread.into(), step } }
    }

    fn state(v: &ThreadView, name: &str) -> String {
        v.stage.actors[v.stage.find(name).unwrap()].state.clone()
    }

    #[test]
    fn threads_go_through_the_states_the_course_names() {
        use ThreadStep as S;
        let mut v = ThreadView::default();
        v.apply(&ev(0.0, "MainThread", S::NewThread("Thread-1".into())));
        assert_eq!(state(&v, "Thread-1"), "created, not started");
        v.apply(&ev(0.0, "MainThread", S::Start("Thread-1".into())));
        v.apply(&ev(0.0, "MainThread", S::Sleep(3.0)));
        assert_eq!(state(&v, "MainThread"), "sleeping in time.sleep(3)");
        assert_eq!(v.stage.actors[0].spot, Some(ThreadSpot::SlowSleep));
        v.apply(&ev(0.0, "Thread-1", S::Status("| thinking!".into())));
        assert_eq!(v.stage.status_line.as_deref(), Some("| thinking!"));
        v.apply(&ev(0.0, "Thread-1", S::Wait(0.1)));
        assert_eq!(state(&v, "Thread-1"), "sleeping in done.wait(0.1)");
        v.apply(&ev(3.0, "MainThread", S::Set));
        v.apply(&ev(3.0, "MainThread", S::Join("Thread-1".into())));
        assert_eq!(state(&v, "MainThread"), "blocked in Thread-1.join()");
        assert!(!v.stuck_in_join && v.explain.is_none());
        v.apply(&ev(3.0, "Thread-1", S::Ends));
        assert_eq!(state(&v, "Thread-1"), "finished");
    }

    #[test]
    fn a_join_without_set_is_stuck_until_someone_sets_the_event() {
        use ThreadStep as S;
        let mut v = ThreadView::default();
        v.apply(&ev(0.0, "MainThread", S::NewEvent));
        v.apply(&ev(3.0, "MainThread", S::Join("Thread-1".into())));
        assert!(v.stuck_in_join);
        assert_eq!(v.explain, Some(lessons::NO_EVENT));
        v.apply(&ev(4.0, "outside: you pressed e", S::Set));
        assert!(!v.stuck_in_join);
        assert!(v.stage.log.last().unwrap().text.contains("from outside the program"));
    }
}
