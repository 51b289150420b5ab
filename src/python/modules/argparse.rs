//! `argparse`: CPython 3.11's `Lib/argparse.py` for the command lines course programs
//! parse — positional and optional arguments, `type`, `default`, `choices`, `nargs`,
//! the store/append/count actions, `--help` laid out exactly as CPython lays it out, and
//! errors worded as CPython words them (the usage, then `prog: error: …` on stderr, exit
//! status 2).
//!
//! The parse is CPython's: the arguments become a pattern (`O` an option, `A` an
//! argument, `-` for `--`), each action's `nargs` a pattern to match against it, and
//! positionals are consumed greedily between the options, as `_parse_known_args` does.
//! The help is `HelpFormatter`'s: the usage wrapped to the width (`$COLUMNS`, else 80,
//! less 2 — what CPython uses when its output is not a terminal), help texts wrapped at
//! the help column (at most 24). `Namespace` is a class of the program's kind, so its
//! attributes read, change and print as CPython's do.
//!
//! Not simulated: subparsers, mutually exclusive groups, parents, `fromfile_prefix_chars`,
//! prefix characters other than `-`, and `parse_intermixed_args`.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import argparse\np = argparse.ArgumentParser(prog='t')\np.add_argument('n', type=int)\np.add_argument('-v', action='store_true')\nprint(p.parse_args(['3', '-v']))\n",
//! );
//! assert_eq!(out, "Namespace(n=3, v=True)\n");
//! ```

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use indexmap::IndexMap;

use super::module as make_module;
use super::textwrap::{fill_text, wrap_text};
use crate::exception::*;
use crate::python::attrs;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

/// `argparse.SUPPRESS`.
const SUPPRESS: &str = "==SUPPRESS==";

fn is_suppress(v: &Value) -> bool {
    v.as_str() == Some(SUPPRESS)
}

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

fn value_error(msg: impl Into<String>) -> PyException {
    PyException::new(VALUE_ERROR, msg.into())
}

// ---------------------------------------------------------------- actions

/// What an action does with what it matched.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Store,
    StoreConst,
    StoreTrue,
    StoreFalse,
    Append,
    AppendConst,
    Count,
    Help,
    Version,
    Extend,
}

impl Kind {
    fn class_name(self) -> &'static str {
        match self {
            Kind::Store => "_StoreAction",
            Kind::StoreConst => "_StoreConstAction",
            Kind::StoreTrue => "_StoreTrueAction",
            Kind::StoreFalse => "_StoreFalseAction",
            Kind::Append => "_AppendAction",
            Kind::AppendConst => "_AppendConstAction",
            Kind::Count => "_CountAction",
            Kind::Help => "_HelpAction",
            Kind::Version => "_VersionAction",
            Kind::Extend => "_ExtendAction",
        }
    }
}

/// How many arguments an action takes.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Nargs {
    /// `nargs=None`: exactly one.
    One,
    /// `'?'`.
    Optional,
    /// `'*'`.
    ZeroOrMore,
    /// `'+'`.
    OneOrMore,
    /// `argparse.REMAINDER` (`'...'`).
    Remainder,
    /// An int (0 for the flag actions).
    Exact(usize),
}

/// One `add_argument`.
#[derive(Clone)]
struct Action {
    kind: Kind,
    option_strings: Vec<String>,
    dest: String,
    nargs: Nargs,
    /// `nargs` as given, for reprs.
    nargs_value: Value,
    const_: Value,
    default: Value,
    type_: Value,
    choices: Value,
    required: bool,
    help: Value,
    metavar: Value,
    version: Value,
}

impl Action {
    fn is_positional(&self) -> bool {
        self.option_strings.is_empty()
    }

    fn help_suppressed(&self) -> bool {
        is_suppress(&self.help)
    }

    /// `_get_action_name`: how errors name it.
    fn name(&self) -> Option<String> {
        if !self.option_strings.is_empty() {
            Some(self.option_strings.join("/"))
        } else if !self.metavar.is_none() && !is_suppress(&self.metavar) {
            Some(self.metavar.to_str())
        } else if self.dest != SUPPRESS {
            Some(self.dest.clone())
        } else {
            None
        }
    }

