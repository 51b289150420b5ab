//! The lane model: who ran when, and what everybody else was doing meanwhile — a
//! Gantt chart of cooperative multitasking, built from trace events alone.
//!
//! Two pictures come out of a trace:
//!
//! * **loop** traces (any `TaskStep`, `Callback` or `LoopIteration`): one lane per task and
//!   one for the loop's own callbacks. The x axis is the loop's virtual clock, with two
//!   liberties taken so that nothing is invisible: every step gets a fixed width even though
//!   it takes no virtual time, and long idle gaps are drawn shorter (the tick labels keep
//!   the true times);
//!   A program with simulated threads (`threading`) gets one lane per thread as well, on
//!   the same clock: a block for each turn a thread holds the interpreter, then a bar
//!   while it waits (blocked) or is ready (preempted) until its next turn;
//! * **generator** traces: one lane for the main program and one per generator name. The x
//!   axis is event order: a new column each time control passes from one frame to another,
//!   which is exactly the ping-pong of `next`/`send` and `yield`.
//!
//! Positions are in pixels; [`super::svg`] only adds margins and vertical placement.

use std::collections::HashMap;

use crate::trace::{Event, GenState, Resumed};

/// Width of one task step: steps take no virtual time, but must be seen.
pub const STEP_W: f64 = 44.0;
/// Width of one loop-internal callback (a private `_name`: timers of `sleep`, wake-ups).
pub const INTERNAL_W: f64 = 26.0;
/// Space between two turns of the loop at the same instant.
pub const TURN_GAP: f64 = 6.0;
/// Approximate advance of one character of the label font (monospace, 16 px).
pub const CHAR_W: f64 = 9.8;
/// The most columns a generator picture shows; the rest is in the text trace.
pub const MAX_COLUMNS: usize = 40;
/// Narrowest and widest generator column.
pub const COLUMN_MIN: f64 = 96.0;
/// See [`COLUMN_MIN`].
pub const COLUMN_MAX: f64 = 300.0;

/// What kind of picture a trace makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Tasks and callbacks on an event loop, against the loop's clock.
    Loop,
    /// Generators and the main program, in event order.
    Generators,
    /// Nothing to draw (no loop or generator events on the traced thread).
    Empty,
}

/// Who a lane belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The event loop itself: callbacks, timers firing, warnings.
    Loop,
    /// One asyncio Task.
    Task,
    /// The program that calls `next`/`send` (generator pictures).
    Main,
    /// One generator (by name: a fresh generator of the same name reuses the lane).
    Generator,
    /// One simulated thread (`threading.Thread`, or the main thread).
    Thread,
}

/// One horizontal lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// `Task-2`, `averager`, `event loop`.
    pub title: String,
    /// A second line: the task's coroutine, e.g. `spin()`.
    pub detail: Option<String>,
    /// Whose lane this is.
    pub role: Role,
}

/// What a stretch of a lane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    /// Running: a task step resumed by `send`, a generator frame executing, main running.
    Run,
    /// Running, entered by `throw()` (a cancellation, an injected exception).
    Throw,
    /// The main program running: between a generator's yield and the next send.
    Caller,
    /// A callback the program scheduled (`call_soon`, `call_later`, a done-callback).
    Callback,
    /// A loop-internal callback (asyncio's private `_name`s: a sleep's timer firing...).
    Internal,
    /// A task parked on a future.
    Wait,
    /// A task parked on a socket: waiting for the selector to find it ready (a future
    /// labelled `read from …`, `write to …`: see [`trace::io_wait`](crate::trace::io_wait)).
    IoWait,
    /// A task whose future is done, queued until the loop gets to it.
    Ready,
    /// A generator paused at a `yield`.
    Suspended,
    /// A generator paused in `yield from` / `await`, forwarding to another frame.
    Delegating,
}

/// A stretch `[x0, x1)` of one lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Index into [`Timeline::lanes`].
    pub lane: usize,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// What the lane is doing.
    pub what: What,
    /// Short text drawn on the block (may be empty; the writer truncates to fit).
    pub label: String,
    /// A second line of text (generator columns: how the frame left).
    pub label2: String,
    /// The full story, for the tooltip.
    pub detail: String,
}

/// An instant worth a symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A task finished with a result.
    Finished,
    /// A task was cancelled.
    Cancelled,
    /// A task failed with an exception.
    Failed,
    /// A generator became CLOSED.
    Closed,
    /// A warning (asyncio's, an unraisable error, a never-awaited coroutine).
    Warning,
}

