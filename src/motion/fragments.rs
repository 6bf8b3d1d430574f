//! reveal.js's fragment styles as data: how an element looks before, while current, and after
//! its step, and how it moves between those looks (`transition: all .2s ease`). Which style an
//! element asked for is read in `deck` (`FragmentStyle`).

use crate::deck::{FragmentStyle, HighlightColor};
use crate::theme::reveal;
use eframe::egui::{Color32, Vec2};

/// reveal.js's fragment transition duration.
pub const FRAGMENT_SECS: f32 = 0.2;

/// The colour a `highlight-*` fragment turns.
fn highlight_rgb(color: HighlightColor) -> Color32 {
    match color {
        HighlightColor::Red => reveal::HIGHLIGHT_RED,
        HighlightColor::Green => reveal::HIGHLIGHT_GREEN,
        HighlightColor::Blue => reveal::HIGHLIGHT_BLUE,
    }
}

/// How an element looks at one instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Visual {
    /// 0 (invisible) to 1.
    pub opacity: f32,
    /// Displacement in canvas pixels.
    pub offset: Vec2,
    /// Scale about the element's centre.
    pub scale: f32,
    /// Text colour override, blended in by `color_mix`.
    pub color: Option<Color32>,
    /// 0 to 1: how much of `color` replaces the text colour.
    pub color_mix: f32,
    /// 0 to 1: how struck-through the element is.
    pub strike: f32,
}

impl Visual {
    /// Fully shown, untouched.
    pub const PLAIN: Visual = Visual {
        opacity: 1.0,
        offset: Vec2::ZERO,
        scale: 1.0,
        color: None,
        color_mix: 0.0,
        strike: 0.0,
    };

    fn lerp(a: Visual, b: Visual, t: f32) -> Visual {
        let l = |x: f32, y: f32| x + (y - x) * t;
        Visual {
            opacity: l(a.opacity, b.opacity),
            offset: a.offset + (b.offset - a.offset) * t,
            scale: l(a.scale, b.scale),
            color: b.color.or(a.color),
            color_mix: l(a.color_mix, b.color_mix),
            strike: l(a.strike, b.strike),
        }
    }

    /// Combines an ancestor's look with a descendant's.
    pub fn then(self, inner: Visual) -> Visual {
        Visual {
            opacity: self.opacity * inner.opacity,
            offset: self.offset + inner.offset,
            scale: self.scale * inner.scale,
            color: inner.color.or(self.color),
            color_mix: inner.color_mix.max(self.color_mix),
            strike: self.strike.max(inner.strike),
        }
    }
}

/// The resting look of a fragment at `step` when `shown` steps are visible.
fn resting(style: FragmentStyle, step: usize, shown: usize) -> Visual {
    let visible = step < shown;
    let current = visible && step + 1 == shown;
    let hidden = |offset: Vec2, scale: f32| Visual {
        opacity: 0.0,
        offset,
        scale,
        ..Visual::PLAIN
    };
    let p = Visual::PLAIN;
    match style {
        FragmentStyle::FadeIn => {
            if visible {
                p
            } else {
                hidden(Vec2::ZERO, 1.0)
            }
        }
        FragmentStyle::FadeOut => {
            if visible {
                hidden(Vec2::ZERO, 1.0)
            } else {
                p
            }
        }
        FragmentStyle::SemiFadeOut => Visual {
            opacity: if visible { 0.5 } else { 1.0 },
            ..p
        },
        FragmentStyle::FadeUp => {
            if visible {
                p
            } else {
                hidden(Vec2::new(0.0, 40.0), 1.0)
            }
        }
        FragmentStyle::FadeDown => {
            if visible {
                p
            } else {
                hidden(Vec2::new(0.0, -40.0), 1.0)
            }
        }
        FragmentStyle::FadeLeft => {
            if visible {
                p
            } else {
                hidden(Vec2::new(40.0, 0.0), 1.0)
            }
        }
        FragmentStyle::FadeRight => {
            if visible {
                p
            } else {
                hidden(Vec2::new(-40.0, 0.0), 1.0)
            }
        }
        FragmentStyle::FadeInThenOut => {
            if current {
                p
            } else {
                hidden(Vec2::ZERO, 1.0)
            }
        }
        FragmentStyle::FadeInThenSemiOut => match (visible, current) {
            (_, true) => p,
            (true, false) => Visual { opacity: 0.5, ..p },
            _ => hidden(Vec2::ZERO, 1.0),
        },
        FragmentStyle::Grow => Visual {
            scale: if visible { 1.3 } else { 1.0 },
            ..p
        },
        FragmentStyle::Shrink => Visual {
            scale: if visible { 0.7 } else { 1.0 },
            ..p
        },
        FragmentStyle::ZoomIn => {
            if visible {
                p
            } else {
                hidden(Vec2::ZERO, 0.1)
            }
        }
        FragmentStyle::Strike => Visual {
            strike: if visible { 1.0 } else { 0.0 },
            ..p
        },
        FragmentStyle::Highlight(c) => Visual {
            color: Some(highlight_rgb(c)),
            color_mix: if visible { 1.0 } else { 0.0 },
            ..p
        },
        FragmentStyle::HighlightCurrent(c) => Visual {
            color: Some(highlight_rgb(c)),
            color_mix: if current { 1.0 } else { 0.0 },
            ..p
        },
        FragmentStyle::Custom => p,
    }
}

