//! Spec §7/§9: the coroutine variants of the generator error strings, on coroutine objects
//! driven by hand (`send`, `throw`, `close`); and the await protocol (`__await__`,
//! generator-based coroutines, what `await` and `iter()` refuse).

use corosim::exception::{
    GENERATOR_EXIT, KEY_ERROR, PyException, STOP_ITERATION, TYPE_ERROR, ThrowArgs, VALUE_ERROR,
};
use corosim::generator::{Iterable, PyAwaitable, PyIterator, iter};
use corosim::{Generator, PyResult, Step, Value};

use crate::common::*;

/// `@types.coroutine def suspend(v): return (yield v)`: what a coroutine awaits to pause.
fn suspend(v: impl Into<Value>) -> Generator {
    let v = v.into();
    Generator::types_coroutine("suspend", |co| async move { co.yield_(v).await })
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

/// `class Ticket`: an awaitable whose `__await__` is a generator function.
struct Ticket(&'static str);

/// `Ticket(name)`: says it is made.
fn ticket(name: &'static str) -> Ticket {
    say(format!("  Ticket({}) made", Value::from(name).repr()));
    Ticket(name)
}

impl PyAwaitable for Ticket {
    fn type_name(&self) -> &str {
        "Ticket"
    }
    fn await_(&self) -> PyResult<Iterable> {
        let name = self.0;
        say(format!("  {name}.__await__() called"));
        Ok(Generator::new("__await__", move |co| async move {
            let tried = async {
                let got = co.yield_(format!("{name}: waiting")).await?;
                say(format!("  {name} got {}", got.repr()));
                let got = co.yield_(format!("{name}: waiting again")).await?;
                PyResult::Ok(format!("{name} served with {}", got.repr()).into())
            };
            let outcome = match tried.await {
                Err(e) if e.is_instance(VALUE_ERROR) => {
                    say(format!("  {name} caught {}", e.repr()));
                    Ok(format!("{name} recovered").into())
                }
                other => other,
            };
            say(format!("  {name} cleans up"));
            outcome
        })
        .into())
    }
}

/// `class CountdownIter`: an iterator object with `send` and `throw`.
struct CountdownIter(i64);

impl PyIterator for CountdownIter {
    fn type_name(&self) -> &str {
        "CountdownIter"
    }
    fn next(&mut self) -> Step {
        if self.0 == 0 {
            return Step::Returned("liftoff".into());
        }
        self.0 -= 1;
        Step::Yielded((self.0 + 1).into())
    }
    fn send(&mut self, value: Value) -> Option<Step> {
        say(format!("  CountdownIter.send({})", value.repr()));
        Some(self.next())
    }
    fn throw(&mut self, args: &ThrowArgs) -> Option<Step> {
        let e = args.normalize().unwrap_or_else(|type_error| type_error);
        say(format!("  CountdownIter.throw({})", e.repr()));
        Some(Step::Raised(e))
    }
}

/// `class Countdown`: an awaitable whose `__await__` returns an iterator object.
struct Countdown;

impl PyAwaitable for Countdown {
    fn type_name(&self) -> &str {
        "Countdown"
    }
    fn await_(&self) -> PyResult<Iterable> {
        say("  Countdown.__await__() called");
        let it: Box<dyn PyIterator> = Box::new(CountdownIter(2));
        Ok(it.into())
    }
}

pub fn await_custom_awaitable() {
    let c = Generator::coroutine("main", |co| async move {
        let t = ticket("t1");
        say("  main awaits t1");
        say(format!("  main got {}", co.await_(t).await?.repr()));
        say(format!("  main got {}", co.await_(Countdown).await?.repr()));
        Ok("main done".into())
    });
    show("send(None)", c.send(Value::None));
    show("send('a')", c.send("a"));
    show("send('b')", c.send("b"));
    show("send('x')", c.send("x"));
    show("send(None)", c.send(Value::None));
    say(state(&c));

    let waits = |name: &'static str| {
        Generator::coroutine("waits", move |co| async move {
            let outcome = co.await_(ticket(name)).await;
            say(format!("  waits({}) finally", Value::from(name).repr()));
            outcome
        })
    };
    let c = waits("t2");
    show("send(None)", c.send(Value::None));
    show("throw(ValueError('no'))", c.throw(PyException::new(VALUE_ERROR, "no")));
    let c = waits("t3");
    show("send(None)", c.send(Value::None));
    show("close()", c.close().map(|()| Value::None));
    say(state(&c));
    let c = waits("t4");
    show("send(None)", c.send(Value::None));
    show("throw(KeyError('k'))", c.throw(PyException::new(KEY_ERROR, "k")));

    let c = Generator::coroutine("counts", |co| async move { co.await_(Countdown).await });
    show("send(None)", c.send(Value::None));
    show("throw(ValueError('stop'))", c.throw(PyException::new(VALUE_ERROR, "stop")));
    say(state(&c));
}

/// A Python `lambda: ...` that makes what is awaited.
type Make = Box<dyn Fn() -> Iterable>;

/// `class Returns`: an awaitable whose `__await__` returns what `make()` makes.
struct Returns(Make);

impl PyAwaitable for Returns {
    fn type_name(&self) -> &str {
        "Returns"
    }
    fn await_(&self) -> PyResult<Iterable> {
        Ok((self.0)())
    }
}

/// `class Raises`: an awaitable whose `__await__` raises.
struct Raises;

impl PyAwaitable for Raises {
    fn type_name(&self) -> &str {
        "Raises"
    }
    fn await_(&self) -> PyResult<Iterable> {
        Err(PyException::new(KEY_ERROR, "inside __await__"))
    }
}

pub fn await_protocol_errors() {
    // `@types.coroutine def gen_based(v)` and `def plain_gen(v)`: `return (yield v)`.
    fn gen_based(v: &'static str) -> Generator {
        Generator::types_coroutine("gen_based", move |co| async move { co.yield_(v).await })
    }
    fn plain_gen(v: &'static str) -> Generator {
        Generator::new("plain_gen", move |co| async move { co.yield_(v).await })
    }
    fn native() -> Generator {
        Generator::coroutine("native", |_co| async move { Ok("native".into()) })
    }
    fn returns(make: impl Fn() -> Iterable + 'static) -> Iterable {
        Returns(Box::new(make)).into()
    }
    let c = Generator::coroutine("main", |co| async move {
        let refused: Vec<(&str, Make)> = vec![
            ("await 5", Box::new(|| Value::from(5).into())),
            ("await None", Box::new(|| Value::None.into())),
            ("await [1, 2]", Box::new(|| vec![1, 2].into())),
            ("await plain_gen()", Box::new(|| plain_gen("never").into())),
            ("__await__ returns 5", Box::new(|| returns(|| Value::from(5).into()))),
            ("__await__ returns a list", Box::new(|| returns(|| vec![1, 2].into()))),
            ("__await__ returns None", Box::new(|| returns(|| Value::None.into()))),
            ("__await__ returns a coroutine", Box::new(|| returns(|| native().into()))),
            (
                "__await__ returns a generator-based coroutine",
                Box::new(|| returns(|| gen_based("never").into())),
            ),
            ("__await__ returns an awaitable", Box::new(|| returns(|| returns(|| Value::from(1).into())))),
            ("__await__ raises", Box::new(|| Raises.into())),
        ];
        for (label, make) in refused {
            match co.await_(make()).await {
                Err(e) if e.is_instance(TYPE_ERROR) || e.is_instance(KEY_ERROR) => {
                    say(format!("  {label}: caught {}", e.repr()))
                }
                other => {
                    other?;
                }
            }
        }
        let a = co.await_(gen_based("a generator-based coroutine yields")).await?;
        let b = co.await_(returns(|| plain_gen("a plain generator from __await__ yields").into())).await?;
        Ok(Value::list([a, b]))
    });
    show("send(None)", c.send(Value::None));
    show("send('A')", c.send("A"));
    show("send('B')", c.send("B"));
}

/// `class OnlyAwait`: `__await__` returns `iter([])`.
struct OnlyAwait;

impl PyAwaitable for OnlyAwait {
    fn type_name(&self) -> &str {
        "OnlyAwait"
    }
    fn await_(&self) -> PyResult<Iterable> {
        iter(Vec::<Value>::new())
    }
}

pub fn coroutine_not_iterable() {
    let c = Generator::coroutine("job", |co| async move {
        say("  job runs");
        let x = co.await_(suspend("job paused")).await?;
        Ok(format!("job got {}", x.repr()).into())
    });
    // `def plain(c)`: a plain generator's `yield from c`, caught.
    let plain = |c: Iterable| {
        Generator::new("plain", move |co| async move {
            match co.yield_from(c).await {
                Err(e) if e.is_instance(TYPE_ERROR) => say(format!("  plain caught {}", e.repr())),
                other => {
                    other?;
                }
            }
            Ok("plain done".into())
        })
    };
    show("iter(job())", iter(&c).map(|_| Value::None));
    let g = plain(c.clone().into());
    show("plain(job()): next", g.next());
    say(format!("job {}", state(&c)));
    let sub = c.clone();
    let d = Generator::types_coroutine("delegator", move |co| async move {
        let r = co.yield_from(sub).await?;
        say(format!("  delegator got {}", r.repr()));
        Ok(r)
    });
    let itself = matches!(iter(&d), Ok(Iterable::Gen(g)) if g.is(&d));
    show("iter(delegator(job())) is itself", Ok::<_, PyException>(itself));
    show("delegator: next", d.next());
    say(format!("job {}", state(&c)));
    show("delegator: send('x')", d.send("x"));
    say(format!("job {}", state(&c)));
    show("iter(OnlyAwait())", iter(OnlyAwait).map(|_| Value::None));
    let g = plain(OnlyAwait.into());
    show("plain(OnlyAwait()): next", g.next());
}
