//! The house rules, checked: corosim's files import one way only.
//!
//! `src/lib.rs`'s crate doc holds the layer map (a table, ground floor first). This test
//! reads that table and every file under `src/`, builds the graph of which file imports
//! which (from `use` lines and `crate::`/`super::`/`self::`/`corosim::` paths, following a
//! folder's `pub use` re-exports to the file that defines the item), and fails, naming
//! the file, the line and the rule, when
//!
//! * a file imports from a module of a higher layer than its own (a *back edge*), or
//! * files import each other in a circle (a *cycle*), even within one module.
//!
//! A folder's `mod.rs` re-exporting its own files (`pub use task::Task;`) is its front
//! door, not an import: like CPython's `asyncio/__init__.py`, it only gathers names.
//!
//! The checker is text-based (comments and string literals are blanked first), which is
//! enough for the way this crate writes paths; its own tests below plant a back edge and
//! a cycle and see it fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One import: `from` (a file) uses something defined in `to` (a file), at `line`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: String,
    line: usize,
    to: String,
}

/// The source tree as the checker sees it: file path (relative to `src/`) → text.
type Tree = BTreeMap<String, String>;

/// The module path a file defines: `aio/task.rs` → `["aio", "task"]`, `aio/mod.rs` →
/// `["aio"]`, `lib.rs` → `[]`; `main.rs` is the binary, which reaches the library as
/// `corosim::…` and stands above every layer.
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file.trim_end_matches(".rs").split('/').map(String::from).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The text with comments and string/char literals blanked (newlines kept, so line
/// numbers stay right).
fn blank_noise(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i < b.len() && !(b[i] == '*' && b.get(i + 1) == Some(&'/')) {
                out.push(blank(b[i]));
                i += 1;
            }
            out.push_str("  ");
            i += 2;
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && (i == 0 || !is_ident(b[i - 1])) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let rest: String = b[j + 1..].iter().collect();
            let len = rest.find(&close).map_or(rest.chars().count(), |k| rest[..k].chars().count());
            for &ch in &b[i..(j + 1 + len + close.len()).min(b.len())] {
                out.push(blank(ch));
            }
            i = j + 1 + len + close.len();
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && next.is_some() && b.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else if c == '\'' && next == Some('\\') {
            // An escaped char literal: '\n', '\'', '\u{1F600}'.
            let end = (i + 3..b.len()).find(|&k| b[k] == '\'').unwrap_or(b.len() - 1);
            for _ in i..=end {
                out.push(' ');
            }
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `a::B as C, d` → `a::B, d`: a rename changes nothing about where `B` comes from.
fn drop_renames(body: &str) -> String {
    let mut out = String::new();
    let mut tokens = body.split_whitespace();
    while let Some(t) = tokens.next() {
        if t == "as" {
            let renamed = tokens.next().unwrap_or("");
            out.push_str(renamed.trim_start_matches(is_ident));
        } else {
            out.push(' ');
            out.push_str(t);
        }
    }
    out
}

/// Splits `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |s| format!("{prefix}{s}")))
        .collect()
}

/// How many inline modules (`mod tests { … }`) enclose each byte of `clean`: inside one,
/// `super::` means the file's own module.
fn inline_depths(clean: &str) -> Vec<u8> {
    let mut depths = Vec::with_capacity(clean.len());
    let mut stack: Vec<bool> = Vec::new();
    let mut depth = 0u8;
    let mut words: Vec<&str> = Vec::new();
    let mut word_start = None;
    for (k, c) in clean.char_indices() {
        if is_ident(c) {
            word_start.get_or_insert(k);
        } else if let Some(st) = word_start.take() {
            words.push(&clean[st..k]);
        }
        if c == '{' {
            let is_mod = words.len() >= 2 && words[words.len() - 2] == "mod";
            stack.push(is_mod);
            depth += u8::from(is_mod);
            words.clear();
        } else if c == '}' {
            if stack.pop() == Some(true) {
                depth -= 1;
            }
            words.clear();
        } else if c == ';' {
            words.clear();
        }
        for _ in 0..c.len_utf8() {
            depths.push(depth);
        }
    }
    depths
}

/// Every path a file names, with its line: `(line, segments, is_pub_use)`. Inside an
/// inline module the segments start with one `self` per level, so `super::` climbs out
/// of it first.
fn paths_in(text: &str) -> Vec<(usize, Vec<String>, bool)> {
    let clean = blank_noise(text);
    let depths = inline_depths(&clean);
    let line_of = |at: usize| clean[..at].matches('\n').count() + 1;
    let inline = |at: usize, segs: Vec<String>| -> Vec<String> {
        let d = depths.get(at).copied().unwrap_or(0) as usize;
        if d == 0 || segs.first().is_none_or(|s| s != "super") {
            return segs;
        }
        // Each `super` first leaves one inline module.
        let supers = segs.iter().take_while(|s| s.as_str() == "super").count();
        let left = supers.min(d);
        let mut out: Vec<String> = vec!["self".to_string()];
        out.extend(segs.into_iter().skip(left));
        out
    };
    let mut found = Vec::new();
    let mut in_use = Vec::new();
    // `use` items (they may span lines).
    let bytes = clean.as_bytes();
    let mut at = 0;
    while let Some(k) = clean[at..].find("use ") {
        let start = at + k;
        at = start + 4;
        if start > 0 && is_ident(bytes[start - 1] as char) {
            continue;
        }
        let Some(end) = clean[start..].find(';') else { break };
        let body = &clean[start + 4..start + end];
        if body.contains('(') || body.contains('=') {
            continue; // not a use item (e.g. `fn use_it(`)
        }
        let before = clean[..start].trim_end();
        let is_pub = before.ends_with("pub") || before.ends_with(')') && before.contains("pub(");
        for p in expand(&drop_renames(body)) {
            let segs: Vec<String> = p.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
            if !segs.is_empty() {
                found.push((line_of(start), inline(start, segs), is_pub));
            }
        }
        in_use.push(start..start + end);
    }
    // Paths written inline: `crate::aio::sleep(…)`, `super::Value`.
    for root in ["crate::", "super::", "self::", "corosim::"] {
        let mut at = 0;
        while let Some(k) = clean[at..].find(root) {
            let start = at + k;
            at = start + root.len();
            if start > 0 && (is_ident(bytes[start - 1] as char) || bytes[start - 1] == b':') {
                continue;
            }
            if in_use.iter().any(|r| r.contains(&start)) {
                continue;
            }
            let path: String = clean[start..].chars().take_while(|&c| is_ident(c) || c == ':').collect();
            let segs: Vec<String> = path.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
            found.push((line_of(start), inline(start, segs), false));
        }
    }
    found
}

/// Builds the import graph of `tree`.
fn graph(tree: &Tree) -> Vec<Edge> {
    let modules: BTreeMap<Vec<String>, &str> =
        tree.keys().filter(|f| f.as_str() != "main.rs").map(|f| (module_of(f), f.as_str())).collect();
    // `pub use child::…::Name` in a module file: Name → the path it re-exports.
    let mut reexports: BTreeMap<(Vec<String>, String), Vec<String>> = BTreeMap::new();
    for (file, text) in tree {
        if file == "main.rs" {
            continue;
        }
        let here = module_of(file);
        for (_, segs, is_pub) in paths_in(text) {
            if is_pub
                && let Some(abs) = absolute(&here, file, &segs, &modules)
                && let Some(name) = abs.last()
            {
                reexports.insert((here.clone(), name.clone()), abs.clone());
            }
        }
    }
    let mut edges = BTreeSet::new();
    for (file, text) in tree {
        let here = if file == "main.rs" { vec!["<main>".to_string()] } else { module_of(file) };
        for (line, segs, is_pub) in paths_in(text) {
            let Some(abs) = absolute(&here, file, &segs, &modules) else { continue };
            let Some(to) = resolve(&abs, &modules, &reexports, 0) else { continue };
            let to_module = module_of(to);
            // A folder's front door re-exporting its own files is not an import.
            let own_child = to_module.len() > here.len() && to_module.starts_with(&here);
            if to == file || (is_pub && own_child) {
                continue;
            }
            edges.insert(Edge { from: file.clone(), line, to: to.to_string() });
        }
    }
    edges.into_iter().collect()
}

/// The absolute module path `segs` names from a file of module `here`, or `None` for
/// paths outside the crate (`std::…`, other crates).
fn absolute(
    here: &[String],
    file: &str,
    segs: &[String],
    modules: &BTreeMap<Vec<String>, &str>,
) -> Option<Vec<String>> {
    let first = segs.first()?.as_str();
    let (mut base, rest): (Vec<String>, &[String]) = match first {
        "crate" | "corosim" => (vec![], &segs[1..]),
        "self" | "super" => {
            let mut base = here.to_vec();
            let mut k = 0;
            while let Some(s) = segs.get(k) {
                match s.as_str() {
                    "self" => {}
                    "super" => {
                        base.pop();
                    }
                    _ => break,
                }
                k += 1;
            }
            (base, &segs[k..])
        }
        // A path relative to this module names one of its own child modules.
        _ if file != "main.rs" => {
            let mut child = here.to_vec();
            child.push(first.to_string());
            if !modules.contains_key(&child) {
                return None;
            }
            (here.to_vec(), segs)
        }
        _ => return None,
    };
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The file that defines what `abs` names: the longest module prefix, following a
/// module's re-export of the next segment into the file it comes from.
fn resolve<'a>(
    abs: &[String],
    modules: &BTreeMap<Vec<String>, &'a str>,
    reexports: &BTreeMap<(Vec<String>, String), Vec<String>>,
    depth: usize,
) -> Option<&'a str> {
    let k = (0..=abs.len()).rev().find(|&k| modules.contains_key(&abs[..k]))?;
    let module = abs[..k].to_vec();
    if let Some(next) = abs.get(k)
        && let Some(target) = reexports.get(&(module.clone(), next.clone()))
        && depth < 8
        && target.as_slice() != abs
    {
        let mut followed = target.clone();
        followed.extend(abs[k + 1..].iter().cloned());
        return resolve(&followed, modules, reexports, depth + 1);
    }
    modules.get(&module).copied()
}

/// The layer table of the crate doc: module name → layer number (ground floor 1).
fn layers(lib_rs: &str) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    let mut number = 0;
    for line in lib_rs.lines().filter_map(|l| l.strip_prefix("//!")) {
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
        if cells.len() < 3 || !cells[0].trim().chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        number += 1;
        for name in cells[1].split('`').skip(1).step_by(2) {
            let name = name.trim_start_matches('[').trim_end_matches(']');
            map.insert(name.to_string(), number);
        }
    }
    map
}

