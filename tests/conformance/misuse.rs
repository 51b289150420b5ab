//! Bad input never panics: every misuse, in every state, is CPython's error.

use corosim::exception::{EXCEPTION, PyException, ThrowArgs, VALUE_ERROR};
use corosim::{Generator, Value};

use crate::common::*;
use crate::throw_args;

fn misuse(label: &str, g: &Generator) {
    show(&format!("{label}: send(1)"), g.send(1));
    let throws: [(&str, ThrowArgs); 5] = [
        ("throw()", ThrowArgs::new([])),
        ("throw('abc')", throw_args!["abc"]),
        ("throw(ValueError('i'), 'v')", throw_args![PyException::new(VALUE_ERROR, "i"), "v"]),
        ("throw(ValueError, 'v', 23)", throw_args![VALUE_ERROR, "v", 23]),
        ("throw(ValueError, 1, None, 4)", throw_args![VALUE_ERROR, 1, Value::None, 4]),
    ];
    for (name, args) in throws {
        show(&format!("{label}: {name}"), g.throw(args));
    }
    say(format!("{label}: now {}", state(g)));
}

fn sub() -> Generator {
    Generator::new("sub", |co| async move {
        loop {
            match co.yield_("sub").await {
                Err(e) if e.is_instance(EXCEPTION) => say(format!("  sub caught {}", e.repr())),
                Err(e) => return Err(e),
                Ok(_) => {}
            }
        }
    })
}

fn worker(delegate: bool) -> Generator {
    Generator::new("worker", move |co| async move {
        loop {
            let step = if delegate { co.yield_from(sub()).await } else { co.yield_("worker").await };
            match step {
                Err(e) if e.is_instance(EXCEPTION) => say(format!("  worker caught {}", e.repr())),
                Err(e) => return Err(e),
                Ok(_) => {}
            }
        }
    })
}

pub fn misuse_in_every_state() {
    misuse("created", &worker(false));
    let g = worker(false);
    g.next().unwrap();
    misuse("suspended", &g);
    let g = worker(true);
    g.next().unwrap();
    misuse("delegating", &g);
    let slot = Slot::new();
    let me = slot.clone();
    let selfish = Generator::new("selfish", move |co| async move {
        misuse("running", &me.get());
        co.yield_("done").await?;
        Ok(Value::None)
    });
    slot.set(&selfish);
    show("next(selfish)", selfish.next());
    slot.clear();
    let g = worker(false);
    g.close().unwrap();
    misuse("closed", &g);
}
