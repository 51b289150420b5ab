//! The book's step-through player, in a real browser: both books are built as they are
//! published, headless Chromium opens a chapter from `file://`, presses → and ← on the
//! player, and what the page shows is checked against the trace itself (the step
//! number, the line marked in the listing, a generator's or task's state), as computed
//! here from `trace.jsonl`, independently of the player's JavaScript. Any console error
//! or uncaught exception on the page fails the test. Screenshots go to
//! `target/tmp/browser/`.
//!
//! Needs Chromium (`/usr/bin/chromium`, or `$COROSIM_CHROMIUM`): `.ci/run` installs
//! Debian's. Without it the test fails; set `COROSIM_SKIP_BROWSER=1` to skip it on a
//! machine without a browser (never under `CI=true`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Chromium, or `None` when this machine has none and skipping was asked for.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("COROSIM_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.exists() {
        return Some(path);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let skip = std::env::var("COROSIM_SKIP_BROWSER").is_ok_and(|v| v == "1");
    if skip && !ci {
        eprintln!("skipped: no Chromium at {} and COROSIM_SKIP_BROWSER=1", path.display());
        return None;
    }
    panic!(
        "no Chromium at {}: install Debian's `chromium` (`.ci/run` does), point $COROSIM_CHROMIUM at one, \
         or set COROSIM_SKIP_BROWSER=1 to skip this test outside CI",
        path.display()
    );
}

/// Both books, built as published (the Chinese one inside the English one's `zh-CN/`).
fn build_books(out: &Path) {
    let mut english = mdbook_driver::MDBook::load(root().join("book")).unwrap_or_else(|e| panic!("{e:#}"));
    english.config.build.build_dir = out.to_path_buf();
    english.build().unwrap_or_else(|e| panic!("the English book does not build: {e:#}"));
    let mut chinese =
        mdbook_driver::MDBook::load(root().join("book/zh-CN")).unwrap_or_else(|e| panic!("{e:#}"));
    chinese.config.build.build_dir = out.join("zh-CN");
    chinese.build().unwrap_or_else(|e| panic!("the Chinese book does not build: {e:#}"));
}

/// What the player must show after step `k` (0-based), worked out from the trace: the
/// state of `actor`, and the line marked in the listing.
fn expected(scenario: &str, k: usize, actor: &str) -> (String, Option<usize>) {
    let jsonl =
        std::fs::read_to_string(root().join(format!("book/src/generated/{scenario}/trace.jsonl"))).unwrap();
    let events: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let s = |e: &Value, key: &str| e[key].as_str().unwrap_or_default().to_string();
    let mut state = String::new();
    let mut frame = String::new();
    let mut coro_of = std::collections::HashMap::new();
    for e in &events[..=k] {
        match e["event"].as_str().unwrap() {
            "state" => {
                if s(e, "name") == actor {
                    state = s(e, "to");
                }
                if s(e, "to") == "RUNNING" {
                    frame = s(e, "name");
                }
            }
            "resume" | "yield" | "return" | "raise" => frame = s(e, "name"),
            "task_created" => {
                coro_of.insert(s(e, "task"), s(e, "coro"));
                if s(e, "task") == actor {
                    state = "pending".into();
                }
            }
            "task_step" => {
                if s(e, "task") == actor {
                    state = "running".into();
                }
                if let Some(c) = coro_of.get(&s(e, "task")) {
                    frame = c.clone();
                }
            }
            "task_suspend" if s(e, "task") == actor => {
                let on = s(e, "waits_on");
                state = if on.is_empty() { "ready".into() } else { format!("waiting on {on}") };
            }
            "future_done" if s(e, "future") == actor => state = s(e, "state"),
            _ => {}
        }
    }
    let twin = std::fs::read_to_string(root().join(format!("src/scenarios/{scenario}.py"))).unwrap();
    let bare = frame.split('(').next().unwrap_or_default().rsplit('.').next().unwrap_or_default().to_string();
    let line = twin.lines().position(|l| {
        let l = l.trim_start();
        let l = l.strip_prefix("async ").unwrap_or(l);
        l.strip_prefix("def ").is_some_and(|rest| rest.trim_start().starts_with(&format!("{bare}(")))
    });
    (state, line.map(|i| i + 1))
}

