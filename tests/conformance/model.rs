//! Spec §1: the generator object model: states, return values, PEP 479, finally.

use corosim::exception::{ExcClass, KEY_ERROR, PyException, STOP_ITERATION, VALUE_ERROR};
use corosim::generator::iter_value;
use corosim::{Generator, PyResult, Value};

use crate::common::*;

pub fn states_lifecycle() {
    let slot = Slot::new();
    let me = slot.clone();
    let g = Generator::new("counter", move |co| async move {
        say(format!("inside: {}", state(&me.get())));
        let x = co.yield_(1).await?;
        say(format!("got {}, inside: {}", x.repr(), state(&me.get())));
        co.yield_(2).await?;
        Ok(Value::None)
    });
    slot.set(&g);
    say(format!("created: {}", state(&g)));
    show("next", g.next());
    say(format!("after first yield: {}", state(&g)));
    show("send('a')", g.send("a"));
    show("next", g.next());
    say(format!("after return: {}", state(&g)));
    show("next", g.next());
    say(format!("still: {}", state(&g)));
    slot.clear();
}

fn report(place: &str, top: &Slot, mid: &Slot) {
    say(format!("{place}: top={} mid={}", state(&top.get()), state(&mid.get())));
}

pub fn running_in_whole_chain() {
    let (top, mid) = (Slot::new(), Slot::new());
    let (t, m) = (top.clone(), mid.clone());
    let leaf = Generator::new("leaf", move |co| async move {
        let body: PyResult = async {
            report("leaf runs", &t, &m);
            let none = t.get().yield_from_gen().is_none();
            say(format!("  top.gi_yieldfrom is None: {}", py_bool(none)));
            match co.yield_("leaf").await {
                Err(e) if e.is_instance(KEY_ERROR) => {
                    report("leaf handles a throw", &t, &m);
                    co.yield_("leaf again").await?;
                }
                Err(e) => return Err(e),
                Ok(_) => {}
            }
            Ok(Value::None)
        }
        .await;
        report("leaf finally on close", &t, &m);
        body
    });
    let middle = Generator::new("middle", |co| async move {
        co.yield_from(leaf).await?;
        Ok(Value::None)
    });
    let sub = middle.clone();
    let outer = Generator::new("outer", |co| async move {
        co.yield_from(sub).await?;
        Ok(Value::None)
    });
    mid.set(&middle);
    top.set(&outer);
    show("next(top)", outer.next());
    let is_mid = outer.yield_from_gen().is_some_and(|g| g.is(&middle));
    say(format!(
        "parked: top={} mid={} top.gi_yieldfrom is mid: {}",
        state(&outer),
        state(&middle),
        py_bool(is_mid)
    ));
    show("top.throw(KeyError)", outer.throw(KEY_ERROR));
    show("top.close()", outer.close());
    say(format!("closed: top={} mid={}", state(&outer), state(&middle)));
    top.clear();
    mid.clear();
}

fn describe(g: &Generator) -> String {
    g.yield_from_name().unwrap_or_else(|| "None".into())
}

pub fn gi_yieldfrom_links() {
    let sub = Generator::new("sub", |co| async move {
        co.yield_("sub-1").await?;
        Ok("sub done".into())
    });
    let g = Generator::new("delegator", |co| async move {
        co.yield_("plain").await?;
        let r = co.yield_from(sub).await?;
        say(format!("sub returned {}", r.repr()));
        co.yield_from(vec![10, 20]).await?;
        co.yield_("end").await?;
        Ok(Value::None)
    });
    say(format!("created: {}", describe(&g)));
    show("next", g.next());
    say(format!("at plain yield: {}", describe(&g)));
    show("next", g.next());
    say(format!("in yield from sub: {}", describe(&g)));
    show("next", g.next());
    say(format!("in yield from list: {}", describe(&g)));
    show("next", g.next());
    show("next", g.next());
    say(format!("after delegation: {}", describe(&g)));
    show("next", g.next());
    say(format!("closed: {}", describe(&g)));
}

fn returns(value: Value) -> Generator {
    Generator::new("returns", |co| async move {
        co.yield_("only").await?;
        Ok(value)
    })
}

fn stop_details(e: &PyException) {
    say(format!("  args={} value={} str={}", args_repr(e), e.value().repr(), Value::str(e.message()).repr()));
}

pub fn return_value_becomes_stop_iteration() {
    let cases: [(&str, Value); 6] = [
        ("None", Value::None),
        ("5", 5.into()),
        ("(2,)", Value::tuple([2.into()])),
        ("StopIteration(3)", PyException::new(STOP_ITERATION, 3).into()),
        ("[1, 'a']", Value::list([1.into(), "a".into()])),
        ("''", "".into()),
    ];
    for (label, value) in cases {
        let g = returns(value);
        g.next().unwrap();
        let e = show(&format!("return {label}"), g.next()).expect("finished");
        stop_details(&e);
    }
    let g = Generator::new("falls_off", |co| async move {
        co.yield_("only").await?;
        Ok(Value::None)
    });
    g.next().unwrap();
    let e = show("fall off the end", g.next()).expect("finished");
    stop_details(&e);
}

