//! Spec §5: re-entrancy, delegation cycles, and advancing a parked chain from the middle.

use corosim::exception::{KEY_ERROR, PyException, VALUE_ERROR};
use corosim::{Generator, Value};

use crate::common::*;
use crate::throw_args;

pub fn reentrant_calls_already_executing() {
    let slot = Slot::new();
    let me = slot.clone();
    let g = Generator::new("selfish", move |co| async move {
        let g = me.get();
        show("  inside: next(g)", g.next());
        show("  inside: g.send(1)", g.send(1));
        show("  inside: g.throw(ValueError)", g.throw(VALUE_ERROR));
        show("  inside: g.close()", g.close());
        show("  inside: g.throw('abc')", g.throw(throw_args!["abc"]));
        say(format!("  still {}", state(&g)));
        drop(g);
        co.yield_("carried on").await?;
        say("  second step");
        Ok(Value::None)
    });
    slot.set(&g);
    show("next", g.next());
    show("next", g.next());
    slot.clear();
}

pub fn yield_from_self_is_a_cycle() {
    let slot = Slot::new();
    let me = slot.clone();
    let g = Generator::new("ouroboros", move |co| async move {
        match co.yield_from(me.get()).await {
            Err(e) if e.is_instance(VALUE_ERROR) => say(format!("  caught {}", e.repr())),
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        co.yield_("survived").await?;
        Ok(Value::None)
    });
    slot.set(&g);
    show("next", g.next());
    say(state(&g));
    slot.clear();
}

pub fn yield_from_ancestor_is_a_cycle() {
    let top = Slot::new();
    let t = top.clone();
    let leaf = Generator::new("leaf", move |co| async move {
        say("  leaf tries yield from top");
        co.yield_from(t.get()).await?;
        Ok(Value::None)
    });
    let middle = Generator::new("middle", |co| async move {
        match co.yield_from(leaf).await {
            Err(e) if e.is_instance(VALUE_ERROR) => say(format!("  middle caught {}", e.repr())),
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        co.yield_("middle goes on").await?;
        Ok(Value::None)
    });
    let outer = Generator::new("outer", |co| async move { co.yield_from(middle).await });
    top.set(&outer);
    show("next(top)", outer.next());
    say(format!("top {}", state(&outer)));
    show("next(top)", outer.next());
    top.clear();
}

pub fn next_top_from_inside_leaf() {
    let (top, mid) = (Slot::new(), Slot::new());
    let (t, m) = (top.clone(), mid.clone());
    let leaf = Generator::new("leaf", move |co| async move {
        show("  leaf: next(top)", t.get().next());
        show("  leaf: mid.send(1)", m.get().send(1));
        show("  leaf: top.close()", t.get().close());
        let x = co.yield_("leaf").await?;
        say(format!("  leaf got {}", x.repr()));
        Ok("leaf done".into())
    });
    let middle = Generator::new("middle", |co| async move {
        let r = co.yield_from(leaf).await?;
        say(format!("  middle got {}", r.repr()));
        co.yield_("middle").await?;
        Ok(Value::None)
    });
    let sub = middle.clone();
    let outer = Generator::new("outer", |co| async move { co.yield_from(sub).await });
    top.set(&outer);
    mid.set(&middle);
    show("next(top)", outer.next());
    show("top.send('v')", outer.send("v"));
    say(format!("top {}, mid {}", state(&outer), state(&middle)));
    top.clear();
    mid.clear();
}

fn middle() -> Generator {
    let leaf = Generator::new("leaf", |co| async move {
        let x = co.yield_("leaf-1").await?;
        say(format!("  leaf got {}", x.repr()));
        let y = co.yield_("leaf-2").await?;
        say(format!("  leaf got {}", y.repr()));
        Ok("leaf result".into())
    });
    Generator::new("middle", |co| async move {
        let r = co.yield_from(leaf).await?;
        say(format!("  middle: leaf returned {}", r.repr()));
        let z = co.yield_("middle-1").await?;
        say(format!("  middle got {}", z.repr()));
        Ok("middle result".into())
    })
}

fn outer(mid: &Generator) -> Generator {
    let mid = mid.clone();
    Generator::new("outer", |co| async move {
        let r = co.yield_from(mid).await?;
        say(format!("  top: mid returned {}", r.repr()));
        co.yield_("top-1").await?;
        Ok(Value::None)
    })
}

pub fn advance_intermediate_of_parked_chain() {
    let mid = middle();
    let top = outer(&mid);
    show("next(top)", top.next());
    show("mid.send('direct')", mid.send("direct"));
    show("top.send('via top')", top.send("via top"));
    show("mid.send('direct 2')", mid.send("direct 2"));
    let is_mid = top.yield_from_gen().is_some_and(|g| g.is(&mid));
    say(format!("mid {}; top.gi_yieldfrom is mid: {}", state(&mid), py_bool(is_mid)));
    show("next(top)", top.next());
    say(format!("top {}", state(&top)));

    let mid = middle();
    let top = outer(&mid);
    top.next().unwrap();
    mid.close().unwrap();
    show("after mid.close(): top.throw(KeyError('k'))", top.throw(PyException::new(KEY_ERROR, "k")));
    say(format!("top {}", state(&top)));
}