    fn repr(&self) -> String {
        let strings: Vec<String> = self.option_strings.iter().map(|s| Value::str(s).repr()).collect();
        let fields = [
            ("option_strings", format!("[{}]", strings.join(", "))),
            ("dest", Value::str(&self.dest).repr()),
            ("nargs", repr_of(&self.nargs_value)),
            ("const", repr_of(&self.const_)),
            ("default", repr_of(&self.default)),
            ("type", repr_of(&self.type_)),
            ("choices", repr_of(&self.choices)),
            ("required", if self.required { "True".into() } else { "False".into() }),
            ("help", repr_of(&self.help)),
            ("metavar", repr_of(&self.metavar)),
        ];
        let parts: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{}({})", self.kind.class_name(), parts.join(", "))
    }
}

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

// ---------------------------------------------------------------- the parser

/// Which `formatter_class`.
#[derive(Clone, Copy, PartialEq)]
enum Formatter {
    Plain,
    RawDescription,
    RawText,
    ArgumentDefaults,
}

/// A titled list of actions in the help.
struct Group {
    title: Value,
    description: Value,
    actions: Vec<usize>,
}

/// An `ArgumentParser`.
struct Parser {
    prog: String,
    usage: Value,
    description: Value,
    epilog: Value,
    formatter: Formatter,
    argument_default: Value,
    allow_abbrev: bool,
    exit_on_error: bool,
    add_help: bool,
    actions: Vec<Action>,
    groups: Vec<Group>,
    defaults: Vec<(String, Value)>,
}

type Shared = Rc<RefCell<Parser>>;

/// The program's view of a parser (or of one of its groups).
struct ParserObject {
    parser: Shared,
    /// `Some(i)`: this is `add_argument_group`'s group `i`.
    group: Option<usize>,
}

