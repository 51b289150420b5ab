//! Python's set operations, each building its result as CPython 3.11's
//! `Objects/setobject.c` does, since that decides the result's order: `set(x)`, `copy()`
//! and `a | b` merge whole tables (`set_table.rs`), `a & b` walks the smaller set, `a - b`
//! copies `a` and removes `b`'s members or adds `a`'s members anew, by their sizes, and
//! `a ^ b` starts from `set(b)`. The in-place forms (`|=`, `&=`, `-=`, `^=` and the
//! `*_update` methods) change the set itself, as aliases see.
//!
//! Members are compared as CPython compares them (identity, hash, then `==`, which may
//! run a class's `__eq__`), so every operation can fail with that method's exception.
//!
//! ```
//! let out = corosim::python::run_to_string("a = {1, 9, 17}\nb = {9, 2}\nprint(a | b, a & b, a - b, a ^ b)\n");
//! assert_eq!(out, "{1, 17, 2, 9} {9} {1, 17} {17, 2, 1}\n");
//! ```

use super::bytes::Iterate;
use super::code::{BinOp, CmpOp};
use super::objects::{Dict, DictKind, Key, Set, SetItems, downcast, new_set_of};
use crate::exception::PyResult;
use crate::value::Value;

/// What a set operation is given: a set, an exact `dict` (its keys), or other iterables.
enum Operand {
    Set(SetItems),
    Dict(Vec<Key>),
    Iterable(Vec<Key>),
}

impl Operand {
    /// Whether comparing with its members may run an `__eq__`.
    fn is_rich(&self) -> bool {
        match self {
            Operand::Set(s) => s.has_rich(),
            Operand::Dict(keys) | Operand::Iterable(keys) => keys.iter().any(Key::is_rich),
        }
    }
}

fn operand(v: &Value, iterate: Iterate) -> PyResult<Operand> {
    if let Some(s) = downcast::<Set>(v) {
        return Ok(Operand::Set(s.items.borrow().clone()));
    }
    if let Some(d) = downcast::<Dict>(v)
        && let DictKind::Plain = d.1
    {
        return Ok(Operand::Dict(d.0.borrow().keys().cloned().collect()));
    }
    Ok(Operand::Iterable(iterate(v)?.into_iter().map(Key::new).collect::<PyResult<_>>()?))
}

/// Whether `other` is the set `me` itself (`a.update(a)`, `a ^ a`).
fn same(me: &Set, other: &Value) -> bool {
    downcast::<Set>(other).is_some_and(|o| std::ptr::eq(o, me))
}

/// `set(iterable)` and `frozenset(iterable)` (`make_new_set`).
pub fn from_iterable(v: &Value, iterate: Iterate) -> PyResult<SetItems> {
    let mut items = SetItems::default();
    update_with(&mut items, operand(v, iterate)?)?;
    Ok(items)
}

fn update_with(items: &mut SetItems, other: Operand) -> PyResult<()> {
    match other {
        Operand::Set(s) => items.merge(&s),
        Operand::Dict(keys) => items.extend_from_dict(keys),
        Operand::Iterable(keys) => keys.into_iter().try_for_each(|k| items.insert(k).map(drop)),
    }
}

/// `s.update(other)`, `s |= other`, `{*other}` (`set_update_internal`).
pub fn update(me: &Set, other: &Value, iterate: Iterate) -> PyResult<()> {
    if same(me, other) {
        return Ok(());
    }
    let other = operand(other, iterate)?;
    me.with_items(other.is_rich(), |items| update_with(items, other))
}

/// `a.union(b)`, `a | b`: a copy of `a`, updated.
pub fn union(me: &Set, other: &Value, iterate: Iterate) -> PyResult<SetItems> {
    union_many(me, std::slice::from_ref(other), iterate)
}

/// `a.union(b, c, ...)`: a copy of `a`, updated with each (`a` itself skipped).
pub fn union_many(me: &Set, others: &[Value], iterate: Iterate) -> PyResult<SetItems> {
    let mut out = me.items.borrow().copy();
    for other in others.iter().filter(|o| !same(me, o)) {
        update_with(&mut out, operand(other, iterate)?)?;
    }
    Ok(out)
}

