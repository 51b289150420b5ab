//! Resources: for each `Semaphore`, `Lock`, `Event` and `Queue`, who holds it and who
//! waits on it — a wait-for graph, like a database's lock monitor. Tasks that each wait
//! for a resource another of them holds, round to the first, are deadlocked, and the
//! view names them.
//!
//! The runtime reports each take, give-back and wait (`Event::Sync`, with the object's
//! name: `Semaphore-1`). A trace recorded without those events is read as well as it
//! allows: an `acquire` coroutine that returns is its task taking the resource, a task
//! parked on a future labelled `Semaphore.acquire` is waiting — one resource per kind.
//!
//! ```
//! use corosim::step::resources::Resources;
//! use corosim::trace::Event;
//! let mut r = Resources::default();
//! let sync = |task: &str, object: &str, action: &str| Event::Sync {
//!     t: 0.0, object: object.into(), action: action.into(), task: Some(task.into()),
//! };
//! for e in [
//!     sync("Task-1", "Lock-1", "acquired"),
//!     sync("Task-2", "Lock-2", "acquired"),
//!     sync("Task-1", "Lock-2", "waits"),
//!     sync("Task-2", "Lock-1", "waits"),
//! ] {
//!     r.apply(&e, None);
//! }
//! assert_eq!(r.deadlock().unwrap(), ["Task-1", "Task-2"]);
//! ```

use std::collections::BTreeMap;

use crate::trace::Event;

/// One synchronisation object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    /// `Semaphore-1`, or just `Semaphore` when the trace does not name objects.
    pub name: String,
    /// `Semaphore`, `Lock`, `Event`, `Queue`.
    pub kind: String,
    /// Tasks inside it now.
    pub holders: Vec<String>,
    /// Tasks parked on it, first in line first.
    pub waiters: Vec<String>,
}

/// Every resource the trace has shown, by name.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    /// By name.
    pub all: BTreeMap<String, Resource>,
    /// The trace names objects (`Event::Sync`): read those, derive nothing.
    named: bool,
}

/// `Semaphore` of `Semaphore.acquire`, for the coroutines and futures that mean a wait.
fn kind_of(label: &str) -> Option<&'static str> {
    [
        ("Semaphore.acquire", "Semaphore"),
        ("Lock.acquire", "Lock"),
        ("Event.wait", "Event"),
        ("Queue.get", "Queue"),
        ("Queue.put", "Queue"),
    ]
    .iter()
    .find(|(k, _)| label.contains(k))
    .map(|&(_, kind)| kind)
}

impl Resources {
    fn get(&mut self, name: &str) -> &mut Resource {
        let kind = name.split('-').next().unwrap_or(name).to_string();
        self.all.entry(name.to_string()).or_insert_with(|| Resource {
            name: name.to_string(),
            kind,
            ..Default::default()
        })
    }

    /// Takes one event into account; `task` runs now.
    pub fn apply(&mut self, event: &Event, task: Option<&str>) {
        if let Event::Sync { object, action, task, .. } = event {
            self.named = true;
            let who = task.clone().unwrap_or_else(|| "the program".into());
            let r = self.get(object);
            match action.as_str() {
                "acquired" => {
                    r.waiters.retain(|w| *w != who);
                    r.holders.push(who);
                }
                "released" => {
                    if let Some(i) = r.holders.iter().position(|h| *h == who) {
                        r.holders.remove(i);
                    } else if !r.holders.is_empty() {
                        // Released by another task than took it (asyncio allows it).
                        r.holders.remove(0);
                    }
                }
                _ => {
                    if !r.waiters.contains(&who) {
                        r.waiters.push(who);
                    }
                }
            }
            return;
        }
        if let Event::TaskStep { task, .. } = event {
            // Running, so not parked any more (a wait that goes on is reported again).
            for r in self.all.values_mut() {
                if self.named || !matches!(r.kind.as_str(), "Semaphore" | "Lock") {
                    r.waiters.retain(|w| w != task);
                }
            }
        }
        if !self.named {
            self.derive(event, task);
        }
    }

