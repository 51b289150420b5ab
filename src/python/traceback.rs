//! An uncaught exception, printed as CPython prints it (`Lib/traceback.py`): the frames
//! it passed through, outermost first, each with its source line; the exceptions it was
//! chained to (`raise … from …`, or raised while handling another) before it.
//!
//! ```
//! let (out, err, code) = corosim::python::run_capture("def f():\n    raise ValueError('boom')\n\nf()\n", "t.py");
//! assert_eq!(out, "");
//! assert_eq!(err, "Traceback (most recent call last):\n  File \"t.py\", line 4, in <module>\n    f()\n  File \"t.py\", line 2, in f\n    raise ValueError('boom')\nValueError: boom\n");
//! assert_eq!(code, 1);
//! ```

use super::code::Span;
use super::ops;
use super::state::{exc_extra, with_state};
use crate::exception::PyException;
use crate::value::Value;

/// The whole report for an uncaught exception, chained exceptions first.
pub fn format(e: &PyException) -> String {
    let mut out = String::new();
    let mut ctx = PrintContext::default();
    print_exception(e, &mut ctx, &mut out);
    out
}

/// The report the default `sys.excepthook` prints when a program ends with an exception:
/// [`format`], with `hint`'s text after each exception's message (the "Did you mean" of
/// [`super::suggestions::trailer`]).
pub fn format_uncaught(e: &PyException, hint: fn(&PyException) -> Option<String>) -> String {
    let mut out = String::new();
    let mut ctx = PrintContext { hint: Some(hint), ..PrintContext::default() };
    print_exception(e, &mut ctx, &mut out);
    out
}

/// `traceback._ExceptionPrintContext`: how deep in exception groups the printer is (each
/// level indents its lines by two and draws a margin), whether a group's box still needs
/// its closing line, and the exceptions already printed (a chain never loops).
#[derive(Default)]
struct PrintContext {
    group_depth: usize,
    need_close: bool,
    seen: Vec<PyException>,
    /// What to add after a message (the C excepthook adds "Did you mean" hints; the
    /// traceback module does not).
    hint: Option<fn(&PyException) -> Option<String>>,
}

/// CPython's limits on how much of a group it prints (`max_group_width`,
/// `max_group_depth`).
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.group_depth)
    }

    /// Every line of `text` (blank ones too) behind the indent and, inside a group, the
    /// margin: `| ` (or `+ ` for a top-level group's first line).
    fn emit(&self, text: &str, margin: char, out: &mut String) {
        let mut prefix = self.indent();
        if self.group_depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }

    fn was_seen(&self, e: &PyException) -> bool {
        self.seen.iter().any(|s| s.is(e))
    }
}

