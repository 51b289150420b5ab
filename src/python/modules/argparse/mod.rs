//! `argparse`: CPython 3.11's `Lib/argparse.py` for the command lines course programs
//! parse — positional and optional arguments, `type`, `default`, `choices`, `nargs`,
//! the store/append/count actions, argument groups, mutually exclusive groups and
//! subcommands, `--help` laid out exactly as CPython lays it out, and errors worded as
//! CPython words them (the usage, then `prog: error: …` on stderr, exit status 2).
//!
//! The parse is CPython's: the arguments become a pattern (`O` an option, `A` an
//! argument, `-` for `--`), each action's `nargs` a pattern to match against it, and
//! positionals are consumed greedily between the options, as `_parse_known_args` does.
//! The help is `HelpFormatter`'s: the usage wrapped to the width (`$COLUMNS`, else the
//! terminal's, else 80, less 2 — as CPython finds it), help texts wrapped at the help
//! column (at most 24). `Namespace` is a class of the program's kind, so its
//! attributes read, change and print as CPython's do.
//!
//! Not simulated: `parents=`, `fromfile_prefix_chars`, prefix characters other than `-`,
//! `FileType`, and `parse_intermixed_args`.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import argparse\np = argparse.ArgumentParser(prog='t')\np.add_argument('n', type=int)\np.add_argument('-v', action='store_true')\nprint(p.parse_args(['3', '-v']))\n",
//! );
//! assert_eq!(out, "Namespace(n=3, v=True)\n");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

use super::module as make_module;
use crate::exception::*;
use crate::python::attrs;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

mod help;
mod model;
mod parse;

use help::{error, format_help, format_usage};
use model::*;
use parse::parse_known_args;

/// What `add_argument` returns: the action, to read.
struct ActionObject(Action);

impl NativeObject for ActionObject {
    fn type_name(&self) -> &str {
        self.0.kind.class_name()
    }
    fn repr(&self) -> String {
        self.0.repr()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let a = &self.0;
        Ok(match name {
            "option_strings" => new_list(a.option_strings.iter().map(Value::str).collect()),
            "dest" => Value::str(&a.dest),
            "nargs" => a.nargs_value.clone(),
            "const" => a.const_.clone(),
            "default" => a.default.clone(),
            "type" => a.type_.clone(),
            "choices" => a.choices.clone(),
            "required" => Value::Bool(a.required),
            "help" => a.help.clone(),
            "metavar" => a.metavar.clone(),
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'{}' object has no attribute '{name}'", a.kind.class_name()),
                ));
            }
        })
    }
}

/// Where `add_argument` puts an action: the parser, an argument group, a mutually
/// exclusive group (made in the parser or in an argument group).
#[derive(Clone, Copy, Default)]
struct Place {
    /// `add_argument_group`'s group `i` (None: by kind, positional or option).
    group: Option<usize>,
    /// `add_mutually_exclusive_group`'s group `i`.
    mutex: Option<usize>,
}

/// The program's view of a parser (or of one of its groups).
struct ParserObject {
    parser: Shared,
    place: Place,
}

