//! Pointer, pen and zoom driven headlessly: the mouse over the console's current slide puts
//! the laser dot at the same slide point the audience window maps it to (and both windows
//! paint it there), a drag with the pen draws a stroke that stays with its fragment step and
//! goes with E (a drag on the audience window draws as well), the spotlight dims all but its
//! circle, and Alt+click zooms the audience view in and out. Every `run()` here also checks
//! that a still pointer lets the app settle instead of drawing frames forever.

mod common;

use common::AppHarness;
use eframe::egui::{Event, Key, Modifiers, Pos2, Vec2, pos2};
use egui_kittest::Harness;
use rostra::app::{RostraApp, StartOptions};
use rostra::theme::chrome;

fn harness(wgpu: bool) -> Harness<'static, RostraApp> {
    AppHarness {
        size: Vec2::new(1280.0, 720.0),
        wgpu,
        // One screen, not screen sharing: S switches the one window to the console.
        options: StartOptions::default(),
        clock: Some("14:05"),
    }
    .seed()
}

/// Where slide point `p` is in the 1280x720 audience window, the slide's canvas (as laid
/// out for it) centred there.
fn on_audience(h: &Harness<'_, RostraApp>, p: [f32; 2]) -> Pos2 {
    let size = h.state().scene().expect("a slide").size;
    pos2(640.0 + (p[0] - 0.5) * size.x, 360.0 + (p[1] - 0.5) * size.y)
}

fn move_to(h: &mut Harness<'_, RostraApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.run();
}

fn button(h: &mut Harness<'_, RostraApp>, pos: Pos2, pressed: bool) {
    h.event(common::primary(pos, pressed));
    h.run();
}

fn at(h: &Harness<'_, RostraApp>) -> [f32; 2] {
    h.state()
        .talk()
        .ink()
        .at()
        .expect("the pointer is on the slide")
}

/// Whether the pixel by `pos` is the laser dot's red (up and left of it: the harness draws
/// its mouse cursor from `pos` down and right).
fn is_laser_red(img: &image::RgbaImage, pos: Pos2) -> bool {
    let p = img.get_pixel((pos.x - 2.5) as u32, (pos.y - 2.5) as u32).0;
    let want = chrome::LASER;
    [p[0], p[1], p[2]]
        .iter()
        .zip([want.r(), want.g(), want.b()])
        .all(|(got, want)| got.abs_diff(want) < 30)
}

#[test]
fn the_pointer_on_the_console_preview_is_the_dot_the_room_sees() {
    let mut h = harness(true);
    // The same slide point on the audience screen, before the laser is on: no red there.
    let spot = on_audience(&h, [0.25, 0.25]);
    let before = h.render().expect("renders");
    assert!(!is_laser_red(&before, spot));
    h.key_press(Key::S);
    h.key_press(Key::C);
    h.run();
    assert!(h.state().console_shown());
    // A quarter into the console's current preview (it spans about 128..648 x 123..502).
    let on_console = pos2(128.5 + 0.25 * 519.5, 123.0 + 0.25 * 379.0);
    move_to(&mut h, on_console);
    let p = at(&h);
    assert!(
        (p[0] - 0.25).abs() < 0.02 && (p[1] - 0.25).abs() < 0.02,
        "{p:?}"
    );
    let console = h.render().expect("renders");
    assert!(
        is_laser_red(&console, on_console),
        "the console shows the dot too"
    );
    // Back to the slides, the mouse where the audience window shows that slide point: the
    // audience window maps it to the same point, and paints the dot there.
    let spot = on_audience(&h, p);
    move_to(&mut h, spot);
    h.key_press(Key::S);
    h.run();
    assert!(!h.state().console_shown());
    let q = at(&h);
    assert!(
        (q[0] - p[0]).abs() < 0.005 && (q[1] - p[1]).abs() < 0.005,
        "{q:?} vs {p:?}"
    );
    let audience = h.render().expect("renders");
    assert!(is_laser_red(&audience, spot), "the room sees the dot");
    // C again: the dot goes.
    h.key_press(Key::C);
    h.run();
    assert!(h.state().talk().ink().visible_pointer().is_none());
    assert!(!is_laser_red(&h.render().expect("renders"), spot));
}

