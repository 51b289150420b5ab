//! The source pane's lines: where each frame is, in the program's Python text.
//!
//! A program that reports its lines (`Event::Line`, from corosim's interpreter) says
//! exactly where each task is. The built-in programs do not: their frames are known by
//! name and by what they last did, so the line is found in the text — the `def` of the
//! frame's function, refined to the one line of its body that does what the trace says
//! (its only bare `yield`, the `yield from averager()` or `await http_get(...)` it is in).
//! When the body has several candidates, the `def` line is all that is claimed.
//!
//! ```
//! use corosim::step::source::Source;
//! let src = Source::new("def gen():\n    x = yield 1\n    return x\n");
//! assert_eq!(src.def_line("gen"), Some(0));
//! assert_eq!(src.yield_line("gen"), Some(1));
//! ```

/// A program's text, split into lines.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// The lines, without their newlines.
    pub lines: Vec<String>,
}

/// Library coroutines the program reaches through a call that does not name them:
/// `async with semaphore` runs `Semaphore.acquire`.
const THROUGH: &[(&str, &[&str])] = &[
    ("Semaphore.acquire", &["async with"]),
    ("Lock.acquire", &["async with", ".acquire("]),
    ("Event.wait", &[".wait("]),
    ("Queue.get", &[".get("]),
    ("Queue.put", &[".put("]),
    ("_wait_for_one", &["await future", "as_completed"]),
    ("_asyncio.FutureIter", &["await "]),
];

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

impl Source {
    /// Splits `text` into lines.
    pub fn new(text: &str) -> Source {
        Source { lines: text.lines().map(str::to_string).collect() }
    }

    /// The 0-based line of `def name(` or `async def name(`.
    pub fn def_line(&self, name: &str) -> Option<usize> {
        let short = name.rsplit('.').next().unwrap_or(name);
        let want = [format!("def {short}("), format!("async def {short}(")];
        self.lines.iter().position(|l| {
            let t = l.trim_start();
            want.iter().any(|w| t.starts_with(w.as_str()))
        })
    }

    /// The lines of the function's body (0-based), comments and blank lines left out.
    fn body(&self, name: &str) -> Vec<usize> {
        let Some(def) = self.def_line(name) else { return Vec::new() };
        let base = indent(&self.lines[def]);
        let mut out = Vec::new();
        for (i, l) in self.lines.iter().enumerate().skip(def + 1) {
            let t = l.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            if indent(l) <= base {
                break;
            }
            out.push(i);
        }
        out
    }

    /// The only line of `name`'s body with a bare `yield` (not `yield from`), if one.
    pub fn yield_line(&self, name: &str) -> Option<usize> {
        let hits: Vec<usize> = self
            .body(name)
            .into_iter()
            .filter(|&i| {
                let l = &self.lines[i];
                l.contains("yield") && !l.contains("yield from")
            })
            .collect();
        (hits.len() == 1).then(|| hits[0])
    }

    /// The only line of `name`'s body that delegates to `to` (`yield from to(`,
    /// `await to(`, `await asyncio.to(`, or the statement that runs a library coroutine).
    pub fn delegate_line(&self, name: &str, to: &str) -> Option<usize> {
        let short = to.rsplit('.').next().unwrap_or(to);
        let mut patterns: Vec<String> = vec![format!("{short}(")];
        if let Some((_, extra)) = THROUGH.iter().find(|(k, _)| *k == to) {
            patterns = extra.iter().map(|s| s.to_string()).collect();
        }
        let body = self.body(name);
        for p in &patterns {
            let hits: Vec<usize> =
                body.iter().copied().filter(|&i| self.lines[i].contains(p.as_str())).collect();
            if hits.len() == 1 {
                return Some(hits[0]);
            }
        }
        None
    }
}
