//! Slide transitions as reveal.js names them (`none`, `fade`, `slide`, `convex`, `concave`,
//! `zoom`, and the split form `slide-in fade-out`), as a pose for the leaving and the entering
//! slide at any progress. Pure: the caller passes eased progress.

use super::Easing;
use eframe::egui::{Vec2, vec2};

/// One reveal.js transition style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// Instant switch.
    None,
    /// Cross-fade.
    Fade,
    /// Slides move sideways (or up and down inside a stack): reveal.js's default.
    Slide,
    /// A cube turning outwards: each slide turns away about its centre, in perspective.
    Convex,
    /// A cube turning inwards: each slide swings towards the viewer, in perspective.
    Concave,
    /// The old slide zooms past the viewer, the new one grows from the centre.
    Zoom,
}

impl Transition {
    /// The style named `name`, or `None` when reveal.js has no such transition.
    pub fn parse(name: &str) -> Option<Transition> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "none" => Transition::None,
            "fade" => Transition::Fade,
            "slide" | "linear" => Transition::Slide,
            "convex" | "default" => Transition::Convex,
            "concave" => Transition::Concave,
            "zoom" => Transition::Zoom,
            _ => return None,
        })
    }
}

/// How a slide enters and how it leaves (`data-transition="slide-in fade-out"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TransitionPair {
    /// Used when the slide becomes current.
    pub enter: Transition,
    /// Used when it stops being current.
    pub leave: Transition,
}

impl TransitionPair {
    /// The same style both ways.
    pub fn both(t: Transition) -> TransitionPair {
        TransitionPair { enter: t, leave: t }
    }

    /// Reads a `data-transition` value. A plain name sets both ways; `X-in` and `Y-out` set one
    /// way each, and a way left unnamed is a plain fade (reveal.js's base rule: no transform,
    /// opacity only). Unknown words are ignored; if nothing is understood, `fallback` is used.
    pub fn parse(text: &str, fallback: TransitionPair) -> TransitionPair {
        let mut enter = None;
        let mut leave = None;
        let mut plain = None;
        for word in text.split_whitespace() {
            let w = word.to_ascii_lowercase();
            if let Some(t) = w.strip_suffix("-in").and_then(Transition::parse) {
                enter = Some(t);
            } else if let Some(t) = w.strip_suffix("-out").and_then(Transition::parse) {
                leave = Some(t);
            } else if let Some(t) = Transition::parse(&w) {
                plain = Some(t);
            }
        }
        match (plain, enter, leave) {
            (Some(p), None, None) => TransitionPair::both(p),
            (p, None, None) if p.is_none() => fallback,
            (p, e, l) => TransitionPair {
                enter: e.or(p).unwrap_or(Transition::Fade),
                leave: l.or(p).unwrap_or(Transition::Fade),
            },
        }
    }
}

/// reveal.js's transition speeds in seconds: `default` 0.8, `fast` 0.4, `slow` 1.2.
pub fn speed_secs(name: &str) -> f32 {
    match name.trim().to_ascii_lowercase().as_str() {
        "fast" => 0.4,
        "slow" => 1.2,
        _ => 0.8,
    }
}

impl Transition {
    /// How long it runs and with which curve, at a speed of `speed` seconds. reveal.js's
    /// stylesheet fixes `fade` at 0.5 s `ease` whatever the speed, and gives `zoom` `ease`.
    pub fn timing(self, speed: f32) -> (f32, Easing) {
        match self {
            Transition::None => (0.0, Easing::LINEAR),
            Transition::Fade => (0.5, Easing::EASE),
            Transition::Zoom => (speed, Easing::EASE),
            _ => (speed, Easing::SLIDE),
        }
    }
}

/// Which side of a change a slide is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The slide that was current.
    Leaving,
    /// The slide becoming current.
    Entering,
}

/// Where and how a slide is drawn: offset as a fraction of the canvas size, uniform scale
/// about the canvas centre, opacity, and for the 3D styles a turn in space between two moves
/// (reveal.js's `translate3d(pre) rotate(turn) translate3d(offset)`, read right to left).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pose {
    /// Offset in canvas widths (x) and heights (y); for a turned pose, the move after the turn.
    pub offset: Vec2,
    /// Scale about the canvas centre.
    pub scale: f32,
    /// Opacity, 0..=1.
    pub opacity: f32,
    /// The move before the turn, in canvas widths and heights.
    pub pre: Vec2,
    /// Degrees turned about the x axis (`rotateX`) and the y axis (`rotateY`).
    pub turn: Vec2,
}

