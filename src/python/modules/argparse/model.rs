//! `argparse`'s objects: the actions `add_argument` makes (what each does, how many
//! arguments it takes) and the parser's state (its actions, groups and defaults), which
//! the parse and the help read.

use std::cell::RefCell;
use std::rc::Rc;

use crate::exception::*;
use crate::python::objects::*;
use crate::value::Value;

/// `argparse.SUPPRESS`.
pub(super) const SUPPRESS: &str = "==SUPPRESS==";

pub(super) fn is_suppress(v: &Value) -> bool {
    v.as_str() == Some(SUPPRESS)
}

pub(super) fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

pub(super) fn value_error(msg: impl Into<String>) -> PyException {
    PyException::new(VALUE_ERROR, msg.into())
}

// ---------------------------------------------------------------- actions

/// What an action does with what it matched.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Kind {
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
    /// `add_subparsers()`: the first argument names a sub-parser, which parses the rest.
    Parsers,
}

impl Kind {
    pub(super) fn class_name(self) -> &'static str {
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
            Kind::Parsers => "_SubParsersAction",
        }
    }
}

/// How many arguments an action takes.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Nargs {
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
    /// `argparse.PARSER` (`'A...'`): a sub-parser's name and all that follows.
    Parser,
}

/// One `add_argument`.
#[derive(Clone)]
pub(super) struct Action {
    pub(super) kind: Kind,
    pub(super) option_strings: Vec<String>,
    pub(super) dest: String,
    pub(super) nargs: Nargs,
    /// `nargs` as given, for reprs.
    pub(super) nargs_value: Value,
    pub(super) const_: Value,
    pub(super) default: Value,
    pub(super) type_: Value,
    pub(super) choices: Value,
    pub(super) required: bool,
    pub(super) help: Value,
    pub(super) metavar: Value,
    pub(super) version: Value,
    /// For `add_subparsers()`: the sub-parsers, in the order added.
    pub(super) parsers: Option<Rc<RefCell<Vec<SubParser>>>>,
}

/// One `add_parser(name, aliases=…, help=…)`.
pub(super) struct SubParser {
    pub(super) name: String,
    pub(super) aliases: Vec<String>,
    pub(super) help: Option<Value>,
    pub(super) parser: Shared,
}

impl Action {
    /// The names a sub-parsers action accepts (each parser's name, then its aliases).
    pub(super) fn parser_names(&self) -> Vec<String> {
        let Some(ps) = &self.parsers else { return Vec::new() };
        ps.borrow()
            .iter()
            .flat_map(|p| std::iter::once(p.name.clone()).chain(p.aliases.iter().cloned()))
            .collect()
    }
}

impl Action {
    pub(super) fn is_positional(&self) -> bool {
        self.option_strings.is_empty()
    }

    pub(super) fn help_suppressed(&self) -> bool {
        is_suppress(&self.help)
    }

    /// `_get_action_name`: how errors name it.
    pub(super) fn name(&self) -> Option<String> {
        if !self.option_strings.is_empty() {
            Some(self.option_strings.join("/"))
        } else if !self.metavar.is_none() && !is_suppress(&self.metavar) {
            Some(self.metavar.to_str())
        } else if self.dest != SUPPRESS {
            Some(self.dest.clone())
        } else if self.parsers.is_some() {
            Some(format!("{{{}}}", self.parser_names().join(",")))
        } else {
            None
        }
    }

    pub(super) fn repr(&self) -> String {
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

// ---------------------------------------------------------------- the parser

/// Which `formatter_class`.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Formatter {
    Plain,
    RawDescription,
    RawText,
    ArgumentDefaults,
}

/// A titled list of actions in the help.
pub(super) struct Group {
    pub(super) title: Value,
    pub(super) description: Value,
    pub(super) actions: Vec<usize>,
}

/// An `ArgumentParser`.
pub(super) struct Parser {
    pub(super) prog: String,
    pub(super) usage: Value,
    pub(super) description: Value,
    pub(super) epilog: Value,
    pub(super) formatter: Formatter,
    pub(super) argument_default: Value,
    pub(super) allow_abbrev: bool,
    pub(super) exit_on_error: bool,
    pub(super) add_help: bool,
    pub(super) actions: Vec<Action>,
    pub(super) groups: Vec<Group>,
    /// `add_mutually_exclusive_group()`s: their actions (indices), and whether one is required.
    pub(super) mutex: Vec<(Vec<usize>, bool)>,
    pub(super) defaults: Vec<(String, Value)>,
}

pub(super) type Shared = Rc<RefCell<Parser>>;

pub(super) fn kwarg(k: &[(Rc<str>, Value)], name: &str) -> Option<Value> {
    k.iter().find(|(n, _)| &**n == name).map(|(_, v)| v.clone())
}

thread_local! {
    /// This program's `argparse.Namespace` class and `ArgumentTypeError`/`ArgumentError`.
    pub(super) static CLASSES: RefCell<Option<(Rc<Class>, ExcClass, ExcClass)>> = const { RefCell::new(None) };
}

pub(super) fn namespace_class() -> Rc<Class> {
    CLASSES.with(|c| c.borrow().as_ref().map(|c| c.0.clone())).expect("argparse imported")
}

pub(super) fn argument_type_error() -> Option<ExcClass> {
    CLASSES.with(|c| c.borrow().as_ref().map(|c| c.1))
}
