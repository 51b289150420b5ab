//! `await asyncio.sleep(0)` allocates nothing: a loop that runs a million tasks through it
//! pays no heap allocation per await (see `aio::Sleep`). Counted, not timed: every
//! allocation the test thread makes goes through a counting allocator, and a task that
//! awaits `sleep(0)` 1,000 times must allocate no more than one that awaits it 10 times.
//! `sleep(0, result)` keeps its result in a boxed iterator, so it does allocate: checked
//! too, so that the counter is known to see the allocations of an await at all.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use corosim::{Generator, Value, aio};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: every call is passed to the system allocator unchanged; the count is a
// thread-local `Cell` (no allocation of its own), so each test counts its own thread.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

/// Allocations made while `main` awaits `what()` `n` times, once the loop runs.
fn allocations_awaiting<I: Into<corosim::generator::Iterable> + 'static>(n: u64, what: fn() -> I) -> u64 {
    let counted = std::rc::Rc::new(Cell::new(0));
    let out = counted.clone();
    let main = Generator::coroutine("main", move |co| async move {
        co.await_(aio::sleep(0.0)).await?; // the loop and the task are all set up
        let before = allocations();
        for _ in 0..n {
            co.await_(what()).await?;
        }
        out.set(allocations() - before);
        Ok(Value::None)
    });
    aio::run(main).expect("main runs");
    counted.get()
}

#[test]
fn awaiting_sleep0_allocates_nothing() {
    let few = allocations_awaiting(10, || aio::sleep(0.0));
    let many = allocations_awaiting(1_000, || aio::sleep(0.0));
    assert!(many <= few, "1,000 awaits of sleep(0) allocated {many} times, 10 awaits {few}");
}

#[test]
fn the_counter_sees_an_iterator_boxed_per_await() {
    // An int result allocates nothing itself: what is counted is the boxed iterator.
    let many = allocations_awaiting(1_000, || aio::sleep_result(0.0, Value::from(1)));
    assert!(many >= 1_000, "1,000 awaits of sleep(0, 1) allocated only {many} times");
}

/// Allocations a Python program makes, run by corosim's interpreter on this thread, when its
/// task awaits `awaited` `n` times.
fn python_allocations(n: u64, awaited: &str) -> u64 {
    let program = format!(
        "import asyncio\n\nasync def main():\n    for _ in range({n}):\n        await {awaited}\n\nasyncio.run(main())\n"
    );
    let before = allocations();
    let (out, err, status) = corosim::python::run_capture(&program, "sleep0.py");
    assert_eq!((out.as_str(), err.as_str(), status), ("", "", 0), "the program runs");
    allocations() - before
}

#[test]
fn a_python_await_of_sleep0_reuses_the_sleep_object() {
    // Per await, one allocation at most (the call's argument list): each `asyncio.sleep(0)`
    // object is dropped by its `await`, and the next call fills it again.
    let extra = python_allocations(1_010, "asyncio.sleep(0)")
        .saturating_sub(python_allocations(10, "asyncio.sleep(0)"));
    assert!(extra <= 1_500, "1,000 more awaits of asyncio.sleep(0) allocated {extra} more times");
    // The counter sees what a Python await allocates: a new list each time.
    let extra = python_allocations(1_010, "asyncio.sleep(0, [])")
        .saturating_sub(python_allocations(10, "asyncio.sleep(0, [])"));
    assert!(extra >= 1_000, "1,000 more awaits of asyncio.sleep(0, []) allocated only {extra} more times");
}
