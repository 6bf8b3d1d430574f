//! Images decoded off the UI thread: one named worker reads, checks and decodes (PNG, JPEG,
//! GIF's first frame, WebP, SVG), scales to what a screen needs, and hands pixels back; the UI
//! thread only uploads textures. Failures become on-slide placeholders with the reason.
//! What a source resolves to and how a file is decoded live in [`crate::media`].

use crate::media::{MAX_SIDE, decode_at, local_path, resolve_local};
use crate::scene::{ImageSizes, ImageState};
use crate::ui::Textures;
use eframe::egui::{ColorImage, Context, TextureHandle, TextureId, TextureOptions};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

enum Entry {
    Loading,
    Ready {
        size: [u32; 2],
        texture: TextureHandle,
    },
    Failed(String),
}

struct Decoded {
    src: String,
    result: Result<ColorImage, String>,
    size: [u32; 2],
}

/// The cache of a deck's images and the worker that fills it. Only the images of slides
/// near the current one are kept (see [`ImageLoader::keep_only`]), at the screen's size.
pub struct ImageLoader {
    base: PathBuf,
    requests: Option<Sender<String>>,
    results: Receiver<Decoded>,
    entries: HashMap<String, Entry>,
    wanted: Option<HashSet<String>>,
    max_side: Arc<AtomicU32>,
    asked: HashMap<String, Instant>,
    appeared: Vec<(String, Duration)>,
}

impl ImageLoader {
    /// A loader for images relative to `base` (the deck's folder); `ctx` is woken on results.
    pub fn new(base: PathBuf, ctx: Option<Context>) -> ImageLoader {
        let (req_tx, req_rx) = channel::<String>();
        let (res_tx, res_rx) = channel::<Decoded>();
        // Until the window says its size: a 1080p projector's width.
        let max_side = Arc::new(AtomicU32::new(1920));
        let side = max_side.clone();
        let root = base.clone();
        let spawned = std::thread::Builder::new()
            .name("rostra-images".into())
            .spawn(crate::worker::caught(move || {
                for src in req_rx {
                    // A decoder bug fails this image (its placeholder says so), not the rest.
                    let decoded = crate::worker::guard(|| {
                        resolve_local(&root, &src)
                            .and_then(|path| decode_at(&path, side.load(Ordering::Relaxed)))
                    })
                    .unwrap_or_else(|e| {
                        log::error!("decoding {src} failed on an internal error: {e}");
                        Err(format!("the image decoder failed on this file: {e}"))
                    });
                    let (result, size) = match decoded {
                        Ok((img, size)) => (Ok(img), size),
                        Err(e) => (Err(e), [0, 0]),
                    };
                    if res_tx.send(Decoded { src, result, size }).is_err() {
                        break;
                    }
                    if let Some(ctx) = &ctx {
                        ctx.request_repaint();
                    }
                }
            }));
        ImageLoader {
            base,
            requests: spawned.ok().map(|_| req_tx),
            results: res_rx,
            entries: HashMap::new(),
            wanted: None,
            max_side,
            asked: HashMap::new(),
            appeared: Vec::new(),
        }
    }

    /// Decodes new images to at most `px` on their longest side (the window's size): a
    /// 4000 x 3000 photo on a 1280 x 720 window needs no more than 1280 pixels across.
    pub fn set_max_side(&self, px: u32) {
        self.max_side
            .store(px.clamp(256, MAX_SIDE), Ordering::Relaxed);
    }

    /// Keeps only `wanted` (the images of slides near the current one); the others are
    /// released, and decodes still in flight for them are dropped when they arrive.
    pub fn keep_only(&mut self, wanted: HashSet<String>) {
        self.entries.retain(|k, _| wanted.contains(k));
        self.asked.retain(|k, _| wanted.contains(k));
        self.wanted = Some(wanted);
    }

    /// How long each image took from request to texture, in order of arrival (for `bench`).
    pub fn appeared(&self) -> &[(String, Duration)] {
        &self.appeared
    }

    /// Number of decoded images held.
    pub fn held(&self) -> usize {
        self.entries
            .values()
            .filter(|e| matches!(e, Entry::Ready { .. }))
            .count()
    }

    /// The folder image paths are relative to.
    pub fn base(&self) -> &std::path::Path {
        &self.base
    }

    /// Drops what is known of `src`, so the next request decodes it again (it changed).
    pub fn forget(&mut self, src: &str) {
        self.entries.remove(src);
    }

    /// The full path `src` is read from, for local images.
    pub fn path_of(&self, src: &str) -> Option<PathBuf> {
        local_path(&self.base, src).ok()
    }

    /// Asks for `src` unless it is known already.
    pub fn request(&mut self, src: &str) {
        if self.entries.contains_key(src) {
            return;
        }
        if let Err(e) = local_path(&self.base, src) {
            self.entries.insert(src.to_string(), Entry::Failed(e));
            return;
        }
        if let Some(w) = &mut self.wanted {
            w.insert(src.to_string());
        }
        match &self.requests {
            Some(tx) if tx.send(src.to_string()).is_ok() => {
                self.entries.insert(src.to_string(), Entry::Loading);
                self.asked.insert(src.to_string(), Instant::now());
            }
            _ => {
                self.entries.insert(
                    src.to_string(),
                    Entry::Failed("the image thread is not running".into()),
                );
            }
        }
    }

    /// Takes finished decodes and uploads them; returns the sources that changed.
    pub fn poll(&mut self, ctx: &Context) -> Vec<String> {
        let mut changed = Vec::new();
        while let Ok(d) = self.results.try_recv() {
            if self.wanted.as_ref().is_some_and(|w| !w.contains(&d.src)) {
                // Asked for, then left behind: the talk moved on.
                continue;
            }
            if let Some(t) = self.asked.remove(&d.src) {
                self.appeared.push((d.src.clone(), t.elapsed()));
            }
            let entry = match d.result {
                Ok(img) => Entry::Ready {
                    size: d.size,
                    texture: ctx.load_texture(
                        format!("img:{}", d.src),
                        img,
                        TextureOptions::LINEAR,
                    ),
                },
                Err(e) => Entry::Failed(e),
            };
            changed.push(d.src.clone());
            self.entries.insert(d.src, entry);
        }
        changed
    }

    /// Whether any requested image is still being decoded.
    pub fn pending(&self) -> bool {
        self.entries.values().any(|e| matches!(e, Entry::Loading))
    }
}

impl ImageSizes for ImageLoader {
    fn state(&self, src: &str) -> ImageState {
        match self.entries.get(src) {
            None | Some(Entry::Loading) => ImageState::Loading,
            Some(Entry::Ready { size, .. }) => ImageState::Ready(*size),
            Some(Entry::Failed(e)) => ImageState::Failed(e.clone()),
        }
    }
}

impl Textures for ImageLoader {
    fn texture(&self, src: &str) -> Option<TextureId> {
        match self.entries.get(src) {
            Some(Entry::Ready { texture, .. }) => Some(texture.id()),
            _ => None,
        }
    }

    fn natural_size(&self, src: &str) -> Option<eframe::egui::Vec2> {
        match self.entries.get(src) {
            Some(Entry::Ready { size, .. }) => {
                Some(eframe::egui::Vec2::new(size[0] as f32, size[1] as f32))
            }
            _ => None,
        }
    }
}
