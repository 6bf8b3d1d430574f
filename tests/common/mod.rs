//! Shared helpers: build a deck from a string and look at it as data.
#![allow(dead_code)]

use rostra::deck::{self, Block, Deck, Inline, Options, Slide};

/// Parses `md` with reveal-md's defaults.
pub fn deck(md: &str) -> Deck {
    deck::parse(md, &Options::default()).expect("default separators compile")
}

/// Parses `md` with command-line separators.
pub fn deck_with(md: &str, sep: Option<&str>, vert: Option<&str>, notes: Option<&str>) -> Deck {
    let o = Options {
        separator: sep.map(String::from),
        vertical_separator: vert.map(String::from),
        notes_separator: notes.map(String::from),
    };
    deck::parse(md, &o).expect("separators compile")
}

/// Positions of every slide as (h, v).
pub fn positions(d: &Deck) -> Vec<(usize, usize)> {
    d.slides.iter().map(|s| (s.h, s.v)).collect()
}

/// Heading texts of a slide.
pub fn headings(s: &Slide) -> Vec<String> {
    s.headings().into_iter().map(|(_, t)| t).collect()
}

/// The first list on the slide (searching nested containers).
pub fn first_list(s: &Slide) -> Option<Block> {
    let mut found = None;
    s.visit_blocks(&mut |b| {
        if found.is_none() && matches!(b, Block::List { .. }) {
            found = Some(b.clone());
        }
    });
    found
}

/// Fragment steps of every list item of the first list, in order.
pub fn item_fragments(s: &Slide) -> Vec<Option<usize>> {
    match first_list(s) {
        Some(Block::List { items, .. }) => items.iter().map(|i| i.meta.fragment).collect(),
        _ => Vec::new(),
    }
}

/// Every inline element of the slide, flattened, in document order.
pub fn all_inlines(s: &Slide) -> Vec<Inline> {
    fn walk(content: &[Inline], out: &mut Vec<Inline>) {
        for i in content {
            out.push(i.clone());
            match i {
                Inline::Emphasis { content, .. }
                | Inline::Strong { content, .. }
                | Inline::Strikethrough { content, .. }
                | Inline::Link { content, .. }
                | Inline::Span { content, .. } => walk(content, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    s.visit_blocks(&mut |b| match b {
        Block::Heading { content, .. }
        | Block::Paragraph { content, .. }
        | Block::Plain { content } => walk(content, &mut out),
        _ => {}
    });
    out
}

/// Steps a kittest harness until `pending()` says the images have decoded (their own thread
/// does it) or five seconds pass, then lets it settle.
pub fn settle_images<S>(h: &mut egui_kittest::Harness<'_, S>, pending: impl Fn(&S) -> bool) {
    for _ in 0..500 {
        h.step();
        if !pending(h.state()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run();
}
