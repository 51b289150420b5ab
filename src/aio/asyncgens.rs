//! asyncio's side of asynchronous generators (PEP 525): the loop remembers each one that
//! started iterating on it (`sys.set_asyncgen_hooks`' *firstiter*), and as `asyncio.run`
//! ends, `loop.shutdown_asyncgens()` closes those still unfinished with `aclose()`, so
//! their `finally` blocks run (and may still `await`) before the loop closes.
//!
//! The loop knows them only as [`AsyncGenHandle`]s: whoever makes asynchronous
//! generators (the Python interpreter) says how to close one.
//!
//! ```
//! use corosim::aio::{self, AsyncGenHandle, Awaitable};
//! use std::{cell::Cell, rc::Rc};
//! struct Closer(Rc<Cell<bool>>);
//! impl AsyncGenHandle for Closer {
//!     fn aclose(&self) -> Option<Awaitable> {
//!         self.0.set(true);
//!         Some(aio::sleep(0.0).into())
//!     }
//! }
//! let closed = Rc::new(Cell::new(false));
//! let flag = closed.clone();
//! let main = corosim::Generator::coroutine("main", move |_co| async move {
//!     aio::firstiter(Box::new(Closer(flag)));
//!     Ok(corosim::Value::None)
//! });
//! aio::run(main).unwrap();
//! assert!(closed.get());
//! ```

use std::cell::RefCell;

use super::{Awaitable, EventLoop, gather, get_running_loop};
use crate::exception::PyResult;

/// An asynchronous generator, as the loop sees it.
pub trait AsyncGenHandle {
    /// `agen.aclose()`, or `None` if it has finished (or is gone) and needs no closing.
    fn aclose(&self) -> Option<Awaitable>;
}

thread_local! {
    /// The asynchronous generators each loop has seen start (`loop._asyncgens`).
    static STARTED: RefCell<Vec<(EventLoop, Box<dyn AsyncGenHandle>)>> = const { RefCell::new(Vec::new()) };
}

/// *firstiter*: an asynchronous generator starts iterating on the running loop (nothing
/// happens outside one).
pub fn firstiter(agen: Box<dyn AsyncGenHandle>) {
    if let Ok(lp) = get_running_loop() {
        STARTED.with(|s| s.borrow_mut().push((lp, agen)));
    }
}

/// `loop.shutdown_asyncgens()`: `aclose()` every unfinished asynchronous generator that
/// started on `lp`, all at once, and run the loop until they are closed.
pub fn shutdown_asyncgens(lp: &EventLoop) -> PyResult<()> {
    let mine: Vec<Box<dyn AsyncGenHandle>> = STARTED.with(|s| {
        let mut all = s.borrow_mut();
        let (mine, rest): (Vec<_>, Vec<_>) = all.drain(..).partition(|(l, _)| l.is(lp));
        *all = rest;
        mine.into_iter().map(|(_, h)| h).collect()
    });
    let closing: Vec<Awaitable> = mine.iter().filter_map(|h| h.aclose()).collect();
    drop(mine);
    if closing.is_empty() {
        return Ok(());
    }
    let all = gather(closing, true)?;
    lp.run_until_complete(all)?;
    Ok(())
}
