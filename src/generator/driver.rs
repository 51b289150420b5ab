//! The driver: how one `send`/`throw`/`close` reaches the right frame, by PEP 380's rules,
//! without recursion.
//!
//! CPython forwards a send level by level: `top.send(x)` calls `mid.send(x)` calls
//! `leaf.send(x)`, so a step costs O(depth) and deep chains hit RecursionError. The
//! *meaning* is simpler: the value arrives at the innermost frame, and each level only
//! acts when its delegate finishes. So corosim keeps the chain as an explicit stack of
//! levels (0 = the generator the caller resumed) and runs a small loop of two moves:
//!
//! * **Resume(level, r)** — run that level's own frame until it yields, returns, raises,
//!   or starts a new `yield from` (which pushes a level);
//! * **Outcome(level, step)** — hand what a level produced to the level above it: a yield
//!   passes straight out to the caller; a return or a raise ends that `yield from` and
//!   resumes the parent with the value or the exception.
//!
//! `close()` (and `throw(GeneratorExit)`) run the same loop bottom-up: the innermost frame
//! gets GeneratorExit first, and every level above waits ("is closing") until its delegate
//! is closed, then receives its own GeneratorExit — or the error its delegate's close
//! raised. Cleanup therefore runs innermost first, as in CPython.
//!
//! The links (`gi_yieldfrom`) are the truth. The root keeps a cached path to its innermost
//! frame, valid while no link anywhere has changed (a global epoch counter), so a steady
//! chain costs one frame resume per step at any depth. The commonest step of all — an
//! untraced send that the innermost frame answers with a yield — skips even the loop's
//! setup (see `fast_target`).

use std::cell::Cell;
use std::rc::Weak;

use super::fast::{
    Delegate, Delegating, GenCell, Generator, Kind, Mailbox, PathCache, Ran, Resume, RunningGuard, Suspend,
};
use super::iter::{Iterable, iter_value};
use super::step::Step;
use crate::exception::{
    ATTRIBUTE_ERROR, GENERATOR_EXIT, PyException, RUNTIME_ERROR, STOP_ITERATION, TYPE_ERROR, ThrowArgs,
    VALUE_ERROR,
};
use crate::trace::{self, Event, GenState, Resumed};
use crate::value::Value;

/// A call on a generator object.
pub(crate) enum Op {
    Send(Value),
    Throw(ThrowArgs),
    Close,
}

/// How the generator the caller resumed (level 0) treats what finally reaches it.
enum Base {
    /// `send` / `throw`: the outcome is the call's result.
    Plain,
    /// `close()`: yielding means "ignored GeneratorExit"; finishing means success.
    Close,
    /// `throw(GeneratorExit)` while delegating: the delegate is closed first, then these
    /// arguments are thrown in as an ordinary throw.
    ThrowAfterClose(ThrowArgs),
}

/// The next move of the driver loop.
enum Todo {
    Resume(usize, Resume),
    /// `level == chain.len()` means the plain iterator the innermost generator delegates to.
    Outcome(usize, Step),
}

/// What running one frame produced.
enum FrameStep {
    Done(Step),
    Delegate(Iterable),
}

thread_local! {
    /// Bumped whenever any `gi_yieldfrom` link is made or broken.
    static EPOCH: Cell<u64> = const { Cell::new(0) };
}

fn epoch() -> u64 {
    EPOCH.with(|e| e.get())
}

fn bump_epoch() {
    EPOCH.with(|e| e.set(e.get().wrapping_add(1)));
}

fn already_executing(kind: Kind) -> PyException {
    PyException::new(VALUE_ERROR, format!("{} already executing", kind.word()))
}

fn ignored_generator_exit(kind: Kind) -> PyException {
    PyException::new(RUNTIME_ERROR, format!("{} ignored GeneratorExit", kind.word()))
}

fn cannot_reuse() -> PyException {
    PyException::new(RUNTIME_ERROR, "cannot reuse already awaited coroutine")
}

/// PEP 479: a StopIteration that leaves a frame becomes a RuntimeError.
fn pep479(e: PyException, kind: Kind) -> PyException {
    if e.is_instance(STOP_ITERATION) {
        PyException::new(RUNTIME_ERROR, format!("{} raised StopIteration", kind.word()))
            .with_context(e.clone())
            .with_cause(e)
    } else {
        e
    }
}

impl Generator {
    /// Every `send` comes here; `wrap` makes its [`Step`] what the caller wants (Python's
    /// result for `send`). Most sends are answered by the innermost frame with a yield:
    /// that case has a fast path, and only what it declines goes through the general one.
    ///
    /// Generic and inlined into each caller, so that a value is copied as little as can
    /// be on the hottest path there is: the value sent becomes a [`Value`] only where it
    /// is posted, and the value yielded goes from the mailbox straight to the caller.
    #[inline(always)]
    pub(super) fn send_with<T>(&self, value: impl Into<Value>, wrap: impl FnOnce(Step) -> T) -> T {
        // The commonest of all: a paused generator that delegates to nothing.
        let cell = &*self.0;
        if cell.is_paused() && cell.delegate.kind() == Delegating::Nothing && !trace::is_on() {
            let mail = Mailbox::here();
            mail.post_send(value.into());
            return self.resume_posted(0, self, mail, wrap);
        }
        self.send_other(value.into(), wrap)
    }

