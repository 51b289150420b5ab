//! `open()`: Python's text files (`io.TextIOWrapper`), on real files of the machine.
//!
//! A program that saves what it downloaded, or reads back a file it wrote, does it on the
//! disk as under CPython: `open(path, "w")` makes the file, `os.path.getsize` then sees
//! its bytes. Text mode only, UTF-8 only, as a course program writes text: `"r"`, `"w"`,
//! `"a"` and `"x"` (with an optional `t`); `read`, `readline`, `readlines`, iteration
//! line by line, `write`, `writelines`, `flush`, `close`, `closed`, `name`, `mode` and
//! `with`. Reading translates `\r\n` and `\r` to `\n` (Python's universal newlines).
//! Errors are CPython's: `FileNotFoundError: [Errno 2] No such file or directory: 'x'`,
//! `ValueError: I/O operation on closed file.`, `io.UnsupportedOperation: not writable`.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("a.txt");
//! let program = format!(
//!     "with open({p:?}, 'w') as f:\n    f.write('one\\ntwo\\n')\nprint(open({p:?}).readlines())\n",
//!     p = path.to_str().unwrap()
//! );
//! assert_eq!(corosim::python::run_to_string(&program), "['one\\n', 'two\\n']\n");
//! ```

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::rc::Rc;

use crate::exception::*;
use crate::python::objects::*;
use crate::value::Value;

/// CPython's buffer size for files (`io.DEFAULT_BUFFER_SIZE`).
const CHUNK: usize = 8192;

/// An `OSError` for a failed file operation, as CPython raises it: the subclass its
/// errno maps to, `(errno, strerror)` as `args` and the path as `filename`
/// (`FileNotFoundError: [Errno 2] No such file or directory: 'x'`).
pub fn os_error(e: &std::io::Error, filename: &str) -> PyException {
    let error = crate::aio::os_error(e);
    let class = match e.kind() {
        std::io::ErrorKind::AlreadyExists => FILE_EXISTS_ERROR,
        std::io::ErrorKind::IsADirectory => IS_A_DIRECTORY_ERROR,
        std::io::ErrorKind::NotADirectory => NOT_A_DIRECTORY_ERROR,
        std::io::ErrorKind::PermissionDenied => PERMISSION_ERROR,
        _ => error.class(),
    };
    let mut args = error.args().to_vec();
    if args.len() == 2 {
        args.push(Value::str(filename));
    }
    PyException::with_args(class, args)
}

/// `import io`: `open` and the names a program catches or compares.
pub fn module() -> Value {
    super::module(
        "io",
        vec![
            ("open", Builtin::value("open", open)),
            ("UnsupportedOperation", Value::ExcClass(UNSUPPORTED_OPERATION)),
            ("DEFAULT_BUFFER_SIZE", Value::Int(CHUNK as i64)),
        ],
    )
}

/// `open(file, mode='r', encoding=None, newline=None)`.
pub fn open(args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>) -> PyResult {
    let arg = |i: usize, name: &str| {
        args.get(i).or_else(|| kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v))
    };
    if let Some((k, _)) = kwargs
        .iter()
        .find(|(k, _)| !["file", "mode", "encoding", "errors", "newline", "buffering"].contains(&&**k))
    {
        return Err(PyException::new(TYPE_ERROR, format!("'{k}' is an invalid keyword argument for open()")));
    }
    let path = match arg(0, "file") {
        Some(Value::Str(s)) => s.clone(),
        Some(other) => {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("expected str, bytes or os.PathLike object, not {}", other.type_name()),
            ));
        }
        None => {
            return Err(PyException::new(TYPE_ERROR, "open() missing required argument 'file' (pos 1)"));
        }
    };
    let mode: Rc<str> = match arg(1, "mode") {
        None => Rc::from("r"),
        Some(Value::Str(s)) => s.clone(),
        Some(other) => {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("open() argument 'mode' must be str, not {}", other.type_name()),
            ));
        }
    };
    let kind = parse_mode(&mode)?;
    let encoding = match arg(3, "encoding") {
        None | Some(Value::None) => Rc::from("UTF-8"),
        Some(Value::Str(e)) => {
            let plain = e.to_ascii_lowercase().replace(['-', '_'], "");
            if plain != "utf8" {
                return Err(PyException::new(
                    VALUE_ERROR,
                    format!("corosim's open() reads and writes UTF-8 only, not encoding='{e}'"),
                ));
            }
            e.clone()
        }
        Some(other) => {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("open() argument 'encoding' must be str or None, not {}", other.type_name()),
            ));
        }
    };
    let mut options = std::fs::OpenOptions::new();
    match kind {
        Kind::Read => options.read(true),
        Kind::Write => options.write(true).create(true).truncate(true),
        Kind::Append => options.append(true).create(true),
        Kind::Create => options.write(true).create_new(true),
    };
    let file = options.open(&*path).map_err(|e| os_error(&e, &path))?;
    // Opening a directory for reading succeeds at the OS level; Python refuses it.
    if kind == Kind::Read && file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(os_error(&std::io::Error::from_raw_os_error(21), &path));
    }
    let state = match kind {
        Kind::Read => State::Reading(Reader {
            file,
            text: String::new(),
            at: 0,
            undecoded: Vec::new(),
            skip_lf: false,
            eof: false,
        }),
        _ => State::Writing(BufWriter::with_capacity(CHUNK, file)),
    };
    Ok(Native::value(TextFile {
        name: Value::Str(path),
        mode,
        encoding,
        state: Rc::new(RefCell::new(state)),
    }))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Read,
    Write,
    Append,
    Create,
}

