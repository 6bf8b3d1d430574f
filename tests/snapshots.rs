//! Image snapshots of representative seed slides, rendered headlessly with wgpu (Mesa's
//! software Vulkan in CI). kittest panics on any glyph no font has, so the Hangul slides also
//! prove the bundled font. `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` refreshes them.

use eframe::egui::{Event, Key, Vec2};
use egui_kittest::Harness;
use rostra::app::{RostraApp, StartOptions};
use rostra::deck::{self, Options};
use std::path::PathBuf;
use std::time::Duration;

fn harness() -> Harness<'static, RostraApp> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4");
    let deck = deck::load(&dir.join("slides.md"), &Options::default()).expect("seed loads");
    let options = StartOptions {
        windowed: true,
        theme: None,
    };
    let mut h = Harness::builder()
        .with_size(Vec2::new(640.0, 360.0))
        .wgpu()
        .build_eframe(move |cc| RostraApp::new(&cc.egui_ctx, deck, dir, &options));
    // Images decode on their own thread; wait for them so every snapshot is complete.
    for _ in 0..500 {
        h.step();
        if !h.state().images_pending() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
    h
}

fn go_to(h: &mut Harness<'_, RostraApp>, slide: usize, steps: usize) {
    h.key_press(Key::G);
    h.event(Event::Text(slide.to_string()));
    h.key_press(Key::Enter);
    h.run();
    for _ in 0..steps {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    let p = h.state().show().position();
    assert_eq!((p.slide + 1, p.shown), (slide, steps));
}

#[test]
fn seed_slides_look_right() {
    let mut h = harness();
    h.snapshot("title");
    go_to(&mut h, 4, 0);
    h.snapshot("section_title");
    go_to(&mut h, 8, 0);
    h.snapshot("image_slide");
    go_to(&mut h, 10, 3);
    h.snapshot("flex_row_list_three_fragments_shown");
    for step in 0..=3 {
        go_to(&mut h, 27, step);
        h.snapshot(format!("code_steps_{step}"));
    }
}