    /// Every other `send`. Out of line, so that the commonest one above needs few
    /// registers, and so saves few.
    #[inline(never)]
    fn send_other<T>(&self, value: Value, wrap: impl FnOnce(Step) -> T) -> T {
        match self.fast_target() {
            Some(ref target) if !target.awaits_iter => {
                let mail = Mailbox::here();
                mail.post_send(value);
                let g = target.inner.as_ref().unwrap_or(self);
                self.resume_posted(target.level, g, mail, wrap)
            }
            // A plain iterator may have no `send` method: the general path knows what
            // then. Its `next()` the fast path does too.
            Some(target) => wrap(match value {
                Value::None => self.send_fast_iter(target),
                v => self.resume_general(Op::Send(v)),
            }),
            None => wrap(self.resume_general(Op::Send(value))),
        }
    }

    /// Every `throw` and `close` comes here.
    pub(super) fn resume_step(&self, op: Op) -> Step {
        // Argument count errors come from the call itself: nothing is forwarded, whatever
        // the state (raw arguments are forwarded only once there are 1 to 3 of them).
        if let Op::Throw(args) = &op
            && let Err(type_error) = args.check_count()
        {
            return Step::Raised(type_error);
        }
        self.resume_general(op)
    }

    /// The general driver: load the chain, run the loop, cache the path.
    #[inline(never)] // kept out of line so `send` itself stays small
    fn resume_general(&self, op: Op) -> Step {
        let mut chain = Chain::load(self);
        let step = chain.run(op);
        chain.store();
        step
    }

    /// Runs this generator's own frame until it yields, finishes, or asks to delegate.
    fn resume_frame(&self, r: Resume, depth: usize, tracing: bool) -> FrameStep {
        if tracing {
            self.emit_resume(&r, depth);
        }
        // Implicit exception chaining: an error raised while handling a thrown one.
        let thrown = match &r {
            Resume::Throw(e) => Some(e.clone()),
            Resume::Send(_) => None,
        };
        let ran = self.run_frame(r, depth);
        self.settle(ran, thrown, depth, tracing)
    }

    /// Posts `r` for the body and runs the frame, marked RUNNING meanwhile.
    #[inline]
    fn run_frame(&self, r: Resume, depth: usize) -> Ran {
        // Posted even for a body's first resume (always a send of None: `start` checks),
        // which has no `yield` to take it: so the frame can tell that a body which pauses
        // without posting a `yield` of its own awaited something else.
        Mailbox::here().post_resume(r, depth);
        RunningGuard::set(&self.0).resume()
    }

    /// What a resume of this generator's frame produced, as a [`FrameStep`]; the state and
    /// traces follow.
    fn settle(&self, ran: Ran, thrown: Option<PyException>, depth: usize, tracing: bool) -> FrameStep {
        let cell = &*self.0;
        let (step, to) = match ran {
            Ran::Yielded | Ran::Delegated => {
                cell.status.set(GenState::Suspended);
                match Mailbox::here().take_suspend(ran) {
                    Suspend::Yield(v) => {
                        if tracing {
                            self.emit(depth, |name| Event::Yield { name, depth, value: v.repr() });
                        }
                        (FrameStep::Done(Step::Yielded(v)), GenState::Suspended)
                    }
                    Suspend::YieldFrom(it) => (FrameStep::Delegate(it), GenState::Suspended),
                }
            }
            Ran::Gone => {
                // Not reached: a generator whose body is gone is CLOSED, and the checks
                // before every resume stop there. Kept as the answer CPython would give.
                cell.status.set(GenState::Closed);
                return FrameStep::Done(Step::Raised(cannot_reuse()));
            }
            Ran::Returned | Ran::Raised => {
                cell.status.set(GenState::Closed);
                match Mailbox::here().take_result(ran) {
                    Ok(v) => {
                        if tracing {
                            self.emit(depth, |name| Event::Return { name, depth, value: v.repr() });
                        }
                        (FrameStep::Done(Step::Returned(v)), GenState::Closed)
                    }
                    Err(e) => {
                        // Chain first: the exception raised in the frame gets the context
                        // (a StopIteration raised while handling GeneratorExit has it as
                        // __context__); PEP 479's RuntimeError then wraps it.
                        if let Some(t) = thrown
                            && !e.is(&t)
                            && e.context().is_none()
                        {
                            e.set_context(t);
                        }
                        let e = pep479(e, cell.kind);
                        if tracing {
                            self.emit(depth, |name| Event::Raise { name, depth, exception: e.repr() });
                        }
                        (FrameStep::Done(Step::Raised(e)), GenState::Closed)
                    }
                }
            }
        };
        // Only finishing is this frame's own change of state; pausing is the whole
        // chain's, and the chain reports it (see `Chain::trace_states`).
        if tracing && to == GenState::Closed {
            self.emit(depth, |name| Event::State { name, depth, from: GenState::Running, to });
        }
        step
    }

