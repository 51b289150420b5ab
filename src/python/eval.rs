//! The loop that runs code objects: CPython's `ceval.c`, small.
//!
//! A [`Frame`] is one call of a function: its instruction pointer, its value stack, its
//! local slots and cells, its handler blocks. [`Frame::run`] executes instructions until
//! the frame returns, raises, or *pauses* — at a `yield`, a `yield from` or an `await` it
//! hands the value out as an [`Exit`] and keeps its place, exactly as a suspended Python
//! frame does. That is how the interpreter stands on corosim's runtime rather than beside
//! it: calling a generator function makes a `corosim::Generator` whose body is the frame
//! itself ([`GenFrame`], a `corosim::generator::Body`): the runtime resumes it by a call,
//! and a few lines turn each `Exit` into the runtime's own `yield` or `yield from`. The
//! explicit-stack driver, PEP 380's rules, the states and the trace events are the
//! runtime's.
//!
//! ```
//! let out = corosim::python::run_to_string("def g():\n    x = yield 1\n    print('got', x)\n\nit = g()\nnext(it)\ntry:\n    it.send(5)\nexcept StopIteration:\n    print('done')\n");
//! assert_eq!(out, "got 5\ndone\n");
//! ```

use std::cell::{Cell as StdCell, RefCell};
use std::rc::Rc;

use indexmap::IndexMap;
use thin_vec::ThinVec;

use super::code::{Code, CodeKind, Const, Op};
use super::objects::*;
use super::ops::{self, make_exception, to_iterable};
use super::state::*;
use crate::exception::*;
use crate::generator::{Body, BodyStep, Context, Generator, Kind};
use crate::value::Value;

/// How a frame stopped running.
pub enum Exit {
    /// `return value`.
    Return(Value),
    /// `yield value`: resume with what is sent.
    Yield(Value),
    /// `yield from iterable`: resume with its return value.
    YieldFrom(Value),
    /// `await awaitable`: resume with its result.
    Await(Value),
}

/// A handler block: where to go when an exception happens inside it.
#[derive(Clone, Copy)]
struct Block {
    handler: u32,
    depth: u32,
}

/// CPython's default recursion limit.
const RECURSION_LIMIT: usize = 1000;

/// One call of a function.
///
/// Kept small: a generator's frame lives inside its generator object, and a program may
/// hold 100,000 paused coroutines. What few frames need is one boxed word ([`Rare`]).
pub struct Frame {
    code: Rc<Code>,
    pc: usize,
    stack: Vec<Value>,
    fast: Box<[Option<Value>]>,
    /// Cells, then free variables: one word while there are none, as in most frames.
    cells: ThinVec<Rc<Cell>>,
    /// Handler blocks (`try`, `with`): one word while there are none, as in most frames.
    blocks: ThinVec<Block>,
    globals: Namespace,
    /// A class body's namespace, `super()`'s function, handled exceptions kept while
    /// paused: `None` in most frames.
    rare: Option<Box<Rare>>,
}

/// The parts of a [`Frame`] that few frames use.
#[derive(Default)]
struct Rare {
    /// A class body's namespace.
    ns: Option<ClassNamespace>,
    /// The function, for a frame that calls `super()`.
    func: Option<Rc<Function>>,
    /// Exceptions this frame was handling when it paused.
    saved_handled: Vec<PyException>,
}

impl Frame {
    /// The frame for running a module's code.
    pub fn module(code: Rc<Code>, globals: Namespace) -> Frame {
        Frame {
            fast: vec![None; code.varnames.len()].into(),
            code,
            pc: 0,
            stack: Vec::new(),
            cells: ThinVec::new(),
            blocks: ThinVec::new(),
            globals,
            rare: None,
        }
    }

    /// The frame for a call of `func` with these arguments (bound to parameters as Python
    /// binds them, with its error texts).
    pub fn call(func: &Rc<Function>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> PyResult<Frame> {
        let code = func.code.clone();
        let mut fast: Vec<Option<Value>> = vec![None; code.varnames.len()];
        bind_arguments(func, &code, &mut fast, args, kwargs)?;
        let mut cells: ThinVec<Rc<Cell>> = ThinVec::with_capacity(code.cellvars.len() + code.freevars.len());
        for p in &code.cell_params {
            let start = p.and_then(|slot| fast[slot as usize].take());
            cells.push(Rc::new(Cell(RefCell::new(start))));
        }
        cells.extend(func.closure.iter().cloned());
        // Only `super()` needs the function (its `__class__`).
        let rare = code.uses_super.then(|| Box::new(Rare { func: Some(func.clone()), ..Rare::default() }));
        Ok(Frame {
            code,
            pc: 0,
            stack: Vec::new(),
            fast: fast.into(),
            cells,
            blocks: ThinVec::new(),
            globals: func.globals.clone(),
            rare,
        })
    }

    /// The line the frame is at (paused at, or running).
    pub fn line(&self) -> u32 {
        let at = self.pc.saturating_sub(1);
        self.code.lines.get(at).copied().unwrap_or(self.code.first_line)
    }

    /// The frame's local variables, as `(name, repr)` pairs (for the trace).
    pub fn locals(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, name) in self.code.varnames.iter().enumerate() {
            if let Some(Some(v)) = self.fast.get(i) {
                out.push((name.to_string(), repr_of(v)));
            }
        }
        for (i, name) in self.code.cellvars.iter().enumerate() {
            if let Some(c) = self.cells.get(i)
                && let Some(v) = &*c.0.borrow()
            {
                out.push((name.to_string(), repr_of(v)));
            }
        }
        out
    }

    /// `frame.f_locals`: the bound local variables, then the cells and free variables,
    /// by name (CPython's order).
    pub fn local_values(&self) -> Vec<(Rc<str>, Value)> {
        let fast = self
            .code
            .varnames
            .iter()
            .zip(self.fast.iter())
            .filter_map(|(n, v)| Some((n.clone(), v.clone()?)));
        let names = self.code.cellvars.iter().chain(&self.code.freevars);
        let cells =
            names.zip(self.cells.iter()).filter_map(|(n, c)| Some((n.clone(), c.0.borrow().clone()?)));
        fast.chain(cells).collect()
    }

    /// `locals()`, `vars()`, `dir()` or `globals()`, called with no arguments in this frame.
    ///
    /// In a function (a generator, a coroutine) `locals()` is a new dict of the bound
    /// local variables, then the cells and free variables, as `f_locals`; `dir()` their
    /// names, sorted. (CPython 3.11 refreshes one dict per frame at each `locals()`; 3.13
    /// makes a new one each time, as here.) A module's or a class body's namespace, and
    /// `globals()`, would have to be the live namespace itself: not simulated.
    #[cold]
    fn frame_builtin(&self, name: &str) -> PyResult {
        let scope = match self.code.kind {
            CodeKind::Module => Some("at module level"),
            CodeKind::Class => Some("in a class body"),
            _ => None,
        };
        match (name, scope) {
            ("globals", _) => Err(PyException::new(
                TYPE_ERROR,
                "globals() is not simulated by corosim (locals() inside a function is)",
            )),
            (_, Some(scope)) => Err(PyException::new(
                TYPE_ERROR,
                format!("{name}() {scope} is not simulated by corosim (inside a function it is)"),
            )),
            ("dir", None) => {
                let mut names: Vec<Rc<str>> = self.local_values().into_iter().map(|(n, _)| n).collect();
                names.sort();
                Ok(new_list(names.into_iter().map(Value::Str).collect()))
            }
            _ => {
                let mut items = IndexMap::new();
                for (n, v) in self.local_values() {
                    items.insert(Key::new(Value::Str(n))?, v);
                }
                Ok(new_dict(items))
            }
        }
    }

