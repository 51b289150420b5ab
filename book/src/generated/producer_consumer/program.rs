//! A producer and two consumers share an `asyncio.Queue` with room for two items; no
//! locks, since tasks switch only at an await.

use crate::aio::{self, Queue};
use crate::{Console, Generator, PyResult, Value};

fn producer(out: Console, queue: Queue, count: usize) -> Generator {
    Generator::coroutine("producer", move |co| async move {
        for i in 1..=count {
            co.await_(aio::sleep(0.07)).await?; // making an item takes a while
            co.await_(queue.put(format!("item {i}"))).await?;
            out.print(format!("produced item {i} (queue size {})", queue.qsize()));
        }
        Ok(Value::None)
    })
}

fn consumer(out: Console, name: String, queue: Queue) -> Generator {
    Generator::coroutine("consumer", move |co| async move {
        loop {
            let item = co.await_(queue.get()).await?;
            co.await_(aio::sleep(0.35)).await?; // using it takes longer
            out.print(format!("{name} finished {item}"));
            queue.task_done()?;
        }
    })
}

fn main_coro(out: Console) -> Generator {
    Generator::coroutine("main", |co| async move {
        let queue = Queue::new(2);
        let mut consumers = Vec::new();
        for c in ["A", "B"] {
            consumers.push(aio::create_task(consumer(out.clone(), format!("consumer {c}"), queue.clone()))?);
        }
        co.await_(producer(out.clone(), queue.clone(), 6)).await?;
        out.print("producer done; waiting for the queue to drain");
        co.await_(queue.join()).await?;
        for c in &consumers {
            c.cancel(None); // they loop forever: stop them
        }
        let results = co.await_(&aio::gather(consumers, true)?).await?;
        let Value::List(results) = results else { unreachable!("gather gives a list") };
        let names = results.iter().map(|r| Value::str(r.type_name()));
        out.print(format!("consumers stopped: {}", Value::list(names).repr()));
        Ok(Value::None)
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    aio::run(main_coro(out.clone())).map(|_| ())
}