    fn emit_resume(&self, r: &Resume, depth: usize) {
        let with = match r {
            Resume::Send(v) => Resumed::Send(v.repr()),
            Resume::Throw(e) => Resumed::Throw(e.repr()),
        };
        self.emit(depth, |name| Event::Resume { name, depth, with });
    }

    fn emit(&self, _depth: usize, make: impl FnOnce(String) -> Event) {
        trace::emit(|| make(self.name().to_string()));
    }

    /// Closes a generator that never started, or throws into one: no body code runs.
    fn close_unstarted(&self, depth: usize) {
        RunningGuard::set(&self.0).discard();
        self.0.status.set(GenState::Closed);
        self.emit(depth, |name| Event::State { name, depth, from: GenState::Created, to: GenState::Closed });
    }

    fn take_iter(&self) -> Option<Box<dyn super::PyIterator>> {
        match self.0.delegate.take() {
            Some(Delegate::Iter(it)) => Some(it),
            other => {
                if let Some(d) = other {
                    self.0.delegate.put(d);
                }
                None
            }
        }
    }

    fn put_iter(&self, it: Box<dyn super::PyIterator>) {
        self.0.delegate.put(Delegate::Iter(it));
    }

    fn has_iter(&self) -> bool {
        self.0.delegate.kind() == Delegating::Iter
    }
}

/// The delegation chain of one call: level 0 is the generator the caller resumed; the
/// others are held weakly (the `gi_yieldfrom` links own them).
struct Chain<'a> {
    base: &'a Generator,
    below: Vec<Weak<GenCell>>,
    tracing: bool,
    /// The root's path cache, taken while the chain runs, to be stored back.
    cache: Option<Box<PathCache>>,
}

impl<'a> Chain<'a> {
    fn load(base: &'a Generator) -> Self {
        let tracing = trace::is_on();
        let delegating = base.0.delegate.kind() == Delegating::Gen;
        if !delegating {
            return Chain { base, below: Vec::new(), tracing, cache: None };
        }
        let mut cache = base.0.path.take();
        let (below, fresh) = match cache.as_deref_mut() {
            Some(c) => (std::mem::take(&mut c.below), c.epoch == epoch()),
            None => (Vec::new(), false),
        };
        let mut chain = Chain { base, below, tracing, cache };
        if !fresh {
            chain.below.clear();
            chain.extend_from_links();
        }
        chain
    }

    /// Runs a plain `send`'s loop from `todo` to the call's result, and keeps the path.
    fn run_from(mut self, todo: Todo) -> Step {
        let step = self.drive(todo, 0, Base::Plain);
        self.store();
        step
    }

    /// Keeps the path for the next call; a generator no longer delegating keeps none.
    fn store(self) {
        if !self.below.is_empty() {
            let mut cache = self.cache.unwrap_or_default();
            *cache = PathCache { epoch: epoch(), below: self.below };
            self.base.0.path.set(Some(cache));
        }
    }

    fn len(&self) -> usize {
        self.below.len() + 1
    }

    fn get(&self, level: usize) -> Generator {
        if level == 0 {
            self.base.clone()
        } else {
            Generator::from_rc(self.below[level - 1].upgrade().expect("a linked delegate is alive"))
        }
    }

    /// Follows `gi_yieldfrom` links from the innermost known level down to the frame
    /// that really runs.
    fn extend_from_links(&mut self) {
        let mut g = self.get(self.len() - 1);
        loop {
            let Some(sub) = g.0.delegate.generator() else { break };
            self.below.push(sub.0.downgrade());
            g = sub;
        }
    }

    fn run(&mut self, op: Op) -> Step {
        match self.start(op) {
            Ok((first, closing_top, mode)) => {
                let step = self.drive(first, closing_top, mode);
                self.trace_end();
                step
            }
            Err(step) => step,
        }
    }

    /// A resume makes the whole chain RUNNING (spec §1): every level reports it.
    fn trace_start(&self) {
        if self.tracing {
            for level in 0..self.len() {
                self.trace_state(level, None, GenState::Running);
            }
        }
    }

    /// When the call returns, every level still in the chain pauses with it; a level
    /// that finished has already reported CLOSED.
    fn trace_end(&self) {
        if self.tracing {
            for level in 0..self.len() {
                self.trace_state(level, Some(GenState::Running), GenState::Suspended);
            }
        }
    }

    /// `level` goes from `from` (default: its recorded state) to `to`, unless closed.
    fn trace_state(&self, level: usize, from: Option<GenState>, to: GenState) {
        let g = self.get(level);
        let status = g.0.status.get();
        if status != GenState::Closed {
            let from = from.unwrap_or(status);
            g.emit(level, |name| Event::State { name, depth: level, from, to });
        }
    }

