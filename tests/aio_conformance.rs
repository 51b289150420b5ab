//! corosim's asyncio against CPython 3.11, rule by rule (spec sections 7, 8 and the asyncio
//! rows of 9).
//!
//! Each case is a Rust program (in `cases` below) and a Python twin
//! `tests/aio_conformance/<case>.py`. The case prints lines; the test asserts they equal
//! what `python3 <case>.py` prints. The expectation is always CPython's output, never
//! ours. All twins are started at once, the first time any case needs one, so the whole
//! suite waits for the slowest twin rather than for their sum.
//!
//! Twins run through `corosim::oracle`, on CPython's asyncio with a virtual clock; the
//! cases run on corosim's virtual clock. Only the order of events is compared, never
//! timestamps.
//!
//! Without a usable `python3` (3.11) the cases are skipped with a note, except under CI
//! (`CI=true`), where that is a failure.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::future::Future as StdFuture;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::rc::Rc;
use std::sync::OnceLock;

use corosim::aio::{self, Awaitable, Event, Future, ReturnWhen, Task, TaskGroup};
use corosim::exception::{
    BASE_EXCEPTION, CANCELLED_ERROR, EXCEPTION, EXCEPTION_GROUP, ExcClass, GENERATOR_EXIT,
    INVALID_STATE_ERROR, KEY_ERROR, QUEUE_EMPTY, QUEUE_FULL, RUNTIME_ERROR, STOP_ITERATION, TIMEOUT_ERROR,
    TYPE_ERROR, VALUE_ERROR,
};
use corosim::generator::{Iterable, PyAwaitable};
use corosim::oracle::{self, Use};
use corosim::{Co, Generator, PyException, PyResult, Step, Value};

// ---------------------------------------------------------------------------------------
// The harness.

/// What a case prints: Python's `print()`, one line at a time.
#[derive(Clone, Default)]
struct Out(Rc<RefCell<Vec<String>>>);

impl Out {
    fn p(&self, line: impl Into<String>) {
        self.0.borrow_mut().push(line.into());
    }
    fn lines(&self) -> Vec<String> {
        self.0.borrow().clone()
    }
}

/// `print(f"...")`.
macro_rules! say {
    ($out:expr, $($arg:tt)*) => { $out.p(format!($($arg)*)) };
}

fn twin_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/aio_conformance")
}

/// Every twin's case name (the file stem), sorted.
fn twin_names() -> BTreeSet<String> {
    std::fs::read_dir(twin_dir())
        .expect("tests/aio_conformance exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

enum Twins {
    /// No usable python3 (and not under CI): why.
    Skip(String),
    /// Each twin's stdout, or why it failed.
    Ran(HashMap<String, Result<String, String>>),
}

static TWINS: OnceLock<Twins> = OnceLock::new();

fn under_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// Runs every twin once, all in parallel: spawn them all, then collect.
fn twins() -> &'static Twins {
    TWINS.get_or_init(|| {
        // Under CI a missing python3, or another version than the one these
        // expectations were recorded with, fails; elsewhere the comparison is skipped.
        match oracle::interpreter(Use::Compare) {
            Err(e) => {
                assert!(!under_ci(), "python3 {} is required under CI: {e}", oracle::RECORDED_WITH);
                return Twins::Skip(e.to_string());
            }
            Ok(python) if python.version != oracle::RECORDED_WITH => {
                return Twins::Skip(format!("{} is CPython {}", python.name, python.version));
            }
            Ok(_) => {}
        }
        let children: Vec<(String, std::io::Result<Child>)> = twin_names()
            .into_iter()
            .map(|name| {
                // CPython's own asyncio with a virtual clock, as corosim's loop runs by
                // default: a loaded machine cannot reorder timers (corosim::oracle).
                let child = oracle::command(&twin_dir().join(format!("{name}.py")), Use::Compare)
                    .map_err(std::io::Error::other)
                    .and_then(|mut c| c.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn());
                (name, child)
            })
            .collect();
        let results = children
            .into_iter()
            .map(|(name, child)| {
                let result = child
                    .and_then(|c| c.wait_with_output())
                    .map_err(|e| format!("python3 {name}.py: {e}"))
                    .and_then(|out| {
                        if out.status.success() {
                            String::from_utf8(out.stdout).map_err(|e| e.to_string())
                        } else {
                            Err(format!(
                                "python3 {name}.py failed ({}):\n{}",
                                out.status,
                                String::from_utf8_lossy(&out.stderr)
                            ))
                        }
                    });
                (name, result)
            })
            .collect();
        Twins::Ran(results)
    })
}

/// Runs case `name` and compares what it printed with what its twin printed.
fn check(name: &str, case: fn(&Out) -> PyResult<()>) {
    let out = Out::default();
    let outcome = case(&out);
    let got = out.lines();
    if let Err(e) = outcome {
        panic!("case {name} raised {e} after printing:\n{}", got.join("\n"));
    }
    let expected = match twins() {
        Twins::Skip(why) => {
            eprintln!("skipping the CPython comparison of {name}: {why}");
            return;
        }
        Twins::Ran(map) => match map.get(name) {
            Some(Ok(stdout)) => stdout,
            Some(Err(e)) => panic!("{e}"),
            None => panic!("case {name} has no twin tests/aio_conformance/{name}.py"),
        },
    };
    let expected: Vec<&str> = expected.lines().collect();
    assert!(!expected.is_empty(), "twin {name}.py printed nothing");
    assert_eq!(
        got,
        expected,
        "\n{name}: corosim printed (left) differs from CPython (right)\n--- corosim\n{}\n--- CPython\n{}\n",
        got.join("\n"),
        expected.join("\n"),
    );
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        const CASES: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                check(stringify!($name), cases::$name);
            }
        )*
    };
}

cases! {
    create_task_runs_nothing_until_creator_suspends,
    sleep0_round_robin,
    timers_fire_in_deadline_order,
    call_soon_call_later_call_at_order,
    future_yields_itself_and_wakeup_is_queued,
    await_coroutine_runs_inline,
    task_got_bad_yield,
    task_cannot_await_on_itself,
    cancel_return_values,
    cancel_while_sleeping,
    cancel_message_args,
    cancel_caught_and_returned,
    cancel_caught_then_cancelled_again,
    two_cancels_deliver_one_error,
    cancel_before_first_step,
    task_cancels_itself,
    cancel_outer_awaiting_inner_task,
    cancel_outer_inner_swallows,
    shield_keeps_inner_running,
    run_shutdown_cancels_leftover_tasks,
    result_and_exception_in_every_state,
    cancelled_error_first_retrieval_quirk,
    set_result_twice_and_task_set_result,
    run_until_complete_reraises_same_exception,
    run_until_complete_not_awaitable,
    nested_run_until_complete,
    closed_loop_refuses_to_run,
    cancelled_error_is_base_exception,
    gather_order_and_return_exceptions,
    gather_fails_fast_and_cancel,
    wait_return_when,
    wait_timeout,
    as_completed_order,
    wait_for_timeout_cancels_inner,
    semaphore_fifo_and_bounded,
    lock_fifo_and_errors,
    event_wakes_every_waiter,
    queue_fifo_backpressure_and_errors,
    coroutine_cannot_reuse,
    coroutine_send_non_none_and_already_executing,
    coroutine_ignored_generator_exit,
    coroutine_raised_stop_iteration,
    await_non_awaitable,
    coroutine_is_not_an_iterator,
    cancel_propagates_through_gather_and_wait_for,
    cancelled_waiters_pass_their_turn_on,
    current_task_and_all_tasks,
    future_blocking_flag,
    create_task_takes_any_coroutine,
    taskgroup_failure_cancels_siblings_and_parent,
    taskgroup_errors_grouped_and_cancel_from_outside,
    timeout_raises_timeout_error_from_inner_cancel,
    timeout_nested_and_reschedule,
}

#[test]
fn every_twin_has_a_case_and_every_case_a_twin() {
    let twins = twin_names();
    let cases: BTreeSet<String> = CASES.iter().map(|s| s.to_string()).collect();
    let without_case: Vec<_> = twins.difference(&cases).collect();
    let without_twin: Vec<_> = cases.difference(&twins).collect();
    assert!(without_case.is_empty(), "twins without a case: {without_case:?}");
    assert!(without_twin.is_empty(), "cases without a twin: {without_twin:?}");
    assert!(CASES.len() >= 30, "only {} cases", CASES.len());
}

// ---------------------------------------------------------------------------------------
// Helpers shared by the cases: small spellings of Python idioms.

/// `str(bool)`.
fn py(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// `e.args`, as Python prints the tuple.
fn args(e: &PyException) -> String {
    Value::tuple(e.args().iter().cloned()).repr()
}

/// `inspect.getcoroutinestate(c)`.
fn coro_state(c: &Generator) -> String {
    format!("CORO_{}", c.state().name())
}

/// `try: ... except class as e:` — `Ok(Err(e))` when an instance of `class` was raised;
/// anything else raised propagates.
fn catch(r: PyResult, class: ExcClass) -> PyResult<Result<Value, PyException>> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(e) if e.is_instance(class) => Ok(Err(e)),
        Err(e) => Err(e),
    }
}