impl Pose {
    /// Drawn as laid out.
    pub const REST: Pose = Pose {
        offset: Vec2::ZERO,
        scale: 1.0,
        opacity: 1.0,
        pre: Vec2::ZERO,
        turn: Vec2::ZERO,
    };

    /// Whether the pose turns the slide in space (drawn through a perspective).
    pub fn is_turned(&self) -> bool {
        self.turn != Vec2::ZERO || self.pre != Vec2::ZERO
    }

    fn lerp(a: Pose, b: Pose, e: f32) -> Pose {
        // Scale interpolates geometrically so a zoom of 16x does not rush its start.
        let scale = (a.scale.ln() + (b.scale.ln() - a.scale.ln()) * e).exp();
        // CSS interpolates each transform function's numbers on their own.
        Pose {
            offset: a.offset + (b.offset - a.offset) * e,
            scale,
            opacity: a.opacity + (b.opacity - a.opacity) * e,
            pre: a.pre + (b.pre - a.pre) * e,
            turn: a.turn + (b.turn - a.turn) * e,
        }
    }
}

/// The pose a slide has when it is out of view on one side: `past` (already shown) or future,
/// along the vertical axis inside a stack.
fn away(t: Transition, past: bool, vertical: bool) -> Pose {
    let sign = if past { -1.0 } else { 1.0 };
    let along = |d: f32| {
        if vertical {
            vec2(0.0, d * sign)
        } else {
            vec2(d * sign, 0.0)
        }
    };
    match t {
        Transition::None | Transition::Fade => Pose {
            opacity: 0.0,
            ..Pose::REST
        },
        // Past and future slides are transparent in reveal.js, so every move is also a fade.
        Transition::Slide => Pose {
            offset: along(1.5),
            opacity: 0.0,
            ..Pose::REST
        },
        // reveal.js: `translate3d(∓100%,0,0) rotateY(∓90deg) translate3d(∓100%,0,0)`, and in
        // a stack `translate3d(0,∓300px,0) rotateX(±70deg) translate3d(0,∓300px,0)` (300px of
        // the default 700px-high canvas).
        Transition::Convex => {
            let d = if vertical { 300.0 / 700.0 } else { 1.0 };
            Pose {
                offset: along(d),
                pre: along(d),
                turn: if vertical {
                    vec2(-70.0 * sign, 0.0)
                } else {
                    vec2(0.0, 90.0 * sign)
                },
                opacity: 0.0,
                ..Pose::REST
            }
        }
        // The same moves with the turns the other way; in a stack, moves of 80%.
        Transition::Concave => {
            let d = if vertical { 0.8 } else { 1.0 };
            Pose {
                offset: along(d),
                pre: along(d),
                turn: if vertical {
                    vec2(70.0 * sign, 0.0)
                } else {
                    vec2(0.0, -90.0 * sign)
                },
                opacity: 0.0,
                ..Pose::REST
            }
        }
        Transition::Zoom => Pose {
            scale: if past { 16.0 } else { 0.2 },
            opacity: 0.0,
            ..Pose::REST
        },
    }
}

