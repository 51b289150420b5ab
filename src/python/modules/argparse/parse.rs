//! `argparse`'s parse, as `_parse_known_args` does it: the arguments become a pattern
//! (`O` an option, `A` an argument, `-` for `--`), each action's `nargs` a pattern of
//! atoms matched against it greedily, and positionals are consumed between the options.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::exception::*;
use crate::python::attrs;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

use indexmap::IndexMap;

use super::help::{HelpText, error, finish, format_help};
use super::model::{
    Action, CLASSES, Kind, Nargs, Parser, SUPPRESS, Shared, argument_type_error, is_suppress, kwarg,
    namespace_class, type_error,
};

// ---------------------------------------------------------------- parsing

/// Where a sub-parser leaves the arguments it did not recognize, for its parent.
const UNRECOGNIZED: &str = "_unrecognized_args";

/// Why a parse stopped: an `ArgumentError` (its text), or anything else raised.
pub(super) enum Fail {
    Arg(String),
    Py(PyException),
}

impl From<PyException> for Fail {
    fn from(e: PyException) -> Fail {
        Fail::Py(e)
    }
}

pub(super) fn arg_error(action: &Action, message: &str) -> Fail {
    match action.name() {
        Some(n) => Fail::Arg(format!("argument {n}: {message}")),
        None => Fail::Arg(message.to_string()),
    }
}

/// One atom of a nargs pattern: a character class repeated `min..=max` times.
#[derive(Clone, Copy)]
pub(super) struct Atom {
    set: &'static str,
    min: usize,
    max: usize,
}

pub(super) const MANY: usize = usize::MAX;

/// `_get_nargs_pattern`, as atoms (an optional's has no `-`).
pub(super) fn nargs_pattern(action: &Action) -> Vec<Atom> {
    let dash = Atom { set: "-", min: 0, max: MANY };
    let a = |min, max| Atom { set: "A", min, max };
    let mut atoms = match action.nargs {
        Nargs::One => vec![dash, a(1, 1), dash],
        Nargs::Optional => vec![dash, a(0, 1), dash],
        Nargs::ZeroOrMore => vec![dash, Atom { set: "A-", min: 0, max: MANY }],
        Nargs::OneOrMore => vec![dash, a(1, 1), Atom { set: "A-", min: 0, max: MANY }],
        Nargs::Remainder => vec![Atom { set: "-AO", min: 0, max: MANY }],
        Nargs::Parser => vec![dash, a(1, 1), Atom { set: "-AO", min: 0, max: MANY }],
        Nargs::Exact(n) => {
            let mut v = vec![dash];
            for i in 0..n {
                if i > 0 {
                    v.push(dash);
                }
                v.push(a(1, 1));
            }
            v.push(dash);
            v
        }
    };
    if !action.is_positional() {
        atoms.retain(|x| x.set != "-");
        for x in &mut atoms {
            x.set = match x.set {
                "A-" => "A",
                "-AO" => "AO",
                s => s,
            };
        }
    }
    atoms
}

/// `re.match` of the groups' concatenated patterns at the start of `s`, greedily: the
/// length each group matched, or None.
pub(super) fn match_groups(groups: &[Vec<Atom>], s: &[u8]) -> Option<Vec<usize>> {
    let atoms: Vec<(usize, Atom)> =
        groups.iter().enumerate().flat_map(|(g, atoms)| atoms.iter().map(move |a| (g, *a))).collect();
    let mut counts = vec![0usize; atoms.len()];
    fn rec(atoms: &[(usize, Atom)], k: usize, pos: usize, s: &[u8], counts: &mut [usize]) -> bool {
        if k == atoms.len() {
            return true;
        }
        let atom = atoms[k].1;
        let mut run = 0;
        while pos + run < s.len() && run < atom.max && atom.set.as_bytes().contains(&s[pos + run]) {
            run += 1;
        }
        if run < atom.min {
            return false;
        }
        let mut n = run;
        loop {
            counts[k] = n;
            if rec(atoms, k + 1, pos + n, s, counts) {
                return true;
            }
            if n == atom.min {
                return false;
            }
            n -= 1;
        }
    }
    if !rec(&atoms, 0, 0, s, &mut counts) {
        return None;
    }
    let mut out = vec![0; groups.len()];
    for ((g, _), n) in atoms.iter().zip(&counts) {
        out[*g] += n;
    }
    Some(out)
}

