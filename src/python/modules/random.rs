//! `random`: CPython's `Lib/random.py` on its Mersenne Twister (`mersenne.rs`), so a
//! seeded program draws exactly the numbers it draws under python3 — the same
//! `randint`s, the same shuffles, the same Gaussian pairs.
//!
//! The algorithms are CPython 3.11's, step for step: `_randbelow` by rejection on
//! `getrandbits`, `choices` by `floor(random() * n)` or by bisecting cumulative weights,
//! `sample` from a pool or by a set of chosen indices (chosen by CPython's size rule),
//! `gauss` keeping its second value for the next call. Seeds: an `int` by the words of its
//! absolute value, a `float` by its hash, a `str` (version 2) by its UTF-8 bytes followed
//! by their SHA-512 digest, read as one big-endian number. `seed()` without an argument
//! (and the module's hidden instance at import) takes its seed from the operating
//! system's randomness, so such runs differ, as in CPython. The module-level functions
//! are methods of one hidden `Random`, as in CPython; `random.Random(seed)` makes more.
//!
//! Not simulated: `randbytes` and bytes seeds (corosim has no `bytes`; [`seed_from_bytes`]
//! is ready for them), `gammavariate`, `betavariate`, `vonmisesvariate`, `SystemRandom`,
//! and subclassing `Random` in a program.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import random\nrandom.seed(7)\nprint(random.randint(1, 6), random.choice('abc'))\n",
//! );
//! assert_eq!(out, "3 a\n"); // what CPython prints
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::{BigInt, BigUint};
use num_traits::{Signed, ToPrimitive, Zero};
use sha2::{Digest, Sha512};

use super::mersenne::Twister;
use super::module as make_module;
use crate::exception::*;
use crate::python::code::BinOp;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

/// One generator's state: the twister and `gauss`'s kept second value.
struct Gen {
    mt: Twister,
    gauss_next: Option<f64>,
}

type Shared = Rc<RefCell<Gen>>;

/// A `random.Random` instance.
struct RandomObject(Shared);

impl NativeObject for RandomObject {
    fn type_name(&self) -> &str {
        "Random"
    }
    fn repr(&self) -> String {
        format!("<random.Random object at {}>", fake_address(Rc::as_ptr(&self.0) as *const ()))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        bound_method(&self.0, name).ok_or_else(|| {
            PyException::new(ATTRIBUTE_ERROR, format!("'Random' object has no attribute '{name}'"))
        })
    }
}

/// The class `random.Random`.
struct RandomClass;

