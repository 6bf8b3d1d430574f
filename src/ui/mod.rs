//! egui drawing: the audience view of a scene with its fragment state, and the overlays
//! (slide number, black screen, help). Reads state; never changes it.

mod help;

pub use help::{Shortcut, paint_help};

use crate::motion::{Visual, ease, fragment_visual};
use crate::scene::{ItemKind, Scene};
use crate::show::FragmentMove;
use eframe::egui::{
    Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, TextureId, Vec2,
    emath::TSTransform, pos2,
};

/// Where decoded images are, for painting (the app's texture cache).
pub trait Textures {
    /// The texture for image `src`, once uploaded.
    fn texture(&self, src: &str) -> Option<TextureId>;

    /// The natural size of image `src`, once known.
    fn natural_size(&self, _src: &str) -> Option<Vec2> {
        None
    }
}

/// No textures: images show as loading boxes.
pub struct NoTextures;

impl Textures for NoTextures {
    fn texture(&self, _src: &str) -> Option<TextureId> {
        None
    }
}

/// What fragment state to draw: steps shown, and a change in flight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FragmentFrame {
    /// Steps shown.
    pub shown: usize,
    /// A change in flight and the seconds since it began.
    pub moving: Option<(FragmentMove, f32)>,
}

impl FragmentFrame {
    /// Steps `shown`, nothing moving.
    pub fn still(shown: usize) -> Self {
        Self {
            shown,
            moving: None,
        }
    }
}

/// The rectangle a scene of `size` takes, centred in `area`.
pub fn canvas_rect(area: Rect, size: Vec2) -> Rect {
    Rect::from_center_size(area.center(), size)
}

/// Where a background image of `natural` size goes on `canvas` for CSS `background-size`
/// `cover` (the default: fill, cropping the overflow) or `contain` (fit whole): the rectangle
/// and the texture coordinates to draw.
pub fn background_fit(canvas: Rect, natural: Vec2, size: Option<&str>) -> (Rect, Rect) {
    let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
    if natural.x <= 0.0 || natural.y <= 0.0 {
        return (canvas, full);
    }
    let contain = size.is_some_and(|s| s.trim().eq_ignore_ascii_case("contain"));
    let k = if contain {
        (canvas.width() / natural.x).min(canvas.height() / natural.y)
    } else {
        (canvas.width() / natural.x).max(canvas.height() / natural.y)
    };
    (Rect::from_center_size(canvas.center(), natural * k), full)
}

