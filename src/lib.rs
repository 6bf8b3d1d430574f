//! rostra: a native presenter for reveal.js-flavoured Markdown decks.
//!
//! Modules in pipeline order (text → deck model → scene → motion → pixels):
//! - [`deck`]: text → `Deck` (front matter, separators, notes, directives, fragments). Pure.
//! - [`cli`]: `check` and `dump`, the deck engine's command-line views.
//! - [`build_info`]: version and git commit for `--version`.

pub mod cli;
pub mod deck;

/// Version and build metadata baked in by `build.rs`.
pub mod build_info {
    /// The crate version.
    pub const VERSION: &str = env!("CARGO_PKG_VERSION");
    /// The git commit the binary was built from, or `unknown` outside a git checkout.
    pub const COMMIT: &str = env!("ROSTRA_GIT_COMMIT");

    /// `0.1.0 (abc1234)`, as `--version` prints it.
    pub fn long_version() -> String {
        format!("{VERSION} ({COMMIT})")
    }
}
