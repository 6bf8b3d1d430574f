//! CSS gradients as data: reveal.js themes' radial backgrounds and `data-background-gradient`
//! (`linear-gradient(...)`, `radial-gradient(...)`), parsed and sampled at any point of the
//! screen rectangle they fill. Painting turns samples into a mesh (`ui::paint_background`).

use super::parse_color;
use eframe::egui::{Color32, Pos2, Rect};

/// The shape of a gradient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GradientShape {
    /// Along a line at `angle` degrees, CSS's way: 0 points up, 90 right, 180 (the default)
    /// down.
    Linear {
        /// The CSS angle in degrees.
        angle: f32,
    },
    /// From the centre out to the farthest corner, a circle or (CSS's default) an ellipse of
    /// the rectangle's proportions.
    Radial {
        /// `circle` rather than `ellipse`.
        circle: bool,
    },
}

/// A gradient: its shape and its colour stops (position 0 to 1, colour), in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradient {
    /// Linear or radial.
    pub shape: GradientShape,
    /// At least two stops, positions non-decreasing.
    pub stops: Vec<(f32, Color32)>,
}

impl Gradient {
    /// A circle from `inner` at the centre to `outer` at the corners (reveal.js's themes).
    pub fn radial(inner: Color32, outer: Color32) -> Gradient {
        Gradient {
            shape: GradientShape::Radial { circle: true },
            stops: vec![(0.0, inner), (1.0, outer)],
        }
    }

    /// Reads a CSS `linear-gradient(...)` or `radial-gradient(...)`; `None` for anything else
    /// or fewer than two colours.
    pub fn parse(css: &str) -> Option<Gradient> {
        let t = css.trim().to_ascii_lowercase();
        let (radial, args) = if let Some(rest) = t.strip_prefix("linear-gradient(") {
            (false, rest)
        } else if let Some(rest) = t.strip_prefix("radial-gradient(") {
            (true, rest)
        } else {
            return None;
        };
        let args = args.trim_end().strip_suffix(')')?;
        let parts = split_top_level(args);
        let mut shape = if radial {
            GradientShape::Radial { circle: false }
        } else {
            GradientShape::Linear { angle: 180.0 }
        };
        let mut colours: Vec<(Option<f32>, Color32)> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let part = part.trim();
            if i == 0
                && let Some(s) = first_argument_shape(part, radial)
            {
                shape = s;
                continue;
            }
            let (colour, pos) = split_stop(part);
            colours.push((pos, parse_color(colour)?));
        }
        if colours.len() < 2 {
            return None;
        }
        let last = colours.len() - 1;
        let mut stops: Vec<(f32, Color32)> = colours
            .iter()
            .enumerate()
            .map(|(i, (p, c))| (p.unwrap_or(i as f32 / last as f32), *c))
            .collect();
        // CSS: a stop placed before an earlier one moves up to it.
        let mut max = 0.0_f32;
        for s in &mut stops {
            s.0 = s.0.max(max);
            max = s.0;
        }
        Some(Gradient { shape, stops })
    }

    /// The colour at `p` of the gradient filling `rect`.
    pub fn color_at(&self, p: Pos2, rect: Rect) -> Color32 {
        let c = rect.center();
        let (w, h) = (rect.width().max(1e-3), rect.height().max(1e-3));
        let t = match self.shape {
            GradientShape::Linear { angle } => {
                let a = angle.to_radians();
                let dir = (a.sin(), -a.cos());
                let len = (w * a.sin()).abs() + (h * a.cos()).abs();
                ((p.x - c.x) * dir.0 + (p.y - c.y) * dir.1) / len.max(1e-3) + 0.5
            }
            GradientShape::Radial { circle: true } => {
                let r = (w * w + h * h).sqrt() / 2.0;
                ((p.x - c.x).powi(2) + (p.y - c.y).powi(2)).sqrt() / r
            }
            GradientShape::Radial { circle: false } => {
                let (rx, ry) = (
                    w / 2.0 * std::f32::consts::SQRT_2,
                    h / 2.0 * std::f32::consts::SQRT_2,
                );
                (((p.x - c.x) / rx).powi(2) + ((p.y - c.y) / ry).powi(2)).sqrt()
            }
        };
        self.at(t)
    }

    /// The colour at position `t` along the stops.
    fn at(&self, t: f32) -> Color32 {
        let Some(&(p0, first)) = self.stops.first() else {
            return Color32::TRANSPARENT;
        };
        if !t.is_finite() || t <= p0 {
            return first;
        }
        for pair in self.stops.windows(2) {
            let ((a, ca), (b, cb)) = (pair[0], pair[1]);
            if t <= b {
                let k = if b > a { (t - a) / (b - a) } else { 1.0 };
                return lerp(ca, cb, k);
            }
        }
        self.stops.last().map_or(first, |s| s.1)
    }

    /// The colour a flat fill of this gradient would have: its middle stop, for places that
    /// want one colour (an overview cell's letterbox, luminance tests).
    pub fn average(&self) -> Color32 {
        self.at(0.5)
    }
}

