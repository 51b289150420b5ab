//! `textwrap`: CPython's `Lib/textwrap.py` — `wrap`, `fill`, `shorten`, `dedent`,
//! `indent` — breaking lines where CPython breaks them.
//!
//! The text is cut into chunks (runs of whitespace, words, and the pieces of a hyphenated
//! word, by the rules of CPython's `wordsep_re`), then lines are filled greedily from the
//! chunks (`_wrap_chunks`), a word longer than a line broken at the width (after a hyphen
//! if one fits), and the last line cut with a placeholder under `max_lines`.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import textwrap\nprint(textwrap.wrap('The quick brown fox jumps over the lazy dog', 12))\n",
//! );
//! assert_eq!(out, "['The quick', 'brown fox', 'jumps over', 'the lazy dog']\n");
//! ```

use std::rc::Rc;

use super::module as make_module;
use crate::exception::*;
use crate::python::objects::*;
use crate::python::ops;
use crate::python::text::str_method;
use crate::value::Value;

/// `textwrap`'s whitespace: ASCII only.
fn is_ws(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ')
}

/// `\w`: a letter, a digit or `_`.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `[^\d\W]`: a letter (or `_`), not a digit.
fn is_letter(c: char) -> bool {
    is_word(c) && !c.is_numeric()
}

/// `[\w!"\'&.,?]`: what may stand before an em-dash.
fn is_word_punct(c: char) -> bool {
    is_word(c) || "!\"'&.,?".contains(c)
}

/// A `TextWrapper`'s settings.
#[derive(Clone)]
struct Wrapper {
    width: i64,
    initial_indent: String,
    subsequent_indent: String,
    expand_tabs: bool,
    replace_whitespace: bool,
    fix_sentence_endings: bool,
    break_long_words: bool,
    drop_whitespace: bool,
    break_on_hyphens: bool,
    tabsize: i64,
    max_lines: Option<i64>,
    placeholder: String,
}

impl Wrapper {
    fn new(width: i64, k: &[(Rc<str>, Value)]) -> PyResult<Wrapper> {
        let mut w = Wrapper {
            width,
            initial_indent: String::new(),
            subsequent_indent: String::new(),
            expand_tabs: true,
            replace_whitespace: true,
            fix_sentence_endings: false,
            break_long_words: true,
            drop_whitespace: true,
            break_on_hyphens: true,
            tabsize: 8,
            max_lines: None,
            placeholder: " [...]".into(),
        };
        for (name, v) in k {
            let text = || ops::str_of(v);
            match &**name {
                "width" => w.width = int_arg(v)?,
                "initial_indent" => w.initial_indent = text()?,
                "subsequent_indent" => w.subsequent_indent = text()?,
                "expand_tabs" => w.expand_tabs = ops::truthy(v)?,
                "replace_whitespace" => w.replace_whitespace = ops::truthy(v)?,
                "fix_sentence_endings" => w.fix_sentence_endings = ops::truthy(v)?,
                "break_long_words" => w.break_long_words = ops::truthy(v)?,
                "drop_whitespace" => w.drop_whitespace = ops::truthy(v)?,
                "break_on_hyphens" => w.break_on_hyphens = ops::truthy(v)?,
                "tabsize" => w.tabsize = int_arg(v)?,
                "max_lines" => w.max_lines = if v.is_none() { None } else { Some(int_arg(v)?) },
                "placeholder" => w.placeholder = text()?,
                other => {
                    return Err(PyException::new(
                        TYPE_ERROR,
                        format!("TextWrapper.__init__() got an unexpected keyword argument '{other}'"),
                    ));
                }
            }
        }
        Ok(w)
    }

    /// `_munge_whitespace`: tabs expanded, other whitespace made spaces.
    fn munge(&self, text: &str) -> PyResult<String> {
        let mut t = text.to_string();
        if self.expand_tabs {
            t = str_method(&t, "expandtabs", &[Value::Int(self.tabsize)]).expect("str.expandtabs")?.to_str();
        }
        if self.replace_whitespace {
            t = t.chars().map(|c| if is_ws(c) { ' ' } else { c }).collect();
        }
        Ok(t)
    }

