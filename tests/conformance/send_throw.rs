//! Spec §2 (`send`, `next`) and §3 (`throw`: argument forms, TypeErrors, states).

use corosim::exception::{
    BASE_EXCEPTION, EXCEPTION, GENERATOR_EXIT, KEY_ERROR, PyException, STOP_ITERATION, ThrowArgs, VALUE_ERROR,
};
use corosim::{Generator, PyResult, Value};

use crate::common::*;
use crate::throw_args;

pub fn send_value_becomes_yield_result() {
    let g = Generator::new("echo", |co| async move {
        loop {
            let got = co.yield_("ready").await?;
            say(format!("  got {}", got.repr()));
        }
    });
    show("next", g.next());
    show("send('a')", g.send("a"));
    show("send([1, 2])", g.send(Value::list([1.into(), 2.into()])));
    show("next", g.next());
    show("send(None)", g.send(Value::None));
    show("send(0)", g.send(0));
}

pub fn send_non_none_to_just_started() {
    let g = Generator::new("starter", |co| async move {
        say("  body starts");
        let x = co.yield_("first").await?;
        say(format!("  got {}", x.repr()));
        co.yield_("second").await?;
        Ok(Value::None)
    });
    show("send(1)", g.send(1));
    show("send(0)", g.send(0));
    show("send(False)", g.send(false));
    show("send('')", g.send(""));
    say(state(&g));
    show("send(None)", g.send(Value::None));
    show("send(1)", g.send(1));
}

fn once() -> Generator {
    Generator::new("once", |co| async move {
        co.yield_(1).await?;
        Ok("r".into())
    })
}

pub fn send_to_closed_is_bare_stop_iteration() {
    let finished = once();
    finished.next().unwrap();
    show("finish", finished.next());
    show("send(5) finished", finished.send(5));
    show("next finished", finished.next());

    let closed = once();
    closed.next().unwrap();
    closed.close().unwrap();
    show("send('x') closed", closed.send("x"));

    let never_started = once();
    never_started.close().unwrap();
    show("send(1) closed before start", never_started.send(1));
    show("next closed before start", never_started.next());
}

/// `def catcher()`: yields the last exception thrown into it, forever.
fn catcher() -> Generator {
    Generator::new("catcher", |co| async move {
        let mut got = Value::None;
        loop {
            if let Err(e) = co.yield_(got.clone()).await {
                got = e.into();
            }
        }
    })
}

pub fn throw_argument_forms() {
    let g = catcher();
    g.next().unwrap();
    let inst = PyException::new(VALUE_ERROR, "inst");
    let v = PyException::new(VALUE_ERROR, "v");
    let thrown = |args: ThrowArgs| g.throw(args).expect("caught").repr();
    say(format!("throw(ValueError) -> {}", thrown(VALUE_ERROR.into())));
    let r = g.throw(inst.clone()).unwrap();
    say(format!("throw(inst) -> {} same={}", r.repr(), py_bool(same(&r, &inst))));
    for (label, class) in [("ValueError", VALUE_ERROR), ("Exception", EXCEPTION), ("KeyError", KEY_ERROR)] {
        let r = g.throw(throw_args![class, v.clone()]).unwrap();
        say(format!("throw({label}, v) -> {} same={}", r.repr(), py_bool(same(&r, &v))));
    }
    let pair = Value::tuple(["a".into(), 1.into()]);
    let forms: [(&str, ThrowArgs); 7] = [
        ("ValueError, ('a', 1)", throw_args![VALUE_ERROR, pair]),
        ("ValueError, ()", throw_args![VALUE_ERROR, Value::tuple([])]),
        ("ValueError, None", throw_args![VALUE_ERROR, Value::None]),
        ("ValueError, 'x'", throw_args![VALUE_ERROR, "x"]),
        ("ValueError, 5", throw_args![VALUE_ERROR, 5]),
        ("ValueError, [1]", throw_args![VALUE_ERROR, vec![1]]),
        ("ValueError, 'x', None", throw_args![VALUE_ERROR, "x", Value::None]),
    ];
    for (label, args) in forms {
        say(format!("throw({label}) -> {}", thrown(args)));
    }
    let r = g.throw(throw_args![inst.clone(), Value::None]).unwrap();
    say(format!("throw(inst, None) -> {} same={}", r.repr(), py_bool(same(&r, &inst))));
    say(format!("throw(GeneratorExit, 'ge') -> {}", thrown(throw_args![GENERATOR_EXIT, "ge"])));
}