/// A mode string as CPython checks it: one of `rwax`, at most one `t`; `b` and `+` are
/// refused by name (binary and update files are not simulated).
fn parse_mode(mode: &str) -> PyResult<Kind> {
    let mut seen = String::new();
    for c in mode.chars() {
        if seen.contains(c) || !"rwaxtb+".contains(c) {
            return Err(PyException::new(VALUE_ERROR, format!("invalid mode: '{mode}'")));
        }
        seen.push(c);
    }
    let kinds: Vec<Kind> = seen
        .chars()
        .filter_map(|c| match c {
            'r' => Some(Kind::Read),
            'w' => Some(Kind::Write),
            'a' => Some(Kind::Append),
            'x' => Some(Kind::Create),
            _ => None,
        })
        .collect();
    if seen.contains('b') && seen.contains('t') {
        return Err(PyException::new(VALUE_ERROR, "can't have text and binary mode at once"));
    }
    let kind = match kinds.as_slice() {
        [kind] => *kind,
        [] => {
            return Err(PyException::new(
                VALUE_ERROR,
                "Must have exactly one of create/read/write/append mode and at most one plus",
            ));
        }
        _ => {
            return Err(PyException::new(
                VALUE_ERROR,
                "must have exactly one of create/read/write/append mode",
            ));
        }
    };
    if seen.contains('b') || seen.contains('+') {
        return Err(PyException::new(
            VALUE_ERROR,
            format!("open() mode '{mode}' is not simulated by corosim: text files ('r', 'w', 'a', 'x') only"),
        ));
    }
    Ok(kind)
}

/// A text file's end of the operating system's file.
enum State {
    Reading(Reader),
    Writing(BufWriter<File>),
    Closed,
}

/// A file read a chunk at a time, decoded as UTF-8 with its newlines translated.
struct Reader {
    file: File,
    /// Decoded text not yet handed out, from `at` on.
    text: String,
    at: usize,
    /// The end of the last chunk when it stops inside a character.
    undecoded: Vec<u8>,
    /// The last chunk ended in `\r`: a `\n` opening the next belongs to it.
    skip_lf: bool,
    eof: bool,
}

