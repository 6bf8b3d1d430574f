//! The bundled fonts: Rostra Gothic (NanumGothic subset: Latin and Hangul) for text, its bold
//! for headings, JetBrains Mono NL (no ligatures; regular, and bold for what code styles set
//! bold) for code with Rostra Gothic behind it for Hangul in code, then Noto Color Emoji
//! (COLRv1, and its bitmap flags), then egui's own fonts for symbols. Beside them, the fonts
//! of reveal.js's fourteen themes (assets/fonts/themes), each a named family with Rostra
//! Gothic behind it, so a theme draws Latin text in its own face and Hangul in Rostra Gothic,
//! as a browser falls back.

use eframe::egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// Font family name for bold text (headings, `**strong**`).
pub const BOLD_FAMILY: &str = "bold";
/// Font family name for bold code (the keywords highlight.js styles bold).
pub const MONO_BOLD_FAMILY: &str = "mono-bold";

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/RostraGothic-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/RostraGothic-Bold.ttf");
// Without its `calt` ligatures: code shows `>=` as the two characters written, as reveal.js does.
const MONO: &[u8] = include_bytes!("../../assets/fonts/JetBrainsMonoNL-Regular.ttf");
const MONO_BOLD: &[u8] = include_bytes!("../../assets/fonts/JetBrainsMonoNL-Bold.ttf");

/// Family names of the theme fonts, as [`Theme`](super::Theme) names them.
pub mod family {
    /// Rostra Gothic regular (egui's proportional family).
    pub const ROSTRA: &str = "rostra";
    /// Rostra Gothic bold.
    pub const ROSTRA_BOLD: &str = super::BOLD_FAMILY;
    /// JetBrains Mono (egui's monospace family): reveal.js's `monospace`.
    pub const MONO: &str = "mono";
    /// Source Sans Pro 400: black, white and their contrast variants.
    pub const SOURCE_SANS: &str = "source-sans";
    /// Source Sans Pro 600: their headings and bold.
    pub const SOURCE_SANS_SEMIBOLD: &str = "source-sans-semibold";
    /// League Gothic: league, beige, moon and solarized headings.
    pub const LEAGUE_GOTHIC: &str = "league-gothic";
    /// Lato 400: league, beige, moon, solarized and simple body text.
    pub const LATO: &str = "lato";
    /// Lato 700.
    pub const LATO_BOLD: &str = "lato-bold";
    /// Open Sans 400: night and sky body text.
    pub const OPEN_SANS: &str = "open-sans";
    /// Open Sans 700.
    pub const OPEN_SANS_BOLD: &str = "open-sans-bold";
    /// Montserrat 700: night headings.
    pub const MONTSERRAT_BOLD: &str = "montserrat-bold";
    /// News Cycle 400: simple headings.
    pub const NEWS_CYCLE: &str = "news-cycle";
    /// Quicksand 400: sky headings.
    pub const QUICKSAND: &str = "quicksand";
    /// Ubuntu 300: blood paragraphs.
    pub const UBUNTU_LIGHT: &str = "ubuntu-light";
    /// Ubuntu 400: blood and dracula text, dracula headings.
    pub const UBUNTU: &str = "ubuntu";
    /// Ubuntu 700: blood headings and bold.
    pub const UBUNTU_BOLD: &str = "ubuntu-bold";
    /// Fira Code 400: dracula code.
    pub const FIRA_CODE: &str = "fira-code";
    /// TeX Gyre Pagella regular: serif's Palatino.
    pub const PAGELLA: &str = "pagella";
    /// TeX Gyre Pagella bold.
    pub const PAGELLA_BOLD: &str = "pagella-bold";
}

macro_rules! theme_font {
    ($file:literal) => {
        (
            $file,
            include_bytes!(concat!("../../assets/fonts/themes/", $file)) as &[u8],
        )
    };
}

/// A theme family: its name, its files in fallback order, whether Rostra Gothic bold (not
/// regular) stands behind it, and whether it is a code face (JetBrains Mono behind it).
type ThemeFamily = (
    &'static str,
    &'static [(&'static str, &'static [u8])],
    bool,
    bool,
);

