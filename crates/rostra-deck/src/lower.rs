//! DOM → the typed slide model: blocks, inlines, code blocks with their steps, notes.

use super::dom::{Element, Node};
use super::fragments::{CODE_STEPS_ATTR, STEP_ATTR, parse_highlight_steps};
use super::model::{
    Align, Attributes, Block, CodeBlock, Image, Inline, ListItem, Meta, Span, Table,
};

/// Turns a byte offset into a span.
pub(crate) type SpanOf<'a> = &'a dyn Fn(usize) -> Span;

/// Elements that are never drawn.
fn is_hidden(tag: &str) -> bool {
    matches!(
        tag,
        "style" | "script" | "link" | "meta" | "template" | "title" | "head" | "noscript"
    )
}

/// Whether an element takes part in block layout (anything else is inline content).
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "p"
            | "ul"
            | "ol"
            | "pre"
            | "blockquote"
            | "hr"
            | "table"
            | "div"
            | "section"
            | "aside"
            | "figure"
            | "figcaption"
            | "center"
            | "header"
            | "footer"
            | "nav"
            | "article"
            | "main"
            | "details"
            | "summary"
            | "form"
            | "dl"
            | "dt"
            | "dd"
            | "iframe"
            | "video"
            | "audio"
            | "canvas"
            | "li"
    )
}

/// Whether the element is a speaker-notes aside.
pub(crate) fn is_notes(el: &Element) -> bool {
    el.tag == "aside" && el.attrs.has_class("notes")
}

fn meta(el: &Element, span_of: SpanOf) -> Meta {
    let mut attrs = Attributes::default();
    for (k, v) in el.attrs.iter() {
        if !k.starts_with("rostra-") {
            attrs.set(k, v);
        }
    }
    Meta {
        span: span_of(el.offset),
        attrs,
        fragment: el.attrs.get(STEP_ATTR).and_then(|s| s.parse().ok()),
    }
}

/// Lowers the children of a block container.
pub(crate) fn blocks(children: &[Node], span_of: SpanOf) -> Vec<Block> {
    let mut out = Vec::new();
    let mut run: Vec<&Node> = Vec::new();
    let flush = |run: &mut Vec<&Node>, out: &mut Vec<Block>| {
        let content = inlines_of(run.iter().copied(), span_of);
        let blank = content
            .iter()
            .all(|i| matches!(i, Inline::Text { text, .. } if text.trim().is_empty()));
        // A lone `<br>` between blocks still takes a line, as in a browser.
        let has_break = content
            .iter()
            .any(|i| matches!(i, Inline::LineBreak { .. }));
        if !blank || has_break {
            out.push(Block::Plain {
                content: trim_inlines(content),
            });
        }
        run.clear();
    };
    for child in children {
        match child {
            Node::Element(e) if is_hidden(&e.tag) || is_notes(e) => {}
            Node::Element(e) if is_block(&e.tag) || (e.tag == "img" && run_is_blank(&run)) => {
                flush(&mut run, &mut out);
                out.push(block(e, span_of));
            }
            Node::Element(e) if e.tag == "rostra-math" && e.attrs.has_class("display") => {
                flush(&mut run, &mut out);
                out.push(Block::Math {
                    tex: e.text_content(),
                    meta: meta(e, span_of),
                });
            }
            Node::Comment { .. } => {}
            other => run.push(other),
        }
    }
    flush(&mut run, &mut out);
    out
}

fn run_is_blank(run: &[&Node]) -> bool {
    run.iter()
        .all(|n| matches!(n, Node::Text { text, .. } if text.trim().is_empty()))
}

/// Trims the whitespace that separates inline content from the block edges.
fn trim_inlines(mut content: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text, .. }) = content.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text, .. }) = content.last_mut() {
        *text = text.trim_end().to_string();
    }
    content.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
    content
}

