//! The objects a Python program makes: lists, dicts, functions, classes, instances,
//! modules — Python's `Objects/` directory, in one file.
//!
//! corosim's runtime carries every value as a [`Value`]; the ones it has no variant for
//! are [`PyObject`]s it holds by reference (`Value::Obj`). This file defines those the
//! interpreter needs and how to find them again ([`downcast`]). Mutable containers live
//! here (the runtime's `Value::List` is an immutable snapshot, what the toolkit hands
//! back; the interpreter turns it into a [`List`] where a program sees it).
//!
//! ```
//! use corosim::python::objects::{List, downcast, new_list};
//! use corosim::Value;
//! let l = new_list(vec![Value::from(1), Value::from(2)]);
//! downcast::<List>(&l).unwrap().0.borrow_mut().push(Value::from(3));
//! assert_eq!(l.repr(), "[1, 2, 3]");
//! ```

use std::cell::{Cell as StdCell, RefCell};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};

use super::code::Code;
use super::set_table::Table;
use crate::exception::*;
use crate::generator::{Generator, Iterable};
use crate::value::{PyObject, Value};

/// Finds an interpreter object behind a value.
pub fn downcast<T: PyObject>(v: &Value) -> Option<&T> {
    match v {
        Value::Obj(o) => (&**o as &dyn std::any::Any).downcast_ref::<T>(),
        _ => None,
    }
}

/// Finds an interpreter object behind a value, as a shared reference.
pub fn downcast_rc<T: PyObject>(v: &Value) -> Option<Rc<T>> {
    match v {
        Value::Obj(o) if (&**o as &dyn std::any::Any).is::<T>() => {
            let any: Rc<dyn std::any::Any> = o.clone();
            any.downcast::<T>().ok()
        }
        _ => None,
    }
}

/// The `repr()` the interpreter gives (it can run a class's `__repr__`); set by `eval.rs`.
pub fn repr_of(v: &Value) -> String {
    repr(v).unwrap_or_else(|e| format!("<repr failed: {e}>"))
}

// ---------------------------------------------------------------- list, tuple, dict, set

/// `bytes`: an immutable sequence of bytes (its operators and methods: `bytes.rs`).
pub struct Bytes(pub Box<[u8]>);

/// A new `bytes` value.
///
/// ```
/// let b = corosim::python::objects::new_bytes(b"hi\n".to_vec());
/// assert_eq!(b.repr(), "b'hi\\n'");
/// ```
pub fn new_bytes(data: impl Into<Box<[u8]>>) -> Value {
    Value::Obj(Rc::new(Bytes(data.into())))
}

/// The bytes of a `bytes` value.
pub fn as_bytes(v: &Value) -> Option<&[u8]> {
    downcast::<Bytes>(v).map(|b| &*b.0)
}

impl PyObject for Bytes {
    fn type_name(&self) -> &str {
        "bytes"
    }
    fn repr(&self) -> String {
        bytes_repr(&self.0)
    }
    fn truthy(&self) -> bool {
        !self.0.is_empty()
    }
}

/// `bytearray`: a mutable `bytes` (its operators and methods: `bytearray.rs`).
pub struct ByteArray(pub RefCell<Vec<u8>>);

/// A new `bytearray` value.
pub fn new_bytearray(data: Vec<u8>) -> Value {
    Value::Obj(Rc::new(ByteArray(RefCell::new(data))))
}

impl PyObject for ByteArray {
    fn type_name(&self) -> &str {
        "bytearray"
    }
    fn repr(&self) -> String {
        format!("bytearray({})", bytes_repr(&self.0.borrow()))
    }
    fn truthy(&self) -> bool {
        !self.0.borrow().is_empty()
    }
}

/// CPython's repr of bytes: `b'...'`, in double quotes only when that saves escaping a
/// single quote; printable ASCII as itself, `\t \n \r` by name, the rest as `\xhh`.
pub fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(quote);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

/// `list`: a mutable sequence.
pub struct List(pub RefCell<Vec<Value>>);

/// A new `list` value.
pub fn new_list(items: Vec<Value>) -> Value {
    Value::Obj(Rc::new(List(RefCell::new(items))))
}

impl List {
    /// `list.append(v)`. A full list grows as CPython's does (`list_resize`): by an
    /// eighth and a little, not by doubling — a list of 100,000 tasks keeps room for 116
    /// more, not 31,072.
    ///
    /// ```
    /// use corosim::python::objects::List;
    /// let l = List(Default::default());
    /// (0..9).for_each(|i| l.push(i.into()));
    /// assert_eq!(l.0.borrow().capacity(), 16); // CPython: 0, 4, 8, 16, 24, 32, 40, 52…
    /// ```
    pub fn push(&self, v: Value) {
        let mut items = self.0.borrow_mut();
        if items.len() == items.capacity() {
            let n = items.len() + 1;
            items.reserve_exact(((n + (n >> 3) + 6) & !3) - (n - 1));
        }
        items.push(v);
    }
}

impl PyObject for List {
    fn type_name(&self) -> &str {
        "list"
    }
    fn repr(&self) -> String {
        let items = self.0.borrow().clone();
        format!("[{}]", items.iter().map(repr_of).collect::<Vec<_>>().join(", "))
    }
    fn truthy(&self) -> bool {
        !self.0.borrow().is_empty()
    }
}

/// A dict key or set member: a value with its `hash()`, computed once when it became a
/// key (running its class's `__hash__`), as CPython keeps each entry's hash beside it.
///
/// Rust's `Hash` and `Eq` of a key never run Python code: two keys are equal when they
/// are the same object, or when neither can run an `__eq__` and they are equal as
/// builtins. A key whose `==` may run Python code (a `rich` one: an instance whose class
/// has `__eq__`, or a tuple holding one) is compared by `dicts.rs` and [`SetItems`],
/// which can report an exception.
///
/// Only the hash is kept (a key is a dict entry's, and entries are many): whether it is
/// CPython's own and whether `==` may run Python code are read off the value again.
#[derive(Clone)]
pub struct Key(pub Value, i64);

/// What computing a hash learns.
#[derive(Clone, Copy)]
struct Hashed {
    /// `hash(key)`.
    hash: i64,
    /// CPython's hash of it is the same in every run (not an address).
    fixed: bool,
}

impl Key {
    /// A key, its hash computed (running `__hash__`), or
    /// `TypeError: unhashable type: 'list'`.
    pub fn new(v: Value) -> PyResult<Key> {
        let hashed = hashed(&v)?;
        Ok(Key(v, hashed.hash))
    }

    /// A string key (a keyword argument's name, a field's).
    pub fn str(s: impl Into<Rc<str>>) -> Key {
        let s: Rc<str> = s.into();
        let hash = super::hash::hash_str(&s);
        Key(Value::Str(s), hash)
    }

    /// A key for a value no program class made (a string, a number, a runtime object),
    /// whose hash runs no Python code.
    pub fn builtin(v: Value) -> Key {
        let hashed = plain_hashed(&v);
        Key(v, hashed.hash)
    }

    /// `hash(key)`.
    pub fn hash(&self) -> i64 {
        self.1
    }

    /// Whether `==` on this key may run Python code (an `__eq__`).
    #[inline]
    pub fn is_rich(&self) -> bool {
        is_rich(&self.0)
    }

    /// Whether CPython's hash of it is the same in every run, so CPython's set order can
    /// be reproduced.
    #[inline]
    pub fn is_fixed(&self) -> bool {
        is_fixed(&self.0)
    }
}

/// Whether `==` on `v` may run Python code: an instance whose class has `__eq__`, or a
/// tuple holding one.
fn is_rich(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Str(_) => false,
        Value::Obj(_) => downcast::<Instance>(v).is_some_and(|i| i.class.lookup("__eq__").is_some()),
        Value::Tuple(items) => items.iter().any(is_rich),
        Value::Named(n) => n.fields.iter().any(|(_, x)| is_rich(x)),
        _ => false,
    }
}