    /// A class body's namespace.
    fn ns(&self) -> Option<&ClassNamespace> {
        self.rare.as_ref().and_then(|r| r.ns.as_ref())
    }

    fn pop(&mut self) -> Value {
        self.stack.pop().expect("the compiler keeps the stack balanced")
    }

    /// Pushes onto the value stack. A frame's stack is as deep as its code needs, and
    /// no deeper: a coroutine paused in `for _ in range(k): await asyncio.sleep(0)` keeps
    /// three slots, where a `Vec` left to grow by itself would keep four (issue #16's
    /// loop: 100,000 of them).
    #[inline(always)]
    fn push(&mut self, v: Value) {
        if self.stack.len() == self.stack.capacity() {
            self.grow_stack();
        }
        self.stack.push(v);
    }

    /// The stack is full: a slot more, and the code learns that its frames go this deep
    /// (so the first frame of a code grows slot by slot, and every later one allocates
    /// the depth at its first push).
    #[cold]
    #[inline(never)]
    fn grow_stack(&mut self) {
        let need = self.stack.len() as u32 + 1;
        let depth = self.code.stack_depth.get().max(need);
        self.code.stack_depth.set(depth);
        self.stack.reserve_exact(depth as usize - self.stack.len());
    }

    fn top(&self) -> &Value {
        self.stack.last().expect("the compiler keeps the stack balanced")
    }

    fn popn(&mut self, n: usize) -> Vec<Value> {
        let at = self.stack.len() - n;
        self.stack.split_off(at)
    }

    /// Runs until the frame returns, raises, or pauses: a function's frame, called.
    pub fn run(&mut self, resume: Option<PyResult>) -> PyResult<Exit> {
        // Nobody reads a called frame's line from outside: it is in its traceback entries.
        self.resume(resume, &Context { delegators: 0, line: &StdCell::new(0) })
    }

    /// Runs until the frame returns, raises, or pauses. `resume` is what a paused frame
    /// is resumed with: the value sent, or the exception thrown in; `cx` is where the
    /// runtime says it stands (how many generators delegate to it, where to keep its line).
    pub fn resume(&mut self, resume: Option<PyResult>, cx: &Context) -> PyResult<Exit> {
        // A call or a resume is a step of the budget (a loop's turn is the other).
        if budget_tick() {
            return Err(budget_error());
        }
        let depth = enter_frame() + cx.delegators;
        // Most frames neither name `super` nor handle exceptions: they need nothing more
        // of the thread state than its depth (a cell of its own, not the state's
        // `RefCell`, as this runs at every call and every resume).
        let result = if self.code.uses_super || self.code.catches {
            self.run_keeping_state(depth, resume, cx.line)
        } else if depth > RECURSION_LIMIT {
            Err(recursion_error())
        } else {
            self.run_inner(resume, cx.line)
        };
        leave_frame();
        result
    }

    /// [`Frame::run`] for a frame that names `super` or handles exceptions: it keeps its
    /// first argument for `super()` meanwhile, and its handled exceptions while it pauses.
    #[inline(never)]
    fn run_keeping_state(
        &mut self,
        depth: usize,
        resume: Option<PyResult>,
        at: &StdCell<u32>,
    ) -> PyResult<Exit> {
        let uses_super = self.code.uses_super;
        // The handled exceptions that belong to this frame start at `base`: what is below
        // belongs to its callers.
        let base = with_state(|s| {
            if uses_super {
                let first = self.fast.first().cloned().flatten();
                s.supers.push((frame_depth(), self.rare.as_ref().and_then(|r| r.func.clone()), first));
            }
            let base = s.handled.len();
            if let Some(rare) = &mut self.rare
                && !rare.saved_handled.is_empty()
            {
                s.handled.append(&mut rare.saved_handled);
            }
            base
        });
        let result =
            if depth > RECURSION_LIMIT { Err(recursion_error()) } else { self.run_inner(resume, at) };
        with_state(|s| {
            if uses_super {
                s.supers.pop();
            }
            // Pausing keeps this frame's handled exceptions with the frame; returning or
            // raising ends them.
            if s.handled.len() > base {
                match &result {
                    Ok(Exit::Yield(_) | Exit::YieldFrom(_) | Exit::Await(_)) => {
                        self.rare.get_or_insert_with(Box::default).saved_handled =
                            s.handled.drain(base..).collect();
                    }
                    _ => s.handled.truncate(base),
                }
            }
        });
        result
    }

    #[inline(always)] // once per call and resume: in `run`, not a call of its own
    fn run_inner(&mut self, resume: Option<PyResult>, at: &StdCell<u32>) -> PyResult<Exit> {
        let mut pending: Option<PyException> = None;
        match resume {
            Some(Ok(v)) => {
                let v = ops::from_runtime(v);
                // `x = yield …`: the value sent goes straight to its local, as the
                // `StoreFast` that comes next would put it (it cannot raise).
                match self.code.ops.get(self.pc) {
                    Some(&Op::StoreFast(i)) => {
                        self.pc += 1;
                        if let Some(old) = self.fast[i as usize].replace(v) {
                            discard(old);
                        }
                    }
                    _ => self.push(v),
                }
            }
            Some(Err(e)) => {
                self.add_traceback(&e);
                pending = Some(e);
            }
            None => {}
        }
        let code = self.code.clone();
        loop {
            if let Some(e) = pending.take() {
                match self.blocks.pop() {
                    Some(b) => {
                        self.stack.truncate(b.depth as usize);
                        self.push(Value::Exception(e));
                        self.pc = b.handler as usize;
                    }
                    None => return Err(e),
                }
            }
            let e = match self.run_ops(&code, at) {
                Ok(exit) => return Ok(exit),
                Err(e) => e,
            };
            // The instruction that raised: the one `pc` has just passed.
            let op = code.ops[self.pc - 1];
            let reraise = matches!(op, Op::Reraise);
            if !reraise && !matches!(op, Op::Raise(_)) {
                set_implicit_context(&e);
            }
            // As CPython: every frame an exception is raised in or passes through adds its
            // line, even when it is caught there; a re-raise adds none.
            if !reraise && !matches!(op, Op::Raise(0)) {
                self.add_traceback(&e);
            }
            pending = Some(e);
        }
    }

