//! The conformance suite: corosim against CPython 3.11, case by case.
//!
//! Every case is a Rust function here and a Python twin `tests/conformance/<case>.py`
//! that does the same thing in Python. Both print through the same small vocabulary
//! (`tests/common/mod.rs` and `tests/conformance/harness.py`), and each `#[test]` asserts
//! that corosim prints exactly what CPython prints. The rules pinned are those of
//! `shared/spec/python-semantics.md` §1–6 and the generator error strings of §9.
//!
//! Without `python3` a case still runs its Rust side (nothing may panic), then fails under
//! `CI=true` or is skipped with a note otherwise.
//!
//! Adding a case: write the twin first and run it (`python3 tests/conformance/x.py`), then
//! the Rust function in the group module for its section, then list it in `cases!`.
//! `every_case_has_a_twin_and_back` catches a missing half.

mod common;

#[path = "conformance/close.rs"]
mod close;
#[path = "conformance/coroutine.rs"]
mod coroutine;
#[path = "conformance/misuse.rs"]
mod misuse;
#[path = "conformance/model.rs"]
mod model;
#[path = "conformance/reentrancy.rs"]
mod reentrancy;
#[path = "conformance/repr.rs"]
mod repr;
#[path = "conformance/send_throw.rs"]
mod send_throw;
#[path = "conformance/yield_from.rs"]
mod yield_from;

/// Declares the cases: one `#[test]` each (`case::<name>`), and the list [`CASES`].
macro_rules! cases {
    ($($group:ident :: $name:ident),* $(,)?) => {
        /// Every case name; each has a twin `tests/conformance/<name>.py`.
        const CASES: &[&str] = &[$(stringify!($name)),*];

        mod case {
            $(
                #[test]
                fn $name() {
                    crate::common::check_case(stringify!($name), crate::$group::$name);
                }
            )*
        }
    };
}

cases! {
    // §1 the object model
    model::states_lifecycle,
    model::running_in_whole_chain,
    model::gi_yieldfrom_links,
    model::return_value_becomes_stop_iteration,
    model::return_value_delivered_once,
    model::raise_closes_generator,
    model::pep479_stop_iteration_leaving_frame,
    model::pep479_caught_inside_is_harmless,
    model::pep479_generator_expression,
    model::finally_runs_before_caller_sees_outcome,
    // §2 send and next
    send_throw::send_value_becomes_yield_result,
    send_throw::send_non_none_to_just_started,
    send_throw::send_to_closed_is_bare_stop_iteration,
    // §3 throw
    send_throw::throw_argument_forms,
    send_throw::throw_type_errors,
    send_throw::throw_bad_args_created_and_closed,
    send_throw::throw_into_created,
    send_throw::throw_into_closed,
    send_throw::throw_outcomes_at_paused_yield,
    send_throw::throw_generator_exit_is_ordinary,
    send_throw::throw_context_is_the_thrown_exception,
    // §4 close and finalisation
    close::close_closed_is_noop,
    close::close_created_runs_nothing,
    close::close_suspended_throws_generator_exit,
    close::close_ignored_generator_exit,
    close::close_return_value_discarded,
    close::close_body_raises_other,
    close::finalization_on_drop,
    close::except_exception_misses_generator_exit,
    // §5 re-entrancy
    reentrancy::reentrant_calls_already_executing,
    reentrancy::yield_from_self_is_a_cycle,
    reentrancy::yield_from_ancestor_is_a_cycle,
    reentrancy::next_top_from_inside_leaf,
    reentrancy::advance_intermediate_of_parked_chain,
    // §6 yield from
    yield_from::yield_from_not_iterable,
    yield_from::yield_from_coroutine_in_generator,
    yield_from::yield_from_first_step_is_next,
    yield_from::yield_from_return_value,
    yield_from::yield_from_empty_and_exhausted,
    yield_from::yield_from_send_passes_through,
    yield_from::yield_from_send_without_send_method,
    yield_from::yield_from_throw_forwarded,
    yield_from::yield_from_throw_raw_args_to_user_throw,
    yield_from::yield_from_throw_bad_args_to_subgenerator,
    yield_from::yield_from_throw_without_throw_method,
    yield_from::yield_from_throw_generator_exit_closes_sub,
    yield_from::yield_from_close_innermost_first,
    yield_from::yield_from_close_sub_fails,
    yield_from::yield_from_close_iterator_without_close,
    yield_from::yield_from_handled_in_middle,
    yield_from::yield_from_pep479_per_frame,
    yield_from::averager_grouper,
    yield_from::deep_chain_500,
    // §7/§9 the coroutine variants
    coroutine::coroutine_send_non_none_just_started,
    coroutine::coroutine_cannot_reuse,
    coroutine::coroutine_already_executing,
    coroutine::coroutine_ignored_generator_exit,
    coroutine::coroutine_raised_stop_iteration,
    coroutine::coroutine_await_non_awaitable,
    coroutine::coroutine_not_an_iterator,
    coroutine::coroutine_not_iterable,
    coroutine::await_custom_awaitable,
    coroutine::await_protocol_errors,
    // bad input never panics
    misuse::misuse_in_every_state,
    // values and exceptions as CPython shows them
    repr::repr_strings,
    repr::repr_floats,
    repr::repr_scalars_and_containers,
    repr::repr_exceptions,
    repr::exception_display,
    repr::repr_every_code_point,
    // the exception classes and groups
    repr::exception_hierarchy_mro,
    repr::exception_group_construction,
}

