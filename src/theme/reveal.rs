//! reveal.js's fixed colours, the same in every theme: the `highlight-*` fragment classes, the
//! `<mark>` background and the strike-through line. Used by `motion/` and `scene/`.

// The one room allowed to write colours as numbers: clippy.toml bans the constructors elsewhere.
#![allow(clippy::disallowed_methods)]

use eframe::egui::Color32;

/// The colour a `highlight-red` fragment turns (reveal.js's stylesheet).
pub const HIGHLIGHT_RED: Color32 = Color32::from_rgb(0xff, 0x2c, 0x2d);
/// The colour a `highlight-green` fragment turns (reveal.js's stylesheet).
pub const HIGHLIGHT_GREEN: Color32 = Color32::from_rgb(0x17, 0xff, 0x2e);
/// The colour a `highlight-blue` fragment turns (reveal.js's stylesheet).
pub const HIGHLIGHT_BLUE: Color32 = Color32::from_rgb(0x1b, 0x91, 0xff);
/// Behind `<mark>` text: a translucent yellow that works on dark and light themes.
pub const MARK_BACKGROUND: Color32 = Color32::from_rgba_unmultiplied_const(255, 230, 0, 90);
/// KaTeX's `errorColor`: a formula that does not parse shows its source in it.
pub const MATH_ERROR: Color32 = Color32::from_rgb(0xcc, 0x00, 0x00);
/// The line of a `strike` fragment, before its fade (`gamma_multiply`) at the painter.
pub const STRIKE: Color32 = Color32::WHITE;
/// The arrows on a slide whose own background is dark (`.has-dark-background .controls`).
pub const CONTROLS_ON_DARK: Color32 = Color32::WHITE;
/// The arrows on a slide whose own background is light (`.has-light-background .controls`).
pub const CONTROLS_ON_LIGHT: Color32 = Color32::BLACK;
/// The progress bar's track, under the bar (`rgba(0,0,0,0.2)`).
pub const PROGRESS_TRACK: Color32 = Color32::from_black_alpha(51);
/// The slide number's text (`.slide-number { color: #fff }`).
pub const SLIDE_NUMBER_TEXT: Color32 = Color32::WHITE;
/// Behind the slide number (`rgba(0,0,0,0.4)`).
pub const SLIDE_NUMBER_BACKGROUND: Color32 = Color32::from_black_alpha(102);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_background_equals_the_runtime_constructor() {
        assert_eq!(
            MARK_BACKGROUND,
            Color32::from_rgba_unmultiplied(255, 230, 0, 90)
        );
    }
}