    /// For traces without `Event::Sync`: what the coroutines and futures imply.
    fn derive(&mut self, event: &Event, task: Option<&str>) {
        match event {
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
            Event::FutureDone { future, .. } => {
                // A waiter woken: the task running now released (it leaves).
                if let (Some(kind @ ("Semaphore" | "Lock")), Some(t)) = (kind_of(future), task) {
                    self.get(kind).holders.retain(|h| h != t);
                }
                // A task that ended holds nothing any more.
                for r in self.all.values_mut() {
                    r.holders.retain(|h| h != future);
                    r.waiters.retain(|w| w != future);
                }
            }
            _ => {}
        }
    }

    /// Tasks each waiting for a resource another of them holds, in a ring: the tasks in
    /// order. Every walk takes at most one step per task.
    pub fn deadlock(&self) -> Option<Vec<String>> {
        let waits_for = |task: &str| -> Vec<&str> {
            self.all
                .values()
                .filter(|r| r.waiters.iter().any(|w| w == task))
                .flat_map(|r| r.holders.iter().map(String::as_str))
                .filter(|h| *h != task)
                .collect()
        };
        let tasks: Vec<&str> = self.all.values().flat_map(|r| r.waiters.iter().map(String::as_str)).collect();
        for &start in &tasks {
            let mut path = vec![start];
            let mut at = start;
            for _ in 0..=tasks.len() {
                let Some(&next) = waits_for(at).first() else { break };
                if next == start {
                    // The same ring whoever was found first: from its lowest-numbered task.
                    let first = (0..path.len()).min_by_key(|&i| (path[i].len(), path[i])).unwrap_or(0);
                    path.rotate_left(first);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::{self, Lock};
    use crate::{Generator, Value, trace};

    /// Takes `first`, lets the other task run, then wants `second`.
    fn crossing(name: &'static str, first: Lock, second: Lock) -> Generator {
        Generator::coroutine(name, move |co| async move {
            let _a = first.hold(&co).await?;
            co.await_(aio::sleep(0.0)).await?;
            let _b = second.hold(&co).await?;
            Ok(Value::None)
        })
    }

    #[test]
    fn two_tasks_taking_two_locks_in_opposite_orders_are_named_a_deadlock() {
        let (a, b) = (Lock::new(), Lock::new());
        let main = Generator::coroutine("main", move |co| async move {
            let t1 = aio::create_task(crossing("left", a.clone(), b.clone()))?;
            let t2 = aio::create_task(crossing("right", b, a))?;
            co.await_(&t1).await?;
            co.await_(&t2).await?;
            Ok(Value::None)
        });
        // The loop finds nothing can run and stops with an error; the trace is kept.
        let (result, events) = trace::collect(|| aio::run(main));
        assert!(result.is_err());
        let mut r = Resources::default();
        let mut task = None;
        let mut found = None;
        for e in &events {
            if let Event::TaskStep { task: t, .. } = e {
                task = Some(t.clone());
            }
            r.apply(e, task.as_deref());
            if found.is_none() && r.deadlock().is_some() {
                found = Some(r.clone());
            }
        }
        let at = found.expect("a deadlock is named");
        assert_eq!(at.deadlock().unwrap(), ["Task-2", "Task-3"]);
        assert_eq!(
            (&at.all["Lock-1"].holders[..], &at.all["Lock-1"].waiters[..]),
            (&["Task-2".to_string()][..], &["Task-3".to_string()][..])
        );
        assert_eq!(
            (&at.all["Lock-2"].holders[..], &at.all["Lock-2"].waiters[..]),
            (&["Task-3".to_string()][..], &["Task-2".to_string()][..])
        );
    }

    #[test]
    fn flags_semaphore_never_has_more_than_three_holders_and_ends_free() {
        let s = crate::scenarios::find("flags_semaphore").unwrap();
        let (_, events) = trace::collect(|| s.run(&crate::Console::silent(), crate::aio::ClockKind::Virtual));
        let mut r = Resources::default();
        for e in &events {
            r.apply(e, None);
            let held = r.all.get("Semaphore-1").map_or(0, |s| s.holders.len());
            assert!(held <= 3, "{held} holders after {e}");
        }
        assert!(r.all["Semaphore-1"].holders.is_empty() && r.all["Semaphore-1"].waiters.is_empty());
    }
}
