//! Lints: what reveal.js would silently get wrong in a deck that otherwise reads fine —
//! names it does not know (themes, transitions, fragment styles, highlight themes), fragment
//! indices it cannot read, code line specs it does not parse, duplicate ids and links to
//! slides that do not exist. Each one a diagnostic with a place and, where there is one, a fix.

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::fragments::parse_int;
use crate::links::{self, LinkKind};
use crate::model::{Deck, Span};
use std::collections::HashMap;

/// reveal.js's built-in themes (`dist/theme`).
pub const THEMES: &[&str] = &[
    "black",
    "white",
    "league",
    "beige",
    "night",
    "serif",
    "simple",
    "solarized",
    "moon",
    "dracula",
    "sky",
    "blood",
    "black-contrast",
    "white-contrast",
];

/// reveal.js's transition styles, with its aliases (`default` = convex, `linear` = slide).
pub const TRANSITIONS: &[&str] = &[
    "none", "fade", "slide", "convex", "concave", "zoom", "default", "linear",
];

/// Transitions reveal.js still reads but no longer draws as named.
const OLD_TRANSITIONS: &[&str] = &["cube", "page"];

/// reveal.js's fragment classes (its CSS) besides `fragment` itself.
pub const FRAGMENT_STYLES: &[&str] = &[
    "fade-in",
    "fade-out",
    "semi-fade-out",
    "fade-up",
    "fade-down",
    "fade-left",
    "fade-right",
    "fade-in-then-out",
    "current-visible",
    "fade-in-then-semi-out",
    "grow",
    "shrink",
    "zoom-in",
    "strike",
    "highlight-red",
    "highlight-green",
    "highlight-blue",
    "highlight-current-red",
    "highlight-current-green",
    "highlight-current-blue",
    "custom",
    "disabled",
];

/// highlight.js 11's styles (what reveal-md serves for `highlightTheme`).
pub const HIGHLIGHT_THEMES: &[&str] = &[
    "1c-light",
    "a11y-dark",
    "a11y-light",
    "agate",
    "an-old-hope",
    "androidstudio",
    "arduino-light",
    "arta",
    "ascetic",
    "atom-one-dark-reasonable",
    "atom-one-dark",
    "atom-one-light",
    "brown-paper",
    "codepen-embed",
    "color-brewer",
    "dark",
    "default",
    "devibeans",
    "docco",
    "far",
    "felipec",
    "foundation",
    "github-dark-dimmed",
    "github-dark",
    "github",
    "gml",
    "googlecode",
    "gradient-dark",
    "gradient-light",
    "grayscale",
    "hybrid",
    "idea",
    "intellij-light",
    "ir-black",
    "isbl-editor-dark",
    "isbl-editor-light",
    "kimbie-dark",
    "kimbie-light",
    "lightfair",
    "lioshi",
    "magula",
    "mono-blue",
    "monokai-sublime",
    "monokai",
    "night-owl",
    "nnfx-dark",
    "nnfx-light",
    "nord",
    "obsidian",
    "panda-syntax-dark",
    "panda-syntax-light",
    "paraiso-dark",
    "paraiso-light",
    "pojoaque",
    "purebasic",
    "qtcreator-dark",
    "qtcreator-light",
    "rainbow",
    "routeros",
    "school-book",
    "shades-of-purple",
    "srcery",
    "stackoverflow-dark",
    "stackoverflow-light",
    "sunburst",
    "tokyo-night-dark",
    "tokyo-night-light",
    "tomorrow-night-blue",
    "tomorrow-night-bright",
    "vs",
    "vs2015",
    "xcode",
    "xt256",
];

