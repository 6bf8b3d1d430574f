//! Syntax highlighting with syntect's bundled grammars and themes, loaded once.

use eframe::egui::Color32;
use std::sync::OnceLock;
use syntect::easy::HighlightLines;
use syntect::highlighting::ThemeSet;
use syntect::parsing::SyntaxSet;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// Coloured runs per line of `code` in `language`; plain `fallback` text when the language or
/// theme is unknown.
pub fn highlight_lines(
    code: &str,
    language: &str,
    theme: &str,
    fallback: Color32,
) -> Vec<Vec<(Color32, String)>> {
    let plain = || {
        code.lines()
            .map(|l| vec![(fallback, l.to_string())])
            .collect()
    };
    let set = syntaxes();
    let lang = language.trim().to_ascii_lowercase();
    let alias = match lang.as_str() {
        "js" | "javascript" | "jsx" | "ts" | "typescript" => "js",
        "py" | "python3" => "py",
        "sh" | "bash" | "shell" | "zsh" | "console" => "sh",
        "rs" => "rs",
        "yml" => "yaml",
        other => other,
    };
    let syntax = set
        .find_syntax_by_token(alias)
        .or_else(|| set.find_syntax_by_extension(alias));
    let (Some(syntax), Some(th)) = (syntax, themes().themes.get(theme)) else {
        return plain();
    };
    let mut h = HighlightLines::new(syntax, th);
    let mut out = Vec::new();
    for line in code.lines() {
        let with_nl = format!("{line}\n");
        match h.highlight_line(&with_nl, set) {
            Ok(ranges) => out.push(
                ranges
                    .into_iter()
                    .map(|(style, text)| {
                        let c = style.foreground;
                        (
                            Color32::from_rgb(c.r, c.g, c.b),
                            text.trim_end_matches('\n').to_string(),
                        )
                    })
                    .filter(|(_, t)| !t.is_empty())
                    .collect(),
            ),
            Err(_) => out.push(vec![(fallback, line.to_string())]),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_gets_more_than_one_colour() {
        let lines = highlight_lines(
            "def f():\n    return 1",
            "python",
            "base16-eighties.dark",
            Color32::WHITE,
        );
        assert_eq!(lines.len(), 2);
        let colours: std::collections::HashSet<_> =
            lines.iter().flatten().map(|(c, _)| *c).collect();
        assert!(colours.len() > 1);
        let text: String = lines[1].iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(text, "    return 1");
    }

    #[test]
    fn unknown_language_is_plain() {
        let lines = highlight_lines("x y", "nolang", "base16-eighties.dark", Color32::WHITE);
        assert_eq!(lines, vec![vec![(Color32::WHITE, "x y".to_string())]]);
    }
}
