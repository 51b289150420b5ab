//! A `set`'s members in CPython 3.11's hash table (`Objects/setobject.c`), so that a set
//! iterates — and prints — in the order CPython's does.
//!
//! Python gives a set no order, but CPython's is not random: a set is an array of slots
//! (8 at first) and iterating it walks the slots in order. A member goes to slot
//! `hash & mask`; if that is taken, the probe looks at the next 9 slots (`LINEAR_PROBES`,
//! for cache locality), then jumps to `(i * 5 + 1 + perturb) & mask`, where `perturb`
//! starts as the hash and loses 5 bits a jump (`PERTURB_SHIFT`), so every bit of the
//! hash gets a say. Removing a member leaves a *dummy* in its slot (a probe must go on
//! past it); `add` reuses the last dummy it passed. When used and dummy slots reach 3/5
//! of the table, it grows to the smallest power of two above 4× the members (2× past
//! 50,000) and every member is placed again in old-slot order, which is what reshuffles
//! a set as it grows.
//!
//! How each operation builds its result decides the order too, and is CPython's here:
//! `set(a_set)`, `copy()` and `|` copy the other table (slot for slot when the sizes
//! match), `&` walks the smaller operand, `^` starts from a copy of the right operand,
//! `pop()` takes the first member from a moving finger.
//!
//! The table holds any members `K`, each with its hash, and is told how to compare two
//! (a comparison can fail: a class's `__eq__` may raise). It compares only members whose
//! hash is the key's, as CPython does, so a class's `__eq__` runs exactly when CPython's
//! would. `objects::SetItems` keeps a set's members in one, and `sets.rs` builds each
//! operation's result as CPython does.
//!
//! ```
//! use corosim::python::set_table::Table;
//! let mut t = Table::default();
//! for i in [3, 1, 2, 9] {
//!     t.add(i, i, |a, b| Ok::<_, ()>(a == b)).unwrap(); // a small int's hash is the int
//! }
//! let order: Vec<i64> = t.members().map(|(_, k)| *k).collect();
//! // 9 finds slot 1 taken and no room for a linear probe in 8 slots: it jumps to 6.
//! assert_eq!(order, [1, 2, 3, 9]); // as CPython's s.add(3); s.add(1); ... prints it
//! ```

/// The slots of a new table (`PySet_MINSIZE`).
const MIN_SIZE: usize = 8;
/// Slots looked at next to the first before jumping (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// Bits of the hash mixed in at each jump (`PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot<K> {
    Empty,
    /// Once held a member: a probe goes on past it.
    Dummy,
    Active(i64, K),
}

/// CPython's open-addressing table of a set's members (`PySetObject`).
#[derive(Clone)]
pub struct Table<K> {
    slots: Vec<Slot<K>>,
    /// Slots not empty (members and dummies).
    fill: usize,
    /// Members.
    used: usize,
    /// Where `pop()` looks first.
    pub finger: usize,
}

impl<K: Clone> Default for Table<K> {
    fn default() -> Table<K> {
        Table { slots: vec![Slot::Empty; MIN_SIZE], fill: 0, used: 0, finger: 0 }
    }
}

/// The probe sequence from a hash: runs of slots `(start, how many)`, forever.
fn probes(hash: i64, mask: usize) -> impl Iterator<Item = (usize, usize)> {
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    std::iter::from_fn(move || {
        let run = (i, if i + LINEAR_PROBES <= mask { LINEAR_PROBES + 1 } else { 1 });
        perturb >>= PERTURB_SHIFT;
        i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize) & mask;
        Some(run)
    })
}

