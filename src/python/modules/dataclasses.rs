//! `dataclasses`: CPython's `Lib/dataclasses.py` for plain data classes — `@dataclass`
//! reads the class's annotations (in order, a base dataclass's fields first) and adds the
//! `__init__`, `__repr__` and `__eq__` CPython would generate, with `order=True` the
//! comparisons, with `frozen=True` a `__setattr__`/`__delattr__` that refuse and (with
//! `eq`, or `unsafe_hash=True`) a `__hash__` of the compared fields' tuple, as CPython's
//! table of hash actions says; `eq` without it leaves instances unhashable (`__eq__`
//! without `__hash__`). A method the class defines itself is kept. `field(default=…, default_factory=…, init=…,
//! repr=…, compare=…)`, `fields`, `asdict`, `astuple`, `replace` and `is_dataclass` work
//! as in CPython, and misuse raises CPython's errors (a mutable default, a field without
//! a default after one with, a frozen field assigned).
//!
//! Not simulated: `kw_only`/`KW_ONLY`, `InitVar`, `slots=True`, `match_args`,
//! `field(hash=...)`, and string annotations naming `ClassVar`.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "from dataclasses import dataclass, field\n@dataclass\nclass P:\n    x: int\n    tags: list = field(default_factory=list)\nprint(P(1), P(1) == P(1))\n",
//! );
//! assert_eq!(out, "P(x=1, tags=[]) True\n");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

use super::module as make_module;
use crate::exception::*;
use crate::python::attrs;
use crate::python::code::CmpOp;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

/// One field: `field(...)`'s settings, and the name and type once in a class.
#[derive(Clone)]
struct Field {
    name: String,
    type_: Value,
    default: Option<Value>,
    factory: Option<Value>,
    init: bool,
    repr: bool,
    compare: bool,
}

impl NativeObject for Field {
    fn type_name(&self) -> &str {
        "Field"
    }
    fn repr(&self) -> String {
        let missing = "<dataclasses._MISSING_TYPE object>".to_string();
        format!(
            "Field(name={},type={},default={},default_factory={},init={},repr={},hash=None,compare={},metadata=mappingproxy({{}}),kw_only=False,_field_type=_FIELD)",
            if self.name.is_empty() { "None".into() } else { Value::str(&self.name).repr() },
            if self.type_.is_none() && self.name.is_empty() { "None".into() } else { repr_of(&self.type_) },
            self.default.as_ref().map_or(missing.clone(), repr_of),
            self.factory.as_ref().map_or(missing, repr_of),
            py_bool(self.init),
            py_bool(self.repr),
            py_bool(self.compare),
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let missing = || Value::str("<dataclasses._MISSING_TYPE object>");
        Ok(match name {
            "name" => Value::str(&self.name),
            "type" => self.type_.clone(),
            "default" => self.default.clone().unwrap_or_else(missing),
            "default_factory" => self.factory.clone().unwrap_or_else(missing),
            "init" => Value::Bool(self.init),
            "repr" => Value::Bool(self.repr),
            "compare" => Value::Bool(self.compare),
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'Field' object has no attribute '{name}'"),
                ));
            }
        })
    }
}

/// A generated method's `self`: called through the class without one, CPython's error.
fn self_arg<'a>(a: &'a [Value], method: &str) -> PyResult<&'a Value> {
    a.first().ok_or_else(|| type_error(format!("{method}() missing 1 required positional argument: 'self'")))
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

fn field_of(v: &Value) -> Option<&Field> {
    downcast::<Native>(v).and_then(|n| n.get::<Field>())
}

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

fn not_implemented() -> Value {
    crate::python::builtins::lookup("NotImplemented").unwrap_or_default()
}

thread_local! {
    /// This program's `FrozenInstanceError`.
    static FROZEN: RefCell<Option<ExcClass>> = const { RefCell::new(None) };
}

fn frozen_error(msg: String) -> PyException {
    PyException::new(FROZEN.with(|f| *f.borrow()).unwrap_or(ATTRIBUTE_ERROR), msg)
}

