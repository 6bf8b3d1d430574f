//! Video through the `ffmpeg` executable found at run time: no decoder library is linked, so
//! rostra builds and starts on a machine without one, and any format the installed ffmpeg
//! reads plays (MP4/H.264, WebM/VP8/VP9, …). ffmpeg decodes to raw RGBA at the size the video
//! is drawn, paced at the video's own rate (`-re`), into a pipe read by a thread of ours that
//! keeps only the latest frame: the UI never waits for a frame, so a video never stalls a
//! transition, and memory is one frame however long the clip.
//!
//! Sound is left out (`-an`): playing it needs an audio output library (ALSA's headers to
//! build on Linux) or a second player process whose clock would drift from ours.

use eframe::egui::ColorImage;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// What a video's box says when ffmpeg is not installed.
pub const MISSING: &str = "video needs ffmpeg (apt install ffmpeg)";

/// File extensions played as video.
const VIDEO_EXTENSIONS: [&str; 8] = ["mp4", "m4v", "webm", "mov", "mkv", "ogv", "ogg", "avi"];

/// Whether `src` names a video (by its extension, query and fragment ignored).
pub fn is_video(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| VIDEO_EXTENSIONS.iter().any(|v| v.eq_ignore_ascii_case(ext)))
}

/// The ffmpeg executable: `$ROSTRA_FFMPEG` when set, else `ffmpeg` on the `PATH`; looked up
/// once.
pub fn ffmpeg() -> Option<&'static Path> {
    static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            if let Some(p) = std::env::var_os("ROSTRA_FFMPEG").filter(|p| !p.is_empty()) {
                return Some(PathBuf::from(p)).filter(|p| p.is_file());
            }
            let name = if cfg!(windows) {
                "ffmpeg.exe"
            } else {
                "ffmpeg"
            };
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        })
        .as_deref()
}

/// A video's natural size and frame rate, as ffmpeg reports them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Probe {
    /// Width and height in pixels.
    pub size: [u32; 2],
    /// Frames per second (25 when ffmpeg names none).
    pub fps: f64,
}

