//! CSS timing functions as reveal.js names them in `data-auto-animate-easing` and
//! `autoAnimateEasing`, and their value at a time fraction. A leaf: imports nothing from the
//! crate, so the deck reads it and `motion` evaluates it without either importing the other.

/// A CSS cubic-bezier timing curve through (0,0), (x1,y1), (x2,y2), (1,1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Easing {
    x1: f32,
    y1: f32,
    x2: f32,
    y2: f32,
}

impl Easing {
    /// CSS `ease`: reveal.js's default for fragments and auto-animate.
    pub const EASE: Easing = Easing::new(0.25, 0.1, 0.25, 1.0);
    /// CSS `linear`.
    pub const LINEAR: Easing = Easing::new(0.0, 0.0, 1.0, 1.0);

    /// A curve from its two control points; x values are clamped to 0..=1 as CSS requires.
    pub const fn new(x1: f32, y1: f32, x2: f32, y2: f32) -> Easing {
        Easing {
            x1: x1.clamp(0.0, 1.0),
            y1,
            x2: x2.clamp(0.0, 1.0),
            y2,
        }
    }

    /// The two control points `[x1, y1, x2, y2]`, for evaluating the curve.
    pub fn control_points(&self) -> [f32; 4] {
        [self.x1, self.y1, self.x2, self.y2]
    }

    /// Reads a CSS timing-function name or `cubic-bezier(a, b, c, d)` (`steps` is not
    /// supported); `None` if it is neither.
    pub fn parse(text: &str) -> Option<Easing> {
        let t = text.trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "ease" => Easing::EASE,
            "linear" => Easing::LINEAR,
            "ease-in" => Easing::new(0.42, 0.0, 1.0, 1.0),
            "ease-out" => Easing::new(0.0, 0.0, 0.58, 1.0),
            "ease-in-out" => Easing::new(0.42, 0.0, 0.58, 1.0),
            _ => {
                let inner = t.strip_prefix("cubic-bezier(")?.strip_suffix(')')?;
                let v: Vec<f32> = inner
                    .split(',')
                    .map(|p| p.trim().parse::<f32>())
                    .collect::<Result<_, _>>()
                    .ok()?;
                match v.as_slice() {
                    [a, b, c, d] if v.iter().all(|x| x.is_finite()) => Easing::new(*a, *b, *c, *d),
                    _ => return None,
                }
            }
        })
    }
}

impl Easing {
    /// The curve reveal.js's stylesheet gives slide transitions.
    pub const SLIDE: Easing = Easing::new(0.26, 0.86, 0.44, 0.985);

    /// Progress along the curve at time fraction `t` (clamped to 0..=1).
    pub fn apply(&self, t: f32) -> f32 {
        if t.is_nan() || t <= 0.0 {
            return 0.0;
        }
        if t >= 1.0 {
            return 1.0;
        }
        let [x1, y1, x2, y2] = [self.x1, self.y1, self.x2, self.y2];
        let bez = |a: f32, b: f32, s: f32| {
            3.0 * a * s * (1.0 - s).powi(2) + 3.0 * b * s * s * (1.0 - s) + s.powi(3)
        };
        // x(s) is monotonic when x1, x2 are in 0..=1: bisection always converges.
        let (mut lo, mut hi) = (0.0f32, 1.0f32);
        for _ in 0..24 {
            let mid = (lo + hi) / 2.0;
            if bez(x1, x2, mid) < t {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        bez(y1, y2, (lo + hi) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_cubic_bezier_parse() {
        assert_eq!(Easing::parse("ease"), Some(Easing::EASE));
        assert_eq!(Easing::parse(" Linear "), Some(Easing::LINEAR));
        assert_eq!(
            Easing::parse("cubic-bezier(0.1, 0.2, 0.3, 0.4)"),
            Some(Easing::new(0.1, 0.2, 0.3, 0.4))
        );
        assert_eq!(Easing::parse("cubic-bezier(1,2)"), None);
        assert_eq!(Easing::parse("bouncy"), None);
        assert_eq!(Easing::parse("cubic-bezier(NaN,0,1,1)"), None);
    }

    #[test]
    fn x_control_points_are_clamped() {
        assert_eq!(
            Easing::new(-1.0, 2.0, 3.0, -2.0).control_points(),
            [0.0, 2.0, 1.0, -2.0]
        );
    }
}

#[cfg(test)]
mod curve_tests {
    use super::*;

    #[test]
    fn curves_run_from_zero_to_one() {
        for e in [Easing::EASE, Easing::LINEAR, Easing::SLIDE] {
            assert_eq!(e.apply(0.0), 0.0);
            assert_eq!(e.apply(1.0), 1.0);
            assert!(e.apply(0.5) > 0.0 && e.apply(0.5) < 1.1);
        }
        assert!((Easing::LINEAR.apply(0.3) - 0.3).abs() < 1e-3);
        // `ease` is ahead of linear at the midpoint (about 0.80).
        assert!((Easing::EASE.apply(0.5) - 0.8024).abs() < 0.01);
        assert_eq!(Easing::EASE.apply(f32::NAN), 0.0);
    }
}
