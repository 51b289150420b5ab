//! Every numeric option has a range, and a value outside it is refused with a message a
//! learner understands, before anything runs: never a stalled loop, a nonsense summary or
//! an aborted process. `--scale` is also checked against what the machine allows.

use std::process::{Command, Output, Stdio};

fn corosim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(args)
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("run corosim")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn values_out_of_range_are_refused_with_the_range() {
    let cases: [(&[&str], &str); 11] = [
        (&["spinner", "--plain", "--scale", "0"], "'0' is not a number of spinners from 1 to 1,000,000"),
        (&["spinner", "--plain", "--scale", "99999999"], "is not a number of spinners from 1 to 1,000,000"),
        (&["spinner", "--plain", "--scale", "-3"], "is not a number of spinners from 1 to 1,000,000"),
        (&["spinner", "--plain", "--scale", "many"], "is not a number of spinners from 1 to 1,000,000"),
        (&["spinner", "--plain", "--speed", "0"], "'0' is not a speed between 0.01 and 100"),
        (&["spinner", "--plain", "--speed", "NaN"], "is not a speed between 0.01 and 100"),
        (&["spinner", "--plain", "--speed", "-2"], "'-2' is not a speed between 0.01 and 100"),
        (&["spinner", "--plain", "--width", "5"], "'5' is not a width from 40 to 1000 columns"),
        (&["spinner", "--plain", "--width", "100000"], "is not a width from 40 to 1000 columns"),
        (&["bench-worker", "0", "1"], "0 is not in 1..=10000000"),
        (&["bench-worker", "10", "5000"], "5000 is not in 0..=1000"),
    ];
    for (args, says) in cases {
        let out = corosim(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "corosim {args:?} must be refused:\n{stderr}");
        assert!(stderr.contains(says), "corosim {args:?}:\n{stderr}");
        assert!(out.stdout.is_empty(), "corosim {args:?} ran:\n{}", text(&out.stdout));
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_scale_the_limits_cannot_hold_is_refused_before_it_starts() {
    // `ulimit -v`: about 1.9 GiB of address space, where 5,000 threads reserve 10 GiB.
    let out = Command::new("sh")
        .args(["-c", "ulimit -v 2000000 && exec \"$0\" spinner --plain --scale 5000"])
        .arg(env!("CARGO_BIN_EXE_corosim"))
        .stdin(Stdio::null())
        .output()
        .expect("run sh");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}\n{}", text(&out.stdout));
    assert!(
        stderr.contains("--scale 5000 reserves about 10.5 GiB of address space for thread stacks"),
        "{stderr}"
    );
    assert!(stderr.contains("the limit (ulimit -v) leaves"), "{stderr}");
    assert!(stderr.contains("try --scale "), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing started: {}", text(&out.stdout));
}

#[test]
fn a_scale_that_fits_runs_and_sums_up() {
    let out = corosim(&["spinner", "--plain", "--scale", "50"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("started                              50 / 50"), "{stdout}");
    assert!(stdout.contains("Threads took"), "{stdout}");
    assert!(!stdout.contains("RuntimeError") && stderr.is_empty(), "{stdout}\n{stderr}");
}
