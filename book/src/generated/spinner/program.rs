//! The coroutine supervisor: a spinner task animates while the main coroutine awaits a
//! slow function; then the supervisor cancels the spinner.

use crate::aio::{self, EventLoop};
use crate::exception::CANCELLED_ERROR;
use crate::{Console, Generator, PyResult, Value};

/// `async def spin(msg)`: draws `| / - \` until cancelled.
pub fn spin(out: Console, msg: &'static str) -> Generator {
    Generator::coroutine("spin", move |co| async move {
        let mut status = String::new();
        for ch in "|/-\\".chars().cycle() {
            status = format!("{ch} {msg}");
            out.status(&status);
            match co.await_(aio::sleep(0.1)).await {
                Ok(_) => {}
                Err(e) if e.is_instance(CANCELLED_ERROR) => break, // cancel() arrives here
                Err(e) => return Err(e),
            }
        }
        out.status(&" ".repeat(status.len()));
        out.print("spinner stopped");
        Ok(Value::None)
    })
}

/// `async def slow_function()`: pretends to wait 3 s for I/O.
pub fn slow_function() -> Generator {
    Generator::coroutine("slow_function", |co| async move {
        co.await_(aio::sleep(3.0)).await?;
        Ok(42.into())
    })
}

/// `async def supervisor()`.
pub fn supervisor(out: Console) -> Generator {
    Generator::coroutine("supervisor", |co| async move {
        let spinner = aio::create_task(spin(out.clone(), "thinking!"))?; // scheduled at once
        out.print(format!("spinner object: Task {}", spinner.get_name()));
        let result = co.await_(slow_function()).await?;
        spinner.cancel(None);
        Ok(result)
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let lp = EventLoop::new();
    let result = lp.run_until_complete(supervisor(out.clone()));
    lp.close()?;
    out.print(format!("Answer: {}", result?));
    Ok(())
}
