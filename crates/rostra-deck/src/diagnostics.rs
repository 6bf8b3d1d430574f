//! Deck problems as data: a severity, a place and a sentence, printed like a compiler's.

use super::model::Span;
use serde::Serialize;
use std::fmt;

/// How bad a problem is. Neither stops a talk; errors make `rostra check` exit non-zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The deck shows, but probably not as the author meant.
    Warning,
    /// Part of the deck could not be read as written.
    Error,
}

/// One problem found in a deck.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// Where in the source.
    pub span: Span,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it, where there is one clear way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Diagnostic {
    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            span,
            message: message.into(),
            fix: None,
        }
    }

    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            span,
            message: message.into(),
            fix: None,
        }
    }

    /// The same diagnostic with a suggested fix.
    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// `file:line:col: severity: message`, as compilers print it.
    pub fn display<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        DisplayIn { diag: self, file }
    }
}

struct DisplayIn<'a> {
    diag: &'a Diagnostic,
    file: &'a str,
}

impl fmt::Display for DisplayIn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.diag.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.diag.span.line, self.diag.span.column, sev, self.diag.message
        )?;
        if let Some(fix) = &self.diag.fix {
            write!(f, "\n  = fix: {fix}")?;
        }
        Ok(())
    }
}

/// Maps byte offsets of a source text to line and column spans.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The span of byte `offset` in `text` (the same text the index was built from).
    pub fn span(&self, text: &str, offset: usize) -> Span {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        Span {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_lines_and_characters_from_one() {
        let text = "ab\n가나다x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.span(text, 0), Span { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.span(text, x), Span { line: 2, column: 4 });
        assert_eq!(idx.span(text, text.len()), Span { line: 3, column: 1 });
    }

    #[test]
    fn prints_like_a_compiler() {
        let d = Diagnostic::warning(
            Span {
                line: 12,
                column: 5,
            },
            "image 'a.png' not found",
        );
        assert_eq!(
            d.display("deck.md").to_string(),
            "deck.md:12:5: warning: image 'a.png' not found"
        );
    }
}
