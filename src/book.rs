//! The book's generated half: what a chapter shows of a program — what it prints, its
//! trace and its timeline — written by the program itself, never copied by hand, so the
//! book cannot drift from the code. (Chapters include the programs themselves straight
//! from `src/scenarios/`.)
//!
//! For every scenario, `book/src/generated/<name>/` holds:
//!
//! | file | what | same as |
//! | --- | --- | --- |
//! | `output.txt` | what it prints | `corosim run <name>` |
//! | `trace.txt` | every step | `corosim trace <name>` |
//! | `timeline.svg` | the picture | `corosim trace <name> --format svg` |
//! | `trace.jsonl` | every step, as data | `corosim trace <name> --format jsonl` |
//! | `player.js` | the same steps, for the page's player | — |
//!
//! A network program's ports and descriptors are numbered in order of appearance
//! ([`number_sockets`]): the OS picks them afresh each run.
//!
//! Chapters `{{#include}}` these files. `corosim book generate` writes them; `--check` (and
//! the test suite) compares them with a fresh run and names the stale ones.
//!
//! ```
//! let s = corosim::scenarios::find("averager").unwrap();
//! let files = corosim::book::files_for(s);
//! assert_eq!(files.len(), 5);
//! assert!(files[0].path.ends_with("averager/output.txt"));
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::scenarios::{self, Scenario};
use crate::{Console, timeline, trace};

/// Where generated files live, relative to the book's root (the folder with `book.toml`).
pub const GENERATED_DIR: &str = "src/generated";

/// The command that brings generated files up to date, for error messages.
pub const REGENERATE: &str = "cargo run --release -- book generate";

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// Path relative to the book's root: `src/generated/averager/trace.txt`.
    pub path: PathBuf,
    /// The file's exact contents.
    pub contents: String,
}

/// A trace in the text form of `corosim trace`: one line per event.
pub fn trace_text(events: &[trace::Event]) -> String {
    events.iter().map(|e| format!("{e}\n")).collect()
}

/// Runs `s` once on a fresh thread (fresh loop state, virtual clock) and returns what it
/// printed, its events, and the error it raised, if any.
pub fn run_traced(s: &'static Scenario) -> (Vec<String>, Vec<trace::Event>, Option<String>) {
    // A big stack: a learner's program may recurse to Python's limit on the interpreter.
    std::thread::Builder::new()
        .stack_size(1 << 28)
        .spawn(move || {
            let (console, lines) = Console::capture();
            let (result, events) = trace::collect(|| s.run(&console, crate::aio::ClockKind::Virtual));
            let printed = lines.borrow().clone();
            (printed, events, result.err().map(|e| e.to_string()))
        })
        .expect("a thread for the run")
        .join()
        .expect("a scenario panicked")
}

/// The generated files of one scenario.
pub fn files_for(s: &'static Scenario) -> Vec<Generated> {
    let (printed, mut events, error) = run_traced(s);
    number_sockets(&mut events);
    number_addresses(&mut events);
    let mut output: String = printed.iter().map(|l| format!("{l}\n")).collect();
    if let Some(e) = error {
        // what `corosim run` says on stderr when the program raises
        output.push_str(&format!("corosim: {} raised {e}\n", s.name));
    }
    let dir = Path::new(GENERATED_DIR).join(s.name);
    let file = |name: &str, contents: String| Generated { path: dir.join(name), contents };
    vec![
        file("output.txt", output),
        file("trace.txt", trace_text(&events)),
        file("timeline.svg", timeline::svg_for(s.name, &events)),
        file("trace.jsonl", trace_jsonl(&events)),
        file("player.js", player_data(s, &events)),
    ]
}

/// A network program's trace names what the OS chose: the ports of its connections
/// (`read from 127.0.0.1:53412`) and its file descriptors (`select(read=[3, 7])`), which
/// change from run to run. The book's copy numbers them in the order the trace first
/// meets them — ports `port1`, `port2` …, descriptors from 3 up, as in a fresh process —
/// so a regenerated chapter is the same file. Traces without sockets are left as they are.
pub fn number_sockets(events: &mut [trace::Event]) {
    use std::collections::HashMap;
    if !events.iter().any(|e| matches!(e, trace::Event::Select { .. })) {
        return;
    }
    const HOST: &str = "127.0.0.1:";
    const TUPLE: &str = "'127.0.0.1', ";
    let mut fds: HashMap<i32, i32> = HashMap::new();
    // `127.0.0.1:53412` in a label, `('127.0.0.1', 53412)` in a socket's repr.
    let mut ports = Renumbered::default();
    let mut rename =
        |text: &str| ports.rename(text, &[HOST, TUPLE], |c| c.is_ascii_digit(), |n| format!("port{n}"));
    for e in events.iter_mut() {
        if let trace::Event::Select { reading, writing, .. } = e {
            for fd in reading.iter_mut().chain(writing.iter_mut()) {
                let n = fds.len() as i32 + 3;
                *fd = *fds.entry(*fd).or_insert(n);
            }
            continue;
        }
        rename_in_event(e, |json| json.contains(HOST) || json.contains(TUPLE), &mut rename);
    }
}

