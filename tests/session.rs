//! Around the slides, driven headlessly: live reload keeps the speaker's place through writes,
//! renames, broken saves and deletion; a reopened deck returns to where it was left; the
//! welcome screen hands over to the deck.

mod common;

use common::{AppHarness, until};
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rostra::app::{RostraApp, StartOptions};
use rostra::deck::{self, Options};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rostra-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn app(path: &Path, recent: &Path, welcome: bool) -> Harness<'static, RostraApp> {
    let options = StartOptions {
        deck_path: Some(path.to_path_buf()),
        recent_file: Some(recent.to_path_buf()),
        welcome,
        ..Default::default()
    };
    harness(path, options)
}

/// The deck at `path` in a window (no console) with `options`.
fn harness(path: &Path, options: StartOptions) -> Harness<'static, RostraApp> {
    let deck = deck::load(path, &Options::default()).expect("loads");
    let options = StartOptions {
        windowed: true,
        no_console: true,
        ..options
    };
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    AppHarness {
        options,
        ..AppHarness::default()
    }
    .build(deck, base)
}

const DECK: &str = "# One\n---\n<!-- .slide: id=\"two\" -->\n# Two\n\n- a <!-- .element: class=\"fragment\" -->\n- b <!-- .element: class=\"fragment\" -->\n---\n# Three\n";

