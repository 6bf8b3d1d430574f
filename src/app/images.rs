//! Images decoded off the UI thread: one named worker reads, checks and decodes (PNG, JPEG,
//! GIF's first frame, WebP, SVG), scales to what a screen needs, and hands pixels back; the UI
//! thread only uploads textures. Failures become on-slide placeholders with the reason.

use crate::scene::{ImageSizes, ImageState};
use crate::ui::Textures;
use eframe::egui::{ColorImage, Context, TextureHandle, TextureId, TextureOptions};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Largest image rostra will decode, in pixels (a 30,000 x 30,000 image is refused unread).
pub const MAX_PIXELS: u64 = 80_000_000;
/// Longest side of the uploaded texture; enough for a 4K projector.
pub const MAX_SIDE: u32 = 2560;

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

/// Where a deck's image `src` is read from: a local path inside the deck's folder `base`.
/// Remote URLs are never fetched, and a path that leads outside the folder (`../..`, an
/// absolute path, a link elsewhere) is refused unread, as are device files.
pub fn resolve_local(base: &Path, src: &str) -> Result<PathBuf, String> {
    let path = local_path(base, src)?;
    let real =
        std::fs::canonicalize(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let root = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    if !real.starts_with(&root) {
        return Err(format!(
            "{} is outside the deck's folder; not read",
            path.display()
        ));
    }
    Ok(real)
}

/// The path `src` names under `base`, without touching the disk; remote sources are refused.
fn local_path(base: &Path, src: &str) -> Result<PathBuf, String> {
    let lower = src.to_ascii_lowercase();
    if lower.starts_with("//")
        || lower.starts_with("data:")
        || (lower.contains("://") && !lower.starts_with("file://"))
    {
        return Err("remote images are not fetched (rostra works offline)".into());
    }
    let rel = src.split(['?', '#']).next().unwrap_or(src);
    let rel = rel.strip_prefix("file://").unwrap_or(rel);
    Ok(base.join(rel))
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
            .spawn(move || {
                for src in req_rx {
                    let decoded = resolve_local(&root, &src)
                        .and_then(|path| decode_at(&path, side.load(Ordering::Relaxed)));
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
            });
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

/// Reads and decodes one image file; the size returned is the image's natural size.
pub fn decode(path: &Path) -> Result<(ColorImage, [u32; 2]), String> {
    decode_at(path, MAX_SIDE)
}

/// [`decode`], scaled to at most `max_side` pixels on the longest side.
pub fn decode_at(path: &Path, max_side: u32) -> Result<(ColorImage, [u32; 2]), String> {
    let max_side = max_side.clamp(16, MAX_SIDE);
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a regular file", path.display()));
    }
    let is_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        return decode_svg(path, max_side);
    }
    let reader = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("cannot read: {e}"))?;
    let reader2 = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("cannot read: {e}"))?;
    let (w, h) = reader2
        .into_dimensions()
        .map_err(|e| format!("not an image rostra can read: {e}"))?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "too large to show ({w} x {h} pixels); refused without decoding"
        ));
    }
    let img = reader
        .decode()
        .map_err(|e| format!("corrupt or unsupported image: {e}"))?;
    let img = if w.max(h) > max_side {
        img.thumbnail(max_side, max_side)
    } else {
        img
    };
    let rgba = img.to_rgba8();
    if rgba.width() == 0 || rgba.height() == 0 {
        return Err("the image has no pixels".into());
    }
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok((
        ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()),
        [w, h],
    ))
}

/// SVG options with the bundled fonts (loaded once per process: they are megabytes), so
/// text in a deck's SVGs renders offline with Hangul.
fn svg_options() -> resvg::usvg::Options<'static> {
    static FONTS: std::sync::OnceLock<std::sync::Arc<resvg::usvg::fontdb::Database>> =
        std::sync::OnceLock::new();
    let db = FONTS.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        for font in [
            include_bytes!("../../assets/fonts/RostraGothic-Regular.ttf").as_slice(),
            include_bytes!("../../assets/fonts/RostraGothic-Bold.ttf").as_slice(),
            include_bytes!("../../assets/fonts/JetBrainsMono-Regular.ttf").as_slice(),
        ] {
            db.load_font_data(font.to_vec());
        }
        db.set_sans_serif_family("Rostra Gothic");
        db.set_monospace_family("JetBrains Mono");
        std::sync::Arc::new(db)
    });
    resvg::usvg::Options {
        fontdb: db.clone(),
        ..resvg::usvg::Options::default()
    }
}

fn decode_svg(path: &Path, max_side: u32) -> Result<(ColorImage, [u32; 2]), String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let opt = svg_options();
    let tree = resvg::usvg::Tree::from_data(&data, &opt)
        .map_err(|e| format!("not a readable SVG: {e}"))?;
    let natural = tree.size();
    let (nw, nh) = (natural.width().max(1.0), natural.height().max(1.0));
    let k = (max_side as f32 / nw.max(nh)).min(2.0);
    let (w, h) = (
        ((nw * k).round() as u32).max(1),
        ((nh * k).round() as u32).max(1),
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or("SVG has no area")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(k, k),
        &mut pixmap.as_mut(),
    );
    let img = ColorImage::from_rgba_premultiplied([w as usize, h as usize], pixmap.data());
    Ok((img, [nw.round() as u32, nh.round() as u32]))
}

