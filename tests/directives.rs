//! `<!-- .slide: -->` and `<!-- .element -->` comments land where reveal.js puts them.

mod common;
use common::*;
use rostra::deck::{Block, Inline};

#[test]
fn slide_comment_sets_classes_and_bare_data_attributes() {
    let d = deck(
        "<!-- .slide: class=\"section-title\" data-auto-animate data-transition=\"zoom\" -->\n\n# A",
    );
    let s = &d.slides[0];
    assert_eq!(s.classes(), vec!["section-title"]);
    assert_eq!(s.attributes.get("data-auto-animate"), Some(""));
    assert_eq!(s.attributes.get("data-transition"), Some("zoom"));
}

#[test]
fn slide_needs_its_colon_but_element_does_not() {
    let d =
        deck("<!-- .slide class=\"x\" -->\n\n![a](a.png) <!-- .element style=\"height: 90%\" -->");
    let s = &d.slides[0];
    assert!(s.classes().is_empty());
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.message.contains("needs a colon"))
    );
    let img = s.images()[0];
    assert_eq!(img.meta.attrs.get("style"), Some("height: 90%"));
}

#[test]
fn element_comment_in_a_list_item_targets_the_item() {
    let d = deck("- one <!-- .element: class=\"fragment\" -->\n- two");
    let Some(Block::List { items, .. }) = first_list(&d.slides[0]) else {
        panic!("no list")
    };
    assert!(items[0].meta.attrs.has_class("fragment"));
    assert!(!items[1].meta.attrs.has_class("fragment"));
}

#[test]
fn element_comment_after_bold_targets_the_bold_as_reveal_does() {
    let d = deck("- text **bold** <!-- .element: class=\"fragment\" -->");
    let strong = all_inlines(&d.slides[0])
        .into_iter()
        .find(|i| matches!(i, Inline::Strong { .. }))
        .unwrap();
    let Inline::Strong { meta, .. } = strong else {
        unreachable!()
    };
    assert_eq!(meta.fragment, Some(0));
}

#[test]
fn element_comment_after_a_fence_targets_the_code_block() {
    let d = deck("```rust\nfn main() {}\n```\n<!-- .element: data-id=\"code\" -->");
    let code = d.slides[0].code_blocks()[0].clone();
    assert_eq!(code.meta.attrs.get("data-id"), Some("code"));
}

#[test]
fn element_comment_before_any_element_targets_the_slide() {
    let d = deck("<!-- .element: class=\"titleslide\" data-background=\"#fff\" -->\n\n# T");
    assert_eq!(d.slides[0].classes(), vec!["titleslide"]);
    assert_eq!(d.slides[0].attributes.get("data-background"), Some("#fff"));
}

#[test]
fn class_replaces_and_single_quotes_are_ignored_with_a_warning() {
    let d = deck("# A <!-- .element: class=\"a\" -->\n\n# B <!-- .element: class='b' -->");
    let heads: Vec<_> = d.slides[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { meta, .. } => Some(meta.attrs.get("class").map(str::to_string)),
            _ => None,
        })
        .collect();
    assert_eq!(heads, vec![Some("a".to_string()), None]);
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.message.contains("double quotes"))
    );
}

#[test]
fn element_attributes_on_html_blocks_and_links() {
    let d =
        deck("## https://example.org/ <!-- .element: style=\"position: absolute; top: 50%\" -->");
    let link = all_inlines(&d.slides[0])
        .into_iter()
        .find_map(|i| match i {
            Inline::Link { href, meta, .. } => Some((href, meta)),
            _ => None,
        })
        .unwrap();
    assert_eq!(link.0, "https://example.org/");
    assert!(link.1.style().is_absolute());
}