/// `_match_argument`: how many arguments an option takes from the pattern.
pub(super) fn match_argument(action: &Action, pattern: &[u8]) -> Result<usize, Fail> {
    match match_groups(&[nargs_pattern(action)], pattern) {
        Some(v) => Ok(v[0]),
        None => {
            let msg = match action.nargs {
                Nargs::One => "expected one argument".to_string(),
                Nargs::Optional => "expected at most one argument".to_string(),
                Nargs::OneOrMore => "expected at least one argument".to_string(),
                Nargs::Exact(n) => format!("expected {n} argument{}", if n == 1 { "" } else { "s" }),
                _ => "expected arguments".to_string(),
            };
            Err(arg_error(action, &msg))
        }
    }
}

/// `^-\d+$|^-\d*\.\d+$`.
pub(super) fn looks_negative(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-') else { return false };
    let all_digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if !rest.is_empty() && all_digits(rest) {
        return true;
    }
    match rest.split_once('.') {
        Some((a, b)) => all_digits(a) && !b.is_empty() && all_digits(b),
        None => false,
    }
}

/// What `_parse_optional` makes of one argument: not an option, or (the action if
/// known, the option string, an explicit `=value`).
pub(super) type OptionTuple = (Option<usize>, String, Option<String>);

pub(super) fn parse_optional(p: &Shared, parser: &Parser, arg: &str) -> Result<Option<OptionTuple>, Fail> {
    let find = |s: &str| parser.actions.iter().position(|a| a.option_strings.iter().any(|o| o == s));
    if arg.is_empty() || !arg.starts_with('-') {
        return Ok(None);
    }
    if let Some(i) = find(arg) {
        return Ok(Some((Some(i), arg.to_string(), None)));
    }
    if arg.chars().count() == 1 {
        return Ok(None);
    }
    if let Some((opt, explicit)) = arg.split_once('=')
        && let Some(i) = find(opt)
    {
        return Ok(Some((Some(i), opt.to_string(), Some(explicit.to_string()))));
    }
    let tuples = option_tuples(parser, arg);
    if tuples.len() > 1 {
        let options: Vec<&str> = tuples.iter().map(|t| t.1.as_str()).collect();
        return Err(Fail::Py(error(
            p,
            &format!("ambiguous option: {arg} could match {}", options.join(", ")),
        )));
    }
    if let Some(t) = tuples.into_iter().next() {
        return Ok(Some(t));
    }
    if looks_negative(arg)
        && !parser.actions.iter().any(|a| a.option_strings.iter().any(|o| looks_negative(o)))
    {
        return Ok(None);
    }
    if arg.contains(' ') {
        return Ok(None);
    }
    Ok(Some((None, arg.to_string(), None)))
}

/// `_get_option_tuples`: the options an abbreviation may stand for.
pub(super) fn option_tuples(parser: &Parser, arg: &str) -> Vec<OptionTuple> {
    let mut out = Vec::new();
    let all =
        parser.actions.iter().enumerate().flat_map(|(i, a)| a.option_strings.iter().map(move |o| (i, o)));
    if arg.starts_with("--") {
        if parser.allow_abbrev {
            let (prefix, explicit) = match arg.split_once('=') {
                Some((p, e)) => (p, Some(e.to_string())),
                None => (arg, None),
            };
            for (i, o) in all {
                if o.starts_with(prefix) {
                    out.push((Some(i), o.clone(), explicit.clone()));
                }
            }
        }
    } else {
        let short: String = arg.chars().take(2).collect();
        let short_explicit: String = arg.chars().skip(2).collect();
        for (i, o) in all {
            if *o == short {
                out.push((Some(i), o.clone(), Some(short_explicit.clone())));
            } else if o.starts_with(arg) {
                out.push((Some(i), o.clone(), None));
            }
        }
    }
    out
}