    /// `_split`: the chunks, by `wordsep_re` (or by whitespace alone without hyphens).
    fn split(&self, text: &str) -> Vec<String> {
        let c: Vec<char> = text.chars().collect();
        let n = c.len();
        let at = |i: isize| if i >= 0 && (i as usize) < n { Some(c[i as usize]) } else { None };
        let is = |i: isize, f: fn(char) -> bool| at(i).is_some_and(f);
        // `-{2,}` at i followed by \w.
        let em_dash = |i: usize| {
            let mut j = i;
            while j < n && c[j] == '-' {
                j += 1;
            }
            j - i >= 2 && j < n && is_word(c[j])
        };
        let mut chunks = Vec::new();
        let mut i = 0;
        while i < n {
            let start = i;
            if is_ws(c[i]) {
                while i < n && is_ws(c[i]) {
                    i += 1;
                }
            } else if !self.break_on_hyphens {
                while i < n && !is_ws(c[i]) {
                    i += 1;
                }
            } else if i > 0 && is_word_punct(c[i - 1]) && em_dash(i) {
                while i < n && c[i] == '-' {
                    i += 1;
                }
            } else {
                // A word: the shortest run of non-whitespace that ends the word, or ends
                // at a hyphen that may break, or before an em-dash.
                let mut j = i + 1;
                loop {
                    let ji = j as isize;
                    if j < n && c[j] == '-' {
                        let behind = (is(ji - 1, is_letter) && is(ji - 2, is_letter))
                            || (is(ji - 1, is_letter) && at(ji - 2) == Some('-') && is(ji - 3, is_letter));
                        let ahead = is(ji + 1, is_letter)
                            && (is(ji + 2, is_letter) || (at(ji + 2) == Some('-') && is(ji + 3, is_letter)));
                        if behind && ahead {
                            j += 1;
                            break;
                        }
                    }
                    if j >= n || is_ws(c[j]) {
                        break;
                    }
                    if is_word_punct(c[j - 1]) && em_dash(j) {
                        break;
                    }
                    j += 1;
                }
                i = j;
            }
            chunks.push(c[start..i].iter().collect());
        }
        chunks
    }

    /// `_fix_sentence_endings`: two spaces after a sentence's end.
    fn fix_sentence_endings(chunks: &mut [String]) {
        let ends_sentence = |s: &str| {
            let c: Vec<char> = s.chars().collect();
            let mut k = c.len();
            if k > 0 && (c[k - 1] == '"' || c[k - 1] == '\'') {
                k -= 1;
            }
            k >= 2 && "?!.".contains(c[k - 1]) && c[k - 2].is_ascii_lowercase()
        };
        let mut i = 0;
        while i + 1 < chunks.len() {
            if chunks[i + 1] == " " && ends_sentence(&chunks[i]) {
                chunks[i + 1] = "  ".into();
                i += 2;
            } else {
                i += 1;
            }
        }
    }

    /// `wrap(text)`.
    fn wrap(&self, text: &str) -> PyResult<Vec<String>> {
        let mut chunks = self.split(&self.munge(text)?);
        if self.fix_sentence_endings {
            Self::fix_sentence_endings(&mut chunks);
        }
        self.wrap_chunks(chunks)
    }

    /// `_handle_long_word`.
    fn long_word(&self, rev: &mut Vec<String>, line: &mut Vec<String>, cur_len: i64, width: i64) {
        let space_left = if width < 1 { 1 } else { width - cur_len };
        if self.break_long_words {
            let chunk: Vec<char> = rev.last().expect("a chunk").chars().collect();
            let mut end = space_left.max(0) as usize;
            if self.break_on_hyphens && chunk.len() as i64 > space_left {
                let limit = end.min(chunk.len());
                if let Some(h) = chunk[..limit].iter().rposition(|c| *c == '-')
                    && h > 0
                    && chunk[..h].iter().any(|c| *c != '-')
                {
                    end = h + 1;
                }
            }
            let end = end.min(chunk.len());
            line.push(chunk[..end].iter().collect());
            *rev.last_mut().expect("a chunk") = chunk[end..].iter().collect();
        } else if line.is_empty() {
            line.push(rev.pop().expect("a chunk"));
        }
    }