#[test]
fn a_pen_stroke_on_the_console_stays_with_its_step_and_goes_with_e() {
    let mut h = harness(false);
    // Slide 10 of the seed has fragments.
    h.key_press(Key::G);
    h.event(Event::Text("10".into()));
    h.key_press(Key::Enter);
    h.key_press(Key::S);
    h.run();
    let (slide, shown) = (9, 0);
    assert_eq!(h.state().show().position().slide, slide);
    // Without a pen a drag draws nothing.
    let start = pos2(200.0, 200.0);
    move_to(&mut h, start);
    button(&mut h, start, true);
    move_to(&mut h, pos2(260.0, 230.0));
    button(&mut h, pos2(260.0, 230.0), false);
    assert_eq!(h.state().talk().ink().stroke_count(), 0);
    h.key_press(Key::D);
    h.run();
    move_to(&mut h, start);
    button(&mut h, start, true);
    for (x, y) in [(220.0, 210.0), (260.0, 230.0), (300.0, 260.0)] {
        move_to(&mut h, pos2(x, y));
    }
    button(&mut h, pos2(300.0, 260.0), false);
    // The pointer resting after the drag adds nothing.
    move_to(&mut h, pos2(300.0, 260.0));
    let ink = h.state().talk().ink();
    assert_eq!(ink.strokes(slide, shown).len(), 1);
    assert_eq!(ink.strokes(slide, shown)[0].points.len(), 4);
    let first = ink.strokes(slide, shown)[0].points[0];
    assert!((0.0..0.3).contains(&first[0]) && (0.0..0.3).contains(&first[1]));
    // The next step has none of it; coming back finds it again.
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().show().position().shown, 1);
    assert!(h.state().talk().ink().strokes(slide, 1).is_empty());
    h.key_press(Key::ArrowRight);
    h.key_press(Key::ArrowLeft);
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().show().position().shown, shown);
    assert_eq!(h.state().talk().ink().strokes(slide, shown).len(), 1);
    h.key_press(Key::E);
    h.run();
    assert_eq!(h.state().talk().ink().stroke_count(), 0);
}

#[test]
fn alt_click_zooms_the_audience_view_in_and_again_out() {
    let mut h = harness(false);
    let pos = on_audience(&h, [0.3, 0.3]);
    move_to(&mut h, pos);
    h.event(Event::ModifiersChanged(Modifiers::ALT));
    button(&mut h, pos, true);
    button(&mut h, pos, false);
    assert!(h.state().talk().ink().zoomed_in());
    assert_eq!(h.state().show().position().slide, 0, "a click, not a move");
    button(&mut h, pos, true);
    button(&mut h, pos, false);
    assert!(!h.state().talk().ink().zoomed_in(), "again: out");
    button(&mut h, pos, true);
    button(&mut h, pos, false);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    assert!(h.state().talk().ink().zoomed_in());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().talk().ink().zoomed_in(), "Esc: out");
}

fn brightness(img: &image::RgbaImage, pos: Pos2) -> u32 {
    let p = img.get_pixel(pos.x as u32, pos.y as u32).0;
    u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])
}

#[test]
fn the_spotlight_dims_all_but_a_circle_at_the_pointer() {
    let mut h = harness(true);
    // A point in the title's letters, and the slide's plain background far from it.
    let centre = pos2(640.0, 360.0);
    let far = pos2(60.0, 680.0);
    let before = h.render().expect("renders");
    h.key_press_modifiers(Modifiers::SHIFT, Key::C);
    h.run();
    move_to(&mut h, centre);
    let after = h.render().expect("renders");
    assert_eq!(
        brightness(&after, centre - Vec2::splat(3.0)),
        brightness(&before, centre - Vec2::splat(3.0)),
        "the circle is left as it was"
    );
    assert!(
        brightness(&after, far) * 2 < brightness(&before, far),
        "outside it is dimmed: {} vs {}",
        brightness(&after, far),
        brightness(&before, far)
    );
}

#[test]
fn a_drag_on_the_audience_window_draws_too() {
    let mut h = harness(false);
    h.key_press_modifiers(Modifiers::SHIFT, Key::D);
    h.run();
    let from = on_audience(&h, [0.2, 0.5]);
    let to = on_audience(&h, [0.6, 0.5]);
    move_to(&mut h, from);
    button(&mut h, from, true);
    move_to(&mut h, to);
    button(&mut h, to, false);
    let strokes = h.state().talk().ink().strokes(0, 0);
    assert_eq!(strokes.len(), 1);
    assert_eq!(strokes[0].pen, rostra::show::ink::Pen::Highlighter);
    let end = strokes[0].points[strokes[0].points.len() - 1];
    assert!(
        (end[0] - 0.6).abs() < 0.01 && (end[1] - 0.5).abs() < 0.01,
        "{end:?}"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::E);
    h.run();
    assert_eq!(h.state().talk().ink().stroke_count(), 0);
}
