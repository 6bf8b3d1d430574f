//! The flow: blocks stacked with the theme's margin and aligned in their width, each block
//! sent to its family's layout, and absolutely positioned elements taken out of the flow and
//! placed against the canvas.

use super::length::{Basis, points};
use super::{Laid, Layouter, TextStyle};
use crate::deck::style::{Length, Style};
use crate::deck::{Block, Inline, Meta};
use crate::scene::ItemKind;
use eframe::egui::{Align, Rect, Vec2, pos2, vec2};

impl Layouter<'_, '_> {
    pub(super) fn blocks(&mut self, blocks: &[Block], width: f32, st: &TextStyle) -> Laid {
        let mut out = Laid::default();
        let gap = self.theme.block_margin * self.s;
        let mut y = 0.0f32;
        let mut first = true;
        for b in blocks {
            let laid = self.block(b, width, st);
            if laid.items.is_empty() && laid.size.y <= 0.0 {
                continue;
            }
            if !first {
                y += gap;
            }
            first = false;
            let x = match st.align {
                Align::Min => 0.0,
                Align::Center => ((width - laid.size.x) / 2.0).max(0.0),
                Align::Max => (width - laid.size.x).max(0.0),
            };
            let h = laid.size.y;
            out.size.x = out.size.x.max(laid.size.x + x);
            out.push_at(laid, vec2(x, y));
            y += h;
        }
        out.size.y = y;
        out.size.x = out.size.x.min(width).max(if out.items.is_empty() {
            0.0
        } else {
            out.size.x
        });
        out
    }

    /// When a block's only content is one absolutely positioned inline, it moves with it.
    fn absolute_style(meta: Option<&Meta>, content: Option<&[Inline]>) -> Option<Style> {
        if let Some(m) = meta
            && m.style().is_absolute()
        {
            return Some(m.style());
        }
        let content = content?;
        let mut found = None;
        for i in content {
            match i {
                Inline::Text { text, .. } if text.trim().is_empty() => {}
                Inline::Link { meta, .. }
                | Inline::Span { meta, .. }
                | Inline::Strong { meta, .. }
                | Inline::Emphasis { meta, .. }
                    if found.is_none() && meta.style().is_absolute() =>
                {
                    found = Some(meta.style())
                }
                _ => return None,
            }
        }
        found
    }

