//! Value `repr`/`str`, exception `repr`/`str`/`args`, and exceptions shown as a
//! traceback's last line, against CPython.

use corosim::exception::*;
use corosim::{Generator, Value};

use crate::common::*;
use crate::throw_args;

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

pub fn exception_hierarchy_mro() {
    let mut classes = vec![
        BASE_EXCEPTION,
        SYSTEM_EXIT,
        KEYBOARD_INTERRUPT,
        GENERATOR_EXIT,
        BASE_EXCEPTION_GROUP,
        EXCEPTION_GROUP,
        EXCEPTION,
        STOP_ITERATION,
        STOP_ASYNC_ITERATION,
        ARITHMETIC_ERROR,
        OVERFLOW_ERROR,
        ZERO_DIVISION_ERROR,
        ASSERTION_ERROR,
        ATTRIBUTE_ERROR,
        EOF_ERROR,
        LOOKUP_ERROR,
        INDEX_ERROR,
        KEY_ERROR,
        NAME_ERROR,
        UNBOUND_LOCAL_ERROR,
        OS_ERROR,
        CONNECTION_ERROR,
        BROKEN_PIPE_ERROR,
        CONNECTION_ABORTED_ERROR,
        CONNECTION_REFUSED_ERROR,
        CONNECTION_RESET_ERROR,
        FILE_NOT_FOUND_ERROR,
        FILE_EXISTS_ERROR,
        IS_A_DIRECTORY_ERROR,
        NOT_A_DIRECTORY_ERROR,
        PERMISSION_ERROR,
        UNSUPPORTED_OPERATION,
        TIMEOUT_ERROR,
        RUNTIME_ERROR,
        NOT_IMPLEMENTED_ERROR,
        RECURSION_ERROR,
        TYPE_ERROR,
        VALUE_ERROR,
        CANCELLED_ERROR,
        INVALID_STATE_ERROR,
        QUEUE_EMPTY,
        QUEUE_FULL,
    ];
    classes.push(ExcClass::define("FetchError", CONNECTION_ERROR));
    let names = |cs: Vec<ExcClass>, sep: &str| cs.iter().map(|c| c.name()).collect::<Vec<_>>().join(sep);
    for cls in classes {
        say(format!(
            "{}.{}: bases=({}) mro={}",
            cls.module(),
            cls.name(),
            names(cls.bases(), ","),
            names(cls.mro(), ".")
        ));
    }

    let catchers = [
        LOOKUP_ERROR,
        ARITHMETIC_ERROR,
        OS_ERROR,
        CONNECTION_ERROR,
        RUNTIME_ERROR,
        EXCEPTION,
        BASE_EXCEPTION_GROUP,
    ];
    let group =
        PyException::group(EXCEPTION_GROUP, "eg", Value::list([PyException::bare(VALUE_ERROR).into()]));
    let raised = [
        PyException::new(KEY_ERROR, "k"),
        PyException::new(INDEX_ERROR, 0),
        PyException::new(ZERO_DIVISION_ERROR, "x"),
        PyException::new(CONNECTION_RESET_ERROR, "reset"),
        PyException::bare(BROKEN_PIPE_ERROR),
        PyException::bare(TIMEOUT_ERROR),
        PyException::bare(NOT_IMPLEMENTED_ERROR),
        group.expect("a valid group"),
        PyException::bare(CANCELLED_ERROR),
    ];
    for exc in raised {
        let caught_by: Vec<&str> =
            catchers.iter().filter(|c| exc.is_instance(**c)).map(|c| c.name()).collect();
        let caught_by = if caught_by.is_empty() { "none of them".to_string() } else { caught_by.join(", ") };
        say(format!("{} caught by: {caught_by}", exc.name()));
    }
}