impl NativeObject for ParserObject {
    fn type_name(&self) -> &str {
        if self.group.is_some() { "_ArgumentGroup" } else { "ArgumentParser" }
    }
    fn repr(&self) -> String {
        let p = self.parser.borrow();
        if self.group.is_some() {
            return format!(
                "<argparse._ArgumentGroup object at {}>",
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
        let group = self.group;
        let m = |f: fn(&Shared, Option<usize>, Vec<Value>, Kwargs) -> PyResult| {
            let p = p.clone();
            Builtin::value(name, move |a, k| f(&p, group, a, k))
        };
        Ok(match name {
            "add_argument" => m(add_argument),
            "add_argument_group" => m(|p, _, a, k| {
                let title = a.first().cloned().or_else(|| kwarg(&k, "title")).unwrap_or_default();
                let description = a.get(1).cloned().or_else(|| kwarg(&k, "description")).unwrap_or_default();
                let mut parser = p.borrow_mut();
                parser.groups.push(Group { title, description, actions: Vec::new() });
                let i = parser.groups.len() - 1;
                Ok(Native::value(ParserObject { parser: p.clone(), group: Some(i) }))
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

fn kwarg(k: &[(Rc<str>, Value)], name: &str) -> Option<Value> {
    k.iter().find(|(n, _)| &**n == name).map(|(_, v)| v.clone())
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

/// `parser.error(message)`: the usage and `prog: error: message` on stderr, then
/// `SystemExit(2)` (returned, for the caller to raise).
fn error(p: &Shared, message: &str) -> PyException {
    let (usage, prog) = {
        let parser = p.borrow();
        (format_usage(&parser), parser.prog.clone())
    };
    crate::python::builtins::write_out(&usage, true);
    crate::python::builtins::write_out(&format!("{prog}: error: {message}\n"), true);
    PyException::with_args(SYSTEM_EXIT, vec![Value::Int(2)])
}

// ---------------------------------------------------------------- the module

thread_local! {
    /// This program's `argparse.Namespace` class and `ArgumentTypeError`/`ArgumentError`.
    static CLASSES: RefCell<Option<(Rc<Class>, ExcClass, ExcClass)>> = const { RefCell::new(None) };
}

fn namespace_class() -> Rc<Class> {
    CLASSES.with(|c| c.borrow().as_ref().map(|c| c.0.clone())).expect("argparse imported")
}

fn argument_type_error() -> Option<ExcClass> {
    CLASSES.with(|c| c.borrow().as_ref().map(|c| c.1))
}

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
                for (k, v) in ns_items(&a[0]) {
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
                let (x, y) = (ns_items(&a[0]), ns_items(&other));
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
                Ok(Value::Bool(ns_items(&a[0]).iter().any(|(k, _)| **k == *key)))
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
        defaults: Vec::new(),
    };
    let add_help = parser.add_help;
    let shared = Rc::new(RefCell::new(parser));
    if add_help {
        add_argument(
            &shared,
            None,
            vec![Value::str("-h"), Value::str("--help")],
            vec![
                (Rc::from("action"), Value::str("help")),
                (Rc::from("default"), Value::str(SUPPRESS)),
                (Rc::from("help"), Value::str("show this help message and exit")),
            ],
        )?;
    }
    Ok(Native::value(ParserObject { parser: shared, group: None }))
}

/// `add_argument(*names_or_flags, **options)`.
fn add_argument(p: &Shared, group: Option<usize>, a: Vec<Value>, k: Kwargs) -> PyResult {
    let mut names = Vec::new();
    for v in &a {
        match v.as_str() {
            Some(s) => names.push(s.to_string()),
            None => return Err(type_error(format!("'{}' object is not subscriptable", v.type_name()))),
        }
    }
    let mut kw: IndexMap<String, Value> = k.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
    const KNOWN: [&str; 11] = [
        "action", "nargs", "const", "default", "type", "choices", "required", "help", "metavar", "dest",
        "version",
    ];
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
    for key in kw.keys() {
        if !KNOWN.contains(&key.as_str()) {
            return Err(type_error(format!(
                "_StoreAction.__init__() got an unexpected keyword argument '{key}'"
            )));
        }
    }
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
    if flag_action {
        for key in ["nargs", "type", "choices"] {
            if kw.contains_key(key)
                && !(matches!(kind, Kind::StoreConst | Kind::AppendConst) && key == "metavar")
            {
                return Err(type_error(format!(
                    "{}.__init__() got an unexpected keyword argument '{key}'",
                    kind.class_name()
                )));
            }
        }
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
    let mut parser = p.borrow_mut();
    // _check_conflict
    for s in &action.option_strings {
        if let Some(other) = parser.actions.iter().find(|a| a.option_strings.contains(s)) {
            let _ = other;
            let name = action.name().unwrap_or_default();
            return Err(PyException::new(
                CLASSES.with(|c| c.borrow().as_ref().map(|c| c.2)).unwrap_or(VALUE_ERROR),
                format!("argument {name}: conflicting option string: {s}"),
            ));
        }
    }
    let repr = action.repr();
    let kind_name = action.kind;
    let copy = action.clone();
    parser.actions.push(action);
    let index = parser.actions.len() - 1;
    let g = group.unwrap_or(if copy.is_positional() { 0 } else { 1 });
    parser.groups[g].actions.push(index);
    let _ = (repr, kind_name);
    Ok(Native::value(ActionObject(copy)))
}

// ---------------------------------------------------------------- parsing

/// Why a parse stopped: an `ArgumentError` (its text), or anything else raised.
enum Fail {
    Arg(String),
    Py(PyException),
}

impl From<PyException> for Fail {
    fn from(e: PyException) -> Fail {
        Fail::Py(e)
    }
}

fn arg_error(action: &Action, message: &str) -> Fail {
    match action.name() {
        Some(n) => Fail::Arg(format!("argument {n}: {message}")),
        None => Fail::Arg(message.to_string()),
    }
}

/// One atom of a nargs pattern: a character class repeated `min..=max` times.
#[derive(Clone, Copy)]
struct Atom {
    set: &'static str,
    min: usize,
    max: usize,
}

const MANY: usize = usize::MAX;

/// `_get_nargs_pattern`, as atoms (an optional's has no `-`).
fn nargs_pattern(action: &Action) -> Vec<Atom> {
    let dash = Atom { set: "-", min: 0, max: MANY };
    let a = |min, max| Atom { set: "A", min, max };
    let mut atoms = match action.nargs {
        Nargs::One => vec![dash, a(1, 1), dash],
        Nargs::Optional => vec![dash, a(0, 1), dash],
        Nargs::ZeroOrMore => vec![dash, Atom { set: "A-", min: 0, max: MANY }],
        Nargs::OneOrMore => vec![dash, a(1, 1), Atom { set: "A-", min: 0, max: MANY }],
        Nargs::Remainder => vec![Atom { set: "-AO", min: 0, max: MANY }],
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
fn match_groups(groups: &[Vec<Atom>], s: &[u8]) -> Option<Vec<usize>> {
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
fn match_argument(action: &Action, pattern: &[u8]) -> Result<usize, Fail> {
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
fn looks_negative(s: &str) -> bool {
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
type OptionTuple = (Option<usize>, String, Option<String>);

fn parse_optional(p: &Shared, parser: &Parser, arg: &str) -> Result<Option<OptionTuple>, Fail> {
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
fn option_tuples(parser: &Parser, arg: &str) -> Vec<OptionTuple> {
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
fn parse_known_args(p: &Shared, a: &[Value], k: &[(Rc<str>, Value)]) -> PyResult<(Value, Vec<String>)> {
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
        Ok(extras) => Ok((ns, extras)),
        Err(Fail::Py(e)) => Err(e),
        Err(Fail::Arg(msg)) if exit_on_error => Err(error(p, &msg)),
        Err(Fail::Arg(msg)) => {
            let class = CLASSES.with(|c| c.borrow().as_ref().map(|c| c.2)).unwrap_or(VALUE_ERROR);
            Err(PyException::new(class, msg))
        }
    }
}

/// `_parse_known_args`: consumes the arguments, optionals and positionals in turn.
fn parse_inner(p: &Shared, args: Vec<String>, ns: &Value) -> Result<Vec<String>, Fail> {
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

    let take_action = |index: usize,
                       strings: Vec<String>,
                       option: Option<&str>,
                       seen: &mut Vec<usize>|
     -> Result<(), Fail> {
        seen.push(index);
        let action = &parser.actions[index];
        let values = get_values(action, strings)?;
        run_action(p, parser, action, ns, values, option)
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
            for (ai, strings, option) in tuples {
                take_action(ai, strings, Some(&option), seen)?;
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
                take_action(*ai, strings, None, seen)?;
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
    drop(parser_ref);
    if !required.is_empty() {
        return Err(Fail::Py(error(
            p,
            &format!("the following arguments are required: {}", required.join(", ")),
        )));
    }
    Ok(extras)
}

/// The value an action gets: one converted string, a list of them, or its default/const.
enum Values {
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
fn get_values(action: &Action, mut strings: Vec<String>) -> Result<Values, Fail> {
    if action.nargs != Nargs::Remainder
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
    if action.nargs != Nargs::Remainder {
        for v in &values {
            check_value(action, v)?;
        }
    }
    Ok(Values::Many(values))
}

/// `_get_value`: the string through the action's `type`.
fn get_value(action: &Action, s: &str) -> Result<Value, Fail> {
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
fn check_value(action: &Action, value: &Value) -> Result<(), Fail> {
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
fn run_action(
    p: &Shared,
    parser: &Parser,
    action: &Action,
    ns: &Value,
    values: Values,
    _option: Option<&str>,
) -> Result<(), Fail> {
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
            let _ = p;
            return Err(Fail::Py(PyException::with_args(SYSTEM_EXIT, vec![Value::Int(0)])));
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

// ---------------------------------------------------------------- help

/// The terminal width `HelpFormatter` uses, less 2.
fn width() -> i64 {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<i64>().ok()).filter(|c| *c > 0);
    columns.unwrap_or(80) - 2
}

/// `HelpFormatter`'s settings for one parser.
struct HelpText {
    prog: String,
    width: i64,
    max_help_position: i64,
    formatter: Formatter,
}

impl HelpText {
    fn new(prog: &str, formatter: Formatter) -> HelpText {
        let width = width();
        HelpText { prog: prog.to_string(), width, max_help_position: 24.min((width - 20).max(4)), formatter }
    }

    /// `_format_text` at `indent`.
    fn text(&mut self, text: &str, indent: i64) -> String {
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
fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `format_help`'s last step: runs of blank lines made one, one newline at the end.
fn finish(help: &str) -> String {
    let mut out = help.to_string();
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    let trimmed = out.trim_matches('\n');
    if trimmed.is_empty() { String::new() } else { format!("{trimmed}\n") }
}

/// `_metavar_formatter`: the metavar(s) shown for `n` arguments.
fn metavars(action: &Action, default: &str, n: usize) -> Vec<String> {
    if let Value::Tuple(t) = &action.metavar {
        return t.iter().map(|v| v.to_str()).collect();
    }
    let one = if !action.metavar.is_none() {
        action.metavar.to_str()
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
fn format_args(action: &Action, default: &str) -> String {
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
        Nargs::Exact(n) => m(n).join(" "),
    }
}

fn default_metavar(action: &Action) -> String {
    if action.is_positional() { action.dest.clone() } else { action.dest.to_uppercase() }
}

/// `_format_action_invocation`: `-v, --verbose` or `--name NAME` or `dest`.
fn invocation(action: &Action) -> String {
    if action.is_positional() {
        return metavars(action, &action.dest, 1)[0].clone();
    }
    if action.nargs == Nargs::Exact(0) {
        return action.option_strings.join(", ");
    }
    let args = format_args(action, &default_metavar(action));
    action.option_strings.iter().map(|o| format!("{o} {args}")).collect::<Vec<_>>().join(", ")
}

/// `_format_actions_usage` (without groups).
fn actions_usage(actions: &[&Action]) -> String {
    let mut parts = Vec::new();
    for action in actions {
        if action.help_suppressed() {
            continue;
        }
        if action.is_positional() {
            parts.push(format_args(action, &action.dest));
        } else {
            let option = &action.option_strings[0];
            let part = if action.nargs == Nargs::Exact(0) {
                option.clone()
            } else {
                format!("{option} {}", format_args(action, &default_metavar(action)))
            };
            parts.push(if action.required { part } else { format!("[{part}]") });
        }
    }
    let mut text = parts.join(" ");
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
fn usage_parts(text: &str) -> Vec<String> {
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
fn format_usage(parser: &Parser) -> String {
    finish(&usage(parser))
}

/// `_format_usage`: `usage: prog [options] positionals`, wrapped as CPython wraps it.
fn usage(parser: &Parser) -> String {
    let prefix = "usage: ";
    let prog = &parser.prog;
    if !parser.usage.is_none() {
        return format!("{prefix}{}\n\n", parser.usage.to_str().replace("%(prog)s", prog));
    }
    if parser.actions.is_empty() {
        return format!("{prefix}{prog}\n\n");
    }
    let optionals: Vec<&Action> = parser.actions.iter().filter(|a| !a.is_positional()).collect();
    let positionals: Vec<&Action> = parser.actions.iter().filter(|a| a.is_positional()).collect();
    let all: Vec<&Action> = optionals.iter().chain(&positionals).copied().collect();
    let action_usage = actions_usage(&all);
    let mut text = [prog.as_str(), action_usage.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let text_width = width();
    let len = |s: &str| s.chars().count() as i64;
    if len(prefix) + len(&text) > text_width {
        let opt_parts = usage_parts(&actions_usage(&optionals));
        let pos_parts = usage_parts(&actions_usage(&positionals));
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
fn expand_help(action: &Action, prog: &str, help: &str) -> PyResult<String> {
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
fn format_help(parser: &Parser) -> PyResult<String> {
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
            max_len = max_len.max(invocation(a).chars().count() as i64 + 2);
        }
    }
    for g in &parser.groups {
        let mut items = String::new();
        if !g.description.is_none() {
            items.push_str(&f.text(&g.description.to_str(), 2));
        }
        for a in g.actions.iter().map(|i| &parser.actions[*i]).filter(shown) {
            items.push_str(&format_action(&f, a, max_len, 2)?);
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

/// `_format_action`: the invocation, then the help at the help column.
fn format_action(f: &HelpText, action: &Action, max_len: i64, indent: i64) -> PyResult<String> {
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