/// Every twin has a case and every case a twin; and there are enough of them.
#[test]
fn every_case_has_a_twin_and_back() {
    let mut twins: Vec<String> = std::fs::read_dir(common::twin_dir())
        .expect("tests/conformance exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|stem| stem != "harness")
        .collect();
    twins.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    cases.sort();
    let mut unique = cases.clone();
    unique.dedup();
    assert_eq!(unique, cases, "a case is declared twice");
    let no_case: Vec<_> = twins.iter().filter(|t| !cases.contains(t)).collect();
    let no_twin: Vec<_> = cases.iter().filter(|c| !twins.contains(c)).collect();
    assert!(no_case.is_empty(), "twins without a Rust case: {no_case:?}");
    assert!(no_twin.is_empty(), "cases without a Python twin: {no_twin:?}");
    assert!(CASES.len() >= 40, "only {} cases", CASES.len());
}

/// The python3 policy itself: a missing interpreter fails under CI, and is only a note
/// elsewhere. (That a missing or wrong interpreter is noticed: tests/oracle.rs.)
#[test]
fn missing_python_fails_under_ci_only() {
    common::python_missing(false, "example", "python3 cannot be run");
    let under_ci =
        std::panic::catch_unwind(|| common::python_missing(true, "example", "python3 cannot be run"));
    assert!(under_ci.is_err(), "CI=true must fail without python3");
}

/// 10,000 levels of `yield from`: deeper than CPython survives, so these are plain Rust
/// tests (the twin `deep_chain_500` compares the same program at depth 500). Nothing may
/// overflow the stack, whether the chain is sent through, thrown into, closed or dropped.
mod deep_chain_10000 {
    use corosim::exception::{PyException, VALUE_ERROR};
    use corosim::{GenState, Value};

    use crate::yield_from::{Order, deep_chain};

    const DEPTH: i64 = 10_000;

    fn innermost_first() -> Vec<i64> {
        (0..DEPTH).collect()
    }

    #[test]
    fn send_then_close() {
        let order = Order::default();
        let top = deep_chain(DEPTH, &order);
        assert_eq!(top.next().unwrap(), Value::from(0));
        let mut total = 0;
        for v in 1..=5 {
            total += v;
            assert_eq!(top.send(v).unwrap(), Value::from(total));
        }
        let mut links = 0;
        let mut g = top.clone();
        while let Some(sub) = g.yield_from_gen() {
            links += 1;
            g = sub;
        }
        assert_eq!(links, DEPTH - 1);
        assert_eq!(g.state(), GenState::Suspended);
        drop(g);
        assert!(order.borrow().is_empty());
        top.close().unwrap();
        assert_eq!(*order.borrow(), innermost_first());
        assert_eq!(top.state(), GenState::Closed);
        assert!(top.next().is_err());
    }

    #[test]
    fn thrown_exception_unwinds_every_level() {
        let order = Order::default();
        let top = deep_chain(DEPTH, &order);
        top.next().unwrap();
        let boom = PyException::new(VALUE_ERROR, "boom");
        let e = top.throw(boom.clone()).unwrap_err();
        assert!(e.is(&boom), "the same exception object comes out: {e:?}");
        assert_eq!(*order.borrow(), innermost_first());
        assert_eq!(top.state(), GenState::Closed);
    }

    #[test]
    fn dropped_while_suspended_runs_every_finally() {
        let order = Order::default();
        let top = deep_chain(DEPTH, &order);
        top.next().unwrap();
        top.send(1).unwrap();
        drop(top);
        assert_eq!(*order.borrow(), innermost_first());
    }

    #[test]
    fn dropped_unstarted_runs_nothing() {
        let order = Order::default();
        drop(deep_chain(DEPTH, &order));
        assert!(order.borrow().is_empty());
    }
}
