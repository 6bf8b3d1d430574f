//! The bundled fonts: Rostra Gothic (NanumGothic subset: Latin and Hangul) for text, its bold
//! for headings, JetBrains Mono NL (no ligatures; regular, and bold for what code styles set
//! bold) for code with Rostra Gothic behind it for Hangul in code, then
//! egui's own fonts for emoji and symbols. Beside them, the fonts of reveal.js's fourteen
//! themes (assets/fonts/themes), each a named family with Rostra Gothic behind it, so a theme
//! draws Latin text in its own face and Hangul in Rostra Gothic, as a browser falls back.

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
    defs
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
}
