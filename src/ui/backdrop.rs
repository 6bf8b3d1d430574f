//! Where a slide's background goes on the screen, as reveal.js paints it on the viewport (not
//! only the canvas): a gradient as a mesh sampled over the whole area, and the image's tiles
//! for CSS `background-size`, `background-position` and `background-repeat`.

use crate::theme::Gradient;
use eframe::egui::epaint::{Mesh, Vertex, WHITE_UV};
use eframe::egui::{Rect, Vec2, pos2, vec2};

/// Vertices per side of a gradient's mesh: enough that linear steps between samples of a
/// two-stop gradient are invisible.
const GRADIENT_STEPS: usize = 24;

/// `gradient` over `fill` as a mesh of colour samples, at `opacity`.
pub fn gradient_mesh(fill: Rect, gradient: &Gradient, opacity: f32) -> Mesh {
    let mut mesh = Mesh::default();
    let n = GRADIENT_STEPS;
    for j in 0..=n {
        for i in 0..=n {
            let p = pos2(
                fill.left() + fill.width() * i as f32 / n as f32,
                fill.top() + fill.height() * j as f32 / n as f32,
            );
            let color = gradient.color_at(p, fill).gamma_multiply(opacity);
            mesh.vertices.push(Vertex {
                pos: p,
                uv: WHITE_UV,
                color,
            });
        }
    }
    let row = (n + 1) as u32;
    for j in 0..n as u32 {
        for i in 0..n as u32 {
            let a = j * row + i;
            mesh.add_triangle(a, a + 1, a + row);
            mesh.add_triangle(a + 1, a + row + 1, a + row);
        }
    }
    mesh
}

/// At most this many tiles of a repeated background (a tiny image on a big screen).
const MAX_TILES: usize = 4096;

/// The rectangles a background image of `natural` size (points) is drawn in over `fill`, for
/// CSS `size` (`cover` when unset, `contain`, `auto`, or one or two lengths in px or %),
/// `position` (`center` when unset; keywords or px/%) and `repeat` (`no-repeat` when unset).
pub fn background_tiles(
    fill: Rect,
    natural: Vec2,
    size: Option<&str>,
    position: Option<&str>,
    repeat: Option<&str>,
) -> Vec<Rect> {
    if natural.x <= 0.0 || natural.y <= 0.0 || !fill.is_positive() {
        return vec![fill];
    }
    let tile = tile_size(fill.size(), natural, size.unwrap_or("cover"));
    let (fx, fy) = position_fraction(position.unwrap_or("center"), fill.size(), tile);
    let origin = pos2(
        fill.left() + (fill.width() - tile.x) * fx,
        fill.top() + (fill.height() - tile.y) * fy,
    );
    let first = Rect::from_min_size(origin, tile);
    let repeat = repeat.unwrap_or("no-repeat").trim().to_ascii_lowercase();
    let (rx, ry) = match repeat.as_str() {
        "repeat" | "repeat repeat" | "round" | "space" => (true, true),
        "repeat-x" => (true, false),
        "repeat-y" => (false, true),
        _ => (false, false),
    };
    if (!rx && !ry) || tile.x < 1.0 || tile.y < 1.0 {
        return vec![first];
    }
    let span = |start: f32, lo: f32, hi: f32, step: f32, on: bool| -> Vec<f32> {
        if !on {
            return vec![start];
        }
        let mut s = start - ((start - lo) / step).ceil() * step;
        let mut out = Vec::new();
        while s < hi && out.len() < MAX_TILES {
            out.push(s);
            s += step;
        }
        out
    };
    let xs = span(origin.x, fill.left(), fill.right(), tile.x, rx);
    let ys = span(origin.y, fill.top(), fill.bottom(), tile.y, ry);
    ys.iter()
        .flat_map(|&y| {
            xs.iter()
                .map(move |&x| Rect::from_min_size(pos2(x, y), tile))
        })
        .take(MAX_TILES)
        .collect()
}

/// The size of one tile for CSS `background-size`.
fn tile_size(area: Vec2, natural: Vec2, size: &str) -> Vec2 {
    let size = size.trim().to_ascii_lowercase();
    match size.as_str() {
        "cover" => return natural * (area.x / natural.x).max(area.y / natural.y),
        "contain" => return natural * (area.x / natural.x).min(area.y / natural.y),
        _ => {}
    }
    let length = |s: &str, whole: f32| -> Option<f32> {
        if let Some(p) = s.strip_suffix('%') {
            p.trim().parse::<f32>().ok().map(|p| p / 100.0 * whole)
        } else {
            s.trim_end_matches("px").trim().parse::<f32>().ok()
        }
        .filter(|v| v.is_finite() && *v > 0.0)
    };
    let mut parts = size.split_whitespace();
    let w = parts.next().and_then(|s| length(s, area.x));
    let h = parts.next().and_then(|s| length(s, area.y));
    match (w, h) {
        (Some(w), Some(h)) => vec2(w, h),
        (Some(w), None) => vec2(w, w * natural.y / natural.x),
        (None, Some(h)) => vec2(h * natural.x / natural.y, h),
        (None, None) => natural,
    }
}