/// Every breach of the rules, as the message a reader needs.
fn breaches(tree: &Tree) -> Vec<String> {
    let layer_of = layers(tree.get("lib.rs").map_or("", String::as_str));
    let top = layer_of.values().max().copied().unwrap_or(0) + 1;
    let layer = |file: &str| -> Option<usize> {
        if file == "main.rs" {
            return Some(top);
        }
        module_of(file).first().and_then(|m| layer_of.get(m).copied())
    };
    let edges = graph(tree);
    let mut found = Vec::new();
    for file in tree.keys().filter(|f| !matches!(f.as_str(), "lib.rs" | "main.rs")) {
        if layer(file).is_none() {
            found.push(format!(
                "src/{file}: module `{}` is not in the layer map of src/lib.rs",
                module_of(file)[0]
            ));
        }
    }
    for e in &edges {
        if let (Some(a), Some(b)) = (layer(&e.from), layer(&e.to))
            && b > a
        {
            found.push(format!(
                    "src/{}:{}: imports src/{} from a higher layer ({b} > {a}): nothing imports from a layer above its own",
                    e.from, e.line, e.to
                ));
        }
    }
    for cycle in cycles(&edges) {
        let steps: Vec<String> =
            cycle.iter().map(|e| format!("src/{}:{} → src/{}", e.from, e.line, e.to)).collect();
        let group = tangle(&edges, &cycle[0].from);
        found.push(format!(
            "files import each other in a circle: {} [tangled together: {}]",
            steps.join(", "),
            group.into_iter().collect::<Vec<_>>().join(" ")
        ));
    }
    found.sort();
    found.dedup_by(|a, b| {
        a.starts_with("files import") && b.starts_with("files import") && tangled(a) == tangled(b)
    });
    found
}

