//! Motion as data: which seed elements auto-animate pairs, where they are at any instant of a
//! morph (injected seconds, no clock), and what a slide change plays.

use eframe::egui::{Rect, Vec2};
use eframe::epaint::text::{Fonts, TextOptions};
use rostra::deck::{self, Options};
use rostra::media::FileImageSizes;
use rostra::motion::morph::{Side, morph_frame, pair_items};
use rostra::motion::{Change, SlideMotion, Transition};
use rostra::scene::{ItemKind, LayoutInput, Scene, layout};
use rostra::show::{Command, Show};
use rostra::theme::{Theme, fonts};
use std::path::PathBuf;

fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4")
}

fn seed() -> deck::Deck {
    deck::load(&seed_dir().join("slides.md"), &Options::default()).expect("seed loads")
}

fn scenes(d: &deck::Deck) -> Vec<Scene> {
    let mut f = Fonts::new(TextOptions::default(), fonts::definitions());
    let mut view = f.with_pixels_per_point(1.0);
    let theme = Theme::black();
    let images = FileImageSizes::new(seed_dir());
    d.slides
        .iter()
        .map(|slide| {
            let input = LayoutInput {
                slide,
                theme: &theme,
                canvas: Vec2::new(960.0, 700.0),
                scale: 1.0,
                images: &images,
            };
            layout(&input, &mut view)
        })
        .collect()
}

fn index_of_text(scene: &Scene, needle: &str) -> usize {
    scene
        .items
        .iter()
        .position(|i| matches!(&i.kind, ItemKind::Text(g) if g.text().eq_ignore_ascii_case(needle)))
        .unwrap_or_else(|| panic!("no text item {needle:?}"))
}

#[test]
fn seed_auto_animate_pairs_are_the_ones_reveal_js_animates() {
    let d = seed();
    let motions = SlideMotion::for_deck(&d, None);
    let morphs: Vec<(usize, usize)> = (0..d.slides.len() - 1)
        .filter(|&i| matches!(Change::between(&motions, i, i + 1), Some(Change::Morph(_))))
        .map(|i| (i + 1, i + 2))
        .collect();
    // Consecutive slides that both carry data-auto-animate (1-based numbers).
    let expected: Vec<(usize, usize)> = (0..d.slides.len() - 1)
        .filter(|&i| {
            d.slides[i].attributes.has("data-auto-animate")
                && d.slides[i + 1].attributes.has("data-auto-animate")
        })
        .map(|i| (i + 1, i + 2))
        .collect();
    assert_eq!(morphs, expected);
    assert!(
        morphs.contains(&(4, 5)),
        "section title 0 -> its first slide"
    );
    assert!(
        morphs.contains(&(6, 7)),
        "section title 1 -> its first slide"
    );
    // Slides without the attribute play the deck's slide transition.
    match Change::between(&motions, 0, 1) {
        Some(Change::Transition { leave, enter, .. }) => {
            assert_eq!((leave.0, enter.0), (Transition::Slide, Transition::Slide));
            assert_eq!(enter.1, 0.8);
        }
        other => panic!("expected a transition, got {other:?}"),
    }
}

