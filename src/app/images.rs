//! Images decoded off the UI thread: one named worker reads, checks and decodes (PNG, JPEG,
//! GIF, APNG and WebP with all their frames, SVG, a video's first frame), fetching a remote
//! image into the cache first, scales to what a screen needs, and hands pixels back; the UI
//! thread only uploads textures, and on each frame swaps in an animation's frame in force or a
//! playing video's newest frame ([`ImageLoader::tick`]). Failures become on-slide placeholders
//! with the reason. What a source resolves to and how a file is decoded live in
//! [`crate::media`].

use crate::media::anim::{Animation, FRAME_BUDGET, decode_animation};
use crate::media::video::{self, Playback};
use crate::media::{MAX_SIDE, Resolver, decode_at};
use crate::scene::{ImageSizes, ImageState};
use crate::ui::Textures;
use eframe::egui::{ColorImage, Context, TextureHandle, TextureId, TextureOptions};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// What makes a ready image's picture change over time.
enum Motion {
    Still,
    /// Frames in memory; `started` is the time of the first frame it was drawn.
    Frames {
        anim: Animation,
        started: Option<f64>,
        shown: usize,
    },
    /// A video: its file and drawn size, and the ffmpeg process while it plays.
    Video {
        path: PathBuf,
        drawn: [u32; 2],
        playing: Option<Playback>,
    },
}

enum Entry {
    Loading,
    Ready {
        size: [u32; 2],
        texture: TextureHandle,
        motion: Motion,
    },
    Failed(String),
}

/// What the worker hands back besides the first picture.
enum Extra {
    None,
    Frames(Animation),
    Video { path: PathBuf, drawn: [u32; 2] },
}

struct Decoded {
    src: String,
    result: Result<ColorImage, String>,
    size: [u32; 2],
    extra: Extra,
}

/// One source to pixels on the worker: animations with all their frames, videos with the file
/// to play later.
fn decode_one(resolver: &Resolver, src: &str, max_side: u32) -> Decoded {
    let done = |result: Result<(ColorImage, [u32; 2]), String>, extra| {
        let (result, size) = match result {
            Ok((img, size)) => (Ok(img), size),
            Err(e) => (Err(e), [0, 0]),
        };
        Decoded {
            src: src.to_string(),
            result,
            size,
            extra,
        }
    };
    let path = match resolver.resolve(src) {
        Ok(p) => p,
        Err(e) => return done(Err(e), Extra::None),
    };
    if video::is_video(src) {
        let probed = video::probe(&path).and_then(|p| {
            let drawn = video::drawn_size(p.size, max_side);
            video::first_frame(&path, drawn).map(|img| (img, p.size, drawn))
        });
        return match probed {
            Ok((img, size, drawn)) => done(Ok((img, size)), Extra::Video { path, drawn }),
            Err(e) => done(Err(e), Extra::None),
        };
    }
    match decode_animation(&path, max_side, FRAME_BUDGET) {
        Ok(Some(anim)) => {
            let first = anim.frames[0].as_ref().clone();
            let natural = anim.natural;
            done(Ok((first, natural)), Extra::Frames(anim))
        }
        Ok(None) => done(decode_at(&path, max_side), Extra::None),
        Err(e) => done(Err(e), Extra::None),
    }
}

/// The cache of a deck's images and the worker that fills it. Only the images of slides
/// near the current one are kept (see [`ImageLoader::keep_only`]), at the screen's size.
pub struct ImageLoader {
    base: PathBuf,
    resolver: Resolver,
    ctx: Option<Context>,
    requests: Option<Sender<String>>,
    results: Receiver<Decoded>,
    /// Decoded pictures waiting for a still frame to be uploaded (see [`ImageLoader::poll`]).
    held: Vec<Decoded>,
    /// Where a fetch thread reports a remote image it could not get.
    failures: Sender<Decoded>,
    entries: HashMap<String, Entry>,
    wanted: Option<HashSet<String>>,
    max_side: Arc<AtomicU32>,
    asked: HashMap<String, Instant>,
    appeared: Vec<(String, Duration)>,
}

impl ImageLoader {
    /// A loader for images relative to `base` (the deck's folder); `ctx` is woken on results.
    pub fn new(base: PathBuf, ctx: Option<Context>) -> ImageLoader {
        Self::with_resolver(Resolver::for_deck(base), ctx)
    }

