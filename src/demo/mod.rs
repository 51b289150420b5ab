//! Demos: whole programs shown running, with the [`player`](crate::player).

pub mod spinner;
