//! Splitting a deck into slides: reveal.js's and reveal-md's separators, front matter,
//! command-line overrides, notes, line endings.

mod common;
use common::*;
use rostra::deck::{self, Options};

#[test]
fn default_separator_splits_without_blank_lines_and_four_dashes_go_down() {
    let d = deck("# A\n---\n# B\n----\n# C\n\n---\n\n# D");
    assert_eq!(positions(&d), vec![(0, 0), (1, 0), (1, 1), (2, 0)]);
    assert!(!d.slides[0].in_stack);
    assert!(d.slides[1].in_stack && d.slides[2].in_stack);
}

#[test]
fn dashes_inside_a_code_fence_still_split_as_in_reveal() {
    let d = deck("```\na\n---\nb\n```");
    assert_eq!(d.slides.len(), 2);
}

#[test]
fn five_dashes_and_trailing_spaces_are_not_separators() {
    let d = deck("# A\n-----\n# B\n--- \n# C");
    assert_eq!(d.slides.len(), 1);
}

#[test]
fn front_matter_sets_separators_and_settings() {
    let md = "---\ntitle: Talk\ntheme: white\nseparator: <!--s-->\nverticalSeparator: <!--v-->\nrevealOptions:\n  transition: zoom\n---\n# A\n<!--s-->\n# B\n<!--v-->\n# C\n---\n# still C";
    let d = deck(md);
    assert_eq!(positions(&d), vec![(0, 0), (1, 0), (1, 1)]);
    assert_eq!(d.meta.title.as_deref(), Some("Talk"));
    assert_eq!(d.meta.theme, "white");
    assert_eq!(d.meta.transition, "zoom");
    assert_eq!(d.slides[0].span.line, 9);
}

#[test]
fn command_line_separators_win_over_front_matter() {
    // Split by the command line's `===` this is A | B | C+D; by the front matter's `<!--s-->`
    // it would be A+B+C | D, and by the default `---` one slide.
    let md = "---\nseparator: <!--s-->\n---\n# A\n\n===\n\n# B\n\n===\n\n# C\n\n<!--s-->\n\n# D\n";
    let headings = |d: &rostra::deck::Deck| -> Vec<Vec<String>> {
        d.slides
            .iter()
            .map(|s| s.headings().into_iter().map(|(_, t)| t).collect())
            .collect()
    };
    let by_cli = deck_with(md, Some("^===$"), None, None);
    assert_eq!(
        headings(&by_cli),
        vec![vec!["A"], vec!["B"], vec!["C", "D"]]
    );
    // The front matter's separator still applies when the command line gives none.
    assert_eq!(headings(&deck(md)), vec![vec!["A", "B", "C"], vec!["D"]]);
}

#[test]
fn reveal_default_notes_separator_wants_the_line_start() {
    let d = deck(
        "# A\n\nNote: say this\n---\n# B\n\n  Note: indented is text\n---\n# C\nnotes: one\nNotes: two",
    );
    assert_eq!(
        d.slides[0].notes.as_ref().map(|n| n.text.trim()),
        Some("say this")
    );
    assert!(d.slides[1].notes.is_none());
    // Two separators: reveal.js extracts nothing and both stay on the slide.
    assert!(d.slides[2].notes.is_none());
    assert!(d.slides[2].text().contains("two"));
}

#[test]
fn notes_are_markdown_and_aside_notes_work_too() {
    let d = deck(
        "# A\nNote:\n- first\n- *second*\n---\n# B\n<aside class=\"notes\">hidden **words**</aside>",
    );
    let n = d.slides[0].notes.as_ref().unwrap();
    assert_eq!(n.markdown, "- first\n- *second*");
    assert_eq!(
        n.text.split_whitespace().collect::<Vec<_>>(),
        vec!["first", "second"]
    );
    // A one-line HTML block is raw HTML: its Markdown stays literal, as in a browser.
    assert_eq!(d.slides[1].notes.as_ref().unwrap().text, "hidden **words**");
    assert!(!d.slides[1].text().contains("hidden"));
}

#[test]
fn custom_notes_separator() {
    let d = deck_with(
        "# A\n**Speaker Notes:**\nhello",
        None,
        None,
        Some(r"^\*\*Speaker Notes:\*\*$"),
    );
    assert_eq!(d.slides[0].notes.as_ref().unwrap().text.trim(), "hello");
}

#[test]
fn crlf_bom_and_tabs() {
    let d = deck("\u{FEFF}# A\r\n---\r\n# B\r\n\r\n-\tone\r\n-\ttwo\r\n");
    assert_eq!(d.slides.len(), 2);
    assert_eq!(headings(&d.slides[0]), vec!["A"]);
    assert!(
        matches!(first_list(&d.slides[1]), Some(deck::Block::List { items, .. }) if items.len() == 2)
    );
}

#[test]
fn bad_command_line_regex_is_a_clear_error() {
    let o = Options {
        separator: Some("(".into()),
        ..Options::default()
    };
    let err = deck::parse("# A", &o).unwrap_err().to_string();
    assert!(err.contains("horizontal separator /(/"), "{err}");
}

#[test]
fn bad_front_matter_regex_falls_back_to_defaults_with_an_error() {
    let d = deck("---\nseparator: \"(\"\n---\n# A\n---\n# B");
    assert_eq!(d.slides.len(), 2);
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.severity == deck::Severity::Error && x.message.contains("separator"))
    );
}

#[test]
fn blank_line_runs_as_separators() {
    // `^\n\n\n` needs three blank lines (four line breaks); `^\n\n` two.
    let d = deck_with(
        "# A\n\n\n\n# B\n\n\n# B2\n\n\n\n# C",
        Some(r"^\n\n\n"),
        Some(r"^\n\n"),
        None,
    );
    assert_eq!(positions(&d), vec![(0, 0), (1, 0), (1, 1), (2, 0)]);
}
