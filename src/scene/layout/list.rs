//! Lists: items as left-aligned blocks inside an indent, their markers (bullets by depth, or
//! numbers) on the first line in the item's own fragment, nested lists indented further.

use super::{Laid, Layouter, TextStyle};
use crate::deck::{Block, ListItem};
use crate::scene::ItemKind;
use eframe::egui::{Align, vec2};
use eframe::epaint::text::LayoutJob;

impl Layouter<'_, '_> {
    /// A list block in its own style over `st`, at nesting `depth`; `None` for other blocks.
    pub(super) fn list_block(
        &mut self,
        b: &Block,
        width: f32,
        st: &TextStyle,
        depth: usize,
    ) -> Option<Laid> {
        let Block::List {
            ordered,
            start,
            items,
            meta,
        } = b
        else {
            return None;
        };
        let ls = self.styled(st, meta);
        Some(self.list(*ordered, *start, items, width, &ls, depth))
    }

    pub(super) fn list(
        &mut self,
        ordered: bool,
        start: u64,
        items: &[ListItem],
        width: f32,
        st: &TextStyle,
        depth: usize,
    ) -> Laid {
        let indent = if depth == 0 {
            st.size * 1.2
        } else {
            40.0 * self.s
        };
        let item_style = TextStyle {
            align: Align::Min,
            ..st.clone()
        };
        let inner_w = (width - indent).max(40.0 * self.s);
        let mut out = Laid::default();
        let mut y = 0.0;
        let bullet_style = TextStyle {
            color: self.theme.bullet_color.unwrap_or(st.color),
            ..item_style.clone()
        };
        for (n, item) in items.iter().enumerate() {
            let laid = self.with_fragment(Some(&item.meta), |l| {
                let mut laid = Laid::default();
                let mut iy = 0.0;
                for (bi, b) in item.blocks.iter().enumerate() {
                    let part = match b {
                        Block::List { meta, .. } => l
                            .with_fragment(Some(meta), |l| {
                                l.list_block(b, inner_w, &item_style, depth + 1)
                            })
                            .unwrap_or_default(),
                        other => l.block(other, inner_w, &item_style),
                    };
                    if part.items.is_empty() {
                        continue;
                    }
                    if bi > 0 && !matches!(b, Block::List { .. }) {
                        iy += 8.0 * l.s;
                    }
                    let h = part.size.y;
                    laid.size.x = laid.size.x.max(part.size.x);
                    laid.push_at(part, vec2(0.0, iy));
                    iy += h;
                }
                laid.size.y = iy;
                // The bullet sits on the first line, in the item's own fragment.
                let marker = if ordered {
                    format!("{}.", start + n as u64)
                } else {
                    match depth {
                        0 => "•".to_string(),
                        1 => "◦".to_string(),
                        _ => "▪".to_string(),
                    }
                };
                let job = LayoutJob::single_section(marker.clone(), l.format(&bullet_style));
                let galley = l.fonts.layout_job(job);
                // The marker stays inside the indent even where a font's bullet is wide.
                let gap = (st.size * 0.35).min((indent - galley.rect.width()).max(0.0));
                let rect = galley.rect.translate(vec2(-galley.rect.width() - gap, 0.0));
                // Keyed by its item's text so a matched item's bullet travels with it.
                let key = match laid.items.first() {
                    Some(first) if !first.key.contains('#') => format!("bullet:{}", first.key),
                    _ => l.key("bullet", None, ""),
                };
                laid.items.push(l.item(key, rect, ItemKind::Text(galley)));
                laid
            });
            if laid.items.is_empty() {
                continue;
            }
            if n > 0 {
                y += 4.0 * self.s;
            }
            let h = laid.size.y;
            out.size.x = out.size.x.max(indent + laid.size.x);
            out.push_at(laid, vec2(indent, y));
            y += h;
        }
        out.size.y = y;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{lay, text_rect};
    use crate::theme::Theme;

    #[test]
    fn markers_sit_left_of_their_text_inside_the_indent() {
        let scene = lay("- one\n- two\n");
        let (one, two) = (text_rect(&scene, "one"), text_rect(&scene, "two"));
        let indent = Theme::black().body_size() * 1.2;
        let bullets: Vec<_> = scene
            .items
            .iter()
            .filter(|i| i.key.starts_with("bullet"))
            .map(|i| i.rect)
            .collect();
        assert_eq!(bullets.len(), 2);
        for (b, text) in bullets.iter().zip([one, two]) {
            assert!(b.max.x <= text.min.x + 0.5, "{b:?} left of {text:?}");
            assert!(
                b.min.x >= text.min.x - indent - 0.5,
                "{b:?} inside the indent"
            );
            assert!((b.min.y - text.min.y).abs() < 0.5, "on the first line");
        }
        assert!((one.min.x - two.min.x).abs() < 0.5);
        assert!(two.min.y > one.max.y);
    }

    #[test]
    fn ordered_lists_count_from_their_start() {
        let scene = lay("3. a\n4. b\n");
        text_rect(&scene, "3.");
        text_rect(&scene, "4.");
    }

    #[test]
    fn nested_lists_indent_further_with_their_own_bullet() {
        let scene = lay("- outer\n    - inner\n");
        let (outer, inner) = (text_rect(&scene, "outer"), text_rect(&scene, "inner"));
        assert!(inner.min.x > outer.min.x + 30.0, "{outer:?} {inner:?}");
        assert!(text_rect(&scene, "◦").max.x <= inner.min.x + 0.5);
        text_rect(&scene, "•");
    }
}
