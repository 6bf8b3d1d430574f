//! Animated images (GIF, APNG, animated WebP): every frame decoded to the size it is drawn at,
//! held within a byte budget, and the frame in force picked from a time the caller gives
//! ([`FrameTimes::frame_at`]), so tests and the app share one clock rule.
//!
//! Browsers' rules, kept here: a frame delay of 10 ms or less plays as 100 ms (Firefox and
//! Chromium both clamp such delays, which old GIF tools wrote to mean "as fast as possible"),
//! and an animation loops forever (the usual `NETSCAPE2.0` loop count of GIFs on slides; the
//! `image` crate does not report the count, so a play-once GIF loops here too).

use eframe::egui::ColorImage;
use image::{AnimationDecoder, Frame, ImageDecoder};
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

/// Bytes of decoded frames one animation may hold; past it the frames are scaled down (a long
/// 4K GIF is shown smaller rather than holding gigabytes).
pub const FRAME_BUDGET: usize = 96 * 1024 * 1024;
/// Frames kept at most; past it frames are merged (their delays added up).
pub const MAX_FRAMES: usize = 2000;
/// The smallest side frames are scaled down to, to keep within [`FRAME_BUDGET`].
const MIN_SIDE: u32 = 96;

/// A delay as browsers play it: 10 ms or less becomes 100 ms.
pub fn browser_delay_ms(ms: u32) -> u32 {
    if ms <= 10 { 100 } else { ms }
}

/// When each frame of a looping animation is shown: pure, no pixels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameTimes {
    delays_ms: Vec<u32>,
    total_ms: u64,
}

impl FrameTimes {
    /// Frame times from the delays as the file writes them (browser clamping applied).
    pub fn new(delays_ms: impl IntoIterator<Item = u32>) -> FrameTimes {
        let delays_ms: Vec<u32> = delays_ms.into_iter().map(browser_delay_ms).collect();
        let total_ms = delays_ms.iter().map(|&d| u64::from(d)).sum();
        FrameTimes {
            delays_ms,
            total_ms,
        }
    }

    /// Number of frames.
    pub fn len(&self) -> usize {
        self.delays_ms.len()
    }

    /// Whether there are no frames.
    pub fn is_empty(&self) -> bool {
        self.delays_ms.is_empty()
    }

    /// The frame shown `secs` after the animation started, looping; frame 0 before the start.
    pub fn frame_at(&self, secs: f64) -> usize {
        self.locate(secs).0
    }

    /// Seconds from `secs` until the frame changes (`None` for a single frame).
    pub fn until_next(&self, secs: f64) -> Option<f64> {
        (self.len() > 1).then(|| self.locate(secs).1)
    }

    fn locate(&self, secs: f64) -> (usize, f64) {
        if self.total_ms == 0 || !secs.is_finite() || secs < 0.0 {
            return (
                0,
                self.delays_ms
                    .first()
                    .map_or(0.1, |&d| f64::from(d) / 1000.0),
            );
        }
        let ms = (secs * 1000.0) as u64 % self.total_ms;
        let mut end = 0u64;
        for (i, &d) in self.delays_ms.iter().enumerate() {
            end += u64::from(d);
            if ms < end {
                return (i, ((end - ms) as f64 / 1000.0).max(0.001));
            }
        }
        (0, 0.1)
    }
}

/// An animated image decoded for drawing.
#[derive(Clone)]
pub struct Animation {
    /// The frames, composed (each a full picture), all of one size.
    pub frames: Vec<Arc<ColorImage>>,
    /// When each is shown.
    pub times: FrameTimes,
    /// The image's natural size in pixels.
    pub natural: [u32; 2],
}

