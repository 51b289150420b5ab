//! `corosim bench server --json --quick`: the shape of the report (speed is measured by
//! the benchmark itself, never asserted here), and that both servers answered every query.

use std::process::Command;

#[test]
fn bench_server_reports_both_servers() {
    let have_python = corosim::oracle::interpreter(corosim::oracle::Use::Measure).is_ok();
    if !have_python {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "python3 is required under CI");
        eprintln!("skipping: no python3");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["bench", "server", "--json", "--quick"])
        .output()
        .expect("run corosim");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(row["name"], "50_clients_x5_queries");
    for side in ["corosim", "cpython"] {
        for key in ["requests_per_s", "p50_ms", "p99_ms", "rss_mib"] {
            let v = row[side][key].as_f64().unwrap_or_else(|| panic!("{side}.{key} missing in {row}"));
            assert!(v > 0.0, "{side}.{key} = {v}");
        }
        assert!(row[side]["p50_ms"].as_f64() <= row[side]["p99_ms"].as_f64(), "{row}");
    }
}
