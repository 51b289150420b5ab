//! `throw()`, `close()` and return values: a tally handles a thrown-in `Skip` and keeps
//! counting, returns its totals when sent None, runs its `finally` on `close()`, and dies
//! of an exception it does not handle.

use crate::exception::{EXCEPTION, ExcClass, ZERO_DIVISION_ERROR};
use crate::generator::is_stop_iteration;
use crate::{Console, Generator, PyResult, Value};

/// `def tally()`: counts and sums what it is sent until None; returns `Totals`.
fn tally(out: Console, skip: ExcClass) -> Generator {
    Generator::new("tally", move |co| async move {
        out.print("  tally: started");
        let (mut count, mut total) = (0i64, 0i64);
        let body: PyResult<()> = async {
            loop {
                match co.yield_(total).await {
                    Err(e) if e.is_instance(skip) => {
                        out.print("  tally: Skip handled, still counting");
                        continue;
                    }
                    Err(e) => return Err(e),
                    Ok(Value::None) => return Ok(()), // break
                    Ok(n) => {
                        count += 1;
                        total += n.as_int().unwrap_or(0);
                    }
                }
            }
        }
        .await;
        out.print("  tally: finally block runs");
        body?;
        Ok(Value::named("Totals", [("count", count.into()), ("total", total.into())]))
    })
}

fn state(g: &Generator) -> String {
    format!("GEN_{}", g.state().name())
}

pub fn run(out: &Console) -> PyResult<()> {
    let skip = ExcClass::define("Skip", EXCEPTION);
    let t = tally(out.clone(), skip);
    out.print(format!("next -> {}", t.next()?));
    out.print(format!("send(10) -> {}", t.send(10)?));
    out.print(format!("throw(Skip) -> {}", t.throw(skip)?));
    out.print(format!("send(5) -> {}", t.send(5)?));
    match t.send(Value::None) {
        Err(e) if is_stop_iteration(&e) => {
            out.print(format!("send(None) -> StopIteration, value: {}", e.value()))
        }
        other => {
            other?;
        }
    }
    out.print(format!("state: {}", state(&t)));

    let closing = tally(out.clone(), skip);
    closing.next()?;
    closing.send(7)?;
    closing.close()?;
    out.print(format!("after close(): {}", state(&closing)));

    let failing = tally(out.clone(), skip);
    failing.next()?;
    match failing.throw(ZERO_DIVISION_ERROR.call([Value::from("no handler for this")])) {
        Err(e) if e.is_instance(ZERO_DIVISION_ERROR) => {
            out.print(format!("throw, unhandled -> {}", e.repr()))
        }
        other => {
            other?;
        }
    }
    out.print(format!("state: {}", state(&failing)));
    Ok(())
}
