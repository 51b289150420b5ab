//! Finding a moment in a trace: "advance until the next `yield` of `averager`". A lesson
//! names events the way `corosim trace --format jsonl` spells them, so what a teacher
//! sees in the trace is what they write in the lesson.

use crate::trace::{Event, Resumed};

use super::format::Matcher;

/// A field of an event, as a lesson compares it.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// Names, reprs, states, `send(None)`.
    Text(String),
    /// Depths, clock readings, counts.
    Number(f64),
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Text(s) => write!(f, "{s:?}"),
            Field::Number(n) => write!(f, "{n}"),
        }
    }
}

/// Every event kind a lesson may name, with its fields.
pub const KINDS: &[(&str, &[&str])] = &[
    ("resume", &["name", "depth", "with"]),
    ("yield", &["name", "depth", "value"]),
    ("return", &["name", "depth", "value"]),
    ("raise", &["name", "depth", "exception"]),
    ("delegate_enter", &["name", "depth", "to"]),
    ("delegate_leave", &["name", "depth", "to", "outcome"]),
    ("state", &["name", "depth", "from", "to"]),
    ("unraisable", &["name", "exception"]),
    ("never_awaited", &["name"]),
    ("output", &["text"]),
    ("loop_iteration", &["t", "ready"]),
    ("callback", &["t", "callback"]),
    ("task_step", &["t", "task", "with"]),
    ("task_suspend", &["t", "task", "waits_on"]),
    ("timer_scheduled", &["t", "when", "callback"]),
    ("timer_fired", &["t", "callback"]),
    ("task_created", &["t", "task", "coro"]),
    ("task_cancel", &["t", "task"]),
    ("status", &["text"]),
    ("future_done", &["t", "future", "state"]),
    ("warning", &["t", "message"]),
];

/// The pseudo-kind that matches the end of the trace.
pub const END: &str = "end";

/// The kind of `event`, as the JSON trace names it.
pub fn kind(event: &Event) -> &'static str {
    event.kind()
}

/// `send(None)` or `throw(CancelledError())`, as the trace prints it.
pub fn resumed(with: &Resumed) -> String {
    match with {
        Resumed::Send(v) => format!("send({v})"),
        Resumed::Throw(e) => format!("throw({e})"),
    }
}

/// The value of field `name` of `event`, if it has one.
pub fn field(event: &Event, name: &str) -> Option<Field> {
    let text = |s: &str| Some(Field::Text(s.to_string()));
    let num = |n: f64| Some(Field::Number(n));
    match (event, name) {
        (
            Event::Resume { name: n, .. }
            | Event::Yield { name: n, .. }
            | Event::Return { name: n, .. }
            | Event::Raise { name: n, .. }
            | Event::DelegateEnter { name: n, .. }
            | Event::DelegateLeave { name: n, .. }
            | Event::State { name: n, .. }
            | Event::Unraisable { name: n, .. }
            | Event::NeverAwaited { name: n },
            "name",
        ) => text(n),
        (
            Event::Resume { depth, .. }
            | Event::Yield { depth, .. }
            | Event::Return { depth, .. }
            | Event::Raise { depth, .. }
            | Event::DelegateEnter { depth, .. }
            | Event::DelegateLeave { depth, .. }
            | Event::State { depth, .. },
            "depth",
        ) => num(*depth as f64),
        (Event::Resume { with, .. } | Event::TaskStep { with, .. }, "with") => {
            Some(Field::Text(resumed(with)))
        }
        (Event::Yield { value, .. } | Event::Return { value, .. }, "value") => text(value),
        (Event::Raise { exception, .. } | Event::Unraisable { exception, .. }, "exception") => {
            text(exception)
        }
        (Event::DelegateEnter { to, .. } | Event::DelegateLeave { to, .. }, "to") => text(to),
        (Event::DelegateLeave { outcome, .. }, "outcome") => text(outcome),
        (Event::State { from, .. }, "from") => text(from.name()),
        (Event::State { to, .. }, "to") => text(to.name()),
        (Event::Output { text: t }, "text") => text(t),
        (
            Event::LoopIteration { t, .. }
            | Event::Callback { t, .. }
            | Event::TaskStep { t, .. }
            | Event::TaskSuspend { t, .. }
            | Event::TimerScheduled { t, .. }
            | Event::FutureDone { t, .. }
            | Event::Warning { t, .. },
            "t",
        ) => num(*t),
        (Event::LoopIteration { ready, .. }, "ready") => num(*ready as f64),
        (Event::Callback { callback, .. } | Event::TimerScheduled { callback, .. }, "callback") => {
            text(callback)
        }
        (Event::TaskStep { task, .. } | Event::TaskSuspend { task, .. }, "task") => text(task),
        (Event::TaskSuspend { waits_on, .. }, "waits_on") => text(waits_on),
        (Event::TimerScheduled { when, .. }, "when") => num(*when),
        (Event::FutureDone { future, .. }, "future") => text(future),
        (Event::FutureDone { state, .. }, "state") => text(state),
        (Event::Warning { message, .. }, "message") => text(message),
        _ => None,
    }
}

