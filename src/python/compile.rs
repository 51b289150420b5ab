//! `compile()`: a syntax tree becomes code objects (CPython's `compile.c`).
//!
//! Each function body is compiled on its own into a flat list of [`Op`]s, with every name
//! resolved by the symbol table to a slot, a cell or a global. Control flow becomes
//! jumps; `try` becomes handler blocks; a `return`, `break` or `continue` that leaves a
//! `try … finally` or a `with` runs the `finally` body (or `__exit__`) inline on its way
//! out, as CPython 3.9+ does, so the loop that runs the code (`eval.rs`) only ever
//! unwinds for exceptions.
//!
//! What corosim does not simulate is refused here, before anything runs, with the
//! construct and its position: `'match' statements are not simulated by corosim`.
//!
//! ```
//! use corosim::python::compile::compile_module;
//! let code = compile_module("x = 1\nprint(x)\n", "demo.py").unwrap();
//! assert_eq!(&*code.name, "<module>");
//! ```

use std::rc::Rc;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::code::{BinOp, CmpOp, Code, CodeKind, Const, Op, Span, UnaryOp};
use super::objects::int_value;
use super::symtable::{BlockKind, NodeKind, Scope, ScopeInfo, Symbols};
use crate::value::Value;

/// Why a program cannot run: a syntax error (CPython's report) or a construct corosim does
/// not simulate.
#[derive(Debug, Clone)]
pub struct CompileError {
    /// The message (`'match' statements are not simulated by corosim`).
    pub message: String,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// A construct corosim refuses (exit 2), rather than a SyntaxError (exit 1).
    pub unsupported: bool,
}

impl CompileError {
    /// The exception CPython raises for it: IndentationError for a block's indentation.
    pub fn kind(&self) -> &'static str {
        let m = &self.message;
        if m.starts_with("expected an indented block")
            || m == "unexpected indent"
            || m.starts_with("unindent")
        {
            "IndentationError"
        } else {
            "SyntaxError"
        }
    }
}

/// Ruff's parse message in CPython's words, where they differ.
fn cpython_wording(message: &str, source: &str, line: u32) -> String {
    if let Some(clause) = message.strip_prefix("Expected an indented block after ") {
        let clause = match clause {
            "`class` definition" => "class definition".to_string(),
            "`case` block" => "'case' statement".to_string(),
            other => other.replace('`', "'").replace(" clause", " statement"),
        };
        // The block's header: the last line before with code on it.
        let lines: Vec<&str> = source.lines().collect();
        let header = (0..(line as usize).saturating_sub(1))
            .rev()
            .find(|&i| lines.get(i).is_some_and(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')))
            .map_or(line, |i| i as u32 + 1);
        return format!("expected an indented block after {clause} on line {header}");
    }
    match message {
        "Unexpected indentation" => "unexpected indent".into(),
        _ => message.to_string(),
    }
}

/// The innermost bracket left open at the end of the source: `(bracket, line, column)`,
/// both from 1. Skips strings and comments.
fn unclosed_bracket(source: &str) -> Option<(char, u32, u32)> {
    let mut open: Vec<(char, u32, u32)> = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let (mut line, mut col, mut i) = (1u32, 1u32, 0usize);
    let advance = |i: &mut usize, line: &mut u32, col: &mut u32| {
        if chars[*i] == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        match chars[i] {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    advance(&mut i, &mut line, &mut col);
                }
                continue;
            }
            q @ ('\'' | '"') => {
                let triple = chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q);
                let n = if triple { 3 } else { 1 };
                for _ in 0..n {
                    advance(&mut i, &mut line, &mut col);
                }
                while i < chars.len() {
                    if chars[i] == '\\' {
                        advance(&mut i, &mut line, &mut col);
                        if i < chars.len() {
                            advance(&mut i, &mut line, &mut col);
                        }
                        continue;
                    }
                    if !triple && chars[i] == '\n' {
                        break;
                    }
                    if chars[i] == q
                        && (!triple || (chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q)))
                    {
                        for _ in 0..n {
                            advance(&mut i, &mut line, &mut col);
                        }
                        break;
                    }
                    advance(&mut i, &mut line, &mut col);
                }
                continue;
            }
            c @ ('(' | '[' | '{') => open.push((c, line, col)),
            ')' | ']' | '}' => {
                open.pop();
            }
            _ => {}
        }
        advance(&mut i, &mut line, &mut col);
    }
    open.pop()
}

/// Byte offsets to lines and columns.
pub struct LineIndex {
    starts: Vec<u32>,
    text: Rc<str>,
}

impl LineIndex {
    /// Indexes a source text.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts, text: Rc::from(text) }
    }

    /// The line (from 1) of a byte offset.
    pub fn line(&self, offset: u32) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// The column (from 1, in characters) of a byte offset.
    pub fn column(&self, offset: u32) -> u32 {
        let line = self.line(offset);
        let start = self.starts[line as usize - 1] as usize;
        let end = (offset as usize).min(self.text.len());
        self.text.get(start..end).map_or(0, |s| s.chars().count()) as u32 + 1
    }
}

/// Compiles a module's source (already known to parse) into its code object.
pub fn compile_module(source: &str, file: &str) -> Result<Rc<Code>, CompileError> {
    let parsed = ruff_python_parser::parse_module(source).map_err(|e| {
        let index = LineIndex::new(source);
        let offset = e.location.start().to_u32();
        let (line, column) = (index.line(offset), index.column(offset));
        // CPython blames a bracket still open when the parse runs into the end of the
        // file with it open (an error earlier on is that error, as `def f(:` is).
        let at_end = offset as usize >= source.trim_end().len();
        if let Some((open, line, column)) = unclosed_bracket(source).filter(|_| at_end) {
            return CompileError {
                message: format!("'{open}' was never closed"),
                line,
                column,
                unsupported: false,
            };
        }
        CompileError {
            message: cpython_wording(&e.error.to_string(), source, line),
            line,
            column,
            unsupported: false,
        }
    })?;
    compile_suite(parsed.suite(), source, file)
}

/// Compiles a parsed module body.
pub fn compile_suite(body: &[Stmt], source: &str, _file: &str) -> Result<Rc<Code>, CompileError> {
    let index = LineIndex::new(source);
    let symbols = Symbols::build(body).map_err(|e| CompileError {
        message: e.message,
        line: index.line(e.range.start().to_u32()),
        column: index.column(e.range.start().to_u32()),
        unsupported: false,
    })?;
    let mut c = Compiler { symbols: &symbols, index: &index, units: Vec::new() };
    c.units.push(Unit::new("<module>", "<module>", CodeKind::Module, 0, 1, &symbols.scopes[0]));
    c.stmts(body)?;
    c.emit(Op::Const(0));
    c.emit(Op::Return);
    Ok(Rc::new(c.units.pop().expect("the module unit").finish()))
}

/// A frame block the compiler is inside: what a `break`, `continue` or `return` must
/// undo on its way out.
#[derive(Clone)]
enum FBlock {
    /// A `while` loop: `continue` goes to `start`; `break` jumps patched at the end.
    While { start: usize, breaks: Vec<usize> },
    /// A `for` loop: its iterator is on the stack.
    For { start: usize, breaks: Vec<usize> },
    /// The body of a `try` with `except` handlers: one handler block is set up.
    TryExcept,
    /// The body of a `try … finally`: leaving runs the finally body.
    TryFinally(Rc<Vec<Stmt>>),
    /// An `except` body or the exceptional path of a `finally`: the exception is on the
    /// stack, it is the handled one, and a cleanup handler is set up.
    Handler,
    /// A `with` body: `__exit__` is on the stack and a handler is set up.
    With { is_async: bool },
    /// An `except*` body: nothing may jump out of it (`break`, `continue`, `return`).
    StarHandler,
}

/// One code object being built.
struct Unit {
    /// The docstring, if the body starts with one.
    doc: Option<Rc<str>>,
    name: Rc<str>,
    qualname: Rc<str>,
    kind: CodeKind,
    scope: usize,
    ops: Vec<Op>,
    lines: Vec<u32>,
    spans: Vec<Option<Span>>,
    /// The expression being compiled, if any.
    span: Option<Span>,
    consts: Vec<Const>,
    names: Vec<Rc<str>>,
    varnames: Vec<Rc<str>>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
    fblocks: Vec<FBlock>,
    line: u32,
    first_line: u32,
    argcount: u32,
    posonly: u32,
    kwonly: u32,
    varargs: bool,
    varkw: bool,
}

