//! The lessons built into the binary, so that `corosim learn` works wherever the binary
//! goes — copied to a classroom machine, or built from a checkout that was moved since.
//! Authors point corosim at the folder they edit instead (`--lessons-dir`,
//! `$COROSIM_LESSONS_DIR`).
//!
//! A table of `include_str!`s rather than a crate that embeds a whole folder
//! (`include_dir`): cargo rebuilds when a lesson here changes, and a test
//! (`the_built_in_lessons_are_the_lessons_folder`) fails when a folder is added to
//! `lessons/` but not here, where `include_dir` on stable Rust does not notice a new
//! file until something else makes cargo rebuild. One line a lesson; no build script.

/// `("04-generators-as-coroutines", the text of its lesson.toml)`.
macro_rules! lesson {
    ($id:literal) => {
        ($id, include_str!(concat!("../../lessons/", $id, "/lesson.toml")))
    };
}

/// Every lesson: its folder name and its `lesson.toml`, in course order.
pub const LESSONS: &[(&str, &str)] = &[
    lesson!("01-concurrency-vs-parallelism"),
    lesson!("02-io-models"),
    lesson!("03-callbacks-vs-coroutines"),
    lesson!("04-generators-as-coroutines"),
    lesson!("05-throw-close-return"),
    lesson!("06-yield-from"),
    lesson!("07-event-loop-from-scratch"),
    lesson!("08-futures-and-tasks"),
    lesson!("09-spinner-thread-vs-coroutine"),
    lesson!("10-never-block-the-loop"),
    lesson!("11-wait-gather-as-completed"),
    lesson!("12-flags-downloader"),
    lesson!("13-locks-events-queues"),
    lesson!("14-yield-from-to-await"),
    lesson!("15-async-creep"),
    lesson!("16-servers"),
];

/// `("04-generators-as-coroutines", "zh-CN", the text of its lesson.zh-CN.toml)`.
macro_rules! translation {
    ($id:literal, $lang:literal) => {
        ($id, $lang, include_str!(concat!("../../lessons/", $id, "/lesson.", $lang, ".toml")))
    };
}

/// Every lesson's translations: its folder name, the language, the file's text.
pub const TRANSLATED: &[(&str, &str, &str)] = &[
    translation!("01-concurrency-vs-parallelism", "zh-CN"),
    translation!("02-io-models", "zh-CN"),
    translation!("03-callbacks-vs-coroutines", "zh-CN"),
    translation!("04-generators-as-coroutines", "zh-CN"),
    translation!("05-throw-close-return", "zh-CN"),
    translation!("06-yield-from", "zh-CN"),
    translation!("07-event-loop-from-scratch", "zh-CN"),
    translation!("08-futures-and-tasks", "zh-CN"),
    translation!("09-spinner-thread-vs-coroutine", "zh-CN"),
    translation!("10-never-block-the-loop", "zh-CN"),
    translation!("11-wait-gather-as-completed", "zh-CN"),
    translation!("12-flags-downloader", "zh-CN"),
    translation!("13-locks-events-queues", "zh-CN"),
    translation!("14-yield-from-to-await", "zh-CN"),
    translation!("15-async-creep", "zh-CN"),
    translation!("16-servers", "zh-CN"),
];
