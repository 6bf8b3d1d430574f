//! reveal.js 5.2.1's fourteen built-in themes as data, read from its `css/theme/source/*.scss`
//! over `template/settings.scss` (the defaults every theme starts from) and
//! `template/theme.scss` (how they apply).

// Theme colours are written as numbers here, the one place clippy.toml allows it.
#![allow(clippy::disallowed_methods)]

use super::fonts::family;
use super::{Gradient, TextShadow, Theme, highlight};
use eframe::egui::Color32;

const fn rgb(v: u32) -> Color32 {
    Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

const fn shadow(dx: f32, dy: f32, blur: f32, color: Color32) -> TextShadow {
    TextShadow {
        dx,
        dy,
        blur,
        color,
    }
}

const fn black_a(alpha: f32) -> Color32 {
    Color32::from_rgba_unmultiplied_const(0, 0, 0, (alpha * 255.0) as u8)
}

/// league, beige and blood's embossed h1: five solid grey layers stepping down, then soft
/// dark shadows.
const EMBOSSED: &[TextShadow] = &[
    shadow(0.0, 1.0, 0.0, rgb(0xcccccc)),
    shadow(0.0, 2.0, 0.0, rgb(0xc9c9c9)),
    shadow(0.0, 3.0, 0.0, rgb(0xbbbbbb)),
    shadow(0.0, 4.0, 0.0, rgb(0xb9b9b9)),
    shadow(0.0, 5.0, 0.0, rgb(0xaaaaaa)),
    shadow(0.0, 6.0, 1.0, black_a(0.1)),
    shadow(0.0, 0.0, 5.0, black_a(0.1)),
    shadow(0.0, 1.0, 3.0, black_a(0.3)),
    shadow(0.0, 3.0, 5.0, black_a(0.2)),
    shadow(0.0, 5.0, 10.0, black_a(0.25)),
    shadow(0.0, 20.0, 20.0, black_a(0.15)),
];

/// league's soft glow behind h2 to h6.
const LEAGUE_GLOW: &[TextShadow] = &[shadow(0.0, 0.0, 6.0, black_a(0.2))];

/// blood's dark drop behind h2 to h6.
const BLOOD_DROP: &[TextShadow] = &[shadow(2.0, 2.0, 2.0, rgb(0x222222))];

/// settings.scss's heading sizes (h5 and h6 are reset to the body size).
const DEFAULT_HEADINGS: [f32; 6] = [3.77, 2.11, 1.55, 1.0, 1.0, 1.0];
/// black and white's heading sizes.
const SOURCE_HEADINGS: [f32; 6] = [2.5, 1.6, 1.3, 1.0, 1.0, 1.0];

impl Theme {
    /// settings.scss's defaults (the base every theme overrides): League Gothic headings over
    /// Lato at 40px, light on #2b2b2b; with a dark code look.
    fn settings() -> Theme {
        Theme {
            name: "settings",
            background: rgb(0x2b2b2b),
            gradient: None,
            text: rgb(0xeeeeee),
            heading: rgb(0xeeeeee),
            contrast_text: Some(rgb(0x222222)),
            link: rgb(0x13daec),
            muted: rgb(0xa0a0a0),
            selection: rgb(0xff5e99),
            bold_color: None,
            italic_color: None,
            inline_code_color: None,
            bullet_color: None,
            // reveal.js's highlight plugin colours code blocks with monokai whatever the theme
            // (the deck's `highlightTheme` swaps it, through `Theme::with_code_style`).
            code_background: highlight::MONOKAI.background(),
            code_text: highlight::MONOKAI.text(),
            // theme.scss gives inline code no background of its own (blood does, in paragraphs).
            inline_code_background: Color32::TRANSPARENT,
            quote_background: Color32::from_rgba_unmultiplied(255, 255, 255, 13),
            rule: rgb(0x808080),
            base_size: 40.0,
            heading_em: DEFAULT_HEADINGS,
            heading_uppercase: true,
            heading_letter_spacing: 0.0,
            heading_shadow: &[],
            heading1_shadow: &[],
            line_height: 1.3,
            heading_line_height: 1.2,
            block_margin: 20.0,
            code_em: 0.55,
            syntax_theme: highlight::MONOKAI.name,
            body_font: family::LATO,
            paragraph_font: family::LATO,
            bold_font: family::LATO_BOLD,
            heading_font: family::LEAGUE_GOTHIC,
            code_font: family::MONO,
        }
    }

    /// The light themes' quote and rule look over the defaults.
    fn light(self) -> Theme {
        Theme {
            muted: rgb(0x666666),
            quote_background: Color32::from_rgba_unmultiplied(0, 0, 0, 10),
            rule: rgb(0xbbbbbb),
            ..self
        }
    }

    /// black, white and their contrast variants: Source Sans Pro at 42px, semibold headings.
    fn source_sans(self) -> Theme {
        Theme {
            base_size: 42.0,
            heading_em: SOURCE_HEADINGS,
            body_font: family::SOURCE_SANS,
            paragraph_font: family::SOURCE_SANS,
            bold_font: family::SOURCE_SANS_SEMIBOLD,
            heading_font: family::SOURCE_SANS_SEMIBOLD,
            ..self
        }
    }

    /// reveal.js's default dark theme.
    pub fn black() -> Theme {
        Theme {
            name: "black",
            background: rgb(0x191919),
            text: Color32::WHITE,
            heading: Color32::WHITE,
            link: rgb(0x42affa),
            selection: Color32::from_rgba_unmultiplied(0x42, 0xaf, 0xfa, 191),
            ..Theme::settings().source_sans()
        }
    }

    /// black on pure black with white text, for projectors that wash colours out.
    pub fn black_contrast() -> Theme {
        Theme {
            name: "black-contrast",
            background: Color32::BLACK,
            contrast_text: Some(Color32::BLACK),
            selection: rgb(0x71c3fb),
            ..Theme::black()
        }
    }

    /// reveal.js's light theme.
    pub fn white() -> Theme {
        Theme {
            name: "white",
            background: Color32::WHITE,
            text: rgb(0x222222),
            heading: rgb(0x222222),
            contrast_text: Some(Color32::WHITE),
            link: rgb(0x2a76dd),
            selection: rgb(0x5f98e5),
            ..Theme::settings().source_sans().light()
        }
    }

    /// white with pure black text.
    pub fn white_contrast() -> Theme {
        Theme {
            name: "white-contrast",
            text: Color32::BLACK,
            heading: Color32::BLACK,
            ..Theme::white()
        }
    }

    /// The settings themselves, on a dark radial gradient with shadowed headings.
    pub fn league() -> Theme {
        Theme {
            name: "league",
            gradient: Some(Gradient::radial(rgb(0x555a5f), rgb(0x1c1e20))),
            heading_shadow: LEAGUE_GLOW,
            heading1_shadow: EMBOSSED,
            ..Theme::settings()
        }
    }

    /// Dark text on a warm cream gradient, embossed h1.
    pub fn beige() -> Theme {
        Theme {
            name: "beige",
            background: rgb(0xf7f3de),
            gradient: Some(Gradient::radial(Color32::WHITE, rgb(0xf7f2d3))),
            text: rgb(0x333333),
            heading: rgb(0x333333),
            contrast_text: Some(Color32::WHITE),
            link: rgb(0x8b743d),
            selection: Color32::from_rgba_unmultiplied(79, 64, 28, 252),
            heading1_shadow: EMBOSSED,
            ..Theme::settings().light()
        }
    }

    /// Open Sans on #111, Montserrat headings in their own case, tightly spaced.
    pub fn night() -> Theme {
        Theme {
            name: "night",
            background: rgb(0x111111),
            link: rgb(0xe7ad52),
            selection: rgb(0xe7ad52),
            heading_uppercase: false,
            heading_letter_spacing: -0.03,
            body_font: family::OPEN_SANS,
            paragraph_font: family::OPEN_SANS,
            bold_font: family::OPEN_SANS_BOLD,
            heading_font: family::MONTSERRAT_BOLD,
            ..Theme::settings()
        }
    }

    /// Palatino on pale grey-green, black text.
    pub fn serif() -> Theme {
        Theme {
            name: "serif",
            background: rgb(0xf0f1eb),
            text: Color32::BLACK,
            heading: rgb(0x383d3d),
            contrast_text: Some(Color32::WHITE),
            link: rgb(0x51483d),
            selection: rgb(0x26351c),
            heading_uppercase: false,
            body_font: family::PAGELLA,
            paragraph_font: family::PAGELLA,
            bold_font: family::PAGELLA_BOLD,
            heading_font: family::PAGELLA,
            ..Theme::settings().light()
        }
    }

    /// Black on white: Lato text, News Cycle headings.
    pub fn simple() -> Theme {
        Theme {
            name: "simple",
            background: Color32::WHITE,
            text: Color32::BLACK,
            heading: Color32::BLACK,
            contrast_text: Some(Color32::WHITE),
            link: rgb(0x00008b),
            selection: Color32::from_rgba_unmultiplied(0, 0, 0, 252),
            heading_uppercase: false,
            heading_font: family::NEWS_CYCLE,
            ..Theme::settings().light()
        }
    }

    /// Solarized light: base00 text on base3.
    pub fn solarized() -> Theme {
        Theme {
            name: "solarized",
            background: rgb(0xfdf6e3),
            text: rgb(0x657b83),
            heading: rgb(0x586e75),
            contrast_text: None,
            link: rgb(0x268bd2),
            selection: rgb(0xd33682),
            ..Theme::settings().light()
        }
    }

    /// Solarized dark: base1 text on base03.
    pub fn moon() -> Theme {
        Theme {
            name: "moon",
            background: rgb(0x002b36),
            text: rgb(0x93a1a1),
            heading: rgb(0xeee8d5),
            link: rgb(0x268bd2),
            selection: rgb(0xd33682),
            ..Theme::settings()
        }
    }

    /// The Dracula palette: purple headings in their own case, coloured bold, italics, code
    /// and bullets; the system sans (Ubuntu) for text and headings, Fira Code for code.
    pub fn dracula() -> Theme {
        Theme {
            name: "dracula",
            background: rgb(0x282a36),
            text: rgb(0xf8f8f2),
            heading: rgb(0xbd93f9),
            contrast_text: Some(rgb(0x282a36)),
            link: rgb(0xff79c6),
            selection: rgb(0x44475a),
            bold_color: Some(rgb(0xffb86c)),
            italic_color: Some(rgb(0xf1fa8c)),
            inline_code_color: Some(rgb(0x50fa7b)),
            bullet_color: Some(rgb(0x8be9fd)),
            heading_uppercase: false,
            // The system sans-serif list names Ubuntu where Linux has it; dracula names League
            // Gothic for headings without loading it, so browsers draw them in that same
            // system sans (reveal.js's own pictures of it show a plain sans).
            body_font: family::UBUNTU,
            paragraph_font: family::UBUNTU,
            bold_font: family::UBUNTU_BOLD,
            heading_font: family::UBUNTU,
            code_font: family::FIRA_CODE,
            ..Theme::settings()
        }
    }

    /// Open Sans on a pale blue gradient, Quicksand headings tightly spaced.
    pub fn sky() -> Theme {
        Theme {
            name: "sky",
            background: rgb(0xf7fbfc),
            gradient: Some(Gradient::radial(rgb(0xf7fbfc), rgb(0xadd9e4))),
            text: rgb(0x333333),
            heading: rgb(0x333333),
            contrast_text: Some(Color32::WHITE),
            link: rgb(0x3b759e),
            selection: rgb(0x134674),
            heading_letter_spacing: -0.08,
            body_font: family::OPEN_SANS,
            paragraph_font: family::OPEN_SANS,
            bold_font: family::OPEN_SANS_BOLD,
            heading_font: family::QUICKSAND,
            ..Theme::settings().light()
        }
    }

    /// Ubuntu on coal with blood-red links: bold headings with a drop shadow, light
    /// paragraphs.
    pub fn blood() -> Theme {
        Theme {
            name: "blood",
            background: rgb(0x222222),
            link: rgb(0xaa2233),
            selection: rgb(0xaa2233),
            code_background: rgb(0x23241f),
            inline_code_background: rgb(0x23241f),
            heading_shadow: BLOOD_DROP,
            heading1_shadow: EMBOSSED,
            body_font: family::UBUNTU,
            paragraph_font: family::UBUNTU_LIGHT,
            bold_font: family::UBUNTU_BOLD,
            heading_font: family::UBUNTU_BOLD,
            ..Theme::settings()
        }
    }
}
