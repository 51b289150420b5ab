//! `corosim bench loop --json --quick`: the shape of the report (speed is measured by the
//! benchmark itself, never asserted here).

use std::process::Command;

#[test]
fn bench_loop_reports_both_workloads_for_both_runtimes() {
    let have_python = corosim::oracle::interpreter(corosim::oracle::Use::Measure).is_ok();
    if !have_python {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "python3 is required under CI");
        eprintln!("skipping: no python3");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["bench", "loop", "--json", "--quick"])
        .output()
        .expect("run corosim");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["100k_tasks_x10_sleep0", "1m_tasks_x1_sleep0"]);
    for r in &rows {
        for key in ["corosim_s", "cpython_s", "corosim_rss_mib", "cpython_rss_mib"] {
            let v = r[key].as_f64().unwrap_or_else(|| panic!("{key} missing in {r}"));
            assert!(v > 0.0, "{key} = {v}");
        }
    }
}
