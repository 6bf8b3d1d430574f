//! Never a crash. The fuzzers' seeds and every input that once crashed a fuzzer replay
//! through the fuzz targets' own functions (`fuzz/src/`), so each run checks them. And a bug
//! in a background thread never ends the talk: a panic injected into the image loader, the
//! deck watcher and the highlighter (as a bug there would panic) is caught, reported, and the
//! talk goes on, with each worker still doing its next job.

mod common;
// The image target's scratch folder is the fuzzer's; the test makes its own.
#[allow(dead_code)]
#[path = "../fuzz/src/app.rs"]
mod fuzz_app;
#[path = "../fuzz/src/deck.rs"]
mod fuzz_deck;

use common::{AppHarness, until};
use eframe::egui::Key;
use egui_kittest::Harness;
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

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn open(path: &Path) -> Harness<'static, RostraApp> {
    let deck = deck::load(path, &Options::default()).expect("loads");
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    AppHarness {
        options: StartOptions {
            deck_path: Some(path.to_path_buf()),
            ..common::test_options()
        },
        ..AppHarness::default()
    }
    .build(deck, base)
}

/// The files under `fuzz/seeds/<target>/` (crashes found are kept there as `crash-*`).
fn seeds(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the seeds folder")
        .flatten()
        .map(|e| e.path())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a seed reads");
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_fuzz_seed_and_past_crash_replays_without_a_panic() {
    let scratch = temp_dir("fuzz-replay");
    type Target<'a> = (&'a str, &'a dyn Fn(&[u8]));
    let targets: [Target; 4] = [
        ("parse", &fuzz_deck::parse),
        ("frontmatter", &fuzz_deck::front_matter),
        ("settings", &fuzz_app::settings),
        ("image", &|data| fuzz_app::image(data, &scratch)),
    ];
    for (target, run) in targets {
        let seeds = seeds(target);
        assert!(seeds.len() >= 3, "{target} has seeds");
        for (path, bytes) in seeds {
            // Named, so a failure says which input did it.
            eprintln!("{target}: {}", path.display());
            run(&bytes);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

/// One test, steps in order: injected panics go to threads by name, and the faults' banner
/// reads a list shared by the process, so tests of this kind in parallel would take each
/// other's.
#[test]
fn a_panic_in_a_worker_thread_never_ends_the_talk() {
    let dir = temp_dir("robust");
    for name in ["a.png", "b.png"] {
        std::fs::copy(fixture("dot.png"), dir.join(name)).expect("copy");
    }
    let path = dir.join("talk.md");
    std::fs::write(
        &path,
        "# One\n\n![a](a.png)\n\n---\n\n# Two\n\n![b](b.png)\n\n```rust\nfn main() {}\n```\n",
    )
    .expect("write");

    // The image loader: the current slide's image is decoded first, and its decoder panics.
    rostra::worker::inject_panic("rostra-images");
    rostra::worker::inject_panic("rostra-highlight");
    let mut h = open(&path);
    until(&mut h, "both images settled", |a| {
        eprintln!(
            "DBG pending={} a={} b={} slide={}",
            a.images_pending(),
            a.image_ready("a.png"),
            a.image_ready("b.png"),
            a.show().position().slide
        );
        !a.images_pending() && a.image_ready("b.png")
    });
    assert!(
        !h.state().image_ready("a.png"),
        "the image whose decoder panicked is a placeholder"
    );

    // The highlighter (after the first frame) panicked too: a banner says so.
    until(&mut h, "the highlighter's fault in the banner", |a| {
        a.banner()
            .is_some_and(|b| b.lines.iter().any(|l| l.contains("Code highlighting")))
    });
    assert!(
        !h.state().banner().is_some_and(|b| b.error),
        "a background fault is no error over the slides"
    );

    // The talk goes on.
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().show().position().slide, 1);

    // The watcher: its next read of the deck panics; the last good deck stays, the banner
    // says why, and the save after that is read as usual.
    rostra::worker::inject_panic("rostra-watch");
    std::fs::write(&path, "# One\n---\n# Two\n---\n# Three\n").expect("write");
    until(&mut h, "the watcher's fault reported", |a| {
        a.banner()
            .is_some_and(|b| b.error && b.lines.iter().any(|l| l.contains("internal error")))
    });
    assert_eq!(h.state().deck().slides.len(), 2, "the last good deck stays");
    std::thread::sleep(Duration::from_millis(200));
    std::fs::write(&path, "# One\n---\n# Two\n---\n# Three\n---\n# Four\n").expect("write");
    until(&mut h, "the next save reloaded", |a| {
        a.deck().slides.len() == 4
    });
    assert_eq!(h.state().show().position().slide, 1, "the place is kept");
    let _ = std::fs::remove_dir_all(&dir);
}
