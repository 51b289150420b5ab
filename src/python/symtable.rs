//! Python's scoping rules, decided before any code runs (CPython's `symtable.c`).
//!
//! A name assigned anywhere in a function is local to the whole function (hence
//! `UnboundLocalError`); `global` and `nonlocal` say otherwise; a name a function uses
//! but does not assign belongs to the nearest enclosing *function* that assigns it (class
//! bodies are skipped), else to the module. A local that an inner function uses becomes a
//! cell, so both frames see one variable (closures bind late).
//!
//! ```
//! use corosim::python::symtable::{Scope, Symbols};
//! let module = ruff_python_parser::parse_module("def f():\n    x = 1\n    def g(): return x\n").unwrap();
//! let table = Symbols::build(module.suite()).unwrap();
//! let f = &table.scopes[1];
//! assert_eq!(f.resolve("x"), Scope::Cell);
//! assert_eq!(table.scopes[2].resolve("x"), Scope::Free);
//! ```

use std::collections::{HashMap, HashSet};

use indexmap::IndexSet;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// Where a name lives, seen from one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A slot in the frame.
    Local,
    /// A slot shared with inner functions (a cell).
    Cell,
    /// A cell of an enclosing function.
    Free,
    /// The module's namespace (then builtins).
    Global,
    /// A class body's namespace (then globals).
    Name,
}

/// The kind of block a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Module,
    Class,
    Function,
}

/// One scope: a module, a class body, a function, a lambda or a comprehension.
#[derive(Debug)]
pub struct ScopeInfo {
    /// Module, class or function.
    pub kind: BlockKind,
    /// Parameters, in order.
    pub params: Vec<String>,
    /// Names bound here (assigned, defined, imported, parameters).
    pub bound: IndexSet<String>,
    /// Names used here.
    pub used: HashSet<String>,
    /// `global` declarations.
    pub globals: HashSet<String>,
    /// `nonlocal` declarations.
    pub nonlocals: HashSet<String>,
    /// Bound names some inner function uses: they become cells.
    pub cells: Vec<String>,
    /// Names of enclosing functions this scope (or an inner one) uses.
    pub frees: Vec<String>,
    /// Whether the body contains `yield` (a generator function).
    pub is_generator: bool,
    /// The scopes directly inside, by index into [`Symbols::scopes`].
    pub children: Vec<usize>,
    parent: Option<usize>,
}

impl ScopeInfo {
    fn new(kind: BlockKind, parent: Option<usize>) -> Self {
        ScopeInfo {
            kind,
            params: Vec::new(),
            bound: IndexSet::new(),
            used: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashSet::new(),
            cells: Vec::new(),
            frees: Vec::new(),
            is_generator: false,
            children: Vec::new(),
            parent,
        }
    }

    /// Where `name` lives for code in this scope.
    pub fn resolve(&self, name: &str) -> Scope {
        if self.kind == BlockKind::Module || self.globals.contains(name) {
            return Scope::Global;
        }
        // A class attribute shadows, in the class body only, a variable its methods share.
        if self.kind == BlockKind::Class && self.bound.contains(name) {
            return Scope::Name;
        }
        if self.cells.iter().any(|c| c == name) {
            return Scope::Cell;
        }
        if self.frees.iter().any(|c| c == name) {
            return Scope::Free;
        }
        if self.kind == BlockKind::Class {
            return Scope::Name;
        }
        if self.bound.contains(name) { Scope::Local } else { Scope::Global }
    }
}

/// A compile-time error the symbol table finds (`nonlocal x` with no `x` outside).
#[derive(Debug)]
pub struct SymbolError {
    /// CPython's message.
    pub message: String,
    /// Where.
    pub range: TextRange,
}

/// The scopes of a module, found from its syntax tree.
#[derive(Debug)]
pub struct Symbols {
    /// Every scope; 0 is the module. Each function/lambda/comprehension/class node
    /// finds its own through [`Symbols::scope_of`].
    pub scopes: Vec<ScopeInfo>,
    by_range: HashMap<(u32, u32, u8), usize>,
}

