//! The bundled seed deck reads as reveal.js 5 reads it: 28 slides, fragment steps 7, 2, 4, 3
//! on slides 10, 11, 20 and 27, the auto-animate chain, the code steps and element styles.

mod common;
use common::*;
use rostra::deck::{self, Block, Inline, Options};
use std::path::Path;

fn seed() -> deck::Deck {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4/slides.md");
    deck::load(&path, &Options::default()).expect("seed deck loads")
}

#[test]
fn seed_has_28_slides_with_reveal_fragment_counts() {
    let d = seed();
    assert_eq!(d.slides.len(), 28);
    let steps: Vec<(usize, usize)> = d
        .slides
        .iter()
        .enumerate()
        .filter(|(_, s)| s.fragment_steps > 0)
        .map(|(i, s)| (i, s.fragment_steps))
        .collect();
    assert_eq!(steps, vec![(9, 7), (10, 2), (19, 4), (26, 3)]);
    assert!(d.slides.iter().all(|s| !s.in_stack && s.v == 0));
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
}

#[test]
fn seed_classes_and_auto_animate_chain() {
    let d = seed();
    assert_eq!(d.slides[0].classes(), vec!["title"]);
    assert_eq!(d.slides[7].classes(), vec!["image-slide"]);
    let animated: Vec<usize> = d
        .slides
        .iter()
        .enumerate()
        .filter(|(_, s)| s.attributes.has("data-auto-animate"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        animated,
        vec![
            3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27
        ]
    );
    assert_eq!(headings(&d.slides[5]), vec!["1. 동시성 프로그래밍"]);
    assert_eq!(
        headings(&d.slides[6]),
        vec!["1. 동시성 프로그래밍", "병렬(Parallelism)"]
    );
}

#[test]
fn seed_code_step_slide() {
    let d = seed();
    let code = d.slides[26].code_blocks()[0];
    assert_eq!(code.language, "python");
    assert_eq!(code.line_numbers.as_deref(), Some("0|1-3|5-7|9-11"));
    assert_eq!(code.text.lines().count(), 11);
    assert_eq!(code.step_fragments, vec![0, 1, 2]);
}

#[test]
fn seed_flex_row_holds_image_and_list() {
    let d = seed();
    let s = &d.slides[9];
    let flex = s
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Html { tag, blocks, meta } if tag == "div" => Some((blocks, meta)),
            _ => None,
        })
        .expect("a div");
    assert!(flex.1.style().is_flex());
    assert_eq!(s.images()[0].src, "dining-philosophers.png");
    assert_eq!(s.images()[0].meta.attrs.get("style"), Some("height: 90%"));
    assert!(flex.0.iter().any(|b| matches!(b, Block::List { .. })));
}

#[test]
fn seed_attendance_link_is_positioned() {
    let d = seed();
    let link = all_inlines(&d.slides[1])
        .into_iter()
        .find_map(|i| match i {
            Inline::Link { href, meta, .. } => Some((href, meta)),
            _ => None,
        })
        .expect("a link");
    assert_eq!(link.0, "https://areyouhere.today/");
    assert!(link.1.style().is_absolute());
}

#[test]
fn seed_image_slide_image_fills() {
    let d = seed();
    let img = d.slides[7].images()[0];
    assert_eq!(img.src, "pipeline.png");
    assert_eq!(
        img.meta.attrs.get("style"),
        Some("width: 100%; height: 100%")
    );
}