/// The tangle a circle message names: the files that all reach one another.
fn tangled(msg: &str) -> &str {
    msg.split("[tangled together: ").nth(1).map_or("", |t| t.trim_end_matches(']'))
}

/// Every file that both reaches `file` and is reached from it: its strongly connected
/// group, the files that must be untied together.
fn tangle(edges: &[Edge], file: &str) -> BTreeSet<String> {
    let reach = |forward: bool| {
        let mut seen = BTreeSet::from([file.to_string()]);
        let mut todo = vec![file.to_string()];
        while let Some(f) = todo.pop() {
            for e in edges {
                let (a, b) = if forward { (&e.from, &e.to) } else { (&e.to, &e.from) };
                if *a == f && seen.insert(b.clone()) {
                    todo.push(b.clone());
                }
            }
        }
        seen
    };
    reach(true).intersection(&reach(false)).cloned().collect()
}

/// The circles in the graph, each as the edges that close it (one per strongly
/// connected group of files).
fn cycles(edges: &[Edge]) -> Vec<Vec<Edge>> {
    let mut next: BTreeMap<&str, Vec<&Edge>> = BTreeMap::new();
    for e in edges {
        next.entry(e.from.as_str()).or_default().push(e);
    }
    let mut seen_groups: BTreeSet<BTreeSet<String>> = BTreeSet::new();
    let mut out = Vec::new();
    for start in next.keys().copied().collect::<Vec<_>>() {
        // Breadth-first from `start` back to itself: the shortest circle through it.
        let mut came: BTreeMap<&str, &Edge> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut closing = None;
        while let Some(f) = queue.pop_front() {
            for e in next.get(f).into_iter().flatten() {
                if e.to == start {
                    closing = Some(*e);
                    break;
                }
                if !came.contains_key(e.to.as_str()) {
                    came.insert(e.to.as_str(), e);
                    queue.push_back(e.to.as_str());
                }
            }
            if closing.is_some() {
                break;
            }
        }
        let Some(last) = closing else { continue };
        let mut path = vec![last.clone()];
        let mut at = last.from.as_str();
        while at != start {
            let e = came[at];
            path.push(e.clone());
            at = e.from.as_str();
        }
        path.reverse();
        let group: BTreeSet<String> = path.iter().map(|e| e.from.clone()).collect();
        if seen_groups.insert(group) {
            out.push(path);
        }
    }
    out
}

