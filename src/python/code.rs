//! Code objects: what `compile()` makes of a function body, as CPython's `co_code`.
//!
//! A function's body becomes a flat list of [`Op`]s run by one loop (`eval.rs`). Names are
//! resolved once, here, to slots: a local is `LoadFast(3)`, not a dictionary lookup by
//! name at every step; a variable shared with an inner function lives in a cell
//! (`LoadDeref`). Only module-level and class-body names stay names, as in CPython.
//!
//! ```
//! use corosim::python::code::Op;
//! assert_eq!(format!("{:?}", Op::LoadFast(0)), "LoadFast(0)");
//! ```

use std::rc::Rc;

use crate::value::Value;

/// One instruction. Operands are indexes into the code object's tables.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// Push `consts[i]`.
    Const(u32),
    /// Push local slot `i` (UnboundLocalError when unset).
    LoadFast(u32),
    /// Pop into local slot `i`.
    StoreFast(u32),
    /// `del` local slot `i`.
    DeleteFast(u32),
    /// Push the value in cell `i` (the frame's cells, then its free variables).
    LoadDeref(u32),
    /// Pop into cell `i`.
    StoreDeref(u32),
    /// `del` cell `i`.
    DeleteDeref(u32),
    /// Push cell `i` itself, to make a closure.
    LoadClosure(u32),
    /// Push global `names[i]` (then builtins).
    LoadGlobal(u32),
    /// Pop into global `names[i]`.
    StoreGlobal(u32),
    /// `del` global `names[i]`.
    DeleteGlobal(u32),
    /// A class body's name: its namespace, then globals, then builtins.
    LoadName(u32),
    /// Pop into the class body's namespace.
    StoreName(u32),
    /// `del` from the class body's namespace.
    DeleteName(u32),
    /// Drop the top of the stack.
    Pop,
    /// Push a copy of the top.
    Dup,
    /// Copy the top two (a, b → a, b, a, b).
    Dup2,
    /// Swap the top two.
    Rot2,
    /// Lift the third to the top (a, b, c → b, c, a).
    Rot3,
    /// a, b → a OP b.
    Binary(BinOp),
    /// a, b → a OP= b (in place where the type allows: lists).
    InPlace(BinOp),
    /// a → OP a.
    Unary(UnaryOp),
    /// a, b → a OP b.
    Compare(CmpOp),
    /// obj → obj.names[i]
    LoadAttr(u32),
    /// value, obj → (obj.names[i] = value)
    StoreAttr(u32),
    /// obj → (del obj.names[i])
    DeleteAttr(u32),
    /// obj, key → obj[key]
    Subscript,
    /// value, obj, key → (obj[key] = value)
    StoreSubscript,
    /// obj, key → (del obj[key])
    DeleteSubscript,
    /// lower, upper (, step) → slice
    BuildSlice(u8),
    /// n items → tuple
    BuildTuple(u32),
    /// n items → list
    BuildList(u32),
    /// n items → set
    BuildSet(u32),
    /// n key/value pairs → dict
    BuildMap(u32),
    /// n strings → their concatenation (f-strings)
    BuildString(u32),
    /// list, iterable → list (extended): `[*a, *b]`, calls with `*args`
    ListExtend,
    /// set, iterable → set
    SetUpdate,
    /// dict, mapping → dict (merged): `{**a}`, calls with `**kw`
    DictUpdate,
    /// list → tuple
    ListToTuple,
    /// Append TOS to the list `depth` below it (comprehensions).
    ListAppend(u32),
    /// Add TOS to the set `depth` below it.
    SetAdd(u32),
    /// key, value → into the dict `depth` below them.
    MapAdd(u32),
    /// value (, spec) → `format(value, spec)` after the conversion (`!r` = 1, `!s` = 2,
    /// `!a` = 3); bit 4 of the operand says a spec is on the stack.
    FormatValue(u8),
    /// sequence → its n items, the first on top.
    UnpackSequence(u32),
    /// `a, *b, c = …`: (before, after).
    UnpackEx(u16, u16),
    /// Go to `i`.
    Jump(u32),
    /// Pop; go to `i` if false.
    PopJumpIfFalse(u32),
    /// Pop; go to `i` if true.
    PopJumpIfTrue(u32),
    /// `and`: if TOS is false go to `i` keeping it, else pop it.
    JumpIfFalseOrPop(u32),
    /// `or`: if TOS is true go to `i` keeping it, else pop it.
    JumpIfTrueOrPop(u32),
    /// iterable → iter(iterable)
    GetIter,
    /// iterable → iter(iterable), for a `for` statement (or a comprehension's inner loop),
    /// whose iterator no program ever sees: a `range` of step 1 within 32 bits comes out
    /// as its state packed in an int, no object (see [`RangeIter::pack`]).
    ///
    /// [`RangeIter::pack`]: super::objects::RangeIter::pack
    GetForIter,
    /// iterator → iterator, next item; at the end pop the iterator and go to `i`.
    ForIter(u32),
    /// callable, n args → result
    Call(u32),
    /// callable → callable(), for a call with no arguments of a name `locals`, `vars`,
    /// `dir` or `globals`: if it is that builtin, the calling frame answers it (CPython's
    /// builtins read the running frame; corosim's are told which it is); anything else
    /// is called as `Call(0)` calls it.
    CallFrameBuiltin,
    /// obj → method, self (a plain function found on the class, or a generator's own
    /// method) or obj.names[i], NULL: CPython's `LOAD_METHOD`, so that `obj.m(x)` makes
    /// no bound-method object.
    LoadMethod(u32),
    /// method, self-or-NULL, n args → result (after `LoadMethod`).
    CallMethod(u32),
    /// callable, n args, tuple of keyword names → result (the last len(names) args
    /// are the keywords)
    CallKw(u32),
    /// callable, args tuple, kwargs dict → result
    CallEx,
    /// defaults tuple, kwdefaults dict, closure tuple → function for `consts[i]` (a code
    /// object).
    MakeFunction(u32),
    /// `class` statement: bases tuple, keywords dict, the body function → the class named
    /// `names[i]`.
    BuildClass(u32),
    /// Leave the frame with TOS.
    Return,
    /// value → (yield value) → the value sent in
    YieldValue,
    /// iterable → (yield from iterable) → its return value
    YieldFrom,
    /// awaitable → (await awaitable) → its result
    Await,
    /// Push a handler: on an exception go to `i` with the stack cut back to its depth
    /// now and the exception pushed.
    SetupFinally(u32),
    /// `with`'s handler block: as `SetupFinally`, but the stack it restores leaves out the
    /// `__enter__` result on top now (the target stores it next), keeping `__exit__` below.
    SetupWith(u32),
    /// Drop the innermost handler (its block ended normally).
    PopBlock,
    /// exc → exc, and it becomes the exception being handled (`sys.exc_info()`).
    PushExcInfo,
    /// The handled exception ends: restore the one handled before.
    PopExcept,
    /// exc → raise it again, keeping its traceback.
    Reraise,
    /// `raise` (0), `raise exc` (1), `raise exc from cause` (2).
    Raise(u8),
    /// exc, class → exc, whether exc is an instance of class (or of one in a tuple)
    CheckExcMatch,
    /// `except* T`: rest, T → the part of rest T does not match, the part it matches (or
    /// None); the match becomes the exception being handled.
    CheckEgMatch,
    /// After the `except*` clauses: the original exception, the list of what they raised
    /// and what none matched → the exception to raise on, or None.
    PrepReraiseStar,
    /// context manager → its `__exit__` bound, then the result of `__enter__()`.
    BeforeWith,
    /// async context manager → `__aexit__` bound, then `__aenter__()` (to await).
    BeforeAsyncWith,
    /// exit, …, exc → exit, …, exc, exit(type, exc, tb)
    WithExceptStart,
    /// `import names[i]` → the module
    ImportName(u32),
    /// module → module, module.names[i] (ImportError if missing)
    ImportFrom(u32),
    /// `assert` failed: push AssertionError (the class).
    LoadAssertionError,
    /// A new line starts: report it to the trace when one is being recorded.
    Line(u32),
    /// `Line(n)`, then the `Jump` right after it (a loop's turn back to its head), in one
    /// step; the `Jump` stays in place for whatever jumps to it. See [`fuse`].
    LineJump(u32),
    /// `ForIter(t)`, then the `StoreFast` right after it (`for x in …:`), in one step.
    ForIterStore(u32),
    /// `LoadFast(i)`, then the `LoadMethod` right after it (`x.m(…)`), in one step.
    LoadFastMethod(u32),
    /// `CallMethod(n)`, then the `Pop` right after it (a call as a statement), in one step.
    CallMethodPop(u32),
    /// `Const(i)`, then the `CallMethod(1)` right after it (`obj.m(3)`, `asyncio.sleep(0)`),
    /// in one step: the constant goes to the call without a stack slot of its own, so
    /// a coroutine awaiting `asyncio.sleep(0)` in a `for` loop needs three slots, not four.
    CallMethodConst(u32),
    /// `LoadFast(i)`, then the `YieldValue` right after it (`yield x`), in one step.
    YieldFast(u32),
    /// `x.m(arg)` as a statement, where `x` is local `i` and `arg` a constant or a local:
    /// `LoadFast(i)`, `LoadMethod`, the argument, `CallMethod(1)`, `Pop`. When `x` is a
    /// generator and `m` its `send` (`g.send(v)`, how a learner drives a coroutine by
    /// hand), the send happens in this one step; anything else runs as
    /// `LoadFastMethod(i)` and the rest one by one.
    SendPop(u32),
    /// Nothing (a placeholder patched later).
    Nop,
}

