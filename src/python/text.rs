//! `format(value, spec)`, f-strings, `%` and `str.format`, and the `str` methods
//! learners call: Python's text-making, as pure functions over [`Value`].
//!
//! Python has three ways to turn values into text, and they share one engine:
//!
//! * the **format mini-language** (`format(x, '>8.2f')`, `f"{x:>8.2f}"`), in
//!   [`format_spec`]: fill, align, sign, `#`, `0`, width, grouping, precision, type;
//! * **printf-style** `%` (`'%5.1f%%' % x`), in [`percent_format`];
//! * **`str.format`** (`'{0[1]!r:^{w}}'.format(...)`), in [`str_format`], which finds
//!   each field, resolves its `.attr` and `[index]` parts through the caller (instances
//!   live in the interpreter), converts with `!r`/`!s`/`!a`, and formats with the spec.
//!
//! [`str_method`] holds `str`'s methods (`split`, `strip`, `join`, `find`, `center`, ...).
//!
//! Every result and every error message is CPython 3.11's, letter for letter
//! (`tests/python_text.rs` runs each case through `python3` and compares). Floats follow
//! CPython's own routine (`format_float_short` in `Python/pystrtod.c`): Rust's exact
//! float printing gives the correctly rounded digits, and the layout rules are
//! CPython's. Indices and widths count characters (code points), never bytes. The
//! character questions (`isalpha`, `isdigit`, `isidentifier`, title case) answer from
//! tables CPython wrote (`text/tables.py`).
//!
//! Where corosim knowingly parts from CPython: upper and lower case come from Rust's
//! tables, a newer Unicode than CPython 3.11's 14.0 (a few letters added since map
//! differently); a lone surrogate (`chr(0xd800)`, which a Rust string cannot hold) comes
//! out as U+FFFD; and widths, precisions and padded lengths stop at 100 million
//! characters, where CPython would go on to a `MemoryError`.
//!
//! ```
//! use corosim::Value;
//! use corosim::python::text::{format_spec, percent_format, str_format_plain, str_method};
//! assert_eq!(format_spec(&Value::from(1234567), ",").unwrap(), "1,234,567");
//! assert_eq!(format_spec(&Value::from(3.14159), "08.3f").unwrap(), "0003.142");
//! assert_eq!(percent_format("%-5s|%03d", &Value::tuple(["ab".into(), 7.into()])).unwrap(), "ab   |007");
//! assert_eq!(str_format_plain("{0}-{0!r:>5}", &["x".into()], &[]).unwrap(), "x-  'x'");
//! let parts = str_method("a,b,,c", "split", &[",".into()]).unwrap().unwrap();
//! assert_eq!(parts.repr(), "['a', 'b', '', 'c']");
//! ```

use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive};

use crate::exception::{
    ATTRIBUTE_ERROR, ExcClass, INDEX_ERROR, KEY_ERROR, OVERFLOW_ERROR, PyException, PyResult, TYPE_ERROR,
    VALUE_ERROR,
};
use crate::value::Value;

mod tables;

/// The widest field, longest precision or padded string corosim builds, in characters.
///
/// CPython goes on until memory runs out (`MemoryError`); corosim refuses earlier, with
/// the error CPython gives for a number it cannot hold, so no input can exhaust memory.
const LIMIT: usize = 100_000_000;

fn err(class: ExcClass, message: impl Into<String>) -> PyException {
    PyException::new(class, message.into())
}

fn type_error(message: impl Into<String>) -> PyException {
    err(TYPE_ERROR, message)
}

fn value_error(message: impl Into<String>) -> PyException {
    err(VALUE_ERROR, message)
}

// ---------------------------------------------------------------------------------------
// The format mini-language: format(value, spec)
// ---------------------------------------------------------------------------------------

/// Python's `format(v, spec)`, which an f-string's `{v:spec}` calls: the format
/// mini-language `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` for
/// `int`, `bool`, `float` and `str`.
///
/// Any other value takes only the empty spec (`format(None, '')` is `str(None)`); a
/// non-empty one is CPython's `TypeError` from `object.__format__`.
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::format_spec;
/// assert_eq!(format_spec(&Value::from(1.0), "").unwrap(), "1.0");
/// assert_eq!(format_spec(&Value::from(3.14159), ".2").unwrap(), "3.1");
/// assert_eq!(format_spec(&Value::from(255), "#x").unwrap(), "0xff");
/// assert_eq!(format_spec(&Value::from("ab"), "*^6").unwrap(), "**ab**");
/// assert_eq!(
///     format_spec(&Value::from(1.5), "d").unwrap_err().to_string(),
///     "ValueError: Unknown format code 'd' for object of type 'float'"
/// );
/// ```
pub fn format_spec(v: &Value, spec: &str) -> PyResult<String> {
    match v {
        // An empty spec is `str(v)`: `format(True, '')` is 'True' but `format(True, 'd')`
        // is '1', since bool borrows int's `__format__`.
        _ if spec.is_empty() => Ok(v.to_str()),
        Value::Bool(b) => format_int(IntRef::Small(i64::from(*b)), spec, "bool"),
        Value::Int(i) => format_int(IntRef::Small(*i), spec, "int"),
        Value::Float(f) => format_float(*f, spec, "float"),
        Value::Str(s) => format_str(s, spec),
        other => {
            Err(type_error(format!("unsupported format string passed to {}.__format__", other.type_name())))
        }
    }
}

/// `format(n, spec)` for an `int` of any size (the interpreter's big integers).
///
/// ```
/// use num_bigint::BigInt;
/// use corosim::python::text::format_bigint;
/// let n: BigInt = "123456789012345678901234567890".parse().unwrap();
/// assert_eq!(format_bigint(&n, "_").unwrap(), "123_456_789_012_345_678_901_234_567_890");
/// ```
pub fn format_bigint(n: &BigInt, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(n.to_string());
    }
    format_int(IntRef::Big(n), spec, "int")
}

/// A parsed format spec: CPython's `InternalFormatSpec`.
#[derive(Clone, Debug)]
struct Spec {
    fill: char,
    align: char,
    sign: Option<char>,
    no_neg_0: bool,
    alternate: bool,
    width: Option<usize>,
    /// The separator and the group size: `,` or `_` every 3 digits, `_` every 4 in
    /// `b o x X`.
    grouping: Option<(char, usize)>,
    precision: Option<usize>,
    /// The presentation type; `None` for a float's "no type" (`'\0'` in CPython).
    ty: Option<char>,
}

/// Parses `spec` as CPython's `parse_internal_render_format_spec` does, with the
/// type's default type and alignment (`'d'`/`'>'` for int, `None`/`'>'` for float,
/// `'s'`/`'<'` for str); `type_name` is for the error messages.
fn parse_spec(
    spec: &str,
    default_type: Option<char>,
    default_align: char,
    type_name: &str,
) -> PyResult<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let end = c.len();
    let mut pos = 0;
    let mut s = Spec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    let mut fill_specified = false;
    let mut align_specified = false;
    if end >= 2 && is_align(c[1]) {
        s.fill = c[0];
        s.align = c[1];
        fill_specified = true;
        align_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(c[0]) {
        s.align = c[0];
        align_specified = true;
        pos = 1;
    }
    if pos < end && matches!(c[pos], '+' | '-' | ' ') {
        s.sign = Some(c[pos]);
        pos += 1;
    }
    if pos < end && c[pos] == 'z' {
        s.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && c[pos] == '#' {
        s.alternate = true;
        pos += 1;
    }
    // The old way to zero-pad: a leading '0' means fill '0', and for numbers pad after
    // the sign.
    if !fill_specified && pos < end && c[pos] == '0' {
        s.fill = '0';
        if !align_specified && default_align == '>' {
            s.align = '=';
        }
        pos += 1;
    }
    s.width = spec_integer(&c, &mut pos)?;
    let mut separator = None;
    if pos < end && c[pos] == ',' {
        separator = Some(',');
        pos += 1;
    }
    if pos < end && c[pos] == '_' {
        if separator.is_some() {
            return Err(value_error("Cannot specify both ',' and '_'."));
        }
        separator = Some('_');
        pos += 1;
    }
    if pos < end && c[pos] == ',' && separator == Some('_') {
        return Err(value_error("Cannot specify both ',' and '_'."));
    }
    if pos < end && c[pos] == '.' {
        pos += 1;
        s.precision = spec_integer(&c, &mut pos)?;
        if s.precision.is_none() {
            return Err(value_error("Format specifier missing precision"));
        }
    }
    if end - pos > 1 {
        return Err(value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if end - pos == 1 {
        s.ty = Some(c[pos]);
    }
    if let Some(sep) = separator {
        s.grouping = match s.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => Some((sep, 3)),
            // PEP 515: '_' groups hex, octal and binary digits by four.
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => Some((sep, 4)),
            Some(t) => {
                return Err(value_error(format!("Cannot specify '{sep}' with {}.", quoted_code(t))));
            }
        };
    }
    Ok(s)
}

/// A run of decimal digits in a spec, `None` if there is none.
fn spec_integer(c: &[char], pos: &mut usize) -> PyResult<Option<usize>> {
    let mut value: Option<usize> = None;
    while let Some(d) = c.get(*pos).and_then(|ch| ch.to_digit(10)) {
        let v = value.unwrap_or(0).checked_mul(10).and_then(|v| v.checked_add(d as usize));
        match v {
            Some(v) if v <= LIMIT => value = Some(v),
            _ => return Err(value_error("Too many decimal digits in format string")),
        }
        *pos += 1;
    }
    Ok(value)
}

/// `'d'`, or `'\x1f'` for a character Python will not print inside quotes.
fn quoted_code(t: char) -> String {
    if (t as u32) > 32 && (t as u32) < 128 { format!("'{t}'") } else { format!("'\\x{:x}'", t as u32) }
}

fn unknown_code(t: char, type_name: &str) -> PyException {
    value_error(format!("Unknown format code {} for object of type '{type_name}'", quoted_code(t)))
}

/// An `int`, small or big, as the formatters need it.
#[derive(Clone, Copy)]
enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn is_negative(self) -> bool {
        match self {
            IntRef::Small(i) => i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }

    /// The digits of the absolute value in `radix`, lower case.
    fn magnitude(self, radix: u32) -> String {
        match self {
            IntRef::Small(i) => {
                let m = i.unsigned_abs();
                match radix {
                    2 => format!("{m:b}"),
                    8 => format!("{m:o}"),
                    16 => format!("{m:x}"),
                    _ => m.to_string(),
                }
            }
            IntRef::Big(b) => b.magnitude().to_str_radix(radix),
        }
    }

    fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(i) => Some(i),
            IntRef::Big(b) => b.to_i64(),
        }
    }

    /// `float(n)`, which fails for an int beyond the float range.
    fn to_f64(self) -> PyResult<f64> {
        let f = match self {
            IntRef::Small(i) => i as f64,
            IntRef::Big(b) => b.to_f64().unwrap_or(f64::INFINITY),
        };
        if f.is_finite() { Ok(f) } else { Err(err(OVERFLOW_ERROR, "int too large to convert to float")) }
    }
}

