//! Text → `Deck`, as reveal.js's markdown plugin and reveal-md read it. Pure: no fonts,
//! windows or drawing toolkit; the only I/O is `load` (read a file) and `check_assets` (stat
//! images).
//!
//! The pipeline: `split` (front matter, separators) → per slide, notes split → `markdown`
//! and `html` build a DOM → `directives` apply `.slide`/`.element` comments → `fragments`
//! number the steps → `lower` makes the typed model. reveal.js's motion vocabulary is read
//! here too, as values: `fragment_style` (fragment classes), `timing` (an element's
//! auto-animate delay, duration and curve) and `easing` (CSS timing functions, a leaf);
//! `motion` evaluates them over time.

pub mod diagnostics;
pub(crate) mod directives;
pub(crate) mod dom;
mod easing;
mod fragment_style;
pub(crate) mod fragments;
pub(crate) mod frontmatter;
pub(crate) mod html;
pub(crate) mod lower;
pub(crate) mod markdown;
pub mod model;
pub mod sources;
pub mod split;
pub mod style;
mod timing;

pub use diagnostics::{Diagnostic, LineIndex, Severity};
pub use easing::Easing;
pub use fragment_style::{FragmentStyle, HighlightColor};
pub use fragments::parse_highlight_steps;
pub use model::*;
pub use sources::{is_remote, local_part, names_image};
pub use split::{SeparatorError, Separators};
pub use timing::{ElementTiming, seconds};

use dom::{Element, Node, TreeBuilder};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Separators given on the command line; they win over front matter and defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `--separator`: the horizontal separator regex.
    pub separator: Option<String>,
    /// `--vertical-separator`.
    pub vertical_separator: Option<String>,
    /// `--notes-separator`.
    pub notes_separator: Option<String>,
}