/// Where the tile sits for CSS `background-position`, as the fraction of the free space to
/// its left and above (px offsets become fractions of that space).
fn position_fraction(position: &str, area: Vec2, tile: Vec2) -> (f32, f32) {
    let words: Vec<String> = position
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let free = area - tile;
    let value = |w: &str, free: f32| -> Option<f32> {
        match w {
            "left" | "top" => Some(0.0),
            "center" => Some(0.5),
            "right" | "bottom" => Some(1.0),
            _ => {
                if let Some(p) = w.strip_suffix('%') {
                    p.parse::<f32>().ok().map(|p| p / 100.0)
                } else {
                    let px = w.trim_end_matches("px").parse::<f32>().ok()?;
                    (free.abs() > 1e-3).then(|| px / free)
                }
            }
        }
    };
    let (mut fx, mut fy) = (0.5, 0.5);
    match words.as_slice() {
        [one] => match one.as_str() {
            "top" | "bottom" => fy = value(one, free.y).unwrap_or(0.5),
            _ => fx = value(one, free.x).unwrap_or(0.5),
        },
        [a, b, ..] => {
            // Keywords may come in either order (`top left`).
            let (x, y) = if matches!(a.as_str(), "top" | "bottom")
                || matches!(b.as_str(), "left" | "right")
            {
                (b, a)
            } else {
                (a, b)
            };
            fx = value(x, free.x).unwrap_or(0.5);
            fy = value(y, free.y).unwrap_or(0.5);
        }
        [] => {}
    }
    (fx, fy)
}

#[cfg(test)]
// Tests compare against literal colours.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use eframe::egui::Color32;

    fn screen() -> Rect {
        Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 500.0))
    }

    #[test]
    fn cover_fills_the_screen_and_contain_fits_it() {
        let natural = vec2(100.0, 100.0);
        let cover = background_tiles(screen(), natural, None, None, None);
        assert_eq!(
            cover,
            vec![Rect::from_min_size(pos2(0.0, -250.0), vec2(1000.0, 1000.0))]
        );
        let contain = background_tiles(screen(), natural, Some("contain"), None, None);
        assert_eq!(
            contain,
            vec![Rect::from_min_size(pos2(250.0, 0.0), vec2(500.0, 500.0))]
        );
    }

    #[test]
    fn lengths_positions_and_repeats_place_tiles() {
        let natural = vec2(100.0, 50.0);
        let one = background_tiles(screen(), natural, Some("200px"), Some("top left"), None);
        assert_eq!(
            one,
            vec![Rect::from_min_size(pos2(0.0, 0.0), vec2(200.0, 100.0))]
        );
        let one = background_tiles(screen(), natural, Some("auto"), Some("right bottom"), None);
        assert_eq!(
            one,
            vec![Rect::from_min_size(pos2(900.0, 450.0), vec2(100.0, 50.0))]
        );
        let tiles = background_tiles(
            screen(),
            natural,
            Some("auto"),
            Some("left top"),
            Some("repeat"),
        );
        assert_eq!(tiles.len(), 10 * 10);
        let row = background_tiles(
            screen(),
            natural,
            Some("auto"),
            Some("left top"),
            Some("repeat-x"),
        );
        assert_eq!(row.len(), 10);
        assert!(row.iter().all(|r| r.top() == 0.0));
    }

    #[test]
    fn the_gradient_mesh_samples_the_gradient_over_the_whole_area() {
        let g = Gradient::radial(Color32::WHITE, Color32::BLACK);
        let mesh = gradient_mesh(screen(), &g, 1.0);
        assert_eq!(mesh.vertices.len(), (GRADIENT_STEPS + 1).pow(2));
        let corner = mesh.vertices.first().map(|v| v.color);
        assert_eq!(corner, Some(Color32::BLACK));
        let centre = mesh.vertices[mesh.vertices.len() / 2].color;
        assert_eq!(centre, Color32::WHITE);
        let bounds = mesh.calc_bounds();
        assert_eq!(bounds, screen());
    }
}