/// What kind of node made a scope (ranges alone could repeat: a lambda whose body is a
/// comprehension ends where it ends).
#[derive(Clone, Copy)]
pub enum NodeKind {
    Def = 0,
    Class = 1,
    Lambda = 2,
    Comprehension = 3,
}

impl Symbols {
    /// Builds the table of a module's body.
    pub fn build(body: &[Stmt]) -> Result<Symbols, SymbolError> {
        let mut b = Builder {
            scopes: vec![ScopeInfo::new(BlockKind::Module, None)],
            by_range: HashMap::new(),
            cur: 0,
        };
        b.stmts(body);
        let mut s = Symbols { scopes: b.scopes, by_range: b.by_range };
        s.resolve_frees()?;
        Ok(s)
    }

    /// The scope a node made.
    pub fn scope_of(&self, range: TextRange, kind: NodeKind) -> usize {
        self.by_range[&(range.start().to_u32(), range.end().to_u32(), kind as u8)]
    }

    /// Decides cells and free variables, inner scopes first.
    fn resolve_frees(&mut self) -> Result<(), SymbolError> {
        for i in (1..self.scopes.len()).rev() {
            if self.scopes[i].kind != BlockKind::Function {
                // A class body's free names: those its methods need pass through it.
                continue;
            }
            let scope = &self.scopes[i];
            let mut wanted: Vec<String> = scope
                .used
                .iter()
                .filter(|n| !scope.bound.contains(*n) && !scope.globals.contains(*n))
                .cloned()
                .collect();
            wanted.extend(scope.nonlocals.iter().cloned());
            wanted.extend(scope.frees.iter().cloned());
            wanted.sort();
            wanted.dedup();
            for name in wanted {
                // Find the nearest enclosing function that binds it.
                let mut p = self.scopes[i].parent;
                let mut path = Vec::new();
                let mut found = None;
                while let Some(pi) = p {
                    let ps = &self.scopes[pi];
                    match ps.kind {
                        BlockKind::Module => break,
                        BlockKind::Class => {}
                        BlockKind::Function => {
                            if ps.globals.contains(&name) {
                                break;
                            }
                            if ps.bound.contains(&name) && !ps.nonlocals.contains(&name) {
                                found = Some(pi);
                                break;
                            }
                        }
                    }
                    path.push(pi);
                    p = ps.parent;
                }
                match found {
                    Some(owner) => {
                        push_unique(&mut self.scopes[i].frees, &name);
                        // Functions and class bodies in between pass the cell through.
                        for mid in path {
                            push_unique(&mut self.scopes[mid].frees, &name);
                        }
                        push_unique(&mut self.scopes[owner].cells, &name);
                    }
                    None if self.scopes[i].nonlocals.contains(&name) => {
                        return Err(SymbolError {
                            message: format!("no binding for nonlocal '{name}' found"),
                            range: TextRange::default(),
                        });
                    }
                    None => {}
                }
            }
        }
        // A class body's "frees" are only names passing through to its methods; a class
        // body reading such a name itself reads it from the cell too.
        Ok(())
    }
}

fn push_unique(v: &mut Vec<String>, name: &str) {
    if !v.iter().any(|n| n == name) {
        v.push(name.to_string());
    }
}

struct Builder {
    scopes: Vec<ScopeInfo>,
    by_range: HashMap<(u32, u32, u8), usize>,
    cur: usize,
}

impl Builder {
    fn enter(&mut self, kind: BlockKind, range: TextRange, node: NodeKind) -> usize {
        let id = self.scopes.len();
        self.scopes.push(ScopeInfo::new(kind, Some(self.cur)));
        self.scopes[self.cur].children.push(id);
        self.by_range.insert((range.start().to_u32(), range.end().to_u32(), node as u8), id);
        std::mem::replace(&mut self.cur, id)
    }

    fn bind(&mut self, name: &str) {
        self.scopes[self.cur].bound.insert(name.to_string());
    }