/// A symbol on a lane at `x`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Index into [`Timeline::lanes`].
    pub lane: usize,
    /// Where.
    pub x: f64,
    /// Which symbol.
    pub kind: MarkKind,
    /// The full story, for the tooltip.
    pub detail: String,
}

/// A labelled point on the x axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where.
    pub x: f64,
    /// `0.100` (virtual seconds) or a step number.
    pub label: String,
}

/// Control passing from one lane to another at `x` (generator pictures).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// The lane giving up control.
    pub from: usize,
    /// The lane taking it.
    pub to: usize,
    /// Where.
    pub x: f64,
}

/// Everything a picture shows, in pixels along x.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// Which picture.
    pub kind: Kind,
    /// Lanes, top to bottom.
    pub lanes: Vec<Lane>,
    /// Stretches, in the order they were found.
    pub blocks: Vec<Block>,
    /// Symbols.
    pub marks: Vec<Mark>,
    /// Axis labels.
    pub ticks: Vec<Tick>,
    /// Hand-overs of control.
    pub links: Vec<Link>,
    /// The drawing's extent along x.
    pub width: f64,
    /// A remark for the caption (e.g. that the picture stops early).
    pub note: Option<String>,
}

impl Timeline {
    /// Builds the picture a trace makes (see the module docs for the two kinds).
    pub fn from_events(events: &[Event]) -> Timeline {
        let is_loop = events.iter().any(|e| {
            matches!(e, Event::TaskStep { .. } | Event::Callback { .. } | Event::LoopIteration { .. })
        });
        let is_gen = events.iter().any(|e| matches!(e, Event::Resume { .. }));
        let has_threads = events.iter().any(|e| matches!(e, Event::ThreadSwitch { .. }));
        if is_loop || has_threads {
            LoopBuilder { has_loop: is_loop, ..LoopBuilder::default() }.build(events)
        } else if is_gen {
            GenBuilder::default().build(events)
        } else {
            Timeline {
                kind: Kind::Empty,
                lanes: Vec::new(),
                blocks: Vec::new(),
                marks: Vec::new(),
                ticks: Vec::new(),
                links: Vec::new(),
                width: 0.0,
                note: None,
            }
        }
    }

    /// The index of the lane titled `title`.
    pub fn lane(&self, title: &str) -> Option<usize> {
        self.lanes.iter().position(|l| l.title == title)
    }

    /// The blocks of one lane, left to right.
    pub fn blocks_of(&self, lane: usize) -> Vec<&Block> {
        let mut v: Vec<&Block> = self.blocks.iter().filter(|b| b.lane == lane).collect();
        v.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.what.cmp(&b.what)));
        v
    }
}

/// The width a label of `chars` characters needs.
pub fn text_width(chars: usize) -> f64 {
    chars as f64 * CHAR_W
}

/// How wide an idle stretch of `dt` virtual seconds is drawn: growing with `dt`, but
/// slower and slower, so a 100 s sleep does not push everything else off the page.
fn gap_width(dt: f64) -> f64 {
    (60.0 * (1.0 + dt / 0.1).log2()).clamp(24.0, 320.0)
}

/// `Future-2 (sleep(0.1))` → `sleep(0.1)`: what a reader recognises from the program.
fn short_future(name: &str) -> &str {
    match (name.find(" ("), name.ends_with(')')) {
        (Some(i), true) => &name[i + 2..name.len() - 1],
        _ => name,
    }
}

#[derive(Default)]
struct LoopBuilder {
    lanes: Vec<Lane>,
    blocks: Vec<Block>,
    marks: Vec<Mark>,
    ticks: Vec<Tick>,
    cursor: f64,
    last_t: Option<f64>,
    /// Task lane → (x where it parked, what it waits on).
    waiting: HashMap<usize, (f64, String)>,
    /// Task lane → x where its future completed (it is queued from there).
    ready: HashMap<usize, f64>,
    /// The task whose step is running: its coroutine's first resume names the lane.
    naming: Option<usize>,
    /// Draw the loop's own lane (the trace has loop events, not only threads).
    has_loop: bool,
    /// The thread holding the interpreter: (its lane, x where its turn began).
    turn: Option<(usize, f64)>,
    /// Thread lane → (x where it gave the interpreter up, why).
    off: HashMap<usize, (f64, String)>,
}

