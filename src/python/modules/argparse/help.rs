//! `argparse`'s help, as `HelpFormatter` lays it out: the usage wrapped to the width
//! (`$COLUMNS`, else the terminal's, else 80, less 2 — as CPython finds it),
//! the sections, each action's invocation and its help wrapped at the help column.

use crate::exception::*;
use crate::python::attrs;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

use super::super::textwrap::{fill_text, wrap_text};
use super::model::{Action, Formatter, Nargs, Parser, Shared, is_suppress};

// ---------------------------------------------------------------- help

/// The width `HelpFormatter` uses, less 2: `shutil.get_terminal_size()`'s — `$COLUMNS`,
/// else the terminal's if stdout is one, else 80.
pub(super) fn width() -> i64 {
    use std::io::IsTerminal;
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<i64>().ok()).filter(|c| *c > 0);
    let terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(|| ratatui::crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| w as i64)
            .filter(|w| *w > 0)
    };
    columns.or_else(terminal).unwrap_or(80) - 2
}

/// `HelpFormatter`'s settings for one parser.
pub(super) struct HelpText {
    prog: String,
    width: i64,
    max_help_position: i64,
    formatter: Formatter,
}

impl HelpText {
    pub(super) fn new(prog: &str, formatter: Formatter) -> HelpText {
        let width = width();
        HelpText { prog: prog.to_string(), width, max_help_position: 24.min((width - 20).max(4)), formatter }
    }

    /// `_format_text` at `indent`.
    pub(super) fn text(&mut self, text: &str, indent: i64) -> String {
        let text = text.replace("%(prog)s", &self.prog);
        let text_width = (self.width - indent).max(11);
        let pad = " ".repeat(indent as usize);
        let body = match self.formatter {
            Formatter::RawDescription | Formatter::RawText => {
                let lines = crate::python::text::str_method(&text, "splitlines", &[Value::Bool(true)])
                    .and_then(|r| r.ok())
                    .map(|l| ops::iterate(&l).unwrap_or_default())
                    .unwrap_or_default();
                lines.iter().map(|l| format!("{pad}{}", l.to_str())).collect::<String>()
            }
            _ => fill_text(&collapse(&text), text_width, &pad),
        };
        format!("{body}\n\n")
    }
}

/// `\s+` (ASCII) to one space, stripped.
pub(super) fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `format_help`'s last step: runs of blank lines made one, one newline at the end.
pub(super) fn finish(help: &str) -> String {
    let mut out = help.to_string();
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    let trimmed = out.trim_matches('\n');
    if trimmed.is_empty() { String::new() } else { format!("{trimmed}\n") }
}

/// `_metavar_formatter`: the metavar(s) shown for `n` arguments.
pub(super) fn metavars(action: &Action, default: &str, n: usize) -> Vec<String> {
    if let Value::Tuple(t) = &action.metavar {
        return t.iter().map(|v| v.to_str()).collect();
    }
    let one = if !action.metavar.is_none() {
        action.metavar.to_str()
    } else if action.parsers.is_some() {
        format!("{{{}}}", action.parser_names().join(","))
    } else if !action.choices.is_none() {
        let items = ops::iterate(&action.choices).unwrap_or_default();
        let strs: Vec<String> = items.iter().map(|c| ops::str_of(c).unwrap_or_default()).collect();
        format!("{{{}}}", strs.join(","))
    } else {
        default.to_string()
    };
    vec![one; n]
}

/// `_format_args`.
pub(super) fn format_args(action: &Action, default: &str) -> String {
    let m = |n| metavars(action, default, n);
    match action.nargs {
        Nargs::One => m(1)[0].clone(),
        Nargs::Optional => format!("[{}]", m(1)[0]),
        Nargs::ZeroOrMore => {
            let v = m(1);
            if v.len() == 2 { format!("[{} [{} ...]]", v[0], v[1]) } else { format!("[{} ...]", v[0]) }
        }
        Nargs::OneOrMore => {
            let v = m(2);
            format!("{} [{} ...]", v[0], v.get(1).unwrap_or(&v[0]))
        }
        Nargs::Remainder => "...".into(),
        Nargs::Parser => format!("{} ...", m(1)[0]),
        Nargs::Exact(n) => m(n).join(" "),
    }
}