impl NativeObject for RandomClass {
    fn type_name(&self) -> &str {
        "type"
    }
    fn repr(&self) -> String {
        "<class 'random.Random'>".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn call(&self, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Option<PyResult> {
        Some(new_random(args, kwargs))
    }
    fn callable(&self) -> bool {
        true
    }
    fn has_instance(&self, obj: &Value) -> bool {
        downcast::<Native>(obj).is_some_and(|n| n.get::<RandomObject>().is_some())
    }
}

fn new_random(args: &[Value], kwargs: &[(Rc<str>, Value)]) -> PyResult {
    if let Some((k, _)) = kwargs.first() {
        return Err(PyException::new(
            TYPE_ERROR,
            format!("Random() got an unexpected keyword argument '{k}'"),
        ));
    }
    if args.len() > 1 {
        return Err(PyException::new(
            TYPE_ERROR,
            format!("Random() expected at most 1 argument, got {}", args.len()),
        ));
    }
    let g: Shared = Rc::new(RefCell::new(Gen { mt: Twister::from_words(&[0]), gauss_next: None }));
    seed(&g, args.first().unwrap_or(&Value::None), 2)?;
    Ok(Native::value(RandomObject(g)))
}

/// The module: `Random`, and the methods of a hidden instance as functions.
pub fn module() -> Value {
    let inst = new_random(&[], &[]).expect("an unseeded Random");
    let g = downcast::<Native>(&inst)
        .and_then(|n| n.get::<RandomObject>())
        .map(|r| r.0.clone())
        .expect("a Random");
    let mut attrs: Vec<(&str, Value)> = vec![("Random", Native::value(RandomClass))];
    for name in METHODS {
        attrs.push((name, bound_method(&g, name).expect("a Random method")));
    }
    make_module("random", attrs)
}

const METHODS: [&str; 20] = [
    "seed",
    "random",
    "getrandbits",
    "randrange",
    "randint",
    "choice",
    "choices",
    "shuffle",
    "sample",
    "uniform",
    "triangular",
    "expovariate",
    "gauss",
    "normalvariate",
    "lognormvariate",
    "paretovariate",
    "weibullvariate",
    "getstate",
    "setstate",
    "_randbelow",
];

/// `inst.name` as a bound builtin method.
fn bound_method(g: &Shared, name: &str) -> Option<Value> {
    let name: &'static str = METHODS.iter().find(|m| **m == name)?;
    let g = g.clone();
    Some(Builtin::value(name, move |a, k| call_method(&g, name, a, k)))
}

fn call_method(g: &Shared, name: &str, a: Vec<Value>, k: Kwargs) -> PyResult {
    let p = |names: &[&str], required: usize, kwonly: &[&str]| bind(name, names, required, kwonly, &a, &k);
    match name {
        "seed" => {
            let v = p(&["a", "version"], 0, &[])?;
            let version = match &v[1] {
                Some(x) => x.as_int().unwrap_or(2),
                None => 2,
            };
            seed(g, v[0].as_ref().unwrap_or(&Value::None), version)?;
            Ok(Value::None)
        }
        "random" => {
            if !a.is_empty() || !k.is_empty() {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("Random.random() takes no arguments ({} given)", a.len() + k.len()),
                ));
            }
            Ok(Value::Float(g.borrow_mut().mt.random()))
        }
        "getrandbits" => {
            if a.len() + k.len() != 1 {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("Random.getrandbits() takes exactly one argument ({} given)", a.len() + k.len()),
                ));
            }
            let v = p(&["k"], 1, &[])?;
            let k = as_index(v[0].as_ref().unwrap())?;
            if k.is_negative() {
                return Err(PyException::new(VALUE_ERROR, "number of bits must be non-negative"));
            }
            let k = k.to_u64().filter(|k| *k <= i32::MAX as u64).ok_or_else(|| {
                PyException::new(OVERFLOW_ERROR, "Python int too large to convert to C int")
            })?;
            if k > 1 << 26 {
                return Err(PyException::new(
                    OVERFLOW_ERROR,
                    "corosim draws at most 2**26 bits at once with getrandbits()",
                ));
            }
            let r = g.borrow_mut().mt.bits(k);
            Ok(int_value(BigInt::from(r)))
        }
        "_randbelow" => {
            let v = p(&["n"], 1, &[])?;
            let n = as_index(v[0].as_ref().unwrap())?;
            Ok(int_value(randbelow(g, &n)))
        }
        "randrange" => {
            let v = p(&["start", "stop", "step"], 1, &[])?;
            randrange(g, v[0].as_ref().unwrap(), v[1].as_ref(), v[2].as_ref())
        }
        "randint" => {
            let v = p(&["a", "b"], 2, &[])?;
            let stop = ops::binary(BinOp::Add, v[1].as_ref().unwrap(), &Value::Int(1))?;
            randrange(g, v[0].as_ref().unwrap(), Some(&stop), None)
        }
        "choice" => {
            let v = p(&["seq"], 1, &[])?;
            let seq = v[0].as_ref().unwrap();
            let n = ops::len(seq)?;
            if n == 0 {
                return Err(PyException::new(INDEX_ERROR, "Cannot choose from an empty sequence"));
            }
            let i = g.borrow_mut().mt.below_u64(n as u64);
            ops::getitem(seq, &Value::Int(i as i64))
        }
        "shuffle" => {
            let v = p(&["x"], 1, &[])?;
            shuffle(g, v[0].as_ref().unwrap())?;
            Ok(Value::None)
        }
        "sample" => {
            let v = p(&["population", "k"], 2, &["counts"])?;
            sample(g, v[0].as_ref().unwrap(), v[1].as_ref().unwrap(), v[2].as_ref())
        }
        "choices" => {
            let v = p(&["population", "weights"], 1, &["cum_weights", "k"])?;
            choices(g, v[0].as_ref().unwrap(), v[1].as_ref(), v[2].as_ref(), v[3].as_ref())
        }
        "uniform" => {
            let v = p(&["a", "b"], 2, &[])?;
            let (lo, hi) = (v[0].as_ref().unwrap(), v[1].as_ref().unwrap());
            let r = Value::Float(g.borrow_mut().mt.random());
            let width = ops::binary(BinOp::Sub, hi, lo)?;
            ops::binary(BinOp::Add, lo, &ops::binary(BinOp::Mul, &width, &r)?)
        }
        "triangular" => {
            let v = p(&["low", "high", "mode"], 0, &[])?;
            let mut low = v[0].clone().unwrap_or(Value::Float(0.0));
            let mut high = v[1].clone().unwrap_or(Value::Float(1.0));
            let mut u = g.borrow_mut().mt.random();
            let mut c = match v[2].as_ref() {
                None | Some(Value::None) => 0.5,
                Some(mode) => {
                    let num = ops::binary(BinOp::Sub, mode, &low)?;
                    match ops::binary(BinOp::Div, &num, &ops::binary(BinOp::Sub, &high, &low)?) {
                        Ok(c) => float_arg(Some(&c), 0.5)?,
                        Err(e) if e.is_instance(ZERO_DIVISION_ERROR) => return Ok(low),
                        Err(e) => return Err(e),
                    }
                }
            };
            if u > c {
                u = 1.0 - u;
                c = 1.0 - c;
                std::mem::swap(&mut low, &mut high);
            }
            let width = ops::binary(BinOp::Sub, &high, &low)?;
            let step = ops::binary(BinOp::Mul, &width, &Value::Float((u * c).sqrt()))?;
            ops::binary(BinOp::Add, &low, &step)
        }
        "expovariate" => {
            let v = p(&["lambd"], 1, &[])?;
            let r = g.borrow_mut().mt.random();
            ops::binary(BinOp::Div, &Value::Float(-(1.0 - r).ln()), v[0].as_ref().unwrap())
        }
        "gauss" | "normalvariate" | "lognormvariate" => {
            let required = if name == "lognormvariate" { 2 } else { 0 };
            let v = p(&["mu", "sigma"], required, &[])?;
            let z = if name == "gauss" { gauss(g) } else { normal(g) };
            let mu = v[0].clone().unwrap_or(Value::Float(0.0));
            let sigma = v[1].clone().unwrap_or(Value::Float(1.0));
            let x = ops::binary(BinOp::Add, &mu, &ops::binary(BinOp::Mul, &Value::Float(z), &sigma)?)?;
            if name == "lognormvariate" {
                let x = x.as_f64().unwrap_or(f64::NAN).exp();
                if x.is_infinite() {
                    return Err(PyException::new(OVERFLOW_ERROR, "math range error"));
                }
                return Ok(Value::Float(x));
            }
            Ok(x)
        }
        "paretovariate" => {
            let v = p(&["alpha"], 1, &[])?;
            let u = 1.0 - g.borrow_mut().mt.random();
            let alpha = float_arg(v[0].as_ref(), 1.0)?;
            if alpha == 0.0 {
                return Err(PyException::new(ZERO_DIVISION_ERROR, "float division by zero"));
            }
            Ok(Value::Float(u.powf(-1.0 / alpha)))
        }
        "weibullvariate" => {
            let v = p(&["alpha", "beta"], 2, &[])?;
            let u = 1.0 - g.borrow_mut().mt.random();
            let alpha = float_arg(v[0].as_ref(), 1.0)?;
            let beta = float_arg(v[1].as_ref(), 1.0)?;
            if beta == 0.0 {
                return Err(PyException::new(ZERO_DIVISION_ERROR, "float division by zero"));
            }
            Ok(Value::Float(alpha * (-u.ln()).powf(1.0 / beta)))
        }
        "getstate" => {
            p(&[], 0, &[])?;
            let g = g.borrow();
            let words = Value::tuple(g.mt.state().into_iter().map(|w| Value::Int(w as i64)));
            let gauss = g.gauss_next.map_or(Value::None, Value::Float);
            Ok(Value::tuple([Value::Int(3), words, gauss]))
        }
        "setstate" => {
            let v = p(&["state"], 1, &[])?;
            setstate(g, v[0].as_ref().unwrap())?;
            Ok(Value::None)
        }
        _ => Err(PyException::new(ATTRIBUTE_ERROR, format!("'Random' object has no attribute '{name}'"))),
    }
}

