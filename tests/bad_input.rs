//! No input makes the engine panic or hang, and warnings never stop a deck from opening.

mod common;
use common::*;
use proptest::prelude::*;
use rostra::deck::{self, Options};

#[test]
fn random_bytes_parse() {
    // A fixed pseudo-random sequence, so a failure reproduces.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let d = deck(&text);
    assert!(!d.slides.is_empty());
}

#[test]
fn non_utf8_file_opens_with_a_warning() {
    let dir = std::env::temp_dir().join(format!("rostra-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.md");
    std::fs::write(&path, b"# Caf\xe9\n---\n# B").unwrap();
    let d = deck::load(&path, &Options::default()).unwrap();
    assert_eq!(d.slides.len(), 2);
    assert!(d.diagnostics[0].message.contains("not valid UTF-8"));
    assert_eq!(d.diagnostics[0].span.line, 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ten_megabyte_single_line() {
    let line = "word ".repeat(2_000_000);
    let d = deck(&line);
    assert_eq!(d.slides.len(), 1);
}

#[test]
fn ten_thousand_nested_list_levels() {
    let md = format!("{}x", "- ".repeat(10_000));
    let d = deck(&md);
    assert_eq!(d.slides.len(), 1);
    let md = format!("{} x", ">".repeat(10_000));
    assert_eq!(deck(&md).slides.len(), 1);
    let md = "<div>".repeat(10_000);
    assert_eq!(deck(&md).slides.len(), 1);
}

#[test]
fn unclosed_fence_turns_the_rest_into_code_and_warns() {
    let d = deck("# A\n\n```js [|1]\nlet a;\n\n---\n\n# B");
    assert_eq!(
        d.slides.len(),
        2,
        "the separator still splits, as in reveal.js"
    );
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.message.contains("never closed"))
    );
}

#[test]
fn ten_thousand_slides() {
    let md: String = (0..10_000).map(|i| format!("# {i}\n---\n")).collect();
    assert_eq!(deck(&md).slides.len(), 10_001);
}

#[test]
fn missing_file_names_it() {
    let err = deck::load(std::path::Path::new("/nope/deck.md"), &Options::default()).unwrap_err();
    assert!(err.to_string().contains("/nope/deck.md"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string_parses_without_panic(s in "\\PC{0,400}") {
        let d = deck(&s);
        prop_assert!(!d.slides.is_empty());
    }

    #[test]
    fn deck_like_strings_parse_without_panic(parts in proptest::collection::vec(
        prop_oneof![
            Just("---\n"), Just("----\n"), Just("# h\n"), Just("- item <!-- .element: class=\"fragment\" -->\n"),
            Just("```py [1|2:3]\n"), Just("```\n"), Just("<div style=\"display:flex\">\n"), Just("</div>\n"),
            Just("Note: n\n"), Just("<!-- .slide: data-auto-animate -->\n"), Just("\n"), Just("| a | b |\n|--|--|\n"),
            Just("![i](x.png)\n"), Just("<span class=\"fragment\" data-fragment-index=\"1\">"), Just("$$\n"),
        ], 0..60)) {
        let md: String = parts.concat();
        let d = deck(&md);
        prop_assert!(!d.slides.is_empty());
        for s in &d.slides {
            // Every fragment step a block claims is within the slide's count.
            s.visit_blocks(&mut |b| {
                if let Some(f) = b.meta().and_then(|m| m.fragment) {
                    assert!(f < s.fragment_steps);
                }
            });
        }
    }
}