    /// A loader reading through `resolver` (its cache and offline setting: tests use their own).
    pub fn with_resolver(resolver: Resolver, ctx: Option<Context>) -> ImageLoader {
        let base = resolver.base.clone();
        let (req_tx, req_rx) = channel::<String>();
        let (res_tx, res_rx) = channel::<Decoded>();
        // Until the window says its size: a 1080p projector's width.
        let max_side = Arc::new(AtomicU32::new(1920));
        let side = max_side.clone();
        // The worker never waits on the network: remote images reach it once fetched, on
        // threads of their own (see `request`), so one slow server holds no other image up.
        let mut worker_resolver = resolver.clone();
        worker_resolver.offline = true;
        let wake = ctx.clone();
        let failures = res_tx.clone();
        let spawned = std::thread::Builder::new()
            .name("rostra-images".into())
            .spawn(crate::worker::caught(move || {
                // Decoding ahead must not slow the frame on screen; a picture the slide on
                // screen waits for is decoded while that still slide leaves the cores idle.
                crate::worker::yield_to_ui();
                let ctx = wake;
                for src in req_rx {
                    let max_side = side.load(Ordering::Relaxed);
                    // A decoder bug fails this image (its placeholder says so), not the rest.
                    let decoded =
                        crate::worker::guard(|| decode_one(&worker_resolver, &src, max_side))
                            .unwrap_or_else(|e| {
                                log::error!("decoding {src} failed on an internal error: {e}");
                                Decoded {
                                    src: src.clone(),
                                    result: Err(format!(
                                        "the image decoder failed on this file: {e}"
                                    )),
                                    size: [0, 0],
                                    extra: Extra::None,
                                }
                            });
                    if res_tx.send(decoded).is_err() {
                        break;
                    }
                    if let Some(ctx) = &ctx {
                        ctx.request_repaint();
                    }
                }
            }));
        ImageLoader {
            base,
            resolver,
            ctx,
            requests: spawned.ok().map(|_| req_tx),
            results: res_rx,
            held: Vec::new(),
            failures,
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
        crate::media::local_path(&self.base, src).ok()
    }

    /// Fetches the deck's remote images into the cache on a thread of its own (at deck open),
    /// so the talk works offline later; nothing when offline.
    pub fn prefetch(&self, srcs: Vec<String>) {
        crate::media::remote::prefetch(self.resolver.cache.clone(), srcs, self.resolver.offline);
    }

    /// Asks for `src` unless it is known already.
    pub fn request(&mut self, src: &str) {
        if self.entries.contains_key(src) {
            return;
        }
        if let Err(e) = self.resolver.admissible(src) {
            self.entries.insert(src.to_string(), Entry::Failed(e));
            return;
        }
        if let Some(w) = &mut self.wanted {
            w.insert(src.to_string());
        }
        if crate::media::remote::is_fetched(src)
            && !video::is_video(src)
            && !self.resolver.offline
            && let Some(tx) = &self.requests
        {
            self.fetch_then_decode(src, tx.clone());
            return;
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

    /// Fetches remote `src` on a thread of its own, then hands it to the worker (`tx`); a
    /// failure comes back as the image's placeholder reason.
    fn fetch_then_decode(&mut self, src: &str, tx: Sender<String>) {
        let (cache, failures, ctx) = (
            self.resolver.cache.clone(),
            self.failures.clone(),
            self.ctx.clone(),
        );
        let name = src.to_string();
        let spawned = std::thread::Builder::new()
            .name("rostra-fetch-image".into())
            .spawn(crate::worker::caught(move || {
                match cache.get(&name, false) {
                    Ok(_) => {
                        let _ = tx.send(name);
                    }
                    Err(e) => {
                        let _ = failures.send(Decoded {
                            src: name,
                            result: Err(e.to_string()),
                            size: [0, 0],
                            extra: Extra::None,
                        });
                        if let Some(ctx) = &ctx {
                            ctx.request_repaint();
                        }
                    }
                }
            }));
        let entry = match spawned {
            Ok(_) => Entry::Loading,
            Err(e) => Entry::Failed(format!("cannot start a thread to fetch it: {e}")),
        };
        self.entries.insert(src.to_string(), entry);
        self.asked.insert(src.to_string(), Instant::now());
    }

    /// Takes finished decodes and uploads them; returns the sources that changed. Those for
    /// which `hold` is true wait for a later call: a picture for a slide not on screen is
    /// uploaded after the transition, not in one of its frames (a 2560-pixel upload is the
    /// slowest thing a moving frame could do).
    pub fn poll(&mut self, ctx: &Context, hold: impl Fn(&str) -> bool) -> Vec<String> {
        let mut changed = Vec::new();
        let held = std::mem::take(&mut self.held);
        let fresh = std::iter::from_fn(|| self.results.try_recv().ok()).collect::<Vec<_>>();
        for d in held.into_iter().chain(fresh) {
            if hold(&d.src) {
                self.held.push(d);
                continue;
            }
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
                    motion: match d.extra {
                        Extra::None => Motion::Still,
                        Extra::Frames(anim) => Motion::Frames {
                            anim,
                            started: None,
                            shown: 0,
                        },
                        Extra::Video { path, drawn } => Motion::Video {
                            path,
                            drawn,
                            playing: None,
                        },
                    },
                },
                Err(e) => Entry::Failed(e),
            };
            changed.push(d.src.clone());
            self.entries.insert(d.src, entry);
        }
        changed
    }

    /// Moves pictures on at time `now` (seconds, the UI's clock): animations in `visible` show
    /// the frame in force, videos in `playing` (source, looped) play (others stop, keeping
    /// their last frame). Returns how long until an animation's next frame, for the repaint;
    /// playing videos ask for their own repaints as frames arrive.
    pub fn tick(
        &mut self,
        now: f64,
        visible: &HashSet<String>,
        playing: &HashMap<String, bool>,
    ) -> Option<Duration> {
        let mut next: Option<f64> = None;
        for (src, entry) in &mut self.entries {
            let Entry::Ready {
                texture, motion, ..
            } = entry
            else {
                continue;
            };
            match motion {
                Motion::Still => {}
                Motion::Frames {
                    anim,
                    started,
                    shown,
                } => {
                    if !visible.contains(src) {
                        continue;
                    }
                    let t0 = *started.get_or_insert(now);
                    let i = anim.times.frame_at(now - t0);
                    if i != *shown
                        && let Some(frame) = anim.frames.get(i)
                    {
                        texture.set(frame.clone(), TextureOptions::LINEAR);
                        *shown = i;
                    }
                    if let Some(dt) = anim.times.until_next(now - t0) {
                        next = Some(next.map_or(dt, |n| n.min(dt)));
                    }
                }
                Motion::Video {
                    path,
                    drawn,
                    playing: playback,
                } => match (playing.get(src), playback.as_ref()) {
                    (Some(&looped), None) => {
                        let ctx = self.ctx.clone();
                        let wake = Box::new(move || {
                            if let Some(ctx) = &ctx {
                                ctx.request_repaint();
                            }
                        });
                        match Playback::start(path, *drawn, looped, wake) {
                            Ok(p) => *playback = Some(p),
                            Err(e) => log::warn!("video {src}: {e}"),
                        }
                    }
                    (Some(_), Some(p)) => {
                        if let Some(frame) = p.take_frame() {
                            texture.set(frame, TextureOptions::LINEAR);
                        }
                    }
                    (None, Some(_)) => *playback = None,
                    (None, None) => {}
                },
            }
        }
        next.map(|s| Duration::from_secs_f64(s.clamp(0.001, 10.0)))
    }

    /// The frame an animation shows now (0 for stills and videos), for tests and tools.
    pub fn frame_index(&self, src: &str) -> Option<usize> {
        match self.entries.get(src) {
            Some(Entry::Ready {
                motion: Motion::Frames { shown, .. },
                ..
            }) => Some(*shown),
            Some(Entry::Ready { .. }) => Some(0),
            _ => None,
        }
    }

    /// Frames a video has decoded while playing (`None` when it is not playing).
    pub fn video_frames(&self, src: &str) -> Option<u64> {
        match self.entries.get(src) {
            Some(Entry::Ready {
                motion: Motion::Video {
                    playing: Some(p), ..
                },
                ..
            }) => Some(p.frames()),
            _ => None,
        }
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