/// Binds a method's arguments to its parameters (positional `names`, the first
/// `required` of them without a default, then keyword-only `kwonly`), with CPython's
/// messages for a bad call (counting `self`, as a bound method's do).
fn bind(
    name: &str,
    names: &[&str],
    required: usize,
    kwonly: &[&str],
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
) -> PyResult<Vec<Option<Value>>> {
    let qual = format!("Random.{name}()");
    if args.len() > names.len() {
        let takes = if required == names.len() {
            format!("{} positional argument{}", names.len() + 1, if names.is_empty() { "" } else { "s" })
        } else {
            format!("from {} to {} positional arguments", required + 1, names.len() + 1)
        };
        let given = args.len() + 1;
        return Err(PyException::new(
            TYPE_ERROR,
            format!("{qual} takes {takes} but {given} {} given", if given == 1 { "was" } else { "were" }),
        ));
    }
    let mut out: Vec<Option<Value>> = args.iter().cloned().map(Some).collect();
    out.resize(names.len() + kwonly.len(), None);
    for (k, v) in kwargs {
        let Some(i) = names.iter().chain(kwonly).position(|n| **n == **k) else {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("{qual} got an unexpected keyword argument '{k}'"),
            ));
        };
        if out[i].is_some() {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("{qual} got multiple values for argument '{k}'"),
            ));
        }
        out[i] = Some(v.clone());
    }
    let missing: Vec<String> =
        names[..required].iter().zip(&out).filter(|(_, v)| v.is_none()).map(|(n, _)| n.to_string()).collect();
    if !missing.is_empty() {
        return Err(missing_arguments(&format!("Random.{name}"), "positional", &missing));
    }
    Ok(out)
}

