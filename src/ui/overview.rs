//! The overview: every slide as a cell of a grid (one column per horizontal slide, its stack
//! going down), centred on the current slide, zoomed out from it and back in.

use super::{FragmentFrame, Placement, Textures, canvas_rect, paint_background, paint_items};
use crate::scene::Scene;
use crate::theme::chrome;
use eframe::egui::{Painter, Pos2, Rect, Stroke, StrokeKind, Vec2, emath::TSTransform, vec2};

/// The grid's scale relative to full size, as reveal.js computes it for a viewport of `area`:
/// a fifth of the shorter side (at least 150 points) per slide height.
pub fn grid_scale(area: Rect) -> f32 {
    let vmin = area.width().min(area.height());
    if vmin <= 0.0 || !vmin.is_finite() {
        return 0.2;
    }
    ((vmin / 5.0).max(150.0) / vmin).min(1.0)
}

/// One slide's cell on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// The slide's index in reading order.
    pub index: usize,
    /// Where its canvas is drawn.
    pub rect: Rect,
    /// The transform from full-size (the slide as it is normally drawn in `area`) to the cell.
    pub transform: TSTransform,
}

/// The cells of the slides in `grid` ((index, h, v) triples) for a canvas of `size` points
/// drawn in `area`, centred on slide `current`, at zoom `zoom` (0 = the current slide fills
/// the view as usual, 1 = the whole grid). `gap` is the space between cells at full size.
pub fn cells(
    area: Rect,
    size: Vec2,
    gap: f32,
    grid: &[(usize, usize, usize)],
    current: usize,
    zoom: f32,
) -> Vec<Cell> {
    let Some(&(_, ch, cv)) = grid.iter().find(|(i, _, _)| *i == current) else {
        return Vec::new();
    };
    let z = zoom.clamp(0.0, 1.0);
    // Geometric, so the zoom feels even from the first frame to the last.
    let k = grid_scale(area).ln() * z;
    let k = k.exp();
    let step = size + vec2(gap, gap);
    let c = area.center();
    grid.iter()
        .map(|&(index, h, v)| {
            let d = vec2(
                (h as f32 - ch as f32) * step.x,
                (v as f32 - cv as f32) * step.y,
            ) * k;
            let centre: Pos2 = c + d;
            let transform = TSTransform::from_translation(centre.to_vec2())
                * TSTransform::from_scaling(k)
                * TSTransform::from_translation(-c.to_vec2());
            Cell {
                index,
                rect: Rect::from_center_size(centre, size * k),
                transform,
            }
        })
        .collect()
}

/// The slide under `pointer`, if any.
pub fn hit(cells: &[Cell], pointer: Pos2) -> Option<usize> {
    cells
        .iter()
        .find(|c| c.rect.contains(pointer))
        .map(|c| c.index)
}

/// How a cell is outlined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outline {
    /// The current slide.
    Current,
    /// Under the pointer.
    Hovered,
    /// Any other: a faint frame, so slides on the page colour still read as cards.
    Plain,
}

/// Paints `scene` into `cell` of a grid drawn over `area`, every fragment shown (as reveal.js
/// does in the overview), outlined as `outline`. `scale` is the scene's points per canvas
/// pixel, which the outline's width follows.
pub fn paint_cell(
    painter: &Painter,
    area: Rect,
    cell: &Cell,
    scene: &Scene,
    textures: &dyn Textures,
    outline: Outline,
) {
    let placement = Placement {
        transform: cell.transform,
        opacity: 1.0,
        turn: None,
    };
    let canvas = canvas_rect(area, scene.size);
    let clipped = painter.with_clip_rect(cell.rect.intersect(area));
    paint_background(&clipped, canvas, scene, textures, placement);
    paint_items(
        &clipped,
        area,
        scene,
        FragmentFrame::still(usize::MAX),
        textures,
        placement,
    );
    let color = match outline {
        Outline::Current => chrome::OUTLINE_CURRENT,
        Outline::Hovered => chrome::OUTLINE_HOVERED,
        Outline::Plain => chrome::OUTLINE_PLAIN,
    };
    let w = (10.0 * scene.scale * cell.transform.scaling).max(2.0);
    painter.rect_stroke(
        cell.rect.expand(w * 1.5),
        2.0,
        Stroke::new(w, color),
        StrokeKind::Outside,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::pos2;

    #[test]
    fn grid_centres_the_current_slide_and_stacks_go_down() {
        let area = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0));
        let size = vec2(960.0, 700.0);
        let grid = [(0, 0, 0), (1, 1, 0), (2, 1, 1), (3, 2, 0)];
        let full = cells(area, size, 70.0, &grid, 1, 0.0);
        assert_eq!(full[1].rect, Rect::from_center_size(area.center(), size));
        let out = cells(area, size, 70.0, &grid, 1, 1.0);
        let k = grid_scale(area);
        assert!((k - 150.0 / 720.0).abs() < 1e-6);
        assert_eq!(out[1].rect.center(), area.center());
        assert!(out[0].rect.center().x < out[1].rect.center().x);
        assert!(
            (out[2].rect.center().x - out[1].rect.center().x).abs() < 1e-3,
            "a stack is a column"
        );
        assert!(out[2].rect.center().y > out[1].rect.center().y);
        assert!((out[3].rect.center().x - area.center().x - (960.0 + 70.0) * k).abs() < 1e-3);
        assert_eq!(hit(&out, out[3].rect.center()), Some(3));
        assert_eq!(hit(&out, pos2(-10.0, -10.0)), None);
        // The transform maps the full-size canvas onto the cell.
        let canvas = Rect::from_center_size(area.center(), size);
        let mapped = out[3].transform * canvas;
        assert!((mapped.center() - out[3].rect.center()).length() < 1e-3);
        assert!((mapped.width() - out[3].rect.width()).abs() < 1e-3);
    }
}
