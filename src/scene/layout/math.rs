//! Formulas in the flow: a display formula is a centred block of its own, with KaTeX's
//! `.katex-display` margin of 1em above and below; an inline formula holds a place in its text
//! run (an invisible run as wide as the formula, its line tall enough for it) and is drawn
//! over that place, its baseline on the text's baseline. A formula that does not parse shows
//! its source in KaTeX's error colour.

use super::{Laid, Layouter, TextStyle};
use crate::deck::{Inline, Meta};
use crate::scene::math::{self, Formula, KATEX_EM};
use crate::scene::{Frag, ItemKind};
use crate::theme::reveal;
use eframe::egui::{Align, Color32, Rect, pos2, vec2};
use eframe::epaint::text::{LayoutJob, TextFormat};
use std::sync::Arc;

/// A word joiner: zero-width, not whitespace (so never trimmed at a row's ends) and not a
/// break opportunity; the letter spacing epaint puts before it is the formula's width.
const HOLDER: &str = "\u{2060}";

/// An inline formula's place in a text job, to draw it once the job is laid out.
pub(super) struct MathRun {
    /// Byte offset of its holder in the job's text.
    at: usize,
    formula: Arc<Formula>,
    /// Its box in points: width, height above and depth below the baseline.
    w: f32,
    h: f32,
    d: f32,
    /// Line height of the text around it, and its baseline's offset from that line's top.
    text_line: f32,
    text_baseline: f32,
    frags: Vec<Frag>,
}

impl Layouter<'_, '_> {
    /// Points per em of a formula in text of `st`: KaTeX's 1.21em of the CSS size.
    fn math_em(&self, st: &TextStyle) -> f32 {
        KATEX_EM * st.size
    }

    /// A display formula as a block `width` wide.
    pub(super) fn display_math(
        &mut self,
        tex: &str,
        meta: &Meta,
        width: f32,
        st: &TextStyle,
    ) -> Laid {
        let st = self.styled(st, meta);
        match math::typeset(tex, true, st.color) {
            Ok(formula) => {
                let em = self.math_em(&st);
                let size = vec2(formula.width * em, (formula.height + formula.depth) * em);
                // `.katex-display { margin: 1em 0 }` inside the paragraph, whose own margin
                // it collapses with: the flow's gap is already there.
                let css_em = st.size;
                let pad = (css_em - self.theme.block_margin * self.s).max(0.0);
                let x = match st.align {
                    Align::Min => 0.0,
                    Align::Center => ((width - size.x) / 2.0).max(0.0),
                    Align::Max => (width - size.x).max(0.0),
                };
                let key = self.key("math", Some(meta), tex);
                let rect = Rect::from_min_size(pos2(x, pad), size);
                Laid {
                    items: vec![self.item(key, rect, ItemKind::Math { formula })],
                    size: vec2(width, size.y + 2.0 * pad),
                }
            }
            Err(_) => {
                let es = TextStyle {
                    color: reveal::MATH_ERROR,
                    mono: true,
                    ..st.clone()
                };
                let content = [Inline::Text {
                    text: tex.to_string(),
                    span: meta.span,
                }];
                self.text_block(&content, &es, width, "math", Some(meta))
            }
        }
    }

    /// Adds formula `tex` to `job`: its holder, or its source in the error colour. A
    /// `$$…$$` amid a paragraph's text is set in display style but stays in the line (KaTeX
    /// would break the line around it).
    pub(super) fn inline_math(
        &mut self,
        job: &mut LayoutJob,
        tex: &str,
        st: &TextStyle,
        display: bool,
    ) {
        let formula = match math::typeset(tex, display, st.color) {
            Ok(f) => f,
            Err(_) => {
                // Monospaced: the text face draws `\\` as a won sign, as Korean fonts do.
                let mut f = self.format(&TextStyle {
                    mono: true,
                    ..st.clone()
                });
                f.color = reveal::MATH_ERROR;
                self.append(job, tex, f);
                return;
            }
        };
        let em = self.math_em(st);
        let (w, h, d) = (formula.width * em, formula.height * em, formula.depth * em);
        let text = self.format(st);
        let text_line = text.line_height.unwrap_or(st.size);
        let text_baseline = self.baseline_in_line(&text);
        // The holder's line, centred on the row as the text's is (every section is centred
        // once a job holds a formula), must reach the formula's top and bottom.
        let above = h - (text_baseline - text_line / 2.0);
        let below = d + (text_baseline - text_line / 2.0);
        let holder = TextFormat {
            color: Color32::TRANSPARENT,
            background: Color32::TRANSPARENT,
            line_height: Some((2.0 * above.max(below)).max(1.0)),
            extra_letter_spacing: w,
            valign: Align::Center,
            ..text
        };
        if job.text.is_empty() || job.text.ends_with('\n') {
            // epaint drops the spacing before a line's first glyph: give it one before.
            let lead = TextFormat {
                extra_letter_spacing: 0.0,
                line_height: Some(text_line),
                ..holder.clone()
            };
            self.append(job, HOLDER, lead);
        }
        self.math_runs.push(MathRun {
            at: job.text.len(),
            formula,
            w,
            h,
            d,
            text_line,
            text_baseline,
            frags: self.frags.clone(),
        });
        self.append(job, HOLDER, holder);
    }