#[test]
fn section_title_glides_from_centre_to_top() {
    let d = seed();
    let sc = scenes(&d);
    let (old, new) = (&sc[5], &sc[6]);
    let pairing = pair_items(old, new);
    let title = "1. 동시성 프로그래밍";
    let (i, j) = (index_of_text(old, title), index_of_text(new, title));
    assert!(
        pairing.pairs.contains(&(i, j)),
        "the heading pairs: {pairing:?}"
    );
    let (from, to) = (old.items[i].rect, new.items[j].rect);
    assert!(
        from.center().y > to.center().y + 100.0,
        "centre {from:?} -> top {to:?}"
    );
    let Some(Change::Morph(timing)) = Change::between(&SlideMotion::for_deck(&d, None), 5, 6)
    else {
        panic!("a morph");
    };
    assert_eq!(timing.duration, 1.0, "reveal.js's default duration");
    let at = |secs: f32| -> Rect {
        morph_frame(old, new, &pairing, &timing, secs)
            .into_iter()
            .find(|g| g.side == Side::New && g.index == j)
            .map(|g| g.rect)
            .expect("the heading is drawn")
    };
    assert!((at(0.0).center() - from.center()).length() < 0.01);
    assert!((at(1.0).center() - to.center()).length() < 0.01);
    // Half way in time, `ease` has covered about 80% of the distance.
    let mid = at(0.5).center();
    let covered = (mid.y - from.center().y) / (to.center().y - from.center().y);
    assert!((covered - 0.8024).abs() < 0.01, "covered {covered}");
    // Its size moves between the two looks.
    let (lo, hi) = (
        from.height().min(to.height()),
        from.height().max(to.height()),
    );
    assert!(at(0.5).height() >= lo - 0.01 && at(0.5).height() <= hi + 0.01);
    // The old look fades out over the new one; gone at the end.
    let old_ghost = |secs: f32| {
        morph_frame(old, new, &pairing, &timing, secs)
            .into_iter()
            .find(|g| g.side == Side::Old && g.index == i)
            .map(|g| g.opacity)
    };
    assert_eq!(old_ghost(0.0), Some(1.0));
    assert!(old_ghost(0.5).is_some_and(|o| o < 0.5));
    assert_eq!(old_ghost(1.0), None);
}

#[test]
fn unmatched_items_fade_in_after_a_fifth_of_the_duration() {
    let d = seed();
    let sc = scenes(&d);
    let (old, new) = (&sc[5], &sc[6]);
    let pairing = pair_items(old, new);
    let Some(Change::Morph(timing)) = Change::between(&SlideMotion::for_deck(&d, None), 5, 6)
    else {
        panic!("a morph");
    };
    let sub = index_of_text(new, "병렬(Parallelism)");
    assert!(pairing.entering.contains(&sub));
    let opacity = |secs: f32| {
        morph_frame(old, new, &pairing, &timing, secs)
            .into_iter()
            .find(|g| g.side == Side::New && g.index == sub)
            .map_or(0.0, |g| g.opacity)
    };
    assert_eq!(opacity(0.0), 0.0);
    assert_eq!(opacity(0.2), 0.0, "0.2 s delay at the default 1 s");
    assert!(opacity(0.6) > 0.3 && opacity(0.6) < 1.0);
    assert_eq!(opacity(1.0), 1.0);
    // The divider's heading morphs into the new slide's: nothing of the old slide is left
    // to fade out (reveal.js draws no bar of its own under a `section-title`).
    assert!(pairing.leaving.is_empty(), "{:?}", pairing.leaving);
}

#[test]
fn code_lines_pair_by_text_inside_blocks_with_the_same_data_id() {
    let d = deck::parse(
        concat!(
            "<!-- .slide: data-auto-animate -->\n",
            "```python\nimport asyncio\nprint(1)\n```\n<!-- .element: data-id=\"code\" -->\n",
            "---\n<!-- .slide: data-auto-animate -->\n",
            "```python\nimport asyncio\n\nasync def main():\n    pass\nprint(1)\n```\n<!-- .element: data-id=\"code\" -->\n",
        ),
        &Options::default(),
    )
    .expect("parses");
    let sc = scenes(&d);
    let pairing = pair_items(&sc[0], &sc[1]);
    let key = |s: &Scene, n: usize| s.items[n].key.clone();
    let paired: Vec<(String, String)> = pairing
        .pairs
        .iter()
        .map(|&(i, j)| (key(&sc[0], i), key(&sc[1], j)))
        .collect();
    assert!(
        paired
            .iter()
            .any(|(a, _)| a.ends_with("line:import asyncio")),
        "{paired:?}"
    );
    assert!(
        paired.iter().any(|(a, _)| a.ends_with("line:print(1)")),
        "{paired:?}"
    );
    assert!(
        paired.iter().any(|(a, _)| a.ends_with(":bg")),
        "the block box resizes"
    );
    let p_old = index_of_text(&sc[0], "print(1)");
    let p_new = index_of_text(&sc[1], "print(1)");
    assert!(sc[1].items[p_new].rect.top() > sc[0].items[p_old].rect.top() + 20.0);
    let entering: Vec<String> = pairing.entering.iter().map(|&j| key(&sc[1], j)).collect();
    assert!(
        entering
            .iter()
            .any(|k| k.ends_with("line:async def main():")),
        "{entering:?}"
    );
}

