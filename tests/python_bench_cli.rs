//! `corosim bench python --json --quick`: the shape of the report, both sides measured
//! (speed is the benchmark's business, never asserted here). While `bench` is in
//! `tests/python/PENDING` (no interpreter yet), corosim's side must fail, named, and the
//! command with it; once it runs, every row has both numbers.

mod pyharness;

use std::process::Command;

#[test]
fn bench_python_reports_every_workload_for_both_sides() {
    if let Err(e) = corosim::oracle::interpreter(corosim::oracle::Use::Measure) {
        return pyharness::python_missing("bench python", &e.to_string());
    }
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["bench", "python", "--json", "--quick"])
        .output()
        .expect("run corosim");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "send",
            "yield_from_1",
            "yield_from_10",
            "yield_from_100",
            "yield_from_1000",
            "100k_tasks_x10_sleep0"
        ]
    );
    let positive = |r: &serde_json::Value, key: &str| r[key].as_f64().is_some_and(|v| v > 0.0);
    for r in &rows {
        let recursion = r["cpython_error"].as_str().is_some_and(|e| e.contains("RecursionError"));
        assert!(
            (positive(r, "cpython") && positive(r, "cpython_rss_mib"))
                || (r["name"] == "yield_from_1000" && recursion),
            "CPython's side of {r}"
        );
    }
    let pending = pyharness::Pending::load();
    // At depth 1000 corosim's interpreter stops with RecursionError, as CPython 3.11 does.
    let corosim_ran = rows.iter().all(|r| {
        (positive(r, "corosim") && positive(r, "corosim_rss_mib"))
            || (r["name"] == "yield_from_1000"
                && r["corosim_error"].as_str().is_some_and(|e| e.contains("RecursionError")))
    });
    match pending.reason("bench") {
        Some(reason) => {
            assert!(
                !corosim_ran,
                "corosim runs every workload: remove `bench` from tests/python/PENDING (it said: {reason})"
            );
            assert!(!out.status.success(), "a workload corosim could not run must fail the command");
            assert!(rows.iter().any(|r| r["corosim_error"].is_string()), "{text}");
            assert!(stderr.contains("did not run"), "{stderr}");
        }
        None => {
            assert!(out.status.success(), "{stderr}");
            assert!(corosim_ran, "corosim's side of {text}");
            for r in &rows {
                assert!(positive(r, "ratio") || r["name"] == "yield_from_1000", "{r}");
            }
        }
    }
}
