//! The shortcut overlay (`?`): every key, grouped, as the key map describes it.

use crate::theme::chrome;
use eframe::egui::{FontId, Painter, Rect, pos2};

/// One line of the overlay: keys and what they do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortcut {
    /// Group heading (Navigation, Screen, ...).
    pub group: &'static str,
    /// The keys, as printed.
    pub keys: String,
    /// What they do.
    pub description: &'static str,
}

/// Paints the overlay over `area`.
pub fn paint_help(painter: &Painter, area: Rect, shortcuts: &[Shortcut]) {
    painter.rect_filled(area, 0.0, chrome::HELP_SCRIM);
    let groups = shortcuts
        .windows(2)
        .filter(|w| w[0].group != w[1].group)
        .count() as f32
        + 1.0;
    let rows = shortcuts.len() as f32 + groups + 4.0;
    // Every row fits the screen: the text shrinks with the number of rows.
    let size = (area.height() / (rows * 1.55 + 1.0)).clamp(9.0, 24.0);
    let key_font = FontId::monospace(size);
    let text_font = FontId::proportional(size);
    let title_font = FontId::proportional(size * 1.5);
    let line_h = size * 1.55;
    let block_h = rows * line_h;
    // Columns sized by their widest entry, the block centred.
    let widest = |font: &FontId, texts: &mut dyn Iterator<Item = &str>| {
        texts
            .map(|t| {
                painter
                    .layout_no_wrap(t.to_string(), font.clone(), chrome::TEXT)
                    .size()
                    .x
            })
            .fold(0.0f32, f32::max)
    };
    // Monospace: the character count bounds the width even before glyphs are measured.
    let key_chars = shortcuts
        .iter()
        .map(|s| s.keys.chars().count())
        .max()
        .unwrap_or(0) as f32;
    let key_w = widest(&key_font, &mut shortcuts.iter().map(|s| s.keys.as_str()))
        .max(key_chars * size * 0.62);
    let desc_w = widest(&text_font, &mut shortcuts.iter().map(|s| s.description));
    let desc_x = size + key_w + size * 1.5;
    let left = area.center().x - (desc_x + desc_w) / 2.0;
    let mut y = (area.center().y - block_h / 2.0).max(area.top() + 10.0);
    painter.text(
        pos2(area.center().x, y),
        eframe::egui::Align2::CENTER_TOP,
        "Keyboard shortcuts",
        title_font,
        chrome::TEXT,
    );
    y += line_h * 2.0;
    let mut group = "";
    for s in shortcuts {
        if s.group != group {
            group = s.group;
            painter.text(
                pos2(left, y),
                eframe::egui::Align2::LEFT_TOP,
                group,
                text_font.clone(),
                chrome::HELP_GROUP,
            );
            y += line_h;
        }
        painter.text(
            pos2(left + size, y),
            eframe::egui::Align2::LEFT_TOP,
            &s.keys,
            key_font.clone(),
            chrome::TEXT_BODY,
        );
        painter.text(
            pos2(left + desc_x, y),
            eframe::egui::Align2::LEFT_TOP,
            s.description,
            text_font.clone(),
            chrome::TEXT_DESCRIPTION,
        );
        y += line_h;
    }
    painter.text(
        pos2(area.center().x, y + line_h * 0.5),
        eframe::egui::Align2::CENTER_TOP,
        "Esc closes this",
        text_font,
        chrome::HINT,
    );
}
