//! `rostra check`: every diagnostic of a deck, printed like a compiler, with an exit status.

use crate::deck::{self, Deck, Diagnostic, Severity};
use crate::media::FileImageSizes;
use crate::scene::{LayoutInput, layout};
use crate::theme::{Theme, ThemeName};
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
    diags.extend(css_theme(deck, path));
    diags.extend(media(deck));
    diags.sort_by_key(|d| d.span);
    diags
}

/// Remote images not in the cache yet (a talk offline would show their placeholders), and
/// videos when ffmpeg, which plays them, is not installed.
pub fn media(deck: &Deck) -> Vec<Diagnostic> {
    use crate::media::{RemoteCache, remote, video};
    let cache = RemoteCache::user();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for slide in &deck.slides {
        for (src, span) in slide.image_sources_at() {
            if !seen.insert(src) {
                continue;
            }
            if video::is_video(src) {
                if remote::is_fetched(src) {
                    out.push(
                        Diagnostic::warning(span, format!("remote video '{src}' is not fetched"))
                            .with_fix("save the video beside the deck and name the file"),
                    );
                } else if video::ffmpeg().is_none() {
                    out.push(Diagnostic::warning(
                        span,
                        format!("video '{src}' will not play: {}", video::MISSING),
                    ));
                }
            } else if remote::is_fetched(src) && cache.cached(src).is_none() {
                out.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "remote image '{src}' is not cached yet (offline it would not show)"
                        ),
                    )
                    .with_fix(format!(
                        "open the deck once online (or run `rostra export`) to keep a copy in {}",
                        cache.dir().display()
                    )),
                );
            }
        }
    }
    out
}

/// A theme named by a CSS file (reveal-md takes one) is drawn with black: say so. Unknown
/// names are the lint's errors already.
fn css_theme(deck: &Deck, path: &Path) -> Option<Diagnostic> {
    if !deck.meta.front_matter_keys.iter().any(|k| k == "theme")
        || Theme::lookup(&deck.meta.theme).1 != ThemeName::CssFile
    {
        return None;
    }
    let message = Theme::name_warning(&deck.meta.theme)?;
    let source = std::fs::read_to_string(path).unwrap_or_default();
    Some(
        Diagnostic::warning(deck::lint::key_span(&source, "theme"), message).with_fix(
            "name one of reveal.js's fourteen themes (black, white, league, beige, night, serif, simple, solarized, moon, dracula, sky, blood, black-contrast, white-contrast)".to_string(),
        ),
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
