//! Moving and remote pictures end to end: a GIF's frame over injected time through the
//! loader, video frames decoded by ffmpeg from small generated fixtures, and a remote image
//! served by a local test server, then exported again from the cache with the network off.

mod common;

use common::AppHarness;
use eframe::egui;
use rostra::app::images::ImageLoader;
use rostra::media::remote::{RemoteCache, RemoteError};
use rostra::media::{Resolver, video};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rostra-media-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/media")
        .join(name)
}

/// A two-frame GIF: red for 50 ms, then blue for 50 ms.
fn two_frame_gif() -> Vec<u8> {
    use image::codecs::gif::{GifEncoder, Repeat};
    use image::{Delay, Frame, Rgba, RgbaImage};
    let mut out = Vec::new();
    {
        let mut enc = GifEncoder::new(&mut out);
        enc.set_repeat(Repeat::Infinite).expect("repeat");
        for c in [[255, 0, 0, 255], [0, 0, 255, 255]] {
            let img = RgbaImage::from_pixel(32, 16, Rgba(c));
            enc.encode_frame(Frame::from_parts(
                img,
                0,
                0,
                Delay::from_numer_denom_ms(50, 1),
            ))
            .expect("frame");
        }
    }
    out
}

fn offline_resolver(base: &Path) -> Resolver {
    Resolver {
        base: base.to_path_buf(),
        cache: RemoteCache::at(base.join("cache")),
        offline: true,
    }
}

/// A loader asked for `anim.gif` (two frames) in a fresh folder named after `name`.
fn asking_for_a_gif(name: &str) -> (PathBuf, egui::Context, ImageLoader) {
    let dir = temp_dir(name);
    std::fs::write(dir.join("anim.gif"), two_frame_gif()).expect("write");
    let mut loader = ImageLoader::with_resolver(offline_resolver(&dir), None);
    loader.request("anim.gif");
    (dir, egui::Context::default(), loader)
}

