//! A task is like a thread that is already started. Main sleeps 2 s in total, then
//! cancels the task that wanted to sleep 100 s: the program takes 2 s, not 100.

use std::cell::RefCell;
use std::rc::Rc;

use crate::aio::{self, EventLoop, Future};
use crate::{Console, Generator, PyResult};

fn main_coro(out: Console, sleeper_out: Rc<RefCell<Option<Future>>>) -> Generator {
    Generator::coroutine("main", |co| async move {
        let sleeper = aio::ensure_future(aio::sleep(100.0))?; // scheduled; we do not wait
        out.print("sleeper scheduled; main goes on");
        let first = aio::ensure_future(aio::sleep(1.0))?;
        co.await_(&first).await?; // main pauses here...
        co.await_(aio::sleep(1.0)).await?; // ...and here
        out.print("main woke after 2 s; cancelling the sleeper");
        sleeper.cancel(None);
        *sleeper_out.borrow_mut() = Some(sleeper);
        Ok(().into())
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let lp = EventLoop::new();
    aio::set_event_loop(Some(lp.clone()));
    let start = lp.time();
    let sleeper = Rc::new(RefCell::new(None));
    let result = lp.run_until_complete(main_coro(out.clone(), sleeper.clone()));
    aio::set_event_loop(None);
    result?;
    out.print(format!("elapsed: {:.0} s", lp.time() - start));
    let cancelled = sleeper.borrow().as_ref().is_some_and(|s| s.cancelled());
    out.print(format!("sleeper cancelled: {}", if cancelled { "True" } else { "False" }));
    lp.close()
}