pub fn return_value_delivered_once() {
    let g = Generator::new("answer", |co| async move {
        co.yield_("thinking").await?;
        Ok(42.into())
    });
    show("next", g.next());
    show("next", g.next());
    show("next", g.next());
    show("send(7)", g.send(7));
    let samples: [Vec<Value>; 4] = [vec![], vec![5.into()], vec![5.into(), 6.into()], vec![Value::None]];
    for args in samples {
        let e = PyException::with_args(STOP_ITERATION, args.clone());
        say(format!(
            "StopIteration{}: value={} args={}",
            Value::tuple(args).repr(),
            e.value().repr(),
            args_repr(&e)
        ));
    }
}

pub fn raise_closes_generator() {
    let g = Generator::new("boom", |co| async move {
        co.yield_(1).await?;
        Err(PyException::new(VALUE_ERROR, "boom"))
    });
    show("next", g.next());
    show("next", g.next());
    say(state(&g));
    show("next", g.next());
    show("close", g.close());
}

pub fn pep479_stop_iteration_leaving_frame() {
    let my_stop = ExcClass::define("MyStop", STOP_ITERATION);
    let samples = [
        PyException::new(STOP_ITERATION, 7),
        PyException::bare(STOP_ITERATION),
        PyException::new(my_stop, "sub"),
    ];
    for exc in samples {
        let thrown = exc.clone();
        let g = Generator::new("raiser", |co| async move {
            co.yield_(1).await?;
            Err(thrown)
        });
        g.next().unwrap();
        let e = show(&format!("raise {}", exc.repr()), g.next()).expect("raises");
        links("  links", &e);
        let is_original = e.cause().is_some_and(|c| c.is(&exc));
        say(format!("  cause is the original: {}; {}", py_bool(is_original), state(&g)));
    }
    let g = Generator::new("plain", |co| async move {
        co.yield_(1).await?;
        Ok(Value::None)
    });
    g.next().unwrap();
    let stop = PyException::new(STOP_ITERATION, "thrown");
    let e = show("throw(StopIteration('thrown'))", g.throw(stop.clone())).expect("raises");
    links("  links", &e);
    let is_original = e.cause().is_some_and(|c| c.is(&stop));
    say(format!("  cause is the original: {}; {}", py_bool(is_original), state(&g)));
}

pub fn pep479_caught_inside_is_harmless() {
    let g = Generator::new("careful", |co| async move {
        let attempt: PyResult = Err(PyException::new(STOP_ITERATION, 9));
        if let Err(e) = attempt {
            say(format!("caught {} inside", e.repr()));
        }
        co.yield_("still fine").await?;
        let attempt: PyResult = Err(PyException::bare(STOP_ITERATION));
        if let Err(e) = attempt {
            say(format!("caught {} inside", e.repr()));
        }
        Ok("done".into())
    });
    show("next", g.next());
    show("next", g.next());
}

pub fn pep479_generator_expression() {
    let mut it = iter_value(Value::list([])).unwrap();
    // (next(it) for _ in range(3))
    let genexpr = Generator::new("<genexpr>", |co| async move {
        for _ in 0..3 {
            let v = py_next(&mut *it)?;
            co.yield_(v).await?;
        }
        Ok(Value::None)
    });
    let e = show("next(genexpr)", genexpr.next()).expect("raises");
    say(format!("  cause={}", e.cause().map_or("None".into(), |c| c.repr())));
    show("next(genexpr) again", genexpr.next());
    let numbers = || {
        Generator::new("numbers", |co| async move {
            co.yield_(1).await?;
            co.yield_(2).await?;
            Ok("ignored".into())
        })
    };
    show("list(numbers())", py_list(&numbers()));
    let seen = py_list(&numbers()).unwrap();
    say(format!("for loop saw {}", seen.repr()));
}

fn guarded(fail: bool) -> Generator {
    Generator::new("guarded", move |co| async move {
        let body: PyResult = async {
            co.yield_(1).await?;
            if fail {
                return Err(PyException::new(VALUE_ERROR, "late"));
            }
            Ok("ok".into())
        }
        .await;
        say("  finally runs");
        body
    })
}

pub fn finally_runs_before_caller_sees_outcome() {
    let g = guarded(true);
    show("next", g.next());
    show("next (raises)", g.next());
    let g = guarded(false);
    show("next", g.next());
    show("next (returns)", g.next());
}
