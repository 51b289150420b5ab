//! Simulated flag downloads driven by `asyncio.wait`: the batch takes as long as the
//! slowest download, not the sum of them all.

use crate::aio::{self, EventLoop, ReturnWhen};
use crate::{Console, Generator, PyResult, Value};

const COUNTRIES: [&str; 10] = ["BR", "CN", "DE", "EG", "FR", "ID", "IN", "JP", "NG", "US"];

/// A made-up network: each country answers after its own fixed delay (seconds).
fn latency(cc: &str) -> f64 {
    let b = cc.as_bytes();
    0.02 * ((b[0] as u32 * 7 + b[1] as u32) % 13) as f64
}

fn get_flag(cc: &'static str) -> Generator {
    Generator::coroutine("get_flag", move |co| async move {
        co.await_(aio::sleep(latency(cc))).await?;
        Ok(format!("GIF89a{}", cc.repeat(100)).into()) // a pretend image
    })
}

fn download_one(out: Console, cc: &'static str) -> Generator {
    Generator::coroutine("download_one", move |co| async move {
        let image = co.await_(get_flag(cc)).await?;
        let size = image.as_str().map_or(0, |s| s.len());
        out.print(format!("{cc} downloaded, {size} bytes"));
        Ok(cc.into())
    })
}

fn download_many(out: Console) -> Generator {
    Generator::coroutine("download_many", |co| async move {
        let mut sorted = COUNTRIES;
        sorted.sort();
        let mut to_do = Vec::new();
        for cc in sorted {
            to_do.push(aio::create_task(download_one(out.clone(), cc))?.0);
        }
        let (done, pending) = aio::wait(&co, to_do, None, ReturnWhen::AllCompleted).await?;
        Ok(Value::tuple([done.len().into(), pending.len().into()]))
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let lp = EventLoop::new();
    let result = lp.run_until_complete(download_many(out.clone()));
    lp.close()?;
    let Value::Tuple(counts) = result? else { unreachable!("download_many returns a pair") };
    out.print(format!("{} flags downloaded, {} pending", counts[0], counts[1]));
    let slowest = COUNTRIES.iter().map(|cc| latency(cc)).fold(0.0, f64::max);
    let total: f64 = COUNTRIES.iter().map(|cc| latency(cc)).sum();
    out.print(format!("took about {slowest:.2} s: the slowest download, not the sum ({total:.2} s)"));
    Ok(())
}
