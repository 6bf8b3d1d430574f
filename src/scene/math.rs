//! Formulas typeset as KaTeX typesets them: RaTeX (KaTeX's parser, font metrics and layout in
//! Rust) gives the box in `em` (width, height above the baseline, depth below it) and an SVG
//! with KaTeX's glyphs as outlines; resvg rasterises that at the size it is drawn. Typesetting is
//! cached per (formula, style, colour) and rasterising per (formula, pixel size), so a slide's
//! formulas cost their work once, not once per layout or frame.

use eframe::egui::{Color32, ColorImage};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// KaTeX's `.katex { font-size: 1.21em }`: a formula's em is 1.21 times the text around it.
pub const KATEX_EM: f32 = 1.21;

/// SVG user units per em: what the formula's outlines are written at (scaled when drawn).
const SVG_EM: f64 = 100.0;

/// Formulas kept typeset; a deck has far fewer, and a live-edited one is cleared when full.
const CACHE_LIMIT: usize = 512;

/// Why a formula could not be typeset.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MathError {
    /// The TeX does not parse (KaTeX's `ParseError`).
    #[error("{0}")]
    Parse(String),
    /// It parses but its layout is too large to draw.
    #[error("formula too large: {0}")]
    TooLarge(String),
    /// The SVG of its outlines could not be read back (a bug, not the deck's fault).
    #[error("formula drawing: {0}")]
    Svg(String),
}

/// A typeset formula: its box in `em` and its drawing.
pub struct Formula {
    /// The TeX source.
    pub tex: String,
    /// Display style (`$$…$$`, `\[…\]`) rather than text style.
    pub display: bool,
    /// Width in em.
    pub width: f32,
    /// Height above the baseline in em.
    pub height: f32,
    /// Depth below the baseline in em.
    pub depth: f32,
    /// The colour its ink is drawn in.
    pub color: Color32,
    tree: resvg::usvg::Tree,
}

impl std::fmt::Debug for Formula {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Formula")
            .field("tex", &self.tex)
            .field("display", &self.display)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("depth", &self.depth)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Formula {
    fn eq(&self, other: &Self) -> bool {
        self.tex == other.tex && self.display == other.display && self.color == other.color
    }
}

impl Formula {
    /// A stable name for this formula in this colour, for texture caches.
    pub fn key(&self) -> String {
        format!(
            "math:{}:{:?}:{}",
            u8::from(self.display),
            self.color.to_array(),
            self.tex
        )
    }

    /// Rasterises the formula to `w` x `h` pixels (its box stretched to fill them).
    pub fn rasterize(&self, w: u32, h: u32) -> Option<ColorImage> {
        let (w, h) = (w.clamp(1, 8192), h.clamp(1, 8192));
        let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)?;
        let size = self.tree.size();
        let t = resvg::tiny_skia::Transform::from_scale(
            w as f32 / size.width().max(1e-3),
            h as f32 / size.height().max(1e-3),
        );
        resvg::render(&self.tree, t, &mut pixmap.as_mut());
        Some(ColorImage::from_rgba_premultiplied(
            [w as usize, h as usize],
            pixmap.data(),
        ))
    }
}

type Key = (String, bool, [u8; 4]);
type Typeset = Mutex<HashMap<Key, Result<Arc<Formula>, MathError>>>;

fn cache() -> &'static Typeset {
    static CACHE: OnceLock<Typeset> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Typesets `tex` (display or text style) with its ink in `color`; cached.
pub fn typeset(tex: &str, display: bool, color: Color32) -> Result<Arc<Formula>, MathError> {
    let key = (tex.to_string(), display, color.to_array());
    if let Ok(map) = cache().lock()
        && let Some(hit) = map.get(&key)
    {
        return hit.clone();
    }
    let result = typeset_uncached(tex, display, color).map(Arc::new);
    if let Ok(mut map) = cache().lock() {
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(key, result.clone());
    }
    result
}

/// Whether `tex` parses as KaTeX would take it; the message when it does not.
pub fn parse_error(tex: &str) -> Option<String> {
    ratex_parser::parser::parse(tex)
        .err()
        .map(|e| e.message.clone())
}