/// `parse_known_args(args=None, namespace=None)`.
pub(super) fn parse_known_args(
    p: &Shared,
    a: &[Value],
    k: &[(Rc<str>, Value)],
) -> PyResult<(Value, Vec<String>)> {
    let args_value = a.first().cloned().or_else(|| kwarg(k, "args")).unwrap_or_default();
    let args: Vec<String> = match &args_value {
        Value::None => crate::python::argv().into_iter().skip(1).collect(),
        v => {
            let mut out = Vec::new();
            for item in ops::iterate(v)? {
                match item.as_str() {
                    Some(s) => out.push(s.to_string()),
                    None => {
                        return Err(type_error(format!(
                            "'{}' object is not subscriptable",
                            item.type_name()
                        )));
                    }
                }
            }
            out
        }
    };
    let ns = match a.get(1).cloned().or_else(|| kwarg(k, "namespace")).filter(|n| !n.is_none()) {
        Some(n) => n,
        None => {
            let class = namespace_class();
            Value::Obj(Rc::new(Instance { class, dict: RefCell::new(IndexMap::new()) }))
        }
    };
    let parser = p.borrow();
    let has = |name: &str| attrs::getattr(&ns, name).is_ok();
    for action in &parser.actions {
        if action.dest != SUPPRESS && !has(&action.dest) && !is_suppress(&action.default) {
            attrs::setattr(&ns, &action.dest, action.default.clone())?;
        }
    }
    for (dest, v) in &parser.defaults {
        if !has(dest) {
            attrs::setattr(&ns, dest, v.clone())?;
        }
    }
    let exit_on_error = parser.exit_on_error;
    drop(parser);
    match parse_inner(p, args, &ns) {
        Ok(mut extras) => {
            if let Ok(more) = attrs::getattr(&ns, UNRECOGNIZED) {
                extras.extend(ops::iterate(&more)?.iter().map(|v| v.to_str()));
                attrs::delattr(&ns, UNRECOGNIZED)?;
            }
            Ok((ns, extras))
        }
        Err(Fail::Py(e)) => Err(e),
        Err(Fail::Arg(msg)) if exit_on_error => Err(error(p, &msg)),
        Err(Fail::Arg(msg)) => {
            let class = CLASSES.with(|c| c.borrow().as_ref().map(|c| c.2)).unwrap_or(VALUE_ERROR);
            Err(PyException::new(class, msg))
        }
    }
}