impl LoopBuilder {
    fn lane(&mut self, title: &str, role: Role) -> usize {
        if let Some(i) = self.lanes.iter().position(|l| l.title == title && l.role == role) {
            return i;
        }
        self.lanes.push(Lane { title: title.to_string(), detail: None, role });
        self.lanes.len() - 1
    }

    /// Moves the clock to `t`: an idle gap and a tick when time has passed.
    fn at(&mut self, t: f64) {
        match self.last_t {
            None => self.tick(t),
            Some(last) if t > last + 1e-9 => {
                self.cursor += gap_width(t - last);
                self.tick(t);
            }
            _ => {}
        }
        self.last_t = Some(self.last_t.map_or(t, |l| l.max(t)));
    }

    fn tick(&mut self, t: f64) {
        self.ticks.push(Tick { x: self.cursor, label: format!("{t:.3}") });
    }

    /// Reserves `w` pixels for one handle run by the loop.
    fn slot(&mut self, w: f64) -> (f64, f64) {
        let x0 = self.cursor;
        self.cursor += w;
        (x0, self.cursor)
    }

    /// Ends a task's wait (and queueing) at the current position, drawing both.
    fn end_wait(&mut self, lane: usize) {
        let x = self.cursor;
        if let Some((x0, on)) = self.waiting.remove(&lane) {
            let ready_at = self.ready.remove(&lane);
            let wait_end = ready_at.unwrap_or(x);
            if wait_end > x0 {
                let (what, label, detail) = match crate::trace::io_wait(&on) {
                    Some(io) => (What::IoWait, io.to_string(), format!("waits to {io}")),
                    None => (What::Wait, short_future(&on).to_string(), format!("waits on {on}")),
                };
                self.blocks.push(Block {
                    lane,
                    x0,
                    x1: wait_end,
                    what,
                    label,
                    label2: String::new(),
                    detail,
                });
            }
            if let Some(r) = ready_at
                && x > r
            {
                self.blocks.push(Block {
                    lane,
                    x0: r,
                    x1: x,
                    what: What::Ready,
                    label: String::new(),
                    label2: String::new(),
                    detail: format!("ready: {} is done; queued for its next step", short_future(&on)),
                });
            }
        }
    }

    /// A thread switch: the turn of `from` ends here, `to`'s begins.
    fn thread_switch(&mut self, t: f64, from: &str, to: &str, why: &str) {
        self.at(t);
        let from_lane = self.lane(from, Role::Thread);
        let (lane, x0) = self.turn.take().unwrap_or((from_lane, 0.0));
        self.cursor = self.cursor.max(x0 + STEP_W);
        self.blocks.push(Block {
            lane,
            x0,
            x1: self.cursor,
            what: What::Run,
            label: String::new(),
            label2: String::new(),
            detail: format!("{}: holds the interpreter, until {why}", self.lanes[lane].title),
        });
        self.off.insert(from_lane, (self.cursor, why.to_string()));
        self.cursor += TURN_GAP;
        let to_lane = self.lane(to, Role::Thread);
        if let Some((x, why)) = self.off.remove(&to_lane)
            && self.cursor > x
        {
            let (what, detail) = match why.as_str() {
                "preempted" => (What::Ready, format!("{to}: preempted; ready for its next turn")),
                _ => (What::Wait, format!("{to}: blocked (a lock, a join, a sleep)")),
            };
            let (label, label2) = (String::new(), String::new());
            self.blocks.push(Block { lane: to_lane, x0: x, x1: self.cursor, what, label, label2, detail });
        }
        self.turn = Some((to_lane, self.cursor));
    }

