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
pub mod links;
pub mod lint;
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
pub use markdown::math_as_code;
pub use model::*;
pub use sources::{IframeRef, VideoRef, is_remote, local_part, names_image};
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
        // Front matter is reveal-md's: its template's options come first, the deck's over them.
        deck.meta.reveal_md = true;
        deck.meta.transition = "convex".into();
        deck.meta.furniture.slide_number = Some(SlideNumberFormat::HDotV);
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

    separators_in_fences(&normalized, &raws, content_offset, &span_at, &mut diags);
    // Each built slide keeps the horizontal slot it came from, so that slides reveal.js
    // removes (`data-visibility="hidden"`) close up their stack and the deck.
    let mut built: Vec<(usize, Slide)> = Vec::new();
    for raw in raws {
        let base = (content_offset + raw.start).min(source.len());
        let text = &normalized[raw.start..raw.end];
        let (slides, made_stack) = build_slides(
            text,
            base,
            notes_re.as_ref().filter(|_| !notes_has_groups),
            raw.in_stack,
            &span_at,
            &mut diags,
        );
        let lead = text.len() - text.trim_start().len();
        for (i, mut slide) in slides.into_iter().enumerate() {
            if made_stack {
                // Raw `<section>`s in a horizontal slide make it a stack of them.
                slide.v = i;
                slide.in_stack = true;
            } else {
                slide.v = raw.v;
                slide.in_stack = raw.in_stack;
                // The slide starts where its first visible character is, not at the separator's end.
                slide.span = span_at(base + lead);
            }
            built.push((raw.h, slide));
        }
    }
    deck.slides = renumber(built);
    if deck.meta.title.is_none() {
        deck.meta.title = deck
            .slides
            .iter()
            .find_map(|s| s.headings().into_iter().next().map(|(_, t)| t));
    }
    diags.extend(lint::deck(source, &deck));
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

/// Where a second notes separator stands in the slide, if there is one (reveal.js then
/// takes no notes at all).
fn second_notes(text: &str, notes: Option<&regex::Regex>) -> Option<usize> {
    notes?
        .find_iter(text)
        .filter(|m| !m.as_str().is_empty())
        .nth(1)
        .map(|m| m.start())
}