    /// The checks a call makes before anything runs (spec §2–§4), then the first move.
    /// `Err` is the call's result when nothing is to run.
    fn start(&mut self, op: Op) -> Result<(Todo, usize, Base), Step> {
        let inner = self.len() - 1;
        let running = self.get(inner).0.running.get();
        let base = self.base;
        let kind = base.0.kind;
        let delegating = inner > 0 || base.has_iter();
        let (first, closing_top, mode) = match op {
            Op::Send(v) => {
                // `fast_target` takes the sends that pass these checks: keep the two in step.
                if running {
                    return Err(Step::Raised(already_executing(kind)));
                }
                match base.0.status.get() {
                    GenState::Closed => {
                        return Err(Step::Raised(match kind {
                            Kind::Generator => PyException::bare(STOP_ITERATION),
                            Kind::Coroutine => cannot_reuse(),
                        }));
                    }
                    GenState::Created if !v.is_none() => {
                        return Err(Step::Raised(PyException::new(
                            TYPE_ERROR,
                            format!("can't send non-None value to a just-started {}", kind.word()),
                        )));
                    }
                    _ => {}
                }
                self.trace_start();
                (self.send_down(inner, v), 0, Base::Plain)
            }
            Op::Throw(args) if !delegating || running => {
                let exc = match args.normalize() {
                    Ok(e) => e,
                    Err(type_error) => return Err(Step::Raised(type_error)),
                };
                if running {
                    return Err(Step::Raised(already_executing(kind)));
                }
                match base.0.status.get() {
                    GenState::Closed => {
                        // Only close() is a no-op on a finished coroutine; every throw,
                        // GeneratorExit included, is a reuse.
                        return Err(Step::Raised(match kind {
                            Kind::Coroutine => cannot_reuse(),
                            Kind::Generator => exc,
                        }));
                    }
                    GenState::Created => {
                        base.close_unstarted(0);
                        return Err(Step::Raised(pep479(exc, kind)));
                    }
                    _ => {
                        self.trace_start();
                        (Todo::Resume(0, Resume::Throw(exc)), 0, Base::Plain)
                    }
                }
            }
            Op::Throw(args) if args.is_generator_exit() => {
                self.trace_start();
                let (first, closing_top) = self.close_down();
                (first, closing_top, Base::ThrowAfterClose(args))
            }
            Op::Throw(args) => {
                self.trace_start();
                match self.throw_down(args) {
                    Ok(first) => (first, 0, Base::Plain),
                    Err(step) => {
                        self.trace_end();
                        return Err(step);
                    }
                }
            }
            Op::Close => match base.0.status.get() {
                GenState::Closed => return Err(Step::Returned(Value::None)),
                _ if running => return Err(Step::Raised(already_executing(kind))),
                GenState::Created => {
                    base.close_unstarted(0);
                    return Err(Step::Returned(Value::None));
                }
                _ if !delegating => {
                    self.trace_start();
                    (Todo::Resume(0, Resume::Throw(PyException::bare(GENERATOR_EXIT))), 0, Base::Close)
                }
                _ => {
                    self.trace_start();
                    let (first, closing_top) = self.close_down();
                    (first, closing_top, Base::Close)
                }
            },
        };

        Ok((first, closing_top, mode))
    }

    /// The driver loop: resume frames and hand outcomes up until the call's result is
    /// known. Levels below `closing_top` are waiting for their delegate's close to finish.
    fn drive(&mut self, first: Todo, mut closing_top: usize, mode: Base) -> Step {
        let kind = self.base.0.kind;
        let mut todo = first;
        loop {
            todo = match todo {
                Todo::Resume(level, r) => {
                    closing_top = closing_top.min(level);
                    let g = self.get(level);
                    if g.0.status.get() == GenState::Closed {
                        // A delegate finished earlier by a direct resume (spec §5).
                        Todo::Outcome(level, closed_outcome(&g, r))
                    } else {
                        match g.resume_frame(r, level, self.tracing) {
                            FrameStep::Done(step) => Todo::Outcome(level, step),
                            FrameStep::Delegate(it) => self.enter(level, it),
                        }
                    }
                }
                Todo::Outcome(0, step) => return finish(step, &mode, kind),
                Todo::Outcome(level, step) if level - 1 < closing_top => {
                    // The parent was closing this level: translate the close's result.
                    let parent = level - 1;
                    let child_kind =
                        if level < self.len() { self.get(level).0.kind } else { Kind::Generator };
                    let failure = match step {
                        Step::Yielded(_) => Some(ignored_generator_exit(child_kind)),
                        Step::Returned(_) => None,
                        Step::Raised(e) if e.is_instance(GENERATOR_EXIT) => None,
                        Step::Raised(e) => Some(e),
                    };
                    self.unlink(parent, || match &failure {
                        Some(e) => format!("close raised {}", e.repr()),
                        None => "closed".into(),
                    });
                    let exc = match (failure, &mode) {
                        (Some(f), _) => f,
                        (None, Base::ThrowAfterClose(args)) if parent == 0 => match args.normalize() {
                            Ok(e) => e,
                            Err(type_error) => return Step::Raised(type_error),
                        },
                        (None, _) => PyException::bare(GENERATOR_EXIT),
                    };
                    Todo::Resume(parent, Resume::Throw(exc))
                }
                Todo::Outcome(level, step) => match step {
                    // Every level in between stays suspended in its `yield from`. The
                    // yield is level 0's own, so close() rules apply to it: a body that
                    // catches GeneratorExit and then yields via a new `yield from` has
                    // ignored GeneratorExit just as with a plain `yield`.
                    Step::Yielded(v) if closing_top == 0 => {
                        return finish(Step::Yielded(v), &mode, kind);
                    }
                    Step::Yielded(v) => Todo::Outcome(closing_top, Step::Yielded(v)),
                    Step::Returned(x) => {
                        self.unlink(level - 1, || format!("returned {}", x.repr()));
                        Todo::Resume(level - 1, Resume::Send(x))
                    }
                    Step::Raised(e) => {
                        self.unlink(level - 1, || format!("raised {}", e.repr()));
                        Todo::Resume(level - 1, Resume::Throw(e))
                    }
                },
            };
        }
    }