fn float_arg(v: Option<&Value>, default: f64) -> PyResult<f64> {
    match v {
        None => Ok(default),
        Some(v) => v.as_f64().or_else(|| as_big(v).and_then(|b| b.to_f64())).ok_or_else(|| {
            PyException::new(TYPE_ERROR, format!("must be real number, not {}", v.type_name()))
        }),
    }
}

/// `operator.index(v)`: an int, or TypeError.
fn as_index(v: &Value) -> PyResult<BigInt> {
    as_big(v).ok_or_else(|| {
        PyException::new(
            TYPE_ERROR,
            format!("'{}' object cannot be interpreted as an integer", v.type_name()),
        )
    })
}

/// `seed(a, version)`.
fn seed(g: &Shared, a: &Value, version: i64) -> PyResult<()> {
    let n: BigUint = match a {
        Value::None => entropy(),
        Value::Str(s) if version == 1 => {
            // Version 1: a 64-bit string hash of the text's code points.
            let cs: Vec<u32> = s.chars().map(|c| c as u32).collect();
            let mut x: u64 = cs.first().map_or(0, |c| (*c as u64) << 7);
            for c in &cs {
                x = 1_000_003u64.wrapping_mul(x) ^ *c as u64;
            }
            x ^= cs.len() as u64;
            BigUint::from(x)
        }
        Value::Str(s) => return seed_words(g, &seed_from_bytes(s.as_bytes())),
        Value::Float(f) => BigUint::from(float_hash(*f) as u64),
        other => match as_big(other) {
            Some(i) => i.magnitude().clone(),
            None => {
                return Err(PyException::new(
                    TYPE_ERROR,
                    "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
                ));
            }
        },
    };
    seed_words(g, &n)
}