/// Whether `hash(v)` is the same in every run of CPython (what [`hashed`] finds out).
fn is_fixed(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Str(_) | Value::Bool(_) => true,
        Value::Float(f) => !f.is_nan(),
        Value::Tuple(items) => items.iter().all(is_fixed),
        Value::Named(n) => n.fields.iter().all(|(_, x)| is_fixed(x)),
        Value::Obj(_) => {
            if let Some(inst) = downcast::<Instance>(v) {
                return matches!(hash_method(&inst.class), HashMethod::Call(_));
            }
            match downcast::<Set>(v) {
                Some(s) => s.frozen && s.items.borrow().others.is_empty(),
                None => downcast::<BigInt>(v).is_some() || as_bytes(v).is_some(),
            }
        }
        _ => false,
    }
}

fn unhashable(v: &Value) -> PyException {
    PyException::new(TYPE_ERROR, format!("unhashable type: '{}'", v.type_name()))
}

/// `hash(v)` as CPython computes it (`PyObject_Hash`): a class's `__hash__` run, an
/// unhashable value refused.
fn hashed(v: &Value) -> PyResult<Hashed> {
    match v {
        Value::Int(_) | Value::Str(_) | Value::Bool(_) | Value::Float(_) | Value::None => Ok(plain_hashed(v)),
        Value::List(_) | Value::Dict(_) => Err(unhashable(v)),
        Value::Tuple(items) => combine_tuple(items.iter().map(hashed).collect::<PyResult<Vec<_>>>()?),
        Value::Named(n) => {
            combine_tuple(n.fields.iter().map(|(_, x)| hashed(x)).collect::<PyResult<Vec<_>>>()?)
        }
        Value::Obj(_) => {
            if let Some(inst) = downcast::<Instance>(v) {
                return instance_hashed(v, &inst.class);
            }
            if downcast::<List>(v).is_some()
                || downcast::<Dict>(v).is_some()
                || downcast::<ByteArray>(v).is_some()
                || downcast::<Set>(v).is_some_and(|s| !s.frozen)
            {
                return Err(unhashable(v));
            }
            Ok(plain_hashed(v))
        }
        _ => Ok(plain_hashed(v)),
    }
}

/// A builtin value's hash: CPython's where it is the same in every run, else corosim's.
fn plain_hashed(v: &Value) -> Hashed {
    match cpython_hash(v) {
        Some(hash) => Hashed { hash, fixed: true },
        None => Hashed { hash: hash_value(v), fixed: false },
    }
}

/// A tuple's hash from its items' (`tuplehash`): CPython's when each item's is fixed.
fn combine_tuple(items: Vec<Hashed>) -> PyResult<Hashed> {
    Ok(match super::hash::hash_tuple(items.iter().map(|h| h.fixed.then_some(h.hash))) {
        Some(hash) => Hashed { hash, fixed: true },
        None => {
            let hash = items.iter().fold(0x345678i64, |acc, h| acc.wrapping_mul(1000003) ^ h.hash);
            Hashed { hash, fixed: false }
        }
    })
}

/// How instances of a class hash (`type->tp_hash`).
enum HashMethod {
    /// `object.__hash__`: by identity.
    Identity,
    /// `__hash__ = None`, or `__eq__` defined without `__hash__` (CPython then sets
    /// `__hash__` to `None` in that class's namespace).
    Unhashable,
    /// A `__hash__` to call.
    Call(Value),
}

/// The first class along the MRO that says: its `__hash__`, or `__eq__` alone.
fn hash_method(class: &Rc<Class>) -> HashMethod {
    fn search(c: &Class) -> Option<HashMethod> {
        let dict = c.dict.borrow();
        match dict.get("__hash__") {
            Some(Value::None) => Some(HashMethod::Unhashable),
            Some(f) => Some(HashMethod::Call(f.clone())),
            None if dict.contains_key("__eq__") => Some(HashMethod::Unhashable),
            None => c.bases.iter().find_map(|b| search(b)),
        }
    }
    search(class).unwrap_or(HashMethod::Identity)
}

/// `hash(instance)` (`slot_tp_hash`): `__hash__`'s int as it is when it fits in 64 bits
/// (so `hash(x) == hash(y)` when `x.__hash__` returns `hash(y)`), but `-1` becomes `-2`;
/// a bigger int hashed as an int is; or by identity.
fn instance_hashed(v: &Value, class: &Rc<Class>) -> PyResult<Hashed> {
    match hash_method(class) {
        HashMethod::Identity => Ok(Hashed { hash: hash_value(v), fixed: false }),
        HashMethod::Unhashable => Err(unhashable(v)),
        HashMethod::Call(f) => {
            let hash = match call(&f, vec![v.clone()], Vec::new())? {
                Value::Int(-1) => -2,
                Value::Int(i) => i,
                Value::Bool(b) => b as i64,
                r => match downcast::<BigInt>(&r) {
                    Some(b) => super::hash::hash_big(&b.0),
                    None => return Err(type_error("__hash__ method should return an integer")),
                },
            };
            Ok(Hashed { hash, fixed: true })
        }
    }
}

/// Python's `hash()` of a hashable value without running Python code: CPython's own
/// where it is the same in every run (`hash.rs`), else one of corosim's (identity for
/// objects). `id()` uses it too.
pub fn hash_value(v: &Value) -> i64 {
    if let Some(h) = cpython_hash(v) {
        return h;
    }
    match v {
        Value::None => 0x5f3759df,
        Value::Float(f) => f.to_bits() as i64,
        Value::Tuple(items) => {
            items.iter().fold(0x345678i64, |acc, x| acc.wrapping_mul(1000003) ^ hash_value(x))
        }
        Value::Named(n) => {
            n.fields.iter().fold(0x345678i64, |acc, (_, x)| acc.wrapping_mul(1000003) ^ hash_value(x))
        }
        Value::Obj(_) if downcast::<Set>(v).is_some_and(|s| s.frozen) => {
            let s = downcast::<Set>(v).expect("a set");
            s.items.borrow().iter().fold(0, |acc, k| acc ^ k.hash())
        }
        Value::Obj(o) => Rc::as_ptr(o) as *const () as i64,
        Value::Exception(e) => e.args().len() as i64,
        Value::ExcClass(c) => c.name().len() as i64,
        Value::Type(t) => t.len() as i64,
        _ => 7,
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.1.hash(state)
    }
}

impl PartialEq for Key {
    /// Equal without running Python code: the same object, or equal builtins.
    fn eq(&self, other: &Key) -> bool {
        self.1 == other.1
            && (is(&self.0, &other.0) || (!self.is_rich() && !other.is_rich() && eq_plain(&self.0, &other.0)))
    }
}
impl Eq for Key {}

/// `stored == key` as a dict or set lookup asks it of a member with the key's hash
/// (`PyObject_RichCompareBool`): identity first, then `==`, running `__eq__` when one
/// of them has it (and passing on its exception).
pub fn key_eq(stored: &Key, key: &Key) -> PyResult<bool> {
    if is(&stored.0, &key.0) {
        return Ok(true);
    }
    if !stored.is_rich() && !key.is_rich() {
        return Ok(eq_plain(&stored.0, &key.0));
    }
    rich_eq(&stored.0, &key.0)
}

