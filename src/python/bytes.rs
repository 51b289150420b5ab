//! `bytes`: an immutable sequence of small integers (0–255) — what a socket sends and
//! receives, what `str.encode()` makes and `bytes.decode()` reads back (CPython's
//! `Objects/bytesobject.c`, the parts the course's programs use).
//!
//! A `bytes` is not text: `b[0]` is an `int`, `b'a' == 'a'` is `False`, and `print(b)`
//! shows its repr (`b'caf\xc3\xa9'`). The type itself is in `objects.rs` with the other
//! builtin types; its operators (`+`, `*`, `in`, `==`, `<`, `b[i]`, `len`, iteration) are
//! answered here for `ops.rs`, its methods by [`method`], and `bytes(...)` by
//! [`construct`]. This file stands below `ops.rs`: where it needs to iterate a value, the
//! caller hands it `ops::iterate` ([`Iterate`]). Other bytes-like types (`bytearray`) hand
//! their contents over through [`bytes_like`], so a `bytes` method takes either, as in
//! CPython.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "b = 'café'.encode()\nprint(b, len(b), b[0], b[3:], b.decode(), b.upper())\n",
//! );
//! assert_eq!(out, "b'caf\\xc3\\xa9' 5 99 b'\\xc3\\xa9' café b'CAF\\xc3\\xa9'\n");
//! ```

use std::borrow::Cow;
use std::rc::Rc;

use super::objects::{Builtin, Iter, new_list};
pub use super::objects::{Bytes, as_bytes, bytes_repr as repr, new_bytes};
use crate::exception::*;
use crate::value::Value;

/// How this file iterates a value: `ops::iterate`, handed in by the caller.
pub type Iterate = fn(&Value) -> PyResult<Vec<Value>>;

/// The contents of any bytes-like value (`bytes`, or a type that registers itself
/// here, such as `bytearray`): what `b'' + x`, `x in b` and the methods accept.
pub fn bytes_like(v: &Value) -> Option<Cow<'_, [u8]>> {
    if let Some(b) = as_bytes(v) {
        return Some(Cow::Borrowed(b));
    }
    OTHER_BYTES_LIKE.with(|f| f.get().and_then(|f| f(v)).map(Cow::Owned))
}

/// How a bytes-like type shows its contents (`None`: the value is not of that type).
pub type Contents = fn(&Value) -> Option<Vec<u8>>;

thread_local! {
    /// How another bytes-like type (`bytearray`) shows its contents, once registered.
    static OTHER_BYTES_LIKE: std::cell::Cell<Option<Contents>> = const { std::cell::Cell::new(None) };
}

/// Lets another bytes-like type be read wherever `bytes` is accepted.
pub fn register_bytes_like(contents: Contents) {
    OTHER_BYTES_LIKE.with(|f| f.set(Some(contents)));
}

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

fn value_error(msg: impl Into<String>) -> PyException {
    PyException::new(VALUE_ERROR, msg.into())
}

fn need_bytes_like(v: &Value) -> PyResult<Cow<'_, [u8]>> {
    bytes_like(v)
        .ok_or_else(|| type_error(format!("a bytes-like object is required, not '{}'", v.type_name())))
}

// ---------------------------------------------------------------- operators

/// `a + b` and `a * n` when `a` (or, for `*`, either side) is `bytes`.
pub fn binary(op: super::code::BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    use super::code::BinOp;
    match op {
        BinOp::Add => {
            let Some(x) = as_bytes(a) else { return Ok(None) };
            match bytes_like(b) {
                Some(y) => Ok(Some(new_bytes([x, &y].concat()))),
                None => Err(type_error(format!("can't concat {} to bytes", b.type_name()))),
            }
        }
        BinOp::Mul => {
            let (data, n) = match (as_bytes(a), as_bytes(b)) {
                (Some(x), None) => (x, b),
                (None, Some(y)) => (y, a),
                _ => return Ok(None),
            };
            match n.as_int() {
                Some(n) => Ok(Some(new_bytes(data.repeat(n.max(0) as usize)))),
                None => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

/// `a == b` for bytes-like values (`b'ab' == bytearray(b'ab')` is true, as in CPython);
/// `None` when either side is not one.
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    let x = as_bytes(a).map(Cow::Borrowed).or_else(|| as_bytes(b).and(bytes_like(a)))?;
    let y = bytes_like(b)?;
    Some(*x == *y)
}

/// `a < b` and friends: byte by byte, as `memcmp` orders them.
pub fn ordering(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    let (x, y) = (as_bytes(a)?, bytes_like(b)?);
    Some(x.cmp(&y))
}

/// A byte value from an `int`: `ValueError` outside 0..=255, as CPython says it.
fn byte_of(v: &Value, what: &str) -> PyResult<u8> {
    let Some(i) = v.as_int() else {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())));
    };
    u8::try_from(i).map_err(|_| value_error(format!("{what} must be in range(0, 256)")))
}

