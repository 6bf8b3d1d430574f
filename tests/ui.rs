//! The audience window driven by keys, headless (egui_kittest with injected time): keys move
//! the show as reveal.js's do, and overlays open and close.

mod common;

use common::AppHarness;
use eframe::egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use rostra::app::RostraApp;

fn seed_harness() -> Harness<'static, RostraApp> {
    AppHarness::default().seed()
}

fn press(h: &mut Harness<'_, RostraApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Moves the mouse to `pos` and clicks there, a frame for each.
fn click(h: &mut Harness<'_, RostraApp>, pos: eframe::egui::Pos2) {
    h.event(Event::PointerMoved(pos));
    h.run();
    for pressed in [true, false] {
        h.event(common::primary(pos, pressed));
    }
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
fn still_frames_lay_the_slides_ahead_out_once_and_transitions_lay_nothing_out() {
    let mut h = seed_harness();
    common::settle_images(&mut h, RostraApp::images_pending);
    common::until(&mut h, "the deck laid out ahead", |a| !a.laying_out_ahead());
    let n = h.state().deck().slides.len();
    let settled = h.state().layouts_done();
    // The slide and the four after it.
    assert!(settled >= 5.min(n), "the slides ahead laid out: {settled}");
    h.run_steps(20);
    assert_eq!(
        h.state().layouts_done(),
        settled,
        "idle frames lay nothing out"
    );
    h.key_press(Key::ArrowRight);
    h.step();
    h.step();
    assert!(
        h.state()
            .show()
            .slide_move(h.ctx.input(|i| i.time))
            .is_some(),
        "a transition is in flight"
    );
    assert_eq!(
        h.state().layouts_done(),
        settled,
        "the slide arrived at was laid out before"
    );
    common::settle_images(&mut h, RostraApp::images_pending);
    common::until(&mut h, "the next slides laid out ahead", |a| {
        !a.laying_out_ahead()
    });
    let further = h.state().layouts_done();
    assert!(
        further > settled,
        "one more slide is within reach: {further}"
    );
    press(&mut h, Key::ArrowLeft);
    assert_eq!(at(&h), (0, 0));
    common::settle_images(&mut h, RostraApp::images_pending);
    assert!(
        h.state().layouts_done() <= further + 4,
        "slides seen before are reused (only those whose images arrived are laid out again)"
    );
}

#[test]
fn a_click_in_the_overview_goes_through_the_command_queue() {
    // Wide enough that the overview shows the image slide seven cells to the right.
    let (deck, dir) = common::seed();
    let target = 7;
    let src = deck.slides[target].images()[0].src.clone();
    let recent = std::env::temp_dir().join(format!("rostra-overview-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&recent);
    let deck_path = dir.join("slides.md");
    let mut options = common::test_options();
    options.deck_path = Some(deck_path.clone());
    options.recent_file = Some(recent.clone());
    let mut h = AppHarness {
        size: Vec2::new(3400.0, 300.0),
        options,
        ..AppHarness::default()
    }
    .build(deck, dir);
    assert!(
        !h.state().image_ready(&src),
        "seven slides away: not loaded yet"
    );
    press(&mut h, Key::O);
    assert!(h.state().show().overview_open());
    assert!(!h.state().timer().is_started());
    // The cells' centres, as the overview lays them out: one step per slide to the right.
    let area =
        eframe::egui::Rect::from_min_size(eframe::egui::Pos2::ZERO, Vec2::new(3400.0, 300.0));
    let scene = h.state().scene().expect("current slide laid out");
    let gap = 70.0 * scene.scale;
    let grid = h.state().show().grid();
    let cells = rostra::ui::overview::cells(area, scene.size, gap, &grid, 0, 1.0);
    let centre = cells[target].rect.center();
    assert!(area.contains(centre), "the target cell is on screen");
    click(&mut h, centre);
    assert_eq!(at(&h), (target, 0));
    assert!(
        !h.state().show().overview_open(),
        "a click closes the overview"
    );
    assert!(
        h.state().timer().is_started(),
        "the talk's first move starts the clock"
    );
    common::settle_images(&mut h, RostraApp::images_pending);
    assert!(
        h.state().image_ready(&src),
        "the new slide's images were asked for"
    );
    // The recent list is written a second after the talk last moved, on a thread.
    let mut saved = None;
    for _ in 0..200 {
        h.step();
        saved = rostra::app::recent::RecentDecks::load(&recent).position_of(&deck_path);
        if saved.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(saved, Some((target, 0)), "the new place is remembered");
    let _ = std::fs::remove_file(&recent);
}

#[test]
fn jump_prompt_searches_words_and_arrows_choose_among_the_matches() {
    let mut h = seed_harness();
    h.run();
    let (deck, _) = common::seed();
    let found = rostra::show::jump::find(&deck, "코루틴");
    assert!(
        found.len() >= 2,
        "the seed deck has several coroutine slides"
    );
    press(&mut h, Key::G);
    h.event(Event::Text("g".into()));
    h.event(Event::Text("코루틴".into()));
    h.run();
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    assert_eq!(
        at(&h),
        (found[1].slide, 0),
        "the second match, chosen with ↓"
    );
}

#[test]
fn alt_right_skips_fragments_and_shift_arrows_reach_the_ends() {
    let mut h = seed_harness();
    h.run();
    press(&mut h, Key::G);
    h.event(Event::Text("10".into()));
    press(&mut h, Key::Enter);
    assert_eq!(at(&h), (9, 0));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(
        at(&h),
        (10, 0),
        "Alt+Right passes over the 7 fragment steps"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(at(&h).0, 27, "Shift+Right: the last slide");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(at(&h).0, 0, "Shift+Left: the first slide");
    press(&mut h, Key::V);
    assert!(
        h.state().show().is_black(),
        "V blacks the screen as in reveal.js"
    );
}

/// Clicks at the centre of the current slide's `n`th link, as the audience screen draws it.
fn click_link(h: &mut Harness<'static, RostraApp>, size: Vec2, n: usize) {
    let area = eframe::egui::Rect::from_min_size(eframe::egui::Pos2::ZERO, size);
    let scene = h.state().scene().expect("current slide laid out");
    let canvas = rostra::ui::canvas_rect(area, scene.size);
    let (item, rect) = scene
        .items
        .iter()
        .flat_map(|i| i.links.iter().map(move |l| (i, l.0)))
        .nth(n)
        .expect("the link is laid out");
    let centre = canvas.min + item.rect.min.to_vec2() + rect.center().to_vec2();
    click(h, centre);
}

#[test]
fn links_go_to_slides_and_web_links_to_the_browser_only() {
    let deck = rostra::deck::parse(
        "# Links\n\n[to the end](#/2/1) and [the web](https://example.com/) and [a file](file:///etc/passwd)\n---\n# Two\n---\n# Three\n----\n<!-- .slide: id=\"last\" -->\n# Three down\n\n[home](#/0)",
        &rostra::deck::Options::default(),
    )
    .expect("parses");
    let size = Vec2::new(640.0, 360.0);
    let mut h = AppHarness::default().build(deck, std::env::temp_dir());
    h.run();
    click_link(&mut h, size, 1);
    assert_eq!(h.state().opened_links(), ["https://example.com/"]);
    assert_eq!(at(&h), (0, 0), "a web link does not move the talk");
    click_link(&mut h, size, 2);
    assert_eq!(
        h.state().opened_links().len(),
        1,
        "file: links are never opened"
    );
    click_link(&mut h, size, 0);
    let s = h.state().show().stop().expect("a slide");
    assert_eq!((s.h, s.v), (2, 1), "#/2/1 goes down the third stack");
    click_link(&mut h, size, 0);
    assert_eq!(at(&h), (0, 0), "#/0 comes back");
}