/// `a == b` between a key and another (`ops::eq`'s rules for what a key can be):
/// `a.__eq__(b)`, then the reflected `b.__eq__(a)` when that says `NotImplemented`,
/// then identity; tuples item by item, each the same object or `==`.
fn rich_eq(a: &Value, b: &Value) -> PyResult<bool> {
    let items = |v: &Value| match v {
        Value::Tuple(t) => Some(t.to_vec()),
        Value::Named(n) => Some(n.fields.iter().map(|(_, v)| v.clone()).collect()),
        _ => None,
    };
    if let (Some(x), Some(y)) = (items(a), items(b)) {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(&y) {
            if !is(p, q) && !rich_eq(p, q)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    for (x, y) in [(a, b), (b, a)] {
        if downcast::<Instance>(x).is_some()
            && let Some(r) = call_method_opt(x, "__eq__", vec![y.clone()])?
            && !is_not_implemented(&r)
        {
            return truthy(&r);
        }
    }
    Ok(eq_plain(a, b))
}

/// `NotImplemented`.
pub fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Type(t) if &**t == "NotImplemented")
}

/// `bool(v)`, running `__bool__` or `__len__`.
pub fn truthy(v: &Value) -> PyResult<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::None => Ok(false),
        Value::Int(i) => Ok(*i != 0),
        Value::Obj(_) if downcast::<Instance>(v).is_some() => {
            if let Some(r) = call_method_opt(v, "__bool__", vec![])? {
                return Ok(r.truthy());
            }
            if let Some(r) = call_method_opt(v, "__len__", vec![])? {
                return Ok(r.as_int().unwrap_or(0) != 0);
            }
            Ok(true)
        }
        _ => Ok(v.truthy()),
    }
}

/// `a is b`.
pub fn is(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => {
            // A builtin type is one object in CPython, however many handles name it here.
            Rc::ptr_eq(x, y)
                || matches!((downcast::<BuiltinType>(a), downcast::<BuiltinType>(b)), (Some(s), Some(t)) if s.name == t.name)
        }
        // CPython interns short strings and identifiers; equal strings are the same object
        // in the programs that ask.
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Tuple(x), Value::Tuple(y)) => Rc::ptr_eq(x, y) || (x.is_empty() && y.is_empty()),
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => a == b,
    }
}

/// `dict`: insertion-ordered.
pub struct Dict(pub RefCell<IndexMap<Key, Value>>, pub DictKind);

/// `dict` and the `collections` dicts, which differ in a missing key and their repr.
#[derive(Clone)]
pub enum DictKind {
    /// `dict`.
    Plain,
    /// `collections.Counter`: a missing key counts 0.
    Counter,
    /// `collections.defaultdict(factory)`: a missing key gets `factory()`.
    Default(Value),
    /// `collections.OrderedDict`.
    Ordered,
}

/// A new `dict` value.
pub fn new_dict(items: IndexMap<Key, Value>) -> Value {
    new_dict_of(items, DictKind::Plain)
}

/// A new dict of one of the kinds.
pub fn new_dict_of(items: IndexMap<Key, Value>, kind: DictKind) -> Value {
    Value::Obj(Rc::new(Dict(RefCell::new(items), kind)))
}

impl PyObject for Dict {
    fn type_name(&self) -> &str {
        match self.1 {
            DictKind::Plain => "dict",
            DictKind::Counter => "Counter",
            DictKind::Default(_) => "defaultdict",
            DictKind::Ordered => "OrderedDict",
        }
    }
    fn repr(&self) -> String {
        let mut items: Vec<(Value, Value)> =
            self.0.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
        if let DictKind::Counter = self.1 {
            // Counter shows its most common first (a stable sort by count).
            items.sort_by_key(|x| std::cmp::Reverse(x.1.as_int().unwrap_or(0)));
        }
        let parts: Vec<String> =
            items.iter().map(|(k, v)| format!("{}: {}", repr_of(k), repr_of(v))).collect();
        let body = format!("{{{}}}", parts.join(", "));
        match &self.1 {
            DictKind::Plain => body,
            DictKind::Counter if items.is_empty() => "Counter()".into(),
            DictKind::Counter => format!("Counter({body})"),
            DictKind::Default(f) => format!("defaultdict({}, {body})", repr_of(f)),
            DictKind::Ordered if items.is_empty() => "OrderedDict()".into(),
            DictKind::Ordered => {
                let pairs: Vec<String> =
                    items.iter().map(|(k, v)| format!("({}, {})", repr_of(k), repr_of(v))).collect();
                format!("OrderedDict([{}])", pairs.join(", "))
            }
        }
    }
    fn truthy(&self) -> bool {
        !self.0.borrow().is_empty()
    }
}

/// `set` and `frozenset`.
pub struct Set {
    /// The members, in CPython's order (`set_table.rs`).
    pub items: RefCell<SetItems>,
    /// `frozenset`.
    pub frozen: bool,
}

impl Set {
    /// Runs `f` on the members. When a member's `__eq__` may run (the key's, or one the
    /// set holds), the members are moved out of the set meanwhile: that Python code
    /// then sees an empty set instead of the interpreter failing on a second borrow
    /// (CPython would let it see, and change, the set).
    pub fn with_items<R>(&self, rich_key: bool, f: impl FnOnce(&mut SetItems) -> PyResult<R>) -> PyResult<R> {
        if !rich_key && !self.items.borrow().has_rich {
            return f(&mut self.items.borrow_mut());
        }
        let mut items = self.items.take();
        let r = f(&mut items);
        *self.items.borrow_mut() = items;
        r
    }

    /// `s.add(key)`; true if it was not there.
    pub fn add(&self, key: Key) -> PyResult<bool> {
        self.with_items(key.is_rich(), |items| items.insert(key))
    }

    /// `key in s`.
    pub fn has(&self, key: &Key) -> PyResult<bool> {
        self.with_items(key.is_rich(), |items| items.contains(key))
    }

    /// `s.discard(key)`; true if it was there.
    pub fn discard(&self, key: &Key) -> PyResult<bool> {
        self.with_items(key.is_rich(), |items| items.remove(key))
    }
}

/// A new `set` value, its (builtin) members added in the given order.
pub fn new_set(items: IndexSet<Key>, frozen: bool) -> Value {
    let mut out = SetItems::default();
    for k in items {
        // Builtin members (futures, strings): no `__eq__` runs, nothing can fail.
        _ = out.insert(k);
    }
    new_set_of(out, frozen)
}

/// A new `set` or `frozenset` holding `items`.
pub fn new_set_of(items: SetItems, frozen: bool) -> Value {
    Value::Obj(Rc::new(Set { items: RefCell::new(items), frozen }))
}

impl PyObject for Set {
    fn type_name(&self) -> &str {
        if self.frozen { "frozenset" } else { "set" }
    }
    fn repr(&self) -> String {
        let items: Vec<Value> = self.items.borrow().iter().map(|k| k.0.clone()).collect();
        let inner = items.iter().map(repr_of).collect::<Vec<_>>().join(", ");
        match (self.frozen, items.is_empty()) {
            (false, true) => "set()".into(),
            (false, false) => format!("{{{inner}}}"),
            (true, true) => "frozenset()".into(),
            (true, false) => format!("frozenset({{{inner}}})"),
        }
    }
    fn truthy(&self) -> bool {
        !self.items.borrow().is_empty()
    }
}

/// A set's members: those with deterministic hashes in CPython's table (`set_table.rs`),
/// in its order, then the others in insertion order (CPython's order for them changes
/// from run to run: it follows addresses).
///
/// Adding, finding and removing compare as CPython does (identity, then the hash, then
/// `==`, which may run a class's `__eq__` and fail), so they return a `PyResult`.
#[derive(Clone, Default)]
pub struct SetItems {
    table: Table<Key>,
    others: IndexSet<Key>,
    /// A member whose `==` may run Python code was ever added.
    has_rich: bool,
}

impl SetItems {
    /// Adds each in turn, as `set(a_list)` does.
    pub fn from_keys(keys: impl IntoIterator<Item = Key>) -> PyResult<SetItems> {
        let mut items = SetItems::default();
        for k in keys {
            items.insert(k)?;
        }
        Ok(items)
    }

