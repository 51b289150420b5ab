//! Frames: every generator and coroutine object the trace has shown, as Python Tutor draws
//! a function's frame — except that a suspended frame stays on screen, detached from any
//! caller, until something resumes it (`gen.send`, `next(gen)`, a task's step).
//!
//! Generator events name a frame and its `depth` in the chain being resumed, not an
//! object: this module keeps the objects. A resume makes a *chain* — the frame the caller
//! resumed, then each frame it delegates to with `yield from`/`await` — and while a frame
//! of one chain resumes another generator itself, a second chain runs on top of the first
//! (its caller is that frame). A chain whose frames are all paused is detached.
//!
//! ```
//! use corosim::step::frames::Frames;
//! use corosim::{Generator, trace};
//! let g = Generator::new("gen", |co| async move {
//!     co.yield_(1).await?;
//!     Ok(().into())
//! });
//! let (_, events) = trace::collect(|| g.next());
//! let mut frames = Frames::default();
//! for (n, e) in events.iter().enumerate() {
//!     frames.apply(e, None, n);
//! }
//! let g0 = &frames.all[0];
//! assert_eq!((g0.name.as_str(), g0.state.name()), ("gen", "SUSPENDED"));
//! assert!(frames.chains.is_empty()); // nobody is running it: detached
//! ```

use std::collections::HashMap;

use crate::trace::{Event, GenState, Resumed};

/// A frame's index in [`Frames::all`].
pub type FrameId = usize;

/// What kind of object a chain link is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A generator or coroutine: it has states and a body.
    Generator,
    /// An iterator delegated to that is not a generator (`_asyncio.FutureIter`: the
    /// awaited future's own iterator). It has no states of its own.
    Awaitable,
}

/// Who resumed the frame at the root of a running chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// The program's own code (`next(gen)`, `gen.send(x)` outside any generator).
    Program,
    /// A task's step (`Task.__step` sends into its coroutine).
    Task(String),
    /// Another frame, from its body.
    Frame(FrameId),
}

/// One generator or coroutine object.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Its function's name (`averager`).
    pub name: String,
    /// The how-manyth object of that name this is (1-based): `averager #2`.
    pub ordinal: usize,
    /// Generator, or a non-generator awaitable.
    pub kind: Kind,
    /// As `inspect.getgeneratorstate` names it.
    pub state: GenState,
    /// The task whose step created or first ran it.
    pub task: Option<String>,
    /// The frame it delegates to (`yield from`/`await`), while it does.
    pub delegate: Option<FrameId>,
    /// The frame delegating to it, while one does.
    pub delegator: Option<FrameId>,
    /// Who resumed it, while its chain runs (it at the root); `None`: detached.
    pub caller: Option<Caller>,
    /// The frame whose awaitable last resumed it, and that awaitable's name: an `async
    /// for`'s `async_generator_asend` driving an asynchronous generator (see `enter`).
    pub driver: Option<(FrameId, String)>,
    /// How it was last resumed: `send(31.5)`, `throw(GeneratorExit())`.
    pub sent: Option<String>,
    /// What it last yielded (repr).
    pub yielded: Option<String>,
    /// How its last `yield from` ended: `returned Summary(...)`, landed in this frame.
    pub landed: Option<String>,
    /// How it ended: `returned 'ok'`, `raised GeneratorExit()`.
    pub ended: Option<String>,
    /// The last thing it delegated to (kept after the delegation ends).
    pub via: Option<String>,
    /// Its last pause was its own bare `yield` (not one passed up from a delegate).
    pub own_yield: bool,
    /// The line it is at, when the program reports its lines (`Event::Line`).
    pub line: Option<u32>,
    /// Its locals as `(name, repr)`, when the program reports them.
    pub locals: Vec<(String, String)>,
    /// The event (index) at which it closed.
    pub closed_at: Option<usize>,
}

impl Frame {
    /// `averager #2`, or just `averager` for the first of its name.
    pub fn label(&self) -> String {
        if self.ordinal > 1 && self.task.is_none() {
            format!("{} #{}", self.name, self.ordinal)
        } else {
            self.name.clone()
        }
    }
}