impl Unit {
    fn new(
        name: &str,
        qualname: &str,
        kind: CodeKind,
        scope: usize,
        first_line: u32,
        info: &ScopeInfo,
    ) -> Self {
        let mut varnames: Vec<Rc<str>> = info.params.iter().map(|p| Rc::from(p.as_str())).collect();
        if info.kind == BlockKind::Function {
            for b in &info.bound {
                if !varnames.iter().any(|v| &**v == b.as_str()) {
                    varnames.push(Rc::from(b.as_str()));
                }
            }
        }
        Unit {
            doc: None,
            name: Rc::from(name),
            qualname: Rc::from(qualname),
            kind,
            scope,
            ops: Vec::new(),
            lines: Vec::new(),
            spans: Vec::new(),
            span: None,
            // consts[0] is None: every body ends `return None`.
            consts: vec![Const::Value(Value::None)],
            names: Vec::new(),
            varnames,
            cellvars: info.cells.iter().map(|c| Rc::from(c.as_str())).collect(),
            freevars: info.frees.iter().map(|c| Rc::from(c.as_str())).collect(),
            fblocks: Vec::new(),
            line: first_line,
            first_line,
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            varargs: false,
            varkw: false,
        }
    }

    fn finish(self) -> Code {
        let cell_params = self
            .cellvars
            .iter()
            .map(|c| {
                let params = self.argcount + self.kwonly + self.varargs as u32 + self.varkw as u32;
                self.varnames[..params as usize].iter().position(|v| v == c).map(|p| p as u32)
            })
            .collect();
        let uses_super = self.names.iter().any(|n| &**n == "super");
        let catches = self.ops.contains(&Op::PushExcInfo);
        let mut ops = self.ops;
        super::code::fuse(&mut ops);
        Code {
            uses_super,
            doc: self.doc,
            catches,
            name: self.name,
            qualname: self.qualname,
            kind: self.kind,
            ops,
            lines: self.lines,
            spans: self.spans,
            first_line: self.first_line,
            consts: self.consts,
            names: self.names,
            varnames: self.varnames,
            cellvars: self.cellvars,
            freevars: self.freevars,
            cell_params,
            argcount: self.argcount,
            posonly: self.posonly,
            kwonly: self.kwonly,
            varargs: self.varargs,
            varkw: self.varkw,
            stack_depth: Default::default(),
        }
    }
}

/// A body's docstring: its first statement, when that is a string literal.
fn docstring(body: &[Stmt]) -> Option<Rc<str>> {
    match body.first()? {
        Stmt::Expr(e) => match &*e.value {
            Expr::StringLiteral(s) => Some(Rc::from(s.value.to_str())),
            _ => None,
        },
        _ => None,
    }
}

type R = Result<(), CompileError>;

struct Compiler<'a> {
    symbols: &'a Symbols,
    index: &'a LineIndex,
    units: Vec<Unit>,
}