impl NativeObject for ParserObject {
    fn type_name(&self) -> &str {
        match (self.place.mutex, self.place.group) {
            (Some(_), _) => "_MutuallyExclusiveGroup",
            (None, Some(_)) => "_ArgumentGroup",
            (None, None) => "ArgumentParser",
        }
    }
    fn repr(&self) -> String {
        let p = self.parser.borrow();
        if self.place.group.is_some() || self.place.mutex.is_some() {
            return format!(
                "<argparse.{} object at {}>",
                self.type_name(),
                fake_address(Rc::as_ptr(&self.parser) as *const ())
            );
        }
        let formatter = match p.formatter {
            Formatter::Plain => "HelpFormatter",
            Formatter::RawDescription => "RawDescriptionHelpFormatter",
            Formatter::RawText => "RawTextHelpFormatter",
            Formatter::ArgumentDefaults => "ArgumentDefaultsHelpFormatter",
        };
        format!(
            "ArgumentParser(prog={}, usage={}, description={}, formatter_class=<class 'argparse.{formatter}'>, conflict_handler='error', add_help={})",
            Value::str(&p.prog).repr(),
            repr_of(&p.usage),
            repr_of(&p.description),
            if p.add_help { "True" } else { "False" }
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let p = self.parser.clone();
        let place = self.place;
        let m = |f: fn(&Shared, Place, Vec<Value>, Kwargs) -> PyResult| {
            let p = p.clone();
            Builtin::value(name, move |a, k| f(&p, place, a, k))
        };
        Ok(match name {
            "add_argument" => m(add_argument),
            "add_argument_group" => m(|p, _, a, k| {
                let title = a.first().cloned().or_else(|| kwarg(&k, "title")).unwrap_or_default();
                let description = a.get(1).cloned().or_else(|| kwarg(&k, "description")).unwrap_or_default();
                let mut parser = p.borrow_mut();
                parser.groups.push(Group { title, description, actions: Vec::new() });
                let i = parser.groups.len() - 1;
                Ok(Native::value(ParserObject {
                    parser: p.clone(),
                    place: Place { group: Some(i), mutex: None },
                }))
            }),
            "add_subparsers" => m(add_subparsers),
            "add_mutually_exclusive_group" => m(|p, place, a, k| {
                if !a.is_empty() {
                    return Err(type_error(format!(
                        "_ActionsContainer.add_mutually_exclusive_group() takes 1 positional argument but {} were given",
                        a.len() + 1
                    )));
                }
                let required = kwarg(&k, "required").is_some_and(|r| r.truthy());
                let mut parser = p.borrow_mut();
                parser.mutex.push((Vec::new(), required));
                let i = parser.mutex.len() - 1;
                Ok(Native::value(ParserObject {
                    parser: p.clone(),
                    place: Place { group: place.group, mutex: Some(i) },
                }))
            }),
            "parse_args" => m(|p, _, a, k| {
                let (ns, extras) = parse_known_args(p, &a, &k)?;
                if !extras.is_empty() {
                    return Err(error(p, &format!("unrecognized arguments: {}", extras.join(" "))));
                }
                Ok(ns)
            }),
            "parse_known_args" => m(|p, _, a, k| {
                let (ns, extras) = parse_known_args(p, &a, &k)?;
                Ok(Value::tuple([ns, new_list(extras.into_iter().map(Value::str).collect())]))
            }),
            "format_help" => m(|p, _, _, _| Ok(Value::str(format_help(&p.borrow())?))),
            "format_usage" => m(|p, _, _, _| Ok(Value::str(format_usage(&p.borrow())))),
            "print_help" => m(|p, _, a, k| {
                let text = format_help(&p.borrow())?;
                print_to(a.first().cloned().or_else(|| kwarg(&k, "file")), &text, false)?;
                Ok(Value::None)
            }),
            "print_usage" => m(|p, _, a, k| {
                let text = format_usage(&p.borrow());
                print_to(a.first().cloned().or_else(|| kwarg(&k, "file")), &text, false)?;
                Ok(Value::None)
            }),
            "error" => m(|p, _, a, _| {
                let msg = ops::str_of(&a.first().cloned().unwrap_or_default())?;
                Err(error(p, &msg))
            }),
            "exit" => m(|_, _, a, k| {
                let status = a.first().cloned().or_else(|| kwarg(&k, "status")).unwrap_or(Value::Int(0));
                if let Some(msg) = a.get(1).cloned().or_else(|| kwarg(&k, "message")).filter(|m| m.truthy()) {
                    crate::python::builtins::write_out(&ops::str_of(&msg)?, true);
                }
                Err(PyException::with_args(SYSTEM_EXIT, vec![status]))
            }),
            "set_defaults" => m(|p, _, _, k| {
                let mut parser = p.borrow_mut();
                for (name, v) in &k {
                    match parser.defaults.iter_mut().find(|(n, _)| **n == **name) {
                        Some(slot) => slot.1 = v.clone(),
                        None => parser.defaults.push((name.to_string(), v.clone())),
                    }
                    for action in parser.actions.iter_mut().filter(|a| a.dest == **name) {
                        action.default = v.clone();
                    }
                }
                Ok(Value::None)
            }),
            "get_default" => m(|p, _, a, _| {
                let dest = ops::str_of(&a.first().cloned().unwrap_or_default())?;
                let parser = p.borrow();
                if let Some(a) = parser.actions.iter().find(|a| a.dest == dest && !a.default.is_none()) {
                    return Ok(a.default.clone());
                }
                Ok(parser
                    .defaults
                    .iter()
                    .find(|(n, _)| *n == dest)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default())
            }),
            "prog" => Value::str(&self.parser.borrow().prog),
            "description" => self.parser.borrow().description.clone(),
            "epilog" => self.parser.borrow().epilog.clone(),
            "usage" => self.parser.borrow().usage.clone(),
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'{}' object has no attribute '{name}'", self.type_name()),
                ));
            }
        })
    }
}

