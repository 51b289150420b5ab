//! Spec §7/§9: the coroutine variants of the generator error strings, on coroutine objects
//! driven by hand (`send`, `throw`, `close`).

use corosim::exception::{GENERATOR_EXIT, KEY_ERROR, PyException, STOP_ITERATION, TYPE_ERROR, VALUE_ERROR};
use corosim::{Generator, Value};

use crate::common::*;

/// `@types.coroutine def suspend(v): return (yield v)`: what a coroutine awaits to pause.
fn suspend(v: impl Into<Value>) -> Generator {
    let v = v.into();
    Generator::new("suspend", |co| async move { co.yield_(v).await })
}

/// `async def job(): return await suspend('first')`.
fn job() -> Generator {
    Generator::coroutine("job", |co| async move { co.await_(suspend("first")).await })
}

pub fn coroutine_send_non_none_just_started() {
    let c = job();
    show("send(1)", c.send(1));
    say(state(&c));
    show("send(None)", c.send(Value::None));
    say(state(&c));
    show("send('result')", c.send("result"));
    say(state(&c));
}

pub fn coroutine_cannot_reuse() {
    let c = job();
    c.send(Value::None).unwrap();
    show("finish", c.send("done"));
    show("send(None)", c.send(Value::None));
    show("send(1)", c.send(1));
    show("throw(ValueError)", c.throw(VALUE_ERROR));
    show("close()", c.close());
    let awaited = c.clone();
    let awaits = Generator::coroutine("awaits", |co| async move { co.await_(awaited).await });
    show("await it again", awaits.send(Value::None));

    let closed = job();
    closed.close().unwrap();
    show("closed: send(None)", closed.send(Value::None));
    show("closed: throw(KeyError('k'))", closed.throw(PyException::new(KEY_ERROR, "k")));
    show("closed: throw(GeneratorExit)", closed.throw(GENERATOR_EXIT));
    show("closed: close()", closed.close());
}

pub fn coroutine_already_executing() {
    let slot = Slot::new();
    let me = slot.clone();
    let c = Generator::coroutine("selfish", move |_co| async move {
        let c = me.get();
        show("  inside: c.send(None)", c.send(Value::None));
        show("  inside: c.throw(KeyError)", c.throw(KEY_ERROR));
        show("  inside: c.close()", c.close());
        Ok("ok".into())
    });
    slot.set(&c);
    show("send(None)", c.send(Value::None));
    slot.clear();
}

pub fn coroutine_ignored_generator_exit() {
    let c = Generator::coroutine("stubborn", |co| async move {
        match co.await_(suspend(1)).await {
            Err(e) if e.is_instance(GENERATOR_EXIT) => {
                say("  coroutine caught GeneratorExit, awaits again");
                co.await_(suspend(2)).await?;
                Ok(Value::None)
            }
            other => other.map(|_| Value::None),
        }
    });
    show("send(None)", c.send(Value::None));
    show("close()", c.close());
    say(state(&c));
}

pub fn coroutine_raised_stop_iteration() {
    let c =
        Generator::coroutine("stopper", |_co| async move { Err(PyException::new(STOP_ITERATION, "inside")) });
    let e = show("send(None)", c.send(Value::None)).expect("raises");
    links("  links", &e);
}

pub fn coroutine_await_non_awaitable() {
    let c = Generator::coroutine("main", |co| async move {
        let values = [Value::from(5), Value::None, Value::list([1.into(), 2.into()]), "ab".into()];
        for x in values {
            if let Err(e) = co.await_(x).await {
                if !e.is_instance(TYPE_ERROR) {
                    return Err(e);
                }
                say(format!("  caught {}", e.repr()));
            }
        }
        co.await_(Value::from(1.5)).await
    });
    show("send(None)", c.send(Value::None));
}

pub fn coroutine_not_an_iterator() {
    let c = Generator::coroutine("job", |_co| async move {
        say("  coroutine body runs");
        Ok("result".into())
    });
    show("next(c)", c.next());
    say(state(&c));
    show("send(None)", c.send(Value::None));
    show("next(c) when finished", c.next());
}
