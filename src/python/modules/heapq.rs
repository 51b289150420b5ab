//! `heapq`: a binary min-heap kept in a plain list, as CPython's `Modules/_heapqmodule.c`
//! keeps it — the same sift-down and sift-up, comparing with `<` only, so a heap of
//! tuples or of a program's objects (`__lt__`) ends in CPython's exact order, ties
//! included. `nsmallest`/`nlargest` give what `Lib/heapq.py` gives (the first `n` of a
//! stable sort: equal items in the order they came); `merge` merges lazily, an item of an
//! earlier iterable first among equals.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import heapq\nh = []\nfor x in [5, 1, 4, 2]:\n    heapq.heappush(h, x)\nprint(h)\nprint(heapq.heappop(h), h)\n",
//! );
//! assert_eq!(out, "[1, 2, 4, 5]\n1 [2, 5, 4]\n");
//! ```

use std::rc::Rc;

use super::module as make_module;
use crate::exception::*;
use crate::python::code::CmpOp;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

fn lt(a: &Value, b: &Value) -> PyResult<bool> {
    ops::truthy(&ops::compare(CmpOp::Lt, a, b)?)
}

/// The list a heap function works on, or CPython's TypeError.
fn heap_arg(name: &str, a: &[Value], count: usize) -> PyResult<Rc<List>> {
    if a.len() != count {
        let what = if count == 1 { "exactly one argument".to_string() } else { format!("{count} arguments") };
        return Err(PyException::new(
            TYPE_ERROR,
            if count == 1 {
                format!("_heapq.{name}() takes {what} ({} given)", a.len())
            } else {
                format!("{name} expected {count} arguments, got {}", a.len())
            },
        ));
    }
    downcast_rc::<List>(&a[0]).ok_or_else(|| {
        PyException::new(
            TYPE_ERROR,
            format!(
                "{name}() argument{} must be list, not {}",
                if count == 1 { "" } else { " 1" },
                &a[0].type_name()
            ),
        )
    })
}

/// Moves the item at `pos` up toward `start` while it is smaller than its parent.
fn sift_down(heap: &mut [Value], start: usize, mut pos: usize) -> PyResult<()> {
    let item = heap[pos].clone();
    while pos > start {
        let parent = (pos - 1) >> 1;
        if lt(&item, &heap[parent])? {
            heap[pos] = heap[parent].clone();
            pos = parent;
            continue;
        }
        break;
    }
    heap[pos] = item;
    Ok(())
}

/// Moves the smaller child up until a leaf, puts the item there, then sifts it down
/// (Floyd's trick, as CPython's `siftup`).
fn sift_up(heap: &mut [Value], mut pos: usize) -> PyResult<()> {
    let end = heap.len();
    let start = pos;
    let item = heap[pos].clone();
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !lt(&heap[child], &heap[right])? {
            child = right;
        }
        heap[pos] = heap[child].clone();
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = item;
    sift_down(heap, start, pos)
}

/// Runs `f` on the list's items, taken out of it while `f` runs (a comparison may run
/// the program's `__lt__`, which must not find the list borrowed), then put back.
fn with_items<T>(list: &List, f: impl FnOnce(&mut Vec<Value>) -> PyResult<T>) -> PyResult<T> {
    let mut items = std::mem::take(&mut *list.0.borrow_mut());
    let r = f(&mut items);
    let mut slot = list.0.borrow_mut();
    // Anything the program added to the list meanwhile goes after the heap's items.
    items.append(&mut slot);
    *slot = items;
    r
}

fn empty() -> PyException {
    PyException::new(INDEX_ERROR, "index out of range")
}

fn func(name: &'static str, f: impl Fn(Vec<Value>, Kwargs) -> PyResult + 'static) -> (&'static str, Value) {
    (name, Builtin::value(name, f))
}

