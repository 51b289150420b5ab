//! Spec §4: `close()` outcomes, finalisation when the last reference goes, and
//! BaseException vs Exception.

use corosim::exception::{
    BASE_EXCEPTION, EXCEPTION, GENERATOR_EXIT, KEY_ERROR, PyException, STOP_ITERATION, VALUE_ERROR,
};
use corosim::generator::Iterable;
use corosim::{Generator, PyResult, Value};

use crate::common::*;

pub fn close_closed_is_noop() {
    let g = Generator::new("once", |co| async move {
        co.yield_(1).await?;
        Ok(Value::None)
    });
    g.next().unwrap();
    show("finish", g.next());
    show("close()", g.close());
    show("close() again", g.close());
    say(state(&g));
}

pub fn close_created_runs_nothing() {
    let g = Generator::new("guarded", |co| async move {
        say("  body runs");
        let body = co.yield_(1).await;
        say("  finally runs");
        body
    });
    show("close()", g.close());
    say(state(&g));
    show("next", g.next());
    show("throw(KeyError)", g.throw(KEY_ERROR));
    show("close() again", g.close());
}

pub fn close_suspended_throws_generator_exit() {
    let g = Generator::new("watcher", |co| async move {
        let body: PyResult = async {
            match co.yield_(1).await {
                Err(e) if e.is_instance(GENERATOR_EXIT) => {
                    say(format!("  caught {} args={}", e.repr(), args_repr(&e)));
                    say(format!(
                        "  is Exception: {}; is BaseException: {}",
                        py_bool(e.is_instance(EXCEPTION)),
                        py_bool(e.is_instance(BASE_EXCEPTION))
                    ));
                    Err(e)
                }
                other => other,
            }
        }
        .await;
        say("  finally runs");
        body
    });
    g.next().unwrap();
    show("close()", g.close());
    say(state(&g));
    show("next", g.next());
}

pub fn close_ignored_generator_exit() {
    let g = Generator::new("stubborn", |co| async move {
        if let Err(e) = co.yield_(1).await {
            if !e.is_instance(GENERATOR_EXIT) {
                return Err(e);
            }
            say("  caught GeneratorExit, yielding anyway");
            let x = co.yield_("ignored").await?;
            say(format!("  resumed with {}", x.repr()));
        }
        co.yield_("after").await?;
        Ok(Value::None)
    });
    g.next().unwrap();
    let e = show("close()", g.close()).expect("raises");
    links("  links", &e);
    say(state(&g));
    show("next", g.next());
    show("close() at a plain yield", g.close());
    say(state(&g));

    let g = Generator::new("yields_in_finally", |co| async move {
        let body = co.yield_(1).await;
        say("  finally yields");
        co.yield_("from finally").await?;
        say("  finally resumed");
        body
    });
    g.next().unwrap();
    show("close()", g.close());
    say(state(&g));
    show("close() again", g.close());
    say(state(&g));

    let sub = Generator::new("sub", |co| async move { co.yield_("from sub").await });
    let sources: [(&str, Iterable); 2] = [("list", vec!["from list"].into()), ("generator", sub.into())];
    for (label, source) in sources {
        let g = delegates_on_exit(source);
        g.next().unwrap();
        show(&format!("yield from {label} on exit: close()"), g.close());
        say(state(&g));
    }
}

fn delegates_on_exit(source: Iterable) -> Generator {
    Generator::new("delegates_on_exit", |co| async move {
        match co.yield_(1).await {
            Err(e) if e.is_instance(GENERATOR_EXIT) => {
                say("  caught GeneratorExit, yielding from a delegate");
                co.yield_from(source).await
            }
            other => other,
        }
    })
}

pub fn close_return_value_discarded() {
    let returns_on_exit = Generator::new("returns_on_exit", |co| async move {
        match co.yield_(1).await {
            Err(e) if e.is_instance(GENERATOR_EXIT) => Ok("ret from except".into()),
            other => other.map(|_| Value::None),
        }
    });
    let returns_in_finally = Generator::new("returns_in_finally", |co| async move {
        let _ = co.yield_(1).await; // `return` in finally discards the exception
        Ok("ret from finally".into())
    });
    for g in [returns_on_exit, returns_in_finally] {
        g.next().unwrap();
        show(&format!("{}: close()", g.name()), g.close());
        say(state(&g));
    }
}

fn fails(exc: PyException) -> Generator {
    Generator::new("fails", |co| async move {
        match co.yield_(1).await {
            Err(e) if e.is_instance(GENERATOR_EXIT) => Err(exc),
            other => other,
        }
    })
}

pub fn close_body_raises_other() {
    let g = fails(PyException::new(VALUE_ERROR, "cleanup failed"));
    g.next().unwrap();
    let e = show("close()", g.close()).expect("raises");
    links("  links", &e);
    say(state(&g));

    let g = fails(PyException::new(STOP_ITERATION, "in cleanup"));
    g.next().unwrap();
    let e = show("close()", g.close()).expect("raises");
    links("  links", &e);
    links("  cause links", &e.cause().expect("PEP 479 sets a cause"));
}

fn resource(name: &'static str) -> Generator {
    Generator::new("resource", move |co| async move {
        say(format!("  {name} opened"));
        let body = co.yield_(name).await;
        say(format!("  {name} finally"));
        body
    })
}

pub fn finalization_on_drop() {
    let g = resource("a");
    g.next().unwrap();
    say("del g");
    drop(g);
    say("after del");

    let mut g = resource("b");
    g.next().unwrap();
    say("rebind g");
    g = resource("c");
    say("after rebind");
    drop(g);
    say("after del of a created generator");

    {
        // for x in resource("d"): ...; break
        let it = resource("d");
        if let Ok(x) = it.next() {
            say(format!("loop got {}", x.to_str()));
        }
    }
    say("after break");

    let g = Generator::new("bad_cleanup", |co| async move {
        let _ = co.yield_(1).await;
        Err(PyException::new(VALUE_ERROR, "in finaliser"))
    });
    g.next().unwrap();
    drop(g);
    say("finaliser error was not propagated");

    let g = Generator::new("stubborn", |co| async move {
        if let Err(e) = co.yield_(1).await {
            if !e.is_instance(GENERATOR_EXIT) {
                return Err(e);
            }
            say("  stubborn yields on exit");
            co.yield_(2).await?;
        }
        Ok(Value::None)
    });
    g.next().unwrap();
    drop(g);
    say("ignored GeneratorExit was not propagated");
}

pub fn except_exception_misses_generator_exit() {
    let g = Generator::new("careful", |co| async move {
        loop {
            match co.yield_("tick").await {
                Err(e) if e.is_instance(EXCEPTION) => say(format!("  handled {}", e.repr())),
                Err(e) => return Err(e),
                Ok(_) => {}
            }
        }
    });
    g.next().unwrap();
    show("throw(ValueError('x'))", g.throw(PyException::new(VALUE_ERROR, "x")));
    show("close()", g.close());
    say(state(&g));
    say(format!("GeneratorExit is an Exception: {}", py_bool(GENERATOR_EXIT.is_subclass(EXCEPTION))));
    say(format!("GeneratorExit is a BaseException: {}", py_bool(GENERATOR_EXIT.is_subclass(BASE_EXCEPTION))));
    say(format!("StopIteration is an Exception: {}", py_bool(STOP_ITERATION.is_subclass(EXCEPTION))));
}