/// Writes to a file object (`sys.stdout`, `sys.stderr`) or, without one, stdout/stderr.
fn print_to(file: Option<Value>, text: &str, stderr: bool) -> PyResult<()> {
    if text.is_empty() {
        return Ok(());
    }
    match file.filter(|f| !f.is_none()) {
        Some(f) => {
            let write = attrs::getattr(&f, "write")?;
            call(&write, vec![Value::str(text)], vec![])?;
        }
        None => crate::python::builtins::write_out(text, stderr),
    }
    Ok(())
}

// ---------------------------------------------------------------- the module

/// A class for the program, with builtin methods in its namespace.
fn make_class(name: &str, methods: Vec<(&str, Value)>, exc: Option<ExcClass>) -> Rc<Class> {
    let dict: IndexMap<Rc<str>, Value> = methods.into_iter().map(|(k, v)| (Rc::from(k), v)).collect();
    Rc::new(Class {
        name: Rc::from(name),
        qualname: Rc::from(name),
        bases: Vec::new(),
        dict: RefCell::new(dict),
        exc,
    })
}

/// The attributes of a Namespace instance, in order.
fn ns_items(v: &Value) -> Vec<(Rc<str>, Value)> {
    downcast::<Instance>(v)
        .map(|i| i.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// A Namespace method's `self`: called through the class without one, CPython's error.
fn self_arg<'a>(a: &'a [Value], method: &str) -> PyResult<&'a Value> {
    a.first().ok_or_else(|| {
        type_error(format!("Namespace.{method}() missing 1 required positional argument: 'self'"))
    })
}

fn namespace_methods() -> Vec<(&'static str, Value)> {
    vec![
        (
            "__init__",
            Builtin::value("__init__", |a, k| {
                let this = a.first().cloned().unwrap_or_default();
                if a.len() > 1 {
                    return Err(type_error(format!(
                        "Namespace.__init__() takes 1 positional argument but {} were given",
                        a.len()
                    )));
                }
                for (name, v) in k {
                    attrs::setattr(&this, &name, v)?;
                }
                Ok(Value::None)
            }),
        ),
        (
            "__repr__",
            Builtin::value("__repr__", |a, _| {
                let mut parts = Vec::new();
                let mut stars = Vec::new();
                for (k, v) in ns_items(self_arg(&a, "__repr__")?) {
                    let identifier = k.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                        && k.chars().all(|c| c.is_alphanumeric() || c == '_');
                    if identifier {
                        parts.push(format!("{k}={}", repr(&v)?));
                    } else {
                        stars.push(format!("{}: {}", Value::Str(k.clone()).repr(), repr(&v)?));
                    }
                }
                if !stars.is_empty() {
                    parts.push(format!("**{{{}}}", stars.join(", ")));
                }
                Ok(Value::str(format!("Namespace({})", parts.join(", "))))
            }),
        ),
        (
            "__eq__",
            Builtin::value("__eq__", |a, _| {
                let other = a.get(1).cloned().unwrap_or_default();
                let same_class =
                    downcast::<Instance>(&other).is_some_and(|i| Rc::ptr_eq(&i.class, &namespace_class()));
                if !same_class {
                    return Ok(
                        crate::python::builtins::lookup("NotImplemented").unwrap_or(Value::Bool(false))
                    );
                }
                let (x, y) = (ns_items(self_arg(&a, "__eq__")?), ns_items(&other));
                if x.len() != y.len() {
                    return Ok(Value::Bool(false));
                }
                for (k, v) in &x {
                    let Some((_, w)) = y.iter().find(|(n, _)| n == k) else { return Ok(Value::Bool(false)) };
                    if !ops::eq(v, w)? {
                        return Ok(Value::Bool(false));
                    }
                }
                Ok(Value::Bool(true))
            }),
        ),
        (
            "__contains__",
            Builtin::value("__contains__", |a, _| {
                let key = a.get(1).and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default();
                Ok(Value::Bool(ns_items(self_arg(&a, "__contains__")?).iter().any(|(k, _)| **k == *key)))
            }),
        ),
    ]
}

