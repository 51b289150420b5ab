//! `cargo bench`: one `send` round trip on a plain generator, a send through `yield from`
//! chains of depth 1 to 1000, and bare genawaiter resumes as the floor under both.
//!
//! The workloads are the ones `corosim bench generators` compares with CPython
//! (`corosim::bench::generators`).

use std::future::Future;
use std::hint::black_box;

use corosim::bench::generators::{primed, step};
use divan::Bencher;
use genawaiter::GeneratorState;
use genawaiter::stack::{Co, Gen, let_gen_using};

fn main() {
    divan::main();
}

/// `g.send(1)` on a primed `echo()`.
#[divan::bench]
fn send(bencher: Bencher) {
    let g = primed(0);
    bencher.bench_local(|| step(&g));
}

/// `g.send(1)` where `g` is `depth` relays (`return (yield from sub)`) over an `echo()`.
#[divan::bench(args = [1, 10, 100, 1000])]
fn yield_from(bencher: Bencher, depth: usize) {
    let g = primed(depth);
    bencher.bench_local(|| step(&g));
}

async fn echo_raw(co: Co<'_, u64, u64>) {
    let mut x = 0;
    loop {
        x = co.yield_(x).await;
    }
}

/// What corosim's frames are to the driver: something to resume, whatever the body.
trait Resume {
    fn resume(&mut self) -> u64;
}

impl<F: Future<Output = ()>> Resume for Gen<'_, u64, u64, F> {
    #[inline]
    fn resume(&mut self) -> u64 {
        match self.resume_with(1) {
            GeneratorState::Yielded(x) => x,
            GeneratorState::Complete(()) => 0,
        }
    }
}

/// The floor: `stack::Gen::resume_with` on a bare genawaiter echo, the engine corosim's
/// frames use, called directly.
#[divan::bench]
fn genawaiter_floor(bencher: Bencher) {
    let_gen_using!(g, echo_raw);
    g.resume_with(0);
    bencher.bench_local(|| g.resume_with(black_box(1)));
}

/// The same echo resumed through a `dyn` pointer, as corosim resumes its frames (every
/// `Generator` is one type whatever its body).
#[divan::bench]
fn genawaiter_floor_dyn(bencher: Bencher) {
    let_gen_using!(g, echo_raw);
    g.resume_with(0);
    let frame: &mut dyn Resume = black_box(g);
    bencher.bench_local(|| frame.resume());
}
