//! `hash()` and the order of sets against CPython: one generated program (a fixed seed)
//! prints `hash()` of many ints (small, at 2**61 - 1's edges, 64-bit, big), floats
//! (random bit patterns: subnormal, integral, huge, negative zero, infinities), strings
//! (of 1-, 2- and 4-byte characters, as CPython stores them), bytes, tuples and
//! frozensets, then runs random sequences of `add`, `discard`, `pop` and the set
//! operators on colliding ints and strings, printing each set. `corosim run` must print
//! what python3 prints under the oracle (PYTHONHASHSEED=0), byte for byte.

mod pyharness;

use std::fmt::Write as _;
use std::time::Duration;

use pyharness::{corosim, cpython_all, diff, python_missing};

/// A Python literal for a random string: ASCII, Latin-1, the BMP and beyond mixed, so
/// every one of CPython's three string widths comes up.
fn string(rng: &mut fastrand::Rng) -> String {
    let len = rng.usize(0..12);
    let widest = rng.u8(0..4);
    let mut out = String::from("'");
    for _ in 0..len {
        let c = match rng.u8(0..=widest) {
            0 => rng.u32(0x20..0x7f),
            1 => rng.u32(0xa0..0x100),
            2 => rng.u32(0x100..0xd800),
            _ => rng.u32(0x10000..0x30000),
        };
        match char::from_u32(c) {
            Some(ch) if ch.is_ascii_alphanumeric() || ch == ' ' => out.push(ch),
            _ => write!(out, "\\U{c:08x}").unwrap(),
        }
    }
    out.push('\'');
    out
}

/// A Python literal for an int: small, near the modulus, 64-bit, or big.
fn int(rng: &mut fastrand::Rng) -> String {
    match rng.u8(0..5) {
        0 => rng.i64(-1000..1000).to_string(),
        1 => format!("{}", rng.i64(..)),
        2 => format!("({}) * (2**61 - 1) + {}", rng.i64(-5..5), rng.i64(-3..3)),
        3 => format!("-2**{} + {}", rng.u32(60..66), rng.i64(-3..3)),
        _ => format!("{} ** {} * {}", rng.u64(2..1000), rng.u32(5..40), if rng.bool() { 1 } else { -1 }),
    }
}

/// A Python literal for a float from random bits (NaN left out: it hashes by identity).
fn float(rng: &mut fastrand::Rng) -> String {
    loop {
        let f = match rng.u8(0..4) {
            0 => f64::from_bits(rng.u64(..)),
            1 => rng.i64(-1 << 60..1 << 60) as f64,
            2 => rng.f64() * 10f64.powi(rng.i32(-10..10)),
            _ => f64::from_bits(rng.u64(0..1 << 52)), // subnormal
        };
        if f.is_nan() {
            continue;
        }
        return if f.is_infinite() {
            format!("float('{}inf')", if f < 0.0 { "-" } else { "" })
        } else {
            format!("{f:?}")
        };
    }
}

/// Any hashable value with a deterministic hash, nested a little.
fn value(rng: &mut fastrand::Rng, depth: u32) -> String {
    match rng.u8(0..if depth > 1 { 5 } else { 7 }) {
        0 => int(rng),
        1 => float(rng),
        2 => string(rng),
        3 => format!(
            "b{}",
            string(rng).replace("\\U", "\\x").chars().filter(|c| c.is_ascii()).collect::<String>()
        ),
        4 => ["True", "False", "0", "-1", "''", "()"][rng.usize(0..6)].to_string(),
        5 => {
            let items: Vec<String> = (0..rng.usize(0..4)).map(|_| value(rng, depth + 1)).collect();
            format!("({}{})", items.join(", "), if items.len() == 1 { "," } else { "" })
        }
        _ => {
            let items: Vec<String> = (0..rng.usize(0..5)).map(|_| value(rng, depth + 1)).collect();
            format!("frozenset([{}])", items.join(", "))
        }
    }
}

/// Random set work: members from a small pool of colliding ints and strings.
fn set_steps(rng: &mut fastrand::Rng, p: &mut String) {
    let stride = [1, 8, 16, 32, 64, 1024][rng.usize(0..6)];
    let pool: Vec<String> = (0..rng.usize(4..60))
        .map(|i| {
            if rng.u8(0..4) == 0 {
                format!("'w{i}'")
            } else {
                (i as i64 * stride - rng.i64(0..3) * 512).to_string()
            }
        })
        .collect();
    let pick = |rng: &mut fastrand::Rng| pool[rng.usize(0..pool.len())].clone();
    writeln!(
        p,
        "s = set()\nt = {{{}}}",
        (0..rng.usize(1..12)).map(|_| pick(rng)).collect::<Vec<_>>().join(", ")
    )
    .unwrap();
    for _ in 0..rng.usize(10..80) {
        let x = pick(rng);
        let step = match rng.u8(0..12) {
            0..=4 => format!("s.add({x})"),
            5 | 6 => format!("s.discard({x})"),
            7 => "_ = s.pop() if s else None".to_string(),
            8 => format!("t.add({x}); s |= t"),
            9 => "s = s ^ t if len(s) % 2 else t ^ s".to_string(),
            10 => format!("s = (s & t) | {{{x}}} if len(s) % 3 else s - t"),
            _ => "s = set(s) if len(s) % 2 else s.copy()".to_string(),
        };
        writeln!(p, "{step}\nprint(s)").unwrap();
    }
}

fn program() -> String {
    let mut rng = fastrand::Rng::with_seed(16);
    let mut p = String::new();
    for _ in 0..1500 {
        writeln!(p, "print(hash({}))", value(&mut rng, 0)).unwrap();
    }
    for _ in 0..60 {
        set_steps(&mut rng, &mut p);
    }
    p
}

#[test]
fn hashes_and_set_orders_are_cpythons() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("sets.py"), program()).expect("write the program");
    let programs = vec!["sets.py".to_string()];
    let theirs = match cpython_all(&programs, dir.path()) {
        Ok(mut outcomes) => outcomes.remove(0),
        Err(why) => return python_missing("python_sets", &why),
    };
    assert_eq!(theirs.code, 0, "CPython fails the program: {}", String::from_utf8_lossy(&theirs.stderr));
    assert!(theirs.stdout.len() > 50_000, "the program prints many hashes and sets");
    let ours = corosim(&["run".to_string(), "sets.py".to_string()], dir.path(), Duration::from_secs(120));
    if let Some(d) = diff("sets.py", &ours, &theirs, "CPython") {
        panic!("hashes or set orders differ from CPython's:\n{d}");
    }
}
