//! Image snapshots of representative seed slides, rendered headlessly with wgpu (Mesa's
//! software Vulkan in CI). kittest panics on any glyph no font has, so the Hangul slides also
//! prove the bundled font. `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` refreshes them.

mod common;

use common::AppHarness;
use eframe::egui::{Event, Key, Vec2};
use egui_kittest::Harness;
use rostra::app::RostraApp;

fn harness() -> Harness<'static, RostraApp> {
    AppHarness {
        wgpu: true,
        ..AppHarness::default()
    }
    .seed()
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

#[test]
fn help_lists_every_action_with_its_keys() {
    let mut h = AppHarness {
        size: Vec2::new(960.0, 720.0),
        wgpu: true,
        ..AppHarness::default()
    }
    .seed();
    h.key_press(Key::F1);
    h.run();
    assert!(h.state().show().help_open());
    h.snapshot("help");
}