impl Compiler<'_> {
    fn unit(&mut self) -> &mut Unit {
        self.units.last_mut().expect("a unit is being compiled")
    }

    fn info(&self) -> &ScopeInfo {
        &self.symbols.scopes[self.units.last().expect("unit").scope]
    }

    fn emit(&mut self, op: Op) -> usize {
        let u = self.unit();
        u.ops.push(op);
        let line = u.line;
        u.lines.push(line);
        let span = u.span;
        u.spans.push(span);
        u.ops.len() - 1
    }

    fn here(&mut self) -> usize {
        self.unit().ops.len()
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here() as u32;
        self.patch_to(at, target);
    }

    fn patch_to(&mut self, at: usize, target: u32) {
        let op = &mut self.unit().ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::SetupFinally(_) => Op::SetupFinally(target),
            Op::SetupWith(_) => Op::SetupWith(target),
            other => other,
        };
    }

    fn konst(&mut self, v: Value) -> u32 {
        let u = self.unit();
        u.consts.push(Const::Value(v));
        u.consts.len() as u32 - 1
    }

    fn load_const(&mut self, v: Value) {
        let i = self.konst(v);
        self.emit(Op::Const(i));
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.names.iter().position(|n| &**n == name) {
            return i as u32;
        }
        u.names.push(Rc::from(name));
        u.names.len() as u32 - 1
    }

    fn set_line(&mut self, range: TextRange) {
        let line = self.index.line(range.start().to_u32());
        self.unit().line = line;
    }

    fn err(&self, range: TextRange, message: impl Into<String>, unsupported: bool) -> CompileError {
        let offset = range.start().to_u32();
        CompileError {
            message: message.into(),
            line: self.index.line(offset),
            column: self.index.column(offset),
            unsupported,
        }
    }

    fn unsupported(&self, range: TextRange, what: &str) -> CompileError {
        self.err(range, format!("{what} not simulated by corosim"), true)
    }

    // ------------------------------------------------------------------ names

    fn slot(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.varnames.iter().position(|n| &**n == name) {
            return i as u32;
        }
        u.varnames.push(Rc::from(name));
        u.varnames.len() as u32 - 1
    }

    fn cell(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.cellvars.iter().position(|n| &**n == name) {
            return i as u32;
        }
        let i = u.freevars.iter().position(|n| &**n == name).expect("a free variable the symbol table found");
        (u.cellvars.len() + i) as u32
    }

    /// The instruction that loads, stores or deletes a name where the symbol table says
    /// it lives: a slot, a cell, the module's globals, or a class body's namespace.
    fn name_op(&mut self, name: &str, access: Access) {
        let op = match (self.info().resolve(name), access) {
            (Scope::Local, Access::Load) => Op::LoadFast(self.slot(name)),
            (Scope::Local, Access::Store) => Op::StoreFast(self.slot(name)),
            (Scope::Local, Access::Delete) => Op::DeleteFast(self.slot(name)),
            (Scope::Cell | Scope::Free, Access::Load) => Op::LoadDeref(self.cell(name)),
            (Scope::Cell | Scope::Free, Access::Store) => Op::StoreDeref(self.cell(name)),
            (Scope::Cell | Scope::Free, Access::Delete) => Op::DeleteDeref(self.cell(name)),
            (Scope::Global, Access::Load) => Op::LoadGlobal(self.name_index(name)),
            (Scope::Global, Access::Store) => Op::StoreGlobal(self.name_index(name)),
            (Scope::Global, Access::Delete) => Op::DeleteGlobal(self.name_index(name)),
            (Scope::Name, Access::Load) => Op::LoadName(self.name_index(name)),
            (Scope::Name, Access::Store) => Op::StoreName(self.name_index(name)),
            (Scope::Name, Access::Delete) => Op::DeleteName(self.name_index(name)),
        };
        self.emit(op);
    }

    fn load_name(&mut self, name: &str) {
        self.name_op(name, Access::Load);
    }

    fn store_name(&mut self, name: &str) {
        self.name_op(name, Access::Store);
    }

    fn delete_name(&mut self, name: &str) {
        self.name_op(name, Access::Delete);
    }

    // ------------------------------------------------------------------ statements

    fn stmts(&mut self, body: &[Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        self.set_line(s.range());
        let line = self.unit().line;
        self.emit(Op::Line(line));
        match s {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Return(r) => {
                if self.unit().kind == CodeKind::Module || self.unit().kind == CodeKind::Class {
                    return Err(self.err(r.range, "'return' outside function", false));
                }
                if self.unit().kind == CodeKind::AsyncGenerator && r.value.is_some() {
                    return Err(self.err(r.range, "'return' with value in async generator", false));
                }
                let blocks = self.unit().fblocks.clone();
                self.refuse_leaving_except_star(&blocks, r.value.as_ref().map_or(r.range, |v| v.range()))?;
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.emit(Op::Const(0));
                    }
                }
                self.unwind_all(true)?;
                self.emit(Op::Return);
                Ok(())
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.store(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store(&a.target)?;
                }
                self.class_annotation(a)
            }
            Stmt::For(f) => self.for_loop(f),
            Stmt::While(w) => self.while_loop(w),
            Stmt::If(i) => self.if_stmt(i),
            Stmt::With(w) => self.with(w, 0),
            Stmt::Match(m) => Err(self.unsupported(m.range, "'match' statements are")),
            Stmt::Raise(r) => {
                let n = match (&r.exc, &r.cause) {
                    (None, _) => 0,
                    (Some(e), None) => {
                        self.expr(e)?;
                        1
                    }
                    (Some(e), Some(c)) => {
                        self.expr(e)?;
                        self.expr(c)?;
                        2
                    }
                };
                self.emit(Op::Raise(n));
                Ok(())
            }
            Stmt::Try(t) => self.try_stmt(t),
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                let ok = self.emit(Op::PopJumpIfTrue(0));
                self.emit(Op::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1));
                }
                self.emit(Op::Raise(1));
                self.patch(ok);
                Ok(())
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let idx = self.name_index(&a.name.id);
                    self.emit(Op::ImportName(idx));
                    match &a.asname {
                        Some(n) => self.store_name(&n.id),
                        None => {
                            let top = a.name.id.split('.').next().unwrap_or("").to_string();
                            // `import a.b` binds the package `a` (which then has `b`).
                            if top.len() < a.name.id.len() {
                                self.emit(Op::Pop);
                                let package = self.name_index(&top);
                                self.emit(Op::ImportName(package));
                            }
                            self.store_name(&top)
                        }
                    }
                }
                Ok(())
            }
            Stmt::ImportFrom(i) => {
                if i.level > 0 {
                    return Err(self.unsupported(i.range, "relative imports are"));
                }
                let module = i.module.as_ref().map(|m| m.id.to_string()).unwrap_or_default();
                let idx = self.name_index(&module);
                self.emit(Op::ImportName(idx));
                for a in &i.names {
                    if &*a.name.id == "*" {
                        return Err(self.unsupported(a.range, "'from … import *' is"));
                    }
                    let n = self.name_index(&a.name.id);
                    self.emit(Op::ImportFrom(n));
                    let bind = a.asname.as_ref().unwrap_or(&a.name).id.to_string();
                    self.store_name(&bind);
                }
                self.emit(Op::Pop);
                Ok(())
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                self.emit(Op::Pop);
                Ok(())
            }
            Stmt::Break(b) => self.break_continue(b.range, true),
            Stmt::Continue(c) => self.break_continue(c.range, false),
            Stmt::TypeAlias(t) => Err(self.unsupported(t.range, "'type' statements are")),
            Stmt::IpyEscapeCommand(c) => Err(self.err(c.range, "invalid syntax", false)),
        }
    }

    fn function_def(&mut self, f: &ast::StmtFunctionDef) -> R {
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        let scope = self.symbols.scope_of(f.range, NodeKind::Def);
        let kind = match (f.is_async, self.symbols.scopes[scope].is_generator) {
            (true, true) => CodeKind::AsyncGenerator,
            (true, false) => CodeKind::Coroutine,
            (false, true) => CodeKind::Generator,
            (false, false) => CodeKind::Function,
        };
        let first_line = self.index.line(f.range.start().to_u32());
        let qualname = self.child_qualname(&f.name.id);
        self.make_function(scope, &f.name.id, &qualname, kind, first_line, Some(&f.parameters), |c| {
            c.unit().doc = docstring(&f.body);
            c.stmts(&f.body)
        })?;
        for _ in &f.decorator_list {
            self.emit(Op::Call(1));
        }
        self.store_name(&f.name.id);
        Ok(())
    }

    /// `outer.<locals>.name`, `Class.name`, or `name`.
    fn child_qualname(&self, name: &str) -> String {
        let u = self.units.last().expect("unit");
        match u.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::Class => format!("{}.{name}", u.qualname),
            _ => format!("{}.<locals>.{name}", u.qualname),
        }
    }

    /// Compiles a function body into a new unit and emits the code that makes the
    /// function object here (defaults, keyword defaults, closure, MakeFunction).
    #[allow(clippy::too_many_arguments)]
    fn make_function(
        &mut self,
        scope: usize,
        name: &str,
        qualname: &str,
        kind: CodeKind,
        first_line: u32,
        params: Option<&ast::Parameters>,
        body: impl FnOnce(&mut Self) -> R,
    ) -> R {
        // Defaults are evaluated here, in the enclosing scope.
        let mut ndefaults = 0;
        let mut kwdefaults = 0;
        if let Some(p) = params {
            for a in p.posonlyargs.iter().chain(p.args.iter()) {
                if let Some(d) = &a.default {
                    self.expr(d)?;
                    ndefaults += 1;
                }
            }
        }
        self.emit(Op::BuildTuple(ndefaults));
        if let Some(p) = params {
            for a in p.kwonlyargs.iter() {
                if let Some(d) = &a.default {
                    self.load_const(Value::str(&*a.parameter.name.id));
                    self.expr(d)?;
                    kwdefaults += 1;
                }
            }
        }
        self.emit(Op::BuildMap(kwdefaults));
        let mut unit = Unit::new(name, qualname, kind, scope, first_line, &self.symbols.scopes[scope]);
        if let Some(p) = params {
            unit.posonly = p.posonlyargs.len() as u32;
            unit.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
            unit.kwonly = p.kwonlyargs.len() as u32;
            unit.varargs = p.vararg.is_some();
            unit.varkw = p.kwarg.is_some();
        }
        self.units.push(unit);
        body(self)?;
        if kind != CodeKind::Class {
            self.emit(Op::Const(0));
        }
        self.emit(Op::Return);
        let code = self.units.pop().expect("the function unit").finish();
        // The closure: this frame's cells for each free variable of the new code.
        let frees = code.freevars.clone();
        for f in frees.iter() {
            let c = self.cell(f);
            self.emit(Op::LoadClosure(c));
        }
        self.emit(Op::BuildTuple(frees.len() as u32));
        let u = self.unit();
        u.consts.push(Const::Code(Rc::new(code)));
        let idx = u.consts.len() as u32 - 1;
        self.emit(Op::MakeFunction(idx));
        Ok(())
    }

    fn class_def(&mut self, c: &ast::StmtClassDef) -> R {
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        let mut nbases = 0;
        let mut nkw = 0;
        if let Some(args) = &c.arguments {
            for b in args.args.iter() {
                if let Expr::Starred(s) = b {
                    return Err(self.unsupported(s.range, "starred base classes are"));
                }
                self.expr(b)?;
                nbases += 1;
            }
            for k in args.keywords.iter() {
                match &k.arg {
                    Some(name) => {
                        self.load_const(Value::str(&*name.id));
                        self.expr(&k.value)?;
                        nkw += 1;
                    }
                    None => return Err(self.unsupported(k.range, "'**' in class arguments is")),
                }
            }
        }
        self.emit(Op::BuildTuple(nbases));
        self.emit(Op::BuildMap(nkw));
        let scope = self.symbols.scope_of(c.range, NodeKind::Class);
        let first_line = self.index.line(c.range.start().to_u32());
        let qualname = self.child_qualname(&c.name.id);
        self.make_function(scope, &c.name.id, &qualname, CodeKind::Class, first_line, None, |cc| {
            // `__module__` and `__qualname__`, as CPython's class bodies start.
            cc.load_const(Value::str(&qualname));
            let q = cc.name_index("__qualname__");
            cc.emit(Op::StoreName(q));
            if let Some(doc) = docstring(&c.body) {
                // A class's docstring is its namespace's `__doc__`.
                cc.load_const(Value::Str(doc));
                let d = cc.name_index("__doc__");
                cc.emit(Op::StoreName(d));
            }
            if has_annotations(&c.body) {
                // SETUP_ANNOTATIONS: the body's `x: T` fill `__annotations__` (dataclasses read it).
                cc.emit(Op::BuildMap(0));
                let a = cc.name_index("__annotations__");
                cc.emit(Op::StoreName(a));
            }
            cc.stmts(&c.body)?;
            cc.emit(Op::Const(0));
            Ok(())
        })?;
        let name = self.name_index(&c.name.id);
        self.emit(Op::BuildClass(name));
        for _ in &c.decorator_list {
            self.emit(Op::Call(1));
        }
        self.store_name(&c.name.id);
        Ok(())
    }

    /// `x: T` in a class body: `__annotations__['x'] = T`, as CPython stores it (after
    /// the value, if any). Elsewhere an annotation is not evaluated.
    fn class_annotation(&mut self, a: &ast::StmtAnnAssign) -> R {
        let Expr::Name(n) = &*a.target else { return Ok(()) };
        if self.info().kind != BlockKind::Class || !a.simple {
            return Ok(());
        }
        self.expr(&a.annotation)?;
        let i = self.name_index("__annotations__");
        self.emit(Op::LoadName(i));
        self.load_const(Value::str(&*n.id));
        self.emit(Op::StoreSubscript);
        Ok(())
    }

    fn aug_assign(&mut self, a: &ast::StmtAugAssign) -> R {
        let op = binop(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.load_name(&n.id);
                self.expr(&a.value)?;
                self.emit(Op::InPlace(op));
                self.store_name(&n.id);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Op::Dup);
                let i = self.name_index(&at.attr.id);
                self.emit(Op::LoadAttr(i));
                self.expr(&a.value)?;
                self.emit(Op::InPlace(op));
                self.emit(Op::Rot2);
                self.emit(Op::StoreAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Op::Dup2);
                self.emit(Op::Subscript);
                self.expr(&a.value)?;
                self.emit(Op::InPlace(op));
                self.emit(Op::Rot3);
                self.emit(Op::StoreSubscript);
            }
            other => {
                return Err(self.err(
                    other.range(),
                    "'expression' is an illegal expression for augmented assignment",
                    false,
                ));
            }
        }
        Ok(())
    }

    fn store(&mut self, t: &Expr) -> R {
        match t {
            Expr::Name(n) => self.store_name(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_index(&a.attr.id);
                self.emit(Op::StoreAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Op::StoreSubscript);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    None => {
                        self.emit(Op::UnpackSequence(elts.len() as u32));
                    }
                    Some(i) => {
                        self.emit(Op::UnpackEx(i as u16, (elts.len() - i - 1) as u16));
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.store(&s.value)?,
                        other => self.store(other)?,
                    }
                }
            }
            Expr::Starred(s) => {
                return Err(self.err(s.range, "starred assignment target must be in a list or tuple", false));
            }
            other => return Err(self.err(other.range(), "cannot assign to expression", false)),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> R {
        match t {
            Expr::Name(n) => self.delete_name(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_index(&a.attr.id);
                self.emit(Op::DeleteAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Op::DeleteSubscript);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete(e)?;
                }
            }
            other => return Err(self.err(other.range(), "cannot delete expression", false)),
        }
        Ok(())
    }

    fn if_stmt(&mut self, i: &ast::StmtIf) -> R {
        self.expr(&i.test)?;
        let mut next = self.emit(Op::PopJumpIfFalse(0));
        self.stmts(&i.body)?;
        let mut ends = Vec::new();
        for clause in &i.elif_else_clauses {
            ends.push(self.emit(Op::Jump(0)));
            self.patch(next);
            self.set_line(clause.range);
            match &clause.test {
                Some(t) => {
                    let line = self.unit().line;
                    self.emit(Op::Line(line));
                    self.expr(t)?;
                    next = self.emit(Op::PopJumpIfFalse(0));
                    self.stmts(&clause.body)?;
                }
                None => {
                    next = usize::MAX;
                    self.stmts(&clause.body)?;
                }
            }
        }
        if next != usize::MAX {
            self.patch(next);
        }
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn while_loop(&mut self, w: &ast::StmtWhile) -> R {
        let start = self.here();
        // `while True:` tests nothing, as in CPython.
        let always = matches!(&*w.test, Expr::BooleanLiteral(b) if b.value);
        let exit = if always {
            None
        } else {
            self.expr(&w.test)?;
            Some(self.emit(Op::PopJumpIfFalse(0)))
        };
        self.unit().fblocks.push(FBlock::While { start, breaks: Vec::new() });
        self.stmts(&w.body)?;
        let Some(FBlock::While { breaks, .. }) = self.unit().fblocks.pop() else {
            unreachable!("the loop's block")
        };
        self.emit(Op::Line(self.index.line(w.range.start().to_u32())));
        self.emit(Op::Jump(start as u32));
        if let Some(exit) = exit {
            self.patch(exit);
        }
        self.stmts(&w.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    /// What a `for` or a comprehension iterates: CPython makes a set display of
    /// constants there a frozenset constant, its members added in turn.
    fn iterated(&mut self, e: &Expr) -> R {
        match e {
            Expr::Set(s) if s.elts.iter().all(is_constant) => self.frozenset_constant(&s.elts),
            _ => self.expr(e),
        }
    }

    /// The frozenset constant CPython's compiler makes of a set display of constants: the
    /// members added in turn, then (merging it with the code's other constants) added
    /// again in the order the first set iterates. Their order is what a learner sees.
    fn frozenset_constant(&mut self, elts: &[Expr]) -> R {
        self.emit(Op::BuildSet(0)); // the constant
        self.emit(Op::BuildList(0)); // the first set's members, in its order
        self.set_adding_each(elts)?;
        self.emit(Op::ListExtend);
        self.emit(Op::SetUpdate); // from a list: each added in turn
        Ok(())
    }

    /// `{a, b, c}`: a new set, each member added in turn.
    fn set_adding_each(&mut self, elts: &[Expr]) -> R {
        for e in elts {
            self.expr(e)?;
        }
        self.emit(Op::BuildSet(elts.len() as u32));
        Ok(())
    }

    fn for_loop(&mut self, f: &ast::StmtFor) -> R {
        if f.is_async {
            return self.async_for(f);
        }
        self.iterated(&f.iter)?;
        self.emit(Op::GetForIter);
        let start = self.here();
        let exit = self.emit(Op::ForIter(0));
        self.store(&f.target)?;
        self.unit().fblocks.push(FBlock::For { start, breaks: Vec::new() });
        self.stmts(&f.body)?;
        let Some(FBlock::For { breaks, .. }) = self.unit().fblocks.pop() else {
            unreachable!("the loop's block")
        };
        self.emit(Op::Line(self.index.line(f.range.start().to_u32())));
        self.emit(Op::Jump(start as u32));
        self.patch(exit);
        self.stmts(&f.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    /// `async for x in it:` — `it.__aiter__()`, then `await it.__anext__()` until
    /// StopAsyncIteration, as CPython compiles it.
    fn async_for(&mut self, f: &ast::StmtFor) -> R {
        if !self.unit().kind.is_async() {
            return Err(self.err(f.range, "'async for' outside async function", false));
        }
        self.iterated(&f.iter)?;
        self.get_iter(true);
        let start = self.here();
        // try: x = await it.__anext__()  except StopAsyncIteration: break
        let setup = self.await_anext();
        self.store(&f.target)?;
        self.unit().fblocks.push(FBlock::For { start, breaks: Vec::new() });
        self.stmts(&f.body)?;
        let Some(FBlock::For { breaks, .. }) = self.unit().fblocks.pop() else {
            unreachable!("the loop's block")
        };
        self.emit(Op::Jump(start as u32));
        // The handler: [iterator, exc].
        self.patch(setup);
        let stop = self.konst(Value::ExcClass(crate::exception::STOP_ASYNC_ITERATION));
        self.emit(Op::Const(stop));
        self.emit(Op::CheckExcMatch);
        let not_stop = self.emit(Op::PopJumpIfFalse(0));
        self.emit(Op::Pop); // the exception
        self.emit(Op::Pop); // the iterator
        self.stmts(&f.orelse)?;
        let done = self.emit(Op::Jump(0));
        self.patch(not_stop);
        self.emit(Op::Reraise);
        for b in breaks {
            self.patch(b);
        }
        self.patch(done);
        Ok(())
    }

    fn break_continue(&mut self, range: TextRange, is_break: bool) -> R {
        // Unwind the blocks inside the innermost loop.
        let blocks = self.unit().fblocks.clone();
        let Some(loop_at) =
            blocks.iter().rposition(|b| matches!(b, FBlock::While { .. } | FBlock::For { .. }))
        else {
            let what = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
            return Err(self.err(range, what, false));
        };
        self.refuse_leaving_except_star(&blocks[loop_at + 1..], range)?;
        for i in (loop_at + 1..blocks.len()).rev() {
            self.unwind(&blocks[i], i, false)?;
        }
        let here = self.here();
        match &blocks[loop_at] {
            FBlock::While { start, .. } => {
                if is_break {
                    let j = self.emit(Op::Jump(0));
                    if let FBlock::While { breaks, .. } = &mut self.unit().fblocks[loop_at] {
                        breaks.push(j);
                    }
                } else {
                    self.emit(Op::Jump(*start as u32));
                }
            }
            FBlock::For { start, .. } => {
                if is_break {
                    self.emit(Op::Pop); // the iterator
                    let j = self.emit(Op::Jump(0));
                    if let FBlock::For { breaks, .. } = &mut self.unit().fblocks[loop_at] {
                        breaks.push(j);
                    }
                } else {
                    self.emit(Op::Jump(*start as u32));
                }
            }
            _ => unreachable!("a loop block"),
        }
        let _ = here;
        Ok(())
    }

    /// Leaves every block, for `return` (the value to return is on top: keep it).
    fn unwind_all(&mut self, preserve: bool) -> R {
        let blocks = self.unit().fblocks.clone();
        for i in (0..blocks.len()).rev() {
            self.unwind(&blocks[i], i, preserve)?;
        }
        Ok(())
    }

    /// CPython's compile error for a jump out of an `except*` body (`blocks` are those
    /// the jump would leave).
    fn refuse_leaving_except_star(&self, blocks: &[FBlock], range: TextRange) -> R {
        if blocks.iter().any(|b| matches!(b, FBlock::StarHandler)) {
            return Err(self.err(
                range,
                "'break', 'continue' and 'return' cannot appear in an except* block",
                false,
            ));
        }
        Ok(())
    }

    /// The code that leaves one block early.
    fn unwind(&mut self, block: &FBlock, depth: usize, preserve: bool) -> R {
        match block {
            // Refused before unwinding (`refuse_leaving_except_star`).
            FBlock::While { .. } | FBlock::StarHandler => {}
            FBlock::For { .. } => {
                if preserve {
                    self.emit(Op::Rot2);
                }
                self.emit(Op::Pop);
            }
            FBlock::TryExcept => {
                self.emit(Op::PopBlock);
            }
            FBlock::TryFinally(body) => {
                self.emit(Op::PopBlock);
                // The finally body runs outside its own block.
                let saved: Vec<FBlock> = self.unit().fblocks.drain(depth..).collect();
                let body = body.clone();
                self.stmts(&body)?;
                self.unit().fblocks.extend(saved);
            }
            FBlock::Handler => {
                self.emit(Op::PopBlock);
                self.emit(Op::PopExcept);
                if preserve {
                    self.emit(Op::Rot2);
                }
                self.emit(Op::Pop);
            }
            FBlock::With { is_async } => {
                self.emit(Op::PopBlock);
                if preserve {
                    self.emit(Op::Rot2);
                }
                self.emit(Op::Const(0));
                self.emit(Op::Const(0));
                self.emit(Op::Const(0));
                self.emit(Op::Call(3));
                if *is_async {
                    self.emit(Op::Await);
                }
                self.emit(Op::Pop);
            }
        }
        Ok(())
    }

    fn try_stmt(&mut self, t: &ast::StmtTry) -> R {
        let has_finally = !t.finalbody.is_empty();
        let final_body = Rc::new(t.finalbody.to_vec());
        let fin_setup = if has_finally {
            let s = self.emit(Op::SetupFinally(0));
            self.unit().fblocks.push(FBlock::TryFinally(final_body.clone()));
            Some(s)
        } else {
            None
        };
        if t.handlers.is_empty() {
            self.stmts(&t.body)?;
        } else {
            let setup = self.emit(Op::SetupFinally(0));
            self.unit().fblocks.push(FBlock::TryExcept);
            self.stmts(&t.body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopBlock);
            self.stmts(&t.orelse)?;
            let to_end = self.emit(Op::Jump(0));
            self.patch(setup);
            if t.is_star {
                self.star_handlers(&t.handlers, to_end)?;
            } else {
                self.handlers(&t.handlers, to_end)?;
            }
        }
        if let Some(fin) = fin_setup {
            self.unit().fblocks.pop();
            self.emit(Op::PopBlock);
            self.stmts(&final_body)?;
            let done = self.emit(Op::Jump(0));
            // The exceptional path: run the body, then re-raise.
            self.patch(fin);
            self.emit(Op::PushExcInfo);
            let cleanup = self.emit(Op::SetupFinally(0));
            self.unit().fblocks.push(FBlock::Handler);
            self.stmts(&final_body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopBlock);
            self.emit(Op::PopExcept);
            self.emit(Op::Reraise);
            self.patch(cleanup);
            self.cleanup_handler();
            self.patch(done);
        }
        Ok(())
    }

    /// `[…, exc, new]`: an exception left a handler: forget `exc`, restore what was
    /// handled before, and let `new` go on.
    fn cleanup_handler(&mut self) {
        self.emit(Op::Rot2);
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
    }

    /// The `except` clauses, entered with the exception on the stack; each matching
    /// clause ends by jumping to the same place as `to_end`.
    fn handlers(&mut self, handlers: &[ast::ExceptHandler], to_end: usize) -> R {
        self.emit(Op::PushExcInfo);
        let cleanup = self.emit(Op::SetupFinally(0));
        let mut ends = vec![to_end];
        for (i, h) in handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h.range);
            let line = self.unit().line;
            self.emit(Op::Line(line));
            let next = match &h.type_ {
                Some(ty) => {
                    self.expr(ty)?;
                    self.emit(Op::CheckExcMatch);
                    Some(self.emit(Op::PopJumpIfFalse(0)))
                }
                None => {
                    if i + 1 != handlers.len() {
                        return Err(self.err(h.range, "default 'except:' must be last", false));
                    }
                    None
                }
            };
            if let Some(name) = &h.name {
                self.emit(Op::Dup);
                self.store_name(&name.id);
            }
            self.unit().fblocks.push(FBlock::Handler);
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopBlock);
            self.emit(Op::PopExcept);
            self.emit(Op::Pop);
            if let Some(name) = &h.name {
                // `except E as e` deletes `e` at the end of the handler.
                self.emit(Op::Const(0));
                self.store_name(&name.id);
                self.delete_name(&name.id);
            }
            ends.push(self.emit(Op::Jump(0)));
            if let Some(n) = next {
                self.patch(n);
            }
        }
        // No clause matched: raise it on, still "handled" for the cleanup to undo.
        self.emit(Op::PopBlock);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.patch(cleanup);
        self.cleanup_handler();
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    /// The `except*` clauses (PEP 654), as CPython 3.11 compiles them, entered with the
    /// exception on the stack. Each clause takes the part of the group its types match
    /// (`CheckEgMatch`, which wraps a bare exception in `ExceptionGroup('', (e,))`) and
    /// runs with it; what the clauses raise and what none matched are collected in a list
    /// and raised together at the end (`PrepReraiseStar`).
    fn star_handlers(&mut self, handlers: &[ast::ExceptHandler], to_end: usize) -> R {
        self.emit(Op::PushExcInfo);
        let cleanup = self.emit(Op::SetupFinally(0));
        // [orig] → [orig, raised = [], rest = orig]
        self.emit(Op::Dup);
        self.emit(Op::BuildList(0));
        self.emit(Op::Rot2);
        for h in handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h.range);
            let line = self.unit().line;
            self.emit(Op::Line(line));
            let Some(ty) = &h.type_ else {
                return Err(self.err(h.range, "expected one or more exception types", false));
            };
            self.expr(ty)?;
            // [orig, raised, rest, type] → [orig, raised, rest', match]
            self.emit(Op::CheckEgMatch);
            self.emit(Op::Dup);
            self.emit(Op::Const(0));
            self.emit(Op::Compare(CmpOp::Is));
            let no_match = self.emit(Op::PopJumpIfTrue(0));
            match &h.name {
                Some(name) => self.store_name(&name.id),
                None => {
                    self.emit(Op::Pop);
                }
            }
            let body_raised = self.emit(Op::SetupFinally(0));
            self.unit().fblocks.push(FBlock::StarHandler);
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopBlock);
            self.forget_handler_name(h.name.as_ref());
            let next = self.emit(Op::Jump(0));
            // The body raised: [orig, raised, rest, exc] → exc into `raised`.
            self.patch(body_raised);
            self.forget_handler_name(h.name.as_ref());
            self.emit(Op::ListAppend(2));
            let next2 = self.emit(Op::Jump(0));
            self.patch(no_match);
            self.emit(Op::Pop);
            self.patch(next);
            self.patch(next2);
        }
        // [orig, raised, rest] → [orig, raised + [rest]] → what to raise, or None.
        self.emit(Op::ListAppend(1));
        self.emit(Op::PrepReraiseStar);
        self.emit(Op::Dup);
        self.emit(Op::Const(0));
        self.emit(Op::Compare(CmpOp::Is));
        let reraise = self.emit(Op::PopJumpIfFalse(0));
        self.emit(Op::Pop);
        self.emit(Op::PopBlock);
        self.emit(Op::PopExcept);
        let done = self.emit(Op::Jump(0));
        self.patch(reraise);
        self.emit(Op::PopBlock);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.patch(cleanup);
        self.cleanup_handler();
        self.patch(done);
        self.patch(to_end);
        Ok(())
    }

    /// `except … as e` unbinds `e` when its body ends: `e = None; del e`.
    fn forget_handler_name(&mut self, name: Option<&ast::Identifier>) {
        if let Some(name) = name {
            self.emit(Op::Const(0));
            self.store_name(&name.id);
            self.delete_name(&name.id);
        }
    }

    fn with(&mut self, w: &ast::StmtWith, item: usize) -> R {
        if item == w.items.len() {
            return self.stmts(&w.body);
        }
        if w.is_async && !self.unit().kind.is_async() {
            return Err(self.err(w.range, "'async with' outside async function", false));
        }
        let it = &w.items[item];
        self.expr(&it.context_expr)?;
        if w.is_async {
            self.emit(Op::BeforeAsyncWith);
            self.emit(Op::Await);
        } else {
            self.emit(Op::BeforeWith);
        }
        let setup = self.emit(Op::SetupWith(0));
        match &it.optional_vars {
            Some(v) => self.store(v)?,
            None => {
                self.emit(Op::Pop);
            }
        }
        self.unit().fblocks.push(FBlock::With { is_async: w.is_async });
        self.with(w, item + 1)?;
        self.unit().fblocks.pop();
        // `__exit__` is called, and what it raises is raised, at the `with` line, which
        // runs again (a `line` event, as under `sys.settrace`) on either way out.
        self.set_line(w.range);
        self.unit().span = None;
        let with_line = self.unit().line;
        self.emit(Op::Line(with_line));
        // Normal exit: __exit__(None, None, None).
        self.emit(Op::PopBlock);
        self.emit(Op::Const(0));
        self.emit(Op::Const(0));
        self.emit(Op::Const(0));
        self.emit(Op::Call(3));
        if w.is_async {
            self.emit(Op::Await);
        }
        self.emit(Op::Pop);
        let done = self.emit(Op::Jump(0));
        // Exceptional exit: [exit, exc] → __exit__(type, exc, tb); true swallows it.
        self.patch(setup);
        self.emit(Op::Line(with_line));
        self.emit(Op::PushExcInfo);
        let cleanup = self.emit(Op::SetupFinally(0));
        self.emit(Op::WithExceptStart);
        if w.is_async {
            self.emit(Op::Await);
        }
        let reraise = self.emit(Op::PopJumpIfFalse(0));
        self.emit(Op::PopBlock);
        self.emit(Op::PopExcept);
        self.emit(Op::Pop); // exc
        self.emit(Op::Pop); // exit
        let swallowed = self.emit(Op::Jump(0));
        self.patch(reraise);
        self.emit(Op::PopBlock);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.patch(cleanup);
        self.cleanup_handler();
        self.patch(done);
        self.patch(swallowed);
        Ok(())
    }

    // ------------------------------------------------------------------ expressions

    /// Compiles an expression; the instructions it emits itself carry its span (its
    /// sub-expressions' carry theirs).
    fn expr(&mut self, e: &Expr) -> R {
        self.spanned(e.range(), |c| c.expr_inner(e))
    }

    /// Runs `f` with the instructions it emits carrying `range` as their span.
    fn spanned<T>(&mut self, range: TextRange, f: impl FnOnce(&mut Self) -> T) -> T {
        let (start, end) = (range.start().to_u32(), range.end().to_u32());
        let span = Span {
            line: self.index.line(start),
            end_line: self.index.line(end),
            col: self.index.column(start) - 1,
            end_col: self.index.column(end) - 1,
        };
        let saved = self.unit().span.replace(span);
        let r = f(self);
        self.unit().span = saved;
        r
    }

    fn expr_inner(&mut self, e: &Expr) -> R {
        match e {
            Expr::BoolOp(b) => {
                let mut jumps = Vec::new();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < b.values.len() {
                        jumps.push(self.emit(match b.op {
                            ast::BoolOp::And => Op::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Op::Dup);
                self.store(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Op::Binary(binop(b.op)));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                self.emit(Op::Unary(match u.op {
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::USub => UnaryOp::Neg,
                }));
            }
            Expr::Lambda(l) => {
                let scope = self.symbols.scope_of(l.range, NodeKind::Lambda);
                let first_line = self.index.line(l.range.start().to_u32());
                let qualname = self.child_qualname("<lambda>");
                self.make_function(
                    scope,
                    "<lambda>",
                    &qualname,
                    CodeKind::Function,
                    first_line,
                    l.parameters.as_deref(),
                    |c| {
                        c.expr(&l.body)?;
                        c.emit(Op::Return);
                        Ok(())
                    },
                )?;
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                let other = self.emit(Op::PopJumpIfFalse(0));
                self.expr(&i.body)?;
                let end = self.emit(Op::Jump(0));
                self.patch(other);
                self.expr(&i.orelse)?;
                self.patch(end);
            }
            Expr::Dict(d) => {
                if d.items.iter().all(|i| i.key.is_some()) {
                    for item in &d.items {
                        self.expr(item.key.as_ref().expect("checked"))?;
                        self.expr(&item.value)?;
                    }
                    self.emit(Op::BuildMap(d.items.len() as u32));
                } else {
                    self.emit(Op::BuildMap(0));
                    for item in &d.items {
                        match &item.key {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(&item.value)?;
                                self.emit(Op::BuildMap(1));
                            }
                            None => self.expr(&item.value)?,
                        }
                        self.emit(Op::DictUpdate);
                    }
                }
            }
            Expr::Set(s) => {
                if s.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.emit(Op::BuildSet(0));
                    for e in &s.elts {
                        match e {
                            Expr::Starred(st) => self.expr(&st.value)?,
                            other => {
                                self.expr(other)?;
                                self.emit(Op::BuildTuple(1));
                            }
                        }
                        self.emit(Op::SetUpdate);
                    }
                } else if s.elts.len() > 2 && s.elts.iter().all(is_constant) {
                    // CPython makes a frozenset constant of these and copies it into a new
                    // set, which can order the members differently (see set_table.rs).
                    self.emit(Op::BuildSet(0));
                    self.frozenset_constant(&s.elts)?;
                    self.emit(Op::SetUpdate);
                } else {
                    self.set_adding_each(&s.elts)?;
                }
            }
            Expr::ListComp(c) => self.comprehension(c.range, &c.generators, Comp::List(&c.elt))?,
            Expr::SetComp(c) => self.comprehension(c.range, &c.generators, Comp::Set(&c.elt))?,
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return Err(self.unsupported(c.range, "'**' in dict comprehensions is"));
                };
                self.comprehension(c.range, &c.generators, Comp::Dict(key, &c.value))?
            }
            Expr::Generator(c) => self.comprehension(c.range, &c.generators, Comp::Gen(&c.elt))?,
            Expr::Await(a) => {
                if !self.unit().kind.is_async() {
                    return Err(self.err(a.range, "'await' outside async function", false));
                }
                self.expr(&a.value)?;
                self.emit(Op::Await);
            }
            Expr::Yield(y) => {
                self.check_yield(y.range)?;
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.emit(Op::Const(0));
                    }
                }
                self.emit(Op::YieldValue);
            }
            Expr::YieldFrom(y) => {
                if self.unit().kind == CodeKind::AsyncGenerator {
                    return Err(self.err(y.range, "'yield from' inside async function", false));
                }
                self.check_yield(y.range)?;
                self.expr(&y.value)?;
                self.emit(Op::YieldFrom);
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::Call(c) => self.call(c)?,
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(t) => return Err(self.unsupported(t.range, "template strings are")),
            Expr::StringLiteral(s) => self.load_const(Value::str(s.value.to_str())),
            Expr::BytesLiteral(b) => {
                self.load_const(super::bytes::new_bytes(b.value.bytes().collect::<Vec<u8>>()))
            }
            Expr::NumberLiteral(n) => {
                let v = match &n.value {
                    ast::Number::Int(i) => match i.as_i64() {
                        Some(v) => Value::Int(v),
                        None => int_value(
                            parse_big(&i.to_string())
                                .ok_or_else(|| self.err(n.range, "invalid integer literal", false))?,
                        ),
                    },
                    ast::Number::Float(f) => Value::Float(*f),
                    ast::Number::Complex { .. } => {
                        return Err(self.unsupported(n.range, "complex numbers are"));
                    }
                };
                self.load_const(v);
            }
            Expr::BooleanLiteral(b) => self.load_const(Value::Bool(b.value)),
            Expr::NoneLiteral(_) => {
                self.emit(Op::Const(0));
            }
            Expr::EllipsisLiteral(_) => {
                let i = self.name_index("Ellipsis");
                self.emit(Op::LoadGlobal(i));
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name_index(&a.attr.id);
                self.emit(Op::LoadAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Op::Subscript);
            }
            Expr::Starred(s) => return Err(self.err(s.range, "can't use starred expression here", false)),
            Expr::Name(n) => self.load_name(&n.id),
            Expr::List(l) => {
                self.sequence(&l.elts)?;
            }
            Expr::Tuple(t) => {
                if t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    self.sequence(&t.elts)?;
                    self.emit(Op::ListToTuple);
                } else {
                    for e in &t.elts {
                        self.expr(e)?;
                    }
                    self.emit(Op::BuildTuple(t.elts.len() as u32));
                }
            }
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => {
                            self.emit(Op::Const(0));
                        }
                    }
                }
                match &s.step {
                    Some(p) => {
                        self.expr(p)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            Expr::IpyEscapeCommand(c) => return Err(self.err(c.range, "invalid syntax", false)),
        }
        Ok(())
    }

    fn check_yield(&self, range: TextRange) -> R {
        match self.units.last().expect("unit").kind {
            CodeKind::Module | CodeKind::Class => Err(self.err(range, "'yield' outside function", false)),
            // An `async def` with `yield` is an async generator; a coroutine unit with a
            // `yield` is a comprehension's.
            CodeKind::Coroutine => Err(self.err(range, "'yield' inside list comprehension", false)),
            _ => Ok(()),
        }
    }

    fn subscript_key(&mut self, key: &Expr) -> R {
        self.expr(key)
    }

    /// `[a, *b, c]` as a list.
    fn sequence(&mut self, elts: &[Expr]) -> R {
        if !elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
            for e in elts {
                self.expr(e)?;
            }
            self.emit(Op::BuildList(elts.len() as u32));
            return Ok(());
        }
        self.emit(Op::BuildList(0));
        for e in elts {
            match e {
                Expr::Starred(s) => self.expr(&s.value)?,
                other => {
                    self.expr(other)?;
                    self.emit(Op::BuildTuple(1));
                }
            }
            self.emit(Op::ListExtend);
        }
        Ok(())
    }

    fn compare(&mut self, c: &ast::ExprCompare) -> R {
        let ops: Vec<CmpOp> = c.ops.iter().map(|o| cmpop(*o)).collect();
        self.expr(&c.left)?;
        if ops.len() == 1 {
            self.expr(&c.comparators[0])?;
            self.emit(Op::Compare(ops[0]));
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            self.expr(&c.comparators[i])?;
            if i + 1 < ops.len() {
                self.emit(Op::Dup);
                self.emit(Op::Rot3);
                self.emit(Op::Compare(*op));
                cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
            } else {
                self.emit(Op::Compare(*op));
            }
        }
        let end = self.emit(Op::Jump(0));
        for j in cleanups {
            self.patch(j);
        }
        self.emit(Op::Rot2);
        self.emit(Op::Pop);
        self.patch(end);
        Ok(())
    }

    fn call(&mut self, c: &ast::ExprCall) -> R {
        let args = &c.arguments;
        let starred = args.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let double = args.keywords.iter().any(|k| k.arg.is_none());
        if let Expr::Attribute(a) = &*c.func
            && !starred
            && args.keywords.is_empty()
        {
            // `obj.name(args)`: CPython's LOAD_METHOD / CALL, with no bound method made.
            self.expr(&a.value)?;
            let i = self.name_index(&a.attr.id);
            self.spanned(c.func.range(), |c| c.emit(Op::LoadMethod(i)));
            for a in args.args.iter() {
                self.expr(a)?;
            }
            self.emit(Op::CallMethod(args.args.len() as u32));
            return Ok(());
        }
        self.expr(&c.func)?;
        if !starred && !double {
            for a in args.args.iter() {
                self.expr(a)?;
            }
            if args.args.is_empty()
                && args.keywords.is_empty()
                && let Expr::Name(n) = &*c.func
                && super::code::reads_frame(&n.id)
            {
                self.emit(Op::CallFrameBuiltin);
            } else if args.keywords.is_empty() {
                self.emit(Op::Call(args.args.len() as u32));
            } else {
                for k in args.keywords.iter() {
                    self.expr(&k.value)?;
                }
                let names: Vec<Value> =
                    args.keywords.iter().map(|k| Value::str(&*k.arg.as_ref().expect("checked").id)).collect();
                self.load_const(Value::tuple(names));
                self.emit(Op::CallKw((args.args.len() + args.keywords.len()) as u32));
            }
            return Ok(());
        }
        self.sequence(&args.args)?;
        self.emit(Op::ListToTuple);
        self.emit(Op::BuildMap(0));
        for k in args.keywords.iter() {
            match &k.arg {
                Some(name) => {
                    self.load_const(Value::str(&*name.id));
                    self.expr(&k.value)?;
                    self.emit(Op::BuildMap(1));
                }
                None => self.expr(&k.value)?,
            }
            self.emit(Op::DictUpdate);
        }
        self.emit(Op::CallEx);
        Ok(())
    }

    fn fstring(&mut self, f: &ast::ExprFString) -> R {
        let mut n = 0;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => {
                    self.load_const(Value::str(&*s.value));
                    n += 1;
                }
                ast::FStringPart::FString(fs) => {
                    n += self.fstring_elements(&fs.elements)?;
                }
            }
        }
        self.emit(Op::BuildString(n));
        Ok(())
    }

    fn fstring_elements(&mut self, elements: &ast::InterpolatedStringElements) -> Result<u32, CompileError> {
        let mut n = 0;
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    self.load_const(Value::str(&*l.value));
                    n += 1;
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Repr => 1,
                        ast::ConversionFlag::Str => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(debug) = &i.debug_text {
                        // f"{x=}": the text, then the repr unless a spec or conversion says.
                        let text = format!("{}{}{}", debug.leading(), debug.expression(), debug.trailing());
                        self.load_const(Value::str(text));
                        n += 1;
                        if conv == 0 && i.format_spec.is_none() {
                            conv = 1;
                        }
                    }
                    self.expr(&i.expression)?;
                    let mut flags = conv;
                    if let Some(spec) = &i.format_spec {
                        let parts = self.fstring_elements(&spec.elements)?;
                        self.emit(Op::BuildString(parts));
                        flags |= 16;
                    }
                    self.emit(Op::FormatValue(flags));
                    n += 1;
                }
            }
        }
        Ok(n)
    }

    fn comprehension(&mut self, range: TextRange, gens: &[ast::Comprehension], what: Comp<'_>) -> R {
        let scope = self.symbols.scope_of(range, NodeKind::Comprehension);
        // `[await f for f in fs]` and `[x async for x in xs]` in a coroutine are themselves
        // coroutines, awaited in place; `(x async for x in xs)` is an async generator.
        let mut awaits = gens.iter().any(|g| g.is_async);
        let mut look = |e: &Expr| awaits |= contains_await(e);
        match what {
            Comp::List(e) | Comp::Set(e) | Comp::Gen(e) => look(e),
            Comp::Dict(k, v) => {
                look(k);
                look(v);
            }
        }
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                look(&g.iter);
            }
            g.ifs.iter().for_each(&mut look);
        }
        if awaits && !self.unit().kind.is_async() {
            return Err(self.err(
                range,
                "asynchronous comprehension outside of an asynchronous function",
                false,
            ));
        }
        let plain = if awaits { CodeKind::Coroutine } else { CodeKind::Function };
        let (name, kind) = match what {
            Comp::List(_) => ("<listcomp>", plain),
            Comp::Set(_) => ("<setcomp>", plain),
            Comp::Dict(..) => ("<dictcomp>", plain),
            Comp::Gen(_) if awaits => ("<genexpr>", CodeKind::AsyncGenerator),
            Comp::Gen(_) => ("<genexpr>", CodeKind::Generator),
        };
        let first_line = self.index.line(range.start().to_u32());
        let qualname = self.child_qualname(name);
        // The comprehension's one parameter: the first iterator, made outside.
        let params_unit = |c: &mut Self| -> R {
            let u = c.unit();
            u.varnames.insert(0, Rc::from(".0"));
            u.argcount = 1;
            match what {
                Comp::List(_) => {
                    c.emit(Op::BuildList(0));
                }
                Comp::Set(_) => {
                    c.emit(Op::BuildSet(0));
                }
                Comp::Dict(..) => {
                    c.emit(Op::BuildMap(0));
                }
                Comp::Gen(_) => {}
            }
            c.comp_loop(gens, 0, what)?;
            if !matches!(what, Comp::Gen(_)) {
                c.emit(Op::Return);
            }
            Ok(())
        };
        self.make_function(scope, name, &qualname, kind, first_line, None, params_unit)?;
        self.iterated(&gens[0].iter)?;
        self.get_iter(gens[0].is_async);
        self.emit(Op::Call(1));
        if awaits && !matches!(what, Comp::Gen(_)) {
            self.emit(Op::Await);
        }
        Ok(())
    }

    /// `[iterator] → [iterator, await iterator.__anext__()]` under a handler (returned, to
    /// be patched) that the StopAsyncIteration ending the loop goes to: `async for`'s step.
    fn await_anext(&mut self) -> usize {
        let setup = self.emit(Op::SetupFinally(0));
        self.emit(Op::Dup);
        let anext = self.name_index("__anext__");
        self.emit(Op::LoadAttr(anext));
        self.emit(Op::Call(0));
        self.emit(Op::Await);
        self.emit(Op::PopBlock);
        setup
    }

    /// `iter(x)`, or for `async for` `x.__aiter__()`.
    fn get_iter(&mut self, is_async: bool) {
        if is_async {
            let aiter = self.name_index("__aiter__");
            self.emit(Op::LoadAttr(aiter));
            self.emit(Op::Call(0));
        } else {
            self.emit(Op::GetIter);
        }
    }

    fn comp_loop(&mut self, gens: &[ast::Comprehension], i: usize, what: Comp<'_>) -> R {
        let g = &gens[i];
        if i == 0 {
            self.emit(Op::LoadFast(0));
        } else {
            self.iterated(&g.iter)?;
            if g.is_async {
                self.get_iter(true);
            } else {
                // The inner loops' iterators are the function's own, never seen (the
                // first is its argument `.0`, which `f_locals` shows).
                self.emit(Op::GetForIter);
            }
        }
        let start = self.here();
        // `async for`: `await it.__anext__()` until StopAsyncIteration (as the statement).
        let (exit, setup) = if g.is_async {
            (None, Some(self.await_anext()))
        } else {
            (Some(self.emit(Op::ForIter(0))), None)
        };
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.emit(Op::PopJumpIfFalse(start as u32));
        }
        if i + 1 < gens.len() {
            self.comp_loop(gens, i + 1, what)?;
        } else {
            let depth = gens.len() as u32 + 1;
            match what {
                Comp::List(e) => {
                    self.expr(e)?;
                    self.emit(Op::ListAppend(depth));
                }
                Comp::Set(e) => {
                    self.expr(e)?;
                    self.emit(Op::SetAdd(depth));
                }
                Comp::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd(depth));
                }
                Comp::Gen(e) => {
                    self.expr(e)?;
                    self.emit(Op::YieldValue);
                    self.emit(Op::Pop);
                }
            }
        }
        self.emit(Op::Jump(start as u32));
        if let Some(exit) = exit {
            self.patch(exit);
        }
        if let Some(setup) = setup {
            // The handler: [iterator, exc]; StopAsyncIteration ends this clause's loop.
            self.patch(setup);
            let stop = self.konst(Value::ExcClass(crate::exception::STOP_ASYNC_ITERATION));
            self.emit(Op::Const(stop));
            self.emit(Op::CheckExcMatch);
            let not_stop = self.emit(Op::PopJumpIfFalse(0));
            self.emit(Op::Pop);
            self.emit(Op::Pop);
            let done = self.emit(Op::Jump(0));
            self.patch(not_stop);
            self.emit(Op::Reraise);
            self.patch(done);
        }
        Ok(())
    }
}

