//! `loop.call_later(delay, f)` runs `f` after `delay` seconds: the order follows the
//! deadlines, not the order of registration.

use crate::aio::{self, EventLoop};
use crate::{Console, Generator, PyResult};

fn main_coro(out: Console, lp: EventLoop) -> Generator {
    Generator::coroutine("main", |co| async move {
        out.print("registering callbacks");
        let ring = |label: &'static str| {
            let o = out.clone();
            move || o.print(format!("ring: {label}"))
        };
        lp.call_later(0.2, "ring", ring("after 0.2 s"));
        lp.call_later(0.1, "ring", ring("after 0.1 s"));
        lp.call_soon("ring", ring("soon"));
        co.await_(aio::sleep(0.4)).await?;
        out.print("main done");
        Ok(().into())
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let lp = EventLoop::new();
    let result = lp.run_until_complete(main_coro(out.clone(), lp.clone()));
    lp.close()?;
    result.map(|_| ())
}
