//! Python's `hash()`, as CPython 3.11 computes it — so a set iterates in CPython's order
//! (a set's order is its hash table's order, see `set_table.rs`).
//!
//! Only some hashes are the same in every run of CPython, and only those are computed
//! here:
//! - `int` (and `bool`): the value modulo the Mersenne prime 2**61 - 1, keeping the sign;
//!   `hash(-1)` is `-2` (`-1` is C's error code), as is every hash that would be `-1`;
//! - `float`: the same residue of the exact rational value, so `hash(2.0) == hash(2)`;
//!   `±inf` hash to `±314159`; a NaN hashes by identity (3.10+), so it is not here
//!   (a NaN's identity is in its payload bits: [`new_nan`]);
//! - `str` and `bytes`: SipHash-1-3 (the `siphasher` crate: a well-kept SipHash, the
//!   same family Rust's own `HashMap` uses) over CPython's internal buffer of the string
//!   (PEP 393: one, two or four little-endian bytes a character, by its widest
//!   character) keyed by the hash secret, which is all zeros under `PYTHONHASHSEED=0`
//!   (the oracle runs CPython so); the empty string hashes to 0;
//! - `tuple`: 3.11's xxHash-based combination of its items' hashes;
//! - `frozenset`: the order-free mix of its members' hashes ([`hash_members`]).
//!
//! Everything else (`None` in 3.11, functions, classes, instances without `__hash__`, a
//! NaN, a tuple holding any of them) hashes by its address in CPython, different from
//! run to run: `objects::cpython_hash`, which picks the function for a value, says
//! `None`, and such set members keep an order of corosim's own.
//!
//! ```
//! use corosim::python::hash::{hash_float, hash_int, hash_str, hash_tuple};
//! assert_eq!(hash_int(-1), -2);
//! assert_eq!(hash_float(1.5), Some(1152921504606846977));
//! assert_eq!(hash_str(""), 0);
//! assert_eq!(hash_tuple([Some(1), Some(2)].into_iter()), Some(-3550055125485641917));
//! ```

use std::hash::Hasher;

use siphasher::sip::SipHasher13;

/// The modulus of numeric hashes: the Mersenne prime 2**61 - 1 (`_PyHASH_MODULUS`).
pub const MODULUS: u64 = (1 << 61) - 1;

/// `hash(float('inf'))` (`_PyHASH_INF`).
pub const INF: i64 = 314159;

/// A new NaN, unlike every other (its payload bits count up), for `float('nan')` and
/// each NaN arithmetic makes. In CPython each is a new object, and identity is what
/// finds a NaN in a set, a dict or a list (`x == x` is false for it): `x = float('nan')`
/// makes `{x, x}` one member but `{float('nan'), float('nan')}` two. corosim's floats
/// are plain values, so `is` compares their bits and this makes the bits differ.
/// `math.nan` is one NaN, as in CPython.
///
/// ```
/// use corosim::python::hash::new_nan;
/// let (a, b) = (new_nan(), new_nan());
/// assert!(a.is_nan() && b.is_nan() && a.to_bits() != b.to_bits());
/// ```
pub fn new_nan() -> f64 {
    thread_local! {
        static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    }
    // The quiet bit set, then 51 bits of payload (never 0: that is `math.nan`).
    let payload = NEXT.with(|n| {
        let p = n.get();
        n.set(if p >= (1 << 51) - 1 { 1 } else { p + 1 });
        p
    });
    f64::from_bits(0x7ff8_0000_0000_0000 | payload)
}

/// `-1` is C's "error" return, so CPython's hashes never take it.
fn not_minus_one(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// `hash(i)` for an int in 64 bits.
pub fn hash_int(i: i64) -> i64 {
    let residue = (i.unsigned_abs() % MODULUS) as i64;
    not_minus_one(if i < 0 { -residue } else { residue })
}

/// `hash(i)` for any int.
pub fn hash_big(i: &num_bigint::BigInt) -> i64 {
    let residue = (i.magnitude() % MODULUS).iter_u64_digits().next().unwrap_or(0) as i64;
    not_minus_one(if i.sign() == num_bigint::Sign::Minus { -residue } else { residue })
}

/// `hash(f)` (`_Py_HashDouble`): the exact value `m * 2**e` modulo 2**61 - 1, where
/// 2**e is 2**(e mod 61) because 2**61 is 1 modulo that prime. `None` for a NaN.
pub fn hash_float(f: f64) -> Option<i64> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { INF } else { -INF });
    }
    let bits = f.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = match exponent {
        0 => (fraction, -1074),
        e => (fraction | 1 << 52, e - 1075),
    };
    let shift = exponent.rem_euclid(61) as u32;
    let residue = (((mantissa as u128) << shift) % MODULUS as u128) as i64;
    Some(not_minus_one(if f.is_sign_negative() { -residue } else { residue }))
}

/// SipHash-1-3 with the all-zero key of `PYTHONHASHSEED=0` (`_Py_HashBytes`).
fn siphash(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    let mut h = SipHasher13::new_with_keys(0, 0);
    h.write(data);
    not_minus_one(h.finish() as i64)
}

/// `hash(b)` for bytes.
pub fn hash_bytes(b: &[u8]) -> i64 {
    siphash(b)
}

/// `hash(s)`: SipHash over the string as CPython stores it (PEP 393), one byte a
/// character when all are below U+0100, two below U+10000, else four (little-endian).
pub fn hash_str(s: &str) -> i64 {
    if s.is_ascii() {
        return siphash(s.as_bytes());
    }
    let widest = s.chars().map(u32::from).max().unwrap_or(0);
    let width = match widest {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        _ => 4,
    };
    let buffer: Vec<u8> = s.chars().flat_map(|c| (c as u32).to_le_bytes().into_iter().take(width)).collect();
    siphash(&buffer)
}

/// `hash(t)` for a tuple from its items' hashes (3.11's `tuplehash`, after xxHash's
/// 64-bit round); `None` when an item's hash is not deterministic.
pub fn hash_tuple(items: impl ExactSizeIterator<Item = Option<i64>>) -> Option<i64> {
    const PRIME_1: u64 = 11400714785074694791;
    const PRIME_2: u64 = 14029467366897019727;
    const PRIME_5: u64 = 2870177450012600261;
    let len = items.len() as u64;
    let mut acc = PRIME_5;
    for item in items {
        let lane = item? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    // The length, mangled to keep the historical hash(()).
    acc = acc.wrapping_add(len ^ (PRIME_5 ^ 3527539));
    Some(if acc == u64::MAX { 1546275796 } else { acc as i64 })
}

/// `hash(frozenset)` from its members' hashes (`frozenset_hash`): an xor of each hash's
/// bits shuffled, so the order of the members does not matter.
pub fn hash_members(hashes: impl Iterator<Item = i64>) -> i64 {
    let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    let mut count = 0u64;
    let mut hash = 0u64;
    for h in hashes {
        hash ^= shuffle(h as u64);
        count += 1;
    }
    hash ^= (count + 1).wrapping_mul(1927868237);
    // Disperse the patterns nested frozensets make.
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX { 590923713 } else { hash as i64 }
}