/// Why a deck could not be read at all.
#[derive(Debug, Error)]
pub enum DeckError {
    /// A separator given on the command line does not compile.
    #[error(transparent)]
    Separator(#[from] SeparatorError),
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The deck's path.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

/// Reads the deck at `path`. Text that is not UTF-8 is decoded lossily, with a warning.
pub fn load(path: &Path, options: &Options) -> Result<Deck, DeckError> {
    let bytes = std::fs::read(path).map_err(|source| DeckError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match std::str::from_utf8(&bytes) {
        Ok(text) => parse(text, options),
        Err(e) => {
            let text = String::from_utf8_lossy(&bytes);
            let mut deck = parse(&text, options)?;
            let span = LineIndex::new(&text).span(&text, e.valid_up_to());
            deck.diagnostics.insert(
                0,
                Diagnostic::warning(
                    span,
                    "the deck is not valid UTF-8; undecodable bytes are shown as \u{FFFD}",
                ),
            );
            Ok(deck)
        }
    }
}

/// Parses deck text. Only an unusable command-line separator is an error; every other
/// problem is a diagnostic and the deck still opens with what could be read.
pub fn parse(source: &str, options: &Options) -> Result<Deck, DeckError> {
    for (given, which) in [
        (options.separator.as_deref(), "horizontal"),
        (options.vertical_separator.as_deref(), "vertical"),
        (options.notes_separator.as_deref(), "notes"),
    ] {
        if let Some(src) = given {
            split::js_regex(src, true, which == "notes").map_err(|e| SeparatorError::BadRegex {
                which,
                source_text: src.to_string(),
                reason: e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .to_string(),
            })?;
        }
    }

    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    let index = LineIndex::new(source);
    let span_at = |offset: usize| index.span(source, offset);
    let mut deck = Deck::default();
    let mut diags = Vec::new();

    let mut overrides = frontmatter::SeparatorOverrides::default();
    let mut content_offset = 0;
    if let Some(fm) = split::front_matter(source) {
        overrides = frontmatter::read(fm.yaml, span_at(fm.yaml_offset), &mut deck.meta, &mut diags);
        content_offset = fm.content_offset;
    }

    // Command line beats front matter beats reveal-md's defaults.
    let defaults = Separators::default();
    let mut seps = Separators {
        horizontal: options
            .separator
            .clone()
            .or(overrides.horizontal.clone())
            .unwrap_or(defaults.horizontal.clone()),
        vertical: options
            .vertical_separator
            .clone()
            .or(overrides.vertical.clone())
            .or(defaults.vertical.clone())
            .filter(|v| !v.is_empty()),
        notes: options
            .notes_separator
            .clone()
            .or(overrides.notes.clone())
            .unwrap_or(defaults.notes.clone()),
    };
    if let Err(e) = seps.validate() {
        diags.push(Diagnostic::error(
            span_at(0),
            format!("{e}; reveal-md's default separators are used instead"),
        ));
        seps = defaults;
    }
    deck.meta.separators = seps.clone();

    let content = &source[content_offset..];
    let normalized = split::normalize_indentation(content);
    let raws = split::slidify(&normalized, &seps)?;
    let notes_re = split::js_regex(&seps.notes, true, true).ok();
    let notes_has_groups = notes_re
        .as_ref()
        .map(|r| r.captures_len() > 1)
        .unwrap_or(true);

    for raw in raws {
        let base = (content_offset + raw.start).min(source.len());
        let text = &normalized[raw.start..raw.end];
        let mut slide = build_slide(
            text,
            base,
            notes_re.as_ref().filter(|_| !notes_has_groups),
            &span_at,
            &mut diags,
        );
        slide.h = raw.h;
        slide.v = raw.v;
        slide.in_stack = raw.in_stack;
        // The slide starts where its first visible character is, not at the separator's end.
        let lead = text.len() - text.trim_start().len();
        slide.span = span_at(base + lead);
        deck.slides.push(slide);
    }
    if deck.meta.title.is_none() {
        deck.meta.title = deck
            .slides
            .iter()
            .find_map(|s| s.headings().into_iter().next().map(|(_, t)| t));
    }
    diags.sort_by_key(|d| d.span);
    deck.diagnostics = diags;
    Ok(deck)
}

/// Splits notes off as reveal.js does: only when the separator occurs exactly once.
fn split_notes<'t>(
    text: &'t str,
    notes: Option<&regex::Regex>,
) -> (&'t str, Option<(&'t str, usize)>) {
    let Some(re) = notes else { return (text, None) };
    let mut found = re.find_iter(text).filter(|m| !m.as_str().is_empty());
    match (found.next(), found.next()) {
        (Some(m), None) => (&text[..m.start()], Some((&text[m.end()..], m.end()))),
        _ => (text, None),
    }
}

fn build_slide(
    text: &str,
    base: usize,
    notes_re: Option<&regex::Regex>,
    span_at: &dyn Fn(usize) -> Span,
    diags: &mut Vec<Diagnostic>,
) -> Slide {
    let text = split::normalize_indentation(text);
    let (body, notes_part) = split_notes(&text, notes_re);

    let mut builder = TreeBuilder::new(Element::new("section", Attributes::default(), base, false));
    markdown::feed(body, base, &mut builder);
    let (mut root, issues) = builder.finish();
    let mut notes_markdown = None;
    if let Some((notes, at)) = notes_part {
        let trimmed = notes.trim();
        let lead = notes.len() - notes.trim_start().len();
        let mut class = Attributes::default();
        class.set("class", "notes");
        let mut nb = TreeBuilder::new(Element::new("aside", class, base + at, false));
        markdown::feed(trimmed, base + at + lead, &mut nb);
        root.children.push(Node::Element(nb.finish().0));
        notes_markdown = Some(trimmed.to_string());
    }

    for (tag, offset) in issues.unclosed {
        diags.push(Diagnostic::warning(
            span_at(offset),
            format!("<{tag}> is never closed; it ends with the slide"),
        ));
    }
    for (tag, offset) in issues.stray_ends {
        diags.push(Diagnostic::warning(
            span_at(offset),
            format!("</{tag}> closes nothing that is open; ignored"),
        ));
    }
    for issue in directives::apply(&mut root) {
        diags.push(Diagnostic::warning(span_at(issue.offset), issue.message));
    }
    let fragment_steps = fragments::number(&mut root);
    check_fences(body, base, span_at, diags);

    let mut attributes = Attributes::default();
    for (k, v) in root.attrs.iter() {
        if !k.starts_with("rostra-") {
            attributes.set(k, v);
        }
    }
    let span_of = |o: usize| span_at(o);
    let blocks = lower::blocks(&root.children, &span_of);
    let notes = if let Some(n) = attributes.get("data-notes") {
        Some(Notes {
            markdown: n.to_string(),
            text: n.to_string(),
        })
    } else {
        let mut texts = Vec::new();
        root.walk(&mut |e| {
            if lower::is_notes(e) {
                texts.push(e.text_content());
            }
        });
        (!texts.is_empty()).then(|| {
            let text = texts.join("\n");
            Notes {
                markdown: notes_markdown.unwrap_or_else(|| text.clone()),
                text,
            }
        })
    };
    let slide = Slide {
        attributes,
        blocks,
        notes,
        fragment_steps,
        ..Slide::default()
    };
    check_code_steps(&slide, diags);
    if slide.blocks.is_empty()
        && slide.notes.is_none()
        && !slide
            .attributes
            .iter()
            .any(|(k, _)| k.starts_with("data-background"))
    {
        diags.push(Diagnostic::warning(span_at(base), "empty slide"));
    }
    slide
}

/// Warns about a code fence that is never closed: the rest of the slide turns into code.
fn check_fences(
    body: &str,
    base: usize,
    span_at: &dyn Fn(usize) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let mut open: Option<(char, usize, usize)> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent <= 3 {
            let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
            if let Some(c) = fence_char {
                let n = trimmed.chars().take_while(|&x| x == c).count();
                if n >= 3 {
                    match open {
                        None => open = Some((c, n, offset)),
                        Some((oc, on, _))
                            if oc == c && n >= on && trimmed[n..].trim().is_empty() =>
                        {
                            open = None
                        }
                        _ => {}
                    }
                }
            }
        }
        offset += line.len();
    }
    if let Some((_, _, at)) = open {
        diags.push(Diagnostic::warning(
            span_at(base + at),
            "code fence is never closed: the rest of the slide is shown as code",
        ));
    }
}