    /// The hot loop: fetch an instruction, run it, until the frame pauses, returns or
    /// raises (then `self.pc` is just past the instruction that raised).
    ///
    /// The commonest instructions run right here; every other one goes to
    /// [`Frame::step`], out of line. That keeps this loop small enough for the compiler
    /// to hold its state (the frame, the instructions, `pc`) in registers, where one
    /// big `match` of every instruction kept them on the stack and reloaded them at each
    /// one. `self.pc` is still written at every instruction (a store costs little), so
    /// whatever reads it meanwhile (a traceback, the trace) sees it as it is.
    #[inline(never)]
    fn run_ops(&mut self, code: &Code, at: &StdCell<u32>) -> PyResult<Exit> {
        let ops = &code.ops[..];
        let mut pc = self.pc;
        loop {
            let op = ops[pc];
            pc += 1;
            self.pc = pc;
            let done = match op {
                Op::Const(i) => {
                    let v = match &code.consts[i as usize] {
                        Const::Value(v) => copy(v),
                        Const::Code(_) => Value::None,
                    };
                    self.push(v);
                    Ok(())
                }
                Op::LoadFast(i) => match &self.fast[i as usize] {
                    Some(v) => {
                        let v = copy(v);
                        self.push(v);
                        Ok(())
                    }
                    None => Err(self.unbound_local(i)),
                },
                Op::StoreFast(i) => {
                    let v = self.pop();
                    if let Some(old) = self.fast[i as usize].replace(v) {
                        discard(old);
                    }
                    Ok(())
                }
                Op::LoadGlobal(i) => self.load_global(i),
                Op::Pop => {
                    discard(self.pop());
                    Ok(())
                }
                Op::Binary(b) => {
                    let r = self.pop();
                    let l = self.pop();
                    ops::binary(b, &l, &r).map(|v| self.push(v))
                }
                Op::Compare(c) => {
                    let r = self.pop();
                    let l = self.pop();
                    ops::compare(c, &l, &r).map(|v| self.push(v))
                }
                Op::LoadAttr(i) => {
                    let obj = self.pop();
                    super::attrs::getattr(&obj, &code.names[i as usize]).map(|v| self.push(v))
                }
                Op::Jump(t) => jump(pc, t).map(|to| pc = to),
                Op::PopJumpIfFalse(t) => {
                    let v = self.pop();
                    match ops::truthy(&v) {
                        Ok(false) => jump(pc, t).map(|to| pc = to),
                        other => other.map(|_| ()),
                    }
                }
                Op::PopJumpIfTrue(t) => {
                    let v = self.pop();
                    match ops::truthy(&v) {
                        Ok(true) => jump(pc, t).map(|to| pc = to),
                        other => other.map(|_| ()),
                    }
                }
                Op::ForIter(t) => match for_next(self.stack.last_mut()) {
                    Ok(Some(v)) => {
                        self.push(v);
                        Ok(())
                    }
                    Ok(None) => {
                        self.pop();
                        pc = t as usize;
                        Ok(())
                    }
                    Err(e) => Err(e),
                },
                Op::Call(n) => {
                    let args = self.popn(n as usize);
                    let f = self.pop();
                    call(&f, args, Vec::new()).map(|v| self.push(v))
                }
                Op::LoadMethod(i) => {
                    let obj = self.pop();
                    super::attrs::load_method(obj, &code.names[i as usize]).map(|(first, second)| {
                        self.push(first);
                        self.push(second);
                    })
                }
                Op::CallMethod(n) => self.call_method(n).map(|v| self.push(v)),
                // The fused pairs (`code::fuse`): each does both, and steps over the second.
                Op::ForIterStore(t) => match for_next(self.stack.last_mut()) {
                    Ok(Some(v)) => {
                        let Op::StoreFast(i) = ops[pc] else { unreachable!("fused with a StoreFast") };
                        pc += 1;
                        if let Some(old) = self.fast[i as usize].replace(v) {
                            discard(old);
                        }
                        // The body's first line starts here too, without a fetch of its own
                        // (as after a `while` loop's turn).
                        match ops.get(pc) {
                            Some(&Op::Line(line)) => {
                                pc += 1;
                                self.pc = pc;
                                self.new_line(line, at)
                            }
                            _ => Ok(()),
                        }
                    }
                    Ok(None) => {
                        self.pop();
                        pc = t as usize;
                        Ok(())
                    }
                    Err(e) => Err(e),
                },
                Op::LoadFastMethod(i) => match &self.fast[i as usize] {
                    Some(v) => {
                        let Op::LoadMethod(name) = ops[pc] else { unreachable!("fused with a LoadMethod") };
                        pc += 1;
                        // Past both now: an error is the `LoadMethod`'s, as unfused.
                        self.pc = pc;
                        let name = &code.names[name as usize];
                        // `g.send(x)`: a generator's own method, answered here, without the call.
                        if let Some(k) = super::attrs::generator_method_of(v, name) {
                            let obj = copy(v);
                            self.push(obj);
                            self.push(Value::Int(k));
                            Ok(())
                        } else {
                            let obj = copy(v);
                            super::attrs::load_method(obj, name).map(|(first, second)| {
                                self.push(first);
                                self.push(second);
                            })
                        }
                    }
                    None => Err(self.unbound_local(i)),
                },
                Op::SendPop(i) => match self.send_statement(code, i, pc) {
                    Some(result) => {
                        // Past all five (an error is the `CallMethod`'s, as unfused).
                        pc += 4;
                        result
                    }
                    None => self.step_method_of_local(code, i, pc).map(|()| pc += 1),
                },
                Op::CallMethodPop(n) => self.call_method(n).map(|v| {
                    discard(v);
                    pc += 1;
                }),
                Op::CallMethodConst(i) => {
                    // Past both (an error is the `CallMethod`'s, as unfused).
                    pc += 1;
                    self.pc = pc;
                    let arg = match &code.consts[i as usize] {
                        Const::Value(v) => copy(v),
                        Const::Code(_) => Value::None,
                    };
                    self.call_method_with(0, Some(arg)).map(|v| self.push(v))
                }
                Op::LineJump(line) => match self.new_line(line, at) {
                    Ok(()) => {
                        let Op::Jump(t) = ops[pc] else { unreachable!("fused with a Jump") };
                        match jump(pc + 1, t) {
                            // A `while` loop's turn lands on its body's first line: that
                            // line starts here too, without a fetch of its own.
                            Ok(to) => match ops[to] {
                                Op::Line(next) => {
                                    pc = to + 1;
                                    self.pc = pc;
                                    self.new_line(next, at)
                                }
                                _ => {
                                    pc = to;
                                    Ok(())
                                }
                            },
                            Err(e) => Err(e),
                        }
                    }
                    Err(e) => Err(e),
                },
                Op::YieldFast(i) => match &self.fast[i as usize] {
                    Some(v) => {
                        // Resumed past both: the value sent lands where `YieldValue` left it.
                        self.pc = pc + 1;
                        return Ok(Exit::Yield(copy(v)));
                    }
                    None => Err(self.unbound_local(i)),
                },
                Op::Return => return Ok(Exit::Return(self.pop())),
                Op::YieldValue => return Ok(Exit::Yield(self.pop())),
                Op::YieldFrom => return Ok(Exit::YieldFrom(self.pop())),
                Op::Await => return Ok(Exit::Await(self.pop())),
                Op::Line(line) => self.new_line(line, at),
                Op::Nop => Ok(()),
                _ => self.step(op).map(|()| pc = self.pc),
            };
            done?;
        }
    }

    /// `g.send(v)` as a statement ([`Op::SendPop`]), `pc` just past it: the send, its
    /// result dropped, when local `i` is a generator and the method its `send`. `None`
    /// when it is anything else (or an argument is unbound): the caller runs the
    /// instructions one by one instead, with their own errors.
    #[inline(always)]
    fn send_statement(&mut self, code: &Code, i: u32, pc: usize) -> Option<PyResult<()>> {
        let (Op::LoadMethod(name), arg) = (code.ops[pc], code.ops[pc + 1]) else { return None };
        let g = downcast::<GenObject>(self.fast[i as usize].as_ref()?)?;
        if &*code.names[name as usize] != "send" {
            return None;
        }
        let v = match arg {
            // A constant argument is fused with the call after it (`CallMethodConst`).
            Op::Const(c) | Op::CallMethodConst(c) => match &code.consts[c as usize] {
                Const::Value(v) => copy(v),
                Const::Code(_) => return None,
            },
            Op::LoadFast(j) => copy(self.fast[j as usize].as_ref()?),
            _ => return None,
        };
        // Where an error is raised: the `CallMethod`, as unfused.
        self.pc = pc + 3;
        // The generator stays referenced by the local meanwhile: a running frame's locals
        // change only by its own instructions.
        Some(g.g.send(v).map(discard))
    }

