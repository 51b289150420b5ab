//! `re`: regular expressions on `str` — `compile`, `search`, `match`, `fullmatch`,
//! `findall`, `finditer`, `sub`, `split`, and the `Pattern` and `Match` objects.
//!
//! The matching is the `regex` crate's (Rust's standard regular-expression engine), whose
//! syntax is Python's for the common constructs: classes (`\w`, `\d`, `\s`, Unicode-aware
//! as in Python 3), `[...]`, groups and named groups (`(?P<name>...)`), alternation,
//! greedy and lazy repetition, anchors. What it lacks — backreferences (`\1`) and
//! lookaround (`(?=...)`, `(?<!...)`) — is `re.error` naming the pattern, never a wrong
//! answer. One difference remains: Python's `$` also matches before a final newline; here
//! it matches only at the end (use `\n?$` for Python's meaning).
//!
//! ```
//! let out = corosim::python::run_to_string("import re\nw = re.compile(r'\\w+')\nprint(w.findall('BLACK CHESS-KING'), bool(w.fullmatch('x-y')), re.sub(r'\\d', '#', 'a1b22'))\n");
//! assert_eq!(out, "['BLACK', 'CHESS', 'KING'] False a#b##\n");
//! ```

use std::rc::Rc;

use regex::Regex;

use super::module as make_module;
use crate::exception::*;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

/// `re.IGNORECASE`, `re.MULTILINE`, `re.DOTALL`, `re.VERBOSE`, `re.ASCII` (their values
/// in CPython).
const IGNORECASE: i64 = 2;
const MULTILINE: i64 = 8;
const DOTALL: i64 = 16;
const VERBOSE: i64 = 64;
const ASCII: i64 = 256;

/// `re.compile(pattern, flags)`: the regex, or `re.error`.
fn compile(pattern: &str, flags: i64) -> PyResult<Regex> {
    if pattern.contains("(?=")
        || pattern.contains("(?!")
        || pattern.contains("(?<=")
        || pattern.contains("(?<!")
    {
        return Err(re_error(pattern, "lookaround assertions are not supported by corosim's re"));
    }
    let mut builder = regex::RegexBuilder::new(&pattern.replace("\\Z", "\\z"));
    builder
        .case_insensitive(flags & IGNORECASE != 0)
        .multi_line(flags & MULTILINE != 0)
        .dot_matches_new_line(flags & DOTALL != 0)
        .ignore_whitespace(flags & VERBOSE != 0)
        .unicode(flags & ASCII == 0);
    builder.build().map_err(|e| {
        let why = match e {
            regex::Error::Syntax(text) => {
                if text.contains("backreferences") {
                    "backreferences are not supported by corosim's re".to_string()
                } else {
                    text.lines().last().unwrap_or("invalid pattern").trim_start_matches("error: ").to_string()
                }
            }
            other => other.to_string(),
        };
        re_error(pattern, &why)
    })
}

fn re_error(pattern: &str, why: &str) -> PyException {
    PyException::new(RE_ERROR, format!("{why} in pattern {}", Value::str(pattern).repr()))
}

/// A compiled pattern: `re.Pattern`.
struct Pattern {
    source: Rc<str>,
    flags: i64,
    regex: Rc<Regex>,
}

/// A match: `re.Match`, with the text it was found in.
struct Match {
    text: Rc<str>,
    /// Byte ranges of the groups (0: the whole match).
    groups: Vec<Option<(usize, usize)>>,
    names: Vec<Option<Rc<str>>>,
}

/// A byte offset in `text` as Python's index (characters).
fn char_index(text: &str, byte: usize) -> i64 {
    text[..byte].chars().count() as i64
}

/// Python's character index as a byte offset (clamped to the text).
fn byte_offset(text: &str, index: i64) -> usize {
    if index <= 0 {
        return 0;
    }
    text.char_indices().nth(index as usize).map_or(text.len(), |(b, _)| b)
}

impl Match {
    fn new(text: &Rc<str>, regex: &Regex, caps: &regex::Captures<'_>) -> Match {
        Match {
            text: text.clone(),
            groups: (0..caps.len()).map(|i| caps.get(i).map(|m| (m.start(), m.end()))).collect(),
            names: regex.capture_names().map(|n| n.map(Rc::from)).collect(),
        }
    }

