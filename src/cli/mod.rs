//! The command line's library side: `check` and `dump` as functions that return text, so
//! tests run them without a process.

pub mod check;
pub mod dump;
