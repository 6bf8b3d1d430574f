//! Syntax highlighting: bat's grammars (through `two-face`: syntect's own plus F#, TypeScript,
//! TOML, PowerShell, Kotlin, ...), fence names read as highlight.js reads them, and the
//! highlight.js styles of [`crate::theme::highlight`]. Grammars load once.

use eframe::egui::Color32;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use syntect::easy::HighlightLines;
use syntect::parsing::{SyntaxReference, SyntaxSet};

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The syntect token (a file extension or grammar name) for a fence's language, read as
/// highlight.js reads its names and aliases; `None` for the names it shows plain.
fn syntax_token(language: &str) -> Option<String> {
    let lang = language.trim().to_ascii_lowercase();
    let token = match lang.as_str() {
        "" | "text" | "txt" | "plaintext" | "plain" | "nohighlight" | "no-highlight" => {
            return None;
        }
        "javascript" | "js" | "jsx" | "mjs" | "cjs" => "js",
        "typescript" | "ts" | "tsx" | "mts" | "cts" => "ts",
        "python" | "py" | "python3" | "gyp" | "ipython" => "py",
        "bash" | "sh" | "shell" | "zsh" | "console" | "shellsession" | "sh-session" => "sh",
        "rust" | "rs" => "rs",
        "yaml" | "yml" => "yaml",
        // By name: `fs` is also GLSL's fragment-shader extension.
        "fsharp" | "f#" | "fs" | "fsx" | "fsi" | "fsscript" => "F#",
        "kotlin" | "kt" | "kts" => "kt",
        "powershell" | "pwsh" | "ps" | "ps1" | "psm1" => "ps1",
        "dockerfile" | "docker" => "Dockerfile",
        "graphql" | "gql" => "graphql",
        "csharp" | "cs" | "c#" => "cs",
        "cpp" | "c++" | "cc" | "cxx" | "hpp" | "hh" | "hxx" | "h++" => "cpp",
        "c" | "h" => "c",
        "go" | "golang" => "go",
        "markdown" | "md" | "mkdown" | "mkd" => "md",
        "html" | "xhtml" => "html",
        "xml" | "rss" | "atom" | "xsd" | "xsl" | "plist" | "svg" => "xml",
        "glsl" | "vert" | "frag" => "glsl",
        "gherkin" | "feature" | "cucumber" => "feature",
        "elixir" | "ex" | "exs" => "ex",
        "toml" | "ini" | "cfg" => "toml",
        "ruby" | "rb" | "gemspec" | "irb" => "rb",
        "perl" | "pl" | "pm" => "pl",
        "haskell" | "hs" => "hs",
        "objectivec" | "objc" | "obj-c" | "mm" => "m",
        "json" | "jsonc" | "json5" => "json",
        "diff" | "patch" => "diff",
        "makefile" | "mk" | "mak" | "make" => "Makefile",
        "erlang" | "erl" => "erl",
        "clojure" | "clj" | "edn" => "clj",
        "latex" | "tex" => "tex",
        "scss" => "scss",
        "sql" | "mysql" | "postgres" | "postgresql" => "sql",
        "protobuf" | "proto" => "proto",
        "terraform" | "tf" | "hcl" => "tf",
        "nginx" | "nginxconf" => "nginx",
        other => other,
    };
    Some(token.to_string())
}

/// The grammar for a fence's language, when bat's set has one.
fn syntax_for(language: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let token = syntax_token(language)?;
    set.find_syntax_by_name(&token)
        .or_else(|| set.find_syntax_by_token(&token))
        .or_else(|| set.find_syntax_by_name(language.trim()))
}

/// A piece of a code line in one colour and weight.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeRun {
    /// Its colour.
    pub color: Color32,
    /// Whether the style sets it bold (monokai's keywords, titles and types).
    pub bold: bool,
    /// Its text.
    pub text: String,
}

impl CodeRun {
    fn plain(color: Color32, text: impl Into<String>) -> CodeRun {
        CodeRun {
            color,
            bold: false,
            text: text.into(),
        }
    }
}

/// Coloured runs per line of a code block.
pub type Highlighted = Arc<Vec<Vec<CodeRun>>>;

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