    /// `_wrap_chunks`: lines filled greedily.
    fn wrap_chunks(&self, mut chunks: Vec<String>) -> PyResult<Vec<String>> {
        let len = |s: &str| s.chars().count() as i64;
        let blank = |s: &str| s.trim().is_empty();
        let mut lines: Vec<String> = Vec::new();
        if self.width <= 0 {
            return Err(PyException::new(VALUE_ERROR, format!("invalid width {} (must be > 0)", self.width)));
        }
        if let Some(max) = self.max_lines {
            let indent = if max > 1 { &self.subsequent_indent } else { &self.initial_indent };
            if len(indent) + len(self.placeholder.trim_start()) > self.width {
                return Err(PyException::new(VALUE_ERROR, "placeholder too large for max width"));
            }
        }
        chunks.reverse();
        while !chunks.is_empty() {
            let mut line: Vec<String> = Vec::new();
            let mut cur_len = 0;
            let indent = if lines.is_empty() { &self.initial_indent } else { &self.subsequent_indent };
            let width = self.width - len(indent);
            if self.drop_whitespace && blank(chunks.last().expect("a chunk")) && !lines.is_empty() {
                chunks.pop();
            }
            while let Some(last) = chunks.last() {
                let l = len(last);
                if cur_len + l <= width {
                    line.push(chunks.pop().expect("a chunk"));
                    cur_len += l;
                } else {
                    break;
                }
            }
            if chunks.last().is_some_and(|c| len(c) > width) {
                self.long_word(&mut chunks, &mut line, cur_len, width);
                cur_len = line.iter().map(|c| len(c)).sum();
            }
            if self.drop_whitespace && line.last().is_some_and(|c| blank(c)) {
                cur_len -= len(line.last().expect("a chunk"));
                line.pop();
            }
            if line.is_empty() {
                continue;
            }
            let fits = match self.max_lines {
                None => true,
                Some(max) => {
                    (lines.len() as i64) + 1 < max
                        || ((chunks.is_empty()
                            || (self.drop_whitespace && chunks.len() == 1 && blank(&chunks[0])))
                            && cur_len <= width)
                }
            };
            if fits {
                lines.push(format!("{indent}{}", line.concat()));
                continue;
            }
            let mut placed = false;
            while let Some(last) = line.last() {
                if !blank(last) && cur_len + len(&self.placeholder) <= width {
                    line.push(self.placeholder.clone());
                    lines.push(format!("{indent}{}", line.concat()));
                    placed = true;
                    break;
                }
                cur_len -= len(last);
                line.pop();
            }
            if !placed {
                if let Some(prev) = lines.last() {
                    let prev = prev.trim_end().to_string();
                    if len(&prev) + len(&self.placeholder) <= self.width {
                        *lines.last_mut().expect("a line") = prev + &self.placeholder;
                        break;
                    }
                }
                lines.push(format!("{indent}{}", self.placeholder.trim_start()));
            }
            break;
        }
        Ok(lines)
    }
}

fn int_arg(v: &Value) -> PyResult<i64> {
    v.as_int().ok_or_else(|| {
        PyException::new(
            TYPE_ERROR,
            format!("'{}' object cannot be interpreted as an integer", v.type_name()),
        )
    })
}

/// `text` and `width` of `wrap`/`fill`/`shorten`, and the wrapper the rest configures.
fn text_and_wrapper(
    name: &str,
    a: &[Value],
    k: &[(Rc<str>, Value)],
    default_width: Option<i64>,
) -> PyResult<(String, Wrapper)> {
    let mut k: Vec<(Rc<str>, Value)> = k.to_vec();
    let text = match a.first() {
        Some(t) => t.clone(),
        None => match k.iter().position(|(n, _)| &**n == "text") {
            Some(i) => k.remove(i).1,
            None => {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("{name}() missing 1 required positional argument: 'text'"),
                ));
            }
        },
    };
    let width = match a.get(1) {
        Some(w) => Some(int_arg(w)?),
        None => match k.iter().position(|(n, _)| &**n == "width") {
            Some(i) => Some(int_arg(&k.remove(i).1)?),
            None => default_width,
        },
    };
    let Some(width) = width else {
        return Err(PyException::new(
            TYPE_ERROR,
            format!("{name}() missing 1 required positional argument: 'width'"),
        ));
    };
    let Some(text) = text.as_str().map(str::to_string) else {
        return Err(PyException::new(
            ATTRIBUTE_ERROR,
            format!("'{}' object has no attribute 'expandtabs'", &text.type_name()),
        ));
    };
    Ok((text, Wrapper::new(width, &k)?))
}

