//! The bundled fonts: Rostra Gothic (NanumGothic subset: Latin and Hangul) for text, its bold
//! for headings, JetBrains Mono for code with Rostra Gothic behind it for Hangul in code, then
//! Noto Color Emoji (COLRv1, and its bitmap flags), then egui's own fonts for symbols.

use eframe::egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// Font family name for bold text (headings, `**strong**`).
pub const BOLD_FAMILY: &str = "bold";

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/RostraGothic-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/RostraGothic-Bold.ttf");
const MONO: &[u8] = include_bytes!("../../assets/fonts/JetBrainsMono-Regular.ttf");
/// Noto Color Emoji without flags, in COLRv1 (vector colour layers epaint draws).
const EMOJI: &[u8] = include_bytes!("../../assets/fonts/Noto-COLRv1-noflags.ttf");
/// Noto Color Emoji's flags (CBDT bitmaps): the COLRv1 file with flags is not published apart.
const EMOJI_FLAGS: &[u8] = include_bytes!("../../assets/fonts/NotoColorEmoji-flagsonly.ttf");

/// The colour emoji faces, in fallback order.
const EMOJI_FACES: [&str; 2] = ["rostra-emoji", "rostra-emoji-flags"];

/// Font definitions with the bundled fonts first in every family.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    let fallback_prop = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let fallback_mono = defs
        .families
        .get(&FontFamily::Monospace)
        .cloned()
        .unwrap_or_default();
    defs.font_data.insert(
        "rostra-regular".into(),
        Arc::new(FontData::from_static(REGULAR)),
    );
    defs.font_data
        .insert("rostra-bold".into(), Arc::new(FontData::from_static(BOLD)));
    defs.font_data
        .insert("rostra-mono".into(), Arc::new(FontData::from_static(MONO)));
    let with = |first: &[&str], rest: &[String]| -> Vec<String> {
        first
            .iter()
            .map(|s| s.to_string())
            .chain(rest.iter().cloned())
            .collect()
    };
    defs.families.insert(
        FontFamily::Proportional,
        with(&["rostra-regular"], &fallback_prop),
    );
    defs.families.insert(
        FontFamily::Monospace,
        with(&["rostra-mono", "rostra-regular"], &fallback_mono),
    );
    defs.families.insert(
        FontFamily::Name(BOLD_FAMILY.into()),
        with(&["rostra-bold", "rostra-regular"], &fallback_prop),
    );
    add_emoji(&mut defs);
    defs
}

/// egui's monochrome emoji face: the colour faces go just ahead of it.
const EGUI_EMOJI: &str = "NotoEmoji-Regular";

/// Puts the colour emoji behind the text faces of every family (the bundled ones and egui's
/// Latin fallbacks), ahead of egui's monochrome emoji, which would otherwise win; so emoji
/// look the same on every machine.
fn add_emoji(defs: &mut FontDefinitions) {
    defs.font_data.insert(
        EMOJI_FACES[0].into(),
        Arc::new(FontData::from_static(EMOJI)),
    );
    defs.font_data.insert(
        EMOJI_FACES[1].into(),
        Arc::new(FontData::from_static(EMOJI_FLAGS)),
    );
    for faces in defs.families.values_mut() {
        faces.retain(|f| !EMOJI_FACES.contains(&f.as_str()));
        let at = faces
            .iter()
            .position(|f| f == EGUI_EMOJI)
            .unwrap_or(faces.len());
        for (n, face) in EMOJI_FACES.iter().enumerate() {
            faces.insert(at + n, face.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_has_the_colour_emoji_before_egui_s_monochrome_ones() {
        let defs = definitions();
        for (family, faces) in &defs.families {
            let emoji = faces.iter().position(|f| f == EMOJI_FACES[0]);
            let flags = faces.iter().position(|f| f == EMOJI_FACES[1]);
            assert!(emoji.is_some() && flags > emoji, "{family:?}: {faces:?}");
            if let Some(mono) = faces.iter().position(|f| f == EGUI_EMOJI) {
                assert!(flags < Some(mono), "{family:?}: {faces:?}");
            }
        }
    }

    /// The glyphs `text` is drawn with, and for each the number of distinct colours in its
    /// picture in the font atlas (greys and faint pixels left out).
    fn drawn(text: &str) -> Vec<(bool, usize)> {
        use eframe::egui::{Color32, FontId};
        use eframe::epaint::text::{Fonts, TextOptions};
        let mut fonts = Fonts::new(TextOptions::default(), definitions());
        let galley = fonts.with_pixels_per_point(1.0).layout_no_wrap(
            text.to_string(),
            FontId::proportional(48.0),
            Color32::WHITE,
        );
        let atlas = fonts.image();
        let mut out = Vec::new();
        for row in &galley.rows {
            for g in &row.glyphs {
                let uv = g.uv_rect;
                if uv.max[0] <= uv.min[0] {
                    continue;
                }
                let mut colours = std::collections::HashSet::new();
                for y in uv.min[1]..uv.max[1] {
                    for x in uv.min[0]..uv.max[0] {
                        let c = atlas[(usize::from(x), usize::from(y))];
                        let [r, g, b, a] = c.to_srgba_unmultiplied();
                        let spread = r.max(g).max(b) - r.min(g).min(b);
                        if a > 200 && spread > 40 {
                            colours.insert([r / 32, g / 32, b / 32]);
                        }
                    }
                }
                out.push((g.is_color, colours.len()));
            }
        }
        out
    }

    #[test]
    fn emoji_are_drawn_in_colour_as_one_glyph_each() {
        // A face, a ZWJ sequence (man + ZWJ + cooking) and a flag (regional indicators).
        for emoji in [
            "\u{1F600}",
            "\u{1F468}\u{200D}\u{1F373}",
            "\u{1F1F0}\u{1F1F7}",
        ] {
            let glyphs = drawn(emoji);
            assert_eq!(glyphs.len(), 1, "{emoji}: one picture, {glyphs:?}");
            let (is_color, colours) = glyphs[0];
            assert!(is_color, "{emoji}: a colour glyph");
            assert!(colours >= 3, "{emoji}: {colours} colours");
        }
        // Text stays monochrome.
        assert!(drawn("Ab").iter().all(|&(c, n)| !c && n == 0));
    }
}
