//! `rostra check`: every diagnostic of a deck, printed like a compiler, with an exit status.

use crate::deck::{self, Deck, Diagnostic, Severity};
use crate::media::FileImageSizes;
use crate::scene::{LayoutInput, layout};
use crate::theme::Theme;
use eframe::egui::Vec2;
use eframe::epaint::text::{Fonts, TextOptions};
use std::path::Path;

/// Slides whose content must shrink below this to fit are reported.
pub const SHRINK_WARNING: f32 = 0.7;

/// Lays every slide out (without a window) and reports those that had to shrink a lot.
pub fn overflow(deck: &Deck, base: &Path) -> Vec<Diagnostic> {
    let mut fonts = Fonts::new(TextOptions::default(), crate::theme::fonts::definitions());
    let mut view = fonts.with_pixels_per_point(1.0);
    let (theme, _) = Theme::named(&deck.meta.theme);
    let images = FileImageSizes::new(base.to_path_buf());
    let canvas = Vec2::new(deck.meta.width, deck.meta.height);
    let mut out = Vec::new();
    for (i, slide) in deck.slides.iter().enumerate() {
        let input = LayoutInput {
            slide,
            theme: &theme,
            canvas,
            scale: 1.0,
            images: &images,
        };
        let scene = layout(&input, &mut view);
        if scene.shrink < SHRINK_WARNING {
            out.push(Diagnostic::warning(
                slide.span,
                format!(
                    "slide {} does not fit: its content is shown at {:.0}% to fit the {}x{} canvas",
                    i + 1,
                    scene.shrink * 100.0,
                    canvas.x,
                    canvas.y
                ),
            ));
        }
    }
    out
}

/// Every formula of the deck that does not parse, as KaTeX would refuse it.
pub fn math(deck: &Deck) -> Vec<Diagnostic> {
    use crate::deck::{Block, Inline, Meta};
    fn inlines<'a>(content: &'a [Inline], out: &mut Vec<(&'a str, &'a Meta)>) {
        for i in content {
            match i {
                Inline::Math { tex, meta } => out.push((tex, meta)),
                Inline::Emphasis { content, .. }
                | Inline::Strong { content, .. }
                | Inline::Strikethrough { content, .. }
                | Inline::Link { content, .. }
                | Inline::Span { content, .. } => inlines(content, out),
                _ => {}
            }
        }
    }
    fn blocks<'a>(list: &'a [Block], out: &mut Vec<(&'a str, &'a Meta)>) {
        for b in list {
            match b {
                Block::Math { tex, meta } => out.push((tex, meta)),
                Block::Heading { content, .. }
                | Block::Paragraph { content, .. }
                | Block::Plain { content } => inlines(content, out),
                Block::List { items, .. } => {
                    for item in items {
                        blocks(&item.blocks, out);
                    }
                }
                Block::Quote { blocks: inner, .. } | Block::Html { blocks: inner, .. } => {
                    blocks(inner, out)
                }
                Block::Table(t) => {
                    for cell in t.head.iter().chain(t.rows.iter().flatten()) {
                        inlines(cell, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    for slide in &deck.slides {
        blocks(&slide.blocks, &mut found);
    }
    found
        .into_iter()
        .filter_map(|(tex, meta)| {
            let why = crate::scene::math::parse_error(tex)?;
            Some(
                Diagnostic::error(
                    meta.span,
                    format!("formula `{tex}` does not parse ({why}): its source is shown instead"),
                )
                .with_fix(
                    "check the TeX against KaTeX's supported functions (katex.org/docs/supported)",
                ),
            )
        })
        .collect()
}

/// The result of checking a deck: printable lines and whether any is an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// One line per diagnostic, `file:line:col: severity: message`, then a summary line.
    pub lines: Vec<String>,
    /// Whether an error was found (the exit status is then 1).
    pub has_errors: bool,
}

/// Every diagnostic of a parsed deck whose file is `path` (images are looked up beside it),
/// in source order.
pub fn diagnostics(deck: &Deck, path: &Path) -> Vec<Diagnostic> {
    let base = path.parent().unwrap_or(Path::new("."));
    let mut diags = deck.diagnostics.clone();
    diags.extend(deck::check_assets(deck, base));
    diags.extend(overflow(deck, base));
    diags.extend(math(deck));
    diags.extend(stand_in_theme(deck, path));
    diags.sort_by_key(|d| d.span);
    diags
}

/// A reveal.js theme rostra draws with one of its own two looks says so.
fn stand_in_theme(deck: &Deck, path: &Path) -> Option<Diagnostic> {
    let name = deck.meta.theme.trim().to_ascii_lowercase();
    if !deck.meta.front_matter_keys.iter().any(|k| k == "theme")
        || !deck::lint::THEMES.contains(&name.as_str())
        || name == "black"
        || name == "white"
    {
        return None;
    }
    let (theme, _) = Theme::named(&name);
    let look = if theme == Theme::white() {
        "white"
    } else {
        "black"
    };
    let source = std::fs::read_to_string(path).unwrap_or_default();
    Some(
        Diagnostic::warning(
            deck::lint::key_span(&source, "theme"),
            format!(
                "theme '{name}' is reveal.js's, but rostra draws it with its {look} stand-in (its own themes so far: black, white)"
            ),
        )
        .with_fix(format!("write `theme: {look}` to see on screen what the audience will see")),
    )
}

/// Checks a parsed deck whose file is `path` (images are looked up beside it).
pub fn check(deck: &Deck, path: &Path) -> Report {
    let file = path.display().to_string();
    let diags = diagnostics(deck, path);
    let mut lines: Vec<String> = diags.iter().map(|d| d.display(&file).to_string()).collect();
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    lines.push(format!(
        "{file}: {} slides, {errors} error(s), {warnings} warning(s)",
        deck.slides.len()
    ));
    Report {
        lines,
        has_errors: errors > 0,
    }
}

/// The same check as JSON for editors: `{file, slides, errors, warnings, diagnostics: [{severity,
/// line, column, message, fix?}]}`.
pub fn check_json(deck: &Deck, path: &Path) -> (String, bool) {
    let diags = diagnostics(deck, path);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let list: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let mut v = serde_json::json!({
                "severity": d.severity,
                "line": d.span.line,
                "column": d.span.column,
                "message": d.message,
            });
            if let (Some(fix), Some(map)) = (&d.fix, v.as_object_mut()) {
                map.insert("fix".into(), fix.clone().into());
            }
            v
        })
        .collect();
    let doc = serde_json::json!({
        "file": path.display().to_string(),
        "slides": deck.slides.len(),
        "errors": errors,
        "warnings": diags.len() - errors,
        "diagnostics": list,
    });
    (
        serde_json::to_string_pretty(&doc).unwrap_or_default(),
        errors > 0,
    )
}