/// A `textwrap.TextWrapper(...)`: its settings, read as attributes, and its `wrap`/`fill`.
struct WrapperObject(std::cell::RefCell<Wrapper>);

impl NativeObject for WrapperObject {
    fn type_name(&self) -> &str {
        "TextWrapper"
    }
    fn repr(&self) -> String {
        format!("<textwrap.TextWrapper object at {}>", fake_address(self as *const _ as *const ()))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        let w = self.0.borrow();
        let method = |fill: bool| {
            let this = this.clone();
            Builtin::value(if fill { "fill" } else { "wrap" }, move |a, _| {
                let Some(me) = downcast::<Native>(&this).and_then(|n| n.get::<WrapperObject>()) else {
                    return Ok(Value::None);
                };
                let text = a.first().and_then(|t| t.as_str().map(str::to_string)).ok_or_else(|| {
                    PyException::new(
                        TYPE_ERROR,
                        "TextWrapper.wrap() missing 1 required positional argument: 'text'",
                    )
                })?;
                let w = me.0.borrow().clone();
                let lines = w.wrap(&text)?;
                Ok(if fill {
                    Value::str(lines.join("\n"))
                } else {
                    new_list(lines.into_iter().map(Value::str).collect())
                })
            })
        };
        Ok(match name {
            "wrap" => method(false),
            "fill" => method(true),
            "width" => Value::Int(w.width),
            "initial_indent" => Value::str(&w.initial_indent),
            "subsequent_indent" => Value::str(&w.subsequent_indent),
            "expand_tabs" => Value::Bool(w.expand_tabs),
            "replace_whitespace" => Value::Bool(w.replace_whitespace),
            "fix_sentence_endings" => Value::Bool(w.fix_sentence_endings),
            "break_long_words" => Value::Bool(w.break_long_words),
            "drop_whitespace" => Value::Bool(w.drop_whitespace),
            "break_on_hyphens" => Value::Bool(w.break_on_hyphens),
            "tabsize" => Value::Int(w.tabsize),
            "max_lines" => w.max_lines.map_or(Value::None, Value::Int),
            "placeholder" => Value::str(&w.placeholder),
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'TextWrapper' object has no attribute '{name}'"),
                ));
            }
        })
    }
}

/// `TextWrapper(width=70, **settings)`. (Its settings are read as attributes; corosim
/// does not change them after it is made.)
fn new_wrapper(a: Vec<Value>, k: Kwargs) -> PyResult {
    let width = match a.first() {
        Some(w) => int_arg(w)?,
        None => 70,
    };
    if a.len() > 1 {
        return Err(PyException::new(
            TYPE_ERROR,
            "corosim takes TextWrapper's settings after width by keyword",
        ));
    }
    let w = Wrapper::new(width, &k)?;
    Ok(Native::value(WrapperObject(std::cell::RefCell::new(w))))
}

/// The module.
pub fn module() -> Value {
    make_module(
        "textwrap",
        vec![
            ("TextWrapper", Builtin::value("TextWrapper", new_wrapper)),
            (
                "wrap",
                Builtin::value("wrap", |a, k| {
                    let (text, w) = text_and_wrapper("wrap", &a, &k, Some(70))?;
                    Ok(new_list(w.wrap(&text)?.into_iter().map(Value::str).collect()))
                }),
            ),
            (
                "fill",
                Builtin::value("fill", |a, k| {
                    let (text, w) = text_and_wrapper("fill", &a, &k, Some(70))?;
                    Ok(Value::str(w.wrap(&text)?.join("\n")))
                }),
            ),
            (
                "shorten",
                Builtin::value("shorten", |a, k| {
                    let (text, mut w) = text_and_wrapper("shorten", &a, &k, None)?;
                    w.max_lines = Some(1);
                    let collapsed: Vec<&str> =
                        text.split(|c: char| c.is_whitespace()).filter(|s| !s.is_empty()).collect();
                    Ok(Value::str(w.wrap(&collapsed.join(" "))?.join("\n")))
                }),
            ),
            ("dedent", Builtin::value("dedent", |a, _| dedent(a.first().unwrap_or(&Value::None)))),
            ("indent", Builtin::value("indent", indent)),
        ],
    )
}

