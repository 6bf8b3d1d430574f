//! The content model: every block and inline kind, with spans.

mod common;
use common::*;
use rostra::deck::{Align, Block, Inline, Span};

#[test]
fn headings_paragraphs_and_inline_styles() {
    let d = deck(
        "# Title\n\nSome *em* **strong** ~~gone~~ `code` [link](http://a.b) ![i](x.png)  \nnext",
    );
    let s = &d.slides[0];
    assert!(
        matches!(&s.blocks[0], Block::Heading { level: 1, meta, .. } if meta.span == Span { line: 1, column: 1 })
    );
    let kinds: Vec<&str> = all_inlines(s)
        .iter()
        .map(|i| match i {
            Inline::Text { .. } => "text",
            Inline::Emphasis { .. } => "em",
            Inline::Strong { .. } => "strong",
            Inline::Strikethrough { .. } => "del",
            Inline::Code { .. } => "code",
            Inline::Link { .. } => "link",
            Inline::Image(_) => "img",
            Inline::LineBreak { .. } => "br",
            Inline::Math { .. } => "math",
            Inline::Span { .. } => "span",
        })
        .filter(|k| *k != "text")
        .collect();
    assert_eq!(
        kinds,
        vec!["em", "strong", "del", "code", "link", "img", "br"]
    );
    let Block::Paragraph { meta, .. } = &s.blocks[1] else {
        panic!()
    };
    assert_eq!(meta.span.line, 3);
}

#[test]
fn nested_and_ordered_lists() {
    let d = deck("3. a\n4. b\n   - c\n     - d");
    let Some(Block::List {
        ordered,
        start,
        items,
        ..
    }) = first_list(&d.slides[0])
    else {
        panic!()
    };
    assert!(ordered);
    assert_eq!(start, 3);
    assert_eq!(items.len(), 2);
    assert!(
        items[1]
            .blocks
            .iter()
            .any(|b| matches!(b, Block::List { ordered: false, .. }))
    );
}

#[test]
fn tables_keep_alignment() {
    let d = deck("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |");
    let Block::Table(t) = &d.slides[0].blocks[0] else {
        panic!("{:?}", d.slides[0].blocks)
    };
    assert_eq!(t.alignments, vec![Align::Left, Align::Center, Align::Right]);
    assert_eq!(t.head.len(), 3);
    assert_eq!(t.rows.len(), 1);
}

#[test]
fn quotes_rules_and_math() {
    let d = deck("> quoted\n\n***\n\n$$\nE = mc^2\n$$\n\ninline $x^2$ here");
    let b = &d.slides[0].blocks;
    assert!(matches!(&b[0], Block::Quote { blocks, .. } if !blocks.is_empty()));
    assert!(matches!(&b[1], Block::Rule { .. }));
    assert!(
        b.iter()
            .any(|x| matches!(x, Block::Math { tex, .. } if tex.contains("mc^2")))
    );
    assert!(
        all_inlines(&d.slides[0])
            .iter()
            .any(|i| matches!(i, Inline::Math { tex, .. } if tex == "x^2"))
    );
}

#[test]
fn html_containers_keep_class_and_style() {
    let d = deck(
        "<div class=\"cols\" style=\"display:flex; font-size: 24px\">\n\n<div style=\"width: 40%\">\n\nleft\n\n</div>\n<img src=\"r.png\" width=\"200\">\n\n</div>\n\n<small>fine print</small>",
    );
    let s = &d.slides[0];
    let Block::Html { tag, blocks, meta } = &s.blocks[0] else {
        panic!("{:?}", s.blocks)
    };
    assert_eq!(tag, "div");
    assert!(meta.attrs.has_class("cols"));
    assert!(meta.style().is_flex());
    assert!(matches!(&blocks[0], Block::Html { meta, .. } if meta.style().width().is_some()));
    assert!(
        blocks
            .iter()
            .any(|b| matches!(b, Block::Image(i) if i.meta.attrs.get("width") == Some("200")))
    );
    assert!(
        all_inlines(s)
            .iter()
            .any(|i| matches!(i, Inline::Span { tag, .. } if tag == "small"))
    );
}

#[test]
fn unclosed_html_is_reported_and_recovered() {
    let d = deck("<div>\n\ntext");
    assert_eq!(d.slides[0].text(), "text");
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.message.contains("<div> is never closed"))
    );
}
