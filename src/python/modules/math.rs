//! `math`: CPython's `Modules/mathmodule.c` for the functions course programs use — the C
//! library's functions on floats, with CPython's checks around them (`math domain error`
//! for an argument outside the function's domain, `math range error` for a result too
//! big for a float), and CPython's own algorithms where it has one: `fsum`'s exact sum
//! of partials, `hypot`'s scaled and corrected norm, integer `log` of any size.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import math\nprint(math.sqrt(2), math.floor(-2.5), math.gcd(12, 18), math.fsum([0.1] * 10))\n",
//! );
//! assert_eq!(out, "1.4142135623730951 -3 6 1.0\n");
//! ```

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::module as make_module;
use crate::exception::*;
use crate::python::code::BinOp;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

fn domain() -> PyException {
    PyException::new(VALUE_ERROR, "math domain error")
}

fn range() -> PyException {
    PyException::new(OVERFLOW_ERROR, "math range error")
}

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

/// A number as a float, or CPython's TypeError.
fn num(v: &Value) -> PyResult<f64> {
    if let Some(f) = v.as_f64() {
        return Ok(f);
    }
    if let Some(b) = downcast::<crate::python::objects::BigInt>(v) {
        let f = b.0.to_f64().unwrap_or(f64::INFINITY);
        if f.is_infinite() {
            return Err(PyException::new(OVERFLOW_ERROR, "int too large to convert to float"));
        }
        return Ok(f);
    }
    Err(type_error(format!("must be real number, not {}", v.type_name())))
}

/// `operator.index(v)`.
fn index(v: &Value) -> PyResult<BigInt> {
    as_big(v)
        .ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())))
}

/// A one-argument function on floats, with CPython's `math_1` checks: a NaN from a
/// number is a domain error; an infinity from a finite number a range error if the
/// function can overflow, else a domain error.
fn math_1(name: &'static str, f: fn(f64) -> f64, can_overflow: bool) -> (&'static str, Value) {
    let v = Builtin::value(name, move |a, k| {
        let x = num(one(name, &a, &k)?)?;
        let r = f(x);
        if r.is_nan() && !x.is_nan() {
            return Err(domain());
        }
        if r.is_infinite() && x.is_finite() {
            return Err(if can_overflow { range() } else { domain() });
        }
        Ok(Value::Float(r))
    });
    (name, v)
}

/// The one argument of a METH_O function.
fn one<'a>(name: &str, a: &'a [Value], k: &[(Rc<str>, Value)]) -> PyResult<&'a Value> {
    if !k.is_empty() {
        return Err(type_error(format!("math.{name}() takes no keyword arguments")));
    }
    match a {
        [x] => Ok(x),
        _ => Err(type_error(format!("math.{name}() takes exactly one argument ({} given)", a.len()))),
    }
}

/// The two arguments of an argument-clinic function.
fn two<'a>(name: &str, a: &'a [Value]) -> PyResult<(&'a Value, &'a Value)> {
    match a {
        [x, y] => Ok((x, y)),
        _ => Err(type_error(format!("{name} expected 2 arguments, got {}", a.len()))),
    }
}

fn func(name: &'static str, f: impl Fn(Vec<Value>, Kwargs) -> PyResult + 'static) -> (&'static str, Value) {
    (name, Builtin::value(name, f))
}

