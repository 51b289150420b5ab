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
use std::time::Duration;

use super::Mistake;
use super::coroutine_program::main;
use super::task_view::TaskView;
use crate::aio::{ClockKind, EventLoop};
use crate::player::{Checkpoint, Fold, Gate, TraceFeed, Track};
use crate::{Console, trace};

/// The demo's pace: on the real clock, the program's seconds at the player's speed.
#[derive(Clone)]
pub struct Pace(Option<Checkpoint>);

impl Pace {
    /// `program_secs` at the current speed (unchanged on the virtual clock).
    pub fn secs(&self, program_secs: f64) -> f64 {
        self.0.as_ref().map_or(program_secs, |cp| cp.secs(program_secs))
    }

    /// [`Pace::secs`] as a `Duration`.
    pub fn duration(&self, program_secs: f64) -> Duration {
        Duration::from_secs_f64(self.secs(program_secs).max(0.0))
    }
}

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
