//! Deck structure as reveal.js reads it: raw `<section>` slides inside a Markdown deck,
//! `data-visibility`, and notes that belong to a fragment. Each fixture in
//! `tests/fixtures/structure/` has a `.reveal.json` beside it: what the reveal oracle
//! (reveal.js 5.2.1 in Chromium) made of it, trimmed to the facts compared here.

mod common;
use common::*;
use rostra::deck::{self, Options};
use serde_json::Value;

fn fixture(name: &str) -> (deck::Deck, Value) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/structure");
    let d = deck::load(&dir.join(format!("{name}.md")), &Options::default())
        .expect("fixture as written");
    let text = std::fs::read_to_string(dir.join(format!("{name}.reveal.json")))
        .expect("fixture as written");
    (d, serde_json::from_str(&text).expect("fixture as written"))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every slide agrees with reveal.js on its place, attributes, id, notes, fragment steps and
/// headings; reports each disagreement.
fn assert_agrees(name: &str) {
    let (d, oracle) = fixture(name);
    let want = oracle["slides"].as_array().expect("fixture as written");
    let mut diffs = Vec::new();
    if want.len() != d.slides.len() {
        diffs.push(format!(
            "reveal.js has {} slides, rostra {}",
            want.len(),
            d.slides.len()
        ));
    }
    for (i, (w, s)) in want.iter().zip(&d.slides).enumerate() {
        let pos = (
            w["h"].as_u64().expect("fixture as written") as usize,
            w["v"].as_u64().expect("fixture as written") as usize,
        );
        if pos != (s.h, s.v) || w["in_stack"].as_bool() != Some(s.in_stack) {
            diffs.push(format!("slide {i}: place {pos:?} vs {:?}", (s.h, s.v)));
        }
        let data: Vec<(String, String)> = w["data"]
            .as_object()
            .expect("fixture as written")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
            .collect();
        let ours: Vec<(String, String)> = s
            .attributes
            .iter()
            .filter(|(k, _)| k.starts_with("data-"))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let (mut a, mut b) = (data, ours);
        a.sort();
        b.sort();
        if a != b {
            diffs.push(format!("slide {i}: data {a:?} vs {b:?}"));
        }
        if w["id"].as_str() != s.id() {
            diffs.push(format!("slide {i}: id {:?} vs {:?}", w["id"], s.id()));
        }
        let notes = s
            .notes
            .as_ref()
            .map(|n| squash(&n.text))
            .unwrap_or_default();
        if w["notes"].as_str() != Some(notes.as_str()) {
            diffs.push(format!("slide {i}: notes {:?} vs {notes:?}", w["notes"]));
        }
        if w["fragment_steps"].as_u64() != Some(s.fragment_steps as u64) {
            diffs.push(format!(
                "slide {i}: fragments {} vs {}",
                w["fragment_steps"], s.fragment_steps
            ));
        }
        let heads: Vec<String> = w["headings"]
            .as_array()
            .expect("fixture as written")
            .iter()
            .map(|h| h.as_str().unwrap_or("").to_string())
            .collect();
        if heads != headings(s) {
            diffs.push(format!(
                "slide {i}: headings {heads:?} vs {:?}",
                headings(s)
            ));
        }
    }
    assert!(
        diffs.is_empty(),
        "{name} disagrees with reveal.js:\n{}",
        diffs.join("\n")
    );
}

#[test]
fn raw_sections_are_slides_as_in_reveal() {
    assert_agrees("sections");
}

#[test]
fn fragment_notes_and_hidden_slides_agree_with_reveal() {
    assert_agrees("fragment-notes");
}

#[test]
fn two_raw_sections_make_a_stack_with_their_own_attributes_and_fragments() {
    let d = deck(
        "# One\n\n---\n\n<section id=\"a\" data-auto-animate>\n\n## A\n\n- x <!-- .element: class=\"fragment\" -->\n</section>\n<section data-transition=\"zoom\">\n\n## B\n</section>",
    );
    assert_eq!(positions(&d), vec![(0, 0), (1, 0), (1, 1)]);
    assert_eq!(d.slides[1].id(), Some("a"));
    assert!(d.slides[1].attributes.has("data-auto-animate"));
    assert_eq!(d.slides[1].fragment_steps, 1);
    assert_eq!(d.slides[2].attributes.get("data-transition"), Some("zoom"));
    assert_eq!(d.slides[2].fragment_steps, 0);
    assert_eq!(
        d.slides[2].span.line, 11,
        "the slide starts at its <section>"
    );
}

#[test]
fn sections_inside_a_vertical_slide_stay_content() {
    // reveal.js reads two levels of <section>; a third is part of the slide.
    let d =
        deck("# A\n\n----\n\n<section>\n\n## inner\n</section>\n<section>\n\n## two\n</section>");
    assert_eq!(positions(&d), vec![(0, 0), (0, 1)]);
    assert_eq!(headings(&d.slides[1]), vec!["inner", "two"]);
}

#[test]
fn hidden_slides_are_left_out_and_uncounted_ones_kept() {
    let d = deck(
        "# A\n---\n<!-- .slide: data-visibility=\"hidden\" -->\n# B\n---\n<!-- .slide: data-visibility=\"uncounted\" -->\n# C\n---\n# D",
    );
    assert_eq!(positions(&d), vec![(0, 0), (1, 0), (2, 0)]);
    assert_eq!(headings(&d.slides[1]), vec!["C"]);
    assert!(d.slides[1].is_uncounted());
    assert!(!d.slides[2].is_uncounted());
}

#[test]
fn notes_inside_a_fragment_replace_the_slide_notes_while_it_is_current() {
    let (d, _) = fixture("fragment-notes");
    let s = &d.slides[0];
    assert_eq!(s.fragment_steps, 3);
    let at = |shown: usize| s.notes_at(shown).map(|n| n.text.trim().to_string());
    assert_eq!(at(0).as_deref(), Some("the slide's own notes"));
    assert_eq!(at(1).as_deref(), Some("say the first thing"));
    assert_eq!(at(2).as_deref(), Some("second, from data-notes"));
    assert_eq!(at(3).as_deref(), Some("the slide's own notes"));
    let inner = &d.slides[1];
    assert_eq!(
        inner.notes_at(0).map(|n| n.text.trim()),
        Some("the section's notes")
    );
    assert_eq!(
        inner.notes_at(1).map(|n| n.text.trim()),
        Some("fragment in a section")
    );
}

#[test]
fn check_names_what_stands_outside_the_sections() {
    let d = deck("Lead text\n\n<section>\n\n## A\n</section>");
    assert_eq!(positions(&d), vec![(0, 0)]);
    assert!(d.slides[0].in_stack);
    let outside: Vec<_> = d
        .diagnostics
        .iter()
        .filter(|x| x.message.contains("outside the slide's <section>s"))
        .collect();
    assert_eq!(outside.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(outside[0].span.line, 1);
}

#[test]
fn nested_sections_hidden_ones_and_section_notes_agree_with_reveal() {
    assert_agrees("stacks");
}