fn seed_words(g: &Shared, n: &BigUint) -> PyResult<()> {
    let mut g = g.borrow_mut();
    g.mt = Twister::from_number(n);
    g.gauss_next = None;
    Ok(())
}

/// The number version 2 seeds from for a `str` (its UTF-8 bytes) or `bytes`: the bytes
/// followed by their SHA-512 digest, as one big-endian integer.
///
/// ```
/// use corosim::python::modules::random::seed_from_bytes;
/// // int.from_bytes(b'' + hashlib.sha512(b'').digest()) starts 0xcf83e1357eefb8bd…
/// assert!(seed_from_bytes(b"").to_str_radix(16).starts_with("cf83e1357eefb8bd"));
/// ```
pub fn seed_from_bytes(bytes: &[u8]) -> BigUint {
    let mut all = bytes.to_vec();
    all.extend_from_slice(&Sha512::digest(bytes));
    BigUint::from_bytes_be(&all)
}

/// A seed from the operating system's randomness (as `os.urandom` gives CPython), through
/// the standard library's randomly keyed hasher, and the time.
fn entropy() -> BigUint {
    use std::hash::{BuildHasher, Hasher};
    let mut words = Vec::new();
    for i in 0..4u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        h.write_u64(nanos);
        words.push(h.finish());
    }
    BigUint::from_slice(&words.iter().flat_map(|w| [*w as u32, (*w >> 32) as u32]).collect::<Vec<_>>())
}

/// CPython's `hash(float)`: the value modulo 2**61 - 1, keeping its sign (what
/// `random.seed(1.5)` seeds from).
fn float_hash(v: f64) -> i64 {
    const BITS: i32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % BITS } else { BITS - 1 - ((-1 - e) % BITS) };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 { -2 } else { h }
}

/// C's `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `_randbelow(n)` for `n > 0` (0 for `n <= 0`, which callers never pass).
fn randbelow(g: &Shared, n: &BigInt) -> BigInt {
    if !n.is_positive() {
        return BigInt::zero();
    }
    BigInt::from(g.borrow_mut().mt.below(n.magnitude()))
}

/// `randrange`'s reading of one argument: an int, or a float equal to one (deprecated
/// since 3.10, so CPython warns), else CPython's error.
fn range_arg(v: &Value, which: &str) -> PyResult<BigInt> {
    if let Some(i) = as_big(v) {
        return Ok(i);
    }
    let i = as_big(&crate::python::builtins::construct("int", vec![v.clone()], vec![])?).unwrap_or_default();
    if !ops::eq(&int_value(i.clone()), v)? {
        crate::console::warn("DeprecationWarning: randrange() will raise TypeError in the future");
        return Err(PyException::new(VALUE_ERROR, format!("non-integer {which} for randrange()")));
    }
    crate::console::warn(
        "DeprecationWarning: non-integer arguments to randrange() have been deprecated since Python 3.10 and will be removed in a subsequent version",
    );
    Ok(i)
}