fn read_tree(dir: &Path, root: &Path, tree: &mut Tree) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(&path, root, tree);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            tree.insert(rel, std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn src_imports_one_way_and_in_no_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut tree = Tree::new();
    read_tree(&root, &root, &mut tree);
    let layer_of = layers(&tree["lib.rs"]);
    assert!(layer_of.len() >= 15, "the layer map in src/lib.rs lists too few modules: {layer_of:?}");
    let mut found = breaches(&tree);
    // The circles not yet untied (issue #22; none today): each listed group must still
    // be a circle, so the list can only shrink; any other circle fails.
    let mut gone = Vec::new();
    for group in KNOWN_CIRCLES {
        let files: BTreeSet<String> = group.iter().map(|f| f.to_string()).collect();
        let before = found.len();
        found.retain(|msg| !(msg.starts_with("files import each other") && circle_files(msg) == files));
        if found.len() == before {
            gone.push(format!("{group:?}"));
        }
    }
    assert!(found.is_empty(), "the house rules are broken:\n{}", found.join("\n"));
    assert!(
        gone.is_empty(),
        "these circles are untied: remove them from KNOWN_CIRCLES:\n{}",
        gone.join("\n")
    );
}

/// Circles that stand in `src/` today, to be untied; the test fails when one is gone
/// (take it off the list) or a new one appears.
const KNOWN_CIRCLES: &[&[&str]] = &[];