/// `TracebackException.format`: `e` after the exceptions it is chained to, then, for a
/// group, each of its exceptions in a numbered box.
fn print_exception(e: &PyException, ctx: &mut PrintContext, out: &mut String) {
    const CAUSE: &str = "\nThe above exception was the direct cause of the following exception:\n\n";
    const CONTEXT: &str = "\nDuring handling of the above exception, another exception occurred:\n\n";
    ctx.seen.push(e.clone());
    let mut chain: Vec<(Option<&str>, PyException)> = Vec::new();
    let mut exc = e.clone();
    loop {
        let link = match (exc.cause(), exc.context()) {
            (Some(cause), _) => Some((CAUSE, cause)),
            (None, Some(ctx)) if !exc.suppress_context() => Some((CONTEXT, ctx)),
            _ => None,
        };
        match link {
            Some((msg, next)) if !ctx.was_seen(&next) && chain.len() < 50 => {
                ctx.seen.push(next.clone());
                chain.push((Some(msg), exc));
                exc = next;
            }
            _ => {
                chain.push((None, exc));
                break;
            }
        }
    }
    for (msg, exc) in chain.into_iter().rev() {
        if let Some(msg) = msg {
            ctx.emit(msg, '|', out);
        }
        let Some(excs) = exc.exceptions() else {
            let stack = stack(&exc);
            if !stack.is_empty() {
                ctx.emit("Traceback (most recent call last):\n", '|', out);
                ctx.emit(&stack, '|', out);
            }
            let hint = ctx.hint.and_then(|hint| hint(&exc));
            ctx.emit(&format!("{}{}\n", last_line(&exc), hint.unwrap_or_default()), '|', out);
            continue;
        };
        if ctx.group_depth > MAX_GROUP_DEPTH {
            ctx.emit(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|', out);
            continue;
        }
        let toplevel = ctx.group_depth == 0;
        if toplevel {
            ctx.group_depth += 1;
        }
        let stack = stack(&exc);
        if !stack.is_empty() {
            let margin = if toplevel { '+' } else { '|' };
            ctx.emit("Exception Group Traceback (most recent call last):\n", margin, out);
            ctx.emit(&stack, '|', out);
        }
        ctx.emit(&format!("{}\n", last_line(&exc)), '|', out);
        let n = excs.len().min(MAX_GROUP_WIDTH + 1);
        ctx.need_close = false;
        for (i, sub) in excs.iter().take(n).enumerate() {
            let last = i + 1 == n;
            if last {
                // A nested group's last box may close this one's too.
                ctx.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated { "...".to_string() } else { (i + 1).to_string() };
            let corner = if i == 0 { "+-" } else { "  " };
            out.push_str(&format!("{}{corner}+---------------- {title} ----------------\n", ctx.indent()));
            ctx.group_depth += 1;
            if truncated {
                let remaining = excs.len() - MAX_GROUP_WIDTH;
                let plural = if remaining > 1 { "s" } else { "" };
                ctx.emit(&format!("and {remaining} more exception{plural}\n"), '|', out);
            } else {
                print_exception(sub, ctx, out);
            }
            if last && ctx.need_close {
                out.push_str(&format!("{}+------------------------------------\n", ctx.indent()));
                ctx.need_close = false;
            }
            ctx.group_depth -= 1;
        }
        if toplevel {
            ctx.group_depth = 0;
        }
    }
}

/// The frames an exception passed through, outermost first, each with its source line
/// and the marks under the failing expression: `  File "f.py", line 3, in g\n    x()\n`.
fn stack(e: &PyException) -> String {
    // Line 0: a frame of a library module written in Python (`modules/*.py`), which
    // shows as CPython's own `threading.py` frames would not: left out.
    let (tb, spans): (Vec<_>, Vec<_>) = {
        let tb = exc_extra(e).traceback.borrow().clone();
        let spans = exc_extra(e).spans.borrow().clone();
        let spans = spans.into_iter().chain(std::iter::repeat(None));
        tb.into_iter().zip(spans).filter(|((line, _), _)| *line != 0).unzip()
    };
    let mut out = String::new();
    if tb.is_empty() {
        return out;
    }
    let (file, lines) = with_state(|s| (s.file.clone(), s.lines.clone()));
    for (i, (line, name)) in tb.into_iter().enumerate() {
        out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
        if let Some(src) = lines.get(line as usize - 1) {
            let trimmed = src.trim();
            if !trimmed.is_empty() {
                out.push_str(&format!("    {trimmed}\n"));
                if let Some(marks) = spans.get(i).copied().flatten().and_then(|s| carets(src, line, s)) {
                    out.push_str(&format!("    {marks}\n"));
                }
            }
        }
    }
    out
}

/// CPython 3.11's marks under the failing expression (`traceback.py`'s
/// `format_frame_summary`): `^^^^` under it, or for a binary operation or subscript
/// `~~^~~` with `^` at the operator; none when it spans the whole line.
fn carets(src: &str, line: u32, span: Span) -> Option<String> {
    if span.line != line {
        return None;
    }
    let chars: Vec<char> = src.chars().collect();
    let stripped = src.trim_end();
    let leading = chars.len() - src.trim_start().chars().count();
    let stripped_len = stripped.chars().count() - leading;
    let start = span.col as usize;
    let end = if span.end_line == line { span.end_col as usize } else { stripped.chars().count() };
    if end <= start || end > chars.len() {
        return None;
    }
    let segment: String = chars[start..end].iter().collect();
    let anchors = if span.end_line == line { anchors(&segment) } else { None };
    let narrower = end - start < stripped_len;
    if !narrower && anchors.is_none_or(|(l, r)| r <= l) {
        return None;
    }
    let mut marks = " ".repeat(start.saturating_sub(leading));
    match anchors {
        Some((left, right)) => {
            marks.push_str(&"~".repeat(left));
            marks.push_str(&"^".repeat(right - left));
            marks.push_str(&"~".repeat((end - start).saturating_sub(right)));
        }
        None => marks.push_str(&"^".repeat(end - start)),
    }
    Some(marks)
}

/// Where the operator of a binary operation or the brackets of a subscript are in
/// `segment` (character offsets), as `_extract_caret_anchors_from_line_segment` finds.
fn anchors(segment: &str) -> Option<(usize, usize)> {
    use ruff_python_ast::{Expr, Stmt};
    use ruff_text_size::Ranged;
    let parsed = ruff_python_parser::parse_module(segment).ok()?;
    let [Stmt::Expr(stmt)] = &parsed.suite()[..] else { return None };
    let chars = |byte: u32| segment.get(..byte as usize).map_or(0, |s| s.chars().count());
    match &*stmt.value {
        Expr::BinOp(b) => {
            let (op_start, op_end) = (b.left.range().end().to_u32(), b.right.range().start().to_u32());
            let between = segment.get(op_start as usize..op_end as usize)?;
            let offset = between.len() - between.trim_start().len();
            let left = op_start as usize + offset;
            let mut right = left + 1;
            if between[offset..].chars().nth(1).is_some_and(|c| !c.is_whitespace()) {
                right += 1;
            }
            Some((chars(left as u32), chars(right as u32)))
        }
        Expr::Subscript(s) => {
            Some((chars(s.value.range().end().to_u32()), chars(s.slice.range().end().to_u32() + 1)))
        }
        _ => None,
    }
}

/// `ValueError: boom`, or the bare name when the message is empty.
pub fn last_line(e: &PyException) -> String {
    let name = match super::objects::class_of_exception(e) {
        Some(c) => c.qualname.to_string(),
        None => e.class().qualified_name(),
    };
    let msg = ops::str_of(&Value::Exception(e.clone())).unwrap_or_else(|_| "<exception str() failed>".into());
    if msg.is_empty() { name } else { format!("{name}: {msg}") }
}

/// `e.__traceback__`: the frames an exception has passed through so far, as a value a
/// program can hold and give back (`e.__traceback__ = tb`, as `contextlib` does to undo
/// what a `throw()` into a generator added). `tb_lineno` is its outermost frame's line,
/// `tb_next` the rest.
pub struct TracebackObject {
    entries: Vec<(u32, std::rc::Rc<str>)>,
    spans: Vec<Option<Span>>,
}

impl super::objects::NativeObject for TracebackObject {
    fn type_name(&self) -> &str {
        "traceback"
    }
    fn repr(&self) -> String {
        format!("<traceback object at {}>", super::objects::fake_address(self as *const _ as *const ()))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> crate::exception::PyResult<Value> {
        match name {
            "tb_lineno" => Ok(Value::Int(self.entries.first().map_or(0, |e| e.0) as i64)),
            "tb_next" => {
                Ok(traceback_value(self.entries[1..].to_vec(), self.spans.get(1..).unwrap_or(&[]).to_vec()))
            }
            _ => Err(PyException::new(
                crate::exception::ATTRIBUTE_ERROR,
                format!("'traceback' object has no attribute '{name}'"),
            )),
        }
    }
}

fn traceback_value(entries: Vec<(u32, std::rc::Rc<str>)>, spans: Vec<Option<Span>>) -> Value {
    if entries.is_empty() {
        return Value::None;
    }
    super::objects::Native::value(TracebackObject { entries, spans })
}

/// `e.__traceback__`: None before it was raised.
///
/// ```
/// let out = corosim::python::run_to_string("try:\n    1/0\nexcept ZeroDivisionError as e:\n    tb = e.__traceback__\nprint(tb.tb_lineno, tb.tb_next, ValueError().__traceback__)\n");
/// assert_eq!(out, "2 None None\n");
/// ```
pub fn get(e: &PyException) -> Value {
    let extra = exc_extra(e);
    let entries = extra.traceback.borrow().clone();
    let spans = extra.spans.borrow().clone();
    traceback_value(entries, spans)
}

/// `e.__traceback__ = tb`: a traceback object (its frames become the exception's) or
/// None (no frames).
pub fn set(e: &PyException, tb: &Value) -> crate::exception::PyResult<()> {
    let extra = exc_extra(e);
    let (entries, spans) =
        match super::objects::native_of(tb).and_then(|n| n.as_any().downcast_ref::<TracebackObject>()) {
            Some(t) => (t.entries.clone(), t.spans.clone()),
            None if tb.is_none() => (Vec::new(), Vec::new()),
            None => {
                return Err(PyException::new(
                    crate::exception::TYPE_ERROR,
                    "__traceback__ must be a traceback or None",
                ));
            }
        };
    *extra.traceback.borrow_mut() = entries;
    *extra.spans.borrow_mut() = spans;
    Ok(())
}