fn block(el: &Element, span_of: SpanOf) -> Block {
    let m = || meta(el, span_of);
    match el.tag.as_str() {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Block::Heading {
            level: el.tag.as_bytes()[1] - b'0',
            content: trim_inlines(inlines(&el.children, span_of)),
            meta: m(),
        },
        "p" if display_math_only(el).is_some() => {
            let math = display_math_only(el).unwrap_or(el);
            Block::Math {
                tex: math.text_content().trim().to_string(),
                meta: meta(math, span_of),
            }
        }
        // `<video src=…></video>` on a line of its own is a paragraph to Markdown; played, it
        // is a block, as an `<iframe>` is.
        "p" if embed_only(el).is_some() => match embed_only(el) {
            Some(embed) => block(embed, span_of),
            None => Block::Paragraph {
                content: Vec::new(),
                meta: m(),
            },
        },
        "p" => Block::Paragraph {
            content: trim_inlines(inlines(&el.children, span_of)),
            meta: m(),
        },
        "ul" | "ol" => Block::List {
            ordered: el.tag == "ol",
            start: el
                .attrs
                .get("start")
                .and_then(|s| s.trim().parse::<u64>().ok())
                // Bounded so numbering arithmetic can never overflow.
                .map_or(1, |n| n.min(1 << 32)),
            items: el
                .children
                .iter()
                .filter_map(|c| match c {
                    Node::Element(li) if li.tag == "li" => Some(ListItem {
                        blocks: blocks(&li.children, span_of),
                        meta: meta(li, span_of),
                    }),
                    Node::Element(other) if !is_hidden(&other.tag) => Some(ListItem {
                        blocks: vec![block(other, span_of)],
                        meta: Meta::default(),
                    }),
                    _ => None,
                })
                .collect(),
            meta: m(),
        },
        "pre" => Block::Code(code_block(el, span_of)),
        "blockquote" => Block::Quote {
            blocks: blocks(&el.children, span_of),
            meta: m(),
        },
        "hr" => Block::Rule { meta: m() },
        "table" => Block::Table(table(el, span_of)),
        "img" => Block::Image(image(el, span_of)),
        _ => {
            let mut meta = m();
            if el.tag == "video" && !meta.attrs.has("src") {
                // A browser plays the first `<source>`; the element's own `src` wins.
                let first = el.children.iter().find_map(|c| match c {
                    Node::Element(e) if e.tag == "source" => {
                        e.attrs.get("src").or_else(|| e.attrs.get("data-src"))
                    }
                    _ => None,
                });
                if let Some(src) = first {
                    meta.attrs.set("src", src);
                }
            }
            Block::Html {
                tag: el.tag.clone(),
                blocks: blocks(&el.children, span_of),
                meta,
            }
        }
    }
}

/// The `<video>`, `<audio>` or `<iframe>` when it is a paragraph's only content.
fn embed_only(p: &Element) -> Option<&Element> {
    let mut found = None;
    for c in &p.children {
        match c {
            Node::Element(e)
                if matches!(e.tag.as_str(), "video" | "audio" | "iframe") && found.is_none() =>
            {
                found = Some(e)
            }
            Node::Text { text, .. } if text.trim().is_empty() => {}
            Node::Comment { .. } => {}
            _ => return None,
        }
    }
    found
}

/// The display-math element when it is a paragraph's only content (`$$` on lines of their own).
fn display_math_only(p: &Element) -> Option<&Element> {
    let mut found = None;
    for c in &p.children {
        match c {
            Node::Element(e)
                if e.tag == "rostra-math" && e.attrs.has_class("display") && found.is_none() =>
            {
                found = Some(e)
            }
            Node::Text { text, .. } if text.trim().is_empty() => {}
            Node::Comment { .. } => {}
            _ => return None,
        }
    }
    found
}

fn code_block(pre: &Element, span_of: SpanOf) -> CodeBlock {
    let mut meta = meta(pre, span_of);
    let code = pre.children.iter().find_map(|c| match c {
        Node::Element(e) if e.tag == "code" => Some(e),
        _ => None,
    });
    let Some(code) = code else {
        return CodeBlock {
            language: String::new(),
            class: String::new(),
            text: pre.text_content(),
            line_numbers: None,
            start_line: 1,
            steps: vec![Default::default()],
            step_fragments: Vec::new(),
            meta,
        };
    };
    let code_meta = self::meta(code, span_of);
    for (k, v) in code_meta.attrs.iter() {
        if k != "class" {
            meta.attrs.set(k, v);
        }
    }
    meta.fragment = meta.fragment.or(code_meta.fragment);
    let line_numbers = code.attrs.get("data-line-numbers").map(str::to_string);
    let language = code
        .attrs
        .classes()
        .find(|c| *c != "hljs")
        .map(|c| c.strip_prefix("language-").unwrap_or(c).to_string())
        .unwrap_or_default();
    CodeBlock {
        language,
        class: code.attrs.get("class").unwrap_or("").to_string(),
        text: code.text_content(),
        steps: parse_highlight_steps(line_numbers.as_deref().unwrap_or("")),
        start_line: code
            .attrs
            .get("data-ln-start-from")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .map_or(1, |n| n.min(1 << 32)),
        line_numbers,
        step_fragments: code
            .attrs
            .get(CODE_STEPS_ATTR)
            .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_default(),
        meta,
    }
}