fn randrange(g: &Shared, start: &Value, stop: Option<&Value>, step: Option<&Value>) -> PyResult {
    // The common case, `randrange(a, b)` and `randint(a, b)` on small ints, without big
    // numbers (the same draws: `_randbelow(width)` on the same width).
    if let (Value::Int(a), Some(Value::Int(b)), None) = (start, stop, step) {
        let width = *b as i128 - *a as i128;
        if width > 0 {
            let r = g.borrow_mut().mt.below_u64(width as u64);
            let sum = *a as i128 + r as i128;
            return Ok(i64::try_from(sum).map_or_else(|_| int_value(BigInt::from(sum)), Value::Int));
        }
    }
    let istart = range_arg(start, "arg 1")?;
    let stop = stop.filter(|s| !s.is_none());
    let Some(stop) = stop else {
        if step.is_some() {
            return Err(PyException::new(TYPE_ERROR, "Missing a non-None stop argument"));
        }
        if istart.is_positive() {
            return Ok(int_value(randbelow(g, &istart)));
        }
        return Err(PyException::new(VALUE_ERROR, "empty range for randrange()"));
    };
    let istop = range_arg(stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        Some(s) => range_arg(s, "step")?,
        None => BigInt::from(1),
    };
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(int_value(istart + randbelow(g, &width)));
        }
        return Err(PyException::new(
            VALUE_ERROR,
            format!("empty range for randrange() ({istart}, {istop}, {width})"),
        ));
    }
    let n = if istep.is_positive() {
        num_integer::Integer::div_floor(&(&width + &istep - 1), &istep)
    } else if istep.is_negative() {
        num_integer::Integer::div_floor(&(&width + &istep + 1), &istep)
    } else {
        return Err(PyException::new(VALUE_ERROR, "zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(PyException::new(VALUE_ERROR, "empty range for randrange()"));
    }
    Ok(int_value(istart + istep * randbelow(g, &n)))
}

fn shuffle(g: &Shared, x: &Value) -> PyResult<()> {
    let n = ops::len(x)?;
    if let Some(list) = downcast::<List>(x) {
        for i in (1..n).rev() {
            let j = g.borrow_mut().mt.below_u64(i as u64 + 1) as usize;
            let mut items = list.0.borrow_mut();
            if i < items.len() && j < items.len() {
                items.swap(i, j);
            }
        }
        return Ok(());
    }
    for i in (1..n).rev() {
        let j = g.borrow_mut().mt.below_u64(i as u64 + 1) as usize;
        let (vi, vj) = (ops::getitem(x, &Value::Int(i as i64))?, ops::getitem(x, &Value::Int(j as i64))?);
        ops::setitem(x, &Value::Int(i as i64), vj)?;
        ops::setitem(x, &Value::Int(j as i64), vi)?;
    }
    Ok(())
}

/// Whether `sample` takes it: a sequence (not a set or a dict).
fn is_sequence(v: &Value) -> bool {
    matches!(v, Value::Str(_) | Value::Tuple(_))
        || downcast::<List>(v).is_some()
        || downcast::<Range>(v).is_some()
        || downcast::<Native>(v).is_some_and(|n| n.0.type_name() == "deque")
}

fn sample(g: &Shared, population: &Value, k: &Value, counts: Option<&Value>) -> PyResult {
    if !is_sequence(population) {
        return Err(PyException::new(
            TYPE_ERROR,
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let n = ops::len(population)?;
    if let Some(counts) = counts.filter(|c| !c.is_none()) {
        let mut cum: Vec<Value> = Vec::new();
        let mut acc: Option<Value> = None;
        for c in ops::iterate(counts)? {
            let next = match &acc {
                None => c,
                Some(a) => ops::binary(BinOp::Add, a, &c)?,
            };
            cum.push(next.clone());
            acc = Some(next);
        }
        if cum.len() != n {
            return Err(PyException::new(VALUE_ERROR, "The number of counts does not match the population"));
        }
        let total = cum.pop().unwrap_or_default();
        let Some(total) = as_big(&total).filter(|_| !matches!(total, Value::Bool(_))) else {
            return Err(PyException::new(TYPE_ERROR, "Counts must be integers"));
        };
        if !total.is_positive() {
            return Err(PyException::new(VALUE_ERROR, "Total of counts must be greater than zero"));
        }
        let range = Value::Obj(Rc::new(Range {
            start: 0,
            stop: total.to_i64().ok_or_else(|| {
                PyException::new(OVERFLOW_ERROR, "Python int too large to convert to C ssize_t")
            })?,
            step: 1,
        }));
        let picks = sample(g, &range, k, None)?;
        let picks = ops::iterate(&picks)?;
        let mut out = Vec::with_capacity(picks.len());
        for s in picks {
            // bisect_right(cum_counts, s)
            let (mut lo, mut hi) = (0usize, cum.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if ops::truthy(&ops::compare(crate::python::code::CmpOp::Lt, &s, &cum[mid])?)? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out.push(ops::getitem(population, &Value::Int(lo as i64))?);
        }
        return Ok(new_list(out));
    }
    let k = as_index(k)?;
    let k = match k.to_usize() {
        Some(k) if k <= n => k,
        _ => return Err(PyException::new(VALUE_ERROR, "Sample larger than population or is negative")),
    };
    let mut setsize = 21usize;
    if k > 5 {
        let exp = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.pow(exp.ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = ops::iterate(population)?;
        for i in 0..k {
            let j = g.borrow_mut().mt.below_u64((n - i) as u64) as usize;
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::with_capacity(k);
        for _ in 0..k {
            let mut j = g.borrow_mut().mt.below_u64(n as u64);
            while selected.contains(&j) {
                j = g.borrow_mut().mt.below_u64(n as u64);
            }
            selected.insert(j);
            result.push(ops::getitem(population, &Value::Int(j as i64))?);
        }
    }
    Ok(new_list(result))
}

fn choices(
    g: &Shared,
    population: &Value,
    weights: Option<&Value>,
    cum_weights: Option<&Value>,
    k: Option<&Value>,
) -> PyResult {
    let n = ops::len(population)?;
    let k = match k {
        Some(k) => as_index(k)?.to_i64().unwrap_or(0).max(0) as usize,
        None => 1,
    };
    let weights = weights.filter(|w| !w.is_none());
    let cum_weights = cum_weights.filter(|w| !w.is_none());
    let cum: Vec<Value> = match (weights, cum_weights) {
        (None, None) => {
            let nf = n as f64;
            let mut out = Vec::with_capacity(k);
            for _ in 0..k {
                let i = (g.borrow_mut().mt.random() * nf).floor() as i64;
                out.push(ops::getitem(population, &Value::Int(i))?);
            }
            return Ok(new_list(out));
        }
        (Some(w), None) => {
            if is_int(w) && !matches!(w, Value::Bool(_)) {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("The number of choices must be a keyword argument: k={}", w.repr()),
                ));
            }
            let mut cum = Vec::new();
            for x in ops::iterate(w)? {
                let next = match cum.last() {
                    None => x,
                    Some(a) => ops::binary(BinOp::Add, a, &x)?,
                };
                cum.push(next);
            }
            cum
        }
        (None, Some(c)) => ops::iterate(c)?,
        (Some(_), Some(_)) => {
            return Err(PyException::new(TYPE_ERROR, "Cannot specify both weights and cumulative weights"));
        }
    };
    if cum.len() != n {
        return Err(PyException::new(VALUE_ERROR, "The number of weights does not match the population"));
    }
    let Some(last) = cum.last() else {
        return Err(PyException::new(INDEX_ERROR, "list index out of range"));
    };
    let total = ops::binary(BinOp::Add, last, &Value::Float(0.0))?.as_f64().unwrap_or(f64::NAN);
    if total <= 0.0 {
        return Err(PyException::new(VALUE_ERROR, "Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(PyException::new(VALUE_ERROR, "Total of weights must be finite"));
    }
    let hi = n - 1;
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = Value::Float(g.borrow_mut().mt.random() * total);
        let (mut lo, mut h) = (0usize, hi);
        while lo < h {
            let mid = (lo + h) / 2;
            if ops::truthy(&ops::compare(crate::python::code::CmpOp::Lt, &x, &cum[mid])?)? {
                h = mid;
            } else {
                lo = mid + 1;
            }
        }
        out.push(ops::getitem(population, &Value::Int(lo as i64))?);
    }
    Ok(new_list(out))
}

/// `gauss()`'s standard normal: Box–Muller, two at a time, the second kept.
fn gauss(g: &Shared) -> f64 {
    let mut g = g.borrow_mut();
    if let Some(z) = g.gauss_next.take() {
        return z;
    }
    let x2pi = g.mt.random() * std::f64::consts::TAU;
    let g2rad = (-2.0 * (1.0 - g.mt.random()).ln()).sqrt();
    g.gauss_next = Some(x2pi.sin() * g2rad);
    x2pi.cos() * g2rad
}

/// `normalvariate()`'s standard normal: Kinderman and Monahan's ratio method.
fn normal(g: &Shared) -> f64 {
    let magic = 4.0 * (-0.5f64).exp() / 2f64.sqrt();
    let mut g = g.borrow_mut();
    loop {
        let u1 = g.mt.random();
        let u2 = 1.0 - g.mt.random();
        let z = magic * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            return z;
        }
    }
}

fn setstate(g: &Shared, state: &Value) -> PyResult<()> {
    let Value::Tuple(parts) = state else {
        return Err(PyException::new(TYPE_ERROR, "state vector must be a tuple"));
    };
    let version = parts.first().and_then(|v| v.as_int());
    if version != Some(3) || parts.len() != 3 {
        let shown = parts.first().map_or_else(|| "None".to_string(), |v| v.repr());
        return Err(PyException::new(
            VALUE_ERROR,
            format!("state with version {shown} passed to Random.setstate() of version 3"),
        ));
    }
    let Value::Tuple(words) = &parts[1] else {
        return Err(PyException::new(TYPE_ERROR, "state vector must be a tuple"));
    };
    if words.len() != 625 {
        return Err(PyException::new(VALUE_ERROR, "state vector is the wrong size"));
    }
    let mut mt = Vec::with_capacity(624);
    for w in &words[..624] {
        let w = as_big(w).and_then(|b| b.to_u64()).filter(|w| *w <= u32::MAX as u64);
        mt.push(w.ok_or_else(|| {
            PyException::new(OVERFLOW_ERROR, "Python int too large to convert to C unsigned long")
        })? as u32);
    }
    let index = words[624].as_int().unwrap_or(-1);
    let twister = (index >= 0)
        .then(|| Twister::from_state(&mt, index as usize))
        .flatten()
        .ok_or_else(|| PyException::new(VALUE_ERROR, "invalid state"))?;
    let gauss_next = match &parts[2] {
        Value::None => None,
        v => Some(float_arg(Some(v), 0.0)?),
    };
    let mut g = g.borrow_mut();
    g.mt = twister;
    g.gauss_next = gauss_next;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `hash(x)` under CPython 3.11 for these floats.
    #[test]
    fn float_hash_is_cpython_s() {
        assert_eq!(float_hash(1.5), 1152921504606846977);
        assert_eq!(float_hash(-2.25), -576460752303423490);
        assert_eq!(float_hash(3.0), 3);
        assert_eq!(float_hash(0.1), 230584300921369408);
        assert_eq!(float_hash(1e300), 1224995262755759164);
        assert_eq!(float_hash(-1.0), -2);
    }

    /// `random.seed(b'corosim'); random.random()` under CPython 3.11.
    #[test]
    fn a_bytes_seed_is_its_bytes_and_their_digest() {
        let mut mt = Twister::from_number(&seed_from_bytes(b"corosim"));
        assert_eq!(mt.random(), BYTES_SEED_FIRST);
    }

    const BYTES_SEED_FIRST: f64 = 0.7319993368573098;
}