/// The module.
pub fn module() -> Value {
    let namespace = make_class("Namespace", namespace_methods(), None);
    let type_error_class = ExcClass::define("ArgumentTypeError", EXCEPTION);
    let arg_error_class = ExcClass::define("ArgumentError", EXCEPTION);
    let ate = make_class("ArgumentTypeError", vec![], Some(type_error_class));
    let ae = make_class("ArgumentError", vec![], Some(arg_error_class));
    register_exc_class(type_error_class, ate.clone());
    register_exc_class(arg_error_class, ae.clone());
    CLASSES.with(|c| *c.borrow_mut() = Some((namespace.clone(), type_error_class, arg_error_class)));
    let formatter = |name: &'static str| Value::str(format!("<class 'argparse.{name}'>"));
    make_module(
        "argparse",
        vec![
            ("ArgumentParser", Builtin::value("ArgumentParser", new_parser)),
            ("Namespace", Value::Obj(namespace)),
            ("ArgumentTypeError", Value::Obj(ate)),
            ("ArgumentError", Value::Obj(ae)),
            ("SUPPRESS", Value::str(SUPPRESS)),
            ("OPTIONAL", Value::str("?")),
            ("ZERO_OR_MORE", Value::str("*")),
            ("ONE_OR_MORE", Value::str("+")),
            ("REMAINDER", Value::str("...")),
            ("HelpFormatter", formatter("HelpFormatter")),
            ("RawDescriptionHelpFormatter", formatter("RawDescriptionHelpFormatter")),
            ("RawTextHelpFormatter", formatter("RawTextHelpFormatter")),
            ("ArgumentDefaultsHelpFormatter", formatter("ArgumentDefaultsHelpFormatter")),
        ],
    )
}