/// Reprs that name an object's address (`<asyncio.locks.Event object at 0x5a87… [set]>`)
/// change from run to run too: the book's copy numbers the addresses in the order the
/// trace first meets them (`at 0x1`, `at 0x2` …), so a regenerated chapter is the same.
pub fn number_addresses(events: &mut [trace::Event]) {
    const AT: &str = " at 0x";
    let mut addresses = Renumbered::default();
    let mut rename =
        |text: &str| addresses.rename(text, &[AT], |c| c.is_ascii_hexdigit(), |n| format!("{n:x}"));
    for e in events.iter_mut() {
        rename_in_event(e, |json| json.contains(AT), &mut rename);
    }
}

/// What the OS chose, numbered in the order first met (a port, an address).
#[derive(Default)]
struct Renumbered(std::collections::HashMap<String, String>);

impl Renumbered {
    /// `text` with each run of `digit`s just after one of `markers` renamed: the same run
    /// always by the same name, a new one by `name(how many so far + 1)`.
    fn rename(
        &mut self,
        text: &str,
        markers: &[&str],
        digit: fn(&char) -> bool,
        name: fn(usize) -> String,
    ) -> String {
        let mut out = String::new();
        let mut rest = text;
        let next = |r: &str| markers.iter().filter_map(|m| r.find(m).map(|at| at + m.len())).min();
        while let Some(end) = next(rest) {
            let (before, after) = rest.split_at(end);
            out.push_str(before);
            let digits: String = after.chars().take_while(digit).collect();
            if !digits.is_empty() {
                let n = self.0.len() + 1;
                out.push_str(self.0.entry(digits.clone()).or_insert_with(|| name(n)));
            }
            rest = &after[digits.len()..];
        }
        out.push_str(rest);
        out
    }
}

/// Every string inside `e` through `rename`, if its JSON is one that `wanted` picks.
fn rename_in_event(
    e: &mut trace::Event,
    wanted: impl Fn(&str) -> bool,
    rename: &mut impl FnMut(&str) -> String,
) {
    let json = serde_json::to_string(e).expect("events encode as JSON");
    if wanted(&json) {
        let mut v: serde_json::Value = serde_json::from_str(&json).expect("and decode");
        rename_strings(&mut v, rename);
        *e = serde_json::from_value(v).expect("the same event, renamed");
    }
}

fn rename_strings(v: &mut serde_json::Value, rename: &mut impl FnMut(&str) -> String) {
    match v {
        serde_json::Value::String(s) => *s = rename(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| rename_strings(x, rename)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| rename_strings(x, rename)),
        _ => {}
    }
}

/// A trace as `corosim trace --format jsonl` writes it: one JSON object per event.
pub fn trace_jsonl(events: &[trace::Event]) -> String {
    events.iter().map(|e| format!("{}\n", serde_json::to_string(e).expect("events encode as JSON"))).collect()
}

/// The trace as a script the book's player (`book/player.js`) reads: a `<script src>`
/// works from `file://`, where fetching the `.jsonl` would not. Each step is the event's
/// text line (as in `trace.txt`) and the event itself (as in `trace.jsonl`).
pub fn player_data(s: &Scenario, events: &[trace::Event]) -> String {
    let json = |v: &str| serde_json::to_string(v).expect("strings encode as JSON");
    let mut out = format!(
        "// Generated by `corosim book generate`: the trace of {name} for the book's step-through player.\n\
         (window.corosimTraces = window.corosimTraces || {{}})[{key}] = {{\n\
         \"program\": {program},\n\"source\": {source},\n\"steps\": [\n",
        name = s.name,
        key = json(s.name),
        program = json(&format!("{}.py", s.name)),
        source = json(s.python),
    );
    for (k, e) in events.iter().enumerate() {
        let sep = if k + 1 < events.len() { "," } else { "" };
        let event = serde_json::to_string(e).expect("events encode as JSON");
        out.push_str(&format!("[{}, {event}]{sep}\n", json(&e.to_string())));
    }
    out.push_str("]};\n");
    out
}