/// Coloured runs per line of `code` in `language` in the highlight.js style `theme` (monokai
/// when unknown); plain `fallback` text when the language is unknown.
pub fn highlight_lines(
    code: &str,
    language: &str,
    theme: &str,
    fallback: Color32,
) -> Vec<Vec<CodeRun>> {
    let plain = || {
        code.lines()
            .map(|l| vec![CodeRun::plain(fallback, l)])
            .collect()
    };
    if let Some(lines) = super::words::classify(code, language) {
        let style = crate::theme::highlight::named(theme).0;
        return lines
            .into_iter()
            .map(|runs| {
                runs.into_iter()
                    .map(|(class, text)| CodeRun {
                        color: class.and_then(|c| style.color(c)).unwrap_or(fallback),
                        bold: class.is_some_and(|c| style.is_bold(c)),
                        text,
                    })
                    .collect()
            })
            .collect();
    }
    let set = syntaxes();
    let Some(syntax) = syntax_for(language) else {
        return plain();
    };
    let th = crate::theme::highlight::syntect_theme_named(theme);
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
                    .map(|(style, text)| CodeRun {
                        color: crate::theme::syntax_color(style.foreground),
                        bold: style
                            .font_style
                            .contains(syntect::highlighting::FontStyle::BOLD),
                        text: text.trim_end_matches('\n').to_string(),
                    })
                    .filter(|r| !r.text.is_empty())
                    .collect(),
            ),
            Err(_) => out.push(vec![CodeRun::plain(fallback, line)]),
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
            "monokai",
            Color32::WHITE,
        );
        assert_eq!(lines.len(), 2);
        let colours: std::collections::HashSet<_> =
            lines.iter().flatten().map(|r| r.color).collect();
        assert!(colours.len() > 1);
        let text: String = lines[1].iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "    return 1");
    }

    /// The colours of the runs whose text is exactly `token`.
    fn colour_of(lines: &[Vec<CodeRun>], token: &str) -> Vec<Color32> {
        lines
            .iter()
            .flatten()
            .filter(|r| r.text.trim() == token)
            .map(|r| r.color)
            .collect()
    }

    #[test]
    fn languages_real_decks_use_have_grammars() {
        for (lang, code) in [
            ("fsharp", "let x = \"a\" // c"),
            ("glsl", "void main() { float x = 1.0; }"),
            ("graphql", "query { user(id: \"1\") { name } }"),
            ("toml", "[package]\nname = \"x\""),
            ("ts", "const x: number = 1; // c"),
            ("dockerfile", "FROM alpine\nRUN echo \"a\""),
            ("kt", "fun main() { val x = \"a\" }"),
            ("swift", "let x = \"a\" // c"),
            ("elixir", "defmodule X do\n  def f, do: \"a\"\nend"),
            ("gql", "type Query { a: Int }"),
            ("yml", "a: \"b\""),
            ("powershell", "$x = \"a\" # c"),
            ("gherkin", "Feature: x\n  Scenario: y"),
        ] {
            assert!(
                syntax_for(lang).is_some() || super::super::words::knows(lang),
                "{lang}: no grammar"
            );
            if lang == "fsharp" {
                assert_eq!(syntax_for(lang).map(|s| s.name.as_str()), Some("F#"));
            }
            let lines = highlight_lines(code, lang, "monokai", Color32::WHITE);
            let colours: std::collections::HashSet<_> =
                lines.iter().flatten().map(|r| r.color).collect();
            assert!(colours.len() > 1, "{lang}: one colour only: {lines:?}");
        }
    }

    #[test]
    fn monokai_colours_as_highlight_js_does() {
        use crate::theme::highlight::MONOKAI;
        let lines = highlight_lines(
            "def f():\n    return \"s\" # note",
            "python",
            "monokai",
            Color32::WHITE,
        );
        let hex = |c: Color32| u32::from_be_bytes([0, c.r(), c.g(), c.b()]);
        assert_eq!(
            colour_of(&lines, "def")
                .iter()
                .map(|c| hex(*c))
                .collect::<Vec<_>>(),
            [MONOKAI.class_color("keyword").unwrap_or(0)]
        );
        let string: Vec<u32> = ["s", "\""]
            .iter()
            .flat_map(|t| colour_of(&lines, t))
            .map(hex)
            .collect();
        assert!(
            string.iter().all(|c| *c == 0xa6e22e) && string.len() >= 2,
            "{lines:?}"
        );
        let comment: Vec<u32> = lines
            .iter()
            .flatten()
            .filter(|r| r.text.contains("note"))
            .map(|r| hex(r.color))
            .collect();
        assert_eq!(comment, [0x75715e], "{lines:?}");
        // monokai sets keywords bold, strings not; zenburn sets neither.
        let weight = |lines: &[Vec<CodeRun>], token: &str| {
            lines
                .iter()
                .flatten()
                .find(|r| r.text.trim() == token)
                .map(|r| r.bold)
        };
        assert_eq!(weight(&lines, "def"), Some(true));
        assert_eq!(weight(&lines, "s"), Some(false));
        let zen_def = highlight_lines("def f():", "python", "zenburn", Color32::WHITE);
        assert_eq!(weight(&zen_def, "def"), Some(false));
        // The style's own text colour where highlight.js leaves a token unclassified.
        let zen = highlight_lines("x = 1", "python", "zenburn", Color32::WHITE);
        assert_eq!(
            colour_of(&zen, "x")
                .iter()
                .map(|c| hex(*c))
                .collect::<Vec<_>>(),
            [0xdcdcdc]
        );
    }

    #[test]
    fn graphql_fields_and_types_as_highlight_js_colours_them() {
        let lines = highlight_lines(
            "type Message {\n  id: ID!\n}",
            "graphql",
            "monokai",
            Color32::WHITE,
        );
        let hex = |c: Color32| u32::from_be_bytes([0, c.r(), c.g(), c.b()]);
        let of = |t: &str| {
            colour_of(&lines, t)
                .into_iter()
                .map(hex)
                .collect::<Vec<_>>()
        };
        assert_eq!(of("type"), [0xf92672]);
        assert_eq!(
            of("id"),
            [0xbf79db],
            "a field is highlight.js's symbol: {lines:?}"
        );
        assert_eq!(of("ID"), [0xdddddd], "type names stay plain: {lines:?}");
    }

    #[test]
    fn unknown_language_is_plain() {
        let lines = highlight_lines("x y", "nolang", "monokai", Color32::WHITE);
        assert_eq!(lines, vec![vec![CodeRun::plain(Color32::WHITE, "x y")]]);
    }
}