/// `dedent(text)`: the longest common leading run of spaces and tabs, removed from every
/// line; lines of only spaces and tabs become empty.
fn dedent(text: &Value) -> PyResult {
    let Some(text) = text.as_str() else {
        return Err(PyException::new(
            TYPE_ERROR,
            format!("expected string or bytes-like object, got '{}'", text.type_name()),
        ));
    };
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            if !l.is_empty() && l.chars().all(|c| c == ' ' || c == '\t') {
                String::new()
            } else {
                l.to_string()
            }
        })
        .collect();
    let mut margin: Option<String> = None;
    for line in &lines {
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        if indent.len() == line.len() {
            continue; // no character after the indent on this line
        }
        margin = Some(match margin {
            None => indent,
            Some(m) if indent.starts_with(&m) => m,
            Some(m) if m.starts_with(&indent) => indent,
            Some(m) => {
                let common = m.chars().zip(indent.chars()).take_while(|(x, y)| x == y).count();
                m.chars().take(common).collect()
            }
        });
    }
    let margin = margin.unwrap_or_default();
    let out: Vec<&str> = lines.iter().map(|l| l.strip_prefix(margin.as_str()).unwrap_or(l)).collect();
    Ok(Value::str(out.join("\n")))
}

/// `indent(text, prefix, predicate=None)`: the prefix before every line the predicate
/// accepts (by default, lines not all whitespace).
fn indent(a: Vec<Value>, k: Kwargs) -> PyResult {
    let get =
        |i: usize, name: &str| a.get(i).or_else(|| k.iter().find(|(n, _)| &**n == name).map(|(_, v)| v));
    let (Some(text), Some(prefix)) = (get(0, "text"), get(1, "prefix")) else {
        let missing = if get(0, "text").is_none() { "'text' and 'prefix'" } else { "'prefix'" };
        let count = if missing.contains("and") {
            "2 required positional arguments"
        } else {
            "1 required positional argument"
        };
        return Err(PyException::new(TYPE_ERROR, format!("indent() missing {count}: {missing}")));
    };
    let predicate = get(2, "predicate").filter(|p| !p.is_none()).cloned();
    let Some(s) = text.as_str() else {
        return Err(PyException::new(
            ATTRIBUTE_ERROR,
            format!("'{}' object has no attribute 'splitlines'", text.type_name()),
        ));
    };
    let prefix = ops::str_of(prefix)?;
    let lines = str_method(s, "splitlines", &[Value::Bool(true)]).expect("str.splitlines")?;
    let mut out = String::new();
    for line in ops::iterate(&lines)? {
        let l = line.to_str();
        let keep = match &predicate {
            Some(p) => ops::truthy(&call(p, vec![line.clone()], vec![])?)?,
            None => !l.trim().is_empty(),
        };
        if keep {
            out.push_str(&prefix);
        }
        out.push_str(&l);
    }
    Ok(Value::str(out))
}

/// `textwrap.wrap(text, width)` with the default settings (argparse's help lines).
pub(super) fn wrap_text(text: &str, width: i64) -> Vec<String> {
    let w = Wrapper::new(width, &[]).expect("default settings");
    w.wrap(text).unwrap_or_default()
}

/// `textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)`.
pub(super) fn fill_text(text: &str, width: i64, indent: &str) -> String {
    let mut w = Wrapper::new(width, &[]).expect("default settings");
    w.initial_indent = indent.to_string();
    w.subsequent_indent = indent.to_string();
    w.wrap(text).unwrap_or_default().join("\n")
}