pub(super) fn default_metavar(action: &Action) -> String {
    if action.is_positional() { action.dest.clone() } else { action.dest.to_uppercase() }
}

/// `_format_action_invocation`: `-v, --verbose` or `--name NAME` or `dest`.
pub(super) fn invocation(action: &Action) -> String {
    if action.is_positional() {
        return metavars(action, &action.dest, 1)[0].clone();
    }
    if action.nargs == Nargs::Exact(0) {
        return action.option_strings.join(", ");
    }
    let args = format_args(action, &default_metavar(action));
    action.option_strings.iter().map(|o| format!("{o} {args}")).collect::<Vec<_>>().join(", ")
}

/// `_format_actions_usage`: the actions (indices into the parser's, in the order shown),
/// a mutually exclusive group's run of them joined by `|` in `[...]` (or `(...)` when
/// one is required).
pub(super) fn actions_usage(parser: &Parser, actions: &[usize]) -> String {
    use std::collections::BTreeMap;
    let mut in_group: Vec<usize> = Vec::new();
    let mut inserts: BTreeMap<usize, String> = BTreeMap::new();
    let add = |inserts: &mut BTreeMap<usize, String>, at: usize, text: &str| {
        inserts.entry(at).and_modify(|t| *t = format!("{t} {text}")).or_insert_with(|| text.to_string());
    };
    for (group, required) in &parser.mutex {
        let Some(first) = group.first() else { continue };
        let Some(start) = actions.iter().position(|a| a == first) else { continue };
        let end = start + group.len();
        if actions.get(start..end) != Some(group.as_slice()) {
            continue;
        }
        in_group.extend(group);
        let exposed = group.iter().filter(|i| !parser.actions[**i].help_suppressed()).count();
        if !required {
            add(&mut inserts, start, "[");
            add(&mut inserts, end, "]");
        } else if exposed > 1 {
            add(&mut inserts, start, "(");
            add(&mut inserts, end, ")");
        }
        for i in start + 1..end {
            inserts.insert(i, "|".into());
        }
    }
    let mut parts: Vec<Option<String>> = Vec::new();
    for (i, index) in actions.iter().enumerate() {
        let action = &parser.actions[*index];
        if action.help_suppressed() {
            parts.push(None);
            if inserts.get(&i).is_some_and(|t| t == "|") {
                inserts.remove(&i);
            } else if inserts.get(&(i + 1)).is_some_and(|t| t == "|") {
                inserts.remove(&(i + 1));
            }
        } else if action.is_positional() {
            let mut part = format_args(action, &action.dest);
            if in_group.contains(index) && part.starts_with('[') && part.ends_with(']') {
                part = part[1..part.len() - 1].to_string();
            }
            parts.push(Some(part));
        } else {
            let option = &action.option_strings[0];
            let part = if action.nargs == Nargs::Exact(0) {
                option.clone()
            } else {
                format!("{option} {}", format_args(action, &default_metavar(action)))
            };
            let bracket = !action.required && !in_group.contains(index);
            parts.push(Some(if bracket { format!("[{part}]") } else { part }));
        }
    }
    for (at, text) in inserts.into_iter().rev() {
        parts.insert(at.min(parts.len()), Some(text));
    }
    let mut text = parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
    // `([\[(]) ` → `\1`, ` ([\])])` → `\1`, `[\[(] *[\])]` → ``
    for (from, to) in [("[ ", "["), ("( ", "("), (" ]", "]"), (" )", ")")] {
        while text.contains(from) {
            text = text.replace(from, to);
        }
    }
    for empty in ["[]", "()", "[)", "(]"] {
        text = text.replace(empty, "");
    }
    text.trim().to_string()
}