/// The files of a circle's tangle, from its message.
fn circle_files(msg: &str) -> BTreeSet<String> {
    tangled(msg).split(' ').map(String::from).collect()
}

#[test]
fn the_graph_sees_the_runtime_below_the_loop() {
    // A sanity check that the checker reads this crate at all: the loop imports the
    // generator runtime, and never the other way round.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut tree = Tree::new();
    read_tree(&root, &root, &mut tree);
    let edges = graph(&tree);
    assert!(edges.iter().any(|e| e.from.starts_with("aio/") && e.to.starts_with("generator/")));
    assert!(!edges.iter().any(|e| e.from.starts_with("generator/") && e.to.starts_with("aio/")));
}

// ---- the checker's own tests: plant a violation, see it named ----

fn planted(files: &[(&str, &str)]) -> Tree {
    let lib = "//! | Layer | Modules | Why |\n//! |---|---|---|\n//! | 1. ground | `value` | below |\n//! | 2. runtime | `generator` | above |\npub mod value;\npub mod generator;\n";
    let mut tree: Tree = files.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect();
    tree.insert("lib.rs".into(), lib.into());
    tree
}

#[test]
fn a_clean_tree_passes() {
    let tree = planted(&[
        ("value/mod.rs", "pub struct Value;\n"),
        ("generator/mod.rs", "use crate::value::Value;\n"),
    ]);
    assert_eq!(breaches(&tree), Vec::<String>::new());
}

#[test]
fn a_planted_back_edge_is_named_with_file_and_line() {
    let tree = planted(&[
        ("value/mod.rs", "// the ground floor\n\nuse crate::generator::Generator;\n"),
        ("generator/mod.rs", "pub struct Generator;\n"),
    ]);
    let found = breaches(&tree);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("src/value/mod.rs:3: imports src/generator/mod.rs from a higher layer"),
        "{found:?}"
    );
}

#[test]
fn a_planted_circle_is_named_edge_by_edge() {
    let tree = planted(&[
        ("value/mod.rs", "mod a;\nmod b;\npub use a::A;\n"),
        ("value/a.rs", "use super::b::B;\npub struct A;\n"),
        ("value/b.rs", "pub struct B;\nfn f() -> super::A { todo!() }\n"),
        ("generator/mod.rs", ""),
    ]);
    let found = breaches(&tree);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("src/value/a.rs:1 → src/value/b.rs"), "{found:?}");
    assert!(found[0].contains("src/value/b.rs:2 → src/value/a.rs"), "{found:?}");
}

#[test]
fn super_inside_a_test_module_is_the_file_itself() {
    let tree = planted(&[
        ("value/mod.rs", "mod a;\nmod b;\npub use a::A;\n"),
        (
            "value/a.rs",
            "use super::b::B;\npub struct A;\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::b::B;\n}\n",
        ),
        ("value/b.rs", "pub struct B;\n"),
        ("generator/mod.rs", ""),
    ]);
    assert_eq!(breaches(&tree), Vec::<String>::new());
}

#[test]
fn a_module_left_off_the_map_is_named() {
    let tree = planted(&[("value/mod.rs", ""), ("generator/mod.rs", ""), ("extra.rs", "")]);
    assert_eq!(
        breaches(&tree),
        vec!["src/extra.rs: module `extra` is not in the layer map of src/lib.rs".to_string()]
    );
}

#[test]
fn comments_strings_and_reexports_are_not_imports() {
    let tree = planted(&[
        (
            "value/mod.rs",
            "// use crate::generator::Generator;\nconst S: &str = \"crate::generator::X\";\nmod inner;\npub use inner::Thing;\n",
        ),
        ("value/inner.rs", "pub struct Thing;\n"),
        ("generator/mod.rs", "use crate::value::Thing;\n"),
    ]);
    assert_eq!(breaches(&tree), Vec::<String>::new());
    let edges = graph(&tree);
    assert!(edges.iter().any(|e| e.from == "generator/mod.rs" && e.to == "value/inner.rs"), "{edges:?}");
}