/// Builds the slides of one separated chunk of text: one slide, or, when the chunk is a
/// horizontal slide holding raw `<section>` elements, one slide per section (reveal.js makes
/// the chunk's section a stack of them).
fn build_slides(
    text: &str,
    base: usize,
    notes_re: Option<&regex::Regex>,
    in_stack: bool,
    span_at: &dyn Fn(usize) -> Span,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Slide>, bool) {
    let text = split::normalize_indentation(text);
    let (body, notes_part) = split_notes(&text, notes_re);
    if let Some(at) = second_notes(&text, notes_re) {
        diags.push(
            Diagnostic::error(
                span_at(base + at),
                "a second `Note:` in this slide: reveal.js then takes no notes at all and shows both on the slide",
            )
            .with_fix("keep one `Note:` line per slide and put all the notes after it"),
        );
    }

    let mut builder = TreeBuilder::new(Element::new("section", Attributes::default(), base, false));
    markdown::feed(body, base, &mut builder);
    let (mut root, issues) = builder.finish();
    let mut notes_markdown = None;
    let mut notes_aside = None;
    if let Some((notes, at)) = notes_part {
        let trimmed = notes.trim();
        let lead = notes.len() - notes.trim_start().len();
        let mut class = Attributes::default();
        class.set("class", "notes");
        let mut nb = TreeBuilder::new(Element::new("aside", class, base + at, false));
        markdown::feed(trimmed, base + at + lead, &mut nb);
        notes_aside = Some(nb.finish().0);
        notes_markdown = Some(trimmed.to_string());
    }

    let mut unclosed_section = None;
    // `Note:` text is parsed inside a section left open, so a `</section>` in the notes
    // closes it as reveal.js reads it.
    let notes_close_section = notes_part.is_some_and(|(n, _)| n.contains("</section>"));
    for (tag, offset) in issues.unclosed {
        if tag == "section" {
            unclosed_section = Some(offset);
            if notes_close_section {
                continue;
            }
        }
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
    let has_sections = root
        .children
        .iter()
        .any(|n| matches!(n, Node::Element(e) if e.tag == "section"));
    let single = in_stack || !has_sections;
    // The notes go in before directives and fragments are read: an `.element` comment in
    // the notes applies there, and a fragment there counts, as in reveal.js.
    if let Some(aside) = notes_aside.take() {
        let open_last = root.children.iter_mut().rev().find_map(|n| match n {
            Node::Element(e) if e.tag == "section" && Some(e.offset) == unclosed_section => Some(e),
            _ => None,
        });
        match open_last {
            // `Note:` text is parsed after the sections' HTML, so it lands in a section left open.
            Some(section) if !single => section.children.push(Node::Element(aside)),
            _ if single => root.children.push(Node::Element(aside)),
            _ => notes_markdown = None,
        }
    }
    for issue in directives::apply(&mut root) {
        let d = Diagnostic::warning(span_at(issue.offset), issue.message);
        diags.push(match issue.fix {
            Some(fix) => d.with_fix(fix),
            None => d,
        });
    }
    check_fences(body, base, span_at, diags);

    if single {
        return (
            vec![slide_from(root, notes_markdown, span_at, diags)],
            false,
        );
    }

    // The chunk's own section is now a stack: what `.slide:` set lands on it, not on a slide.
    let stack_attrs: Vec<(String, String)> = root
        .attrs
        .iter()
        .filter(|(k, _)| !k.starts_with("rostra-"))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if !stack_attrs.is_empty() {
        let names: Vec<&str> = stack_attrs.iter().map(|(k, _)| k.as_str()).collect();
        diags.push(Diagnostic::warning(
            span_at(base),
            format!(
                "`.slide:` among raw <section>s sets {} on the stack around them, not on a slide \
                 (reveal.js); write it on the <section> tag instead",
                names.join(", ")
            ),
        ));
    }
    let hidden_stack = root.attrs.get("data-visibility") == Some("hidden");
    let mut sections = Vec::new();
    for node in std::mem::take(&mut root.children) {
        match node {
            Node::Element(e) if e.tag == "section" => sections.push(e),
            Node::Element(e) if lower::is_notes(&e) => {}
            Node::Element(e) => diags.push(Diagnostic::warning(
                span_at(e.offset),
                format!(
                    "<{}> stands outside the slide's <section>s: reveal.js draws it on the stack, \
                     behind them; rostra leaves it out",
                    e.tag
                ),
            )),
            Node::Text { text, offset } if !text.trim().is_empty() => {
                let lead = text.len() - text.trim_start().len();
                diags.push(Diagnostic::warning(
                    span_at(offset + lead),
                    "text outside the slide's <section>s: reveal.js draws it on the stack, \
                     behind them; rostra leaves it out",
                ));
            }
            _ => {}
        }
    }
    let last = sections.len().saturating_sub(1);
    let slides = sections
        .into_iter()
        .enumerate()
        .map(|(i, mut section)| {
            if hidden_stack {
                section.attrs.set("data-visibility", "hidden");
            }
            let offset = section.offset;
            let md = if i == last {
                notes_markdown.take()
            } else {
                None
            };
            let mut slide = slide_from(section, md, span_at, diags);
            slide.span = span_at(offset);
            slide
        })
        .collect();
    (slides, true)
}

/// Numbers, lowers and checks one slide's section.
fn slide_from(
    mut root: Element,
    notes_markdown: Option<String>,
    span_at: &dyn Fn(usize) -> Span,
    diags: &mut Vec<Diagnostic>,
) -> Slide {
    let base = root.offset;
    let fragment_steps = fragments::number(&mut root);

    let mut attributes = Attributes::default();
    for (k, v) in root.attrs.iter() {
        // `data-markdown` on a raw section is the markdown plugin's bookkeeping, not the slide's.
        if !k.starts_with("rostra-") && k != "data-markdown" && k != "data-markdown-parsed" {
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
                markdown: notes_markdown.clone().unwrap_or_else(|| text.clone()),
                text,
            }
        })
    };
    let (speaker_notes, fragment_notes) = speaker_view_notes(&root, notes_markdown);
    let slide = Slide {
        attributes,
        blocks,
        notes,
        speaker_notes,
        fragment_notes,
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

/// The notes reveal.js's speaker view shows: the slide's own (asides outside fragments, else
/// `data-notes`), and per fragment step the notes of its first fragment that has any.
fn speaker_view_notes(
    root: &Element,
    notes_markdown: Option<String>,
) -> (Option<Notes>, Vec<FragmentNotes>) {
    fn walk<'a>(el: &'a Element, in_fragment: bool, out: &mut Vec<&'a Element>, any: &mut bool) {
        for child in &el.children {
            if let Node::Element(e) = child {
                let fragment = in_fragment || e.attrs.has_class("fragment");
                if lower::is_notes(e) {
                    *any = true;
                    if !fragment {
                        out.push(e);
                    }
                } else {
                    walk(e, fragment, out, any);
                }
            }
        }
    }
    let mut own = Vec::new();
    let mut any_aside = false;
    walk(root, false, &mut own, &mut any_aside);
    let speaker = if any_aside {
        let text = own
            .iter()
            .map(|e| e.text_content())
            .collect::<Vec<_>>()
            .join("\n");
        (!text.trim().is_empty()).then(|| Notes {
            markdown: notes_markdown.unwrap_or_else(|| text.clone()),
            text,
        })
    } else {
        root.attrs.get("data-notes").map(|n| Notes {
            markdown: n.to_string(),
            text: n.to_string(),
        })
    };

    let mut first_of_step: Vec<(usize, &Element)> = Vec::new();
    root.walk(&mut |e| {
        if let Some(step) = e
            .attrs
            .get(fragments::STEP_ATTR)
            .and_then(|s| s.parse::<usize>().ok())
            && !first_of_step.iter().any(|(s, _)| *s == step)
        {
            first_of_step.push((step, e));
        }
    });
    let mut per_fragment = Vec::new();
    for (step, el) in first_of_step {
        let mut aside = None;
        el.walk(&mut |d| {
            if aside.is_none() && lower::is_notes(d) {
                aside = Some(d.text_content());
            }
        });
        let text = aside.or_else(|| el.attrs.get("data-notes").map(str::to_string));
        if let Some(text) = text {
            per_fragment.push(FragmentNotes {
                step,
                notes: Notes {
                    markdown: text.clone(),
                    text,
                },
            });
        }
    }
    per_fragment.sort_by_key(|f| f.step);
    (speaker, per_fragment)
}

