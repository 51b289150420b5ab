//! Value `repr`/`str`, exception `repr`/`str`/`args`, and exceptions shown as a
//! traceback's last line, against CPython.

use corosim::Value;
use corosim::exception::{
    CANCELLED_ERROR, EXCEPTION, ExcClass, GENERATOR_EXIT, INVALID_STATE_ERROR, KEY_ERROR, PyException,
    QUEUE_EMPTY, RUNTIME_ERROR, STOP_ITERATION, TIMEOUT_ERROR, VALUE_ERROR,
};

use crate::common::*;

pub fn repr_strings() {
    let samples = [
        "",
        "plain",
        "it's",
        "say \"hi\"",
        "both ' and \"",
        "back\\slash",
        "tab\there",
        "new\nline",
        "cr\r",
        "\0\u{7}\u{1b}\u{1f}\u{7f}",
        "\u{80}\u{9f}\u{a0}\u{ad}\u{ff}",
        "café",
        "中文",
        "😀 emoji",
        "\u{200b}\u{2028}\u{2029}",
        "\u{feff}",
        "a\u{301} combining",
        "\u{e000} private",
        "\u{e0001} tag",
        "\u{378} unassigned",
        "\u{2066} isolate",
        "\u{1d173} musical",
        "\u{f0000} plane 15",
        "\u{100}\u{3000} ideographic space",
        "\u{a0}nbsp",
        "\u{10ffff}",
    ];
    for (i, s) in samples.iter().enumerate() {
        say(format!("{i}: {}", Value::from(*s).repr()));
    }
    say(Value::list(["it's".into(), "a\"b".into(), "\n".into()]).repr());
}

// The literals are CPython's test inputs; some deliberately carry more digits than an f64.
#[allow(clippy::excessive_precision)]
pub fn repr_floats() {
    let samples = [
        0.1 + 0.2,
        1e16,
        1e15,
        9999999999999998.0,
        1e-5,
        0.0001,
        0.00012,
        1e-7,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -0.0,
        0.0,
        1.5e300,
        5e-324,
        123456789012345680.0,
        1.7976931348623157e308,
        2.2250738585072014e-308,
        1e22,
        1e100,
        -1.5,
        1.0,
        100.0,
        12345.678,
        1.0 / 3.0,
        2.0 / 3.0,
        2.5e-5,
        9007199254740993.0,
        41.233333333333334,
    ];
    for (i, x) in samples.iter().enumerate() {
        say(format!("{i}: {}", Value::from(*x).repr()));
    }
    let nested = Value::list([0.5.into(), (-0.0).into(), Value::tuple([1e16.into()])]);
    say(nested.repr());
}

pub fn repr_scalars_and_containers() {
    let fetch_error = ExcClass::define("FetchError", EXCEPTION);
    let samples: Vec<Value> = vec![
        Value::None,
        true.into(),
        false.into(),
        0.into(),
        (-1).into(),
        i64::MAX.into(),
        i64::MIN.into(),
        Value::tuple([]),
        Value::tuple([1.into()]),
        Value::tuple([Value::tuple([1.into()])]),
        Value::tuple([1.into(), "a".into(), Value::None]),
        Value::list([]),
        Value::list([1.into(), Value::list([2.into(), Value::tuple([3.into()])])]),
        Value::dict([]),
        Value::dict([
            ("a".into(), 1.into()),
            (2.into(), Value::list([Value::None])),
            (Value::tuple([1.into()]), Value::dict([("x".into(), true.into())])),
        ]),
        Value::list([Value::dict([("k".into(), Value::tuple([]))])]),
        Value::named("Summary", [("count", 3.into()), ("average", 1.5.into())]),
        Value::named("Summary", [("count", "it's".into()), ("average", Value::None)]),
        VALUE_ERROR.into(),
        fetch_error.into(),
        GENERATOR_EXIT.into(),
        Value::Type("int".into()),
    ];
    for (i, x) in samples.iter().enumerate() {
        say(format!("{i}: repr={} str={}", x.repr(), x.to_str()));
    }
}

