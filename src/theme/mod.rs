//! Themes as data: colours, sizes and spacing in reveal.js's terms (CSS pixels of the 960x700
//! canvas), for the built-in `black` (reveal.js's default) and `white`, plus the looks of the
//! slide classes decks use (`title`, `section-title`, `image-slide`). [`chrome`] holds the app's
//! own palette and [`reveal`] reveal.js's fixed colours; outside this folder no code writes a
//! colour as numbers (clippy.toml's `disallowed-methods`).

// The built-in themes and CSS colour parsing write colours as numbers, which clippy.toml bans
// everywhere but here.
#![allow(clippy::disallowed_methods)]

pub mod chrome;
pub mod fonts;
pub mod highlight;
pub mod reveal;

use eframe::egui::Color32;

/// Everything layout and painting need to know about a look.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// The theme's name (`black`, `white`).
    pub name: &'static str,
    /// Slide background, also the letterbox around the canvas.
    pub background: Color32,
    /// Body text.
    pub text: Color32,
    /// Headings.
    pub heading: Color32,
    /// Links.
    pub link: Color32,
    /// Accent for section dividers and the title slide.
    pub accent: Color32,
    /// Muted text (subtitles, slide numbers, placeholders).
    pub muted: Color32,
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
    /// Size correction for the bundled text font, whose glyphs run larger and wider than
    /// reveal.js's Source Sans Pro at the same CSS size.
    pub font_scale: f32,
}

/// The tint that draws an image, or a galley's section without a colour of its own, unchanged.
pub const NO_TINT: Color32 = Color32::WHITE;

/// A syntect highlighting colour as egui's; alpha is dropped, as syntect themes give opaque text.
pub fn syntax_color(c: syntect::highlighting::Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

impl Theme {
    /// reveal.js's default dark theme.
    pub fn black() -> Theme {
        Theme {
            name: "black",
            background: Color32::from_rgb(0x19, 0x19, 0x19),
            text: Color32::WHITE,
            heading: Color32::WHITE,
            link: Color32::from_rgb(0x42, 0xaf, 0xfa),
            accent: Color32::from_rgb(0x42, 0xaf, 0xfa),
            muted: Color32::from_rgb(0xa0, 0xa0, 0xa0),
            code_background: highlight::MONOKAI.background(),
            code_text: highlight::MONOKAI.text(),
            inline_code_background: Color32::from_rgba_unmultiplied(255, 255, 255, 24),
            quote_background: Color32::from_rgba_unmultiplied(255, 255, 255, 13),
            rule: Color32::from_rgb(0x80, 0x80, 0x80),
            base_size: 42.0,
            heading_em: [2.5, 1.6, 1.3, 1.0, 1.0, 1.0],
            heading_uppercase: true,
            line_height: 1.3,
            heading_line_height: 1.2,
            block_margin: 20.0,
            code_em: 0.55,
            syntax_theme: highlight::MONOKAI.name,
            font_scale: 0.88,
        }
    }

    /// reveal.js's light theme.
    pub fn white() -> Theme {
        Theme {
            name: "white",
            background: Color32::WHITE,
            text: Color32::from_rgb(0x22, 0x22, 0x22),
            heading: Color32::from_rgb(0x22, 0x22, 0x22),
            link: Color32::from_rgb(0x2a, 0x76, 0xdd),
            accent: Color32::from_rgb(0x2a, 0x76, 0xdd),
            muted: Color32::from_rgb(0x66, 0x66, 0x66),
            inline_code_background: Color32::from_rgba_unmultiplied(0, 0, 0, 18),
            quote_background: Color32::from_rgba_unmultiplied(0, 0, 0, 10),
            rule: Color32::from_rgb(0xbb, 0xbb, 0xbb),
            ..Theme::black()
        }
    }

    /// The built-in theme called `name`; unknown names (reveal-md accepts any CSS path) get
    /// `black` and `false`.
    pub fn named(name: &str) -> (Theme, bool) {
        match name.trim().to_ascii_lowercase().as_str() {
            "black" | "black-contrast" | "night" | "league" | "moon" | "blood" | "dracula" => {
                (Theme::black(), true)
            }
            "white" | "white-contrast" | "simple" | "serif" | "beige" | "sky" | "solarized" => {
                (Theme::white(), true)
            }
            _ => (Theme::black(), false),
        }
    }

    /// Every built-in theme.
    pub fn all() -> Vec<Theme> {
        vec![Theme::black(), Theme::white()]
    }

    /// Heading size in canvas pixels for level 1 to 6.
    pub fn heading_size(&self, level: u8) -> f32 {
        let i = usize::from(level.clamp(1, 6) - 1);
        self.base_size * self.heading_em[i] * self.font_scale
    }

    /// Body text size in canvas pixels, corrected for the bundled font.
    pub fn body_size(&self) -> f32 {
        self.base_size * self.font_scale
    }

    /// Code font size in canvas pixels.
    pub fn code_size(&self) -> f32 {
        self.base_size * self.code_em
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
    let named = match t.as_str() {
        "black" => (0, 0, 0),
        "white" => (255, 255, 255),
        "red" => (255, 0, 0),
        "green" => (0, 128, 0),
        "blue" => (0, 0, 255),
        "yellow" => (255, 255, 0),
        "orange" => (255, 165, 0),
        "purple" => (128, 0, 128),
        "gray" | "grey" => (128, 128, 128),
        "lightgray" | "lightgrey" => (211, 211, 211),
        "darkgray" | "darkgrey" => (169, 169, 169),
        "navy" => (0, 0, 128),
        "teal" => (0, 128, 128),
        "pink" => (255, 192, 203),
        "brown" => (165, 42, 42),
        "cyan" | "aqua" => (0, 255, 255),
        "magenta" | "fuchsia" => (255, 0, 255),
        "lime" => (0, 255, 0),
        "gold" => (255, 215, 0),
        "crimson" => (220, 20, 60),
        "transparent" => return Some(Color32::TRANSPARENT),
        _ => return None,
    };
    Some(Color32::from_rgb(named.0, named.1, named.2))
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
            // WCAG AA for body text: at least 4.5:1.
            for (what, fg, bg) in [
                ("text", t.text, t.background),
                ("headings", t.heading, t.background),
                ("code", t.code_text, t.code_background),
            ] {
                let ratio = contrast(fg, bg);
                assert!(ratio >= 4.5, "{}: {what} contrast {ratio:.2} < 4.5", t.name);
            }
            assert!(t.base_size > 0.0 && t.code_size() < t.base_size);
            assert!(t.heading_size(1) > t.heading_size(3));
        }
        assert_eq!(Theme::named("WHITE").0.name, "white");
        assert!(!Theme::named("custom.css").1);
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
