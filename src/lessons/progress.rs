//! What the learner has done, kept between runs: a small JSON file in the user's data
//! directory. Written atomically (a temporary file, then a rename in the same directory),
//! so a crash mid-write leaves the old file whole. Nothing is lost: a file that cannot be
//! read (damaged, or from a newer corosim) is renamed aside with the time in its name
//! (`progress.json.unreadable-2025-03-14-093000`), the learner is told where, and starts
//! fresh; if it cannot even be moved, nothing is saved over it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::trf;

/// The environment variable that moves the data directory (tests use it).
pub const DATA_DIR_ENV: &str = "COROSIM_DATA_DIR";

/// The progress file's format version.
const VERSION: u32 = 1;

/// How far a learner got in one lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Begun, not finished.
    Started,
    /// Finished with every checkpoint right.
    Done,
}

/// One lesson's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonProgress {
    /// Started or done.
    pub status: Status,
    /// The step to resume at (0-based).
    pub step: usize,
    /// Checkpoints answered right.
    pub right: usize,
}

/// Everything saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Format version.
    pub version: u32,
    /// The lesson the learner worked on last (its folder name).
    pub last: Option<String>,
    /// Per lesson, by folder name.
    pub lessons: BTreeMap<String, LessonProgress>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { version: VERSION, last: None, lessons: BTreeMap::new() }
    }
}

/// Where progress lives.
pub struct Store {
    path: PathBuf,
    /// An unreadable file that could not be moved aside is not saved over.
    keep_off: bool,
}

/// What the learner is told when the progress file cannot be read (`{0}` the file, `{1}`
/// why, `{2}` where it went); translated in `src/i18n.rs`.
const SET_ASIDE: &str =
    "warning: cannot read your progress in {0} ({1}); starting fresh. The old file is kept as {2}.";

/// The same, when the file could not even be moved aside (`{2}` why not).
const NOT_SET_ASIDE: &str = "warning: cannot read your progress in {0} ({1}), nor move it aside ({2}); \
                             starting fresh, and this session's progress will not be saved over it.";

impl Store {
    /// The store in `$COROSIM_DATA_DIR`, or the platform's data directory.
    pub fn locate() -> Result<Store> {
        let dir = match std::env::var_os(DATA_DIR_ENV) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => directories::ProjectDirs::from("", "", "corosim")
                .ok_or(Error::NoDataDir)?
                .data_dir()
                .to_path_buf(),
        };
        Ok(Store::at(&dir))
    }

    /// The store in `dir`.
    pub fn at(dir: &Path) -> Store {
        Store { path: dir.join("progress.json"), keep_off: false }
    }

    /// The progress file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the progress. A missing file is a fresh start; an unreadable one is too, once
    /// it is moved aside, with a warning to show the learner that says where it went.
    pub fn load(&mut self) -> (Progress, Option<String>) {
        self.load_in(crate::i18n::Lang::En.code())
    }

    /// [`Store::load`], its warning in the learner's language `lang` (`zh-CN`).
    pub fn load_in(&mut self, lang: &str) -> (Progress, Option<String>) {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Progress::default(), None),
            Err(e) => return (Progress::default(), Some(self.set_aside(&e.to_string(), lang))),
        };
        match serde_json::from_str::<Progress>(&text) {
            Ok(p) if p.version == VERSION => (p, None),
            Ok(p) => {
                let why = format!("unknown format version {}", p.version);
                (Progress::default(), Some(self.set_aside(&why, lang)))
            }
            Err(e) => (Progress::default(), Some(self.set_aside(&e.to_string(), lang))),
        }
    }

    /// Renames the unreadable file aside, with the local time in its name, so that a
    /// learner or a teacher can recover it; says where it went.
    fn set_aside(&mut self, why: &str, lang: &str) -> String {
        let stamp = jiff::ZonedDateTime::now().strftime("%Y-%m-%d-%H%M%S").to_string();
        let name = |n: u32| {
            let suffix = if n == 1 { String::new() } else { format!("-{n}") };
            self.path.with_file_name(format!("progress.json.unreadable-{stamp}{suffix}"))
        };
        let aside = (1..).map(name).find(|p| std::fs::symlink_metadata(p).is_err()).expect("a free name");
        let path = self.path.display();
        match std::fs::rename(&self.path, &aside) {
            Ok(()) => trf(lang, SET_ASIDE, &[&path, &why, &aside.display()]),
            Err(e) => {
                self.keep_off = true;
                trf(lang, NOT_SET_ASIDE, &[&path, &why, &e])
            }
        }
    }

    /// Writes the progress atomically (not at all over an unreadable file that could not
    /// be moved aside).
    pub fn save(&self, progress: &Progress) -> Result<()> {
        if self.keep_off {
            return Ok(());
        }
        // `Store::at` always joins a file name, so the path has a parent.
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(Error::io("creating", dir))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(Error::io("writing in", dir))?;
        let json = serde_json::to_string_pretty(progress).expect("progress is plain data");
        tmp.write_all(json.as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(Error::io("writing", tmp.path()))?;
        tmp.persist(&self.path).map_err(|e| Error::io("saving", &self.path)(e.error))?;
        Ok(())
    }
}