/// What moved along a chain at the last event, for drawing it: a value sent in, a value
/// yielded out, a return value landing in the frame that delegated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    /// The frame it concerns.
    pub frame: FrameId,
    /// In words, with an arrow: `← send(31.5)`.
    pub text: String,
}

/// Every frame seen, and the chains running now.
#[derive(Clone, Debug, Default)]
pub struct Frames {
    /// Every frame, in order of appearance (closed ones too).
    pub all: Vec<Frame>,
    /// The chains running now, innermost (most recently resumed) last; each lists its
    /// frames by depth.
    pub chains: Vec<Vec<FrameId>>,
    /// What moved at the last event.
    pub flows: Vec<Flow>,
    /// Each task's coroutine.
    pub task_coro: HashMap<String, FrameId>,
    names: HashMap<String, usize>,
}

impl Frames {
    /// Adds a frame.
    fn spawn(&mut self, name: &str, kind: Kind, task: Option<&str>) -> FrameId {
        let n = self.names.entry(name.to_string()).or_insert(0);
        *n += 1;
        self.all.push(Frame {
            name: name.to_string(),
            ordinal: *n,
            kind,
            state: GenState::Created,
            task: task.map(str::to_string),
            delegate: None,
            delegator: None,
            caller: None,
            driver: None,
            sent: None,
            yielded: None,
            landed: None,
            ended: None,
            via: None,
            own_yield: false,
            line: None,
            locals: Vec::new(),
            closed_at: None,
        });
        self.all.len() - 1
    }

    /// A task was created for coroutine `coro`: the coroutine object exists, CREATED.
    pub fn task_created(&mut self, task: &str, coro: &str) {
        let id = self.spawn(coro, Kind::Generator, Some(task));
        self.task_coro.insert(task.to_string(), id);
    }

    /// The innermost frame running now, if any.
    pub fn running(&self) -> Option<FrameId> {
        let runs =
            |f: &FrameId| self.all[*f].state == GenState::Running && self.all[*f].kind == Kind::Generator;
        self.chains.last().and_then(|c| c.iter().rev().find(|f| runs(f))).copied()
    }

    /// The chain a frame is in, from the frame nobody delegates to, down to the innermost
    /// delegate. Bounded: a cycle (which delegation cannot make) ends the walk.
    pub fn chain_of(&self, id: FrameId) -> Vec<FrameId> {
        let mut top = id;
        for _ in 0..self.all.len() {
            match self.all[top].delegator {
                Some(up) if up != id => top = up,
                _ => break,
            }
        }
        let mut chain = vec![top];
        let mut at = top;
        while let Some(d) = self.all[at].delegate {
            if chain.contains(&d) || chain.len() > self.all.len() {
                break;
            }
            chain.push(d);
            at = d;
        }
        chain
    }

    /// The frame at `depth` in the top chain, taking the delegate of the frame above when
    /// the chain reaches no deeper yet.
    fn at_depth(&mut self, depth: usize) -> Option<FrameId> {
        let chain = self.chains.last_mut()?;
        if depth < chain.len() {
            return Some(chain[depth]);
        }
        if depth == chain.len() && depth > 0 {
            let d = self.all[chain[depth - 1]].delegate?;
            chain.push(d);
            return Some(d);
        }
        None
    }

    /// The paused frame called `name` that a depth-0 resume is about: the task's own
    /// coroutine, or the most recent paused root frame of that name.
    fn find_root(&self, name: &str, task: Option<&str>, states: &[GenState]) -> Option<FrameId> {
        if let Some(&id) = task.and_then(|t| self.task_coro.get(t))
            && self.all[id].name == name
            && states.contains(&self.all[id].state)
        {
            return Some(id);
        }
        self.all.iter().enumerate().rev().find_map(|(id, f)| {
            // A frame driven by an awaitable (see `enter`) is a root of its own resumes.
            let root = f.delegator.is_none_or(|d| self.all[d].kind == Kind::Awaitable);
            (f.name == name && root && states.contains(&f.state) && f.kind == Kind::Generator).then_some(id)
        })
    }

