//! A `set`'s members in CPython 3.11's hash table (`Objects/setobject.c`), so that a set
//! iterates — and prints — in the order CPython's does.
//!
//! Python gives a set no order, but CPython's is not random: a set is an array of slots
//! (8 at first) and iterating it walks the slots in order. A member goes to slot
//! `hash & mask`; if that is taken, the probe looks at the next 9 slots (`LINEAR_PROBES`,
//! for cache locality), then jumps to `(i * 5 + 1 + perturb) & mask`, where `perturb`
//! starts as the hash and loses 5 bits a jump (`PERTURB_SHIFT`), so every bit of the
//! hash gets a say. Removing a member leaves a *dummy* in its slot (a probe must go on
//! past it); `add` reuses the last dummy it passed. When used and dummy slots reach 3/5
//! of the table, it grows to the smallest power of two above 4× the members (2× past
//! 50,000) and every member is placed again in old-slot order, which is what reshuffles
//! a set as it grows.
//!
//! How each operation builds its result decides the order too, and is CPython's here:
//! `set(a_set)`, `copy()` and `|` copy the other table (slot for slot when the sizes
//! match), `&` walks the smaller operand, `^` starts from a copy of the right operand,
//! `pop()` takes the first member from a moving finger.
//!
//! Members whose hash is not the same in every CPython run (see `hash.rs`: objects hashed
//! by identity, `None`, a NaN) cannot be placed as CPython would; they follow the table's
//! members, in insertion order.
//!
//! ```
//! use corosim::python::set_table::SetItems;
//! use corosim::python::objects::Key;
//! use corosim::Value;
//! let items: SetItems = [3, 1, 2, 9].into_iter().map(|i| Key(Value::Int(i))).collect();
//! let order: Vec<String> = items.iter().map(|k| k.0.repr()).collect();
//! assert_eq!(order, ["1", "9", "2", "3"]); // as CPython prints {3, 1, 2, 9}
//! ```

use std::rc::Rc;

use indexmap::IndexSet;

use super::hash::{cpython_hash, hash_members};
use super::objects::{Dict, DictKind, Key, Set, downcast, eq_plain};
use super::ops;
use crate::exception::PyResult;
use crate::value::Value;

/// The slots of a new table (`PySet_MINSIZE`).
const MIN_SIZE: usize = 8;
/// Slots looked at next to the first before jumping (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// Bits of the hash mixed in at each jump (`PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    /// Once held a member: a probe goes on past it.
    Dummy,
    Active(i64, Key),
}

/// CPython's open-addressing table of the members with deterministic hashes.
#[derive(Clone)]
struct Table {
    slots: Vec<Slot>,
    /// Slots not empty (members and dummies).
    fill: usize,
    /// Members.
    used: usize,
    /// Where `pop()` looks first.
    finger: usize,
}

impl Default for Table {
    fn default() -> Table {
        Table { slots: vec![Slot::Empty; MIN_SIZE], fill: 0, used: 0, finger: 0 }
    }
}

/// The probe sequence from a hash: runs of slots `(start, how many)`, forever.
fn probes(hash: i64, mask: usize) -> impl Iterator<Item = (usize, usize)> {
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    std::iter::from_fn(move || {
        let run = (i, if i + LINEAR_PROBES <= mask { LINEAR_PROBES + 1 } else { 1 });
        perturb >>= PERTURB_SHIFT;
        i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize) & mask;
        Some(run)
    })
}

impl Table {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The slot holding a member equal to `key` (`set_lookkey`).
    fn find(&self, hash: i64, key: &Key) -> Option<usize> {
        for (start, n) in probes(hash, self.mask()) {
            for at in start..start + n {
                match &self.slots[at] {
                    Slot::Empty => return None,
                    Slot::Active(h, k) if *h == hash && eq_plain(&k.0, &key.0) => return Some(at),
                    _ => {}
                }
            }
        }
        unreachable!("a table always has an empty slot")
    }