/// Mixes two colours in sRGB, as CSS gradients do by default.
fn lerp(a: Color32, b: Color32, k: f32) -> Color32 {
    let k = k.clamp(0.0, 1.0);
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * k).round() as u8;
    let (a, b) = (a.to_srgba_unmultiplied(), b.to_srgba_unmultiplied());
    Color32::from_rgba_unmultiplied(
        mix(a[0], b[0]),
        mix(a[1], b[1]),
        mix(a[2], b[2]),
        mix(a[3], b[3]),
    )
}

/// Splits on commas outside parentheses (`rgba(1, 2, 3, .5)` stays whole).
fn split_top_level(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0_i32, 0);
    for (i, ch) in s.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// The shape a gradient's first argument sets (`to right`, `45deg`, `circle at center`), if
/// it is one rather than a colour.
fn first_argument_shape(part: &str, radial: bool) -> Option<GradientShape> {
    if radial {
        let words = ["circle", "ellipse", "closest", "farthest", "at "];
        return words
            .iter()
            .any(|w| part.contains(w))
            .then_some(GradientShape::Radial {
                circle: part.contains("circle"),
            });
    }
    if let Some(deg) = part.strip_suffix("deg") {
        return deg
            .trim()
            .parse()
            .ok()
            .map(|angle| GradientShape::Linear { angle });
    }
    if let Some(turn) = part.strip_suffix("turn") {
        return turn
            .trim()
            .parse::<f32>()
            .ok()
            .map(|t| GradientShape::Linear { angle: t * 360.0 });
    }
    let side = part.strip_prefix("to ")?;
    let has = |w: &str| side.split_whitespace().any(|x| x == w);
    let (x, y) = (
        if has("right") {
            1.0
        } else if has("left") {
            -1.0
        } else {
            0.0
        },
        if has("bottom") {
            1.0
        } else if has("top") {
            -1.0
        } else {
            0.0
        },
    );
    if x == 0.0 && y == 0.0 {
        return None;
    }
    // Corners as 45-degree diagonals: near enough on the near-square slide.
    let angle = f32::atan2(x, -y).to_degrees();
    Some(GradientShape::Linear {
        angle: if angle < 0.0 { angle + 360.0 } else { angle },
    })
}

/// A colour stop's colour and position (`red 30%`).
fn split_stop(part: &str) -> (&str, Option<f32>) {
    // The position, if any, follows the colour's closing parenthesis or its first space.
    let end = part.rfind(')').map_or_else(
        || part.find(char::is_whitespace).unwrap_or(part.len()),
        |i| i + 1,
    );
    let (colour, rest) = part.split_at(end);
    let pos = rest
        .split_whitespace()
        .next()
        .and_then(|p| p.strip_suffix('%'))
        .and_then(|p| p.parse::<f32>().ok())
        .map(|p| p / 100.0);
    (colour.trim(), pos)
}

#[cfg(test)]
// Tests compare against literal colours.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use eframe::egui::pos2;

    fn rect() -> Rect {
        Rect::from_min_max(pos2(0.0, 0.0), pos2(200.0, 100.0))
    }

    #[test]
    fn a_linear_gradient_runs_top_to_bottom_by_default() {
        let g = Gradient::parse("linear-gradient(#ff0000, #0000ff)").expect("parses");
        assert_eq!(
            g.color_at(pos2(100.0, 0.0), rect()),
            Color32::from_rgb(255, 0, 0)
        );
        assert_eq!(
            g.color_at(pos2(100.0, 100.0), rect()),
            Color32::from_rgb(0, 0, 255)
        );
        let mid = g.color_at(pos2(30.0, 50.0), rect());
        assert!((i32::from(mid.r()) - 128).abs() <= 1, "{mid:?}");
    }

    #[test]
    fn directions_angles_and_stops_are_read() {
        let g = Gradient::parse("linear-gradient(to right, rgba(0, 0, 0, 1) 20%, white 80%)")
            .expect("parses");
        assert_eq!(g.shape, GradientShape::Linear { angle: 90.0 });
        assert_eq!(g.stops[0].0, 0.2);
        assert_eq!(g.color_at(pos2(10.0, 50.0), rect()), Color32::BLACK);
        assert_eq!(g.color_at(pos2(190.0, 50.0), rect()), Color32::WHITE);
        let g = Gradient::parse("linear-gradient(45deg, red, blue)").expect("parses");
        assert_eq!(g.shape, GradientShape::Linear { angle: 45.0 });
        assert_eq!(Gradient::parse("linear-gradient(red)"), None);
        assert_eq!(Gradient::parse("url(a.png)"), None);
        assert_eq!(Gradient::parse("linear-gradient(to, nonsense, red)"), None);
    }

    #[test]
    fn a_radial_gradient_reaches_its_outer_colour_at_the_corners() {
        let g = Gradient::radial(Color32::WHITE, Color32::BLACK);
        assert_eq!(g.color_at(pos2(100.0, 50.0), rect()), Color32::WHITE);
        assert_eq!(g.color_at(pos2(0.0, 0.0), rect()), Color32::BLACK);
        let g = Gradient::parse("radial-gradient(circle, #555a5f, #1c1e20)").expect("parses");
        assert_eq!(g.shape, GradientShape::Radial { circle: true });
        let g = Gradient::parse("radial-gradient(#fff, #000)").expect("parses");
        assert_eq!(g.color_at(pos2(200.0, 100.0), rect()), Color32::BLACK);
    }
}