/// `a.intersection(b, c, ...)`: each result intersected with the next.
pub fn intersection_many(me: &Set, others: &[Value], iterate: Iterate) -> PyResult<SetItems> {
    let Some((first, rest)) = others.split_first() else { return Ok(me.items.borrow().copy()) };
    let mut out = intersection(me, first, iterate)?;
    for other in rest {
        let step = Set { items: std::cell::RefCell::new(out), frozen: me.frozen };
        out = intersection(&step, other, iterate)?;
    }
    Ok(out)
}

/// `a.difference(b, c, ...)`: `a - b`, then the others removed from it.
pub fn difference_many(me: &Set, others: &[Value], iterate: Iterate) -> PyResult<SetItems> {
    let Some((first, rest)) = others.split_first() else { return Ok(me.items.borrow().copy()) };
    let mut out = difference(me, first, iterate)?;
    for other in rest {
        difference_update_with(&mut out, operand(other, iterate)?)?;
    }
    Ok(out)
}

/// `a.intersection(b)`, `a & b`: the smaller set walked (the right one when equal), each
/// member kept that the other holds; with an iterable, its items in its order.
pub fn intersection(me: &Set, other: &Value, iterate: Iterate) -> PyResult<SetItems> {
    let mine = me.items.borrow().clone();
    if same(me, other) {
        return Ok(mine.copy());
    }
    let mut out = SetItems::default();
    match operand(other, iterate)? {
        Operand::Set(theirs) => {
            let (walked, probed) =
                if theirs.len() > mine.len() { (&mine, &theirs) } else { (&theirs, &mine) };
            for k in walked.iter() {
                if probed.contains(k)? {
                    out.insert(k.clone())?;
                }
            }
        }
        Operand::Dict(keys) | Operand::Iterable(keys) => {
            for k in keys {
                if mine.contains(&k)? {
                    out.insert(k)?;
                }
            }
        }
    }
    Ok(out)
}

/// `a.difference_update(b)`, `a -= b`: dummies where the members were, purged if many.
fn difference_update_with(items: &mut SetItems, other: Operand) -> PyResult<()> {
    let removed = match other {
        Operand::Set(s) => s.iter().try_for_each(|k| items.remove(k).map(drop)),
        Operand::Dict(keys) | Operand::Iterable(keys) => {
            keys.iter().try_for_each(|k| items.remove(k).map(drop))
        }
    };
    items.purge_dummies();
    removed
}

/// `s.difference_update(other)`, `s -= other`.
pub fn difference_update(me: &Set, other: &Value, iterate: Iterate) -> PyResult<()> {
    if same(me, other) {
        me.items.borrow_mut().clear();
        return Ok(());
    }
    let other = operand(other, iterate)?;
    me.with_items(other.is_rich(), |items| difference_update_with(items, other))
}

/// `a.difference(b)`, `a - b`: against a much smaller set or dict, or an iterable, a copy
/// of `a` with `b`'s members removed; otherwise `a`'s members not in `b`, added anew.
pub fn difference(me: &Set, other: &Value, iterate: Iterate) -> PyResult<SetItems> {
    let mine = me.items.borrow().clone();
    if same(me, other) {
        return Ok(SetItems::default());
    }
    let other = operand(other, iterate)?;
    let other_len = match &other {
        Operand::Set(s) => s.len(),
        Operand::Dict(keys) => keys.len(),
        Operand::Iterable(_) => usize::MAX,
    };
    if other_len == usize::MAX || (mine.len() >> 2) > other_len {
        let mut out = mine.copy();
        difference_update_with(&mut out, other)?;
        return Ok(out);
    }
    let theirs: SetItems = match other {
        Operand::Set(s) => s,
        Operand::Dict(keys) | Operand::Iterable(keys) => SetItems::from_keys(keys)?,
    };
    let mut out = SetItems::default();
    for k in mine.iter() {
        if !theirs.contains(k)? {
            out.insert(k.clone())?;
        }
    }
    Ok(out)
}

