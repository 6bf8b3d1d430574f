//! rostra: a native presenter for reveal.js-flavoured Markdown decks.
//!
//! Modules in pipeline order (text → deck model → scene → motion → pixels):
//! - [`deck`]: text → `Deck` (front matter, separators, notes, directives, fragments, and
//!   reveal.js's motion vocabulary read as values: fragment styles, timing, easing). Pure,
//!   and a crate of its own (`crates/rostra-deck`), so nothing here can leak into it.
//! - [`attendance`]: the attendance link a deck names, and its QR code (reads `deck`).
//! - [`theme`]: colours, sizes and spacing of the built-in looks, as data.
//! - [`scene`]: slide + theme + canvas → positioned text, shapes and images. No window.
//! - [`motion`]: fragment looks, transitions and morphs over time, as pure functions of
//!   scenes, state and time; the only room that evaluates `deck`'s easing curves.
//! - [`show`]: the engine: the whole talk (navigation, timer, console, screens), changed only
//!   by `Command`s, each saying what changed. No window.
//! - [`media`]: image files: where a source is read from, decoding, sizes from headers.
//! - [`ui`]: egui drawing of the audience view and overlays; reads show state.
//! - [`app`]: the eframe application by role: start options, input → commands, the one
//!   command queue, drawing, the console window, sessions, monitors, the image thread.
//! - [`stats`]: frame-time statistics for `--stats` and benchmarks.
//! - [`config`]: the settings file.
//! - [`export`]: handouts with no window: a PDF of text and shapes, PNG files, raster PDFs.
//! - [`cli`]: `check` and `dump`, the deck engine's command-line views.
//! - [`build_info`]: version and git commit for `--version`.
//! - [`worker`]: background threads that survive their own panics and report them.
//! - [`allocator`]: glibc's allocator told to give large buffers back (long talks).

pub mod allocator;
pub mod app;
pub mod attendance;
pub mod cli;
pub mod config;
pub use rostra_deck as deck;
pub mod export;
pub mod media;
pub mod motion;
pub mod remote;
pub mod scene;
pub mod show;
pub mod stats;
pub mod theme;
pub mod ui;
pub mod worker;
pub mod xcompose;

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
