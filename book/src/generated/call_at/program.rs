//! `loop.call_at(when, f)` runs `f` when `loop.time()` reaches `when`.

use crate::aio::{self, EventLoop};
use crate::{Console, Generator, PyResult};

fn main_coro(out: Console, lp: EventLoop) -> Generator {
    Generator::coroutine("main", |co| async move {
        let start = lp.time();
        out.print("clock read; scheduling");
        let ring = |label: &'static str| {
            let (o, l) = (out.clone(), lp.clone());
            move || o.print(format!("ring: {label} at +{:.1} s", l.time() - start))
        };
        lp.call_at(start + 0.2, "ring", ring("second"));
        lp.call_at(start + 0.1, "ring", ring("first"));
        lp.call_soon("ring", ring("soon"));
        co.await_(aio::sleep(0.3)).await?;
        out.print(format!("main done at +{:.1} s", lp.time() - start));
        Ok(().into())
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let lp = EventLoop::new();
    let result = lp.run_until_complete(main_coro(out.clone(), lp.clone()));
    lp.close()?;
    result.map(|_| ())
}