fn typeset_uncached(tex: &str, display: bool, color: Color32) -> Result<Formula, MathError> {
    use ratex_layout::{LayoutOptions, layout, to_display_list, validate_layout};
    use ratex_types::math_style::MathStyle;
    // RaTeX would read a `$…$` around the source as delimiters; the deck's are already gone.
    let ast = ratex_parser::parser::parse(tex).map_err(|e| MathError::Parse(e.message.clone()))?;
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let options = LayoutOptions::default()
        .with_style(if display {
            MathStyle::Display
        } else {
            MathStyle::Text
        })
        .with_color(ratex_types::color::Color {
            r: f32::from(r) / 255.0,
            g: f32::from(g) / 255.0,
            b: f32::from(b) / 255.0,
            a: f32::from(a) / 255.0,
        });
    let lbox = layout(&ast, &options);
    validate_layout(&lbox).map_err(MathError::TooLarge)?;
    let list = to_display_list(&lbox);
    let svg = ratex_svg::render_to_svg(
        &list,
        &ratex_svg::SvgOptions {
            font_size: SVG_EM,
            padding: 0.0,
            stroke_width: 0.04 * SVG_EM,
            embed_glyphs: true,
            font_dir: String::new(),
        },
    );
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .map_err(|e| MathError::Svg(e.to_string()))?;
    let finite = |v: f64| {
        if v.is_finite() {
            v.max(0.0) as f32
        } else {
            0.0
        }
    };
    Ok(Formula {
        tex: tex.to_string(),
        display,
        width: finite(list.width),
        height: finite(list.height),
        depth: finite(list.depth),
        color,
        tree,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(img: &ColorImage) -> usize {
        img.pixels.iter().filter(|p| p.a() > 128).count()
    }

    #[test]
    fn a_fraction_is_taller_than_a_letter_and_has_ink() {
        let x = typeset("x", false, Color32::WHITE).expect("x typesets");
        let f = typeset(r"\frac{a}{b}", true, Color32::WHITE).expect("a fraction typesets");
        assert!(f.height > x.height * 1.3, "{f:?} vs {x:?}");
        assert!(f.depth > x.depth + 0.3, "{f:?} vs {x:?}");
        let img = f.rasterize(60, 120).expect("rasterises");
        assert!(ink(&img) > 100, "ink: {}", ink(&img));
    }

    #[test]
    fn bad_tex_is_a_parse_error() {
        assert!(matches!(
            typeset(r"\frac{a", true, Color32::WHITE),
            Err(MathError::Parse(_))
        ));
        assert!(parse_error(r"\frac{a").is_some());
        assert!(parse_error(r"\sum_{i=1}^n i").is_none());
    }

    #[test]
    fn colour_reaches_the_ink() {
        let f = typeset(r"\color{red}{x}", false, Color32::WHITE).expect("typesets");
        let w = (f.width * 100.0).ceil() as u32;
        let h = ((f.height + f.depth) * 100.0).ceil() as u32;
        let img = f.rasterize(w, h).expect("rasterises");
        let red = img
            .pixels
            .iter()
            .filter(|p| p.a() > 200 && p.r() > 200 && p.g() < 60)
            .count();
        assert!(red > 50, "red pixels: {red}");
    }

    /// KaTeX's boxes, measured in Chromium by `scripts/katex-boxes.mjs`.
    #[derive(serde::Deserialize)]
    struct KatexBoxes {
        boxes: Vec<KatexBox>,
    }

    #[derive(serde::Deserialize)]
    struct KatexBox {
        tex: String,
        display: bool,
        width: f32,
        height: f32,
        depth: f32,
    }

    #[test]
    fn each_formula_takes_the_box_katex_gives_it() {
        let reference: KatexBoxes =
            serde_json::from_str(include_str!("../../tests/fixtures/katex-boxes.json"))
                .expect("the fixture reads");
        assert!(reference.boxes.len() >= 10);
        let mut worst = 0.0f32;
        let mut off = Vec::new();
        for k in &reference.boxes {
            let f = typeset(&k.tex, k.display, Color32::WHITE).expect("typesets");
            eprintln!(
                "{:>6.3} {:>6.3} | {:>6.3} {:>6.3} | {:>6.3} {:>6.3}  {}",
                f.width, k.width, f.height, k.height, f.depth, k.depth, k.tex
            );
            // Within 3% of the width and 0.1em of the height and depth. Most agree to 0.001em;
            // RaTeX 0.1.15 sets a display `\\sum` with limits 0.08em taller and deeper than
            // KaTeX 0.16 does, and `cases` 1.2% narrower.
            let dw = (f.width - k.width).abs() / k.width.max(0.1);
            let dh = (f.height - k.height).abs();
            let dd = (f.depth - k.depth).abs();
            worst = worst.max(dw / 0.03).max(dh / 0.1).max(dd / 0.1);
            if dw >= 0.03 || dh >= 0.1 || dd >= 0.1 {
                off.push(format!(
                    "{}: rostra {}x{}+{} em, KaTeX {}x{}+{} em",
                    k.tex, f.width, f.height, f.depth, k.width, k.height, k.depth
                ));
            }
        }
        eprintln!("worst: {worst:.2} of the tolerance");
        assert!(off.is_empty(), "{off:#?}");
    }
}