    /// Where text in `format` has its baseline, from the top of its line.
    fn baseline_in_line(&mut self, format: &TextFormat) -> f32 {
        let mut probe = LayoutJob::default();
        probe.append("x", 0.0, format.clone());
        let g = self.fonts.layout_job(probe);
        g.rows
            .first()
            .and_then(|r| r.glyphs.first())
            .map_or(format.font_id.size * 0.8, |gl| gl.pos.y)
    }

    /// The formulas of a laid-out job as items, `offset` being where the galley's origin is.
    pub(super) fn math_items(
        &mut self,
        galley: &eframe::epaint::Galley,
        runs: Vec<MathRun>,
        offset: eframe::egui::Vec2,
        key: &str,
    ) -> Vec<crate::scene::Item> {
        use eframe::epaint::text::cursor::CCursor;
        let text = &galley.job.text;
        runs.into_iter()
            .enumerate()
            .map(|(n, run)| {
                // The holder's width is the letter spacing, which epaint puts before the
                // joiner: the formula ends where the holder does.
                let end = run.at + HOLDER.len();
                let chars = text.get(..end).map_or(0, |t| t.chars().count());
                let cell = galley.pos_from_cursor(CCursor::new(chars));
                let row_h = cell.height();
                let baseline = cell.top() + (row_h - run.text_line) / 2.0 + run.text_baseline;
                let rect = Rect::from_min_size(
                    pos2(cell.left() - run.w, baseline - run.h),
                    vec2(run.w, run.h + run.d),
                )
                .translate(offset);
                let mut item = self.item(
                    format!("{key}#m{n}"),
                    rect,
                    ItemKind::Math {
                        formula: run.formula,
                    },
                );
                item.fragments = run.frags;
                item
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{lay, texts};
    use crate::scene::{Item, ItemKind, Scene};
    use eframe::egui::Rect;

    fn formulas(scene: &Scene) -> Vec<&Item> {
        scene
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Math { .. }))
            .collect()
    }

    /// Where each character of the text item's galley starts, on screen.
    fn char_x(scene: &Scene, text: &str, needle: &str) -> f32 {
        use eframe::epaint::text::cursor::CCursor;
        let item = scene
            .items
            .iter()
            .find(|i| matches!(&i.kind, ItemKind::Text(g) if g.text().contains(text)))
            .expect("the text item");
        let ItemKind::Text(g) = &item.kind else {
            unreachable!()
        };
        let at = g.text().find(needle).expect("the needle");
        let chars = g.text()[..at].chars().count();
        let r = g.pos_from_cursor(CCursor::new(chars));
        item.rect.min.x - g.rect.min.x + r.left()
    }

    #[test]
    fn an_inline_formula_takes_its_width_in_the_line_and_sits_on_the_baseline() {
        let scene = lay("Left $a^2+b^2$ right\n");
        let f = formulas(&scene);
        assert_eq!(f.len(), 1, "{:?}", texts(&scene));
        let r: Rect = f[0].rect;
        let left_end = char_x(&scene, "Left", " \u{2060}");
        let right = char_x(&scene, "Left", " right");
        eprintln!("formula {r:?} left_end {left_end} right {right}");
        assert!(r.left() >= left_end - 0.5, "{r:?} starts after `Left`");
        assert!(r.right() <= right + 0.5, "{r:?} ends before ` right`");
        assert!(right - r.right() < 2.0, "no gap after: {right} vs {r:?}");
        assert!(
            r.left() - left_end < 14.0,
            "a space before: {left_end} vs {r:?}"
        );
        // Its baseline is the text's.
        let ItemKind::Math { formula } = &f[0].kind else {
            unreachable!()
        };
        let em = r.height() / (formula.height + formula.depth);
        let math_base = r.top() + formula.height * em;
        let item = &scene.items[0];
        let ItemKind::Text(g) = &item.kind else {
            panic!("the text comes first")
        };
        let row = &g.rows[0];
        let text_base = item.rect.min.y - g.rect.min.y + row.pos.y + row.glyphs[0].pos.y;
        assert!(
            (math_base - text_base).abs() < 1.5,
            "{math_base} vs {text_base}"
        );
    }

    #[test]
    fn a_tall_inline_formula_makes_its_row_taller() {
        let plain = texts(&lay("Left x right\n"))[0].1.height();
        let tall = texts(&lay("Left $\\dfrac{a}{\\dfrac{b}{c}}$ right\n"))[0]
            .1
            .height();
        assert!(tall > plain * 1.4, "{tall} vs {plain}");
    }

    #[test]
    fn a_formula_that_does_not_parse_shows_its_source_in_the_error_colour() {
        let scene = lay("Bad $\\nosuchmacro{a}$ here\n\n$$\\begin{x}$$\n");
        assert!(formulas(&scene).is_empty());
        let red = scene.items.iter().filter(|i| match &i.kind {
            ItemKind::Text(g) => g.job.sections.iter().any(|s| {
                let text = &g.job.text[s.byte_range.start.0..s.byte_range.end.0];
                s.format.color == crate::theme::reveal::MATH_ERROR
                    && (text.contains("nosuchmacro") || text.contains("begin"))
            }),
            _ => false,
        });
        assert_eq!(red.count(), 2, "{:?}", texts(&scene));
    }

    #[test]
    fn a_formula_that_wraps_to_the_next_row_keeps_its_place() {
        let words = "word ".repeat(14);
        let scene = lay(&format!("{words}$\\frac{{a+b+c}}{{d}}$ tail\n"));
        let f = formulas(&scene);
        assert_eq!(f.len(), 1);
        let r = f[0].rect;
        let tail = char_x(&scene, "tail", " tail");
        eprintln!("wrapped formula {r:?} tail {tail}");
        assert!(
            r.right() <= tail + 0.5 && tail - r.right() < 2.0,
            "{r:?} vs {tail}"
        );
        let text = texts(&scene)[0].1;
        assert!(r.left() >= text.left() - 0.5, "{r:?} inside {text:?}");
    }

    #[test]
    fn a_display_formula_is_centred_at_katex_s_size_for_reveal_s_42px_text() {
        let scene = lay("$$\\int_0^1 x\\,dx = \\frac{1}{2}$$\n");
        let f = formulas(&scene);
        assert_eq!(f.len(), 1);
        let ItemKind::Math { formula } = &f[0].kind else {
            unreachable!()
        };
        assert!(formula.display);
        // reveal.js's black theme sets text at 42px; KaTeX draws at 1.21em of it.
        let em = 1.21 * 42.0;
        let r = f[0].rect;
        assert!((r.width() - formula.width * em).abs() < 0.5, "{r:?}");
        assert!(
            (r.height() - (formula.height + formula.depth) * em).abs() < 0.5,
            "{r:?}"
        );
        assert!((r.center().x - 480.0).abs() < 1.0, "centred: {r:?}");
    }

    #[test]
    fn a_formula_opening_a_centred_line_is_centred_with_it() {
        let scene = lay("$a+b+c+d$ and more\n");
        let f = formulas(&scene)[0].rect;
        let text = texts(&scene)[0].1;
        let right = char_x(&scene, "and", " and");
        eprintln!("formula {f:?} text {text:?} right {right}");
        assert!(
            (right - f.right()).abs() < 2.0,
            "{f:?} ends where ` and` starts ({right})"
        );
        assert!(f.left() >= text.left() - 0.5, "{f:?} inside {text:?}");
    }
}