/// `_parse_known_args`: consumes the arguments, optionals and positionals in turn.
pub(super) fn parse_inner(p: &Shared, args: Vec<String>, ns: &Value) -> Result<Vec<String>, Fail> {
    let parser_ref = p.borrow();
    let parser: &Parser = &parser_ref;
    let mut option_indices: BTreeMap<usize, OptionTuple> = BTreeMap::new();
    let mut pattern = Vec::with_capacity(args.len());
    let mut it = args.iter().enumerate();
    while let Some((i, arg)) = it.next() {
        if arg == "--" {
            pattern.push(b'-');
            let rest = it.by_ref().count();
            pattern.extend(std::iter::repeat_n(b'A', rest));
            break;
        }
        match parse_optional(p, parser, arg)? {
            None => pattern.push(b'A'),
            Some(t) => {
                option_indices.insert(i, t);
                pattern.push(b'O');
            }
        }
    }
    let mut seen: Vec<usize> = Vec::new();
    let mut extras: Vec<String> = Vec::new();
    let mut positionals: Vec<usize> =
        parser.actions.iter().enumerate().filter(|(_, a)| a.is_positional()).map(|(i, _)| i).collect();

    // The actions given a value other than their default, for mutually exclusive groups.
    let non_default: RefCell<Vec<usize>> = RefCell::new(Vec::new());
    let take_action = |index: usize, strings: Vec<String>, seen: &mut Vec<usize>| -> Result<(), Fail> {
        seen.push(index);
        let action = &parser.actions[index];
        let values = get_values(action, strings)?;
        let is_default = matches!(&values, Values::One(v) if ops::is(v, &action.default));
        if !is_default {
            non_default.borrow_mut().push(index);
            for (group, _) in parser.mutex.iter().filter(|(g, _)| g.contains(&index)) {
                if let Some(other) = group.iter().find(|o| **o != index && non_default.borrow().contains(o)) {
                    let name = parser.actions[*other].name().unwrap_or_default();
                    return Err(arg_error(action, &format!("not allowed with argument {name}")));
                }
            }
        }
        run_action(parser, action, ns, values)
    };

    let consume_optional =
        |start: usize, seen: &mut Vec<usize>, extras: &mut Vec<String>| -> Result<usize, Fail> {
            let (mut action, mut option, mut explicit) = option_indices[&start].clone();
            let mut tuples: Vec<(usize, Vec<String>, String)> = Vec::new();
            let stop;
            loop {
                let Some(ai) = action else {
                    extras.push(args[start].clone());
                    return Ok(start + 1);
                };
                let act = &parser.actions[ai];
                if let Some(ex) = explicit.clone() {
                    let count = match_argument(act, b"A")?;
                    let second = option.chars().nth(1);
                    if count == 0 && second != Some('-') && !ex.is_empty() {
                        tuples.push((ai, Vec::new(), option.clone()));
                        let first = option.chars().next().unwrap_or('-');
                        let mut chars = ex.chars();
                        let c = chars.next().expect("a character");
                        option = format!("{first}{c}");
                        let rest: String = chars.collect();
                        let new_explicit = if rest.is_empty() { None } else { Some(rest) };
                        match parser.actions.iter().position(|a| a.option_strings.contains(&option)) {
                            Some(next) => {
                                action = Some(next);
                                explicit = new_explicit;
                            }
                            None => {
                                return Err(arg_error(
                                    act,
                                    &format!("ignored explicit argument {}", Value::str(&ex).repr()),
                                ));
                            }
                        }
                    } else if count == 1 {
                        stop = start + 1;
                        tuples.push((ai, vec![ex], option.clone()));
                        break;
                    } else {
                        return Err(arg_error(
                            act,
                            &format!("ignored explicit argument {}", Value::str(&ex).repr()),
                        ));
                    }
                } else {
                    let from = start + 1;
                    let count = match_argument(act, &pattern[from..])?;
                    stop = from + count;
                    tuples.push((ai, args[from..stop].to_vec(), option.clone()));
                    break;
                }
            }
            for (ai, strings, _) in tuples {
                take_action(ai, strings, seen)?;
            }
            Ok(stop)
        };

    let consume_positionals =
        |start: usize, positionals: &mut Vec<usize>, seen: &mut Vec<usize>| -> Result<usize, Fail> {
            let mut counts = Vec::new();
            for n in (1..=positionals.len()).rev() {
                let groups: Vec<Vec<Atom>> =
                    positionals[..n].iter().map(|i| nargs_pattern(&parser.actions[*i])).collect();
                if let Some(c) = match_groups(&groups, &pattern[start..]) {
                    counts = c;
                    break;
                }
            }
            let mut index = start;
            for (ai, count) in positionals.iter().zip(&counts) {
                let strings = args[index..index + count].to_vec();
                index += count;
                take_action(*ai, strings, seen)?;
            }
            positionals.drain(..counts.len());
            Ok(index)
        };

    let mut start = 0;
    let max_option = option_indices.keys().next_back().copied();
    while max_option.is_some_and(|m| start <= m) {
        let next_option = *option_indices.range(start..).next().expect("an option ahead").0;
        if start != next_option {
            let end = consume_positionals(start, &mut positionals, &mut seen)?;
            if end > start {
                start = end;
                continue;
            }
            start = end;
        }
        if !option_indices.contains_key(&start) {
            extras.extend(args[start..next_option].iter().cloned());
            start = next_option;
        }
        start = consume_optional(start, &mut seen, &mut extras)?;
    }
    let stop = consume_positionals(start, &mut positionals, &mut seen)?;
    extras.extend(args[stop..].iter().cloned());

    let mut required = Vec::new();
    for (i, action) in parser.actions.iter().enumerate() {
        if seen.contains(&i) {
            continue;
        }
        if action.required {
            required.push(action.name().unwrap_or_default());
        } else if let Value::Str(d) = &action.default
            && let Ok(Value::Str(now)) = attrs::getattr(ns, &action.dest)
            && Rc::ptr_eq(d, &now)
        {
            let v = get_value(action, d)?;
            attrs::setattr(ns, &action.dest, v)?;
        }
    }
    let missing_group = parser
        .mutex
        .iter()
        .find(|(group, required)| *required && !group.iter().any(|i| non_default.borrow().contains(i)));
    let group_names = missing_group.map(|(group, _)| {
        let names: Vec<String> = group
            .iter()
            .map(|i| &parser.actions[*i])
            .filter(|a| !a.help_suppressed())
            .filter_map(|a| a.name())
            .collect();
        names.join(" ")
    });
    drop(parser_ref);
    if !required.is_empty() {
        return Err(Fail::Py(error(
            p,
            &format!("the following arguments are required: {}", required.join(", ")),
        )));
    }
    if let Some(names) = group_names {
        return Err(Fail::Py(error(p, &format!("one of the arguments {names} is required"))));
    }
    Ok(extras)
}