/// `item in data`: an int is one byte, a bytes-like value a run of them.
pub fn contains(data: &[u8], item: &Value) -> PyResult<bool> {
    if item.as_int().is_some() && !matches!(item, Value::Bool(_)) {
        return Ok(data.contains(&byte_of(item, "byte")?));
    }
    let needle = need_bytes_like(item)?;
    Ok(find(data, &needle, 0).is_some())
}

/// `b[i]`: an int (`ops.rs` slices, `b[i:j]`, with the other sequences).
pub fn getitem(data: &[u8], key: &Value) -> PyResult<Value> {
    let Some(i) = key.as_int() else {
        return Err(type_error(format!("byte indices must be integers or slices, not {}", key.type_name())));
    };
    let i = if i < 0 { i + data.len() as i64 } else { i };
    match usize::try_from(i).ok().and_then(|i| data.get(i)) {
        Some(b) => Ok(Value::Int(*b as i64)),
        None => Err(PyException::new(INDEX_ERROR, "index out of range")),
    }
}

/// `iter(b)`: its bytes, as ints.
pub fn iter(data: &[u8]) -> Value {
    let data = data.to_vec();
    let mut i = 0;
    Iter::value("bytes_iterator", move || {
        let r = data.get(i).map(|b| Value::Int(*b as i64));
        i += 1;
        Ok(r)
    })
}

// ---------------------------------------------------------------- bytes(...) and codecs

/// `bytes()`, `bytes(n)`, `bytes(iterable_of_ints)`, `bytes(b)`, `bytes(s, encoding)`.
pub fn construct(args: &[Value], kwargs: &[(Rc<str>, Value)], iterate: Iterate) -> PyResult<Value> {
    let kw = |name: &str| kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone());
    let encoding = args.get(1).cloned().or_else(|| kw("encoding"));
    let errors = args.get(2).cloned().or_else(|| kw("errors"));
    let Some(source) = args.first() else {
        return Ok(new_bytes(Vec::new()));
    };
    if let Value::Str(s) = source {
        let Some(encoding) = encoding else {
            return Err(type_error("string argument without an encoding"));
        };
        return encode(
            s,
            &str_arg(&encoding, "bytes")?,
            errors.as_ref().map(|e| str_arg(e, "bytes")).transpose()?.as_deref(),
        );
    }
    if encoding.is_some() || errors.is_some() {
        return Err(type_error(if encoding.is_some() {
            "encoding without a string argument"
        } else {
            "errors without a string argument"
        }));
    }
    Ok(new_bytes(contents_of(source, iterate)?))
}

/// What `bytes(x)` (and `bytearray(x)`) holds: `n` zero bytes, a copy of a bytes-like
/// value, or the ints of an iterable.
pub fn contents_of(source: &Value, iterate: Iterate) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(source) {
        return Ok(b.into_owned());
    }
    if let Some(n) = source.as_int()
        && !matches!(source, Value::Str(_))
    {
        if n < 0 {
            return Err(value_error("negative count"));
        }
        return Ok(vec![0; n as usize]);
    }
    if let Value::Str(_) = source {
        return Err(type_error("string argument without an encoding"));
    }
    let items = iterate(source)
        .map_err(|_| type_error(format!("cannot convert '{}' object to bytes", source.type_name())))?;
    items.iter().map(|v| byte_of(v, "bytes")).collect()
}

fn str_arg(v: &Value, who: &str) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        _ => Err(type_error(format!("{who}() argument 'encoding' must be str, not {}", v.type_name()))),
    }
}

/// The codecs the course meets, by CPython's names and aliases.
#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

fn codec(name: &str) -> PyResult<Codec> {
    let n = name.to_ascii_lowercase().replace('_', "-");
    match n.as_str() {
        "utf-8" | "utf8" | "u8" => Ok(Codec::Utf8),
        "ascii" | "us-ascii" => Ok(Codec::Ascii),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => Ok(Codec::Latin1),
        _ => Err(PyException::new(LOOKUP_ERROR, format!("unknown encoding: {name}"))),
    }
}

fn codec_name(c: Codec) -> &'static str {
    match c {
        Codec::Utf8 => "utf-8",
        Codec::Ascii => "ascii",
        Codec::Latin1 => "latin-1",
    }
}

