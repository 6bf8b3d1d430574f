//! What each fuzz target does with its input, as functions: the targets in `fuzz_targets/`
//! call them under libFuzzer, and the main test suite (`tests/robust.rs`) replays the seeds
//! and every input that once crashed through the same functions, without sanitizers, so CI
//! checks them on every run without building the fuzzers.

pub mod deck;
#[cfg(feature = "app")]
pub mod app;