    /// `send(v)` arriving at the innermost generator `level`: straight into its frame, or
    /// into the plain iterator it delegates to.
    fn send_down(&mut self, level: usize, v: Value) -> Todo {
        let g = self.get(level);
        if v.is_none() && g.has_iter() {
            // send(None) is next(): the same step the fast path takes.
            return Todo::Outcome(level + 1, g.next_of_iter(false));
        }
        let Some(mut it) = g.take_iter() else {
            return Todo::Resume(level, Resume::Send(v));
        };
        let step = {
            let _running = RunningGuard::set(&g.0);
            it.send(v)
        };
        match step {
            Some(step) => {
                g.put_iter(it);
                Todo::Outcome(level + 1, iterator_step(step))
            }
            None => {
                // No `send` method: AttributeError, raised inside the delegator.
                let e = PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'{}' object has no attribute 'send'", it.type_name()),
                );
                g.put_iter(it);
                self.unlink(level, || format!("raised {}", e.repr()));
                Todo::Resume(level, Resume::Throw(e))
            }
        }
    }

    /// The first step of a new `yield from` over a plain iterator: `next(it)`, which an
    /// iterator may answer differently from the later ones (see [`PyIterator::start`]).
    ///
    /// [`PyIterator::start`]: super::PyIterator::start
    fn start_iter(&mut self, level: usize) -> Todo {
        let g = self.get(level);
        let step = g.next_of_iter(true);
        Todo::Outcome(level + 1, step)
    }

    /// A throw (not GeneratorExit) forwarded with its raw arguments down to the innermost
    /// object, which validates them itself. `Err` is a result for the caller right away.
    fn throw_down(&mut self, args: ThrowArgs) -> Result<Todo, Step> {
        let level = self.len() - 1;
        let g = self.get(level);
        if let Some(mut it) = g.take_iter() {
            let forwarded = {
                let _running = RunningGuard::set(&g.0);
                it.throw(&args)
            };
            if let Some(step) = forwarded {
                g.put_iter(it);
                return Ok(Todo::Outcome(level + 1, iterator_step(step)));
            }
            // No `throw` method: the delegator validates and raises at its `yield from`.
            return match args.normalize() {
                Ok(exc) => {
                    g.put_iter(it);
                    self.unlink(level, || format!("raised {}", exc.repr()));
                    Ok(Todo::Resume(level, Resume::Throw(exc)))
                }
                Err(type_error) => {
                    g.put_iter(it);
                    self.raise_in_parent(level, type_error)
                }
            };
        }
        match args.normalize() {
            Ok(exc) => Ok(Todo::Resume(level, Resume::Throw(exc))),
            Err(type_error) => self.raise_in_parent(level, type_error),
        }
    }

    /// A TypeError from bad throw arguments goes to whoever called `level`'s throw: the
    /// caller at level 0, else the parent's `yield from` (the level stays suspended).
    fn raise_in_parent(&mut self, level: usize, e: PyException) -> Result<Todo, Step> {
        if level == 0 {
            return Err(Step::Raised(e));
        }
        self.unlink(level - 1, || format!("raised {}", e.repr()));
        Ok(Todo::Resume(level - 1, Resume::Throw(e)))
    }

    /// Starts closing the chain at its bottom: a plain iterator's `close()` if it has one,
    /// else GeneratorExit into the innermost generator. Returns the first move and the
    /// `closing_top` (every level above the bottom waits for its delegate's close).
    fn close_down(&mut self) -> (Todo, usize) {
        let level = self.len() - 1;
        let g = self.get(level);
        match g.take_iter() {
            Some(mut it) => {
                let closed = {
                    let _running = RunningGuard::set(&g.0);
                    it.close()
                };
                g.put_iter(it);
                let step = match closed {
                    Some(Err(f)) => Step::Raised(f),
                    _ => Step::Returned(Value::None),
                };
                (Todo::Outcome(level + 1, step), level + 1)
            }
            None => (Todo::Resume(level, Resume::Throw(PyException::bare(GENERATOR_EXIT))), level),
        }
    }

    /// The frame at `level` asked for `yield from iterable` (in a generator) or `await
    /// iterable` (in a coroutine).
    fn enter(&mut self, level: usize, iterable: Iterable) -> Todo {
        let g = self.get(level);
        let delegate = {
            // Still RUNNING: `yield from` itself, or an ancestor, is a cycle; and an
            // `__await__` that resumes this frame finds it executing.
            let _running = RunningGuard::set(&g.0);
            match g.0.kind {
                Kind::Coroutine => awaited(iterable),
                Kind::Generator => yielded_from(iterable, g.0.iterable_coroutine),
            }
        };
        let delegate = match delegate {
            Ok(d) => d,
            Err(e) => return Todo::Resume(level, Resume::Throw(e)),
        };
        let to = self.tracing.then(|| match &delegate {
            Delegate::Gen(sub) => sub.name().to_string(),
            Delegate::Iter(it) => it.type_name().to_string(),
        });
        if let Some(to) = to {
            g.emit(level, |name| Event::DelegateEnter { name, depth: level, to });
        }
        bump_epoch();
        match delegate {
            Delegate::Gen(sub) => {
                self.below.push(sub.0.downgrade());
                g.0.delegate.put(Delegate::Gen(sub));
                // The delegate may itself be parked in a `yield from`: go to its bottom.
                self.extend_from_links();
                if self.tracing {
                    for joined in level + 1..self.len() {
                        self.trace_state(joined, None, GenState::Running);
                    }
                }
                self.send_down(self.len() - 1, Value::None)
            }
            Delegate::Iter(it) => {
                g.put_iter(it);
                // The first step is always next(it), whatever resumed the delegator.
                self.start_iter(level)
            }
        }
    }

    /// Ends `level`'s `yield from`: drops the link and the levels below it.
    fn unlink(&mut self, level: usize, outcome: impl FnOnce() -> String) {
        let g = self.get(level);
        if self.tracing {
            // Levels cut off without finishing stay paused where they are.
            for left in level + 1..self.len() {
                self.trace_state(left, Some(GenState::Running), GenState::Suspended);
            }
        }
        let old = g.0.delegate.take();
        self.below.truncate(level);
        if let Some(old) = old {
            bump_epoch();
            if self.tracing {
                let to = match &old {
                    Delegate::Gen(s) => s.name().to_string(),
                    Delegate::Iter(it) => it.type_name().to_string(),
                };
                let outcome = outcome();
                g.emit(level, |name| Event::DelegateLeave { name, depth: level, to, outcome });
            }
            // Dropping the delegate may finalise it; meanwhile this level counts as
            // running, so finaliser code cannot re-enter the chain.
            let _running = RunningGuard::set(&g.0);
            drop(old);
        }
    }
}