impl Reader {
    /// Reads one more chunk into `text`; false at the end of the file.
    fn fill(&mut self) -> PyResult<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.at > 0 {
            self.text.drain(..self.at);
            self.at = 0;
        }
        let mut chunk = [0u8; CHUNK];
        let n = loop {
            match self.file.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(crate::aio::os_error(&e)),
            }
        };
        self.undecoded.extend_from_slice(&chunk[..n]);
        if n == 0 {
            self.eof = true;
            if !self.undecoded.is_empty() {
                return Err(decode_error(&self.undecoded));
            }
            return Ok(false);
        }
        let valid = match std::str::from_utf8(&self.undecoded) {
            Ok(s) => s.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Err(decode_error(&self.undecoded)),
        };
        let decoded = std::str::from_utf8(&self.undecoded[..valid]).unwrap_or_default().to_string();
        self.undecoded.drain(..valid);
        for c in decoded.chars() {
            match c {
                '\r' => {
                    self.text.push('\n');
                    self.skip_lf = true;
                }
                '\n' if self.skip_lf => self.skip_lf = false,
                c => {
                    self.text.push(c);
                    self.skip_lf = false;
                }
            }
        }
        Ok(true)
    }

    /// `f.read(size)`: all that is left when `size` is `None` or negative.
    fn read(&mut self, size: Option<usize>) -> PyResult<String> {
        loop {
            let left = &self.text[self.at..];
            if let Some(size) = size
                && let Some((i, _)) = left.char_indices().nth(size)
            {
                let out = left[..i].to_string();
                self.at += i;
                return Ok(out);
            }
            if !self.fill()? {
                let out = self.text[self.at..].to_string();
                self.at = self.text.len();
                return Ok(out);
            }
        }
    }

    /// `f.readline()`: up to and with the next `\n`, `""` at the end.
    fn readline(&mut self) -> PyResult<String> {
        loop {
            if let Some(i) = self.text[self.at..].find('\n') {
                let out = self.text[self.at..self.at + i + 1].to_string();
                self.at += i + 1;
                return Ok(out);
            }
            if !self.fill()? {
                let out = self.text[self.at..].to_string();
                self.at = self.text.len();
                return Ok(out);
            }
        }
    }
}

/// A file that is not UTF-8: `UnicodeDecodeError`, worded as `bytes.decode` words it.
fn decode_error(bytes: &[u8]) -> PyException {
    match crate::python::bytes::decode(bytes, "utf-8", None) {
        Err(e) => e,
        Ok(_) => PyException::new(UNICODE_DECODE_ERROR, "'utf-8' codec can't decode: unexpected end of data"),
    }
}

/// `io.TextIOWrapper`: what `open()` returns.
struct TextFile {
    name: Value,
    mode: Rc<str>,
    encoding: Rc<str>,
    state: Rc<RefCell<State>>,
}

fn closed_error() -> PyException {
    PyException::new(VALUE_ERROR, "I/O operation on closed file.")
}

fn unsupported(what: &str) -> PyException {
    PyException::new(UNSUPPORTED_OPERATION, what.to_string())
}

/// The reader, or CPython's error for a closed or write-only file.
fn reading<T>(state: &RefCell<State>, f: impl FnOnce(&mut Reader) -> PyResult<T>) -> PyResult<T> {
    match &mut *state.borrow_mut() {
        State::Reading(r) => f(r),
        State::Writing(_) => Err(unsupported("not readable")),
        State::Closed => Err(closed_error()),
    }
}

fn writing<T>(
    state: &RefCell<State>,
    f: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<T>,
) -> PyResult<T> {
    match &mut *state.borrow_mut() {
        State::Writing(w) => f(w).map_err(|e| crate::aio::os_error(&e)),
        State::Reading(_) => Err(unsupported("not writable")),
        State::Closed => Err(closed_error()),
    }
}

/// `f.close()`: flushes what is written; a second close does nothing.
fn close(state: &RefCell<State>) -> PyResult<()> {
    let old = std::mem::replace(&mut *state.borrow_mut(), State::Closed);
    if let State::Writing(mut w) = old {
        w.flush().map_err(|e| crate::aio::os_error(&e))?;
    }
    Ok(())
}

/// The next line for iteration: `None` at the end.
fn next_line(state: &RefCell<State>) -> PyResult<Option<Value>> {
    let line = reading(state, |r| r.readline())?;
    Ok((!line.is_empty()).then(|| Value::str(line)))
}

/// `size` for `read`/`readline`: an int, `None` or -1 (everything).
fn size_arg(a: &[Value]) -> PyResult<Option<usize>> {
    match a.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.as_int() {
            Some(n) if n < 0 => Ok(None),
            Some(n) => Ok(Some(n as usize)),
            None => Err(PyException::new(
                TYPE_ERROR,
                format!("argument should be integer or None, not '{}'", v.type_name()),
            )),
        },
    }
}

