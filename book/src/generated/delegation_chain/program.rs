//! Three generators chained by `yield from`: a send reaches the innermost one, a throw is
//! handled in the middle, and `close()` cleans up innermost first.

use crate::exception::{EXCEPTION, ExcClass};
use crate::{Console, Generator, PyResult, Value};

/// `def inner()`: reports what it receives; its `finally` announces cleanup.
fn inner(out: Console) -> Generator {
    Generator::new("inner", |co| async move {
        out.print("    inner: start");
        let body: PyResult = async {
            loop {
                let x = co.yield_("inner ready").await?;
                out.print(format!("    inner: got {}", x.repr()));
            }
        }
        .await;
        out.print("    inner: cleanup"); // finally
        body
    })
}

/// `def middle()`: delegates to a fresh inner; handles Retry by starting another.
fn middle(out: Console, retry: ExcClass) -> Generator {
    Generator::new("middle", move |co| async move {
        out.print("  middle: start");
        let body: PyResult = async {
            loop {
                match co.yield_from(inner(out.clone())).await {
                    Err(e) if e.is_instance(retry) => {
                        out.print(format!("  middle: handled {} - starting a fresh inner", e.repr()));
                    }
                    Err(e) => return Err(e),
                    Ok(_) => {}
                }
            }
        }
        .await;
        out.print("  middle: cleanup");
        body
    })
}

/// `def outer()`: `return (yield from middle())`, with a `finally`.
fn outer(out: Console, retry: ExcClass) -> Generator {
    Generator::new("outer", move |co| async move {
        out.print("outer: start");
        let result = co.yield_from(middle(out.clone(), retry)).await;
        out.print("outer: cleanup");
        result
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let retry = ExcClass::define("Retry", EXCEPTION);
    let chain = outer(out.clone(), retry);
    out.print(format!("next -> {}", chain.next()?.repr()));
    out.print(format!("send(1) -> {}", chain.send(1)?.repr()));
    let handled = chain.throw(retry.call([Value::from("again")]))?;
    out.print(format!("throw(Retry('again')) -> {}", handled.repr()));
    out.print(format!("chain: {}", chain.chain().join(" -> ")));
    chain.close()?;
    out.print(format!("after close: GEN_{}", chain.state().name()));
    Ok(())
}
