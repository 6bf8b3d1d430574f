//! The audience window driven by keys, headless (egui_kittest with injected time): keys move
//! the show as reveal.js's do, and overlays open and close.

use eframe::egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use rostra::app::{RostraApp, StartOptions};
use rostra::deck::{self, Options};
use std::path::PathBuf;

mod common;

fn seed_harness() -> Harness<'static, RostraApp> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4");
    let deck = deck::load(&dir.join("slides.md"), &Options::default()).expect("seed loads");
    let options = StartOptions {
        windowed: true,
        // The console would be embedded in the audience window under kittest.
        no_console: true,
        ..Default::default()
    };
    Harness::builder()
        // Images decode on a thread and wake the UI: allow for a few more frames to settle.
        .with_max_steps(64)
        .with_size(Vec2::new(640.0, 360.0))
        .build_eframe(move |cc| RostraApp::new(&cc.egui_ctx, deck, dir, &options))
}

fn press(h: &mut Harness<'_, RostraApp>, key: Key) {
    h.key_press(key);
    h.run();
}

fn at(h: &Harness<'_, RostraApp>) -> (usize, usize) {
    let p = h.state().show().position();
    (p.slide, p.shown)
}

#[test]
fn arrows_space_and_clicker_keys_move_through_slides() {
    let mut h = seed_harness();
    h.run();
    assert_eq!(at(&h), (0, 0));
    press(&mut h, Key::ArrowRight);
    assert_eq!(at(&h), (1, 0));
    press(&mut h, Key::Space);
    press(&mut h, Key::PageDown);
    press(&mut h, Key::N);
    assert_eq!(at(&h), (4, 0));
    press(&mut h, Key::PageUp);
    press(&mut h, Key::ArrowLeft);
    assert_eq!(at(&h), (2, 0));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Space);
    h.run();
    assert_eq!(at(&h), (1, 0));
    press(&mut h, Key::End);
    assert_eq!(at(&h), (27, 0));
    press(&mut h, Key::Home);
    assert_eq!(at(&h), (0, 0));
}

#[test]
fn fragments_step_forward_and_back_and_previous_slide_is_fully_revealed() {
    let mut h = seed_harness();
    h.run();
    // G, 10, Enter: the dining philosophers slide with 7 fragment steps.
    press(&mut h, Key::G);
    h.event(Event::Text("10".into()));
    press(&mut h, Key::Enter);
    assert_eq!(at(&h), (9, 0));
    for _ in 0..3 {
        press(&mut h, Key::ArrowRight);
    }
    assert_eq!(at(&h), (9, 3));
    press(&mut h, Key::ArrowLeft);
    assert_eq!(at(&h), (9, 2));
    for _ in 0..6 {
        press(&mut h, Key::Space);
    }
    assert_eq!(at(&h), (10, 0), "after 7 steps the next slide comes");
    press(&mut h, Key::P);
    assert_eq!(
        at(&h),
        (9, 7),
        "back shows the previous slide fully revealed"
    );
}

#[test]
fn jump_digits_typed_in_the_same_frame_as_g_are_kept() {
    let mut h = seed_harness();
    h.run();
    h.key_press(Key::G);
    h.event(Event::Text("g".into()));
    h.event(Event::Text("27".into()));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(at(&h), (26, 0));
}

#[test]
fn black_screen_help_and_escape() {
    let mut h = seed_harness();
    h.run();
    press(&mut h, Key::B);
    assert!(h.state().show().is_black());
    press(&mut h, Key::Period);
    assert!(!h.state().show().is_black());
    h.event(Event::Text("?".into()));
    h.run();
    assert!(h.state().show().help_open());
    press(&mut h, Key::Escape);
    assert!(!h.state().show().help_open());
}

#[test]
fn layout_happens_once_per_slide_not_per_frame() {
    let mut h = seed_harness();
    common::settle_images(&mut h, RostraApp::images_pending);
    let settled = h.state().layouts();
    assert!(settled > 0 && h.state().scene().is_some());
    // Frames with nothing new to show reuse every scene.
    h.run_steps(20);
    assert_eq!(
        h.state().layouts(),
        settled,
        "frames alone lay nothing out again"
    );
    // Going to the next slide and back lays each slide out at most once.
    press(&mut h, Key::ArrowRight);
    common::settle_images(&mut h, RostraApp::images_pending);
    let moved = h.state().layouts();
    assert_eq!(at(&h), (1, 0));
    press(&mut h, Key::ArrowLeft);
    h.run_steps(20);
    assert_eq!(at(&h), (0, 0));
    assert_eq!(h.state().layouts(), moved, "slide 0 is still laid out");
}