/// Binary operators, as Python spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    /// The operator as written (`+`), for error texts.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }

    /// The dunder a class defines for it (`__add__`), and the reflected one.
    pub fn dunders(self) -> (&'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__"),
            BinOp::Sub => ("__sub__", "__rsub__"),
            BinOp::Mul => ("__mul__", "__rmul__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__"),
            BinOp::Div => ("__truediv__", "__rtruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__"),
            BinOp::Pow => ("__pow__", "__rpow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__"),
            BinOp::And => ("__and__", "__rand__"),
            BinOp::Or => ("__or__", "__ror__"),
            BinOp::Xor => ("__xor__", "__rxor__"),
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Not,
}

/// Comparison operators (`is`, `in` included, as CPython's `COMPARE_OP`/`IS_OP`/
/// `CONTAINS_OP`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    /// The operator as written, for error texts.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

/// What kind of function a code object is the body of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// The module itself.
    Module,
    /// A class body (run once, to fill the class namespace).
    Class,
    /// `def` without `yield`.
    Function,
    /// `def` with `yield`: calling it makes a generator.
    Generator,
    /// `async def`: calling it makes a coroutine.
    Coroutine,
    /// `async def` with `yield`: calling it makes an asynchronous generator (PEP 525).
    AsyncGenerator,
}

