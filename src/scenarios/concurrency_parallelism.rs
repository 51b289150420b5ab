//! Concurrency vs parallelism: three jobs take turns on one thread (their waits overlap),
//! then two CPU-bound jobs run at the same instant on two cores.

use crate::aio;
use crate::{Console, Generator, PyResult, Value};

/// `async def job(name, waits)`: prints, then waits 0.1 s, `waits` times.
fn job(out: Console, name: &'static str, waits: i64) -> Generator {
    Generator::coroutine("job", move |co| async move {
        for i in 1..=waits {
            out.print(format!("{name}: waiting ({i} of {waits})"));
            co.await_(aio::sleep(0.1)).await?; // while this job waits, the thread runs the others
        }
        Ok(format!("{name} done").into())
    })
}

/// `async def concurrently()`.
fn concurrently(out: Console) -> Generator {
    Generator::coroutine("concurrently", |co| async move {
        let lp = aio::get_running_loop()?;
        let start = lp.time();
        let mut tasks = Vec::new();
        for (name, waits) in [("A", 2), ("B", 2), ("C", 1)] {
            let task = aio::create_task_named(job(out.clone(), name, waits), Some(name.into()))?;
            tasks.push(task);
        }
        let results = co.await_(&aio::gather(tasks, false)?).await?;
        let elapsed = lp.time() - start;
        out.print(format!("concurrently, one thread: {results}"));
        let overlapped = if elapsed < 0.45 { "True" } else { "False" };
        out.print(format!("5 waits of 0.1 s overlapped into about 0.2 s: {overlapped}"));
        Ok(Value::None)
    })
}

/// CPU work with no waiting in it: only more cores make it faster.
fn count_primes(limit: usize) -> i64 {
    let mut sieve = vec![true; limit];
    sieve[..2].fill(false);
    let mut n = 2;
    while n * n < limit {
        if sieve[n] {
            (n * n..limit).step_by(n).for_each(|m| sieve[m] = false);
        }
        n += 1;
    }
    sieve.iter().filter(|&&p| p).count() as i64
}

pub fn run(out: &Console) -> PyResult<()> {
    aio::run(concurrently(out.clone()))?;
    // Two workers at once: Rust threads have no GIL, so they truly run in parallel (the
    // twin uses two processes for the same reason).
    let counts: Vec<Value> = std::thread::scope(|s| {
        let workers: Vec<_> = [20_000, 30_000].map(|limit| s.spawn(move || count_primes(limit))).into();
        workers.into_iter().map(|w| Value::from(w.join().expect("a prime counter panicked"))).collect()
    });
    out.print(format!("in parallel, two workers: {}", Value::list(counts)));
    Ok(())
}