/// The module.
pub fn module() -> Value {
    let frozen = ExcClass::define("FrozenInstanceError", ATTRIBUTE_ERROR);
    let class = Rc::new(Class {
        name: Rc::from("FrozenInstanceError"),
        qualname: Rc::from("FrozenInstanceError"),
        bases: Vec::new(),
        dict: RefCell::new(IndexMap::new()),
        exc: Some(frozen),
    });
    register_exc_class(frozen, class.clone());
    FROZEN.with(|f| *f.borrow_mut() = Some(frozen));
    make_module(
        "dataclasses",
        vec![
            ("dataclass", Builtin::value("dataclass", dataclass)),
            ("field", Builtin::value("field", field)),
            ("fields", Builtin::value("fields", |a, _| fields_value(a.first().unwrap_or(&Value::None)))),
            (
                "asdict",
                Builtin::value("asdict", |a, _| as_container(a.first().unwrap_or(&Value::None), true)),
            ),
            (
                "astuple",
                Builtin::value("astuple", |a, _| as_container(a.first().unwrap_or(&Value::None), false)),
            ),
            ("replace", Builtin::value("replace", replace)),
            (
                "is_dataclass",
                Builtin::value("is_dataclass", |a, _| {
                    Ok(Value::Bool(a.first().and_then(class_fields).is_some()))
                }),
            ),
            ("FrozenInstanceError", Value::Obj(class)),
            ("MISSING", Value::str("<dataclasses._MISSING_TYPE object>")),
        ],
    )
}

/// `field(*, default, default_factory, init, repr, hash, compare, metadata)`.
fn field(a: Vec<Value>, k: Kwargs) -> PyResult {
    if !a.is_empty() {
        return Err(type_error(format!("field() takes 0 positional arguments but {} were given", a.len())));
    }
    let mut f = Field {
        name: String::new(),
        type_: Value::None,
        default: None,
        factory: None,
        init: true,
        repr: true,
        compare: true,
    };
    for (name, v) in k {
        match &*name {
            "default" => f.default = Some(v),
            "default_factory" => f.factory = Some(v),
            "init" => f.init = v.truthy(),
            "repr" => f.repr = v.truthy(),
            "compare" => f.compare = v.truthy(),
            "hash" | "metadata" => {}
            other => return Err(type_error(format!("field() got an unexpected keyword argument '{other}'"))),
        }
    }
    if f.default.is_some() && f.factory.is_some() {
        return Err(PyException::new(VALUE_ERROR, "cannot specify both default and default_factory"));
    }
    Ok(Native::value(f))
}

/// The options of `@dataclass(...)`.
#[derive(Clone, Copy)]
struct Options {
    init: bool,
    repr: bool,
    eq: bool,
    order: bool,
    frozen: bool,
    unsafe_hash: bool,
}

/// `dataclass(cls)` or `dataclass(**options)(cls)`.
fn dataclass(a: Vec<Value>, k: Kwargs) -> PyResult {
    let mut o = Options { init: true, repr: true, eq: true, order: false, frozen: false, unsafe_hash: false };
    for (name, v) in &k {
        let b = v.truthy();
        match &**name {
            "init" => o.init = b,
            "repr" => o.repr = b,
            "eq" => o.eq = b,
            "order" => o.order = b,
            "frozen" => o.frozen = b,
            "unsafe_hash" => o.unsafe_hash = b,
            "match_args" => {}
            "kw_only" | "slots" | "weakref_slot" if !b => {}
            other => {
                return Err(type_error(format!("corosim does not simulate dataclass({other}=...)")));
            }
        }
    }
    if o.order && !o.eq {
        return Err(PyException::new(VALUE_ERROR, "eq must be true if order is true"));
    }
    match a.first() {
        Some(cls) if !cls.is_none() => process(cls, o),
        _ => Ok(Builtin::value("wrap", move |a, _| process(a.first().unwrap_or(&Value::None), o))),
    }
}

/// The fields of a dataclass (or of an instance of one).
fn class_fields(v: &Value) -> Option<Rc<Vec<Field>>> {
    let class = downcast_rc::<Class>(v).or_else(|| downcast::<Instance>(v).map(|i| i.class.clone()))?;
    let f = class.lookup("__dataclass_fields__")?;
    let d = downcast::<Dict>(&f)?;
    let fields: Vec<Field> = d.0.borrow().values().filter_map(|v| field_of(v).cloned()).collect();
    Some(Rc::new(fields))
}

fn is_classvar(annotation: &Value) -> bool {
    downcast::<Native>(annotation)
        .and_then(|n| n.get::<super::typing::Alias>())
        .is_some_and(|a| a.origin == "ClassVar")
}

