//! `cargo bench`: one `send` round trip on a plain generator, a send through `yield from`
//! chains of depth 1 to 1000, and bare genawaiter resumes as the floor under both.
//!
//! The workloads are the ones `corosim bench generators` compares with CPython
//! (`corosim::bench::generators`).

use std::cell::Cell;
use std::future::Future;
use std::hint::black_box;
use std::pin::Pin;
use std::rc::Rc;

use corosim::bench::generators::primed;
use corosim::{PyResult, Value};
use divan::Bencher;
use genawaiter::rc::{Co, Gen};

fn main() {
    divan::main();
}

/// `g.send(1)` on a primed `echo()`.
#[divan::bench]
fn send(bencher: Bencher) {
    let g = primed(0);
    bencher.bench_local(|| g.send(black_box(Value::Int(1))));
}

/// `g.send(1)` where `g` is `depth` relays (`return (yield from sub)`) over an `echo()`.
#[divan::bench(args = [1, 10, 100, 1000])]
fn yield_from(bencher: Bencher, depth: usize) {
    let g = primed(depth);
    bencher.bench_local(|| g.send(black_box(Value::Int(1))));
}

async fn echo_raw(co: Co<u64, u64>) {
    let mut x = 0;
    loop {
        x = co.yield_(x).await;
    }
}

/// The floor: `rc::Gen::resume_with` on a bare genawaiter echo, body not boxed.
#[divan::bench]
fn genawaiter_floor(bencher: Bencher) {
    let mut g = Gen::new(echo_raw);
    g.resume_with(0);
    bencher.bench_local(|| g.resume_with(black_box(1)));
}

/// The same with the body boxed as `dyn Future`, as corosim stores its frames.
#[divan::bench]
fn genawaiter_floor_boxed(bencher: Bencher) {
    type Body = Pin<Box<dyn Future<Output = ()>>>;
    let mut g = Gen::new(|co| Box::pin(echo_raw(co)) as Body);
    g.resume_with(0);
    bencher.bench_local(|| g.resume_with(black_box(1)));
}

/// The floor with corosim's payloads: a boxed genawaiter echo that, as corosim's frames
/// do, passes one-byte tags through genawaiter and the `Value`s through a shared mailbox,
/// with no driver. The gap between this and `genawaiter_floor_boxed` is the cost of
/// moving Python values; the gap between `send` and this is corosim's driver.
#[divan::bench]
fn genawaiter_floor_values(bencher: Bencher) {
    type Body = Pin<Box<dyn Future<Output = PyResult>>>;
    let mailbox = Rc::new(Cell::new(Value::None));
    let inside = mailbox.clone();
    let mut g = Gen::new(|co: Co<u8, u8>| {
        Box::pin(async move {
            while co.yield_(0).await == 0 {
                let x = black_box(inside.take());
                inside.set(x);
            }
            Ok(Value::None)
        }) as Body
    });
    g.resume_with(0);
    bencher.bench_local(|| {
        mailbox.set(black_box(Value::Int(1)));
        g.resume_with(0);
        mailbox.take()
    });
}