fn exception_samples(fetch_error: ExcClass) -> Vec<PyException> {
    let t12 = Value::tuple([1.into(), 2.into()]);
    let t1 = Value::tuple([1.into()]);
    vec![
        PyException::bare(VALUE_ERROR),
        PyException::new(VALUE_ERROR, "boom"),
        PyException::new(VALUE_ERROR, "it's"),
        PyException::new(VALUE_ERROR, ""),
        PyException::new(VALUE_ERROR, 5),
        PyException::new(VALUE_ERROR, Value::None),
        PyException::new(VALUE_ERROR, t12.clone()),
        PyException::new(VALUE_ERROR, t1.clone()),
        PyException::with_args(VALUE_ERROR, vec!["a".into(), 2.into()]),
        PyException::with_args(VALUE_ERROR, vec![t12, 3.into()]),
        PyException::with_args(VALUE_ERROR, vec!["a".into(), t1]),
        PyException::with_args(
            VALUE_ERROR,
            vec![Value::list([1.into()]), Value::dict([("k".into(), 2.into())])],
        ),
        PyException::new(KEY_ERROR, "k"),
        PyException::bare(KEY_ERROR),
        PyException::with_args(KEY_ERROR, vec!["a".into(), "b".into()]),
        PyException::new(KEY_ERROR, 5),
        PyException::bare(STOP_ITERATION),
        PyException::new(STOP_ITERATION, 3),
        PyException::new(STOP_ITERATION, PyException::new(STOP_ITERATION, 3)),
        PyException::bare(GENERATOR_EXIT),
        PyException::new(RUNTIME_ERROR, "generator raised StopIteration"),
        PyException::bare(CANCELLED_ERROR),
        PyException::new(CANCELLED_ERROR, "msg"),
        PyException::new(INVALID_STATE_ERROR, "invalid state"),
        PyException::bare(TIMEOUT_ERROR),
        PyException::new(fetch_error, "x"),
    ]
}

pub fn repr_exceptions() {
    let fetch_error = ExcClass::define("FetchError", EXCEPTION);
    for (i, e) in exception_samples(fetch_error).iter().enumerate() {
        say(format!("{i}: repr={} str={} args={}", e.repr(), Value::str(e.message()).repr(), args_repr(e)));
    }
}

pub fn exception_display() {
    let fetch_error = ExcClass::define("FetchError", EXCEPTION);
    let samples = [
        PyException::new(VALUE_ERROR, "boom"),
        PyException::bare(VALUE_ERROR),
        PyException::new(VALUE_ERROR, ""),
        PyException::with_args(VALUE_ERROR, vec!["a".into(), 2.into()]),
        PyException::new(VALUE_ERROR, 5),
        PyException::new(KEY_ERROR, "k"),
        PyException::bare(KEY_ERROR),
        PyException::bare(STOP_ITERATION),
        PyException::new(STOP_ITERATION, 42),
        PyException::bare(GENERATOR_EXIT),
        PyException::bare(CANCELLED_ERROR),
        PyException::new(CANCELLED_ERROR, "msg"),
        PyException::new(INVALID_STATE_ERROR, "Result is not set."),
        PyException::bare(QUEUE_EMPTY),
        PyException::bare(TIMEOUT_ERROR),
        PyException::new(RUNTIME_ERROR, "generator ignored GeneratorExit"),
        PyException::new(fetch_error, "x"),
    ];
    for e in samples {
        say(e.to_string());
    }
}

pub fn repr_every_code_point() {
    let escaped = |c: char| {
        let r = Value::str(c.to_string()).repr();
        r[1..r.len() - 1] != *c.to_string()
    };
    let (mut start, mut last, mut count) = (None, 0, 0);
    let code_points = (0..0xD800).chain(0xE000..0x110000).map(Some).chain([None]);
    for cp in code_points {
        let esc = cp.is_some_and(|cp| escaped(char::from_u32(cp).expect("not a surrogate")));
        if esc {
            count += 1;
            start.get_or_insert(cp.unwrap_or_default());
            last = cp.unwrap_or_default();
        } else if let Some(s) = start.take() {
            say(format!("{s:#x}-{last:#x}"));
        }
    }
    say(format!("{count} code points escaped"));
}