    /// `s.add(key)`; true if it was not there.
    pub fn insert(&mut self, key: Key) -> PyResult<bool> {
        self.has_rich |= key.is_rich();
        if key.is_fixed() { self.table.add(key.hash(), key, key_eq) } else { Ok(self.others.insert(key)) }
    }

    /// `key in s`.
    pub fn contains(&self, key: &Key) -> PyResult<bool> {
        if key.is_fixed() {
            self.table.contains(key.hash(), key, key_eq)
        } else {
            Ok(self.others.contains(key))
        }
    }

    /// Whether a member is `key` or equal to it without running Python code.
    pub fn holds(&self, key: &Key) -> bool {
        let plain = |a: &Key, b: &Key| Ok::<_, std::convert::Infallible>(a == b);
        if key.is_fixed() {
            self.table.contains(key.hash(), key, plain).unwrap_or_else(|e| match e {})
        } else {
            self.others.contains(key)
        }
    }

    /// `s.discard(key)`; true if it was there.
    pub fn remove(&mut self, key: &Key) -> PyResult<bool> {
        if key.is_fixed() {
            self.table.discard(key.hash(), key, key_eq)
        } else {
            Ok(self.others.shift_remove(key))
        }
    }

    /// `s.pop()`.
    pub fn pop(&mut self) -> Option<Key> {
        self.table.pop().or_else(|| self.others.shift_remove_index(0))
    }

    /// `s.clear()`.
    pub fn clear(&mut self) {
        self.table.clear();
        self.others.clear();
        self.has_rich = false;
    }

    /// Whether a member whose `==` may run Python code was ever added.
    pub fn has_rich(&self) -> bool {
        self.has_rich
    }

    /// `len(s)`.
    pub fn len(&self) -> usize {
        self.table.len() + self.others.len()
    }

    /// `not s`.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The members in iteration order.
    pub fn iter(&self) -> impl Iterator<Item = &Key> {
        self.table.members().map(|(_, k)| k).chain(self.others.iter())
    }

    /// `hash(frozenset)`, when every member's hash is deterministic.
    pub fn frozenset_hash(&self) -> Option<i64> {
        if !self.others.is_empty() {
            return None;
        }
        Some(super::hash::hash_members(self.table.members().map(|(h, _)| h)))
    }

    /// Adds every member of another set (`set_merge`).
    pub fn merge(&mut self, other: &SetItems) -> PyResult<()> {
        self.has_rich |= other.has_rich;
        self.table.merge(&other.table, key_eq)?;
        self.others.extend(other.others.iter().cloned());
        Ok(())
    }

    /// A copy, built as CPython copies (`set_copy`: a merge into an empty set, which
    /// compares nothing).
    pub fn copy(&self) -> SetItems {
        SetItems { table: self.table.copy(), others: self.others.clone(), has_rich: self.has_rich }
    }

    /// Adds a dict's keys: one resize for all of them first, then each in turn.
    pub fn extend_from_dict(&mut self, keys: Vec<Key>) -> PyResult<()> {
        self.table.reserve_for_dict(keys.len());
        for k in keys {
            self.insert(k)?;
        }
        Ok(())
    }

    /// The dummies purged when they are over a quarter of the table (after a
    /// `difference_update`).
    pub fn purge_dummies(&mut self) {
        self.table.purge_dummies();
    }

    /// Takes `other`'s members, keeping this set's `pop()` finger (`set_swap_bodies`,
    /// under `s &= t` and `intersection_update`).
    pub fn replace_keeping_finger(&mut self, mut other: SetItems) {
        other.table.finger = self.table.finger;
        *self = other;
    }
}