fn check_code_steps(slide: &Slide, diags: &mut Vec<Diagnostic>) {
    slide.visit_blocks(&mut |b| {
        let Block::Code(code) = b else { return };
        let lines = u32::try_from(code.text.lines().count()).unwrap_or(u32::MAX);
        for step in &code.steps {
            for &(a, z) in &step.ranges {
                if a > z {
                    diags.push(Diagnostic::warning(
                        code.meta.span,
                        format!("highlight range {a}-{z} runs backwards; it highlights nothing"),
                    ));
                } else if a > lines {
                    diags.push(Diagnostic::warning(
                        code.meta.span,
                        format!("highlight step names line {a}, but the block has {lines} lines"),
                    ));
                }
            }
        }
    });
}

impl Slide {
    /// Visits every block, nested ones included, in document order.
    pub fn visit_blocks<'a>(&'a self, f: &mut dyn FnMut(&'a Block)) {
        fn walk<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Block)) {
            for b in blocks {
                f(b);
                match b {
                    Block::List { items, .. } => {
                        for item in items {
                            walk(&item.blocks, f);
                        }
                    }
                    Block::Quote { blocks, .. } | Block::Html { blocks, .. } => walk(blocks, f),
                    _ => {}
                }
            }
        }
        walk(&self.blocks, f);
    }

    /// Every heading's level and text (`textContent`), in document order.
    pub fn headings(&self) -> Vec<(u8, String)> {
        let mut out = Vec::new();
        self.visit_blocks(&mut |b| {
            if let Block::Heading { level, content, .. } = b {
                out.push((*level, inline_text(content)));
            }
        });
        out
    }

    /// Seconds the speaker plans for this slide (`data-timing`), when it gives a usable number.
    pub fn timing_secs(&self) -> Option<f64> {
        self.attributes
            .get("data-timing")
            .and_then(|t| t.trim().parse::<f64>().ok())
            .filter(|t| t.is_finite() && *t >= 0.0)
    }

    /// Every image on the slide (inline and block), with where it is written.
    pub fn images(&self) -> Vec<&Image> {
        fn from_inlines<'a>(content: &'a [Inline], out: &mut Vec<&'a Image>) {
            for i in content {
                match i {
                    Inline::Image(img) => out.push(img),
                    Inline::Emphasis { content, .. }
                    | Inline::Strong { content, .. }
                    | Inline::Strikethrough { content, .. }
                    | Inline::Link { content, .. }
                    | Inline::Span { content, .. } => from_inlines(content, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        self.visit_blocks(&mut |b| match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Plain { content } => from_inlines(content, &mut out),
            Block::Image(img) => out.push(img),
            Block::Table(t) => {
                for cell in t.head.iter().chain(t.rows.iter().flatten()) {
                    from_inlines(cell, &mut out);
                }
            }
            _ => {}
        });
        out
    }

    /// Every code block, in document order.
    pub fn code_blocks(&self) -> Vec<&CodeBlock> {
        let mut out = Vec::new();
        self.visit_blocks(&mut |b| {
            if let Block::Code(c) = b {
                out.push(c);
            }
        });
        out
    }

    /// The slide's visible text, whitespace collapsed (notes excluded).
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        self.visit_blocks(&mut |b| match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Plain { content } => parts.push(inline_text(content)),
            Block::Code(c) => parts.push(c.text.clone()),
            Block::Math { tex, .. } => parts.push(tex.clone()),
            Block::Table(t) => {
                for cell in t.head.iter().chain(t.rows.iter().flatten()) {
                    parts.push(inline_text(cell));
                }
            }
            _ => {}
        });
        parts
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Checks that every local image the deck names exists under `base_dir`; remote sources
/// ([`is_remote`]) are not fetched.
pub fn check_assets(deck: &Deck, base_dir: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for slide in &deck.slides {
        for (src, span) in slide.image_sources_at() {
            if src.is_empty() {
                out.push(Diagnostic::warning(span, "image with an empty source"));
                continue;
            }
            let Some(path_part) = local_part(src) else {
                continue;
            };
            if !base_dir.join(path_part).exists() {
                out.push(Diagnostic::warning(
                    span,
                    format!("image '{src}' not found"),
                ));
            }
        }
    }
    out
}