/// CSS `ease` (cubic-bezier(0.25, 0.1, 0.25, 1)) at progress `t` in 0..=1.
pub fn ease(t: f32) -> f32 {
    super::Easing::EASE.apply(t)
}

/// The look of a fragment at `step` while the show moves from `from` to `to` shown steps,
/// `t` seconds into the move (backwards plays the same curve in reverse).
pub fn fragment_visual(
    style: FragmentStyle,
    step: usize,
    from: usize,
    to: usize,
    t: f32,
) -> Visual {
    let a = resting(style, step, from);
    let b = resting(style, step, to);
    if a == b || FRAGMENT_SECS <= 0.0 {
        return b;
    }
    Visual::lerp(a, b, ease(t / FRAGMENT_SECS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fade_in_appears_over_its_duration_and_reverses() {
        let s = FragmentStyle::FadeIn;
        assert_eq!(fragment_visual(s, 0, 0, 0, 0.0).opacity, 0.0);
        assert_eq!(fragment_visual(s, 0, 0, 1, 0.0).opacity, 0.0);
        let mid = fragment_visual(s, 0, 0, 1, 0.1).opacity;
        assert!(mid > 0.3 && mid < 1.0, "{mid}");
        assert_eq!(fragment_visual(s, 0, 0, 1, 0.2).opacity, 1.0);
        assert_eq!(fragment_visual(s, 0, 1, 0, 0.2).opacity, 0.0);
        assert!((fragment_visual(s, 0, 1, 0, 0.1).opacity - (1.0 - mid)).abs() < 0.3);
    }

    #[test]
    fn current_only_styles_depend_on_the_current_step() {
        let s = FragmentStyle::FadeInThenOut;
        assert_eq!(resting(s, 0, 1).opacity, 1.0);
        assert_eq!(resting(s, 0, 2).opacity, 0.0);
        let s = FragmentStyle::FadeInThenSemiOut;
        assert_eq!(resting(s, 0, 2).opacity, 0.5);
        let s = FragmentStyle::HighlightCurrent(HighlightColor::Red);
        assert_eq!(resting(s, 1, 2).color_mix, 1.0);
        assert_eq!(resting(s, 1, 2).color, Some(reveal::HIGHLIGHT_RED));
        assert_eq!(resting(s, 1, 3).color_mix, 0.0);
    }

    #[test]
    fn fade_up_moves_and_ease_is_monotonic() {
        let v = resting(FragmentStyle::FadeUp, 0, 0);
        assert_eq!(v.offset, Vec2::new(0.0, 40.0));
        let mut prev = 0.0;
        for i in 0..=20 {
            let e = ease(i as f32 / 20.0);
            assert!(e >= prev - 1e-4);
            prev = e;
        }
        assert!((ease(1.0) - 1.0).abs() < 1e-3 && ease(0.0).abs() < 1e-3);
    }
}