    fn use_(&mut self, name: &str) {
        self.scopes[self.cur].used.insert(name.to_string());
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn params(&mut self, p: &ast::Parameters) {
        let scope = self.cur;
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            self.scopes[scope].params.push(a.parameter.name.id.to_string());
        }
        for a in p.kwonlyargs.iter() {
            self.scopes[scope].params.push(a.parameter.name.id.to_string());
        }
        if let Some(v) = &p.vararg {
            self.scopes[scope].params.push(v.name.id.to_string());
        }
        if let Some(k) = &p.kwarg {
            self.scopes[scope].params.push(k.name.id.to_string());
        }
        let names = self.scopes[scope].params.clone();
        for n in names {
            self.bind(&n);
        }
    }

    /// Defaults and annotations are evaluated where the `def` is.
    fn param_defaults(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            if let Some(d) = &a.default {
                self.expr(d);
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression);
                }
                self.param_defaults(&f.parameters);
                self.bind(&f.name.id);
                let saved = self.enter(BlockKind::Function, f.range, NodeKind::Def);
                self.params(&f.parameters);
                self.stmts(&f.body);
                self.cur = saved;
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.expr(a);
                    }
                    for k in args.keywords.iter() {
                        self.expr(&k.value);
                    }
                }
                self.bind(&c.name.id);
                let saved = self.enter(BlockKind::Class, c.range, NodeKind::Class);
                self.stmts(&c.body);
                self.cur = saved;
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v);
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.target(t);
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                for t in &a.targets {
                    self.target(t);
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                if let Expr::Name(n) = &*a.target {
                    self.use_(&n.id);
                }
                self.target(&a.target);
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.target(&a.target);
                } else if let Expr::Name(n) = &*a.target {
                    // `x: int` alone still makes x local.
                    self.bind(&n.id);
                }
                if self.scopes[self.cur].kind == BlockKind::Class && a.simple {
                    // A class body evaluates its annotations into `__annotations__`.
                    self.expr(&a.annotation);
                }
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.target(&f.target);
                self.stmts(&f.body);
                self.stmts(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.stmts(&w.body);
                self.stmts(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.stmts(&i.body);
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t);
                    }
                    self.stmts(&c.body);
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr);
                    if let Some(v) = &item.optional_vars {
                        self.target(v);
                    }
                }
                self.stmts(&w.body);
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e);
                }
                if let Some(c) = &r.cause {
                    self.expr(c);
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.bind(&n.id);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(&t.orelse);
                self.stmts(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let name = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.bind(&name);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let name = a.asname.as_ref().unwrap_or(&a.name);
                    self.bind(&name.id);
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.scopes[self.cur].globals.insert(n.id.to_string());
                }
            }
            Stmt::Nonlocal(n) => {
                for n in &n.names {
                    self.scopes[self.cur].nonlocals.insert(n.id.to_string());
                }
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Match(m) => self.expr(&m.subject),
            _ => {}
        }
    }

    /// An assignment target: names are bound, the rest is evaluated.
    fn target(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => self.bind(&n.id),
            Expr::Tuple(tu) => tu.elts.iter().for_each(|e| self.target(e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.target(e)),
            Expr::Starred(s) => self.target(&s.value),
            other => self.expr(other),
        }
    }

    fn comprehension(&mut self, range: TextRange, generators: &[ast::Comprehension], elts: &[&Expr]) {
        // The first iterable is evaluated outside, everything else inside.
        if let Some(first) = generators.first() {
            self.expr(&first.iter);
        }
        let saved = self.enter(BlockKind::Function, range, NodeKind::Comprehension);
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            for cond in &g.ifs {
                self.expr(cond);
            }
        }
        for e in elts {
            self.expr(e);
        }
        self.cur = saved;
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => self.use_(&n.id),
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.param_defaults(p);
                }
                let saved = self.enter(BlockKind::Function, l.range, NodeKind::Lambda);
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.expr(&l.body);
                self.cur = saved;
            }
            Expr::ListComp(c) => self.comprehension(c.range, &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(c.range, &c.generators, &[&c.elt]),
            Expr::Generator(c) => {
                self.comprehension(c.range, &c.generators, &[&c.elt]);
                let id = self.by_range
                    [&(c.range.start().to_u32(), c.range.end().to_u32(), NodeKind::Comprehension as u8)];
                self.scopes[id].is_generator = true;
            }
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = vec![&c.value];
                if let Some(k) = &c.key {
                    elts.insert(0, k);
                }
                self.comprehension(c.range, &c.generators, &elts)
            }
            Expr::Yield(y) => {
                self.scopes[self.cur].is_generator = true;
                if let Some(v) = &y.value {
                    self.expr(v);
                }
            }
            Expr::YieldFrom(y) => {
                self.scopes[self.cur].is_generator = true;
                self.expr(&y.value);
            }
            Expr::Named(n) => {
                self.expr(&n.value);
                // `:=` in a comprehension binds in the enclosing function.
                let mut target = self.cur;
                while self.scopes[target].kind == BlockKind::Function
                    && self.by_range.iter().any(|(k, v)| *v == target && k.2 == NodeKind::Comprehension as u8)
                {
                    match self.scopes[target].parent {
                        Some(p) => target = p,
                        None => break,
                    }
                }
                if let Expr::Name(name) = &*n.target {
                    self.scopes[target].bound.insert(name.id.to_string());
                    if target != self.cur {
                        self.scopes[self.cur].used.insert(name.id.to_string());
                        self.scopes[self.cur].nonlocals.insert(name.id.to_string());
                    }
                }
            }
            _ => walk_children(e, |c| self.expr(c)),
        }
    }
}

