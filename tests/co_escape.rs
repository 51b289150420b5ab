//! A `Co` is a body's handle for `yield`; Rust lets a body hand it out (Python has no
//! such thing, so no twin). A `yield` made with it outside any running body must be an
//! error, never a pause of something that is not running, and never a use of a frame
//! that is gone: frames live inside their generator objects, and the handle does not
//! point at one.

use std::cell::RefCell;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use corosim::{Co, Generator, PyResult, Value};

/// Polls `fut` once, as a body would await it, but from plain code.
fn poll_once(fut: impl Future<Output = PyResult>) -> Poll<PyResult> {
    let mut fut = pin!(fut);
    fut.as_mut().poll(&mut Context::from_waker(Waker::noop()))
}

/// A generator whose body gives its `Co` away, then finishes.
fn leaky(stash: &Rc<RefCell<Option<Co>>>) -> Generator {
    let keep = stash.clone();
    Generator::new("leaky", move |co| {
        *keep.borrow_mut() = Some(co);
        async move { Ok(Value::None) }
    })
}

fn assert_yield_outside(got: Poll<PyResult>) {
    match got {
        Poll::Ready(Err(e)) => assert_eq!(e.to_string(), "RuntimeError: yield outside a running generator"),
        Poll::Ready(Ok(v)) => panic!("an escaped yield returned {}", v.repr()),
        Poll::Pending => panic!("an escaped yield paused"),
    }
}

#[test]
fn a_yield_outside_any_running_body_is_a_runtime_error() {
    let stash = Rc::new(RefCell::new(None));
    let g = leaky(&stash);
    assert_eq!(g.next().unwrap_err().to_string(), "StopIteration");
    drop(g); // the frame is gone; the handle must not lead to it
    let co = stash.borrow_mut().take().expect("the body gave its Co away");
    assert_yield_outside(poll_once(co.yield_(1)));
    assert_yield_outside(poll_once(co.yield_from(Value::list(vec![1.into()]))));
}

#[test]
fn a_panic_inside_a_body_leaves_no_frame_marked_running() {
    let stash = Rc::new(RefCell::new(None));
    let g = leaky(&stash);
    g.next().unwrap_err();
    let bad = Generator::new("bad", |co| async move {
        co.yield_(1).await?;
        panic!("boom")
    });
    bad.next().unwrap();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let unwound = catch_unwind(AssertUnwindSafe(|| bad.send(Value::None)));
    std::panic::set_hook(hook);
    assert!(unwound.is_err());
    drop(bad);
    let co = stash.borrow_mut().take().unwrap();
    assert_yield_outside(poll_once(co.yield_(2)));
}
