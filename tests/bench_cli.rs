//! `corosim bench generators --json`: the shape of what it prints (never its speed:
//! speed is measured by `cargo bench` and the command itself, not asserted in tests).

use std::process::{Command, Output};

use serde_json::{Map, Value};

const NAMES: [&str; 5] = ["send", "yield_from_1", "yield_from_10", "yield_from_100", "yield_from_1000"];

fn bench_json(python: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corosim"));
    cmd.args(["bench", "generators", "--json", "--quick"]);
    if let Some(python) = python {
        cmd.env("COROSIM_PYTHON", python);
    }
    cmd.output().expect("corosim runs")
}

/// Each stdout line as a JSON object with exactly the four keys, in workload order.
fn rows(out: &Output) -> Vec<Map<String, Value>> {
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let rows: Vec<Map<String, Value>> = stdout
        .lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(Value::Object(row)) => row,
            _ => panic!("not a JSON object: {line:?}"),
        })
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, NAMES, "one line per workload:\n{stdout}");
    for row in &rows {
        let mut keys: Vec<&str> = row.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["corosim_ns", "cpython_ns", "name", "ratio"], "{row:?}");
        assert!(positive(&row["corosim_ns"]), "{row:?}");
    }
    rows
}

fn positive(v: &Value) -> bool {
    v.as_f64().is_some_and(|x| x > 0.0 && x.is_finite())
}

fn python3_available() -> bool {
    corosim::oracle::interpreter(corosim::oracle::Use::Measure).is_ok()
}

#[test]
fn json_lines_side_by_side_with_cpython() {
    if !python3_available() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("python3 is required under CI=true: the benchmark compares with CPython");
        }
        eprintln!("note: python3 not found; skipping the CPython comparison test");
        return;
    }
    let out = bench_json(None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for row in rows(&out) {
        let (cpython, ratio) = (&row["cpython_ns"], &row["ratio"]);
        if row["name"] == "yield_from_1000" && cpython.is_null() {
            // A chain of 1001 frames is past CPython's default recursion limit.
            assert!(ratio.is_null(), "{row:?}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("RecursionError"), "{stderr}");
        } else {
            assert!(positive(cpython) && positive(ratio), "{row:?}");
        }
    }
}

#[test]
fn without_python_the_corosim_column_remains() {
    let out = bench_json(Some("/nonexistent/python3"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for row in rows(&out) {
        assert!(row["cpython_ns"].is_null() && row["ratio"].is_null(), "{row:?}");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("CPython was not found"), "{stderr}");
}
