//! Threads at the edge of the loop: `loop.call_soon_threadsafe`, `loop.run_in_executor`
//! and `asyncio.run_coroutine_threadsafe`.
//!
//! A loop and its tasks belong to one thread. Other threads reach it through its
//! **inbox**: they post calls (and executor results) and wake the loop if it sleeps. An
//! executor is a real thread pool (Python's `ThreadPoolExecutor`) for the blocking work
//! coroutines must not do themselves — file I/O, `time.sleep`.
//!
//! ```
//! use corosim::{Value, aio};
//! let lp = aio::EventLoop::new();
//! let fut = aio::run_in_executor(&lp, "add", || Ok(Value::Int(2 + 2)));
//! assert_eq!(lp.run_until_complete(fut).unwrap().repr(), "4");
//! ```

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::event_loop::{EventLoop, get_running_loop};
use super::future::Future;
use super::handle::panic_exception;
use super::inbox::{Executor, Inbox, ThreadCall};
use crate::exception::{CANCELLED_ERROR, PyException, PyResult, TIMEOUT_ERROR};
use crate::generator::Generator;
use crate::value::{SendResult, Value};

/// A thread-safe handle to a loop: what another thread holds to talk to it.
///
/// ```
/// use corosim::{Generator, aio};
/// use std::thread;
/// // The loop runs forever in a background thread; the main thread submits work.
/// let (tx, rx) = std::sync::mpsc::channel();
/// let bg = thread::spawn(move || {
///     let lp = aio::EventLoop::new();
///     tx.send(lp.handle()).unwrap();
///     lp.run_forever().unwrap();
/// });
/// let handle = rx.recv().unwrap();
/// let answer = handle.run_coroutine_threadsafe(|| Generator::coroutine("answer", |_| async { Ok(42.into()) }));
/// assert_eq!(answer.result(None).unwrap().repr(), "42");
/// handle.stop();
/// drop(handle);
/// bg.join().unwrap();
/// ```
pub struct LoopHandle {
    inbox: Arc<Inbox>,
}

impl LoopHandle {
    pub(crate) fn new(inbox: Arc<Inbox>) -> Self {
        inbox.handles.fetch_add(1, Ordering::SeqCst);
        LoopHandle { inbox }
    }

    /// `loop.call_soon_threadsafe(callback)`: run `f` in the loop's thread, soon.
    pub fn call_soon_threadsafe(
        &self,
        name: impl Into<Cow<'static, str>>,
        f: impl FnOnce() + Send + 'static,
    ) {
        self.inbox.post(ThreadCall::Call(name.into(), Box::new(f)));
    }

    /// `loop.call_soon_threadsafe(loop.stop)`.
    pub fn stop(&self) {
        self.call_soon_threadsafe("stop", || {
            if let Ok(lp) = get_running_loop() {
                lp.stop();
            }
        });
    }

    /// `asyncio.run_coroutine_threadsafe(coro, loop)`: the coroutine is made and run as a
    /// task in the loop's thread; the caller gets a thread-safe future for its result.
    /// (Coroutines belong to one thread, so the caller passes a function that makes it.)
    pub fn run_coroutine_threadsafe(
        &self,
        make: impl FnOnce() -> Generator + Send + 'static,
    ) -> ConcurrentFuture {
        let result = ConcurrentFuture::default();
        let out = result.clone();
        self.call_soon_threadsafe("run_coroutine_threadsafe", move || {
            let Ok(lp) = get_running_loop() else { return };
            let task = lp.create_task(make());
            task.add_done_callback("_call_set_state", move |fut| {
                out.set(match fut.result() {
                    Err(e) if e.is_instance(CANCELLED_ERROR) => Err(PyException::bare(CANCELLED_ERROR)),
                    other => other,
                })
            });
        });
        result
    }
}

impl Clone for LoopHandle {
    fn clone(&self) -> Self {
        LoopHandle::new(self.inbox.clone())
    }
}

impl Drop for LoopHandle {
    fn drop(&mut self) {
        self.inbox.handles.fetch_sub(1, Ordering::SeqCst);
        self.inbox.wake_loop();
    }
}

