//! `corosim trace X --format chrome`: the trace as Chrome trace-event JSON, for Perfetto
//! (ui.perfetto.dev) and chrome://tracing — the viewer VizTracer's users know. One track
//! per task (plus one for the loop's own callbacks, and one for the program's generators)
//! and one per simulated thread, a slice per step, per generator run and per thread's
//! turn, instant events for yields, cancels, timers, futures done and output.
//!
//! Times are the loop's clock in microseconds. On the virtual clock a step takes no time,
//! so each record is given one microsecond of its own: steps at the same instant then
//! show, in order, as thin slices.
//!
//! ```
//! use corosim::step::{chrome, program::Program};
//! let p = Program::load("task_cancel").unwrap();
//! let json: serde_json::Value = serde_json::from_str(&chrome::render(&p)).unwrap();
//! let events = json["traceEvents"].as_array().unwrap();
//! assert!(events.iter().any(|e| e["ph"] == "B" && e["name"] == "Task-2 step"));
//! ```

use std::collections::HashMap;

use serde_json::{Value, json};

use super::program::Program;
use crate::trace::{Event, GenState};

struct Writer {
    out: Vec<Value>,
    /// The last time stamp given; each record gets a later one.
    ts: u64,
    /// The loop's clock at the event being written (µs).
    base: u64,
    tids: HashMap<String, u64>,
    /// Open generator slices per track: (depth) — closed innermost first.
    open: HashMap<u64, Vec<usize>>,
}

impl Writer {
    fn tid(&mut self, track: &str) -> u64 {
        if let Some(&t) = self.tids.get(track) {
            return t;
        }
        let t = self.tids.len() as u64;
        self.tids.insert(track.to_string(), t);
        self.out.push(json!({"name": "thread_name", "ph": "M", "pid": 1, "tid": t, "args": {"name": track}}));
        self.out.push(
            json!({"name": "thread_sort_index", "ph": "M", "pid": 1, "tid": t, "args": {"sort_index": t}}),
        );
        t
    }

    fn push(&mut self, ph: &str, name: &str, tid: u64, args: Value) {
        self.ts = (self.ts + 1).max(self.base);
        let mut e = json!({"name": name, "ph": ph, "pid": 1, "tid": tid, "ts": self.ts, "cat": "corosim", "args": args});
        if ph == "i" {
            e["s"] = json!("t");
        }
        self.out.push(e);
    }

    fn close_from(&mut self, tid: u64, depth: usize) {
        while self.open.get(&tid).and_then(|s| s.last()).is_some_and(|&d| d >= depth) {
            self.open.get_mut(&tid).map(|s| s.pop());
            self.push("E", "", tid, json!({}));
        }
    }
}

/// The whole trace as one JSON document.
pub fn render(program: &Program) -> String {
    let mut w = Writer { out: Vec::new(), ts: 0, base: 0, tids: HashMap::new(), open: HashMap::new() };
    w.out.push(json!({"name": "process_name", "ph": "M", "pid": 1, "args": {"name": format!("corosim {}", program.name)}}));
    let main_track = if program.is_async() { "loop" } else { "main" };
    w.tid(main_track);
    let mut task: Option<String> = None;
    // The thread whose turn is open (a slice from one switch to the next).
    let mut turn: Option<u64> = None;
    for stamped in &program.events {
        w.base = (stamped.t * 1e6).round().max(0.0) as u64;
        let track = task.clone().unwrap_or_else(|| main_track.to_string());
        let tid = w.tid(&track);
        let e = &stamped.event;
        match e {
            Event::TaskCreated { task: t, coro, .. } => {
                w.tid(t);
                w.push("i", &format!("create_task({coro}()) → {t}"), tid, json!({}));
            }
            Event::TaskStep { task: t, with, .. } => {
                let tid = w.tid(t);
                w.push("B", &format!("{t} step"), tid, json!({"with": format!("{with:?}")}));
                task = Some(t.clone());
            }
            Event::TaskSuspend { task: t, waits_on, .. } => {
                let tid = w.tid(t);
                w.close_from(tid, 0);
                w.push("E", "", tid, json!({"waits_on": waits_on}));
                task = None;
            }
            Event::FutureDone { future, state, .. } if task.as_deref() == Some(future.as_str()) => {
                w.close_from(tid, 0);
                w.push("E", "", tid, json!({"outcome": state}));
                task = None;
                w.push("i", &format!("{future}: {state}"), tid, json!({}));
            }
            Event::Callback { callback, .. } => {
                task = None;
                let loop_tid = w.tid(main_track);
                w.push("X", &format!("{callback}()"), loop_tid, json!({}));
                if let Some(last) = w.out.last_mut() {
                    last["dur"] = json!(1);
                }
            }
            Event::LoopIteration { ready, .. } => {
                task = None;
                let loop_tid = w.tid(main_track);
                w.push("i", &format!("loop turn: {ready} ready"), loop_tid, json!({}));
            }
            Event::State { name, depth, to, .. } => match to {
                GenState::Running => {
                    w.close_from(tid, *depth + 1);
                    w.open.entry(tid).or_default().push(*depth + 1);
                    w.push("B", name, tid, json!({"depth": depth}));
                }
                _ => w.close_from(tid, *depth + 1),
            },
            Event::ThreadSwitch { from, to, why, .. } => {
                let from_tid = w.tid(&format!("thread {from}"));
                if turn.take() == Some(from_tid) {
                    w.push("E", "", from_tid, json!({"why": why}));
                }
                let to_tid = w.tid(&format!("thread {to}"));
                w.push("B", &format!("{to} runs"), to_tid, json!({"after": format!("{from} {why}")}));
                turn = Some(to_tid);
            }
            Event::Resume { .. }
            | Event::DelegateEnter { .. }
            | Event::DelegateLeave { .. }
            | Event::Line { .. } => {}
            other => w.push("i", other.to_string().trim(), tid, json!({"kind": other.kind()})),
        }
    }
    // Anything still open ends with the trace.
    let open: Vec<u64> = w.open.keys().copied().collect();
    for tid in open {
        w.close_from(tid, 0);
    }
    if let Some(tid) = turn {
        w.push("E", "", tid, json!({}));
    }
    json!({"traceEvents": w.out, "displayTimeUnit": "ms", "otherData": {"program": program.name, "clock": "virtual"}})
        .to_string()
}