/// `throw(...)` with each bad argument form.
fn bad_throws() -> [(&'static str, ThrowArgs); 9] {
    [
        ("throw(ValueError('i'), 'v')", throw_args![PyException::new(VALUE_ERROR, "i"), "v"]),
        ("throw(ValueError, 'v', 23)", throw_args![VALUE_ERROR, "v", 23]),
        ("throw('abc')", throw_args!["abc"]),
        ("throw(5)", throw_args![5]),
        ("throw(int)", throw_args![Value::Type("int".into())]),
        ("throw(None)", throw_args![Value::None]),
        ("throw([])", throw_args![Value::list([])]),
        ("throw()", ThrowArgs::new([])),
        ("throw(ValueError, 1, None, 4)", throw_args![VALUE_ERROR, 1, Value::None, 4]),
    ]
}

pub fn throw_type_errors() {
    let g = catcher();
    g.next().unwrap();
    for (label, args) in bad_throws() {
        show(label, g.throw(args));
    }
    say(state(&g));
    show("next", g.next());
}

pub fn throw_bad_args_created_and_closed() {
    let g = Generator::new("body", |co| async move {
        say("  body runs");
        co.yield_(1).await?;
        Ok(Value::None)
    });
    show("CREATED throw('abc')", g.throw(throw_args!["abc"]));
    show("CREATED throw()", g.throw(ThrowArgs::new([])));
    say(state(&g));
    show("next", g.next());
    g.close().unwrap();
    show("CLOSED throw('abc')", g.throw(throw_args!["abc"]));
    show("CLOSED throw(ValueError('i'), 1)", g.throw(throw_args![PyException::new(VALUE_ERROR, "i"), 1]));
    say(state(&g));
}

/// `def guarded()`: try / except BaseException / finally around one yield.
fn guarded() -> Generator {
    Generator::new("guarded", |co| async move {
        say("  body runs");
        let body: PyResult = async {
            if let Err(e) = co.yield_(1).await {
                debug_assert!(e.is_instance(BASE_EXCEPTION));
                say("  except runs");
            }
            Ok(Value::None)
        }
        .await;
        say("  finally runs");
        body
    })
}

pub fn throw_into_created() {
    let g = guarded();
    let x = PyException::new(VALUE_ERROR, "x");
    let e = show("throw(x)", g.throw(x.clone())).expect("raises");
    say(format!("same={} {}", py_bool(e.is(&x)), state(&g)));
    show("next", g.next());

    let g = guarded();
    let stop = PyException::new(STOP_ITERATION, 7);
    let e = show("throw(StopIteration(7))", g.throw(stop.clone())).expect("raises");
    links("  links", &e);
    let is_original = e.cause().is_some_and(|c| c.is(&stop));
    say(format!("cause is the original: {}; {}", py_bool(is_original), state(&g)));

    let g = guarded();
    show("throw(GeneratorExit)", g.throw(GENERATOR_EXIT));
    say(state(&g));
}

pub fn throw_into_closed() {
    let g = Generator::new("once", |co| async move {
        co.yield_(1).await?;
        Ok(Value::None)
    });
    g.close().unwrap();
    let x = PyException::new(VALUE_ERROR, "x");
    let e = show("throw(x)", g.throw(x.clone())).expect("raises");
    say(format!("same={}", py_bool(e.is(&x))));
    let stop = PyException::new(STOP_ITERATION, 7);
    let e = show("throw(StopIteration(7))", g.throw(stop.clone())).expect("raises");
    say(format!("same={} context={}", py_bool(e.is(&stop)), e.context().map_or("None".into(), |c| c.repr())));
    show("throw(KeyError, 'k')", g.throw(throw_args![KEY_ERROR, "k"]));
    show("throw(GeneratorExit)", g.throw(GENERATOR_EXIT));
}

pub fn throw_outcomes_at_paused_yield() {
    let handles_and_yields = || {
        Generator::new("handles_and_yields", |co| async move {
            match co.yield_(1).await {
                Err(e) if e.is_instance(VALUE_ERROR) => {
                    say(format!("  handled {}", e.repr()));
                    co.yield_("recovered").await?;
                    Ok(Value::None)
                }
                other => other.map(|_| Value::None),
            }
        })
    };
    let handles_and_returns = || {
        Generator::new("handles_and_returns", |co| async move {
            match co.yield_(1).await {
                Err(e) if e.is_instance(VALUE_ERROR) => Ok("gave up".into()),
                other => other.map(|_| Value::None),
            }
        })
    };
    let unhandled = || {
        Generator::new("unhandled", |co| async move {
            co.yield_(1).await?;
            Ok(Value::None)
        })
    };
    let makers: [&dyn Fn() -> Generator; 3] = [&handles_and_yields, &handles_and_returns, &unhandled];
    for make in makers {
        let g = make();
        g.next().unwrap();
        let x = PyException::new(VALUE_ERROR, g.name().to_string());
        let e = show(&format!("{}: throw", g.name()), g.throw(x.clone()));
        let is_x = e.is_some_and(|e| e.is(&x));
        say(format!("  same={} {}", py_bool(is_x), state(&g)));
    }
}

pub fn throw_generator_exit_is_ordinary() {
    let mut g = Generator::new("stubborn", |co| async move {
        loop {
            match co.yield_("waiting").await {
                Err(e) if e.is_instance(GENERATOR_EXIT) => say(format!("  caught {}", e.repr())),
                Err(e) => return Err(e),
                Ok(_) => {}
            }
        }
    });
    g.next().unwrap();
    show("throw(GeneratorExit)", g.throw(GENERATOR_EXIT));
    show("throw(GeneratorExit('bye'))", g.throw(PyException::new(GENERATOR_EXIT, "bye")));
    say(state(&g));
    show("close()", g.close());
    say(state(&g));

    // Rebinding drops the stubborn generator: its finalisation fails on stderr only.
    g = Generator::new("plain", |co| async move {
        co.yield_(1).await?;
        Ok(Value::None)
    });
    g.next().unwrap();
    show("unhandled throw(GeneratorExit)", g.throw(GENERATOR_EXIT));
    say(state(&g));
}

pub fn throw_context_is_the_thrown_exception() {
    for explicit in [false, true] {
        let g = Generator::new("translator", move |co| async move {
            match co.yield_(1).await {
                Err(e) if e.is_instance(VALUE_ERROR) => {
                    let translated = PyException::new(KEY_ERROR, "translated");
                    Err(if explicit {
                        translated.with_cause(e) // raise ... from e
                    } else {
                        translated
                    })
                }
                other => other.map(|_| Value::None),
            }
        });
        g.next().unwrap();
        let label = format!("explicit={}: throw", py_bool(explicit));
        let e = show(&label, g.throw(PyException::new(VALUE_ERROR, "orig"))).expect("raises");
        links("  links", &e);
    }
}