/// `int.__format__`: CPython's `format_long_internal`, or the float path for `e f g %`.
fn format_int(n: IntRef, spec: &str, type_name: &str) -> PyResult<String> {
    let s = parse_spec(spec, Some('d'), '>', type_name)?;
    let ty = s.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => return format_float_spec(n.to_f64()?, &s),
        other => return Err(unknown_code(other, type_name)),
    }
    if s.precision.is_some() {
        return Err(value_error("Precision not allowed in integer format specifier"));
    }
    if s.no_neg_0 {
        return Err(value_error("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if ty == 'c' {
        if s.sign.is_some() {
            return Err(value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if s.alternate {
            return Err(value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        let ch = code_point(n.to_i64())?;
        // The character is "remainder" to the layout: copied, never grouped.
        return Ok(fill_number(&s, false, "", "", false, &ch.to_string()));
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = n.magnitude(radix);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if s.alternate { prefix } else { "" };
    Ok(fill_number(&s, n.is_negative(), prefix, &digits, false, ""))
}

/// `chr(n)` for `'c'`: CPython's range check; a lone surrogate (which a Rust string
/// cannot hold) becomes U+FFFD.
fn code_point(n: Option<i64>) -> PyResult<char> {
    match n {
        Some(i @ 0..=0x10ffff) => Ok(char::from_u32(i as u32).unwrap_or('\u{fffd}')),
        _ => Err(err(OVERFLOW_ERROR, "%c arg not in range(0x110000)")),
    }
}

/// Lays out a number, as CPython's `calc_number_widths` and `fill_number` do:
/// `[lpad][sign][prefix][spad][grouped digits][.][remainder][rpad]`, where `digits` is
/// the integer part (ASCII) and `remainder` what follows the decimal point.
fn fill_number(
    s: &Spec,
    negative: bool,
    prefix: &str,
    digits: &str,
    decimal: bool,
    remainder: &str,
) -> String {
    let sign = match s.sign {
        Some('+') => Some(if negative { '-' } else { '+' }),
        Some(' ') => Some(if negative { '-' } else { ' ' }),
        _ => negative.then_some('-'),
    };
    let non_digits =
        usize::from(sign.is_some()) + prefix.len() + usize::from(decimal) + remainder.chars().count();
    let width = s.width.unwrap_or(0);
    // Zero padding with '=' goes into the digits, so the separators reach into it too:
    // format(1234, '010,') is '00,001,234'.
    let min_width = if s.fill == '0' && s.align == '=' { width as isize - non_digits as isize } else { 0 };
    let grouped = if digits.is_empty() { String::new() } else { group_digits(digits, s.grouping, min_width) };
    let used = non_digits + grouped.chars().count();
    let padding = width.saturating_sub(used);
    let (left, middle, right) = match s.align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let mut out = String::with_capacity(used + padding);
    push_n(&mut out, s.fill, left);
    out.extend(sign);
    out.push_str(prefix);
    push_n(&mut out, s.fill, middle);
    out.push_str(&grouped);
    if decimal {
        out.push('.');
    }
    out.push_str(remainder);
    push_n(&mut out, s.fill, right);
    out
}

fn push_n(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: separators every `size` digits from
/// the right, and leading zeros (grouped too) until the digits fill `min_width`.
fn group_digits(digits: &str, grouping: Option<(char, usize)>, mut min_width: isize) -> String {
    let Some((sep, size)) = grouping else {
        let zeros = (min_width - digits.len() as isize).max(0) as usize;
        return "0".repeat(zeros) + digits;
    };
    let size = size as isize;
    let mut remaining = digits.len() as isize;
    let mut groups = Vec::new();
    loop {
        let l = size.min(remaining.max(min_width).max(1));
        let zeros = (l - remaining).max(0);
        let taken = remaining.min(l).max(0);
        let start = (remaining - taken) as usize;
        let mut group = "0".repeat(zeros as usize);
        group.push_str(digits.get(start..remaining as usize).unwrap_or(""));
        groups.push(group);
        remaining -= taken;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1; // the separator's own width
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// `float.__format__`.
fn format_float(x: f64, spec: &str, type_name: &str) -> PyResult<String> {
    let s = parse_spec(spec, None, '>', type_name)?;
    match s.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_spec(x, &s),
        Some(other) => Err(unknown_code(other, type_name)),
    }
}

/// CPython's `format_float_internal`.
fn format_float_spec(mut x: f64, s: &Spec) -> PyResult<String> {
    let flags =
        Flags { always_sign: false, add_dot_0: s.ty.is_none(), alt: s.alternate, no_neg_0: s.no_neg_0 };
    let mut code = match s.ty {
        // No type: like repr, but with a precision like 'g' keeping one decimal.
        None => 'r',
        Some('n') => 'g',
        Some('%') => 'f',
        Some(t) => t,
    };
    if s.ty == Some('%') {
        x *= 100.0;
    }
    let precision = match s.precision {
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
        None if code == 'r' => 0,
        None => 6,
    };
    let mut text = float_to_string(x, code, precision, flags);
    if s.ty == Some('%') {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let int_len = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(int_len);
    let (decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    Ok(fill_number(s, negative, "", digits, decimal, remainder))
}

/// The flags of CPython's `PyOS_double_to_string`.
#[derive(Clone, Copy, Default)]
struct Flags {
    always_sign: bool,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
}

/// How many digits `dtoa` gives: the shortest that read back, so many significant, or
/// so many after the point (David Gay's modes 0, 2 and 3).
#[derive(Clone, Copy)]
enum Mode {
    Shortest,
    Significant(usize),
    Fixed(usize),
}

/// The decimal digits of `x` (finite, not negative) with no trailing zeros, and the
/// position of the point: `x ≈ 0.DIGITS × 10^decpt`. Rust prints floats exactly and
/// rounds half to even, as Gay's `dtoa` does, so its digits are CPython's.
fn dtoa(x: f64, mode: Mode) -> (String, isize) {
    if x == 0.0 {
        return ("0".into(), 1);
    }
    let (digits, decpt) = match mode {
        Mode::Shortest | Mode::Significant(_) => {
            let sci = match mode {
                Mode::Significant(n) => format!("{:.*e}", n.saturating_sub(1), x),
                _ => format!("{x:e}"),
            };
            let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
            let exp: isize = exp.parse().unwrap_or(0);
            (mantissa.replace('.', ""), exp + 1)
        }
        Mode::Fixed(n) => {
            let fixed = format!("{x:.n$}");
            let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
            let all = format!("{int}{frac}");
            let lead = all.bytes().take_while(|&b| b == b'0').count();
            (all[lead..].to_string(), int.len() as isize - lead as isize)
        }
    };
    let digits = digits.trim_end_matches('0').to_string();
    if digits.is_empty() { (digits, 1) } else { (digits, decpt) }
}

/// CPython's `PyOS_double_to_string` (and `format_float_short`): `x` in format `code`
/// (`e E f F g G`, or `r` for repr's digits) with `precision`.
fn float_to_string(x: f64, code: char, precision: usize, flags: Flags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = String::new();
    if !x.is_finite() {
        // A NaN's sign is never shown.
        if x == f64::NEG_INFINITY {
            out.push('-');
        } else if flags.always_sign {
            out.push('+');
        }
        out.push_str(match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return out;
    }
    let (mode, precision) = match code {
        'e' => (Mode::Significant(precision + 1), precision + 1),
        'f' => (Mode::Fixed(precision), precision),
        'g' => (Mode::Significant(precision.max(1)), precision.max(1)),
        _ => (Mode::Shortest, 0),
    };
    let (digits, mut decpt) = dtoa(x.abs(), mode);
    let mut negative = x.is_sign_negative();
    if flags.no_neg_0 && digits.bytes().all(|b| b == b'0') {
        negative = false;
    }
    let digits_len = digits.len() as isize;
    let precision = precision as isize;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            if decpt <= -4 || decpt > (if flags.add_dot_0 { precision - 1 } else { precision }) {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            // repr switches to an exponent from 1e16 on, and below 1e-4.
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end =
        if !use_exp && flags.add_dot_0 { vdigits_end.max(decpt + 1) } else { vdigits_end.max(decpt) };
    let zeros = |out: &mut String, n: isize| push_n(out, '0', n.max(0) as usize);
    if negative {
        out.push('-');
    } else if flags.always_sign {
        out.push('+');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        let (int, frac) = digits.split_at(decpt as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str(&digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    out
}

/// `str.__format__`: precision truncates, width pads (left-aligned by default).
fn format_str(text: &str, spec: &str) -> PyResult<String> {
    let s = parse_spec(spec, Some('s'), '<', "str")?;
    match s.ty {
        Some('s') => {}
        Some(other) => return Err(unknown_code(other, "str")),
        None => {}
    }
    match s.sign {
        Some(' ') => return Err(value_error("Space not allowed in string format specifier")),
        Some(_) => return Err(value_error("Sign not allowed in string format specifier")),
        None => {}
    }
    if s.no_neg_0 {
        return Err(value_error("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if s.alternate {
        return Err(value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if s.align == '=' {
        return Err(value_error("'=' alignment not allowed in string format specifier"));
    }
    let len = text.chars().count();
    let shown = s.precision.map_or(len, |p| p.min(len));
    Ok(pad(text.chars().take(shown), shown, s.width.unwrap_or(0), s.align, s.fill))
}

/// `chars` (there are `len`) padded with `fill` to `width`, aligned `<`, `>` or `^`.
fn pad(chars: impl Iterator<Item = char>, len: usize, width: usize, align: char, fill: char) -> String {
    let padding = width.saturating_sub(len);
    let left = match align {
        '>' => padding,
        '^' => padding / 2,
        _ => 0,
    };
    let mut out = String::with_capacity(len + padding);
    push_n(&mut out, fill, left);
    out.extend(chars);
    push_n(&mut out, fill, padding - left);
    out
}

// ---------------------------------------------------------------------------------------
// printf-style: fmt % args
// ---------------------------------------------------------------------------------------

/// Python's `fmt % args` for a `str`: `args` is a tuple (one value each), a dict (for
/// `%(name)s`), or any single value.
///
/// Conversions `s r a d i u o x X e E f F g G c %`, flags `- + space # 0`, width and
/// precision (either may be `*`, taken from the arguments).
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::percent_format;
/// let args = Value::tuple([Value::from("pi"), Value::from(3.14159)]);
/// assert_eq!(percent_format("%s=%.2f", &args).unwrap(), "pi=3.14");
/// assert_eq!(percent_format("%5d|%-5x|%%", &Value::tuple([42.into(), 255.into()])).unwrap(), "   42|ff   |%");
/// assert_eq!(
///     percent_format("%d", &Value::from("x")).unwrap_err().to_string(),
///     "TypeError: %d format: a real number is required, not str"
/// );
/// ```
pub fn percent_format(fmt: &str, args: &Value) -> PyResult<String> {
    percent_format_with(fmt, args, &mut plain_convert)
}

/// [`percent_format`], with `%s`, `%r` and `%a` of each value made by `convert` (called
/// with `'s'`, `'r'` or `'a'`), so the interpreter can run a class's `__str__` and
/// `__repr__`.
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::percent_format_with;
/// let mut shout = |v: &Value, _c: char| Ok(v.to_str().to_uppercase());
/// assert_eq!(percent_format_with("%s!", &Value::from("hi"), &mut shout).unwrap(), "HI!");
/// ```
pub fn percent_format_with(
    fmt: &str,
    args: &Value,
    convert: &mut dyn FnMut(&Value, char) -> PyResult<String>,
) -> PyResult<String> {
    let items: Option<Vec<Value>> = match args {
        Value::Tuple(t) => Some(t.to_vec()),
        Value::Named(n) => Some(n.fields.iter().map(|(_, v)| v.clone()).collect()),
        _ => None,
    };
    // Any mapping but a str or tuple allows `%(key)s`, and excuses unused arguments
    // (a list counts: it has `__getitem__`).
    let mapping = matches!(args, Value::Dict(_) | Value::List(_));
    let mut st = PercentArgs {
        current: args.clone(),
        items: items.clone(),
        len: items.as_ref().map_or(-1, |i| i.len() as isize),
        idx: if items.is_some() { 0 } else { -2 },
    };
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] != '%' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        i += 1;
        if c.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let arg = parse_percent_arg(&c, &mut i, args, mapping, &mut st)?;
        let v = st.next()?;
        let text = format_percent_arg(&v, &arg, i - 1, convert)?;
        out.push_str(&text);
        if mapping && st.idx < st.len {
            return Err(type_error("not all arguments converted during string formatting"));
        }
    }
    if st.idx < st.len && !mapping {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// The argument cursor of `%`, as CPython keeps it: `len` is -1 for a single value.
struct PercentArgs {
    current: Value,
    items: Option<Vec<Value>>,
    len: isize,
    idx: isize,
}

impl PercentArgs {
    fn next(&mut self) -> PyResult<Value> {
        if self.idx < self.len {
            self.idx += 1;
            return Ok(match &self.items {
                Some(items) if self.len >= 0 => {
                    items.get((self.idx - 1) as usize).cloned().unwrap_or_default()
                }
                _ => self.current.clone(),
            });
        }
        Err(type_error("not enough arguments for format string"))
    }
}

/// One `%` conversion's flags, width, precision and type.
struct PercentArg {
    ljust: bool,
    plus: bool,
    blank: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
    ch: char,
}

/// Parses what follows a `%`: `(key)`, flags, width, precision, a length letter
/// (`h l L`, ignored), the type. `i` ends past the type.
fn parse_percent_arg(
    c: &[char],
    i: &mut usize,
    args: &Value,
    mapping: bool,
    st: &mut PercentArgs,
) -> PyResult<PercentArg> {
    if c.get(*i) == Some(&'(') {
        if !mapping {
            return Err(type_error("format requires a mapping"));
        }
        *i += 1;
        let start = *i;
        let mut depth = 1;
        while depth > 0 && *i < c.len() {
            match c[*i] {
                ')' => depth -= 1,
                '(' => depth += 1,
                _ => {}
            }
            *i += 1;
        }
        if depth > 0 {
            return Err(value_error("incomplete format key"));
        }
        let key: String = c[start..*i - 1].iter().collect();
        st.current = mapping_get(args, &key)?;
        st.items = None;
        st.len = -1;
        st.idx = -2;
    }
    let mut a = PercentArg {
        ljust: false,
        plus: false,
        blank: false,
        alt: false,
        zero: false,
        width: None,
        prec: None,
        ch: '\0',
    };
    let next = |i: &mut usize| {
        let ch = c.get(*i).copied();
        *i += 1;
        ch
    };
    let mut ch = loop {
        match next(i) {
            Some('-') => a.ljust = true,
            Some('+') => a.plus = true,
            Some(' ') => a.blank = true,
            Some('#') => a.alt = true,
            Some('0') => a.zero = true,
            other => break other,
        }
    };
    if ch == Some('*') {
        let w = star_arg(st)?;
        if w < 0 {
            a.ljust = true;
        }
        let w = w.unsigned_abs() as usize;
        if w > LIMIT {
            return Err(value_error("width too big"));
        }
        a.width = Some(w);
        ch = next(i);
    } else if let Some(d) = ch.and_then(|x| x.to_digit(10)) {
        let mut w = d as usize;
        loop {
            ch = next(i);
            let Some(d) = ch.and_then(|x| x.to_digit(10)) else { break };
            w = w * 10 + d as usize;
            if w > LIMIT {
                return Err(value_error("width too big"));
            }
        }
        a.width = Some(w);
    }
    if ch == Some('.') {
        a.prec = Some(0);
        ch = next(i);
        if ch == Some('*') {
            let p = star_arg(st)?;
            a.prec = Some(p.clamp(0, LIMIT as i64) as usize);
            ch = next(i);
        } else if let Some(d) = ch.and_then(|x| x.to_digit(10)) {
            let mut p = d as usize;
            loop {
                ch = next(i);
                let Some(d) = ch.and_then(|x| x.to_digit(10)) else { break };
                p = p * 10 + d as usize;
                if p > LIMIT {
                    return Err(value_error("precision too big"));
                }
            }
            a.prec = Some(p);
        }
    }
    if matches!(ch, Some('h' | 'l' | 'L')) {
        ch = next(i);
    }
    // `i` always moved one past what `ch` holds, so past the end when `ch` is None.
    a.ch = ch.ok_or_else(|| value_error("incomplete format"))?;
    Ok(a)
}

/// A `*` width or precision: the next argument, which must be an int.
fn star_arg(st: &mut PercentArgs) -> PyResult<i64> {
    match st.next()? {
        Value::Int(n) => Ok(n),
        Value::Bool(b) => Ok(i64::from(b)),
        _ => Err(type_error("* wants int")),
    }
}

/// `mapping[key]` for `%(key)s`.
fn mapping_get(args: &Value, key: &str) -> PyResult<Value> {
    match args {
        Value::Dict(pairs) => pairs
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v.clone())
            .ok_or_else(|| PyException::new(KEY_ERROR, Value::str(key))),
        other => {
            Err(type_error(format!("{} indices must be integers or slices, not str", other.type_name())))
        }
    }
}

/// Formats one argument of `%` and pads it: CPython's `unicode_format_arg_format` and
/// `unicode_format_arg_output`. `at` is the type's index, for the error message.
fn format_percent_arg(
    v: &Value,
    a: &PercentArg,
    at: usize,
    convert: &mut dyn FnMut(&Value, char) -> PyResult<String>,
) -> PyResult<String> {
    let (text, numeric) = match a.ch {
        's' | 'r' | 'a' => (convert(v, a.ch)?, false),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => (percent_int(v, a)?, true),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match v {
                Value::Float(f) => *f,
                Value::Int(_) | Value::Bool(_) => v.as_f64().unwrap_or(0.0),
                other => return Err(type_error(format!("must be real number, not {}", other.type_name()))),
            };
            let flags = Flags { alt: a.alt, ..Flags::default() };
            (float_to_string(x, a.ch, a.prec.unwrap_or(6), flags), true)
        }
        'c' => {
            let ch = match v {
                Value::Str(s) if s.chars().count() == 1 => s.chars().next().unwrap_or_default(),
                Value::Int(_) | Value::Bool(_) => code_point(v.as_int())?,
                _ => return Err(type_error("%c requires int or char")),
            };
            (ch.to_string(), false)
        }
        other => {
            let shown = if (31..=126).contains(&(other as u32)) { other } else { '?' };
            return Err(value_error(format!(
                "unsupported format character '{shown}' (0x{:x}) at index {at}",
                other as u32
            )));
        }
    };
    let mut chars: Vec<char> = text.chars().collect();
    if let (Some(p), 's' | 'r' | 'a') = (a.prec, a.ch) {
        chars.truncate(p);
    }
    // Zeros go after the sign and the 0x, spaces before them.
    let fill = if numeric && a.zero { '0' } else { ' ' };
    let mut body: &[char] = &chars;
    let mut sign = None;
    if numeric {
        match body.first() {
            Some(&c @ ('-' | '+')) => {
                sign = Some(c);
                body = &body[1..];
            }
            _ if a.plus => sign = Some('+'),
            _ if a.blank => sign = Some(' '),
            _ => {}
        }
    }
    let mut prefix: &[char] = &[];
    if a.alt && matches!(a.ch, 'x' | 'X' | 'o') && body.len() >= 2 {
        prefix = &body[..2];
        body = &body[2..];
    }
    let used = usize::from(sign.is_some()) + prefix.len() + body.len();
    let padding = a.width.unwrap_or(0).saturating_sub(used);
    let mut out = String::with_capacity(used + padding);
    if a.ljust {
        out.extend(sign);
        out.extend(prefix);
        out.extend(body);
        push_n(&mut out, ' ', padding);
    } else if fill == '0' {
        out.extend(sign);
        out.extend(prefix);
        push_n(&mut out, '0', padding);
        out.extend(body);
    } else {
        push_n(&mut out, ' ', padding);
        out.extend(sign);
        out.extend(prefix);
        out.extend(body);
    }
    Ok(out)
}

/// `%d %i %u %o %x %X`: CPython's `mainformatlong` and `_PyUnicode_FormatLong`
/// (`[-][0x]digits`, zero-filled to the precision).
fn percent_int(v: &Value, a: &PercentArg) -> PyResult<String> {
    let big;
    let n = match v {
        Value::Int(i) => IntRef::Small(*i),
        Value::Bool(b) => IntRef::Small(i64::from(*b)),
        // int(x) for %d, but %x and %o want a true integer.
        Value::Float(f) if !matches!(a.ch, 'o' | 'x' | 'X') => {
            if f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(err(OVERFLOW_ERROR, "cannot convert float infinity to integer"));
            }
            big = BigInt::from_f64(f.trunc()).unwrap_or_default();
            IntRef::Big(&big)
        }
        other => {
            let what = if matches!(a.ch, 'o' | 'x' | 'X') { "an integer" } else { "a real number" };
            return Err(type_error(format!(
                "%{} format: {what} is required, not {}",
                a.ch,
                other.type_name()
            )));
        }
    };
    let (radix, prefix) = match a.ch {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = n.magnitude(radix);
    let mut out = String::new();
    if n.is_negative() {
        out.push('-');
    }
    if a.alt {
        out.push_str(prefix);
    }
    push_n(&mut out, '0', a.prec.unwrap_or(0).saturating_sub(digits.len()));
    out.push_str(&digits);
    if a.ch == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// str.format
// ---------------------------------------------------------------------------------------

/// One part of a `str.format` field name after the first: `.attr`, `[0]` or `[key]`
/// (brackets holding only digits index, anything else is a string key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldPart {
    /// `{0.name}`: `getattr(obj, 'name')`.
    Attr(String),
    /// `{0[1]}`: `obj[1]`.
    Index(usize),
    /// `{0[key]}`: `obj['key']`.
    Key(String),
}

/// Python's `str.format(*args, **kwargs)`.
///
/// Fields are `{}` (numbered automatically), `{0}`, `{name}`, followed by `.attr` and
/// `[index]` parts, a conversion `!r`/`!s`/`!a`, and a `:spec` that may hold nested
/// fields (`{:>{width}}`); `{{` and `}}` are literal braces. What needs the interpreter
/// comes through the callbacks: `lookup` resolves one `.attr` or `[index]` part,
/// `convert` makes `repr`/`str`/`ascii` (called with `'r'`, `'s'` or `'a'`), `format`
/// is `format(value, spec)`. [`plain_field`], [`plain_convert`] and [`format_spec`]
/// serve plain values; [`str_format_plain`] uses them.
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::{FieldPart, format_spec, plain_convert, str_format};
/// let mut lookup = |_: &Value, part: &FieldPart| Ok(Value::str(format!("{part:?}")));
/// let out = str_format(
///     "{} {x.real!r:>12}",
///     &[Value::from(1)],
///     &[("x".to_string(), Value::from(2))],
///     &mut lookup,
///     &mut plain_convert,
///     &mut |v, spec| format_spec(v, spec),
/// );
/// assert_eq!(out.unwrap(), "1 'Attr(\"real\")'");
/// ```
pub fn str_format(
    fmt: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
    lookup: &mut dyn FnMut(&Value, &FieldPart) -> PyResult<Value>,
    convert: &mut dyn FnMut(&Value, char) -> PyResult<String>,
    format: &mut dyn FnMut(&Value, &str) -> PyResult<String>,
) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut ctx = FormatCtx { args, kwargs, lookup, convert, format, auto: AutoNumber::Init, next_auto: 0 };
    build_string(&chars, 2, &mut ctx)
}

/// [`str_format`] for plain values: tuple, list, str and dict items, namedtuple fields,
/// `repr`/`str`/`ascii` and [`format_spec`].
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::str_format_plain;
/// let point = Value::tuple([Value::from(3), Value::from(4)]);
/// assert_eq!(str_format_plain("({0[0]}, {0[1]})", &[point], &[]).unwrap(), "(3, 4)");
/// assert_eq!(
///     str_format_plain("{}{1}", &[1.into(), 2.into()], &[]).unwrap_err().to_string(),
///     "ValueError: cannot switch from automatic field numbering to manual field specification"
/// );
/// ```
pub fn str_format_plain(fmt: &str, args: &[Value], kwargs: &[(String, Value)]) -> PyResult<String> {
    str_format(fmt, args, kwargs, &mut plain_field, &mut plain_convert, &mut |v, spec| format_spec(v, spec))
}

/// `!s`, `!r`, `!a` (and `%s`, `%r`, `%a`) for plain values: `str(v)`, `repr(v)`,
/// `ascii(v)`.
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::plain_convert;
/// assert_eq!(plain_convert(&Value::from("café"), 'a').unwrap(), "'caf\\xe9'");
/// ```
pub fn plain_convert(v: &Value, conversion: char) -> PyResult<String> {
    Ok(match conversion {
        'r' => v.repr(),
        'a' => ascii(&v.repr()),
        _ => v.to_str(),
    })
}

/// `ascii()`'s rule over a repr: every non-ASCII character escaped (`\xe9`, `\u20ac`,
/// `\U0001f600`).
///
/// ```
/// use corosim::python::text::ascii;
/// assert_eq!(ascii("'€'"), "'\\u20ac'");
/// ```
pub fn ascii(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            out.push(c);
        } else if cp < 0x100 {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp < 0x10000 {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    out
}

/// One `.attr` or `[index]` part of a field, on a plain value: items of a tuple, list
/// or str, a dict's values, a namedtuple's fields; CPython's errors otherwise.
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::{FieldPart, plain_field};
/// let d = Value::dict([(Value::from("k"), Value::from(1))]);
/// assert_eq!(plain_field(&d, &FieldPart::Key("k".into())).unwrap(), Value::from(1));
/// ```
pub fn plain_field(v: &Value, part: &FieldPart) -> PyResult<Value> {
    match (v, part) {
        (Value::Named(n), FieldPart::Attr(name)) => {
            if let Some((_, value)) = n.fields.iter().find(|(k, _)| &**k == name) {
                return Ok(value.clone());
            }
            Err(err(ATTRIBUTE_ERROR, format!("'{}' object has no attribute '{name}'", n.type_name)))
        }
        // The number attributes a field may name: `{0.real}`.
        (Value::Int(_) | Value::Bool(_), FieldPart::Attr(name))
            if matches!(&**name, "real" | "numerator") =>
        {
            Ok(Value::Int(v.as_int().unwrap_or(0)))
        }
        (Value::Int(_) | Value::Bool(_), FieldPart::Attr(name))
            if matches!(&**name, "imag" | "denominator") =>
        {
            Ok(Value::Int(i64::from(name == "denominator")))
        }
        (Value::Float(f), FieldPart::Attr(name)) if matches!(&**name, "real" | "imag") => {
            Ok(Value::Float(if name == "real" { *f } else { 0.0 }))
        }
        (_, FieldPart::Attr(name)) => {
            Err(err(ATTRIBUTE_ERROR, format!("'{}' object has no attribute '{name}'", v.type_name())))
        }
        (Value::Tuple(items) | Value::List(items), FieldPart::Index(i)) => items
            .get(*i)
            .cloned()
            .ok_or_else(|| err(INDEX_ERROR, format!("{} index out of range", v.type_name()))),
        (Value::Named(n), FieldPart::Index(i)) => n
            .fields
            .get(*i)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| err(INDEX_ERROR, "tuple index out of range")),
        (Value::Str(s), FieldPart::Index(i)) => s
            .chars()
            .nth(*i)
            .map(|c| Value::str(c.to_string()))
            .ok_or_else(|| err(INDEX_ERROR, "string index out of range")),
        (Value::Dict(pairs), part) => {
            let key = match part {
                FieldPart::Index(i) => Value::Int(*i as i64),
                FieldPart::Key(k) | FieldPart::Attr(k) => Value::str(k),
            };
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| PyException::new(KEY_ERROR, key))
        }
        (Value::Tuple(_) | Value::List(_) | Value::Named(_) | Value::Str(_), FieldPart::Key(_)) => {
            let ty = if let Value::Named(_) = v { "tuple" } else { v.type_name() };
            Err(type_error(format!("{ty} indices must be integers or slices, not str")))
        }
        _ => Err(type_error(format!("'{}' object is not subscriptable", v.type_name()))),
    }
}

/// Whether `{}` or `{0}` came first: the two cannot mix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AutoNumber {
    Init,
    Auto,
    Manual,
}

struct FormatCtx<'a> {
    args: &'a [Value],
    kwargs: &'a [(String, Value)],
    lookup: &'a mut dyn FnMut(&Value, &FieldPart) -> PyResult<Value>,
    convert: &'a mut dyn FnMut(&Value, char) -> PyResult<String>,
    format: &'a mut dyn FnMut(&Value, &str) -> PyResult<String>,
    auto: AutoNumber,
    next_auto: usize,
}

/// CPython's `build_string`: literal text and fields, `depth` levels of nesting left
/// (a spec's fields may not hold fields of their own).
fn build_string(c: &[char], depth: u32, ctx: &mut FormatCtx) -> PyResult<String> {
    if depth == 0 {
        return Err(value_error("Max string recursion exceeded"));
    }
    let mut out = String::new();
    let mut pos = 0;
    let end = c.len();
    while pos < end {
        let start = pos;
        let mut brace = None;
        while pos < end {
            let ch = c[pos];
            pos += 1;
            if ch == '{' || ch == '}' {
                brace = Some(ch);
                break;
            }
        }
        let at_end = pos >= end;
        let mut literal_end = pos;
        if let Some(b) = brace {
            if b == '}' && (at_end || c[pos] != '}') {
                return Err(value_error("Single '}' encountered in format string"));
            }
            if at_end && b == '{' {
                return Err(value_error("Single '{' encountered in format string"));
            }
            if c[pos] == b {
                // `{{` or `}}`: one brace of literal text.
                pos += 1;
                out.extend(&c[start..literal_end]);
                continue;
            }
            literal_end -= 1;
        }
        out.extend(&c[start..literal_end]);
        if brace.is_some() {
            let field = parse_field(c, &mut pos)?;
            out.push_str(&render_field(c, &field, depth, ctx)?);
        }
    }
    Ok(out)
}

/// The pieces of one `{...}` field, as index ranges into the format string.
struct Field {
    name: (usize, usize),
    conversion: Option<char>,
    spec: (usize, usize),
    spec_has_fields: bool,
}

/// CPython's `parse_field`: from just past the `{` to just past the matching `}`.
fn parse_field(c: &[char], pos: &mut usize) -> PyResult<Field> {
    let end = c.len();
    let name_start = *pos;
    let mut last = '\0';
    while *pos < end {
        last = c[*pos];
        *pos += 1;
        match last {
            '{' => return Err(value_error("unexpected '{' in field name")),
            '[' => {
                while *pos < end && c[*pos] != ']' {
                    *pos += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let mut field = Field {
        name: (name_start, pos.saturating_sub(1)),
        conversion: None,
        spec: (0, 0),
        spec_has_fields: false,
    };
    if last != '!' && last != ':' {
        if last != '}' || field.name.1 < name_start {
            return Err(value_error("expected '}' before end of string"));
        }
        return Ok(field);
    }
    if last == '!' {
        let Some(&conv) = c.get(*pos) else {
            return Err(value_error("end of string while looking for conversion specifier"));
        };
        *pos += 1;
        field.conversion = Some(conv);
        if *pos < end {
            let next = c[*pos];
            *pos += 1;
            if next == '}' {
                return Ok(field);
            }
            if next != ':' {
                return Err(value_error("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = *pos;
    let mut count = 1;
    while *pos < end {
        let ch = c[*pos];
        *pos += 1;
        match ch {
            '{' => {
                field.spec_has_fields = true;
                count += 1;
            }
            '}' => {
                count -= 1;
                if count == 0 {
                    field.spec = (spec_start, *pos - 1);
                    return Ok(field);
                }
            }
            _ => {}
        }
    }
    Err(value_error("unmatched '{' in format spec"))
}

/// Looks the field's value up, converts it, expands its spec and formats it.
fn render_field(c: &[char], field: &Field, depth: u32, ctx: &mut FormatCtx) -> PyResult<String> {
    let mut obj = field_value(&c[field.name.0..field.name.1], ctx)?;
    if let Some(conv) = field.conversion {
        if !matches!(conv, 'r' | 's' | 'a') {
            let shown = if (33..127).contains(&(conv as u32)) {
                conv.to_string()
            } else {
                format!("\\x{:x}", conv as u32)
            };
            return Err(value_error(format!("Unknown conversion specifier {shown}")));
        }
        obj = Value::str((ctx.convert)(&obj, conv)?);
    }
    let spec_chars = &c[field.spec.0..field.spec.1];
    let spec = if field.spec_has_fields {
        build_string(spec_chars, depth - 1, ctx)?
    } else {
        spec_chars.iter().collect()
    };
    (ctx.format)(&obj, &spec)
}

/// All digits, as a number; `None` for anything else (then it names a keyword).
fn field_integer(s: &[char]) -> PyResult<Option<usize>> {
    if s.is_empty() || !s.iter().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let mut n: usize = 0;
    for d in s.iter().filter_map(|c| c.to_digit(10)) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as usize))
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(n))
}

/// CPython's `get_field_object`: the first name (a position or a keyword), then each
/// `.attr` and `[index]` through the lookup callback.
fn field_value(name: &[char], ctx: &mut FormatCtx) -> PyResult<Value> {
    let first_len = name.iter().position(|&c| c == '.' || c == '[').unwrap_or(name.len());
    let first = &name[..first_len];
    let mut index = field_integer(first)?;
    if first.is_empty() || index.is_some() {
        let automatic = first.is_empty();
        if ctx.auto == AutoNumber::Init {
            ctx.auto = if automatic { AutoNumber::Auto } else { AutoNumber::Manual };
        }
        match (ctx.auto, automatic) {
            (AutoNumber::Manual, true) => {
                return Err(value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            (AutoNumber::Auto, false) => {
                return Err(value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            _ => {}
        }
        if automatic {
            index = Some(ctx.next_auto);
            ctx.next_auto += 1;
        }
    }
    let mut obj = match index {
        Some(i) => ctx.args.get(i).cloned().ok_or_else(|| {
            err(INDEX_ERROR, format!("Replacement index {i} out of range for positional args tuple"))
        })?,
        None => {
            let key: String = first.iter().collect();
            match ctx.kwargs.iter().find(|(k, _)| *k == key) {
                Some((_, v)) => v.clone(),
                None => return Err(PyException::new(KEY_ERROR, Value::str(key))),
            }
        }
    };
    let mut pos = first_len;
    while pos < name.len() {
        let kind = name[pos];
        pos += 1;
        let part = match kind {
            '.' => {
                let start = pos;
                while pos < name.len() && name[pos] != '.' && name[pos] != '[' {
                    pos += 1;
                }
                let attr = &name[start..pos];
                if attr.is_empty() {
                    return Err(value_error("Empty attribute in format string"));
                }
                FieldPart::Attr(attr.iter().collect())
            }
            '[' => {
                let start = pos;
                while pos < name.len() && name[pos] != ']' {
                    pos += 1;
                }
                if pos >= name.len() {
                    return Err(value_error("Missing ']' in format string"));
                }
                let item = &name[start..pos];
                pos += 1;
                if item.is_empty() {
                    return Err(value_error("Empty attribute in format string"));
                }
                match field_integer(item)? {
                    Some(i) => FieldPart::Index(i),
                    None => FieldPart::Key(item.iter().collect()),
                }
            }
            _ => return Err(value_error("Only '.' or '[' may follow ']' in format field specifier")),
        };
        obj = (ctx.lookup)(&obj, &part)?;
    }
    Ok(obj)
}

// ---------------------------------------------------------------------------------------
// str methods
// ---------------------------------------------------------------------------------------

/// Calls the `str` method `name` on `s` with positional `args`: `Some(result)` (an error
/// too, such as a wrong argument), or `None` when `str` has no such method (then the
/// caller raises `AttributeError`). `str.format` is [`str_format`].
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::str_method;
/// let call = |name: &str, args: &[Value]| str_method("  Hello, World  ", name, args).unwrap();
/// assert_eq!(call("strip", &[]).unwrap(), Value::from("Hello, World"));
/// assert_eq!(call("find", &["World".into()]).unwrap(), Value::from(9));
/// assert_eq!(call("center", &[20.into(), "*".into()]).unwrap(), Value::from("**  Hello, World  **"));
/// assert!(str_method("abc", "no_such_method", &[]).is_none());
/// ```
pub fn str_method(s: &str, name: &str, args: &[Value]) -> Option<PyResult<Value>> {
    str_method_kw(s, name, args, &[])
}

/// [`str_method`] with keyword arguments, for the methods that take them:
/// `split`/`rsplit` (`sep`, `maxsplit`), `splitlines` (`keepends`), `expandtabs`
/// (`tabsize`).
///
/// ```
/// use corosim::Value;
/// use corosim::python::text::str_method_kw;
/// let r = str_method_kw("a b c", "split", &[], &[("maxsplit".into(), 1.into())]);
/// assert_eq!(r.unwrap().unwrap().repr(), "['a', 'b c']");
/// ```
pub fn str_method_kw(
    s: &str,
    name: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
) -> Option<PyResult<Value>> {
    let keywords: &[&str] = match name {
        "split" | "rsplit" => &["sep", "maxsplit"],
        "splitlines" => &["keepends"],
        "expandtabs" => &["tabsize"],
        _ => &[],
    };
    if !is_str_method(name) {
        return None;
    }
    Some(merge_keywords(name, args, kwargs, keywords).and_then(|args| call_str_method(s, name, &args)))
}

fn is_str_method(name: &str) -> bool {
    NO_ARGS.contains(&name)
        || matches!(
            name,
            "strip"
                | "lstrip"
                | "rstrip"
                | "split"
                | "rsplit"
                | "splitlines"
                | "join"
                | "replace"
                | "startswith"
                | "endswith"
                | "find"
                | "rfind"
                | "index"
                | "rindex"
                | "count"
                | "center"
                | "ljust"
                | "rjust"
                | "zfill"
                | "partition"
                | "rpartition"
                | "expandtabs"
                | "removeprefix"
                | "removesuffix"
        )
}

/// The methods that take no arguments.
const NO_ARGS: &[&str] = &[
    "upper",
    "lower",
    "casefold",
    "title",
    "capitalize",
    "swapcase",
    "isdigit",
    "isdecimal",
    "isnumeric",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "istitle",
    "isascii",
    "isidentifier",
];

/// Keyword arguments moved into their places among the positional ones (absent ones
/// as `None`, which every keyword-taking method reads as its default).
fn merge_keywords(
    name: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
    keywords: &[&str],
) -> PyResult<Vec<Value>> {
    if kwargs.is_empty() {
        return Ok(args.to_vec());
    }
    if keywords.is_empty() {
        return Err(type_error(format!("str.{name}() takes no keyword arguments")));
    }
    if args.len() > keywords.len() {
        return Ok(args.to_vec()); // the arity check reports it
    }
    let mut merged: Vec<Option<Value>> = args.iter().cloned().map(Some).collect();
    merged.resize(keywords.len(), None);
    for (key, value) in kwargs {
        let Some(slot) = keywords.iter().position(|k| k == key) else {
            return Err(type_error(format!("'{key}' is an invalid keyword argument for {name}()")));
        };
        if slot < args.len() {
            return Err(type_error(format!(
                "argument for {name}() given by name ('{key}') and position ({})",
                slot + 1
            )));
        }
        merged[slot] = Some(value.clone());
    }
    // Trailing absent ones are dropped; one absent before a present one is its default.
    while merged.last().is_some_and(Option::is_none) {
        merged.pop();
    }
    Ok(merged
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            v.unwrap_or(match (name, i) {
                ("split" | "rsplit", 1) => Value::Int(-1),
                ("expandtabs", _) => Value::Int(8),
                ("splitlines", _) => Value::Bool(false),
                _ => Value::None,
            })
        })
        .collect())
}

/// How CPython words a wrong argument count: each method's arguments are parsed one of
/// four ways, and each way has its sentence.
#[derive(Clone, Copy)]
enum Arity {
    /// `str.upper() takes no arguments (1 given)`
    None,
    /// `str.zfill() takes exactly one argument (0 given)`
    One,
    /// `center expected at least 1 argument, got 0`
    Expected(usize, usize),
    /// `find() takes at least 1 argument (0 given)`
    Takes(usize, usize),
}

fn check_arity(name: &str, n: usize, arity: Arity) -> PyResult<()> {
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let message = match arity {
        Arity::None if n > 0 => format!("str.{name}() takes no arguments ({n} given)"),
        Arity::One if n != 1 => format!("str.{name}() takes exactly one argument ({n} given)"),
        Arity::Expected(min, _) if n < min => {
            format!("{name} expected at least {min} argument{}, got {n}", plural(min))
        }
        Arity::Expected(_, max) if n > max => {
            format!("{name} expected at most {max} argument{}, got {n}", plural(max))
        }
        Arity::Takes(min, _) if n < min => {
            format!("{name}() takes at least {min} argument{} ({n} given)", plural(min))
        }
        Arity::Takes(_, max) if n > max => {
            format!("{name}() takes at most {max} argument{} ({n} given)", plural(max))
        }
        _ => return Ok(()),
    };
    Err(type_error(message))
}

/// An integer argument (`operator.index`): an int or a bool.
fn index_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        other => {
            Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())))
        }
    }
}

/// A `start`/`end` argument: an int, or None for the default.
fn slice_arg(v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(Value::Bool(b)) => Ok(Some(i64::from(*b))),
        Some(_) => Err(type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

/// A `str` argument, or CPython's `must be str, not int`; `what` names the argument
/// (`replace() argument 1 `) for the methods whose checks Argument Clinic writes, and
/// those call None's type `None`.
fn str_arg<'v>(v: &'v Value, what: &str) -> PyResult<&'v str> {
    v.as_str().ok_or_else(|| {
        let ty = if !what.is_empty() && v.is_none() { "None" } else { v.type_name() };
        type_error(format!("{what}must be str, not {ty}"))
    })
}

/// CPython's `ADJUST_INDICES`: `start` and `end` as slice bounds over `len` characters
/// (`start` may stay past the end; the callers check).
fn adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start as usize, end as usize)
}

/// The byte offset of character `i` (the end for `i` past it).
fn byte_at(s: &str, i: usize) -> usize {
    s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)
}

/// Whether `c` lies in one of `table`'s sorted, inclusive ranges.
fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `str.isspace()` for one character, which `split()` and `strip()` also use:
/// Unicode's White_Space and the information separators `\x1c`–`\x1f`.
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace() || ('\x0b'..='\x0d').contains(&c) || ('\x1c'..='\x1f').contains(&c)
    } else {
        in_table(tables::SPACE, c)
    }
}

/// The line boundaries of `splitlines`.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_upper(c: char) -> bool {
    in_table(tables::UPPER, c)
}

fn is_lower(c: char) -> bool {
    in_table(tables::LOWER, c)
}

/// The title-case letters (category Lt): `ǅ`, and Greek capitals with prosgegrammeni.
fn is_titlecase(c: char) -> bool {
    in_table(tables::TITLE, c)
}

/// Python's "cased": upper, lower or title case.
fn is_cased(c: char) -> bool {
    is_lower(c) || is_upper(c) || is_titlecase(c)
}

/// The lower case of `chars[i]`, with Greek's final sigma: a capital sigma after a
/// cased letter and before none becomes `ς` (CPython's `handle_capital_sigma`).
fn push_lower(chars: &[char], i: usize, out: &mut String) {
    if chars[i] != '\u{3a3}' {
        out.extend(chars[i].to_lowercase());
        return;
    }
    let before = chars[..i].iter().rev().find(|&&c| !is_case_ignorable(c));
    let after = chars[i + 1..].iter().find(|&&c| !is_case_ignorable(c));
    let final_sigma = before.is_some_and(|&c| is_cased(c)) && !after.is_some_and(|&c| is_cased(c));
    out.push(if final_sigma { '\u{3c2}' } else { '\u{3c3}' });
}

/// Unicode's Case_Ignorable, as far as Greek text needs it: apostrophes, periods,
/// colons, the middle dot and the combining marks (`Σ'` still ends a word).
fn is_case_ignorable(c: char) -> bool {
    matches!(c, '\'' | '.' | ':' | '^' | '`' | '\u{b7}' | '\u{2019}' | '\u{300}'..='\u{36f}')
}

/// Title case for one character: CPython's where it is not the upper case
/// (`ǆ` → `ǅ`, `ß` → `Ss`), the upper case elsewhere.
fn title_char(c: char, out: &mut String) {
    match tables::TITLE_CASE.binary_search_by_key(&(c as u32), |&(cp, _)| cp) {
        Ok(i) => out.push_str(tables::TITLE_CASE[i].1),
        Err(_) => out.extend(c.to_uppercase()),
    }
}

fn is_alpha(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { in_table(tables::ALPHA, c) }
}

fn is_decimal(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_digit() } else { in_table(tables::DECIMAL, c) }
}

fn is_digit(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_digit() } else { in_table(tables::DIGIT, c) }
}

fn is_numeric(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_digit() } else { in_table(tables::NUMERIC, c) }
}

/// `str.isidentifier()`: XID_Start or `_`, then XID_Continue (keywords included).
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if in_table(tables::ID_START, c) => chars.all(|c| in_table(tables::ID_CONTINUE, c)),
        _ => false,
    }
}

fn all_chars(s: &str, test: impl Fn(char) -> bool) -> Value {
    Value::Bool(!s.is_empty() && s.chars().all(test))
}

fn call_str_method(s: &str, name: &str, args: &[Value]) -> PyResult<Value> {
    if NO_ARGS.contains(&name) {
        check_arity(name, args.len(), Arity::None)?;
        return Ok(no_arg_method(s, name));
    }
    match name {
        "strip" | "lstrip" | "rstrip" => {
            check_arity(name, args.len(), Arity::Expected(0, 1))?;
            let set: Option<Vec<char>> = match args.first() {
                None | Some(Value::None) => None,
                Some(Value::Str(chars)) => Some(chars.chars().collect()),
                Some(_) => return Err(type_error(format!("{name} arg must be None or str"))),
            };
            let strip = |c: char| set.as_ref().map_or_else(|| is_space(c), |set| set.contains(&c));
            Ok(Value::str(match name {
                "lstrip" => s.trim_start_matches(strip),
                "rstrip" => s.trim_end_matches(strip),
                _ => s.trim_matches(strip),
            }))
        }
        "split" | "rsplit" => {
            check_arity(name, args.len(), Arity::Takes(0, 2))?;
            // CPython reads maxsplit before it looks at sep.
            let max = match args.get(1) {
                Some(v) => index_arg(v)?,
                None => -1,
            };
            let max = if max < 0 { usize::MAX } else { max as usize };
            let sep = match args.first() {
                None | Some(Value::None) => None,
                Some(Value::Str(sep)) if sep.is_empty() => return Err(value_error("empty separator")),
                Some(Value::Str(sep)) => Some(sep.to_string()),
                Some(other) => {
                    return Err(type_error(format!("must be str or None, not {}", other.type_name())));
                }
            };
            Ok(Value::list(split(s, sep.as_deref(), max, name == "rsplit").into_iter().map(Value::str)))
        }
        "splitlines" => {
            check_arity(name, args.len(), Arity::Takes(0, 1))?;
            let keepends = match args.first() {
                Some(v) => index_arg(v)? != 0,
                None => false,
            };
            Ok(Value::list(splitlines(s, keepends).into_iter().map(Value::str)))
        }
        "join" => {
            check_arity(name, args.len(), Arity::One)?;
            join(s, &args[0])
        }
        "replace" => {
            check_arity(name, args.len(), Arity::Expected(2, 3))?;
            let old = str_arg(&args[0], "replace() argument 1 ")?;
            let new = str_arg(&args[1], "replace() argument 2 ")?;
            let count = match args.get(2) {
                Some(v) => index_arg(v)?,
                None => -1,
            };
            let count = if count < 0 { usize::MAX } else { count as usize };
            let matches = if old.is_empty() { s.chars().count() + 1 } else { s.matches(old).count() };
            let grows = new.chars().count().saturating_sub(old.chars().count());
            if matches.min(count).saturating_mul(grows) > LIMIT {
                return Err(err(OVERFLOW_ERROR, "replace string is too long"));
            }
            Ok(Value::str(s.replacen(old, new, count)))
        }
        "startswith" | "endswith" => {
            check_arity(name, args.len(), Arity::Takes(1, 3))?;
            // The bounds are read before the prefix is checked, as CPython does.
            let start = slice_arg(args.get(1))?;
            let end = slice_arg(args.get(2))?;
            let prefixes: Vec<&str> = match &args[0] {
                Value::Str(p) => vec![p],
                Value::Tuple(items) => items
                    .iter()
                    .map(|v| {
                        v.as_str().ok_or_else(|| {
                            type_error(format!(
                                "tuple for {name} must only contain str, not {}",
                                v.type_name()
                            ))
                        })
                    })
                    .collect::<PyResult<_>>()?,
                other => {
                    return Err(type_error(format!(
                        "{name} first arg must be str or a tuple of str, not {}",
                        other.type_name()
                    )));
                }
            };
            let chars: Vec<char> = s.chars().collect();
            let (start, end) = adjust(start, end, chars.len());
            let hit = prefixes.iter().any(|p| {
                let p: Vec<char> = p.chars().collect();
                if end < start + p.len() {
                    return false;
                }
                let at = if name == "endswith" { end - p.len() } else { start };
                chars[at..at + p.len()] == p[..]
            });
            Ok(Value::Bool(hit))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            check_arity(name, args.len(), Arity::Takes(1, 3))?;
            let start = slice_arg(args.get(1))?;
            let end = slice_arg(args.get(2))?;
            let sub = str_arg(&args[0], "")?;
            let (start, end) = adjust(start, end, s.chars().count());
            let sub_len = sub.chars().count();
            if name == "count" {
                if end < start + sub_len {
                    return Ok(Value::Int(0));
                }
                let hay = &s[byte_at(s, start)..byte_at(s, end)];
                let n = if sub.is_empty() { end - start + 1 } else { hay.matches(sub).count() };
                return Ok(Value::from(n));
            }
            let found = if end < start + sub_len {
                None
            } else {
                let from = byte_at(s, start);
                let hay = &s[from..byte_at(s, end)];
                let at = if name.starts_with('r') { hay.rfind(sub) } else { hay.find(sub) };
                at.map(|b| start + hay[..b].chars().count())
            };
            match (found, name) {
                (Some(i), _) => Ok(Value::from(i)),
                (None, "find" | "rfind") => Ok(Value::Int(-1)),
                (None, _) => Err(value_error("substring not found")),
            }
        }
        "center" | "ljust" | "rjust" => {
            check_arity(name, args.len(), Arity::Expected(1, 2))?;
            let width = index_arg(&args[0])?;
            let fill = match args.get(1) {
                None => ' ',
                Some(Value::Str(f)) => {
                    let mut it = f.chars();
                    match (it.next(), it.next()) {
                        (Some(c), None) => c,
                        _ => return Err(type_error("The fill character must be exactly one character long")),
                    }
                }
                Some(other) => {
                    return Err(type_error(format!(
                        "The fill character must be a unicode character, not {}",
                        other.type_name()
                    )));
                }
            };
            let len = s.chars().count();
            if width <= len as i64 {
                return Ok(Value::str(s));
            }
            let width = width as usize;
            if width > LIMIT {
                return Err(err(OVERFLOW_ERROR, "padded string is too long"));
            }
            let margin = width - len;
            let left = match name {
                "ljust" => 0,
                "rjust" => margin,
                // CPython's centring rounds an odd margin by the width's parity.
                _ => margin / 2 + (margin & width & 1),
            };
            let mut out = String::new();
            push_n(&mut out, fill, left);
            out.push_str(s);
            push_n(&mut out, fill, margin - left);
            Ok(Value::str(out))
        }
        "zfill" => {
            check_arity(name, args.len(), Arity::One)?;
            let width = index_arg(&args[0])?;
            let len = s.chars().count();
            if width <= len as i64 {
                return Ok(Value::str(s));
            }
            if width as usize > LIMIT {
                return Err(err(OVERFLOW_ERROR, "padded string is too long"));
            }
            let zeros = width as usize - len;
            let mut out = String::new();
            let body = match s.chars().next() {
                Some(sign @ ('+' | '-')) => {
                    out.push(sign);
                    &s[1..]
                }
                _ => s,
            };
            push_n(&mut out, '0', zeros);
            out.push_str(body);
            Ok(Value::str(out))
        }
        "partition" | "rpartition" => {
            check_arity(name, args.len(), Arity::One)?;
            let sep = str_arg(&args[0], "")?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            let found = if name == "partition" { s.find(sep) } else { s.rfind(sep) };
            let parts = match found {
                Some(b) => [&s[..b], sep, &s[b + sep.len()..]],
                None if name == "partition" => [s, "", ""],
                None => ["", "", s],
            };
            Ok(Value::tuple(parts.map(Value::str)))
        }
        "expandtabs" => {
            check_arity(name, args.len(), Arity::Takes(0, 1))?;
            let tabsize = match args.first() {
                Some(v) => index_arg(v)?,
                None => 8,
            };
            let mut out = String::new();
            let mut column: i64 = 0;
            for c in s.chars() {
                if c == '\t' {
                    if tabsize > 0 {
                        let n = tabsize - column % tabsize;
                        if (out.len() as i64).saturating_add(n) > LIMIT as i64 {
                            return Err(err(OVERFLOW_ERROR, "new string is too long"));
                        }
                        column += n;
                        push_n(&mut out, ' ', n as usize);
                    }
                } else {
                    column += 1;
                    out.push(c);
                    if c == '\n' || c == '\r' {
                        column = 0;
                    }
                }
            }
            Ok(Value::str(out))
        }
        "removeprefix" | "removesuffix" => {
            check_arity(name, args.len(), Arity::One)?;
            let affix = str_arg(&args[0], &format!("{name}() argument "))?;
            Ok(Value::str(match name {
                "removeprefix" => s.strip_prefix(affix).unwrap_or(s),
                _ => s.strip_suffix(affix).unwrap_or(s),
            }))
        }
        _ => Err(err(ATTRIBUTE_ERROR, format!("'str' object has no attribute '{name}'"))),
    }
}

/// A character class test, such as `is_upper`.
type CharTest = fn(char) -> bool;

fn no_arg_method(s: &str, name: &str) -> Value {
    match name {
        "upper" => Value::str(s.to_uppercase()),
        "lower" => Value::str(s.to_lowercase()),
        "casefold" => {
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                match tables::CASE_FOLD.binary_search_by_key(&(c as u32), |&(cp, _)| cp) {
                    Ok(i) => out.push_str(tables::CASE_FOLD[i].1),
                    Err(_) => out.extend(c.to_lowercase()),
                }
            }
            Value::str(out)
        }
        "swapcase" => {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::with_capacity(s.len());
            for (i, &c) in chars.iter().enumerate() {
                if is_upper(c) {
                    push_lower(&chars, i, &mut out);
                } else if is_lower(c) {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
            }
            Value::str(out)
        }
        "title" => {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::with_capacity(s.len());
            let mut previous_cased = false;
            for (i, &c) in chars.iter().enumerate() {
                if previous_cased {
                    push_lower(&chars, i, &mut out);
                } else {
                    title_char(c, &mut out);
                }
                previous_cased = is_cased(c);
            }
            Value::str(out)
        }
        "capitalize" => {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::with_capacity(s.len());
            for (i, &c) in chars.iter().enumerate() {
                if i == 0 {
                    title_char(c, &mut out);
                } else {
                    push_lower(&chars, i, &mut out);
                }
            }
            Value::str(out)
        }
        "isdigit" => all_chars(s, is_digit),
        "isdecimal" => all_chars(s, is_decimal),
        "isnumeric" => all_chars(s, is_numeric),
        "isalpha" => all_chars(s, is_alpha),
        "isalnum" => all_chars(s, |c| is_alpha(c) || is_numeric(c)),
        "isspace" => all_chars(s, is_space),
        "isascii" => Value::Bool(s.is_ascii()),
        "isidentifier" => Value::Bool(is_identifier(s)),
        "isupper" | "islower" => {
            // At least one cased character, and none of the other case (nor title case).
            let (this, other): (CharTest, CharTest) =
                if name == "isupper" { (is_upper, is_lower) } else { (is_lower, is_upper) };
            let mut cased = false;
            for c in s.chars() {
                if other(c) || is_titlecase(c) {
                    return Value::Bool(false);
                }
                cased |= this(c);
            }
            Value::Bool(cased)
        }
        "istitle" => {
            // Upper/title case only after uncased characters, lower case only after cased.
            let mut cased = false;
            let mut previous_cased = false;
            for c in s.chars() {
                if is_upper(c) || is_titlecase(c) {
                    if previous_cased {
                        return Value::Bool(false);
                    }
                    previous_cased = true;
                    cased = true;
                } else if is_lower(c) {
                    if !previous_cased {
                        return Value::Bool(false);
                    }
                    previous_cased = true;
                    cased = true;
                } else {
                    previous_cased = false;
                }
            }
            Value::Bool(cased)
        }
        _ => Value::None,
    }
}

/// `str.split` and `str.rsplit`: by `sep`, or by runs of whitespace (dropping empty
/// pieces) when it is None; at most `max` splits, counted from the left or the right.
fn split(s: &str, sep: Option<&str>, max: usize, from_right: bool) -> Vec<String> {
    let Some(sep) = sep else {
        return split_whitespace(s, max, from_right);
    };
    let limit = max.saturating_add(1);
    if from_right {
        let mut parts: Vec<String> = s.rsplitn(limit, sep).map(String::from).collect();
        parts.reverse();
        parts
    } else {
        s.splitn(limit, sep).map(String::from).collect()
    }
}

/// CPython's `split_whitespace`/`rsplit_whitespace`: once `max` splits are made, the
/// rest (its near end stripped) is the last piece.
fn split_whitespace(s: &str, max: usize, from_right: bool) -> Vec<String> {
    let mut chars: Vec<char> = s.chars().collect();
    if from_right {
        chars.reverse();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    let n = chars.len();
    let mut left = max;
    while left > 0 {
        while i < n && is_space(chars[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let j = i;
        while i < n && !is_space(chars[i]) {
            i += 1;
        }
        parts.push(chars[j..i].iter().collect());
        left -= 1;
    }
    if i < n {
        while i < n && is_space(chars[i]) {
            i += 1;
        }
        if i != n {
            parts.push(chars[i..].iter().collect());
        }
    }
    if from_right {
        for p in &mut parts {
            *p = p.chars().rev().collect();
        }
        parts.reverse();
    }
    parts
}

/// `str.splitlines`: at every line boundary, `\r\n` counting as one.
fn splitlines(s: &str, keepends: bool) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut lines = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && !is_line_break(chars[i]) {
            i += 1;
        }
        let mut eol = i;
        if i < chars.len() {
            i += if chars[i] == '\r' && chars.get(i + 1) == Some(&'\n') { 2 } else { 1 };
            if keepends {
                eol = i;
            }
        }
        lines.push(chars[start..eol].iter().collect());
    }
    lines
}

/// `sep.join(iterable)` for the iterables a plain value can be: a list, tuple, str or
/// dict (its keys).
fn join(sep: &str, iterable: &Value) -> PyResult<Value> {
    let items: Vec<Value> = match iterable {
        Value::List(items) | Value::Tuple(items) => items.to_vec(),
        Value::Named(n) => n.fields.iter().map(|(_, v)| v.clone()).collect(),
        Value::Dict(pairs) => pairs.iter().map(|(k, _)| k.clone()).collect(),
        Value::Str(s) => return Ok(Value::str(s.chars().map(String::from).collect::<Vec<_>>().join(sep))),
        _ => return Err(type_error("can only join an iterable")),
    };
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => parts.push(s),
            None => {
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    item.type_name()
                )));
            }
        }
    }
    Ok(Value::str(parts.join(sep)))
}
