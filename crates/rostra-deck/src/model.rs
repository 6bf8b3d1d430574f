//! The slide model: what a deck is once read, before anything is laid out or drawn.

use serde::Serialize;

/// A place in the deck's source file, 1-based, for diagnostics and live reload.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// Line number, counted from 1.
    pub line: u32,
    /// Column in characters, counted from 1.
    pub column: u32,
}

/// An element's HTML attributes in the order they were set (`class`, `id`, `style`, `data-*`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Attributes(Vec<(String, String)>);

impl Attributes {
    /// The value of attribute `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether attribute `name` is set (bare attributes have an empty value).
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// Sets `name` to `value`, replacing an earlier value as the DOM's `setAttribute` does.
    pub fn set(&mut self, name: &str, value: &str) {
        if let Some(slot) = self.0.iter_mut().find(|(k, _)| k == name) {
            slot.1 = value.to_string();
        } else {
            self.0.push((name.to_string(), value.to_string()));
        }
    }

    /// Removes attribute `name` if it is set.
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|(k, _)| k != name);
    }

    /// The whitespace-separated tokens of the `class` attribute.
    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.get("class").unwrap_or("").split_whitespace()
    }

    /// Whether the `class` attribute holds the token `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.classes().any(|c| c == class)
    }

    /// Every attribute as `(name, value)`, in the order set.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Whether no attribute is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What every block and inline element carries besides its content.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Meta {
    /// Where the element starts in the source.
    pub span: Span,
    /// Its HTML attributes, including those set by `<!-- .element: -->` comments.
    pub attrs: Attributes,
    /// The fragment step (0-based) at which it appears, when it is a fragment.
    pub fragment: Option<usize>,
}

impl Meta {
    /// The parsed `style` attribute.
    pub fn style(&self) -> crate::style::Style {
        crate::style::Style::parse(self.attrs.get("style").unwrap_or(""))
    }
}

/// A whole deck: its settings, its slides in order, and what went wrong reading it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Deck {
    /// Settings from front matter and the command line.
    pub meta: DeckMeta,
    /// The slides in reading order (stacks flattened, top to bottom).
    pub slides: Vec<Slide>,
    /// Warnings and errors found while reading; none of them stops a talk.
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
}

/// Deck-wide settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeckMeta {
    /// `title` from front matter, else the first heading's text.
    pub title: Option<String>,
    /// Theme name (`black` when unset).
    pub theme: String,
    /// Code highlight theme name, if set.
    pub highlight_theme: Option<String>,
    /// Deck-wide slide transition (`slide` when unset; `convex` for a reveal-md deck).
    pub transition: String,
    /// Deck-wide transition speed: `default`, `fast` or `slow`.
    pub transition_speed: String,
    /// Deck-wide background transition (`fade` when unset, as in reveal.js).
    pub background_transition: String,
    /// Default auto-animate duration in seconds (reveal.js: 1.0).
    pub auto_animate_duration: f32,
    /// Default auto-animate easing (reveal.js: `ease`).
    pub auto_animate_easing: String,
    /// Whether unmatched elements fade in during auto-animate (reveal.js: true).
    pub auto_animate_unmatched: bool,
    /// Logical canvas width in pixels (reveal.js default 960).
    pub width: f32,
    /// Logical canvas height in pixels (reveal.js default 700).
    pub height: f32,
    /// Margin around the canvas as a fraction of its size (default 0.04).
    pub margin: f32,
    /// Total talk time in seconds, for pacing (`revealOptions.totalTime`).
    pub total_time_secs: Option<u64>,
    /// reveal.js's `navigationMode`: `default`, `linear` or `grid`.
    pub navigation_mode: String,
    /// The separators the deck was split with.
    pub separators: crate::split::Separators,
    /// The attendance link given in front matter (`attendance:`), if any.
    pub attendance: Option<String>,
    /// The top-level front-matter keys present, in order.
    pub front_matter_keys: Vec<String>,
    /// `revealOptions.pdfSeparateFragments`: a PDF page per fragment step (reveal.js: true).
    pub pdf_separate_fragments: bool,
    /// `revealOptions.showNotes`: where speaker notes go in a handout.
    pub show_notes: ShowNotes,
    /// Whether the deck is read the reveal-md way: it has YAML front matter, which only
    /// reveal-md reads (reveal.js's markdown plugin would show it as text). Such a deck starts
    /// from reveal-md's template options (`transition: 'default'`, `slideNumber: true`).
    pub reveal_md: bool,
    /// reveal.js's screen furniture: controls, progress bar and slide number.
    pub furniture: Furniture,
}

