//! What this machine allows `--scale N`, checked before anything starts.
//!
//! `--scale N` starts N real threads (and, before them, N tasks). A thread the OS refuses
//! is reported and the measurement goes on, but some limits are met where nothing can be
//! caught: out of memory, the allocator aborts the process ("memory allocation of 88
//! bytes failed"); out of memory maps, Rust's thread start-up aborts it ("failed to set up
//! alternative stack guard page"). So the limits are read first and an N that would cross
//! one is refused, with the limit named and an N that fits.
//!
//! The limits are read from Linux's `/proc` (and a cgroup v2 memory limit, as in a
//! container); where a file is missing — another OS — that limit is not checked rather
//! than guessed.

use std::path::PathBuf;

/// What one spinner thread costs, measured here (Linux x86-64, 10,000 threads): about
/// 9 KiB resident and 19 KiB in the kernel (its kernel stack and task), so about 28 KiB
/// less `MemAvailable`; rounded up.
pub const THREAD_MEMORY: u64 = 32 * 1024;

/// The address space one thread reserves: its 2 MiB stack, guard pages and signal stack
/// (measured: 2.1 MiB).
pub const THREAD_ADDRESS_SPACE: u64 = 2200 * 1024;

/// Memory maps one thread takes: its stack, its stack's guard page, its signal stack and
/// that one's guard page (measured: 4).
pub const THREAD_MAPS: u64 = 4;

/// What one paused spinner task costs (measured: 1.2 KiB); rounded up. Tasks and threads
/// are measured one after the other, so the threads' cost is the peak.
pub const TASK_MEMORY: u64 = 2 * 1024;

/// Memory maps, threads and processes left spare for everything else the process does.
const SPARE: u64 = 1000;

/// The limits that matter to `--scale`, as far as they are known.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Limits {
    /// Bytes of memory available: `MemAvailable`, or less under a cgroup's limit.
    pub memory: Option<u64>,
    /// Bytes of address space left under `ulimit -v`, if there is such a limit.
    pub address_space: Option<u64>,
    /// How many more threads each limit allows, and what the limit is.
    pub threads: Vec<(u64, String)>,
}

impl Limits {
    /// Reads this machine's limits (on Linux; elsewhere none is known).
    pub fn read() -> Limits {
        let mut threads = Vec::new();
        if let (Some(max), Some(used)) = (number("/proc/sys/vm/max_map_count"), line_count("/proc/self/maps"))
        {
            threads.push((
                max.saturating_sub(used + SPARE) / THREAD_MAPS,
                format!("the limit of {max} memory maps per process (vm.max_map_count; a thread takes {THREAD_MAPS})"),
            ));
        }
        let running = running_threads();
        if let (Some(max), Some(running)) = (number("/proc/sys/kernel/threads-max"), running) {
            threads.push((
                max.saturating_sub(running + SPARE),
                format!("the system's limit of {max} threads (kernel.threads-max)"),
            ));
        }
        if let (Some(max), Some(running)) = (number("/proc/sys/kernel/pid_max"), running) {
            // Each thread takes a process id; the kernel keeps the first 300 for itself.
            let free = max.saturating_sub(300 + running + SPARE);
            threads
                .push((free, format!("the system's {max} process ids (kernel.pid_max; a thread takes one)")));
        }
        if let Some((max, used)) = user_processes() {
            threads.push((
                max.saturating_sub(used + SPARE),
                format!("your limit of {max} processes and threads (ulimit -u)"),
            ));
        }
        if let Some((max, used)) = cgroup_pair("pids.max", "pids.current") {
            threads.push((
                max.saturating_sub(used + SPARE),
                format!("this container's limit of {max} processes and threads"),
            ));
        }
        let available = meminfo_kib("MemAvailable:").map(|kib| kib * 1024);
        let in_cgroup =
            cgroup_pair("memory.max", "memory.current").map(|(max, used)| max.saturating_sub(used));
        let memory = match (available, in_cgroup) {
            (Some(a), Some(c)) => Some(a.min(c)),
            (a, c) => a.or(c),
        };
        let address_space = soft_limit("Max address space")
            .map(|max| max.saturating_sub(super::scale::vm_bytes().unwrap_or(0)));
        Limits { memory, address_space, threads }
    }

    /// Can `n` spinners run here? If not, which limit is in the way, and what fits.
    ///
    /// ```
    /// use corosim::demo::spinner::limits::{Limits, THREAD_MEMORY};
    /// let small = Limits { memory: Some(1000 * THREAD_MEMORY), ..Limits::default() };
    /// assert!(small.check(500).is_ok());
    /// assert!(small.check(5000).unwrap_err().contains("try --scale 1000 or fewer"));
    /// ```
    pub fn check(&self, n: usize) -> Result<(), String> {
        let n = n as u64;
        for (free, what) in &self.threads {
            if n > *free {
                return Err(format!(
                    "--scale {} starts {} threads, but {what} leaves room for about {} more here{}",
                    n,
                    count(n),
                    count(*free),
                    fits(*free)
                ));
            }
        }
        let per_spinner = THREAD_MEMORY.max(TASK_MEMORY);
        if let Some(memory) = self.memory
            && n * per_spinner > memory
        {
            return Err(format!(
                "--scale {n} needs about {} of memory ({} KiB a thread, the kernel's share included), \
                 but {} is available{}",
                size(n * per_spinner),
                per_spinner / 1024,
                size(memory),
                fits(memory / per_spinner)
            ));
        }
        if let Some(space) = self.address_space
            && n * THREAD_ADDRESS_SPACE > space
        {
            return Err(format!(
                "--scale {n} reserves about {} of address space for thread stacks (2 MiB each), \
                 but the limit (ulimit -v) leaves {}{}",
                size(n * THREAD_ADDRESS_SPACE),
                size(space),
                fits(space / THREAD_ADDRESS_SPACE)
            ));
        }
        Ok(())
    }
}