/// `s.symmetric_difference_update(other)`, `s ^= other`: each of `other`'s members
/// removed if there, else added.
fn symmetric_update_with(items: &mut SetItems, other: Operand) -> PyResult<()> {
    let flip = |items: &mut SetItems, k: &Key| -> PyResult<()> {
        if !items.remove(k)? {
            items.insert(k.clone())?;
        }
        Ok(())
    };
    match other {
        Operand::Dict(keys) => keys.iter().try_for_each(|k| flip(items, k)),
        Operand::Set(s) => s.iter().try_for_each(|k| flip(items, k)),
        Operand::Iterable(keys) => SetItems::from_keys(keys)?.iter().try_for_each(|k| flip(items, k)),
    }
}

/// `s.symmetric_difference_update(other)`, `s ^= other`.
pub fn symmetric_difference_update(me: &Set, other: &Value, iterate: Iterate) -> PyResult<()> {
    if same(me, other) {
        me.items.borrow_mut().clear();
        return Ok(());
    }
    let other = operand(other, iterate)?;
    me.with_items(other.is_rich(), |items| symmetric_update_with(items, other))
}

/// `a.symmetric_difference(b)`, `a ^ b`: `set(b)`, then each of `a`'s members flipped.
pub fn symmetric_difference(me: &Set, other: &Value, iterate: Iterate) -> PyResult<SetItems> {
    let mut out = from_iterable(other, iterate)?;
    let mine = me.items.borrow().clone();
    symmetric_update_with(&mut out, Operand::Set(mine))?;
    Ok(out)
}

/// `a < b`, `a <= b`, `a > b`, `a >= b` for two sets: subset and superset tests, which
/// no order changes; `==` between sets. `None` unless both are sets.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
    let (Some(x), Some(y)) = (downcast::<Set>(a), downcast::<Set>(b)) else { return Ok(None) };
    // Copies: an `__eq__` may run and look at the sets.
    let (x, y) = (x.items.borrow().clone(), y.items.borrow().clone());
    let subset = |p: &SetItems, q: &SetItems| -> PyResult<bool> {
        if p.len() > q.len() {
            return Ok(false);
        }
        for k in p.iter() {
            if !q.contains(k)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    Ok(Some(match op {
        CmpOp::Lt => x.len() < y.len() && subset(&x, &y)?,
        CmpOp::Le => subset(&x, &y)?,
        CmpOp::Gt => x.len() > y.len() && subset(&y, &x)?,
        CmpOp::Ge => subset(&y, &x)?,
        CmpOp::Eq => x.len() == y.len() && subset(&x, &y)?,
        _ => return Ok(None),
    }))
}

/// `a OP b` for two sets (`|`, `&`, `-`, `^`); `None` for other operators. The result
/// has the left operand's type.
pub fn binary(op: BinOp, a: &Set, b: &Value, iterate: Iterate) -> PyResult<Option<Value>> {
    let items = match op {
        BinOp::Or => union(a, b, iterate)?,
        BinOp::And => intersection(a, b, iterate)?,
        BinOp::Sub => difference(a, b, iterate)?,
        BinOp::Xor => symmetric_difference(a, b, iterate)?,
        _ => return Ok(None),
    };
    Ok(Some(new_set_of(items, a.frozen)))
}

/// `a OP= b` for a mutable set and a set: `a` updated in place (a frozenset gets a new
/// value, as `a = a OP b`). `None` when this is not such a case.
pub fn inplace(op: BinOp, a: &Value, b: &Value, iterate: Iterate) -> PyResult<Option<Value>> {
    let (Some(me), Some(_)) = (downcast::<Set>(a), downcast::<Set>(b)) else { return Ok(None) };
    if me.frozen {
        return Ok(None);
    }
    match op {
        BinOp::Or => update(me, b, iterate)?,
        BinOp::And => {
            let items = intersection(me, b, iterate)?;
            me.items.borrow_mut().replace_keeping_finger(items);
        }
        BinOp::Sub => difference_update(me, b, iterate)?,
        BinOp::Xor => symmetric_difference_update(me, b, iterate)?,
        _ => return Ok(None),
    }
    Ok(Some(a.clone()))
}
