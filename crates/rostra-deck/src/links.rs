//! Links between slides as reveal.js reads a hash: `#/2`, `#/2/1` (0-based), or `#/some-id`
//! (the slide holding the element with that id). Pure: deck and text in, a slide index out.

use crate::model::{Block, Deck, Inline, Meta, Slide};

/// What kind of place a link's `href` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// A place in this deck (`#...`).
    Slide,
    /// A page for the system browser (`http:`, `https:`, `mailto:`).
    External,
    /// Anything else (`file:`, `javascript:`, relative paths): never opened.
    Other,
}

/// Which kind of place `href` names.
pub fn link_kind(href: &str) -> LinkKind {
    let h = href.trim();
    let lower = h.to_ascii_lowercase();
    if h.starts_with('#') {
        LinkKind::Slide
    } else if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
    {
        LinkKind::External
    } else {
        LinkKind::Other
    }
}

/// The index of the slide a `#...` link names, when there is one.
pub fn link_target(deck: &Deck, href: &str) -> Option<usize> {
    let rest = href.trim().strip_prefix('#')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let mut bits = rest.split('/');
    let first = bits.next().unwrap_or("");
    if first.chars().all(|c| c.is_ascii_digit()) {
        // reveal.js: missing or unreadable parts count as 0.
        let h: usize = first.parse().unwrap_or(0);
        let v: usize = bits.next().and_then(|b| b.parse().ok()).unwrap_or(0);
        return deck.slides.iter().position(|s| s.h == h && s.v == v);
    }
    slide_with_id(deck, first)
}

/// The index of the slide whose section, or an element on it, has id `id`.
pub fn slide_with_id(deck: &Deck, id: &str) -> Option<usize> {
    deck.slides
        .iter()
        .position(|s| s.id() == Some(id) || element_ids(s).iter().any(|e| e == id))
}

/// The ids of every element on the slide, in document order.
pub fn element_ids(slide: &Slide) -> Vec<String> {
    metas(slide)
        .into_iter()
        .filter_map(|m| m.attrs.get("id"))
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every link on the slide: its `href` and where it is written.
pub fn links(slide: &Slide) -> Vec<(&str, &Meta)> {
    let mut out = Vec::new();
    walk(slide, &mut |_, inline| {
        if let Some(Inline::Link { href, meta, .. }) = inline {
            out.push((href.as_str(), meta));
        }
    });
    out
}

/// Every element's span, attributes and fragment step on the slide (blocks, list items and
/// inline elements), in document order.
pub fn metas(slide: &Slide) -> Vec<&Meta> {
    let mut out = Vec::new();
    walk(slide, &mut |meta, inline| {
        if let Some(m) = meta {
            out.push(m);
        }
        if let Some(i) = inline
            && let Some(m) = inline_meta(i)
        {
            out.push(m);
        }
    });
    out
}

fn inline_meta(i: &Inline) -> Option<&Meta> {
    match i {
        Inline::Text { .. } => None,
        Inline::Emphasis { meta, .. }
        | Inline::Strong { meta, .. }
        | Inline::Strikethrough { meta, .. }
        | Inline::Code { meta, .. }
        | Inline::Link { meta, .. }
        | Inline::LineBreak { meta }
        | Inline::Math { meta, .. }
        | Inline::Span { meta, .. } => Some(meta),
        Inline::Image(img) => Some(&img.meta),
    }
}

/// Calls `f` with each block's (or list item's) meta, and with each inline, in document order.
fn walk<'a>(slide: &'a Slide, f: &mut dyn FnMut(Option<&'a Meta>, Option<&'a Inline>)) {
    fn inlines<'a>(content: &'a [Inline], f: &mut dyn FnMut(Option<&'a Meta>, Option<&'a Inline>)) {
        for i in content {
            f(None, Some(i));
            match i {
                Inline::Emphasis { content, .. }
                | Inline::Strong { content, .. }
                | Inline::Strikethrough { content, .. }
                | Inline::Link { content, .. }
                | Inline::Span { content, .. } => inlines(content, f),
                _ => {}
            }
        }
    }
    fn blocks<'a>(list: &'a [Block], f: &mut dyn FnMut(Option<&'a Meta>, Option<&'a Inline>)) {
        for b in list {
            f(b.meta(), None);
            match b {
                Block::Heading { content, .. }
                | Block::Paragraph { content, .. }
                | Block::Plain { content } => inlines(content, f),
                Block::List { items, .. } => {
                    for item in items {
                        f(Some(&item.meta), None);
                        blocks(&item.blocks, f);
                    }
                }
                Block::Quote { blocks: inner, .. } | Block::Html { blocks: inner, .. } => {
                    blocks(inner, f)
                }
                Block::Table(t) => {
                    for cell in t.head.iter().chain(t.rows.iter().flatten()) {
                        inlines(cell, f);
                    }
                }
                _ => {}
            }
        }
    }
    blocks(&slide.blocks, f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, parse};

    #[test]
    fn hashes_name_places_and_ids_and_kinds_are_told_apart() {
        let d = parse(
            "# A\n---\n# B\n----\n<!-- .slide: id=\"deep\" -->\n## C [x](#/0)\n---\n<p id=\"p\">D</p>",
            &Options::default(),
        )
        .unwrap();
        assert_eq!(link_target(&d, "#/1/1"), Some(2));
        assert_eq!(link_target(&d, "#/deep"), Some(2));
        assert_eq!(link_target(&d, "#/p"), Some(3));
        assert_eq!(link_target(&d, "#/9"), None);
        assert_eq!(links(&d.slides[2]).len(), 1);
        assert_eq!(link_kind("#/2"), LinkKind::Slide);
        assert_eq!(link_kind("HTTPS://x.y"), LinkKind::External);
        assert_eq!(link_kind("mailto:a@b.c"), LinkKind::External);
        assert_eq!(link_kind("file:///etc/passwd"), LinkKind::Other);
        assert_eq!(link_kind("javascript:alert(1)"), LinkKind::Other);
    }
}