/// The value an action gets: one converted string, a list of them, or its default/const.
pub(super) enum Values {
    One(Value),
    Many(Vec<Value>),
}

impl Values {
    fn value(self) -> Value {
        match self {
            Values::One(v) => v,
            Values::Many(v) => new_list(v),
        }
    }
}

/// `_get_values`.
pub(super) fn get_values(action: &Action, mut strings: Vec<String>) -> Result<Values, Fail> {
    if !matches!(action.nargs, Nargs::Remainder | Nargs::Parser)
        && let Some(i) = strings.iter().position(|s| s == "--")
    {
        strings.remove(i);
    }
    if strings.is_empty() && action.nargs == Nargs::Optional {
        let mut value = if action.is_positional() { action.default.clone() } else { action.const_.clone() };
        if let Value::Str(s) = &value {
            value = get_value(action, s)?;
            check_value(action, &value)?;
        }
        return Ok(Values::One(value));
    }
    if strings.is_empty() && action.nargs == Nargs::ZeroOrMore && action.is_positional() {
        let value = if action.default.is_none() { new_list(vec![]) } else { action.default.clone() };
        check_value(action, &value)?;
        return Ok(Values::One(value));
    }
    if strings.len() == 1 && matches!(action.nargs, Nargs::One | Nargs::Optional) {
        let value = get_value(action, &strings[0])?;
        check_value(action, &value)?;
        return Ok(Values::One(value));
    }
    let mut values = Vec::with_capacity(strings.len());
    for s in &strings {
        values.push(get_value(action, s)?);
    }
    if action.nargs == Nargs::Parser {
        let names = action.parser_names();
        let first = strings.first().cloned().unwrap_or_default();
        if !names.contains(&first) {
            let shown: Vec<String> = names.iter().map(|n| Value::str(n).repr()).collect();
            return Err(arg_error(
                action,
                &format!("invalid choice: {} (choose from {})", Value::str(&first).repr(), shown.join(", ")),
            ));
        }
        return Ok(Values::Many(strings.iter().map(Value::str).collect()));
    }
    if action.nargs != Nargs::Remainder {
        for v in &values {
            check_value(action, v)?;
        }
    }
    Ok(Values::Many(values))
}

/// `_get_value`: the string through the action's `type`.
pub(super) fn get_value(action: &Action, s: &str) -> Result<Value, Fail> {
    if action.type_.is_none() {
        return Ok(Value::str(s));
    }
    match call(&action.type_, vec![Value::str(s)], vec![]) {
        Ok(v) => Ok(v),
        Err(e) => {
            if argument_type_error().is_some_and(|c| e.is_instance(c)) {
                let msg = ops::str_of(&Value::Exception(e))?;
                return Err(arg_error(action, &msg));
            }
            if e.is_instance(TYPE_ERROR) || e.is_instance(VALUE_ERROR) {
                let name = attrs::getattr(&action.type_, "__name__")
                    .map(|n| n.to_str())
                    .unwrap_or_else(|_| repr_of(&action.type_));
                return Err(arg_error(action, &format!("invalid {name} value: {}", Value::str(s).repr())));
            }
            Err(Fail::Py(e))
        }
    }
}