/// Reads the first video stream's size and rate from ffmpeg's description of the file.
pub fn probe(path: &Path) -> Result<Probe, String> {
    let ffmpeg = ffmpeg().ok_or(MISSING)?;
    let out = Command::new(ffmpeg)
        .args(["-hide_banner", "-nostdin", "-i"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run ffmpeg: {e}"))?;
    parse_probe(&String::from_utf8_lossy(&out.stderr))
        .ok_or_else(|| format!("ffmpeg finds no video in {}", path.display()))
}

/// The size and rate on the first `Video:` stream line of ffmpeg's banner.
pub fn parse_probe(text: &str) -> Option<Probe> {
    static SIZE: OnceLock<Option<regex::Regex>> = OnceLock::new();
    static FPS: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let size = SIZE
        .get_or_init(|| regex::Regex::new(r"[ ,](\d{1,5})x(\d{1,5})[ ,\[]").ok())
        .as_ref()?;
    let fps = FPS
        .get_or_init(|| regex::Regex::new(r"([\d.]+) (?:fps|tbr)").ok())
        .as_ref()?;
    let line = text
        .lines()
        .find(|l| l.contains("Stream #") && l.contains("Video:"))?;
    let c = size.captures(line)?;
    let (w, h): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    if w == 0 || h == 0 {
        return None;
    }
    let rate = fps
        .captures(line)
        .and_then(|c| c[1].parse::<f64>().ok())
        .filter(|r| r.is_finite() && *r > 0.0 && *r <= 240.0)
        .unwrap_or(25.0);
    Some(Probe {
        size: [w, h],
        fps: rate,
    })
}

/// The size frames are decoded at: `natural` fitted within `max_side`, even on both sides
/// (what ffmpeg's scaler and most codecs want).
pub fn drawn_size(natural: [u32; 2], max_side: u32) -> [u32; 2] {
    let [w, h] = natural;
    let k = (f64::from(max_side) / f64::from(w.max(h).max(1))).min(1.0);
    let even = |v: f64| (((v * k).round() as u32) / 2 * 2).max(2);
    [even(f64::from(w)), even(f64::from(h))]
}

fn command(
    path: &Path,
    size: [u32; 2],
    realtime: bool,
    looped: bool,
    only_first: bool,
) -> Option<Command> {
    let mut cmd = Command::new(ffmpeg()?);
    cmd.args(["-hide_banner", "-loglevel", "error", "-nostdin"]);
    if realtime {
        cmd.arg("-re");
    }
    if looped {
        cmd.args(["-stream_loop", "-1"]);
    }
    cmd.arg("-i").arg(path);
    if only_first {
        cmd.args(["-frames:v", "1"]);
    }
    cmd.args([
        "-an",
        "-vf",
        &format!("scale={}:{}", size[0], size[1]),
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgba",
        "-",
    ]);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    Some(cmd)
}

/// The first frame of `path` at `size` (what a video shows before it plays, and in export).
pub fn first_frame(path: &Path, size: [u32; 2]) -> Result<ColorImage, String> {
    let mut cmd = command(path, size, false, false, true).ok_or(MISSING)?;
    let mut child = cmd.spawn().map_err(|e| format!("cannot run ffmpeg: {e}"))?;
    let mut buf = vec![0u8; frame_bytes(size)];
    let read = child
        .stdout
        .take()
        .ok_or("ffmpeg gave no output")
        .and_then(|mut out| {
            out.read_exact(&mut buf)
                .map_err(|_| "ffmpeg decoded no frame")
        });
    let _ = child.kill();
    let _ = child.wait();
    read.map_err(|e| format!("{e} from {}", path.display()))?;
    Ok(ColorImage::from_rgba_unmultiplied(
        [size[0] as usize, size[1] as usize],
        &buf,
    ))
}

fn frame_bytes(size: [u32; 2]) -> usize {
    size[0] as usize * size[1] as usize * 4
}

/// A video playing: an ffmpeg process and the thread reading its frames. Dropping it stops
/// both.
pub struct Playback {
    latest: Arc<Mutex<Option<ColorImage>>>,
    frames: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    child: Arc<Mutex<Option<Child>>>,
}

impl Playback {
    /// Starts `path` at `size`, in real time, looping when `looped`; `wake` is called after
    /// each new frame (the app asks for a repaint).
    pub fn start(
        path: &Path,
        size: [u32; 2],
        looped: bool,
        wake: Box<dyn Fn() + Send>,
    ) -> Result<Playback, String> {
        let mut cmd = command(path, size, true, looped, false).ok_or(MISSING)?;
        let mut child = cmd.spawn().map_err(|e| format!("cannot run ffmpeg: {e}"))?;
        let mut out = child.stdout.take().ok_or("ffmpeg gave no output")?;
        let latest = Arc::new(Mutex::new(None));
        let frames = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let child = Arc::new(Mutex::new(Some(child)));
        let (slot, count, stopped, proc) =
            (latest.clone(), frames.clone(), stop.clone(), child.clone());
        let spawned = std::thread::Builder::new()
            .name("rostra-video".into())
            .spawn(crate::worker::caught(move || {
                let mut buf = vec![0u8; frame_bytes(size)];
                while !stopped.load(Ordering::Relaxed) && out.read_exact(&mut buf).is_ok() {
                    let img = ColorImage::from_rgba_unmultiplied(
                        [size[0] as usize, size[1] as usize],
                        &buf,
                    );
                    if let Ok(mut s) = slot.lock() {
                        *s = Some(img);
                    }
                    count.fetch_add(1, Ordering::Relaxed);
                    wake();
                }
                if let Ok(mut c) = proc.lock()
                    && let Some(mut c) = c.take()
                {
                    let _ = c.kill();
                    let _ = c.wait();
                }
            }));
        if let Err(e) = spawned {
            if let Ok(mut c) = child.lock()
                && let Some(mut c) = c.take()
            {
                let _ = c.kill();
                let _ = c.wait();
            }
            return Err(format!("cannot start the video thread: {e}"));
        }
        Ok(Playback {
            latest,
            frames,
            stop,
            child,
        })
    }

    /// The newest frame not taken yet.
    pub fn take_frame(&self) -> Option<ColorImage> {
        self.latest.lock().ok().and_then(|mut s| s.take())
    }

    /// Frames decoded so far.
    pub fn frames(&self) -> u64 {
        self.frames.load(Ordering::Relaxed)
    }
}

impl Drop for Playback {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Killing the process ends the reader's blocking read; the reader reaps it.
        if let Ok(mut c) = self.child.lock()
            && let Some(c) = c.as_mut()
        {
            let _ = c.kill();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn videos_are_known_by_their_extension() {
        assert!(is_video("clip.mp4"));
        assert!(is_video("a/B.WebM?x=1#t=3"));
        assert!(!is_video("photo.png"));
        assert!(!is_video("mp4"));
    }

    #[test]
    fn ffmpegs_banner_gives_size_and_rate() {
        let banner = "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'a.mp4':\n  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 320x180 [SAR 1:1 DAR 16:9], 27 kb/s, 12 fps, 12 tbr, 12288 tbn (default)\n";
        assert_eq!(
            parse_probe(banner),
            Some(Probe {
                size: [320, 180],
                fps: 12.0
            })
        );
        let webm = "  Stream #0:0: Video: vp9 (Profile 0), yuv420p(tv), 64x48, SAR 1:1 DAR 4:3, 25 fps, 25 tbr, 1k tbn\n";
        assert_eq!(parse_probe(webm).map(|p| p.size), Some([64, 48]));
        assert_eq!(parse_probe("Stream #0:0: Audio: aac, 44100 Hz"), None);
    }

    #[test]
    fn frames_are_decoded_at_an_even_drawn_size() {
        assert_eq!(drawn_size([1920, 1080], 960), [960, 540]);
        assert_eq!(drawn_size([321, 181], 4000), [320, 180]);
        assert_eq!(drawn_size([1, 1], 100), [2, 2]);
    }
}
