//! Placeholder: replaced by the full formatting module (branch pyfmt).

use crate::exception::{PyException, PyResult, TYPE_ERROR, VALUE_ERROR};
use crate::value::Value;

/// One part of a `str.format` field name after the first: `.attr`, `[0]`, `[key]`.
pub enum FieldPart {
    Attr(String),
    Index(usize),
    Key(String),
}

/// `format(v, spec)`.
pub fn format_spec(v: &Value, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(v.to_str());
    }
    if let (Some(prec), Value::Float(f)) = (spec.strip_prefix('.').and_then(|s| s.strip_suffix('f')), v) {
        let p: usize = prec.parse().map_err(|_| PyException::new(VALUE_ERROR, "Invalid format specifier"))?;
        return Ok(format!("{f:.p$}"));
    }
    Err(PyException::new(VALUE_ERROR, "Invalid format specifier"))
}

/// `fmt % args`.
pub fn percent_format(fmt: &str, args: &Value) -> PyResult<String> {
    let items: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let mut out = String::new();
    let mut it = items.into_iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('s') => out.push_str(&it.next().unwrap_or_default().to_str()),
            Some('r') => out.push_str(&it.next().unwrap_or_default().repr()),
            Some('d') => out.push_str(&it.next().unwrap_or_default().repr()),
            _ => return Err(PyException::new(TYPE_ERROR, "unsupported format")),
        }
    }
    Ok(out)
}

/// `str.format`.
pub fn str_format(
    fmt: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
    _lookup: &mut dyn FnMut(&Value, &FieldPart) -> PyResult<Value>,
    convert: &mut dyn FnMut(&Value, char) -> PyResult<String>,
    format: &mut dyn FnMut(&Value, &str) -> PyResult<String>,
) -> PyResult<String> {
    let mut out = String::new();
    let mut auto = 0;
    let mut rest = fmt;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(stripped) = after.strip_prefix('{') {
            out.push('{');
            rest = stripped;
            continue;
        }
        let end =
            after.find('}').ok_or_else(|| PyException::new(VALUE_ERROR, "unmatched '{' in format spec"))?;
        let field = &after[..end];
        let (field, spec) = field.split_once(':').unwrap_or((field, ""));
        let (name, conv) = field.split_once('!').unwrap_or((field, ""));
        let v = if name.is_empty() {
            auto += 1;
            args.get(auto - 1).cloned().unwrap_or_default()
        } else if let Ok(n) = name.parse::<usize>() {
            args.get(n).cloned().unwrap_or_default()
        } else {
            kwargs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
        };
        let v = match conv.chars().next() {
            Some(c) => Value::str(convert(&v, c)?),
            None => v,
        };
        out.push_str(&format(&v, spec)?);
        rest = &after[end + 1..];
    }
    out.push_str(&rest.replace("}}", "}"));
    Ok(out)
}

/// A `str` method, `None` if `name` is not one.
pub fn str_method(s: &str, name: &str, args: &[Value]) -> Option<PyResult<Value>> {
    let a = |i: usize| args.get(i).and_then(|v| v.as_str()).unwrap_or("").to_string();
    Some(Ok(match name {
        "upper" => Value::str(s.to_uppercase()),
        "lower" => Value::str(s.to_lowercase()),
        "strip" => Value::str(s.trim()),
        "startswith" => Value::Bool(s.starts_with(&a(0))),
        "endswith" => Value::Bool(s.ends_with(&a(0))),
        "replace" => Value::str(s.replace(&a(0), &a(1))),
        "split" => match args.first() {
            None | Some(Value::None) => Value::list(s.split_whitespace().map(Value::str)),
            Some(_) => Value::list(s.split(&a(0)).map(Value::str)),
        },
        "join" => {
            let items: Vec<Value> = match args.first() {
                Some(Value::List(l)) | Some(Value::Tuple(l)) => l.to_vec(),
                _ => Vec::new(),
            };
            let parts: Vec<String> = items.iter().map(|v| v.to_str()).collect();
            Value::str(parts.join(s))
        }
        _ => return None,
    }))
}
