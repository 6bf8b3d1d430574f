//! Code colours as reveal.js's highlight plugin paints them: highlight.js styles (`monokai`,
//! reveal.js's default, `zenburn`, and the `highlightTheme` names reveal-md decks use) as data,
//! each the colours its stylesheet gives highlight.js's classes, turned into syntect themes
//! through one table from highlight.js classes to TextMate scopes. The block's background and
//! default text come from the style too, whatever the slide theme, as in reveal.js.

// Styles write their colours as numbers, which clippy.toml bans everywhere but in src/theme/.
#![allow(clippy::disallowed_methods)]

use eframe::egui::Color32;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;
use syntect::highlighting::{
    Color, FontStyle, ScopeSelectors, StyleModifier, Theme as SyntectTheme, ThemeItem,
    ThemeSettings,
};

/// One highlight.js style: the block's colours and the colour of each class it styles.
#[derive(Debug, PartialEq)]
pub struct CodeStyle {
    /// highlight.js's name for the style (`monokai`).
    pub name: &'static str,
    /// `.hljs` background: the code block's fill.
    pub background: u32,
    /// `.hljs` colour: code the grammar leaves unclassified.
    pub text: u32,
    /// highlight.js class (without `hljs-`; `title.class` for `.hljs-title.class_`) and colour.
    pub classes: &'static [(&'static str, u32)],
    /// The classes the style sets in bold.
    pub bold: &'static [&'static str],
}

impl CodeStyle {
    /// The block's fill.
    pub fn background(&self) -> Color32 {
        rgb(self.background)
    }

    /// The block's default text colour.
    pub fn text(&self) -> Color32 {
        rgb(self.text)
    }

    /// Whether class `class` (or the plainer class it falls back to) is bold in this style.
    pub fn is_bold(&self, class: &str) -> bool {
        let mut c = class;
        loop {
            if self.bold.contains(&c) {
                return true;
            }
            match c.rsplit_once('.') {
                Some((parent, _)) => c = parent,
                None => return false,
            }
        }
    }

    /// [`CodeStyle::class_color`] as egui's colour.
    pub fn color(&self, class: &str) -> Option<Color32> {
        self.class_color(class).map(rgb)
    }

    /// The colour of highlight.js class `class`, falling back along its dotted parents
    /// (`title.class` then `title`), as the stylesheet's plainer selector would apply.
    pub fn class_color(&self, class: &str) -> Option<u32> {
        let mut c = class;
        loop {
            if let Some((_, v)) = self.classes.iter().find(|(k, _)| *k == c) {
                return Some(*v);
            }
            c = c.rsplit_once('.')?.0;
        }
    }
}

fn rgb(v: u32) -> Color32 {
    let [_, r, g, b] = v.to_be_bytes();
    Color32::from_rgb(r, g, b)
}

fn syntect_color(v: u32) -> Color {
    let [_, r, g, b] = v.to_be_bytes();
    Color { r, g, b, a: 0xff }
}

/// The style reveal.js ships as its default (`plugin/highlight/monokai.css`).
pub const MONOKAI: CodeStyle = CodeStyle {
    name: "monokai",
    background: 0x272822,
    text: 0xdddddd,
    classes: &[
        ("tag", 0xf92672),
        ("keyword", 0xf92672),
        ("selector-tag", 0xf92672),
        ("literal", 0xf92672),
        ("strong", 0xf92672),
        ("name", 0xf92672),
        ("code", 0x66d9ef),
        ("attribute", 0xbf79db),
        ("symbol", 0xbf79db),
        ("regexp", 0xbf79db),
        ("link", 0xbf79db),
        ("string", 0xa6e22e),
        ("bullet", 0xa6e22e),
        ("subst", 0xa6e22e),
        ("title", 0xa6e22e),
        ("section", 0xa6e22e),
        ("emphasis", 0xa6e22e),
        ("type", 0xa6e22e),
        ("built_in", 0xa6e22e),
        ("selector-attr", 0xa6e22e),
        ("selector-pseudo", 0xa6e22e),
        ("addition", 0xa6e22e),
        ("variable", 0xa6e22e),
        ("template-tag", 0xa6e22e),
        ("template-variable", 0xa6e22e),
        ("comment", 0x75715e),
        ("quote", 0x75715e),
        ("deletion", 0x75715e),
        ("meta", 0x75715e),
    ],
    bold: &[
        "keyword",
        "selector-tag",
        "literal",
        "doctag",
        "title",
        "section",
        "type",
        "selector-id",
    ],
};