    fn build(mut self, events: &[Event]) -> Timeline {
        // The loop's lane comes first, so tasks read downwards from it. (Callbacks, drawn
        // on it, come only with a loop; a threads-only trace has no such lane.)
        let loop_lane = if self.has_loop { self.lane("event loop", Role::Loop) } else { usize::MAX };
        for event in events {
            match event {
                Event::ThreadSwitch { t, from, to, why } => self.thread_switch(*t, from, to, why),
                Event::LoopIteration { t, .. } => {
                    self.at(*t);
                    self.cursor += TURN_GAP; // a new turn of the loop is set apart
                }
                Event::Callback { t, callback } => {
                    self.at(*t);
                    let internal = callback.starts_with('_');
                    let w = if internal { INTERNAL_W } else { STEP_W.max(text_width(callback.len()) + 16.0) };
                    let (x0, x1) = self.slot(w);
                    self.blocks.push(Block {
                        lane: loop_lane,
                        x0,
                        x1,
                        what: if internal { What::Internal } else { What::Callback },
                        label: if internal { String::new() } else { callback.clone() },
                        label2: String::new(),
                        detail: format!("t={t:.3} run {callback}()"),
                    });
                    self.naming = None;
                }
                Event::TaskStep { t, task, with } => {
                    self.at(*t);
                    let lane = self.lane(task, Role::Task);
                    self.end_wait(lane);
                    let (x0, x1) = self.slot(STEP_W);
                    let (what, how) = match with {
                        Resumed::Send(v) => (What::Run, format!("send({v})")),
                        Resumed::Throw(e) => (What::Throw, format!("throw({e})")),
                    };
                    self.blocks.push(Block {
                        lane,
                        x0,
                        x1,
                        what,
                        label: String::new(),
                        label2: String::new(),
                        detail: format!("t={t:.3} {task}: step, {how}"),
                    });
                    self.naming = if self.lanes[lane].detail.is_none() { Some(lane) } else { None };
                }
                Event::Resume { name, depth: 0, .. } => {
                    if let Some(lane) = self.naming.take() {
                        self.lanes[lane].detail = Some(format!("{name}()"));
                    }
                }
                Event::TaskSuspend { t, task, waits_on } => {
                    self.at(*t);
                    let lane = self.lane(task, Role::Task);
                    if waits_on.starts_with("nothing") {
                        // a bare yield: straight to the back of the ready queue
                        self.waiting.insert(lane, (self.cursor, "the ready queue (bare yield)".into()));
                        self.ready.insert(lane, self.cursor);
                    } else {
                        self.waiting.insert(lane, (self.cursor, waits_on.clone()));
                    }
                    self.naming = None;
                }
                Event::FutureDone { t, future, state } => {
                    self.at(*t);
                    let x = self.cursor;
                    // Tasks parked on this future are queued from now on.
                    let mut woken: Vec<usize> =
                        self.waiting.iter().filter(|(_, (_, on))| on == future).map(|(l, _)| *l).collect();
                    woken.sort_unstable();
                    for lane in woken {
                        self.ready.entry(lane).or_insert(x);
                    }
                    if let Some(lane) =
                        self.lanes.iter().position(|l| l.role == Role::Task && l.title == *future)
                    {
                        self.end_wait(lane);
                        let kind = if state.starts_with("finished") {
                            MarkKind::Finished
                        } else if state.starts_with("cancelled") {
                            MarkKind::Cancelled
                        } else {
                            MarkKind::Failed
                        };
                        self.marks.push(Mark {
                            lane,
                            x,
                            kind,
                            detail: format!("t={t:.3} {future}: {state}"),
                        });
                    }
                }
                Event::Warning { t, message } => {
                    self.at(*t);
                    let loop_lane = self.lane("event loop", Role::Loop);
                    self.marks.push(Mark {
                        lane: loop_lane,
                        x: self.cursor,
                        kind: MarkKind::Warning,
                        detail: format!("t={t:.3} WARNING {message}"),
                    });
                }
                Event::TimerScheduled { t, .. } => self.at(*t),
                Event::Unraisable { .. } | Event::NeverAwaited { .. } => {
                    let loop_lane = self.lane("event loop", Role::Loop);
                    self.marks.push(Mark {
                        lane: loop_lane,
                        x: self.cursor,
                        kind: MarkKind::Warning,
                        detail: event.to_string(),
                    });
                }
                _ => {}
            }
        }
        // Whoever is still parked at the end waits on past the picture's edge.
        let end = self.cursor + 40.0;
        self.cursor = end;
        if let Some((lane, x0)) = self.turn.take() {
            let name = self.lanes[lane].title.clone();
            self.blocks.push(Block {
                lane,
                x0,
                x1: end,
                what: What::Run,
                label: String::new(),
                label2: String::new(),
                detail: format!("{name}: holds the interpreter"),
            });
        }
        let mut still: Vec<usize> = self.waiting.keys().copied().collect();
        still.sort_unstable();
        for lane in still {
            self.end_wait(lane);
        }
        Timeline {
            kind: Kind::Loop,
            lanes: self.lanes,
            blocks: self.blocks,
            marks: self.marks,
            ticks: self.ticks,
            links: Vec::new(),
            width: end,
            note: None,
        }
    }
}

