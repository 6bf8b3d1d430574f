//! egui's paint output as PDF drawing: the same shapes the screen tessellates (rectangles,
//! paths, meshes, images, text galleys) written with krilla, so a handout's text is text
//! (selectable, searchable, the bundled fonts embedded and subset) and its boxes are vectors.
//! Images go in as the files they are (JPEG as is, PNG re-compressed); only what egui gives as
//! pixels (an SVG's rendering) goes in as pixels.

use super::glyphs::FontBook;
use eframe::egui::{Color32, Pos2, Rect, TextureId, emath::TSTransform};
use eframe::epaint::{
    ClippedShape, ColorMode, CornerRadius, Mesh, PathShape, RectShape, Shape, Stroke, StrokeKind,
};
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use std::collections::HashMap;

/// Bézier handle length for a quarter circle, as a fraction of the radius.
const KAPPA: f32 = 0.552_284_8;

/// Where the images behind egui's textures are, as PDF images.
pub trait PdfImages {
    /// The PDF image for texture `id`, or `None` when it is not an image of the deck.
    fn image(&mut self, id: TextureId) -> Option<krilla::image::Image>;
}

/// Draws egui shapes onto a krilla surface: one per page, sharing the fonts and images.
pub struct Painter<'a> {
    /// The fonts the galleys were laid out with.
    pub fonts: &'a mut FontBook,
    /// The deck's images.
    pub images: &'a mut dyn PdfImages,
}

/// A colour as krilla takes it: unpremultiplied RGB and an opacity.
fn paint_of(c: Color32) -> Option<(rgb::Color, NormalizedF32)> {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    if a == 0 {
        return None;
    }
    Some((
        rgb::Color::new(r, g, b),
        NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE),
    ))
}

pub(super) fn fill_of(c: Color32) -> Option<Fill> {
    paint_of(c).map(|(color, opacity)| Fill {
        paint: color.into(),
        opacity,
        rule: FillRule::NonZero,
    })
}

fn stroke_of(width: f32, c: Color32) -> Option<krilla::paint::Stroke> {
    if width <= 0.0 {
        return None;
    }
    paint_of(c).map(|(color, opacity)| krilla::paint::Stroke {
        paint: color.into(),
        width,
        opacity,
        ..Default::default()
    })
}

fn transform_of(t: TSTransform) -> Transform {
    Transform::from_row(
        t.scaling,
        0.0,
        0.0,
        t.scaling,
        t.translation.x,
        t.translation.y,
    )
}

/// A rectangle with egui's per-corner radii (clamped to half the shorter side).
fn rounded_rect(r: Rect, c: CornerRadius) -> Option<Path> {
    let max = (r.width().min(r.height()) / 2.0).max(0.0);
    let [nw, ne, sw, se] = [c.nw, c.ne, c.sw, c.se].map(|v| f32::from(v).min(max));
    let mut p = PathBuilder::new();
    p.move_to(r.left() + nw, r.top());
    p.line_to(r.right() - ne, r.top());
    if ne > 0.0 {
        p.cubic_to(
            r.right() - ne * (1.0 - KAPPA),
            r.top(),
            r.right(),
            r.top() + ne * (1.0 - KAPPA),
            r.right(),
            r.top() + ne,
        );
    }
    p.line_to(r.right(), r.bottom() - se);
    if se > 0.0 {
        p.cubic_to(
            r.right(),
            r.bottom() - se * (1.0 - KAPPA),
            r.right() - se * (1.0 - KAPPA),
            r.bottom(),
            r.right() - se,
            r.bottom(),
        );
    }
    p.line_to(r.left() + sw, r.bottom());
    if sw > 0.0 {
        p.cubic_to(
            r.left() + sw * (1.0 - KAPPA),
            r.bottom(),
            r.left(),
            r.bottom() - sw * (1.0 - KAPPA),
            r.left(),
            r.bottom() - sw,
        );
    }
    p.line_to(r.left(), r.top() + nw);
    if nw > 0.0 {
        p.cubic_to(
            r.left(),
            r.top() + nw * (1.0 - KAPPA),
            r.left() + nw * (1.0 - KAPPA),
            r.top(),
            r.left() + nw,
            r.top(),
        );
    }
    p.close();
    p.finish()
}

fn ellipse(center: Pos2, rx: f32, ry: f32) -> Option<Path> {
    let (cx, cy) = (center.x, center.y);
    let (kx, ky) = (rx * KAPPA, ry * KAPPA);
    let mut p = PathBuilder::new();
    p.move_to(cx + rx, cy);
    p.cubic_to(cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry);
    p.cubic_to(cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy);
    p.cubic_to(cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry);
    p.cubic_to(cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy);
    p.close();
    p.finish()
}

