//! A generator's life: CREATED, RUNNING (seen from inside), SUSPENDED, CLOSED.

use std::cell::RefCell;
use std::rc::Rc;

use crate::{Console, Generator, PyResult, Value};

/// Prints `inspect.getgeneratorstate(g)` the way Python names it.
fn state(g: &Generator) -> String {
    format!("GEN_{}", g.state().name())
}

/// `def ticket_counter(first)`: hands out numbers; `send('skip')` skips one.
fn ticket_counter(out: Console, me: Rc<RefCell<Option<Generator>>>, first: i64) -> Generator {
    Generator::new("ticket_counter", move |co| async move {
        // The body looks itself up by name, as the Python twin reads the global `counter`.
        let this = me.borrow().clone().expect("counter is bound before it runs");
        out.print(format!("  inside: counting starts, state {}", state(&this)));
        drop(this);
        let mut number = first;
        loop {
            let command = co.yield_(number).await?;
            number += if command.as_str() == Some("skip") { 2 } else { 1 };
        }
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let slot = Rc::new(RefCell::new(None));
    let counter = ticket_counter(out.clone(), slot.clone(), 100);
    *slot.borrow_mut() = Some(counter.clone());
    out.print(format!("created: {}", state(&counter)));
    out.print(format!("next -> {}", counter.next()?));
    out.print(format!("after first yield: {}", state(&counter)));
    out.print(format!("send('skip') -> {}", counter.send("skip")?));
    out.print(format!("send(None) -> {}", counter.send(Value::None)?));
    counter.close()?;
    out.print(format!("after close: {}", state(&counter)));
    let e = counter.next().expect_err("closed");
    out.print(format!("next after close raises {}", e.repr()));
    slot.borrow_mut().take(); // the global name is rebound below, as in the twin

    let fresh = ticket_counter(out.clone(), Rc::new(RefCell::new(None)), 1);
    let e = fresh.send("hello").expect_err("just started");
    out.print(format!("TypeError: {}", e.message()));
    out.print(format!("still {}", state(&fresh)));
    Ok(())
}
