//! A loop's idle time, when the loop is one of several threads: the *host* of the loop.
//!
//! In CPython a loop with nothing ready blocks its thread in `select()` until its next
//! timer is due or another thread writes to its self-pipe (`call_soon_threadsafe`); other
//! threads run meanwhile. On corosim's virtual clock a lone loop instead jumps its clock to
//! the next timer. When the program's threads are simulated (all on one OS thread, on one
//! virtual clock), jumping would skip what the other threads do in that time: so whoever
//! simulates them installs an [`IdleHost`], and an idle loop asks it to *wait* as its
//! thread — until a time on the host's clock, or until it is woken — and lets the other
//! threads run. The loop's own clock then moves by the time that passed.
//!
//! The loop knows nothing of who the host is (the Python layer's thread scheduler, for
//! one); the host knows nothing of loops.
//!
//! ```
//! use std::{cell::Cell, rc::Rc};
//! use corosim::aio::{self, IdleHost};
//! // A host alone on its clock: waiting is moving the clock.
//! struct Alone(Cell<f64>);
//! impl IdleHost for Alone {
//!     fn now(&self) -> f64 { self.0.get() }
//!     fn wait(&self, until: Option<f64>, _woken: Rc<dyn Fn() -> bool>) -> corosim::PyResult<bool> {
//!         match until {
//!             Some(t) => { self.0.set(t); Ok(true) }
//!             None => Ok(false), // no one could wake it: the loop says it stalled
//!         }
//!     }
//! }
//! let host = Rc::new(Alone(Cell::new(10.0)));
//! aio::set_idle_host(Some(host.clone()));
//! let lp = aio::new_event_loop();
//! lp.run_until_complete(aio::sleep(2.0)).unwrap();
//! aio::set_idle_host(None);
//! assert_eq!((lp.time(), host.now()), (2.0, 12.0));
//! ```

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use crate::exception::PyResult;

/// Who runs an idle loop's thread: see the module documentation.
pub trait IdleHost {
    /// The host's clock (virtual seconds).
    fn now(&self) -> f64;
    /// Blocks the calling thread until the host's clock reaches `until` (`None`: no
    /// timer) or `woken()` holds, letting other threads run meanwhile. `Ok(false)`: no
    /// other thread could ever wake the loop, so the loop carries on alone (jumping its
    /// clock, or reporting that it stalled). An error (a deadlock, a spent step budget)
    /// ends the loop's run.
    fn wait(&self, until: Option<f64>, woken: Rc<dyn Fn() -> bool>) -> PyResult<bool>;
    /// Real time the calling thread has spent, so far, waiting while other threads ran:
    /// the loop leaves it out when it times a slow step. None by default.
    fn others_time(&self) -> Duration {
        Duration::ZERO
    }
}

thread_local! {
    static HOST: RefCell<Option<Rc<dyn IdleHost>>> = const { RefCell::new(None) };
}

/// Installs (or, with `None`, removes) the host of this OS thread's idle loops.
pub fn set_idle_host(host: Option<Rc<dyn IdleHost>>) {
    HOST.with(|h| *h.borrow_mut() = host);
}

/// The host installed, if any.
pub(crate) fn idle_host() -> Option<Rc<dyn IdleHost>> {
    HOST.with(|h| h.borrow().clone())
}
