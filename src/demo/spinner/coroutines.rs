//! The coroutine version, on the corosim event loop: `create_task`, `await sleep`,
//! `cancel`, `run_until_complete`.
//!
//! A Task is scheduled the moment it is created; `cancel()` throws `CancelledError` in at
//! the paused `await`; the slow function must `await` its sleep, or it freezes the loop.
//!
//! The program itself is in `coroutine_program.rs`. It runs on a thread of its own, under a [`TraceFeed`]: the pane sees only the
//! trace events the runtime emits. On the real clock the feed holds the loop at each stop
//! while the player steps; on the virtual clock (`--virtual-time`) the program runs to its
//! end at once and the player replays it by time stamp.

use std::rc::Rc;
use std::sync::mpsc;
use std::thread;

use super::Mistake;
use super::coroutine_program::{Pace, main};
use super::task_view::TaskView;
use crate::aio::{ClockKind, EventLoop};
use crate::player::{Fold, Gate, TraceFeed, Track};
use crate::{Console, trace};

/// Starts the coroutine version on a thread of its own and returns its track.
/// `open`: running freely, else one stop per permit (real clock only).
pub fn start(mistake: Option<Mistake>, virtual_time: bool, open: bool, speed: f64) -> Track<TaskView> {
    let (tx, rx) = mpsc::channel();
    let gate = (!virtual_time).then(|| Gate::new(open, speed));
    let checkpoint = gate.as_ref().map(Gate::checkpoint);
    thread::Builder::new()
        .name("event loop".into())
        .spawn(move || {
            let feed = TraceFeed::new(tx, checkpoint.clone(), TaskView::is_stop);
            let out = Console::silent(); // the pane prints what the trace says was printed
            trace::record(Rc::new(feed), || {
                let kind = if virtual_time { ClockKind::Virtual } else { ClockKind::Real };
                let lp = EventLoop::with_clock(kind.clock());
                lp.set_warnings_to_stderr(false); // they are in the trace; stderr would tear the screen
                if let Err(e) = main(lp, out.clone(), Pace(checkpoint), mistake) {
                    out.print(format!("Traceback (most recent call last):\n{e}"));
                }
            });
        })
        .expect("the OS refused a thread");
    match gate {
        Some(gate) => Track::live(rx, gate),
        None => Track::recorded(rx),
    }
}

#[cfg(test)]
mod tests {
    use super::super::lessons;
    use super::super::listing::TaskSpot;
    use super::*;
    use crate::player::Track;

    /// The coroutine version on the virtual clock, recorded to its end.
    fn recorded(mistake: Option<Mistake>) -> Track<TaskView> {
        let mut track = start(mistake, true, true, 1.0);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !track.position().finished && std::time::Instant::now() < deadline {
            track.pull();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        track
    }

    fn state(view: &TaskView, name: &str) -> String {
        view.stage.actors[view.stage.find(name).unwrap()].state.clone()
    }

    #[test]
    fn the_tasks_go_through_the_states_the_course_names() {
        let mut track = recorded(None);
        let mut seen = Vec::new();
        while !track.view().finished {
            track.forward();
            let v = track.view();
            if let Some(t) = v.stage.find("Task-2") {
                let s = v.stage.actors[t].state.split(':').next().unwrap().to_string();
                if seen.last() != Some(&s) {
                    seen.push(s);
                }
            }
        }
        // The spinner's 30th tick (0.1 added 30 times: 3.0000000000000013) falls due in the
        // same turn as slow()'s sleep(3), as in asyncio (timers within the clock's
        // resolution fire together): so the cancel finds the spinner already scheduled, and
        // it is "cancel requested", not "cancelling" on its sleep, as under CPython.
        for expected in ["scheduled", "running", "waiting on sleep(0.1)", "cancel requested", "done"] {
            assert!(seen.iter().any(|s| s == expected), "Task-2 never {expected}: {seen:?}");
        }
        let v = track.view();
        assert_eq!(
            v.stage.screen(2),
            ["spinner object: <Task pending name='Task-2' coro=<spin()>>", "Answer: 42"]
        );
        assert_eq!(state(v, "Task-1"), "done: result=42");
        assert!(v.explain.is_none());
    }

    #[test]
    fn the_cancel_lands_on_its_line_and_the_error_at_the_await() {
        let mut track = recorded(None);
        while !track.view().stage.log.iter().any(|l| l.text.contains(".cancel()")) {
            track.forward();
        }
        let v = track.view();
        let task1 = v.stage.find("Task-1").unwrap();
        assert_eq!(v.stage.actors[task1].spot, Some(TaskSpot::SupCancel));
        assert_eq!(v.stage.acting, Some(task1));
        while !track.view().stage.log.iter().any(|l| l.text.starts_with("step: throw(")) {
            track.forward();
        }
        let v = track.view();
        assert_eq!(v.stage.actors[v.stage.find("Task-2").unwrap()].spot, Some(TaskSpot::SpinExcept));
    }

    #[test]
    fn no_cancel_is_reported_and_explained() {
        let mut track = recorded(Some(Mistake::NoCancel));
        track.end();
        let v = track.view();
        assert!(
            v.stage.log.iter().any(|l| l.warn && l.text.starts_with("Task was destroyed but it is pending!"))
        );
        assert_eq!(state(v, "Task-2"), "destroyed while pending");
        assert_eq!(v.explain, Some(lessons::NO_CANCEL));
    }
}
