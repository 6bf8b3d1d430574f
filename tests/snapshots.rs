//! Image snapshots of representative seed slides, rendered headlessly with wgpu (Mesa's
//! software Vulkan in CI). kittest panics on any glyph no font has, so the Hangul slides also
//! prove the bundled font. `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` refreshes them.

mod common;

use eframe::egui::{Event, Key, Vec2};
use egui_kittest::Harness;
use rostra::app::{RostraApp, StartOptions};
use rostra::deck::{self, Options};
use std::path::PathBuf;

fn harness() -> Harness<'static, RostraApp> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4");
    let deck = deck::load(&dir.join("slides.md"), &Options::default()).expect("seed loads");
    let options = StartOptions {
        windowed: true,
        // The console would be embedded in the audience window under kittest.
        no_console: true,
        ..Default::default()
    };
    let mut h = Harness::builder()
        // Images decode on a thread and wake the UI: allow for a few more frames to settle.
        .with_max_steps(64)
        .with_size(Vec2::new(640.0, 360.0))
        .wgpu()
        .build_eframe(move |cc| RostraApp::new(&cc.egui_ctx, deck, dir, &options));
    // Images decode on their own thread; wait for them so every snapshot is complete.
    common::settle_images(&mut h, RostraApp::images_pending);
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
    // Images near the new slide decode on their own thread.
    common::settle_images(h, RostraApp::images_pending);
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

/// Presses `key` at `t0` seconds and draws the frame `after` seconds later.
fn frame_after(h: &mut Harness<'_, RostraApp>, key: Key, t0: f64, after: f64) {
    h.input_mut().time = Some(t0);
    h.key_press(key);
    h.step();
    h.input_mut().time = Some(t0 + after);
    h.step();
    // Let the clock run on from there (kittest advances it a step at a time).
    h.input_mut().time = None;
}

#[test]
fn motion_frames_look_right() {
    let mut h = harness();
    // Slide 1 -> 2 with reveal.js's default slide transition, 0.3 s in: both slides visible,
    // the title leaving to the left, the attendance slide coming in from the right.
    frame_after(&mut h, Key::ArrowRight, 100.0, 0.3);
    assert!(h.state().show().slide_move(100.3).is_some());
    h.snapshot("transition_slide_mid");
    // Slide 6 -> 7 (auto-animate), 0.4 s in: the section title on its way up.
    h.run();
    go_to(&mut h, 6, 0);
    frame_after(&mut h, Key::ArrowRight, 300.0, 0.4);
    assert!(h.state().show().slide_move(300.4).is_some());
    h.snapshot("morph_section_title_mid");
    // The overview, fully zoomed out on slide 7.
    frame_after(&mut h, Key::O, 400.0, 1.0);
    assert!(h.state().show().overview_open());
    h.snapshot("overview");
}
