//! What a slide change plays: a transition (each side its own style and speed) or an
//! auto-animate morph, decided from the two slides' attributes as reveal.js decides it.

use super::{Easing, Transition, TransitionPair, speed_secs};
use crate::deck::{Attributes, Deck, ElementTiming, seconds};

/// A slide's auto-animate settings (`data-auto-animate` and its companions).
#[derive(Clone, Debug, PartialEq)]
pub struct AutoAnimate {
    /// `data-auto-animate-id`: only slides with the same id (or both none) morph.
    pub id: Option<String>,
    /// `data-auto-animate-restart`: no morph from the slide before this one.
    pub restart: bool,
    /// Seconds a matched element takes.
    pub duration: f32,
    /// Curve of matched elements.
    pub easing: Easing,
    /// Seconds before matched elements start.
    pub delay: f32,
    /// Whether elements without a match fade in.
    pub unmatched: bool,
    /// The latest end (delay + duration) any element of the slide sets for itself.
    pub longest_element: f32,
}

/// How one slide enters and leaves.
#[derive(Clone, Debug, PartialEq)]
pub struct SlideMotion {
    /// Its transition styles.
    pub transition: TransitionPair,
    /// Its transition speed in seconds.
    pub speed: f32,
    /// Its background transition.
    pub background: Transition,
    /// Its auto-animate settings, when it has `data-auto-animate`.
    pub auto_animate: Option<AutoAnimate>,
    /// Horizontal and vertical index.
    pub at: (usize, usize),
}

impl SlideMotion {
    /// The motion of every slide of `deck`, with `transition` overriding the deck's default.
    pub fn for_deck(deck: &Deck, transition: Option<&str>) -> Vec<SlideMotion> {
        let m = &deck.meta;
        let deck_pair = Transition::parse(transition.unwrap_or(&m.transition))
            .map(TransitionPair::both)
            .unwrap_or(TransitionPair::both(Transition::Slide));
        let deck_bg = Transition::parse(&m.background_transition).unwrap_or(Transition::Fade);
        let deck_easing = Easing::parse(&m.auto_animate_easing).unwrap_or(Easing::EASE);
        deck.slides
            .iter()
            .map(|s| {
                let a: &Attributes = &s.attributes;
                let transition = a
                    .get("data-transition")
                    .map_or(deck_pair, |t| TransitionPair::parse(t, deck_pair));
                let speed = speed_secs(
                    a.get("data-transition-speed")
                        .unwrap_or(&m.transition_speed),
                );
                let background = a
                    .get("data-background-transition")
                    .and_then(Transition::parse)
                    .unwrap_or(deck_bg);
                let auto_animate = a.has("data-auto-animate").then(|| AutoAnimate {
                    id: a.get("data-auto-animate-id").map(str::to_string),
                    restart: a.has("data-auto-animate-restart"),
                    duration: seconds(a.get("data-auto-animate-duration"))
                        .unwrap_or(m.auto_animate_duration),
                    easing: a
                        .get("data-auto-animate-easing")
                        .and_then(Easing::parse)
                        .unwrap_or(deck_easing),
                    delay: seconds(a.get("data-auto-animate-delay")).unwrap_or(0.0),
                    unmatched: a
                        .get("data-auto-animate-unmatched")
                        .map_or(m.auto_animate_unmatched, |v| v.trim() != "false"),
                    longest_element: 0.0,
                });
                let auto_animate = auto_animate.map(|mut aa| {
                    let mut longest = 0.0f32;
                    s.visit_blocks(&mut |b| {
                        let mut metas: Vec<&crate::deck::Meta> = b.meta().into_iter().collect();
                        if let crate::deck::Block::List { items, .. } = b {
                            metas.extend(items.iter().map(|i| &i.meta));
                        }
                        for t in metas
                            .into_iter()
                            .filter_map(|m| ElementTiming::from_attrs(&m.attrs))
                        {
                            longest = longest.max(
                                t.delay.unwrap_or(aa.delay) + t.duration.unwrap_or(aa.duration),
                            );
                        }
                    });
                    aa.longest_element = longest;
                    aa
                });
                SlideMotion {
                    transition,
                    speed,
                    background,
                    auto_animate,
                    at: (s.h, s.v),
                }
            })
            .collect()
    }
}

/// What a change from one slide to another plays.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Both slides move by their transitions.
    Transition {
        /// The old slide's leaving style, its seconds and curve.
        leave: (Transition, f32, Easing),
        /// The new slide's entering style, its seconds and curve.
        enter: (Transition, f32, Easing),
        /// The background's style, seconds and curve.
        background: (Transition, f32, Easing),
        /// Towards later slides.
        forward: bool,
        /// Inside one stack (up and down).
        vertical: bool,
    },
    /// Matched elements glide from the old slide's places to the new one's.
    Morph(AutoAnimate),
}