/// One column of a generator picture: a stretch during which one frame has control.
struct Column {
    lane: usize,
    /// How the frame was entered: `send(1)`, `throw(...)`; for main, its first printed line.
    enter: String,
    /// How it left: `yield 1`, `return None`, `yield from inner`.
    exit: String,
    printed: Vec<String>,
    thrown: bool,
}

/// A generator lane's state between its columns, from boundary `from` on.
struct Pause {
    from: usize,
    what: What,
    label: String,
}

#[derive(Default)]
struct GenBuilder {
    lanes: Vec<Lane>,
    columns: Vec<Column>,
    current: Option<usize>,
    paused: HashMap<usize, Pause>,
    /// (lane, boundary, kind, detail)
    marks: Vec<(usize, usize, MarkKind, String)>,
    /// (lane, from boundary, to boundary, what, label)
    pauses: Vec<(usize, usize, usize, What, String)>,
    /// Lanes whose generator is CLOSED (until a fresh one of that name starts).
    done: Vec<usize>,
}

impl GenBuilder {
    const MAIN: usize = 0;

    fn lane(&mut self, name: &str) -> usize {
        if let Some(i) = self.lanes.iter().skip(1).position(|l| l.title == name) {
            return i + 1;
        }
        self.lanes.push(Lane { title: name.to_string(), detail: None, role: Role::Generator });
        self.lanes.len() - 1
    }

    /// The boundary after the last column: "now", between columns.
    fn now(&self) -> usize {
        self.columns.len()
    }

    fn open(&mut self, lane: usize, enter: String, thrown: bool) {
        self.close("");
        self.done.retain(|l| *l != lane);
        self.end_pause(lane);
        self.columns.push(Column { lane, enter, exit: String::new(), printed: Vec::new(), thrown });
        self.current = Some(self.columns.len() - 1);
    }

    fn close(&mut self, exit: &str) {
        if let Some(c) = self.current.take() {
            self.columns[c].exit = exit.to_string();
        }
    }

    fn pause(&mut self, lane: usize, what: What, label: String) {
        let from = self.now();
        self.paused.insert(lane, Pause { from, what, label });
    }

    fn end_pause(&mut self, lane: usize) {
        if let Some(p) = self.paused.remove(&lane) {
            let to = self.now();
            if to > p.from {
                self.pauses.push((lane, p.from, to, p.what, p.label));
            }
        }
    }

    /// The lane that has control, opening a main column if nobody does.
    fn running(&mut self) -> usize {
        match self.current {
            Some(c) => c,
            None => {
                self.open(Self::MAIN, String::new(), false);
                self.columns.len() - 1
            }
        }
    }

    fn closed(&mut self, lane: usize, detail: String) {
        self.end_pause(lane);
        if !self.done.contains(&lane) {
            self.done.push(lane);
            let at = self.now();
            self.marks.push((lane, at, MarkKind::Closed, detail));
        }
    }