    /// Adds `key` unless an equal member is there (`set_add_entry`); true if added.
    fn add(&mut self, hash: i64, key: Key) -> bool {
        let mask = self.mask();
        let mut dummy = None;
        let mut empty = 0;
        'probe: for (start, n) in probes(hash, mask) {
            for at in start..start + n {
                match &self.slots[at] {
                    Slot::Empty => {
                        empty = at;
                        break 'probe;
                    }
                    Slot::Active(h, k) if *h == hash && eq_plain(&k.0, &key.0) => return false,
                    Slot::Dummy => dummy = Some(at),
                    _ => {}
                }
            }
        }
        self.used += 1;
        if let Some(at) = dummy {
            self.slots[at] = Slot::Active(hash, key);
            return true;
        }
        self.slots[empty] = Slot::Active(hash, key);
        self.fill += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(self.growth());
        }
        true
    }

    /// The size a full table asks for: 4× its members (2× past 50,000).
    fn growth(&self) -> usize {
        if self.used > 50000 { self.used * 2 } else { self.used * 4 }
    }

    /// Places a member known to be absent in a table without dummies (`set_insert_clean`).
    fn insert_clean(slots: &mut [Slot], hash: i64, key: Key) {
        let mask = slots.len() - 1;
        for (start, n) in probes(hash, mask) {
            if let Some(at) = (start..start + n).find(|&at| matches!(slots[at], Slot::Empty)) {
                slots[at] = Slot::Active(hash, key);
                return;
            }
        }
    }

    /// A table of the smallest power of two above `min_used` slots, with the members
    /// placed again in their old slot order and the dummies gone (`set_table_resize`).
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        for slot in old {
            if let Slot::Active(h, k) = slot {
                Table::insert_clean(&mut self.slots, h, k);
            }
        }
        self.fill = self.used;
    }

    /// Leaves a dummy where `key` was (`set_discard_entry`).
    fn discard(&mut self, hash: i64, key: &Key) -> bool {
        let Some(at) = self.find(hash, key) else { return false };
        self.slots[at] = Slot::Dummy;
        self.used -= 1;
        true
    }

    /// The first member from the finger on, wrapping round (`set_pop`).
    fn pop(&mut self) -> Option<Key> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut at = self.finger & mask;
        while !matches!(self.slots[at], Slot::Active(..)) {
            at = if at == mask { 0 } else { at + 1 };
        }
        let Slot::Active(_, key) = std::mem::replace(&mut self.slots[at], Slot::Dummy) else {
            unreachable!()
        };
        self.used -= 1;
        self.finger = at + 1;
        Some(key)
    }

    /// Empty again, 8 slots; the finger stays (`set_clear_internal`).
    fn clear(&mut self) {
        *self = Table { finger: self.finger, ..Table::default() };
    }

    /// Adds every member of `other` (`set_merge`): one resize first; into an empty
    /// table of the same size, a copy slot for slot.
    fn merge(&mut self, other: &Table) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.slots.clone_from(&other.slots);
        } else if self.fill == 0 {
            for (h, k) in other.members() {
                Table::insert_clean(&mut self.slots, h, k.clone());
            }
        } else {
            for (h, k) in other.members() {
                self.add(h, k.clone());
            }
            return;
        }
        self.fill = other.used;
        self.used = other.used;
    }

    /// The members with their hashes, in slot order.
    fn members(&self) -> impl Iterator<Item = (i64, &Key)> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Active(h, k) => Some((*h, k)),
            _ => None,
        })
    }
}

/// A set's members: those with deterministic hashes in CPython's table, in its order,
/// then the others in insertion order.
#[derive(Clone, Default)]
pub struct SetItems {
    table: Table,
    others: IndexSet<Key>,
}

impl FromIterator<Key> for SetItems {
    /// Adds each in turn, as `set(a_list)` does.
    fn from_iter<I: IntoIterator<Item = Key>>(keys: I) -> SetItems {
        let mut items = SetItems::default();
        for k in keys {
            items.insert(k);
        }
        items
    }
}

impl SetItems {
    /// `s.add(key)`; true if it was not there.
    pub fn insert(&mut self, key: Key) -> bool {
        match cpython_hash(&key.0) {
            Some(h) => self.table.add(h, key),
            None => self.others.insert(key),
        }
    }

