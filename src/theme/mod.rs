//! Themes as data: colours, sizes and spacing in reveal.js's terms (CSS pixels of the 960x700
//! canvas), for reveal.js's fourteen built-in themes. [`chrome`] holds the app's
//! own palette and [`reveal`] reveal.js's fixed colours; outside this folder no code writes a
//! colour as numbers (clippy.toml's `disallowed-methods`).

// The built-in themes and CSS colour parsing write colours as numbers, which clippy.toml bans
// everywhere but here.
#![allow(clippy::disallowed_methods)]

mod builtin;
pub mod chrome;
mod css_colors;
pub mod fonts;
mod gradient;
pub mod highlight;
pub mod reveal;

pub use gradient::{Gradient, GradientShape};

use eframe::egui::Color32;

/// A shadow behind text, as CSS `text-shadow` writes one layer: offset and blur in canvas
/// pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextShadow {
    /// Horizontal offset, canvas pixels.
    pub dx: f32,
    /// Vertical offset, canvas pixels.
    pub dy: f32,
    /// Blur radius, canvas pixels (drawn as a widening fade).
    pub blur: f32,
    /// The shadow's colour.
    pub color: Color32,
}

/// Everything layout and painting need to know about a look.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// The theme's name (`black`, `white`, `moon`...).
    pub name: &'static str,
    /// Slide background, also the letterbox around the canvas.
    pub background: Color32,
    /// The theme's own radial gradient over the whole screen (league, beige, sky).
    pub gradient: Option<Gradient>,
    /// Body text.
    pub text: Color32,
    /// Headings.
    pub heading: Color32,
    /// Text and headings on a slide whose background is light on a dark theme, or dark on a
    /// light one (reveal.js's `has-light-background` / `has-dark-background`); `None` keeps
    /// the theme's colours (solarized).
    pub contrast_text: Option<Color32>,
    /// Links.
    pub link: Color32,
    /// Muted text (subtitles, slide numbers, placeholders).
    pub muted: Color32,
    /// Behind selected text (reveal.js's `::selection`).
    pub selection: Color32,
    /// `**strong**` text's own colour (dracula), else the surrounding colour.
    pub bold_color: Option<Color32>,
    /// `*emphasis*` and block quotes' own colour (dracula).
    pub italic_color: Option<Color32>,
    /// Inline code's own colour (dracula).
    pub inline_code_color: Option<Color32>,
    /// List markers' own colour (dracula).
    pub bullet_color: Option<Color32>,
    /// Code block background: the highlight.js style's, whatever the slide theme.
    pub code_background: Color32,
    /// Code block default text: the highlight.js style's.
    pub code_text: Color32,
    /// Inline code background.
    pub inline_code_background: Color32,
    /// Block quote background.
    pub quote_background: Color32,
    /// Table rules.
    pub rule: Color32,
    /// Body font size in canvas pixels (reveal.js black: 42).
    pub base_size: f32,
    /// Heading sizes in `em` of the body size, h1 to h6.
    pub heading_em: [f32; 6],
    /// Whether headings are upper-cased (reveal.js black and white do).
    pub heading_uppercase: bool,
    /// Heading letter spacing in `em` (night: -0.03, sky: -0.08).
    pub heading_letter_spacing: f32,
    /// Shadow layers behind h2 to h6 (league, blood).
    pub heading_shadow: &'static [TextShadow],
    /// Shadow layers behind h1 (league, beige and blood's embossed look).
    pub heading1_shadow: &'static [TextShadow],
    /// Line height of body text, in `em`.
    pub line_height: f32,
    /// Line height of headings, in `em`.
    pub heading_line_height: f32,
    /// Vertical margin around paragraphs, lists and code, in canvas pixels.
    pub block_margin: f32,
    /// Code font size in `em` of the body size (reveal.js: 0.55).
    pub code_em: f32,
    /// The highlight.js style code is coloured with ([`highlight::named`]; monokai unless the
    /// deck's `highlightTheme` names another, through [`Theme::with_code_style`]).
    pub syntax_theme: &'static str,
    /// Font family of body text ([`fonts::family`]).
    pub body_font: &'static str,
    /// Font family of paragraphs, where a theme sets their weight apart (blood: Ubuntu Light).
    pub paragraph_font: &'static str,
    /// Font family of bold body text.
    pub bold_font: &'static str,
    /// Font family of headings, in the theme's heading weight.
    pub heading_font: &'static str,
    /// Font family of code.
    pub code_font: &'static str,
}

/// The tint that draws an image, or a galley's section without a colour of its own, unchanged.
pub const NO_TINT: Color32 = Color32::WHITE;

/// A syntect highlighting colour as egui's; alpha is dropped, as syntect themes give opaque text.
pub fn syntax_color(c: syntect::highlighting::Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// How `Theme::named` took a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    /// One of reveal.js's fourteen built-in themes.
    Known,
    /// A path or URL to a CSS file (reveal-md takes these): rostra cannot read CSS.
    CssFile,
    /// No theme rostra or reveal.js knows.
    Unknown,
}