/// CPython's hash of `v` when it is the same in every run (`hash.rs`; strings and bytes
/// with `PYTHONHASHSEED=0`); `None` for values CPython hashes by address.
///
/// ```
/// use corosim::python::objects::cpython_hash;
/// use corosim::Value;
/// assert_eq!(cpython_hash(&Value::Int(-1)), Some(-2));
/// assert_eq!(cpython_hash(&Value::tuple([Value::Int(1), Value::Int(2)])), Some(-3550055125485641917));
/// assert_eq!(cpython_hash(&Value::None), None);
/// ```
pub fn cpython_hash(v: &Value) -> Option<i64> {
    use super::hash::*;
    match v {
        Value::Bool(b) => Some(*b as i64),
        Value::Int(i) => Some(hash_int(*i)),
        Value::Float(f) => hash_float(*f),
        Value::Str(s) => Some(hash_str(s)),
        Value::Tuple(items) => hash_tuple(items.iter().map(cpython_hash)),
        Value::Named(n) => hash_tuple(n.fields.iter().map(|(_, v)| cpython_hash(v))),
        Value::Obj(_) => {
            if let Some(b) = downcast::<BigInt>(v) {
                return Some(hash_big(&b.0));
            }
            if let Some(bytes) = as_bytes(v) {
                return Some(hash_bytes(bytes));
            }
            match downcast::<Set>(v) {
                Some(s) if s.frozen => s.items.borrow().frozenset_hash(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// An `int` beyond 64 bits.
pub struct BigInt(pub num_bigint::BigInt);

impl PyObject for BigInt {
    fn type_name(&self) -> &str {
        "int"
    }
    fn repr(&self) -> String {
        self.0.to_string()
    }
    fn truthy(&self) -> bool {
        self.0 != num_bigint::BigInt::from(0)
    }
}

/// An `int` value: small when it fits in 64 bits, as Python's ints behave the same either way.
pub fn int_value(b: num_bigint::BigInt) -> Value {
    match i64::try_from(&b) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Obj(Rc::new(BigInt(b))),
    }
}

/// `range(start, stop, step)`.
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    /// How many numbers it holds.
    pub fn len(&self) -> i64 {
        if self.step > 0 && self.start < self.stop {
            (self.stop - self.start + self.step - 1) / self.step
        } else if self.step < 0 && self.start > self.stop {
            (self.start - self.stop - self.step - 1) / (-self.step)
        } else {
            0
        }
    }
    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len() <= 0
    }
}

/// `iter(range(...))`: the next number, how many are left, the step. A type of its own
/// rather than an [`Iter`] closure: `for i in range(n)` is the commonest loop there is,
/// and the closure's call (through a `RefCell` and a box) cost a third of its turn.
///
/// Two words (a paused coroutine's `for` keeps one, and a program may hold 100,000):
/// a range of more than 2^32 - 1 numbers, or with a step past 32 bits, iterates as an
/// [`Iter`] instead (see [`RangeIter::value`]).
pub struct RangeIter {
    next: StdCell<i64>,
    left: StdCell<u32>,
    step: i32,
}

impl RangeIter {
    /// `iter(r)`.
    pub fn value(r: &Range) -> Value {
        // In 128 bits: a range may span more than `i64` holds.
        let (start, stop, step) = (i128::from(r.start), i128::from(r.stop), i128::from(r.step));
        let len = if step > 0 && start < stop {
            (stop - start + step - 1) / step
        } else if step < 0 && start > stop {
            (start - stop - step - 1) / -step
        } else {
            0
        };
        match (u32::try_from(len), i32::try_from(r.step)) {
            (Ok(left), Ok(step)) => {
                Value::Obj(Rc::new(RangeIter { next: StdCell::new(r.start), left: StdCell::new(left), step }))
            }
            _ => {
                let (mut next, mut left, step) = (r.start, len, r.step);
                Iter::value("range_iterator", move || {
                    if left == 0 {
                        return Ok(None);
                    }
                    let x = next;
                    left -= 1;
                    next = next.wrapping_add(step);
                    Ok(Some(Value::Int(x)))
                })
            }
        }
    }

    /// `iter(r)` for a `for` loop, with no object: the next number in the high 32 bits
    /// of an int, how many are left in the low 32 (`range(3, 5)` → `3 << 32 | 2`), for a
    /// step of 1 and ends within 32 bits; `None` for any other range.
    ///
    /// A `for` statement's iterator sits on the frame's value stack, where no program can
    /// reach it, and a value stack never holds an int where an iterator goes: so the loop
    /// knows the int for what it is. A coroutine paused inside `for _ in range(k)` then
    /// keeps no iterator object (32 bytes of each of 100,000 tasks, issue #16's loop).
    ///
    /// ```
    /// use corosim::python::objects::{Range, RangeIter};
    /// use corosim::Value;
    /// let Some(Value::Int(mut it)) = RangeIter::pack(&Range { start: 3, stop: 5, step: 1 }) else { panic!() };
    /// assert_eq!(RangeIter::step_packed(&mut it).map(|v| v.repr()), Some("3".into()));
    /// assert_eq!(RangeIter::step_packed(&mut it).map(|v| v.repr()), Some("4".into()));
    /// assert!(RangeIter::step_packed(&mut it).is_none());
    /// assert!(RangeIter::pack(&Range { start: 0, stop: 10, step: 2 }).is_none());
    /// ```
    pub fn pack(r: &Range) -> Option<Value> {
        if r.step != 1 {
            return None;
        }
        let (start, stop) = (i32::try_from(r.start).ok()?, i32::try_from(r.stop).ok()?);
        let left = if stop > start { stop.abs_diff(start) } else { 0 };
        Some(Value::Int(i64::from(start) << 32 | i64::from(left)))
    }

    /// The next number of a packed iterator (see [`RangeIter::pack`]), `None` at the end.
    #[inline]
    pub fn step_packed(packed: &mut i64) -> Option<Value> {
        if *packed as u32 == 0 {
            return None;
        }
        let x = *packed >> 32;
        // One add: a count less below, a number more above (no borrow: the count was > 0,
        // and the next number stays within 32 bits as the range's end is).
        *packed += (1 << 32) - 1;
        Some(Value::Int(x))
    }

    /// The next number, `None` at the end.
    #[inline]
    pub fn step(&self) -> Option<Value> {
        let left = self.left.get();
        if left == 0 {
            return None;
        }
        self.left.set(left - 1);
        let x = self.next.get();
        // Past the last number `next` may leave 64 bits: it is never read again.
        self.next.set(x.wrapping_add(i64::from(self.step)));
        Some(Value::Int(x))
    }
}

impl PyObject for RangeIter {
    fn type_name(&self) -> &str {
        "range_iterator"
    }
    fn repr(&self) -> String {
        format!("<range_iterator object at {}>", fake_address(self as *const _ as *const ()))
    }
}

impl PyObject for Range {
    fn type_name(&self) -> &str {
        "range"
    }
    fn repr(&self) -> String {
        if self.step == 1 {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        }
    }
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
}

/// `slice(start, stop, step)`.
pub struct Slice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// The indices a slice picks from a sequence of `len` items.
pub fn slice_indices(s: &Slice, len: usize) -> PyResult<Vec<usize>> {
    let step = match &s.step {
        Value::None => 1,
        v => v.as_int().ok_or_else(|| {
            type_error("slice indices must be integers or None or have an __index__ method")
        })?,
    };
    if step == 0 {
        return Err(PyException::new(VALUE_ERROR, "slice step cannot be zero"));
    }
    let len = len as i64;
    let bound = |v: &Value, default: i64| -> PyResult<i64> {
        match v {
            Value::None => Ok(default),
            v => {
                let i = v.as_int().ok_or_else(|| {
                    type_error("slice indices must be integers or None or have an __index__ method")
                })?;
                Ok(if i < 0 {
                    (i + len).max(if step < 0 { -1 } else { 0 })
                } else {
                    i.min(if step < 0 { len - 1 } else { len })
                })
            }
        }
    };
    let (start, stop) = if step > 0 {
        (bound(&s.start, 0)?, bound(&s.stop, len)?)
    } else {
        (bound(&s.start, len - 1)?, bound(&s.stop, -1)?)
    };
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

impl PyObject for Slice {
    fn type_name(&self) -> &str {
        "slice"
    }
    fn repr(&self) -> String {
        format!("slice({}, {}, {})", self.start.repr(), self.stop.repr(), self.step.repr())
    }
}

/// A builtin iterator (`iter([1, 2])`, `enumerate(...)`, `zip(...)`, `map(...)`): a
/// Rust closure that gives the next item, `None` at the end.
pub struct Iter {
    /// `list_iterator`, `enumerate`, `zip` ...
    pub name: &'static str,
    /// The next item, `Ok(None)` when exhausted.
    #[allow(clippy::type_complexity)]
    pub next: RefCell<Box<dyn FnMut() -> PyResult<Option<Value>>>>,
}

impl Iter {
    /// A builtin iterator value.
    pub fn value(name: &'static str, next: impl FnMut() -> PyResult<Option<Value>> + 'static) -> Value {
        Value::Obj(Rc::new(Iter { name, next: RefCell::new(Box::new(next)) }))
    }
}

impl PyObject for Iter {
    fn type_name(&self) -> &str {
        self.name
    }
    fn repr(&self) -> String {
        format!("<{} object at {}>", self.name, fake_address(self as *const _ as *const ()))
    }
}

/// An address for reprs (`at 0x7f…`): the object's own, as CPython shows its own.
pub fn fake_address(p: *const ()) -> String {
    format!("{:#x}", p as usize)
}

// ---------------------------------------------------------------- functions and classes

/// A cell: one variable shared by a function and the functions inside it.
#[derive(Default)]
pub struct Cell(pub RefCell<Option<Value>>);

impl PyObject for Cell {
    fn type_name(&self) -> &str {
        "cell"
    }
    fn repr(&self) -> String {
        format!("<cell at {}>", fake_address(self as *const _ as *const ()))
    }
}

/// A module's namespace.
pub type Namespace = Rc<RefCell<Names>>;

/// Names to values (a module's globals, its attributes), hashed fast.
pub type Names = HashMap<Rc<str>, Value, foldhash::fast::RandomState>;

/// A function made by `def` or `lambda`.
pub struct Function {
    /// Its compiled body.
    pub code: Rc<Code>,
    /// The module namespace it was defined in.
    pub globals: Namespace,
    /// Default values of the last positional parameters.
    pub defaults: Vec<Value>,
    /// Default values of keyword-only parameters.
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    /// The cells of enclosing functions it uses, in `code.freevars` order.
    pub closure: Vec<Rc<Cell>>,
    /// The class whose body defined it (for `super()`).
    pub owner: RefCell<Option<Rc<Class>>>,
    /// `@types.coroutine` / `@asyncio.coroutine`: a generator awaitable by tasks.
    pub iterable_coroutine: StdCell<bool>,
    /// Attributes set on the function (`f.calls = 0`).
    pub attrs: RefCell<Names>,
}

impl PyObject for Function {
    fn type_name(&self) -> &str {
        "function"
    }
    fn repr(&self) -> String {
        let qualname = match self.attrs.borrow().get("__qualname__") {
            Some(Value::Str(q)) => q.clone(),
            _ => self.code.qualname.clone(),
        };
        format!("<function {qualname} at {}>", fake_address(self as *const _ as *const ()))
    }
}

/// Keyword arguments of a call, in the order given.
pub type Kwargs = Vec<(Rc<str>, Value)>;

/// The Rust code behind a builtin function.
pub type NativeFn = dyn Fn(Vec<Value>, Kwargs) -> PyResult;

/// Where a program's output goes: `(text, is_stderr)`.
pub type Output = Box<dyn FnMut(&str, bool)>;

/// A class body's namespace while it runs.
pub type ClassNamespace = Rc<RefCell<IndexMap<Rc<str>, Value>>>;

/// A builtin function: Rust code called with positional and keyword arguments.
pub struct Builtin {
    /// Its name (`len`).
    pub name: Rc<str>,
    /// The code.
    pub f: Rc<NativeFn>,
    /// `self` for a bound builtin method (`[].append`).
    pub bound: Option<Value>,
}

impl Builtin {
    /// A builtin function value.
    pub fn value(name: &str, f: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult + 'static) -> Value {
        Value::Obj(Rc::new(Builtin { name: Rc::from(name), f: Rc::new(f), bound: None }))
    }
}

impl PyObject for Builtin {
    fn type_name(&self) -> &str {
        "builtin_function_or_method"
    }
    fn repr(&self) -> String {
        match &self.bound {
            Some(obj) => format!(
                "<built-in method {} of {} object at {}>",
                self.name,
                obj.type_name(),
                fake_address(self as *const _ as *const ())
            ),
            None => format!("<built-in function {}>", self.name),
        }
    }
}

/// A method bound to its instance (`obj.method`).
pub struct BoundMethod {
    /// The function.
    pub func: Value,
    /// The instance, passed first.
    pub this: Value,
}

impl PyObject for BoundMethod {
    fn type_name(&self) -> &str {
        "method"
    }
    fn repr(&self) -> String {
        let name = downcast::<Function>(&self.func).map(|f| f.code.qualname.to_string()).unwrap_or_default();
        format!("<bound method {name} of {}>", repr_of(&self.this))
    }
}

/// `staticmethod(f)` / `classmethod(f)` / `property(f)` in a class body.
pub struct Descriptor {
    /// Which of the three.
    pub kind: DescriptorKind,
    /// The wrapped function.
    pub func: Value,
}

/// The three decorators that change how a class attribute binds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DescriptorKind {
    Static,
    Class,
    Property,
}

impl PyObject for Descriptor {
    fn type_name(&self) -> &str {
        match self.kind {
            DescriptorKind::Static => "staticmethod",
            DescriptorKind::Class => "classmethod",
            DescriptorKind::Property => "property",
        }
    }
    fn repr(&self) -> String {
        format!("<{} object at {}>", self.type_name(), fake_address(self as *const _ as *const ()))
    }
}

/// A class made by a `class` statement.
pub struct Class {
    /// `__name__`.
    pub name: Rc<str>,
    /// `__qualname__`.
    pub qualname: Rc<str>,
    /// `__bases__` (interpreter classes; a builtin base is in `exc`).
    pub bases: Vec<Rc<Class>>,
    /// The class namespace: methods and class attributes.
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
    /// For a subclass of an exception class: the runtime's class it stands for.
    pub exc: Option<ExcClass>,
}

impl Class {
    /// The method resolution order: the class, then its bases depth-first (single
    /// inheritance makes it a chain).
    pub fn mro(self: &Rc<Self>) -> Vec<Rc<Class>> {
        let mut out = vec![self.clone()];
        for b in &self.bases {
            for c in b.mro() {
                if !out.iter().any(|o| Rc::ptr_eq(o, &c)) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// Finds an attribute along the MRO.
    pub fn lookup(self: &Rc<Self>, name: &str) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get(name) {
            return Some(v.clone());
        }
        self.bases.iter().find_map(|b| b.lookup(name))
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass(self: &Rc<Self>, other: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, other) || self.bases.iter().any(|b| b.is_subclass(other))
    }
}

impl PyObject for Class {
    fn type_name(&self) -> &str {
        "type"
    }
    fn repr(&self) -> String {
        format!("<class '__main__.{}'>", self.qualname)
    }
}

/// An instance of a program's class.
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// Its attributes (`self.x = …`).
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
}

impl PyObject for Instance {
    fn type_name(&self) -> &str {
        &self.class.name
    }
    fn repr(&self) -> String {
        // `__repr__` runs through the interpreter (ops::repr); this is the fallback.
        format!(
            "<__main__.{} object at {}>",
            self.class.qualname,
            fake_address(self as *const _ as *const ())
        )
    }
}

/// A module object (`import asyncio`).
pub struct Module {
    /// `__name__`.
    pub name: Rc<str>,
    /// Its attributes.
    pub dict: RefCell<Names>,
}

impl PyObject for Module {
    fn type_name(&self) -> &str {
        "module"
    }
    fn repr(&self) -> String {
        format!("<module '{}' (built-in)>", self.name)
    }
}

/// A generator, coroutine or `@types.coroutine` object, as the runtime's [`Generator`].
pub struct GenObject {
    /// The runtime's generator object.
    pub g: Generator,
    /// `__qualname__` for the repr.
    pub qualname: Rc<str>,
    /// Where its body is (for a task's repr: `coro=<main() running at x.py:3>`).
    pub code: Option<Rc<Code>>,
}

/// CPython's `f() missing 2 required positional arguments: 'a' and 'b'` (three or more:
/// `'a', 'b', and 'c'`), for the interpreter's calls and the modules' own signatures.
pub fn missing_arguments(name: &str, kind: &str, missing: &[impl AsRef<str>]) -> PyException {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{}'", m.as_ref())).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!("{}, and {}", quoted[..quoted.len() - 1].join(", "), quoted[quoted.len() - 1]),
    };
    let s = if missing.len() == 1 { "" } else { "s" };
    PyException::new(
        TYPE_ERROR,
        format!("{name}() missing {} required {kind} argument{s}: {list}", missing.len()),
    )
}

/// A runtime generator as a program's object.
pub fn gen_value(g: Generator) -> Value {
    Value::Obj(Rc::new(GenObject { qualname: Rc::from(g.name()), g, code: None }))
}

/// `coro.__await__()`: an iterator over an awaitable that a plain generator may
/// `yield from` (CPython's coroutine_wrapper).
pub fn await_wrapper(it: Iterable, name: &str) -> Value {
    let g = Generator::types_coroutine(name.to_string(), move |co| async move { co.yield_from(it).await });
    Value::Obj(Rc::new(GenObject { qualname: Rc::from(name), g, code: None }))
}

impl PyObject for GenObject {
    fn type_name(&self) -> &str {
        match self.g.kind() {
            crate::generator::Kind::Coroutine => "coroutine",
            _ => "generator",
        }
    }
    fn repr(&self) -> String {
        format!(
            "<{} object {} at {}>",
            self.type_name(),
            self.qualname,
            fake_address(self as *const _ as *const ())
        )
    }
}

/// A builtin type used as a callable and in `isinstance` (`int`, `str`, `list` ...).
pub struct BuiltinType {
    /// Its name.
    pub name: &'static str,
}

impl PyObject for BuiltinType {
    fn type_name(&self) -> &str {
        "type"
    }
    fn repr(&self) -> String {
        format!("<class '{}'>", self.name)
    }
}

/// An object a library module keeps (a Task, a Future, a Lock, a deque …): the module
/// says how it behaves, through this trait, so the operations need not know the module.
///
/// ```
/// use corosim::python::objects::{Native, NativeObject};
/// struct Token;
/// impl NativeObject for Token {
///     fn type_name(&self) -> &str { "Token" }
///     fn repr(&self) -> String { "<Token>".into() }
///     fn as_any(&self) -> &dyn std::any::Any { self }
/// }
/// let v = Native::value(Token);
/// assert_eq!(v.repr(), "<Token>");
/// ```
#[allow(clippy::len_without_is_empty)] // `len()` is Python's, asked only by `len(obj)`
pub trait NativeObject: std::any::Any {
    /// `type(obj).__name__`.
    fn type_name(&self) -> &str;
    /// `repr(obj)`.
    fn repr(&self) -> String;
    /// `str(obj)`, when it is not the repr (an `asyncio.Queue`'s has no address).
    fn to_str(&self) -> Option<String> {
        None
    }
    /// Itself, to find the module's own type again.
    fn as_any(&self) -> &dyn std::any::Any;
    /// `obj.name` (`this` is the object's value, for methods that hand it on).
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        let _ = this;
        Err(PyException::new(
            crate::exception::ATTRIBUTE_ERROR,
            format!("'{}' object has no attribute '{name}'", self.type_name()),
        ))
    }
    /// `obj(*args, **kwargs)`, if it can be called.
    fn call(&self, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Option<PyResult> {
        let _ = (args, kwargs);
        None
    }
    /// Whether it can be called.
    fn callable(&self) -> bool {
        false
    }
    /// What `await obj` delegates to, if it is awaitable.
    fn awaitable(&self) -> Option<Iterable> {
        None
    }
    /// Whether `await obj` works (without using it up).
    fn is_awaitable(&self) -> bool {
        false
    }
    /// `iter(obj)`, if it is iterable.
    fn iter(&self) -> PyResult<Option<Value>> {
        Ok(None)
    }
    /// `obj[key]`, if it is subscriptable.
    fn getitem(&self, key: &Value) -> PyResult<Option<Value>> {
        let _ = key;
        Ok(None)
    }
    /// `len(obj)`, if it has one.
    fn len(&self) -> Option<usize> {
        None
    }
    /// `next(obj)`, if it is an iterator: `Ok(None)` when it is exhausted.
    fn next(&self) -> Option<PyResult<Option<Value>>> {
        None
    }
    /// Whether it is an iterator (has `__next__`).
    fn is_iterator(&self) -> bool {
        false
    }
    /// `a == b`: the same object by default.
    fn same(&self, other: &dyn NativeObject) -> bool {
        std::ptr::addr_eq(self as *const Self, other as *const dyn NativeObject)
    }
    /// `isinstance(obj, self)`, when this object is a class.
    fn has_instance(&self, obj: &Value) -> bool {
        let _ = obj;
        false
    }
    /// `issubclass(cls, self)`, when this object is a class that knows (`None`: ask
    /// `cls` as for any other class).
    fn has_subclass(&self, cls: &Value) -> Option<bool> {
        let _ = cls;
        None
    }
}

/// A value holding a [`NativeObject`].
pub struct Native(pub Box<dyn NativeObject>);

impl Native {
    /// The object as a program's value.
    pub fn value(obj: impl NativeObject) -> Value {
        Value::Obj(Rc::new(Native(Box::new(obj))))
    }

    /// The module's own type behind it, if it is that type.
    pub fn get<T: 'static>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref::<T>()
    }
}

impl PyObject for Native {
    fn type_name(&self) -> &str {
        self.0.type_name()
    }
    fn repr(&self) -> String {
        self.0.repr()
    }
    fn to_str(&self) -> String {
        self.0.to_str().unwrap_or_else(|| self.0.repr())
    }
    /// A container (a deque, an asyncio.Queue) is false when empty, as `len()` is 0.
    fn truthy(&self) -> bool {
        self.0.len().is_none_or(|n| n > 0)
    }
}

/// The [`NativeObject`] behind a value: a [`Native`]'s, or an asyncio Future or Task,
/// which is the loop's own object, held with no wrapper (see `aio::Future::to_value`).
pub fn native_of(v: &Value) -> Option<&dyn NativeObject> {
    let Value::Obj(o) = v else { return None };
    let any = &**o as &dyn std::any::Any;
    match any.downcast_ref::<Native>() {
        Some(n) => Some(&*n.0),
        None => any.downcast_ref::<crate::aio::FutureCell>().map(|f| f as &dyn NativeObject),
    }
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
pub struct DictView {
    /// `dict_keys`, `dict_values` or `dict_items`.
    pub kind: &'static str,
    /// The dict it shows.
    pub dict: Rc<Dict>,
}

impl DictView {
    /// The items the view shows now.
    pub fn items(&self) -> Vec<Value> {
        let d = self.dict.0.borrow();
        match self.kind {
            "dict_keys" => d.keys().map(|k| k.0.clone()).collect(),
            "dict_values" => d.values().cloned().collect(),
            _ => d.iter().map(|(k, v)| Value::tuple([k.0.clone(), v.clone()])).collect(),
        }
    }
}

impl PyObject for DictView {
    fn type_name(&self) -> &str {
        self.kind
    }
    fn repr(&self) -> String {
        format!("{}([{}])", self.kind, self.items().iter().map(repr_of).collect::<Vec<_>>().join(", "))
    }
    fn truthy(&self) -> bool {
        !self.dict.0.borrow().is_empty()
    }
}

/// The class a program defined for an exception, if it is one of theirs.
pub fn class_of_exception(e: &PyException) -> Option<Rc<Class>> {
    let class = e.class();
    EXC_CLASSES.with(|r| r.borrow().iter().find(|(c, _)| *c == class).map(|(_, k)| k.clone()))
}

/// The class a program defined for a runtime exception class, if it is one of theirs.
pub fn program_class(exc: ExcClass) -> Option<Rc<Class>> {
    EXC_CLASSES.with(|r| r.borrow().iter().find(|(c, _)| *c == exc).map(|(_, k)| k.clone()))
}

/// Forgets the program's exception classes (a new program starts).
pub fn forget_exc_classes() {
    EXC_CLASSES.with(|r| r.borrow_mut().clear());
}

thread_local! {
    /// A program's exception classes, with the runtime class each stands for.
    static EXC_CLASSES: RefCell<Vec<(ExcClass, Rc<Class>)>> = const { RefCell::new(Vec::new()) };
    /// The evaluation loop's `call`, installed by it: the one way code below it calls
    /// back into Python (a class's `__repr__`, `__eq__`, a key function).
    static CALL: StdCell<Option<CallFn>> = const { StdCell::new(None) };
}

/// The program's object for a runtime future a generator yielded (`Value::Object`),
/// installed by the asyncio module.
pub type FutureObjectFn = fn(crate::value::ObjectId) -> Option<Value>;

thread_local! {
    static FUTURE_OBJECT: StdCell<Option<FutureObjectFn>> = const { StdCell::new(None) };
}

/// Installs the lookup [`future_object`] uses.
pub fn install_future_object(f: FutureObjectFn) {
    FUTURE_OBJECT.with(|c| c.set(Some(f)));
}

/// The program's object for runtime future `id`, if the asyncio module knows it.
pub fn future_object(id: crate::value::ObjectId) -> Option<Value> {
    FUTURE_OBJECT.with(|c| c.get()).and_then(|f| f(id))
}

/// How a function value is called (`eval::call`).
pub type CallFn = fn(&Value, Vec<Value>, Kwargs) -> PyResult;

/// Installs the evaluation loop's `call` (done once per program by `eval`).
pub fn install_call(f: CallFn) {
    CALL.with(|c| c.set(Some(f)));
}

/// `f(*args, **kwargs)`, through the evaluation loop.
pub fn call(f: &Value, args: Vec<Value>, kwargs: Kwargs) -> PyResult {
    let call = CALL.with(|c| c.get()).expect("the evaluation loop installs `call` before a program runs");
    call(f, args, kwargs)
}

/// Registers a program's exception class.
pub fn register_exc_class(exc: ExcClass, class: Rc<Class>) {
    EXC_CLASSES.with(|r| r.borrow_mut().push((exc, class)));
}

/// Calls `obj.name(*args)` if the object's class defines `name`; `Ok(None)` if not.
pub fn call_method_opt(obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Option<Value>> {
    let class = match obj {
        Value::Exception(e) => class_of_exception(e),
        _ => downcast::<Instance>(obj).map(|i| i.class.clone()),
    };
    let Some(class) = class else { return Ok(None) };
    let Some(f) = class.lookup(name) else { return Ok(None) };
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(obj.clone());
    all.extend(args);
    call(&f, all, Vec::new()).map(Some)
}

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

/// `repr(v)`, running a class's `__repr__`.
pub fn repr(v: &Value) -> PyResult<String> {
    if let Some(inst) = downcast::<Instance>(v) {
        if let Some(r) = call_method_opt(v, "__repr__", vec![])? {
            return match r {
                Value::Str(s) => Ok(s.to_string()),
                other => {
                    Err(type_error(format!("__repr__ returned non-string (type {})", other.type_name())))
                }
            };
        }
        return Ok(inst.repr());
    }
    match v {
        Value::Exception(e) => Ok(exception_repr(e)),
        Value::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr).collect::<PyResult<_>>()?;
            Ok(if parts.len() == 1 { format!("({},)", parts[0]) } else { format!("({})", parts.join(", ")) })
        }
        Value::ExcClass(c) => Ok(format!("<class '{}'>", c.qualified_name())),
        _ => Ok(v.repr()),
    }
}

/// An exception's repr, its class named as the program named it.
fn exception_repr(e: &PyException) -> String {
    let args: Vec<String> = e.args().iter().map(repr_of).collect();
    if args.len() == 1 {
        format!("{}({})", e.name(), args[0])
    } else {
        format!("{}({})", e.name(), args.join(", "))
    }
}

/// The traceback and attributes the interpreter keeps with an exception.
#[derive(Default)]
pub struct ExcExtra {
    /// `(line, function name)` of each frame it passed through, outermost first.
    pub traceback: RefCell<Vec<(u32, Rc<str>)>>,
    /// The expression that failed in each of those frames, when known.
    pub spans: RefCell<Vec<Option<super::code::Span>>>,
    /// Attributes set on it (`self.code = 3` in `__init__`).
    pub attrs: RefCell<IndexMap<Rc<str>, Value>>,
    /// `args` when `__init__` set them through `super().__init__(...)`.
    pub args: RefCell<Option<Vec<Value>>>,
    /// For a `NameError`: the names its frame could see ("Did you mean").
    pub scope: RefCell<Option<NameScope>>,
}

/// Where a `NameError`'s candidates come from: the frame's local variable names and its
/// globals (the builtins are the same for every frame).
pub struct NameScope {
    /// The frame's local variable names (`co_varnames`).
    pub locals: Vec<Rc<str>>,
    /// The frame's globals.
    pub globals: Namespace,
}

/// `NameError: name 'x' is not defined`, remembering the scope it was raised in.
pub fn name_error(name: &str, locals: &[Rc<str>], globals: &Namespace) -> PyException {
    let e = PyException::new(NAME_ERROR, format!("name '{name}' is not defined"));
    let extra = e.extra(|| Rc::new(ExcExtra::default()));
    extra.attrs.borrow_mut().insert(Rc::from("name"), Value::str(name));
    *extra.scope.borrow_mut() = Some(NameScope { locals: locals.to_vec(), globals: globals.clone() });
    e
}

/// Gives an `AttributeError` raised by `getattr(obj, name)` its `name` and `obj`, as
/// CPython's has.
pub fn note_attribute_error(e: &PyException, obj: &Value, name: &str) {
    if e.class().name() != "AttributeError" || e.class().module() != "builtins" {
        return;
    }
    let extra = e.extra(|| Rc::new(ExcExtra::default()));
    let mut attrs = extra.attrs.borrow_mut();
    if !attrs.contains_key("obj") {
        attrs.insert(Rc::from("name"), Value::str(name));
        attrs.insert(Rc::from("obj"), obj.clone());
    }
}

/// `str(v)`, running a class's `__str__` (or `__repr__`).
pub fn str_of(v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Obj(_) if downcast::<Instance>(v).is_some() => {
            if let Some(r) = call_method_opt(v, "__str__", vec![])? {
                return match r {
                    Value::Str(s) => Ok(s.to_string()),
                    other => {
                        Err(type_error(format!("__str__ returned non-string (type {})", other.type_name())))
                    }
                };
            }
            repr(v)
        }
        Value::Exception(e) => {
            if let Some(class) = class_of_exception(e)
                && class.lookup("__str__").is_some()
            {
                let r = call_method_opt(v, "__str__", vec![])?.unwrap_or_default();
                return Ok(r.to_str());
            }
            if e.is_instance(BASE_EXCEPTION_GROUP) {
                // BaseExceptionGroup.__str__: "message (N sub-exceptions)".
                return Ok(e.message());
            }
            // The args `super().__init__(...)` set, if it ran.
            let set = e.extra_if::<ExcExtra>().and_then(|x| x.args.borrow().clone());
            if set.is_none() && e.is_instance(crate::exception::OS_ERROR) {
                // OSError's own __str__: `[Errno 2] No such file or directory: 'x'`.
                return Ok(e.message());
            }
            Ok(match set.as_deref().unwrap_or(e.args()) {
                [] => String::new(),
                [one] if e.is_instance(KEY_ERROR) => repr(one)?,
                [one] => str_of(one)?,
                many => repr(&Value::Tuple(many.iter().cloned().collect()))?,
            })
        }
        Value::Tuple(_) => repr(v),
        _ => Ok(v.to_str()),
    }
}