/// What an instruction does with a name.
#[derive(Clone, Copy)]
enum Access {
    Load,
    Store,
    Delete,
}

/// What a comprehension builds.
#[derive(Clone, Copy)]
enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

fn binop(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::MatMult => BinOp::MatMul,
        ast::Operator::Div => BinOp::Div,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: ast::CmpOp) -> CmpOp {
    match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::Ne,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::Le,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::Ge,
        ast::CmpOp::Is => CmpOp::Is,
        ast::CmpOp::IsNot => CmpOp::IsNot,
        ast::CmpOp::In => CmpOp::In,
        ast::CmpOp::NotIn => CmpOp::NotIn,
    }
}

/// Whether an expression awaits (outside any function or lambda inside it).
fn contains_await(e: &Expr) -> bool {
    match e {
        Expr::Await(_) => true,
        Expr::Lambda(_) => false,
        Expr::ListComp(c) => {
            contains_await(&c.elt)
                || c.generators.iter().any(|g| contains_await(&g.iter) || g.ifs.iter().any(contains_await))
        }
        Expr::SetComp(c) => {
            contains_await(&c.elt)
                || c.generators.iter().any(|g| contains_await(&g.iter) || g.ifs.iter().any(contains_await))
        }
        Expr::Generator(c) => {
            contains_await(&c.elt)
                || c.generators.iter().any(|g| contains_await(&g.iter) || g.ifs.iter().any(contains_await))
        }
        Expr::DictComp(c) => {
            contains_await(&c.value)
                || c.generators.iter().any(|g| contains_await(&g.iter) || g.ifs.iter().any(contains_await))
        }
        other => {
            let mut found = false;
            super::symtable::walk_children(other, |c| found |= contains_await(c));
            found
        }
    }
}