/// The pose of a slide playing `t` in `role`, at eased progress `e` (0 = change begins,
/// 1 = done). `forward` is the reading direction of the change; going back plays the reverse.
pub fn transition_pose(t: Transition, role: Role, forward: bool, vertical: bool, e: f32) -> Pose {
    let e = if e.is_nan() { 1.0 } else { e.clamp(0.0, 1.0) };
    if t == Transition::None {
        let visible = match role {
            Role::Leaving => e <= 0.0,
            Role::Entering => true,
        };
        return Pose {
            opacity: if visible { 1.0 } else { 0.0 },
            ..Pose::REST
        };
    }
    match role {
        // Forward, the old slide goes into the past; backward, into the future.
        Role::Leaving => Pose::lerp(Pose::REST, away(t, forward, vertical), e),
        Role::Entering => Pose::lerp(away(t, !forward, vertical), Pose::REST, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_form_and_fallback() {
        let deck = TransitionPair::both(Transition::Slide);
        assert_eq!(
            TransitionPair::parse("fade", deck),
            TransitionPair::both(Transition::Fade)
        );
        assert_eq!(
            TransitionPair::parse("slide-in fade-out", deck),
            TransitionPair {
                enter: Transition::Slide,
                leave: Transition::Fade
            }
        );
        assert_eq!(
            TransitionPair::parse("zoom-in", deck),
            TransitionPair {
                enter: Transition::Zoom,
                leave: Transition::Fade
            }
        );
        assert_eq!(TransitionPair::parse("wobble", deck), deck);
        assert_eq!(TransitionPair::parse("", deck), deck);
    }

    #[test]
    fn slide_moves_one_and_a_half_canvases_and_reverses() {
        let out = transition_pose(Transition::Slide, Role::Leaving, true, false, 1.0);
        assert_eq!(out.offset, vec2(-1.5, 0.0));
        let half = transition_pose(Transition::Slide, Role::Entering, true, false, 0.5);
        assert_eq!(half.offset, vec2(0.75, 0.0));
        let back = transition_pose(Transition::Slide, Role::Entering, false, false, 0.0);
        assert_eq!(
            back.offset,
            vec2(-1.5, 0.0),
            "going back, the slide comes from the left"
        );
        let down = transition_pose(Transition::Slide, Role::Entering, true, true, 0.0);
        assert_eq!(down.offset, vec2(0.0, 1.5), "inside a stack, from below");
        assert_eq!(
            transition_pose(Transition::Slide, Role::Entering, true, false, 1.0),
            Pose::REST
        );
    }

    #[test]
    fn convex_and_concave_turn_opposite_ways_as_reveal_js_does() {
        let out = transition_pose(Transition::Convex, Role::Leaving, true, false, 1.0);
        assert_eq!(out.turn, vec2(0.0, -90.0));
        assert_eq!((out.pre, out.offset), (vec2(-1.0, 0.0), vec2(-1.0, 0.0)));
        let half = transition_pose(Transition::Convex, Role::Entering, true, false, 0.5);
        assert_eq!(half.turn, vec2(0.0, 45.0));
        assert!(half.is_turned() && !Pose::REST.is_turned());
        let cc = transition_pose(Transition::Concave, Role::Leaving, true, false, 1.0);
        assert_eq!(cc.turn, -out.turn);
        let down = transition_pose(Transition::Convex, Role::Leaving, true, true, 1.0);
        assert_eq!(
            down.turn,
            vec2(70.0, 0.0),
            "past, in a stack: rotateX(70deg)"
        );
        assert!((down.offset.y + 300.0 / 700.0).abs() < 1e-6);
        let cc_down = transition_pose(Transition::Concave, Role::Entering, true, true, 0.0);
        assert_eq!(
            cc_down.turn,
            vec2(70.0, 0.0),
            "future, in a stack: rotateX(70deg)"
        );
        assert_eq!(cc_down.offset, vec2(0.0, 0.8));
    }

    #[test]
    fn fade_zoom_and_none() {
        let f = transition_pose(Transition::Fade, Role::Leaving, true, false, 0.25);
        assert!((f.opacity - 0.75).abs() < 1e-6 && f.offset == Vec2::ZERO);
        let z = transition_pose(Transition::Zoom, Role::Leaving, true, false, 1.0);
        assert!((z.scale - 16.0).abs() < 1e-3 && z.opacity == 0.0);
        let z = transition_pose(Transition::Zoom, Role::Entering, true, false, 0.0);
        assert!((z.scale - 0.2).abs() < 1e-4);
        let z = transition_pose(Transition::Zoom, Role::Entering, true, false, 0.5);
        assert!(
            (z.scale - (0.2f32).sqrt()).abs() < 1e-3,
            "geometric: {}",
            z.scale
        );
        assert_eq!(
            transition_pose(Transition::None, Role::Leaving, true, false, 0.1).opacity,
            0.0
        );
        assert_eq!(speed_secs("fast"), 0.4);
        assert_eq!(speed_secs("slow"), 1.2);
        assert_eq!(speed_secs("whatever"), 0.8);
    }
}
