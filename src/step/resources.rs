//! Resources: for each `Semaphore`, `Lock`, `Event` and `Queue`, who holds it and who
//! waits on it — a wait-for graph, like a database's lock monitor. A set of tasks each
//! waiting on a resource held by the next, round to the first, is a deadlock, and is
//! named as one.
//!
//! Derived from trace events: an `acquire` coroutine that returns is a task taking the
//! resource; a future labelled `Semaphore.acquire` (or `Lock.acquire`, `Event.wait`,
//! `Queue.get`, `Queue.put`) that a task parks on is that task waiting. A release has no
//! event of its own; a woken waiter shows one happened.
//!
//! ```
//! use corosim::step::resources::Resources;
//! let r = Resources::default();
//! assert!(r.deadlock().is_none());
//! ```

use std::collections::BTreeMap;

use super::tasks::first_word;
use crate::trace::Event;

/// One synchronisation object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    /// `Semaphore`, `Lock`, `Event`, `Queue`.
    pub kind: String,
    /// Tasks inside it now (`async with` entered, not yet left as far as the trace tells).
    pub holders: Vec<String>,
    /// Tasks parked on it, first in line first.
    pub waiters: Vec<String>,
}

/// Every resource the trace has shown, by kind.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    /// By kind name.
    pub all: BTreeMap<String, Resource>,
}

/// `Semaphore` of `Semaphore.acquire`, for the coroutines and futures that mean a wait.
fn kind_of(label: &str) -> Option<&'static str> {
    [
        ("Semaphore.acquire", "Semaphore"),
        ("Lock.acquire", "Lock"),
        ("Event.wait", "Event"),
        ("Queue.get", "Queue"),
        ("Queue.put", "Queue"),
        ("Condition.wait", "Condition"),
    ]
    .iter()
    .find(|(k, _)| label.contains(k))
    .map(|&(_, kind)| kind)
}

impl Resources {
    fn get(&mut self, kind: &str) -> &mut Resource {
        self.all
            .entry(kind.to_string())
            .or_insert_with(|| Resource { kind: kind.to_string(), ..Default::default() })
    }

    /// Takes one event into account; `task` runs now.
    pub fn apply(&mut self, event: &Event, task: Option<&str>) {
        match event {
            // `acquire` returned: the running task got in.
            Event::Return { name, .. } if name.ends_with(".acquire") => {
                if let (Some(kind), Some(task)) = (kind_of(name), task) {
                    let r = self.get(kind);
                    r.waiters.retain(|w| w != task);
                    if !r.holders.iter().any(|h| h == task) {
                        r.holders.push(task.to_string());
                    }
                }
            }
            Event::TaskSuspend { task, waits_on, .. } => {
                if let Some(kind) = kind_of(waits_on) {
                    let r = self.get(kind);
                    if !r.waiters.contains(task) {
                        r.waiters.push(task.clone());
                    }
                }
            }
            // A waiter's future done: someone released (or set, or put) — it goes in.
            Event::FutureDone { future, .. } => {
                if let Some(kind) = kind_of(future) {
                    let _ = first_word(future);
                    let r = self.get(kind);
                    if !r.waiters.is_empty() && matches!(kind, "Semaphore" | "Lock") {
                        // The releaser is the task running now: it has left.
                        if let Some(t) = task {
                            r.holders.retain(|h| h != t);
                        }
                    }
                }
                // A task that ended holds nothing any more.
                for r in self.all.values_mut() {
                    r.holders.retain(|h| h != future);
                    r.waiters.retain(|w| w != future);
                }
            }
            Event::TaskStep { task, .. } => {
                // Woken: no longer parked (it may still be in line for a lock).
                for r in self.all.values_mut() {
                    if !matches!(r.kind.as_str(), "Semaphore" | "Lock") {
                        r.waiters.retain(|w| w != task);
                    }
                }
            }
            _ => {}
        }
    }

    /// A cycle of tasks each waiting for a resource another holds, if there is one:
    /// the tasks in order. Bounded by the number of tasks.
    pub fn deadlock(&self) -> Option<Vec<String>> {
        // waiter -> the holders it waits for
        let waits_for = |task: &str| -> Vec<&str> {
            self.all
                .values()
                .filter(|r| r.waiters.iter().any(|w| w == task))
                .flat_map(|r| r.holders.iter().map(String::as_str))
                .collect()
        };
        let tasks: Vec<&str> = self.all.values().flat_map(|r| r.waiters.iter().map(String::as_str)).collect();
        for &start in &tasks {
            let mut path = vec![start];
            let mut at = start;
            for _ in 0..=tasks.len() {
                let Some(&next) = waits_for(at).first() else { break };
                if next == start {
                    return Some(path.iter().map(|s| s.to_string()).collect());
                }
                if path.contains(&next) {
                    break;
                }
                path.push(next);
                at = next;
            }
        }
        None
    }
}