/// Image sizes read from file headers, for tools without a window (`rostra check`, export).
pub struct FileImageSizes {
    base: PathBuf,
}

impl FileImageSizes {
    /// Sizes of images relative to `base`.
    pub fn new(base: PathBuf) -> Self {
        Self { base }
    }
}

impl ImageSizes for FileImageSizes {
    fn state(&self, src: &str) -> ImageState {
        let path = match resolve_local(&self.base, src) {
            Ok(p) => p,
            Err(e) => return ImageState::Failed(e),
        };
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
        {
            return match std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|d| {
                    resvg::usvg::Tree::from_data(&d, &svg_options()).map_err(|e| e.to_string())
                }) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rostra-img-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn png_header(w: u32, h: u32) -> Vec<u8> {
        // Signature and an IHDR chunk: enough for a reader to learn the size.
        let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend(w.to_be_bytes());
        ihdr.extend(h.to_be_bytes());
        ihdr.extend([8, 6, 0, 0, 0]);
        v.extend(13u32.to_be_bytes());
        v.extend(&ihdr);
        v.extend(crc32(&ihdr).to_be_bytes());
        // An IDAT chunk whose data is not a valid stream: the size is readable, the pixels not.
        let mut idat = b"IDAT".to_vec();
        idat.extend([0x78, 0x9c, 0xff, 0xff]);
        v.extend(4u32.to_be_bytes());
        v.extend(&idat);
        v.extend(crc32(&idat).to_be_bytes());
        v
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn paths_outside_the_deck_folder_and_device_files_are_refused_unread() {
        let dir = std::env::temp_dir().join(format!("rostra-resolve-{}", std::process::id()));
        let deck = dir.join("deck");
        std::fs::create_dir_all(deck.join("img")).expect("dirs");
        std::fs::write(deck.join("img/ok.png"), b"x").expect("write");
        std::fs::write(dir.join("secret.png"), b"x").expect("write");
        assert!(resolve_local(&deck, "img/ok.png").is_ok());
        assert!(resolve_local(&deck, "./img/ok.png?v=2#x").is_ok());
        let outside = resolve_local(&deck, "../secret.png").expect_err("outside");
        assert!(outside.contains("outside the deck's folder"), "{outside}");
        assert!(resolve_local(&deck, "/dev/zero").is_err());
        assert!(resolve_local(&deck, "file:///etc/passwd").is_err());
        assert!(resolve_local(&deck, "https://example.org/a.png").is_err());
        #[cfg(unix)]
        {
            // A link inside the folder that leads to a device is refused too.
            let _ = std::os::unix::fs::symlink("/dev/zero", deck.join("img/zero.png"));
            let e = resolve_local(&deck, "img/zero.png").expect_err("device");
            assert!(e.contains("outside"), "{e}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_30000_square_png_is_refused_without_decoding() {
        let p = temp("huge.png", &png_header(30_000, 30_000));
        let err = decode(&p).unwrap_err();
        assert!(
            err.contains("too large") && err.contains("30000 x 30000"),
            "{err}"
        );
    }

    #[test]
    fn corrupt_truncated_empty_and_non_files_fail_with_a_reason() {
        let p = temp("trunc.png", &png_header(10, 10));
        assert!(
            decode(&p).unwrap_err().contains("corrupt"),
            "{:?}",
            decode(&p).err()
        );
        let p = temp("empty.png", b"");
        assert!(decode(&p).is_err());
        let p = temp("text.jpg", b"hello, not a jpeg");
        assert!(decode(&p).is_err());
        assert!(
            decode(Path::new("/dev/null"))
                .unwrap_err()
                .contains("not a regular file")
        );
        assert!(
            decode(Path::new("/no/such.png"))
                .unwrap_err()
                .contains("cannot read")
        );
    }

    #[test]
    fn a_very_thin_svg_still_has_a_pixel_row() {
        let p = temp(
            "thin.svg",
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="1"><rect width="6000" height="1"/></svg>"#,
        );
        let (img, natural) = decode(&p).unwrap();
        assert_eq!(natural, [6000, 1]);
        assert!(img.size[1] >= 1);
    }

    #[test]
    fn real_images_decode_scaled_to_the_texture_limit() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4");
        let (img, natural) = decode(&dir.join("pipeline.png")).unwrap();
        assert_eq!(natural, [1600, 1167]);
        assert_eq!(img.size, [1600, 1167]);
        let (svg, natural) = decode(&dir.join("src/asyncio.svg")).unwrap();
        assert!(natural[0] > 0 && svg.size[0] <= MAX_SIDE as usize);
    }
}