/// What `yield from x` delegates to: `iter(x)`, except that a coroutine is refused with
/// its own text, unless the delegator is a generator-based coroutine
/// (`@types.coroutine`), which may delegate to one.
fn yielded_from(x: Iterable, in_iterable_coroutine: bool) -> Result<Delegate, PyException> {
    match x {
        Iterable::Gen(sub) if sub.0.kind == Kind::Coroutine && !in_iterable_coroutine => {
            Err(PyException::new(
                TYPE_ERROR,
                "cannot 'yield from' a coroutine object in a non-coroutine generator",
            ))
        }
        Iterable::Gen(sub) => delegate_to(sub),
        Iterable::Iter(it) => Ok(Delegate::Iter(it)),
        Iterable::Value(v) => iter_value(v).map(Delegate::Iter),
        Iterable::Awaitable(aw) => {
            Err(PyException::new(TYPE_ERROR, format!("'{}' object is not iterable", aw.type_name())))
        }
    }
}

/// What `await x` delegates to, by CPython's rules: a coroutine (native or
/// generator-based) itself; an awaitable object, what its `__await__()` returns, which must
/// be an iterator but not a coroutine; an iterator, as it is, for it is some awaitable's
/// `__await__()` already (a Future's: see `aio`). A plain generator or a value has no
/// `__await__`, even one that `yield from` could iterate (`await [1, 2]`).
fn awaited(x: Iterable) -> Result<Delegate, PyException> {
    let type_error = |m: String| Err(PyException::new(TYPE_ERROR, m));
    let cannot_await =
        |type_name: &str| type_error(format!("object {type_name} can't be used in 'await' expression"));
    match x {
        Iterable::Gen(sub) if sub.is_awaitable() => delegate_to(sub),
        Iterable::Gen(_) => cannot_await("generator"),
        Iterable::Iter(it) => Ok(Delegate::Iter(it)),
        Iterable::Value(v) => cannot_await(v.type_name()),
        Iterable::Awaitable(aw) => {
            let non_iterator = |type_name: &str| {
                type_error(format!("__await__() returned non-iterator of type '{type_name}'"))
            };
            match aw.await_()? {
                Iterable::Gen(sub) if sub.is_awaitable() => {
                    type_error("__await__() returned a coroutine".into())
                }
                Iterable::Gen(sub) => delegate_to(sub),
                Iterable::Iter(it) => Ok(Delegate::Iter(it)),
                Iterable::Awaitable(aw) => non_iterator(aw.type_name()),
                Iterable::Value(v) => non_iterator(v.type_name()),
            }
        }
    }
}