impl CodeKind {
    /// `async def` code, where `await`, `async for` and `async with` may appear.
    pub fn is_async(self) -> bool {
        matches!(self, CodeKind::Coroutine | CodeKind::AsyncGenerator)
    }
}

/// Where an expression is: start and end line, start and end column (characters, from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First line, from 1.
    pub line: u32,
    /// Last line.
    pub end_line: u32,
    /// Column of its first character on `line`.
    pub col: u32,
    /// Column just past its last character on `end_line`.
    pub end_col: u32,
}

/// A compiled body (`co_code` and its tables).
#[derive(Debug)]
pub struct Code {
    /// `co_name` (`f`, `<module>`, `<lambda>`, `<genexpr>`).
    pub name: Rc<str>,
    /// `co_qualname` (`Outer.method`, `f.<locals>.g`).
    pub qualname: Rc<str>,
    /// Module, class body, function, generator or coroutine.
    pub kind: CodeKind,
    /// The instructions.
    pub ops: Vec<Op>,
    /// The source line of each instruction (for tracebacks and the trace).
    pub lines: Vec<u32>,
    /// The expression each instruction evaluates, where it came from one (the
    /// traceback's carets).
    pub spans: Vec<Option<Span>>,
    /// The line of the `def`.
    pub first_line: u32,
    /// Constants: values, nested code objects, keyword-name tuples.
    pub consts: Vec<Const>,
    /// Names for globals, attributes and imports.
    pub names: Vec<Rc<str>>,
    /// Local variable names, by slot; the parameters come first.
    pub varnames: Vec<Rc<str>>,
    /// Variables of this frame that inner functions share (cells), by name.
    pub cellvars: Vec<Rc<str>>,
    /// Variables of enclosing frames this one uses, by name (after the cells).
    pub freevars: Vec<Rc<str>>,
    /// For each cell, the local slot of the parameter it starts from, if it is one.
    pub cell_params: Vec<Option<u32>>,
    /// Positional parameters (positional-only ones included).
    pub argcount: u32,
    /// Positional-only parameters.
    pub posonly: u32,
    /// Keyword-only parameters (after the positional ones in `varnames`).
    pub kwonly: u32,
    /// `*args` takes a slot (after the keyword-only ones).
    pub varargs: bool,
    /// `**kwargs` takes a slot (after `*args`).
    pub varkw: bool,
    /// The body names `super` (so its frames keep what a zero-argument `super()` reads).
    pub uses_super: bool,
    /// The docstring: the body's first statement, when it is a string (`__doc__`).
    pub doc: Option<Rc<str>>,
    /// The body handles exceptions (`except`, `finally`, `with`): only then can its frames
    /// have handled exceptions of their own to keep while they pause.
    pub catches: bool,
    /// How deep its frames' value stacks go (CPython's `co_stacksize`), learnt by its
    /// first frames as they run: each later frame allocates that much at once, and no
    /// more (`Frame::push`).
    pub stack_depth: std::cell::Cell<u32>,
}