/// The module.
pub fn module() -> Value {
    make_module(
        "heapq",
        vec![
            func("heappush", |a, _| {
                let list = heap_arg("heappush", &a, 2)?;
                with_items(&list, |h| {
                    h.push(a[1].clone());
                    let last = h.len() - 1;
                    sift_down(h, 0, last)
                })?;
                Ok(Value::None)
            }),
            func("heappop", |a, _| {
                let list = heap_arg("heappop", &a, 1)?;
                with_items(&list, |h| {
                    let last = h.pop().ok_or_else(empty)?;
                    if h.is_empty() {
                        return Ok(last);
                    }
                    let top = std::mem::replace(&mut h[0], last);
                    sift_up(h, 0)?;
                    Ok(top)
                })
            }),
            func("heapify", |a, _| {
                let list = heap_arg("heapify", &a, 1)?;
                with_items(&list, |h| {
                    for i in (0..h.len() / 2).rev() {
                        sift_up(h, i)?;
                    }
                    Ok(())
                })?;
                Ok(Value::None)
            }),
            func("heapreplace", |a, _| {
                let list = heap_arg("heapreplace", &a, 2)?;
                with_items(&list, |h| {
                    if h.is_empty() {
                        return Err(empty());
                    }
                    let top = std::mem::replace(&mut h[0], a[1].clone());
                    sift_up(h, 0)?;
                    Ok(top)
                })
            }),
            func("heappushpop", |a, _| {
                let list = heap_arg("heappushpop", &a, 2)?;
                with_items(&list, |h| {
                    if h.is_empty() || !lt(&h[0], &a[1])? {
                        return Ok(a[1].clone());
                    }
                    let top = std::mem::replace(&mut h[0], a[1].clone());
                    sift_up(h, 0)?;
                    Ok(top)
                })
            }),
            func("nsmallest", |a, k| n_of("nsmallest", a, k, false)),
            func("nlargest", |a, k| n_of("nlargest", a, k, true)),
            func("merge", merge),
        ],
    )
}

/// `nsmallest(n, iterable, key=None)` / `nlargest`: the first `n` of a stable sort.
fn n_of(name: &str, a: Vec<Value>, k: Kwargs, largest: bool) -> PyResult {
    let mut key = None;
    for (kname, v) in &k {
        match &**kname {
            "key" => key = Some(v.clone()).filter(|v| !v.is_none()),
            other => {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("{name}() got an unexpected keyword argument '{other}'"),
                ));
            }
        }
    }
    let [n, iterable] = a.as_slice() else {
        let missing = ["'n' and 'iterable'", "'iterable'"];
        let m = missing.get(a.len()).copied().unwrap_or("");
        let count =
            if a.is_empty() { "2 required positional arguments" } else { "1 required positional argument" };
        if a.len() > 2 {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("{name}() takes from 2 to 3 positional arguments but {} were given", a.len()),
            ));
        }
        return Err(PyException::new(TYPE_ERROR, format!("{name}() missing {count}: {m}")));
    };
    let n = as_big(n).ok_or_else(|| {
        PyException::new(
            TYPE_ERROR,
            format!("'{}' object cannot be interpreted as an integer", n.type_name()),
        )
    })?;
    let mut items = ops::iterate(iterable)?;
    let n: usize =
        num_traits::ToPrimitive::to_i64(&n).unwrap_or(i64::MAX).max(0).try_into().unwrap_or(usize::MAX);
    if n == 0 {
        return Ok(new_list(vec![]));
    }
    crate::python::attrs::sort_values(&mut items, key.as_ref(), largest)?;
    items.truncate(n);
    Ok(new_list(items))
}

/// `merge(*iterables, key=None, reverse=False)`: a lazy iterator over the merged items.
fn merge(a: Vec<Value>, k: Kwargs) -> PyResult {
    let mut key = None;
    let mut reverse = false;
    for (name, v) in &k {
        match &**name {
            "key" => key = Some(v.clone()).filter(|v| !v.is_none()),
            "reverse" => reverse = ops::truthy(v)?,
            other => {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("merge() got an unexpected keyword argument '{other}'"),
                ));
            }
        }
    }
    let iters: Vec<Value> = a.iter().map(ops::iter).collect::<PyResult<_>>()?;
    // Each iterable's next item with its key; None until first asked, then at its end.
    let mut heads: Vec<Option<(Value, Value)>> = Vec::new();
    let mut started = false;
    let advance = move |it: &Value, key: &Option<Value>| -> PyResult<Option<(Value, Value)>> {
        Ok(match ops::next(it)? {
            Some(x) => {
                let k = match key {
                    Some(f) => call(f, vec![x.clone()], vec![])?,
                    None => x.clone(),
                };
                Some((k, x))
            }
            None => None,
        })
    };
    Ok(Iter::value("generator", move || {
        if !started {
            started = true;
            for it in &iters {
                heads.push(advance(it, &key)?);
            }
        }
        let mut best: Option<usize> = None;
        for (i, h) in heads.iter().enumerate() {
            let Some((k, _)) = h else { continue };
            best = match best {
                None => Some(i),
                Some(b) => {
                    let bk = &heads[b].as_ref().expect("a head").0;
                    let better = if reverse { lt(bk, k)? } else { lt(k, bk)? };
                    Some(if better { i } else { b })
                }
            };
        }
        let Some(b) = best else { return Ok(None) };
        let (_, item) = heads[b].take().expect("a head");
        heads[b] = advance(&iters[b], &key)?;
        Ok(Some(item))
    }))
}