impl Theme {
    /// The built-in theme called `name`, and whether it was one; anything else (reveal-md
    /// accepts any CSS path) gets `black`, and the caller says so.
    pub fn named(name: &str) -> (Theme, bool) {
        let (theme, how) = Theme::lookup(name);
        (theme, how == ThemeName::Known)
    }

    /// The built-in theme called `name` and how the name was taken.
    pub fn lookup(name: &str) -> (Theme, ThemeName) {
        let key = name.trim().to_ascii_lowercase();
        if let Some(t) = Theme::all().into_iter().find(|t| t.name == key) {
            return (t, ThemeName::Known);
        }
        let how = if key.contains('/') || key.ends_with(".css") {
            ThemeName::CssFile
        } else {
            ThemeName::Unknown
        };
        (Theme::black(), how)
    }

    /// Every built-in theme, reveal.js's fourteen.
    pub fn all() -> Vec<Theme> {
        vec![
            Theme::black(),
            Theme::white(),
            Theme::league(),
            Theme::beige(),
            Theme::night(),
            Theme::serif(),
            Theme::simple(),
            Theme::solarized(),
            Theme::moon(),
            Theme::dracula(),
            Theme::sky(),
            Theme::blood(),
            Theme::black_contrast(),
            Theme::white_contrast(),
        ]
    }

