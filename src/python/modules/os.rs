//! `import os`, `os.path`: Python's view of the machine's files (POSIX's, as CPython's
//! `posixpath`), on the real file system.
//!
//! What a program that saves or reads files uses: `os.path.join`, `exists`, `isfile`,
//! `isdir`, `getsize`, `basename`, `dirname`, `split`, `splitext`, `isabs`, `abspath`,
//! `normpath`; `os.listdir`, `getcwd`, `mkdir`, `makedirs`, `remove`/`unlink`, `rmdir`,
//! `rename`, and `os.sep`/`os.linesep`/`os.curdir`/`os.pardir`/`os.name`. The path rules
//! are `posixpath.py`'s, step for step; failures are CPython's `OSError`s
//! (`FileNotFoundError: [Errno 2] No such file or directory: 'x'`).
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import os\nprint(os.path.join('a', 'b', '/c', 'd.txt'), os.path.splitext('x/.a.tar.gz'))\n",
//! );
//! assert_eq!(out, "/c/d.txt ('x/.a.tar', '.gz')\n");
//! ```

use std::rc::Rc;

use super::io::os_error;
use super::module as make_module;
use crate::exception::*;
use crate::python::objects::*;
use crate::value::Value;

type Kwargs = Vec<(Rc<str>, Value)>;

fn func(name: &str, f: impl Fn(Vec<Value>, Kwargs) -> PyResult + 'static) -> Value {
    Builtin::value(name, f)
}

/// A path argument: a `str`, or CPython's `TypeError` naming the function.
fn path_arg(function: &str, v: Option<&Value>) -> PyResult<Rc<str>> {
    match v {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(PyException::new(
            TYPE_ERROR,
            format!("{function}: path should be string, bytes or os.PathLike, not {}", other.type_name()),
        )),
        None => Err(PyException::new(TYPE_ERROR, format!("{function}() missing required argument 'path'"))),
    }
}

/// A `str` argument of a `posixpath` function (`join`, `basename` …), which words its
/// error differently.
fn str_arg(function: &str, v: Option<&Value>) -> PyResult<Rc<str>> {
    match v {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(PyException::new(
            TYPE_ERROR,
            format!("expected str, bytes or os.PathLike object, not {}", other.type_name()),
        )),
        None => Err(PyException::new(
            TYPE_ERROR,
            format!("{function}() missing 1 required positional argument: 'p'"),
        )),
    }
}

fn kw<'a>(kwargs: &'a Kwargs, name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

/// `posixpath.join(a, *p)`.
pub fn join(parts: &[Rc<str>]) -> String {
    let mut path = parts.first().map(|p| p.to_string()).unwrap_or_default();
    for b in &parts[1..] {
        if b.starts_with('/') {
            path = b.to_string();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    path
}

/// `posixpath.split(p)`: (head, tail), the head without its trailing slashes.
fn split(p: &str) -> (String, String) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let head =
        if !head.is_empty() && head.chars().any(|c| c != '/') { head.trim_end_matches('/') } else { head };
    (head.to_string(), tail.to_string())
}

/// `posixpath.splitext(p)`: leading dots of the last part do not start an extension.
fn splitext(p: &str) -> (String, String) {
    let sep = p.rfind('/').map_or(-1, |i| i as i64);
    if let Some(dot) = p.rfind('.')
        && dot as i64 > sep
    {
        let name_start = (sep + 1) as usize;
        if p[name_start..dot].chars().any(|c| c != '.') {
            return (p[..dot].to_string(), p[dot..].to_string());
        }
    }
    (p.to_string(), String::new())
}

/// `posixpath.normpath(p)`.
fn normpath(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let initial =
        if p.starts_with("//") && !p.starts_with("///") { 2 } else { usize::from(p.starts_with('/')) };
    let mut comps: Vec<&str> = Vec::new();
    for comp in p.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else {
            comps.pop();
        }
    }
    let path = format!("{}{}", "/".repeat(initial), comps.join("/"));
    if path.is_empty() { ".".into() } else { path }
}

fn getcwd() -> PyResult<String> {
    let cwd = std::env::current_dir().map_err(|e| crate::aio::os_error(&e))?;
    Ok(cwd.to_string_lossy().into_owned())
}

fn abspath(p: &str) -> PyResult<String> {
    let joined = if p.starts_with('/') { p.to_string() } else { join(&[Rc::from(getcwd()?), Rc::from(p)]) };
    Ok(normpath(&joined))
}

fn pair(a: String, b: String) -> Value {
    Value::tuple([Value::str(a), Value::str(b)])
}