/// reveal.js's other bundled style (`plugin/highlight/zenburn.css`).
pub const ZENBURN: CodeStyle = CodeStyle {
    name: "zenburn",
    background: 0x3f3f3f,
    text: 0xdcdcdc,
    classes: &[
        ("keyword", 0xe3ceab),
        ("selector-tag", 0xe3ceab),
        ("tag", 0xe3ceab),
        ("template-tag", 0xdcdcdc),
        ("number", 0x8cd0d3),
        ("variable", 0xefdcbc),
        ("template-variable", 0xefdcbc),
        ("attribute", 0xefdcbc),
        ("literal", 0xefefaf),
        ("subst", 0x8f8f8f),
        ("title", 0xefef8f),
        ("name", 0xefef8f),
        ("selector-id", 0xefef8f),
        ("selector-class", 0xefef8f),
        ("section", 0xefef8f),
        ("type", 0xefef8f),
        ("symbol", 0xdca3a3),
        ("bullet", 0xdca3a3),
        ("link", 0xdca3a3),
        ("deletion", 0xcc9393),
        ("string", 0xcc9393),
        ("built_in", 0xcc9393),
        ("addition", 0x7f9f7f),
        ("comment", 0x7f9f7f),
        ("quote", 0x7f9f7f),
        ("meta", 0x7f9f7f),
    ],
    bold: &["strong"],
};

/// highlight.js's `github` (light).
pub const GITHUB: CodeStyle = CodeStyle {
    name: "github",
    background: 0xffffff,
    text: 0x24292e,
    classes: &[
        ("doctag", 0xd73a49),
        ("keyword", 0xd73a49),
        ("template-tag", 0xd73a49),
        ("template-variable", 0xd73a49),
        ("type", 0xd73a49),
        ("variable.language", 0xd73a49),
        ("title", 0x6f42c1),
        ("attr", 0x005cc5),
        ("attribute", 0x005cc5),
        ("literal", 0x005cc5),
        ("meta", 0x005cc5),
        ("number", 0x005cc5),
        ("variable", 0x005cc5),
        ("selector-attr", 0x005cc5),
        ("selector-class", 0x005cc5),
        ("selector-id", 0x005cc5),
        ("regexp", 0x032f62),
        ("string", 0x032f62),
        ("built_in", 0xe36209),
        ("symbol", 0xe36209),
        ("comment", 0x6a737d),
        ("code", 0x6a737d),
        ("name", 0x22863a),
        ("quote", 0x22863a),
        ("selector-tag", 0x22863a),
        ("selector-pseudo", 0x22863a),
        ("section", 0x005cc5),
        ("bullet", 0x735c0f),
        ("addition", 0x22863a),
        ("deletion", 0xb31d28),
    ],
    bold: &["section", "strong"],
};

/// highlight.js's `atom-one-dark`.
pub const ATOM_ONE_DARK: CodeStyle = CodeStyle {
    name: "atom-one-dark",
    background: 0x282c34,
    text: 0xabb2bf,
    classes: &[
        ("comment", 0x5c6370),
        ("quote", 0x5c6370),
        ("doctag", 0xc678dd),
        ("keyword", 0xc678dd),
        ("section", 0xe06c75),
        ("name", 0xe06c75),
        ("selector-tag", 0xe06c75),
        ("deletion", 0xe06c75),
        ("subst", 0xe06c75),
        ("literal", 0x56b6c2),
        ("string", 0x98c379),
        ("regexp", 0x98c379),
        ("addition", 0x98c379),
        ("attribute", 0x98c379),
        ("attr", 0xd19a66),
        ("variable", 0xd19a66),
        ("template-variable", 0xd19a66),
        ("type", 0xd19a66),
        ("selector-class", 0xd19a66),
        ("selector-attr", 0xd19a66),
        ("selector-pseudo", 0xd19a66),
        ("number", 0xd19a66),
        ("symbol", 0x61aeee),
        ("bullet", 0x61aeee),
        ("link", 0x61aeee),
        ("meta", 0x61aeee),
        ("selector-id", 0x61aeee),
        ("title", 0x61aeee),
        ("built_in", 0xe6c07b),
        ("title.class", 0xe6c07b),
    ],
    bold: &["strong"],
};

