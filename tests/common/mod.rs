//! Shared helpers: build a deck from a string and look at it as data.
#![allow(dead_code)]

use rostra::deck::{self, Block, Deck, Inline, Options, Slide};

/// Parses `md` with reveal-md's defaults.
pub fn deck(md: &str) -> Deck {
    deck::parse(md, &Options::default()).expect("default separators compile")
}

/// Parses `md` with command-line separators.
pub fn deck_with(md: &str, sep: Option<&str>, vert: Option<&str>, notes: Option<&str>) -> Deck {
    let o = Options {
        separator: sep.map(String::from),
        vertical_separator: vert.map(String::from),
        notes_separator: notes.map(String::from),
    };
    deck::parse(md, &o).expect("separators compile")
}

/// Positions of every slide as (h, v).
pub fn positions(d: &Deck) -> Vec<(usize, usize)> {
    d.slides.iter().map(|s| (s.h, s.v)).collect()
}

/// Heading texts of a slide.
pub fn headings(s: &Slide) -> Vec<String> {
    s.headings().into_iter().map(|(_, t)| t).collect()
}

/// The first list on the slide (searching nested containers).
pub fn first_list(s: &Slide) -> Option<Block> {
    let mut found = None;
    s.visit_blocks(&mut |b| {
        if found.is_none() && matches!(b, Block::List { .. }) {
            found = Some(b.clone());
        }
    });
    found
}

/// Fragment steps of every list item of the first list, in order.
pub fn item_fragments(s: &Slide) -> Vec<Option<usize>> {
    match first_list(s) {
        Some(Block::List { items, .. }) => items.iter().map(|i| i.meta.fragment).collect(),
        _ => Vec::new(),
    }
}

/// Every inline element of the slide, flattened, in document order.
pub fn all_inlines(s: &Slide) -> Vec<Inline> {
    fn walk(content: &[Inline], out: &mut Vec<Inline>) {
        for i in content {
            out.push(i.clone());
            match i {
                Inline::Emphasis { content, .. }
                | Inline::Strong { content, .. }
                | Inline::Strikethrough { content, .. }
                | Inline::Link { content, .. }
                | Inline::Span { content, .. } => walk(content, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    s.visit_blocks(&mut |b| match b {
        Block::Heading { content, .. }
        | Block::Paragraph { content, .. }
        | Block::Plain { content } => walk(content, &mut out),
        _ => {}
    });
    out
}

/// Steps a kittest harness until `pending()` says the images have decoded (their own thread
/// does it) or five seconds pass, then lets it settle.
pub fn settle_images<S>(h: &mut egui_kittest::Harness<'_, S>, pending: impl Fn(&S) -> bool) {
    for _ in 0..500 {
        h.step();
        if !pending(h.state()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run();
}

/// The seed deck (the first user's seminar) and the folder its images are in.
pub fn seed() -> (Deck, std::path::PathBuf) {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4");
    let deck = deck::load(&dir.join("slides.md"), &Options::default()).expect("seed loads");
    (deck, dir)
}

/// Start options for a headless test window: windowed, console closed unless asked for.
pub fn test_options() -> rostra::app::StartOptions {
    rostra::app::StartOptions {
        windowed: true,
        // The console would be embedded in the audience window under kittest.
        no_console: true,
        // The welcome screen must not depend on what the test machine has installed.
        dialog: Some(rostra::app::dialog::DialogSupport::Portal),
        // Clicked web links are recorded, never handed to a browser.
        no_browser: true,
        ..Default::default()
    }
}

/// How a UI test's window is made: size, renderer and the app's options, set in one place so
/// every UI test looks the same on every machine.
pub struct AppHarness {
    /// Window size in points.
    pub size: eframe::egui::Vec2,
    /// Render with wgpu (lavapipe on CI) for snapshots and pixel reads.
    pub wgpu: bool,
    /// The app's options.
    pub options: rostra::app::StartOptions,
    /// Wall-clock text the console shows (snapshots must not depend on the time of day).
    pub clock: Option<&'static str>,
}

impl Default for AppHarness {
    fn default() -> Self {
        AppHarness {
            size: eframe::egui::Vec2::new(640.0, 360.0),
            wgpu: false,
            options: test_options(),
            clock: None,
        }
    }
}

impl AppHarness {
    /// The harness on `deck` (images in `dir`), settled: its first slide's images decoded.
    pub fn build(
        self,
        deck: Deck,
        dir: std::path::PathBuf,
    ) -> egui_kittest::Harness<'static, rostra::app::RostraApp> {
        let AppHarness {
            size,
            wgpu,
            options,
            clock,
        } = self;
        let mut b = egui_kittest::Harness::builder()
            // Images decode on a thread and wake the UI: allow for a few more frames to settle.
            .with_max_steps(64)
            .with_size(size);
        if wgpu {
            b = b.wgpu();
        }
        let mut h = b.build_eframe(move |cc| {
            let mut app = rostra::app::RostraApp::new(&cc.egui_ctx, deck, dir, &options);
            if let Some(c) = clock {
                app.freeze_clock(c);
            }
            app
        });
        settle_images(&mut h, rostra::app::RostraApp::images_pending);
        h
    }

    /// The harness on the seed deck, settled.
    pub fn seed(self) -> egui_kittest::Harness<'static, rostra::app::RostraApp> {
        let (deck, dir) = seed();
        self.build(deck, dir)
    }
}

/// The primary mouse button going down or up at `pos`.
pub fn primary(pos: eframe::egui::Pos2, pressed: bool) -> eframe::egui::Event {
    eframe::egui::Event::PointerButton {
        pos,
        button: eframe::egui::PointerButton::Primary,
        pressed,
        modifiers: eframe::egui::Modifiers::NONE,
    }
}

/// The texts of the QR codes a rendered frame shows, read back as a phone camera would (an
/// empty text for a code found that does not decode).
pub fn qr_codes(img: &image::RgbaImage) -> Vec<String> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let p = img.get_pixel(x as u32, y as u32).0;
        ((u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3) as u8
    });
    prepared
        .detect_grids()
        .iter()
        .map(|g| g.decode().map(|(_, text)| text).unwrap_or_default())
        .collect()
}

/// Steps the harness, real time passing for the app's threads (loader, watcher), until `done`
/// holds; panics naming `what` after 10 s.
pub fn until(
    h: &mut egui_kittest::Harness<'_, rostra::app::RostraApp>,
    what: &str,
    done: impl Fn(&rostra::app::RostraApp) -> bool,
) {
    for _ in 0..1000 {
        h.step();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out waiting for {what}");
}
