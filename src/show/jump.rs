//! Finding a slide from what the speaker types after G, or from a link's `#/...` target, as
//! reveal.js's jump-to-slide and its hash links read them. Pure: deck and text in, places out.

use crate::deck::{Deck, Slide};

/// A slide a query found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JumpMatch {
    /// Index into the deck's slides.
    pub slide: usize,
    /// Horizontal index.
    pub h: usize,
    /// Vertical index.
    pub v: usize,
    /// What the prompt lists: the slide number and its title.
    pub label: String,
}

/// How many text matches the prompt lists.
pub const MAX_MATCHES: usize = 8;

/// The slides `query` names, best first: a number (`7`, the horizontal slide as the screen
/// shows it), `h.v` or `h/v`, a slide's or element's id, else every slide whose title or
/// text holds the query as whole words (case-insensitive), as reveal.js's search does.
pub fn find(deck: &Deck, query: &str) -> Vec<JumpMatch> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    let one_based = |s: &str| s.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
    if q.chars().all(|c| c.is_ascii_digit()) {
        return one_based(q)
            .and_then(|h| place(deck, h, 0))
            .into_iter()
            .collect();
    }
    if let Some((a, b)) = q.split_once(['.', '/'])
        && !a.is_empty()
        && !b.is_empty()
        && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    {
        return one_based(a)
            .zip(one_based(b))
            .and_then(|(h, v)| place(deck, h, v))
            .into_iter()
            .collect();
    }
    if let Some(m) = by_id(deck, q) {
        return vec![m];
    }
    // reveal.js searches only from two characters on.
    if q.chars().count() < 2 {
        return Vec::new();
    }
    let words = q.to_lowercase();
    deck.slides
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let text = format!("{} {}", title(s), s.text()).to_lowercase();
            holds_words(&text, &words)
        })
        .take(MAX_MATCHES)
        .map(|(i, s)| matched(i, s))
        .collect()
}

/// The slide a link's target names: `#/2`, `#/2/1` (0-based, as reveal.js's hash), or
/// `#/some-id` (a slide's or an element's id). `None` for anything else.
pub fn link_target(deck: &Deck, href: &str) -> Option<JumpMatch> {
    let i = crate::deck::links::link_target(deck, href)?;
    deck.slides.get(i).map(|s| matched(i, s))
}

fn place(deck: &Deck, h: usize, v: usize) -> Option<JumpMatch> {
    deck.slides
        .iter()
        .enumerate()
        .find(|(_, s)| s.h == h && s.v == v)
        .map(|(i, s)| matched(i, s))
}

fn by_id(deck: &Deck, id: &str) -> Option<JumpMatch> {
    let i = crate::deck::links::slide_with_id(deck, id)?;
    deck.slides.get(i).map(|s| matched(i, s))
}

fn title(slide: &Slide) -> String {
    slide
        .headings()
        .into_iter()
        .next()
        .map(|(_, t)| t)
        .unwrap_or_default()
}

fn matched(i: usize, s: &Slide) -> JumpMatch {
    let number = if s.v > 0 {
        format!("{}.{}", s.h + 1, s.v + 1)
    } else {
        format!("{}", s.h + 1)
    };
    let t = title(s);
    let t = if t.trim().is_empty() {
        s.text().chars().take(40).collect()
    } else {
        t
    };
    JumpMatch {
        slide: i,
        h: s.h,
        v: s.v,
        label: format!("{number}  {}", t.trim()),
    }
}

/// `\bquery\b` on lower-cased text: the query stands between non-word characters.
fn holds_words(text: &str, query: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut from = 0;
    while let Some(at) = text[from..].find(query) {
        let start = from + at;
        let end = start + query.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let first = query.chars().next();
        let last = query.chars().next_back();
        // A boundary is only needed where the query itself starts or ends with a word character.
        let ok_start = !word(first) || !word(before);
        let ok_end = !word(last) || !word(after);
        if ok_start && ok_end {
            return true;
        }
        from = start + query.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Options, parse};

    fn deck() -> Deck {
        parse(
            "# Welcome\n---\n# Dining philosophers\nforks and bowls\n----\n<!-- .slide: id=\"deadlock\" -->\n## Deadlock\n---\n## Summary\n<p id=\"refs\">Reading list</p>",
            &Options::default(),
        )
        .unwrap()
    }

    fn slides(found: &[JumpMatch]) -> Vec<usize> {
        found.iter().map(|m| m.slide).collect()
    }

    #[test]
    fn numbers_name_the_horizontal_slide_and_h_v_a_stack_slide() {
        let d = deck();
        assert_eq!(slides(&find(&d, "2")), vec![1]);
        assert_eq!(slides(&find(&d, "2.2")), vec![2]);
        assert_eq!(slides(&find(&d, "2/2")), vec![2]);
        assert_eq!(slides(&find(&d, "3")), vec![3]);
        assert!(find(&d, "9").is_empty());
        assert!(find(&d, "0").is_empty());
        assert_eq!(find(&d, "2.2")[0].label, "2.2  Deadlock");
    }

    #[test]
    fn ids_then_whole_words_of_titles_and_text() {
        let d = deck();
        assert_eq!(slides(&find(&d, "deadlock")), vec![2], "an id first");
        assert_eq!(slides(&find(&d, "refs")), vec![3], "an element's id");
        assert_eq!(slides(&find(&d, "FORKS")), vec![1]);
        assert!(
            find(&d, "fork").is_empty(),
            "whole words only, as \\b in reveal.js"
        );
        assert_eq!(slides(&find(&d, "reading list")), vec![3]);
        assert!(find(&d, "s").is_empty(), "one letter searches nothing");
    }

    #[test]
    fn links_take_zero_based_places_and_ids() {
        let d = deck();
        assert_eq!(link_target(&d, "#/1").map(|m| m.slide), Some(1));
        assert_eq!(link_target(&d, "#/1/1").map(|m| m.slide), Some(2));
        assert_eq!(link_target(&d, "#/deadlock").map(|m| m.slide), Some(2));
        assert_eq!(link_target(&d, "#/refs").map(|m| m.slide), Some(3));
        assert_eq!(link_target(&d, "#/").map(|m| m.slide), Some(0));
        assert_eq!(link_target(&d, "#/nope"), None);
        assert_eq!(link_target(&d, "#/7"), None);
        assert_eq!(link_target(&d, "https://x.y/#/1"), None);
    }
}