    /// `key in s`.
    pub fn contains(&self, key: &Key) -> bool {
        match cpython_hash(&key.0) {
            Some(h) => self.table.find(h, key).is_some(),
            None => self.others.contains(key),
        }
    }

    /// `s.discard(key)`; true if it was there.
    pub fn remove(&mut self, key: &Key) -> bool {
        match cpython_hash(&key.0) {
            Some(h) => self.table.discard(h, key),
            None => self.others.shift_remove(key),
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
    }

    /// `len(s)`.
    pub fn len(&self) -> usize {
        self.table.used + self.others.len()
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
        Some(hash_members(self.table.members().map(|(h, _)| h)))
    }

    /// Adds every member of another set (`set_merge`).
    fn merge(&mut self, other: &SetItems) {
        self.table.merge(&other.table);
        self.others.extend(other.others.iter().cloned());
    }

    /// A copy, built as CPython copies (`set_copy`: a merge into an empty set).
    pub fn copy(&self) -> SetItems {
        let mut out = SetItems::default();
        out.merge(self);
        out
    }

    /// Adds a dict's keys: one resize for all of them first, then each in turn.
    fn extend_from_dict(&mut self, keys: Vec<Key>) {
        let t = &mut self.table;
        if (t.fill + keys.len()) * 5 >= t.mask() * 3 {
            t.resize((t.used + keys.len()) * 2);
        }
        keys.into_iter().for_each(|k| _ = self.insert(k));
    }

    /// The dummies purged when they are over a quarter of the table (after a
    /// `difference_update`).
    fn purge_dummies(&mut self) {
        let t = &mut self.table;
        if t.fill - t.used > t.mask() / 4 {
            t.resize(t.growth());
        }
    }
}

// ------------------------------------------------------------ the operations, as CPython builds them

/// What a set operation is given: a set, an exact `dict` (its keys), or other iterables.
enum Operand {
    Set(SetItems),
    Dict(Vec<Key>),
    Iterable(Vec<Key>),
}

fn operand(v: &Value) -> PyResult<Operand> {
    if let Some(s) = downcast::<Set>(v) {
        return Ok(Operand::Set(s.items.borrow().clone()));
    }
    if let Some(d) = downcast::<Dict>(v)
        && let DictKind::Plain = d.1
    {
        return Ok(Operand::Dict(d.0.borrow().keys().cloned().collect()));
    }
    Ok(Operand::Iterable(ops::iterate(v)?.into_iter().map(Key::new).collect::<PyResult<_>>()?))
}

/// Whether `other` is the set `me` itself (`a.update(a)`, `a ^ a`).
fn same(me: &Set, other: &Value) -> bool {
    downcast::<Set>(other).is_some_and(|o| std::ptr::eq(o, me))
}

/// `set(iterable)` and `frozenset(iterable)` (`make_new_set`).
pub fn from_iterable(v: &Value) -> PyResult<SetItems> {
    let mut items = SetItems::default();
    update_with(&mut items, operand(v)?);
    Ok(items)
}

fn update_with(items: &mut SetItems, other: Operand) {
    match other {
        Operand::Set(s) => items.merge(&s),
        Operand::Dict(keys) => items.extend_from_dict(keys),
        Operand::Iterable(keys) => keys.into_iter().for_each(|k| _ = items.insert(k)),
    }
}

/// `s.update(other)`, `s |= other`, `{*other}` (`set_update_internal`).
pub fn update(me: &Set, other: &Value) -> PyResult<()> {
    if same(me, other) {
        return Ok(());
    }
    let other = operand(other)?;
    update_with(&mut me.items.borrow_mut(), other);
    Ok(())
}

/// `a.union(b)`, `a | b`: a copy of `a`, updated.
pub fn union(me: &Set, other: &Value) -> PyResult<SetItems> {
    union_many(me, std::slice::from_ref(other))
}

/// `a.union(b, c, ...)`: a copy of `a`, updated with each (`a` itself skipped).
pub fn union_many(me: &Set, others: &[Value]) -> PyResult<SetItems> {
    let mut out = me.items.borrow().copy();
    for other in others.iter().filter(|o| !same(me, o)) {
        update_with(&mut out, operand(other)?);
    }
    Ok(out)
}

/// `a.intersection(b, c, ...)`: each result intersected with the next.
pub fn intersection_many(me: &Set, others: &[Value]) -> PyResult<SetItems> {
    let Some((first, rest)) = others.split_first() else { return Ok(me.items.borrow().copy()) };
    let mut out = intersection(me, first)?;
    for other in rest {
        let step = Set { items: std::cell::RefCell::new(out), frozen: me.frozen };
        out = intersection(&step, other)?;
    }
    Ok(out)
}

/// `a.difference(b, c, ...)`: `a - b`, then the others removed from it.
pub fn difference_many(me: &Set, others: &[Value]) -> PyResult<SetItems> {
    let Some((first, rest)) = others.split_first() else { return Ok(me.items.borrow().copy()) };
    let mut out = difference(me, first)?;
    for other in rest {
        difference_update_with(&mut out, operand(other)?);
    }
    Ok(out)
}

/// `a.intersection(b)`, `a & b`: the smaller set walked (the right one when equal), each
/// member kept that the other holds; with an iterable, its items in its order.
pub fn intersection(me: &Set, other: &Value) -> PyResult<SetItems> {
    let mine = me.items.borrow().clone();
    if same(me, other) {
        return Ok(mine.copy());
    }
    let mut out = SetItems::default();
    match operand(other)? {
        Operand::Set(theirs) => {
            let (walked, probed) =
                if theirs.len() > mine.len() { (&mine, &theirs) } else { (&theirs, &mine) };
            for k in walked.iter().filter(|k| probed.contains(k)) {
                out.insert(k.clone());
            }
        }
        Operand::Dict(keys) | Operand::Iterable(keys) => {
            for k in keys.into_iter().filter(|k| mine.contains(k)) {
                out.insert(k);
            }
        }
    }
    Ok(out)
}

/// `a.difference_update(b)`, `a -= b`: dummies where the members were, purged if many.
fn difference_update_with(items: &mut SetItems, other: Operand) {
    match other {
        Operand::Set(s) => s.iter().for_each(|k| _ = items.remove(k)),
        Operand::Dict(keys) | Operand::Iterable(keys) => keys.iter().for_each(|k| _ = items.remove(k)),
    }
    items.purge_dummies();
}

/// `s.difference_update(other)`, `s -= other`.
pub fn difference_update(me: &Set, other: &Value) -> PyResult<()> {
    if same(me, other) {
        me.items.borrow_mut().clear();
        return Ok(());
    }
    let other = operand(other)?;
    difference_update_with(&mut me.items.borrow_mut(), other);
    Ok(())
}

/// `a.difference(b)`, `a - b`: against a much smaller set or dict, or an iterable, a copy
/// of `a` with `b`'s members removed; otherwise `a`'s members not in `b`, added anew.
pub fn difference(me: &Set, other: &Value) -> PyResult<SetItems> {
    let mine = me.items.borrow().clone();
    if same(me, other) {
        return Ok(SetItems::default());
    }
    let other = operand(other)?;
    let other_len = match &other {
        Operand::Set(s) => s.len(),
        Operand::Dict(keys) => keys.len(),
        Operand::Iterable(_) => usize::MAX,
    };
    if other_len == usize::MAX || (mine.len() >> 2) > other_len {
        let mut out = mine.copy();
        difference_update_with(&mut out, other);
        return Ok(out);
    }
    let theirs: SetItems = match other {
        Operand::Set(s) => s,
        Operand::Dict(keys) | Operand::Iterable(keys) => keys.into_iter().collect(),
    };
    Ok(mine.iter().filter(|k| !theirs.contains(k)).cloned().collect())
}

/// `s.symmetric_difference_update(other)`, `s ^= other`: each of `other`'s members
/// removed if there, else added.
fn symmetric_update_with(items: &mut SetItems, other: Operand) {
    let flip = |items: &mut SetItems, k: &Key| {
        if !items.remove(k) {
            items.insert(k.clone());
        }
    };
    match other {
        Operand::Dict(keys) => keys.iter().for_each(|k| flip(items, k)),
        Operand::Set(s) => s.iter().for_each(|k| flip(items, k)),
        Operand::Iterable(keys) => keys.into_iter().collect::<SetItems>().iter().for_each(|k| flip(items, k)),
    }
}

/// `s.symmetric_difference_update(other)`, `s ^= other`.
pub fn symmetric_difference_update(me: &Set, other: &Value) -> PyResult<()> {
    if same(me, other) {
        me.items.borrow_mut().clear();
        return Ok(());
    }
    let other = operand(other)?;
    symmetric_update_with(&mut me.items.borrow_mut(), other);
    Ok(())
}

/// `a.symmetric_difference(b)`, `a ^ b`: `set(b)`, then each of `a`'s members flipped.
pub fn symmetric_difference(me: &Set, other: &Value) -> PyResult<SetItems> {
    let mut out = from_iterable(other)?;
    let mine = me.items.borrow().clone();
    symmetric_update_with(&mut out, Operand::Set(mine));
    Ok(out)
}

/// `a < b`, `a <= b`, `a > b`, `a >= b` for two sets: subset and superset tests, which
/// no order changes. `None` unless both are sets.
pub fn compare(op: super::code::CmpOp, a: &Value, b: &Value) -> Option<bool> {
    use super::code::CmpOp;
    let (x, y) = (downcast::<Set>(a)?, downcast::<Set>(b)?);
    let (x, y) = (x.items.borrow(), y.items.borrow());
    let subset = |p: &SetItems, q: &SetItems| p.len() <= q.len() && p.iter().all(|k| q.contains(k));
    Some(match op {
        CmpOp::Lt => x.len() < y.len() && subset(&x, &y),
        CmpOp::Le => subset(&x, &y),
        CmpOp::Gt => x.len() > y.len() && subset(&y, &x),
        CmpOp::Ge => subset(&y, &x),
        _ => return None,
    })
}

/// A new `set` or `frozenset` holding `items`.
pub fn new_value(items: SetItems, frozen: bool) -> Value {
    Value::Obj(Rc::new(Set { items: std::cell::RefCell::new(items), frozen }))
}

/// `a OP b` for two sets (`|`, `&`, `-`, `^`); `None` for other operators. The result
/// has the left operand's type.
pub fn binary(op: super::code::BinOp, a: &Set, b: &Value) -> PyResult<Option<Value>> {
    use super::code::BinOp;
    let items = match op {
        BinOp::Or => union(a, b)?,
        BinOp::And => intersection(a, b)?,
        BinOp::Sub => difference(a, b)?,
        BinOp::Xor => symmetric_difference(a, b)?,
        _ => return Ok(None),
    };
    Ok(Some(new_value(items, a.frozen)))
}

/// `s.intersection_update(...)`, `s &= t`: the result's table becomes the set's; its
/// `pop()` finger stays (`set_swap_bodies`).
pub fn replace_keeping_finger(me: &Set, mut items: SetItems) {
    let mut mine = me.items.borrow_mut();
    items.table.finger = mine.table.finger;
    *mine = items;
}

/// `a OP= b` for a mutable set and a set: `a` updated in place (a frozenset gets a new
/// value, as `a = a OP b`). `None` when this is not such a case.
pub fn inplace(op: super::code::BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    use super::code::BinOp;
    let (Some(me), Some(_)) = (downcast::<Set>(a), downcast::<Set>(b)) else { return Ok(None) };
    if me.frozen {
        return Ok(None);
    }
    match op {
        BinOp::Or => update(me, b)?,
        BinOp::And => {
            let items = intersection(me, b)?;
            replace_keeping_finger(me, items);
        }
        BinOp::Sub => difference_update(me, b)?,
        BinOp::Xor => symmetric_difference_update(me, b)?,
        _ => return Ok(None),
    }
    Ok(Some(a.clone()))
}