/// reveal.js's `controls`, `controlsLayout`, `controlsBackArrows`, `progress`, `slideNumber`
/// and `showSlideNumber`, with reveal.js's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Furniture {
    /// The arrows (reveal.js: true; `"speaker-only"` keeps them off the audience screen).
    pub controls: bool,
    /// Where the arrows go.
    pub controls_layout: ControlsLayout,
    /// How the arrows back (left, up) are drawn.
    pub controls_back_arrows: BackArrows,
    /// The bar along the bottom (reveal.js: true).
    pub progress: bool,
    /// The slide number's format, or `None` when it is off (reveal.js's default).
    pub slide_number: Option<SlideNumberFormat>,
    /// Where the slide number shows.
    pub show_slide_number: ShowSlideNumber,
}

impl Default for Furniture {
    fn default() -> Self {
        Self {
            controls: true,
            controls_layout: ControlsLayout::BottomRight,
            controls_back_arrows: BackArrows::Faded,
            progress: true,
            slide_number: None,
            show_slide_number: ShowSlideNumber::All,
        }
    }
}

/// reveal.js's `controlsLayout`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlsLayout {
    /// All four arrows in the bottom-right corner (the default).
    #[default]
    BottomRight,
    /// Each arrow at the middle of its edge (`"edges"`).
    Edges,
}

/// reveal.js's `controlsBackArrows`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackArrows {
    /// Drawn fainter than the arrows forward (the default).
    #[default]
    Faded,
    /// Not drawn.
    Hidden,
    /// Drawn as the arrows forward.
    Visible,
}

/// reveal.js's `slideNumber` formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum SlideNumberFormat {
    /// `h.v`: the horizontal number, and `.v` inside a stack (the format of `true`).
    #[default]
    HDotV,
    /// `h/v`: as `h.v` with a slash.
    HSlashV,
    /// `c`: the flattened count of slides so far.
    Current,
    /// `c/t`: the flattened count and the total.
    CurrentSlashTotal,
}

impl SlideNumberFormat {
    /// The format a `slideNumber` string names; reveal.js draws any other string as `h.v`.
    pub fn parse(name: &str) -> SlideNumberFormat {
        match name.trim() {
            "h/v" => SlideNumberFormat::HSlashV,
            "c" => SlideNumberFormat::Current,
            "c/t" => SlideNumberFormat::CurrentSlashTotal,
            _ => SlideNumberFormat::HDotV,
        }
    }
}

/// reveal.js's `showSlideNumber`: where the slide number shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShowSlideNumber {
    /// On the screen and in print (the default).
    #[default]
    All,
    /// Only in print (PDF export).
    Print,
    /// Only in the speaker view (rostra's console, which keeps its own numbering).
    Speaker,
}

/// reveal.js's `showNotes`: whether speaker notes are printed, and where.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShowNotes {
    /// Not printed (`false`, the default).
    #[default]
    Hidden,
    /// In a box at the bottom of the slide's page (`true`).
    Inline,
    /// On a page of their own after the slide's (`"separate-page"`).
    SeparatePage,
}

impl Default for DeckMeta {
    fn default() -> Self {
        Self {
            title: None,
            theme: "black".into(),
            highlight_theme: None,
            transition: "slide".into(),
            transition_speed: "default".into(),
            background_transition: "fade".into(),
            auto_animate_duration: 1.0,
            auto_animate_easing: "ease".into(),
            auto_animate_unmatched: true,
            width: 960.0,
            height: 700.0,
            margin: 0.04,
            total_time_secs: None,
            navigation_mode: "default".into(),
            separators: crate::split::Separators::default(),
            attendance: None,
            front_matter_keys: Vec::new(),
            pdf_separate_fragments: true,
            show_notes: ShowNotes::Hidden,
            reveal_md: false,
            furniture: Furniture::default(),
        }
    }
}