    fn build(mut self, events: &[Event]) -> Timeline {
        self.lanes.push(Lane { title: "main program".into(), detail: None, role: Role::Main });
        for event in events {
            match event {
                Event::Resume { name, with, .. } => {
                    let lane = self.lane(name);
                    let (enter, thrown) = match with {
                        Resumed::Send(v) => (format!("send({v})"), false),
                        Resumed::Throw(e) => (format!("throw({e})"), true),
                    };
                    let same = self.current.is_some_and(|c| self.columns[c].lane == lane);
                    if !same {
                        self.open(lane, enter, thrown);
                    }
                }
                Event::Yield { name, value, .. } => {
                    self.close(&format!("yield {value}"));
                    let lane = self.lane(name);
                    self.pause(lane, What::Suspended, String::new());
                    // The value travels straight out to whoever called send(): main.
                    self.open(Self::MAIN, String::new(), false);
                }
                Event::Return { name, depth, value } | Event::Raise { name, depth, exception: value } => {
                    let verb = if matches!(event, Event::Return { .. }) { "return" } else { "raise" };
                    self.close(&format!("{verb} {value}"));
                    let lane = self.lane(name);
                    self.closed(lane, format!("{name}: {verb} {value}; now CLOSED"));
                    if *depth == 0 {
                        self.open(Self::MAIN, String::new(), false);
                    }
                }
                Event::DelegateEnter { name, to, .. } => {
                    self.close(&format!("yield from {to}"));
                    let lane = self.lane(name);
                    self.pause(lane, What::Delegating, format!("yield from {to}"));
                }
                Event::DelegateLeave { name, .. } => {
                    let lane = self.lane(name);
                    self.end_pause(lane);
                }
                Event::State { name, to: GenState::Closed, .. } => {
                    let lane = self.lane(name);
                    let running_here = self.current.is_some_and(|c| self.columns[c].lane == lane);
                    if !running_here {
                        self.closed(lane, format!("{name}: closed"));
                    }
                }
                Event::Output { text } => {
                    let c = self.running();
                    self.columns[c].printed.push(text.clone());
                }
                Event::Unraisable { name, .. } | Event::NeverAwaited { name } => {
                    let lane = self.lane(name);
                    let at = self.now();
                    self.marks.push((lane, at, MarkKind::Warning, event.to_string()));
                }
                _ => {}
            }
        }
        self.close("");
        let open: Vec<usize> = {
            let mut v: Vec<usize> = self.paused.keys().copied().collect();
            v.sort_unstable();
            v
        };
        for lane in open {
            self.end_pause(lane);
        }
        self.layout()
    }