/// `floor`, `ceil`, `trunc`: an int from a number.
fn to_int(x: f64) -> PyResult {
    if x.is_nan() {
        return Err(PyException::new(VALUE_ERROR, "cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyException::new(OVERFLOW_ERROR, "cannot convert float infinity to integer"));
    }
    Ok(int_value(num_traits::FromPrimitive::from_f64(x).unwrap_or_default()))
}

fn rounding(name: &'static str, f: fn(f64) -> f64) -> (&'static str, Value) {
    func(name, move |a, k| {
        let x = one(name, &a, &k)?;
        if let Some(i) = as_big(x) {
            return Ok(int_value(i));
        }
        to_int(f(num(x)?))
    })
}

/// The module.
pub fn module() -> Value {
    let attrs: Vec<(&str, Value)> = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
        math_1("sqrt", f64::sqrt, false),
        math_1("exp", f64::exp, true),
        math_1("expm1", f64::exp_m1, true),
        math_1("sin", f64::sin, false),
        math_1("cos", f64::cos, false),
        math_1("tan", f64::tan, false),
        math_1("asin", f64::asin, false),
        math_1("acos", f64::acos, false),
        math_1("atan", f64::atan, false),
        math_1("sinh", f64::sinh, true),
        math_1("cosh", f64::cosh, true),
        math_1("tanh", f64::tanh, false),
        math_1("fabs", f64::abs, false),
        math_1("log1p", f64::ln_1p, false),
        math_1("degrees", f64::to_degrees, false),
        math_1("radians", f64::to_radians, false),
        rounding("floor", f64::floor),
        rounding("ceil", f64::ceil),
        rounding("trunc", f64::trunc),
        func("log", |a, k| {
            if !k.is_empty() {
                return Err(type_error("math.log() takes no keyword arguments"));
            }
            match a.as_slice() {
                [x] => Ok(Value::Float(log(x, f64::ln)?)),
                [x, base] => {
                    let num = log(x, f64::ln)?;
                    let den = log(base, f64::ln)?;
                    if den == 0.0 {
                        return Err(PyException::new(ZERO_DIVISION_ERROR, "float division by zero"));
                    }
                    Ok(Value::Float(num / den))
                }
                _ => Err(type_error(format!("log expected at least 1 argument, got {}", a.len()))),
            }
        }),
        func("log2", |a, k| Ok(Value::Float(log(one("log2", &a, &k)?, f64::log2)?))),
        func("log10", |a, k| Ok(Value::Float(log(one("log10", &a, &k)?, f64::log10)?))),
        func("pow", |a, _| {
            let (x, y) = two("pow", &a)?;
            let (x, y) = (num(x)?, num(y)?);
            let r = x.powf(y);
            if x.is_finite() && y.is_finite() {
                if r.is_nan() {
                    return Err(domain());
                }
                if r.is_infinite() {
                    return Err(if x == 0.0 { domain() } else { range() });
                }
            }
            Ok(Value::Float(r))
        }),
        func("atan2", |a, _| {
            let (y, x) = two("atan2", &a)?;
            Ok(Value::Float(num(y)?.atan2(num(x)?)))
        }),
        func("copysign", |a, _| {
            let (x, y) = two("copysign", &a)?;
            Ok(Value::Float(num(x)?.copysign(num(y)?)))
        }),
        func("fmod", |a, _| {
            let (x, y) = two("fmod", &a)?;
            let (x, y) = (num(x)?, num(y)?);
            if y.is_infinite() && x.is_finite() {
                return Ok(Value::Float(x));
            }
            let r = x % y;
            if r.is_nan() && !x.is_nan() && !y.is_nan() {
                return Err(domain());
            }
            Ok(Value::Float(r))
        }),
        func("modf", |a, k| {
            let x = num(one("modf", &a, &k)?)?;
            if x.is_infinite() {
                return Ok(Value::tuple([Value::Float(0.0f64.copysign(x)), Value::Float(x)]));
            }
            let int = x.trunc();
            Ok(Value::tuple([Value::Float((x - int).copysign(x)), Value::Float(int)]))
        }),
        func("isinf", |a, k| Ok(Value::Bool(num(one("isinf", &a, &k)?)?.is_infinite()))),
        func("isnan", |a, k| Ok(Value::Bool(num(one("isnan", &a, &k)?)?.is_nan()))),
        func("isfinite", |a, k| Ok(Value::Bool(num(one("isfinite", &a, &k)?)?.is_finite()))),
        func("isclose", isclose),
        func("hypot", |a, _| {
            let coords: Vec<f64> = a.iter().map(num).collect::<PyResult<_>>()?;
            Ok(Value::Float(vector_norm(&coords)))
        }),
        func("dist", |a, _| {
            let (p, q) = two("dist", &a)?;
            let (p, q) = (ops::iterate(p)?, ops::iterate(q)?);
            if p.len() != q.len() {
                return Err(PyException::new(
                    VALUE_ERROR,
                    "both points must have the same number of dimensions",
                ));
            }
            let d: Vec<f64> =
                p.iter().zip(&q).map(|(x, y)| Ok(num(x)? - num(y)?)).collect::<PyResult<_>>()?;
            Ok(Value::Float(vector_norm(&d)))
        }),
        func("fsum", |a, k| {
            let items = ops::iterate(one("fsum", &a, &k)?)?;
            let xs: Vec<f64> = items.iter().map(num).collect::<PyResult<_>>()?;
            Ok(Value::Float(fsum(&xs)?))
        }),
        func("gcd", |a, _| {
            let mut g = BigInt::zero();
            for x in &a {
                g = g.gcd(&index(x)?);
            }
            Ok(int_value(g))
        }),
        func("lcm", |a, _| {
            let mut l = BigInt::one();
            for x in &a {
                let x = index(x)?;
                l = if x.is_zero() || l.is_zero() { BigInt::zero() } else { l.lcm(&x) };
            }
            Ok(int_value(l))
        }),
        func("isqrt", |a, k| {
            let n = index(one("isqrt", &a, &k)?)?;
            if n.is_negative() {
                return Err(PyException::new(VALUE_ERROR, "isqrt() argument must be nonnegative"));
            }
            Ok(int_value(n.sqrt()))
        }),
        func("factorial", |a, k| {
            let n = index(one("factorial", &a, &k)?)?;
            if n.is_negative() {
                return Err(PyException::new(VALUE_ERROR, "factorial() not defined for negative values"));
            }
            let n = n.to_u64().filter(|n| *n <= 100_000).ok_or_else(|| {
                PyException::new(OVERFLOW_ERROR, "corosim computes factorial(n) for n up to 100000")
            })?;
            Ok(int_value((1..=n).fold(BigInt::one(), |acc, i| acc * i)))
        }),
        func("comb", |a, _| {
            let (n, k) = two("comb", &a)?;
            let (n, k) = (index(n)?, index(k)?);
            check_nonnegative(&n, &k)?;
            if k > n {
                return Ok(Value::Int(0));
            }
            let k = std::cmp::min(k.clone(), &n - &k);
            Ok(int_value(falling(&n, &k)? / factorial_of(&k)?))
        }),
        func("perm", |a, _| {
            let n = a.first().ok_or_else(|| type_error("perm expected at least 1 argument, got 0"))?;
            let n = index(n)?;
            let k = match a.get(1) {
                None | Some(Value::None) => n.clone(),
                Some(k) => index(k)?,
            };
            check_nonnegative(&n, &k)?;
            if k > n {
                return Ok(Value::Int(0));
            }
            Ok(int_value(falling(&n, &k)?))
        }),
        func("prod", |a, k| {
            let it =
                a.first().ok_or_else(|| type_error("prod() missing required argument 'iterable' (pos 1)"))?;
            let mut acc = k.iter().find(|(n, _)| &**n == "start").map_or(Value::Int(1), |(_, v)| v.clone());
            for x in ops::iterate(it)? {
                acc = ops::binary(BinOp::Mul, &acc, &x)?;
            }
            Ok(acc)
        }),
    ];
    make_module("math", attrs)
}

fn check_nonnegative(n: &BigInt, k: &BigInt) -> PyResult<()> {
    if n.is_negative() {
        return Err(PyException::new(VALUE_ERROR, "n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(PyException::new(VALUE_ERROR, "k must be a non-negative integer"));
    }
    Ok(())
}

/// `n * (n-1) * … * (n-k+1)`.
fn falling(n: &BigInt, k: &BigInt) -> PyResult<BigInt> {
    let k = k.to_u64().filter(|k| *k <= 100_000).ok_or_else(|| {
        PyException::new(OVERFLOW_ERROR, "corosim computes comb() and perm() for k up to 100000")
    })?;
    Ok((0..k).fold(BigInt::one(), |acc, i| acc * (n - i)))
}

fn factorial_of(k: &BigInt) -> PyResult<BigInt> {
    falling(k, k)
}

/// `log(x)` of an int of any size or a float (CPython's `loghelper`): a domain error for
/// `x <= 0`; an int too big for a float by its mantissa and exponent.
fn log(x: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(i) = as_big(x) {
        if !i.is_positive() {
            return Err(domain());
        }
        if let Some(v) = i.to_f64().filter(|v| v.is_finite()) {
            return Ok(f(v));
        }
        // x = m * 2**e with m in [0.5, 1): log(x) = log(m) + e * log(2).
        let e = i.bits() as i64;
        let top = (&i >> (e - 60) as usize).to_f64().unwrap_or(0.0) / 2f64.powi(60);
        return Ok(f(top) + e as f64 * f(2.0));
    }
    let v = num(x)?;
    if v.is_nan() {
        return Ok(v);
    }
    if v <= 0.0 {
        return Err(domain());
    }
    Ok(f(v))
}

fn isclose(a: Vec<Value>, k: Kwargs) -> PyResult {
    if a.len() != 2 {
        let which = if a.len() < 2 { ["a", "b"][a.len()] } else { "" };
        if which.is_empty() {
            return Err(type_error(format!(
                "isclose() takes exactly 2 positional arguments ({} given)",
                a.len()
            )));
        }
        return Err(type_error(format!(
            "isclose() missing required argument '{which}' (pos {})",
            a.len() + 1
        )));
    }
    let (x, y) = (num(&a[0])?, num(&a[1])?);
    let mut rel = 1e-09;
    let mut abs = 0.0;
    for (name, v) in &k {
        match &**name {
            "rel_tol" => rel = num(v)?,
            "abs_tol" => abs = num(v)?,
            other => {
                return Err(type_error(format!("isclose() got an unexpected keyword argument '{other}'")));
            }
        }
    }
    if rel < 0.0 || abs < 0.0 {
        return Err(PyException::new(VALUE_ERROR, "tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::Bool(diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs))
}

/// CPython 3.11's `vector_norm` (`hypot`, `dist`): the coordinates scaled by a power of
/// two, their squares summed in pieces that lose nothing, and the root corrected once.
fn vector_norm(vec: &[f64]) -> f64 {
    const T27: f64 = 134_217_729.0; // 2**27 + 1: splits a double into halves
    let vec: Vec<f64> = vec.iter().map(|x| x.abs()).collect();
    let max = vec.iter().copied().fold(0.0, |m: f64, x| if x > m { x } else { m });
    if vec.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if vec.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    let split = |x: f64| {
        let t = x * T27;
        let hi = t - (t - x);
        (hi, x - hi)
    };
    let add = |csum: &mut f64, frac: &mut f64, x: f64| {
        let old = *csum;
        *csum += x;
        *frac += (old - *csum) + x;
    };
    let max_e = frexp_exp(max);
    if max_e >= -1023 {
        let scale = 2f64.powi(-max_e);
        for &x in &vec {
            let (hi, lo) = split(x * scale);
            add(&mut csum, &mut frac1, hi * hi);
            add(&mut csum, &mut frac2, 2.0 * hi * lo);
            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
        let (hi, lo) = split(h);
        add(&mut csum, &mut frac1, -hi * hi);
        add(&mut csum, &mut frac2, -2.0 * hi * lo);
        add(&mut csum, &mut frac3, -lo * lo);
        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    for &x in &vec {
        let x = x / max;
        add(&mut csum, &mut frac1, x * x);
    }
    max * (csum - 1.0 + frac1).sqrt()
}

/// The exponent `frexp` gives: `x = m * 2**e`, `0.5 <= m < 1`.
fn frexp_exp(x: f64) -> i32 {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        return frexp_exp(x * 2f64.powi(64)) - 64;
    }
    exp - 1022
}

/// CPython's `fsum`: Shewchuk's exact partial sums, rounded half-even at the end.
fn fsum(xs: &[f64]) -> PyResult<f64> {
    let mut p: Vec<f64> = Vec::new();
    let (mut special, mut inf_sum) = (0.0f64, 0.0f64);
    for &item in xs {
        let mut x = item;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if item.is_finite() {
                    return Err(PyException::new(OVERFLOW_ERROR, "intermediate overflow in fsum"));
                }
                if item.is_infinite() {
                    inf_sum += item;
                }
                special += item;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyException::new(VALUE_ERROR, "-inf + inf in fsum"));
        }
        return Ok(special);
    }
    let mut n = p.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(hi)
}
