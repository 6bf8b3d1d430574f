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
    let theme = Theme::named(&deck.meta.theme)
        .0
        .with_code_style(deck.meta.highlight_theme.as_deref());
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
    diags.extend(css_theme(deck, path));
    diags.extend(media(deck));
    diags.extend(stand_in_code_style(deck, path));
    diags.extend(unreadable_images(deck, base));
    diags.extend(math(deck));
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

/// Image files that are there but cannot be read (a broken or unknown format): the room sees
/// only their alt text. Missing files and remote images are `check_assets`'s.
fn unreadable_images(deck: &Deck, base: &Path) -> Vec<Diagnostic> {
    let sizes = FileImageSizes::new(base.to_path_buf());
    let mut out = Vec::new();
    for slide in &deck.slides {
        for (src, span) in slide.image_sources_at() {
            let Ok(file) = crate::media::resolve_local(base, src) else {
                continue;
            };
            if !file.is_file() {
                continue;
            }
            if let crate::scene::ImageState::Failed(reason) =
                crate::scene::ImageSizes::state(&sizes, src)
            {
                out.push(
                    Diagnostic::warning(
                        span,
                        format!("image '{src}' cannot be read ({reason}): the room sees only its alt text"),
                    )
                    .with_fix("save it again as PNG, JPEG, GIF, WebP or SVG"),
                );
            }
        }
    }
    out
}

/// A `highlightTheme` that highlight.js has but rostra does not colour with says it gets
/// monokai; names highlight.js lacks are the deck engine's error already.
fn stand_in_code_style(deck: &Deck, path: &Path) -> Option<Diagnostic> {
    let given = deck.meta.highlight_theme.as_deref()?;
    let name = given
        .trim()
        .trim_end_matches(".css")
        .trim_end_matches(".min");
    let known = match name.strip_prefix("base16/") {
        Some(b) => deck::lint::BASE16_THEMES.contains(&b),
        None => deck::lint::HIGHLIGHT_THEMES.contains(&name),
    };
    if !known || crate::theme::highlight::named(name).1 {
        return None;
    }
    let source = std::fs::read_to_string(path).unwrap_or_default();
    let have: Vec<&str> = crate::theme::highlight::STYLES
        .iter()
        .map(|s| s.name)
        .collect();
    Some(
        Diagnostic::warning(
            deck::lint::key_span(&source, "highlightTheme"),
            format!(
                "highlight theme '{given}' is highlight.js's, but rostra colours code with monokai in its place (its styles so far: {})",
                have.join(", ")
            ),
        )
        .with_fix("name one of those to see on screen what the audience will see"),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The diagnostics of `source` saved as a deck file of its own.
    fn diagnostics_of(name: &str, source: &str) -> Vec<Diagnostic> {
        let dir = std::env::temp_dir().join(format!("rostra-check-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("deck.md");
        std::fs::write(&path, source).unwrap();
        let deck = deck::parse(source, &deck::Options::default()).unwrap();
        let out = diagnostics(&deck, &path);
        std::fs::remove_dir_all(&dir).ok();
        out
    }

    #[test]
    fn an_image_that_cannot_be_read_is_a_warning_at_its_line() {
        let dir = std::env::temp_dir().join(format!("rostra-check-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("bad.png"), b"not a picture").unwrap();
        let source = "# A\n\n![a cat](bad.png)\n";
        let path = dir.join("deck.md");
        std::fs::write(&path, source).unwrap();
        let deck = deck::parse(source, &deck::Options::default()).unwrap();
        let diags = diagnostics(&deck, &path);
        std::fs::remove_dir_all(&dir).ok();
        let d = diags
            .iter()
            .find(|d| d.message.contains("'bad.png' cannot be read"))
            .unwrap_or_else(|| {
                panic!("{:?}", diags.iter().map(|d| &d.message).collect::<Vec<_>>())
            });
        assert_eq!((d.severity, d.span.line), (Severity::Warning, 3));
    }

    #[test]
    fn a_highlight_style_rostra_lacks_is_a_warning_at_its_key() {
        let diags = diagnostics_of(
            "nord",
            "---\ntheme: black\nhighlightTheme: nord\n---\n# A\n",
        );
        let d = diags
            .iter()
            .find(|d| d.message.contains("highlight theme 'nord'"))
            .expect("a warning for nord");
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.span.line, 3);
        assert!(d.message.contains("monokai"), "{}", d.message);
        for known in ["github", "base16/zenburn", "monokai.css"] {
            let diags = diagnostics_of(
                "known",
                &format!("---\nhighlightTheme: {known}\n---\n# A\n"),
            );
            assert!(
                !diags.iter().any(|d| d.message.contains("highlight theme")),
                "{known}: {:?}",
                diags.iter().map(|d| &d.message).collect::<Vec<_>>()
            );
        }
    }
}