/// `s.encode(encoding, errors)`.
pub fn encode(s: &str, encoding: &str, errors: Option<&str>) -> PyResult<Value> {
    let c = codec(encoding)?;
    let limit = match c {
        Codec::Utf8 => return Ok(new_bytes(s.as_bytes().to_vec())),
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
    };
    let mut out = Vec::with_capacity(s.len());
    for (pos, ch) in s.chars().enumerate() {
        if (ch as u32) < limit {
            out.push(ch as u32 as u8);
            continue;
        }
        match errors.unwrap_or("strict") {
            "ignore" => {}
            "replace" => out.push(b'?'),
            _ => {
                let esc = escaped(ch);
                return Err(PyException::new(
                    UNICODE_ENCODE_ERROR,
                    format!(
                        "'{}' codec can't encode character {esc} in position {pos}: ordinal not in range({limit})",
                        codec_name(c)
                    ),
                ));
            }
        }
    }
    Ok(new_bytes(out))
}

/// A character as `ascii()` shows it in an error: `'\xe9'`, `'\u03c0'`, `'\U0001f600'`.
fn escaped(ch: char) -> String {
    match ch as u32 {
        c if c < 0x100 => format!("'\\x{c:02x}'"),
        c if c < 0x10000 => format!("'\\u{c:04x}'"),
        c => format!("'\\U{c:08x}'"),
    }
}

/// `b.decode(encoding, errors)`, with CPython's words for a byte that cannot be read.
pub fn decode(data: &[u8], encoding: &str, errors: Option<&str>) -> PyResult<Value> {
    let c = codec(encoding)?;
    let errors = errors.unwrap_or("strict");
    let mut out = String::with_capacity(data.len());
    let mut rest = data;
    let mut offset = 0;
    loop {
        // One readable run, then (if any) one bad run and what CPython calls it.
        let (good, bad, reason) = match c {
            Codec::Latin1 => (rest.len(), 0, ""),
            Codec::Ascii => {
                let n = rest.iter().position(|b| *b >= 0x80).unwrap_or(rest.len());
                (n, usize::from(n < rest.len()), "ordinal not in range(128)")
            }
            Codec::Utf8 => match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), 0, ""),
                Err(e) => {
                    let at = e.valid_up_to();
                    match e.error_len() {
                        Some(n) if (0xc2..=0xf4).contains(&rest[at]) => (at, n, "invalid continuation byte"),
                        Some(n) => (at, n, "invalid start byte"),
                        None => (at, rest.len() - at, "unexpected end of data"),
                    }
                }
            },
        };
        match c {
            Codec::Latin1 => out.extend(rest[..good].iter().map(|b| *b as char)),
            _ => out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default()),
        }
        if bad == 0 {
            return Ok(Value::str(out));
        }
        match errors {
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            _ => {
                let (start, end) = (offset + good, offset + good + bad);
                let which = if bad == 1 {
                    format!("byte 0x{:02x} in position {start}", data[start])
                } else {
                    format!("bytes in position {start}-{}", end - 1)
                };
                return Err(PyException::new(
                    UNICODE_DECODE_ERROR,
                    format!("'{}' codec can't decode {which}: {reason}", codec_name(c)),
                ));
            }
        }
        offset += good + bad;
        rest = &rest[good + bad..];
    }
}

// ---------------------------------------------------------------- methods

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// ASCII whitespace, which is all `bytes.split()` and `strip()` know.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn split_whitespace(data: &[u8], maxsplit: i64) -> Vec<Value> {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < data.len() {
        while i < data.len() && is_space(data[i]) {
            i += 1;
        }
        if i == data.len() {
            break;
        }
        if maxsplit >= 0 && parts.len() as i64 == maxsplit {
            let mut end = data.len();
            while end > i && is_space(data[end - 1]) {
                end -= 1;
            }
            parts.push(new_bytes(data[i..end].to_vec()));
            return parts;
        }
        let start = i;
        while i < data.len() && !is_space(data[i]) {
            i += 1;
        }
        parts.push(new_bytes(data[start..i].to_vec()));
    }
    parts
}

fn split_on(data: &[u8], sep: &[u8], maxsplit: i64) -> PyResult<Vec<Value>> {
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let mut parts = Vec::new();
    let mut start = 0;
    while maxsplit < 0 || (parts.len() as i64) < maxsplit {
        let Some(at) = find(data, sep, start) else { break };
        parts.push(new_bytes(data[start..at].to_vec()));
        start = at + sep.len();
    }
    parts.push(new_bytes(data[start..].to_vec()));
    Ok(parts)
}