/// Adds the generated methods to the class.
fn process(cls: &Value, o: Options) -> PyResult {
    let Some(class) = downcast_rc::<Class>(cls) else {
        return Err(type_error(format!("dataclass() should be called on a class, not {}", cls.type_name())));
    };
    // A base dataclass's fields come first, in its order.
    let mut fields: Vec<Field> = Vec::new();
    for base in class.mro().iter().skip(1).rev() {
        if let Some(fs) = class_fields(&Value::Obj(base.clone())) {
            for f in fs.iter() {
                match fields.iter_mut().find(|g| g.name == f.name) {
                    Some(g) => *g = f.clone(),
                    None => fields.push(f.clone()),
                }
            }
        }
    }
    let annotations = class.dict.borrow().get("__annotations__").cloned();
    let own: Vec<(Value, Value)> = match annotations {
        Some(a) => ops::mapping_items(&a)?,
        None => Vec::new(),
    };
    for (name, annotation) in own {
        let name = name.to_str();
        if is_classvar(&annotation) {
            continue;
        }
        let attr = class.dict.borrow().get(name.as_str()).cloned();
        let mut f = match attr.as_ref().and_then(field_of) {
            Some(f) => f.clone(),
            None => Field {
                name: String::new(),
                type_: Value::None,
                default: attr.clone(),
                factory: None,
                init: true,
                repr: true,
                compare: true,
            },
        };
        f.name = name.clone();
        f.type_ = annotation;
        if let Some(d) = &f.default
            && (downcast::<List>(d).is_some()
                || downcast::<Dict>(d).is_some()
                || downcast::<Set>(d).is_some())
        {
            return Err(PyException::new(
                VALUE_ERROR,
                format!(
                    "mutable default <class '{}'> for field {name} is not allowed: use default_factory",
                    d.type_name()
                ),
            ));
        }
        // The class attribute becomes the plain default (or goes, if there is none).
        if attr.as_ref().and_then(field_of).is_some() {
            let mut dict = class.dict.borrow_mut();
            match &f.default {
                Some(d) => {
                    dict.insert(Rc::from(name.as_str()), d.clone());
                }
                None => {
                    dict.shift_remove(name.as_str());
                }
            }
        }
        match fields.iter_mut().find(|g| g.name == name) {
            Some(g) => *g = f,
            None => fields.push(f),
        }
    }
    if o.init {
        let mut seen_default = false;
        for f in fields.iter().filter(|f| f.init) {
            if f.default.is_some() || f.factory.is_some() {
                seen_default = true;
            } else if seen_default {
                return Err(type_error(format!(
                    "non-default argument '{}' follows default argument",
                    f.name
                )));
            }
        }
    }
    let record: IndexMap<Key, Value> =
        fields.iter().map(|f| (Key::str(&*f.name), Native::value(f.clone()))).collect();
    let fields = Rc::new(fields);
    let qualname = class.qualname.clone();
    let own_methods: Vec<String> = class.dict.borrow().keys().map(|k| k.to_string()).collect();
    let set = |name: &str, v: Value| -> PyResult<()> {
        if own_methods.iter().any(|m| m == name) {
            if o.order && matches!(name, "__lt__" | "__le__" | "__gt__" | "__ge__") {
                return Err(type_error(format!(
                    "Cannot overwrite attribute {name} in class {}. Consider using functools.total_ordering",
                    class.name
                )));
            }
            if o.frozen && matches!(name, "__setattr__" | "__delattr__") {
                return Err(type_error(format!("Cannot overwrite attribute {name} in class {}", class.name)));
            }
            return Ok(());
        }
        class.dict.borrow_mut().insert(Rc::from(name), v);
        Ok(())
    };
    set("__dataclass_fields__", new_dict(record))?;
    if o.init {
        let (fs, q) = (fields.clone(), qualname.clone());
        set("__init__", Builtin::value("__init__", move |a, k| init(&fs, &q, o.frozen, a, k)))?;
    }
    if o.repr {
        let fs = fields.clone();
        set(
            "__repr__",
            Builtin::value("__repr__", move |a, _| {
                let this = self_arg(&a, "__repr__")?;
                let name =
                    downcast::<Instance>(this).map(|i| i.class.qualname.to_string()).unwrap_or_default();
                let mut parts = Vec::new();
                for f in fs.iter().filter(|f| f.repr) {
                    parts.push(format!("{}={}", f.name, repr(&attrs::getattr(this, &f.name)?)?));
                }
                Ok(Value::str(format!("{name}({})", parts.join(", "))))
            }),
        )?;
    }
    if o.eq {
        let fs = fields.clone();
        set("__eq__", Builtin::value("__eq__", move |a, _| compare(&fs, &a, None)))?;
    }
    if o.unsafe_hash || (o.eq && o.frozen) {
        // `__hash__`: `hash((self.x, self.y))` of the compared fields.
        let fs = fields.clone();
        set(
            "__hash__",
            Builtin::value("__hash__", move |a, _| {
                let this = self_arg(&a, "__hash__")?;
                let values: Vec<Value> = fs
                    .iter()
                    .filter(|f| f.compare)
                    .map(|f| attrs::getattr(this, &f.name))
                    .collect::<PyResult<_>>()?;
                Ok(Value::Int(Key::new(Value::tuple(values))?.hash()))
            }),
        )?;
    }
    if o.order {
        for (name, op) in
            [("__lt__", CmpOp::Lt), ("__le__", CmpOp::Le), ("__gt__", CmpOp::Gt), ("__ge__", CmpOp::Ge)]
        {
            let fs = fields.clone();
            set(name, Builtin::value(name, move |a, _| compare(&fs, &a, Some(op))))?;
        }
    }
    if o.frozen {
        set(
            "__setattr__",
            Builtin::value("__setattr__", move |a, _| {
                let name = a.get(1).map(|n| n.to_str()).unwrap_or_default();
                Err(frozen_error(format!("cannot assign to field {}", Value::str(&name).repr())))
            }),
        )?;
        set(
            "__delattr__",
            Builtin::value("__delattr__", move |a, _| {
                let name = a.get(1).map(|n| n.to_str()).unwrap_or_default();
                Err(frozen_error(format!("cannot delete field {}", Value::str(&name).repr())))
            }),
        )?;
    }
    Ok(cls.clone())
}

