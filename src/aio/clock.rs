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

/// Which clock a new loop gets: the choice a program is run with.
///
/// In CPython, `asyncio.run()` asks the *event loop policy* for a new loop; corosim's
/// policy has one setting, the clock. Whoever runs a program chooses it for that run
/// ([`with_clock`], `Scenario::run`), so the program itself, like its Python twin, just
/// calls `asyncio.run(main())`.
///
/// ```
/// use corosim::aio::{self, ClockKind};
/// let t = aio::with_clock(ClockKind::Virtual, || {
///     let lp = aio::new_event_loop();
///     lp.run_until_complete(aio::sleep(3.0)).unwrap();
///     lp.time()
/// });
/// assert_eq!(t, 3.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClockKind {
    /// Virtual seconds: `sleep(3)` takes no wall time and every run is the same run.
    #[default]
    Virtual,
    /// Real seconds, for live demos (`corosim run --real-time`).
    Real,
}

impl ClockKind {
    /// A fresh clock of this kind, at t = 0.
    pub fn clock(self) -> Clock {
        match self {
            ClockKind::Virtual => Clock::virtual_clock(),
            ClockKind::Real => Clock::real(),
        }
    }
}

thread_local! {
    // The policy of the run in progress on this thread; only `with_clock` changes it,
    // and only for the length of one call.
    static POLICY: Cell<ClockKind> = const { Cell::new(ClockKind::Virtual) };
}

/// Runs `program` with every loop it makes (`asyncio.run`, `new_event_loop`) on the
/// `kind` clock, then puts the previous choice back, even if `program` panics.
pub fn with_clock<R>(kind: ClockKind, program: impl FnOnce() -> R) -> R {
    struct Restore(ClockKind);
    impl Drop for Restore {
        fn drop(&mut self) {
            POLICY.with(|p| p.set(self.0));
        }
    }
    let _restore = Restore(POLICY.with(|p| p.replace(kind)));
    program()
}

/// The clock kind new loops on this thread get now (virtual outside [`with_clock`]).
pub fn policy_clock() -> ClockKind {
    POLICY.with(|p| p.get())
}

thread_local! {
    // Whether new loops start in debug mode (slow-step warnings): on for corosim's own
    // programs, a teaching tool; off for a learner's `.py`, as CPython's default is.
    static DEBUG: Cell<bool> = const { Cell::new(true) };
}

/// Runs `program` with every loop it makes starting with `loop.get_debug() == on`, then
/// puts the previous choice back (CPython: `PYTHONASYNCIODEBUG`, `asyncio.run(debug=)`).
///
/// ```
/// use corosim::aio;
/// assert!(!aio::with_debug(false, || aio::new_event_loop().get_debug()));
/// assert!(aio::new_event_loop().get_debug());
/// ```
pub fn with_debug<R>(on: bool, program: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEBUG.with(|d| d.set(self.0));
        }
    }
    let _restore = Restore(DEBUG.with(|d| d.replace(on)));
    program()
}

/// Whether new loops on this thread start in debug mode now.
pub fn policy_debug() -> bool {
    DEBUG.with(|d| d.get())
}

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

    /// A blocking call held the loop's thread for `seconds`. Virtual: time moves on by
    /// that much, as on asyncio's one monotonic clock. Real: nothing to do, the seconds
    /// really passed.
    ///
    /// ```
    /// use corosim::aio::Clock;
    /// let clock = Clock::virtual_clock();
    /// clock.advance_by(1.5);
    /// assert_eq!(clock.now(), 1.5);
    /// ```
    pub fn advance_by(&self, seconds: f64) {
        if let Clock::Virtual(t) = self
            && seconds > 0.0
        {
            t.set(t.get() + seconds);
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
