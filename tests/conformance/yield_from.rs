//! Spec §6: `yield from` (PEP 380): entering, forwarding send/throw/close, outcomes, and
//! the patterns built on it.

use std::cell::RefCell;
use std::rc::Rc;

use corosim::exception::{
    ATTRIBUTE_ERROR, GENERATOR_EXIT, KEY_ERROR, PyException, RUNTIME_ERROR, STOP_ITERATION, TYPE_ERROR,
    ThrowArgs, VALUE_ERROR,
};
use corosim::generator::{Iterable, PyIterator, Step};
use corosim::{Generator, PyResult, Value};

use crate::common::*;
use crate::throw_args;

pub fn yield_from_not_iterable() {
    for x in [Value::from(5), Value::None, 1.5.into(), true.into()] {
        let it = x.clone();
        let g = Generator::new("delegator", |co| async move {
            say("  body starts");
            match co.yield_from(it).await {
                Err(e) if e.is_instance(TYPE_ERROR) => say(format!("  caught {}", e.repr())),
                Err(e) => return Err(e),
                Ok(_) => {}
            }
            co.yield_("after").await?;
            Ok(Value::None)
        });
        say(format!("created with {}: {}", x.repr(), state(&g)));
        show("next", g.next());
    }
    let g = Generator::new("uncaught", |co| async move { co.yield_from(Value::from(7)).await });
    show("uncaught: next", g.next());
    say(state(&g));
}