    fn group(&self, which: &Value) -> PyResult<Value> {
        let i = match which {
            Value::Int(_) | Value::Bool(_) => which.as_int().unwrap_or(-1),
            other => {
                let name = ops::str_of(other)?;
                self.names.iter().position(|n| n.as_deref() == Some(&name)).map_or(-1, |i| i as i64)
            }
        };
        if i < 0 || i as usize >= self.groups.len() {
            return Err(PyException::new(INDEX_ERROR, "no such group"));
        }
        Ok(self.groups[i as usize].map_or(Value::None, |(a, b)| Value::str(&self.text[a..b])))
    }

    fn span(&self, i: usize) -> (i64, i64) {
        match self.groups.get(i).copied().flatten() {
            Some((a, b)) => (char_index(&self.text, a), char_index(&self.text, b)),
            None => (-1, -1),
        }
    }
}

impl NativeObject for Match {
    fn type_name(&self) -> &str {
        "re.Match"
    }
    fn repr(&self) -> String {
        let (a, b) = self.span(0);
        let whole = self.groups[0].map_or(String::new(), |(x, y)| self.text[x..y].to_string());
        format!("<re.Match object; span=({a}, {b}), match={}>", Value::str(whole).repr())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        let me = this.clone();
        let with = move |f: fn(&Match, Vec<Value>) -> PyResult| {
            let me = me.clone();
            move |a: Vec<Value>, _| {
                f(downcast::<Native>(&me).and_then(|n| n.get::<Match>()).expect("a Match"), a)
            }
        };
        Ok(match name {
            "group" => Builtin::value(
                name,
                with(|m, a| match a.len() {
                    0 => m.group(&Value::Int(0)),
                    1 => m.group(&a[0]),
                    _ => Ok(Value::tuple(a.iter().map(|g| m.group(g)).collect::<PyResult<Vec<_>>>()?)),
                }),
            ),
            "groups" => Builtin::value(
                name,
                with(|m, a| {
                    let default = a.first().cloned().unwrap_or_default();
                    Ok(Value::tuple(
                        (1..m.groups.len())
                            .map(|i| m.groups[i].map_or(default.clone(), |(x, y)| Value::str(&m.text[x..y]))),
                    ))
                }),
            ),
            "groupdict" => Builtin::value(
                name,
                with(|m, _| {
                    let mut items = Vec::new();
                    for (i, n) in m.names.iter().enumerate() {
                        if let Some(n) = n {
                            items.push((Value::str(&**n), m.group(&Value::Int(i as i64))?));
                        }
                    }
                    Ok(new_dict(items.into_iter().map(|(k, v)| (Key::builtin(k), v)).collect()))
                }),
            ),
            "start" | "end" | "span" => {
                let which = name.to_string();
                let me = this.clone();
                Builtin::value(name, move |a, _| {
                    let m = downcast::<Native>(&me).and_then(|n| n.get::<Match>()).expect("a Match");
                    let i = a.first().and_then(|v| v.as_int()).unwrap_or(0);
                    if i < 0 || i as usize >= m.groups.len() {
                        return Err(PyException::new(INDEX_ERROR, "no such group"));
                    }
                    let (s, e) = m.span(i as usize);
                    Ok(match which.as_str() {
                        "start" => Value::Int(s),
                        "end" => Value::Int(e),
                        _ => Value::tuple([Value::Int(s), Value::Int(e)]),
                    })
                })
            }
            "string" => Value::str(&*self.text),
            "__getitem__" => {
                Builtin::value(name, with(|m, a| m.group(&a.first().cloned().unwrap_or_default())))
            }
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'re.Match' object has no attribute '{name}'"),
                ));
            }
        })
    }
    fn getitem(&self, key: &Value) -> PyResult<Option<Value>> {
        self.group(key).map(Some)
    }
}

/// The text argument, as `str`.
fn text_arg(v: Option<&Value>) -> PyResult<Rc<str>> {
    match v {
        Some(v) if v.as_str().is_some() => Ok(Rc::from(v.as_str().unwrap_or_default())),
        Some(v) => Err(PyException::new(
            TYPE_ERROR,
            format!("expected string or bytes-like object, got '{}'", v.type_name()),
        )),
        None => Err(PyException::new(TYPE_ERROR, "missing the string to search")),
    }
}

/// How a search is anchored.
#[derive(Clone, Copy)]
enum Anchor {
    Search,
    Match,
    Full,
}