fn table(el: &Element, span_of: SpanOf) -> Table {
    let mut rows: Vec<(bool, &Element)> = Vec::new();
    fn gather<'a>(el: &'a Element, head: bool, rows: &mut Vec<(bool, &'a Element)>) {
        for c in &el.children {
            if let Node::Element(e) = c {
                match e.tag.as_str() {
                    "tr" => rows.push((head, e)),
                    "thead" => gather(e, true, rows),
                    "tbody" | "tfoot" => gather(e, false, rows),
                    _ => {}
                }
            }
        }
    }
    gather(el, false, &mut rows);
    fn cells(tr: &Element) -> Vec<&Element> {
        tr.children
            .iter()
            .filter_map(|c| match c {
                Node::Element(e) if e.tag == "td" || e.tag == "th" => Some(e),
                _ => None,
            })
            .collect()
    }
    let mut head = Vec::new();
    let mut body = Vec::new();
    let mut alignments = Vec::new();
    for (is_head, tr) in rows {
        let cs = cells(tr);
        let is_head = is_head
            || (head.is_empty()
                && body.is_empty()
                && cs.iter().all(|c| c.tag == "th")
                && !cs.is_empty());
        if alignments.is_empty() {
            alignments = cs
                .iter()
                .map(|c| {
                    let a = c.attrs.get("align").map(str::to_string).or_else(|| {
                        c.attrs.get("style").and_then(|s| {
                            super::style::Style::parse(s)
                                .text_align()
                                .map(str::to_string)
                        })
                    });
                    match a.as_deref().map(str::to_ascii_lowercase).as_deref() {
                        Some("left") => Align::Left,
                        Some("center") => Align::Center,
                        Some("right") => Align::Right,
                        _ => Align::None,
                    }
                })
                .collect();
        }
        let row: Vec<Vec<Inline>> = cs
            .iter()
            .map(|c| trim_inlines(inlines(&c.children, span_of)))
            .collect();
        if is_head && head.is_empty() {
            head = row;
        } else {
            body.push(row);
        }
    }
    Table {
        alignments,
        head,
        rows: body,
        meta: meta(el, span_of),
    }
}

fn image(el: &Element, span_of: SpanOf) -> Image {
    Image {
        src: el
            .attrs
            .get("src")
            .or_else(|| el.attrs.get("data-src"))
            .unwrap_or("")
            .to_string(),
        alt: el.attrs.get("alt").unwrap_or("").to_string(),
        meta: meta(el, span_of),
    }
}

fn inlines(children: &[Node], span_of: SpanOf) -> Vec<Inline> {
    inlines_of(children.iter(), span_of)
}

fn inlines_of<'a>(children: impl Iterator<Item = &'a Node>, span_of: SpanOf) -> Vec<Inline> {
    let mut out = Vec::new();
    for child in children {
        match child {
            Node::Text { text, offset } => out.push(Inline::Text {
                text: text.clone(),
                span: span_of(*offset),
            }),
            Node::Comment { .. } => {}
            Node::Element(e) if is_hidden(&e.tag) || is_notes(e) => {}
            Node::Element(e) => out.push(inline(e, span_of)),
        }
    }
    out
}

fn inline(el: &Element, span_of: SpanOf) -> Inline {
    let content = || inlines(&el.children, span_of);
    let m = || meta(el, span_of);
    match el.tag.as_str() {
        "em" | "i" => Inline::Emphasis {
            content: content(),
            meta: m(),
        },
        "strong" | "b" => Inline::Strong {
            content: content(),
            meta: m(),
        },
        "del" | "s" | "strike" => Inline::Strikethrough {
            content: content(),
            meta: m(),
        },
        "code" | "kbd" | "samp" | "tt" => Inline::Code {
            text: el.text_content(),
            meta: m(),
        },
        "a" => Inline::Link {
            href: el.attrs.get("href").unwrap_or("").to_string(),
            content: content(),
            meta: m(),
        },
        "img" => Inline::Image(image(el, span_of)),
        "br" => Inline::LineBreak { meta: m() },
        "rostra-math" => Inline::Math {
            tex: el.text_content(),
            meta: m(),
        },
        tag => Inline::Span {
            tag: tag.to_string(),
            content: content(),
            meta: m(),
        },
    }
}