    /// [`Op::LoadFastMethod`] of local `i`, out of line: what a [`Op::SendPop`] that is
    /// not a generator's send does first. Leaves `self.pc` past the `LoadMethod`.
    #[inline(never)]
    fn step_method_of_local(&mut self, code: &Code, i: u32, pc: usize) -> PyResult<()> {
        let Some(v) = &self.fast[i as usize] else { return Err(self.unbound_local(i)) };
        let Op::LoadMethod(name) = code.ops[pc] else { unreachable!("fused with a LoadMethod") };
        self.pc = pc + 1;
        let obj = copy(v);
        let (first, second) = super::attrs::load_method(obj, &code.names[name as usize])?;
        self.push(first);
        self.push(second);
        Ok(())
    }

    #[cold]
    fn unbound_local(&self, i: u32) -> PyException {
        let name = &self.code.varnames[i as usize];
        PyException::new(
            UNBOUND_LOCAL_ERROR,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    }

    #[inline(never)]
    fn load_global(&mut self, i: u32) -> PyResult<()> {
        let name = &self.code.names[i as usize];
        let v = self.globals.borrow().get(name).cloned();
        match v.or_else(|| super::builtins::lookup(name)) {
            Some(v) => {
                self.push(v);
                Ok(())
            }
            None => Err(super::objects::name_error(name, &self.code.varnames, &self.globals)),
        }
    }

    /// `obj.m(args)` after `LoadMethod`: a plain function with `self`, a generator's own
    /// method, or any callable. Returns the result (the caller pushes it, or drops it).
    #[inline(always)]
    fn call_method(&mut self, n: u32) -> PyResult {
        self.call_method_with(n, None)
    }

    /// [`Frame::call_method`] with `n` arguments on the stack and a last one, if any,
    /// given here ([`Op::CallMethodConst`]).
    #[inline(never)]
    fn call_method_with(&mut self, n: u32, last: Option<Value>) -> PyResult {
        let at = self.stack.len() - n as usize;
        match &self.stack[at - 1] {
            Value::None => {
                let mut args = self.popn(n as usize);
                args.extend(last);
                self.pop();
                let f = self.pop();
                call(&f, args, Vec::new())
            }
            // `g.send(x)`, the commonest: the value moves from the stack to the generator.
            Value::Int(0) if n + u32::from(last.is_some()) == 1 => {
                let v = last.unwrap_or_else(|| self.pop());
                discard(self.pop());
                let obj = self.pop();
                let r = super::attrs::send_to(&obj, v);
                discard(obj);
                r
            }
            Value::Int(k) => {
                let k = *k;
                let (obj, args) = self.stack.split_at_mut(at);
                let r = match last {
                    // Only `CallMethodConst` gives one, and it has no other argument.
                    Some(v) => super::attrs::call_generator_method(&obj[at - 2], k, &mut [v]),
                    None => super::attrs::call_generator_method(&obj[at - 2], k, args),
                };
                for _ in 0..n + 2 {
                    discard(self.pop());
                }
                r
            }
            _ => {
                let f = std::mem::take(&mut self.stack[at - 1]);
                let mut args = Vec::with_capacity(n as usize + 2);
                args.push(std::mem::take(&mut self.stack[at - 2]));
                args.extend(self.stack.drain(at..));
                args.extend(last);
                self.stack.truncate(at - 2);
                call(&f, args, Vec::new())
            }
        }
    }

    /// A new line starts: the line the frame stands at (`at`), a simulated thread's
    /// turn, the trace's line event.
    #[inline(always)]
    fn new_line(&mut self, line: u32, at: &StdCell<u32>) -> PyResult<()> {
        at.set(line);
        let due = super::threads::statement_due(line);
        // Line 0: a library module's own code (`modules/*.py`), not the program's.
        if due || (line != 0 && crate::trace::is_on()) {
            return self.line_watched(line, due);
        }
        Ok(())
    }

    /// A new line that someone watches: a simulated thread's turn may end here, and a
    /// trace records the line with the frame's locals.
    #[cold]
    #[inline(never)]
    fn line_watched(&mut self, line: u32, due: bool) -> PyResult<()> {
        if due {
            super::threads::preempt()?;
        }
        if line != 0 && crate::trace::is_on() {
            let frame = self.code.name.to_string();
            let locals = self.locals();
            let file = with_state(|s| s.file.to_string());
            let task = current_task_name();
            let thread = super::threads::current_thread_name();
            crate::trace::emit(|| crate::trace::Event::Line { file, line, frame, task, thread, locals });
        }
        Ok(())
    }

    fn add_traceback(&self, e: &PyException) {
        let line = self.line();
        let extra = exc_extra(e);
        extra.traceback.borrow_mut().insert(0, (line, self.code.name.clone()));
        let span = self.code.spans.get(self.pc.saturating_sub(1)).copied().flatten();
        extra.spans.borrow_mut().insert(0, span);
    }

    /// Every instruction the hot loop ([`Frame::run_ops`]) leaves to it.
    #[inline(never)]
    fn step(&mut self, op: Op) -> PyResult<()> {
        match op {
            Op::Const(_)
            | Op::LoadFast(_)
            | Op::StoreFast(_)
            | Op::LoadGlobal(_)
            | Op::Pop
            | Op::Binary(_)
            | Op::Compare(_)
            | Op::LoadAttr(_)
            | Op::Jump(_)
            | Op::PopJumpIfFalse(_)
            | Op::PopJumpIfTrue(_)
            | Op::ForIter(_)
            | Op::Call(_)
            | Op::LoadMethod(_)
            | Op::CallMethod(_)
            | Op::Return
            | Op::YieldValue
            | Op::YieldFrom
            | Op::Await
            | Op::Line(_)
            | Op::LineJump(_)
            | Op::ForIterStore(_)
            | Op::LoadFastMethod(_)
            | Op::CallMethodPop(_)
            | Op::CallMethodConst(_)
            | Op::YieldFast(_)
            | Op::SendPop(_)
            | Op::Nop => unreachable!("the hot loop runs {op:?} itself"),
            Op::DeleteFast(i) => {
                if self.fast[i as usize].take().is_none() {
                    let name = &self.code.varnames[i as usize];
                    return Err(PyException::new(
                        UNBOUND_LOCAL_ERROR,
                        format!(
                            "cannot access local variable '{name}' where it is not associated with a value"
                        ),
                    ));
                }
            }
            Op::LoadDeref(i) => {
                let v = self.cells[i as usize].0.borrow().clone();
                match v {
                    Some(v) => self.push(v),
                    None => {
                        let name = self.cell_name(i);
                        return Err(PyException::new(
                            NAME_ERROR,
                            format!(
                                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                            ),
                        ));
                    }
                }
            }
            Op::StoreDeref(i) => {
                let v = self.pop();
                *self.cells[i as usize].0.borrow_mut() = Some(v);
            }
            Op::DeleteDeref(i) => {
                self.cells[i as usize].0.borrow_mut().take();
            }
            Op::LoadClosure(i) => {
                let cell = self.cells[i as usize].clone();
                self.push(Value::Obj(cell));
            }
            Op::StoreGlobal(i) => {
                let v = self.pop();
                // The replaced value drops after the borrow ends: its finalizer may run Python.
                let old = self.globals.borrow_mut().insert(self.code.names[i as usize].clone(), v);
                drop(old);
            }
            Op::DeleteGlobal(i) => {
                let name = &self.code.names[i as usize];
                let old = self.globals.borrow_mut().remove(name);
                if old.is_none() {
                    return Err(super::objects::name_error(name, &self.code.varnames, &self.globals));
                }
            }
            Op::LoadName(i) => {
                let name = &self.code.names[i as usize];
                let local = self.ns().and_then(|ns| ns.borrow().get(name).cloned());
                let v = local
                    .or_else(|| self.globals.borrow().get(name).cloned())
                    .or_else(|| super::builtins::lookup(name));
                match v {
                    Some(v) => self.push(v),
                    None => {
                        return Err(super::objects::name_error(name, &self.code.varnames, &self.globals));
                    }
                }
            }
            Op::StoreName(i) => {
                let v = self.pop();
                let name = self.code.names[i as usize].clone();
                match self.ns() {
                    Some(ns) => {
                        let old = ns.borrow_mut().insert(name, v);
                        drop(old);
                    }
                    None => {
                        let old = self.globals.borrow_mut().insert(name, v);
                        drop(old);
                    }
                }
            }
            Op::DeleteName(i) => {
                let name = &self.code.names[i as usize];
                let old = match self.ns() {
                    Some(ns) => ns.borrow_mut().shift_remove(name),
                    None => self.globals.borrow_mut().remove(name),
                };
                if old.is_none() {
                    return Err(super::objects::name_error(name, &self.code.varnames, &self.globals));
                }
            }
            Op::Dup => {
                let v = self.top().clone();
                self.push(v);
            }
            Op::Dup2 => {
                let n = self.stack.len();
                let (a, b) = (self.stack[n - 2].clone(), self.stack[n - 1].clone());
                self.push(a);
                self.push(b);
            }
            Op::Rot2 => {
                let n = self.stack.len();
                self.stack.swap(n - 1, n - 2);
            }
            Op::Rot3 => {
                let v = self.pop();
                let n = self.stack.len();
                self.stack.insert(n - 2, v);
            }
            Op::InPlace(b) => {
                let r = self.pop();
                let l = self.pop();
                self.push(ops::inplace(b, &l, &r)?);
            }
            Op::Unary(u) => {
                let a = self.pop();
                self.push(ops::unary(u, &a)?);
            }
            Op::StoreAttr(i) => {
                let obj = self.pop();
                let v = self.pop();
                super::attrs::setattr(&obj, &self.code.names[i as usize], v)?;
            }
            Op::DeleteAttr(i) => {
                let obj = self.pop();
                super::attrs::delattr(&obj, &self.code.names[i as usize])?;
            }
            Op::Subscript => {
                let key = self.pop();
                let obj = self.pop();
                self.push(ops::getitem(&obj, &key)?);
            }
            Op::StoreSubscript => {
                let key = self.pop();
                let obj = self.pop();
                let v = self.pop();
                ops::setitem(&obj, &key, v)?;
            }
            Op::DeleteSubscript => {
                let key = self.pop();
                let obj = self.pop();
                ops::delitem(&obj, &key)?;
            }
            Op::BuildSlice(n) => {
                let step = if n == 3 { self.pop() } else { Value::None };
                let stop = self.pop();
                let start = self.pop();
                self.push(Value::Obj(Rc::new(Slice { start, stop, step })));
            }
            Op::BuildTuple(n) => {
                let items = self.popn(n as usize);
                self.push(Value::Tuple(items.into()));
            }
            Op::BuildList(n) => {
                let items = self.popn(n as usize);
                self.push(new_list(items));
            }
            Op::BuildSet(n) => {
                let items = self.popn(n as usize);
                // Each item hashed as it is added, as CPython's BUILD_SET does.
                let mut set = SetItems::default();
                for i in items {
                    set.insert(Key::new(i)?)?;
                }
                self.push(new_set_of(set, false));
            }
            Op::BuildMap(n) => {
                let items = self.popn(2 * n as usize);
                let mut map = IndexMap::new();
                for pair in items.chunks(2) {
                    super::dicts::insert(&mut map, Key::new(pair[0].clone())?, pair[1].clone())?;
                }
                self.push(new_dict(map));
            }
            Op::BuildString(n) => {
                let parts = self.popn(n as usize);
                let s: String = parts.iter().map(|p| p.as_str().unwrap_or("")).collect();
                self.push(Value::str(s));
            }
            Op::ListExtend => {
                let items = ops::iterate(&self.pop())?;
                let list = downcast::<List>(self.top()).expect("a list the compiler built");
                list.0.borrow_mut().extend(items);
            }
            Op::SetUpdate => {
                let other = self.pop();
                let set = downcast::<Set>(self.top()).expect("a set the compiler built");
                super::sets::update(set, &other, ops::iterate)?;
            }
            Op::DictUpdate => {
                let other = self.pop();
                let pairs = super::ops::mapping_items(&other)?;
                let d = downcast::<Dict>(self.top()).expect("a dict the compiler built");
                for (k, v) in pairs {
                    super::dicts::set_item(d, Key::new(k)?, v)?;
                }
            }
            Op::ListToTuple => {
                let l = self.pop();
                let items = downcast::<List>(&l).expect("a list the compiler built").0.borrow().clone();
                self.push(Value::Tuple(items.into()));
            }
            Op::ListAppend(d) => {
                let v = self.pop();
                let at = self.stack.len() - d as usize;
                downcast::<List>(&self.stack[at]).expect("the comprehension's list").push(v);
            }
            Op::SetAdd(d) => {
                let v = self.pop();
                let at = self.stack.len() - d as usize;
                downcast::<Set>(&self.stack[at]).expect("the comprehension's set").add(Key::new(v)?)?;
            }
            Op::MapAdd(d) => {
                let v = self.pop();
                let k = self.pop();
                let at = self.stack.len() - d as usize;
                let d = downcast::<Dict>(&self.stack[at]).expect("the comprehension's dict");
                super::dicts::set_item(d, Key::new(k)?, v)?;
            }
            Op::FormatValue(flags) => {
                let spec = if flags & 16 != 0 {
                    self.pop().as_str().unwrap_or("").to_string()
                } else {
                    String::new()
                };
                let v = self.pop();
                let v = match flags & 15 {
                    1 => Value::str(ops::repr(&v)?),
                    2 => Value::str(ops::str_of(&v)?),
                    3 => Value::str(super::ops::ascii(&ops::repr(&v)?)),
                    _ => v,
                };
                self.push(Value::str(super::ops::format(&v, &spec)?));
            }
            Op::UnpackSequence(n) => {
                let v = self.pop();
                let items = unpack_items(&v)?;
                if items.len() != n as usize {
                    return Err(if items.len() > n as usize {
                        PyException::new(VALUE_ERROR, format!("too many values to unpack (expected {n})"))
                    } else {
                        PyException::new(
                            VALUE_ERROR,
                            format!("not enough values to unpack (expected {n}, got {})", items.len()),
                        )
                    });
                }
                self.stack.extend(items.into_iter().rev());
            }
            Op::UnpackEx(before, after) => {
                let v = self.pop();
                let items = unpack_items(&v)?;
                let (b, a) = (before as usize, after as usize);
                if items.len() < b + a {
                    return Err(PyException::new(
                        VALUE_ERROR,
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            b + a,
                            items.len()
                        ),
                    ));
                }
                let mut out = items[..b].to_vec();
                out.push(new_list(items[b..items.len() - a].to_vec()));
                out.extend(items[items.len() - a..].iter().cloned());
                self.stack.extend(out.into_iter().rev());
            }
            Op::JumpIfFalseOrPop(t) => {
                if !ops::truthy(self.top())? {
                    self.pc = t as usize;
                } else {
                    self.pop();
                }
            }
            Op::JumpIfTrueOrPop(t) => {
                if ops::truthy(self.top())? {
                    self.pc = t as usize;
                } else {
                    self.pop();
                }
            }
            Op::GetIter => {
                let v = self.pop();
                self.push(ops::iter(&v)?);
            }
            Op::CallFrameBuiltin => {
                let f = self.pop();
                let v = match downcast::<Builtin>(&f) {
                    Some(b) if b.bound.is_none() && super::code::reads_frame(&b.name) => {
                        self.frame_builtin(&b.name)?
                    }
                    _ => call(&f, Vec::new(), Vec::new())?,
                };
                self.push(v);
            }
            Op::GetForIter => {
                let v = self.pop();
                let it = match downcast::<Range>(&v).and_then(RangeIter::pack) {
                    Some(packed) => packed,
                    None => ops::iter(&v)?,
                };
                self.push(it);
            }
            Op::CallKw(n) => {
                let names = self.pop();
                let mut args = self.popn(n as usize);
                let f = self.pop();
                let Value::Tuple(names) = names else { unreachable!("keyword names are a tuple") };
                let kw_values = args.split_off(args.len() - names.len());
                let kwargs =
                    names.iter().map(|n| Rc::from(n.as_str().unwrap_or(""))).zip(kw_values).collect();
                self.push(call(&f, args, kwargs)?);
            }
            Op::CallEx => {
                let kw = self.pop();
                let args = self.pop();
                let f = self.pop();
                let Value::Tuple(args) = args else { unreachable!("the compiler built a tuple") };
                let mut kwargs = Vec::new();
                for (k, v) in super::ops::mapping_items(&kw)? {
                    match k {
                        Value::Str(s) => kwargs.push((Rc::from(&*s), v)),
                        _ => return Err(PyException::new(TYPE_ERROR, "keywords must be strings")),
                    }
                }
                self.push(call(&f, args.to_vec(), kwargs)?);
            }
            Op::MakeFunction(i) => {
                let Const::Code(code) = &self.code.consts[i as usize] else {
                    unreachable!("a code constant")
                };
                let code = code.clone();
                let closure = self.pop();
                let kwdefaults = self.pop();
                let defaults = self.pop();
                let closure: Vec<Rc<Cell>> = match closure {
                    Value::Tuple(cells) => cells.iter().filter_map(downcast_rc::<Cell>).collect(),
                    _ => Vec::new(),
                };
                let kwdefaults: Vec<(Rc<str>, Value)> = super::ops::mapping_items(&kwdefaults)?
                    .into_iter()
                    .map(|(k, v)| (Rc::from(k.as_str().unwrap_or("")), v))
                    .collect();
                let defaults = match defaults {
                    Value::Tuple(d) => d.to_vec(),
                    _ => Vec::new(),
                };
                let f = Function {
                    code,
                    globals: self.globals.clone(),
                    defaults,
                    kwdefaults,
                    closure,
                    owner: RefCell::new(None),
                    iterable_coroutine: StdCell::new(false),
                    attrs: RefCell::new(Default::default()),
                };
                self.push(Value::Obj(Rc::new(f)));
            }
            Op::BuildClass(i) => {
                let body = self.pop();
                let _keywords = self.pop();
                let bases = self.pop();
                let name = self.code.names[i as usize].clone();
                let class = build_class(&name, &body, &bases)?;
                self.push(class);
            }
            Op::SetupFinally(t) => self.blocks.push(Block { handler: t, depth: self.stack.len() as u32 }),
            Op::SetupWith(t) => self.blocks.push(Block { handler: t, depth: self.stack.len() as u32 - 1 }),
            Op::PopBlock => {
                self.blocks.pop();
            }
            Op::PushExcInfo => {
                if let Value::Exception(e) = self.top() {
                    let e = e.clone();
                    with_state(|s| s.handled.push(e));
                }
            }
            Op::PopExcept => {
                with_state(|s| s.handled.pop());
            }
            Op::Reraise => {
                let v = self.pop();
                match v {
                    Value::Exception(e) => return Err(e),
                    // Handlers only ever hold the exception they caught.
                    other => unreachable!("a handler holds {}, not an exception", other.type_name()),
                }
            }
            Op::Raise(n) => return Err(self.raise(n)),
            Op::CheckExcMatch => {
                let class = self.pop();
                let Value::Exception(e) = self.top() else { unreachable!("the handler's exception") };
                let e = e.clone();
                self.push(Value::Bool(exception_matches(&e, &class)?));
            }
            Op::CheckEgMatch => {
                let match_type = self.pop();
                let exc = self.pop();
                let (matched, rest) = super::groups::eg_match(&exc, &match_type)?;
                self.push(rest);
                self.push(matched);
            }
            Op::PrepReraiseStar => {
                let excs = self.pop();
                let orig = self.pop();
                self.push(super::groups::prep_reraise_star(&orig, &excs)?);
            }
            Op::BeforeWith => {
                let cm = self.pop();
                let exit = super::attrs::getattr(&cm, "__exit__").map_err(|_| {
                    PyException::new(
                        TYPE_ERROR,
                        format!("'{}' object does not support the context manager protocol", cm.type_name()),
                    )
                })?;
                let enter = super::attrs::getattr(&cm, "__enter__")?;
                self.push(exit);
                self.push(call(&enter, vec![], vec![])?);
            }
            Op::BeforeAsyncWith => {
                let cm = self.pop();
                let exit = super::attrs::getattr(&cm, "__aexit__").map_err(|_| {
                    PyException::new(
                        TYPE_ERROR,
                        format!(
                            "'{}' object does not support the asynchronous context manager protocol",
                            cm.type_name()
                        ),
                    )
                })?;
                let enter = super::attrs::getattr(&cm, "__aenter__")?;
                self.push(exit);
                self.push(call(&enter, vec![], vec![])?);
            }
            Op::WithExceptStart => {
                let n = self.stack.len();
                let exc = self.stack[n - 1].clone();
                let exit = self.stack[n - 2].clone();
                let ty = match &exc {
                    Value::Exception(e) => exception_class_value(e),
                    _ => Value::None,
                };
                let tb = match &exc {
                    Value::Exception(e) => super::traceback::get(e),
                    _ => Value::None,
                };
                self.push(call(&exit, vec![ty, exc, tb], vec![])?);
            }
            Op::ImportName(i) => {
                let name = self.code.names[i as usize].clone();
                self.push(super::modules::import(&name)?);
            }
            Op::ImportFrom(i) => {
                let name = &self.code.names[i as usize];
                let module = self.top().clone();
                let v = super::attrs::getattr(&module, name).map_err(|_| {
                    let m = downcast::<Module>(&module).map(|m| m.name.to_string()).unwrap_or_default();
                    PyException::new(
                        IMPORT_ERROR,
                        format!("cannot import name '{name}' from '{m}' (unknown location)"),
                    )
                })?;
                self.push(v);
            }
            Op::LoadAssertionError => self.push(Value::ExcClass(ASSERTION_ERROR)),
        }
        Ok(())
    }

