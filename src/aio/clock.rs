//! `loop.time()`: the loop's clock. Virtual by default, so `sleep(3)` takes no wall time
//! and every run is the same run; real for live demos.
//!
//! ```
//! use corosim::aio::Clock;
//! let clock = Clock::virtual_clock();
//! clock.advance_to(3.0);
//! assert_eq!(clock.now(), 3.0);
//! ```

use std::cell::Cell;
use std::time::{Duration, Instant};

/// A loop's clock.
#[derive(Debug)]
pub enum Clock {
    /// Seconds that pass only when the loop has nothing to do until the next timer.
    Virtual(Cell<f64>),
    /// Real seconds since the loop was made.
    Real(Instant),
}

impl Clock {
    /// A virtual clock at t = 0.
    pub fn virtual_clock() -> Clock {
        Clock::Virtual(Cell::new(0.0))
    }

    /// A real clock starting now.
    pub fn real() -> Clock {
        Clock::Real(Instant::now())
    }

    /// True for the virtual clock.
    pub fn is_virtual(&self) -> bool {
        matches!(self, Clock::Virtual(_))
    }

    /// `loop.time()`.
    pub fn now(&self) -> f64 {
        match self {
            Clock::Virtual(t) => t.get(),
            Clock::Real(start) => start.elapsed().as_secs_f64(),
        }
    }

    /// Virtual: jump to `when` (never backwards). Real: the time it takes.
    pub fn advance_to(&self, when: f64) {
        match self {
            Clock::Virtual(t) => t.set(t.get().max(when)),
            Clock::Real(_) => {
                let wait = when - self.now();
                if wait > 0.0 {
                    std::thread::sleep(Duration::from_secs_f64(wait));
                }
            }
        }
    }
}
