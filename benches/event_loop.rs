//! `cargo bench --bench event_loop`: what one trip round the event loop costs, the
//! workload `corosim bench loop` compares with CPython (`corosim::bench::event_loop`):
//! tasks that each await `sleep(0)` several times, counted per `sleep(0)` step (task
//! creation and the loop's start included, as in the comparison).

use corosim::bench::event_loop::run_workload;
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// 1,000 tasks × 10 `sleep(0)`: mostly steps.
#[divan::bench]
fn tasks_1000_x10_sleep0(bencher: Bencher) {
    bencher.counter(ItemsCount::new(10_000usize)).bench_local(|| run_workload(black_box(1_000), 10));
}

/// 10,000 tasks × 1 `sleep(0)`: mostly making and finishing tasks.
#[divan::bench]
fn tasks_10000_x1_sleep0(bencher: Bencher) {
    bencher.counter(ItemsCount::new(10_000usize)).bench_local(|| run_workload(black_box(10_000), 1));
}