/// `_check_value`: the value is one of the choices.
pub(super) fn check_value(action: &Action, value: &Value) -> Result<(), Fail> {
    if action.choices.is_none() || ops::contains(&action.choices, value)? {
        return Ok(());
    }
    let choices: Vec<String> = ops::iterate(&action.choices)?.iter().map(repr_of).collect();
    Err(arg_error(
        action,
        &format!("invalid choice: {} (choose from {})", repr_of(value), choices.join(", ")),
    ))
}

/// What an action does with its values.
pub(super) fn run_action(parser: &Parser, action: &Action, ns: &Value, values: Values) -> Result<(), Fail> {
    let items = || -> PyResult<Vec<Value>> {
        match attrs::getattr(ns, &action.dest) {
            Ok(Value::None) | Err(_) => Ok(Vec::new()),
            Ok(v) => ops::iterate(&v),
        }
    };
    match action.kind {
        Kind::Store => attrs::setattr(ns, &action.dest, values.value())?,
        Kind::StoreConst | Kind::StoreTrue | Kind::StoreFalse => {
            attrs::setattr(ns, &action.dest, action.const_.clone())?
        }
        Kind::Append => {
            let mut list = items()?;
            list.push(values.value());
            attrs::setattr(ns, &action.dest, new_list(list))?;
        }
        Kind::AppendConst => {
            let mut list = items()?;
            list.push(action.const_.clone());
            attrs::setattr(ns, &action.dest, new_list(list))?;
        }
        Kind::Extend => {
            let mut list = items()?;
            list.extend(ops::iterate(&values.value())?);
            attrs::setattr(ns, &action.dest, new_list(list))?;
        }
        Kind::Count => {
            let count = match attrs::getattr(ns, &action.dest) {
                Ok(Value::None) | Err(_) => Value::Int(0),
                Ok(v) => v,
            };
            let next = ops::binary(crate::python::code::BinOp::Add, &count, &Value::Int(1))?;
            attrs::setattr(ns, &action.dest, next)?;
        }
        Kind::Help => {
            let text = format_help(parser)?;
            crate::python::builtins::write_out(&text, false);
            return Err(Fail::Py(PyException::with_args(SYSTEM_EXIT, vec![Value::Int(0)])));
        }
        Kind::Parsers => {
            let Values::Many(values) = values else { return Ok(()) };
            let name = values.first().map(|v| v.to_str()).unwrap_or_default();
            if action.dest != SUPPRESS {
                attrs::setattr(ns, &action.dest, Value::str(&name))?;
            }
            let sub = action.parsers.as_ref().and_then(|ps| {
                ps.borrow()
                    .iter()
                    .find(|p| p.name == name || p.aliases.contains(&name))
                    .map(|p| p.parser.clone())
            });
            let Some(sub) = sub else { return Ok(()) };
            let rest = new_list(values[1..].to_vec());
            let (sub_ns, extras) = parse_known_args(&sub, &[rest], &[])?;
            if let Some(inst) = downcast::<Instance>(&sub_ns) {
                let items: Vec<(Rc<str>, Value)> =
                    inst.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                for (k, v) in items {
                    attrs::setattr(ns, &k, v)?;
                }
            }
            if !extras.is_empty() {
                let mut all = match attrs::getattr(ns, UNRECOGNIZED) {
                    Ok(v) => ops::iterate(&v)?,
                    Err(_) => Vec::new(),
                };
                all.extend(extras.into_iter().map(Value::str));
                attrs::setattr(ns, UNRECOGNIZED, new_list(all))?;
            }
        }
        Kind::Version => {
            let version = ops::str_of(&action.version)?;
            let mut f = HelpText::new(&parser.prog, parser.formatter);
            let text = f.text(&version, 0);
            let text = finish(&text);
            crate::python::builtins::write_out(&text, false);
            return Err(Fail::Py(PyException::with_args(SYSTEM_EXIT, vec![Value::Int(0)])));
        }
    }
    Ok(())
}