    /// The frame a generator event at `depth` is about (made up if the trace never
    /// showed it: a trace cut short, or a program that tells of frames only in part).
    fn frame(&mut self, name: &str, depth: usize, task: Option<&str>) -> FrameId {
        if let Some(id) = self.at_depth(depth)
            && self.all[id].name == name
        {
            return id;
        }
        use GenState::*;
        match self.find_root(name, task, &[Running, Suspended, Created]) {
            Some(id) => id,
            None => self.spawn(name, Kind::Generator, task),
        }
    }

    /// Takes one event into account; `task` is the task whose step is running, `n` the
    /// event's index.
    pub fn apply(&mut self, event: &Event, task: Option<&str>, n: usize) {
        self.flows.clear();
        match event {
            Event::State { name, depth, from, to } => self.state(name, *depth, *from, *to, task, n),
            Event::Resume { name, depth, with } => {
                let id = self.frame(name, *depth, task);
                let text = match with {
                    Resumed::Send(v) => format!("send({v})"),
                    Resumed::Throw(e) => format!("throw({e})"),
                };
                // Through every frame above: `yield from` passes it straight on.
                let chain = self.chains.last().cloned().unwrap_or_default();
                for &up in chain.iter().take(*depth) {
                    self.flows.push(Flow { frame: up, text: format!("↓ passes {text} on") });
                }
                self.flows.push(Flow { frame: id, text: format!("← {text} arrives") });
                self.all[id].sent = Some(text);
            }
            Event::Yield { name, depth, value } => {
                let id = self.frame(name, *depth, task);
                self.all[id].yielded = Some(value.clone());
                self.all[id].own_yield = true;
                self.flows.push(Flow { frame: id, text: format!("→ yields {value}") });
                let chain = self.chains.last().cloned().unwrap_or_default();
                for &up in chain.iter().take(*depth) {
                    self.all[up].yielded = Some(value.clone());
                    self.flows.push(Flow { frame: up, text: format!("↑ passes {value} up") });
                }
            }
            Event::Return { name, depth, value } => {
                let id = self.frame(name, *depth, task);
                self.all[id].ended = Some(format!("returned {value}"));
                self.flows.push(Flow { frame: id, text: format!("→ returns {value}") });
            }
            Event::Raise { name, depth, exception } => {
                let id = self.frame(name, *depth, task);
                self.all[id].ended = Some(format!("raised {exception}"));
                self.flows.push(Flow { frame: id, text: format!("→ raises {exception}") });
            }
            Event::DelegateEnter { name, depth, to } => {
                let id = self.frame(name, *depth, task);
                let d = self.spawn(to, Kind::Awaitable, task);
                self.all[d].delegator = Some(id);
                self.all[d].state = GenState::Running;
                self.all[id].delegate = Some(d);
                self.all[id].landed = None;
                self.all[id].via = Some(to.clone());
                self.all[id].own_yield = false;
                if let Some(chain) = self.chains.last_mut() {
                    chain.truncate(depth + 1);
                    chain.push(d);
                }
                self.flows.push(Flow { frame: id, text: format!("⇣ yield from {to}") });
            }
            Event::DelegateLeave { name, depth, to: _, outcome } => {
                let id = self.frame(name, *depth, task);
                if let Some(d) = self.all[id].delegate.take() {
                    self.all[d].delegator = None;
                    // The generator that awaitable drove is on its own again.
                    if let Some(driven) = self.all[d].delegate.take()
                        && self.all[d].kind == Kind::Awaitable
                    {
                        self.all[driven].delegator = None;
                    }
                    if self.all[d].kind == Kind::Awaitable {
                        self.all[d].state = GenState::Closed;
                        self.all[d].closed_at = Some(n);
                    }
                }
                if let Some(chain) = self.chains.last_mut() {
                    chain.truncate(depth + 1);
                }
                self.all[id].landed = Some(outcome.clone());
                self.flows.push(Flow { frame: id, text: format!("⇡ yield from ended: {outcome}") });
            }
            Event::Line { frame, line, locals, task: line_task, .. } => {
                let task = line_task.as_deref().or(task);
                // The innermost running frame of that name, else the task's coroutine.
                let running: Vec<FrameId> = self.chains.iter().flatten().copied().collect();
                let id = running.iter().rev().copied().find(|&f| self.all[f].name == *frame).or_else(|| {
                    task.and_then(|t| self.task_coro.get(t)).copied().filter(|&f| self.all[f].name == *frame)
                });
                if let Some(id) = id {
                    self.all[id].line = Some(*line);
                    self.all[id].locals = locals.clone();
                }
            }
            _ => {}
        }
        self.pop_finished();
    }