/// The generated `__init__(self, <fields>)`.
fn init(fields: &[Field], qualname: &str, frozen: bool, a: Vec<Value>, k: Kwargs) -> PyResult {
    let this = self_arg(&a, "__init__")?.clone();
    let params: Vec<&Field> = fields.iter().filter(|f| f.init).collect();
    let given = &a[1..];
    let fname = format!("{qualname}.__init__()");
    if given.len() > params.len() {
        let required = params.iter().filter(|f| f.default.is_none() && f.factory.is_none()).count();
        let takes = if required == params.len() {
            format!("{} positional argument{}", params.len() + 1, if params.is_empty() { "" } else { "s" })
        } else {
            format!("from {} to {} positional arguments", required + 1, params.len() + 1)
        };
        let n = given.len() + 1;
        return Err(type_error(format!(
            "{fname} takes {takes} but {n} {} given",
            if n == 1 { "was" } else { "were" }
        )));
    }
    let mut values: Vec<Option<Value>> = given.iter().cloned().map(Some).collect();
    values.resize(params.len(), None);
    for (name, v) in k {
        let Some(i) = params.iter().position(|f| *f.name == *name) else {
            return Err(type_error(format!("{fname} got an unexpected keyword argument '{name}'")));
        };
        if values[i].is_some() {
            return Err(type_error(format!("{fname} got multiple values for argument '{name}'")));
        }
        values[i] = Some(v);
    }
    let missing: Vec<String> = params
        .iter()
        .zip(&values)
        .filter(|(f, v)| v.is_none() && f.default.is_none() && f.factory.is_none())
        .map(|(f, _)| f.name.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(missing_arguments(&format!("{qualname}.__init__"), "positional", &missing));
    }
    let store = |name: &str, v: Value| -> PyResult<()> {
        match (frozen, downcast::<Instance>(&this)) {
            (true, Some(i)) => {
                let old = i.dict.borrow_mut().insert(Rc::from(name), v);
                drop(old);
                Ok(())
            }
            _ => attrs::setattr(&this, name, v),
        }
    };
    let mut values = values.into_iter();
    for f in fields {
        let v = if f.init { values.next().flatten() } else { None };
        let v = match (v, &f.default, &f.factory) {
            (Some(v), _, _) => v,
            (None, Some(d), _) => d.clone(),
            (None, None, Some(factory)) => call(factory, vec![], vec![])?,
            (None, None, None) => continue,
        };
        store(&f.name, v)?;
    }
    if let Some(class) = downcast::<Instance>(&this).map(|i| i.class.clone())
        && class.lookup("__post_init__").is_some()
    {
        call_method_opt(&this, "__post_init__", vec![])?;
    }
    Ok(Value::None)
}