fn strip(data: &[u8], chars: Option<&[u8]>, left: bool, right: bool) -> Value {
    let strip_it = |b: u8| chars.map_or(is_space(b), |c| c.contains(&b));
    let (mut i, mut j) = (0, data.len());
    while left && i < j && strip_it(data[i]) {
        i += 1;
    }
    while right && j > i && strip_it(data[j - 1]) {
        j -= 1;
    }
    new_bytes(data[i..j].to_vec())
}

fn prefix_test(data: &[u8], arg: &Value, at_start: bool) -> PyResult<bool> {
    let test = |p: &[u8]| if at_start { data.starts_with(p) } else { data.ends_with(p) };
    if let Value::Tuple(options) = arg {
        for o in options.iter() {
            if test(&need_bytes_like(o)?) {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let name = if at_start { "startswith" } else { "endswith" };
    let p = bytes_like(arg).ok_or_else(|| {
        type_error(format!("{name} first arg must be bytes or a tuple of bytes, not {}", arg.type_name()))
    })?;
    Ok(test(&p))
}

/// `b.name`, bound to `b` (a `bytes`; `this` is the value, `data` its contents).
pub fn method(this: &Value, name: &str, iterate: Iterate) -> PyResult<Value> {
    const NAMES: &[&str] = &[
        "decode",
        "hex",
        "startswith",
        "endswith",
        "find",
        "rfind",
        "index",
        "count",
        "split",
        "strip",
        "lstrip",
        "rstrip",
        "join",
        "replace",
        "upper",
        "lower",
        "isdigit",
        "isalpha",
        "isspace",
        "isalnum",
        "isupper",
        "islower",
        "isascii",
        "splitlines",
        "partition",
        "removeprefix",
        "removesuffix",
    ];
    if !NAMES.contains(&name) {
        return Err(PyException::new(
            ATTRIBUTE_ERROR,
            format!("'{}' object has no attribute '{name}'", this.type_name()),
        ));
    }
    let n: Rc<str> = Rc::from(name);
    Ok(Value::Obj(Rc::new(Builtin {
        name: n.clone(),
        f: Rc::new(move |a: Vec<Value>, k: Vec<(Rc<str>, Value)>| {
            let data = need_bytes_like(&a[0])?.into_owned();
            call_method(&n, &data, &a[1..], &k, iterate)
        }),
        bound: Some(this.clone()),
    })))
}

/// Runs the bytes method `name` on `data` with the call's arguments (after `self`);
/// a method that makes new bytes makes `bytes` (a `bytearray` converts its result back).
pub fn call_method(
    name: &str,
    data: &[u8],
    a: &[Value],
    k: &[(Rc<str>, Value)],
    iterate: Iterate,
) -> PyResult<Value> {
    let kw = |key: &str| k.iter().find(|(n, _)| &**n == key).map(|(_, v)| v.clone());
    let opt_str = |i: usize, key: &str| -> PyResult<Option<String>> {
        match a.get(i).cloned().or_else(|| kw(key)) {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(v) => {
                Err(type_error(format!("{name}() argument '{key}' must be str, not {}", v.type_name())))
            }
        }
    };
    let arg = |i: usize| -> PyResult<&Value> {
        a.get(i).ok_or_else(|| {
            type_error(format!("{name}() takes at least {} argument ({} given)", i + 1, a.len()))
        })
    };
    let ascii_map = |f: fn(&u8) -> u8| new_bytes(data.iter().map(f).collect::<Vec<u8>>());
    let all = |f: fn(&u8) -> bool| Value::Bool(!data.is_empty() && data.iter().all(f));
    let maxsplit =
        || -> i64 { a.get(1).cloned().or_else(|| kw("maxsplit")).and_then(|v| v.as_int()).unwrap_or(-1) };
    Ok(match name {
        "decode" => {
            let enc = opt_str(0, "encoding")?.unwrap_or_else(|| "utf-8".into());
            return decode(data, &enc, opt_str(1, "errors")?.as_deref());
        }
        "hex" => Value::str(data.iter().map(|b| format!("{b:02x}")).collect::<String>()),
        "startswith" => Value::Bool(prefix_test(data, arg(0)?, true)?),
        "endswith" => Value::Bool(prefix_test(data, arg(0)?, false)?),
        "find" | "index" => {
            let at = match arg(0)? {
                v if v.as_int().is_some() => {
                    let byte = byte_of(v, "byte")?;
                    data.iter().position(|b| *b == byte)
                }
                v => find(data, &need_bytes_like(v)?, 0),
            };
            match (at, name) {
                (Some(i), _) => Value::Int(i as i64),
                (None, "find") => Value::Int(-1),
                (None, _) => return Err(value_error("subsection not found")),
            }
        }
        "rfind" => Value::Int(rfind(data, &need_bytes_like(arg(0)?)?).map_or(-1, |i| i as i64)),
        "count" => {
            let needle = need_bytes_like(arg(0)?)?;
            if needle.is_empty() {
                Value::Int(data.len() as i64 + 1)
            } else {
                let (mut n, mut from) = (0, 0);
                while let Some(at) = find(data, &needle, from) {
                    n += 1;
                    from = at + needle.len();
                }
                Value::Int(n)
            }
        }
        "split" => new_list(match a.first().cloned().or_else(|| kw("sep")) {
            None | Some(Value::None) => split_whitespace(data, maxsplit()),
            Some(sep) => split_on(data, &need_bytes_like(&sep)?, maxsplit())?,
        }),
        "strip" | "lstrip" | "rstrip" => {
            let chars = match a.first() {
                None | Some(Value::None) => None,
                Some(c) => Some(need_bytes_like(c)?.into_owned()),
            };
            strip(data, chars.as_deref(), name != "rstrip", name != "lstrip")
        }
        "join" => {
            let mut out = Vec::new();
            for (i, item) in iterate(arg(0)?)?.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(data);
                }
                let part = bytes_like(item).ok_or_else(|| {
                    type_error(format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        item.type_name()
                    ))
                })?;
                out.extend_from_slice(&part);
            }
            new_bytes(out)
        }
        "replace" => {
            let (old, new) = (need_bytes_like(arg(0)?)?, need_bytes_like(arg(1)?)?);
            let mut count = a.get(2).and_then(|v| v.as_int()).unwrap_or(-1);
            let mut out = Vec::new();
            let mut from = 0;
            while count != 0 {
                let Some(at) = find(data, &old, from) else { break };
                out.extend_from_slice(&data[from..at]);
                out.extend_from_slice(&new);
                if old.is_empty() {
                    if at < data.len() {
                        out.push(data[at]);
                    }
                    from = at + 1;
                    if from > data.len() {
                        break;
                    }
                } else {
                    from = at + old.len();
                }
                count -= 1;
            }
            if from <= data.len() {
                out.extend_from_slice(&data[from..]);
            }
            new_bytes(out)
        }
        "upper" => ascii_map(u8::to_ascii_uppercase),
        "lower" => ascii_map(u8::to_ascii_lowercase),
        "isdigit" => all(u8::is_ascii_digit),
        "isalpha" => all(u8::is_ascii_alphabetic),
        "isalnum" => all(u8::is_ascii_alphanumeric),
        "isspace" => all(|b| is_space(*b)),
        "isascii" => Value::Bool(data.is_ascii()),
        "isupper" => {
            Value::Bool(data.iter().any(u8::is_ascii_uppercase) && !data.iter().any(u8::is_ascii_lowercase))
        }
        "islower" => {
            Value::Bool(data.iter().any(u8::is_ascii_lowercase) && !data.iter().any(u8::is_ascii_uppercase))
        }
        "splitlines" => {
            let keep = a.first().cloned().or_else(|| kw("keepends")).is_some_and(|v| v.truthy());
            let mut lines = Vec::new();
            let mut start = 0;
            let mut i = 0;
            while i < data.len() {
                if data[i] == b'\n' || data[i] == b'\r' {
                    let end = if data[i] == b'\r' && data.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                    lines.push(new_bytes(data[start..if keep { end } else { i }].to_vec()));
                    start = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            if start < data.len() {
                lines.push(new_bytes(data[start..].to_vec()));
            }
            new_list(lines)
        }
        "partition" => {
            let sep = need_bytes_like(arg(0)?)?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            match find(data, &sep, 0) {
                Some(at) => Value::tuple([
                    new_bytes(data[..at].to_vec()),
                    new_bytes(sep.to_vec()),
                    new_bytes(data[at + sep.len()..].to_vec()),
                ]),
                None => {
                    Value::tuple([new_bytes(data.to_vec()), new_bytes(Vec::new()), new_bytes(Vec::new())])
                }
            }
        }
        "removeprefix" => {
            let p = need_bytes_like(arg(0)?)?;
            new_bytes(data.strip_prefix(&*p).unwrap_or(data).to_vec())
        }
        "removesuffix" => {
            let p = need_bytes_like(arg(0)?)?;
            new_bytes(data.strip_suffix(&*p).unwrap_or(data).to_vec())
        }
        _ => unreachable!("listed in method()"),
    })
}
