//! reveal.js's screen furniture and its 3D transitions on the audience window, rendered with
//! wgpu (lavapipe on CI): the arrows and the progress bar are drawn as the deck configures them
//! and the settings file allows, and a convex transition turns the slide in perspective.
//! `ROSTRA_SHOTS=DIR` keeps the frames looked at, to see them.

mod common;

use common::{AppHarness, test_options};
use eframe::egui::{Key, Vec2};
use egui_kittest::Harness;
use image::RgbaImage;
use rostra::app::RostraApp;

fn fixture() -> (rostra::deck::Deck, std::path::PathBuf) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/furniture");
    let deck = rostra::deck::load(&dir.join("stacks.md"), &Default::default())
        .expect("fixture as written");
    (deck, dir)
}

fn keep(img: &RgbaImage, name: &str) {
    if let Some(dir) = std::env::var_os("ROSTRA_SHOTS") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = img.save(std::path::Path::new(&dir).join(format!("{name}.png")));
    }
}

/// Pixels in the box `x0..x1` x `y0..y1` close to `rgb` (the black theme's link blue).
fn count_near(img: &RgbaImage, (x0, x1): (u32, u32), (y0, y1): (u32, u32), rgb: [u8; 3]) -> usize {
    let mut n = 0;
    for y in y0..y1.min(img.height()) {
        for x in x0..x1.min(img.width()) {
            let p = img.get_pixel(x, y).0;
            if (0..3).all(|i| p[i].abs_diff(rgb[i]) < 40) {
                n += 1;
            }
        }
    }
    n
}

fn link_rgb() -> [u8; 3] {
    let c = rostra::theme::Theme::black().link;
    [c.r(), c.g(), c.b()]
}

fn harness(options: rostra::app::StartOptions) -> Harness<'static, RostraApp> {
    let (deck, dir) = fixture();
    AppHarness {
        size: Vec2::new(640.0, 360.0),
        wgpu: true,
        options,
        clock: None,
    }
    .build(deck, dir)
}

#[test]
fn arrows_and_progress_follow_the_deck_and_the_settings_file() {
    let mut h = harness(test_options());
    // Two steps: the fragments of the first slide, then the second slide (a third of the way).
    for _ in 0..3 {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    h.run_steps(8);
    let img = h.render().expect("renders");
    keep(&img, "furniture");
    let blue = link_rgb();
    // The right arrow sits at the bottom-right corner, in the theme's link colour.
    let arrows = count_near(&img, (560, 640), (280, 360), blue);
    assert!(
        arrows > 30,
        "the arrows are drawn: {arrows} link-blue pixels"
    );
    // The bar runs a third of the way along the bottom, in the link colour.
    let bar_start = count_near(&img, (0, 100), (357, 360), blue);
    let bar_end = count_near(&img, (400, 640), (357, 360), blue);
    assert!(bar_start > 200 && bar_end == 0, "{bar_start} {bar_end}");

    let mut hidden = test_options();
    hidden.audience.controls = false;
    hidden.audience.progress = false;
    let mut h = harness(hidden);
    h.key_press(Key::ArrowRight);
    h.run_steps(8);
    let img = h.render().expect("renders");
    assert_eq!(count_near(&img, (560, 640), (280, 360), blue), 0);
    assert_eq!(count_near(&img, (0, 640), (357, 360), blue), 0);
}

/// The rows that hold light (text) pixels in column `x`: (top, bottom), if any.
fn ink_span(img: &RgbaImage, x: u32) -> Option<(u32, u32)> {
    let lit: Vec<u32> = (0..img.height())
        .filter(|&y| img.get_pixel(x, y).0[..3].iter().all(|&c| c > 150))
        .collect();
    Some((*lit.first()?, *lit.last()?))
}

/// `deck` at 640x360 in 0.02 s frames, its images in and a few frames drawn: ready to turn.
fn turning(deck: rostra::deck::Deck) -> egui_kittest::Harness<'static, RostraApp> {
    let (_, dir) = fixture();
    let options = test_options();
    let mut h = egui_kittest::Harness::builder()
        .with_size(Vec2::new(640.0, 360.0))
        .with_step_dt(0.02)
        .with_max_steps(64)
        .wgpu()
        .build_eframe(move |cc| RostraApp::new(&cc.egui_ctx, deck, dir, &options));
    common::settle_images(&mut h, RostraApp::images_pending);
    h.run_steps(4);
    h
}