/// `os.path`.
fn path_module() -> Value {
    let one_str = |name: &'static str, f: fn(&str) -> Value| {
        func(name, move |a, _| {
            if a.len() > 1 {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("{name}() takes 1 positional argument but {} were given", a.len()),
                ));
            }
            Ok(f(&str_arg(name, a.first())?))
        })
    };
    let test = |name: &'static str, f: fn(&std::fs::Metadata) -> bool| {
        // exists/isfile/isdir: False for a path that cannot be looked at, as CPython.
        func(name, move |a, _| {
            let ok = match a.first() {
                Some(Value::Str(p)) => std::fs::metadata(&**p).is_ok_and(|m| f(&m)),
                Some(Value::Int(_)) | None => false,
                Some(other) => {
                    return Err(PyException::new(
                        TYPE_ERROR,
                        format!(
                            "stat: path should be string, bytes, os.PathLike or integer, not {}",
                            other.type_name()
                        ),
                    ));
                }
            };
            Ok(Value::Bool(ok))
        })
    };
    make_module(
        "posixpath",
        vec![
            (
                "join",
                func("join", |a, _| {
                    if a.is_empty() {
                        return Err(PyException::new(
                            TYPE_ERROR,
                            "join() missing 1 required positional argument: 'a'",
                        ));
                    }
                    let parts = a
                        .iter()
                        .map(|p| match p {
                            Value::Str(s) => Ok(s.clone()),
                            other => Err(PyException::new(
                                TYPE_ERROR,
                                format!(
                                    "join() argument must be str, bytes, or os.PathLike object, not '{}'",
                                    other.type_name()
                                ),
                            )),
                        })
                        .collect::<PyResult<Vec<_>>>()?;
                    Ok(Value::str(join(&parts)))
                }),
            ),
            ("basename", one_str("basename", |p| Value::str(split(p).1))),
            ("dirname", one_str("dirname", |p| Value::str(split(p).0))),
            (
                "split",
                one_str("split", |p| {
                    let (h, t) = split(p);
                    pair(h, t)
                }),
            ),
            (
                "splitext",
                one_str("splitext", |p| {
                    let (root, ext) = splitext(p);
                    pair(root, ext)
                }),
            ),
            ("isabs", one_str("isabs", |p| Value::Bool(p.starts_with('/')))),
            ("normpath", one_str("normpath", |p| Value::str(normpath(p)))),
            ("abspath", func("abspath", |a, _| Ok(Value::str(abspath(&str_arg("abspath", a.first())?)?)))),
            ("exists", test("exists", |_| true)),
            ("isfile", test("isfile", |m| m.is_file())),
            ("isdir", test("isdir", |m| m.is_dir())),
            (
                "getsize",
                func("getsize", |a, _| {
                    let p = path_arg("stat", a.first())?;
                    let m = std::fs::metadata(&*p).map_err(|e| os_error(&e, &p))?;
                    Ok(Value::Int(m.len() as i64))
                }),
            ),
            ("sep", Value::str("/")),
        ],
    )
}

/// `import os`.
pub fn module() -> Value {
    make_module(
        "os",
        vec![
            ("path", path_module()),
            ("sep", Value::str("/")),
            ("linesep", Value::str("\n")),
            ("curdir", Value::str(".")),
            ("pardir", Value::str("..")),
            ("name", Value::str("posix")),
            ("getcwd", func("getcwd", |_, _| Ok(Value::str(getcwd()?)))),
            (
                "listdir",
                func("listdir", |a, k| {
                    let p = match a.first().or(kw(&k, "path")) {
                        None | Some(Value::None) => Rc::from("."),
                        v => path_arg("listdir", v)?,
                    };
                    // The directory's own order (readdir's), as CPython gives it.
                    let entries = std::fs::read_dir(&*p).map_err(|e| os_error(&e, &p))?;
                    let mut names = Vec::new();
                    for entry in entries {
                        let entry = entry.map_err(|e| os_error(&e, &p))?;
                        names.push(Value::str(entry.file_name().to_string_lossy()));
                    }
                    Ok(new_list(names))
                }),
            ),
            (
                "mkdir",
                func("mkdir", |a, _| {
                    let p = path_arg("mkdir", a.first())?;
                    std::fs::create_dir(&*p).map_err(|e| os_error(&e, &p))?;
                    Ok(Value::None)
                }),
            ),
            (
                "makedirs",
                func("makedirs", |a, k| {
                    let p = path_arg("makedirs", a.first())?;
                    let exist_ok = a.get(2).or(kw(&k, "exist_ok")).is_some_and(|v| v.truthy());
                    if std::path::Path::new(&*p).is_dir() {
                        if exist_ok {
                            return Ok(Value::None);
                        }
                        return Err(os_error(&std::io::Error::from_raw_os_error(17), &p));
                    }
                    std::fs::create_dir_all(&*p).map_err(|e| os_error(&e, &p))?;
                    Ok(Value::None)
                }),
            ),
            ("remove", remove("remove")),
            ("unlink", remove("unlink")),
            (
                "rmdir",
                func("rmdir", |a, _| {
                    let p = path_arg("rmdir", a.first())?;
                    std::fs::remove_dir(&*p).map_err(|e| os_error(&e, &p))?;
                    Ok(Value::None)
                }),
            ),
            (
                "rename",
                func("rename", |a, _| {
                    let from = path_arg("rename", a.first())?;
                    let to = path_arg("rename", a.get(1))?;
                    std::fs::rename(&*from, &*to).map_err(|e| {
                        // CPython names both paths: `[Errno 2] No such file or directory: 'a' -> 'b'`.
                        let mut err = os_error(&e, &from);
                        if let [errno, text, _] = err.args() {
                            let text = format!("{}: '{from}' -> '{to}'", text.to_str());
                            err = PyException::new(err.class(), format!("[Errno {}] {text}", errno.repr()));
                        }
                        err
                    })?;
                    Ok(Value::None)
                }),
            ),
        ],
    )
}

fn remove(name: &'static str) -> Value {
    func(name, move |a, _| {
        let p = path_arg(name, a.first())?;
        std::fs::remove_file(&*p).map_err(|e| os_error(&e, &p))?;
        Ok(Value::None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posixpath_rules() {
        assert_eq!(normpath("a//b/./../c/"), "a/c");
        assert_eq!(normpath("//a/../.."), "//");
        assert_eq!(normpath("../x/.."), "..");
        assert_eq!(split("/"), ("/".into(), "".into()));
        assert_eq!(split("a/b//"), ("a/b".into(), "".into()));
        assert_eq!(splitext("..."), ("...".into(), "".into()));
        assert_eq!(splitext("a.b/c"), ("a.b/c".into(), "".into()));
    }
}