/// The frames of `path` when it is an animated GIF, APNG or WebP (`Ok(None)` for a still
/// image or another format), scaled to at most `max_side` and held within `budget` bytes.
pub fn decode_animation(
    path: &Path,
    max_side: u32,
    budget: usize,
) -> Result<Option<Animation>, String> {
    let open = || {
        std::fs::File::open(path)
            .map(BufReader::new)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let mut head = [0u8; 64];
    let n = {
        use std::io::Read;
        open()?
            .read(&mut head)
            .map_err(|e| format!("cannot read: {e}"))?
    };
    let head = &head[..n];
    let corrupt = |e: image::ImageError| format!("corrupt or unsupported animation: {e}");
    if head.starts_with(b"GIF8") {
        let d = image::codecs::gif::GifDecoder::new(open()?).map_err(corrupt)?;
        let (w, h) = d.dimensions();
        check_size(w, h)?;
        collect(d.into_frames(), [w, h], max_side, budget)
    } else if head.starts_with(b"\x89PNG") {
        let d = image::codecs::png::PngDecoder::new(open()?).map_err(corrupt)?;
        if !d.is_apng().map_err(corrupt)? {
            return Ok(None);
        }
        let (w, h) = d.dimensions();
        check_size(w, h)?;
        collect(
            d.apng().map_err(corrupt)?.into_frames(),
            [w, h],
            max_side,
            budget,
        )
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        let d = image::codecs::webp::WebPDecoder::new(open()?).map_err(corrupt)?;
        if !d.has_animation() {
            return Ok(None);
        }
        let (w, h) = d.dimensions();
        check_size(w, h)?;
        collect(d.into_frames(), [w, h], max_side, budget)
    } else {
        Ok(None)
    }
}

fn check_size(w: u32, h: u32) -> Result<(), String> {
    if u64::from(w) * u64::from(h) > super::MAX_PIXELS {
        return Err(format!(
            "too large to show ({w} x {h} pixels); refused without decoding"
        ));
    }
    Ok(())
}

/// The frames, each scaled as it arrives; when the held bytes pass the budget, the target
/// size halves and the frames held so far are scaled down with it.
fn collect(
    frames: image::Frames<'_>,
    natural: [u32; 2],
    max_side: u32,
    budget: usize,
) -> Result<Option<Animation>, String> {
    let mut side = max_side
        .clamp(16, super::MAX_SIDE)
        .min(natural[0].max(natural[1]));
    let mut held: Vec<image::RgbaImage> = Vec::new();
    let mut delays = Vec::new();
    for frame in frames {
        let frame: Frame = frame.map_err(|e| format!("corrupt animation frame: {e}"))?;
        let (num, den) = frame.delay().numer_denom_ms();
        let delay = num.checked_div(den).unwrap_or(0);
        let buf = fit(frame.into_buffer(), side);
        if held.len() >= MAX_FRAMES {
            // Merge into the last frame: time goes on, pixels do not pile up.
            if let Some(last) = delays.last_mut() {
                *last = browser_delay_ms(*last).saturating_add(browser_delay_ms(delay));
            }
            continue;
        }
        held.push(buf);
        delays.push(delay);
        while bytes(&held) > budget && side > MIN_SIDE {
            side = (side / 2).max(MIN_SIDE);
            for f in &mut held {
                *f = fit(std::mem::take(f), side);
            }
        }
    }
    if held.len() < 2 {
        return Ok(None);
    }
    let frames = held
        .into_iter()
        .map(|f| {
            let size = [f.width() as usize, f.height() as usize];
            Arc::new(ColorImage::from_rgba_unmultiplied(size, f.as_raw()))
        })
        .collect();
    Ok(Some(Animation {
        frames,
        times: FrameTimes::new(delays),
        natural,
    }))
}

fn bytes(frames: &[image::RgbaImage]) -> usize {
    frames.iter().map(|f| f.as_raw().len()).sum()
}

/// `img` scaled down so its longest side is at most `side` (never up).
fn fit(img: image::RgbaImage, side: u32) -> image::RgbaImage {
    let (w, h) = img.dimensions();
    if w.max(h) <= side || w == 0 || h == 0 {
        return img;
    }
    let k = f64::from(side) / f64::from(w.max(h));
    let (nw, nh) = (
        ((f64::from(w) * k).round() as u32).max(1),
        ((f64::from(h) * k).round() as u32).max(1),
    );
    image::imageops::resize(&img, nw, nh, image::imageops::FilterType::Triangle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::gif::{GifEncoder, Repeat};
    use image::{Delay, Rgba, RgbaImage};

    /// A GIF of `n` frames of `w` x `h`, frame `i` filled with a colour of its own.
    pub(crate) fn gif(n: usize, w: u32, h: u32, delay_ms: u32) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = GifEncoder::new(&mut out);
            enc.set_repeat(Repeat::Infinite).expect("repeat");
            for i in 0..n {
                let c = [(i * 80 % 256) as u8, 40, (255 - i * 80 % 256) as u8, 255];
                let img = RgbaImage::from_pixel(w, h, Rgba(c));
                let delay = Delay::from_numer_denom_ms(delay_ms, 1);
                enc.encode_frame(Frame::from_parts(img, 0, 0, delay))
                    .expect("frame");
            }
        }
        out
    }

    fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("rostra-anim-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    }

    #[test]
    fn frames_follow_their_delays_and_loop() {
        let t = FrameTimes::new([100, 200, 300]);
        assert_eq!(t.frame_at(0.0), 0);
        assert_eq!(t.frame_at(0.099), 0);
        assert_eq!(t.frame_at(0.1), 1);
        assert_eq!(t.frame_at(0.35), 2);
        assert_eq!(t.frame_at(0.6), 0, "loops after 600 ms");
        assert_eq!(t.frame_at(0.75), 1);
        assert!((t.until_next(0.05).expect("animated") - 0.05).abs() < 1e-9);
        assert_eq!(t.frame_at(-1.0), 0);
        assert_eq!(t.frame_at(f64::NAN), 0);
        assert_eq!(FrameTimes::new([40]).until_next(1.0), None);
    }

    #[test]
    fn tiny_delays_play_as_browsers_play_them() {
        let t = FrameTimes::new([0, 10, 20]);
        assert_eq!(t.frame_at(0.05), 0);
        assert_eq!(t.frame_at(0.15), 1, "0 ms plays as 100 ms");
        assert_eq!(t.frame_at(0.205), 2, "10 ms plays as 100 ms; 20 ms is kept");
    }

    #[test]
    fn a_gif_decodes_to_distinct_frames_that_change_over_time() {
        let p = temp("three.gif", &gif(3, 40, 20, 50));
        let a = decode_animation(&p, 1920, FRAME_BUDGET)
            .expect("decodes")
            .expect("animated");
        assert_eq!(a.frames.len(), 3);
        assert_eq!(a.natural, [40, 20]);
        let at = |t: f64| a.frames[a.times.frame_at(t)].pixels[0];
        assert_ne!(
            at(0.0),
            at(0.06),
            "the picture changes after the first delay"
        );
        assert_eq!(at(0.0), at(0.15), "and comes back after the loop");
    }

    #[test]
    fn a_long_gif_is_held_within_its_budget() {
        let p = temp("long.gif", &gif(12, 400, 400, 40));
        let budget = 400 * 400 * 4 * 3; // room for three full frames
        let a = decode_animation(&p, 1920, budget)
            .expect("decodes")
            .expect("animated");
        assert_eq!(a.frames.len(), 12);
        let held: usize = a.frames.iter().map(|f| f.pixels.len() * 4).sum();
        assert!(held <= budget, "{held} > {budget}");
        assert!(a.frames[0].size[0] < 400);
    }

    #[test]
    fn apng_and_animated_webp_fixtures_play_too() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media");
        for name in ["anim.png", "anim.webp"] {
            let a = decode_animation(&dir.join(name), 1920, FRAME_BUDGET)
                .expect("decodes")
                .unwrap_or_else(|| panic!("{name} is animated"));
            assert!(a.frames.len() >= 2, "{name}: {} frames", a.frames.len());
            assert_eq!(a.natural, [32, 24], "{name}");
            assert_ne!(
                a.frames[0].pixels, a.frames[1].pixels,
                "{name}: frames differ"
            );
            assert_eq!(a.times.frame_at(0.3), 1, "{name}: 250 ms a frame");
        }
    }

    #[test]
    fn still_and_broken_files_are_not_animations() {
        let one = temp("one.gif", &gif(1, 8, 8, 50));
        assert!(
            decode_animation(&one, 1920, FRAME_BUDGET)
                .expect("ok")
                .is_none()
        );
        let mut png = Vec::new();
        RgbaImage::from_pixel(4, 4, Rgba([1, 2, 3, 255]))
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("png");
        let still = temp("still.png", &png);
        assert!(
            decode_animation(&still, 1920, FRAME_BUDGET)
                .expect("ok")
                .is_none()
        );
        let mut bad = gif(3, 40, 20, 50);
        bad.truncate(bad.len() / 2);
        let bad = temp("bad.gif", &bad);
        assert!(decode_animation(&bad, 1920, FRAME_BUDGET).is_err());
    }
}