/// highlight.js 11's `base16/` styles.
pub const BASE16_THEMES: &[&str] = &[
    "3024",
    "apathy",
    "apprentice",
    "ashes",
    "atelier-cave-light",
    "atelier-cave",
    "atelier-dune-light",
    "atelier-dune",
    "atelier-estuary-light",
    "atelier-estuary",
    "atelier-forest-light",
    "atelier-forest",
    "atelier-heath-light",
    "atelier-heath",
    "atelier-lakeside-light",
    "atelier-lakeside",
    "atelier-plateau-light",
    "atelier-plateau",
    "atelier-savanna-light",
    "atelier-savanna",
    "atelier-seaside-light",
    "atelier-seaside",
    "atelier-sulphurpool-light",
    "atelier-sulphurpool",
    "atlas",
    "bespin",
    "black-metal-bathory",
    "black-metal-burzum",
    "black-metal-dark-funeral",
    "black-metal-gorgoroth",
    "black-metal-immortal",
    "black-metal-khold",
    "black-metal-marduk",
    "black-metal-mayhem",
    "black-metal-nile",
    "black-metal-venom",
    "black-metal",
    "brewer",
    "bright",
    "brogrammer",
    "brush-trees-dark",
    "brush-trees",
    "chalk",
    "circus",
    "classic-dark",
    "classic-light",
    "codeschool",
    "colors",
    "cupcake",
    "cupertino",
    "danqing",
    "darcula",
    "dark-violet",
    "darkmoss",
    "darktooth",
    "decaf",
    "default-dark",
    "default-light",
    "dirtysea",
    "dracula",
    "edge-dark",
    "edge-light",
    "eighties",
    "embers",
    "equilibrium-dark",
    "equilibrium-gray-dark",
    "equilibrium-gray-light",
    "equilibrium-light",
    "espresso",
    "eva-dim",
    "eva",
    "flat",
    "framer",
    "fruit-soda",
    "gigavolt",
    "github",
    "google-dark",
    "google-light",
    "grayscale-dark",
    "grayscale-light",
    "green-screen",
    "gruvbox-dark-hard",
    "gruvbox-dark-medium",
    "gruvbox-dark-pale",
    "gruvbox-dark-soft",
    "gruvbox-light-hard",
    "gruvbox-light-medium",
    "gruvbox-light-soft",
    "hardcore",
    "harmonic16-dark",
    "harmonic16-light",
    "heetch-dark",
    "heetch-light",
    "helios",
    "hopscotch",
    "horizon-dark",
    "horizon-light",
    "humanoid-dark",
    "humanoid-light",
    "ia-dark",
    "ia-light",
    "icy-dark",
    "ir-black",
    "isotope",
    "kimber",
    "london-tube",
    "macintosh",
    "marrakesh",
    "materia",
    "material-darker",
    "material-lighter",
    "material-palenight",
    "material-vivid",
    "material",
    "mellow-purple",
    "mexico-light",
    "mocha",
    "monokai",
    "nebula",
    "nord",
    "nova",
    "ocean",
    "oceanicnext",
    "one-light",
    "onedark",
    "outrun-dark",
    "papercolor-dark",
    "papercolor-light",
    "paraiso",
    "pasque",
    "phd",
    "pico",
    "pop",
    "porple",
    "qualia",
    "railscasts",
    "rebecca",
    "ros-pine-dawn",
    "ros-pine-moon",
    "ros-pine",
    "sagelight",
    "sandcastle",
    "seti-ui",
    "shapeshifter",
    "silk-dark",
    "silk-light",
    "snazzy",
    "solar-flare-light",
    "solar-flare",
    "solarized-dark",
    "solarized-light",
    "spacemacs",
    "summercamp",
    "summerfruit-dark",
    "summerfruit-light",
    "tango",
    "tender",
    "tomorrow-night",
    "tomorrow",
    "twilight",
    "unikitty-dark",
    "unikitty-light",
    "vulcan",
    "windows-10-light",
    "windows-10",
    "windows-95-light",
    "windows-95",
    "windows-high-contrast-light",
    "windows-high-contrast",
    "windows-nt-light",
    "windows-nt",
    "woodland",
    "xcode-dusk",
    "zenburn",
];

/// Every lint over a parsed deck; `source` is the deck's text (for front-matter places).
pub(crate) fn deck(source: &str, deck: &Deck) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    front_matter(source, deck, &mut out);
    slides(deck, &mut out);
    ids_and_links(deck, &mut out);
    out
}