fn find(regex: &Regex, text: &Rc<str>, anchor: Anchor, pos: usize) -> Option<Match> {
    // Each candidate start in turn, so that a match anchored at `pos` may be shorter
    // than the leftmost-first one found from there (Python's backtracking semantics).
    let caps = match anchor {
        Anchor::Search => regex.captures_at(text, pos)?,
        Anchor::Match | Anchor::Full => {
            let caps = regex.captures_at(text, pos)?;
            let m = caps.get(0)?;
            if m.start() != pos {
                return None;
            }
            if matches!(anchor, Anchor::Full) && m.end() != text.len() {
                // Try for a match that ends at the end: an anchored copy of the pattern.
                let anchored = Regex::new(&format!(r"\A(?:{})\z", regex.as_str())).ok()?;
                let caps = anchored.captures_at(text, pos)?;
                return Some(Match::new(text, &anchored, &caps));
            }
            caps
        }
    };
    Some(Match::new(text, regex, &caps))
}

fn match_value(m: Option<Match>) -> Value {
    m.map_or(Value::None, Native::value)
}

/// `findall`: the matches, or their group (or groups, as tuples).
fn findall(regex: &Regex, text: &str) -> Value {
    let groups = regex.captures_len() - 1;
    let items = regex
        .captures_iter(text)
        .map(|caps| {
            let g = |i: usize| Value::str(caps.get(i).map_or("", |m| m.as_str()));
            match groups {
                0 => g(0),
                1 => g(1),
                n => Value::tuple((1..=n).map(g)),
            }
        })
        .collect();
    new_list(items)
}

/// `sub(repl, text, count)`: `repl` a string (with `\1`, `\g<name>`) or a function of the match.
fn sub(regex: &Regex, repl: &Value, text: &Rc<str>, count: usize) -> PyResult {
    let mut out = String::new();
    let mut last = 0;
    for (n, caps) in regex.captures_iter(text).enumerate() {
        if count > 0 && n >= count {
            break;
        }
        let whole = caps.get(0).expect("group 0");
        out.push_str(&text[last..whole.start()]);
        match repl.as_str() {
            Some(template) => caps.expand(&expansion(template), &mut out),
            None => {
                let m = Match::new(text, regex, &caps);
                out.push_str(&ops::str_of(&call(repl, vec![Native::value(m)], vec![])?)?);
            }
        }
        last = whole.end();
    }
    out.push_str(&text[last..]);
    Ok(Value::str(out))
}

