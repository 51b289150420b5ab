//! The loop's debug warnings, worded like asyncio's, each seen as a trace event (and
//! printed to stderr): the classic mistakes a learner makes.

use corosim::aio::{self, EventLoop};
use corosim::trace::{self, Event};
use corosim::{Generator, PyException, Value, exception::VALUE_ERROR};

fn warnings(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Warning { message, .. } => Some(message.clone()),
            Event::NeverAwaited { name } => Some(format!("never awaited: {name}")),
            _ => None,
        })
        .collect()
}

#[test]
fn a_coroutine_that_is_never_driven_is_reported_when_dropped() {
    let ((), events) = trace::collect(|| {
        let forgotten = Generator::coroutine("fetch", |_co| async { Ok(Value::None) });
        drop(forgotten);
    });
    assert_eq!(warnings(&events), ["never awaited: fetch"]);
}

#[test]
fn a_coroutine_that_ran_is_not_reported() {
    let (_, events) =
        trace::collect(|| aio::run(Generator::coroutine("fetch", |_co| async { Ok(Value::None) })));
    assert!(warnings(&events).is_empty(), "{:?}", warnings(&events));
}

#[test]
fn a_failed_task_nobody_asked_about_is_reported() {
    let ((), events) = trace::collect(|| {
        let lp = EventLoop::new();
        let task = lp.create_task(Generator::coroutine("boom", |_co| async {
            Err(PyException::new(VALUE_ERROR, "boom"))
        }));
        lp.run_until_complete(Generator::coroutine(
            "main",
            |co| async move { co.await_(aio::sleep(0.1)).await },
        ))
        .unwrap();
        assert!(task.done());
        drop(task);
        lp.close().unwrap();
    });
    let w = warnings(&events);
    assert!(
        w.iter()
            .any(|m| m.starts_with("Task exception was never retrieved") && m.contains("ValueError: boom")),
        "{w:?}"
    );
}

#[test]
fn a_failed_task_whose_exception_was_read_is_not_reported() {
    let ((), events) = trace::collect(|| {
        let lp = EventLoop::new();
        let task = lp.create_task(Generator::coroutine("boom", |_co| async {
            Err(PyException::new(VALUE_ERROR, "boom"))
        }));
        lp.run_until_complete(Generator::coroutine(
            "main",
            |co| async move { co.await_(aio::sleep(0.1)).await },
        ))
        .unwrap();
        assert_eq!(task.exception().unwrap().unwrap().to_string(), "ValueError: boom");
        drop(task);
        lp.close().unwrap();
    });
    assert!(warnings(&events).is_empty(), "{:?}", warnings(&events));
}

#[test]
fn a_task_still_pending_when_the_loop_closes_is_destroyed_pending() {
    let ((), events) = trace::collect(|| {
        let lp = EventLoop::new();
        let main = Generator::coroutine("main", |co| async move {
            aio::create_task(Generator::coroutine("spin", |co| async move {
                co.await_(aio::sleep(100.0)).await
            }))?;
            co.await_(aio::sleep(1.0)).await
        });
        lp.run_until_complete(main).unwrap();
        lp.close().unwrap();
    });
    let w = warnings(&events);
    assert!(
        w.iter()
            .any(|m| m.starts_with("Task was destroyed but it is pending!") && m.contains("coro=<spin()>")),
        "{w:?}"
    );
}

#[test]
fn asyncio_run_cancels_leftover_tasks_instead() {
    let (_, events) = trace::collect(|| {
        aio::run(Generator::coroutine("main", |co| async move {
            aio::create_task(Generator::coroutine("spin", |co| async move {
                co.await_(aio::sleep(100.0)).await
            }))?;
            co.await_(aio::sleep(1.0)).await
        }))
    });
    assert!(warnings(&events).is_empty(), "{:?}", warnings(&events));
}

#[test]
fn a_step_that_blocks_the_loop_is_reported_as_slow() {
    let (_, events) = trace::collect(|| {
        aio::run(Generator::coroutine("slow_function", |_co| async {
            std::thread::sleep(std::time::Duration::from_millis(150)); // the time.sleep mistake
            Ok(42.into())
        }))
    });
    let w = warnings(&events);
    assert!(
        w.iter().any(|m| m.starts_with("Executing <Task")
            && m.contains("slow_function")
            && m.ends_with("seconds")),
        "{w:?}"
    );
}
