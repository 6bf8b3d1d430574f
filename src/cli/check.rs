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

/// The result of checking a deck: printable lines and whether any is an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// One line per diagnostic, `file:line:col: severity: message`, then a summary line.
    pub lines: Vec<String>,
    /// Whether an error was found (the exit status is then 1).
    pub has_errors: bool,
}

/// Checks a parsed deck whose file is `path` (images are looked up beside it).
pub fn check(deck: &Deck, path: &Path) -> Report {
    let file = path.display().to_string();
    let base = path.parent().unwrap_or(Path::new("."));
    let mut diags = deck.diagnostics.clone();
    diags.extend(deck::check_assets(deck, base));
    diags.extend(overflow(deck, base));
    diags.sort_by_key(|d| d.span);
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