type DoneFn = Box<dyn FnOnce(&PyResult<Value>) + Send>;

#[derive(Default)]
struct CfState {
    /// Copied when set: the future is read from other threads.
    result: Option<SendResult>,
    callbacks: Vec<DoneFn>,
}

/// `concurrent.futures.Future`: a future any thread can wait on.
#[derive(Clone, Default)]
pub struct ConcurrentFuture(Arc<(Mutex<CfState>, Condvar)>);

impl ConcurrentFuture {
    fn lock(&self) -> MutexGuard<'_, CfState> {
        self.0.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn set(&self, result: PyResult<Value>) {
        let callbacks = {
            let mut state = self.lock();
            state.result = Some(SendResult::new(&result));
            std::mem::take(&mut state.callbacks)
        };
        self.0.1.notify_all();
        for cb in callbacks {
            cb(&result);
        }
    }

    /// `future.done()`.
    pub fn done(&self) -> bool {
        self.lock().result.is_some()
    }

    /// `future.result(timeout)`: blocks until done; `TimeoutError` after `timeout`.
    pub fn result(&self, timeout: Option<Duration>) -> PyResult {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut state = self.lock();
        loop {
            if let Some(r) = &state.result {
                return r.clone().into_result();
            }
            state = match deadline {
                None => self.0.1.wait(state).unwrap_or_else(|p| p.into_inner()),
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(PyException::bare(TIMEOUT_ERROR));
                    }
                    self.0.1.wait_timeout(state, left).unwrap_or_else(|p| p.into_inner()).0
                }
            };
        }
    }

    /// `future.add_done_callback(fn)`: runs in the thread that completes the future, or
    /// at once if it is already done.
    pub fn add_done_callback(&self, f: impl FnOnce(&PyResult<Value>) + Send + 'static) {
        let mut state = self.lock();
        match &state.result {
            Some(r) => {
                let r = r.clone().into_result();
                drop(state);
                f(&r);
            }
            None => state.callbacks.push(Box::new(f)),
        }
    }
}

/// `loop.run_in_executor(None, func)`: run blocking `f` on a worker thread; await the
/// returned future for its result.
pub fn run_in_executor(
    lp: &EventLoop,
    name: impl Into<Cow<'static, str>>,
    f: impl FnOnce() -> PyResult<Value> + Send + 'static,
) -> Future {
    let fut = lp.create_future();
    fut.set_label(name.into());
    let inbox = lp.0.inbox.clone();
    inbox.lock().jobs_in_flight += 1;
    let mut executor = lp.0.executor.borrow_mut();
    let executor = executor.get_or_insert_with(Executor::new);
    let id = executor.next_job;
    let job_inbox = inbox.clone();
    executor.submit(
        fut.0.clone(),
        Box::new(move || {
            let result =
                catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| Err(panic_exception(&panic)));
            job_inbox.post(ThreadCall::JobDone(id, SendResult::new(&result)));
        }),
    );
    fut
}

impl EventLoop {
    /// `loop.call_soon_threadsafe(callback)` from a *simulated* thread, one that shares
    /// this OS thread (see `idle.rs`): the callback may hold the program's values, and it
    /// wakes the loop if it idles, as the self-pipe does in CPython.
    ///
    /// ```
    /// use std::{cell::Cell, rc::Rc};
    /// let lp = corosim::aio::new_event_loop();
    /// let ran = Rc::new(Cell::new(false));
    /// let r = ran.clone();
    /// lp.call_soon_threadsafe_here("mark", move || r.set(true));
    /// let l = lp.clone();
    /// lp.call_soon("stop", move || l.stop());
    /// lp.run_forever().unwrap();
    /// assert!(ran.get());
    /// ```
    pub fn call_soon_threadsafe_here(
        &self,
        name: impl Into<Cow<'static, str>>,
        f: impl FnOnce() + 'static,
    ) -> super::Handle {
        let handle = self.call_soon(name, f);
        self.0.thread_woken.set(true);
        handle
    }

    /// A handle other threads can use to reach this loop.
    pub fn handle(&self) -> LoopHandle {
        LoopHandle::new(self.0.inbox.clone())
    }
}