    fn cell_name(&self, i: u32) -> Rc<str> {
        let i = i as usize;
        if i < self.code.cellvars.len() {
            self.code.cellvars[i].clone()
        } else {
            self.code.freevars[i - self.code.cellvars.len()].clone()
        }
    }

    /// `raise`, `raise X`, `raise X from Y`.
    fn raise(&mut self, n: u8) -> PyException {
        let handled = with_state(|s| s.handled.last().cloned());
        if n == 0 {
            return match handled {
                Some(e) => e,
                None => PyException::new(RUNTIME_ERROR, "No active exception to reraise"),
            };
        }
        let cause = if n == 2 { Some(self.pop()) } else { None };
        let exc = self.pop();
        let e = match make_exception(&exc) {
            Ok(e) => e,
            Err(e) => e,
        };
        if let Some(cause) = cause {
            match cause {
                Value::None => e.set_cause(None),
                other => match make_exception(&other) {
                    Ok(c) => e.set_cause(Some(c)),
                    Err(_) => {
                        return PyException::new(
                            TYPE_ERROR,
                            "exception causes must derive from BaseException",
                        );
                    }
                },
            }
        }
        if let Some(h) = handled
            && !h.is(&e)
            && !in_context_chain(&h, &e)
        {
            e.set_context(h);
        }
        e
    }
}