/// Reads a JavaScript expression's value on the page.
fn js(tab: &Tab, expression: &str) -> Value {
    tab.evaluate(expression, false)
        .unwrap_or_else(|e| panic!("{expression}: {e:#}"))
        .value
        .unwrap_or(Value::Null)
}

/// Opens `page`, steps its `scenario` player forward `n` times and back `m` times with
/// the keyboard, and checks the step, the marked line and `actor`'s state.
fn walk(tab: &Tab, page: &Path, scenario: &str, n: usize, m: usize, actor: &str, shot: &Path) {
    let url = format!("file://{}", page.display());
    tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
    let selector = format!(".corosim-player[data-scenario='{scenario}']");
    tab.wait_for_element(&format!("{selector} .corosim-counter"))
        .unwrap_or_else(|e| panic!("{url}: no player: {e:#}"));
    let total = js(tab, &format!("document.querySelector(\"{selector} .corosim-slider\").max"))
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        js(
            tab,
            &format!(
                "document.querySelector(\"{selector}\").focus(); document.activeElement.matches(\"{selector}\")"
            )
        ) == Value::Bool(true)
    );
    for _ in 0..n {
        tab.press_key("ArrowRight").unwrap();
    }
    for _ in 0..m {
        tab.press_key("ArrowLeft").unwrap();
    }
    let k = n - m;
    let step = js(tab, &format!("document.querySelector(\"{selector}\").getAttribute('data-step')"));
    assert_eq!(step, Value::String((k + 1).to_string()), "{url}: the step after {n} → and {m} ←");
    let counter = js(tab, &format!("document.querySelector(\"{selector} .corosim-counter\").textContent"));
    let counter = counter.as_str().unwrap();
    assert!(counter.contains(&(k + 1).to_string()) && counter.contains(&total), "{url}: counter {counter:?}");
    let (state, line) = expected(scenario, k, actor);
    assert!(!state.is_empty() && line.is_some(), "choose a step where {actor} exists and a frame runs");
    let shown_state = js(
        tab,
        &format!(
            "(document.querySelector(\"{selector} tr[data-name='{actor}'] .corosim-state\") || {{}}).textContent || ''"
        ),
    );
    assert_eq!(shown_state.as_str().unwrap(), state, "{url}: {actor}'s state at step {}", k + 1);
    let marked = js(
        tab,
        &format!(
            "(document.querySelector(\"{selector} .corosim-current\") || {{ getAttribute: () => null }}).getAttribute('data-line')"
        ),
    );
    assert_eq!(
        marked.as_str().and_then(|s| s.parse().ok()),
        line,
        "{url}: the marked line at step {}",
        k + 1
    );
    // The marked line is in view inside the listing.
    let visible = js(
        tab,
        &format!(
            "(() => {{ const c = document.querySelector(\"{selector} .corosim-current\"); \
             const l = document.querySelector(\"{selector} .corosim-code\"); const a = c.getBoundingClientRect(), \
             b = l.getBoundingClientRect(); return a.top >= b.top - 1 && a.bottom <= b.top + l.clientHeight + 1; }})()"
        ),
    );
    assert_eq!(visible, Value::Bool(true), "{url}: the marked line is scrolled out of view");
    // The book's own arrow keys turn the page; inside the player they must not.
    assert_eq!(js(tab, "location.href").as_str().unwrap(), url, "an arrow key left the page");
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).unwrap();
    std::fs::write(shot, png).unwrap();
}

