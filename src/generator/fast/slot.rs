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
//! body's `x = yield x` does exactly that, and a plain `send` costs about 9 ns in all.
//! So the slot moves values in and out word by word, each word one load and one store,
//! whoever wrote them and however.
//!
//! ```text
//! driver: put_empty(x) ──▶ [ tag | word | word ] ──▶ take() :body
//! ```

use std::cell::UnsafeCell;
use std::mem::{ManuallyDrop, MaybeUninit, size_of, transmute};

use crate::value::Value;

/// How many words a `Value` has.
const WORDS: usize = size_of::<Value>() / size_of::<u64>();
const _: () = assert!(size_of::<Value>() == WORDS * size_of::<u64>());

/// The tag an `Option<Value>` uses for `None`: one no `Value` has. A `Value` is
/// `repr(u64)`, so its first word is its tag, and its valid tags are the numbers below
/// the first one Rust uses for something else.
const NONE_TAG: u64 = {
    let none = ManuallyDrop::new(None::<Value>);
    // SAFETY: an `Option<Value>` is laid out as a `Value` (checked below) whose tag word,
    // the first, says `None`; that word is always written.
    unsafe { *(&raw const none).cast::<u64>() }
};
const _: () = assert!(size_of::<Option<Value>>() == size_of::<Value>());

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

    /// Is the slot empty?
    #[inline(always)]
    pub(crate) fn is_empty(&self) -> bool {
        // SAFETY: the slot is not `Sync` and hands out no references, so nothing else
        // reads or writes it meanwhile.
        unsafe { (*self.place()).is_none() }
    }

    /// Puts `v` in the slot.
    ///
    /// # Safety
    /// The slot must be empty ([`ValueSlot::is_empty`]): what it held would not be
    /// dropped, and the next take would lose it.
    #[inline(always)] // a few moves, on every send and every yield
    pub(crate) unsafe fn put_empty(&self, v: Value) {
        debug_assert!(self.is_empty(), "a value put over another");
        // SAFETY: a `Value` is `WORDS` words (checked above), and any bit pattern is a
        // valid `MaybeUninit`.
        let words: Words = unsafe { transmute::<Value, Words>(v) };
        let dst = self.place().cast::<MaybeUninit<u64>>();
        for (i, word) in words.into_iter().enumerate() {
            // SAFETY: as in `is_empty`; the slot holds nothing to drop (the caller's word).
            // Volatile: the compiler must not merge the words into a wider store.
            unsafe { dst.add(i).write_volatile(word) };
        }
    }

    /// Takes the value out, leaving the slot empty.
    #[inline(always)]
    pub(crate) fn take(&self) -> Value {
        let slot = self.place();
        let mut words = [MaybeUninit::<u64>::uninit(); WORDS];
        // SAFETY: as in `is_empty`; the words read are a whole `Value`, which the slot gives
        // up by being overwritten with `None` (whose write runs no destructor).
        unsafe {
            let src = slot.cast::<MaybeUninit<u64>>();
            for (i, word) in words.iter_mut().enumerate() {
                // Volatile: the compiler must not merge the words into a wider load.
                *word = src.add(i).read_volatile();
            }
            slot.write(Value::None);
            // The compiler cannot know that the words read make a valid `Value`; told
            // that the tag is one, it drops the tests of `Result` and `Poll` around it
            // (their variants are told apart by tags no `Value` uses).
            std::hint::assert_unchecked(words[0].assume_init() < NONE_TAG);
            transmute::<Words, Value>(words)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exception::{PyException, VALUE_ERROR};
    use crate::value::ObjectId;

    /// An object of a program's own.
    struct Probe;

    impl crate::value::PyObject for Probe {
        fn type_name(&self) -> &str {
            "Probe"
        }
        fn repr(&self) -> String {
            "<Probe object>".into()
        }
    }

    /// One value of every kind there is: the match below fails to compile when a kind
    /// is added, so that it is added here too.
    fn one_of_each() -> Vec<Value> {
        let all = vec![
            Value::None,
            Value::Bool(true),
            Value::Int(-7),
            Value::Float(-0.0),
            Value::str("spam"),
            Value::tuple([Value::Int(1), Value::str("a")]),
            Value::list([Value::None]),
            Value::dict([(Value::str("k"), Value::Int(2))]),
            Value::named("Result", [("count", Value::Int(3))]),
            Value::Exception(PyException::new(VALUE_ERROR, "boom")),
            Value::ExcClass(VALUE_ERROR),
            Value::Type("int".into()),
            Value::Object(ObjectId(9)),
            Value::Obj(std::rc::Rc::new(Probe)),
        ];
        for v in &all {
            match v {
                Value::None
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::Str(_)
                | Value::Tuple(_)
                | Value::List(_)
                | Value::Dict(_)
                | Value::Named(_)
                | Value::Exception(_)
                | Value::ExcClass(_)
                | Value::Type(_)
                | Value::Object(_)
                | Value::Obj(_) => {}
            }
        }
        all
    }

    #[test]
    fn values_come_out_as_they_went_in() {
        let slot = ValueSlot::new();
        for v in one_of_each() {
            let repr = v.repr();
            assert!(slot.is_empty());
            // SAFETY: the slot is empty.
            unsafe { slot.put_empty(v) };
            assert_eq!(slot.is_empty(), repr == "None", "`None` is what an empty slot holds");
            assert_eq!(slot.take().repr(), repr);
            assert!(slot.is_empty(), "a take empties the slot");
        }
    }

    #[test]
    fn every_tag_is_below_the_one_for_none() {
        // What `take` tells the compiler: a `Value`'s first word is its tag, and every
        // tag is below the one an `Option<Value>` uses for `None`.
        for v in one_of_each() {
            let repr = v.repr();
            let v = ManuallyDrop::new(v);
            // SAFETY: a `Value` is `repr(u64)`: its first word is its tag.
            let tag = unsafe { *(&raw const v).cast::<u64>() };
            assert!(tag < NONE_TAG, "{repr} has tag {tag}, not below {NONE_TAG}");
            drop(ManuallyDrop::into_inner(v));
        }
    }
}
