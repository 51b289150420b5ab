//! A panic in a generator body (Rust code: Python has no such thing, so no twin). The
//! panic reaches whoever called `send`; the generator is closed from then on; and other
//! generators, which share the thread's mailbox with it, carry on unharmed, even when the
//! panic struck between posting a value and pausing.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use corosim::{GenState, Generator, Value};

/// `echo()`: yields back whatever it is sent.
fn echo() -> Generator {
    let g = Generator::new("echo", |co| async move {
        let mut x = Value::None;
        loop {
            x = co.yield_(x).await?;
        }
    });
    g.next().unwrap();
    g
}

#[test]
fn a_panicking_body_is_closed_and_harms_no_other_generator() {
    let other = echo();
    let bad = Generator::new("bad", |co| async move {
        let v = co.yield_(1).await?;
        if v.as_int() == Some(2) {
            panic!("boom");
        }
        Ok(v)
    });
    bad.next().unwrap();
    quietly(|| assert!(catch_unwind(AssertUnwindSafe(|| bad.send(2))).is_err()));
    assert_eq!(bad.state(), GenState::Closed);
    assert_eq!(bad.send(3).unwrap_err().to_string(), "StopIteration");
    assert_eq!(other.send(7).unwrap().repr(), "7");
}

#[test]
fn a_value_posted_before_a_panic_reaches_nobody() {
    let other = echo();
    let bad = Generator::new("bad", |co| async move {
        // The `yield` posts 99 for the driver, then the body panics before pausing.
        let _never_awaited = co.yield_(99);
        panic!("boom");
    });
    quietly(|| assert!(catch_unwind(AssertUnwindSafe(|| bad.next())).is_err()));
    assert_eq!(other.send(5).unwrap().repr(), "5");
    assert_eq!(other.send("x").unwrap().repr(), "'x'");
}

/// Runs `f` without the default hook printing the expected panics.
fn quietly(f: impl FnOnce()) {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    f();
    std::panic::set_hook(hook);
}

/// Sets its flag when dropped, and panics first if asked to.
struct Guard {
    dropped: Rc<Cell<bool>>,
    panic: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.dropped.set(true);
        if self.panic {
            panic!("boom in a destructor");
        }
    }
}

/// A generator that never starts, whose body owns `guard`.
fn owning(guard: Guard) -> Generator {
    Generator::new("owner", move |co| async move {
        let _guard = guard;
        co.yield_(1).await?;
        Ok(Value::None)
    })
}

#[test]
fn a_destructor_that_panics_does_not_stop_later_frees() {
    let first = Rc::new(Cell::new(false));
    let bad = owning(Guard { dropped: first.clone(), panic: true });
    quietly(|| assert!(catch_unwind(AssertUnwindSafe(|| drop(bad))).is_err()));
    assert!(first.get());
    // The next generator freed really is freed: its body's locals are dropped now.
    let second = Rc::new(Cell::new(false));
    drop(owning(Guard { dropped: second.clone(), panic: false }));
    assert!(second.get(), "a body was not freed after an earlier destructor panicked");
}
