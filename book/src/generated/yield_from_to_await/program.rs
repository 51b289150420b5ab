//! From `yield from` to `async`/`await`: the same pipeline as generator-based coroutines
//! and as native coroutines, driven by hand with `send(None)` and by the event loop.

use crate::aio;
use crate::generator::is_stop_iteration;
use crate::{Console, Generator, PyResult, Value};

/// `def fetch_old(name)`: yields a request, returns the answer.
fn fetch_old(name: &'static str) -> Generator {
    Generator::new("fetch_old", move |co| async move {
        co.yield_(format!("need {name}")).await?;
        Ok(name.to_uppercase().into())
    })
}

/// `def pipeline_old()`: two `yield from`s.
fn pipeline_old() -> Generator {
    Generator::new("pipeline_old", |co| async move {
        let first = co.yield_from(fetch_old("spam")).await?;
        let second = co.yield_from(fetch_old("eggs")).await?;
        Ok(Value::list([first, second]))
    })
}

/// `async def fetch_new(name)`: `await asyncio.sleep(0)`, then the answer.
fn fetch_new(name: &'static str) -> Generator {
    Generator::coroutine("fetch_new", move |co| async move {
        co.await_(aio::sleep(0.0)).await?;
        Ok(name.to_uppercase().into())
    })
}

/// `async def pipeline_new()`: the two substitutions applied to `pipeline_old`.
fn pipeline_new() -> Generator {
    Generator::coroutine("pipeline_new", |co| async move {
        let first = co.await_(fetch_new("spam")).await?;
        let second = co.await_(fetch_new("eggs")).await?;
        Ok(Value::list([first, second]))
    })
}

/// `def old_calls_new()`: a plain generator trying to `yield from` a coroutine.
fn old_calls_new() -> Generator {
    Generator::new("old_calls_new", |co| async move { co.yield_from(fetch_new("ham")).await })
}

/// `def drive(coro)`: what an event loop does — `send(None)` until it returns.
fn drive(out: &Console, coro: Generator) -> PyResult {
    loop {
        match coro.send(Value::None) {
            Ok(request) => out.print(format!("  driver got: {request}")),
            Err(e) if is_stop_iteration(&e) => return Ok(e.value()),
            Err(e) => return Err(e),
        }
    }
}

pub fn run(out: &Console) -> PyResult<()> {
    out.print(format!("yield from: {}", drive(out, pipeline_old())?));
    out.print(format!("await, driven by hand: {}", drive(out, pipeline_new())?));
    out.print(format!("await, driven by asyncio: {}", aio::run(pipeline_new())?));
    match drive(out, old_calls_new()) {
        Err(e) if e.is_instance(crate::exception::TYPE_ERROR) => {
            out.print(format!("TypeError: {}", e.message()))
        }
        other => {
            other?;
        }
    }
    Ok(())
}
