//! `rostra check`: every diagnostic of a deck, printed like a compiler, with an exit status.

use crate::deck::{self, Deck, Severity};
use std::path::Path;

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
