//! The pointer, spotlight, strokes and zoom, drawn over a slide wherever it is shown: the
//! audience window and the console's current preview call the same painter with their own
//! placement of the slide canvas, and read the mouse through the same inverse, so a point
//! means the same place on the slide in both.

use crate::show::ink::{Pen, Point, PointerMode, Stroke, ZoomView};
use crate::theme::chrome;
use eframe::egui::{
    self, Color32, Mesh, Painter, Pos2, Rect, Shape, emath::TSTransform, pos2, vec2,
};

/// What is drawn over the current slide, read from the talk.
#[derive(Clone, Copy, Debug)]
pub struct InkLayer<'a> {
    /// The current step's strokes.
    pub strokes: &'a [Stroke],
    /// The pointer the room sees, if any.
    pub pointer: Option<(PointerMode, Point)>,
    /// The audience view's zoom now.
    pub zoom: ZoomView,
    /// Whether the mouse follows the slide at all (a pointer mode or a pen is on).
    pub tracking: bool,
    /// Whether a drag draws.
    pub pen_on: bool,
}

impl InkLayer<'_> {
    /// Nothing drawn, nothing followed.
    pub const NONE: InkLayer<'static> = InkLayer {
        strokes: &[],
        pointer: None,
        zoom: ZoomView::NONE,
        tracking: false,
        pen_on: false,
    };
}

/// What the mouse did over a slide, in slide points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum InkEvent {
    /// The mouse is over the slide here, or (`None`) not over it.
    Pointer(Option<Point>),
    /// A drag began here (with a pen on).
    Begin(Point),
    /// The drag went on to here.
    To(Point),
    /// The drag ended.
    End,
    /// Alt+click here: zoom in or out.
    Zoom(Point),
}

/// The transform of screen space that shows `canvas` zoomed as `view` says, about its centre.
pub fn zoom_transform(canvas: Rect, view: ZoomView) -> TSTransform {
    if view == ZoomView::NONE {
        return TSTransform::IDENTITY;
    }
    let focus = canvas.min + vec2(view.centre[0], view.centre[1]) * canvas.size();
    TSTransform::from_translation(canvas.center().to_vec2())
        * TSTransform::from_scaling(view.scale)
        * TSTransform::from_translation(-focus.to_vec2())
}

/// The slide point under screen point `pos`, with `canvas` drawn through `transform`; it may
/// lie off the slide (outside 0..1), which a drag that left the slide needs.
pub fn slide_point(canvas: Rect, transform: TSTransform, pos: Pos2) -> Option<Point> {
    let size = canvas.size();
    if size.x <= 0.0 || size.y <= 0.0 {
        return None;
    }
    let q = transform.inverse() * pos;
    let p = [(q.x - canvas.min.x) / size.x, (q.y - canvas.min.y) / size.y];
    (p[0].is_finite() && p[1].is_finite()).then_some(p)
}

fn on_slide(p: Point) -> bool {
    (0.0..=1.0).contains(&p[0]) && (0.0..=1.0).contains(&p[1])
}

/// Reads the mouse over a slide drawn at `canvas` through `transform`, where `hover` is the
/// part of the window that shows it: the pointer every frame, drags while a pen is on, and
/// Alt+click. The app keeps only what changed.
pub fn read_pointer(
    input: &egui::InputState,
    canvas: Rect,
    transform: TSTransform,
    hover: Rect,
    pen_on: bool,
) -> Vec<InkEvent> {
    let pointer = &input.pointer;
    let raw = pointer
        .latest_pos()
        .and_then(|pos| slide_point(canvas, transform, pos));
    let over = pointer
        .hover_pos()
        .filter(|pos| hover.contains(*pos))
        .and_then(|pos| slide_point(canvas, transform, pos))
        .filter(|p| on_slide(*p));
    let mut out = vec![InkEvent::Pointer(over)];
    if input.modifiers.alt {
        if let Some(p) = over
            && pointer.primary_clicked()
        {
            out.push(InkEvent::Zoom(p));
        }
        return out;
    }
    if !pen_on {
        return out;
    }
    if pointer.primary_pressed()
        && let Some(p) = over
    {
        out.push(InkEvent::Begin(p));
    } else if pointer.primary_down()
        && pointer.delta() != egui::Vec2::ZERO
        && let Some(p) = raw
    {
        out.push(InkEvent::To(p));
    }
    if pointer.primary_released() {
        out.push(InkEvent::End);
    }
    out
}