/// highlight.js's `vs2015` (Visual Studio dark).
pub const VS2015: CodeStyle = CodeStyle {
    name: "vs2015",
    background: 0x1e1e1e,
    text: 0xdcdcdc,
    classes: &[
        ("keyword", 0x569cd6),
        ("literal", 0x569cd6),
        ("symbol", 0x569cd6),
        ("name", 0x569cd6),
        ("link", 0x569cd6),
        ("built_in", 0x4ec9b0),
        ("type", 0x4ec9b0),
        ("number", 0xb8d7a3),
        ("string", 0xd69d85),
        ("regexp", 0x9a5334),
        ("template-tag", 0x9a5334),
        ("title", 0xdcdcdc),
        ("params", 0xdcdcdc),
        ("comment", 0x57a64a),
        ("quote", 0x57a64a),
        ("doctag", 0x608b4e),
        ("meta", 0x9b9b9b),
        ("tag", 0x9b9b9b),
        ("variable", 0xbd63c5),
        ("template-variable", 0xbd63c5),
        ("attr", 0x9cdcfe),
        ("attribute", 0x9cdcfe),
        ("section", 0xffd700),
        ("bullet", 0xd7ba7d),
        ("selector-tag", 0xd7ba7d),
        ("selector-id", 0xd7ba7d),
        ("selector-class", 0xd7ba7d),
        ("selector-attr", 0xd7ba7d),
        ("selector-pseudo", 0xd7ba7d),
    ],
    bold: &["strong"],
};

/// highlight.js's `tomorrow-night-bright`.
pub const TOMORROW_NIGHT_BRIGHT: CodeStyle = CodeStyle {
    name: "tomorrow-night-bright",
    background: 0x000000,
    text: 0xeaeaea,
    classes: &[
        ("comment", 0x969896),
        ("quote", 0x969896),
        ("variable", 0xd54e53),
        ("template-variable", 0xd54e53),
        ("tag", 0xd54e53),
        ("name", 0xd54e53),
        ("selector-id", 0xd54e53),
        ("selector-class", 0xd54e53),
        ("regexp", 0xd54e53),
        ("deletion", 0xd54e53),
        ("number", 0xe78c45),
        ("built_in", 0xe78c45),
        ("literal", 0xe78c45),
        ("type", 0xe78c45),
        ("params", 0xe78c45),
        ("meta", 0xe78c45),
        ("link", 0xe78c45),
        ("attribute", 0xe7c547),
        ("string", 0xb9ca4a),
        ("symbol", 0xb9ca4a),
        ("bullet", 0xb9ca4a),
        ("addition", 0xb9ca4a),
        ("title", 0x7aa6da),
        ("section", 0x7aa6da),
        ("keyword", 0xc397d8),
        ("selector-tag", 0xc397d8),
    ],
    bold: &["strong"],
};

/// highlight.js's `rainbow`.
pub const RAINBOW: CodeStyle = CodeStyle {
    name: "rainbow",
    background: 0x474949,
    text: 0xd1d9e1,
    classes: &[
        ("comment", 0x969896),
        ("quote", 0x969896),
        ("keyword", 0xcc99cc),
        ("selector-tag", 0xcc99cc),
        ("literal", 0xcc99cc),
        ("type", 0xcc99cc),
        ("addition", 0xcc99cc),
        ("number", 0xf99157),
        ("selector-attr", 0xf99157),
        ("selector-pseudo", 0xf99157),
        ("string", 0x8abeb7),
        ("doctag", 0x8abeb7),
        ("regexp", 0x8abeb7),
        ("title", 0xb5bd68),
        ("name", 0xb5bd68),
        ("section", 0xb5bd68),
        ("built_in", 0xb5bd68),
        ("variable", 0xffcc66),
        ("template-variable", 0xffcc66),
        ("selector-id", 0xffcc66),
        ("title.class", 0xffcc66),
        ("symbol", 0xf99157),
        ("bullet", 0xf99157),
        ("subst", 0xf99157),
        ("meta", 0xf99157),
        ("link", 0xf99157),
        ("deletion", 0xdc322f),
        ("attr", 0x81a2be),
        ("attribute", 0x81a2be),
    ],
    bold: &["section", "name", "strong"],
};