impl NativeObject for TextFile {
    fn type_name(&self) -> &str {
        "TextIOWrapper"
    }
    fn repr(&self) -> String {
        format!(
            "<_io.TextIOWrapper name={} mode='{}' encoding='{}'>",
            repr_of(&self.name),
            self.mode,
            self.encoding
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        let state = self.state.clone();
        let this = this.clone();
        Ok(match name {
            "name" => self.name.clone(),
            "mode" => Value::Str(self.mode.clone()),
            "encoding" => Value::Str(self.encoding.clone()),
            "closed" => Value::Bool(matches!(*self.state.borrow(), State::Closed)),
            "read" => Builtin::value(name, move |a, _| {
                let size = size_arg(&a)?;
                reading(&state, |r| r.read(size)).map(Value::str)
            }),
            "readline" => Builtin::value(name, move |a, _| {
                let size = size_arg(&a)?;
                reading(&state, |r| match size {
                    None => r.readline(),
                    Some(n) => {
                        // At most n characters of the line.
                        let line = r.readline()?;
                        match line.char_indices().nth(n) {
                            Some((i, _)) => {
                                let rest = line[i..].to_string();
                                r.text.insert_str(r.at, &rest);
                                Ok(line[..i].to_string())
                            }
                            None => Ok(line),
                        }
                    }
                })
                .map(Value::str)
            }),
            "readlines" => Builtin::value(name, move |_, _| {
                let mut lines = Vec::new();
                while let Some(line) = next_line(&state)? {
                    lines.push(line);
                }
                Ok(new_list(lines))
            }),
            "write" => Builtin::value(name, move |a, _| {
                let text = match a.as_slice() {
                    [Value::Str(s)] => s.clone(),
                    [other] => {
                        return Err(PyException::new(
                            TYPE_ERROR,
                            format!("write() argument must be str, not {}", other.type_name()),
                        ));
                    }
                    _ => {
                        return Err(PyException::new(
                            TYPE_ERROR,
                            format!("TextIOWrapper.write() takes exactly one argument ({} given)", a.len()),
                        ));
                    }
                };
                writing(&state, |w| w.write_all(text.as_bytes()))?;
                Ok(Value::Int(text.chars().count() as i64))
            }),
            "writelines" => Builtin::value(name, move |a, _| {
                let lines = crate::python::ops::iterate(a.first().unwrap_or(&Value::None))?;
                for line in lines {
                    let Value::Str(s) = &line else {
                        return Err(PyException::new(
                            TYPE_ERROR,
                            format!("write() argument must be str, not {}", line.type_name()),
                        ));
                    };
                    writing(&state, |w| w.write_all(s.as_bytes()))?;
                }
                Ok(Value::None)
            }),
            "flush" => Builtin::value(name, move |_, _| match &mut *state.borrow_mut() {
                State::Writing(w) => w.flush().map(|_| Value::None).map_err(|e| crate::aio::os_error(&e)),
                State::Reading(_) => Ok(Value::None),
                State::Closed => Err(closed_error()),
            }),
            "close" => Builtin::value(name, move |_, _| close(&state).map(|_| Value::None)),
            "readable" | "writable" => {
                let want_read = name == "readable";
                Builtin::value(name, move |_, _| match &*state.borrow() {
                    State::Reading(_) => Ok(Value::Bool(want_read)),
                    State::Writing(_) => Ok(Value::Bool(!want_read)),
                    State::Closed => Err(closed_error()),
                })
            }
            "__enter__" => Builtin::value(name, move |_, _| match &*state.borrow() {
                State::Closed => Err(closed_error()),
                _ => Ok(this.clone()),
            }),
            "__exit__" => Builtin::value(name, move |_, _| close(&state).map(|_| Value::None)),
            "__iter__" => Builtin::value(name, move |_, _| match &*state.borrow() {
                State::Closed => Err(closed_error()),
                _ => Ok(this.clone()),
            }),
            "__next__" => Builtin::value(name, move |_, _| match next_line(&state)? {
                Some(line) => Ok(line),
                None => Err(PyException::with_args(STOP_ITERATION, vec![])),
            }),
            "seek" | "tell" | "truncate" | "fileno" | "isatty" | "buffer" | "newlines" | "detach"
            | "reconfigure" | "errors" | "line_buffering" => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'TextIOWrapper.{name}' is not simulated by corosim (see `corosim help python`)"),
                ));
            }
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'_io.TextIOWrapper' object has no attribute '{name}'"),
                ));
            }
        })
    }
    fn iter(&self) -> PyResult<Option<Value>> {
        if matches!(*self.state.borrow(), State::Closed) {
            return Err(closed_error());
        }
        let state = self.state.clone();
        Ok(Some(Iter::value("TextIOWrapper", move || next_line(&state))))
    }
    fn next(&self) -> Option<PyResult<Option<Value>>> {
        Some(next_line(&self.state))
    }
    fn is_iterator(&self) -> bool {
        true
    }
}
