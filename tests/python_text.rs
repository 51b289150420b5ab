//! `corosim::python::text` against CPython: `format`, `%`, `str.format` and the `str`
//! methods, case by case.
//!
//! Every case is written once, as data. The test builds one Python script that prints,
//! for each case, `repr(result)` or `ExceptionType: message`, runs it through `python3`
//! once, and holds each line against what corosim gives. No expected output is stored:
//! CPython produces it on every run. Without `python3` the test notes it and passes,
//! except under `CI=true`, where it fails.

use std::io::Write as _;
use std::process::{Command, Stdio};

use corosim::Value;
use corosim::oracle::{Use, interpreter};
use corosim::python::text::{format_spec, percent_format, str_format_plain, str_method, str_method_kw};
use corosim::value::repr::str_repr;

/// One call, in both languages.
enum Case {
    /// `format(value, spec)`
    Format(Value, &'static str),
    /// `fmt % args`
    Percent(&'static str, Value),
    /// `fmt.format(*args, **kwargs)`
    StrFormat(&'static str, Vec<Value>, Vec<(&'static str, Value)>),
    /// `s.name(*args, **kwargs)`
    Method(&'static str, &'static str, Vec<Value>, Vec<(&'static str, Value)>),
}

use Case::*;

/// The Python source for `v`: its repr, but `float('inf')` where a repr is no literal.
fn py(v: &Value) -> String {
    match v {
        Value::Float(f) if !f.is_finite() => format!("float('{}')", v.repr()),
        Value::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(py).collect();
            if inner.len() == 1 { format!("({},)", inner[0]) } else { format!("({})", inner.join(", ")) }
        }
        Value::List(items) => format!("[{}]", items.iter().map(py).collect::<Vec<_>>().join(", ")),
        _ => v.repr(),
    }
}

fn call_args(args: &[Value], kwargs: &[(&str, Value)]) -> String {
    let mut parts: Vec<String> = args.iter().map(py).collect();
    parts.extend(kwargs.iter().map(|(k, v)| format!("{k}={}", py(v))));
    parts.join(", ")
}

impl Case {
    fn python(&self) -> String {
        match self {
            Format(v, spec) => format!("format({}, {})", py(v), str_repr(spec)),
            Percent(fmt, args) => format!("{} % {}", str_repr(fmt), py(args)),
            StrFormat(fmt, args, kwargs) => format!("{}.format({})", str_repr(fmt), call_args(args, kwargs)),
            Method(s, name, args, kwargs) => format!("{}.{name}({})", str_repr(s), call_args(args, kwargs)),
        }
    }

    fn corosim(&self) -> String {
        let shown = |r: Result<String, corosim::PyException>| match r {
            Ok(s) => str_repr(&s),
            Err(e) => e.to_string(),
        };
        match self {
            Format(v, spec) => shown(format_spec(v, spec)),
            Percent(fmt, args) => shown(percent_format(fmt, args)),
            StrFormat(fmt, args, kwargs) => {
                let kwargs: Vec<(String, Value)> =
                    kwargs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
                shown(str_format_plain(fmt, args, &kwargs))
            }
            Method(s, name, args, kwargs) => {
                let result = if kwargs.is_empty() {
                    str_method(s, name, args)
                } else {
                    let kwargs: Vec<(String, Value)> =
                        kwargs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
                    str_method_kw(s, name, args, &kwargs)
                };
                match result {
                    None => format!("AttributeError: 'str' object has no attribute '{name}'"),
                    Some(Ok(v)) => v.repr(),
                    Some(Err(e)) => e.to_string(),
                }
            }
        }
    }
}

fn v(x: impl Into<Value>) -> Value {
    x.into()
}

fn t(items: Vec<Value>) -> Value {
    Value::tuple(items)
}

fn f(x: impl Into<Value>, spec: &'static str) -> Case {
    Format(x.into(), spec)
}

fn p(fmt: &'static str, args: impl Into<Value>) -> Case {
    Percent(fmt, args.into())
}

fn sf(fmt: &'static str, args: Vec<Value>) -> Case {
    StrFormat(fmt, args, vec![])
}

fn m(s: &'static str, name: &'static str, args: Vec<Value>) -> Case {
    Method(s, name, args, vec![])
}

fn cases() -> Vec<Case> {
    let inf = f64::INFINITY;
    let nan = f64::NAN;
    let point = Value::named("P", [("x", v(1)), ("y", v(2))]);
    vec![
        // --- format(): ints
        f(42, ""),
        f(42, "d"),
        f(-42, "5"),
        f(42, ">10"),
        f(42, "<6"),
        f(42, "^7"),
        f(42, "*^9"),
        f(-42, "=8"),
        f(-42, "08"),
        f(42, "+"),
        f(42, " "),
        f(-42, " "),
        f(12345, ","),
        f(-1234567, "_"),
        f(1234, "010,"),
        f(1234, "0=12_"),
        f(1234, "x=10,"),
        f(255, "x"),
        f(255, "X"),
        f(255, "#x"),
        f(255, "#X"),
        f(-255, "#010x"),
        f(5, "b"),
        f(5, "#b"),
        f(8, "o"),
        f(8, "#o"),
        f(0xdeadbeefu32, "_x"),
        f(255, "#_b"),
        f(65, "c"),
        f(0x20ac, "^5c"),
        f(42, "n"),
        f(42, "e"),
        f(42, ".2f"),
        f(42, "%"),
        f(7, "g"),
        f(i64::MIN, ""),
        f(i64::MIN, "x"),
        f(i64::MAX, ","),
        f(true, ""),
        f(true, ">5"),
        f(false, "d"),
        // ints: errors
        f(42, ".2"),
        f(42, "s"),
        f(42, "z"),
        f(65, "+c"),
        f(65, "#c"),
        f(-1, "c"),
        f(0x110000, "c"),
        f(42, ",c"),
        f(42, ",x"),
        f(42, ",n"),
        f(42, ",_"),
        f(42, "_,"),
        f(42, ",,"),
        f(42, "abc"),
        f(42, "."),
        f(42, "99999999999999999999999"),
        f(42, "é"),
        // --- format(): floats
        f(1.0, ""),
        f(3.14259, ".2"),
        f(1.0, ".2"),
        f(123.0, ".3"),
        f(1e20, ""),
        f(1e20, "g"),
        f(1e16, ".17"),
        f(1.5e-5, ""),
        f(0.1, ".20f"),
        f(2.5, ".0f"),
        f(0.125, ".2f"),
        f(-0.0, "+.1f"),
        f(-0.0, ""),
        f(-0.0, "z"),
        f(-0.0001, "z.2f"),
        f(-0.0001, ".2f"),
        f(3.14259, "08.3f"),
        f(-3.14259, "08.3f"),
        f(3.14259, "+010.2f"),
        f(1234567.891, ",.2f"),
        f(1234567.891, "_"),
        f(1234567.891, "015,.1f"),
        f(12345.678, "e"),
        f(12345.678, ".3E"),
        f(0.00001234, "g"),
        f(0.0001234, "g"),
        f(123456789.0, "g"),
        f(123456.0, "G"),
        f(1e-10, ".3g"),
        f(0.5, "%"),
        f(0.123456, ".1%"),
        f(1.0, "#"),
        f(1e20, "#"),
        f(1.0, "#g"),
        f(1.0, "#.0f"),
        f(1.0, "#.0e"),
        f(100.0, "g"),
        f(1e6, "g"),
        f(1.5, "n"),
        f(1.5, ">10"),
        f(1.5, "*<10"),
        f(1.5, "^10.3f"),
        f(inf, ""),
        f(-inf, "f"),
        f(inf, "F"),
        f(nan, "+"),
        f(nan, "E"),
        f(inf, "010"),
        f(inf, "+,"),
        f(0.0, "e"),
        f(0.0, "g"),
        f(0.0, ".3"),
        f(5e-324, ""),
        f(5e-324, ".3e"),
        f(1.7976931348623157e308, ".3e"),
        f(1e100, ",.0f"),
        f(9.5, ".0f"),
        f(9.995, ".2f"),
        f(0.1 + 0.2, ""),
        f(0.1 + 0.2, ".17g"),
        // floats: errors
        f(1.5, "d"),
        f(1.5, "x"),
        f(1.5, "c"),
        f(1.5, "s"),
        f(1.5, ",n"),
        f(1.5, "=+#z,.2%X"),
        // --- format(): str and others
        f("abc", ""),
        f("abc", ">10"),
        f("abc", "10"),
        f("abc", "^10"),
        f("abc", "*^9"),
        f("abc", "05"),
        f("abcdef", ".3"),
        f("abcdef", "8.3"),
        f("héllo wörld", "^15.7"),
        f("日本", "*>6"),
        f("abc", "s"),
        f("abc", "d"),
        f("abc", "+"),
        f("abc", " "),
        f("abc", "#"),
        f("abc", "z"),
        f("abc", "=10"),
        f("abc", ","),
        f(Value::None, ""),
        f(Value::None, ">5"),
        f(t(vec![v(1), v(2)]), ""),
        f(t(vec![v(1), v(2)]), "s"),
        f(Value::list([v("a")]), ""),
        // --- printf-style %
        p("%s", "hi"),
        p("%s and %s", t(vec![v("a"), v(1)])),
        p("%r", "hi"),
        p("%a", "café€"),
        p("%d", 42),
        p("%i", -7),
        p("%u", 3),
        p("%d", 3.99),
        p("%d", -3.99),
        p("%d", true),
        p("%5d|", 42),
        p("%-5d|", 42),
        p("%05d", -42),
        p("%+d", 5),
        p("% d", 5),
        p("%+05d", 5),
        p("%-+5d|", 5),
        p("%.3d", 5),
        p("%x", 255),
        p("%X", 255),
        p("%#x", 255),
        p("%#X", -255),
        p("%#08x", 255),
        p("%#8x", 255),
        p("%o", 8),
        p("%#o", 8),
        p("%f", 3.14259),
        p("%.2f", 3.14259),
        p("%08.2f", -3.14259),
        p("%-8.2f|", 3.14259),
        p("%+.1f", 2.0),
        p("%.0f", 2.5),
        p("%#.0f", 2.0),
        p("%e", 12345.678),
        p("%.2E", 12345.678),
        p("%g", 0.00001234),
        p("%g", 1234567.0),
        p("%G", 1e-10),
        p("%#g", 1.0),
        p("%f", 5),
        p("%f", inf),
        p("%5.1f%%", 99.44),
        p("%c", 65),
        p("%c", "z"),
        p("%3c|", 0x20ac),
        p("%-5s|", "ab"),
        p("%5s|", "ab"),
        p("%.2s", "abcdef"),
        p("%5.2s|", "abcdef"),
        p("%.1r", "abc"),
        p("%*d", t(vec![v(5), v(42)])),
        p("%-*d|", t(vec![v(5), v(42)])),
        p("%*d|", t(vec![v(-5), v(42)])),
        p("%.*f", t(vec![v(2), v(3.14259)])),
        p("%ld", 5),
        p("%s", Value::list([v(1), v(2)])),
        p("%s", t(vec![t(vec![v(1), v(2)])])),
        p("x", Value::list([v(1)])),
        p("%s %s", point.clone()),
        p("100%%", t(vec![])),
        p("%(a)s-%(b)05.1f", Value::dict([(v("a"), v("x")), (v("b"), v(2.25))])),
        p("%(a)s %(a)r", Value::dict([(v("a"), v("x"))])),
        p("%s", Value::dict([(v("a"), v(1))])),
        // %: errors
        p("%d", "x"),
        p("%x", "x"),
        p("%x", 1.5),
        p("%f", "x"),
        p("%c", 1.5),
        p("%c", "ab"),
        p("%c", -1),
        p("%d", inf),
        p("%d", nan),
        p("%s %s", t(vec![v(1)])),
        p("%s", t(vec![v(1), v(2)])),
        p("x", 5),
        p("%s", t(vec![])),
        p("%y", 1),
        p("%y", t(vec![])),
        p("%5%", 1),
        p("%5%", t(vec![])),
        p("%", t(vec![])),
        p("abc %", 1),
        p("%.", 1),
        p("%*d", t(vec![v("a"), v(1)])),
        p("%(a)s", 5),
        p("%(a", Value::dict([])),
        p("%(a)s", Value::dict([])),
        p("%(a)s", Value::list([v(1)])),
        p("%(a)s %s", Value::dict([(v("a"), v(1))])),
        p("%\u{e9}", 1),
        // --- str.format
        sf("{}", vec![v(1)]),
        sf("{} {}", vec![v("a"), v("b")]),
        sf("{1} {0} {1}", vec![v("a"), v("b")]),
        StrFormat("{name}!", vec![], vec![("name", v("Ann"))]),
        StrFormat("{0} {x}", vec![v(1)], vec![("x", v(2))]),
        sf("{{}} {{{}}}", vec![v(5)]),
        sf("{0[1]}", vec![Value::list([v("a"), v("b")])]),
        sf("{0[0][1]}", vec![t(vec![t(vec![v(1), v(2)])])]),
        sf("{0[k]}", vec![Value::dict([(v("k"), v("val"))])]),
        sf("{0[1]}", vec![Value::dict([(v(1), v("one"))])]),
        sf("{0.x}/{0.y}", vec![point.clone()]),
        sf("{0[1]}", vec![v("xyz")]),
        sf("{!r}", vec![v("a")]),
        sf("{!s}", vec![v("a")]),
        sf("{!a}", vec![v("é")]),
        sf("{!r:>6}", vec![v("a")]),
        sf("{:>8.2f}|", vec![v(3.14259)]),
        sf("{:{}}|", vec![v("a"), v(5)]),
        sf("{:{}.{}f}|", vec![v(3.14259), v(8), v(3)]),
        sf("{0:{1}{2}}", vec![v(7), v(">"), v(4)]),
        StrFormat("{:>{w}}", vec![v("a")], vec![("w", v(4))]),
        sf("{:,}", vec![v(1234567)]),
        sf("{:%}", vec![v(0.25)]),
        sf("{}", vec![Value::None]),
        sf("{}", vec![t(vec![v(1), v("a")])]),
        sf("{:}", vec![v(1.5)]),
        sf("héllo {}", vec![v("wörld")]),
        sf("{0}{0}", vec![v("ab")]),
        // str.format: errors
        sf("{}{1}", vec![v(1), v(2)]),
        sf("{0}{}", vec![v(1), v(2)]),
        sf("{1}", vec![v(1)]),
        sf("{} {}", vec![v(1)]),
        sf("{x}", vec![]),
        sf("}", vec![]),
        sf("a } b", vec![]),
        sf("{", vec![]),
        sf("abc {", vec![]),
        sf("{0", vec![v(1)]),
        sf("{!r", vec![v(1)]),
        sf("{0!x}", vec![v(1)]),
        sf("{0!rr}", vec![v(1)]),
        sf("{0!}", vec![v(1)]),
        sf("{0[}", vec![v(1)]),
        sf("{0]}", vec![v(1)]),
        sf("{0[0]x}", vec![Value::list([v(1)])]),
        sf("{0.}", vec![v(1)]),
        sf("{0[]}", vec![Value::list([v(1)])]),
        sf("{0.real}", vec![v(1)]),
        sf("{0[5]}", vec![Value::list([v(1)])]),
        sf("{0[a]}", vec![Value::list([v(1)])]),
        sf("{0[x]}", vec![Value::dict([])]),
        sf("{:{:{}}}", vec![v(1), v(2), v(3)]),
        sf("{a{}", vec![v(1)]),
        sf("{:d}", vec![v("x")]),
        sf("{:x}", vec![v(1.5)]),
        sf("{0:>5", vec![v(1)]),
        // --- more corners
        f(1234.5, ","),
        f(-1234.5, "010,.1f"),
        f(0.0001, ""),
        f(1e-5, ""),
        f(123456789012345678.0, ""),
        f(9.999999e15, ""),
        f(1.5, "=10"),
        f(-1.5, "=+10"),
        f(1.5, "0<10"),
        f(255, "0<#8x"),
        f(0o7777, "#_o"),
        f(1e300, "f"),
        f(1e22, ",.0f"),
        f(0.000123456, ".2%"),
        f(2.675, ".2f"),
        f(1.0, ".0%"),
        f(-0.5, ".0f"),
        f(-0.5, "z.0f"),
        f(1e-7, "f"),
        f(123.456, ".10g"),
        f(123.456, "#.10g"),
        f(1e5, ".3g"),
        f(1.23e-5, "n"),
        f(15, "#X"),
        f(0, "#x"),
        f(0, "#b"),
        f(-0.0, "g"),
        f(1.5, " "),
        p("%#.3x", 5),
        p("%+x", 255),
        p("%-#8o|", 8),
        p("%010.3e", -1.5),
        p("%+s", "a"),
        p("% 5s|", "a"),
        p("%05s|", "a"),
        p("%#s", "a"),
        p("%+5c|", 65),
        p("%s", Value::None),
        p("%r %r", t(vec![v(1.5), Value::None])),
        p("%.3g|%10.4e|%-10.2f|", t(vec![v(1234.5678), v(0.000123), v(-7.0)])),
        p("%x", -255),
        p("%d", 12345678901234.0),
        p("%d", 1e30),
        sf("{0!s:^7}", vec![v(1.5)]),
        sf("{:=+8}", vec![v(5)]),
        sf("{:*<{}}", vec![v("ab"), v(5)]),
        sf("{0[0]!r}", vec![Value::list([v("q")])]),
        StrFormat("{x[1]}", vec![], vec![("x", Value::list([v(1), v(2)]))]),
        sf("{0.imag}", vec![v(1)]),
        sf("{0.real}", vec![v(1.5)]),
        sf("{0.nope}", vec![v(1)]),
        sf("{0.x.y}", vec![point.clone()]),
        sf("{0[0]}", vec![v(5)]),
        m("hello world", "title", vec![]),
        m("a\tb", "split", vec![]),
        m("a  b", "split", vec![v(" ")]),
        m("x", "split", vec![v("x")]),
        m("abc", "center", vec![v(-5)]),
        m("abc", "zfill", vec![v(-1)]),
        m("aaa", "count", vec![v("a"), v(true)]),
        m("abc", "find", vec![v("c"), v(-1), v(100)]),
        m("abc", "rfind", vec![v("a"), v(-100)]),
        m("日本語テキスト", "find", vec![v("テ")]),
        m("日本語テキスト", "center", vec![v(11), v("・")]),
        m("ǅemal", "istitle", vec![]),
        m("Ab1", "swapcase", vec![]),
        // --- str methods
        m("Hello World", "upper", vec![]),
        m("Hello World", "lower", vec![]),
        m("hello wORLD it's", "title", vec![]),
        m("hELLO world", "capitalize", vec![]),
        m("Hello World", "swapcase", vec![]),
        m("Straße ΣΑΣ ﬁ", "casefold", vec![]),
        m("a", "casefold", vec![v(1)]),
        m("straße", "upper", vec![]),
        m("straße", "title", vec![]),
        m("ΣΑΣ", "lower", vec![]),
        m("  hi \t\n", "strip", vec![]),
        m("  hi  ", "lstrip", vec![]),
        m("  hi  ", "rstrip", vec![]),
        m("xxhixx", "strip", vec![v("x")]),
        m("abcHIcba", "strip", vec![v("abc")]),
        m("\x1c hi \x1f", "strip", vec![]),
        m("hi", "strip", vec![Value::None]),
        m("a b  c\td\ne", "split", vec![]),
        m("  a b  ", "split", vec![]),
        m("a,b,,c", "split", vec![v(",")]),
        m("a,b,,c", "split", vec![v(","), v(1)]),
        m("a b c d", "split", vec![Value::None, v(2)]),
        m("  a b c  ", "split", vec![Value::None, v(1)]),
        m("  a b c  ", "rsplit", vec![Value::None, v(1)]),
        m("a,b,c", "rsplit", vec![v(","), v(1)]),
        m("aaa", "rsplit", vec![v("aa")]),
        m("aaa", "split", vec![v("aa")]),
        m("", "split", vec![]),
        m("", "split", vec![v(",")]),
        m("a b", "split", vec![Value::None, v(0)]),
        Method("a b c", "split", vec![], vec![("maxsplit", v(1))]),
        Method("a,b,c", "rsplit", vec![], vec![("sep", v(",")), ("maxsplit", v(1))]),
        m("one\ntwo\r\nthree\rfour\x0bfive\u{2028}six", "splitlines", vec![]),
        m("one\ntwo\r\n", "splitlines", vec![v(true)]),
        Method("a\nb\n", "splitlines", vec![], vec![("keepends", v(true))]),
        m("", "splitlines", vec![]),
        m(", ", "join", vec![Value::list([v("a"), v("b"), v("c")])]),
        m("-", "join", vec![t(vec![v("x")])]),
        m("-", "join", vec![v("abc")]),
        m("-", "join", vec![Value::list([])]),
        m("-", "join", vec![Value::dict([(v("k"), v(1)), (v("j"), v(2))])]),
        m("aXbXc", "replace", vec![v("X"), v("--")]),
        m("aXbXc", "replace", vec![v("X"), v(""), v(1)]),
        m("abc", "replace", vec![v(""), v("-")]),
        m("abc", "replace", vec![v(""), v("-"), v(2)]),
        m("aaa", "replace", vec![v("a"), v("b"), v(-1)]),
        m("hello", "startswith", vec![v("he")]),
        m("hello", "startswith", vec![t(vec![v("x"), v("hel")])]),
        m("hello", "startswith", vec![v("ll"), v(2)]),
        m("hello", "startswith", vec![v("ll"), v(2), v(3)]),
        m("hello", "endswith", vec![v("lo")]),
        m("hello", "endswith", vec![v("ell"), v(0), v(-1)]),
        m("hello", "endswith", vec![v(""), v(6)]),
        m("hello", "startswith", vec![v(""), v(5)]),
        m("héllo wörld", "find", vec![v("wö")]),
        m("hello", "find", vec![v("l")]),
        m("hello", "rfind", vec![v("l")]),
        m("hello", "find", vec![v("z")]),
        m("hello", "find", vec![v("l"), v(3)]),
        m("hello", "find", vec![v("l"), v(-2)]),
        m("hello", "find", vec![v("l"), Value::None, v(3)]),
        m("hello", "find", vec![v(""), v(2)]),
        m("hello", "rfind", vec![v(""), v(1), v(3)]),
        m("hello", "find", vec![v(""), v(9)]),
        m("hello", "index", vec![v("e")]),
        m("hello", "rindex", vec![v("l")]),
        m("banana", "count", vec![v("a")]),
        m("banana", "count", vec![v("ana")]),
        m("banana", "count", vec![v("")]),
        m("banana", "count", vec![v("a"), v(2), v(-1)]),
        m("banana", "count", vec![v(""), v(7)]),
        m("abc", "center", vec![v(9)]),
        m("abc", "center", vec![v(8), v("*")]),
        m("ab", "center", vec![v(5), v("*")]),
        m("ab", "center", vec![v(7), v("*")]),
        m("abc", "center", vec![v(2)]),
        m("abc", "ljust", vec![v(6), v(".")]),
        m("abc", "rjust", vec![v(6)]),
        m("42", "zfill", vec![v(5)]),
        m("-42", "zfill", vec![v(5)]),
        m("+42", "zfill", vec![v(2)]),
        m("abc", "zfill", vec![v(5)]),
        m("123", "isdigit", vec![]),
        m("12a", "isdigit", vec![]),
        m("²", "isdigit", vec![]),
        m("", "isdigit", vec![]),
        m("½", "isnumeric", vec![]),
        m("²", "isdecimal", vec![]),
        m("abcé", "isalpha", vec![]),
        m("abc1", "isalpha", vec![]),
        m("abc1", "isalnum", vec![]),
        m(" \t\n\x1c", "isspace", vec![]),
        m("", "isspace", vec![]),
        m("ABC1", "isupper", vec![]),
        m("Abc", "isupper", vec![]),
        m("abc1", "islower", vec![]),
        m("123", "islower", vec![]),
        m("Hello World", "istitle", vec![]),
        m("Hello world", "istitle", vec![]),
        m("abc", "isascii", vec![]),
        m("_x1", "isidentifier", vec![]),
        m("1x", "isidentifier", vec![]),
        m("", "isidentifier", vec![]),
        m("a-b-c", "partition", vec![v("-")]),
        m("a-b-c", "rpartition", vec![v("-")]),
        m("abc", "partition", vec![v("-")]),
        m("abc", "rpartition", vec![v("-")]),
        m("a\tbc\td", "expandtabs", vec![]),
        m("a\tbc\td", "expandtabs", vec![v(4)]),
        m("ab\n\tc", "expandtabs", vec![v(3)]),
        m("a\tb", "expandtabs", vec![v(0)]),
        m("TestCase", "removeprefix", vec![v("Test")]),
        m("TestCase", "removesuffix", vec![v("Case")]),
        m("TestCase", "removesuffix", vec![v("x")]),
        // methods: errors
        m("a", "upper", vec![v(1)]),
        m("a", "center", vec![]),
        m("a", "center", vec![v(5), v("ab")]),
        m("a", "center", vec![v(5), v(1)]),
        m("a", "center", vec![v("x")]),
        m("a", "center", vec![v(1), v(2), v(3)]),
        m("a", "find", vec![]),
        m("a", "find", vec![v(1)]),
        m("a", "find", vec![v("a"), v(1.5)]),
        m("a", "find", vec![v("a"), v(1), v(2), v(3)]),
        m("a", "index", vec![v("b")]),
        m("a", "rindex", vec![v("b")]),
        m("a", "count", vec![]),
        m("a", "split", vec![v(1)]),
        m("a", "split", vec![v("")]),
        m("a", "split", vec![v("a"), v("b")]),
        m("a", "split", vec![v(1), v(2), v(3)]),
        m("a", "split", vec![Value::None, Value::None]),
        m("a", "rsplit", vec![v("")]),
        m("a", "splitlines", vec![v("x")]),
        m("a", "splitlines", vec![v(1.5)]),
        m("a", "startswith", vec![]),
        m("a", "startswith", vec![v(1)]),
        m("a", "endswith", vec![t(vec![v(1)])]),
        m("a", "startswith", vec![v("a"), v("x")]),
        m("a", "zfill", vec![]),
        m("a", "zfill", vec![v(1.5)]),
        m("a", "expandtabs", vec![v(1), v(2)]),
        m("a", "replace", vec![v(1), v(2)]),
        m("a", "replace", vec![v("a"), v(2)]),
        m("a", "replace", vec![v("a")]),
        m("a", "replace", vec![v("a"), v("b"), v("c")]),
        m("a", "strip", vec![v(1)]),
        m("a", "strip", vec![v("a"), v("b")]),
        m("a", "partition", vec![v(1)]),
        m("a", "partition", vec![v("")]),
        m("a", "partition", vec![]),
        m("a", "join", vec![Value::list([v("x"), v(1)])]),
        m("a", "join", vec![v(5)]),
        m("a", "join", vec![]),
        m("a", "removeprefix", vec![v(1)]),
        m("a", "ljust", vec![v("x")]),
        m("a", "isidentifier", vec![v(1)]),
        m("a", "no_such_method", vec![]),
        Method("a", "split", vec![], vec![("bad", v(1))]),
        Method("a", "split", vec![v(",")], vec![("sep", v(","))]),
        Method("a", "find", vec![], vec![("sub", v("a"))]),
        Method("a", "upper", vec![], vec![("x", v(1))]),
    ]
}

/// Runs `cases` in CPython (one script) and in corosim; the cases that differ, each
/// with both answers. `None` when there is no CPython to ask (a failure under `CI=true`).
fn differences(cases: &[Case]) -> Option<Vec<String>> {
    let python = match interpreter(Use::Compare) {
        Ok(python) => python,
        Err(why) => {
            assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "python3 is required under CI: {why}");
            eprintln!("note: skipping the CPython comparison: {why}");
            return None;
        }
    };
    let mut script = String::from(
        "import sys\nfrom collections import namedtuple\nP = namedtuple('P', 'x y')\n\
         def run(f):\n    try:\n        r = f()\n    except Exception as e:\n        \
         print(type(e).__name__ + ': ' + str(e))\n    else:\n        print(repr(r))\n",
    );
    for case in cases {
        script.push_str(&format!("run(lambda: {})\n", case.python()));
    }
    let mut child = Command::new(&python.executable)
        .arg("-")
        .env("PYTHONIOENCODING", "utf-8")
        .env(corosim::oracle::HASH_SEED.0, corosim::oracle::HASH_SEED.1)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start python3");
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("write the script");
    let out = child.wait_with_output().expect("run python3");
    assert!(out.status.success(), "python3 failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let expected = String::from_utf8(out.stdout).expect("UTF-8 from python3");
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(expected.len(), cases.len(), "one line per case from python3");
    let mut failures = Vec::new();
    for (case, want) in cases.iter().zip(&expected) {
        let got = case.corosim();
        if got != *want {
            failures.push(format!("{}\n    CPython: {want}\n    corosim: {got}", case.python()));
        }
    }
    Some(failures)
}

#[test]
fn text_functions_match_cpython() {
    let cases = cases();
    let Some(failures) = differences(&cases) else { return };
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    eprintln!("{} cases agree with CPython", cases.len());
}

/// A random text of up to `max` characters from `alphabet`.
fn random_text(rng: &mut fastrand::Rng, alphabet: &[char], max: usize) -> &'static str {
    let len = rng.usize(0..=max);
    let text: String = (0..len).map(|_| alphabet[rng.usize(0..alphabet.len())]).collect();
    Box::leak(text.into_boxed_str())
}

/// Random specs and format strings, built mostly from the characters that mean
/// something to the parsers, so they reach the corners and the error paths; a fixed
/// seed keeps every run the same cases.
#[test]
fn random_formats_match_cpython() {
    // COROSIM_TEXT_SEED tries other cases (to hunt for differences); the default is fixed.
    let seed = std::env::var("COROSIM_TEXT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_f0a7);
    let mut rng = fastrand::Rng::with_seed(seed);
    let spec_chars: Vec<char> = "<>^=+- z#0123456789,_.bcdeEfFgGnosxX%*é".chars().collect();
    let percent_chars: Vec<char> = "%%%%-+ #0123456789.*()sdrafgexXcil5ab".chars().collect();
    let brace_chars: Vec<char> = "{}{}{}!:[].0123rsa>x_ab".chars().collect();
    let values = [
        Value::from(0),
        Value::from(-7),
        Value::from(1234567),
        Value::from(1.5),
        Value::from(-0.0),
        Value::from(1e20),
        Value::from(123.456),
        Value::from(2.5e-7),
        Value::from("ab"),
        Value::from("héllo"),
        Value::from(true),
        Value::None,
    ];
    let mut cases = Vec::new();
    for _ in 0..400 {
        let value = values[rng.usize(0..values.len())].clone();
        cases.push(Format(value, random_text(&mut rng, &spec_chars, 7)));
    }
    for _ in 0..250 {
        let args = match rng.u8(0..4) {
            0 => values[rng.usize(0..values.len())].clone(),
            1 => Value::dict([(v("a"), v(1)), (v("b"), v("x"))]),
            _ => Value::tuple((0..rng.usize(0..4)).map(|_| values[rng.usize(0..values.len())].clone())),
        };
        cases.push(Percent(random_text(&mut rng, &percent_chars, 8), args));
    }
    for _ in 0..250 {
        let args = vec![v(3), Value::list([v("p"), v("q")]), v(2.5)];
        cases.push(StrFormat(random_text(&mut rng, &brace_chars, 9), args, vec![("a", v("A")), ("b", v(7))]));
    }
    let results: Vec<String> = cases.iter().map(Case::corosim).collect();
    let ok = results.iter().filter(|r| !r.contains("Error: ")).count();
    let Some(failures) = differences(&cases) else { return };
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    eprintln!("{} random cases agree with CPython ({ok} of them results, the rest errors)", cases.len());
}

/// Random calls of the `str` methods: random texts, and arguments of every kind (right
/// and wrong types, too many, too few), so the argument checks meet CPython's order.
#[test]
fn random_method_calls_match_cpython() {
    let seed = std::env::var("COROSIM_TEXT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_5742);
    let mut rng = fastrand::Rng::with_seed(seed);
    let text_chars: Vec<char> = " \tab,aB-é\n1".chars().collect();
    let names = [
        "upper",
        "lower",
        "title",
        "capitalize",
        "swapcase",
        "strip",
        "lstrip",
        "rstrip",
        "split",
        "rsplit",
        "splitlines",
        "join",
        "replace",
        "startswith",
        "endswith",
        "find",
        "rfind",
        "index",
        "rindex",
        "count",
        "center",
        "ljust",
        "rjust",
        "zfill",
        "partition",
        "rpartition",
        "expandtabs",
        "removeprefix",
        "removesuffix",
        "isdigit",
        "isalpha",
        "isalnum",
        "isspace",
        "isupper",
        "islower",
        "istitle",
        "isidentifier",
    ];
    let pool = [
        v(","),
        v(" "),
        v(""),
        v("a"),
        v("ab"),
        v("*"),
        Value::None,
        v(0),
        v(1),
        v(-1),
        v(2),
        v(7),
        v(-3),
        v(true),
        v(1.5),
        t(vec![v("a"), v("b")]),
        Value::list([v("x"), v("y")]),
    ];
    let mut cases = Vec::new();
    // Every character question over characters that test the tables: digits of other
    // scripts, fractions, Roman numerals, digraphs, marks, wide spaces, CJK.
    let unusual = [
        "²",
        "½",
        "Ⅻ",
        "五",
        "٣",
        "①",
        "𝟗",
        "ǆ",
        "ǅ",
        "Ǆ",
        "ß",
        "ŉ",
        "ﬁ",
        "ΣΑΣ",
        "ᾈ",
        "ª",
        "ʰ",
        "\u{345}",
        "\u{301}",
        "a\u{301}",
        "\u{3000}",
        "\u{85}",
        "\u{1c}",
        "\u{200b}",
        "日本",
        "x²",
        "_",
        "\u{2118}",
        "℘x",
        "a·b",
        "·",
        "Ⅸ",
        "ⅸ",
        "ǈ1ǋ",
        "ǆemal ǅ",
    ];
    let questions = [
        "isdigit",
        "isdecimal",
        "isnumeric",
        "isalpha",
        "isalnum",
        "isspace",
        "isupper",
        "islower",
        "istitle",
        "isidentifier",
        "title",
        "capitalize",
        "swapcase",
        "casefold",
        "upper",
        "lower",
    ];
    for s in unusual {
        for q in questions {
            cases.push(Method(s, q, vec![], vec![]));
        }
    }
    for _ in 0..600 {
        let s = random_text(&mut rng, &text_chars, 8);
        let name = names[rng.usize(0..names.len())];
        let n = [0, 1, 1, 1, 2, 2, 3][rng.usize(0..7)];
        let args = (0..n).map(|_| pool[rng.usize(0..pool.len())].clone()).collect();
        cases.push(Method(s, name, args, vec![]));
    }
    let Some(failures) = differences(&cases) else { return };
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
