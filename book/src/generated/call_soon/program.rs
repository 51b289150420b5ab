//! `loop.call_soon` schedules a plain function for the next turn of the loop, after
//! everything already queued.

use crate::aio::{self, EventLoop};
use crate::{Console, Generator, PyResult};

fn greet(out: &Console, name: &str, greeting: &str) {
    out.print(format!("{greeting}, {name}"));
}

fn main_coro(out: Console, lp: EventLoop) -> Generator {
    Generator::coroutine("main", |co| async move {
        out.print("registering callbacks");
        let o = out.clone();
        lp.call_soon("greet", move || greet(&o, "Ada", "hello"));
        let o = out.clone();
        lp.call_soon("greet", move || greet(&o, "Grace", "good evening"));
        out.print("callbacks registered; nothing has run yet");
        co.await_(aio::sleep(0.1)).await?;
        out.print("main resumes after the callbacks ran");
        Ok(().into())
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let lp = EventLoop::new();
    out.print("entering event loop");
    let result = lp.run_until_complete(main_coro(out.clone(), lp.clone()));
    out.print("closing event loop");
    lp.close()?;
    result.map(|_| ())
}
