//! The book builds, and cannot drift: every include and link resolves, every lesson has a
//! chapter, and every generated listing is what the program really does today.
//!
//! mdBook only warns about some of these (a missing include leaves the directive in the
//! page), so each is checked explicitly here, and then the real mdBook builds the book.

use std::fs;
use std::path::{Path, PathBuf};

/// The lesson folders of the course plan, in order. Used while `lessons/` has none.
const PLANNED_LESSONS: [&str; 15] = [
    "01-concurrency-vs-parallelism",
    "02-io-models",
    "03-callbacks-vs-coroutines",
    "04-generators-as-coroutines",
    "05-throw-close-return",
    "06-yield-from",
    "07-event-loop-from-scratch",
    "08-futures-and-tasks",
    "09-spinner-thread-vs-coroutine",
    "10-never-block-the-loop",
    "11-wait-gather-as-completed",
    "12-flags-downloader",
    "13-locks-events-queues",
    "14-yield-from-to-await",
    "15-async-creep",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn book() -> PathBuf {
    root().join("book")
}

fn src() -> PathBuf {
    book().join("src")
}

/// Lesson folder names: `lessons/NN-name/` if there are any, else the plan's list.
fn lesson_folders() -> Vec<String> {
    let mut found: Vec<String> = fs::read_dir(root().join("lessons"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.len() > 3 && n.as_bytes()[..2].iter().all(u8::is_ascii_digit) && n.as_bytes()[2] == b'-'
        })
        .collect();
    found.sort();
    if found.is_empty() { PLANNED_LESSONS.iter().map(|s| s.to_string()).collect() } else { found }
}

/// The book's own pages (not the generated listings), relative to `book/src`.
fn pages() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(src())
        .expect("book/src exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.strip_prefix(src()).unwrap().to_path_buf())
        .collect();
    out.sort();
    out
}

/// `text` without HTML comments (where switched-off TODO includes live).
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Every `{{#include path[:range]}}` directive: (escaped with a backslash?, path).
fn includes(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("{{#") {
        let escaped = text[..i].ends_with('\\');
        let rest = &text[i + 3..];
        let Some(end) = rest.find("}}") else { continue };
        let directive = &rest[..end];
        let Some((kind, arg)) = directive.split_once(char::is_whitespace) else { continue };
        if matches!(kind, "include" | "rustdoc_include" | "playground") {
            let path = arg.trim().split(':').next().unwrap_or("").to_string();
            out.push((escaped, path));
        }
    }
    out
}

/// Markdown link and image targets, and HTML `src`/`href`, outside code blocks.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        for (i, _) in line.match_indices("](") {
            let rest = &line[i + 2..];
            if let Some(end) = rest.find(')') {
                out.push(rest[..end].split_whitespace().next().unwrap_or("").to_string());
            }
        }
        for attr in ["src=\"", "href=\""] {
            for (i, _) in line.match_indices(attr) {
                let rest = &line[i + attr.len()..];
                if let Some(end) = rest.find('"') {
                    out.push(rest[..end].to_string());
                }
            }
        }
    }
    out
}

#[test]
fn generated_files_are_up_to_date() {
    let files = corosim::book::all_files();
    let mut stale = corosim::book::check(&book(), &files).expect("read book/src/generated");
    // A network program's trace is one real run on real sockets: on a busy machine a
    // socket may be ready one `select` later, and the trace says so. Its files are up to
    // date when one of a few fresh runs gives them again (a changed program never does).
    for _ in 0..4 {
        let network: Vec<&str> = ["charfinder_tcp", "charfinder_http", "echo_protocol", "io_models_real"]
            .into_iter()
            .filter(|p| stale.iter().any(|s| s.to_string().contains(&format!("/{p}/"))))
            .collect();
        if network.is_empty()
            || stale.iter().any(|s| !network.iter().any(|p| s.to_string().contains(&format!("/{p}/"))))
        {
            break;
        }
        let again: Vec<_> = network
            .iter()
            .flat_map(|p| corosim::book::files_for(corosim::scenarios::find(p).unwrap()))
            .collect();
        stale = corosim::book::check(&book(), &again)
            .expect("read book/src/generated")
            .into_iter()
            .filter(|s| !matches!(s, corosim::book::Stale::Unexpected(_)))
            .collect();
    }
    assert!(
        stale.is_empty(),
        "the book's generated files are out of date:\n  {}\nRun `{}` and commit book/src/generated/.",
        stale.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("\n  "),
        corosim::book::REGENERATE
    );
}