/// The nearest of `names` to `word`, when it is close enough to be what was meant.
pub(crate) fn nearest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    let w = word.to_ascii_lowercase();
    names
        .iter()
        .map(|n| (distance(&w, n), *n))
        .filter(|(d, n)| *d <= (n.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

fn did_you_mean(word: &str, names: &[&str]) -> String {
    match nearest(word, names) {
        Some(n) => format!("did you mean '{n}'?"),
        None => format!("reveal.js knows {}", names.join(", ")),
    }
}

/// Where `key:` is written in the front matter, else the top of the file.
pub fn key_span(source: &str, key: &str) -> Span {
    let index = LineIndex::new(source);
    let mut offset = 0;
    for (n, line) in source.split_inclusive('\n').enumerate() {
        if n > 0 && line.trim_end() == "---" {
            break;
        }
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            let col = line.len() - t.len();
            return index.span(source, offset + col);
        }
        offset += line.len();
    }
    index.span(source, 0)
}

fn front_matter(source: &str, deck: &Deck, out: &mut Vec<Diagnostic>) {
    let meta = &deck.meta;
    let keys = &meta.front_matter_keys;
    let has = |k: &str| keys.iter().any(|x| x == k);
    if has("theme") {
        let t = meta.theme.trim();
        // reveal-md also takes a path or URL to a CSS file.
        let is_path = t.contains('/') || t.ends_with(".css");
        if !is_path && !THEMES.contains(&t) {
            out.push(
                Diagnostic::error(
                    key_span(source, "theme"),
                    format!("unknown theme '{t}': reveal.js has no such theme and shows the deck unstyled"),
                )
                .with_fix(did_you_mean(t, THEMES)),
            );
        }
    }
    if let Some(h) = &meta.highlight_theme {
        let name = h.trim().trim_end_matches(".css").trim_end_matches(".min");
        let known = match name.strip_prefix("base16/") {
            Some(b) => BASE16_THEMES.contains(&b),
            None => HIGHLIGHT_THEMES.contains(&name),
        };
        let is_path = name.contains('/') && !name.starts_with("base16/");
        if !known && !is_path {
            let names: Vec<&str> = if name.starts_with("base16/") {
                BASE16_THEMES.to_vec()
            } else {
                HIGHLIGHT_THEMES.to_vec()
            };
            let base = name.trim_start_matches("base16/");
            let fix = match nearest(base, &names) {
                Some(n) if name.starts_with("base16/") => format!("did you mean 'base16/{n}'?"),
                Some(n) => format!("did you mean '{n}'?"),
                None => "name one of highlight.js's styles (monokai, zenburn is base16/zenburn, github, ...)".into(),
            };
            out.push(
                Diagnostic::error(
                    key_span(source, "highlightTheme"),
                    format!("unknown highlight theme '{h}': highlight.js has no such style, so code is not coloured"),
                )
                .with_fix(fix),
            );
        }
    }
    let span = || key_span(source, "revealOptions");
    if let Some(d) = transition_problem(&meta.transition, span()) {
        out.push(d);
    }
    if let Some(d) = transition_problem(&meta.background_transition, span()) {
        out.push(d);
    }
    if !["default", "fast", "slow"].contains(&meta.transition_speed.as_str()) {
        out.push(
            Diagnostic::error(
                span(),
                format!("unknown transitionSpeed '{}'", meta.transition_speed),
            )
            .with_fix("reveal.js knows default, fast and slow"),
        );
    }
    if !["default", "linear", "grid"].contains(&meta.navigation_mode.as_str()) {
        out.push(
            Diagnostic::error(
                span(),
                format!("unknown navigationMode '{}'", meta.navigation_mode),
            )
            .with_fix("reveal.js knows default, linear and grid"),
        );
    }
}

/// A transition value that reveal.js does not know: `zoom`, or `slide-in fade-out`.
fn transition_problem(value: &str, span: Span) -> Option<Diagnostic> {
    for token in value.split_whitespace() {
        let name = token
            .strip_suffix("-in")
            .or_else(|| token.strip_suffix("-out"))
            .unwrap_or(token);
        if TRANSITIONS.contains(&name) {
            continue;
        }
        if OLD_TRANSITIONS.contains(&name) {
            return Some(
                Diagnostic::warning(
                    span,
                    format!("transition '{token}' is deprecated: reveal.js 4 and later draw it as a plain change"),
                )
                .with_fix("use slide, convex, concave, zoom, fade or none"),
            );
        }
        return Some(
            Diagnostic::error(span, format!("unknown transition '{token}'"))
                .with_fix(did_you_mean(name, TRANSITIONS)),
        );
    }
    None
}

fn slides(deck: &Deck, out: &mut Vec<Diagnostic>) {
    for slide in &deck.slides {
        for key in ["data-transition", "data-background-transition"] {
            if let Some(v) = slide.attributes.get(key)
                && let Some(d) = transition_problem(v, slide.span)
            {
                out.push(d);
            }
        }
        if let Some(v) = slide.attributes.get("data-transition-speed")
            && !["default", "fast", "slow"].contains(&v.trim())
        {
            out.push(
                Diagnostic::error(slide.span, format!("unknown data-transition-speed '{v}'"))
                    .with_fix("reveal.js knows default, fast and slow"),
            );
        }
        for meta in links::metas(slide) {
            let attrs = &meta.attrs;
            if attrs.has_class("fragment") {
                for c in attrs.classes() {
                    if c == "fragment" || FRAGMENT_STYLES.contains(&c) {
                        continue;
                    }
                    // Other classes are the author's own; only near-misses of a style are wrong.
                    if let Some(n) = nearest(c, FRAGMENT_STYLES) {
                        out.push(
                            Diagnostic::error(
                                meta.span,
                                format!("unknown fragment style '{c}': the fragment just fades in"),
                            )
                            .with_fix(format!("did you mean '{n}'?")),
                        );
                    }
                }
            }
            if let Some(v) = attrs.get("data-fragment-index") {
                let digits = v.trim();
                match parse_int(v) {
                    None => out.push(
                        Diagnostic::error(
                            meta.span,
                            format!("data-fragment-index=\"{v}\" is not a number: reveal.js never shows this fragment"),
                        )
                        .with_fix("give a whole number (0, 1, 2, ...)"),
                    ),
                    Some(n) if n < 0 => out.push(
                        Diagnostic::error(
                            meta.span,
                            format!("data-fragment-index=\"{v}\" is negative: reveal.js never shows this fragment"),
                        )
                        .with_fix("give a whole number from 0"),
                    ),
                    Some(n) if digits != n.to_string() => out.push(
                        Diagnostic::warning(
                            meta.span,
                            format!("data-fragment-index=\"{v}\" is read as {n}"),
                        )
                        .with_fix(format!("write data-fragment-index=\"{n}\"")),
                    ),
                    Some(_) => {}
                }
            }
        }
        for code in slide.code_blocks() {
            if code.class.contains('[') {
                out.push(
                    Diagnostic::error(
                        code.meta.span,
                        format!(
                            "line-number spec in '{}' is not one reveal.js reads: the block gets no line numbers or steps, and its language is lost",
                            code.class.trim()
                        ),
                    )
                    .with_fix("write [steps] or [N: steps] with digits, ',', '-' and '|' only, e.g. [1-2|4]"),
                );
            }
            if let Some(spec) = &code.line_numbers {
                let steps = spec.rsplit(':').next().unwrap_or(spec);
                for item in steps
                    .split(['|', ','])
                    .map(str::trim)
                    .filter(|i| !i.is_empty())
                {
                    let parts: Vec<&str> = item.split('-').collect();
                    let well_formed = parts.len() <= 2
                        && parts
                            .iter()
                            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
                    if !well_formed {
                        out.push(
                            Diagnostic::error(
                                code.meta.span,
                                format!("highlight step '{item}' is not a line or a range: reveal.js highlights nothing for it"),
                            )
                            .with_fix("write a line (3) or a range (3-5)"),
                        );
                    }
                }
            }
        }
    }
}

fn ids_and_links(deck: &Deck, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, Span> = HashMap::new();
    for slide in &deck.slides {
        let mut ids: Vec<(String, Span)> = Vec::new();
        if let Some(id) = slide.id() {
            ids.push((id.to_string(), slide.span));
        }
        for meta in links::metas(slide) {
            if let Some(id) = meta.attrs.get("id").filter(|i| !i.is_empty()) {
                ids.push((id.to_string(), meta.span));
            }
        }
        for (id, span) in ids {
            if let Some(first) = seen.get(&id) {
                out.push(
                    Diagnostic::warning(
                        span,
                        format!("id '{id}' is used again (first at line {}): links to it go to the first", first.line),
                    )
                    .with_fix("give each slide and element its own id"),
                );
            } else {
                seen.insert(id, span);
            }
        }
    }
    for slide in &deck.slides {
        for (href, meta) in links::links(slide) {
            if links::link_kind(href) == LinkKind::Slide
                && href.trim() != "#"
                && links::link_target(deck, href).is_none()
            {
                out.push(
                    Diagnostic::error(
                        meta.span,
                        format!(
                            "link '{href}' names no slide in this deck: clicking it does nothing"
                        ),
                    )
                    .with_fix(
                        "link to #/H or #/H/V (counted from 0) or #/ID of a slide or element",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_named_and_far_words_are_not() {
        assert_eq!(nearest("mooon", THEMES), Some("moon"));
        assert_eq!(nearest("fade-upp", FRAGMENT_STYLES), Some("fade-up"));
        assert_eq!(nearest("my-own-class", FRAGMENT_STYLES), None);
        assert_eq!(nearest("zom", TRANSITIONS), Some("zoom"));
    }

    #[test]
    fn transitions_read_in_and_out_halves() {
        let s = Span::default();
        assert!(transition_problem("slide-in fade-out", s).is_none());
        assert!(transition_problem("zoom", s).is_none());
        assert!(transition_problem("zoomy", s).is_some());
        assert!(transition_problem("cube", s).is_some());
    }
}