    /// The sentence a banner or `check` shows for a theme name rostra does not draw, if any.
    pub fn name_warning(name: &str) -> Option<String> {
        let shown = name.trim();
        match Theme::lookup(name).1 {
            ThemeName::Known => None,
            ThemeName::CssFile => Some(format!(
                "theme '{shown}' is a CSS file, which rostra cannot read: drawn with black"
            )),
            ThemeName::Unknown => Some(format!(
                "unknown theme '{shown}': drawn with black (themes: {})",
                Theme::all()
                    .iter()
                    .map(|t| t.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// Heading size in canvas pixels for level 1 to 6.
    pub fn heading_size(&self, level: u8) -> f32 {
        let i = usize::from(level.clamp(1, 6) - 1);
        self.base_size * self.heading_em[i]
    }

    /// Body text size in canvas pixels.
    pub fn body_size(&self) -> f32 {
        self.base_size
    }

    /// Code font size in canvas pixels.
    pub fn code_size(&self) -> f32 {
        self.base_size * self.code_em
    }

    /// The same theme with the text colours reveal.js gives a slide whose background is the
    /// other way round (light on a dark theme, dark on a light one).
    pub fn on_contrasting_background(&self) -> Theme {
        let mut t = self.clone();
        if let Some(c) = self.contrast_text {
            t.text = c;
            t.heading = c;
            // The shadows are drawn for the theme's own background (blood drops them there).
            t.heading_shadow = &[];
            t.heading1_shadow = &[];
        }
        t
    }
}

/// Parses a CSS colour: `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` and common names.
pub fn parse_color(text: &str) -> Option<Color32> {
    let t = text.trim().to_ascii_lowercase();
    if let Some(hex) = t.strip_prefix('#') {
        if !hex.is_ascii() {
            return None;
        }
        let v = |s: &str| u8::from_str_radix(s, 16).ok();
        return match hex.len() {
            3 => {
                let d: Vec<u8> = hex
                    .chars()
                    .filter_map(|c| c.to_digit(16).and_then(|d| u8::try_from(d * 17).ok()))
                    .collect();
                (d.len() == 3).then(|| Color32::from_rgb(d[0], d[1], d[2]))
            }
            6 => Some(Color32::from_rgb(
                v(&hex[0..2])?,
                v(&hex[2..4])?,
                v(&hex[4..6])?,
            )),
            8 => Some(Color32::from_rgba_unmultiplied(
                v(&hex[0..2])?,
                v(&hex[2..4])?,
                v(&hex[4..6])?,
                v(&hex[6..8])?,
            )),
            _ => None,
        };
    }
    if let Some(args) = t
        .strip_prefix("rgba(")
        .or_else(|| t.strip_prefix("rgb("))
        .and_then(|r| r.strip_suffix(')'))
    {
        let parts: Vec<f32> = args
            .split([',', ' ', '/'])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        let c = |f: f32| f.clamp(0.0, 255.0) as u8;
        return match parts.as_slice() {
            [r, g, b] => Some(Color32::from_rgb(c(*r), c(*g), c(*b))),
            [r, g, b, a] => Some(Color32::from_rgba_unmultiplied(
                c(*r),
                c(*g),
                c(*b),
                c(a * 255.0),
            )),
            _ => None,
        };
    }
    if t == "transparent" {
        return Some(Color32::TRANSPARENT);
    }
    css_colors::named(&t).map(|[r, g, b]| Color32::from_rgb(r, g, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of an sRGB colour.
    fn relative_luminance(c: Color32) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    /// WCAG 2 contrast ratio, 1 (none) to 21 (black on white).
    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (relative_luminance(a), relative_luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn contrast_ratio_matches_wcag_examples() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic just-passing AA grey (4.54:1).
        let grey = Color32::from_rgb(0x76, 0x76, 0x76);
        assert!((contrast(grey, Color32::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_builtin_theme_is_readable() {
        for t in Theme::all() {
            // reveal.js's own colours: WCAG AA for large text (3:1; slide text is 40px and
            // solarized's base00 on base3 is 4.1:1); code, which rostra picks, AA (4.5:1).
            for (what, fg, bg, least) in [
                ("text", t.text, t.background, 3.0),
                ("headings", t.heading, t.background, 3.0),
                ("code", t.code_text, t.code_background, 4.5),
            ] {
                let ratio = contrast(fg, bg);
                assert!(
                    ratio >= least,
                    "{}: {what} contrast {ratio:.2} < {least}",
                    t.name
                );
            }
            assert!(t.base_size > 0.0 && t.code_size() < t.base_size);
            assert!(t.heading_size(1) > t.heading_size(3));
        }
        assert_eq!(Theme::named("WHITE").0.name, "white");
        assert!(!Theme::named("custom.css").1);
    }

    #[test]
    fn all_fourteen_reveal_themes_are_their_own() {
        let names: Vec<&str> = Theme::all().iter().map(|t| t.name).collect();
        assert_eq!(names.len(), 14);
        for name in crate::deck::lint::THEMES {
            let (t, how) = Theme::lookup(name);
            assert_eq!((t.name, how), (*name, ThemeName::Known));
            assert_eq!(Theme::name_warning(name), None);
        }
        let distinct: std::collections::HashSet<_> = Theme::all()
            .iter()
            .map(|t| {
                (
                    t.background.to_array(),
                    t.text.to_array(),
                    t.heading.to_array(),
                    t.heading_font,
                )
            })
            .collect();
        assert_eq!(distinct.len(), 14, "no two themes look the same");
        assert_eq!(Theme::lookup("css/custom.css").1, ThemeName::CssFile);
        assert_eq!(Theme::lookup("mooon").1, ThemeName::Unknown);
        let warning = Theme::name_warning("mooon").unwrap_or_default();
        assert!(
            warning.contains("unknown theme 'mooon'") && warning.contains("dracula"),
            "{warning}"
        );
    }

    #[test]
    fn every_theme_font_is_a_family_of_the_definitions() {
        let defs = fonts::definitions();
        for t in Theme::all() {
            for f in [
                t.body_font,
                t.paragraph_font,
                t.bold_font,
                t.heading_font,
                t.code_font,
            ] {
                let family = eframe::egui::FontFamily::Name(f.into());
                let list = defs.families.get(&family);
                assert!(
                    list.is_some_and(|l| !l.is_empty()),
                    "{}: no family {f}",
                    t.name
                );
                for face in list.into_iter().flatten() {
                    assert!(defs.font_data.contains_key(face), "{f}: no font {face}");
                }
            }
        }
        for name in fonts::theme_family_names() {
            let list = &defs.families[&eframe::egui::FontFamily::Name(name.into())];
            // Hangul falls back to Rostra Gothic behind every theme face.
            assert!(
                list.iter().any(|f| f.starts_with("rostra-")),
                "{name}: {list:?}"
            );
        }
    }

    #[test]
    fn a_contrasting_background_takes_the_themes_contrast_colour() {
        let t = Theme::league().on_contrasting_background();
        assert_eq!(t.text, Color32::from_rgb(0x22, 0x22, 0x22));
        assert!(t.heading1_shadow.is_empty());
        let s = Theme::solarized();
        assert_eq!(s.on_contrasting_background().text, s.text);
    }

    #[test]
    fn named_css_colours() {
        assert_eq!(
            parse_color("lightblue"),
            Some(Color32::from_rgb(173, 216, 230))
        );
        assert_eq!(
            parse_color("DarkSlateGray"),
            Some(Color32::from_rgb(47, 79, 79))
        );
        assert_eq!(parse_color("transparent"), Some(Color32::TRANSPARENT));
    }

    #[test]
    fn css_colours() {
        assert_eq!(parse_color("#0F1117"), Some(Color32::from_rgb(15, 17, 23)));
        assert_eq!(parse_color("#fff"), Some(Color32::WHITE));
        assert_eq!(
            parse_color("rgb(1, 2, 3)"),
            Some(Color32::from_rgb(1, 2, 3))
        );
        assert_eq!(parse_color("Red"), Some(Color32::from_rgb(255, 0, 0)));
        assert_eq!(parse_color("nonsense"), None);
        assert_eq!(
            parse_color("#aé123"),
            None,
            "multi-byte text is no hex colour"
        );
    }
}