/// The leaving slide's outline a few frames into `transition`: the heights of the first and
/// last columns the white picture covers.
fn edges_mid(transition: &str) -> ((u32, u32), (u32, u32)) {
    // A white picture filling most of a black slide: its outline shows the turn.
    let text = format!(
        "---\nrevealOptions:\n  transition: {transition}\n---\n\n<!-- .slide: data-background-color=\"#000000\" -->\n\n![](white.png) <!-- .element: style=\"width: 800px; height: 500px\" -->\n\n---\n\n<!-- .slide: data-background-color=\"#000000\" -->\n\n## B\n"
    );
    let deck = rostra::deck::parse(&text, &Default::default()).expect("parses");
    let mut h = turning(deck);
    let still = h.render().expect("renders");
    keep(&still, &format!("{transition}-0"));
    let (Some(a), Some(b)) = (ink_span(&still, 200), ink_span(&still, 440)) else {
        panic!("the white box is drawn");
    };
    assert!(
        (a.1 - a.0).abs_diff(b.1 - b.0) <= 2,
        "at rest the box is a rectangle"
    );
    h.key_press(Key::ArrowRight);
    // A few frames in (0.02 s each): the box has turned part of the way.
    h.run_steps(2);
    let mid = h.render().expect("renders");
    keep(&mid, &format!("{transition}-mid"));
    // Columns the box covers (the arrows and the slide number are short, and left out).
    let columns: Vec<(u32, u32)> = (0..640)
        .filter_map(|x| ink_span(&mid, x).map(|s| (x, s.1 - s.0)))
        .filter(|&(_, h)| h > 40)
        .collect();
    assert!(columns.len() > 20, "the box is still in view");
    (columns[0], columns[columns.len() - 1])
}

#[test]
fn convex_turns_the_leaving_slide_away_and_concave_towards_the_viewer() {
    let (first, last) = edges_mid("convex");
    assert!(
        first.1 + 8 < last.1,
        "convex: its far (left) edge is shorter than its near (right) edge: {first:?} {last:?}"
    );
    let (first, last) = edges_mid("concave");
    assert!(
        first.1 > last.1 + 8,
        "concave: its left edge swings nearer, taller than its right: {first:?} {last:?}"
    );
}

/// The columns (left, right) that hold light pixels in row `y`, if any.
fn ink_row(img: &RgbaImage, y: u32) -> Option<(u32, u32)> {
    let lit: Vec<u32> = (0..img.width())
        .filter(|&x| img.get_pixel(x, y).0[..3].iter().all(|&c| c > 150))
        .collect();
    Some((*lit.first()?, *lit.last()?))
}

#[test]
fn inside_a_stack_convex_turns_about_the_horizontal_axis() {
    let text = "---\nrevealOptions:\n  transition: convex\n---\n\n<!-- .slide: data-background-color=\"#000000\" -->\n\n![](white.png) <!-- .element: style=\"width: 800px; height: 420px\" -->\n\n## Down, in perspective\n\n----\n\n<!-- .slide: data-background-color=\"#000000\" -->\n\n## B\n";
    let deck = rostra::deck::parse(text, &Default::default()).expect("parses");
    let mut h = turning(deck);
    h.key_press(Key::ArrowDown);
    h.run_steps(2);
    let mid = h.render().expect("renders");
    keep(&mid, "convex-down-mid");
    // Rows the picture covers (its text below is narrower, and left out).
    let rows: Vec<(u32, u32)> = (0..360)
        .filter_map(|y| ink_row(&mid, y).map(|s| (y, s.1 - s.0)))
        .filter(|&(_, w)| w > 200)
        .collect();
    assert!(rows.len() > 20, "the picture is still in view");
    let (top, bottom) = (rows[0], rows[rows.len() - 1]);
    assert!(
        top.1 + 8 < bottom.1,
        "going up and away, its top edge is narrower than its bottom: {top:?} {bottom:?}"
    );
}

#[test]
fn the_arrows_are_buttons() {
    use rostra::ui::furniture::{Arrow, arrow_boxes};
    let (deck, dir) = fixture();
    let mut h = AppHarness::default().build(deck, dir);
    h.run();
    let area = eframe::egui::Rect::from_min_size(eframe::egui::Pos2::ZERO, Vec2::new(640.0, 360.0));
    let click = |h: &mut Harness<'_, RostraApp>, arrow: Arrow| {
        let routes = h.state().show().routes();
        let boxes = arrow_boxes(area, rostra::deck::ControlsLayout::BottomRight, &routes);
        let i = rostra::ui::furniture::ARROWS
            .iter()
            .position(|a| *a == arrow)
            .unwrap_or(0);
        let pos = boxes[i].center();
        h.event(eframe::egui::Event::PointerMoved(pos));
        h.run();
        for pressed in [true, false] {
            h.event(common::primary(pos, pressed));
        }
        h.run();
        let p = h.state().show().position();
        (p.slide, p.shown)
    };
    assert_eq!(
        click(&mut h, Arrow::Right),
        (0, 1),
        "the right arrow shows a step"
    );
    assert_eq!(
        click(&mut h, Arrow::Left),
        (0, 0),
        "the faded left one takes it back"
    );
    // No up arrow on the first slide: a click there is no move.
    assert_eq!(click(&mut h, Arrow::Up), (0, 0));
}
