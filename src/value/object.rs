//! `object`: what every Python value is. Most values a coroutine program passes around
//! are the builtin kinds [`Value`](super::Value) spells out (`None`, `int`, `str`,
//! `tuple`…); anything else — an instance of a class, a function, a module — is a
//! [`PyObject`], which the runtime carries by reference and knows only through this
//! trait: its type's name, its `repr`, its truth.
//!
//! ```
//! use std::rc::Rc;
//! use corosim::value::{PyObject, Value};
//! struct Point(i64, i64);
//! impl PyObject for Point {
//!     fn type_name(&self) -> &str { "Point" }
//!     fn repr(&self) -> String { format!("Point({}, {})", self.0, self.1) }
//! }
//! let p = Value::Obj(Rc::new(Point(1, 2)));
//! assert_eq!(p.repr(), "Point(1, 2)");
//! assert_eq!(p.type_name(), "Point");
//! assert!(p == p.clone()); // the same object: `p is p`
//! ```

use std::any::Any;

/// A Python object the runtime carries without looking inside: it asks only what an
/// error message, a trace or a truth test needs. Owners find their own type again with
/// [`Any`] (`(&*obj as &dyn Any).downcast_ref::<Mine>()`).
pub trait PyObject: Any {
    /// `type(obj).__name__`, for messages such as `'Point' object is not iterable`.
    fn type_name(&self) -> &str;
    /// `repr(obj)`.
    fn repr(&self) -> String;
    /// `str(obj)`: the `repr` unless the type says otherwise.
    fn to_str(&self) -> String {
        self.repr()
    }
    /// `bool(obj)`: true unless the type says otherwise.
    fn truthy(&self) -> bool {
        true
    }
}
