//! Text → raw slides: front matter, reveal.js's indentation quirk, and the separator walk of
//! reveal.js's markdown plugin (`slidify`), with JavaScript regex sources run on `regex`.

use regex::Regex;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use thiserror::Error;

/// reveal.js 5's and reveal-md's horizontal separator.
pub const DEFAULT_SEPARATOR: &str = r"\r?\n---\r?\n";
/// reveal-md's vertical separator (reveal.js itself has none by default).
pub const DEFAULT_VERTICAL_SEPARATOR: &str = r"\r?\n----\r?\n";
/// reveal.js's notes separator as it really runs: the source's `'^\s*notes?:'` is a JavaScript
/// string literal in which `\s` is just `s`.
pub const DEFAULT_NOTES_SEPARATOR: &str = "^s*notes?:";

/// The three separators a deck is split with, as JavaScript regex sources.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Separators {
    /// Between horizontal slides.
    pub horizontal: String,
    /// Between slides of a vertical stack; `None` for no stacks.
    pub vertical: Option<String>,
    /// Between a slide's content and its speaker notes.
    pub notes: String,
}

impl Default for Separators {
    fn default() -> Self {
        Self {
            horizontal: DEFAULT_SEPARATOR.into(),
            vertical: Some(DEFAULT_VERTICAL_SEPARATOR.into()),
            notes: DEFAULT_NOTES_SEPARATOR.into(),
        }
    }
}

/// A separator that cannot be used.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum SeparatorError {
    /// The regex does not compile (or uses a feature, like look-around, that rostra lacks).
    #[error("the {which} separator /{source_text}/ is not a usable regular expression: {reason}")]
    BadRegex {
        /// Which separator: horizontal, vertical or notes.
        which: &'static str,
        /// The regex as given.
        source_text: String,
        /// The compiler's explanation.
        reason: String,
    },
}

/// Compiles a JavaScript regex source with JavaScript's `m` (and optionally `i`) flag semantics:
/// `^`/`$` at line ends, `\r\n` counted as one line end.
///
/// Compiled regexes are kept, so re-reading a deck (live reload, every parse in a benchmark)
/// does not compile its separators again.
pub fn js_regex(source: &str, multiline: bool, ignore_case: bool) -> Result<Regex, regex::Error> {
    type Cache = Mutex<HashMap<(String, bool, bool), Regex>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (source.to_string(), multiline, ignore_case);
    if let Ok(map) = cache.lock()
        && let Some(re) = map.get(&key)
    {
        return Ok(re.clone());
    }
    let re = compile_js_regex(source, multiline, ignore_case)?;
    if let Ok(mut map) = cache.lock() {
        // Bounded: a fuzzer or an editor typing a separator must not grow it for ever.
        if map.len() > 64 {
            map.clear();
        }
        map.insert(key, re.clone());
    }
    Ok(re)
}

fn compile_js_regex(
    source: &str,
    multiline: bool,
    ignore_case: bool,
) -> Result<Regex, regex::Error> {
    let mut flags = String::new();
    if multiline {
        flags.push_str("mR");
    }
    if ignore_case {
        flags.push('i');
    }
    let pattern = if flags.is_empty() {
        source.to_string()
    } else {
        format!("(?{flags}){source}")
    };
    regex::RegexBuilder::new(&pattern)
        .size_limit(1 << 22)
        .build()
}

impl Separators {
    /// Checks that every separator compiles.
    pub fn validate(&self) -> Result<(), SeparatorError> {
        let check = |which: &'static str, src: &str, ci: bool| {
            js_regex(src, true, ci)
                .map(|_| ())
                .map_err(|e| SeparatorError::BadRegex {
                    which,
                    source_text: src.to_string(),
                    reason: first_line(&e.to_string()),
                })
        };
        check("horizontal", &self.horizontal, false)?;
        if let Some(v) = &self.vertical {
            check("vertical", v, false)?;
        }
        check("notes", &self.notes, true)
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

/// The YAML front matter found at the top of a deck, as reveal-md's `yaml-front-matter` finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The YAML text between the fences.
    pub yaml: &'a str,
    /// Byte offset of the YAML text in the source.
    pub yaml_offset: usize,
    /// Byte offset where the deck's Markdown starts (just after the closing `---`).
    pub content_offset: usize,
}

/// Finds front matter: `---` and a line break at the very start, then the first line break
/// followed by `---` (anything may follow it on that line, as in reveal-md).
pub fn front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let bytes = text.as_bytes();
    if !(text.starts_with("---\n") || text.starts_with("---\r")) {
        return None;
    }
    // The YAML must hold at least one character, so the closing break is searched from byte 5.
    let mut i = 5;
    while i + 3 < bytes.len() {
        if (bytes[i] == b'\n' || bytes[i] == b'\r') && &bytes[i + 1..i + 4] == b"---" {
            return Some(FrontMatter {
                yaml: text.get(4..i)?,
                yaml_offset: 4,
                content_offset: i + 4,
            });
        }
        i += 1;
    }
    None
}