/// Drops the slides reveal.js removes at start (`data-visibility="hidden"`) and numbers the
/// rest: `h` by horizontal slot, `v` within it.
fn renumber(built: Vec<(usize, Slide)>) -> Vec<Slide> {
    let mut out: Vec<Slide> = Vec::new();
    let mut last_slot = None;
    let mut h = 0;
    let mut v = 0;
    for (slot, mut slide) in built {
        if slide.attributes.get("data-visibility") == Some("hidden") {
            continue;
        }
        match last_slot {
            Some(s) if s == slot => v += 1,
            Some(_) => {
                h += 1;
                v = 0;
            }
            None => {}
        }
        last_slot = Some(slot);
        slide.h = h;
        slide.v = v;
        out.push(slide);
    }
    out
}

/// Warns where a separator stands inside a code fence: reveal.js's separator regex does not
/// see fences, so it splits the slide there and the code runs on into the next slide.
fn separators_in_fences(
    text: &str,
    raws: &[split::RawSlide],
    content_offset: usize,
    span_at: &dyn Fn(usize) -> Span,
    diags: &mut Vec<Diagnostic>,
) {
    let mut open: Option<(char, usize)> = None;
    let mut offset = 0;
    // Where each separator starts: the end of every slide's text but the last.
    let mut cuts = raws
        .iter()
        .take(raws.len().saturating_sub(1))
        .map(|r| r.end)
        .peekable();
    for line in text.split_inclusive('\n') {
        let line_end = offset + line.len();
        while let Some(&end) = cuts.peek()
            && end < line_end
        {
            cuts.next();
            if open.is_some() {
                diags.push(
                    Diagnostic::warning(
                        span_at(content_offset + (end + 1).min(text.len())),
                        "slide separator inside a code fence: reveal.js splits the slide here anyway and the code runs on into the next slide",
                    )
                    .with_fix("change the line inside the code (indent it, or write `- - -`)"),
                );
            }
        }
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() <= 3
            && let Some(c) = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')
        {
            let n = trimmed.chars().take_while(|&x| x == c).count();
            if n >= 3 {
                match open {
                    None => open = Some((c, n)),
                    Some((oc, on)) if oc == c && n >= on && trimmed[n..].trim().is_empty() => {
                        open = None
                    }
                    _ => {}
                }
            }
        }
        offset = line_end;
    }
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
/// ([`is_remote`]) are fetched into a cache by the app (only http and https); others are named.
pub fn check_assets(deck: &Deck, base_dir: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for slide in &deck.slides {
        for (src, span) in slide.image_sources_at() {
            if src.is_empty() {
                out.push(Diagnostic::warning(span, "image with an empty source"));
                continue;
            }
            let Some(path_part) = local_part(src) else {
                if src.trim_start().to_ascii_lowercase().starts_with("data:") {
                    continue;
                }
                let lower = src.trim_start().to_ascii_lowercase();
                if ["http://", "https://", "//"]
                    .iter()
                    .any(|p| lower.starts_with(p))
                {
                    // Fetched into a cache; `rostra check` says which are not cached yet.
                    continue;
                }
                out.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "remote image '{src}', not fetched: only http and https images are"
                        ),
                    )
                    .with_fix("save the image beside the deck and name the file"),
                );
                continue;
            };
            if !base_dir.join(path_part).exists() {
                let what = if slide.videos().iter().any(|v| v.src == src) {
                    "video"
                } else {
                    "image"
                };
                out.push(Diagnostic::warning(
                    span,
                    format!("{what} '{src}' not found"),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod reveal_md_tests {
    use super::*;

    fn meta(text: &str) -> DeckMeta {
        parse(text, &Options::default())
            .map(|d| d.meta)
            .unwrap_or_default()
    }

    #[test]
    fn front_matter_means_reveal_md_and_its_template_options() {
        let plain = meta("# A\n\n---\n\n# B\n");
        assert!(!plain.reveal_md);
        assert_eq!(plain.transition, "slide");
        assert_eq!(plain.furniture.slide_number, None);

        let md = meta("---\ntitle: T\n---\n\n# A\n");
        assert!(md.reveal_md);
        assert_eq!(md.transition, "convex", "reveal-md's 'default' is convex");
        assert_eq!(md.furniture.slide_number, Some(SlideNumberFormat::HDotV));
        assert!(md.furniture.controls && md.furniture.progress);

        let own = meta(
            "---\nrevealOptions:\n  transition: zoom\n  slideNumber: false\n  controls: false\n---\n\n# A\n",
        );
        assert_eq!(own.transition, "zoom", "the deck's options win");
        assert_eq!(own.furniture.slide_number, None);
        assert!(!own.furniture.controls);
    }
}