/// Paints `scene` centred in `area`, with `frame`'s fragment state.
pub fn paint_scene(
    painter: &Painter,
    area: Rect,
    scene: &Scene,
    frame: FragmentFrame,
    textures: &dyn Textures,
    letterbox: Color32,
) {
    painter.rect_filled(area, 0.0, letterbox);
    let canvas = canvas_rect(area, scene.size);
    let origin = canvas.min.to_vec2();
    painter.rect_filled(canvas, 0.0, scene.background);
    if let Some(src) = &scene.background_image
        && let Some(tex) = textures.texture(src)
    {
        painter.image(
            tex,
            canvas,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE,
        );
    }
    let px = scene.scale * scene.shrink;
    let (from, to, t) = match frame.moving {
        Some((m, t)) => (m.from, m.to, t),
        None => (frame.shown, frame.shown, 1.0),
    };
    for item in &scene.items {
        let mut v = Visual::PLAIN;
        for f in &item.fragments {
            v = v.then(fragment_visual(f.style, f.step, from, to, t));
        }
        if let Some(line) = &item.code_line {
            let a = line.opacity(from);
            let b = line.opacity(to);
            v.opacity *= a + (b - a) * ease(t / 0.2);
        }
        if v.opacity <= 0.002 {
            continue;
        }
        let mut p = painter.clone();
        p.multiply_opacity(v.opacity);
        let rect = item.rect.translate(origin + v.offset * px);
        let transform = (v.scale != 1.0).then(|| {
            let c = rect.center().to_vec2();
            TSTransform::from_translation(c)
                * TSTransform::from_scaling(v.scale)
                * TSTransform::from_translation(-c)
        });
        let mut shapes: Vec<Shape> = Vec::new();
        match &item.kind {
            ItemKind::Text(galley) => {
                let pos = rect.min - galley.rect.min.to_vec2();
                let mix = v.color_mix.clamp(0.0, 1.0);
                let mut shape = eframe::epaint::TextShape::new(pos, galley.clone(), Color32::WHITE);
                shape.opacity_factor = 1.0 - if v.color.is_some() { mix } else { 0.0 };
                shapes.push(Shape::Text(shape));
                // A highlight fades in as a recoloured copy over the text.
                if let (Some(c), true) = (v.color, mix > 0.0) {
                    let mut hl = eframe::epaint::TextShape::new(pos, galley.clone(), c)
                        .with_override_text_color(c);
                    hl.opacity_factor = mix;
                    shapes.push(Shape::Text(hl));
                }
                if v.strike > 0.0 {
                    let y = rect.center().y;
                    shapes.push(Shape::line_segment(
                        [
                            pos2(rect.min.x, y),
                            pos2(rect.min.x + rect.width() * v.strike, y),
                        ],
                        Stroke::new(
                            (rect.height() / 14.0).max(1.5),
                            Color32::WHITE.gamma_multiply(0.9),
                        ),
                    ));
                }
            }
            ItemKind::Fill { color, corner } => {
                shapes.push(Shape::rect_filled(
                    rect,
                    CornerRadius::same((*corner).clamp(0.0, 255.0) as u8),
                    *color,
                ));
            }
            ItemKind::Image { src } => match textures.texture(src) {
                Some(tex) => shapes.push(Shape::image(
                    tex,
                    rect,
                    Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
                    Color32::WHITE,
                )),
                None => {
                    shapes.push(Shape::rect_filled(
                        rect,
                        CornerRadius::same(4),
                        Color32::from_white_alpha(10),
                    ));
                }
            },
            ItemKind::Placeholder { galley } => {
                shapes.push(Shape::rect_filled(
                    rect,
                    CornerRadius::same(6),
                    Color32::from_rgba_unmultiplied(255, 80, 60, 28),
                ));
                shapes.push(Shape::rect_stroke(
                    rect,
                    CornerRadius::same(6),
                    Stroke::new(2.0, Color32::from_rgb(0xe0, 0x60, 0x50)),
                    StrokeKind::Inside,
                ));
                let pos = rect.center() - galley.rect.center().to_vec2();
                shapes.push(Shape::galley(pos, galley.clone(), Color32::WHITE));
            }
        }
        for mut s in shapes {
            if let Some(tr) = transform {
                s.transform(tr);
            }
            p.add(s);
        }
    }
}

/// The slide number in the bottom-right corner, as reveal.js places it.
pub fn paint_slide_number(painter: &Painter, area: Rect, text: &str) {
    let pos = area.right_bottom() + Vec2::new(-12.0, -10.0);
    let font = FontId::proportional((area.height() / 45.0).clamp(11.0, 22.0));
    let galley = painter.layout_no_wrap(text.to_string(), font, Color32::from_gray(220));
    let bg = Rect::from_min_size(
        pos - galley.size() - Vec2::new(12.0, 6.0),
        galley.size() + Vec2::new(12.0, 6.0),
    );
    painter.rect_filled(bg, 3.0, Color32::from_black_alpha(110));
    painter.galley(
        bg.min + Vec2::new(6.0, 3.0),
        galley,
        Color32::from_gray(220),
    );
}

/// Black screen: everything hidden, as reveal.js's pause overlay.
pub fn paint_black(painter: &Painter, area: Rect) {
    painter.rect_filled(area, 0.0, Color32::BLACK);
}

/// A small line of text at the top of the area (jump prompt, warnings).
pub fn paint_banner(painter: &Painter, area: Rect, text: &str, color: Color32) {
    let font = FontId::proportional((area.height() / 40.0).clamp(12.0, 24.0));
    let galley = painter.layout(text.to_string(), font, Color32::WHITE, area.width() * 0.9);
    let rect = Rect::from_center_size(
        pos2(area.center().x, area.top() + galley.size().y / 2.0 + 16.0),
        galley.size() + Vec2::new(24.0, 12.0),
    );
    painter.rect_filled(rect, 6.0, color);
    painter.galley(rect.min + Vec2::new(12.0, 6.0), galley, Color32::WHITE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_cover_fills_and_contain_fits() {
        let canvas = Rect::from_min_size(Pos2::ZERO, Vec2::new(960.0, 700.0));
        let (r, _) = background_fit(canvas, Vec2::new(1600.0, 900.0), None);
        assert!(
            r.width() >= 960.0 && (r.height() - 700.0).abs() < 0.01,
            "cover: {r:?}"
        );
        let (r, _) = background_fit(canvas, Vec2::new(1600.0, 900.0), Some("contain"));
        assert!(
            (r.width() - 960.0).abs() < 0.01 && r.height() <= 700.0,
            "contain: {r:?}"
        );
        assert_eq!(r.center(), canvas.center());
    }
}
