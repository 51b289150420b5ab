//! A `Co` is a body's handle for `yield`; Rust lets a body hand it out (Python has no
//! such thing, so no twin). A `yield` made with it outside any running body must be an
//! error, never a pause of something that is not running, and never a use of a frame
//! that is gone: frames live inside their generator objects, and the handle does not
//! point at one. And a body may await any future Rust allows, but a generator can only
//! pause at a `yield`: awaiting anything else that is not ready is an error too.

use std::cell::RefCell;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use corosim::{Co, GenState, Generator, PyResult, Value};

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

/// A future of some other runtime (a timer, a channel): not ready the first time.
struct NotReadyYet(bool);

impl Future for NotReadyYet {
    type Output = ();

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn assert_awaited_not_a_yield(g: &Generator, got: PyResult) {
    match got {
        Err(e) => {
            assert_eq!(e.to_string(), "RuntimeError: a generator body awaited a future that is not a yield")
        }
        Ok(v) => panic!("a pending foreign future was taken for a yield of {}", v.repr()),
    }
    assert_eq!(g.state(), GenState::Closed, "the body cannot go on: it is dropped");
    assert_eq!(g.next().unwrap_err().to_string(), "StopIteration");
}

#[test]
fn a_body_that_awaits_a_future_other_than_a_yield_raises_and_is_closed() {
    let g = Generator::new("impatient", |co| async move {
        co.yield_(1).await?;
        NotReadyYet(false).await;
        co.yield_(2).await?;
        Ok(Value::None)
    });
    assert_eq!(g.next().unwrap().repr(), "1");
    let got = g.send(Value::str("sent"));
    assert_awaited_not_a_yield(&g, got);

    // A future that is ready at once is just a call.
    let ready = Generator::new("ready", |co| async move {
        let x = std::future::ready(5).await;
        co.yield_(x).await?;
        Ok(Value::None)
    });
    assert_eq!(ready.next().unwrap().repr(), "5");

    // Before its first `yield`, too, right after another body's `yield` on this thread.
    let first = Generator::new("first", |co| async move {
        NotReadyYet(false).await;
        co.yield_(1).await?;
        Ok(Value::None)
    });
    let got = first.next();
    assert_awaited_not_a_yield(&first, got);
}