/// One slide: a position in the deck, attributes, content, notes and fragment steps.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Slide {
    /// Horizontal index (0-based).
    pub h: usize,
    /// Vertical index within its stack (0 when not in a stack).
    pub v: usize,
    /// Whether the slide is part of a vertical stack.
    pub in_stack: bool,
    /// Where the slide's text starts in the source.
    pub span: Span,
    /// Attributes of the slide's `<section>`: `class`, `id`, every `data-*`.
    pub attributes: Attributes,
    /// The content, in document order.
    pub blocks: Vec<Block>,
    /// Speaker notes, if any, as reveal.js's `getSlideNotes` reads them (every notes aside).
    pub notes: Option<Notes>,
    /// The notes reveal.js's speaker view shows while no fragment brings its own: asides
    /// outside fragments, else `data-notes`.
    #[serde(skip)]
    pub speaker_notes: Option<Notes>,
    /// Notes that replace the slide's on the console while their fragment step is the current one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fragment_notes: Vec<FragmentNotes>,
    /// Number of fragment steps (code highlight steps included), as reveal.js counts them.
    pub fragment_steps: usize,
}

impl Slide {
    /// The notes the console shows with `shown` fragment steps visible: the current
    /// fragment's own notes, else the slide's, as in reveal.js's speaker view.
    pub fn notes_at(&self, shown: usize) -> Option<&Notes> {
        shown
            .checked_sub(1)
            .and_then(|step| self.fragment_notes.iter().find(|f| f.step == step))
            .map(|f| &f.notes)
            .or(self.speaker_notes.as_ref())
    }

    /// Whether reveal.js leaves the slide out of the slide number and the progress bar
    /// (`data-visibility="uncounted"`).
    pub fn is_uncounted(&self) -> bool {
        self.attributes.get("data-visibility") == Some("uncounted")
    }

    /// The slide's `id` attribute, when it has one (a link target: `#/id`).
    pub fn id(&self) -> Option<&str> {
        self.attributes.get("id").filter(|id| !id.is_empty())
    }

    /// The slide's `class` tokens.
    pub fn classes(&self) -> Vec<&str> {
        self.attributes.classes().collect()
    }
}

/// Notes written inside a fragment: the console shows them while that step is the current one.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FragmentNotes {
    /// The fragment step (0-based) they belong to.
    pub step: usize,
    /// The notes.
    pub notes: Notes,
}

/// Speaker notes of a slide.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Notes {
    /// The notes as Markdown source (for the presenter console's renderer).
    pub markdown: String,
    /// The notes as plain text, as reveal.js's speaker view reads it.
    pub text: String,
}

/// A block-level element.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// `#`..`######` or `<h1>`..`<h6>`.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's text and inline elements.
        content: Vec<Inline>,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// A paragraph.
    Paragraph {
        /// Its inline content.
        content: Vec<Inline>,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// Inline content standing directly in a container (a tight list item, a `<div>`'s text).
    Plain {
        /// The inline content.
        content: Vec<Inline>,
    },
    /// An ordered or unordered list.
    List {
        /// Whether the list is numbered.
        ordered: bool,
        /// The first number of an ordered list.
        start: u64,
        /// The items in order.
        items: Vec<ListItem>,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// A code block.
    Code(CodeBlock),
    /// An image standing alone at block level (HTML `<img>` outside a paragraph).
    Image(Image),
    /// A table.
    Table(Table),
    /// A block quote.
    Quote {
        /// The quoted blocks.
        blocks: Vec<Block>,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// A thematic break (`***`, `<hr>`).
    Rule {
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// Display math (`$$ ... $$`).
    Math {
        /// The TeX source.
        tex: String,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// An HTML container (`div`, `section`, `aside`, `figure`, ...) with its children.
    Html {
        /// Lower-case tag name.
        tag: String,
        /// The children, as blocks.
        blocks: Vec<Block>,
        /// Span, attributes (`class`, `style`, ...), fragment step.
        meta: Meta,
    },
}

impl Block {
    /// The block's span, attributes and fragment step (`Plain` has none and yields `None`).
    pub fn meta(&self) -> Option<&Meta> {
        match self {
            Block::Heading { meta, .. }
            | Block::Paragraph { meta, .. }
            | Block::List { meta, .. }
            | Block::Quote { meta, .. }
            | Block::Rule { meta }
            | Block::Math { meta, .. }
            | Block::Html { meta, .. } => Some(meta),
            Block::Code(c) => Some(&c.meta),
            Block::Image(i) => Some(&i.meta),
            Block::Table(t) => Some(&t.meta),
            Block::Plain { .. } => None,
        }
    }
}

/// One item of a list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ListItem {
    /// The item's content (tight items hold one `Plain` block).
    pub blocks: Vec<Block>,
    /// Span, attributes (an `.element` comment in the item sets them), fragment step.
    pub meta: Meta,
}

/// A fenced or indented code block, with reveal.js's line numbers and highlight steps.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeBlock {
    /// Language from the fence's info string (what remains once the `[...]` is removed).
    pub language: String,
    /// The `<code>` element's class as reveal.js leaves it: the language, plus any part of
    /// the info string it did not read as a line-number spec.
    #[serde(skip)]
    pub class: String,
    /// The code, without its final newline.
    pub text: String,
    /// The raw line-number spec inside `[...]` (`0|1-3|5-7`), when the fence had one.
    pub line_numbers: Option<String>,
    /// The first displayed line number (`N` in `[N: ...]`), 1 when unset.
    pub start_line: u64,
    /// Highlight steps, the first shown with the slide, each later one a fragment step.
    pub steps: Vec<HighlightStep>,
    /// The fragment step at which each step after the first appears.
    pub step_fragments: Vec<usize>,
    /// Span, attributes of the `<code>` element (and `<pre>` ones merged), fragment step.
    pub meta: Meta,
}

/// A set of highlighted lines (1-based positions inside the block); empty highlights nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HighlightStep {
    /// Inclusive line ranges, 1-based, relative to the block's first line.
    pub ranges: Vec<(u32, u32)>,
}

impl HighlightStep {
    /// Whether line `n` (1-based within the block) is highlighted in this step.
    pub fn contains(&self, n: u32) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= n && n <= b)
    }
}

