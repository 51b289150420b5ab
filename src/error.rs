//! corosim's own errors: not the Python program's (those are [`PyException`]s, which
//! the program can catch) but the machinery's — a file that cannot be read or written,
//! no home to keep progress in. The command line turns them into messages; library
//! callers can match on them.
//!
//! This type stands below every layer that uses it: it knows nothing of lessons, screens
//! or the command line. A layer with errors of its own wraps this one, never the other
//! way round: a malformed lesson is the lessons layer's own `Problem`, which the
//! command line reports beside this type's errors.
//!
//! ```
//! use corosim::Error;
//! let e = Error::NoDataDir;
//! assert!(e.to_string().contains("COROSIM_DATA_DIR"));
//! ```

use std::path::PathBuf;

use crate::exception::PyException;

/// Something corosim itself could not do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A Python exception escaped the program being run (its last traceback line: the
    /// exception itself belongs to the program's thread).
    #[error("the program raised {0}")]
    Python(String),
    /// A file or folder could not be read or written.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What corosim was doing: "writing", "creating", ...
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// Progress cannot be kept: there is no home directory to keep it in.
    #[error("no home directory to keep progress in; set COROSIM_DATA_DIR")]
    NoDataDir,
}

impl From<PyException> for Error {
    fn from(e: PyException) -> Error {
        Error::Python(e.to_string())
    }
}

impl Error {
    /// An I/O error with what was being done, and to which path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { action, path, source }
    }
}

/// A result whose error is corosim's own.
pub type Result<T, E = Error> = std::result::Result<T, E>;