    fn state(
        &mut self,
        name: &str,
        depth: usize,
        from: GenState,
        to: GenState,
        task: Option<&str>,
        n: usize,
    ) {
        use GenState::*;
        let id = match (from, depth) {
            (Created, 0) => {
                let id = self
                    .find_root(name, task, &[Created])
                    .unwrap_or_else(|| self.spawn(name, Kind::Generator, task));
                if to == Running {
                    self.enter(id, task);
                }
                id
            }
            (_, 0) if to == Running => {
                let id = self
                    .find_root(name, task, &[Suspended])
                    .unwrap_or_else(|| self.spawn(name, Kind::Generator, task));
                self.enter(id, task);
                id
            }
            _ => self.frame(name, depth, task),
        };
        let f = &mut self.all[id];
        f.kind = Kind::Generator;
        f.state = to;
        if f.task.is_none() {
            f.task = task.map(str::to_string);
        }
        if to == Closed {
            f.closed_at = Some(n);
        }
        self.flows.push(Flow { frame: id, text: format!("{} → {}", from.name(), to.name()) });
    }

    /// A depth-0 resume: a new chain on top, its caller whoever runs now.
    ///
    /// When the frame running now is awaiting an awaitable that is not a generator, it is
    /// that awaitable resuming this generator: an `async for`'s `__anext__()` awaitable
    /// (`async_generator_asend`) sending into the asynchronous generator, or a class's
    /// `__await__` iterator driving one. The generator then hangs below the awaitable, so
    /// that while both pause it is drawn in the chain of the frame that awaits, not
    /// detached.
    fn enter(&mut self, id: FrameId, task: Option<&str>) {
        let running = self.running();
        if let Some(f) = running
            && let Some(d) = self.all[f].delegate
            && self.all[d].kind == Kind::Awaitable
            && d != id
            && self.all[id].delegator.is_none()
        {
            self.all[d].delegate = Some(id);
            self.all[id].delegator = Some(d);
            self.all[id].driver = Some((f, self.all[d].name.clone()));
        }
        let caller = match (running, task) {
            (Some(f), _) => Caller::Frame(f),
            (None, Some(t)) => Caller::Task(t.to_string()),
            (None, None) => Caller::Program,
        };
        self.all[id].caller = Some(caller);
        self.chains.push(vec![id]);
    }

    /// Chains with no frame running any more are done: their frames are detached.
    fn pop_finished(&mut self) {
        while let Some(chain) = self.chains.last() {
            if chain
                .iter()
                .any(|&f| self.all[f].state == GenState::Running && self.all[f].kind == Kind::Generator)
            {
                break;
            }
            if let Some(&root) = chain.first() {
                self.all[root].caller = None;
            }
            self.chains.pop();
        }
    }