/// Paints `layer` over a slide canvas laid out at `canvas` and drawn through `transform`
/// (the zoom, and for the console the preview's fit); the spotlight dims `dim`.
pub fn paint_ink(
    painter: &Painter,
    canvas: Rect,
    transform: TSTransform,
    dim: Rect,
    layer: &InkLayer<'_>,
) {
    let to_screen = |p: Point| transform * (canvas.min + vec2(p[0], p[1]) * canvas.size());
    // Sizes follow the slide as shown, but not the zoom: a zoomed pen stays a pen.
    let unit = canvas.height() * transform.scaling / layer.zoom.scale.max(1.0);
    let clipped = painter.with_clip_rect(dim.intersect(painter.clip_rect()));
    for s in layer.strokes {
        let (width, color) = match s.pen {
            Pen::Pen => (unit * 0.006, chrome::PEN),
            Pen::Highlighter => (unit * 0.03, chrome::HIGHLIGHTER),
        };
        let points: Vec<Pos2> = s.points.iter().map(|p| to_screen(*p)).collect();
        match points.as_slice() {
            [] => {}
            [one] => {
                clipped.circle_filled(*one, width / 2.0, color);
            }
            _ => {
                clipped.add(Shape::line(points, egui::Stroke::new(width, color)));
            }
        }
    }
    match layer.pointer {
        Some((PointerMode::Laser, p)) => {
            let c = to_screen(p);
            let r = (unit * 0.014).max(3.0);
            clipped.circle_filled(c, r * 2.2, chrome::LASER_GLOW);
            clipped.circle_filled(c, r, chrome::LASER);
            clipped.circle_stroke(c, r, egui::Stroke::new(r * 0.18, chrome::LASER_RIM));
        }
        Some((PointerMode::Spotlight, p)) => {
            clipped.add(spotlight(dim, to_screen(p), unit * 0.16));
        }
        _ => {}
    }
}

/// A dark veil over `dim` with a round hole of radius `r` at `c`, its edge soft.
fn spotlight(dim: Rect, c: Pos2, r: f32) -> Mesh {
    const SIDES: u32 = 64;
    // Far enough out that the outer ring covers `dim` wherever the hole is; the painter's
    // clip cuts it to `dim`.
    let far = dim.size().length() * 2.0 + (c - dim.center()).length();
    let clear = Color32::TRANSPARENT;
    let mut mesh = Mesh::default();
    for i in 0..SIDES {
        let a = i as f32 / SIDES as f32 * std::f32::consts::TAU;
        let d = vec2(a.cos(), a.sin());
        mesh.colored_vertex(c + d * r, clear);
        mesh.colored_vertex(c + d * r * 1.2, chrome::SPOTLIGHT_DIM);
        mesh.colored_vertex(c + d * far, chrome::SPOTLIGHT_DIM);
    }
    for i in 0..SIDES {
        let j = (i + 1) % SIDES;
        for ring in 0..2 {
            let (a, b) = (i * 3 + ring, j * 3 + ring);
            mesh.add_triangle(a, b, a + 1);
            mesh.add_triangle(b, b + 1, a + 1);
        }
    }
    mesh
}

/// The rectangle of the slide a zoom of `canvas` shows, for the console to outline.
pub fn zoomed_region(canvas: Rect, view: ZoomView) -> Rect {
    let t = zoom_transform(canvas, view).inverse();
    let r = t * canvas;
    Rect::from_min_max(pos2(r.min.x, r.min.y), pos2(r.max.x, r.max.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_reads_back_through_the_zoom_and_the_console_preview() {
        let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 720.0));
        let canvas = Rect::from_center_size(area.center(), vec2(960.0, 700.0));
        let zoom = ZoomView {
            centre: [0.25, 0.3],
            scale: 2.0,
        };
        let z = zoom_transform(canvas, zoom);
        // The zoom centre lands at the canvas centre.
        let focus = canvas.min + vec2(0.25 * 960.0, 0.3 * 700.0);
        assert!(((z * focus) - canvas.center()).length() < 1e-3);
        // The console preview: the audience area fitted into a smaller rect.
        let preview = Rect::from_min_size(pos2(20.0, 40.0), vec2(640.0, 360.0));
        let fit = crate::ui::console::preview_transform(preview, area, canvas.size()).unwrap();
        let both = fit * z;
        let p = [0.3, 0.35];
        let on_console = both * (canvas.min + vec2(p[0] * 960.0, p[1] * 700.0));
        let back = slide_point(canvas, both, on_console).unwrap();
        assert!((back[0] - p[0]).abs() < 1e-4 && (back[1] - p[1]).abs() < 1e-4);
        // The same point through the audience window's own (unfitted) transform.
        let on_audience = z * (canvas.min + vec2(p[0] * 960.0, p[1] * 700.0));
        let back = slide_point(canvas, z, on_audience).unwrap();
        assert!((back[0] - p[0]).abs() < 1e-4 && (back[1] - p[1]).abs() < 1e-4);
        // What the zoomed view shows is the region around the centre, half the slide wide.
        let region = zoomed_region(canvas, zoom);
        assert!((region.width() - 480.0).abs() < 1e-3);
        assert!((region.center() - focus).length() < 1e-3);
    }

    #[test]
    fn the_spotlight_leaves_its_circle_clear() {
        let dim = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let mesh = spotlight(dim, pos2(100.0, 100.0), 50.0);
        assert!(mesh.is_valid());
        let inner: Vec<_> = mesh.vertices.iter().step_by(3).collect();
        assert!(inner.iter().all(|v| v.color == Color32::TRANSPARENT));
        let far = mesh.vertices.iter().skip(2).step_by(3);
        assert!(far.clone().all(|v| v.color == chrome::SPOTLIGHT_DIM));
        assert!(far.clone().map(|v| v.pos.x).fold(f32::MIN, f32::max) > dim.right());
        assert!(far.map(|v| v.pos.y).fold(f32::MAX, f32::min) < dim.top());
    }
}
