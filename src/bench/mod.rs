//! Benchmarks that put corosim and CPython side by side in one run.

pub mod event_loop;
pub mod generators;
pub mod python;
pub mod server;