pub fn exception_group_construction() {
    fn describe(e: &PyException) {
        say(format!("  type={} str={} args={}", e.name(), Value::str(e.message()).repr(), args_repr(e)));
        let exceptions = Value::tuple(e.exceptions().expect("a group").into_iter().map(Value::from));
        say(format!(
            "  exceptions={} is Exception: {}",
            exceptions.repr(),
            py_bool(e.is_instance(EXCEPTION))
        ));
    }
    let my_group = ExcClass::define("MyGroup", EXCEPTION_GROUP);
    let my_base_group = ExcClass::define("MyBaseGroup", BASE_EXCEPTION_GROUP);
    let (va, kb) = (PyException::new(VALUE_ERROR, "a"), PyException::new(KEY_ERROR, "k"));
    let list = |items: &[&PyException]| Value::list(items.iter().map(|e| Value::from((*e).clone())));
    let inner = PyException::group(EXCEPTION_GROUP, "inner", list(&[&va])).expect("a valid group");
    let calls: Vec<(&str, ExcClass, Vec<Value>)> = vec![
        ("ExceptionGroup('two', [va, kb])", EXCEPTION_GROUP, vec!["two".into(), list(&[&va, &kb])]),
        (
            "ExceptionGroup('one', (va,))",
            EXCEPTION_GROUP,
            vec!["one".into(), Value::tuple([va.clone().into()])],
        ),
        (
            "BaseExceptionGroup('all Exceptions', [va])",
            BASE_EXCEPTION_GROUP,
            vec!["all Exceptions".into(), list(&[&va])],
        ),
        (
            "BaseExceptionGroup('base', [KeyboardInterrupt()])",
            BASE_EXCEPTION_GROUP,
            vec!["base".into(), list(&[&PyException::bare(KEYBOARD_INTERRUPT)])],
        ),
        (
            "ExceptionGroup('nested', [ExceptionGroup('inner', [va]), kb])",
            EXCEPTION_GROUP,
            vec!["nested".into(), list(&[&inner, &kb])],
        ),
        ("MyGroup('mine', [va])", my_group, vec!["mine".into(), list(&[&va])]),
        ("MyBaseGroup('mine', [va])", my_base_group, vec!["mine".into(), list(&[&va])]),
        (
            "MyBaseGroup('mine', [GeneratorExit()])",
            my_base_group,
            vec!["mine".into(), list(&[&PyException::bare(GENERATOR_EXIT)])],
        ),
        (
            "ExceptionGroup('base', [KeyboardInterrupt()])",
            EXCEPTION_GROUP,
            vec!["base".into(), list(&[&PyException::bare(KEYBOARD_INTERRUPT)])],
        ),
        (
            "MyGroup('base', [GeneratorExit()])",
            my_group,
            vec!["base".into(), list(&[&PyException::bare(GENERATOR_EXIT)])],
        ),
        ("ExceptionGroup('empty', [])", EXCEPTION_GROUP, vec!["empty".into(), Value::list([])]),
        ("ExceptionGroup('int', 5)", EXCEPTION_GROUP, vec!["int".into(), 5.into()]),
        ("ExceptionGroup('dict', {})", EXCEPTION_GROUP, vec!["dict".into(), Value::dict([])]),
        ("ExceptionGroup('str', 'ab')", EXCEPTION_GROUP, vec!["str".into(), "ab".into()]),
        (
            "ExceptionGroup('item', [va, 5])",
            EXCEPTION_GROUP,
            vec!["item".into(), Value::list([va.clone().into(), 5.into()])],
        ),
        (
            "ExceptionGroup('class', [ValueError])",
            EXCEPTION_GROUP,
            vec!["class".into(), Value::list([VALUE_ERROR.into()])],
        ),
        ("ExceptionGroup(5, [va])", EXCEPTION_GROUP, vec![5.into(), list(&[&va])]),
        ("ExceptionGroup('m')", EXCEPTION_GROUP, vec!["m".into()]),
        ("ExceptionGroup()", EXCEPTION_GROUP, vec![]),
        ("ExceptionGroup('m', [va], 3)", EXCEPTION_GROUP, vec!["m".into(), list(&[&va]), 3.into()]),
    ];
    for (label, class, args) in calls {
        let made = class.try_call(args);
        if let Ok(e) = &made {
            show(label, Ok::<Value, PyException>(e.clone().into()));
            describe(e);
        } else {
            show(label, made.map(Value::from));
        }
    }

    let eg = PyException::group(EXCEPTION_GROUP, "two", list(&[&va, &kb])).expect("a valid group");
    let given = eg.exceptions().expect("a group");
    say(format!("the very exceptions given: {}", py_bool(given[0].is(&va) && given[1].is(&kb))));

    let g = Generator::new("catcher", |co| async move {
        loop {
            match co.yield_("ready").await {
                Ok(_) => {}
                Err(e) if e.is_instance(GENERATOR_EXIT) => return Ok(Value::None),
                Err(e) => say(format!("  generator caught {}", e.repr())),
            }
        }
    });
    g.next().expect("primed");
    show("throw(ExceptionGroup)", g.throw(throw_args![EXCEPTION_GROUP]));
    show("throw(ExceptionGroup, 'm')", g.throw(throw_args![EXCEPTION_GROUP, "m"]));
    let args = Value::tuple(["m".into(), list(&[&va])]);
    show("throw(ExceptionGroup, ('m', [va]))", g.throw(throw_args![EXCEPTION_GROUP, args]));
    g.close().expect("closes");
}