/// A big integer literal as written (`0x…`, `1_000…`).
fn parse_big(text: &str) -> Option<num_bigint::BigInt> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else {
        (lower, 10)
    };
    num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Whether a class body has a simple annotation (`x: T`) outside nested functions and
/// classes: then it starts with an empty `__annotations__`, as CPython's does.
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(a) => a.simple,
        Stmt::If(i) => {
            has_annotations(&i.body) || i.elif_else_clauses.iter().any(|c| has_annotations(&c.body))
        }
        Stmt::For(f) => has_annotations(&f.body) || has_annotations(&f.orelse),
        Stmt::While(w) => has_annotations(&w.body) || has_annotations(&w.orelse),
        Stmt::With(w) => has_annotations(&w.body),
        Stmt::Try(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| match h {
                    ast::ExceptHandler::ExceptHandler(h) => has_annotations(&h.body),
                })
        }
        _ => false,
    })
}

/// Whether CPython's compiler sees `e` as a constant after folding (literals, a sign or
/// `~`/`not` on a constant, tuples of constants); folded arithmetic such as `2 * 3` is not
/// recognised here.
fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::NumberLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::UnaryOp(u) => is_constant(&u.operand),
        Expr::Tuple(t) => t.elts.iter().all(is_constant),
        _ => false,
    }
}
