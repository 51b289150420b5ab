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

use super::ops;
use super::state::{exc_extra, with_state};
use crate::exception::PyException;
use crate::value::Value;

/// The whole report for an uncaught exception, chained exceptions first.
pub fn format(e: &PyException) -> String {
    let mut out = String::new();
    chain(e, &mut out, 0);
    out
}

fn chain(e: &PyException, out: &mut String, depth: usize) {
    if depth < 50 {
        if let Some(cause) = e.cause() {
            chain(&cause, out, depth + 1);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if let (Some(ctx), false) = (e.context(), e.suppress_context()) {
            chain(&ctx, out, depth + 1);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    let tb = exc_extra(e).traceback.borrow().clone();
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        let (file, lines) = with_state(|s| (s.file.clone(), s.lines.clone()));
        for (line, name) in tb {
            out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
            if let Some(src) = lines.get(line as usize - 1) {
                let src = src.trim();
                if !src.is_empty() {
                    out.push_str(&format!("    {src}\n"));
                }
            }
        }
    }
    out.push_str(&last_line(e));
    out.push('\n');
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
