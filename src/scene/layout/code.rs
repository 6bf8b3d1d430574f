//! Code blocks: highlighted lines stacked on a background at 90% width, a line-number gutter
//! when asked for, long lines shrinking the font, and highlight steps attached to each line
//! for dimming at draw time.

use super::{Laid, Layouter, glyph_size};
use crate::deck::CodeBlock;
use crate::scene::{CodeLine, ItemKind, highlighted};
use crate::theme::fonts::MONO_BOLD_FAMILY;
use eframe::egui::{Align, Color32, FontFamily, FontId, Rect, pos2, vec2};
use eframe::epaint::text::{LayoutJob, TextFormat};
use std::sync::Arc;

impl Layouter<'_, '_> {
    pub(super) fn code(&mut self, code: &CodeBlock, width: f32) -> Laid {
        let th = self.theme;
        let w = width * 0.9;
        let pad = 10.0 * self.s;
        let mut size = th.code_size() * self.s;
        let lines = highlighted(&code.text, &code.language, th.syntax_theme, th.code_text);
        let numbered = code.line_numbers.is_some();
        let last_no = code.start_line + lines.len().max(1) as u64 - 1;
        let gutter_chars = if numbered {
            last_no.to_string().len()
        } else {
            0
        };
        // Long lines shrink the code font (to 60% at most) rather than running off the block.
        let longest = code
            .text
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
            + gutter_chars
            + if numbered { 2 } else { 0 };
        let char_w = size * 0.6;
        if longest as f32 * char_w > w - 2.0 * pad {
            size = (size * (w - 2.0 * pad) / (longest as f32 * char_w)).max(size * 0.6);
        }
        let line_h = size * 1.25;
        let code_family = FontFamily::Name(self.theme.code_font.into());
        // The bundled mono face has a bold of its own; a theme's own code face (dracula's
        // Fira Code) draws bold classes in its one weight.
        let bold_family = if self.theme.code_font == crate::theme::fonts::family::MONO {
            FontFamily::Name(MONO_BOLD_FAMILY.into())
        } else {
            code_family.clone()
        };
        let weighted = |color: Color32, bold: bool| TextFormat {
            font_id: FontId::new(
                glyph_size(size),
                if bold {
                    bold_family.clone()
                } else {
                    code_family.clone()
                },
            ),
            color,
            line_height: Some(line_h),
            ..TextFormat::default()
        };
        let mono = |color: Color32| weighted(color, false);
        let steps = Arc::new(code.steps.clone());
        let step_fragments = Arc::new(code.step_fragments.clone());
        let has_steps =
            code.steps.len() > 1 || code.steps.first().is_some_and(|s| !s.ranges.is_empty());
        // By content, as reveal.js pairs `pre` blocks; a `data-id` wins when present.
        let block_key = self.key("code", Some(&code.meta), code.text.trim());
        let mut out = Laid::default();
        let h = lines.len().max(1) as f32 * line_h + 2.0 * pad;
        let bg = Rect::from_min_size(pos2(0.0, 0.0), vec2(w, h));
        out.items.push(self.item(
            format!("{block_key}:bg"),
            bg,
            ItemKind::Fill {
                color: th.code_background,
                corner: 4.0 * self.s,
            },
        ));
        let gutter_w = if numbered {
            let probe = self.fonts.layout_job(LayoutJob::single_section(
                "0".repeat(gutter_chars),
                mono(th.code_text),
            ));
            probe.rect.width() + size * 0.75
        } else {
            0.0
        };
        for (i, runs) in lines.iter().enumerate() {
            let y = pad + i as f32 * line_h;
            let line_no = i as u32 + 1;
            let code_line = has_steps.then(|| CodeLine {
                line: line_no,
                steps: steps.clone(),
                step_fragments: step_fragments.clone(),
            });
            if numbered {
                let n = (code.start_line + i as u64).to_string();
                let job = LayoutJob {
                    halign: Align::Max,
                    ..LayoutJob::single_section(n, mono(th.code_text.gamma_multiply(0.6)))
                };
                let g = self.fonts.layout_job(job);
                let rect = g.rect.translate(vec2(pad + gutter_w - size * 0.75, y));
                let mut item =
                    self.item(format!("{block_key}:n{line_no}"), rect, ItemKind::Text(g));
                item.code_line = code_line.clone();
                out.items.push(item);
            }
            let mut job = LayoutJob::default();
            let mut text = String::new();
            for run in runs {
                job.append(&run.text, 0.0, weighted(run.color, run.bold));
                text.push_str(&run.text);
            }
            if job.text.trim().is_empty() {
                continue;
            }
            let g = self.fonts.layout_job(job);
            let rect = g.rect.translate(vec2(pad + gutter_w, y));
            let mut item = self.item(format!("{block_key}:line:{text}"), rect, ItemKind::Text(g));
            item.code_line = code_line;
            out.items.push(item);
        }
        out.size = bg.size();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lay;
    use crate::scene::{Item, ItemKind, Scene};

    fn lines(scene: &Scene) -> Vec<(&Item, String)> {
        scene
            .items
            .iter()
            .filter(|i| i.key.contains(":line:"))
            .filter_map(|i| match &i.kind {
                ItemKind::Text(g) => Some((i, g.text().to_string())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lines_stack_in_order_on_their_background() {
        let scene = lay("```\nfirst\nsecond\nthird\n```\n");
        let found = lines(&scene);
        let text: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(text, ["first", "second", "third"]);
        let ys: Vec<f32> = found.iter().map(|(i, _)| i.rect.min.y).collect();
        assert!(ys[0] < ys[1] && ys[1] < ys[2], "{ys:?}");
        assert!(
            ((ys[1] - ys[0]) - (ys[2] - ys[1])).abs() < 0.01,
            "even spacing"
        );
        let bg = scene
            .items
            .iter()
            .find(|i| i.key.ends_with(":bg"))
            .expect("a background");
        assert!(matches!(bg.kind, ItemKind::Fill { .. }));
        assert!((bg.rect.width() - 960.0 * 0.9).abs() < 0.5, "{:?}", bg.rect);
        for (i, _) in &found {
            assert!(
                bg.rect.contains_rect(i.rect),
                "{:?} in {:?}",
                i.rect,
                bg.rect
            );
            assert!(i.code_line.is_none(), "no steps, no dimming");
        }
    }

    /// The drawn shape of each glyph of the code line `text` (its offset and size), with its
    /// character.
    fn glyphs(text: &str) -> Vec<(char, eframe::egui::Vec2, eframe::egui::Vec2)> {
        let scene = lay(&format!("```\n{text}\n```\n"));
        let found = lines(&scene);
        let (item, _) = found.first().expect("a code line");
        let ItemKind::Text(g) = &item.kind else {
            unreachable!("lines() keeps text items")
        };
        g.rows
            .iter()
            .flat_map(|r| r.glyphs.iter())
            .map(|gl| (gl.chr, gl.uv_rect.offset, gl.uv_rect.size))
            .collect()
    }

    #[test]
    fn code_shows_each_character_as_written_without_ligatures() {
        // JetBrains Mono's `calt` draws `>=` as one wide sign, `->` as an arrow: each
        // character must be the glyph it is alone, in the same column (so at the same
        // sub-pixel offset).
        for pair in [">=", "->", "!=", "==", "<=", "=>"] {
            let chars: Vec<char> = pair.chars().collect();
            let joined = glyphs(&format!("a {pair} b"));
            let first = glyphs(&format!("a {}  b", chars[0]));
            let second = glyphs(&format!("a  {} b", chars[1]));
            assert_eq!(joined[2], first[2], "{pair}: {joined:?}");
            assert_eq!(joined[3], second[3], "{pair}: {joined:?}");
        }
    }

    #[test]
    fn highlight_steps_dim_the_other_lines_step_by_step() {
        let scene = lay("```js [1|2]\na\nb\n```\n");
        let found = lines(&scene);
        let opacity = |n: usize, shown: usize| {
            found[n]
                .0
                .code_line
                .as_ref()
                .expect("a code line")
                .opacity(shown)
        };
        assert_eq!((opacity(0, 0), opacity(1, 0)), (1.0, 0.4));
        assert_eq!((opacity(0, 1), opacity(1, 1)), (0.4, 1.0));
        // Line numbers come with highlight steps, in a gutter left of the code.
        let number = scene
            .items
            .iter()
            .find(|i| i.key.ends_with(":n1"))
            .expect("line number 1");
        assert!(number.rect.max.x <= found[0].0.rect.min.x);
    }
}
