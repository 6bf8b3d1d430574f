//! Evaluating CSS timing curves over time. The curve itself (`deck::Easing`, parsed from the
//! deck's attributes) is deck vocabulary; here it gets the slide-transition curve and `apply`.

pub use crate::deck::Easing;

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
        let [x1, y1, x2, y2] = self.control_points();
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