/// A constant in a code object's table.
#[derive(Debug, Clone)]
pub enum Const {
    /// A Python value.
    Value(Value),
    /// A nested function's body.
    Code(Rc<Code>),
}

/// The builtins that read the calling frame when called with no arguments
/// ([`Op::CallFrameBuiltin`]: the frame answers them, when they are called by name).
pub fn reads_frame(name: &str) -> bool {
    matches!(name, "locals" | "vars" | "dir" | "globals")
}

/// CPython's superinstructions (`LOAD_FAST__LOAD_FAST` and friends): the commonest pairs
/// of instructions become one, so the loop fetches and dispatches once for both.
///
/// The first of a pair is replaced by its fused form; the second stays where it was,
/// unchanged, because a jump may land on it, and the fused instruction steps over it.
/// So no jump target moves, and the line and caret tables stay as they were. Pairs may
/// chain (`Const`, `CallMethod(1)`, `Pop`): each fused instruction runs its own pair and
/// steps over the second, whatever that became, so what runs is still the unfused
/// program's work, in its order.
///
/// ```
/// use corosim::python::code::{Op, fuse};
/// let mut ops = vec![Op::LoadFast(0), Op::LoadMethod(1), Op::Line(3), Op::Jump(0)];
/// fuse(&mut ops);
/// assert_eq!(ops, [Op::LoadFastMethod(0), Op::LoadMethod(1), Op::LineJump(3), Op::Jump(0)]);
/// let mut ops = vec![Op::LoadFast(2), Op::YieldValue];
/// fuse(&mut ops);
/// assert_eq!(ops, [Op::YieldFast(2), Op::YieldValue]);
/// // `g.send(1)` as a statement: one step for all five, the pairs inside fused as well
/// // (for when `g` is not a generator).
/// let mut ops = vec![Op::LoadFast(0), Op::LoadMethod(1), Op::Const(2), Op::CallMethod(1), Op::Pop];
/// fuse(&mut ops);
/// assert_eq!(
///     ops,
///     [Op::SendPop(0), Op::LoadMethod(1), Op::CallMethodConst(2), Op::CallMethodPop(1), Op::Pop]
/// );
/// ```
pub fn fuse(ops: &mut [Op]) {
    for i in 0..ops.len().saturating_sub(1) {
        if let [
            Op::LoadFast(slot),
            Op::LoadMethod(_),
            Op::Const(_) | Op::LoadFast(_),
            Op::CallMethod(1),
            Op::Pop,
            ..,
        ] = ops[i..]
        {
            ops[i] = Op::SendPop(slot);
            continue;
        }
        ops[i] = match (ops[i], ops[i + 1]) {
            (Op::Line(n), Op::Jump(_)) => Op::LineJump(n),
            (Op::ForIter(t), Op::StoreFast(_)) => Op::ForIterStore(t),
            (Op::LoadFast(slot), Op::LoadMethod(_)) => Op::LoadFastMethod(slot),
            (Op::CallMethod(n), Op::Pop) => Op::CallMethodPop(n),
            (Op::Const(i), Op::CallMethod(1)) => Op::CallMethodConst(i),
            (Op::LoadFast(slot), Op::YieldValue) => Op::YieldFast(slot),
            (op, _) => op,
        };
    }
}