#[test]
fn live_reload_keeps_the_place_through_writes_renames_breaks_and_deletes() {
    let dir = temp_dir("reload");
    let path = dir.join("talk.md");
    std::fs::write(&path, DECK).expect("write");
    let mut h = app(&path, &dir.join("recent.json"), false);
    h.run();
    for _ in 0..2 {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    let at = h.state().show().position();
    assert_eq!((at.slide, at.shown), (1, 1));
    // A slide inserted before the current one: the place follows its id.
    std::fs::write(&path, format!("# Zero\n---\n{DECK}")).expect("write");
    until(&mut h, "reload", |a| a.deck().slides.len() == 4);
    let at = h.state().show().position();
    assert_eq!((at.slide, at.shown), (2, 1), "same slide, same fragment");
    // Saved through a temporary file and a rename.
    let tmp = dir.join("talk.md.tmp");
    std::fs::write(&tmp, format!("# Zero\n---\n{DECK}---\n# Four\n")).expect("write");
    std::fs::rename(&tmp, &path).expect("rename");
    until(&mut h, "reload after rename", |a| {
        a.deck().slides.len() == 5
    });
    assert_eq!(h.state().show().position().slide, 2);
    // A broken save (half-written, empty) keeps the last good deck and says so.
    std::fs::write(&path, "").expect("write");
    until(&mut h, "error banner", |a| {
        a.banner().is_some_and(|b| b.error)
    });
    assert_eq!(h.state().deck().slides.len(), 5);
    assert_eq!(h.state().show().position().slide, 2);
    // Deleted: the deck stays, the banner says why.
    std::fs::remove_file(&path).expect("delete");
    until(&mut h, "deleted banner", |a| {
        a.banner().is_some_and(|b| b.title.contains("gone"))
    });
    assert_eq!(h.state().deck().slides.len(), 5);
    // It comes back: reloaded, place kept.
    std::fs::write(&path, DECK).expect("write");
    until(&mut h, "reload after return", |a| {
        a.deck().slides.len() == 3
    });
    assert_eq!(h.state().show().position().slide, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reopened_deck_returns_to_where_it_was_left() {
    let dir = temp_dir("recent");
    let path = dir.join("talk.md");
    let recent = dir.join("state/recent.json");
    std::fs::write(&path, DECK).expect("write");
    {
        let mut h = app(&path, &recent, false);
        h.run();
        for _ in 0..4 {
            h.key_press(Key::ArrowRight);
            h.run();
        }
        assert_eq!(h.state().show().position().slide, 2);
        // Written a second after the last move, off the UI thread.
        until(&mut h, "recent list written", |_| {
            rostra::app::recent::RecentDecks::load(&recent)
                .position_of(&path)
                .is_some_and(|(s, _)| s == 2)
        });
    }
    let mut h = app(&path, &recent, false);
    h.run();
    assert_eq!(
        h.state().show().position().slide,
        2,
        "reopened where it was left"
    );
    let notice = h.state().resumed_notice().unwrap_or_default().to_string();
    assert!(
        notice.contains("3 / 3") && notice.contains("Home"),
        "the console says where it resumed: {notice:?}"
    );
    h.key_press(Key::Home);
    h.run();
    assert_eq!(h.state().show().position().slide, 0, "Home starts over");
    assert_eq!(h.state().resumed_notice(), None, "gone once the talk moves");
    drop(h);
    // `--from-start` ignores the remembered place (slide 3 was saved last).
    let mut h = harness(
        &path,
        StartOptions {
            deck_path: Some(path.clone()),
            recent_file: Some(recent.clone()),
            from_start: true,
            ..StartOptions::default()
        },
    );
    h.run();
    assert_eq!(h.state().show().position().slide, 0);
    assert_eq!(h.state().resumed_notice(), None);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Waits (real time, no frames) for the recent list to say `path` is at a place `ok` accepts.
fn saved_place(recent: &Path, path: &Path, ok: impl Fn((usize, usize)) -> bool) -> (usize, usize) {
    for _ in 0..1000 {
        if let Some(p) = rostra::app::recent::RecentDecks::load(recent).position_of(path)
            && ok(p)
        {
            return p;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the place was not saved within 10 s");
}

#[test]
fn paging_without_pause_still_saves_the_place_for_a_relaunch_after_a_crash() {
    let dir = temp_dir("crash");
    let path = dir.join("talk.md");
    let recent = dir.join("state/recent.json");
    std::fs::write(&path, DECK).expect("write");
    {
        let mut h = app(&path, &recent, false);
        h.run();
        // A key press and a step are a quarter second each on the harness's clock: a move
        // every half second, never a pause of a second.
        for _ in 0..3 {
            h.key_press(Key::ArrowRight);
            h.step();
        }
        let at = h.state().show().position();
        assert_eq!((at.slide, at.shown), (1, 2));
        // No more frames, as if the process died now: a place from the paging is saved.
        let saved = saved_place(&recent, &path, |p| p != (0, 0));
        assert!(saved == (1, 0) || saved == (1, 1), "{saved:?}");
        // A second more of the talk, with no moves: the last place is written too.
        for _ in 0..4 {
            h.step();
        }
        saved_place(&recent, &path, |p| p == (1, 2));
        // Dropped without closing: nothing is written on the way out.
    }
    let mut h = app(&path, &recent, false);
    h.run();
    let at = h.state().show().position();
    assert_eq!(
        (at.slide, at.shown),
        (1, 2),
        "the relaunch is at the same slide and fragment"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_file_dialog_the_welcome_screen_says_how_else_to_open() {
    let dir = temp_dir("nodialog");
    let path = dir.join("talk.md");
    std::fs::write(&path, DECK).expect("write");
    let mut h = harness(
        &path,
        StartOptions {
            welcome: true,
            dialog: Some(rostra::app::dialog::DialogSupport::Unavailable),
            ..StartOptions::default()
        },
    );
    h.run();
    assert!(h.query_by_label_contains("No file dialog here").is_some());
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::O);
    h.run();
    let banner = h
        .state()
        .banner()
        .map(|b| b.title.clone())
        .unwrap_or_default();
    assert!(
        banner.contains("No file dialog"),
        "Ctrl+O explains: {banner:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_welcome_screen_hands_over_to_the_deck() {
    let dir = temp_dir("welcome");
    let path = dir.join("talk.md");
    std::fs::write(&path, DECK).expect("write");
    let mut h = app(&path, &dir.join("recent.json"), true);
    h.run();
    assert!(h.state().welcome_shown());
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(!h.state().welcome_shown());
    assert_eq!(
        h.state().show().position().slide,
        0,
        "the key only started the deck"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