impl Change {
    /// The change from slide `from` to slide `to` of `motions` (indices into it).
    pub fn between(motions: &[SlideMotion], from: usize, to: usize) -> Option<Change> {
        let (a, b) = (motions.get(from)?, motions.get(to)?);
        let forward = b.at > a.at;
        let vertical = a.at.0 == b.at.0;
        if let (Some(x), Some(y)) = (&a.auto_animate, &b.auto_animate) {
            let later = if forward { y } else { x };
            if x.id == y.id && !later.restart {
                // reveal.js reads the timing from the slide being entered.
                return Some(Change::Morph(y.clone()));
            }
        }
        let timed = |t: Transition, speed: f32| {
            let (secs, easing) = t.timing(speed);
            (t, secs, easing)
        };
        let bg_secs = if b.background == Transition::None {
            0.0
        } else {
            b.speed
        };
        let bg_easing = if b.background == Transition::Zoom {
            Easing::EASE
        } else {
            Easing::SLIDE
        };
        Some(Change::Transition {
            leave: timed(a.transition.leave, a.speed),
            enter: timed(b.transition.enter, b.speed),
            background: (b.background, bg_secs, bg_easing),
            forward,
            vertical,
        })
    }

    /// Seconds until everything has settled (matched elements' own delays aside).
    pub fn duration(&self) -> f32 {
        match self {
            Change::Transition {
                leave,
                enter,
                background,
                ..
            } => leave.1.max(enter.1).max(background.1),
            Change::Morph(a) => (a.delay + a.duration).max(a.longest_element),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(src: &str) -> Deck {
        crate::deck::parse(src, &crate::deck::Options::default()).expect("default separators")
    }

    #[test]
    fn per_slide_transition_speed_and_split_form() {
        let d = deck(
            "# A\n---\n<!-- .slide: data-transition=\"zoom-in fade-out\" data-transition-speed=\"fast\" -->\n# B\n---\n# C\n",
        );
        let m = SlideMotion::for_deck(&d, None);
        assert_eq!(m[0].transition, TransitionPair::both(Transition::Slide));
        assert_eq!(m[1].transition.enter, Transition::Zoom);
        assert_eq!(m[1].transition.leave, Transition::Fade);
        assert_eq!(m[1].speed, 0.4);
        let Some(Change::Transition {
            leave,
            enter,
            forward,
            ..
        }) = Change::between(&m, 0, 1)
        else {
            panic!("a transition");
        };
        assert!(forward);
        assert_eq!(leave.0, Transition::Slide);
        assert_eq!((enter.0, enter.1), (Transition::Zoom, 0.4));
        let Some(Change::Transition { leave, forward, .. }) = Change::between(&m, 1, 0) else {
            panic!("a transition");
        };
        assert!(!forward);
        assert_eq!(
            (leave.0, leave.1),
            (Transition::Fade, 0.5),
            "fade is 0.5 s at any speed"
        );
        let over = SlideMotion::for_deck(&d, Some("none"));
        assert_eq!(over[0].transition, TransitionPair::both(Transition::None));
    }

    #[test]
    fn morphs_need_both_slides_same_id_and_no_restart() {
        let d = deck(concat!(
            "<!-- .slide: data-auto-animate -->\n# A\n---\n",
            "<!-- .slide: data-auto-animate data-auto-animate-duration=\"2\" data-auto-animate-easing=\"linear\" -->\n# A\n---\n",
            "<!-- .slide: data-auto-animate data-auto-animate-restart -->\n# A\n---\n",
            "<!-- .slide: data-auto-animate data-auto-animate-id=\"x\" -->\n# A\n---\n",
            "# plain\n",
        ));
        let m = SlideMotion::for_deck(&d, None);
        match Change::between(&m, 0, 1) {
            Some(Change::Morph(a)) => {
                assert_eq!(a.duration, 2.0);
                assert_eq!(a.easing, Easing::LINEAR);
            }
            other => panic!("expected a morph, got {other:?}"),
        }
        assert!(matches!(Change::between(&m, 1, 0), Some(Change::Morph(a)) if a.duration == 1.0));
        assert!(
            matches!(Change::between(&m, 1, 2), Some(Change::Transition { .. })),
            "restart"
        );
        assert!(
            matches!(Change::between(&m, 2, 1), Some(Change::Transition { .. })),
            "restart backwards"
        );
        assert!(
            matches!(Change::between(&m, 2, 3), Some(Change::Transition { .. })),
            "ids differ"
        );
        assert!(matches!(
            Change::between(&m, 3, 4),
            Some(Change::Transition { .. })
        ));
        assert_eq!(Change::between(&m, 0, 1).map(|c| c.duration()), Some(2.0));
        assert_eq!(Change::between(&m, 0, 9), None);
    }
}