/// `__eq__` (op None) and the orderings: the compared fields as tuples, when both are of
/// the same class; NotImplemented otherwise.
fn compare(fields: &[Field], a: &[Value], op: Option<CmpOp>) -> PyResult {
    let (x, y) = (self_arg(a, "__eq__")?, a.get(1).cloned().unwrap_or_default());
    let same = match (downcast::<Instance>(x), downcast::<Instance>(&y)) {
        (Some(p), Some(q)) => Rc::ptr_eq(&p.class, &q.class),
        _ => false,
    };
    if !same {
        return Ok(not_implemented());
    }
    let tuple = |v: &Value| -> PyResult<Value> {
        let items: Vec<Value> = fields
            .iter()
            .filter(|f| f.compare)
            .map(|f| attrs::getattr(v, &f.name))
            .collect::<PyResult<_>>()?;
        Ok(Value::tuple(items))
    };
    let (tx, ty) = (tuple(x)?, tuple(&y)?);
    match op {
        None => Ok(Value::Bool(ops::eq(&tx, &ty)?)),
        Some(op) => ops::compare(op, &tx, &ty),
    }
}

/// `fields(class_or_instance)`.
fn fields_value(v: &Value) -> PyResult {
    let fs = class_fields(v).ok_or_else(|| type_error("must be called with a dataclass type or instance"))?;
    Ok(Value::tuple(fs.iter().map(|f| Native::value(f.clone()))))
}

/// `asdict(obj)` / `astuple(obj)`.
fn as_container(v: &Value, dict: bool) -> PyResult {
    if downcast::<Instance>(v).is_none() || class_fields(v).is_none() {
        let name = if dict { "asdict" } else { "astuple" };
        return Err(type_error(format!("{name}() should be called on dataclass instances")));
    }
    inner(v, dict)
}

/// `_asdict_inner` / `_astuple_inner`: dataclasses, lists, tuples and dicts inside, copied.
fn inner(v: &Value, dict: bool) -> PyResult {
    if downcast::<Instance>(v).is_some()
        && let Some(fs) = class_fields(v)
    {
        if dict {
            let mut m = IndexMap::new();
            for f in fs.iter() {
                m.insert(Key::str(&*f.name), inner(&attrs::getattr(v, &f.name)?, dict)?);
            }
            return Ok(new_dict(m));
        }
        let items: Vec<Value> =
            fs.iter().map(|f| inner(&attrs::getattr(v, &f.name)?, dict)).collect::<PyResult<_>>()?;
        return Ok(Value::tuple(items));
    }
    if let Some(l) = downcast::<List>(v) {
        let items = l.0.borrow().clone();
        return Ok(new_list(items.iter().map(|x| inner(x, dict)).collect::<PyResult<_>>()?));
    }
    if let Value::Tuple(items) = v {
        return Ok(Value::tuple(items.iter().map(|x| inner(x, dict)).collect::<PyResult<Vec<_>>>()?));
    }
    if let Some(d) = downcast::<Dict>(v) {
        let items: Vec<(Value, Value)> = d.0.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
        let mut m = IndexMap::new();
        for (k, x) in items {
            super::super::dicts::insert(&mut m, Key::new(inner(&k, dict)?)?, inner(&x, dict)?)?;
        }
        return Ok(new_dict_of(m, d.1.clone()));
    }
    Ok(v.clone())
}

/// `replace(obj, **changes)`: a new instance from the old one's init fields and the changes.
fn replace(a: Vec<Value>, k: Kwargs) -> PyResult {
    let obj = a.first().cloned().unwrap_or_default();
    let (Some(inst), Some(fs)) = (downcast::<Instance>(&obj), class_fields(&obj)) else {
        return Err(type_error("replace() should be called on dataclass instances"));
    };
    let mut kwargs: Kwargs = Vec::new();
    for f in fs.iter() {
        if !f.init {
            if k.iter().any(|(n, _)| **n == *f.name) {
                return Err(PyException::new(
                    VALUE_ERROR,
                    format!(
                        "field {} is declared with init=False, it cannot be specified with replace()",
                        f.name
                    ),
                ));
            }
            continue;
        }
        let v = match k.iter().find(|(n, _)| **n == *f.name) {
            Some((_, v)) => v.clone(),
            None => attrs::getattr(&obj, &f.name)?,
        };
        kwargs.push((Rc::from(f.name.as_str()), v));
    }
    for (n, v) in &k {
        if !fs.iter().any(|f| *f.name == **n) {
            kwargs.push((n.clone(), v.clone()));
        }
    }
    call(&Value::Obj(inst.class.clone()), vec![], kwargs)
}
