//! Images and videos as files: where a source is read from (a path inside the deck's folder,
//! or a remote image's copy in the cache), decoding to pixels, animations' frames, video
//! through ffmpeg, and sizes from headers. Below `app` (whose loader thread runs these off the
//! UI thread) and `export` (which decodes up front); uses `deck` (which sources are remote)
//! and `scene` (the [`ImageSizes`](crate::scene::ImageSizes) it answers).
//!
//! - [`source`]: a deck's `src` → a path inside the deck's folder, or why not.
//! - [`mod@decode`]: a path → pixels and the natural size, within [`MAX_PIXELS`] and [`MAX_SIDE`].
//! - [`anim`]: GIF, APNG and WebP animations → frames within a budget, and the frame at a time.
//! - [`video`]: video files → frames from the `ffmpeg` executable, found at run time.
//! - [`remote`]: http(s) images → fetched once, kept in a cache on disk for offline talks.
//! - [`sizes`]: [`FileImageSizes`], natural sizes read from file headers.

pub mod anim;
pub mod decode;
pub mod remote;
pub mod sizes;
pub mod source;
pub mod video;

pub use decode::{MAX_PIXELS, MAX_SIDE, decode, decode_at};
pub use remote::RemoteCache;
pub use sizes::FileImageSizes;
pub use source::{Resolver, local_path, resolve_local};

/// A deck's `src` to pixels and its natural size: an image decoded (an animation's first
/// frame), or a video's first frame through ffmpeg, at most `max_side` across. May wait on
/// the network (a remote image not cached yet) or on ffmpeg: call it off the UI thread.
pub fn decode_source(
    resolver: &Resolver,
    src: &str,
    max_side: u32,
) -> Result<(eframe::egui::ColorImage, [u32; 2]), String> {
    let path = resolver.resolve(src)?;
    if video::is_video(src) {
        let probe = video::probe(&path)?;
        let img = video::first_frame(&path, video::drawn_size(probe.size, max_side))?;
        return Ok((img, probe.size));
    }
    decode_at(&path, max_side)
}
