//! "Did you mean": the hint CPython 3.11 adds when a `NameError` or an `AttributeError`
//! ends the program — `NameError: name 'prnt' is not defined. Did you mean: 'print'?`.
//!
//! CPython computes it while printing the traceback (`Python/suggestions.c`, called by
//! the default `sys.excepthook` only: `traceback.format_exception` in 3.11 does not), from
//! the names the failing frame could see — its local variables, then its globals, then the
//! builtins — or from `dir(obj)` for an attribute. A candidate qualifies when turning one
//! name into the other costs at most about a third of their characters, where a change of
//! case costs 1 and any other edit 2; the cheapest wins, the first seen on a tie.
//!
//! The exception carries what the printer needs ([`super::objects::name_error`],
//! [`super::objects::note_attribute_error`]): its `name` (and `obj`) attribute, as
//! CPython's do, and for a `NameError` the frame's names (taken when it is raised, as
//! CPython keeps the frame in the traceback).
//!
//! ```
//! use corosim::python::suggestions::closest;
//! assert_eq!(closest("prnt", ["print", "repr", "pow"].into_iter()), Some("print"));
//! assert_eq!(closest("x", ["print"].into_iter()), None);
//! ```

use std::rc::Rc;

use crate::exception::PyException;
use crate::value::Value;

/// Edits: a change of case is cheaper than any other.
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
/// Longer names, or more candidates, are not searched (CPython's limits).
const MAX_STRING_SIZE: usize = 40;
const MAX_CANDIDATE_ITEMS: usize = 750;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance from `a` to `b`, or `max + 1` as soon as it must exceed `max`.
fn distance(a: &[u8], b: &[u8], max: usize) -> usize {
    // Common prefixes and suffixes cost nothing.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max {
        return max + 1;
    }
    // One row of the matrix, updated in place: row[i] is the cost of a[..=i] so far.
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut diagonal = bi * MOVE_COST;
        result = diagonal;
        let mut minimum = usize::MAX;
        for (i, &ch) in a.iter().enumerate() {
            let substitute = diagonal + substitution_cost(code, ch);
            diagonal = row[i];
            result = (result.min(diagonal) + MOVE_COST).min(substitute);
            row[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max {
            return max + 1;
        }
    }
    result
}

/// The candidate closest to `name`, if one is close enough.
pub fn closest<'a>(name: &str, candidates: impl ExactSizeIterator<Item = &'a str>) -> Option<&'a str> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let mut max = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = distance(name.as_bytes(), item.as_bytes(), max);
        if d <= max && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s)
}

/// The hint the default excepthook adds after the message: `. Did you mean: 'print'?`.
pub fn trailer(e: &PyException) -> Option<String> {
    // Only the exact classes (not UnboundLocalError, not a program's subclasses).
    if e.class().module() != "builtins" || super::objects::class_of_exception(e).is_some() {
        return None;
    }
    let extra = e.extra_if::<super::objects::ExcExtra>()?;
    let name = extra.attrs.borrow().get("name")?.as_str()?.to_string();
    let found = match e.class().name() {
        "AttributeError" => {
            let obj = extra.attrs.borrow().get("obj")?.clone();
            let names = super::dir::names(&obj).ok()?;
            closest(&name, names.iter().map(|s| &**s)).map(str::to_string)
        }
        "NameError" => {
            let scope = extra.scope.borrow();
            let scope = scope.as_ref()?;
            closest(&name, scope.locals.iter().map(|s| &**s))
                .map(str::to_string)
                .or_else(|| {
                    // CPython walks the globals dict in insertion order; corosim's is a hash
                    // map, so ties between equally close globals go alphabetically.
                    let mut globals: Vec<Rc<str>> = scope.globals.borrow().keys().cloned().collect();
                    globals.sort();
                    closest(&name, globals.iter().map(|s| &**s)).map(str::to_string)
                })
                .or_else(|| {
                    let builtins = super::builtins::names();
                    closest(&name, builtins.iter().copied()).map(str::to_string)
                })
        }
        _ => None,
    }?;
    Some(format!(". Did you mean: {}?", Value::str(found).repr()))
}
