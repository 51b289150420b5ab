//! A running-average coroutine, the classic first coroutine: prime it with `next()`, then
//! every `send(x)` returns the average so far.

use crate::{Console, Generator, PyResult, Value};

/// `def averager(): ...` — yields the current average, receives the next reading.
pub fn averager() -> Generator {
    Generator::new("averager", |co| async move {
        let (mut total, mut count) = (0.0, 0);
        let mut average = Value::None;
        loop {
            let reading = co.yield_(average).await?;
            total += reading.as_f64().unwrap_or(0.0);
            count += 1;
            average = Value::Float(total / count as f64);
        }
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let avg = averager();
    out.print(format!("primed: {}", avg.next()?));
    for reading in [21.5, 23.0, 19.5, 24.5] {
        let average = avg.send(reading)?;
        out.print(format!("sent {} -> average {}", Value::from(reading), average));
    }
    avg.close()?;
    let e = avg.send(1.0).expect_err("a closed generator refuses sends");
    out.print(format!("closed; sending again raises {}", e.repr()));
    Ok(())
}
