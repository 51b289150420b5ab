//! How a `dict` finds a key, as CPython 3.11's `Objects/dictobject.c` does: among the
//! keys with the same hash, the first that *is* the key or `==` it — and `==` runs the
//! class's `__eq__` when a key has one (which may raise: the exception comes out of the
//! `d[k]`, `k in d`, `d[k] = v` that asked).
//!
//! A dict keeps its keys in an `IndexMap` (insertion order is a dict's order), each key
//! with its hash (`objects::Key`). The map's own equality runs no Python code, so a
//! lookup first probes with it; only when a key with the same hash could be equal
//! through an `__eq__` does it ask again, calling `__eq__` on each such key in insertion
//! order (the order CPython's probe meets keys of one hash, since it never reuses a
//! deleted slot for a new key). Meanwhile the keys are moved out of the dict, so an
//! `__eq__` that looks at the dict sees it empty (CPython would show it, and restart
//! the lookup if the `__eq__` changed it).
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "class P:\n    def __init__(self, x): self.x = x\n    def __eq__(self, o): return self.x == o.x\n    def __hash__(self): return self.x\nd = {P(1): 'a'}\nd[P(1)] = 'b'\nprint(len(d), d[P(1)])\n",
//! );
//! assert_eq!(out, "1 b\n");
//! ```

use std::hash::BuildHasher;

use indexmap::IndexMap;
use indexmap::map::RawEntryApiV1;
use indexmap::map::raw_entry_v1::RawEntryMut;

use super::objects::{Dict, Key, is, key_eq};
use crate::exception::PyResult;
use crate::value::Value;

/// A dict's keys and values.
pub type Map = IndexMap<Key, Value>;

/// What probing without Python code learns.
enum Probe {
    Found(usize),
    Absent,
    /// A key with the same hash may be equal through an `__eq__`.
    Ask,
}

fn probe(map: &Map, key: &Key) -> Probe {
    let mut ask = false;
    let hash = map.hasher().hash_one(key);
    let found = map.raw_entry_v1().from_hash_full(hash, |k| {
        if k.hash() != key.hash() {
            return false;
        }
        if k.is_rich() || key.is_rich() {
            // Identical keys are found here; the others are asked below.
            let same = k == key;
            ask |= !same;
            return same;
        }
        k == key
    });
    match found {
        Some((i, _, _)) => Probe::Found(i),
        None if ask => Probe::Ask,
        None => Probe::Absent,
    }
}

/// Where the key equal to `key` is in `map`, running `__eq__` if a key has one. `map`
/// must be one no Python code can reach meanwhile (being built, or moved out of its
/// dict).
pub fn find(map: &Map, key: &Key) -> PyResult<Option<usize>> {
    match probe(map, key) {
        Probe::Found(i) => return Ok(Some(i)),
        Probe::Absent => return Ok(None),
        Probe::Ask => {}
    }
    let mut same_hash = Vec::new();
    let hash = map.hasher().hash_one(key);
    map.raw_entry_v1().from_hash_full(hash, |k| {
        if k.hash() == key.hash() {
            same_hash.push(k.clone());
        }
        false
    });
    let mut at: Vec<usize> = same_hash.iter().filter_map(|k| map.get_index_of(k)).collect();
    at.sort_unstable();
    for i in at {
        let (stored, _) = map.get_index(i).expect("an index just found");
        if key_eq(stored, key)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `map[key] = value` in a map being built: an equal key keeps its place (and itself),
/// with the new value.
pub fn insert(map: &mut Map, key: Key, value: Value) -> PyResult<()> {
    match find(map, &key)? {
        Some(i) => map[i] = value,
        None => _ = map.insert(key, value),
    }
    Ok(())
}

/// Where `key` is in the dict `d`.
fn locate(d: &Dict, key: &Key) -> PyResult<Option<usize>> {
    match probe(&d.0.borrow(), key) {
        Probe::Found(i) => return Ok(Some(i)),
        Probe::Absent => return Ok(None),
        Probe::Ask => {}
    }
    let map = std::mem::take(&mut *d.0.borrow_mut());
    let found = find(&map, key);
    *d.0.borrow_mut() = map;
    found
}

/// `d.get(key)`: the value, `None` if the key is not there.
pub fn get(d: &Dict, key: &Key) -> PyResult<Option<Value>> {
    Ok(locate(d, key)?.map(|i| d.0.borrow()[i].clone()))
}

/// `key in d`.
pub fn contains(d: &Dict, key: &Key) -> PyResult<bool> {
    Ok(locate(d, key)?.is_some())
}

/// `d[key] = value`.
pub fn set_item(d: &Dict, key: Key, value: Value) -> PyResult<()> {
    // The common case in one probe: no key of this hash can be equal through `__eq__`.
    let mut map = d.0.borrow_mut();
    let hash = map.hasher().hash_one(&key);
    let mut ask = false;
    let entry = map.raw_entry_mut_v1().from_hash(hash, |k| {
        if k.hash() != key.hash() {
            return false;
        }
        let same = k == &key;
        ask |= !same && (k.is_rich() || key.is_rich());
        same
    });
    let old = match entry {
        RawEntryMut::Occupied(mut e) => Some(std::mem::replace(e.get_mut(), value)),
        RawEntryMut::Vacant(e) if !ask => {
            e.insert_hashed_nocheck(hash, key, value);
            None
        }
        RawEntryMut::Vacant(_) => {
            drop(map);
            return set_item_asking(d, key, value);
        }
    };
    drop(map);
    drop(old); // after the borrow: a finalizer may run Python
    Ok(())
}

/// `d[key] = value` when an `__eq__` must say whether a key is there.
fn set_item_asking(d: &Dict, key: Key, value: Value) -> PyResult<()> {
    let old = match locate(d, &key)? {
        Some(i) => Some(std::mem::replace(&mut d.0.borrow_mut()[i], value)),
        None => d.0.borrow_mut().insert(key, value),
    };
    drop(old); // after the borrow: a finalizer may run Python
    Ok(())
}

/// `d.pop(key)`, `del d[key]`: the value, if the key was there.
pub fn remove(d: &Dict, key: &Key) -> PyResult<Option<Value>> {
    let Some(i) = locate(d, key)? else { return Ok(None) };
    let removed = d.0.borrow_mut().shift_remove_index(i);
    Ok(removed.map(|(_, v)| v))
}

/// `d.setdefault(key, default)`.
pub fn setdefault(d: &Dict, key: Key, default: Value) -> PyResult<Value> {
    if let Some(i) = locate(d, &key)? {
        return Ok(d.0.borrow()[i].clone());
    }
    d.0.borrow_mut().insert(key, default.clone());
    Ok(default)
}

/// Where `key` is in `d`, for `move_to_end`.
pub fn index_of(d: &Dict, key: &Key) -> PyResult<Option<usize>> {
    locate(d, key)
}

/// `a == b` for two dicts (`dict_equal`): the same size, and each of `a`'s keys in `b`
/// with an equal value (identity first, then `==`).
pub fn equal(a: &Dict, b: &Dict, eq: fn(&Value, &Value) -> PyResult<bool>) -> PyResult<bool> {
    if a.0.borrow().len() != b.0.borrow().len() {
        return Ok(false);
    }
    let items: Vec<(Key, Value)> = a.0.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in items {
        let Some(w) = get(b, &k)? else { return Ok(false) };
        if !is(&v, &w) && !eq(&v, &w)? {
            return Ok(false);
        }
    }
    Ok(true)
}