pub fn yield_from_coroutine_in_generator() {
    let c = Generator::coroutine("job", |_co| async move {
        say("  coroutine body runs");
        Ok(1.into())
    });
    let sub = c.clone();
    let g = Generator::new("delegator", |co| async move {
        match co.yield_from(sub).await {
            Err(e) if e.is_instance(TYPE_ERROR) => say(format!("  caught {}", e.repr())),
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        co.yield_("after").await?;
        Ok(Value::None)
    });
    show("next", g.next());
    say(format!("coroutine {}", state(&c)));
    c.close().unwrap();
    say(format!("coroutine {}", state(&c)));
}

/// `class Probe`: says which of `__next__` and `send` is called.
struct Probe {
    n: i64,
}

impl PyIterator for Probe {
    fn type_name(&self) -> &str {
        "Probe"
    }
    fn next(&mut self) -> Step {
        self.n += 1;
        say(format!("  Probe.__next__() #{}", self.n));
        if self.n > 3 {
            return Step::Returned("probe done".into());
        }
        Step::Yielded(format!("next-{}", self.n).into())
    }
    fn send(&mut self, v: Value) -> Option<Step> {
        say(format!("  Probe.send({})", v.repr()));
        Some(Step::Yielded(format!("sent-{}", v.to_str()).into()))
    }
}

pub fn yield_from_first_step_is_next() {
    let g = Generator::new("delegator", |co| async move {
        let v = co.yield_("before").await?;
        say(format!("  delegator got {}", v.repr()));
        let probe: Box<dyn PyIterator> = Box::new(Probe { n: 0 });
        let r = co.yield_from(probe).await?;
        say(format!("  yield from gave {}", r.repr()));
        co.yield_("after").await?;
        Ok(Value::None)
    });
    show("next", g.next());
    show("send('kick')", g.send("kick"));
    show("send('x')", g.send("x"));
    show("send(None)", g.send(Value::None));
    show("next", g.next());
    show("next", g.next());
}

fn sub_returning(value: Value, steps: usize) -> Generator {
    Generator::new("sub", move |co| async move {
        for i in 0..steps {
            co.yield_(format!("sub step {i}")).await?;
        }
        Ok(value)
    })
}

pub fn yield_from_return_value() {
    let g = Generator::new("delegator", |co| async move {
        let a = co.yield_from(sub_returning("A".into(), 2)).await?;
        say(format!("  got {}", a.repr()));
        let pair = Value::tuple([1.into(), 2.into()]);
        let b = co.yield_from(sub_returning(pair, 0)).await?;
        say(format!("  got {}", b.repr()));
        let c = co.yield_from(sub_returning(Value::None, 1)).await?;
        say(format!("  got {}", c.repr()));
        Ok(Value::list([a, b, c]))
    });
    for _ in 0..4 {
        show("next", g.next());
    }
}

pub fn yield_from_empty_and_exhausted() {
    let spent = || {
        Generator::new("spent", |co| async move {
            co.yield_(1).await?;
            Ok("only once".into())
        })
    };
    let exhausted = spent();
    py_list(&exhausted).unwrap();
    let closed = spent();
    closed.close().unwrap();
    let g = Generator::new("delegator", |co| async move {
        let sources: [(&str, Iterable); 6] = [
            ("[]", Value::list([]).into()),
            ("()", Value::tuple([]).into()),
            ("''", Value::from("").into()),
            ("{}", Value::dict([]).into()),
            ("exhausted", exhausted.into()),
            ("closed", closed.into()),
        ];
        for (label, it) in sources {
            let r = co.yield_from(it).await?;
            say(format!("  yield from {label} gave {}", r.repr()));
        }
        co.yield_("end").await?;
        Ok(Value::None)
    });
    show("next", g.next());
}

pub fn yield_from_send_passes_through() {
    let sub = Generator::new("sub", |co| async move {
        let mut got = Vec::new();
        while got.len() < 2 {
            let has = Value::dict([("sub has".into(), Value::list(got.clone()))]);
            got.push(co.yield_(has).await?);
        }
        Ok(Value::tuple(got))
    });
    // (n * 10 for n in range(2)): accepts send(v) and ignores v.
    let genexpr = Generator::new("<genexpr>", |co| async move {
        for n in 0..2 {
            co.yield_(n * 10).await?;
        }
        Ok(Value::None)
    });
    let g = Generator::new("delegator", |co| async move {
        let r = co.yield_from(sub).await?;
        say(format!("  sub returned {}", r.repr()));
        let r = co.yield_from(genexpr).await?;
        say(format!("  genexpr returned {}", r.repr()));
        co.yield_("end").await?;
        Ok(Value::None)
    });
    show("next", g.next());
    show("send('a')", g.send("a"));
    show("send(('b',))", g.send(Value::tuple(["b".into()])));
    show("send('ignored')", g.send("ignored"));
    show("send('ignored too')", g.send("ignored too"));
}

/// Makes a fresh iterable for each run of a case.
type MakeIterable = fn() -> Iterable;

pub fn yield_from_send_without_send_method() {
    let cases: [(&str, MakeIterable); 6] = [
        ("list", || vec![1, 2, 3].into()),
        ("range", || Iterable::range(0, 3)),
        ("tuple", || Value::tuple([1.into(), 2.into(), 3.into()]).into()),
        ("ascii str", || Value::from("abc").into()),
        ("str", || Value::from("éa!").into()),
        ("dict", || {
            Value::dict([("k".into(), 1.into()), ("j".into(), 2.into()), ("i".into(), 3.into())]).into()
        }),
    ];
    for (label, make) in cases {
        let slot = Slot::new();
        let me = slot.clone();
        let g = Generator::new("delegator", move |co| async move {
            match co.yield_from(make()).await {
                Err(e) if e.is_instance(ATTRIBUTE_ERROR) => {
                    say(format!("  caught {}", e.repr()));
                    let none = me.get().yield_from_gen().is_none();
                    say(format!("  gi_yieldfrom is None: {}", py_bool(none)));
                }
                Err(e) => return Err(e),
                Ok(_) => {}
            }
            co.yield_("after").await?;
            Ok(Value::None)
        });
        slot.set(&g);
        show(&format!("{label}: next"), g.next());
        show(&format!("{label}: send(None)"), g.send(Value::None));
        show(&format!("{label}: send(5)"), g.send(5));
        slot.clear();
    }
}

pub fn yield_from_throw_forwarded() {
    let x = PyException::new(VALUE_ERROR, "v");
    let sub = Generator::new("sub", |co| async move {
        loop {
            match co.yield_("sub").await {
                Err(e) if e.is_instance(KEY_ERROR) => say(format!("  sub handled {}", e.repr())),
                Err(e) => return Err(e),
                Ok(_) => {}
            }
        }
    });
    let original = x.clone();
    let g = Generator::new("delegator", |co| async move {
        match co.yield_from(sub).await {
            Err(e) if e.is_instance(VALUE_ERROR) => {
                say(format!("  delegator caught {} same={}", e.repr(), py_bool(e.is(&original))));
                co.yield_("delegator recovered").await?;
                Ok(Value::None)
            }
            other => other.map(|_| Value::None),
        }
    });
    g.next().unwrap();
    show("throw(KeyError('k'))", g.throw(PyException::new(KEY_ERROR, "k")));
    show("throw(x)", g.throw(x));
    show("next", g.next());
}

/// `class Recorder`: a `throw` method that shows the arguments it receives.
struct Recorder;

impl PyIterator for Recorder {
    fn type_name(&self) -> &str {
        "Recorder"
    }
    fn next(&mut self) -> Step {
        Step::Yielded("tick".into())
    }
    fn throw(&mut self, args: &ThrowArgs) -> Option<Step> {
        let args = Value::tuple(args.args().iter().cloned());
        say(format!("  Recorder.throw{}", args.repr()));
        Some(Step::Yielded("thrown".into()))
    }
}

pub fn yield_from_throw_raw_args_to_user_throw() {
    let g = Generator::new("delegator", |co| async move {
        let recorder: Box<dyn PyIterator> = Box::new(Recorder);
        co.yield_from(recorder).await
    });
    g.next().unwrap();
    let forms: [(&str, ThrowArgs); 7] = [
        ("throw(ValueError)", throw_args![VALUE_ERROR]),
        ("throw(ValueError, 'v')", throw_args![VALUE_ERROR, "v"]),
        ("throw(ValueError('i'), 'v')", throw_args![PyException::new(VALUE_ERROR, "i"), "v"]),
        ("throw('abc')", throw_args!["abc"]),
        ("throw(ValueError, 'v', None)", throw_args![VALUE_ERROR, "v", Value::None]),
        ("throw()", ThrowArgs::new([])),
        ("throw(1, 2, 3, 4)", throw_args![1, 2, 3, 4]),
    ];
    for (label, args) in forms {
        show(label, g.throw(args));
    }
    show("next", g.next());
}

pub fn yield_from_throw_bad_args_to_subgenerator() {
    let forms: [(&str, ThrowArgs); 3] = [
        ("'abc'", throw_args!["abc"]),
        ("ValueError('i'), 'v'", throw_args![PyException::new(VALUE_ERROR, "i"), "v"]),
        ("ValueError, 1, 23", throw_args![VALUE_ERROR, 1, 23]),
    ];
    for (label, args) in forms {
        let s = Generator::new("sub", |co| async move {
            co.yield_("sub").await?;
            Ok(Value::None)
        });
        let sub = s.clone();
        let g = Generator::new("delegator", |co| async move {
            match co.yield_from(sub).await {
                Err(e) if e.is_instance(TYPE_ERROR) => say(format!("  delegator caught {}", e.repr())),
                Err(e) => return Err(e),
                Ok(_) => {}
            }
            co.yield_("delegator after").await?;
            Ok(Value::None)
        });
        g.next().unwrap();
        show(&format!("throw({label})"), g.throw(args));
        say(format!("  sub {}, delegator {}", state(&s), state(&g)));
        s.close().unwrap();
    }
}

pub fn yield_from_throw_without_throw_method() {
    let x = PyException::new(VALUE_ERROR, "x");
    let original = x.clone();
    let g = Generator::new("delegator", |co| async move {
        match co.yield_from(vec![1, 2, 3]).await {
            Err(e) if e.is_instance(VALUE_ERROR) => {
                say(format!("  delegator caught {} same={}", e.repr(), py_bool(e.is(&original))))
            }
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        co.yield_("after").await?;
        Ok(Value::None)
    });
    g.next().unwrap();
    show("throw('abc')", g.throw(throw_args!["abc"]));
    show("throw(ValueError('i'), 'v')", g.throw(throw_args![PyException::new(VALUE_ERROR, "i"), "v"]));
    say(format!("  {}, gi_yieldfrom {}", state(&g), g.yield_from_name().unwrap_or_default()));
    show("next", g.next());
    show("throw(x)", g.throw(x));
}

fn closing_sub(mode: &'static str) -> Generator {
    Generator::new("sub", move |co| async move {
        match co.yield_("sub").await {
            Err(e) if e.is_instance(GENERATOR_EXIT) => {
                say(format!("  sub got {} ({mode})", e.repr()));
                match mode {
                    "return" => Ok("sub result".into()),
                    "yield" => {
                        co.yield_("sub ignores").await?;
                        Err(e)
                    }
                    "raise" => Err(PyException::new(KEY_ERROR, "sub failed")),
                    _ => Err(e),
                }
            }
            other => other.map(|_| Value::None),
        }
    })
}

/// `class Closable`: an iterator with a `close` method that may fail.
struct Closable {
    fail: bool,
}

impl PyIterator for Closable {
    fn type_name(&self) -> &str {
        "Closable"
    }
    fn next(&mut self) -> Step {
        Step::Yielded("item".into())
    }
    fn close(&mut self) -> Option<PyResult<()>> {
        say("  Closable.close()");
        Some(if self.fail { Err(PyException::new(KEY_ERROR, "close failed")) } else { Ok(()) })
    }
}

pub fn yield_from_throw_generator_exit_closes_sub() {
    for mode in ["reraise", "return", "yield", "raise"] {
        let ge = PyException::new(GENERATOR_EXIT, "bye");
        let original = ge.clone();
        let g = Generator::new("delegator", move |co| async move {
            match co.yield_from(closing_sub(mode)).await {
                Err(e) => {
                    say(format!("  delegator got {} original={}", e.repr(), py_bool(e.is(&original))));
                    links("  links", &e);
                    co.yield_("delegator handled").await?;
                    Ok(Value::None)
                }
                Ok(_) => Ok(Value::None),
            }
        });
        g.next().unwrap();
        show(&format!("{mode}: throw(ge)"), g.throw(ge));
    }
    let sources: [(&str, Iterable); 2] = [
        ("list", vec![1, 2].into()),
        ("Closable", (Box::new(Closable { fail: false }) as Box<dyn PyIterator>).into()),
    ];
    for (label, it) in sources {
        let g = Generator::new("over", |co| async move {
            match co.yield_from(it).await {
                Err(e) if e.is_instance(GENERATOR_EXIT) => {
                    say(format!("  delegator got {}", e.repr()));
                    co.yield_("handled").await?;
                    Ok(Value::None)
                }
                other => other,
            }
        });
        g.next().unwrap();
        show(&format!("{label}: throw(GeneratorExit)"), g.throw(GENERATOR_EXIT));
    }
}

fn level(name: &'static str, sub: Option<Generator>) -> Generator {
    Generator::new(name, move |co| async move {
        let body = match sub {
            None => co.yield_(format!("{name} yields")).await,
            Some(sub) => co.yield_from(sub).await,
        };
        if let Err(e) = &body
            && e.is_instance(GENERATOR_EXIT)
        {
            say(format!("  {name} got {}", e.repr()));
        }
        say(format!("  {name} finally"));
        body.map(|_| Value::None)
    })
}

fn chain3() -> (Generator, Generator, Generator) {
    let leaf = level("leaf", None);
    let mid = level("mid", Some(leaf.clone()));
    let top = level("top", Some(mid.clone()));
    (top, mid, leaf)
}

pub fn yield_from_close_innermost_first() {
    let (top, mid, leaf) = chain3();
    show("next(top)", top.next());
    show("top.close()", top.close());
    say(format!("top {}, mid {}, leaf {}", state(&top), state(&mid), state(&leaf)));

    let ge = PyException::new(GENERATOR_EXIT, "original");
    let (top, _mid, _leaf) = chain3();
    top.next().unwrap();
    let e = show("top.throw(ge)", top.throw(ge.clone())).expect("raises");
    say(format!("  original reaches the caller: {}", py_bool(e.is(&ge))));
}

fn failing_sub() -> Generator {
    Generator::new("failing_sub", |co| async move {
        let _ = co.yield_("sub").await;
        Err(PyException::new(KEY_ERROR, "sub cleanup failed"))
    })
}

pub fn yield_from_close_sub_fails() {
    let g = Generator::new("catching", |co| async move {
        match co.yield_from(failing_sub()).await {
            Err(e) if e.is_instance(KEY_ERROR) => {
                say(format!("  delegator got {}", e.repr()));
                links("  links", &e);
                co.yield_("delegator yields").await?;
                Ok(Value::None)
            }
            other => other,
        }
    });
    g.next().unwrap();
    show("catching: close()", g.close());
    say(format!("  {}", state(&g)));
    show("catching: close() again", g.close());
    say(format!("  {}", state(&g)));

    let passing = |sub: Generator| Generator::new("passing", |co| async move { co.yield_from(sub).await });
    let g = passing(failing_sub());
    g.next().unwrap();
    let e = show("failing sub: close()", g.close()).expect("raises");
    links("  links", &e);
    say(format!("  {}", state(&g)));

    let s = Generator::new("stubborn_sub", |co| async move {
        match co.yield_("sub").await {
            Err(e) if e.is_instance(GENERATOR_EXIT) => co.yield_("sub ignores").await,
            other => other,
        }
    });
    let g = passing(s.clone());
    g.next().unwrap();
    let e = show("stubborn sub: close()", g.close()).expect("raises");
    links("  links", &e);
    say(format!("  delegator {}, sub {}", state(&g), state(&s)));
}

pub fn yield_from_close_iterator_without_close() {
    let sources: [(&str, Iterable); 3] = [
        ("list", vec![1, 2].into()),
        ("Closable", (Box::new(Closable { fail: false }) as Box<dyn PyIterator>).into()),
        ("failing Closable", (Box::new(Closable { fail: true }) as Box<dyn PyIterator>).into()),
    ];
    for (label, it) in sources {
        let g = Generator::new("delegator", |co| async move {
            let r = co.yield_from(it).await;
            if let Err(e) = &r {
                say(format!("  delegator got {}", e.repr()));
            }
            r
        });
        g.next().unwrap();
        show(&format!("{label}: close()"), g.close());
        say(format!("  {}", state(&g)));
    }
}

pub fn yield_from_handled_in_middle() {
    let middle = Generator::new("middle", |co| async move {
        let mut n = 0;
        loop {
            n += 1;
            let leaf = Generator::new("leaf", move |co| async move {
                co.yield_(format!("leaf {n}")).await?;
                Ok(Value::None)
            });
            match co.yield_from(leaf).await {
                Err(e) if e.is_instance(VALUE_ERROR) => {
                    say(format!("  middle handled {}", e.repr()));
                    co.yield_("middle recovered").await?;
                }
                Err(e) => return Err(e),
                Ok(_) => {}
            }
        }
    });
    let top = Generator::new("outer", |co| async move {
        match co.yield_from(middle).await {
            Err(e) if e.is_instance(VALUE_ERROR) => {
                say("  top saw it (must not happen)");
                Ok(Value::None)
            }
            other => other,
        }
    });
    show("next", top.next());
    show("throw(ValueError('x'))", top.throw(PyException::new(VALUE_ERROR, "x")));
    show("next", top.next());
    say(format!("top {}", state(&top)));
}

/// `class Stopper`: an iterator whose `__next__` raises `StopIteration(*args)`.
struct Stopper(Vec<Value>);

impl PyIterator for Stopper {
    fn type_name(&self) -> &str {
        "Stopper"
    }
    fn next(&mut self) -> Step {
        Step::Raised(PyException::with_args(STOP_ITERATION, self.0.clone()))
    }
}

fn pep479_delegator(it: Iterable) -> Generator {
    Generator::new("delegator", |co| async move {
        match co.yield_from(it).await {
            Ok(r) => say(format!("  delegation ended with {}", r.repr())),
            Err(e) if e.is_instance(RUNTIME_ERROR) => {
                say(format!("  delegator got {}", e.repr()));
                links("  links", &e);
            }
            Err(e) => return Err(e),
        }
        co.yield_("end").await?;
        Ok(Value::None)
    })
}

pub fn yield_from_pep479_per_frame() {
    let bad_sub = Generator::new("bad_sub", |co| async move {
        co.yield_(1).await?;
        Err(PyException::new(STOP_ITERATION, "from sub"))
    });
    let g = pep479_delegator(bad_sub.into());
    show("sub: next", g.next());
    show("sub: next", g.next());
    let samples: [Vec<Value>; 3] = [vec!["from iterator".into()], vec![5.into(), 6.into()], vec![]];
    for args in samples {
        let label = format!("Stopper{}: next", Value::tuple(args.clone()).repr());
        let stopper: Box<dyn PyIterator> = Box::new(Stopper(args));
        let g = pep479_delegator(stopper.into());
        show(&label, g.next());
    }
}

type Results = Rc<RefCell<Vec<(Value, Value)>>>;

fn averager() -> Generator {
    Generator::new("averager", |co| async move {
        let (mut total, mut count) = (0.0, 0);
        let mut average = Value::None;
        loop {
            let term = co.yield_(()).await?;
            let Some(term) = term.as_f64() else { break };
            total += term;
            count += 1;
            average = (total / count as f64).into();
        }
        Ok(Value::named("Summary", [("count", count.into()), ("average", average)]))
    })
}

fn grouper(results: Results, key: &'static str) -> Generator {
    Generator::new("grouper", move |co| async move {
        loop {
            let summary = co.yield_from(averager()).await?;
            let mut results = results.borrow_mut();
            let key = Value::from(key);
            match results.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = summary,
                None => results.push((key, summary)),
            }
        }
    })
}

pub fn averager_grouper() {
    let results: Results = Rc::default();
    let data: [(&str, &[f64]); 2] = [("girls;kg", &[40.9, 38.5, 44.3]), ("boys;m", &[1.38, 1.5, 1.32, 1.25])];
    for (key, values) in data {
        let group = grouper(results.clone(), key);
        show(&format!("{key}: next"), group.next());
        for &v in values {
            group.send(v).unwrap();
        }
        show(&format!("{key}: send(None)"), group.send(Value::None));
        say(format!("  grouper is in a fresh averager: {}", group.yield_from_name().unwrap_or_default()));
    }
    say(Value::dict(results.borrow().iter().cloned()).repr());
}

pub type Order = Rc<RefCell<Vec<i64>>>;

/// A yield-from chain `depth` generators deep, built iteratively: a summing leaf under
/// `depth - 1` links that return what their delegate returns; each records its finally.
pub fn deep_chain(depth: i64, order: &Order) -> Generator {
    let record = order.clone();
    let mut g = Generator::new("leaf", |co| async move {
        let mut total = 0;
        let body: PyResult = async {
            loop {
                let x = co.yield_(total).await?;
                total += x.as_int().expect("an int");
            }
        }
        .await;
        record.borrow_mut().push(0);
        body
    });
    for d in 1..depth {
        let record = order.clone();
        let sub = g;
        g = Generator::new("link", move |co| async move {
            let body = co.yield_from(sub).await;
            record.borrow_mut().push(d);
            body
        });
    }
    g
}

fn order_summary(order: &Order) -> String {
    let order = order.borrow();
    let list = |xs: &[i64]| Value::list(xs.iter().map(|&x| Value::from(x))).repr();
    format!("{}, first {}, last {}", order.len(), list(&order[..3]), list(&order[order.len() - 3..]))
}

pub fn deep_chain_500() {
    let order: Order = Rc::default();
    let top = deep_chain(500, &order);
    show("next(top)", top.next());
    for v in [1, 2, 3] {
        show(&format!("send({v})"), top.send(v));
    }
    let (mut n, mut g) = (0, top.clone());
    while let Some(sub) = g.yield_from_gen() {
        n += 1;
        g = sub;
    }
    drop(g);
    say(format!("links below top: {n}"));
    show("close()", top.close());
    say(format!("finally blocks: {}; top {}", order_summary(&order), state(&top)));

    order.borrow_mut().clear();
    let top = deep_chain(500, &order);
    top.next().unwrap();
    top.send(5).unwrap();
    drop(top);
    say(format!("after del: finally blocks: {}", order_summary(&order)));
}