/// An image, inline or standing alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Image {
    /// The source as written (relative to the deck's folder, or a URL).
    pub src: String,
    /// Alternative text.
    pub alt: String,
    /// Span, attributes (`width`, `height`, `style`), fragment step.
    pub meta: Meta,
}

/// Horizontal alignment of a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// No alignment given.
    None,
    /// `:--`
    Left,
    /// `:-:`
    Center,
    /// `--:`
    Right,
}

/// A table with an optional header row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// Alignment per column.
    pub alignments: Vec<Align>,
    /// Header cells.
    pub head: Vec<Vec<Inline>>,
    /// Body rows of cells.
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Span, attributes, fragment step.
    pub meta: Meta,
}

/// An inline element.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text (soft line breaks kept as `\n`).
    Text {
        /// The text.
        text: String,
        /// Where it starts.
        span: Span,
    },
    /// `*emphasis*`, `<em>`, `<i>`.
    Emphasis {
        /// Content.
        content: Vec<Inline>,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// `**strong**`, `<strong>`, `<b>`.
    Strong {
        /// Content.
        content: Vec<Inline>,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// `~~strikethrough~~`, `<del>`, `<s>`.
    Strikethrough {
        /// Content.
        content: Vec<Inline>,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// `` `code` ``.
    Code {
        /// The code text.
        text: String,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// A link.
    Link {
        /// Target URL as written.
        href: String,
        /// Link text.
        content: Vec<Inline>,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// An inline image.
    Image(Image),
    /// A hard line break (`<br>`, two trailing spaces).
    LineBreak {
        /// Where it stands.
        meta: Meta,
    },
    /// Inline math (`$...$`).
    Math {
        /// The TeX source.
        tex: String,
        /// Span, attributes, fragment step.
        meta: Meta,
    },
    /// An inline HTML element (`span`, `small`, `font`, `sup`, ...).
    Span {
        /// Lower-case tag name.
        tag: String,
        /// Content.
        content: Vec<Inline>,
        /// Span, attributes (`class`, `style`), fragment step.
        meta: Meta,
    },
}

/// Concatenated text of inline content, as the DOM's `textContent` gives it.
pub fn inline_text(content: &[Inline]) -> String {
    let mut out = String::new();
    push_inline_text(content, &mut out);
    out
}

fn push_inline_text(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Code { text, .. } | Inline::Math { tex: text, .. } => out.push_str(text),
            Inline::Emphasis { content, .. }
            | Inline::Strong { content, .. }
            | Inline::Strikethrough { content, .. }
            | Inline::Link { content, .. }
            | Inline::Span { content, .. } => push_inline_text(content, out),
            Inline::Image(_) | Inline::LineBreak { .. } => {}
        }
    }
}
