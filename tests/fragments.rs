//! Fragment steps as reveal.js orders and counts them, code highlight steps included.

mod common;
use common::*;
use rostra::deck::Inline;

#[test]
fn unindexed_fragments_follow_document_order() {
    let d = deck(
        "- a <!-- .element: class=\"fragment\" -->\n- b <!-- .element: class=\"fragment fade-up\" -->\n- c",
    );
    assert_eq!(d.slides[0].fragment_steps, 2);
    assert_eq!(item_fragments(&d.slides[0]), vec![Some(0), Some(1), None]);
}

#[test]
fn indexed_groups_come_first_and_share_a_step() {
    let md = "- a <!-- .element: class=\"fragment\" -->\n- b <!-- .element: class=\"fragment\" data-fragment-index=\"2\" -->\n- c <!-- .element: class=\"fragment\" data-fragment-index=\"2\" -->\n- d <!-- .element: class=\"fragment\" data-fragment-index=\"0\" -->";
    let d = deck(md);
    assert_eq!(d.slides[0].fragment_steps, 3);
    assert_eq!(
        item_fragments(&d.slides[0]),
        vec![Some(2), Some(1), Some(1), Some(0)]
    );
}

#[test]
fn non_numeric_fragment_index_drops_out_as_in_reveal() {
    let d = deck(
        "- a <!-- .element: class=\"fragment\" data-fragment-index=\"x\" -->\n- b <!-- .element: class=\"fragment\" -->",
    );
    assert_eq!(d.slides[0].fragment_steps, 1);
    assert_eq!(item_fragments(&d.slides[0]), vec![None, Some(0)]);
}

#[test]
fn nested_html_fragments_are_each_a_step() {
    let d = deck(
        "<span class=\"fragment fade-in\"><span class=\"fragment highlight-red\"><span class=\"fragment fade-out\">x</span></span></span>",
    );
    assert_eq!(d.slides[0].fragment_steps, 3);
    let steps: Vec<_> = all_inlines(&d.slides[0])
        .into_iter()
        .filter_map(|i| match i {
            Inline::Span { meta, .. } => meta.fragment,
            _ => None,
        })
        .collect();
    assert_eq!(steps, vec![0, 1, 2]);
}

#[test]
fn code_steps_after_the_first_are_fragments_with_an_offset() {
    let d = deck(
        "- a <!-- .element: class=\"fragment\" -->\n\n```python [1:0|1-3|5-7|9-11]\nx\n```\n\n- b <!-- .element: class=\"fragment\" -->",
    );
    let s = &d.slides[0];
    assert_eq!(s.fragment_steps, 5);
    let code = s.code_blocks()[0];
    assert_eq!(code.line_numbers.as_deref(), Some("0|1-3|5-7|9-11"));
    assert_eq!(code.start_line, 1);
    assert_eq!(code.steps.len(), 4);
    assert!(code.steps[0].ranges.is_empty(), "0 highlights nothing");
    assert!(code.steps[2].contains(6) && !code.steps[2].contains(4));
    assert_eq!(code.step_fragments, vec![1, 2, 3]);
}

#[test]
fn code_steps_follow_an_authored_fragment_index() {
    let d = deck(
        "```js [1|2|3]\na\nb\nc\n```\n\n<p class=\"fragment\" data-fragment-index=\"0\">x</p>",
    );
    let code = d.slides[0].code_blocks()[0];
    // Clones carry no index, so they come after the indexed paragraph.
    assert_eq!(code.step_fragments, vec![1, 2]);
    assert_eq!(d.slides[0].fragment_steps, 3);
}

#[test]
fn empty_brackets_show_line_numbers_without_steps() {
    let d = deck("```js []\na\n```");
    let code = d.slides[0].code_blocks()[0];
    assert_eq!(code.line_numbers.as_deref(), Some(""));
    assert_eq!(d.slides[0].fragment_steps, 0);
}
