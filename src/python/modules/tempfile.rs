//! `import tempfile`: Python's scratch directories, real ones in the machine's temporary
//! directory (`$TMPDIR`, else `/tmp`), made by the `tempfile` crate (unique names, made
//! atomically, as CPython's `mkdtemp` does).
//!
//! `TemporaryDirectory(suffix=None, prefix=None, dir=None)` makes the directory at once;
//! `with` gives its name and removes it, with all it holds, on the way out (or
//! `cleanup()`, or when the object is dropped). `mkdtemp()` makes one the program must
//! remove itself; `gettempdir()` names where they go.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import os, tempfile\nwith tempfile.TemporaryDirectory() as d:\n    made = d\n    print(os.path.isdir(d))\nprint(os.path.exists(made))\n",
//! );
//! assert_eq!(out, "True\nFalse\n");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use super::module as make_module;
use crate::exception::*;
use crate::python::objects::*;
use crate::value::Value;

type Kwargs = Vec<(Rc<str>, Value)>;

/// A directory made by `tempfile`'s rules: `prefix` (default `tmp`), random characters,
/// `suffix`, inside `dir` (default `gettempdir()`).
fn make_dir(args: &[Value], kwargs: &Kwargs, function: &str) -> PyResult<tempfile::TempDir> {
    let names = ["suffix", "prefix", "dir"];
    if let Some((k, _)) =
        kwargs.iter().find(|(k, _)| !names.contains(&&**k) && &**k != "ignore_cleanup_errors")
    {
        return Err(PyException::new(
            TYPE_ERROR,
            format!("{function}() got an unexpected keyword argument '{k}'"),
        ));
    }
    let arg = |i: usize| -> PyResult<Option<String>> {
        let v = args.get(i).or_else(|| kwargs.iter().find(|(k, _)| &**k == names[i]).map(|(_, v)| v));
        match v {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(other) => Err(PyException::new(
                TYPE_ERROR,
                format!("can only concatenate str (not \"{}\") to str", other.type_name()),
            )),
        }
    };
    let (suffix, prefix, dir) = (arg(0)?, arg(1)?, arg(2)?);
    let dir = dir.map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    tempfile::Builder::new()
        .prefix(prefix.as_deref().unwrap_or("tmp"))
        .suffix(suffix.as_deref().unwrap_or(""))
        .rand_bytes(8)
        .tempdir_in(&dir)
        .map_err(|e| super::io::os_error(&e, &dir.to_string_lossy()))
}

/// `tempfile.TemporaryDirectory`: its name, and the directory until it is cleaned up.
struct TemporaryDirectory {
    name: Rc<str>,
    dir: Rc<RefCell<Option<tempfile::TempDir>>>,
}

/// Removes the directory (once; later calls do nothing, as CPython's).
fn cleanup(dir: &RefCell<Option<tempfile::TempDir>>, name: &str) -> PyResult<()> {
    let taken = dir.borrow_mut().take();
    match taken {
        Some(d) => d.close().map_err(|e| super::io::os_error(&e, name)),
        None => Ok(()),
    }
}

impl NativeObject for TemporaryDirectory {
    fn type_name(&self) -> &str {
        "TemporaryDirectory"
    }
    fn repr(&self) -> String {
        format!("<TemporaryDirectory {}>", repr_of(&Value::Str(self.name.clone())))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let (dir, dir_name) = (self.dir.clone(), self.name.clone());
        Ok(match name {
            "name" => Value::Str(self.name.clone()),
            "__enter__" => Builtin::value(name, move |_, _| Ok(Value::Str(dir_name.clone()))),
            "__exit__" | "cleanup" => {
                Builtin::value(name, move |_, _| cleanup(&dir, &dir_name).map(|_| Value::None))
            }
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'TemporaryDirectory' object has no attribute '{name}'"),
                ));
            }
        })
    }
}

/// `import tempfile`.
pub fn module() -> Value {
    make_module(
        "tempfile",
        vec![
            (
                "TemporaryDirectory",
                Builtin::value("TemporaryDirectory", |a, k| {
                    let dir = make_dir(&a, &k, "TemporaryDirectory")?;
                    let name = Rc::from(dir.path().to_string_lossy().as_ref());
                    Ok(Native::value(TemporaryDirectory { name, dir: Rc::new(RefCell::new(Some(dir))) }))
                }),
            ),
            (
                "mkdtemp",
                Builtin::value("mkdtemp", |a, k| {
                    let dir = make_dir(&a, &k, "mkdtemp")?;
                    // The program removes it: keep it past this object.
                    Ok(Value::str(dir.keep().to_string_lossy()))
                }),
            ),
            (
                "gettempdir",
                Builtin::value("gettempdir", |_, _| Ok(Value::str(std::env::temp_dir().to_string_lossy()))),
            ),
        ],
    )
}