/// `ArgumentParser(prog=None, usage=None, description=None, epilog=None, …)`.
fn new_parser(a: Vec<Value>, k: Kwargs) -> PyResult {
    const NAMES: [&str; 13] = [
        "prog",
        "usage",
        "description",
        "epilog",
        "parents",
        "formatter_class",
        "prefix_chars",
        "fromfile_prefix_chars",
        "argument_default",
        "conflict_handler",
        "add_help",
        "allow_abbrev",
        "exit_on_error",
    ];
    if a.len() > NAMES.len() {
        return Err(type_error(format!(
            "ArgumentParser.__init__() takes from 1 to 14 positional arguments but {} were given",
            a.len() + 1
        )));
    }
    let mut opts: Vec<Option<Value>> = a.into_iter().map(Some).collect();
    opts.resize(NAMES.len(), None);
    for (name, v) in k {
        let Some(i) = NAMES.iter().position(|n| **n == *name) else {
            return Err(type_error(format!(
                "ArgumentParser.__init__() got an unexpected keyword argument '{name}'"
            )));
        };
        opts[i] = Some(v);
    }
    let get = |name: &str| opts[NAMES.iter().position(|n| *n == name).expect("a parameter")].clone();
    if get("parents").is_some_and(|p| ops::len(&p).unwrap_or(0) > 0) {
        return Err(type_error("corosim does not simulate argparse's parents="));
    }
    if get("prefix_chars").is_some_and(|p| p.as_str() != Some("-")) {
        return Err(type_error("corosim simulates argparse with prefix_chars='-' only"));
    }
    let prog = match get("prog").filter(|p| !p.is_none()) {
        Some(p) => ops::str_of(&p)?,
        None => {
            let argv0 = crate::python::argv().first().cloned().unwrap_or_default();
            argv0.rsplit('/').next().unwrap_or("").to_string()
        }
    };
    let formatter = match get("formatter_class").map(|f| f.to_str()) {
        Some(f) if f.contains("RawDescriptionHelpFormatter") => Formatter::RawDescription,
        Some(f) if f.contains("RawTextHelpFormatter") => Formatter::RawText,
        Some(f) if f.contains("ArgumentDefaultsHelpFormatter") => Formatter::ArgumentDefaults,
        _ => Formatter::Plain,
    };
    let flag = |name: &str| get(name).is_none_or(|v| v.truthy());
    let parser = Parser {
        prog,
        usage: get("usage").unwrap_or_default(),
        description: get("description").unwrap_or_default(),
        epilog: get("epilog").unwrap_or_default(),
        formatter,
        argument_default: get("argument_default").unwrap_or_default(),
        allow_abbrev: flag("allow_abbrev"),
        exit_on_error: flag("exit_on_error"),
        add_help: flag("add_help"),
        actions: Vec::new(),
        groups: vec![
            Group {
                title: Value::str("positional arguments"),
                description: Value::None,
                actions: Vec::new(),
            },
            Group { title: Value::str("options"), description: Value::None, actions: Vec::new() },
        ],
        mutex: Vec::new(),
        defaults: Vec::new(),
    };
    let add_help = parser.add_help;
    let shared = Rc::new(RefCell::new(parser));
    if add_help {
        add_argument(
            &shared,
            Place::default(),
            vec![Value::str("-h"), Value::str("--help")],
            vec![
                (Rc::from("action"), Value::str("help")),
                (Rc::from("default"), Value::str(SUPPRESS)),
                (Rc::from("help"), Value::str("show this help message and exit")),
            ],
        )?;
    }
    Ok(Native::value(ParserObject { parser: shared, place: Place::default() }))
}

/// `add_subparsers(title=, description=, dest=, required=, help=, metavar=, prog=)`: an
/// action whose first argument picks a sub-parser (made by its `add_parser`).
fn add_subparsers(p: &Shared, _place: Place, a: Vec<Value>, k: Kwargs) -> PyResult {
    if !a.is_empty() {
        return Err(type_error(format!(
            "ArgumentParser.add_subparsers() takes 1 positional argument but {} were given",
            a.len() + 1
        )));
    }
    if p.borrow().actions.iter().any(|a| a.kind == Kind::Parsers) {
        return Err(error(p, "cannot have multiple subparser arguments"));
    }
    let get = |name: &str| kwarg(&k, name);
    let group = if get("title").is_some() || get("description").is_some() {
        let mut parser = p.borrow_mut();
        let title = get("title").unwrap_or_else(|| Value::str("subcommands"));
        parser.groups.push(Group {
            title,
            description: get("description").unwrap_or_default(),
            actions: Vec::new(),
        });
        parser.groups.len() - 1
    } else {
        0
    };
    let prefix = match get("prog").filter(|v| !v.is_none()) {
        Some(v) => ops::str_of(&v)?,
        None => {
            let parser = p.borrow();
            let positionals: Vec<usize> =
                (0..parser.actions.len()).filter(|i| parser.actions[*i].is_positional()).collect();
            let rest = help::actions_usage(&parser, &positionals);
            if parser.usage.is_none() {
                [parser.prog.clone(), rest]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                parser.usage.to_str().replace("%(prog)s", &parser.prog)
            }
        }
    };
    let action = Action {
        kind: Kind::Parsers,
        option_strings: Vec::new(),
        dest: get("dest").filter(|d| !d.is_none()).map_or_else(|| SUPPRESS.to_string(), |d| d.to_str()),
        nargs: Nargs::Parser,
        nargs_value: Value::str("A..."),
        const_: Value::None,
        default: Value::None,
        type_: Value::None,
        choices: Value::None,
        required: get("required").is_some_and(|r| r.truthy()),
        help: get("help").unwrap_or_default(),
        metavar: get("metavar").unwrap_or_default(),
        version: Value::None,
        parsers: Some(Rc::new(RefCell::new(Vec::new()))),
    };
    let mut parser = p.borrow_mut();
    parser.actions.push(action);
    let index = parser.actions.len() - 1;
    parser.groups[group].actions.push(index);
    Ok(Native::value(SubparsersObject { parent: p.clone(), index, prefix }))
}