/// Every generated file, scenario by scenario in course order.
pub fn all_files() -> Vec<Generated> {
    scenarios::all().iter().flat_map(files_for).collect()
}

/// A way in which the files on disk differ from a fresh generation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stale {
    /// A file that should exist does not.
    Missing(PathBuf),
    /// A file whose contents are out of date.
    Changed(PathBuf),
    /// Something under `generated/` that is no longer generated: a folder of a scenario
    /// that no longer exists, or a file a scenario no longer has.
    Unexpected(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "missing: {}", p.display()),
            Stale::Changed(p) => write!(f, "out of date: {}", p.display()),
            Stale::Unexpected(p) => write!(f, "not generated any more: {}", p.display()),
        }
    }
}

/// Compares `files` with what is under `book` (the book's root folder).
pub fn check(book: &Path, files: &[Generated]) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for g in files {
        match fs::read_to_string(book.join(&g.path)) {
            Ok(text) if text == g.contents => {}
            Ok(_) => stale.push(Stale::Changed(g.path.clone())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => stale.push(Stale::Missing(g.path.clone())),
            Err(e) => return Err(e),
        }
    }
    for path in unexpected(book, files)? {
        stale.push(Stale::Unexpected(path));
    }
    Ok(stale)
}

/// Writes `files` under `book`, touching only files whose contents change, and removes
/// what is no longer generated. Returns what changed.
pub fn write(book: &Path, files: &[Generated]) -> io::Result<Vec<Stale>> {
    write_changes(book, files, check(book, files)?)
}

/// Writes only `files` (one program's, say) under `book`, touching only files whose
/// contents change and leaving every other file as it is. Returns what changed.
pub fn write_only(book: &Path, files: &[Generated]) -> io::Result<Vec<Stale>> {
    let changes = check(book, files)?.into_iter().filter(|c| !matches!(c, Stale::Unexpected(_))).collect();
    write_changes(book, files, changes)
}

fn write_changes(book: &Path, files: &[Generated], changes: Vec<Stale>) -> io::Result<Vec<Stale>> {
    for change in &changes {
        match change {
            Stale::Missing(p) | Stale::Changed(p) => {
                let g = files.iter().find(|g| &g.path == p).expect("a generated path");
                let path = book.join(p);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(path, &g.contents)?;
            }
            Stale::Unexpected(p) if book.join(p).is_dir() => fs::remove_dir_all(book.join(p))?,
            Stale::Unexpected(p) => fs::remove_file(book.join(p))?,
        }
    }
    Ok(changes)
}

/// What is under `generated/` but not in `files`: whole folders, or single files in the
/// folders that are generated.
fn unexpected(book: &Path, files: &[Generated]) -> io::Result<Vec<PathBuf>> {
    let root = book.join(GENERATED_DIR);
    let entries = match fs::read_dir(&root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let rel = Path::new(GENERATED_DIR).join(entry.file_name());
        if !files.iter().any(|g| g.path.starts_with(&rel)) {
            out.push(rel);
        } else if entry.file_type()?.is_dir() {
            for inner in fs::read_dir(entry.path())? {
                let inner = rel.join(inner?.file_name());
                if !files.iter().any(|g| g.path == inner) {
                    out.push(inner);
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_and_write_agree() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            Generated { path: "src/generated/a/x.txt".into(), contents: "one\n".into() },
            Generated { path: "src/generated/a/y.txt".into(), contents: "two\n".into() },
        ];
        fs::create_dir_all(dir.path().join("src/generated/gone")).unwrap();
        let first = check(dir.path(), &files).unwrap();
        assert_eq!(
            first,
            [
                Stale::Missing("src/generated/a/x.txt".into()),
                Stale::Missing("src/generated/a/y.txt".into()),
                Stale::Unexpected("src/generated/gone".into())
            ]
        );
        assert_eq!(write(dir.path(), &files).unwrap(), first);
        assert!(check(dir.path(), &files).unwrap().is_empty());
        fs::write(dir.path().join("src/generated/a/y.txt"), "old\n").unwrap();
        assert_eq!(check(dir.path(), &files).unwrap(), [Stale::Changed("src/generated/a/y.txt".into())]);
    }

    #[test]
    fn generation_is_repeatable() {
        let s = scenarios::find("task_cancel").unwrap();
        assert_eq!(files_for(s), files_for(s));
    }
}
