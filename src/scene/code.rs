//! Syntax highlighting with syntect's bundled grammars and themes, loaded once.

use eframe::egui::Color32;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
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

/// Coloured runs per line of a code block.
pub type Highlighted = Arc<Vec<Vec<(Color32, String)>>>;

type Key = (String, String, String, [u8; 4]);

fn cache() -> &'static Mutex<HashMap<Key, Highlighted>> {
    static CACHE: OnceLock<Mutex<HashMap<Key, Highlighted>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// `highlight_lines`, remembered: syntect takes milliseconds per block, so the app highlights
/// a deck's code on a background thread at load (`warm_up`) and layout finds it done.
pub fn highlighted(code: &str, language: &str, theme: &str, fallback: Color32) -> Highlighted {
    let key = (
        code.to_string(),
        language.to_string(),
        theme.to_string(),
        fallback.to_array(),
    );
    if let Ok(map) = cache().lock()
        && let Some(h) = map.get(&key)
    {
        return h.clone();
    }
    let h = Arc::new(highlight_lines(code, language, theme, fallback));
    if let Ok(mut map) = cache().lock() {
        // Bounded: a long editing session with live reload must not grow it for ever.
        if map.len() > 512 {
            map.clear();
        }
        map.insert(key, h.clone());
    }
    h
}

/// Highlights every code block of `deck` for `theme`, so later layouts find them cached.
pub fn warm_up(deck: &crate::deck::Deck, theme: &crate::theme::Theme) {
    for slide in &deck.slides {
        for code in slide.code_blocks() {
            highlighted(
                &code.text,
                &code.language,
                theme.syntax_theme,
                theme.code_text,
            );
        }
    }
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
    // Backtracking grammars can take very long on huge lines: show those plain.
    if code.len() > 256 * 1024 || code.lines().any(|l| l.len() > 4096) {
        return plain();
    }
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
                            crate::theme::syntax_color(c),
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
