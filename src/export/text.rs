//! egui galleys as PDF text: each row's glyphs in runs of one face, size, colour and slant,
//! placed where egui placed them, with the characters they stand for (the ToUnicode map that
//! makes the PDF's text searchable and copyable). Backgrounds, underlines and strike-through
//! in a galley are its mesh, drawn as shapes.

use super::vector::{Painter, fill_of, triangles};
use eframe::egui::{Color32, Pos2};
use eframe::epaint::TextShape;
use krilla::geom::{Point, Transform};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

/// One run of glyphs drawn with one `Tj`: same face, size, colour, slant and baseline.
struct Run {
    face: usize,
    size: f32,
    color: Color32,
    italic: bool,
    start: Pos2,
    /// Each glyph's x position, for the advances.
    xs: Vec<f32>,
    glyphs: Vec<KrillaGlyph>,
    text: String,
}

impl Painter<'_> {
    /// Draws a text shape: its galley's rows at its position.
    pub(super) fn text(&mut self, surface: &mut Surface<'_>, t: &TextShape) {
        let galley = &t.galley;
        let k = text_scale(galley);
        // Glyphs in order with the section each came from (egui drops the `\n`s).
        let mut sections = galley.job.sections.iter().flat_map(|s| {
            galley
                .job
                .text
                .get(s.byte_range.start.0..s.byte_range.end.0)
                .unwrap_or("")
                .chars()
                .filter(|&c| c != '\n')
                .map(move |_| s)
        });
        let fallback = (t.fallback_color != Color32::PLACEHOLDER).then_some(t.fallback_color);
        let resolve = |c: Color32| {
            if c == Color32::PLACEHOLDER {
                fallback.unwrap_or(c)
            } else {
                c
            }
        };
        for placed in &galley.rows {
            let row = &placed.row;
            let origin = t.pos + placed.pos.to_vec2();
            let mesh = &row.visuals.mesh;
            let glyph_vertices = row.visuals.glyph_vertex_range.clone();
            // Backgrounds (inline code), then the glyphs, then underlines and strike-through.
            triangles(
                surface,
                mesh,
                0..glyph_vertices.start,
                origin,
                Some(&resolve),
            );
            let mut run: Option<Run> = None;
            let mut color = resolve(Color32::PLACEHOLDER);
            // Glyphs still to pass over: the rest of a cluster drawn by one glyph.
            let mut skip = 0;
            for (gi, g) in row.glyphs.iter().enumerate() {
                let Some(section) = sections.next() else {
                    break;
                };
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let format = &section.format;
                if !g.uv_rect.is_nothing()
                    && let Some(v) = mesh.vertices.get(g.first_vertex as usize)
                {
                    color = resolve(v.color);
                    if let Some(o) = t.override_text_color
                        && !g.is_color
                    {
                        color = o;
                    }
                }
                let color = color.gamma_multiply(t.opacity_factor);
                let Some(mut found) = self.fonts.resolve(&format.font_id.family, g.chr) else {
                    continue;
                };
                // A colour emoji of several characters (ZWJ sequence, flag, skin tone): epaint
                // gave its first character the picture and the others no width.
                let mut chars = String::from(g.chr);
                if g.is_color {
                    let rest = row.glyphs.get(gi + 1..).unwrap_or(&[]);
                    let follow = rest
                        .iter()
                        .take_while(|n| n.advance_width == 0.0 && n.uv_rect.is_nothing())
                        .count();
                    if follow > 0 {
                        chars.extend(rest.iter().take(follow).map(|n| n.chr));
                        if let Some(one) =
                            self.fonts.resolve_cluster(&format.font_id.family, &chars)
                        {
                            found = one;
                            skip = follow;
                        } else {
                            chars = String::from(g.chr);
                        }
                    }
                }
                let size = format.font_id.size * k * self.fonts.scale(found.face);
                let at = origin + g.pos.to_vec2() * k;
                let same = run.as_ref().is_some_and(|r| {
                    r.face == found.face
                        && r.size == size
                        && r.color == color
                        && r.italic == format.italics
                        && (r.start.y - at.y).abs() < 0.01
                });
                if !same {
                    if let Some(r) = run.take() {
                        self.flush(surface, r);
                    }
                    run = Some(Run {
                        face: found.face,
                        size,
                        color,
                        italic: format.italics,
                        start: at,
                        xs: Vec::new(),
                        glyphs: Vec::new(),
                        text: String::new(),
                    });
                }
                if let Some(r) = run.as_mut() {
                    let from = r.text.len();
                    r.text.push_str(&chars);
                    r.xs.push(at.x);
                    r.glyphs.push(KrillaGlyph::new(
                        GlyphId::new(found.glyph),
                        g.advance_width * k / size,
                        0.0,
                        0.0,
                        0.0,
                        from..r.text.len(),
                        None,
                    ));
                }
            }
            if let Some(r) = run.take() {
                self.flush(surface, r);
            }
            triangles(
                surface,
                mesh,
                glyph_vertices.end..mesh.vertices.len(),
                origin,
                Some(&resolve),
            );
        }
    }

    /// Writes one run: advances from egui's positions, so the PDF places every glyph where
    /// the screen does.
    fn flush(&mut self, surface: &mut Surface<'_>, mut run: Run) {
        let Some(font) = self.fonts.font(run.face).cloned() else {
            return;
        };
        if run.size <= 0.0 {
            return;
        }
        for i in 1..run.xs.len() {
            if let (Some(g), Some(a), Some(b)) =
                (run.glyphs.get_mut(i - 1), run.xs.get(i - 1), run.xs.get(i))
            {
                g.x_advance = (b - a) / run.size;
            }
        }
        let Some(fill) = fill_of(run.color) else {
            return;
        };
        surface.set_fill(Some(fill));
        surface.set_stroke(None);
        if run.italic {
            // egui slants a glyph by a quarter of its height; the same shear about the baseline.
            surface.push_transform(&Transform::from_row(
                1.0,
                0.0,
                -0.25,
                1.0,
                run.start.x,
                run.start.y,
            ));
            surface.draw_glyphs(
                Point::from_xy(0.0, 0.0),
                &run.glyphs,
                font,
                &run.text,
                run.size,
                false,
            );
            surface.pop();
        } else {
            surface.draw_glyphs(
                Point::from_xy(run.start.x, run.start.y),
                &run.glyphs,
                font,
                &run.text,
                run.size,
                false,
            );
        }
    }
}

/// How much a galley was scaled after layout (`Shape::transform` scales rows and meshes but
/// not glyph positions): a row's height over its glyphs' line height.
fn text_scale(galley: &eframe::epaint::Galley) -> f32 {
    galley
        .rows
        .iter()
        .find_map(|r| {
            let h = r
                .row
                .glyphs
                .iter()
                .map(|g| g.line_height)
                .fold(0.0, f32::max);
            (h > 0.0).then(|| r.row.size.y / h)
        })
        .filter(|k| k.is_finite() && (*k - 1.0).abs() > 0.02)
        .unwrap_or(1.0)
}
