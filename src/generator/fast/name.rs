//! A generator's `__qualname__`, as its object keeps it.
//!
//! In CPython the name lives in the function's code object, shared by every generator
//! that function makes. Here a name written in the program costs nothing, and one made at
//! run time is stored once, however many generators carry it. The object itself holds
//! the name in 12 bytes rather than a `&str`'s 16, so that it shares a word with the
//! generator's one-byte fields: on every one of a million tasks, that is one heap size
//! class smaller.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

/// A name kept for the life of the process: a `&'static str` with a 32-bit length.
#[derive(Clone, Copy)]
#[repr(C, packed(4))] // 12 bytes, 4-aligned: the generator's flags fill the rest of a word
pub(crate) struct Name {
    ptr: *const u8,
    len: u32,
}

impl Name {
    /// Keeps `name` for good (once, if it was made at run time).
    pub(crate) fn new(name: Cow<'static, str>) -> Name {
        let kept = intern(name);
        // No program names a generator with 4 GiB of text; cut rather than fail if one did.
        let mut len = kept.len().min(u32::MAX as usize);
        while !kept.is_char_boundary(len) {
            len -= 1;
        }
        Name { ptr: kept.as_ptr(), len: len as u32 }
    }

    /// The name.
    pub(crate) fn as_str(self) -> &'static str {
        let (ptr, len) = (self.ptr, self.len as usize); // copied out: the struct is packed
        // SAFETY: `ptr` and `len` were taken from a `&'static str` (cut at a character
        // boundary), so they describe live UTF-8 for the rest of the process.
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len)) }
    }
}

/// The one copy of a name made at run time; a name written in the program as it is.
fn intern(name: Cow<'static, str>) -> &'static str {
    static MADE_AT_RUN_TIME: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    match name {
        Cow::Borrowed(name) => name,
        Cow::Owned(name) => {
            let mut names = MADE_AT_RUN_TIME.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(&known) = names.get(name.as_str()) {
                return known;
            }
            let kept: &'static str = Box::leak(name.into_boxed_str());
            names.insert(kept);
            kept
        }
    }
}