/// What `add_subparsers()` returns: `add_parser` adds a sub-parser.
struct SubparsersObject {
    parent: Shared,
    index: usize,
    prefix: String,
}

impl NativeObject for SubparsersObject {
    fn type_name(&self) -> &str {
        "_SubParsersAction"
    }
    fn repr(&self) -> String {
        self.parent.borrow().actions[self.index].repr()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        if name != "add_parser" {
            return Err(PyException::new(
                ATTRIBUTE_ERROR,
                format!("'_SubParsersAction' object has no attribute '{name}'"),
            ));
        }
        let this = this.clone();
        Ok(Builtin::value("add_parser", move |a, k| {
            let Some(me) = downcast::<Native>(&this).and_then(|n| n.get::<SubparsersObject>()) else {
                return Ok(Value::None);
            };
            let name = a.first().map(|n| n.to_str()).ok_or_else(|| {
                type_error("_SubParsersAction.add_parser() missing 1 required positional argument: 'name'")
            })?;
            let mut kwargs: Kwargs = Vec::new();
            let (mut help, mut aliases) = (None, Vec::new());
            for (key, v) in k {
                match &*key {
                    "help" => help = Some(v),
                    "aliases" => aliases = ops::iterate(&v)?.iter().map(|x| x.to_str()).collect(),
                    _ => kwargs.push((key, v)),
                }
            }
            if !kwargs.iter().any(|(key, v)| &**key == "prog" && !v.is_none()) {
                kwargs.retain(|(key, _)| &**key != "prog");
                kwargs.push((Rc::from("prog"), Value::str(format!("{} {name}", me.prefix))));
            }
            let parsers = me.parent.borrow().actions[me.index].parsers.clone().expect("a subparsers action");
            let names = me.parent.borrow().actions[me.index].parser_names();
            let action_name = me.parent.borrow().actions[me.index].name().unwrap_or_default();
            if let Some(clash) = std::iter::once(&name).chain(&aliases).find(|n| names.contains(n)) {
                let what = if *clash == name { "subparser" } else { "subparser alias" };
                return Err(PyException::new(
                    CLASSES.with(|c| c.borrow().as_ref().map(|c| c.2)).unwrap_or(VALUE_ERROR),
                    format!("argument {}: conflicting {what}: {clash}", action_name),
                ));
            }
            let child = new_parser(a[1..].to_vec(), kwargs)?;
            let shared = downcast::<Native>(&child)
                .and_then(|n| n.get::<ParserObject>())
                .map(|o| o.parser.clone())
                .expect("a parser");
            parsers.borrow_mut().push(SubParser { name, aliases, help, parser: shared });
            Ok(child)
        }))
    }
}

