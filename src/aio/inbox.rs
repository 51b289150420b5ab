//! A loop's doors to other threads: the inbox they post to (`call_soon_threadsafe`,
//! executor results), and the executor's worker threads (Python's `ThreadPoolExecutor`).
//!
//! These are the parts of the thread edge that a loop *holds*, so they stand below it
//! (and below the futures whose loop holds them): they know a future only as the `F` the
//! loop gives them. What a program calls — `LoopHandle`, `run_in_executor`,
//! `ConcurrentFuture` — is in `threads.rs`, above the loop.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use super::selector::Wakeup;
use crate::value::SendResult;

/// What other threads send to a loop.
pub(crate) enum ThreadCall {
    /// `call_soon_threadsafe(callback)`.
    Call(Cow<'static, str>, Box<dyn FnOnce() + Send>),
    /// An executor job finished (its result copied to cross threads).
    JobDone(u64, SendResult),
}

#[derive(Default)]
pub(crate) struct InboxState {
    calls: VecDeque<ThreadCall>,
    pub(super) jobs_in_flight: usize,
    /// Finished jobs by submission number, so results are delivered in submission order.
    finished_jobs: BTreeMap<u64, SendResult>,
}

/// A loop's mailbox for other threads.
#[derive(Default)]
pub(crate) struct Inbox {
    state: Mutex<InboxState>,
    pub(super) wake: Condvar,
    /// `LoopHandle`s alive: while any exists, an idle loop may still be woken.
    pub(super) handles: AtomicUsize,
    /// Interrupts the loop's `select` when it sleeps in one (`selector.rs`).
    pub(super) selector_wakeup: Arc<Wakeup>,
}

impl Inbox {
    /// An empty inbox whose posts also interrupt the loop's `select`.
    pub(crate) fn with_wakeup(selector_wakeup: Arc<Wakeup>) -> Inbox {
        Inbox { selector_wakeup, ..Inbox::default() }
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, InboxState> {
        // A poisoned lock only means a panic elsewhere; the queue itself is intact.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn post(&self, call: ThreadCall) {
        let mut state = self.lock();
        match call {
            ThreadCall::JobDone(id, result) => {
                state.finished_jobs.insert(id, result);
            }
            call => state.calls.push_back(call),
        }
        drop(state);
        self.wake_loop();
    }

    /// Wakes the loop wherever it sleeps: on the condition variable, or in `select`.
    pub(super) fn wake_loop(&self) {
        self.wake.notify_all();
        self.selector_wakeup.notify();
    }

    pub(crate) fn jobs_in_flight(&self) -> usize {
        self.lock().jobs_in_flight
    }

    pub(crate) fn has_calls(&self) -> bool {
        let state = self.lock();
        !state.calls.is_empty() || !state.finished_jobs.is_empty()
    }

    pub(crate) fn could_receive(&self) -> bool {
        self.handles.load(Ordering::SeqCst) > 0 || self.lock().jobs_in_flight > 0
    }

    /// Blocks until every submitted job has finished.
    pub(crate) fn wait_for_all_jobs(&self) {
        let mut state = self.lock();
        while state.finished_jobs.len() < state.jobs_in_flight {
            state = self.wake.wait(state).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Takes the posted calls, then (if `with_jobs`) the finished jobs in submission order.
    pub(crate) fn take_calls(&self, with_jobs: bool) -> Vec<ThreadCall> {
        let mut state = self.lock();
        let mut calls: Vec<ThreadCall> = state.calls.drain(..).collect();
        if !with_jobs {
            return calls;
        }
        let finished = std::mem::take(&mut state.finished_jobs);
        state.jobs_in_flight -= finished.len();
        calls.extend(finished.into_iter().map(|(id, r)| ThreadCall::JobDone(id, r)));
        calls
    }
}

pub(crate) type Job = Box<dyn FnOnce() + Send>;

/// A `ThreadPoolExecutor`: worker threads started as needed, up to `min(32, cpus + 4)`.
/// `F` is the future each job's result goes to.
pub(crate) struct Executor<F> {
    sender: Option<mpsc::Sender<Job>>,
    receiver: Arc<Mutex<mpsc::Receiver<Job>>>,
    workers: Vec<JoinHandle<()>>,
    idle: Arc<AtomicUsize>,
    max_workers: usize,
    futures: HashMap<u64, F>,
    pub(super) next_job: u64,
}

impl<F> Executor<F> {
    pub(super) fn new() -> Self {
        let (sender, receiver) = mpsc::channel();
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        Executor {
            sender: Some(sender),
            receiver: Arc::new(Mutex::new(receiver)),
            workers: Vec::new(),
            idle: Arc::new(AtomicUsize::new(0)),
            max_workers: (cpus + 4).min(32),
            futures: HashMap::new(),
            next_job: 0,
        }
    }

    pub(super) fn submit(&mut self, fut: F, job: Job) -> u64 {
        let id = self.next_job;
        self.next_job += 1;
        self.futures.insert(id, fut);
        if self.idle.load(Ordering::SeqCst) == 0 && self.workers.len() < self.max_workers {
            let receiver = self.receiver.clone();
            let idle = self.idle.clone();
            let n = self.workers.len();
            let worker = std::thread::Builder::new()
                .name(format!("executor-{n}"))
                .spawn(move || {
                    loop {
                        idle.fetch_add(1, Ordering::SeqCst);
                        let job = receiver.lock().unwrap_or_else(|p| p.into_inner()).recv();
                        idle.fetch_sub(1, Ordering::SeqCst);
                        match job {
                            Ok(job) => job(),
                            Err(_) => break, // the executor shut down
                        }
                    }
                })
                .expect("spawn an executor thread");
            self.workers.push(worker);
        }
        if let Some(sender) = &self.sender {
            let _ = sender.send(job);
        }
        id
    }

    /// The future of a finished job, which the executor no longer needs to hold.
    pub(crate) fn finished(&mut self, id: u64) -> Option<F> {
        self.futures.remove(&id)
    }

    /// `executor.shutdown(wait=True)`.
    pub(crate) fn shutdown(mut self) {
        self.sender.take();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