/// Polls the loader until `src` is decoded (or a few seconds pass).
fn wait_ready(loader: &mut ImageLoader, ctx: &egui::Context, src: &str) {
    let start = Instant::now();
    while loader.frame_index(src).is_none() && start.elapsed() < Duration::from_secs(10) {
        loader.poll(ctx, |_| false);
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_gifs_frame_changes_over_injected_time() {
    let (dir, ctx, mut loader) = asking_for_a_gif("gif");
    wait_ready(&mut loader, &ctx, "anim.gif");
    let visible: HashSet<String> = ["anim.gif".to_string()].into();
    let none = HashMap::new();
    let next = loader.tick(10.0, &visible, &none);
    assert_eq!(loader.frame_index("anim.gif"), Some(0), "starts at frame 0");
    assert!(
        next.is_some_and(|d| d <= Duration::from_millis(50)),
        "asks to be woken for the next frame: {next:?}"
    );
    loader.tick(10.06, &visible, &none);
    assert_eq!(loader.frame_index("anim.gif"), Some(1), "60 ms in: frame 1");
    loader.tick(10.11, &visible, &none);
    assert_eq!(loader.frame_index("anim.gif"), Some(0), "110 ms in: looped");
    // Off the slide shown, it does not move.
    loader.tick(10.16, &HashSet::new(), &none);
    assert_eq!(loader.frame_index("anim.gif"), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_picture_held_while_something_moves_is_uploaded_at_the_next_still_poll() {
    let (dir, ctx, mut loader) = asking_for_a_gif("held");
    let start = Instant::now();
    // Held: decoded on the worker, but not uploaded, and still pending.
    while start.elapsed() < Duration::from_millis(500) {
        assert!(loader.poll(&ctx, |src| src == "anim.gif").is_empty());
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(loader.frame_index("anim.gif").is_none(), "not uploaded yet");
    assert!(loader.pending(), "still to come");
    wait_ready(&mut loader, &ctx, "anim.gif");
    assert!(
        loader.frame_index("anim.gif").is_some(),
        "uploaded once let go"
    );
    assert!(!loader.pending());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Whether this run may skip the video tests (no ffmpeg, and CI did not ask for it).
fn no_ffmpeg() -> bool {
    if video::ffmpeg().is_some() {
        return false;
    }
    assert!(
        std::env::var_os("ROSTRA_REQUIRE_FFMPEG").is_none(),
        "ROSTRA_REQUIRE_FFMPEG is set but ffmpeg is not on the PATH"
    );
    eprintln!("skipped: ffmpeg is not installed (set ROSTRA_REQUIRE_FFMPEG=1 to fail instead)");
    true
}

#[test]
fn video_frames_are_decoded_from_mp4_and_webm_fixtures() {
    if no_ffmpeg() {
        return;
    }
    for name in ["clip.mp4", "clip.webm"] {
        let path = fixture(name);
        let probe = video::probe(&path).expect("probes");
        assert_eq!(probe.size, [96, 64], "{name}");
        assert!((probe.fps - 10.0).abs() < 0.01, "{name}: {}", probe.fps);
        let first = video::first_frame(&path, [96, 64]).expect("first frame");
        assert_eq!(first.size, [96, 64]);
        // testsrc draws colour bars: the picture is not one flat colour.
        let distinct: HashSet<_> = first.pixels.iter().map(|c| c.to_array()).collect();
        assert!(distinct.len() > 4, "{name}: {} colours", distinct.len());
        // Playing: frames arrive in real time, and the picture moves.
        let p = video::Playback::start(&path, [48, 32], false, Box::new(|| {})).expect("plays");
        let start = Instant::now();
        let mut frames = Vec::new();
        while frames.len() < 3 && start.elapsed() < Duration::from_secs(10) {
            if let Some(f) = p.take_frame() {
                frames.push(f);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(frames.len() >= 3, "{name}: {} frames", frames.len());
        assert_eq!(frames[0].size, [48, 32]);
        assert_ne!(
            frames[0].pixels, frames[2].pixels,
            "{name}: the picture moves"
        );
    }
}

#[test]
fn a_video_in_the_loader_plays_while_asked_and_stops_when_not() {
    if no_ffmpeg() {
        return;
    }
    let dir = temp_dir("video");
    std::fs::copy(fixture("clip.webm"), dir.join("clip.webm")).expect("copy");
    let ctx = egui::Context::default();
    let mut loader = ImageLoader::with_resolver(offline_resolver(&dir), None);
    loader.request("clip.webm");
    wait_ready(&mut loader, &ctx, "clip.webm");
    assert_eq!(
        rostra::scene::ImageSizes::state(&loader, "clip.webm"),
        rostra::scene::ImageState::Ready([96, 64])
    );
    let visible: HashSet<String> = ["clip.webm".to_string()].into();
    let playing: HashMap<String, bool> = [("clip.webm".to_string(), true)].into();
    loader.tick(0.0, &visible, &playing);
    let start = Instant::now();
    while loader.video_frames("clip.webm").unwrap_or(0) < 2
        && start.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(20));
        loader.tick(0.0, &visible, &playing);
    }
    assert!(loader.video_frames("clip.webm").unwrap_or(0) >= 2);
    loader.tick(0.0, &visible, &HashMap::new());
    assert_eq!(
        loader.video_frames("clip.webm"),
        None,
        "stopped off its slide"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A PNG of one colour.
fn png(rgb: [u8; 3]) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(40, 30, image::Rgb(rgb));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

/// What the test server answers for a path: status, headers, body.
type Route = (u16, Vec<(&'static str, String)>, Vec<u8>);

/// A one-thread HTTP server on a free port answering `routes` (path → status, headers, body);
/// counts the requests it answered.
fn serve(
    routes: HashMap<&'static str, Route>,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // Read the rest of the head.
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let (status, headers, body) =
                routes
                    .get(path.as_str())
                    .cloned()
                    .unwrap_or((404, vec![], b"no".to_vec()));
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    (base, hits)
}

#[test]
fn remote_images_are_fetched_checked_and_cached() {
    let dir = temp_dir("remote-lib");
    let routes = HashMap::from([
        (
            "/red.png",
            (
                200,
                vec![("Content-Type", "image/png".to_string())],
                png([255, 0, 0]),
            ),
        ),
        (
            "/page.png",
            (
                200,
                vec![("Content-Type", "text/html".to_string())],
                b"<html>".to_vec(),
            ),
        ),
        (
            "/to-file.png",
            (
                302,
                vec![("Location", "file:///etc/passwd".to_string())],
                vec![],
            ),
        ),
        (
            "/hop.png",
            (301, vec![("Location", "/red.png".to_string())], vec![]),
        ),
    ]);
    let (base, hits) = serve(routes);
    let cache = RemoteCache::at(dir.join("cache"));
    let got = cache
        .get(&format!("{base}/red.png"), false)
        .expect("fetched");
    assert_eq!(std::fs::read(&got).expect("cached"), png([255, 0, 0]));
    let n = hits.load(std::sync::atomic::Ordering::SeqCst);
    // A second ask is the cache's, offline or not.
    assert_eq!(cache.get(&format!("{base}/red.png"), true), Ok(got.clone()));
    cache
        .get(&format!("{base}/red.png"), false)
        .expect("cached");
    assert_eq!(
        hits.load(std::sync::atomic::Ordering::SeqCst),
        n,
        "no new request"
    );
    assert!(matches!(
        cache.get(&format!("{base}/page.png"), false),
        Err(RemoteError::NotAnImage(k)) if k == "text/html"
    ));
    assert!(matches!(
        cache.get(&format!("{base}/to-file.png"), false),
        Err(RemoteError::Redirect(_))
    ));
    assert!(
        cache.get(&format!("{base}/hop.png"), false).is_ok(),
        "same-scheme redirect"
    );
    assert_eq!(
        cache.get(&format!("{base}/absent.png"), false),
        Err(RemoteError::Status(404))
    );
    assert_eq!(
        cache.get(&format!("{base}/other.png"), true),
        Err(RemoteError::Offline)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn rostra(args: &[&str], cache_home: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rostra"))
        .args(args)
        .env("XDG_CACHE_HOME", cache_home)
        // The settings file of whoever runs the tests must not turn `offline` on.
        .env("XDG_CONFIG_HOME", cache_home.join("config"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn a_remote_image_is_exported_then_exported_again_from_the_cache_offline() {
    let dir = temp_dir("remote-cli");
    let routes = HashMap::from([(
        "/red.png",
        (
            200,
            vec![("Content-Type", "image/png".to_string())],
            png([255, 0, 0]),
        ),
    )]);
    let (base, hits) = serve(routes);
    let deck = dir.join("deck.md");
    let url = format!("{base}/red.png");
    std::fs::write(
        &deck,
        format!("<img src=\"{url}\" width=\"900\" height=\"650\">\n"),
    )
    .expect("deck");
    let d = deck.to_str().expect("utf-8");
    let cache_home = dir.join("xdg");
    let (_, out) = rostra(&["check", "--offline", d], &cache_home);
    assert!(out.contains("is not cached yet"), "{out}");
    let (code, out) = rostra(
        &["export", d, "--png", dir.join("a").to_str().expect("p")],
        &cache_home,
    );
    assert_eq!(code, 0, "{out}");
    assert!(hits.load(std::sync::atomic::Ordering::SeqCst) >= 1);
    let centre = |dir: &Path| {
        let p = std::fs::read_dir(dir)
            .expect("exported")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "png"))
            .expect("a png");
        let img = image::open(&p).expect("exported png").to_rgba8();
        let (w, h) = img.dimensions();
        img.get_pixel(w / 2, h / 2).0
    };
    assert_eq!(centre(&dir.join("a"))[..3], [255, 0, 0]);
    // The network off: nothing new is asked of the server, and the picture is the cache's.
    let before = hits.load(std::sync::atomic::Ordering::SeqCst);
    let (code, out) = rostra(
        &[
            "--offline",
            "export",
            d,
            "--png",
            dir.join("b").to_str().expect("p"),
        ],
        &cache_home,
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), before);
    assert_eq!(centre(&dir.join("b"))[..3], [255, 0, 0]);
    let (_, out) = rostra(&["check", "--offline", d], &cache_home);
    assert!(!out.contains("not cached"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Clicks at `pos` (points in the window), a frame for each step.
fn click(h: &mut egui_kittest::Harness<'_, rostra::app::RostraApp>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    h.run();
    for pressed in [true, false] {
        h.event(common::primary(pos, pressed));
    }
    h.run();
}

/// The window position of the centre of the current slide's first item matching `pick`.
fn centre_of(
    h: &egui_kittest::Harness<'_, rostra::app::RostraApp>,
    pick: impl Fn(&rostra::scene::Item) -> bool,
) -> egui::Pos2 {
    let area = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(640.0, 360.0));
    let scene = h.state().scene().expect("laid out");
    let canvas = rostra::ui::canvas_rect(area, scene.size);
    let item = scene.items.iter().find(|i| pick(i)).expect("the item");
    canvas.min + item.rect.center().to_vec2()
}

#[test]
fn a_click_on_an_iframe_card_opens_its_page_in_the_browser() {
    let deck = rostra::deck::parse(
        "<iframe src=\"https://example.com/demo\"></iframe>\n",
        &rostra::deck::Options::default(),
    )
    .expect("parses");
    let mut h = AppHarness::default().build(deck, std::env::temp_dir());
    h.run();
    // The card's background: anywhere on it is the link.
    let pos = centre_of(&h, |i| {
        matches!(i.kind, rostra::scene::ItemKind::Fill { .. })
    });
    click(&mut h, pos + egui::vec2(0.0, 1.0));
    assert_eq!(h.state().opened_links(), ["https://example.com/demo"]);
}

#[test]
fn a_click_plays_a_video_without_autoplay_and_another_stops_it() {
    if no_ffmpeg() {
        return;
    }
    let dir = temp_dir("click");
    std::fs::copy(fixture("clip.webm"), dir.join("clip.webm")).expect("copy");
    let deck = rostra::deck::parse(
        "<video loop src=\"clip.webm\"></video>\n",
        &rostra::deck::Options::default(),
    )
    .expect("parses");
    let mut h = AppHarness::default().build(deck, dir.clone());
    h.run();
    assert_eq!(
        h.state().video_frames("clip.webm"),
        None,
        "no autoplay: still"
    );
    let pos = centre_of(
        &h,
        |i| matches!(&i.kind, rostra::scene::ItemKind::Image { src } if src == "clip.webm"),
    );
    click(&mut h, pos);
    assert!(
        h.state().video_frames("clip.webm").is_some(),
        "plays after a click"
    );
    click(&mut h, pos);
    assert_eq!(
        h.state().video_frames("clip.webm"),
        None,
        "a second click stops it"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_app_loader_fetches_remote_images_off_its_decoding_thread() {
    use rostra::scene::{ImageSizes, ImageState};
    let dir = temp_dir("remote-loader");
    let routes = HashMap::from([(
        "/red.png",
        (
            200,
            vec![("Content-Type", "image/png".to_string())],
            png([255, 0, 0]),
        ),
    )]);
    let (base, _) = serve(routes);
    let resolver = Resolver {
        base: dir.clone(),
        cache: RemoteCache::at(dir.join("cache")),
        offline: false,
    };
    let ctx = egui::Context::default();
    let mut loader = ImageLoader::with_resolver(resolver, None);
    let (ok, missing) = (format!("{base}/red.png"), format!("{base}/gone.png"));
    loader.request(&ok);
    loader.request(&missing);
    let start = Instant::now();
    while [&ok, &missing]
        .iter()
        .any(|s| loader.state(s) == ImageState::Loading)
        && start.elapsed() < Duration::from_secs(10)
    {
        loader.poll(&ctx, |_| false);
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(loader.state(&ok), ImageState::Ready([40, 30]));
    assert!(
        matches!(loader.state(&missing), ImageState::Failed(e) if e.contains("404")),
        "{:?}",
        loader.state(&missing)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_iframe_cards_qr_code_reads_back_as_its_address() {
    let dir = temp_dir("card-qr");
    let deck = dir.join("deck.md");
    std::fs::write(
        &deck,
        "<iframe src=\"https://example.org/live-demo\" width=\"760\" height=\"300\"></iframe>\n",
    )
    .expect("deck");
    let out = dir.join("png");
    let (code, text) = rostra(
        &[
            "--offline",
            "export",
            deck.to_str().expect("utf-8"),
            "--png",
            out.to_str().expect("utf-8"),
        ],
        &dir.join("xdg"),
    );
    assert_eq!(code, 0, "{text}");
    let png = std::fs::read_dir(&out)
        .expect("exported")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("a png");
    let img = image::open(&png).expect("png").to_rgba8();
    assert_eq!(common::qr_codes(&img), ["https://example.org/live-demo"]);
    let _ = std::fs::remove_dir_all(&dir);
}