#[test]
fn every_lesson_has_a_chapter_in_the_summary() {
    let summary = fs::read_to_string(src().join("SUMMARY.md")).expect("book/src/SUMMARY.md");
    let mut missing = Vec::new();
    for lesson in lesson_folders() {
        let page = format!("{lesson}.md");
        if !summary.contains(&format!("]({page})")) || !src().join(&page).is_file() {
            missing.push(page);
        }
    }
    assert!(
        missing.is_empty(),
        "lessons without a chapter (book/src/<folder>.md, listed in SUMMARY.md): {missing:?}"
    );
    // and no page is left out of the book
    for page in pages() {
        let name = page.to_string_lossy();
        if name != "SUMMARY.md" {
            assert!(summary.contains(&format!("]({name})")), "book/src/{name} is not listed in SUMMARY.md");
        }
    }
}

#[test]
fn every_include_and_link_resolves() {
    let mut problems = Vec::new();
    for page in pages() {
        let text = fs::read_to_string(src().join(&page)).unwrap();
        let dir = src().join(&page).parent().unwrap().to_path_buf();
        for (escaped, path) in includes(&text) {
            if escaped {
                // A switched-off include waits for its scenario; once it exists, switch it on.
                if let Some(name) = path.strip_prefix("generated/").and_then(|p| p.split('/').next())
                    && corosim::scenarios::find(name).is_some()
                {
                    problems.push(format!(
                        "{}: scenario {name} exists now: switch on the commented-out include of {path} \
                         (remove the comment markers and the backslash)",
                        page.display()
                    ));
                }
                continue;
            }
            if !dir.join(&path).is_file() {
                problems.push(format!("{}: {{{{#include {path}}}}}: no such file", page.display()));
            }
        }
        for target in links(&without_comments(&text)) {
            if target.is_empty()
                || target.starts_with('#')
                || target.contains("://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            let file = target.split('#').next().unwrap();
            // The Chinese book is built into the English one's `zh-CN/`: tests/book_zh.rs
            // checks those links in the built books.
            if file.starts_with("zh-CN/") {
                continue;
            }
            if !dir.join(file).exists() {
                problems.push(format!("{}: link to {target}: no such file", page.display()));
            }
        }
    }
    assert!(problems.is_empty(), "broken includes or links in the book:\n  {}", problems.join("\n  "));
}

/// Builds into a temporary folder, or into `$COROSIM_BOOK_OUT` to keep the HTML (a way to
/// read the book without installing mdBook).
#[test]
fn the_book_builds_with_mdbook() {
    let temp = tempfile::tempdir().unwrap();
    let out = match std::env::var_os("COROSIM_BOOK_OUT") {
        Some(dir) => PathBuf::from(dir),
        None => temp.path().to_path_buf(),
    };
    let mut md =
        mdbook_driver::MDBook::load(book()).unwrap_or_else(|e| panic!("mdBook cannot load book/: {e:#}"));
    md.config.build.build_dir = out.clone();
    md.build().unwrap_or_else(|e| panic!("mdBook cannot build the book: {e:#}"));
    assert!(out.join("index.html").is_file());
    for lesson in lesson_folders() {
        let html = out.join(format!("{lesson}.html"));
        let text = fs::read_to_string(&html).unwrap_or_else(|e| panic!("{}: {e}", html.display()));
        // Every include was replaced by the file's contents.
        let visible = without_comments(&text);
        assert!(!visible.contains("{{#include"), "{lesson}.html still has an include directive");
    }
    // Generated pictures and listings are copied along with the pages.
    assert!(out.join("generated/averager/timeline.svg").is_file());
    // The stylesheet that lets wide timelines scroll (mdBook may add a hash to its name).
    let page = fs::read_to_string(out.join("04-generators-as-coroutines.html")).unwrap();
    assert!(
        page.contains("href=\"timeline-") || page.contains("href=\"timeline.css"),
        "the timeline stylesheet is not linked"
    );
}

#[test]
fn the_link_checker_sees_what_it_should() {
    let text = "a [x](one.md) ![p](gen/p.svg \"t\")\n```\n[not](a link)\n```\n<img src=\"two.svg\">";
    assert_eq!(links(text), ["one.md", "gen/p.svg", "two.svg"]);
    let inc = "{{#include a/b.txt:1:3}} \\{{#include c.py}} {{#title x}}";
    assert_eq!(includes(inc), [(false, "a/b.txt".to_string()), (true, "c.py".to_string())]);
    assert_eq!(without_comments("a<!-- b -->c<!-- d"), "ac");
}
