//! The slot a value crosses between a driver and a body, moved a word at a time.
//!
//! In CPython, `gen.send(x)` pushes `x` onto the paused frame's value stack, and
//! `yield y` leaves `y` there for the caller: one pointer copied each way. corosim's
//! values are three words, and they cross through one [`ValueSlot`] (in the mailbox) on
//! every `send` and every `yield`, so how they are copied matters.
//!
//! A CPU answers a load from a store still on its way to memory, but only when one store
//! holds the whole load. A `Value` is often written a word at a time (built from its
//! parts, or taken apart by a `match`), while the compiler copies a whole one with a
//! 16-byte load; that load waits for the stores to reach the cache, about 20 cycles. A
//! body's `x = yield x` does exactly that, and a plain `send` costs about 13 ns in all.
//! So the slot moves values in and out word by word, each word one load and one store,
//! whoever wrote them and however.
//!
//! ```text
//! driver: put(x) ──▶ [ tag | word | word ] ──▶ take() :body
//! ```

use std::cell::UnsafeCell;
use std::mem::{ManuallyDrop, MaybeUninit, size_of, transmute};

use crate::value::Value;

/// How many words a `Value` has.
const WORDS: usize = size_of::<Value>() / size_of::<u64>();
const _: () = assert!(size_of::<Value>() == WORDS * size_of::<u64>());

/// A `Value` as its words: `MaybeUninit`, because some of them may be padding, and
/// copied as they are, pointers and all.
type Words = [MaybeUninit<u64>; WORDS];

/// One `Value`, moved in and out a word at a time (see the module's doc). `None` when
/// empty.
///
/// It never drops what it holds, so that the thread-local mailbox needs no destructor:
/// a value still in it when its thread ends is leaked, and the hot paths never leave one.
pub(crate) struct ValueSlot(UnsafeCell<ManuallyDrop<Value>>);

impl ValueSlot {
    /// An empty slot.
    pub(crate) const fn new() -> Self {
        ValueSlot(UnsafeCell::new(ManuallyDrop::new(Value::None)))
    }

    /// The value's place (`ManuallyDrop` is transparent).
    #[inline(always)]
    fn place(&self) -> *mut Value {
        self.0.get().cast::<Value>()
    }

    /// Puts `v` in the slot. Any value left there is dropped, but there never is one
    /// on the hot paths: every put is taken before the next.
    #[inline(always)] // a few moves, on every send and every yield
    pub(crate) fn put(&self, v: Value) {
        // SAFETY: a `Value` is `WORDS` words (checked above), and any bit pattern is a
        // valid `MaybeUninit`.
        let words: Words = unsafe { transmute::<Value, Words>(v) };
        let slot = self.place();
        // SAFETY: the slot is not `Sync` and hands out no references, so nothing else
        // reads or writes it meanwhile; the old value is dropped only once it is out.
        unsafe {
            if !(*slot).is_none() {
                drop(slot.read());
            }
            let dst = slot.cast::<MaybeUninit<u64>>();
            for (i, word) in words.into_iter().enumerate() {
                // Volatile: the compiler must not merge the words into a wider store.
                dst.add(i).write_volatile(word);
            }
        }
    }

    /// Takes the value out, leaving the slot empty.
    #[inline(always)]
    pub(crate) fn take(&self) -> Value {
        let slot = self.place();
        let mut words = [MaybeUninit::<u64>::uninit(); WORDS];
        // SAFETY: as in `put`; the words read are a whole `Value`, which the slot gives
        // up by being overwritten with `None` (whose write runs no destructor).
        unsafe {
            let src = slot.cast::<MaybeUninit<u64>>();
            for (i, word) in words.iter_mut().enumerate() {
                // Volatile: the compiler must not merge the words into a wider load.
                *word = src.add(i).read_volatile();
            }
            slot.write(Value::None);
            transmute::<Words, Value>(words)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_out_as_they_went_in() {
        let slot = ValueSlot::new();
        for v in [
            Value::None,
            Value::Bool(true),
            Value::Int(-7),
            Value::Float(-0.0),
            Value::str("spam"),
            Value::tuple([Value::Int(1), Value::str("a")]),
        ] {
            let repr = v.repr();
            slot.put(v);
            assert_eq!(slot.take().repr(), repr);
            assert!(slot.take().is_none(), "a take empties the slot");
        }
    }

    #[test]
    fn a_value_left_in_the_slot_is_dropped_not_leaked() {
        let shared = Value::str("kept");
        let Value::Str(arc) = &shared else { unreachable!() };
        let arc = arc.clone();
        let slot = ValueSlot::new();
        slot.put(shared);
        assert_eq!(std::sync::Arc::strong_count(&arc), 2);
        slot.put(Value::Int(1));
        assert_eq!(std::sync::Arc::strong_count(&arc), 1);
        assert_eq!(slot.take().repr(), "1");
    }
}