/// A copy of `v`. None, a bool and an int are plain bits, an object one count more:
/// copying one needs no call of `Value::clone` (which the compiler keeps out of line, as
/// it is large).
#[inline(always)]
fn copy(v: &Value) -> Value {
    match v {
        Value::None => Value::None,
        Value::Bool(b) => Value::Bool(*b),
        Value::Int(i) => Value::Int(*i),
        // An object (an instance, a generator): a count more, right here.
        Value::Obj(o) => Value::Obj(o.clone()),
        _ => v.clone(),
    }
}

/// Drops `v`. None, a bool, an int and a float own nothing: dropping one needs no call
/// of the drop glue (out of line, as for [`copy`]).
#[inline(always)]
fn discard(v: Value) {
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => std::mem::forget(v),
        // An object: a count less, right here (its finalizer, if this was the last, is a call).
        Value::Obj(o) => drop(o),
        _ => drop(v),
    }
}

/// `next(it)` for a `for` loop: a `range`'s numbers right here (packed in the loop's
/// int, or a `range_iterator`), anything else through [`ops::next`].
#[inline(always)]
fn for_next(it: Option<&mut Value>) -> PyResult<Option<Value>> {
    match it.expect("the compiler keeps the stack balanced") {
        // Only `GetForIter` leaves an int where a loop's iterator goes.
        Value::Int(packed) => Ok(RangeIter::step_packed(packed)),
        it => match downcast::<RangeIter>(it) {
            Some(r) => Ok(r.step()),
            None => ops::next(it),
        },
    }
}