/// highlight.js's `paraiso-dark`.
pub const PARAISO_DARK: CodeStyle = CodeStyle {
    name: "paraiso-dark",
    background: 0x2f1e2e,
    text: 0xa39e9b,
    classes: &[
        ("comment", 0x8d8687),
        ("quote", 0x8d8687),
        ("variable", 0xef6155),
        ("template-variable", 0xef6155),
        ("tag", 0xef6155),
        ("name", 0xef6155),
        ("selector-id", 0xef6155),
        ("selector-class", 0xef6155),
        ("regexp", 0xef6155),
        ("link", 0xef6155),
        ("meta", 0xef6155),
        ("number", 0xf99b15),
        ("built_in", 0xf99b15),
        ("literal", 0xf99b15),
        ("type", 0xf99b15),
        ("params", 0xf99b15),
        ("deletion", 0xf99b15),
        ("title", 0xfec418),
        ("section", 0xfec418),
        ("attribute", 0xfec418),
        ("string", 0x48b685),
        ("symbol", 0x48b685),
        ("bullet", 0x48b685),
        ("addition", 0x48b685),
        ("keyword", 0x815ba4),
        ("selector-tag", 0x815ba4),
    ],
    bold: &["strong"],
};

/// Every style rostra draws, monokai first.
pub const STYLES: &[&CodeStyle] = &[
    &MONOKAI,
    &ZENBURN,
    &GITHUB,
    &ATOM_ONE_DARK,
    &VS2015,
    &TOMORROW_NIGHT_BRIGHT,
    &RAINBOW,
    &PARAISO_DARK,
];

/// The style a `highlightTheme` value names and whether rostra has it: reveal-md's forms
/// (`monokai`, `monokai.css`, `base16/zenburn`, a path ending in a style's file) are read
/// as the style; anything else is monokai and `false`.
pub fn named(name: &str) -> (&'static CodeStyle, bool) {
    let n = name.trim().to_ascii_lowercase();
    let n = n.trim_end_matches(".css").trim_end_matches(".min");
    let n = n.rsplit('/').next().unwrap_or(n);
    let found = STYLES.iter().copied().find(|s| s.name == n);
    (found.unwrap_or(&MONOKAI), found.is_some())
}

/// highlight.js's classes and the TextMate scopes (as syntect's grammars name them) that
/// stand for the same kind of token; where the two disagree for one language, a scope
/// written with that language's `source.*` wins, being more specific.
const SCOPES: &[(&str, &str)] = &[
    (
        "keyword",
        "keyword - keyword.operator - keyword.symbol - string, storage - storage.type.function.arrow, keyword.declaration",
    ),
    (
        "type",
        "support.type, storage.type.primitive, storage.type.numeric, entity.name.type.primitive",
    ),
    (
        "built_in",
        "support.function, support.macro, support.class, support.constant, variable.function.builtin, support.type.builtin",
    ),
    ("title", "entity.name, variable.function - source.shell"),
    (
        "title.class",
        "entity.name.class, entity.name.struct, entity.name.enum, entity.name.trait, entity.name.interface, entity.name.type.class",
    ),
    ("string", "string - source.shell string.unquoted"),
    ("number", "constant.numeric"),
    ("literal", "constant.language"),
    ("comment", "comment"),
    (
        "doctag",
        "comment keyword, comment storage.type, comment entity.name.tag",
    ),
    (
        "meta",
        "meta.preprocessor, meta.annotation, meta.attribute, keyword.other.preprocessor, comment.line.shebang, meta.shebang",
    ),
    (
        "attr",
        "entity.other.attribute-name, meta.mapping.key string, support.type.property-name.json, entity.name.tag.yaml, entity.name.tag.toml, meta.key",
    ),
    (
        "attribute",
        "support.type.property-name.css, meta.property-name",
    ),
    ("name", "entity.name.tag"),
    ("tag", "meta.tag, punctuation.definition.tag"),
    ("section", "markup.heading, entity.name.section"),
    (
        "symbol",
        "constant.other.symbol, storage.modifier.lifetime, entity.name.lifetime, source.graphql entity.name.field, source.graphql variable.parameter",
    ),
    // Tokens highlight.js leaves unclassified where a grammar names them (no style has a
    // `plain` class, so they take the default text colour): GraphQL's type names and `!`.
    (
        "plain",
        "source.graphql support.type, source.graphql entity.name.type, source.graphql storage.modifier",
    ),
    ("regexp", "string.regexp"),
    (
        "variable",
        "source.shell variable.other, source.shell variable.language, source.shell punctuation.definition.variable, variable.other.env",
    ),
    ("variable.language", "variable.language"),
    ("params", "variable.parameter"),
    ("subst", "meta.interpolation, meta.embedded.expression"),
    (
        "bullet",
        "punctuation.definition.list.begin, markup.list.numbered punctuation, markup.list.unnumbered punctuation",
    ),
    ("emphasis", "markup.italic"),
    ("strong", "markup.bold"),
    ("addition", "markup.inserted"),
    ("deletion", "markup.deleted"),
    ("link", "markup.underline.link, string.other.link"),
    ("code", "markup.raw"),
    ("quote", "markup.quote"),
    ("selector-tag", "source.css entity.name.tag"),
    ("selector-id", "entity.other.attribute-name.id"),
    ("selector-class", "entity.other.attribute-name.class"),
    ("selector-attr", "meta.attribute-selector"),
    (
        "selector-pseudo",
        "entity.other.attribute-name.pseudo-class, entity.other.pseudo-class, entity.other.pseudo-element",
    ),
];