/// Delegation to a generator, unless it is running (delegating to itself or to a frame
/// above it in the chain: a cycle).
fn delegate_to(sub: Generator) -> Result<Delegate, PyException> {
    if sub.is_running() { Err(already_executing(sub.0.kind)) } else { Ok(Delegate::Gen(sub)) }
}

/// A plain iterator has no frame for PEP 479 to act on: raising `StopIteration(x)` from
/// `__next__`, `send` or `throw` is how it finishes, so the `yield from` gives `x`.
fn iterator_step(step: Step) -> Step {
    match step {
        Step::Raised(e) if e.is_instance(STOP_ITERATION) => Step::Returned(e.value()),
        other => other,
    }
}

/// Resuming a delegate that already finished (it was advanced directly, spec §5).
fn closed_outcome(g: &Generator, r: Resume) -> Step {
    match (g.0.kind, r) {
        (_, Resume::Throw(e)) if e.is_instance(GENERATOR_EXIT) => Step::Raised(e),
        (Kind::Generator, Resume::Send(_)) => Step::Returned(Value::None),
        (Kind::Generator, Resume::Throw(e)) => Step::Raised(e),
        (Kind::Coroutine, _) => Step::Raised(cannot_reuse()),
    }
}

/// What the caller of `send`/`throw`/`close` gets, given what reached level 0.
fn finish(step: Step, mode: &Base, kind: Kind) -> Step {
    match mode {
        Base::Close => match step {
            Step::Yielded(_) => Step::Raised(ignored_generator_exit(kind)),
            Step::Returned(_) => Step::Returned(Value::None),
            Step::Raised(e) if e.is_instance(GENERATOR_EXIT) => Step::Returned(Value::None),
            Step::Raised(e) => Step::Raised(e),
        },
        _ => step,
    }
}

/// Where the fast path sends: the innermost frame of the chain and its level (`inner` is
/// `None` for level 0, the generator called), and whether it awaits a plain iterator.
struct FastTarget {
    level: usize,
    inner: Option<Generator>,
    awaits_iter: bool,
}

impl GenCell {
    /// Paused at a `yield`, and not running: a frame a `send` can resume straight away.
    #[inline(always)]
    fn is_paused(&self) -> bool {
        self.status.get() == GenState::Suspended && !self.running.get()
    }
}

/// The fast path: what one `send` costs on a steady chain.
impl Generator {
    /// Where a `send` can go straight to: the innermost frame and its level (`None` for
    /// this generator itself, level 0). That is when this generator is suspended, no
    /// recorder listens, and the cached path (or this generator itself) leads to a
    /// suspended frame that is not running and not delegating to another generator: then
    /// the general driver's first move would be "resume that frame (or the plain iterator
    /// it delegates to) with the value" too. `None` means "take the general path".
    #[inline]
    fn fast_target(&self) -> Option<FastTarget> {
        let base = &*self.0;
        if base.status.get() != GenState::Suspended || trace::is_on() {
            return None;
        }
        match base.delegate.kind() {
            Delegating::Gen => {}
            delegate => {
                let awaits_iter = delegate == Delegating::Iter;
                return (!base.running.get()).then_some(FastTarget { level: 0, inner: None, awaits_iter });
            }
        }
        // A stale cache returns None: the general path rebuilds it.
        let (level, inner) = self.cached_innermost()?;
        let cell = &*inner.0;
        if !cell.is_paused() {
            return None;
        }
        let awaits_iter = match cell.delegate.kind() {
            Delegating::Gen => return None,
            delegate => delegate == Delegating::Iter,
        };
        Some(FastTarget { level, inner: Some(inner), awaits_iter })
    }

    /// `send(None)` to the plain iterator that the frame [`Generator::fast_target`]
    /// found awaits: step it; if it finished, resume the frame with what it returned.
    fn send_fast_iter(&self, target: FastTarget) -> Step {
        let g = target.inner.as_ref().unwrap_or(self);
        match self.step_awaited(g, target.level, false) {
            Ok(x) => Mailbox::here().post_send(x),
            Err(step) => return step,
        }
        self.resume_posted(target.level, g, Mailbox::here(), |step| step)
    }