/// `==` without running any Python code: numbers by value, strings and containers by
/// content, other objects by identity.
pub fn eq_plain(a: &Value, b: &Value) -> bool {
    if is_int(a) && is_int(b) {
        return as_big(a) == as_big(b);
    }
    match (a, b) {
        (Value::Float(f), i) | (i, Value::Float(f)) if is_int(i) => {
            return int_float_cmp(i, *f) == Some(std::cmp::Ordering::Equal);
        }
        _ => {}
    }
    if let (Some(x), Some(y)) = (downcast::<List>(a), downcast::<List>(b)) {
        let (x, y) = (x.0.borrow(), y.0.borrow());
        return x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| eq_plain(p, q));
    }
    if let (Some(x), Some(y)) = (downcast::<Dict>(a), downcast::<Dict>(b)) {
        let (x, y) = (x.0.borrow(), y.0.borrow());
        return x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| eq_plain(v, w)));
    }
    if let (Some(x), Some(y)) = (downcast::<Set>(a), downcast::<Set>(b)) {
        let (x, y) = (x.items.borrow(), y.items.borrow());
        return x.len() == y.len() && x.iter().all(|k| y.holds(k));
    }
    if let (Value::Tuple(x), Value::Tuple(y)) = (a, b) {
        return x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| eq_plain(p, q));
    }
    // A named tuple is a tuple: it equals one of the same items.
    let items = |v: &Value| match v {
        Value::Tuple(t) => Some(t.to_vec()),
        Value::Named(n) => Some(n.fields.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>()),
        _ => None,
    };
    if (matches!(a, Value::Named(_)) || matches!(b, Value::Named(_)))
        && let (Some(x), Some(y)) = (items(a), items(b))
    {
        return x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| eq_plain(p, q));
    }
    if let (Some(x), Some(y)) = (as_bytes(a), as_bytes(b)) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (downcast::<Range>(a), downcast::<Range>(b)) {
        return x.start == y.start && x.stop == y.stop && x.step == y.step;
    }
    if let (Some(x), Some(y)) = (native_of(a), native_of(b)) {
        return x.same(y);
    }
    a == b
}

/// An int compared with a float exactly, as CPython compares them (`2**53 + 1 > 2.0**53`,
/// `10**400 < float('inf')`); `None` against a NaN.
pub fn int_float_cmp(i: &Value, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if let Some(x) = i.as_int()
        && x.unsigned_abs() <= 1 << 53
    {
        return (x as f64).partial_cmp(&f);
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let i = as_big(i)?;
    let floor = f.floor();
    let whole = <num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(floor)?;
    Some(match i.cmp(&whole) {
        Ordering::Equal if f > floor => Ordering::Less,
        other => other,
    })
}

/// An int as a big integer, if the value is one.
pub fn as_big(v: &Value) -> Option<num_bigint::BigInt> {
    match v {
        Value::Int(i) => Some(num_bigint::BigInt::from(*i)),
        Value::Bool(b) => Some(num_bigint::BigInt::from(*b as i64)),
        _ => downcast::<BigInt>(v).map(|b| b.0.clone()),
    }
}

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || downcast::<BigInt>(v).is_some()
}