/// Python's error for a frame too deep.
#[cold]
fn recursion_error() -> PyException {
    PyException::new(RECURSION_ERROR, "maximum recursion depth exceeded")
}

/// Where a jump from `pc` to `t` goes. A jump back is a loop's turn: a step of the
/// budget (calls are the other), so an endless loop ends at `--max-steps`.
#[inline(always)]
fn jump(pc: usize, t: u32) -> PyResult<usize> {
    let t = t as usize;
    if t < pc && budget_tick() {
        return Err(budget_error());
    }
    Ok(t)
}

fn in_context_chain(start: &PyException, target: &PyException) -> bool {
    let mut cur = start.context();
    let mut n = 0;
    while let Some(c) = cur {
        if c.is(target) || n > 100 {
            return true;
        }
        cur = c.context();
        n += 1;
    }
    false
}

/// An exception raised by an operation while another is handled gets it as its
/// `__context__`, as CPython's `_PyErr_SetObject` does.
fn set_implicit_context(e: &PyException) {
    if e.context().is_some() {
        return;
    }
    if let Some(h) = with_state(|s| s.handled.last().cloned())
        && !h.is(e)
        && !in_context_chain(&h, e)
    {
        e.set_context(h);
    }
}

fn current_task_name() -> Option<String> {
    crate::aio::current_task().ok().flatten().map(|t| t.get_name())
}

/// The items a sequence unpacks into.
fn unpack_items(v: &Value) -> PyResult<Vec<Value>> {
    ops::iterate(v).map_err(|e| {
        if e.is_instance(TYPE_ERROR) && e.message().ends_with("is not iterable") {
            PyException::new(TYPE_ERROR, format!("cannot unpack non-iterable {} object", v.type_name()))
        } else {
            e
        }
    })
}