/// reveal.js's `getMarkdownFromSlide` indentation step: when the text opens with tabs (or with
/// more than one whitespace character), that many tabs (spaces) are removed wherever they occur,
/// and a line break put in their place, as reveal.js does to every slide's text.
pub fn normalize_indentation(text: &str) -> Cow<'_, str> {
    let rest = text.strip_prefix('\n').unwrap_or(text);
    let leading_ws = rest.chars().take_while(|c| c.is_whitespace()).count();
    let leading_tabs = rest.chars().take_while(|&c| c == '\t').count();
    // A run this long is no indentation; its regex would be slow to search.
    if leading_ws > 256 {
        return Cow::Borrowed(text);
    }
    let (unit, n) = if leading_tabs > 0 {
        ("\\t", leading_tabs)
    } else if leading_ws > 1 {
        (" ", leading_ws)
    } else {
        return Cow::Borrowed(text);
    };
    match Regex::new(&format!("\n?{unit}{{{n}}}([^\n\r\u{2028}\u{2029}]*)")) {
        Ok(re) => match re.replace_all(text, "\n${1}") {
            Cow::Borrowed(_) => Cow::Borrowed(text),
            Cow::Owned(s) => Cow::Owned(s),
        },
        Err(_) => Cow::Borrowed(text),
    }
}

/// One slide's raw text and where it sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawSlide {
    /// Horizontal index.
    pub h: usize,
    /// Vertical index.
    pub v: usize,
    /// Whether the slide belongs to a vertical stack.
    pub in_stack: bool,
    /// Byte range of the slide's text in the text that was split.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// Splits `text` into slides as reveal.js's `slidify` does: one regex of both separators, a
/// match is horizontal when the horizontal regex (without flags) finds something in it, and the
/// first vertical separator turns the slide before it into the first of a new stack.
pub fn slidify(text: &str, seps: &Separators) -> Result<Vec<RawSlide>, SeparatorError> {
    seps.validate()?;
    let combined = match &seps.vertical {
        Some(v) => format!("{}|{}", seps.horizontal, v),
        None => seps.horizontal.clone(),
    };
    let bad = |e: regex::Error| SeparatorError::BadRegex {
        which: "combined",
        source_text: combined.clone(),
        reason: first_line(&e.to_string()),
    };
    let all = js_regex(&combined, true, false).map_err(bad)?;
    let horizontal =
        js_regex(&seps.horizontal, false, false).map_err(|e| SeparatorError::BadRegex {
            which: "horizontal",
            source_text: seps.horizontal.clone(),
            reason: first_line(&e.to_string()),
        })?;

    // Each entry is a horizontal slot: one slide, or a stack of ranges.
    let mut slots: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut stacked: Vec<bool> = Vec::new();
    let mut last = 0;
    let mut was_horizontal = true;
    for m in all.find_iter(text) {
        // An empty match would make reveal.js loop for ever; it is no separator.
        if m.as_str().is_empty() {
            continue;
        }
        let is_horizontal = horizontal.is_match(m.as_str());
        if !is_horizontal && was_horizontal {
            slots.push(Vec::new());
            stacked.push(true);
        }
        let range = (last, m.start());
        if is_horizontal && was_horizontal {
            slots.push(vec![range]);
            stacked.push(false);
        } else if let Some(slot) = slots.last_mut() {
            slot.push(range);
        }
        last = m.end();
        was_horizontal = is_horizontal;
    }
    let range = (last, text.len());
    if was_horizontal {
        slots.push(vec![range]);
        stacked.push(false);
    } else if let Some(slot) = slots.last_mut() {
        slot.push(range);
    }

    let mut out = Vec::new();
    for (h, (slot, in_stack)) in slots.into_iter().zip(stacked).enumerate() {
        for (v, (start, end)) in slot.into_iter().enumerate() {
            out.push(RawSlide {
                h,
                v,
                in_stack,
                start,
                end,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, seps: &Separators) -> Vec<(usize, usize, &'a str)> {
        slidify(text, seps)
            .unwrap()
            .into_iter()
            .map(|s| (s.h, s.v, &text[s.start..s.end]))
            .collect()
    }

    #[test]
    fn default_separator_needs_no_blank_lines() {
        let seps = Separators::default();
        let t = texts("a\n---\nb\n----\nc\n---\nd", &seps);
        assert_eq!(t, vec![(0, 0, "a"), (1, 0, "b"), (1, 1, "c"), (2, 0, "d")]);
    }

    #[test]
    fn first_line_dashes_and_trailing_spaces_do_not_split() {
        let seps = Separators::default();
        assert_eq!(texts("---\na", &seps).len(), 1);
        assert_eq!(texts("a\n--- \nb", &seps).len(), 1);
    }

    #[test]
    fn bad_regex_is_a_clear_error() {
        let seps = Separators {
            horizontal: "(".into(),
            ..Separators::default()
        };
        let err = slidify("a", &seps).unwrap_err().to_string();
        assert!(err.contains("horizontal separator /(/"), "{err}");
    }

    #[test]
    fn front_matter_is_found_only_at_the_top() {
        let fm = front_matter("---\ntitle: x\n---  \n# A").unwrap();
        assert_eq!(fm.yaml, "title: x");
        assert_eq!(&"---\ntitle: x\n---  \n# A"[fm.content_offset..], "  \n# A");
        assert!(front_matter("\n---\ntitle: x\n---\n").is_none());
        assert!(front_matter("---\n---\n").is_none());
    }

    #[test]
    fn indentation_quirk_strips_the_opening_run_everywhere() {
        assert_eq!(normalize_indentation("\n# a\n  b"), "\n# a\n  b");
        assert_eq!(normalize_indentation("  # a\n  b"), "\n# a\nb");
        assert_eq!(normalize_indentation("\t# a\n\tb"), "\n# a\nb");
    }
}