    /// Resumes `g`, the frame at `level` of this generator's chain, the value for it
    /// already posted; if it yields, the step is over and no [`Chain`] was built. The
    /// step goes through `wrap`, as in [`Generator::send_with`].
    ///
    /// This is what `send_down`, `resume_frame` and `enter` do, minus what only traces
    /// and throws need, for the commonest step of all: the frame yields again.
    #[inline(always)] // the hottest path there is: no call of its own
    fn resume_posted<T>(
        &self,
        level: usize,
        g: &Generator,
        mail: &Mailbox,
        wrap: impl FnOnce(Step) -> T,
    ) -> T {
        match RunningGuard::set(&g.0).resume() {
            // Wrapped apart from the other arm, so the value goes from the mailbox
            // straight into the caller's result, not through a `Step` in memory.
            Ran::Yielded => wrap(Step::Yielded(mail.take_yielded())),
            ran => wrap(self.went_on(level, g, ran)),
        }
    }

    /// The frame `g` at `level` did not just yield (see [`Generator::resume_posted`]).
    /// If it awaits a plain iterator (such as a Future's), the iterator steps here too,
    /// and the frame goes on when it finishes: the next commonest step. Anything else
    /// goes on in the general loop.
    #[inline(never)]
    fn went_on(&self, level: usize, g: &Generator, mut ran: Ran) -> Step {
        let mail = Mailbox::here();
        loop {
            let next = match ran {
                Ran::Yielded => return Step::Yielded(mail.take_yielded()),
                Ran::Delegated => match mail.take_suspend(ran) {
                    // `await` on a plain iterator: its first `next()`, then maybe back
                    // into the frame with what it returned.
                    Suspend::YieldFrom(Iterable::Iter(it)) => {
                        g.put_iter(it);
                        match self.step_awaited(g, level, true) {
                            Ok(x) => mail.post_send(x),
                            Err(step) => return step,
                        }
                        ran = RunningGuard::set(&g.0).resume();
                        continue;
                    }
                    Suspend::YieldFrom(it) => FrameStep::Delegate(it),
                    Suspend::Yield(y) => return Step::Yielded(y),
                },
                ran => g.settle(ran, None, level, false),
            };
            return match next {
                // At level 0 a return or a raise is the caller's result too.
                FrameStep::Done(step) if level == 0 => step,
                // A delegate finished, or a new `yield from` starts.
                next => self.hand_over(level, next),
            };
        }
    }

    /// One step of the plain iterator that `g` (at `level`) awaits; `first` for a new
    /// one. `Ok` with what it returned, for `g`'s `await` to evaluate to (the iterator is
    /// dropped then); `Err` with the result of this `send` when the step is over: it
    /// yielded, or it raised and the general loop took over.
    fn step_awaited(&self, g: &Generator, level: usize, first: bool) -> Result<Value, Step> {
        match g.next_of_iter(first) {
            Step::Yielded(y) => Err(Step::Yielded(y)),
            Step::Returned(x) => {
                g.drop_iter();
                Ok(x)
            }
            Step::Raised(e) => {
                g.drop_iter();
                Err(self.continue_general(Todo::Resume(level, Resume::Throw(e))))
            }
        }
    }

    /// `next()` on the plain iterator this generator delegates to (its `start()` for the
    /// first step), while this generator counts as running (as `send_down` does it).
    fn next_of_iter(&self, first: bool) -> Step {
        let Some(mut it) = self.take_iter() else { return Step::Raised(cannot_reuse()) };
        let step = {
            let _running = RunningGuard::set(&self.0);
            if first { it.start() } else { it.next() }
        };
        self.put_iter(it);
        iterator_step(step)
    }

    /// Ends the delegation to a plain iterator (as `unlink` does, untraced). Only links
    /// between generators are cached, so no epoch changes.
    fn drop_iter(&self) {
        let old = self.take_iter();
        let _running = RunningGuard::set(&self.0);
        drop(old);
    }

    /// The general loop takes over from exactly where the fast path stands: the frame
    /// at `level` ran and produced `next`.
    #[cold] // rare next to plain yields; out of line, it keeps the fast path small
    fn hand_over(&self, level: usize, next: FrameStep) -> Step {
        let mut chain = Chain::load(self);
        debug_assert_eq!(chain.len(), level + 1);
        let todo = match next {
            FrameStep::Done(step) => Todo::Outcome(level, step),
            FrameStep::Delegate(it) => chain.enter(level, it),
        };
        chain.run_from(todo)
    }

    /// The general loop takes over with its next move already known.
    #[cold]
    fn continue_general(&self, todo: Todo) -> Step {
        Chain::load(self).run_from(todo)
    }

    /// The innermost frame by the cached path, with its level, if the cache is valid.
    #[inline]
    fn cached_innermost(&self) -> Option<(usize, Generator)> {
        // Taken out and put back: a `Cell` keeps the generator object a word smaller.
        let path = self.0.path.take()?;
        let found = match path.below.last() {
            Some(last) if path.epoch == epoch() => {
                last.upgrade().map(|g| (path.below.len(), Generator::from_rc(g)))
            }
            _ => None,
        };
        self.0.path.set(Some(path));
        found
    }
}