/// `": try --scale 16000 or fewer"`: the largest round number that fits.
fn fits(free: u64) -> String {
    if free == 0 {
        return ": no more can start now".into();
    }
    // Two significant digits, rounded down: 16,437 → 16,000.
    let unit = 10u64.pow((free.ilog10()).saturating_sub(1));
    format!(": try --scale {} or fewer", free / unit * unit)
}

/// `16,437`.
fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1.5 GiB`, `320 MiB`.
fn size(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib >= 1024.0 { format!("{:.1} GiB", mib / 1024.0) } else { format!("{mib:.0} MiB") }
}

/// A file that holds one number.
fn number(path: &str) -> Option<u64> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

fn line_count(path: &str) -> Option<u64> {
    Some(std::fs::read_to_string(path).ok()?.lines().count() as u64)
}

/// `MemAvailable:   24211352 kB` in `/proc/meminfo`, in KiB.
fn meminfo_kib(field: &str) -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    info.lines().find_map(|l| l.strip_prefix(field))?.split_whitespace().next()?.parse().ok()
}

/// The threads running on the whole system: the `2/96` of `/proc/loadavg` is 2 running of
/// 96 threads.
fn running_threads() -> Option<u64> {
    let load = std::fs::read_to_string("/proc/loadavg").ok()?;
    load.split_whitespace().nth(3)?.split_once('/')?.1.parse().ok()
}

/// A soft limit from `/proc/self/limits` (`Max processes  96362  96362  processes`);
/// `None` when unlimited or unknown.
fn soft_limit(name: &str) -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    limits.lines().find_map(|l| l.strip_prefix(name))?.split_whitespace().next()?.parse().ok()
}

/// This user's limit on processes and threads (`ulimit -u`) and how many they run now.
/// The limit does not bind root.
fn user_processes() -> Option<(u64, u64)> {
    let max = soft_limit("Max processes")?;
    let uid = real_uid(&std::fs::read_to_string("/proc/self/status").ok()?)?;
    if uid == 0 {
        return None;
    }
    let mut used = 0;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else { continue };
        if real_uid(&status) == Some(uid) {
            let threads = status.lines().find_map(|l| l.strip_prefix("Threads:"));
            used += threads.and_then(|t| t.trim().parse::<u64>().ok()).unwrap_or(1);
        }
    }
    Some((max, used))
}

/// The real user id in a `/proc/PID/status` text.
fn real_uid(status: &str) -> Option<u32> {
    status.lines().find_map(|l| l.strip_prefix("Uid:"))?.split_whitespace().next()?.parse().ok()
}

/// A cgroup v2 limit and its current use (`memory.max`, `memory.current`); `None` when
/// there is no limit (`max`) or no cgroup v2.
fn cgroup_pair(limit: &str, current: &str) -> Option<(u64, u64)> {
    let cgroups = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = cgroups.lines().find_map(|l| l.strip_prefix("0::"))?;
    let dir = PathBuf::from("/sys/fs/cgroup").join(path.trim_start_matches('/'));
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok()?.trim().parse::<u64>().ok();
    Some((read(limit)?, read(current)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_known_refuses_nothing() {
        assert_eq!(Limits::default().check(1_000_000), Ok(()));
    }

    #[test]
    fn each_limit_is_named_with_what_fits() {
        let maps = Limits { threads: vec![(16_437, "the map limit".into())], ..Limits::default() };
        assert_eq!(maps.check(16_437), Ok(()));
        assert_eq!(
            maps.check(20_000).unwrap_err(),
            "--scale 20000 starts 20,000 threads, but the map limit leaves room for about 16,437 more here: \
             try --scale 16000 or fewer"
        );
        let memory = Limits { memory: Some(3 << 30), ..Limits::default() };
        let err = memory.check(200_000).unwrap_err();
        assert!(
            err.contains("needs about 6.1 GiB of memory") && err.contains("but 3.0 GiB is available"),
            "{err}"
        );
        assert!(err.ends_with("try --scale 98000 or fewer"), "{err}");
        let space = Limits { address_space: Some(1 << 30), ..Limits::default() };
        let err = space.check(5000).unwrap_err();
        assert!(err.contains("address space") && err.contains("ulimit -v"), "{err}");
        assert!(err.ends_with("try --scale 470 or fewer"), "{err}");
        let none = Limits { threads: vec![(0, "a full table".into())], ..Limits::default() };
        assert!(none.check(1).unwrap_err().ends_with("no more can start now"));
    }

    #[test]
    fn the_first_limit_met_is_the_one_named() {
        let both = Limits {
            memory: Some(10 * THREAD_MEMORY),
            threads: vec![(100, "plenty".into()), (5, "the tight one".into())],
            ..Limits::default()
        };
        assert!(both.check(50).unwrap_err().contains("the tight one"));
        assert!(both.check(8).unwrap_err().contains("the tight one"));
    }

    #[test]
    fn this_machine_allows_a_few_spinners() {
        // On Linux every limit reads as something; anywhere, ten spinners fit.
        let here = Limits::read();
        assert_eq!(here.check(10), Ok(()), "{here:?}");
        if cfg!(target_os = "linux") {
            assert!(here.memory.is_some() && here.threads.len() >= 3, "{here:?}");
        }
    }
}