    /// A task's step ended: whatever it left running is paused now.
    pub fn step_ended(&mut self) {
        for chain in std::mem::take(&mut self.chains) {
            if let Some(&root) = chain.first() {
                self.all[root].caller = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios;
    use crate::trace;

    fn frames_of(name: &str, upto: usize) -> Frames {
        let s = scenarios::find(name).unwrap();
        let (_, events) = trace::collect(|| s.run(&crate::Console::silent(), crate::aio::ClockKind::Virtual));
        let mut frames = Frames::default();
        for (n, e) in events.iter().take(upto).enumerate() {
            frames.apply(e, None, n);
        }
        frames
    }

    #[test]
    fn grouper_after_the_first_yield_is_a_detached_chain_grouper_to_averager() {
        // grouper: CREATED->RUNNING, resumed, yield from averager, averager CREATED->RUNNING,
        // resumed, yields None, grouper RUNNING->SUSPENDED, averager RUNNING->SUSPENDED.
        let f = frames_of("grouper", 8);
        assert!(f.chains.is_empty(), "nobody runs them: {:?}", f.chains);
        let g = &f.all[0];
        let a = &f.all[g.delegate.unwrap()];
        assert_eq!((g.name.as_str(), g.state), ("grouper", GenState::Suspended));
        assert_eq!((a.name.as_str(), a.state), ("averager", GenState::Suspended));
        assert_eq!(a.delegator, Some(0));
        assert_eq!(g.caller, None);
        assert_eq!(a.yielded.as_deref(), Some("None"));
    }

    #[test]
    fn a_resume_reattaches_the_chain_to_its_caller_and_passes_the_send_on() {
        let f = frames_of("grouper", 11); // ... averager: resumed by send(31.5)
        assert_eq!(f.chains.len(), 1);
        assert_eq!(f.all[0].caller, Some(Caller::Program));
        let a = f.all[0].delegate.unwrap();
        assert_eq!(f.chains[0], vec![0, a]);
        assert_eq!(f.all[a].sent.as_deref(), Some("send(31.5)"));
        assert!(f.flows.iter().any(|fl| fl.frame == 0 && fl.text.contains("passes send(31.5)")));
    }

    #[test]
    fn the_return_value_lands_in_the_delegating_frame() {
        let s = scenarios::find("grouper").unwrap();
        let (_, events) = trace::collect(|| s.run(&crate::Console::silent(), crate::aio::ClockKind::Virtual));
        let at = events.iter().position(|e| matches!(e, Event::DelegateLeave { .. })).unwrap();
        let f = frames_of("grouper", at + 1);
        assert!(f.all[0].landed.as_deref().unwrap().starts_with("returned Summary(count=5"));
        assert_eq!(f.all[1].state, GenState::Closed);
    }

    #[test]
    fn an_async_generator_hangs_below_its_async_for_while_both_pause() {
        let program = "import asyncio\n\nasync def ticks(n):\n    for i in range(n):\n        \
                       await asyncio.sleep(0.1)\n        yield i\n\nasync def main():\n    \
                       async for t in ticks(2):\n        print(t)\n\nasyncio.run(main())\n";
        let run = crate::python::run_traced(program.into(), crate::python::RunOptions::new("ag.py"));
        assert_eq!(run.stdout, "0\n1\n");
        let mut f = Frames::default();
        let mut checked = (false, false);
        for (n, e) in run.events.iter().enumerate() {
            f.apply(e, None, n);
            let id = |name: &str| f.all.iter().position(|x| x.name == name);
            match e {
                // main pauses for the first time: at the sleep inside ticks, under its asend.
                Event::State { name, to: GenState::Suspended, .. } if name == "main" && !checked.0 => {
                    let (main, ticks) = (id("main").unwrap(), id("ticks").unwrap());
                    let chain: Vec<&str> = f.chain_of(main).iter().map(|&i| f.all[i].name.as_str()).collect();
                    assert_eq!(
                        chain,
                        ["main", "async_generator_asend", "ticks", "sleep", "_asyncio.FutureIter"]
                    );
                    assert_eq!(f.all[ticks].caller, None);
                    checked.0 = true;
                }
                // The first `__anext__()` returned 0: ticks is on its own, paused at `yield i`.
                Event::DelegateLeave { name, .. } if name == "main" && !checked.1 => {
                    let (main, ticks) = (id("main").unwrap(), id("ticks").unwrap());
                    assert_eq!(f.all[ticks].delegator, None);
                    assert_eq!(f.all[ticks].driver, Some((main, "async_generator_asend".to_string())));
                    checked.1 = true;
                }
                _ => {}
            }
        }
        assert_eq!(checked, (true, true));
        // One ticks object throughout, resumed by each `__anext__()` in turn.
        assert_eq!(f.all.iter().filter(|x| x.name == "ticks").count(), 1);
    }

    #[test]
    fn tasks_coroutines_are_known_from_creation_and_walks_are_bounded() {
        let mut f = Frames::default();
        f.task_created("Task-1", "main");
        assert_eq!(f.all[0].state, GenState::Created);
        // A made-up cycle (no trace makes one) must not hang the walk.
        f.task_created("Task-2", "other");
        f.all[0].delegate = Some(1);
        f.all[1].delegate = Some(0);
        f.all[0].delegator = Some(1);
        f.all[1].delegator = Some(0);
        assert!(f.chain_of(0).len() <= 2);
    }
}