/// Calls `f` on each direct sub-expression of an expression that makes no scope.
pub fn walk_children(e: &Expr, mut f: impl FnMut(&Expr)) {
    match e {
        Expr::BoolOp(b) => b.values.iter().for_each(f),
        Expr::BinOp(b) => {
            f(&b.left);
            f(&b.right);
        }
        Expr::UnaryOp(u) => f(&u.operand),
        Expr::If(i) => {
            f(&i.test);
            f(&i.body);
            f(&i.orelse);
        }
        Expr::Dict(d) => {
            for item in &d.items {
                if let Some(k) = &item.key {
                    f(k);
                }
                f(&item.value);
            }
        }
        Expr::Set(s) => s.elts.iter().for_each(f),
        Expr::Await(a) => f(&a.value),
        Expr::Compare(c) => {
            f(&c.left);
            c.comparators.iter().for_each(f);
        }
        Expr::Call(c) => {
            f(&c.func);
            c.arguments.args.iter().for_each(&mut f);
            c.arguments.keywords.iter().for_each(|k| f(&k.value));
        }
        Expr::FString(fs) => {
            for part in fs.value.iter() {
                if let ast::FStringPart::FString(s) = part {
                    walk_fstring(&s.elements, &mut f);
                }
            }
        }
        Expr::Attribute(a) => f(&a.value),
        Expr::Subscript(s) => {
            f(&s.value);
            f(&s.slice);
        }
        Expr::Starred(s) => f(&s.value),
        Expr::List(l) => l.elts.iter().for_each(f),
        Expr::Tuple(t) => t.elts.iter().for_each(f),
        Expr::Slice(s) => {
            for p in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                f(p);
            }
        }
        _ => {}
    }
}

fn walk_fstring(elements: &ast::InterpolatedStringElements, f: &mut impl FnMut(&Expr)) {
    for el in elements.iter() {
        if let ast::InterpolatedStringElement::Interpolation(i) = el {
            f(&i.expression);
            if let Some(spec) = &i.format_spec {
                walk_fstring(&spec.elements, f);
            }
        }
    }
}

/// The range of any node, for the map from nodes to scopes.
pub fn range_of(node: &impl Ranged) -> TextRange {
    node.range()
}
