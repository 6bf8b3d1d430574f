//! The bundled fonts: Rostra Gothic (NanumGothic subset: Latin and Hangul) for text, its bold
//! for headings, JetBrains Mono NL (no ligatures; regular, and bold for what code styles set
//! bold) for code with Rostra Gothic behind it for Hangul in code, then
//! egui's own fonts for emoji and symbols.

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
    defs.families.insert(
        FontFamily::Proportional,
        with(&["rostra-regular"], &fallback_prop),
    );
    defs.families.insert(
        FontFamily::Monospace,
        with(&["rostra-mono", "rostra-regular"], &fallback_mono),
    );
    defs.families.insert(
        FontFamily::Name(MONO_BOLD_FAMILY.into()),
        with(&["rostra-mono-bold", "rostra-bold"], &fallback_mono),
    );
    defs.families.insert(
        FontFamily::Name(BOLD_FAMILY.into()),
        with(&["rostra-bold", "rostra-regular"], &fallback_prop),
    );
    defs
}
