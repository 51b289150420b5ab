//! Checkpoints: a `threading.Condition` that a live program's threads wait on between
//! steps, so that the viewer — not the scheduler — decides when the next step happens.
//!
//! A program under a [`Gate`] calls [`Checkpoint::pass`] before each observable step.
//! While the gate is open (playing) `pass` returns at once; while it is closed (paused,
//! stepping) it blocks until the viewer grants a permit with [`Gate::permit`]. One permit
//! lets exactly one checkpoint through, whichever thread reaches it: that is how real OS
//! threads are made to advance one event at a time.
//!
//! The gate also carries the playback speed, so a live program can shorten its sleeps
//! ([`Checkpoint::secs`]) when the viewer asks for 2×.
//!
//! ```
//! use corosim::player::Gate;
//! let gate = Gate::new(false, 1.0);            // closed: stepping
//! let cp = gate.checkpoint();
//! let worker = std::thread::spawn(move || { cp.pass(); "stepped" });
//! gate.permit(1);                              // let one checkpoint through
//! assert_eq!(worker.join().unwrap(), "stepped");
//! ```

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

struct State {
    open: bool,
    permits: u64,
    speed: f64,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    start: Instant,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere leaves the counters intact: keep going.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The viewer's side: opens, closes and steps a live program.
pub struct Gate {
    shared: Arc<Shared>,
}

/// The program's side: where its threads wait for the viewer. Cheap to clone.
#[derive(Clone)]
pub struct Checkpoint {
    shared: Arc<Shared>,
}

impl Gate {
    /// A gate, open (`true`: play) or closed (`false`: step), at a playback speed.
    pub fn new(open: bool, speed: f64) -> Gate {
        let state = State { open, permits: 0, speed };
        Gate {
            shared: Arc::new(Shared {
                state: Mutex::new(state),
                wake: Condvar::new(),
                start: Instant::now(),
            }),
        }
    }

    /// A handle for the program's threads.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint { shared: self.shared.clone() }
    }

    /// Open: every checkpoint passes. Closed: each needs a permit.
    pub fn set_open(&self, open: bool) {
        let mut state = self.shared.lock();
        state.open = open;
        if open {
            state.permits = 0;
        }
        self.shared.wake.notify_all();
    }

    /// Lets `n` more checkpoints through a closed gate.
    pub fn permit(&self, n: u64) {
        self.shared.lock().permits += n;
        self.shared.wake.notify_all();
    }

    /// Sets the speed the program reads with [`Checkpoint::secs`].
    pub fn set_speed(&self, speed: f64) {
        self.shared.lock().speed = speed;
    }
}

impl Drop for Gate {
    /// Nobody is watching any more: let the program run to its end.
    fn drop(&mut self) {
        self.set_open(true);
    }
}

impl Checkpoint {
    /// Blocks until the viewer lets this step happen.
    pub fn pass(&self) {
        let mut state = self.shared.lock();
        loop {
            if state.open {
                return;
            }
            if state.permits > 0 {
                state.permits -= 1;
                return;
            }
            state = self.shared.wake.wait(state).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Seconds since the gate was made: the time stamp of the program's events.
    pub fn now(&self) -> f64 {
        self.shared.start.elapsed().as_secs_f64()
    }

    /// The playback speed (1.0 is real time).
    pub fn speed(&self) -> f64 {
        self.shared.lock().speed
    }

    /// `program_secs` at the current speed: at 2×, `sleep(3)` sleeps 1.5 s.
    pub fn secs(&self, program_secs: f64) -> f64 {
        program_secs / self.speed()
    }

    /// [`Checkpoint::secs`] as a `Duration`.
    pub fn duration(&self, program_secs: f64) -> Duration {
        Duration::from_secs_f64(self.secs(program_secs).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn each_permit_lets_exactly_one_checkpoint_through() {
        let gate = Gate::new(false, 1.0);
        let passed = Arc::new(AtomicUsize::new(0));
        let workers: Vec<_> = (0..3)
            .map(|_| {
                let (cp, passed) = (gate.checkpoint(), passed.clone());
                std::thread::spawn(move || {
                    cp.pass();
                    passed.fetch_add(1, Ordering::SeqCst);
                })
            })
            .collect();
        gate.permit(2);
        let deadline = Instant::now() + Duration::from_secs(10);
        while passed.load(Ordering::SeqCst) < 2 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(passed.load(Ordering::SeqCst), 2);
        gate.set_open(true);
        for w in workers {
            w.join().unwrap();
        }
        assert_eq!(passed.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn speed_shortens_program_seconds() {
        let gate = Gate::new(true, 2.0);
        assert_eq!(gate.checkpoint().secs(3.0), 1.5);
    }
}
