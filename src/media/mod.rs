//! Images as files: where a source is read from, decoding to pixels, and sizes from headers.
//! Below `app` (whose loader thread runs [`decode_at`] off the UI thread) and `export` (which
//! decodes up front); uses `deck` (which sources are remote) and `scene` (the
//! [`ImageSizes`](crate::scene::ImageSizes) it answers). No window, no threads.
//!
//! - [`source`]: a deck's `src` → a path inside the deck's folder, or why not.
//! - [`mod@decode`]: a path → pixels and the natural size, within [`MAX_PIXELS`] and [`MAX_SIDE`].
//! - [`sizes`]: [`FileImageSizes`], natural sizes read from file headers.

pub mod decode;
pub mod sizes;
pub mod source;

pub use decode::{MAX_PIXELS, MAX_SIDE, decode, decode_at};
pub use sizes::FileImageSizes;
pub use source::{local_path, resolve_local};