#[test]
fn repeated_texts_pair_in_order_and_restart_breaks_the_chain() {
    let d = deck::parse(
        concat!(
            "<!-- .slide: data-auto-animate -->\n- a\n- a\n- b\n",
            "---\n<!-- .slide: data-auto-animate -->\n- a\n- b\n- a\n- a\n",
            "---\n<!-- .slide: data-auto-animate data-auto-animate-restart -->\n- a\n",
        ),
        &Options::default(),
    )
    .expect("parses");
    let sc = scenes(&d);
    let pairing = pair_items(&sc[0], &sc[1]);
    let texts = |s: &Scene, n: usize| match &s.items[n].kind {
        ItemKind::Text(g) => g.text().to_string(),
        _ => String::new(),
    };
    let pairs: Vec<(String, String)> = pairing
        .pairs
        .iter()
        .filter(|&&(i, _)| !sc[0].items[i].key.starts_with("bullet"))
        .map(|&(i, j)| (texts(&sc[0], i), texts(&sc[1], j)))
        .collect();
    assert_eq!(
        pairs.iter().filter(|(a, b)| a == "a" && b == "a").count(),
        2
    );
    assert_eq!(
        pairs.iter().filter(|(a, b)| a == "b" && b == "b").count(),
        1
    );
    let motions = SlideMotion::for_deck(&d, None);
    assert!(matches!(
        Change::between(&motions, 0, 1),
        Some(Change::Morph(_))
    ));
    assert!(matches!(
        Change::between(&motions, 1, 2),
        Some(Change::Transition { .. })
    ));
}

#[test]
fn a_second_key_during_a_transition_finishes_it_and_starts_the_next() {
    let d = seed();
    let mut show = Show::new(&d);
    show.apply(&Command::Next, 10.0);
    let first = show.slide_move(10.1).cloned().expect("a transition plays");
    assert_eq!((first.from, first.to), (0, 1));
    show.apply(&Command::Next, 10.2);
    let second = show.slide_move(10.25).cloned().expect("the next one plays");
    assert_eq!(
        (second.from, second.to),
        (1, 2),
        "starts from where the first was going"
    );
    assert_eq!(show.position().slide, 2);
    assert!(
        show.slide_move(10.2 + 0.81).is_none(),
        "0.8 s later it is over"
    );
    // Going back plays the reverse.
    show.apply(&Command::Prev, 20.0);
    match show.slide_move(20.1).map(|m| m.change.clone()) {
        Some(Change::Transition { forward, .. }) => assert!(!forward),
        other => panic!("expected a transition, got {other:?}"),
    }
    // --transition none: the slides switch at once (only a background change may fade).
    let mut still = Show::with_transition(&d, Some("none"));
    still.apply(&Command::Next, 1.0);
    match still.slide_move(1.0).map(|m| m.change.clone()) {
        Some(Change::Transition { leave, enter, .. }) => {
            assert_eq!(
                (leave.0, leave.1, enter.0, enter.1),
                (Transition::None, 0.0, Transition::None, 0.0)
            );
        }
        other => panic!("expected an instant transition, got {other:?}"),
    }
}

#[test]
fn overview_moves_between_slides_and_closes_on_the_chosen_one() {
    let d = seed();
    let mut show = Show::new(&d);
    show.apply(&Command::ToggleOverview, 0.0);
    assert!(show.overview_open());
    show.apply(&Command::Right, 0.1);
    show.apply(&Command::Right, 0.2);
    assert_eq!(show.position().slide, 2);
    assert!(
        show.slide_move(0.2).is_none(),
        "no transition inside the overview"
    );
    show.apply(&Command::GoTo(9), 0.3);
    assert!(!show.overview_open());
    assert_eq!(show.position().slide, 8);
    assert!(show.overview(0.3 + 0.1).is_some(), "zooming back in");
    assert!(show.overview(0.3 + 1.0).is_none());
    show.apply(&Command::ToggleOverview, 2.0);
    show.apply(&Command::Dismiss, 2.1);
    assert!(!show.overview_open());
}