    /// Turns columns and boundaries into pixels.
    fn layout(self) -> Timeline {
        let total = self.columns.len();
        let shown = total.min(MAX_COLUMNS);
        let mut xs = vec![0.0];
        let mut blocks = Vec::new();
        let mut links = Vec::new();
        let mut ticks = Vec::new();
        for (i, col) in self.columns.iter().take(shown).enumerate() {
            let (label, label2) = if col.lane == Self::MAIN {
                let more = col.printed.len().saturating_sub(1);
                let first = col.printed.first().cloned().unwrap_or_default();
                let second = match more {
                    0 => String::new(),
                    1 => col.printed[1].clone(),
                    n => format!("+{n} lines"),
                };
                (first, second)
            } else {
                (col.enter.clone(), col.exit.clone())
            };
            let chars = label.chars().count().max(label2.chars().count());
            let w = (text_width(chars) + 20.0).clamp(COLUMN_MIN, COLUMN_MAX);
            let x0 = xs[i];
            let x1 = x0 + w;
            xs.push(x1);
            let mut detail = String::new();
            if col.lane != Self::MAIN {
                detail = format!("{}: {} … {}", self.lanes[col.lane].title, col.enter, col.exit);
            }
            for line in &col.printed {
                if !detail.is_empty() {
                    detail.push('\n');
                }
                detail.push_str(&format!("prints: {line}"));
            }
            let what = match (col.lane, col.thrown) {
                (Self::MAIN, _) => What::Caller,
                (_, true) => What::Throw,
                _ => What::Run,
            };
            blocks.push(Block { lane: col.lane, x0, x1, what, label, label2, detail });
            if i > 0 && self.columns[i - 1].lane != col.lane {
                links.push(Link { from: self.columns[i - 1].lane, to: col.lane, x: x0 });
            }
            ticks.push(Tick { x: x0, label: (i + 1).to_string() });
        }
        let x_of = |b: usize| xs[b.min(shown)];
        for (lane, from, to, what, label) in &self.pauses {
            if *from >= shown {
                continue;
            }
            let detail = match what {
                What::Delegating => format!("{}: suspended in {label}", self.lanes[*lane].title),
                _ => format!("{}: SUSPENDED at a yield", self.lanes[*lane].title),
            };
            blocks.push(Block {
                lane: *lane,
                x0: x_of(*from),
                x1: x_of(*to),
                what: *what,
                label: label.clone(),
                label2: String::new(),
                detail,
            });
        }
        let marks = self
            .marks
            .iter()
            .filter(|(_, b, _, _)| *b <= shown)
            .map(|(lane, b, kind, detail)| Mark {
                lane: *lane,
                x: x_of(*b),
                kind: *kind,
                detail: detail.clone(),
            })
            .collect();
        let note = (total > shown)
            .then(|| format!("the first {shown} of {total} hand-overs of control; trace.txt has them all"));
        Timeline {
            kind: Kind::Generators,
            lanes: self.lanes,
            blocks,
            marks,
            ticks,
            links,
            width: xs[shown],
            note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send(v: &str) -> Resumed {
        Resumed::Send(v.into())
    }

    fn gen_events(name: &str, depth: usize) -> (Event, Event) {
        (
            Event::Resume { name: name.into(), depth, with: send("None") },
            Event::Yield { name: name.into(), depth, value: "1".into() },
        )
    }

    #[test]
    fn no_events_make_an_empty_picture() {
        let t = Timeline::from_events(&[Event::Output { text: "hi".into() }]);
        assert_eq!(t.kind, Kind::Empty);
        assert!(t.lanes.is_empty());
    }

    #[test]
    fn generator_ping_pong_alternates_lanes() {
        let (r, y) = gen_events("g", 0);
        let events = vec![
            Event::Output { text: "start".into() },
            r.clone(),
            y.clone(),
            Event::Output { text: "got 1".into() },
            r,
            y,
        ];
        let t = Timeline::from_events(&events);
        assert_eq!(t.kind, Kind::Generators);
        assert_eq!(t.lanes.iter().map(|l| l.title.as_str()).collect::<Vec<_>>(), ["main program", "g"]);
        let runs: Vec<(usize, &str)> = t
            .blocks
            .iter()
            .filter(|b| matches!(b.what, What::Run | What::Caller))
            .map(|b| (b.lane, b.label.as_str()))
            .collect();
        // main prints, g runs, main prints, g runs, main gets the value
        assert_eq!(runs, [(0, "start"), (1, "send(None)"), (0, "got 1"), (1, "send(None)"), (0, "")]);
        let g_blocks = t.blocks_of(1);
        assert_eq!(g_blocks[0].label2, "yield 1");
        // between its two runs, g is suspended
        assert!(g_blocks.iter().any(|b| b.what == What::Suspended));
        assert_eq!(t.links.len(), 4);
        // columns tile the axis without overlaps
        let mut runs: Vec<&Block> =
            t.blocks.iter().filter(|b| matches!(b.what, What::Run | What::Caller)).collect();
        runs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        for w in runs.windows(2) {
            assert_eq!(w[0].x1, w[1].x0);
        }
    }

    #[test]
    fn delegation_shows_the_delegator_waiting_and_the_close() {
        let events = vec![
            Event::Resume { name: "outer".into(), depth: 0, with: send("None") },
            Event::DelegateEnter { name: "outer".into(), depth: 0, to: "inner".into() },
            Event::Resume { name: "inner".into(), depth: 1, with: send("None") },
            Event::Yield { name: "inner".into(), depth: 1, value: "'x'".into() },
            Event::Resume { name: "inner".into(), depth: 1, with: send("2") },
            Event::Return { name: "inner".into(), depth: 1, value: "3".into() },
            Event::DelegateLeave { name: "outer".into(), depth: 0, to: "inner".into(), outcome: "3".into() },
            Event::Resume { name: "outer".into(), depth: 0, with: send("3") },
            Event::Return { name: "outer".into(), depth: 0, value: "None".into() },
        ];
        let t = Timeline::from_events(&events);
        let outer = t.lane("outer").unwrap();
        let inner = t.lane("inner").unwrap();
        let deleg: Vec<&Block> =
            t.blocks_of(outer).into_iter().filter(|b| b.what == What::Delegating).collect();
        assert_eq!(deleg.len(), 1);
        assert_eq!(deleg[0].label, "yield from inner");
        // the delegation spans exactly inner's two runs and main's turn in between
        let inner_runs: Vec<&Block> =
            t.blocks_of(inner).into_iter().filter(|b| b.what == What::Run).collect();
        assert_eq!(deleg[0].x0, inner_runs[0].x0);
        assert_eq!(deleg[0].x1, inner_runs[1].x1);
        assert_eq!(inner_runs[1].label, "send(2)");
        assert_eq!(inner_runs[1].label2, "return 3");
        let closed: Vec<usize> =
            t.marks.iter().filter(|m| m.kind == MarkKind::Closed).map(|m| m.lane).collect();
        assert_eq!(closed, [inner, outer]);
    }

    #[test]
    fn long_generator_traces_are_cut_with_a_note() {
        let (r, y) = gen_events("g", 0);
        let events: Vec<Event> = (0..100).flat_map(|_| [r.clone(), y.clone()]).collect();
        let t = Timeline::from_events(&events);
        assert_eq!(
            t.blocks.iter().filter(|b| matches!(b.what, What::Run | What::Caller)).count(),
            MAX_COLUMNS
        );
        assert!(t.note.as_deref().unwrap().contains("of 200"));
    }

    fn loop_events() -> Vec<Event> {
        let step = |t: f64, task: &str| Event::TaskStep { t, task: task.into(), with: send("None") };
        vec![
            Event::LoopIteration { t: 0.0, ready: 1 },
            step(0.0, "Task-1"),
            Event::Resume { name: "main".into(), depth: 0, with: send("None") },
            Event::Resume { name: "sleep".into(), depth: 1, with: send("None") },
            Event::TaskSuspend { t: 0.0, task: "Task-1".into(), waits_on: "Future-1 (sleep(1.0))".into() },
            Event::LoopIteration { t: 1.0, ready: 1 },
            Event::Callback { t: 1.0, callback: "_set_result_unless_cancelled".into() },
            Event::FutureDone {
                t: 1.0,
                future: "Future-1 (sleep(1.0))".into(),
                state: "finished, result=None".into(),
            },
            Event::LoopIteration { t: 1.0, ready: 1 },
            step(1.0, "Task-1"),
            Event::FutureDone { t: 1.0, future: "Task-1".into(), state: "finished, result=None".into() },
            Event::LoopIteration { t: 1.0, ready: 1 },
            Event::Callback { t: 1.0, callback: "ring".into() },
        ]
    }

    #[test]
    fn loop_lanes_show_steps_waits_and_queueing() {
        let t = Timeline::from_events(&loop_events());
        assert_eq!(t.kind, Kind::Loop);
        assert_eq!(t.lanes[0].role, Role::Loop);
        let task = t.lane("Task-1").unwrap();
        assert_eq!(t.lanes[task].detail.as_deref(), Some("main()"));
        let kinds: Vec<What> = t.blocks_of(task).iter().map(|b| b.what).collect();
        assert_eq!(kinds, [What::Run, What::Wait, What::Ready, What::Run]);
        let wait = t.blocks_of(task)[1];
        assert_eq!(wait.label, "sleep(1.0)");
        assert_eq!(wait.detail, "waits on Future-1 (sleep(1.0))");
        // the wait ends where the loop's timer callback completed the future
        let timer = t.blocks_of(0)[0];
        assert_eq!(timer.what, What::Internal);
        assert_eq!(wait.x1, timer.x1);
        let ring = t.blocks_of(0)[1];
        assert_eq!((ring.what, ring.label.as_str()), (What::Callback, "ring"));
        assert_eq!(
            t.marks.iter().map(|m| (m.lane, m.kind)).collect::<Vec<_>>(),
            [(task, MarkKind::Finished)]
        );
        // two instants, two ticks, in order
        assert_eq!(t.ticks.iter().map(|k| k.label.as_str()).collect::<Vec<_>>(), ["0.000", "1.000"]);
        assert!(t.ticks[0].x < t.ticks[1].x);
    }

    #[test]
    fn a_bare_yield_is_queued_at_once() {
        let events = vec![
            Event::TaskStep { t: 0.0, task: "Task-1".into(), with: send("None") },
            Event::TaskSuspend { t: 0.0, task: "Task-1".into(), waits_on: "nothing: a bare yield".into() },
            Event::LoopIteration { t: 0.0, ready: 2 },
            Event::TaskStep { t: 0.0, task: "Task-2".into(), with: send("None") },
            Event::TaskStep {
                t: 0.0,
                task: "Task-1".into(),
                with: Resumed::Throw("CancelledError()".into()),
            },
        ];
        let t = Timeline::from_events(&events);
        let kinds: Vec<What> = t.blocks_of(t.lane("Task-1").unwrap()).iter().map(|b| b.what).collect();
        assert_eq!(kinds, [What::Run, What::Ready, What::Throw]);
    }

    #[test]
    fn gaps_grow_with_time_but_stay_bounded() {
        assert!(gap_width(0.1) < gap_width(1.0));
        assert!(gap_width(1.0) < gap_width(3.0));
        assert_eq!(gap_width(1000.0), 320.0);
        assert_eq!(short_future("Future-3 (sleep(0.1))"), "sleep(0.1)");
        assert_eq!(short_future("Task-3"), "Task-3");
    }
}