/// `except CLASS:` — an exception class, or a tuple of them.
fn exception_matches(e: &PyException, class: &Value) -> PyResult<bool> {
    match class {
        Value::ExcClass(c) => Ok(e.is_instance(*c)),
        Value::Tuple(items) => {
            for c in items.iter() {
                if exception_matches(e, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => match downcast::<Class>(class).and_then(|c| c.exc) {
            Some(c) => Ok(e.is_instance(c)),
            None => Err(PyException::new(
                TYPE_ERROR,
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        },
    }
}

/// Binds call arguments to a frame's slots, with CPython's error texts.
fn bind_arguments(
    func: &Function,
    code: &Code,
    fast: &mut [Option<Value>],
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> PyResult<()> {
    let name = &code.qualname;
    let argcount = code.argcount as usize;
    let nargs = args.len();
    let mut extra = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        if i < argcount {
            fast[i] = Some(a);
        } else {
            extra.push(a);
        }
    }
    let kwonly_start = argcount;
    let varargs_slot = argcount + code.kwonly as usize;
    let varkw_slot = varargs_slot + code.varargs as usize;
    if code.varargs {
        fast[varargs_slot] = Some(Value::tuple(extra));
    } else if !extra.is_empty() {
        let required = argcount - func.defaults.len().min(argcount);
        let takes = if required == argcount {
            format!("{argcount} positional argument{}", if argcount == 1 { "" } else { "s" })
        } else {
            format!("from {required} to {argcount} positional arguments")
        };
        let given = nargs;
        return Err(PyException::new(
            TYPE_ERROR,
            format!("{name}() takes {takes} but {given} {} given", if given == 1 { "was" } else { "were" }),
        ));
    }
    let mut kwdict = IndexMap::new();
    for (k, v) in kwargs {
        let pos = code.varnames[..argcount + code.kwonly as usize]
            .iter()
            .position(|n| **n == *k)
            .filter(|p| *p >= code.posonly as usize);
        match pos {
            Some(p) => {
                if fast[p].is_some() {
                    return Err(PyException::new(
                        TYPE_ERROR,
                        format!("{name}() got multiple values for argument '{k}'"),
                    ));
                }
                fast[p] = Some(v);
            }
            None if code.varkw => {
                kwdict.insert(Key::str(k.clone()), v);
            }
            None => {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("{name}() got an unexpected keyword argument '{k}'"),
                ));
            }
        }
    }
    if code.varkw {
        fast[varkw_slot] = Some(new_dict(kwdict));
    }
    // Defaults for the last positional parameters.
    let first_default = argcount - func.defaults.len().min(argcount);
    let mut missing = Vec::new();
    for (i, slot) in fast.iter_mut().enumerate().take(argcount) {
        if slot.is_none() {
            if i >= first_default {
                *slot = Some(func.defaults[i - first_default].clone());
            } else {
                missing.push(code.varnames[i].clone());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(name, "positional", &missing));
    }
    for (i, slot) in fast.iter_mut().enumerate().skip(kwonly_start).take(code.kwonly as usize) {
        if slot.is_none() {
            let n = &code.varnames[i];
            match func.kwdefaults.iter().find(|(k, _)| k == n) {
                Some((_, v)) => *slot = Some(v.clone()),
                None => missing.push(n.clone()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(name, "keyword-only", &missing));
    }
    Ok(())
}

// ---------------------------------------------------------------- calls

/// `f(*args, **kwargs)`.
pub fn call(f: &Value, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> PyResult {
    if let Some(func) = downcast_rc::<Function>(f) {
        return call_function(&func, args, kwargs);
    }
    if let Some(m) = downcast::<BoundMethod>(f) {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(m.this.clone());
        all.extend(args);
        return call(&m.func, all, kwargs);
    }
    if let Some(b) = downcast::<Builtin>(f) {
        let args = match &b.bound {
            Some(this) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(this.clone());
                all.extend(args);
                all
            }
            None => args,
        };
        return (b.f)(args, kwargs);
    }
    if let Some(class) = downcast_rc::<Class>(f) {
        return instantiate(&class, args, kwargs);
    }
    if let Some(t) = downcast::<BuiltinType>(f) {
        return super::builtins::construct(t.name, args, kwargs);
    }
    if let Value::ExcClass(c) = f {
        if !kwargs.is_empty() {
            return Err(PyException::new(TYPE_ERROR, format!("{}() takes no keyword arguments", c.name())));
        }
        if c.is_subclass(BASE_EXCEPTION_GROUP) {
            return super::groups::new_group(*c, args).map(Value::Exception);
        }
        return Ok(Value::Exception(PyException::with_args(*c, args)));
    }
    if downcast::<Instance>(f).is_some() {
        let m = super::attrs::getattr(f, "__call__").map_err(|_| {
            PyException::new(TYPE_ERROR, format!("'{}' object is not callable", f.type_name()))
        })?;
        return call(&m, args, kwargs);
    }
    if let Some(n) = native_of(f)
        && let Some(r) = n.call(&args, &kwargs)
    {
        return r;
    }
    Err(PyException::new(TYPE_ERROR, format!("'{}' object is not callable", f.type_name())))
}

/// Calls a Python function: runs it, or makes its generator or coroutine.
pub fn call_function(func: &Rc<Function>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> PyResult {
    let mut frame = Frame::call(func, args, kwargs)?;
    match func.code.kind {
        CodeKind::Generator | CodeKind::Coroutine | CodeKind::AsyncGenerator => {
            Ok(make_generator(frame, func))
        }
        _ => match frame.run(None)? {
            Exit::Return(v) => Ok(v),
            _ => unreachable!("only generator frames pause"),
        },
    }
}

fn make_generator(frame: Frame, func: &Rc<Function>) -> Value {
    let code = func.code.clone();
    let qualname = code.qualname.clone();
    let name = qualname.to_string();
    let (kind, iterable_coroutine) = match code.kind {
        CodeKind::Coroutine => (Kind::Coroutine, false),
        // An asynchronous generator's frame awaits too: a generator that may delegate to
        // coroutines (as a `types.coroutine` one may).
        CodeKind::AsyncGenerator => (Kind::Generator, true),
        _ => (Kind::Generator, func.iterable_coroutine.get()),
    };
    let g = Generator::with_body(name, kind, iterable_coroutine, GenFrame(frame));
    if code.kind == CodeKind::AsyncGenerator {
        // Its frame runs as a plain generator; the object a program sees is the
        // asynchronous generator around it (`async_gen.rs`).
        return super::async_gen::new(g, qualname);
    }
    Value::Obj(Rc::new(GenObject { g, qualname, code: Some(code) }))
}

/// A generator's frame as the runtime resumes it: each pause of the frame becomes the
/// runtime's own `yield` or `yield from`. The explicit-stack driver, PEP 380's rules,
/// the states and the trace events are the runtime's.
struct GenFrame(Frame);

impl Body for GenFrame {
    fn resume(&mut self, mut with: Option<PyResult>, cx: &Context) -> BodyStep {
        let frame = &mut self.0;
        loop {
            let (request, awaiting) = match frame.resume(with, cx) {
                Err(e) => return BodyStep::Finish(Err(e)),
                Ok(Exit::Return(v)) => return BodyStep::Finish(Ok(v)),
                Ok(Exit::Yield(v)) => {
                    // An asynchronous generator's `yield` goes to the `async for`, not to
                    // the loop: its value travels marked as such (PEP 525).
                    let v = if frame.code.kind == CodeKind::AsyncGenerator {
                        super::async_gen::wrap(v)
                    } else {
                        v
                    };
                    return BodyStep::Yield(v);
                }
                Ok(Exit::YieldFrom(v)) => (v, false),
                Ok(Exit::Await(v)) => (v, true),
            };
            match to_iterable(&request, awaiting) {
                Ok(it) => return BodyStep::YieldFrom(it),
                // Not iterable (not awaitable): the frame goes on with the error, at once.
                Err(e) => with = Some(Err(e)),
            }
        }
    }

    fn first_line(&self) -> u32 {
        self.0.code.first_line
    }

    fn locals(&self) -> Vec<(Rc<str>, Value)> {
        self.0.local_values()
    }
}

/// `Class(*args)`: a new instance, `__init__` run on it.
fn instantiate(class: &Rc<Class>, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> PyResult {
    if let Some(exc) = class.exc {
        let e = if exc.is_subclass(BASE_EXCEPTION_GROUP) {
            super::groups::new_group(exc, args.clone())?
        } else {
            PyException::with_args(exc, args.clone())
        };
        let v = Value::Exception(e);
        if let Some(init) = class.lookup("__init__") {
            let mut all = vec![v.clone()];
            all.extend(args);
            call(&init, all, kwargs)?;
        }
        return Ok(v);
    }
    let obj = Value::Obj(Rc::new(Instance { class: class.clone(), dict: RefCell::new(IndexMap::new()) }));
    match class.lookup("__init__") {
        Some(init) => {
            let mut all = vec![obj.clone()];
            all.extend(args);
            let r = call(&init, all, kwargs)?;
            if !r.is_none() {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("__init__() should return None, not '{}'", r.type_name()),
                ));
            }
        }
        None if !args.is_empty() || !kwargs.is_empty() => {
            return Err(PyException::new(TYPE_ERROR, format!("{}() takes no arguments", class.name)));
        }
        None => {}
    }
    Ok(obj)
}

/// Runs a class body and makes the class.
fn build_class(name: &Rc<str>, body: &Value, bases: &Value) -> PyResult {
    let func = downcast_rc::<Function>(body).expect("the compiler made the body a function");
    let mut frame = Frame::call(&func, vec![], vec![])?;
    let ns = Rc::new(RefCell::new(IndexMap::new()));
    frame.rare.get_or_insert_with(Box::default).ns = Some(ns.clone());
    frame.run(None)?;
    let mut class_bases = Vec::new();
    let mut exc = None;
    let Value::Tuple(bases) = bases else { unreachable!("the compiler built a tuple") };
    for b in bases.iter() {
        if let Value::ExcClass(c) = b {
            exc = Some(*c);
        } else if let Some(c) = downcast_rc::<Class>(b) {
            if let Some(e) = c.exc {
                exc = Some(e);
            }
            class_bases.push(c);
        } else if downcast::<BuiltinType>(b).is_some_and(|t| t.name == "object") {
        } else {
            // A library class (a namedtuple's, `deque`) by its own name, not as 'type'.
            let named =
                super::attrs::getattr(b, "__name__").ok().and_then(|n| n.as_str().map(str::to_string));
            let what = named.unwrap_or_else(|| super::attrs::type_name_of(b));
            return Err(PyException::new(
                TYPE_ERROR,
                format!("corosim does not simulate subclassing '{what}'"),
            ));
        }
    }
    let qualname = ns
        .borrow()
        .get("__qualname__")
        .and_then(|q| q.as_str().map(Rc::from))
        .unwrap_or_else(|| name.clone());
    let dict = ns.borrow().clone();
    let exc = exc.map(|base| ExcClass::define(name, base));
    let class =
        Rc::new(Class { name: name.clone(), qualname, bases: class_bases, dict: RefCell::new(dict), exc });
    if let Some(e) = exc {
        register_exc_class(e, class.clone());
    }
    for v in class.dict.borrow().values() {
        let f = downcast::<Function>(v)
            .or_else(|| downcast::<Descriptor>(v).and_then(|d| downcast::<Function>(&d.func)));
        if let Some(f) = f {
            *f.owner.borrow_mut() = Some(class.clone());
        }
    }
    Ok(Value::Obj(class))
}

/// Runs a module's code in a namespace.
pub fn run_module(code: Rc<Code>, globals: Namespace) -> PyResult<()> {
    let mut frame = Frame::module(code, globals);
    match frame.run(None)? {
        Exit::Return(_) => Ok(()),
        _ => unreachable!("a module does not pause"),
    }
}