    pub(super) fn block(&mut self, b: &Block, width: f32, st: &TextStyle) -> Laid {
        let content = match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Plain { content } => Some(content.as_slice()),
            _ => None,
        };
        if let Some(style) = Self::absolute_style(b.meta(), content) {
            let w = style
                .width()
                .and_then(|len| points(len, self.basis(self.canvas.x)))
                .unwrap_or(self.canvas.x);
            let laid = self.with_fragment(b.meta(), |l| l.block_in_flow(b, w, st));
            self.absolute.push((laid, style));
            return Laid::default();
        }
        self.with_fragment(b.meta(), |l| l.block_in_flow(b, width, st))
    }

    fn block_in_flow(&mut self, b: &Block, width: f32, st: &TextStyle) -> Laid {
        let th = self.theme;
        match b {
            Block::Heading {
                level,
                content,
                meta,
            } => {
                let hs = TextStyle {
                    size: th.heading_size(*level) * self.s,
                    color: th.heading,
                    bold: true,
                    heading: true,
                    letter_spacing: th.heading_letter_spacing,
                    upper: th.heading_uppercase,
                    line_height: th.heading_line_height,
                    ..st.clone()
                };
                // reveal.js gives the deck's slide classes (`title`, `section-title`) no look of
                // their own: a subtitle stays a heading, a divider has no bar.
                let hs = self.styled(&hs, meta);
                let mut laid =
                    self.text_block(content, &hs, width, &format!("h{level}"), Some(meta));
                let shadow = if *level == 1 {
                    th.heading1_shadow
                } else {
                    th.heading_shadow
                };
                for item in &mut laid.items {
                    if matches!(item.kind, ItemKind::Text(_)) {
                        item.shadow = shadow;
                    }
                }
                laid
            }
            Block::Paragraph { content, meta } => {
                let ps = TextStyle {
                    paragraph: true,
                    ..self.styled(st, meta)
                };
                self.text_block(content, &ps, width, "p", Some(meta))
            }
            Block::Plain { content } => self.text_block(content, st, width, "p", None),
            Block::List { .. } => self.list_block(b, width, st, 0).unwrap_or_default(),
            Block::Code(code) => self.code(code, width),
            Block::Image(img) => self.image(img, width),
            Block::Table(t) => self.table(t, width, st),
            Block::Quote { blocks, meta } => {
                let mut qs = TextStyle {
                    italic: true,
                    ..self.styled(st, meta)
                };
                if let Some(c) = self.theme.italic_color {
                    qs.color = c;
                }
                let w = width * 0.7;
                let pad = 5.0 * self.s;
                let inner = self.blocks(blocks, w - 2.0 * pad, &qs);
                let mut out = Laid::default();
                let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(w, inner.size.y + 2.0 * pad));
                let key = self.key("quote", Some(meta), "");
                out.items.push(self.item(
                    key,
                    rect,
                    ItemKind::Fill {
                        color: self.theme.quote_background,
                        corner: 2.0,
                    },
                ));
                out.push_at(inner, vec2(pad, pad));
                out.size = rect.size();
                out
            }
            Block::Rule { meta } => {
                let key = self.key("hr", Some(meta), "");
                let rect =
                    Rect::from_min_size(pos2(0.0, 0.0), vec2(width * 0.8, (2.0 * self.s).max(1.0)));
                Laid {
                    items: vec![self.item(
                        key,
                        rect,
                        ItemKind::Fill {
                            color: self.theme.rule,
                            corner: 0.0,
                        },
                    )],
                    size: rect.size(),
                }
            }
            Block::Math { tex, meta } => self.display_math(tex, meta, width, st),
            Block::Html { tag, blocks, meta } => self.html(tag, blocks, meta, width, st),
        }
    }

    /// The absolutely positioned elements gathered so far, placed against `canvas` (points)
    /// by their `left`/`right`/`top`/`bottom` and a centring `translate(-50%, -50%)`.
    pub(super) fn place_absolute(&mut self, canvas: Vec2) -> Vec<Laid> {
        let mut placed: Vec<Laid> = Vec::new();
        for (laid, style) in std::mem::take(&mut self.absolute) {
            let basis = |whole: f32| Basis {
                em: Some(self.theme.base_size * self.s),
                ..self.basis(whole)
            };
            let pos = |k: &str, whole: f32| {
                style
                    .get(k)
                    .and_then(Length::parse)
                    .and_then(|len| points(len, basis(whole)))
            };
            let mut x = pos("left", canvas.x)
                .or_else(|| pos("right", canvas.x).map(|r| canvas.x - r - laid.size.x))
                .unwrap_or(0.0);
            let mut top = pos("top", canvas.y)
                .or_else(|| pos("bottom", canvas.y).map(|b| canvas.y - b - laid.size.y))
                .unwrap_or(0.0);
            if let Some(t) = style.get("transform")
                && t.replace(' ', "").contains("translate(-50%,-50%)")
            {
                x -= laid.size.x / 2.0;
                top -= laid.size.y / 2.0;
            }
            let mut out = Laid::default();
            let size = laid.size;
            out.push_at(laid, vec2(x, top));
            out.size = size;
            placed.push(out);
        }
        placed
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Every, lay, lay_at, text_rect};
    use crate::scene::ImageState;
    use crate::theme::Theme;

    #[test]
    fn blocks_stack_down_with_the_theme_margin_and_centre() {
        let scene = lay("First\n\nSecond\n\nThird\n");
        let (a, b, c) = (
            text_rect(&scene, "First"),
            text_rect(&scene, "Second"),
            text_rect(&scene, "Third"),
        );
        let margin = Theme::black().block_margin;
        assert!((b.min.y - a.max.y - margin).abs() < 0.5, "{a:?} {b:?}");
        assert!((c.min.y - b.max.y - margin).abs() < 0.5, "{b:?} {c:?}");
        for r in [a, b, c] {
            assert!((r.center().x - 480.0).abs() < 1.0, "{r:?}");
        }
        // The flow is centred vertically on the canvas.
        assert!(
            ((a.min.y + c.max.y) / 2.0 - 350.0).abs() < 1.0,
            "{a:?} {c:?}"
        );
    }

    #[test]
    fn an_absolute_element_lands_at_its_left_top_scaled() {
        let md = "<div style=\"position: absolute; left: 100px; top: 50px; text-align: left\">\n\nCorner\n\n</div>\n";
        let scene = lay_at(md, 0.5, &Every(ImageState::Loading));
        let r = text_rect(&scene, "Corner");
        assert!((r.min.x - 50.0).abs() < 0.5, "{r:?}");
        assert!((r.min.y - 25.0).abs() < 0.5, "{r:?}");
    }

    #[test]
    fn translate_minus_half_centres_an_absolute_element_on_its_point() {
        let md = "<div style=\"position: absolute; left: 50%; top: 50%; width: 200px; transform: translate(-50%, -50%)\">\n\nMiddle\n\n</div>\n";
        let r = text_rect(&lay(md), "Middle");
        assert!((r.center().x - 480.0).abs() < 1.0, "{r:?}");
        assert!((r.center().y - 350.0).abs() < 1.0, "{r:?}");
    }
}
