//! The Mersenne Twister (MT19937) behind Python's `random`, as CPython's
//! `Modules/_randommodule.c` runs it: Matsumoto and Nishimura's generator, seeded by
//! `init_by_array` from the 32-bit words of a number, giving 53-bit floats from two words.
//!
//! Same seed, same words, same floats as CPython: a program's `random.seed(42)` draws the
//! numbers it draws under python3.
//!
//! ```
//! use corosim::python::modules::mersenne::Twister;
//! let mut mt = Twister::from_words(&[42]);
//! // CPython: random.seed(42); random.random() == 0.6394267984578837
//! assert_eq!(mt.random(), 0.6394267984578837);
//! ```

use num_bigint::BigUint;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The generator's state: 624 words and where the next draw reads.
#[derive(Clone)]
pub struct Twister {
    mt: [u32; N],
    index: usize,
}

impl Twister {
    /// `init_genrand(s)`: the state from one word.
    fn from_word(s: u32) -> Twister {
        let mut mt = [0u32; N];
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        Twister { mt, index: N }
    }

    /// `init_by_array(key)`: the state from the words of a seed, least significant first
    /// (CPython splits `abs(seed)` this way; seed 0 is the one word 0).
    pub fn from_words(key: &[u32]) -> Twister {
        let mut t = Twister::from_word(19_650_218);
        let mt = &mut t.mt;
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        let word = |j: usize| key.get(j).copied().unwrap_or(0);
        for _ in 0..N.max(len) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(word(j))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] =
                (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000; // MSB is 1, assuring a non-zero initial array
        t
    }

    /// The state from a non-negative number: its 32-bit words, little-endian.
    pub fn from_number(n: &BigUint) -> Twister {
        let words = n.to_u32_digits();
        if words.is_empty() { Twister::from_words(&[0]) } else { Twister::from_words(&words) }
    }

    /// `genrand_uint32`: the next 32-bit word.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// Generates the next 624 words at once.
    fn twist(&mut self) {
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        let mt = &mut self.mt;
        for kk in 0..N {
            let y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
            mt[kk] = mt[(kk + M) % N] ^ (y >> 1) ^ mag(y);
        }
        self.index = 0;
    }

    /// `random()`: a float in [0, 1) from 27 + 26 bits of two words.
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`.
    pub fn bits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => (self.next_u32() >> (32 - k)) as u64,
            _ => {
                let low = self.next_u32() as u64;
                let high = (self.next_u32() >> (64 - k)) as u64;
                low | (high << 32)
            }
        }
    }

    /// `getrandbits(k)` for any `k`: words least significant first, the last one cut to
    /// the bits left.
    pub fn bits(&mut self, k: u64) -> BigUint {
        if k <= 64 {
            return BigUint::from(self.bits_u64(k as u32));
        }
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut left = k;
        while left > 0 {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            words.push(r);
            left = left.saturating_sub(32);
        }
        BigUint::new(words)
    }

    /// An integer in `[0, n)` for `n > 0`: `getrandbits(n.bit_length())` until below `n`
    /// (CPython's `_randbelow_with_getrandbits`).
    pub fn below_u64(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.bits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// [`Twister::below_u64`] for a number of any size.
    pub fn below(&mut self, n: &BigUint) -> BigUint {
        if let Ok(small) = u64::try_from(n) {
            return BigUint::from(self.below_u64(small));
        }
        let k = n.bits();
        loop {
            let r = self.bits(k);
            if &r < n {
                return r;
            }
        }
    }

    /// `getstate()`'s words: the 624 of the state, then the index.
    pub fn state(&self) -> Vec<u64> {
        let mut out: Vec<u64> = self.mt.iter().map(|&w| w as u64).collect();
        out.push(self.index as u64);
        out
    }

    /// `setstate()`: the state from 624 words and an index in `0..=624`.
    pub fn from_state(words: &[u32], index: usize) -> Option<Twister> {
        let mt: [u32; N] = words.try_into().ok()?;
        (index <= N).then_some(Twister { mt, index })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference implementation's own check: init_by_array({0x123, 0x234, 0x345,
    /// 0x456}) gives 1067595299 357490893 … first.
    #[test]
    fn the_reference_sequence() {
        let mut mt = Twister::from_words(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(first, [1067595299, 955945823, 477289528, 4107218783, 4228976476]);
    }

    /// Values from CPython 3.11: `random.seed(n); random.getrandbits(k)`.
    #[test]
    fn getrandbits_matches_cpython() {
        let mut mt = Twister::from_words(&[0]);
        assert_eq!(mt.random(), 0.8444218515250481);
        let mut mt = Twister::from_words(&[1]);
        assert_eq!(mt.bits(100).to_string(), "1017878568110080782349472477685");
    }
}