fn polyline(points: &[Pos2], closed: bool) -> Option<Path> {
    let (first, rest) = points.split_first()?;
    let mut p = PathBuilder::new();
    p.move_to(first.x, first.y);
    for q in rest {
        p.line_to(q.x, q.y);
    }
    if closed {
        p.close();
    }
    p.finish()
}

/// Fills and strokes `path`, either of which may be absent.
fn draw(
    surface: &mut Surface<'_>,
    path: &Path,
    fill: Option<Fill>,
    stroke: Option<krilla::paint::Stroke>,
) {
    if fill.is_none() && stroke.is_none() {
        return;
    }
    surface.set_fill(fill);
    surface.set_stroke(stroke);
    surface.draw_path(path);
    surface.set_stroke(None);
}

impl Painter<'_> {
    /// Draws every shape of one egui pass, clipped as egui clips them.
    pub fn paint(&mut self, surface: &mut Surface<'_>, shapes: &[ClippedShape], page: Rect) {
        for clipped in shapes {
            let bounds = clipped.shape.visual_bounding_rect();
            let clip = clipped.clip_rect;
            let clipping = !clip.contains_rect(bounds) && !clip.contains_rect(page);
            if clipping {
                let Some(path) = rounded_rect(clip, CornerRadius::ZERO) else {
                    continue;
                };
                surface.push_clip_path(&path, &FillRule::NonZero);
            }
            let moved = clipped.transform_after_tessellation != TSTransform::IDENTITY;
            if moved {
                surface.push_transform(&transform_of(clipped.transform_after_tessellation));
            }
            self.shape(surface, &clipped.shape);
            if moved {
                surface.pop();
            }
            if clipping {
                surface.pop();
            }
        }
    }

    fn shape(&mut self, surface: &mut Surface<'_>, shape: &Shape) {
        match shape {
            Shape::Noop | Shape::Callback(_) => {}
            Shape::Vec(shapes) => {
                for s in shapes {
                    self.shape(surface, s);
                }
            }
            Shape::Rect(r) => self.rect(surface, r),
            Shape::Circle(c) => {
                if let Some(p) = ellipse(c.center, c.radius, c.radius) {
                    draw(
                        surface,
                        &p,
                        fill_of(c.fill),
                        stroke_of(c.stroke.width, c.stroke.color),
                    );
                }
            }
            Shape::Ellipse(e) => {
                if let Some(p) = ellipse(e.center, e.radius.x, e.radius.y) {
                    draw(
                        surface,
                        &p,
                        fill_of(e.fill),
                        stroke_of(e.stroke.width, e.stroke.color),
                    );
                }
            }
            Shape::LineSegment { points, stroke } => line(surface, points, *stroke),
            Shape::Path(p) => path_shape(surface, p),
            Shape::Mesh(mesh) => self.mesh(surface, mesh),
            Shape::Text(t) => self.text(surface, t),
            Shape::QuadraticBezier(b) => {
                let pts = b.flatten(None);
                let stroke = solid(&b.stroke.color);
                if let Some(p) = polyline(&pts, b.closed) {
                    let fill = if b.closed { fill_of(b.fill) } else { None };
                    draw(surface, &p, fill, stroke_of(b.stroke.width, stroke));
                }
            }
            Shape::CubicBezier(b) => {
                let pts = b.flatten(None);
                let stroke = solid(&b.stroke.color);
                if let Some(p) = polyline(&pts, b.closed) {
                    let fill = if b.closed { fill_of(b.fill) } else { None };
                    draw(surface, &p, fill, stroke_of(b.stroke.width, stroke));
                }
            }
            Shape::Band(_) => {}
        }
    }

    fn rect(&mut self, surface: &mut Surface<'_>, r: &RectShape) {
        if let Some(brush) = &r.brush
            && let Some(image) = self.images.image(brush.fill_texture_id)
        {
            image_into(surface, image, r.rect, brush.uv);
        } else if let Some(p) = rounded_rect(r.rect, r.corner_radius) {
            draw(surface, &p, fill_of(r.fill), None);
        }
        if r.stroke.width > 0.0 {
            let w = r.stroke.width;
            let outline = match r.stroke_kind {
                StrokeKind::Inside => r.rect.shrink(w / 2.0),
                StrokeKind::Middle => r.rect,
                StrokeKind::Outside => r.rect.expand(w / 2.0),
            };
            if let Some(p) = rounded_rect(outline, r.corner_radius) {
                draw(surface, &p, None, stroke_of(w, r.stroke.color));
            }
        }
    }

    fn mesh(&mut self, surface: &mut Surface<'_>, mesh: &Mesh) {
        // An image is a textured quad (`Shape::image`); anything else is coloured triangles.
        if mesh.vertices.len() == 4
            && mesh.texture_id != TextureId::default()
            && let Some(image) = self.images.image(mesh.texture_id)
        {
            let rect = Rect::from_points(&mesh.vertices.iter().map(|v| v.pos).collect::<Vec<_>>());
            let uv = Rect::from_points(&mesh.vertices.iter().map(|v| v.uv).collect::<Vec<_>>());
            let alpha = mesh.vertices.first().map_or(255, |v| v.color.a());
            let faded = alpha < 255;
            if faded {
                surface.push_opacity(
                    NormalizedF32::new(f32::from(alpha) / 255.0).unwrap_or(NormalizedF32::ONE),
                );
            }
            image_into(surface, image, rect, uv);
            if faded {
                surface.pop();
            }
            return;
        }
        triangles(surface, mesh, 0..mesh.vertices.len(), Pos2::ZERO, None);
    }
}

