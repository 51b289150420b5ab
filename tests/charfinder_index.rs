//! The charfinder index names what CPython 3.11's `unicodedata` (Unicode 14.0) names, no
//! more and no less: every code point of the indexed ranges, name by name. This is what
//! makes the charfinder twins print the same lines (see `src/scenarios/charfinder.rs`).

use std::process::Command;

use corosim::scenarios::charfinder::{self, RANGES};

#[test]
fn the_index_names_exactly_what_unicodedata_names() {
    let ranges: Vec<String> = RANGES.iter().map(|(a, b)| format!("({a}, {b})")).collect();
    let script = format!(
        "import unicodedata\nassert unicodedata.unidata_version == '14.0.0', unicodedata.unidata_version\n\
         for a, b in [{}]:\n    for c in range(a, b):\n        print(c, unicodedata.name(chr(c), ''))",
        ranges.join(", ")
    );
    let out = match Command::new("python3").args(["-c", &script]).output() {
        Ok(out) => out,
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => return eprintln!("skipping: {e}"),
        Err(e) => panic!("python3 is required under CI: {e}"),
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut differ = Vec::new();
    let mut named = 0;
    for line in text.lines() {
        let (code, name) = line.split_once(' ').unwrap();
        let code: u32 = code.parse().unwrap();
        let ours = charfinder::name(code).unwrap_or_default();
        if ours != name {
            differ.push(format!("U+{code:04X}: ours {ours:?}, unicodedata {name:?}"));
        }
        named += usize::from(!name.is_empty());
    }
    assert!(named > 10_000, "only {named} names");
    assert!(differ.is_empty(), "{} differences:\n{}", differ.len(), differ.join("\n"));
}
