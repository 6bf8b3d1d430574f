//! The presenter console driven headlessly (egui_kittest, injected time): keys and clicks in
//! the console move the same show the audience sees, the timer starts with the talk, the QR
//! code on the audience screen decodes back to the link, and the console looks right.

mod common;

use common::AppHarness;
use eframe::egui::{Event, Key, Modifiers, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rostra::app::{RostraApp, StartOptions};

fn harness(size: Vec2, wgpu: bool) -> Harness<'static, RostraApp> {
    AppHarness {
        size,
        wgpu,
        options: StartOptions {
            total_time: Some(40.0 * 60.0),
            ..Default::default()
        },
        clock: Some("14:05"),
    }
    .seed()
}

fn click(h: &mut Harness<'_, RostraApp>, x: f32, y: f32) {
    let pos = pos2(x, y);
    h.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(common::primary(pos, pressed));
    }
    h.run();
}

#[test]
fn console_keys_and_clicks_move_the_show_the_audience_sees() {
    let mut h = harness(Vec2::new(1280.0, 720.0), false);
    assert!(
        !h.state().timer().is_started(),
        "the clock waits for the talk"
    );
    h.key_press(Key::S);
    h.run();
    assert!(
        h.state().console_shown(),
        "one screen: S switches to the console"
    );
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().show().position().slide, 1);
    assert!(
        h.state().timer().is_running(),
        "the first advance starts the timer"
    );
    // The slide strip jumps.
    h.get_by_label("9").click();
    h.run();
    assert_eq!(h.state().show().position().slide, 8);
    // Clicking the next-step preview (top right) advances.
    click(&mut h, 1000.0, 200.0);
    assert_eq!(h.state().show().position().slide, 9);
    // Fragments step in the console as on the audience screen.
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().show().position().shown, 1);
    // Timer: T pauses, Shift+T resets.
    h.key_press(Key::T);
    h.run();
    assert!(!h.state().timer().is_running());
    h.key_press_modifiers(Modifiers::SHIFT, Key::T);
    h.run();
    assert!(!h.state().timer().is_started());
    // Black screen is said on the console.
    h.key_press(Key::B);
    h.run();
    assert!(h.state().show().is_black());
    h.get_by_label_contains("AUDIENCE SCREEN IS BLACK");
    // S goes back to the audience view.
    h.key_press(Key::B);
    h.key_press(Key::S);
    h.run();
    assert!(!h.state().console_shown());
}

#[test]
fn attendance_qr_on_the_audience_screen_decodes_to_the_link() {
    let mut h = harness(Vec2::new(800.0, 600.0), true);
    let url = h
        .state()
        .attendance()
        .expect("the seed has one")
        .url
        .clone();
    assert_eq!(url, "https://areyouhere.today/");
    h.key_press(Key::Q);
    h.run();
    assert!(h.state().qr_shown());
    let img = h.render().expect("renders");
    let codes = common::qr_codes(&img);
    assert_eq!(codes.len(), 1, "one code on screen");
    assert_eq!(codes[0], url);
    h.key_press(Key::Q);
    h.run();
    assert!(!h.state().qr_shown());
}

#[test]
fn console_looks_right() {
    // The timer waits for T, and G 10 Enter T land in one frame: the slide and the timer start
    // at the same instant, so the clock, the time on slide and the pacing read the same however
    // many frames the images take to decode.
    let mut h = AppHarness {
        size: Vec2::new(1280.0, 720.0),
        wgpu: true,
        options: StartOptions {
            total_time: Some(40.0 * 60.0),
            timer_starts_paused: true,
            ..Default::default()
        },
        clock: Some("14:05"),
    }
    .seed();
    h.key_press(Key::S);
    h.run();
    h.key_press(Key::G);
    h.event(Event::Text("10".into()));
    h.run();
    // kittest runs a frame per queued event: these two go into one frame's input instead.
    for key in [Key::Enter, Key::T] {
        h.input_mut().events.push(Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(h.state().show().position().slide, 9);
    assert!(h.state().timer().is_running());
    common::settle_images(&mut h, RostraApp::images_pending);
    // 65.5 s into the talk (and on the slide), whatever the clock read when the images landed.
    let now = h.ctx.input(|i| i.time);
    let elapsed = h.state().timer().elapsed(now);
    h.input_mut().time = Some(now + 65.5 - elapsed);
    h.run();
    let t = now + 65.5 - elapsed;
    assert!((h.state().talk().on_slide_secs(t) - 65.5).abs() < 1e-6);
    h.snapshot("console");
}

#[test]
fn screen_share_mode_opens_the_console_as_a_second_viewport_in_sync() {
    let mut h = AppHarness {
        size: Vec2::new(1600.0, 1000.0),
        options: StartOptions {
            windowed: true,
            ..Default::default()
        },
        ..AppHarness::default()
    }
    .seed();
    h.run_steps(60);
    // kittest embeds the console viewport in the main window; its strip is there.
    h.get_by_label("12").click();
    h.run_steps(60);
    assert_eq!(
        h.state().show().position().slide,
        11,
        "a click in the console"
    );
    h.key_press(Key::Home);
    h.run_steps(60);
    assert_eq!(
        h.state().show().position().slide,
        0,
        "a key in the audience window"
    );
    // Closing the console does not end the talk; S brings it back.
    h.input_mut()
        .viewports
        .entry(rostra::app::console_id())
        .or_default()
        .events
        .push(eframe::egui::ViewportEvent::Close);
    h.run_steps(60);
    assert!(h.query_by_label("12").is_none(), "console closed");
    h.key_press(Key::ArrowRight);
    h.run_steps(60);
    assert_eq!(h.state().show().position().slide, 1);
    h.key_press(Key::S);
    h.run_steps(60);
    assert!(h.query_by_label("12").is_some(), "console reopened");
}

#[test]
fn notes_inside_the_current_fragment_replace_the_slide_notes() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/structure/fragment-notes.md");
    let deck = rostra::deck::load(&path, &rostra::deck::Options::default()).expect("fixture");
    let dir = path.parent().expect("a folder").to_path_buf();
    let mut h = AppHarness {
        size: Vec2::new(1280.0, 720.0),
        options: StartOptions::default(),
        clock: Some("14:05"),
        ..AppHarness::default()
    }
    .build(deck, dir);
    h.key_press(Key::S);
    h.run();
    assert!(h.state().console_shown());
    let says = |h: &Harness<'_, RostraApp>, text: &str| h.query_by_label_contains(text).is_some();
    assert!(says(&h, "the slide's own notes"));
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(
        says(&h, "say the first thing"),
        "the first fragment's notes"
    );
    assert!(
        !says(&h, "the slide's own notes"),
        "they replace the slide's"
    );
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(says(&h, "second, from data-notes"));
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(
        says(&h, "the slide's own notes"),
        "a fragment without notes: the slide's"
    );
}