impl<K: Clone> Table<K> {
    /// The number of slots less one (`hash & mask` is a member's first slot).
    pub fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether it has no members.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Adds the keys of a dict of `n` keys, after one resize for all of them (as
    /// `set_update_internal` does for a dict).
    pub fn reserve_for_dict(&mut self, n: usize) {
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
    }

    /// The dummies purged when they are over a quarter of the table (the end of
    /// `set_difference_update_internal`).
    pub fn purge_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.growth());
        }
    }

    /// The slot holding a member equal to `key` (`set_lookkey`).
    fn find<E>(
        &self,
        hash: i64,
        key: &K,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<Option<usize>, E> {
        for (start, n) in probes(hash, self.mask()) {
            for at in start..start + n {
                match &self.slots[at] {
                    Slot::Empty => return Ok(None),
                    Slot::Active(h, k) if *h == hash && eq(k, key)? => return Ok(Some(at)),
                    _ => {}
                }
            }
        }
        unreachable!("a table always has an empty slot")
    }

    /// Whether a member equal to `key` is there.
    pub fn contains<E>(
        &self,
        hash: i64,
        key: &K,
        eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<bool, E> {
        Ok(self.find(hash, key, eq)?.is_some())
    }

    /// Adds `key` unless an equal member is there (`set_add_entry`); true if added.
    pub fn add<E>(
        &mut self,
        hash: i64,
        key: K,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<bool, E> {
        let mask = self.mask();
        let mut dummy = None;
        let mut empty = 0;
        'probe: for (start, n) in probes(hash, mask) {
            for at in start..start + n {
                match &self.slots[at] {
                    Slot::Empty => {
                        empty = at;
                        break 'probe;
                    }
                    Slot::Active(h, k) if *h == hash && eq(k, &key)? => return Ok(false),
                    Slot::Dummy => dummy = Some(at),
                    _ => {}
                }
            }
        }
        self.used += 1;
        if let Some(at) = dummy {
            self.slots[at] = Slot::Active(hash, key);
            return Ok(true);
        }
        self.slots[empty] = Slot::Active(hash, key);
        self.fill += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(self.growth());
        }
        Ok(true)
    }

    /// The size a full table asks for: 4× its members (2× past 50,000).
    pub fn growth(&self) -> usize {
        if self.used > 50000 { self.used * 2 } else { self.used * 4 }
    }

    /// Places a member known to be absent in a table without dummies (`set_insert_clean`).
    fn insert_clean(slots: &mut [Slot<K>], hash: i64, key: K) {
        let mask = slots.len() - 1;
        for (start, n) in probes(hash, mask) {
            if let Some(at) = (start..start + n).find(|&at| matches!(slots[at], Slot::Empty)) {
                slots[at] = Slot::Active(hash, key);
                return;
            }
        }
    }

    /// A table of the smallest power of two above `min_used` slots, with the members
    /// placed again in their old slot order and the dummies gone (`set_table_resize`).
    pub fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        for slot in old {
            if let Slot::Active(h, k) = slot {
                Table::insert_clean(&mut self.slots, h, k);
            }
        }
        self.fill = self.used;
    }

    /// Leaves a dummy where `key` was (`set_discard_entry`); true if it was there.
    pub fn discard<E>(
        &mut self,
        hash: i64,
        key: &K,
        eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<bool, E> {
        let Some(at) = self.find(hash, key, eq)? else { return Ok(false) };
        self.slots[at] = Slot::Dummy;
        self.used -= 1;
        Ok(true)
    }

    /// The first member from the finger on, wrapping round (`set_pop`).
    pub fn pop(&mut self) -> Option<K> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut at = self.finger & mask;
        while !matches!(self.slots[at], Slot::Active(..)) {
            at = if at == mask { 0 } else { at + 1 };
        }
        let Slot::Active(_, key) = std::mem::replace(&mut self.slots[at], Slot::Dummy) else {
            unreachable!()
        };
        self.used -= 1;
        self.finger = at + 1;
        Some(key)
    }

    /// Empty again, 8 slots; the finger stays (`set_clear_internal`).
    pub fn clear(&mut self) {
        *self = Table { finger: self.finger, ..Table::default() };
    }

    /// Adds every member of `other` (`set_merge`): one resize first; into an empty
    /// table of the same size, a copy slot for slot.
    pub fn merge<E>(
        &mut self,
        other: &Table<K>,
        mut eq: impl FnMut(&K, &K) -> Result<bool, E>,
    ) -> Result<(), E> {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.slots.clone_from(&other.slots);
        } else if self.fill == 0 {
            for (h, k) in other.members() {
                Table::insert_clean(&mut self.slots, h, k.clone());
            }
        } else {
            for (h, k) in other.members() {
                self.add(h, k.clone(), &mut eq)?;
            }
            return Ok(());
        }
        self.fill = other.used;
        self.used = other.used;
        Ok(())
    }

    /// A copy, made as a merge into an empty table is (`set_copy`), which compares
    /// nothing.
    pub fn copy(&self) -> Table<K> {
        let mut out = Table::default();
        let never = |_: &K, _: &K| -> Result<bool, std::convert::Infallible> { Ok(false) };
        out.merge(self, never).unwrap_or_else(|e| match e {});
        out
    }

    /// The members with their hashes, in slot order: the set's iteration order.
    pub fn members(&self) -> impl Iterator<Item = (i64, &K)> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Active(h, k) => Some((*h, k)),
            _ => None,
        })
    }
}