/// An `async def` whose body gets its own handle on the output.
fn coro<F, Fut>(name: &'static str, out: &Out, body: F) -> Generator
where
    F: FnOnce(Co, Out) -> Fut + 'static,
    Fut: StdFuture<Output = PyResult> + 'static,
{
    let out = out.clone();
    Generator::coroutine(name, move |co| body(co, out))
}

/// `asyncio.run(main())`, main being `body`.
fn run_main<F, Fut>(out: &Out, body: F) -> PyResult
where
    F: FnOnce(Co, Out) -> Fut + 'static,
    Fut: StdFuture<Output = PyResult> + 'static,
{
    aio::run(coro("main", out, body))
}

/// `async def value_after(v, d): await asyncio.sleep(d); return v`.
fn value_after(v: impl Into<Value>, d: f64) -> Generator {
    let v = v.into();
    Generator::coroutine("value_after", move |co| async move {
        co.await_(aio::sleep(d)).await?;
        Ok(v)
    })
}

/// `async def fail_after(d): await asyncio.sleep(d); raise ValueError("boom")`.
fn fail_after(d: f64) -> Generator {
    Generator::coroutine("fail_after", move |co| async move {
        co.await_(aio::sleep(d)).await?;
        Err(PyException::new(VALUE_ERROR, "boom"))
    })
}

/// A task as the plain Future it also is.
fn fut(t: &Task) -> Future {
    let f: &Future = t;
    f.clone()
}

/// `sorted(t.get_name() for t in s)`.
fn names(fs: &[Future]) -> String {
    let mut names: Vec<String> = fs.iter().map(Future::describe).collect();
    names.sort();
    Value::list(names.into_iter().map(Value::from)).repr()
}

fn current_task() -> PyResult<Task> {
    Ok(aio::get_running_loop()?.current_task().expect("called from inside a task"))
}

// ---------------------------------------------------------------------------------------
// The cases. Each mirrors its twin line by line; read them side by side.

mod cases {
    use super::*;

    fn child(out: &Out, name: &'static str) -> Generator {
        coro(name, out, move |co, o| async move {
            say!(o, "{name} starts");
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "{name} ends");
            Ok(Value::None)
        })
    }

    pub fn create_task_runs_nothing_until_creator_suspends(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let a = aio::create_task(child(&o, "a"))?;
            let b = aio::create_task(child(&o, "b"))?;
            say!(o, "created both; a.done() = {}", py(a.done()));
            for i in 0..3 {
                say!(o, "main still running {i}");
            }
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "main resumed");
            co.await_(&a).await?;
            co.await_(&b).await?;
            say!(o, "main done");
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn sleep0_round_robin(out: &Out) -> PyResult<()> {
        fn worker(out: &Out, name: &'static str, n: usize) -> Generator {
            coro(name, out, move |co, o| async move {
                for i in 0..n {
                    say!(o, "{name} {i}");
                    co.await_(aio::sleep(0.0)).await?;
                }
                say!(o, "{name} done");
                Ok(Value::None)
            })
        }
        run_main(out, |co, o| async move {
            let mut tasks = Vec::new();
            for (name, n) in [("a", 3), ("b", 1), ("c", 2)] {
                tasks.push(aio::create_task(worker(&o, name, n))?);
            }
            say!(o, "main waits");
            for t in &tasks {
                co.await_(t).await?;
            }
            say!(o, "all done");
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn timers_fire_in_deadline_order(out: &Out) -> PyResult<()> {
        fn sleeper(out: &Out, name: &'static str, delay: f64) -> Generator {
            coro(name, out, move |co, o| async move {
                co.await_(aio::sleep(delay)).await?;
                say!(o, "{name} woke");
                Ok(Value::None)
            })
        }
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            let t0 = lp.time();
            let mut tasks = Vec::new();
            for (name, d) in [("c", 0.25), ("b", 0.15), ("a", 0.05), ("a2", 0.05)] {
                tasks.push(aio::create_task(sleeper(&o, name, d))?);
            }
            for t in &tasks {
                co.await_(t).await?;
            }
            say!(o, "at least 0.25 s passed: {}", py(lp.time() - t0 >= 0.25 - 1e-6));
            let base = lp.time();
            let fut = lp.create_future();
            let f = fut.clone();
            lp.call_at(base + 0.09, "set_result", move || {
                f.set_result(Value::None).unwrap();
            });
            for (name, dt) in [("x", 0.06), ("y", 0.03), ("z", 0.045)] {
                let o = o.clone();
                lp.call_at(base + dt, "print", move || say!(o, "timer {name}"));
            }
            co.await_(&fut).await?;
            say!(o, "call_at timers done");
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn call_soon_call_later_call_at_order(out: &Out) -> PyResult<()> {
        let lp = aio::new_event_loop();
        let printer = |text: &'static str| {
            let o = out.clone();
            move || o.p(text)
        };
        let t0 = lp.time();
        lp.call_later(0.1, "print", printer("later 0.1"));
        lp.call_at(t0 + 0.05, "print", printer("at +0.05"));
        lp.call_soon("print", printer("soon 1"));
        lp.call_later(0.0, "print", printer("later 0"));
        let (l, o) = (lp.clone(), out.clone());
        lp.call_soon("reschedule", move || {
            o.p("soon 2 schedules soon 3");
            let o = o.clone();
            l.call_soon("print", move || o.p("soon 3"));
        });
        lp.call_soon("print", printer("soon 4"));
        let h = lp.call_soon("print", printer("cancelled handle: never printed"));
        h.cancel();
        say!(out, "handle cancelled: {}", py(h.cancelled()));
        let (l, o) = (lp.clone(), out.clone());
        let stopper = move || {
            o.p("stopper");
            l.stop();
            let o = o.clone();
            l.call_soon("print", move || o.p("queued by stopper"));
        };
        let when = lp.time() + 0.15;
        lp.call_at(when, "stopper", stopper);
        lp.call_at(when, "print", printer("same turn as stop"));
        lp.run_forever()?;
        say!(out, "stopped; running: {}", py(lp.is_running()));
        lp.run_until_complete(coro("noop", out, |_co, o| async move {
            o.p("noop ran");
            Ok(Value::None)
        }))?;
        lp.close()
    }

    pub fn future_yields_itself_and_wakeup_is_queued(out: &Out) -> PyResult<()> {
        fn waiter(out: &Out, fut: Future) -> Generator {
            coro("waiter", out, move |co, o| async move {
                say!(o, "waiter awaits");
                let v = co.await_(&fut).await?;
                say!(o, "waiter woke with {v}");
                Ok(Value::None)
            })
        }
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            let probe = lp.create_future();
            let Iterable::Iter(mut it) = Iterable::from(&probe) else {
                unreachable!("a future's __await__ is an iterator")
            };
            let yielded_itself = matches!(it.next(), Step::Yielded(Value::Object(id)) if id == probe.id());
            say!(o, "awaiting a pending future yields the future itself: {}", py(yielded_itself));
            let fut = lp.create_future();
            let t = aio::create_task(waiter(&o, fut.clone()))?;
            co.await_(aio::sleep(0.0)).await?;
            let o2 = o.clone();
            fut.add_done_callback("print", move |f| say!(o2, "done callback sees {}", f.result().unwrap()));
            say!(o, "setting result");
            fut.set_result(42)?;
            say!(o, "result set; waiter has not run yet");
            let o2 = o.clone();
            lp.call_soon("print", move || o2.p("callback queued after set_result"));
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "main back");
            co.await_(&t).await?;
            let v = co.await_(&fut).await?;
            say!(o, "awaiting a done future does not suspend: {v}");
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn await_coroutine_runs_inline(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(coro("other", &o, |_co, o| async move {
                o.p("other task runs");
                Ok(Value::None)
            }))?;
            let quick = coro("quick", &o, |_co, o| async move {
                o.p("quick runs inline");
                Ok(1.into())
            });
            say!(o, "quick returned {}", co.await_(quick).await?);
            let slow = coro("slow", &o, |co, o| async move {
                o.p("slow starts inline");
                co.await_(aio::sleep(0.0)).await?;
                o.p("slow resumes");
                Ok(2.into())
            });
            say!(o, "slow returned {}", co.await_(slow).await?);
            co.await_(&t).await?;
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn task_got_bad_yield(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            // `@types.coroutine def bad(): yield 123`: a generator-based awaitable.
            let bad = Generator::types_coroutine("bad", |co| async move {
                co.yield_(123).await?;
                Ok("unreachable".into())
            });
            if let Err(e) = catch(co.await_(bad).await, RUNTIME_ERROR)? {
                say!(o, "main caught {}", e.repr());
            }
            let o2 = o.clone();
            let bad_but_catches = Generator::types_coroutine("bad_but_catches", move |co| async move {
                if let Err(e) = catch(co.yield_(123).await, RUNTIME_ERROR)? {
                    say!(o2, "awaitable caught {}", e.repr());
                }
                Ok("recovered".into())
            });
            say!(o, "main got {}", co.await_(bad_but_catches).await?);
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn task_cannot_await_on_itself(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let selfish = coro("selfish", &o, |co, o| async move {
                let me = current_task()?;
                if let Err(e) = catch(co.await_(&me).await, RUNTIME_ERROR)? {
                    let text = e.message();
                    o.p(text.split(" coro=").next().unwrap());
                }
                Ok("survived".into())
            });
            let t = aio::create_task(selfish)?;
            say!(o, "{}", co.await_(&t).await?);
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancel_return_values(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            let t = aio::create_task(coro("sleeper", &o, |co, o| async move {
                o.p("sleeper starts");
                co.await_(aio::sleep(1.0)).await?;
                o.p("not reached");
                Ok(Value::None)
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel pending task: {} cancelling: {}", py(t.cancel(None)), t.cancelling());
            say!(o, "cancel again: {} cancelling: {}", py(t.cancel(None)), t.cancelling());
            say!(o, "cancel() ran no coroutine code; done: {}", py(t.done()));
            if catch(co.await_(&t).await, CANCELLED_ERROR)?.is_err() {
                o.p("await task: CancelledError");
            }
            say!(o, "cancel cancelled task: {} cancelling: {}", py(t.cancel(None)), t.cancelling());
            let a = aio::create_task(Generator::coroutine("ok", |_| async { Ok(1.into()) }))?;
            let b = aio::create_task(Generator::coroutine("fail", |_| async {
                Err(PyException::new(VALUE_ERROR, "x"))
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel finished: {} cancel failed: {}", py(a.cancel(None)), py(b.cancel(None)));
            let exc = b.exception()?.expect("b failed");
            say!(o, "failed task keeps {} and cancelling {}", exc.repr(), b.cancelling());
            let f = lp.create_future();
            let first = f.cancel(None);
            let again = f.cancel(None);
            say!(o, "future cancel: {} again: {} cancelled: {}", py(first), py(again), py(f.cancelled()));
            let g = lp.create_future();
            g.set_result(1)?;
            say!(o, "cancel done future: {}", py(g.cancel(None)));
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancel_while_sleeping(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(coro("sleeper", &o, |co, o| async move {
                o.p("sleeping");
                let r = match catch(co.await_(aio::sleep(1.0)).await, CANCELLED_ERROR) {
                    Ok(Ok(_)) => {
                        o.p("not reached");
                        Ok(Value::None)
                    }
                    Ok(Err(e)) => {
                        say!(o, "CancelledError at the await: {}", e.repr());
                        Err(e)
                    }
                    Err(other) => Err(other),
                };
                o.p("finally runs");
                r
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel: {}", py(t.cancel(None)));
            say!(o, "right after cancel(): done {}", py(t.done()));
            if let Err(e) = catch(co.await_(&t).await, CANCELLED_ERROR)? {
                say!(o, "await task raised {}", e.repr());
            }
            say!(o, "done {} cancelled {}", py(t.done()), py(t.cancelled()));
            if let Err(e) = catch(t.result(), CANCELLED_ERROR)? {
                say!(o, "result() raised {}", e.name());
            }
            match t.exception() {
                Err(e) if e.is_instance(CANCELLED_ERROR) => {
                    say!(o, "exception() raised {}", e.name())
                }
                other => say!(o, "unexpected {other:?}"),
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    fn reporting_sleeper(out: &Out) -> Generator {
        coro("sleeper", out, |co, o| async move {
            let r = catch(co.await_(aio::sleep(1.0)).await, CANCELLED_ERROR)?;
            if let Err(e) = r {
                say!(o, "inside: args {}", args(&e));
                return Err(e);
            }
            Ok(Value::None)
        })
    }

    pub fn cancel_message_args(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(reporting_sleeper(&o))?;
            co.await_(aio::sleep(0.0)).await?;
            t.cancel(Some("stop now".into()));
            if let Err(e) = catch(co.await_(&t).await, CANCELLED_ERROR)? {
                say!(o, "awaiter: args {}", args(&e));
            }
            let t2 = aio::create_task(reporting_sleeper(&o))?;
            t2.cancel(Some("early".into()));
            if let Err(e) = catch(co.await_(&t2).await, CANCELLED_ERROR)? {
                say!(o, "cancelled before its first step: args {}", args(&e));
            }
            let t3 = aio::create_task(reporting_sleeper(&o))?;
            co.await_(aio::sleep(0.0)).await?;
            t3.cancel(None);
            if let Err(e) = catch(co.await_(&t3).await, CANCELLED_ERROR)? {
                say!(o, "no message: args {}", args(&e));
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancel_caught_and_returned(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(coro("stubborn", &o, |co, o| async move {
                match co.await_(aio::sleep(1.0)).await {
                    Err(e) if e.is_instance(EXCEPTION) => {
                        o.p("not printed: except Exception does not catch CancelledError");
                        Ok(Value::None)
                    }
                    Err(e) if e.is_instance(CANCELLED_ERROR) => {
                        o.p("caught CancelledError, returning");
                        Ok("v".into())
                    }
                    Err(e) => Err(e),
                    Ok(_) => Ok(Value::None),
                }
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel: {}", py(t.cancel(None)));
            say!(o, "await: {}", co.await_(&t).await?);
            let exc = t.exception()?.map_or("None".into(), |e| e.repr());
            say!(o, "cancelled {} result {} exception {exc}", py(t.cancelled()), t.result()?.repr());
            say!(o, "cancelling {}", t.cancelling());
            say!(o, "uncancel {} cancelling {}", t.uncancel(), t.cancelling());
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancel_caught_then_cancelled_again(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(coro("persistent", &o, |co, o| async move {
                let me = current_task()?;
                if catch(co.await_(aio::sleep(1.0)).await, CANCELLED_ERROR)?.is_err() {
                    say!(o, "first cancel caught; cancelling = {}", me.cancelling());
                }
                o.p("awaiting again");
                if let Err(e) = catch(co.await_(aio::sleep(1.0)).await, CANCELLED_ERROR)? {
                    say!(o, "second cancel arrives at the new await; cancelling = {}", me.cancelling());
                    return Err(e);
                }
                Ok(Value::None)
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel 1: {}", py(t.cancel(None)));
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "task still running: {}", py(!t.done()));
            say!(o, "cancel 2: {}", py(t.cancel(None)));
            if catch(co.await_(&t).await, CANCELLED_ERROR)?.is_err() {
                say!(o, "task ended cancelled: {}", py(t.cancelled()));
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn two_cancels_deliver_one_error(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(coro("victim", &o, |co, o| async move {
                if catch(co.await_(aio::sleep(1.0)).await, CANCELLED_ERROR)?.is_err() {
                    o.p("caught one CancelledError");
                }
                co.await_(aio::sleep(0.01)).await?;
                o.p("second await completed normally");
                Ok("survived".into())
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            let (c1, c2) = (t.cancel(None), t.cancel(None));
            say!(o, "cancel: {} cancel: {} cancelling: {}", py(c1), py(c2), t.cancelling());
            let r = co.await_(&t).await?;
            say!(o, "result: {r} cancelled: {}", py(t.cancelled()));
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancel_before_first_step(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(coro("body", &o, |co, o| async move {
                o.p("body runs: not printed");
                let r = co.await_(aio::sleep(1.0)).await;
                o.p("finally: not printed either");
                r
            }))?;
            say!(o, "cancel: {}", py(t.cancel(None)));
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "done {} cancelled {}", py(t.done()), py(t.cancelled()));
            say!(o, "coroutine state: {}", coro_state(&t.get_coro().unwrap()));
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn task_cancels_itself(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(coro("quitter", &o, |_co, o| async move {
                let me = current_task()?;
                say!(o, "cancel myself: {}", py(me.cancel(None)));
                o.p("still running after cancel()");
                Ok(42.into())
            }))?;
            match catch(co.await_(&t).await, CANCELLED_ERROR)? {
                Ok(v) => say!(o, "not printed {v}"),
                Err(e) => say!(o, "quitter: cancelled {} args {}", py(t.cancelled()), args(&e)),
            }
            let t2 = aio::create_task(coro("quitter_awaits", &o, |co, o| async move {
                current_task()?.cancel(Some("self".into()));
                if let Err(e) = catch(co.await_(aio::sleep(0.0)).await, CANCELLED_ERROR)? {
                    say!(o, "CancelledError at the next await: {}", args(&e));
                    return Err(e);
                }
                Ok(Value::None)
            }))?;
            if let Err(e) = catch(co.await_(&t2).await, CANCELLED_ERROR)? {
                say!(o, "quitter_awaits: cancelled {} args {}", py(t2.cancelled()), args(&e));
            }
            let t3 = aio::create_task(coro("quitter_parks", &o, |co, o| async move {
                current_task()?.cancel(Some("parked".into()));
                if let Err(e) = catch(co.await_(aio::sleep(1.0)).await, CANCELLED_ERROR)? {
                    say!(o, "parking on a future cancels it at once: {}", args(&e));
                    return Err(e);
                }
                Ok(Value::None)
            }))?;
            if let Err(e) = catch(co.await_(&t3).await, CANCELLED_ERROR)? {
                say!(o, "quitter_parks: cancelled {} args {}", py(t3.cancelled()), args(&e));
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancel_outer_awaiting_inner_task(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let i = aio::create_task(coro("inner", &o, |co, o| async move {
                let r = co.await_(aio::sleep(1.0)).await;
                o.p("inner finally");
                r
            }))?;
            let inner = i.clone();
            let t = aio::create_task(coro("outer", &o, |co, o| async move {
                let r = co.await_(&inner).await;
                o.p("outer finally");
                r
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel outer: {}", py(t.cancel(None)));
            say!(o, "inner cancelling {} outer cancelling {}", i.cancelling(), t.cancelling());
            if catch(co.await_(&t).await, CANCELLED_ERROR)?.is_err() {
                o.p("await outer: CancelledError");
            }
            say!(o, "inner cancelled {} outer cancelled {}", py(i.cancelled()), py(t.cancelled()));
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancel_outer_inner_swallows(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let i = aio::create_task(coro("inner", &o, |co, o| async move {
                if catch(co.await_(aio::sleep(1.0)).await, CANCELLED_ERROR)?.is_err() {
                    o.p("inner swallows the cancellation");
                }
                Ok("v".into())
            }))?;
            let inner = i.clone();
            let t = aio::create_task(coro("outer", &o, |co, o| async move {
                let r = co.await_(&inner).await?;
                say!(o, "outer's await gave {r}");
                Ok(format!("{r}!").into())
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel outer: {}", py(t.cancel(None)));
            say!(o, "await outer: {}", co.await_(&t).await?);
            say!(o, "outer cancelled {} cancelling {}", py(t.cancelled()), t.cancelling());
            say!(o, "inner cancelled {} cancelling {}", py(i.cancelled()), i.cancelling());
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn shield_keeps_inner_running(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let i = aio::create_task(coro("inner", &o, |co, o| async move {
                o.p("inner starts");
                co.await_(aio::sleep(0.3)).await?;
                o.p("inner finishes");
                Ok("inner result".into())
            }))?;
            let inner = i.clone();
            let t = aio::create_task(coro("outer", &o, |co, o| async move {
                let shielded = aio::shield(&inner)?;
                match catch(co.await_(&shielded).await, CANCELLED_ERROR)? {
                    Ok(v) => Ok(v),
                    Err(e) => {
                        o.p("outer cancelled at await shield(...)");
                        Err(e)
                    }
                }
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel outer: {}", py(t.cancel(None)));
            if catch(co.await_(&t).await, CANCELLED_ERROR)?.is_err() {
                say!(o, "outer is cancelled: {}", py(t.cancelled()));
            }
            say!(o, "inner done yet? {} inner cancelling {}", py(i.done()), i.cancelling());
            say!(o, "inner result: {}", co.await_(&i).await?);
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn run_shutdown_cancels_leftover_tasks(out: &Out) -> PyResult<()> {
        let log: Rc<RefCell<Vec<String>>> = Rc::default();
        let tasks: Rc<RefCell<Vec<Task>>> = Rc::default();
        let lingering = |name: &'static str, log: Rc<RefCell<Vec<String>>>| {
            Generator::coroutine("lingering", move |co| async move {
                let r = co.await_(aio::sleep(10.0)).await;
                log.borrow_mut().push(format!("{name} finally"));
                r
            })
        };
        let l = log.clone();
        let swallower = Generator::coroutine("swallower", move |co| async move {
            if catch(co.await_(aio::sleep(10.0)).await, CANCELLED_ERROR)?.is_err() {
                l.borrow_mut().push("swallower swallowed the cancel".into());
                co.await_(aio::sleep(0.0)).await?;
                l.borrow_mut().push("swallower finished normally".into());
                return Ok("ok".into());
            }
            Ok(Value::None)
        });
        let l = log.clone();
        let last_minute = Generator::coroutine("last_minute", move |_co| async move {
            l.borrow_mut().push("last_minute ran before the loop stopped".into());
            Ok(Value::None)
        });
        let (ts, l) = (tasks.clone(), log.clone());
        let r = run_main(out, move |co, o| async move {
            for name in ["a", "b"] {
                ts.borrow_mut().push(aio::create_task(lingering(name, l.clone()))?);
            }
            ts.borrow_mut().push(aio::create_task(swallower)?);
            co.await_(aio::sleep(0.0)).await?;
            ts.borrow_mut().push(aio::create_task(last_minute)?);
            o.p("main returns");
            Ok("main result".into())
        })?;
        let mut sorted = log.borrow().clone();
        sorted.sort();
        say!(out, "log: {}", Value::from(sorted).repr());
        say!(out, "run returned {}", r.repr());
        for t in tasks.borrow().iter() {
            let result = if t.cancelled() { "None".to_string() } else { t.result()?.repr() };
            say!(out, "cancelled {} result {result}", py(t.cancelled()));
        }
        Ok(())
    }

    fn show(o: &Out, label: &str, f: &Future) {
        match f.result() {
            Ok(v) => say!(o, "{label} result -> {}", v.repr()),
            Err(e) => say!(o, "{label} result raises {}", e.repr()),
        }
        match f.exception() {
            Ok(None) => say!(o, "{label} exception -> None"),
            Ok(Some(e)) => say!(o, "{label} exception -> {}", e.repr()),
            Err(e) => say!(o, "{label} exception raises {}", e.repr()),
        }
    }

    pub fn result_and_exception_in_every_state(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            show(&o, "pending future", &lp.create_future());
            let t = aio::create_task(aio::sleep(1.0))?;
            show(&o, "pending task", &t);
            let f1 = aio::create_task(Generator::coroutine("ok", |_| async { Ok("value".into()) }))?;
            let f2 = aio::create_task(Generator::coroutine("fail", |_| async {
                Err(PyException::new(VALUE_ERROR, "boom"))
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            t.cancel(None);
            co.await_(aio::sleep(0.0)).await?;
            show(&o, "finished task", &f1);
            show(&o, "failed task", &f2);
            let same = f2.exception()?.unwrap().is(&f2.exception()?.unwrap());
            say!(o, "failed: the same exception object each time: {}", py(same));
            show(&o, "cancelled task", &t);
            let c = lp.create_future();
            c.cancel(Some("m".into()));
            show(&o, "future cancelled with a message", &c);
            show(&o, "future cancelled with a message, again", &c);
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancelled_error_first_retrieval_quirk(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let t = aio::create_task(aio::sleep(1.0))?;
            co.await_(aio::sleep(0.0)).await?;
            t.cancel(Some("why".into()));
            co.await_(aio::sleep(0.0)).await?;
            for how in ["result", "exception", "result"] {
                let e = match how {
                    "result" => t.result().unwrap_err(),
                    _ => t.exception().unwrap_err(),
                };
                assert!(e.is_instance(CANCELLED_ERROR));
                say!(o, "{how} {}", args(&e));
            }
            let t2 = aio::create_task(aio::sleep(1.0))?;
            co.await_(aio::sleep(0.0)).await?;
            t2.cancel(Some("because".into()));
            if let Err(e) = catch(co.await_(&t2).await, CANCELLED_ERROR)? {
                say!(o, "await {}", args(&e));
            }
            if let Err(e) = catch(t2.result(), CANCELLED_ERROR)? {
                say!(o, "result after await {}", args(&e));
            }
            if let Err(e) = catch(co.await_(&t2).await, CANCELLED_ERROR)? {
                say!(o, "await again {}", args(&e));
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn set_result_twice_and_task_set_result(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            let f = lp.create_future();
            f.set_result(1)?;
            if let Err(e) = f.set_result(2) {
                say!(o, "set_result twice {}", e.repr());
            }
            if let Err(e) = f.set_exception(PyException::new(VALUE_ERROR, "x")) {
                say!(o, "set_exception after result {}", e.repr());
            }
            say!(o, "result kept: {}", f.result()?);
            let c = lp.create_future();
            c.cancel(None);
            if let Err(e) = c.set_result(1) {
                assert!(e.is_instance(INVALID_STATE_ERROR));
                say!(o, "set_result on cancelled {}", e.repr());
            }
            let s = lp.create_future();
            if let Err(e) = s.set_exception(PyException::bare(STOP_ITERATION)) {
                assert!(e.is_instance(TYPE_ERROR));
                say!(o, "set_exception(StopIteration()) {}", e.repr());
            }
            let t =
                aio::create_task(coro("sleep", &o, |co, _| async move { co.await_(aio::sleep(0.0)).await }))?;
            if let Err(e) = t.set_result(1) {
                say!(o, "Task.set_result {}", e.repr());
            }
            if let Err(e) = t.set_exception(PyException::bare(VALUE_ERROR)) {
                say!(o, "Task.set_exception {}", e.repr());
            }
            co.await_(&t).await?;
            say!(o, "task finished normally: {}", t.result()?);
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn run_until_complete_reraises_same_exception(out: &Out) -> PyResult<()> {
        let err = PyException::new(VALUE_ERROR, "boom");
        let fail = |err: &PyException| {
            let err = err.clone();
            Generator::coroutine("fail", move |_| async move { Err(err) })
        };
        let ok = || Generator::coroutine("ok", |_| async { Ok("fine".into()) });
        let lp = aio::new_event_loop();
        let t = lp.create_task(fail(&err));
        if let Err(e) = catch(lp.run_until_complete(&t), VALUE_ERROR)? {
            let stored = t.exception()?.expect("the task failed");
            say!(
                out,
                "raised {} is task.exception(): {} is err: {}",
                e.repr(),
                py(e.is(&stored)),
                py(e.is(&err))
            );
        }
        say!(out, "running {} closed {}", py(lp.is_running()), py(lp.is_closed()));
        say!(out, "reusable: {}", lp.run_until_complete(ok())?);
        if let Err(e) = catch(lp.run_until_complete(fail(&err)), VALUE_ERROR)? {
            say!(out, "from a coroutine, same object: {}", py(e.is(&err)));
        }
        let fut = lp.create_future();
        let f = fut.clone();
        lp.call_later(0.01, "set_result", move || f.set_result("future result").unwrap());
        say!(out, "a future: {}", lp.run_until_complete(&fut)?);
        lp.close()?;
        if let Err(e) = catch(aio::run(fail(&err)), VALUE_ERROR)? {
            say!(out, "asyncio.run, same object: {}", py(e.is(&err)));
        }
        say!(out, "asyncio.run result: {}", aio::run(ok())?);
        Ok(())
    }

    pub fn run_until_complete_not_awaitable(out: &Out) -> PyResult<()> {
        let lp = aio::new_event_loop();
        if let Err(e) = catch(lp.run_until_complete(Value::Int(5)), TYPE_ERROR)? {
            say!(out, "{}", e.repr());
        }
        say!(out, "running {}", py(lp.is_running()));
        lp.close()?;
        if let Err(e) = catch(aio::run(Value::Int(5)), VALUE_ERROR)? {
            say!(out, "{}", e.repr());
        }
        Ok(())
    }

    pub fn nested_run_until_complete(out: &Out) -> PyResult<()> {
        let other = || Generator::coroutine("other", |_| async { Ok(1.into()) });
        let lp = aio::new_event_loop();
        let l = lp.clone();
        let main = coro("main", out, move |_co, o| async move {
            let c = other();
            if let Err(e) = catch(l.run_until_complete(c.clone()), RUNTIME_ERROR)? {
                say!(o, "{}", e.repr());
            }
            say!(o, "left un-awaited: {}", coro_state(&c));
            c.close()?;
            let loop2 = aio::new_event_loop();
            let c2 = other();
            if let Err(e) = catch(loop2.run_until_complete(c2.clone()), RUNTIME_ERROR)? {
                say!(o, "{}", e.repr());
            }
            c2.close()?;
            loop2.close()?;
            let c3 = other();
            if let Err(e) = catch(aio::run(c3.clone()), RUNTIME_ERROR)? {
                say!(o, "{}", e.repr());
            }
            c3.close()?;
            Ok("main done".into())
        });
        say!(out, "{}", lp.run_until_complete(main)?);
        lp.close()
    }

    pub fn closed_loop_refuses_to_run(out: &Out) -> PyResult<()> {
        let ok = || Generator::coroutine("ok", |_| async { Ok("ran".into()) });
        let lp = aio::new_event_loop();
        say!(out, "{}", lp.run_until_complete(ok())?);
        lp.close()?;
        say!(out, "closed {}", py(lp.is_closed()));
        let c = ok();
        if let Err(e) = catch(lp.run_until_complete(c.clone()), RUNTIME_ERROR)? {
            say!(out, "run_until_complete {}", e.repr());
        }
        say!(out, "coroutine untouched: {}", coro_state(&c));
        c.close()?;
        if let Err(e) = lp.run_forever() {
            say!(out, "run_forever {}", e.repr());
        }
        lp.close()?;
        out.p("closing twice is fine");
        Ok(())
    }

    pub fn cancelled_error_is_base_exception(out: &Out) -> PyResult<()> {
        say!(out, "CancelledError < BaseException: {}", py(CANCELLED_ERROR.is_subclass(BASE_EXCEPTION)));
        say!(out, "CancelledError < Exception: {}", py(CANCELLED_ERROR.is_subclass(EXCEPTION)));
        say!(out, "InvalidStateError < Exception: {}", py(INVALID_STATE_ERROR.is_subclass(EXCEPTION)));
        // corosim has one TimeoutError, the builtin one, as asyncio has since 3.11.
        say!(
            out,
            "asyncio.TimeoutError is TimeoutError: {}",
            py(TIMEOUT_ERROR.qualified_name() == "TimeoutError")
        );
        run_main(out, |co, o| async move {
            let t = aio::create_task(coro("guarded", &o, |co, o| async move {
                if catch(co.await_(aio::sleep(1.0)).await, EXCEPTION)?.is_err() {
                    o.p("not printed");
                }
                o.p("not printed either");
                Ok(Value::None)
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            t.cancel(None);
            if let Err(e) = catch(co.await_(&t).await, BASE_EXCEPTION)? {
                say!(o, "caught {} isinstance Exception: {}", e.name(), py(e.is_instance(EXCEPTION)));
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn gather_order_and_return_exceptions(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let g = aio::gather(
                [value_after("slow", 0.1), value_after("fast", 0.05), value_after("now", 0.0)],
                false,
            )?;
            say!(o, "{}", co.await_(&g).await?.repr());
            let doomed = aio::create_task(aio::sleep(1.0))?;
            let g = aio::gather(
                [
                    Awaitable::from(value_after(1, 0.0)),
                    Awaitable::from(fail_after(0.0)),
                    Awaitable::from(&doomed),
                ],
                true,
            )?;
            doomed.cancel(None);
            say!(o, "{}", co.await_(&g).await?.repr());
            let empty = aio::gather(Vec::<Generator>::new(), false)?;
            say!(o, "empty: {}", co.await_(&empty).await?.repr());
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn gather_fails_fast_and_cancel(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let late = aio::create_task(value_after("late", 0.3))?;
            let g = aio::gather([Awaitable::from(&late), Awaitable::from(fail_after(0.0))], false)?;
            if let Err(e) = catch(co.await_(&g).await, VALUE_ERROR)? {
                say!(o, "gather raised {} late done: {}", e.repr(), py(late.done()));
            }
            say!(o, "late still finishes: {}", co.await_(&late).await?);
            let a = aio::create_task(value_after("a", 1.0))?;
            let b = aio::create_task(value_after("b", 1.0))?;
            let g = aio::gather([&a, &b], false)?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel gather: {}", py(g.cancel(None)));
            if let Err(e) = catch(co.await_(&g).await, CANCELLED_ERROR)? {
                say!(o, "await gather: CancelledError {}", args(&e));
            }
            say!(
                o,
                "children cancelled: {} {} gather cancelled: {}",
                py(a.cancelled()),
                py(b.cancelled()),
                py(g.cancelled())
            );
            Ok(Value::None)
        })?;
        Ok(())
    }

    fn job(d: f64, fail: bool) -> Generator {
        Generator::coroutine("job", move |co| async move {
            co.await_(aio::sleep(d)).await?;
            if fail {
                return Err(PyException::new(VALUE_ERROR, "job failed"));
            }
            Ok(d.into())
        })
    }

    fn named_task(name: &'static str, g: Generator) -> PyResult<Task> {
        let t = aio::create_task(g)?;
        t.set_name(name);
        Ok(t)
    }

    pub fn wait_return_when(out: &Out) -> PyResult<()> {
        fn gated_job(gate: Future, fail: bool) -> Generator {
            Generator::coroutine("job", move |co| async move {
                co.await_(&gate).await?;
                if fail {
                    return Err(PyException::new(VALUE_ERROR, "job failed"));
                }
                Ok("ok".into())
            })
        }
        fn open_soon(gate: Future) -> Generator {
            Generator::coroutine("open_soon", move |co| async move {
                for _ in 0..3 {
                    co.await_(aio::sleep(0.0)).await?;
                }
                gate.set_result(Value::None)?;
                Ok(Value::None)
            })
        }
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            let gates: Vec<Future> = (0..4).map(|_| lp.create_future()).collect();
            let mut ts = Vec::new();
            for (i, name) in ["a", "b", "c", "d"].into_iter().enumerate() {
                ts.push(named_task(name, gated_job(gates[i].clone(), name == "b"))?);
            }
            let fs: Vec<Future> = ts.iter().map(fut).collect();
            gates[0].set_result(Value::None)?;
            let (done, pending) = aio::wait(&co, fs.clone(), None, ReturnWhen::FirstCompleted).await?;
            say!(o, "FIRST_COMPLETED done {} pending {}", names(&done), names(&pending));
            gates[2].set_result(Value::None)?;
            aio::create_task(open_soon(gates[1].clone()))?;
            let (done, pending) = aio::wait(&co, fs.clone(), None, ReturnWhen::FirstException).await?;
            say!(o, "FIRST_EXCEPTION done {} pending {}", names(&done), names(&pending));
            let helper = aio::create_task(open_soon(gates[3].clone()))?;
            let (done, pending) = aio::wait(&co, fs.clone(), None, ReturnWhen::AllCompleted).await?;
            say!(o, "ALL_COMPLETED done {} pending {}", names(&done), names(&pending));
            co.await_(&helper).await?;
            say!(o, "b failed with {}", ts[1].exception()?.unwrap().repr());
            let empty = aio::wait(&co, Vec::new(), None, ReturnWhen::AllCompleted).await;
            match empty {
                Err(e) if e.is_instance(VALUE_ERROR) => say!(o, "{}", e.repr()),
                other => say!(o, "unexpected {:?}", other.map(|_| ())),
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn wait_timeout(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let a = named_task("a", job(0.05, false))?;
            let b = named_task("b", job(0.3, false))?;
            let (done, pending) =
                aio::wait(&co, vec![fut(&a), fut(&b)], Some(0.1), ReturnWhen::AllCompleted).await?;
            say!(o, "done {} pending {}", names(&done), names(&pending));
            say!(o, "b still running: {} cancelled: {}", py(!b.done()), py(b.cancelled()));
            b.cancel(None);
            let (done, pending) = aio::wait(&co, vec![fut(&b)], Some(1.0), ReturnWhen::AllCompleted).await?;
            say!(
                o,
                "after cancel: done {} pending {} cancelled {}",
                names(&done),
                names(&pending),
                py(b.cancelled())
            );
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn as_completed_order(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let coros = [value_after("slow", 0.3), value_after("fast", 0.1), value_after("mid", 0.2)];
            for (i, next_done) in aio::as_completed(coros, None)?.enumerate() {
                say!(o, "{i} {}", co.await_(next_done).await?);
            }
            for f in aio::as_completed([value_after("never", 0.3)], Some(0.05))? {
                match catch(co.await_(f).await, TIMEOUT_ERROR)? {
                    Ok(v) => say!(o, "not printed {v}"),
                    Err(e) => {
                        say!(o, "timeout: {}", e.repr());
                        break;
                    }
                }
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn wait_for_timeout_cancels_inner(out: &Out) -> PyResult<()> {
        fn inner(out: &Out) -> Generator {
            coro("inner", out, |co, o| async move {
                let r = co.await_(aio::sleep(0.3)).await.map(|_| Value::from("late"));
                o.p("inner finally");
                r
            })
        }
        fn cause(e: &PyException) -> String {
            e.cause().map_or("None".into(), |c| c.repr())
        }
        run_main(out, |co, o| async move {
            let v = co.await_(aio::wait_for(value_after("quick", 0.01), Some(0.1))).await?;
            say!(o, "in time: {v}");
            let v = co.await_(aio::wait_for(value_after("unbounded", 0.0), None)).await?;
            say!(o, "no timeout: {v}");
            let t = aio::create_task(inner(&o))?;
            if let Err(e) = catch(co.await_(aio::wait_for(&t, Some(0.05))).await, TIMEOUT_ERROR)? {
                say!(o, "raised {} cause {} inner cancelled {}", e.repr(), cause(&e), py(t.cancelled()));
            }
            let t2 = aio::create_task(inner(&o))?;
            if let Err(e) = catch(co.await_(aio::wait_for(&t2, Some(0.0))).await, TIMEOUT_ERROR)? {
                say!(
                    o,
                    "timeout 0: raised {} cause {} cancelled {}",
                    e.repr(),
                    cause(&e),
                    py(t2.cancelled())
                );
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn semaphore_fifo_and_bounded(out: &Out) -> PyResult<()> {
        fn worker(out: &Out, name: &'static str, sem: aio::Semaphore) -> Generator {
            coro(name, out, move |co, o| async move {
                let inside = sem.hold(&co).await?;
                say!(o, "{name} in");
                co.await_(aio::sleep(0.0)).await?;
                say!(o, "{name} out");
                drop(inside);
                Ok(Value::None)
            })
        }
        fn acquirer(out: &Out, name: &'static str, sem: aio::Semaphore) -> Generator {
            coro(name, out, move |co, o| async move {
                co.await_(sem.acquire()).await?;
                say!(o, "{name} acquired");
                Ok(Value::None)
            })
        }
        run_main(out, |co, o| async move {
            let sem = aio::Semaphore::new(2)?;
            let mut ts = Vec::new();
            for name in ["a", "b", "c", "d"] {
                ts.push(aio::create_task(worker(&o, name, sem.clone()))?);
            }
            for t in &ts {
                co.await_(t).await?;
            }
            say!(o, "value back to {}", sem.value());

            let sem = aio::Semaphore::new(1)?;
            co.await_(sem.acquire()).await?;
            let c = aio::create_task(acquirer(&o, "c", sem.clone()))?;
            co.await_(aio::sleep(0.0)).await?;
            let e = aio::create_task(acquirer(&o, "e", sem.clone()))?;
            let f = aio::create_task(acquirer(&o, "f", sem.clone()))?;
            sem.release()?;
            sem.release()?;
            sem.release()?;
            say!(o, "released three times; locked: {}", py(sem.locked()));
            for i in 0..4 {
                say!(o, "main tick {i}");
                co.await_(aio::sleep(0.0)).await?;
            }
            say!(o, "all acquired: {}", py(c.done() && e.done() && f.done()));

            let b = aio::BoundedSemaphore::new(1)?;
            co.await_(b.acquire()).await?;
            b.release()?;
            if let Err(err) = b.release() {
                say!(o, "{}", err.repr());
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn lock_fifo_and_errors(out: &Out) -> PyResult<()> {
        fn user(out: &Out, name: &'static str, lock: aio::Lock) -> Generator {
            coro(name, out, move |co, o| async move {
                let held = lock.hold(&co).await?;
                say!(o, "{name} has the lock");
                co.await_(aio::sleep(0.0)).await?;
                say!(o, "{name} releases");
                drop(held);
                Ok(Value::None)
            })
        }
        run_main(out, |co, o| async move {
            let lock = aio::Lock::new();
            let mut ts = Vec::new();
            for name in ["a", "b", "c"] {
                ts.push(aio::create_task(user(&o, name, lock.clone()))?);
            }
            for t in &ts {
                co.await_(t).await?;
            }
            if let Err(e) = lock.release() {
                say!(o, "{}", e.repr());
            }
            co.await_(lock.acquire()).await?;
            let w = aio::create_task(user(&o, "w", lock.clone()))?;
            co.await_(aio::sleep(0.0)).await?;
            lock.release()?;
            say!(o, "locked right after release: {}", py(lock.locked()));
            co.await_(lock.acquire()).await?;
            o.p("main re-acquired after w");
            lock.release()?;
            co.await_(&w).await?;
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn event_wakes_every_waiter(out: &Out) -> PyResult<()> {
        fn waiter(out: &Out, name: &'static str, ev: Event) -> Generator {
            coro(name, out, move |co, o| async move {
                say!(o, "{name} waits");
                let r = co.await_(ev.wait()).await?;
                say!(o, "{name} woke {r}");
                Ok(Value::None)
            })
        }
        run_main(out, |co, o| async move {
            let ev = Event::new();
            let mut ts = Vec::new();
            for name in ["a", "b", "c"] {
                ts.push(aio::create_task(waiter(&o, name, ev.clone()))?);
            }
            co.await_(aio::sleep(0.0)).await?;
            o.p("set");
            ev.set();
            say!(o, "is_set {}", py(ev.is_set()));
            for t in &ts {
                co.await_(t).await?;
            }
            say!(o, "wait on a set event: {}", co.await_(ev.wait()).await?);
            ev.clear();
            say!(o, "is_set {}", py(ev.is_set()));
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn queue_fifo_backpressure_and_errors(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let q = aio::Queue::new(2);
            let pq = q.clone();
            let p = aio::create_task(coro("producer", &o, |co, o| async move {
                for i in 0..4 {
                    co.await_(pq.put(i)).await?;
                    say!(o, "put {i} size {}", pq.qsize());
                }
                co.await_(pq.put(Value::None)).await?;
                o.p("producer done");
                Ok(Value::None)
            }))?;
            let cq = q.clone();
            let c = aio::create_task(coro("consumer", &o, |co, o| async move {
                loop {
                    let item = co.await_(cq.get()).await?;
                    if item.is_none() {
                        break;
                    }
                    say!(o, "got {item}");
                    cq.task_done()?;
                }
                cq.task_done()?;
                o.p("consumer done");
                Ok(Value::None)
            }))?;
            co.await_(q.join()).await?;
            o.p("joined");
            co.await_(&p).await?;
            co.await_(&c).await?;
            if let Err(e) = q.task_done() {
                say!(o, "{}", e.repr());
            }
            if let Err(e) = catch(q.get_nowait(), QUEUE_EMPTY)? {
                say!(o, "{}", e.repr());
            }
            let q1 = aio::Queue::new(1);
            q1.put_nowait("x")?;
            if let Err(e) = q1.put_nowait("y") {
                assert!(e.is_instance(QUEUE_FULL));
                say!(o, "{} full {}", e.repr(), py(q1.full()));
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn coroutine_cannot_reuse(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let c = Generator::coroutine("answer", |_| async { Ok(42.into()) });
            say!(o, "{}", co.await_(&c).await?);
            if let Err(e) = catch(co.await_(&c).await, RUNTIME_ERROR)? {
                say!(o, "await again {}", e.repr());
            }
            if let Err(e) = catch(c.send(Value::None), RUNTIME_ERROR)? {
                say!(o, "send {}", e.repr());
            }
            if let Err(e) = catch(c.throw(PyException::new(VALUE_ERROR, "x")), RUNTIME_ERROR)? {
                say!(o, "throw {}", e.repr());
            }
            c.close()?;
            o.p("close: None");
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn coroutine_send_non_none_and_already_executing(out: &Out) -> PyResult<()> {
        let c =
            Generator::coroutine(
                "echo",
                |co| async move { co.await_(aio::sleep_result(0.0, "x".into())).await },
            );
        if let Err(e) = catch(c.send(1), TYPE_ERROR)? {
            say!(out, "{}", e.repr());
        }
        say!(out, "{}", coro_state(&c));
        c.send(Value::None)?;
        if let Err(e) = catch(c.send(Value::None), STOP_ITERATION)? {
            say!(out, "returned {}", e.value().repr());
        }

        let holder: Rc<RefCell<Option<Generator>>> = Rc::default();
        let h = holder.clone();
        let c = coro("reenter", out, move |_co, o| async move {
            let me = h.borrow().clone().expect("holder is filled");
            if let Err(e) = catch(me.send(Value::None), VALUE_ERROR)? {
                say!(o, "{}", e.repr());
            }
            Ok("done".into())
        });
        *holder.borrow_mut() = Some(c.clone());
        if let Err(e) = catch(c.send(Value::None), STOP_ITERATION)? {
            say!(out, "returned {}", e.value().repr());
        }
        holder.borrow_mut().take(); // break the cycle
        Ok(())
    }

    pub fn coroutine_ignored_generator_exit(out: &Out) -> PyResult<()> {
        let c = coro("stubborn", out, |co, o| async move {
            let mut ignored = 0;
            loop {
                if let Err(e) = catch(co.await_(aio::sleep(0.0)).await, GENERATOR_EXIT)? {
                    ignored += 1;
                    say!(o, "ignoring GeneratorExit {ignored}");
                    if ignored > 1 {
                        return Err(e);
                    }
                }
            }
        });
        c.send(Value::None)?;
        match c.close() {
            Err(e) => say!(out, "{}", e.repr()),
            Ok(()) => out.p("close() returned"),
        }
        say!(out, "{}", coro_state(&c));
        c.close()?;
        say!(out, "{}", coro_state(&c));
        Ok(())
    }

    pub fn coroutine_raised_stop_iteration(out: &Out) -> PyResult<()> {
        fn bad() -> Generator {
            Generator::coroutine("bad", |_| async { Err(PyException::new(STOP_ITERATION, 5)) })
        }
        run_main(out, |co, o| async move {
            let t = aio::create_task(bad())?;
            if let Err(e) = catch(co.await_(&t).await, RUNTIME_ERROR)? {
                let cause = e.cause().map_or("None".into(), |c| c.repr());
                say!(o, "task: {} cause {cause}", e.repr());
            }
            if let Err(e) = catch(bad().send(Value::None), RUNTIME_ERROR)? {
                say!(o, "send: {}", e.repr());
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn await_non_awaitable(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            for v in [Value::Int(5), Value::list([1.into(), 2.into()]), Value::from("s")] {
                match catch(co.await_(v).await, TYPE_ERROR)? {
                    Err(e) => say!(o, "{}", e.repr()),
                    Ok(v) => say!(o, "awaited {v}: no error"),
                }
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn coroutine_is_not_an_iterator(out: &Out) -> PyResult<()> {
        let answer = || Generator::coroutine("answer", |_| async { Ok(42.into()) });
        let c = answer();
        if let Err(e) = catch(c.next(), TYPE_ERROR)? {
            say!(out, "next: {}", e.repr());
        }
        if let Err(e) = catch(c.send(Value::None), STOP_ITERATION)? {
            say!(out, "send(None) drives it: {}", e.value().repr());
        }
        let c = answer();
        let inner = c.clone();
        let g = Generator::new("gen", move |co| async move { co.yield_from(inner).await });
        if let Err(e) = catch(g.next(), TYPE_ERROR)? {
            say!(out, "yield from: {}", e.repr());
        }
        c.close()
    }

    pub fn cancel_propagates_through_gather_and_wait_for(out: &Out) -> PyResult<()> {
        fn child(out: &Out, name: &'static str) -> Generator {
            coro(name, out, move |co, o| async move {
                let r = co.await_(aio::sleep(1.0)).await;
                say!(o, "{name} cleaned up");
                r
            })
        }
        run_main(out, |co, o| async move {
            let a = aio::create_task(child(&o, "a"))?;
            let b = aio::create_task(child(&o, "b"))?;
            let (ca, cb) = (a.clone(), b.clone());
            let g = aio::create_task(coro("via_gather", &o, |co, o| async move {
                let gathered = aio::gather([&ca, &cb], false)?;
                match catch(co.await_(&gathered).await, CANCELLED_ERROR)? {
                    Ok(v) => Ok(v),
                    Err(e) => {
                        o.p("via_gather: CancelledError at the await");
                        Err(e)
                    }
                }
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel: {}", py(g.cancel(None)));
            if catch(co.await_(&g).await, CANCELLED_ERROR)?.is_err() {
                say!(
                    o,
                    "gather task cancelled {} children {} {}",
                    py(g.cancelled()),
                    py(a.cancelled()),
                    py(b.cancelled())
                );
            }
            let inner = aio::create_task(child(&o, "inner"))?;
            let i = inner.clone();
            let w = aio::create_task(coro("via_wait_for", &o, |co, o| async move {
                match catch(co.await_(aio::wait_for(&i, Some(10.0))).await, CANCELLED_ERROR)? {
                    Ok(v) => Ok(v),
                    Err(e) => {
                        say!(o, "via_wait_for: CancelledError; inner done: {}", py(i.done()));
                        Err(e)
                    }
                }
            }))?;
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "cancel: {}", py(w.cancel(None)));
            if catch(co.await_(&w).await, CANCELLED_ERROR)?.is_err() {
                say!(o, "wait_for task cancelled {} inner {}", py(w.cancelled()), py(inner.cancelled()));
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn cancelled_waiters_pass_their_turn_on(out: &Out) -> PyResult<()> {
        fn take(out: &Out, name: &'static str, lock: aio::Lock) -> Generator {
            coro(name, out, move |co, o| async move {
                match lock.hold(&co).await {
                    Ok(held) => {
                        say!(o, "{name} got the lock");
                        drop(held);
                        Ok(Value::None)
                    }
                    Err(e) if e.is_instance(CANCELLED_ERROR) => {
                        say!(o, "{name} cancelled while waiting");
                        Err(e)
                    }
                    Err(e) => Err(e),
                }
            })
        }
        fn acquire(out: &Out, name: &'static str, sem: aio::Semaphore) -> Generator {
            coro(name, out, move |co, o| async move {
                match catch(co.await_(sem.acquire()).await, CANCELLED_ERROR)? {
                    Ok(_) => {
                        say!(o, "{name} acquired");
                        Ok(Value::None)
                    }
                    Err(e) => {
                        say!(o, "{name} cancelled; semaphore value {}", sem.value());
                        Err(e)
                    }
                }
            })
        }
        fn get(out: &Out, name: &'static str, q: aio::Queue) -> Generator {
            coro(name, out, move |co, o| async move {
                match catch(co.await_(q.get()).await, CANCELLED_ERROR)? {
                    Ok(v) => {
                        say!(o, "{name} got {v}");
                        Ok(Value::None)
                    }
                    Err(e) => {
                        say!(o, "{name} cancelled while waiting");
                        Err(e)
                    }
                }
            })
        }
        run_main(out, |co, o| async move {
            let lock = aio::Lock::new();
            co.await_(lock.acquire()).await?;
            let x = aio::create_task(take(&o, "x", lock.clone()))?;
            let y = aio::create_task(take(&o, "y", lock.clone()))?;
            let z = aio::create_task(take(&o, "z", lock.clone()))?;
            co.await_(aio::sleep(0.0)).await?;
            x.cancel(None);
            co.await_(aio::sleep(0.0)).await?;
            lock.release()?;
            y.cancel(None);
            co.await_(&aio::gather([&x, &y, &z], true)?).await?;
            say!(o, "lock locked: {}", py(lock.locked()));

            let sem = aio::Semaphore::new(0)?;
            let s1 = aio::create_task(acquire(&o, "s1", sem.clone()))?;
            let s2 = aio::create_task(acquire(&o, "s2", sem.clone()))?;
            co.await_(aio::sleep(0.0)).await?;
            sem.release()?;
            s1.cancel(None);
            co.await_(&aio::gather([&s1, &s2], true)?).await?;
            say!(o, "semaphore value {} s2 done {}", sem.value(), py(s2.done()));

            let q = aio::Queue::new(0);
            let g1 = aio::create_task(get(&o, "g1", q.clone()))?;
            let g2 = aio::create_task(get(&o, "g2", q.clone()))?;
            co.await_(aio::sleep(0.0)).await?;
            q.put_nowait("item")?;
            g1.cancel(None);
            co.await_(&aio::gather([&g1, &g2], true)?).await?;
            say!(o, "queue size {}", q.qsize());
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn current_task_and_all_tasks(out: &Out) -> PyResult<()> {
        fn names(tasks: &[Task]) -> String {
            let fs: Vec<Future> = tasks.iter().map(fut).collect();
            super::names(&fs)
        }
        fn child(delay: f64) -> Generator {
            Generator::coroutine("child", move |co| async move { co.await_(aio::sleep(delay)).await })
        }
        fn who() -> Generator {
            Generator::coroutine("who", |_co| async move {
                Ok(aio::current_task()?.expect("a task runs").get_name().into())
            })
        }
        let outside =
            [("current_task()", aio::current_task().map(drop)), ("all_tasks()", aio::all_tasks().map(drop))];
        for (label, result) in outside {
            if let Err(e) = catch(result.map(|()| Value::None), RUNTIME_ERROR)? {
                say!(out, "{label} outside a loop: {}", e.repr());
            }
        }
        run_main(out, |co, o| async move {
            let me = aio::current_task()?.expect("main runs in a task");
            say!(o, "current_task() in main: {} {}", me.get_name(), me.coro_name());
            let a = aio::create_task(child(1.0))?;
            a.set_name("a");
            let b = aio::create_task(child(2.0))?;
            b.set_name("b");
            say!(o, "all_tasks(): {}", names(&aio::all_tasks()?));
            let lp = aio::get_running_loop()?;
            let o2 = o.clone();
            lp.call_soon("<lambda>", move || {
                let current = aio::current_task().expect("the loop runs");
                say!(
                    o2,
                    "in a plain callback, current_task(): {}",
                    current.map_or("None".into(), |t| t.get_name())
                );
            });
            co.await_(&a).await?;
            say!(o, "after a is done: {}", names(&aio::all_tasks()?));
            let t = aio::create_task(who())?;
            t.set_name("who");
            say!(o, "a task sees itself: {}", co.await_(&t).await?.to_str());
            say!(o, "an awaited coroutine runs in the awaiting task: {}", co.await_(who()).await?.to_str());
            co.await_(&b).await?;
            say!(o, "only main is left: {}", names(&aio::all_tasks()?));
            Ok(Value::None)
        })?;
        Ok(())
    }

    /// `class Relay`: an awaitable whose `__await__` steps the future's own iterator by
    /// hand, to look at `_asyncio_future_blocking` between the future's yield and the
    /// task taking it up.
    struct Relay(Future, Out);

    impl PyAwaitable for Relay {
        fn type_name(&self) -> &str {
            "Relay"
        }
        fn await_(&self) -> PyResult<Iterable> {
            let (fut, o) = (self.0.clone(), self.1.clone());
            Ok(Generator::new("__await__", move |co| async move {
                let Iterable::Iter(mut it) = Iterable::from(&fut) else {
                    unreachable!("a future's __await__ is an iterator")
                };
                let yielded = match it.next() {
                    Step::Yielded(y) => y,
                    other => unreachable!("a pending future yields itself first, not {other:?}"),
                };
                let itself = yielded == Value::Object(fut.id());
                say!(
                    o,
                    "the future yielded itself: {} blocking: {}",
                    py(itself),
                    py(fut.asyncio_future_blocking())
                );
                let sent = co.yield_(yielded).await?;
                say!(o, "the task woke the relay, blocking: {}", py(fut.asyncio_future_blocking()));
                match it.send(sent) {
                    Some(Step::Returned(v)) => Ok(v),
                    Some(Step::Raised(e)) => Err(e),
                    other => unreachable!("a done future returns, not {other:?}"),
                }
            })
            .into())
        }
    }

    pub fn future_blocking_flag(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            let fut = lp.create_future();
            say!(o, "new future, blocking: {}", py(fut.asyncio_future_blocking()));
            let (f, o2) = (fut.clone(), o.clone());
            lp.call_soon("<lambda>", move || {
                say!(o2, "a callback while the task is parked, blocking: {}", py(f.asyncio_future_blocking()))
            });
            let f = fut.clone();
            lp.call_later(1.0, "<lambda>", move || f.set_result("done").expect("pending"));
            let o2 = o.clone();
            fut.add_done_callback("<lambda>", move |f| {
                say!(o2, "done callback, blocking: {}", py(f.asyncio_future_blocking()))
            });
            let result = co.await_(Relay(fut.clone(), o.clone())).await?;
            say!(o, "main got {} blocking: {}", result.to_str(), py(fut.asyncio_future_blocking()));
            let direct = lp.create_future();
            let (d, o2) = (direct.clone(), o.clone());
            lp.call_soon("<lambda>", move || {
                say!(o2, "awaited directly, while parked: {}", py(d.asyncio_future_blocking()))
            });
            let d = direct.clone();
            lp.call_soon("<lambda>", move || d.set_result("direct").expect("pending"));
            let v = co.await_(&direct).await?;
            say!(o, "awaited directly: {} blocking: {}", v.to_str(), py(direct.asyncio_future_blocking()));
            let probe = lp.create_future();
            let Iterable::Iter(mut it) = Iterable::from(&probe) else { unreachable!("an iterator") };
            it.next();
            say!(
                o,
                "stepped by hand, never given to a task, blocking: {}",
                py(probe.asyncio_future_blocking())
            );
            co.await_(aio::sleep(0.0)).await?;
            say!(o, "a step later, still: {}", py(probe.asyncio_future_blocking()));
            Ok(Value::None)
        })?;
        Ok(())
    }

    /// `class Ticket`: `__await__` returns the future's own.
    struct Ticket(Future);

    impl PyAwaitable for Ticket {
        fn type_name(&self) -> &str {
            "Ticket"
        }
        fn await_(&self) -> PyResult<Iterable> {
            Ok(Iterable::from(&self.0))
        }
    }

    pub fn create_task_takes_any_coroutine(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            // Each line must compile as it is: sleep(0) and sleep(d) are one type.
            let zero = aio::create_task(aio::sleep(0.0))?;
            let one = aio::create_task(aio::sleep_result(1.0, "one".into()))?;
            say!(o, "coroutines: {} {}", zero.coro_name(), one.coro_name());
            let (z, n) = (co.await_(&zero).await?, co.await_(&one).await?);
            say!(o, "results: {} {}", z.to_str(), n.to_str());
            let f = aio::ensure_future(aio::sleep_result(0.0, "zero".into()))?;
            let t = Task::from_future(&f).expect("a task");
            say!(o, "ensure_future(sleep(0, 'zero')): {} {}", t.coro_name(), co.await_(&f).await?.to_str());
            let fut = lp.create_future();
            let refused: [(&str, Awaitable); 2] =
                [("a Future", Awaitable::from(&fut)), ("an int", Awaitable::from(Value::from(5)))];
            for (label, x) in refused {
                if let Err(e) = catch(aio::create_task(x).map(|_| Value::None), TYPE_ERROR)? {
                    say!(o, "create_task({label}): {}", e.message());
                }
            }
            if catch(aio::create_task(Ticket(fut.clone())).map(|_| Value::None), TYPE_ERROR)?.is_err() {
                say!(o, "create_task(an awaitable object): TypeError");
            }
            let t = aio::ensure_future(Ticket(fut.clone()))?;
            let name = Task::from_future(&t).expect("a task").coro_name();
            say!(o, "ensure_future(an awaitable object) wraps it: {name}");
            fut.set_result("ticket")?;
            say!(o, "it awaits the future: {}", co.await_(&t).await?.to_str());
            say!(o, "await Ticket(...) itself: {}", co.await_(Ticket(fut)).await?.to_str());
            Ok(Value::None)
        })?;
        Ok(())
    }

    /// `round(x, 3)`, for loop-time differences.
    fn r3(x: f64) -> String {
        Value::from((x * 1000.0).round() / 1000.0).repr()
    }

    fn tg_worker(out: &Out, name: &'static str, delay: f64, fail: bool) -> Generator {
        coro(name, out, move |co, o| async move {
            if let Err(e) = co.await_(aio::sleep(delay)).await {
                if e.is_instance(CANCELLED_ERROR) {
                    say!(o, "{name} cancelled");
                }
                return Err(e);
            }
            if fail {
                return Err(PyException::new(VALUE_ERROR, name));
            }
            say!(o, "{name} done");
            Ok(name.into())
        })
    }

    pub fn taskgroup_failure_cancels_siblings_and_parent(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let me = current_task()?;
            let tg = TaskGroup::new();
            tg.aenter()?;
            let a = tg.create_task(tg_worker(&o, "a", 0.1, false))?;
            tg.create_task(tg_worker(&o, "b", 0.2, true))?;
            let c = tg.create_task(tg_worker(&o, "c", 0.3, false))?;
            let body = co.await_(aio::sleep(1.0)).await;
            if let Err(e) = &body
                && e.is_instance(CANCELLED_ERROR)
            {
                say!(o, "parent cancelled in the block, cancelling {}", me.cancelling());
            }
            if let Err(eg) = catch(co.await_(tg.aexit(body.err())).await, EXCEPTION_GROUP)? {
                say!(o, "caught {}", eg.message());
                say!(o, "repr {}", eg.repr());
                let cause = eg.cause().map_or("None".into(), |c| c.repr());
                say!(o, "suppress_context {} cause {cause}", py(eg.suppress_context()));
            }
            say!(o, "a {} c cancelled {}", a.result()?.to_str(), py(c.cancelled()));
            say!(o, "parent cancelling {}", me.cancelling());
            say!(o, "group {}", tg.repr());
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn taskgroup_errors_grouped_and_cancel_from_outside(out: &Out) -> PyResult<()> {
        fn fail(e: PyException) -> Generator {
            Generator::coroutine("fail", move |co| async move {
                co.await_(aio::sleep(0.1)).await?;
                Err(e)
            })
        }
        fn sleeper(out: &Out, name: &'static str) -> Generator {
            coro(name, out, move |co, o| async move {
                let r = co.await_(aio::sleep(10.0)).await;
                if r.is_err() {
                    say!(o, "{name} cancelled");
                }
                r
            })
        }
        fn runner(out: &Out) -> Generator {
            coro("runner", out, |co, o| async move {
                let tg = TaskGroup::new();
                tg.aenter()?;
                tg.create_task(sleeper(&o, "child"))?;
                let body = co.await_(aio::sleep(10.0)).await;
                co.await_(tg.aexit(body.clone().err())).await?;
                body
            })
        }
        run_main(out, |co, o| async move {
            let tg = TaskGroup::new();
            tg.aenter()?;
            tg.create_task(fail(PyException::new(KEY_ERROR, "k")))?;
            tg.create_task(fail(PyException::new(VALUE_ERROR, "v")))?;
            let eg = co.await_(tg.aexit(None)).await.unwrap_err();
            // except* KeyError / except* ValueError: each clause takes its part.
            let mut rest = Some(eg);
            for (label, class) in [("keys", KEY_ERROR), ("values", VALUE_ERROR)] {
                let Some(eg) = rest.take() else { break };
                let (m, r) = eg.split(&mut |e| Ok(e.is_instance(class)), true, &mut |g, x| g.subset(x))?;
                if let Some(m) = m {
                    say!(o, "{label} {}", m.repr());
                }
                rest = r;
            }
            assert!(rest.is_none(), "every part was handled");
            let t = aio::create_task(runner(&o))?;
            co.await_(aio::sleep(0.1)).await?;
            t.cancel(None);
            if let Err(e) = catch(co.await_(&t).await, CANCELLED_ERROR)? {
                say!(o, "runner {} cancelled {}", e.repr(), py(t.cancelled()));
            }
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn timeout_raises_timeout_error_from_inner_cancel(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            let start = lp.time();
            let t = aio::timeout(Some(0.5))?;
            say!(o, "before {}", t.repr());
            t.aenter()?;
            say!(o, "inside, deadline in {}", r3(t.when().unwrap_or_default() - start));
            let body = co.await_(aio::sleep(2.0)).await;
            if let Err(e) = &body {
                say!(o, "inner {}", e.repr());
            }
            if let Err(e) = catch(t.aexit(body.err()).map(|_| Value::None), TIMEOUT_ERROR)? {
                say!(o, "raised {}", e.repr());
                let (cause, context) = (e.cause().expect("a cause"), e.context().expect("a context"));
                say!(o, "cause {} context is cause {}", cause.repr(), py(cause.is(&context)));
            }
            say!(o, "elapsed {} expired {} {}", r3(lp.time() - start), py(t.expired()), t.repr());
            say!(o, "cancelling {}", current_task()?.cancelling());
            let ok = aio::timeout(Some(1.0))?;
            ok.aenter()?;
            let body = co.await_(aio::sleep(0.5)).await;
            ok.aexit(body.err())?;
            say!(o, "in time {} {}", py(ok.expired()), ok.repr());
            Ok(Value::None)
        })?;
        Ok(())
    }

    pub fn timeout_nested_and_reschedule(out: &Out) -> PyResult<()> {
        run_main(out, |co, o| async move {
            let lp = aio::get_running_loop()?;
            let start = lp.time();
            let outer = aio::timeout(Some(0.3))?;
            outer.aenter()?;
            let inner = aio::timeout(Some(1.0))?;
            inner.aenter()?;
            let body = co.await_(aio::sleep(5.0)).await;
            let body = inner.aexit(body.clone().err()).and(body);
            say!(o, "inner expired {}", py(inner.expired()));
            if catch(outer.aexit(body.err()).map(|_| Value::None), TIMEOUT_ERROR)?.is_err() {
                say!(o, "outer fired {} {}", py(outer.expired()), r3(lp.time() - start));
            }
            let start = lp.time();
            let outer = aio::timeout(Some(1.0))?;
            outer.aenter()?;
            let inner = aio::timeout(Some(0.2))?;
            inner.aenter()?;
            let body = co.await_(aio::sleep(5.0)).await;
            if catch(inner.aexit(body.err()).map(|_| Value::None), TIMEOUT_ERROR)?.is_err() {
                say!(o, "inner fired {} {}", py(inner.expired()), r3(lp.time() - start));
            }
            outer.aexit(None)?;
            say!(o, "outer expired {}", py(outer.expired()));
            let start = lp.time();
            let t = aio::timeout(None)?;
            t.aenter()?;
            t.reschedule(Some(lp.time() + 0.4))?;
            let mut body = co.await_(aio::sleep(0.2)).await;
            if body.is_ok() {
                t.reschedule(Some(lp.time() + 0.4))?;
                body = co.await_(aio::sleep(5.0)).await;
            }
            if catch(t.aexit(body.err()).map(|_| Value::None), TIMEOUT_ERROR)?.is_err() {
                say!(o, "rescheduled fired {}", r3(lp.time() - start));
            }
            if let Err(e) = catch(t.reschedule(None).map(|_| Value::None), RUNTIME_ERROR)? {
                say!(o, "{}", e.message());
            }
            Ok(Value::None)
        })?;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Rules with no twin: Python would hang, or has no Rust panics.

/// A loop where nothing can ever happen again returns an error naming every pending task
/// and what it waits on, instead of hanging; the loop can run again afterwards.
#[test]
fn a_stalled_loop_names_each_pending_task_and_what_it_waits_on() {
    let lp = aio::new_event_loop();
    let ev = Event::new();
    let main = Generator::coroutine("main", move |co| async move {
        let lp = aio::get_running_loop()?;
        let fut = lp.create_future();
        fut.set_label("nobody completes me");
        let helper = Generator::coroutine("helper", move |co| async move { co.await_(ev.wait()).await });
        lp.create_task(helper);
        co.await_(&fut).await
    });
    let err = lp.run_until_complete(main).unwrap_err();
    assert!(err.is_instance(RUNTIME_ERROR), "{err}");
    let text = err.message();
    assert!(text.starts_with("event loop stalled"), "{text}");
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "  <Task pending name='Task-1' coro=<main()>> waiting on Future-1 (nobody completes me) (pending)",
            "  <Task pending name='Task-2' coro=<helper()>> waiting on Future-2 (Event.wait) (pending)",
        ],
        "{text}"
    );
    assert!(!lp.is_running());
    let again = Generator::coroutine("again", |co| async move {
        co.await_(aio::sleep(1.0)).await?;
        Ok("ran".into())
    });
    assert_eq!(lp.run_until_complete(again).unwrap().repr(), "'ran'");
    lp.close().unwrap();
}

/// `asyncio.run` of a stalled main reports the stall, and still cancels the tasks left
/// (their cleanup runs) and closes the loop.
#[test]
fn asyncio_run_of_a_stalled_main_reports_it_and_cleans_up() {
    let cleaned = Rc::new(RefCell::new(Vec::new()));
    let c = cleaned.clone();
    let main = Generator::coroutine("main", move |co| async move {
        let lp = aio::get_running_loop()?;
        let never = lp.create_future();
        let c2 = c.clone();
        let blocked = Generator::coroutine("blocked", move |co| async move {
            let r = co.await_(&never).await;
            c2.borrow_mut().push("blocked cleaned up");
            r
        });
        let t = lp.create_task(blocked);
        let r = co.await_(&t).await;
        c.borrow_mut().push("main cleaned up");
        r
    });
    let err = aio::run(main).unwrap_err();
    assert!(err.message().starts_with("event loop stalled"), "{err}");
    assert!(err.message().contains("coro=<blocked()>"), "{err}");
    assert_eq!(*cleaned.borrow(), ["blocked cleaned up", "main cleaned up"]);
}

/// A panic inside a coroutine becomes an exception of its task: `run_until_complete`
/// returns it, and the loop runs normally afterwards.
#[test]
fn a_panic_in_a_coroutine_is_an_error_and_the_loop_stays_usable() {
    let lp = aio::new_event_loop();
    let boom = Generator::coroutine("boom", |co| async move {
        co.await_(aio::sleep(1.0)).await?;
        panic!("kaboom");
    });
    let err = lp.run_until_complete(boom).unwrap_err();
    assert!(err.is_instance(RUNTIME_ERROR), "{err}");
    assert!(err.message().contains("kaboom"), "{err}");
    assert!(!lp.is_running());
    assert!(aio::get_running_loop().is_err(), "no loop is left marked running");

    // A panicking child task: whoever awaits it gets the error; siblings carry on.
    let main = Generator::coroutine("main", |co| async move {
        let lp = aio::get_running_loop()?;
        let child = lp.create_task(Generator::coroutine("child", |co| async move {
            co.await_(aio::sleep(0.0)).await?;
            panic!("child panicked");
        }));
        let sibling = lp.create_task(Generator::coroutine("sibling", |co| async move {
            co.await_(aio::sleep(2.0)).await?;
            Ok("sibling done".into())
        }));
        let caught = match co.await_(&child).await {
            Err(e) if e.message().contains("child panicked") => "caught",
            _ => "missed",
        };
        let s = co.await_(&sibling).await?;
        Ok(Value::tuple([caught.into(), s]))
    });
    assert_eq!(lp.run_until_complete(main).unwrap().repr(), "('caught', 'sibling done')");
    assert_eq!(lp.time(), 3.0);

    // A panicking plain callback is reported and skipped; the next callback runs.
    let ran = Rc::new(RefCell::new(false));
    lp.call_soon("bad callback", || panic!("callback panicked"));
    let r = ran.clone();
    lp.call_soon("good callback", move || *r.borrow_mut() = true);
    let noop = Generator::coroutine("noop", |_| async { Ok(Value::None) });
    lp.run_until_complete(noop).unwrap();
    assert!(*ran.borrow());
    lp.close().unwrap();
}