/// Python's replacement template (`\\1`, `\\g<name>`, `\\n`) in the `regex` crate's
/// spelling (`${1}`, `${name}`, a newline), a literal `$` escaped as `$$`.
fn expansion(template: &str) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' => out.push_str("$$"),
            '\\' => match chars.next() {
                Some(d) if d.is_ascii_digit() => {
                    let mut n = d.to_string();
                    if let Some(e) = chars.peek().filter(|e| e.is_ascii_digit()) {
                        n.push(*e);
                        chars.next();
                    }
                    out.push_str(&format!("${{{n}}}"));
                }
                Some('g') if chars.peek() == Some(&'<') => {
                    chars.next();
                    let name: String = chars.by_ref().take_while(|&e| e != '>').collect();
                    out.push_str(&format!("${{{name}}}"));
                }
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

fn split(regex: &Regex, text: &str, maxsplit: usize) -> Value {
    let mut items = Vec::new();
    let mut last = 0;
    for (n, caps) in regex.captures_iter(text).enumerate() {
        if maxsplit > 0 && n >= maxsplit {
            break;
        }
        let whole = caps.get(0).expect("group 0");
        items.push(Value::str(&text[last..whole.start()]));
        for i in 1..caps.len() {
            items.push(caps.get(i).map_or(Value::None, |m| Value::str(m.as_str())));
        }
        last = whole.end();
    }
    items.push(Value::str(&text[last..]));
    new_list(items)
}

fn int_kw(a: &[Value], at: usize, k: &Kwargs, name: &str) -> i64 {
    a.get(at)
        .or_else(|| k.iter().find(|(n, _)| &**n == name).map(|(_, v)| v))
        .and_then(|v| v.as_int())
        .unwrap_or(0)
}

/// A pattern's methods, `self` bound; `pattern_args` is how many arguments precede the
/// text (1 for module functions, which get the pattern first).
fn method(name: &str, regex: Rc<Regex>) -> Option<Value> {
    Some(match name {
        "search" | "match" | "fullmatch" => {
            let anchor = match name {
                "search" => Anchor::Search,
                "match" => Anchor::Match,
                _ => Anchor::Full,
            };
            Builtin::value(name, move |a, k| {
                let text = text_arg(a.first())?;
                let pos = byte_offset(&text, int_kw(&a, 1, &k, "pos"));
                Ok(match_value(find(&regex, &text, anchor, pos)))
            })
        }
        "findall" => Builtin::value(name, move |a, _| Ok(findall(&regex, &text_arg(a.first())?))),
        "finditer" => Builtin::value(name, move |a, _| {
            let text = text_arg(a.first())?;
            let found: Vec<Value> =
                regex.captures_iter(&text).map(|c| Native::value(Match::new(&text, &regex, &c))).collect();
            let mut items = found.into_iter();
            Ok(Iter::value("callable_iterator", move || Ok(items.next())))
        }),
        "sub" => Builtin::value(name, move |a, k| {
            let repl = a.first().cloned().unwrap_or_default();
            sub(&regex, &repl, &text_arg(a.get(1))?, int_kw(&a, 2, &k, "count").max(0) as usize)
        }),
        "split" => Builtin::value(name, move |a, k| {
            Ok(split(&regex, &text_arg(a.first())?, int_kw(&a, 1, &k, "maxsplit").max(0) as usize))
        }),
        _ => return None,
    })
}

impl NativeObject for Pattern {
    fn type_name(&self) -> &str {
        "re.Pattern"
    }
    fn repr(&self) -> String {
        format!("re.compile({})", Value::str(&*self.source).repr())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        match name {
            "pattern" => Ok(Value::str(&*self.source)),
            "flags" => Ok(Value::Int(self.flags | 32)), // re.UNICODE, as CPython shows it
            "groups" => Ok(Value::Int(self.regex.captures_len() as i64 - 1)),
            _ => method(name, self.regex.clone()).ok_or_else(|| {
                PyException::new(ATTRIBUTE_ERROR, format!("'re.Pattern' object has no attribute '{name}'"))
            }),
        }
    }
}

/// The compiled pattern of a module function's first argument (a string or a Pattern).
fn pattern_of(v: Option<&Value>, flags: i64) -> PyResult<Rc<Regex>> {
    if let Some(p) = v.and_then(|v| downcast::<Native>(v)).and_then(|n| n.get::<Pattern>()) {
        return Ok(p.regex.clone());
    }
    Ok(Rc::new(compile(&text_arg(v)?, flags)?))
}

/// The module.
pub fn module() -> Value {
    let mut names = vec![
        (
            "compile",
            Builtin::value("compile", |a, k| {
                if let Some(v) = a.first()
                    && downcast::<Native>(v).and_then(|n| n.get::<Pattern>()).is_some()
                {
                    return Ok(v.clone());
                }
                let source = text_arg(a.first())?;
                let flags = int_kw(&a, 1, &k, "flags");
                let regex = Rc::new(compile(&source, flags)?);
                Ok(Native::value(Pattern { source, flags, regex }))
            }),
        ),
        (
            "escape",
            Builtin::value("escape", |a, _| {
                let text = text_arg(a.first())?;
                let mut out = String::new();
                for c in text.chars() {
                    if !(c.is_alphanumeric() || c == '_') && c.is_ascii() {
                        out.push('\\');
                    }
                    out.push(c);
                }
                Ok(Value::str(out))
            }),
        ),
        ("IGNORECASE", Value::Int(IGNORECASE)),
        ("I", Value::Int(IGNORECASE)),
        ("MULTILINE", Value::Int(MULTILINE)),
        ("M", Value::Int(MULTILINE)),
        ("DOTALL", Value::Int(DOTALL)),
        ("S", Value::Int(DOTALL)),
        ("VERBOSE", Value::Int(VERBOSE)),
        ("X", Value::Int(VERBOSE)),
        ("ASCII", Value::Int(ASCII)),
        ("A", Value::Int(ASCII)),
        ("error", Value::ExcClass(RE_ERROR)),
    ];
    for name in ["search", "match", "fullmatch", "findall", "finditer", "sub", "split"] {
        names.push((
            name,
            Builtin::value(name, move |a, k| {
                // The text's place among the arguments: after the pattern (and `repl`).
                let at = if name == "sub" { 3 } else { 2 };
                let flags = int_kw(&a, at, &k, "flags");
                let regex = pattern_of(a.first(), flags)?;
                let f = method(name, regex).expect("a pattern method");
                let rest = a.get(1..at.min(a.len())).unwrap_or(&[]).to_vec();
                call(&f, rest, vec![])
            }),
        ));
    }
    make_module("re", names)
}
