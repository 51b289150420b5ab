//! Python's `repr()` rules, letter for letter.
//!
//! Two rules matter most in class: a `str` is quoted (single quotes unless the text holds a
//! `'` and no `"`) with escapes, and a `float` prints the shortest text that reads back as
//! the same number, switching to exponent form below `1e-4` or from `1e16` on
//! (`0.0001`, `1e-05`, `1e+16`), always with a `.0` when it is whole in fixed form.
//!
//! ```
//! use corosim::value::repr::{float_repr, str_repr};
//! assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
//! assert_eq!(str_repr("it's"), "\"it's\"");
//! ```

use std::fmt::Write;

use super::Value;

/// Appends `repr(v)` to `out`.
pub fn write_repr(out: &mut String, v: &Value) {
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Str(s) => out.push_str(&str_repr(s)),
        Value::Tuple(items) => {
            out.push('(');
            write_items(out, items);
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::List(items) => {
            out.push('[');
            write_items(out, items);
            out.push(']');
        }
        Value::Dict(pairs) => {
            out.push('{');
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, k);
                out.push_str(": ");
                write_repr(out, v);
            }
            out.push('}');
        }
        Value::Named(n) => {
            out.push_str(&n.type_name);
            out.push('(');
            for (i, (k, v)) in n.fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push('=');
                write_repr(out, v);
            }
            out.push(')');
        }
        Value::Exception(e) => out.push_str(&e.repr()),
        Value::ExcClass(c) => {
            // Unlike a traceback, a class's repr names every module but builtins:
            // `<class '__main__.FetchError'>`.
            let _ = match c.module() {
                "builtins" => write!(out, "<class '{}'>", c.name()),
                module => write!(out, "<class '{module}.{}'>", c.name()),
            };
        }
        Value::Type(name) => {
            let _ = write!(out, "<class '{name}'>");
        }
        Value::Object(h) => {
            let _ = write!(out, "<object at {:#x}>", h.0);
        }
        Value::Obj(o) => out.push_str(&o.repr()),
    }
}

fn write_items(out: &mut String, items: &[Value]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(out, item);
    }
}

/// `repr(x)` for a float: shortest round-trip digits, Python's layout.
///
/// ```
/// # use corosim::value::repr::float_repr;
/// assert_eq!(float_repr(1e16), "1e+16");
/// assert_eq!(float_repr(1e15), "1000000000000000.0");
/// assert_eq!(float_repr(-0.0), "-0.0");
/// assert_eq!(float_repr(f64::INFINITY), "inf");
/// ```
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Rust's `{:e}` gives the shortest round-trip digits, e.g. "-1.5e16".
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').expect("{:e} always has an exponent");
    let exp: i32 = exp.parse().expect("{:e} exponent is an integer");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    // The decimal point sits after `decpt` digits: value = 0.DIGITS × 10^decpt.
    let decpt = exp + 1;
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let n = digits.len() as i32;
    if (-4 < decpt) && (decpt <= 16) {
        let body = if decpt <= 0 {
            format!("0.{}{}", "0".repeat((-decpt) as usize), digits)
        } else if decpt >= n {
            format!("{}{}.0", digits, "0".repeat((decpt - n) as usize))
        } else {
            format!("{}.{}", &digits[..decpt as usize], &digits[decpt as usize..])
        };
        format!("{sign}{body}")
    } else {
        let mant = if n == 1 { digits } else { format!("{}.{}", &digits[..1], &digits[1..]) };
        let e = decpt - 1;
        let esign = if e < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{esign}{:02}", e.abs())
    }
}

/// `repr(s)` for a str: Python's quote choice and escapes.
///
/// ```
/// # use corosim::value::repr::str_repr;
/// assert_eq!(str_repr("a\nb"), "'a\\nb'");
/// assert_eq!(str_repr("\u{7}"), "'\\x07'");
/// assert_eq!(str_repr("caf\u{e9}"), "'café'");
/// ```
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let cp = c as u32;
                let _ = if cp < 0x100 {
                    write!(out, "\\x{cp:02x}")
                } else if cp < 0x10000 {
                    write!(out, "\\u{cp:04x}")
                } else {
                    write!(out, "\\U{cp:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for one character: CPython 3.11's own answer, tabulated
/// in `unprintable.rs` (controls, format characters, separators, private use and
/// unassigned code points are escaped).
fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if (0x20..=0x7e).contains(&cp) {
        return true;
    }
    super::unprintable::NOT_PRINTABLE
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}
