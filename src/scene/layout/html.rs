//! HTML blocks: `<div>`s laid out as blocks in their CSS width, `display:flex` rows sharing
//! their width, videos and iframe cards (`embed`), and placeholders for embeds rostra does not
//! play (`audio`, `canvas`).

use super::length::points;
use super::{Laid, Layouter, TextStyle};
use crate::deck::{Block, Meta};
use eframe::egui::vec2;

impl Layouter<'_, '_> {
    pub(super) fn html(
        &mut self,
        tag: &str,
        blocks: &[Block],
        meta: &Meta,
        width: f32,
        st: &TextStyle,
    ) -> Laid {
        let style = meta.style();
        let hs = self.styled(st, meta);
        let w = style
            .width()
            .and_then(|len| points(len, self.basis(width)))
            .map_or(width, |w| w.min(width));
        if tag == "iframe" {
            return self.iframe(meta, w);
        }
        if tag == "video"
            && let Some(laid) = self.video(meta, w)
        {
            return laid;
        }
        if tag == "video" || tag == "audio" || tag == "canvas" {
            let what = meta
                .attrs
                .get("src")
                .or_else(|| meta.attrs.get("data-src"))
                .unwrap_or("");
            return self.placeholder(
                &format!("<{tag}> {what} is not shown by rostra"),
                w.min(600.0 * self.s),
            );
        }
        if !style.is_flex() {
            let mut laid = self.blocks(blocks, w, &hs);
            laid.size.x = w.max(laid.size.x);
            return laid;
        }
        let column = matches!(style.get("flex-direction"), Some(d) if d.starts_with("column"));
        if column {
            let mut laid = self.blocks(blocks, w, &hs);
            laid.size.x = w;
            return laid;
        }
        // A row: fixed widths where given, the rest shared evenly.
        let fixed: Vec<Option<f32>> = blocks
            .iter()
            .map(|b| {
                b.meta()
                    .and_then(|m| m.style().width())
                    .and_then(|len| points(len, self.basis(w)))
            })
            .collect();
        let used: f32 = fixed.iter().flatten().sum();
        let flexible = fixed.iter().filter(|f| f.is_none()).count().max(1) as f32;
        let share = ((w - used) / flexible).max(40.0 * self.s);
        let mut out = Laid::default();
        let mut x = 0.0;
        let gap = 10.0 * self.s;
        for (b, f) in blocks.iter().zip(fixed) {
            let cw = f.unwrap_or(share) - gap;
            let laid = self.blocks(std::slice::from_ref(b), cw, &hs);
            let h = laid.size.y;
            out.push_at(laid, vec2(x, 0.0));
            out.size.y = out.size.y.max(h);
            x += cw + gap;
        }
        out.size.x = w;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{lay, placeholder_text, text_rect};
    use crate::scene::ItemKind;

    #[test]
    fn a_flex_row_puts_children_side_by_side_with_fixed_widths() {
        let md = "<div style=\"display: flex\">\n\n<div style=\"width: 25%\">\n\nLeft\n\n</div>\n<div>\n\nRight\n\n</div>\n\n</div>\n";
        let scene = lay(md);
        let (l, r) = (text_rect(&scene, "Left"), text_rect(&scene, "Right"));
        assert!((l.min.y - r.min.y).abs() < 0.5, "one row: {l:?} {r:?}");
        // 25% of 960 is 240 (less the 10-point gap), centred; the rest goes to `Right`.
        assert!((l.center().x - 115.0).abs() < 1.0, "{l:?}");
        assert!((r.center().x - 595.0).abs() < 1.0, "{r:?}");
    }

    #[test]
    fn a_css_width_narrows_a_div_and_wraps_its_text() {
        let md = "<div style=\"width: 200px\">\n\nwords words words words words words\n\n</div>\n";
        let r = lay(md)
            .items
            .iter()
            .find(|i| matches!(i.kind, ItemKind::Text(_)))
            .map(|i| i.rect)
            .expect("text");
        assert!(r.width() <= 200.5, "{r:?}");
        assert!((r.center().x - 480.0).abs() < 1.0, "{r:?}");
    }

    #[test]
    fn embeds_become_placeholders_naming_their_source() {
        let scene = lay("<audio src=\"talk.ogg\"></audio>\n");
        let message = placeholder_text(&scene);
        assert!(message.contains("<audio> talk.ogg"), "{message}");
    }
}