#[test]
fn the_players_step_through_grouper_and_flags_semaphore_in_both_books() {
    let Some(chromium) = chromium() else { return };
    let started = Instant::now();
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("book");
    build_books(&out);
    eprintln!("books built: {:.1} s", started.elapsed().as_secs_f64());

    let profile = temp.path().join("profile");
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--allow-file-access-from-files",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1100, 900)))
        .user_data_dir(Some(profile))
        .args(args)
        .build()
        .unwrap();
    let browser = Browser::new(options).unwrap_or_else(|e| panic!("Chromium does not start: {e:#}"));
    let tab = browser.new_tab().unwrap();
    eprintln!("browser up: {:.1} s", started.elapsed().as_secs_f64());
    let problems = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = problems.clone();
    tab.enable_log().unwrap();
    tab.enable_runtime().unwrap();
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let problem = match event {
            Event::RuntimeExceptionThrown(e) => Some(format!("uncaught: {:?}", e.params.exception_details)),
            Event::RuntimeConsoleAPICalled(e) if format!("{:?}", e.params.Type) == "Error" => {
                Some(format!("console.error: {:?}", e.params.args))
            }
            Event::LogEntryAdded(e) if format!("{:?}", e.params.entry.level) == "Error" => {
                Some(format!("log: {}", e.params.entry.text))
            }
            _ => None,
        };
        if let Some(p) = problem {
            sink.lock().unwrap().push(p);
        }
    }))
    .unwrap();

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).unwrap();
    walk(&tab, &out.join("06-yield-from.html"), "grouper", 12, 4, "averager", &shots.join("grouper.png"));
    eprintln!("grouper walked: {:.1} s", started.elapsed().as_secs_f64());
    walk(
        &tab,
        &out.join("12-flags-downloader.html"),
        "flags_semaphore",
        16,
        4,
        "Task-2",
        &shots.join("flags.png"),
    );
    walk(
        &tab,
        &out.join("zh-CN/06-yield-from.html"),
        "grouper",
        6,
        2,
        "grouper",
        &shots.join("grouper-zh.png"),
    );
    // The Chinese page speaks Chinese.
    let counter = js(&tab, "document.querySelector('.corosim-counter').textContent");
    assert!(counter.as_str().unwrap().starts_with("第 5 步"), "{counter:?}");

    // At a phone's width (390 CSS pixels) the player fits the page: nothing sticks out
    // sideways, and the listing sits above the objects (one column).
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width: 390,
        height: 844,
        device_scale_factor: 2.0,
        mobile: true,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
    let page = out.join("06-yield-from.html");
    tab.navigate_to(&format!("file://{}", page.display())).unwrap().wait_until_navigated().unwrap();
    tab.wait_for_element(".corosim-player .corosim-counter").unwrap();
    let fits = js(
        &tab,
        "(() => { const p = document.querySelector('.corosim-player'); p.scrollIntoView(); const r = p.getBoundingClientRect(); \
         const l = p.querySelector('.corosim-listing').getBoundingClientRect(); \
         const o = p.querySelector('.corosim-side').getBoundingClientRect(); \
         const c = p.querySelector('.corosim-current').getBoundingClientRect(); \
         const code = p.querySelector('.corosim-code'); const k = code.getBoundingClientRect(); \
         return r.right <= window.innerWidth + 1 && p.scrollWidth <= p.clientWidth + 1 && o.top >= l.bottom - 1 \
           && c.top >= k.top - 1 && c.bottom <= k.top + code.clientHeight + 1; })()",
    );
    assert_eq!(fits, Value::Bool(true), "the player does not fit a phone-width page");
    std::fs::write(
        shots.join("phone.png"),
        tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).unwrap(),
    )
    .unwrap();
    tab.call_method(Emulation::ClearDeviceMetricsOverride(None)).unwrap();

    // Every chapter of both books: each player on it is built and steps forward.
    let mut players = 0;
    for dir in [out.clone(), out.join("zh-CN")] {
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            // print.html repeats every chapter, index.html the introduction
            .filter(|p| !p.ends_with("print.html") && !p.ends_with("index.html"))
            .filter(|p| std::fs::read_to_string(p).unwrap().contains("corosim-player"))
            .collect();
        pages.sort();
        assert!(pages.len() >= 12, "too few chapters with a player in {}: {pages:?}", dir.display());
        for page in pages {
            let url = format!("file://{}", page.display());
            tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
            tab.wait_for_element(".corosim-player .corosim-counter").unwrap();
            let steps = js(
                &tab,
                "JSON.stringify(Array.from(document.querySelectorAll('.corosim-player')).map(p => { p.focus(); \
                 p.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true})); \
                 return p.getAttribute('data-step'); }))",
            );
            let steps: Vec<Value> = serde_json::from_str(steps.as_str().unwrap_or("[]")).unwrap();
            assert!(
                !steps.is_empty() && steps.iter().all(|s| s == "2"),
                "{url}: players at {steps:?} after one step"
            );
            players += steps.len();
        }
    }
    eprintln!("{players} players stepped on every chapter of both books");

    let problems = problems.lock().unwrap();
    assert!(problems.is_empty(), "the pages reported errors:\n{}", problems.join("\n"));
    eprintln!("browser test: {:.1} s, screenshots in {}", started.elapsed().as_secs_f64(), shots.display());
}
