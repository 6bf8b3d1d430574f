//! CSS timing functions as reveal.js names them in `data-auto-animate-easing` and
//! `autoAnimateEasing`: the parsed value only. A leaf: imports nothing from the crate, so
//! `deck` can read it and `motion` (which evaluates the curve) can use it without either
//! importing the other's room.

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