/// `style` as a syntect theme: the scopes of each class get its colour, or the default text
/// colour where the style leaves the class out (highlight.js gives a token one class, so a
/// plainer scope's colour must not show through: a YAML key is `attr`, not `name`).
pub fn syntect_theme(style: &CodeStyle) -> SyntectTheme {
    let scopes = SCOPES
        .iter()
        .filter_map(|(class, selectors)| {
            let color = style.class_color(class).unwrap_or(style.text);
            let scope = ScopeSelectors::from_str(selectors).ok()?;
            let weight = if style.is_bold(class) {
                FontStyle::BOLD
            } else {
                FontStyle::empty()
            };
            Some(ThemeItem {
                scope,
                style: StyleModifier {
                    foreground: Some(syntect_color(color)),
                    background: None,
                    font_style: Some(weight),
                },
            })
        })
        .collect();
    SyntectTheme {
        name: Some(style.name.to_string()),
        author: None,
        settings: ThemeSettings {
            foreground: Some(syntect_color(style.text)),
            background: Some(syntect_color(style.background)),
            ..ThemeSettings::default()
        },
        scopes,
    }
}

/// The syntect theme of the style called `name` (monokai when unknown), built once.
pub fn syntect_theme_named(name: &str) -> &'static SyntectTheme {
    static THEMES: OnceLock<HashMap<&'static str, SyntectTheme>> = OnceLock::new();
    let themes = THEMES.get_or_init(|| STYLES.iter().map(|s| (s.name, syntect_theme(s))).collect());
    let style = named(name).0;
    // Every style is in the map, built from the same list.
    themes.get(style.name).unwrap_or_else(|| {
        static FALLBACK: OnceLock<SyntectTheme> = OnceLock::new();
        FALLBACK.get_or_init(|| syntect_theme(&MONOKAI))
    })
}

impl super::Theme {
    /// This theme with its code blocks coloured as the highlight.js style `name` colours them
    /// (a deck's `highlightTheme`; monokai, reveal.js's default, when `None` or unknown).
    pub fn with_code_style(mut self, name: Option<&str>) -> super::Theme {
        let style = named(name.unwrap_or(MONOKAI.name)).0;
        self.syntax_theme = style.name;
        self.code_background = style.background();
        self.code_text = style.text();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_reveal_md_writes_them() {
        assert_eq!(named("monokai"), (&MONOKAI, true));
        assert_eq!(named("Zenburn.css").0.name, "zenburn");
        assert_eq!(named("base16/zenburn").0.name, "zenburn");
        assert_eq!(named("styles/github.min.css").0.name, "github");
        assert_eq!(named("no-such-style"), (&MONOKAI, false));
    }

    #[test]
    fn every_style_parses_all_its_scopes() {
        for style in STYLES {
            let theme = syntect_theme(style);
            assert_eq!(theme.scopes.len(), SCOPES.len(), "{}", style.name);
            let coloured = SCOPES
                .iter()
                .filter(|(c, _)| style.class_color(c).is_some())
                .count();
            assert!(coloured > 10, "{}", style.name);
        }
    }

    #[test]
    fn a_class_falls_back_to_its_parent() {
        assert_eq!(ATOM_ONE_DARK.class_color("title.class"), Some(0xe6c07b));
        assert_eq!(MONOKAI.class_color("title.class"), Some(0xa6e22e));
        assert_eq!(
            MONOKAI.class_color("number"),
            None,
            "monokai leaves numbers plain"
        );
    }

    #[test]
    fn a_deck_style_sets_the_block_colours() {
        let t = super::super::Theme::black().with_code_style(Some("zenburn"));
        assert_eq!(t.code_background, rgb(0x3f3f3f));
        assert_eq!(t.syntax_theme, "zenburn");
        let t = super::super::Theme::white().with_code_style(None);
        assert_eq!(
            t.code_background,
            rgb(0x272822),
            "monokai whatever the slide theme"
        );
    }
}
