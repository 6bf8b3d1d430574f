//! Tables: cells laid out as text blocks, columns as wide as their widest cell, cells aligned
//! as the table's alignment row says, and a rule under every row (heavier under the head).

use super::{Laid, Layouter, TextStyle};
use crate::deck::{Inline, Table};
use crate::scene::ItemKind;
use eframe::egui::{Align, Rect, pos2, vec2};

impl Layouter<'_, '_> {
    pub(super) fn table(&mut self, t: &Table, width: f32, st: &TextStyle) -> Laid {
        let cols = t
            .alignments
            .len()
            .max(t.head.len())
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let cell_w = width * 0.95 / cols as f32;
        let pad = vec2(0.5 * st.size * 0.8, 0.2 * st.size * 0.8);
        let cs = TextStyle {
            size: st.size * 0.8,
            ..st.clone()
        };
        let mut grid: Vec<Vec<Laid>> = Vec::new();
        let rows: Vec<(bool, &Vec<Vec<Inline>>)> = std::iter::once((true, &t.head))
            .filter(|(_, h)| !h.is_empty())
            .chain(t.rows.iter().map(|r| (false, r)))
            .collect();
        for (head, row) in &rows {
            let mut laid_row = Vec::new();
            for cell in row.iter() {
                // Cells are laid out left-aligned at their own width; the column's
                // alignment places them below.
                let s2 = TextStyle {
                    bold: *head,
                    align: Align::Min,
                    ..cs.clone()
                };
                let mut laid = self.text_block(cell, &s2, cell_w - 2.0 * pad.x, "td", None);
                laid.size.x = laid.items.iter().fold(0.0f32, |a, i| a.max(i.rect.max.x));
                laid_row.push(laid);
            }
            grid.push(laid_row);
        }
        let mut col_w = vec![0.0f32; cols];
        for row in &grid {
            for (ci, c) in row.iter().enumerate() {
                if let Some(w) = col_w.get_mut(ci) {
                    *w = w.max(c.size.x + 2.0 * pad.x);
                }
            }
        }
        let total_w: f32 = col_w.iter().sum();
        let mut out = Laid::default();
        let mut y = 0.0;
        for (ri, row) in grid.into_iter().enumerate() {
            let row_h = row.iter().map(|c| c.size.y).fold(0.0f32, f32::max) + 2.0 * pad.y;
            let mut x = 0.0;
            for (ci, cell) in row.into_iter().enumerate() {
                let cw = col_w.get(ci).copied().unwrap_or(0.0);
                let dx = match t.alignments.get(ci) {
                    Some(crate::deck::Align::Center) => (cw - cell.size.x) / 2.0,
                    Some(crate::deck::Align::Right) => cw - cell.size.x - pad.x,
                    _ => pad.x,
                };
                out.push_at(cell, vec2(x + dx, y + pad.y));
                x += cw;
            }
            y += row_h;
            let rule = Rect::from_min_size(
                pos2(0.0, y - 1.0),
                vec2(
                    total_w,
                    if ri == 0 && !t.head.is_empty() {
                        2.0
                    } else {
                        1.0
                    },
                ),
            );
            let key = self.key("rule", None, "");
            out.items.push(self.item(
                key,
                rule,
                ItemKind::Fill {
                    color: self.theme.rule,
                    corner: 0.0,
                },
            ));
        }
        out.size = vec2(total_w, y);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{lay, text_rect};
    use crate::scene::ItemKind;

    #[test]
    fn cells_align_in_columns_below_their_head() {
        let scene = lay("| A | Bee |\n|---|---|\n| long cell | x |\n");
        let (a, bee) = (text_rect(&scene, "A"), text_rect(&scene, "Bee"));
        let (long, x) = (text_rect(&scene, "long cell"), text_rect(&scene, "x"));
        assert!((a.min.x - long.min.x).abs() < 0.5, "{a:?} {long:?}");
        assert!((bee.min.x - x.min.x).abs() < 0.5, "{bee:?} {x:?}");
        assert!(
            bee.min.x > long.max.x,
            "the column is as wide as its widest cell"
        );
        assert!((a.min.y - bee.min.y).abs() < 0.5 && long.min.y > a.max.y);
    }

    #[test]
    fn right_aligned_columns_line_up_on_the_right() {
        let scene = lay("| L | R |\n|:--|--:|\n| a | bbbb |\n");
        let (r, b) = (text_rect(&scene, "R"), text_rect(&scene, "bbbb"));
        assert!((r.max.x - b.max.x).abs() < 0.5, "{r:?} {b:?}");
    }

    #[test]
    fn every_row_has_a_rule_heavier_under_the_head() {
        let scene = lay("| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n");
        let rules: Vec<_> = scene
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Fill { .. }))
            .map(|i| i.rect.height())
            .collect();
        assert_eq!(rules, [2.0, 1.0, 1.0]);
    }
}
