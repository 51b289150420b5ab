//! Four ways to wait for several awaitables: gather, wait, as_completed and wait_for.

use crate::aio::{self, Future, ReturnWhen, Task};
use crate::exception::{TIMEOUT_ERROR, VALUE_ERROR};
use crate::{Console, Generator, PyException, PyResult, Value};

fn job(name: &'static str, delay: f64, fail: bool) -> Generator {
    Generator::coroutine("job", move |co| async move {
        co.await_(aio::sleep(delay)).await?;
        if fail {
            return Err(PyException::new(VALUE_ERROR, format!("{name} failed")));
        }
        Ok(format!("{name} done").into())
    })
}

/// `sorted(t.get_name() for t in tasks)`.
fn names(tasks: &[Future]) -> String {
    let mut names: Vec<String> = tasks.iter().filter_map(Task::from_future).map(|t| t.get_name()).collect();
    names.sort();
    Value::from(names).repr()
}

fn main_coro(out: Console) -> Generator {
    Generator::coroutine("main", |co| async move {
        let all = aio::gather([job("a", 0.15, false), job("b", 0.05, false), job("c", 0.1, false)], false)?;
        out.print(format!("gather: {}", co.await_(&all).await?.repr()));

        let all = aio::gather([job("a", 0.05, false), job("b", 0.02, true)], true)?;
        out.print(format!("gather(return_exceptions=True): {}", co.await_(&all).await?.repr()));

        let mut tasks = Vec::new();
        for (name, delay) in [("a", 0.15), ("b", 0.05), ("c", 0.1)] {
            let task = aio::create_task_named(job(name, delay, false), Some(name.into()))?;
            tasks.push(task.0);
        }
        let (done, pending) = aio::wait(&co, tasks, None, ReturnWhen::FirstCompleted).await?;
        out.print(format!("wait FIRST_COMPLETED: done {} pending {}", names(&done), names(&pending)));
        let (done, pending) = aio::wait(&co, pending, Some(0.03), ReturnWhen::AllCompleted).await?;
        out.print(format!("wait timeout=0.03: done {} pending {}", names(&done), names(&pending)));
        aio::wait(&co, pending, None, ReturnWhen::AllCompleted).await?;

        let mut order = Vec::new();
        for next in
            aio::as_completed([job("x", 0.1, false), job("y", 0.03, false), job("z", 0.06, false)], None)?
        {
            order.push(co.await_(next).await?);
        }
        out.print(format!("as_completed: {}", Value::list(order).repr()));

        match co.await_(aio::wait_for(job("slow", 1.0, false), Some(0.05))).await {
            Err(e) if e.is_instance(TIMEOUT_ERROR) => {
                let cause = e.cause().map_or("None", |c| c.name());
                out.print(format!("wait_for: TimeoutError, caused by {cause}"));
            }
            other => {
                other?;
            }
        }
        let quick = co.await_(aio::wait_for(job("quick", 0.01, false), Some(0.05))).await?;
        out.print(format!("wait_for in time: {quick}"));
        Ok(Value::None)
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    aio::run(main_coro(out.clone())).map(|_| ())
}