fn solid(c: &ColorMode) -> Color32 {
    match c {
        ColorMode::Solid(c) => *c,
        ColorMode::UV(_) => Color32::GRAY,
    }
}

fn line(surface: &mut Surface<'_>, points: &[Pos2; 2], stroke: Stroke) {
    if let Some(p) = polyline(points, false) {
        draw(surface, &p, None, stroke_of(stroke.width, stroke.color));
    }
}

fn path_shape(surface: &mut Surface<'_>, p: &PathShape) {
    let Some(path) = polyline(&p.points, p.closed) else {
        return;
    };
    let fill = if p.closed { fill_of(p.fill) } else { None };
    draw(
        surface,
        &path,
        fill,
        stroke_of(p.stroke.width, solid(&p.stroke.color)),
    );
}

/// The triangles of `mesh` whose first vertex is in `range`, each filled with its colour.
/// A triangle touching a fully transparent vertex is egui's anti-aliasing fringe: left out,
/// as a PDF viewer smooths edges itself.
pub(super) fn triangles(
    surface: &mut Surface<'_>,
    mesh: &Mesh,
    range: std::ops::Range<usize>,
    origin: Pos2,
    resolve: Option<&dyn Fn(Color32) -> Color32>,
) {
    if range.is_empty() {
        return;
    }
    // Triangles of one colour go in one path.
    let mut by_color: HashMap<Color32, PathBuilder> = HashMap::new();
    let mut order: Vec<Color32> = Vec::new();
    for tri in mesh.indices.chunks_exact(3) {
        let vs: Vec<_> = tri
            .iter()
            .filter_map(|&i| mesh.vertices.get(i as usize))
            .collect();
        let (Some(first), [a, b, c]) = (tri.first(), vs.as_slice()) else {
            continue;
        };
        if !range.contains(&(*first as usize)) {
            continue;
        }
        if vs.iter().any(|v| v.color.a() == 0) {
            continue;
        }
        let color = resolve.map_or(a.color, |r| r(a.color));
        let p = by_color.entry(color).or_insert_with(|| {
            order.push(color);
            PathBuilder::new()
        });
        p.move_to(origin.x + a.pos.x, origin.y + a.pos.y);
        p.line_to(origin.x + b.pos.x, origin.y + b.pos.y);
        p.line_to(origin.x + c.pos.x, origin.y + c.pos.y);
        p.close();
    }
    for color in order {
        if let Some(path) = by_color.remove(&color).and_then(PathBuilder::finish) {
            draw(surface, &path, fill_of(color), None);
        }
    }
}

/// Draws `image` so that its part `uv` (0..1 texture coordinates) fills `rect`.
fn image_into(surface: &mut Surface<'_>, image: krilla::image::Image, rect: Rect, uv: Rect) {
    let (uw, uh) = (uv.width(), uv.height());
    if uw <= 0.0 || uh <= 0.0 || rect.width() <= 0.0 || rect.height() <= 0.0 {
        return;
    }
    // The whole image's size and place on the page, so that `uv` lands on `rect`.
    let full_w = rect.width() / uw;
    let full_h = rect.height() / uh;
    let x = rect.left() - uv.left() * full_w;
    let y = rect.top() - uv.top() * full_h;
    let Some(size) = Size::from_wh(full_w, full_h) else {
        return;
    };
    let cropped = uv.left() > 0.0 || uv.top() > 0.0 || uv.right() < 1.0 || uv.bottom() < 1.0;
    if cropped && let Some(clip) = rounded_rect(rect, CornerRadius::ZERO) {
        surface.push_clip_path(&clip, &FillRule::NonZero);
    }
    surface.push_transform(&Transform::from_translate(x, y));
    surface.draw_image(image, size);
    surface.pop();
    if cropped {
        surface.pop();
    }
}
