//! `asyncio.Queue`: a FIFO for producers and consumers. `put` waits while the queue is
//! full (if it has a `maxsize`), `get` waits while it is empty, and `join` waits until
//! every item taken out has been marked `task_done()`.
//!
//! ```
//! use corosim::{Generator, aio};
//! let q = aio::Queue::new(0);
//! let main = Generator::coroutine("main", move |co| async move {
//!     co.await_(q.put(1)).await?;
//!     let item = co.await_(q.get()).await?;
//!     q.task_done()?;
//!     co.await_(q.join()).await?;
//!     Ok(item)
//! });
//! assert_eq!(aio::run(main).unwrap().repr(), "1");
//! ```

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::event_loop::get_running_loop;
use super::future::Future;
use super::locks::Event;
use crate::exception::{PyException, PyResult, QUEUE_EMPTY, QUEUE_FULL, VALUE_ERROR};
use crate::generator::{Generator, Iterable};
use crate::value::Value;

/// An `asyncio.Queue` of values.
#[derive(Clone)]
pub struct Queue(Rc<QueueCell>);

struct QueueCell {
    maxsize: usize,
    items: RefCell<VecDeque<Value>>,
    getters: RefCell<VecDeque<Future>>,
    putters: RefCell<VecDeque<Future>>,
    unfinished: Cell<usize>,
    finished: Event,
    /// Its name in the trace (see `trace::object_name`).
    traced: Cell<(u64, u64)>,
}

impl Queue {
    /// `queue.maxsize`: 0 means unbounded.
    pub fn maxsize(&self) -> usize {
        self.0.maxsize
    }

    /// `asyncio.Queue(maxsize)`; 0 means unbounded.
    pub fn new(maxsize: usize) -> Queue {
        let finished = Event::new();
        finished.set();
        Queue(Rc::new(QueueCell {
            maxsize,
            items: RefCell::default(),
            getters: RefCell::default(),
            putters: RefCell::default(),
            unfinished: Cell::new(0),
            finished,
            traced: Cell::default(),
        }))
    }

    /// What its repr shows after its maxsize, as asyncio's `Queue._format` writes it:
    /// the items, how many gets and puts wait, how many items are not done yet.
    pub fn format_state(&self, show: impl Fn(&Value) -> String) -> String {
        let cell = &self.0;
        let mut text = format!("maxsize={}", cell.maxsize);
        let items = cell.items.borrow();
        if !items.is_empty() {
            text += &format!(" _queue=[{}]", items.iter().map(show).collect::<Vec<_>>().join(", "));
        }
        let (getters, putters) = (cell.getters.borrow().len(), cell.putters.borrow().len());
        if getters > 0 {
            text += &format!(" _getters[{getters}]");
        }
        if putters > 0 {
            text += &format!(" _putters[{putters}]");
        }
        if cell.unfinished.get() > 0 {
            text += &format!(" tasks={}", cell.unfinished.get());
        }
        text
    }

    /// `queue.qsize()`.
    pub fn qsize(&self) -> usize {
        self.0.items.borrow().len()
    }

    /// `queue.empty()`.
    pub fn empty(&self) -> bool {
        self.0.items.borrow().is_empty()
    }

    /// `queue.full()`.
    pub fn full(&self) -> bool {
        self.0.maxsize > 0 && self.qsize() >= self.0.maxsize
    }

    /// `queue.put_nowait(item)`: `QueueFull` if full.
    pub fn put_nowait(&self, item: impl Into<Value>) -> PyResult<()> {
        if self.full() {
            return Err(PyException::bare(QUEUE_FULL));
        }
        self.0.items.borrow_mut().push_back(item.into());
        self.0.unfinished.set(self.0.unfinished.get() + 1);
        self.0.finished.clear();
        wake_next(&self.0.getters);
        Ok(())
    }

    /// `queue.get_nowait()`: `QueueEmpty` if empty.
    pub fn get_nowait(&self) -> PyResult {
        let item = self.0.items.borrow_mut().pop_front().ok_or_else(|| PyException::bare(QUEUE_EMPTY))?;
        wake_next(&self.0.putters);
        Ok(item)
    }

    /// `await queue.put(item)`: waits while the queue is full.
    pub fn put(&self, item: impl Into<Value>) -> Iterable {
        let (me, item) = (self.clone(), item.into());
        Iterable::Gen(Generator::coroutine("Queue.put", move |co| async move {
            while me.full() {
                let putter = park(&me.0.putters, "Queue.put")?;
                super::locks::trace_sync("Queue", &me.0.traced, "waits");
                if let Err(e) = co.await_(&putter).await {
                    putter.cancel(None);
                    me.0.putters.borrow_mut().retain(|p| !p.is(&putter));
                    if !me.full() && !putter.cancelled() {
                        wake_next(&me.0.putters);
                    }
                    return Err(e);
                }
            }
            me.put_nowait(item).map(|_| Value::None)
        }))
    }

    /// `await queue.get()`: waits while the queue is empty.
    pub fn get(&self) -> Iterable {
        let me = self.clone();
        Iterable::Gen(Generator::coroutine("Queue.get", move |co| async move {
            while me.empty() {
                let getter = park(&me.0.getters, "Queue.get")?;
                super::locks::trace_sync("Queue", &me.0.traced, "waits");
                if let Err(e) = co.await_(&getter).await {
                    getter.cancel(None);
                    me.0.getters.borrow_mut().retain(|g| !g.is(&getter));
                    if !me.empty() && !getter.cancelled() {
                        wake_next(&me.0.getters);
                    }
                    return Err(e);
                }
            }
            me.get_nowait()
        }))
    }

    /// `queue.task_done()`: one item taken out has been dealt with.
    pub fn task_done(&self) -> PyResult<()> {
        let n = self.0.unfinished.get();
        if n == 0 {
            return Err(PyException::new(VALUE_ERROR, "task_done() called too many times"));
        }
        self.0.unfinished.set(n - 1);
        if n == 1 {
            self.0.finished.set();
        }
        Ok(())
    }

    /// `await queue.join()`: waits until every item put has been marked done.
    pub fn join(&self) -> Iterable {
        let me = self.clone();
        Iterable::Gen(Generator::coroutine("Queue.join", move |co| async move {
            if me.0.unfinished.get() > 0 {
                co.await_(me.0.finished.wait()).await?;
            }
            Ok(Value::None)
        }))
    }
}

fn park(waiters: &RefCell<VecDeque<Future>>, label: &'static str) -> PyResult<Future> {
    let fut = get_running_loop()?.create_future();
    fut.set_label(label);
    waiters.borrow_mut().push_back(fut.clone());
    Ok(fut)
}

/// Wakes the first waiter that is still waiting (asyncio's `_wakeup_next`).
fn wake_next(waiters: &RefCell<VecDeque<Future>>) {
    loop {
        let Some(w) = waiters.borrow_mut().pop_front() else {
            return;
        };
        if !w.done() {
            let _ = w.set_result(Value::None);
            return;
        }
    }
}