/// Every theme family and its files.
const THEME_FAMILIES: &[ThemeFamily] = &[
    (
        family::SOURCE_SANS,
        &[theme_font!("SourceSansPro-Regular.ttf")],
        false,
        false,
    ),
    (
        family::SOURCE_SANS_SEMIBOLD,
        &[theme_font!("SourceSansPro-Semibold.ttf")],
        true,
        false,
    ),
    (
        family::LEAGUE_GOTHIC,
        &[theme_font!("LeagueGothic-Regular.ttf")],
        true,
        false,
    ),
    (
        family::LATO,
        &[
            theme_font!("Lato-400-latin.ttf"),
            theme_font!("Lato-400-latin-ext.ttf"),
        ],
        false,
        false,
    ),
    (
        family::LATO_BOLD,
        &[
            theme_font!("Lato-700-latin.ttf"),
            theme_font!("Lato-700-latin-ext.ttf"),
        ],
        true,
        false,
    ),
    (
        family::OPEN_SANS,
        &[
            theme_font!("OpenSans-400-latin.ttf"),
            theme_font!("OpenSans-400-latin-ext.ttf"),
            theme_font!("OpenSans-400-cyrillic.ttf"),
        ],
        false,
        false,
    ),
    (
        family::OPEN_SANS_BOLD,
        &[
            theme_font!("OpenSans-700-latin.ttf"),
            theme_font!("OpenSans-700-latin-ext.ttf"),
            theme_font!("OpenSans-700-cyrillic.ttf"),
        ],
        true,
        false,
    ),
    (
        family::MONTSERRAT_BOLD,
        &[
            theme_font!("Montserrat-700-latin.ttf"),
            theme_font!("Montserrat-700-latin-ext.ttf"),
            theme_font!("Montserrat-700-cyrillic.ttf"),
        ],
        true,
        false,
    ),
    (
        family::NEWS_CYCLE,
        &[
            theme_font!("NewsCycle-400-latin.ttf"),
            theme_font!("NewsCycle-400-latin-ext.ttf"),
        ],
        false,
        false,
    ),
    (
        family::QUICKSAND,
        &[
            theme_font!("Quicksand-400-latin.ttf"),
            theme_font!("Quicksand-400-latin-ext.ttf"),
        ],
        false,
        false,
    ),
    (
        family::UBUNTU_LIGHT,
        &[
            theme_font!("Ubuntu-300-latin.ttf"),
            theme_font!("Ubuntu-300-latin-ext.ttf"),
            theme_font!("Ubuntu-300-cyrillic.ttf"),
        ],
        false,
        false,
    ),
    (
        family::UBUNTU,
        &[
            theme_font!("Ubuntu-400-latin.ttf"),
            theme_font!("Ubuntu-400-latin-ext.ttf"),
            theme_font!("Ubuntu-400-cyrillic.ttf"),
        ],
        false,
        false,
    ),
    (
        family::UBUNTU_BOLD,
        &[
            theme_font!("Ubuntu-700-latin.ttf"),
            theme_font!("Ubuntu-700-latin-ext.ttf"),
            theme_font!("Ubuntu-700-cyrillic.ttf"),
        ],
        true,
        false,
    ),
    (
        family::FIRA_CODE,
        &[
            theme_font!("FiraCode-400-latin.ttf"),
            theme_font!("FiraCode-400-latin-ext.ttf"),
            theme_font!("FiraCode-400-cyrillic.ttf"),
        ],
        false,
        true,
    ),
    (
        family::PAGELLA,
        &[theme_font!("TeXGyrePagella-Regular.otf")],
        false,
        false,
    ),
    (
        family::PAGELLA_BOLD,
        &[theme_font!("TeXGyrePagella-Bold.otf")],
        true,
        false,
    ),
];

/// Every family name a theme may ask for (for tests: each must exist in [`definitions`]).
pub fn theme_family_names() -> impl Iterator<Item = &'static str> {
    THEME_FAMILIES.iter().map(|f| f.0)
}
/// Noto Color Emoji without flags, in COLRv1 (vector colour layers epaint draws).
const EMOJI: &[u8] = include_bytes!("../../assets/fonts/Noto-COLRv1-noflags.ttf");
/// Noto Color Emoji's flags (CBDT bitmaps): the COLRv1 file with flags is not published apart.
const EMOJI_FLAGS: &[u8] = include_bytes!("../../assets/fonts/NotoColorEmoji-flagsonly.ttf");

/// The colour emoji faces, in fallback order.
const EMOJI_FACES: [&str; 2] = ["rostra-emoji", "rostra-emoji-flags"];

/// Gives `ctx` the bundled fonts, and glyphs rasterised once per size: egui's sub-pixel
/// binning draws each Latin glyph at up to four horizontal offsets, a quarter-pixel of kerning
/// nobody sees at a slide's sizes that filled half the seed deck's glyph atlas.
pub fn install(ctx: &eframe::egui::Context) {
    ctx.set_fonts(definitions());
    ctx.all_styles_mut(|s| s.visuals.text_options.subpixel_binning = false);
}

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
    defs.font_data.insert(
        "rostra-mono-bold".into(),
        Arc::new(FontData::from_static(MONO_BOLD)),
    );
    let with = |first: &[&str], rest: &[String]| -> Vec<String> {
        first
            .iter()
            .map(|s| s.to_string())
            .chain(rest.iter().cloned())
            .collect()
    };
    let regular = with(&["rostra-regular"], &fallback_prop);
    let mono = with(&["rostra-mono", "rostra-regular"], &fallback_mono);
    let bold = with(&["rostra-bold", "rostra-regular"], &fallback_prop);
    defs.families
        .insert(FontFamily::Proportional, regular.clone());
    defs.families.insert(FontFamily::Monospace, mono.clone());
    defs.families
        .insert(FontFamily::Name(BOLD_FAMILY.into()), bold.clone());
    defs.families
        .insert(FontFamily::Name(family::ROSTRA.into()), regular.clone());
    defs.families
        .insert(FontFamily::Name(family::MONO.into()), mono.clone());
    defs.families.insert(
        FontFamily::Name(MONO_BOLD_FAMILY.into()),
        with(&["rostra-mono-bold", "rostra-bold"], &fallback_mono),
    );
    for &(name, files, is_bold, is_code) in THEME_FAMILIES {
        for &(file, bytes) in files {
            defs.font_data
                .insert(file.into(), Arc::new(FontData::from_static(bytes)));
        }
        let behind = match (is_code, is_bold) {
            (true, _) => &mono,
            (false, true) => &bold,
            (false, false) => &regular,
        };
        let first: Vec<&str> = files.iter().map(|f| f.0).collect();
        defs.families
            .insert(FontFamily::Name(name.into()), with(&first, behind));
    }
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
    fn every_bundled_font_parses() {
        // epaint panics on a font it cannot parse, the first time a family uses it.
        for (name, data) in &definitions().font_data {
            let font = skrifa::FontRef::from_index(data.font.as_ref().as_ref(), data.index);
            assert!(font.is_ok(), "{name} does not parse");
        }
    }

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
