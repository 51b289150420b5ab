//! The book in Chinese (`book/zh-CN/`) builds beside the English one and cannot drift from
//! it: the same chapters in the same order, each including exactly the generated files and
//! programs its English chapter includes (the `generated` folder is the English book's,
//! linked), written in Chinese, and the two books linking to each other — checked in the
//! HTML that mdBook really builds, the Chinese book inside the English one's output.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("book")
}

fn en() -> PathBuf {
    book().join("src")
}

fn zh() -> PathBuf {
    book().join("zh-CN").join("src")
}

/// The pages a SUMMARY.md lists, in order.
fn summary(src: &Path) -> Vec<String> {
    let text = fs::read_to_string(src.join("SUMMARY.md")).expect("SUMMARY.md");
    text.match_indices("](")
        .filter_map(|(i, _)| {
            let rest = &text[i + 2..];
            rest.find(')').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// What a page includes and shows from outside its own text: each `{{#include}}` and each
/// reference to a generated file (a picture, a link, an HTML `src`/`href`/`data-` attribute),
/// keyed by the path resolved from the page's folder and canonicalised (so that
/// `../../src/x.py` from one book and `../../../src/x.py` from the other compare equal), with
/// the page's own words for it.
fn includes(page: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let dir = page.parent().unwrap();
    let resolve = |path: &str| {
        dir.join(path).canonicalize().map_or_else(|_| path.to_string(), |p| p.display().to_string())
    };
    let mut out = BTreeMap::new();
    for (i, _) in text.match_indices("{{#include ") {
        let rest = &text[i..];
        let end = rest.find("}}").expect("a closed include") + 2;
        let arg = rest[11..end - 2].trim();
        let (path, range) = arg.split_once(':').unwrap_or((arg, ""));
        out.insert(format!("{}:{range}", resolve(path)), rest[..end].to_string());
    }
    for (i, _) in text.match_indices("generated/") {
        let before = text[..i].chars().next_back();
        if !matches!(before, Some('(' | '"' | '\'')) {
            continue; // inside an include (counted above) or prose
        }
        let rest = &text[i..];
        let target = &rest[..rest.find([')', ' ', '"', '\'', '#']).unwrap_or(rest.len())];
        out.insert(resolve(target), target.to_string());
    }
    out
}

/// Chinese characters in `text`.
fn han(text: &str) -> usize {
    text.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count()
}

#[test]
fn the_chinese_book_has_every_chapter_of_the_english_one_in_order() {
    let (en_pages, zh_pages) = (summary(&en()), summary(&zh()));
    assert_eq!(zh_pages, en_pages, "book/zh-CN/src/SUMMARY.md lists the English book's pages, in its order");
    let mut on_disk: Vec<String> = fs::read_dir(zh())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "SUMMARY.md")
        .collect();
    on_disk.sort();
    let mut listed = zh_pages.clone();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every page of book/zh-CN/src is in its SUMMARY.md, and every listed page exists"
    );
}

#[test]
fn each_chinese_chapter_includes_what_its_english_chapter_includes_and_is_written_in_chinese() {
    let mut problems = Vec::new();
    for page in summary(&en()) {
        let (e, z) = (en().join(&page), zh().join(&page));
        let (ei, zi) = (includes(&e), includes(&z));
        for (key, said) in ei.iter().filter(|(k, _)| !zi.contains_key(*k)) {
            problems.push(format!(
                "book/zh-CN/src/{page} lacks what book/src/{page} has: {said} ({key}); add it \
                 (a program's path has one more `../` there)"
            ));
        }
        for (key, said) in zi.iter().filter(|(k, _)| !ei.contains_key(*k)) {
            problems.push(format!("book/zh-CN/src/{page} has {said} ({key}), book/src/{page} does not"));
        }
        let text = fs::read_to_string(&z).unwrap();
        if han(&text) < 150 {
            problems.push(format!("{page}: only {} Chinese characters: not translated yet?", han(&text)));
        }
    }
    assert!(problems.is_empty(), "the books differ:\n  {}", problems.join("\n  "));
}

/// Both books built as they are published: the English one into a folder, the Chinese one
/// into its `zh-CN/` (what `build-dir` in book/zh-CN/book.toml says, relative to the
/// English build). `$COROSIM_BOOK_OUT` keeps them.
#[test]
fn both_books_build_and_link_to_each_other() {
    let temp = tempfile::tempdir().unwrap();
    let out = std::env::var_os("COROSIM_BOOK_OUT").map_or(temp.path().to_path_buf(), PathBuf::from);
    let mut english = mdbook_driver::MDBook::load(book()).unwrap_or_else(|e| panic!("{e:#}"));
    english.config.build.build_dir = out.clone();
    english.build().unwrap_or_else(|e| panic!("mdBook cannot build the English book: {e:#}"));
    let mut chinese = mdbook_driver::MDBook::load(book().join("zh-CN"))
        .unwrap_or_else(|e| panic!("mdBook cannot load book/zh-CN: {e:#}"));
    let zh_out = out.join("zh-CN");
    chinese.config.build.build_dir = zh_out.clone();
    chinese.build().unwrap_or_else(|e| panic!("mdBook cannot build the Chinese book: {e:#}"));

    let read = |p: PathBuf| fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    // The English introduction links to the Chinese book, and it is there.
    let intro = read(out.join("introduction.html"));
    assert!(
        intro.contains("href=\"zh-CN/index.html\""),
        "the English introduction links to the Chinese book"
    );
    assert!(zh_out.join("index.html").is_file());
    let zh_index = read(zh_out.join("index.html"));
    assert!(zh_index.contains("lang=\"zh-CN\""), "the Chinese book says its language");
    for page in summary(&en()) {
        let name = page.replace(".md", ".html");
        let html = read(zh_out.join(&name));
        assert!(!html.contains("{{#include"), "{name}: an include was left in the page");
        // Each Chinese chapter links to its English chapter, which exists.
        let back = format!("href=\"../{name}\"");
        assert!(html.contains(&back), "zh-CN/{name} links to ../{name}");
        assert!(out.join(&name).is_file());
    }
    // The pictures come along with the Chinese book (through the linked folder), and the
    // programs' listings are the same bytes in both books.
    assert!(zh_out.join("generated/averager/timeline.svg").is_file());
    let trace = read(en().join("generated/averager/trace.txt"));
    let line = "averager: resumed by send(21.5)";
    assert!(trace.contains(line));
    assert!(read(zh_out.join("04-generators-as-coroutines.html")).contains(line));
    assert!(read(zh_out.join("04-generators-as-coroutines.html")).contains("把生成器当作协程"));
}
