//! Keeping the speaker's place when the deck is saved and reloaded.

use super::Position;
use crate::deck::Deck;

/// Where the talk should be in `new` after a reload from `old` at `at`: the slide with the same
/// `id` if the current one has an id, else the same place (h, v) if it still exists, else the
/// same index; fragment steps kept as far as the slide still has them.
pub fn carry_position(old: &Deck, at: Position, new: &Deck) -> Position {
    let clamp = |slide: usize| {
        let slide = slide.min(new.slides.len().saturating_sub(1));
        let steps = new.slides.get(slide).map_or(0, |s| s.fragment_steps);
        Position {
            slide,
            shown: at.shown.min(steps),
        }
    };
    let Some(cur) = old.slides.get(at.slide) else {
        return clamp(at.slide);
    };
    if let Some(id) = cur.attributes.get("id")
        && let Some(i) = new
            .slides
            .iter()
            .position(|s| s.attributes.get("id") == Some(id))
    {
        return clamp(i);
    }
    if let Some(i) = new.slides.iter().position(|s| s.h == cur.h && s.v == cur.v) {
        return clamp(i);
    }
    clamp(at.slide)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_keeps_the_place_by_id_then_by_position() {
        let opts = crate::deck::Options::default();
        let parse = |s: &str| crate::deck::parse(s, &opts).expect("parses");
        let old = parse(
            "# A\n---\n<!-- .slide: id=\"x\" -->\n# B\n\n- a <!-- .element: class=\"fragment\" -->\n- b <!-- .element: class=\"fragment\" -->\n---\n# C\n",
        );
        let at = Position { slide: 1, shown: 2 };
        // A slide inserted before: the id follows the slide.
        let moved = parse(
            "# New\n---\n# A\n---\n<!-- .slide: id=\"x\" -->\n# B\n\n- a <!-- .element: class=\"fragment\" -->\n---\n# C\n",
        );
        assert_eq!(
            carry_position(&old, at, &moved),
            Position { slide: 2, shown: 1 }
        );
        // No id: same place.
        let at = Position { slide: 2, shown: 0 };
        let same = parse("# A2\n---\n# B2\n---\n# C2\n");
        assert_eq!(
            carry_position(&old, at, &same),
            Position { slide: 2, shown: 0 }
        );
        // Deck got shorter: the last slide.
        let short = parse("# only\n");
        assert_eq!(
            carry_position(&old, at, &short),
            Position { slide: 0, shown: 0 }
        );
    }
}