/// `add_argument(*names_or_flags, **options)`.
fn add_argument(p: &Shared, place: Place, a: Vec<Value>, k: Kwargs) -> PyResult {
    let mut names = Vec::new();
    for v in &a {
        match v.as_str() {
            Some(s) => names.push(s.to_string()),
            None => return Err(type_error(format!("'{}' object is not subscriptable", v.type_name()))),
        }
    }
    let mut kw: IndexMap<String, Value> = k.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
    let positional = names.is_empty() || (names.len() == 1 && !names[0].starts_with('-'));
    let (option_strings, dest) = if positional {
        if !names.is_empty() && kw.contains_key("dest") {
            return Err(value_error("dest supplied twice for positional argument"));
        }
        if kw.contains_key("required") {
            return Err(type_error("'required' is an invalid argument for positionals"));
        }
        let dest = match names.first() {
            Some(d) => d.clone(),
            None => match kw.shift_remove("dest") {
                Some(d) => ops::str_of(&d)?,
                None => {
                    return Err(type_error(
                        "_ActionsContainer._get_positional_kwargs() missing 1 required positional argument: 'dest'",
                    ));
                }
            },
        };
        (Vec::new(), dest)
    } else {
        for n in &names {
            if !n.starts_with('-') {
                return Err(value_error(format!(
                    "invalid option string {}: must start with a character '-'",
                    Value::str(n).repr()
                )));
            }
        }
        let dest = match kw.shift_remove("dest").filter(|d| !d.is_none()) {
            Some(d) => ops::str_of(&d)?,
            None => {
                let long = names.iter().find(|n| n.len() > 1 && n[1..].starts_with('-'));
                let d = long.unwrap_or(&names[0]).trim_start_matches('-').to_string();
                if d.is_empty() {
                    return Err(value_error(format!(
                        "dest= is required for options like {}",
                        Value::str(&names[0]).repr()
                    )));
                }
                d.replace('-', "_")
            }
        };
        (names.clone(), dest)
    };
    let action_name = kw.get("action").map(|v| v.to_str());
    let kind = match action_name.as_deref() {
        None | Some("store") => Kind::Store,
        Some("store_const") => Kind::StoreConst,
        Some("store_true") => Kind::StoreTrue,
        Some("store_false") => Kind::StoreFalse,
        Some("append") => Kind::Append,
        Some("append_const") => Kind::AppendConst,
        Some("count") => Kind::Count,
        Some("help") => Kind::Help,
        Some("version") => Kind::Version,
        Some("extend") => Kind::Extend,
        Some(other) => return Err(value_error(format!("unknown action \"{other}\""))),
    };
    let flag_action = matches!(
        kind,
        Kind::StoreConst
            | Kind::StoreTrue
            | Kind::StoreFalse
            | Kind::AppendConst
            | Kind::Count
            | Kind::Help
            | Kind::Version
    );
    // What each action class's __init__ accepts, besides option_strings and dest.
    let accepts: &[&str] = match kind {
        Kind::Store | Kind::Append | Kind::Extend => {
            &["nargs", "const", "default", "type", "choices", "required", "help", "metavar"]
        }
        Kind::StoreConst | Kind::AppendConst => &["const", "default", "required", "help", "metavar"],
        Kind::StoreTrue | Kind::StoreFalse | Kind::Count => &["default", "required", "help"],
        Kind::Help => &["default", "help"],
        Kind::Version => &["version", "default", "help"],
        Kind::Parsers => &[],
    };
    if let Some(key) = kw.keys().find(|k| *k != "action" && !accepts.contains(&k.as_str())) {
        return Err(type_error(format!(
            "{}.__init__() got an unexpected keyword argument '{key}'",
            kind.class_name()
        )));
    }
    let nargs_value = kw.get("nargs").cloned().unwrap_or_default();
    let nargs = if flag_action {
        Nargs::Exact(0)
    } else {
        match &nargs_value {
            Value::None => Nargs::One,
            Value::Str(s) if &**s == "?" => Nargs::Optional,
            Value::Str(s) if &**s == "*" => Nargs::ZeroOrMore,
            Value::Str(s) if &**s == "+" => Nargs::OneOrMore,
            Value::Str(s) if &**s == "..." => Nargs::Remainder,
            Value::Int(n) if *n > 0 => Nargs::Exact(*n as usize),
            Value::Int(0) => {
                return Err(value_error(if matches!(kind, Kind::Append | Kind::Extend) {
                    "nargs for append actions must be != 0; if arg strings are not supplying the value to append, the append const action may be more appropriate"
                } else {
                    "nargs for store actions must be != 0; if you have nothing to store, actions such as store true or store const may be more appropriate"
                }));
            }
            _ => return Err(value_error("invalid nargs value")),
        }
    };
    let const_ = match kind {
        Kind::StoreTrue => Value::Bool(true),
        Kind::StoreFalse => Value::Bool(false),
        _ => kw.get("const").cloned().unwrap_or_default(),
    };
    if matches!(kind, Kind::Store | Kind::Append | Kind::Extend)
        && !const_.is_none()
        && nargs != Nargs::Optional
    {
        return Err(value_error("nargs must be '?' to supply const"));
    }
    let default = match kw.get("default") {
        Some(d) => d.clone(),
        None => {
            let parser = p.borrow();
            match parser.defaults.iter().find(|(n, _)| *n == dest) {
                Some((_, v)) => v.clone(),
                None if !parser.argument_default.is_none() => parser.argument_default.clone(),
                None => match kind {
                    Kind::StoreTrue => Value::Bool(false),
                    Kind::StoreFalse => Value::Bool(true),
                    Kind::Help | Kind::Version => Value::str(SUPPRESS),
                    _ => Value::None,
                },
            }
        }
    };
    let mut required = kw.get("required").is_some_and(|r| r.truthy());
    if positional {
        required = !matches!(nargs, Nargs::Optional | Nargs::ZeroOrMore)
            || (nargs == Nargs::ZeroOrMore && !kw.contains_key("default"));
    }
    let help = match kw.get("help") {
        Some(h) => h.clone(),
        None if kind == Kind::Version => Value::str("show program's version number and exit"),
        None => Value::None,
    };
    let dest = if matches!(kind, Kind::Help | Kind::Version) && !kw.contains_key("dest") && !positional {
        SUPPRESS.to_string()
    } else {
        dest
    };
    let action = Action {
        kind,
        option_strings,
        dest,
        nargs,
        nargs_value: if flag_action { Value::Int(0) } else { nargs_value },
        const_,
        default,
        type_: kw.get("type").cloned().unwrap_or_default(),
        choices: kw.get("choices").cloned().unwrap_or_default(),
        required,
        help,
        metavar: kw.get("metavar").cloned().unwrap_or_default(),
        version: kw.get("version").cloned().unwrap_or_default(),
        parsers: None,
    };
    if let Value::Tuple(t) = &action.metavar {
        let want = match action.nargs {
            Nargs::One | Nargs::Optional => 1,
            Nargs::OneOrMore => 2,
            Nargs::Exact(n) => n,
            _ => t.len(),
        };
        if t.len() != want && !(action.nargs == Nargs::ZeroOrMore && t.len() <= 2) {
            return Err(value_error("length of metavar tuple does not match nargs"));
        }
    }
    if place.mutex.is_some() && action.required {
        return Err(value_error("mutually exclusive arguments must be optional"));
    }
    let mut parser = p.borrow_mut();
    // _check_conflict
    for s in &action.option_strings {
        if parser.actions.iter().any(|a| a.option_strings.contains(s)) {
            let name = action.name().unwrap_or_default();
            return Err(PyException::new(
                CLASSES.with(|c| c.borrow().as_ref().map(|c| c.2)).unwrap_or(VALUE_ERROR),
                format!("argument {name}: conflicting option string: {s}"),
            ));
        }
    }
    let copy = action.clone();
    parser.actions.push(action);
    let index = parser.actions.len() - 1;
    let g = place.group.unwrap_or(if copy.is_positional() { 0 } else { 1 });
    parser.groups[g].actions.push(index);
    if let Some(m) = place.mutex {
        parser.mutex[m].0.push(index);
    }
    Ok(Native::value(ActionObject(copy)))
}