/// The usage's parts for wrapping: `\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+`.
pub(super) fn usage_parts(text: &str) -> Vec<String> {
    let c: Vec<char> = text.chars().collect();
    let n = c.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if c[i].is_whitespace() {
            i += 1;
            continue;
        }
        let bracketed = |open: char, close: char| -> Option<usize> {
            if c[i] != open {
                return None;
            }
            let mut k = i + 1;
            while k < n && c[k] != '\n' {
                if c[k] == close {
                    let mut end = k;
                    while end < n && c[end] == close {
                        end += 1;
                    }
                    if end == n || c[end].is_whitespace() {
                        return Some(end);
                    }
                }
                k += 1;
            }
            None
        };
        let end = bracketed('(', ')').or_else(|| bracketed('[', ']')).unwrap_or_else(|| {
            let mut e = i;
            while e < n && !c[e].is_whitespace() {
                e += 1;
            }
            e
        });
        out.push(c[i..end].iter().collect());
        i = end;
    }
    out
}

/// `format_usage()`: `usage: …` and a newline.
pub(super) fn format_usage(parser: &Parser) -> String {
    finish(&usage(parser))
}

/// `_format_usage`: `usage: prog [options] positionals`, wrapped as CPython wraps it.
pub(super) fn usage(parser: &Parser) -> String {
    let prefix = "usage: ";
    let prog = &parser.prog;
    if !parser.usage.is_none() {
        return format!("{prefix}{}\n\n", parser.usage.to_str().replace("%(prog)s", prog));
    }
    if parser.actions.is_empty() {
        return format!("{prefix}{prog}\n\n");
    }
    let kind = |positional: bool| -> Vec<usize> {
        (0..parser.actions.len()).filter(|i| parser.actions[*i].is_positional() == positional).collect()
    };
    let (optionals, positionals) = (kind(false), kind(true));
    let all: Vec<usize> = optionals.iter().chain(&positionals).copied().collect();
    let action_usage = actions_usage(parser, &all);
    let mut text = [prog.as_str(), action_usage.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let text_width = width();
    let len = |s: &str| s.chars().count() as i64;
    if len(prefix) + len(&text) > text_width {
        let opt_parts = usage_parts(&actions_usage(parser, &optionals));
        let pos_parts = usage_parts(&actions_usage(parser, &positionals));
        let get_lines = |parts: &[String], indent: &str, prefix: Option<&str>| -> Vec<String> {
            let mut lines = Vec::new();
            let mut line: Vec<&str> = Vec::new();
            let mut line_len = match prefix {
                Some(p) => len(p) - 1,
                None => len(indent) - 1,
            };
            for part in parts {
                if line_len + 1 + len(part) > text_width && !line.is_empty() {
                    lines.push(format!("{indent}{}", line.join(" ")));
                    line.clear();
                    line_len = len(indent) - 1;
                }
                line.push(part);
                line_len += len(part) + 1;
            }
            if !line.is_empty() {
                lines.push(format!("{indent}{}", line.join(" ")));
            }
            if prefix.is_some()
                && let Some(first) = lines.first_mut()
            {
                *first = first.chars().skip(indent.chars().count()).collect();
            }
            lines
        };
        let lines: Vec<String> = if (len(prefix) + len(prog)) as f64 <= 0.75 * text_width as f64 {
            let indent = " ".repeat((len(prefix) + len(prog) + 1) as usize);
            let with_prog = |parts: &[String]| {
                let mut v = vec![prog.clone()];
                v.extend(parts.iter().cloned());
                v
            };
            if !opt_parts.is_empty() {
                let mut lines = get_lines(&with_prog(&opt_parts), &indent, Some(prefix));
                lines.extend(get_lines(&pos_parts, &indent, None));
                lines
            } else if !pos_parts.is_empty() {
                get_lines(&with_prog(&pos_parts), &indent, Some(prefix))
            } else {
                vec![prog.clone()]
            }
        } else {
            let indent = " ".repeat(len(prefix) as usize);
            let parts: Vec<String> = opt_parts.iter().chain(&pos_parts).cloned().collect();
            let mut lines = get_lines(&parts, &indent, None);
            if lines.len() > 1 {
                lines = get_lines(&opt_parts, &indent, None);
                lines.extend(get_lines(&pos_parts, &indent, None));
            }
            let mut all = vec![prog.clone()];
            all.extend(lines);
            all
        };
        text = lines.join("\n");
    }
    format!("{prefix}{text}\n\n")
}

/// `_expand_help`: `%(default)s`, `%(prog)s`, `%(type)s`, `%(choices)s` … in a help text.
pub(super) fn expand_help(action: &Action, prog: &str, help: &str) -> PyResult<String> {
    let named = |v: &Value| -> String {
        match attrs::getattr(v, "__name__") {
            Ok(n) if !matches!(v, Value::Str(_)) && !v.is_none() => n.to_str(),
            _ => ops::str_of(v).unwrap_or_default(),
        }
    };
    let lookup = |key: &str| -> Option<Value> {
        let v = match key {
            "prog" => Value::str(prog),
            "dest" => Value::str(&action.dest),
            "default" => action.default.clone(),
            "const" => action.const_.clone(),
            "type" => action.type_.clone(),
            "choices" if !action.choices.is_none() => {
                let items = ops::iterate(&action.choices).unwrap_or_default();
                let strs: Vec<String> = items.iter().map(|c| ops::str_of(c).unwrap_or_default()).collect();
                Value::str(strs.join(", "))
            }
            "choices" => Value::None,
            "required" => Value::Bool(action.required),
            "help" => action.help.clone(),
            "metavar" => action.metavar.clone(),
            "nargs" => action.nargs_value.clone(),
            "option_strings" => new_list(action.option_strings.iter().map(Value::str).collect()),
            _ => return None,
        };
        if is_suppress(&v) { None } else { Some(v) }
    };
    let mut out = String::new();
    let mut rest = help;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(r) = after.strip_prefix('%') {
            out.push('%');
            rest = r;
        } else if let Some(r) = after.strip_prefix('(')
            && let Some(close) = r.find(')')
        {
            let key = &r[..close];
            let conv = r[close + 1..].chars().next().unwrap_or('s');
            let v = lookup(key).ok_or_else(|| PyException::new(KEY_ERROR, key.to_string()))?;
            out.push_str(&match conv {
                'r' => repr_of(&v),
                'd' => v.to_str(),
                _ if key == "type" => named(&v),
                _ => ops::str_of(&v)?,
            });
            rest = &r[close + 1 + conv.len_utf8().min(r.len() - close - 1)..];
        } else {
            out.push('%');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// `format_help()`.
pub(super) fn format_help(parser: &Parser) -> PyResult<String> {
    let mut f = HelpText::new(&parser.prog, parser.formatter);
    let mut out = usage(parser);
    if !parser.description.is_none() {
        out.push_str(&f.text(&parser.description.to_str(), 0));
    }
    // The invocation column: the longest shown invocation, indented 2 (as sections are).
    let shown = |a: &&Action| !a.help_suppressed();
    let mut max_len = 0i64;
    for g in &parser.groups {
        for a in g.actions.iter().map(|i| &parser.actions[*i]).filter(shown) {
            let longest = std::iter::once(invocation(a))
                .chain(subactions(a).iter().map(invocation))
                .map(|i| i.chars().count() as i64)
                .max()
                .unwrap_or(0);
            max_len = max_len.max(longest + 2);
        }
    }
    for g in &parser.groups {
        let mut items = String::new();
        if !g.description.is_none() {
            items.push_str(&f.text(&g.description.to_str(), 2));
        }
        for a in g.actions.iter().map(|i| &parser.actions[*i]).filter(shown) {
            items.push_str(&format_action(&f, a, max_len, 2)?);
            for sub in subactions(a) {
                items.push_str(&format_action(&f, &sub, max_len, 4)?);
            }
        }
        if items.is_empty() {
            continue;
        }
        let heading = if g.title.is_none() || is_suppress(&g.title) {
            String::new()
        } else {
            format!("{}:\n", g.title.to_str())
        };
        out.push_str(&format!("\n{heading}{items}\n"));
    }
    if !parser.epilog.is_none() {
        out.push_str(&f.text(&parser.epilog.to_str(), 0));
    }
    Ok(finish(&out))
}

/// A sub-parsers action's lines under it: one for each sub-parser added with `help=`,
/// named by its name and aliases (CPython's `_ChoicesPseudoAction`).
fn subactions(action: &Action) -> Vec<Action> {
    let Some(parsers) = &action.parsers else { return Vec::new() };
    parsers
        .borrow()
        .iter()
        .filter_map(|p| {
            let help = p.help.clone()?;
            let mut metavar = p.name.clone();
            if !p.aliases.is_empty() {
                metavar = format!("{metavar} ({})", p.aliases.join(", "));
            }
            let mut pseudo = action.clone();
            pseudo.parsers = None;
            pseudo.dest = p.name.clone();
            pseudo.metavar = Value::str(metavar);
            pseudo.help = help;
            pseudo.nargs = Nargs::One;
            Some(pseudo)
        })
        .collect()
}

/// `_format_action`: the invocation, then the help at the help column.
pub(super) fn format_action(f: &HelpText, action: &Action, max_len: i64, indent: i64) -> PyResult<String> {
    let help_position = (max_len + 2).min(f.max_help_position);
    let help_width = (f.width - help_position).max(11);
    let action_width = help_position - indent - 2;
    let header = invocation(action);
    let pad = " ".repeat(indent as usize);
    let help_text = match &action.help {
        Value::None => None,
        h => Some(h.to_str()),
    };
    let help_text = help_text.map(|mut h| {
        if f.formatter == Formatter::ArgumentDefaults
            && !h.contains("%(default)")
            && !is_suppress(&action.default)
            && (!action.is_positional() || matches!(action.nargs, Nargs::Optional | Nargs::ZeroOrMore))
        {
            h.push_str(" (default: %(default)s)");
        }
        h
    });
    let has_help = help_text.as_deref().is_some_and(|h| !h.is_empty());
    let (mut out, indent_first) = if !has_help {
        (format!("{pad}{header}\n"), 0)
    } else if header.chars().count() as i64 <= action_width {
        (format!("{pad}{header:<width$}  ", width = action_width.max(0) as usize), 0)
    } else {
        (format!("{pad}{header}\n"), help_position)
    };
    if let Some(h) = help_text.filter(|h| !h.trim().is_empty()) {
        let expanded = expand_help(action, &f.prog, &h)?;
        let lines: Vec<String> = if f.formatter == Formatter::RawText {
            expanded.lines().map(str::to_string).collect()
        } else {
            wrap_text(&collapse(&expanded), help_width)
        };
        if let Some(first) = lines.first() {
            out.push_str(&format!("{}{first}\n", " ".repeat(indent_first as usize)));
            for line in &lines[1..] {
                out.push_str(&format!("{}{line}\n", " ".repeat(help_position as usize)));
            }
        }
    } else if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// `parser.error(message)`: the usage and `prog: error: message` on stderr, then
/// `SystemExit(2)` (returned, for the caller to raise).
pub(super) fn error(p: &Shared, message: &str) -> PyException {
    let (usage, prog) = {
        let parser = p.borrow();
        (format_usage(&parser), parser.prog.clone())
    };
    crate::python::builtins::write_out(&usage, true);
    crate::python::builtins::write_out(&format!("{prog}: error: {message}\n"), true);
    PyException::with_args(SYSTEM_EXIT, vec![Value::Int(2)])
}