/// Why a matcher is malformed (before any trace is searched).
pub fn validate(m: &Matcher) -> Result<(), (String, String)> {
    if m.kind == END {
        if let Some(key) = m.fields.keys().next() {
            return Err((
                format!("`kind = \"end\"` takes no fields, but `{key}` is given"),
                format!("remove `{key}`"),
            ));
        }
        return Ok(());
    }
    let Some((_, fields)) = KINDS.iter().find(|(k, _)| *k == m.kind) else {
        let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).chain([END]).collect();
        return Err((
            format!("unknown event kind `{}`", m.kind),
            format!("use one of: {}", kinds.join(", ")),
        ));
    };
    if m.times == 0 {
        return Err((
            "`times = 0` matches nothing".into(),
            "count from 1: `times = 1` is the next match".into(),
        ));
    }
    for (key, value) in &m.fields {
        if key == "contains" {
            if !value.is_str() {
                return Err(("`contains` must be a string".into(), "quote it: `contains = \"...\"`".into()));
            }
            continue;
        }
        if !fields.contains(&key.as_str()) {
            return Err((
                format!("`{}` events have no field `{key}`", m.kind),
                format!("use `contains` or one of: {}", fields.join(", ")),
            ));
        }
        if !(value.is_str() || value.is_integer() || value.is_float()) {
            return Err((format!("field `{key}` must be a string or a number"), "give a plain value".into()));
        }
    }
    Ok(())
}

/// Does `event` match `m` (ignoring `times`)?
pub fn matches(m: &Matcher, event: &Event) -> bool {
    if kind(event) != m.kind {
        return false;
    }
    m.fields.iter().all(|(key, want)| {
        if key == "contains" {
            return want.as_str().is_some_and(|s| event.to_string().contains(s));
        }
        match (field(event, key), want) {
            (Some(Field::Text(have)), toml::Value::String(w)) => have == *w,
            (Some(Field::Number(have)), toml::Value::Integer(w)) => (have - *w as f64).abs() < 1e-9,
            (Some(Field::Number(have)), toml::Value::Float(w)) => (have - w).abs() < 1e-9,
            _ => false,
        }
    })
}

/// The index of the event `m` stops at, searching from `from`; `Ok(len)` is the end.
pub fn find(m: &Matcher, events: &[Event], from: usize) -> Option<usize> {
    if m.kind == END {
        return Some(events.len());
    }
    events.iter().enumerate().skip(from).filter(|(_, e)| matches(m, e)).nth(m.times - 1).map(|(i, _)| i)
}

/// A short description of `m` for messages: `{kind = "yield", name = "averager"}`.
pub fn describe(m: &Matcher) -> String {
    let mut parts = vec![format!("kind = {:?}", m.kind)];
    parts.extend(m.fields.iter().map(|(k, v)| format!("{k} = {v}")));
    if m.times != 1 {
        parts.push(format!("times = {}", m.times));
    }
    format!("{{ {} }}", parts.join(", "))
}
