//! Image sizes read from file headers, without decoding pixels, for tools that have no window
//! and no loader thread (`rostra check`, benchmarks, tests).

use super::source::Resolver;
use crate::scene::{ImageSizes, ImageState};
use std::path::PathBuf;

/// Natural sizes read from file headers under a deck's folder (remote images from the cache
/// only: nothing is fetched), as [`ImageSizes`] answers.
pub struct FileImageSizes {
    resolver: Resolver,
}

impl FileImageSizes {
    /// Sizes of images relative to `base`.
    pub fn new(base: PathBuf) -> Self {
        let mut resolver = Resolver::for_deck(base);
        resolver.offline = true;
        Self { resolver }
    }
}

impl ImageSizes for FileImageSizes {
    fn state(&self, src: &str) -> ImageState {
        let path = match self.resolver.resolve(src) {
            Ok(p) => p,
            Err(e) => return ImageState::Failed(e),
        };
        if super::video::is_video(src) {
            return match super::video::probe(&path) {
                Ok(p) => ImageState::Ready(p.size),
                Err(e) => ImageState::Failed(e),
            };
        }
        if super::decode::is_svg(&path) {
            return match std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|d| super::decode::parse_svg(&d))
            {
                Ok(t) => ImageState::Ready([
                    t.size().width().round() as u32,
                    t.size().height().round() as u32,
                ]),
                Err(e) => ImageState::Failed(e),
            };
        }
        match image::ImageReader::open(&path)
            .and_then(|r| r.with_guessed_format())
            .map_err(|e| e.to_string())
            .and_then(|r| r.into_dimensions().map_err(|e| e.to_string()))
        {
            Ok((w, h)) => ImageState::Ready([w, h]),
            Err(e) => ImageState::Failed(e),
        }
    }
}
