//! Markdown → DOM, as reveal.js gets it from marked: pulldown-cmark events become the elements
//! marked would write (with reveal.js's code-fence renderer), raw HTML goes through `html`, and
//! bare URLs become links as GFM's autolinks do.

use super::dom::{Element, TreeBuilder};
use super::html;
use super::model::Attributes;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::OnceLock;

/// reveal.js's `CODE_LINE_NUMBER_REGEX`, searched in a fence's info string.
pub(crate) fn code_line_number_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // A constant pattern: it compiles, and a test below proves it.
        Regex::new(r"\[\s*((\d*):)?\s*([\s\d,|-]*)\]").unwrap_or_else(|_| unreachable!())
    })
}

fn autolink_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<]*[^\s<?!.,:*_~]")
            .unwrap_or_else(|_| unreachable!())
    })
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
}

fn attrs(pairs: &[(&str, &str)]) -> Attributes {
    let mut a = Attributes::default();
    for (k, v) in pairs {
        a.set(k, v);
    }
    a
}

/// Whether the byte at `at` is escaped: preceded by an odd number of backslashes.
fn escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&c| c == b'\\')
        .count()
        % 2
        == 1
}

/// The byte ranges of code in `md` (fenced blocks and backtick spans), where KaTeX's
/// auto-render looks for no delimiters (it skips `<pre>` and `<code>`).
fn code_ranges(md: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut fence: Option<(u8, usize, usize)> = None;
    let mut line_start = 0;
    for line in md.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        let run = |c: u8| body.bytes().take_while(|&b| b == c).count();
        match fence {
            Some((c, n, start))
                if indent < 4 && run(c) >= n && body[run(c)..].trim().is_empty() =>
            {
                out.push(start..line_start + line.len());
                fence = None;
            }
            Some(_) => {}
            None if indent < 4 && (run(b'`') >= 3 || run(b'~') >= 3) => {
                let c = if run(b'`') >= 3 { b'`' } else { b'~' };
                fence = Some((c, run(c), line_start));
            }
            None => {}
        }
        line_start += line.len();
    }
    if let Some((_, _, start)) = fence {
        out.push(start..md.len());
    }
    // Backtick spans outside the fences: a run of n backticks up to the next run of n.
    let bytes = md.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(r) = out.iter().find(|r| r.contains(&i)) {
            i = r.end;
            continue;
        }
        if bytes[i] == b'`' && !escaped(bytes, i) {
            let n = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            let mut j = i + n;
            let mut close = None;
            while j < bytes.len() {
                if bytes[j] == b'`' {
                    let m = bytes[j..].iter().take_while(|&&b| b == b'`').count();
                    if m == n {
                        close = Some(j + m);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match close {
                Some(end) => {
                    out.push(i..end);
                    i = end;
                }
                None => i += n,
            }
            continue;
        }
        i += 1;
    }
    out
}

/// KaTeX's other delimiters, `\(…\)` and `\[…\]`, rewritten as `$$…$$` before Markdown
/// sees them (so `_` and `*` inside stay TeX, and Markdown's escapes do not eat the
/// backslashes); `$$` is as long as `\(`, so every offset still points into the deck. Also
/// gives where each formula that was inline (`\(`) starts. A formula ends at its closing
/// delimiter within the same paragraph, outside code.
fn paren_math(md: &str) -> (std::borrow::Cow<'_, str>, Vec<usize>) {
    if !md.contains("\\(") && !md.contains("\\[") {
        return (std::borrow::Cow::Borrowed(md), Vec::new());
    }
    let code = code_ranges(md);
    let mut bytes = md.as_bytes().to_vec();
    let mut inline = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if let Some(r) = code.iter().find(|r| r.contains(&i)) {
            i = r.end;
            continue;
        }
        let close = match (bytes[i], bytes[i + 1]) {
            (b'\\', b'(') if !escaped(&bytes, i) => b')',
            (b'\\', b'[') if !escaped(&bytes, i) => b']',
            _ => {
                i += 1;
                continue;
            }
        };
        let mut j = i + 2;
        let mut end = None;
        while j + 1 < bytes.len() {
            if bytes[j] == b'\n'
                && md[j + 1..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with('\n')
            {
                break;
            }
            if bytes[j] == b'\\' && bytes[j + 1] == close && !escaped(&bytes, j) {
                end = Some(j);
                break;
            }
            j += 1;
        }
        match end {
            Some(j) if j > i + 2 => {
                for k in [i, i + 1, j, j + 1] {
                    bytes[k] = b'$';
                }
                if close == b')' {
                    inline.push(i);
                }
                i = j + 2;
            }
            _ => i += 2,
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    let text = String::from_utf8(bytes).unwrap_or_else(|_| md.to_string());
    (std::borrow::Cow::Owned(text), inline)
}

/// `md` with each formula turned into a code span of its source, delimiters included: for
/// speaker notes shown by a Markdown viewer that knows no math, so `_` and `*` inside a
/// formula stay as written instead of turning into emphasis.
pub fn math_as_code(md: &str) -> String {
    let (text, _) = paren_math(md);
    let mut out = String::with_capacity(md.len() + 16);
    let mut last = 0;
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        if !matches!(event, Event::InlineMath(_) | Event::DisplayMath(_)) || range.start < last {
            continue;
        }
        let (Some(before), Some(source)) = (md.get(last..range.start), md.get(range.clone()))
        else {
            continue;
        };
        out.push_str(before);
        let longest = source.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = if source.starts_with('`') || source.ends_with('`') {
            " "
        } else {
            ""
        };
        for part in [fence.as_str(), pad, source, pad, fence.as_str()] {
            out.push_str(part);
        }
        last = range.end;
    }
    out.push_str(md.get(last..).unwrap_or(""));
    out
}

/// Converts `md`, which starts at byte `base` of the deck, into children of the builder's root.
pub(crate) fn feed(md: &str, base: usize, b: &mut TreeBuilder) {
    let (md, inline_math) = paren_math(md);
    let mut w = Walker {
        base,
        inline_math,
        b,
        text: String::new(),
        text_offset: 0,
        no_autolink: 0,
        image_alt: None,
        html_block: None,
        code: None,
        in_head: false,
        aligns: Vec::new(),
        cell: 0,
    };
    for (event, range) in Parser::new_ext(&md, options()).into_offset_iter() {
        w.event(event, base + range.start);
    }
    w.flush();
}

struct Walker<'b> {
    b: &'b mut TreeBuilder,
    /// Where the Markdown starts in the deck.
    base: usize,
    /// Where the `\(…\)` formulas (rewritten as `$$…$$`) start, relative to `base`.
    inline_math: Vec<usize>,
    text: String,
    text_offset: usize,
    /// Depth of links and code, inside which bare URLs stay text.
    no_autolink: usize,
    /// Alt text gathered while inside an image: (src, title, alt, offset).
    image_alt: Option<(String, String, String, usize)>,
    html_block: Option<(String, usize)>,
    code: Option<(Attributes, String, usize)>,
    in_head: bool,
    aligns: Vec<Alignment>,
    cell: usize,
}

impl Walker<'_> {
    fn start(&mut self, tag: &str, a: Attributes, offset: usize) {
        self.flush();
        self.b.start(Element::new(tag, a, offset, false), false);
    }

    fn end(&mut self, tag: &str, offset: usize) {
        self.flush();
        self.b.end(tag, offset, false);
        if super::dom::closes_paragraph(tag)
            || matches!(tag, "li" | "thead" | "tbody" | "tr" | "th" | "td")
        {
            // marked writes a line break after each block it closes; textContent keeps it.
            self.b.text("\n", offset);
        }
    }

    /// Opens a container after which marked writes a line break.
    fn start_line(&mut self, tag: &str, a: Attributes, offset: usize) {
        self.start(tag, a, offset);
        self.b.text("\n", offset);
    }

    fn void(&mut self, tag: &str, a: Attributes, offset: usize) {
        self.flush();
        self.b.start(Element::new(tag, a, offset, false), true);
    }

    fn push_text(&mut self, text: &str, offset: usize) {
        if let Some((_, _, alt, _)) = &mut self.image_alt {
            alt.push_str(text);
            return;
        }
        if self.text.is_empty() {
            self.text_offset = offset;
        }
        self.text.push_str(text);
    }

    fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let offset = self.text_offset;
        if self.no_autolink > 0 {
            self.b.text(&text, offset);
            return;
        }
        let mut last = 0;
        for m in autolink_regex().find_iter(&text) {
            let mut url = m.as_str();
            // An unbalanced closing parenthesis belongs to the sentence, not the link.
            while url.ends_with(')') && url.matches(')').count() > url.matches('(').count() {
                url = &url[..url.len() - 1];
            }
            self.b.text(&text[last..m.start()], offset + last);
            let href = if url.to_ascii_lowercase().starts_with("www.") {
                format!("http://{url}")
            } else {
                url.to_string()
            };
            let at = offset + m.start();
            self.b.start(
                Element::new("a", attrs(&[("href", &href)]), at, false),
                false,
            );
            self.b.text(url, at);
            self.b.end("a", at, false);
            last = m.start() + url.len();
        }
        self.b.text(&text[last..], offset + last);
    }

    fn event(&mut self, event: Event<'_>, at: usize) {
        if let Some((_, text, _)) = &mut self.code {
            match event {
                Event::Text(t) => {
                    text.push_str(&t);
                    return;
                }
                Event::End(TagEnd::CodeBlock) => {}
                _ => return,
            }
        }
        if self.image_alt.is_some() {
            match event {
                Event::Text(_) | Event::Code(_) | Event::End(TagEnd::Image) => {}
                Event::SoftBreak => {
                    self.push_text(" ", at);
                    return;
                }
                _ => return,
            }
        }
        if let Some((html, _)) = &mut self.html_block {
            match event {
                Event::Html(t) | Event::Text(t) => {
                    html.push_str(&t);
                    return;
                }
                Event::End(TagEnd::HtmlBlock) => {}
                _ => return,
            }
        }
        match event {
            Event::Start(tag) => self.start_tag(tag, at),
            Event::End(tag) => self.end_tag(tag, at),
            Event::Text(t) => self.push_text(&t, at),
            Event::Code(t) => {
                if let Some((_, _, alt, _)) = &mut self.image_alt {
                    alt.push_str(&t);
                    return;
                }
                self.start("code", Attributes::default(), at);
                self.b.text(&t, at);
                self.end("code", at);
            }
            Event::InlineMath(t) => self.math(&t, false, at),
            Event::DisplayMath(t) => {
                let inline = at
                    .checked_sub(self.base)
                    .is_some_and(|rel| self.inline_math.contains(&rel));
                self.math(&t, !inline, at)
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                self.flush();
                html::feed(&t, at, self.b);
            }
            Event::SoftBreak => self.push_text("\n", at),
            Event::HardBreak => self.void("br", Attributes::default(), at),
            Event::Rule => {
                self.void("hr", Attributes::default(), at);
                self.b.text("\n", at);
            }
            Event::TaskListMarker(checked) => {
                let mut a = attrs(&[("type", "checkbox"), ("disabled", "")]);
                if checked {
                    a.set("checked", "");
                }
                self.void("input", a, at);
            }
            Event::FootnoteReference(t) => self.push_text(&format!("[^{t}]"), at),
        }
    }

    fn math(&mut self, tex: &str, display: bool, at: usize) {
        let a = if display {
            attrs(&[("class", "math display")])
        } else {
            attrs(&[("class", "math inline")])
        };
        self.start("rostra-math", a, at);
        self.b.text(tex, at);
        self.end("rostra-math", at);
    }

    fn start_tag(&mut self, tag: Tag<'_>, at: usize) {
        let none = Attributes::default;
        match tag {
            Tag::Paragraph => self.start("p", none(), at),
            Tag::Heading { level, .. } => {
                let n = match level {
                    HeadingLevel::H1 => "h1",
                    HeadingLevel::H2 => "h2",
                    HeadingLevel::H3 => "h3",
                    HeadingLevel::H4 => "h4",
                    HeadingLevel::H5 => "h5",
                    HeadingLevel::H6 => "h6",
                };
                self.start(n, none(), at);
            }
            Tag::BlockQuote(_) => self.start_line("blockquote", none(), at),
            Tag::CodeBlock(kind) => {
                self.flush();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((code_attributes(&info), String::new(), at));
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html_block = Some((String::new(), at));
            }
            Tag::List(Some(start)) => {
                let a = if start == 1 {
                    none()
                } else {
                    attrs(&[("start", &start.to_string())])
                };
                self.start_line("ol", a, at);
            }
            Tag::List(None) => self.start_line("ul", none(), at),
            Tag::Item => self.start("li", none(), at),
            Tag::Table(aligns) => {
                self.aligns = aligns;
                self.start_line("table", none(), at);
            }
            Tag::TableHead => {
                self.in_head = true;
                self.cell = 0;
                self.start_line("thead", none(), at);
                self.start_line("tr", none(), at);
            }
            Tag::TableRow => {
                if !self.b.is_open("tbody") {
                    self.start("tbody", none(), at);
                }
                self.cell = 0;
                self.start_line("tr", none(), at);
            }
            Tag::TableCell => {
                let align = match self.aligns.get(self.cell) {
                    Some(Alignment::Left) => Some("left"),
                    Some(Alignment::Center) => Some("center"),
                    Some(Alignment::Right) => Some("right"),
                    _ => None,
                };
                let a = align.map(|al| attrs(&[("align", al)])).unwrap_or_default();
                let t = if self.in_head { "th" } else { "td" };
                self.start(t, a, at);
            }
            Tag::Emphasis => self.start("em", none(), at),
            Tag::Strong => self.start("strong", none(), at),
            Tag::Strikethrough => self.start("del", none(), at),
            Tag::Superscript => self.start("sup", none(), at),
            Tag::Subscript => self.start("sub", none(), at),
            Tag::Link {
                dest_url, title, ..
            } => {
                let mut a = attrs(&[("href", &dest_url)]);
                if !title.is_empty() {
                    a.set("title", &title);
                }
                self.no_autolink += 1;
                self.start("a", a, at);
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.flush();
                self.image_alt = Some((dest_url.to_string(), title.to_string(), String::new(), at));
            }
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.start("div", none(), at),
        }
    }

    fn end_tag(&mut self, tag: TagEnd, at: usize) {
        match tag {
            TagEnd::Paragraph => self.end("p", at),
            TagEnd::Heading(level) => {
                let n = format!("h{}", level as usize);
                self.end(&n, at);
            }
            TagEnd::BlockQuote(_) => self.end("blockquote", at),
            TagEnd::CodeBlock => {
                if let Some((a, mut text, offset)) = self.code.take() {
                    if text.ends_with('\n') {
                        text.pop();
                    }
                    self.b.start(
                        Element::new("pre", Attributes::default(), offset, false),
                        false,
                    );
                    self.b.start(Element::new("code", a, offset, false), false);
                    self.b.text(&text, offset);
                    self.b.end("code", at, false);
                    self.b.end("pre", at, false);
                    self.b.text("\n", at);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((text, offset)) = self.html_block.take() {
                    html::feed(&text, offset, self.b);
                }
            }
            TagEnd::List(true) => self.end("ol", at),
            TagEnd::List(false) => self.end("ul", at),
            TagEnd::Item => self.end("li", at),
            TagEnd::Table => {
                if self.b.is_open("tbody") {
                    self.end("tbody", at);
                }
                self.end("table", at);
            }
            TagEnd::TableHead => {
                self.end("tr", at);
                self.end("thead", at);
                self.in_head = false;
            }
            TagEnd::TableRow => self.end("tr", at),
            TagEnd::TableCell => {
                let t = if self.in_head { "th" } else { "td" };
                self.end(t, at);
                self.cell += 1;
            }
            TagEnd::Emphasis => self.end("em", at),
            TagEnd::Strong => self.end("strong", at),
            TagEnd::Strikethrough => self.end("del", at),
            TagEnd::Superscript => self.end("sup", at),
            TagEnd::Subscript => self.end("sub", at),
            TagEnd::Link => {
                self.end("a", at);
                self.no_autolink = self.no_autolink.saturating_sub(1);
            }
            TagEnd::Image => {
                if let Some((src, title, alt, offset)) = self.image_alt.take() {
                    let mut a = attrs(&[("src", &src), ("alt", &alt)]);
                    if !title.is_empty() {
                        a.set("title", &title);
                    }
                    self.void("img", a, offset);
                }
            }
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.end("div", at),
        }
    }
}

/// The `<code>` attributes reveal.js's fence renderer writes: `data-line-numbers` and
/// `data-ln-start-from` from a `[N: steps]` in the info string, the rest as `class`.
pub(crate) fn code_attributes(info: &str) -> Attributes {
    let mut a = Attributes::default();
    let re = code_line_number_regex();
    let mut language = info.to_string();
    if let Some(c) = re.captures(info) {
        let ln = c.get(3).map(|m| m.as_str().trim()).unwrap_or("");
        a.set("data-line-numbers", ln);
        if let Some(start) = c
            .get(2)
            .map(|m| m.as_str().trim())
            .filter(|s| !s.is_empty())
        {
            a.set("data-ln-start-from", start);
        }
        language = re.replace(info, "").trim().to_string();
    }
    a.set("class", &language);
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Node;

    fn dom(md: &str) -> Element {
        let mut b = TreeBuilder::new(Element::new("section", Attributes::default(), 0, false));
        feed(md, 0, &mut b);
        b.finish().0
    }

    fn tags(el: &Element) -> Vec<String> {
        let mut out = Vec::new();
        el.walk(&mut |e| out.push(e.tag.clone()));
        out
    }

    #[test]
    fn fence_info_gives_reveal_code_attributes() {
        let a = code_attributes("python [1:0|1-3|5-7|9-11]");
        assert_eq!(a.get("data-line-numbers"), Some("0|1-3|5-7|9-11"));
        assert_eq!(a.get("data-ln-start-from"), Some("1"));
        assert_eq!(a.get("class"), Some("python"));
        let a = code_attributes("js []");
        assert_eq!(a.get("data-line-numbers"), Some(""));
        assert_eq!(a.get("data-ln-start-from"), None);
        let a = code_attributes("rust");
        assert!(!a.has("data-line-numbers"));
    }

    #[test]
    fn html_block_wraps_following_markdown_like_a_browser() {
        let root = dom("<div style=\"display:flex\">\n\n- a\n- b\n\n</div>\n");
        assert_eq!(tags(&root), vec!["section", "div", "ul", "li", "li"]);
    }

    #[test]
    fn bare_urls_become_links_as_in_gfm() {
        let root = dom("## https://areyouhere.today/ <!-- .element: x -->");
        assert_eq!(tags(&root), vec!["section", "h2", "a"]);
        let Some(Node::Element(h2)) = root.children.first() else {
            panic!()
        };
        assert!(
            matches!(&h2.children[0], Node::Element(a) if a.attrs.get("href") == Some("https://areyouhere.today/"))
        );
        assert!(matches!(&h2.children.last(), Some(Node::Comment { .. })));
    }

    #[test]
    fn image_alt_is_gathered_not_shown() {
        let root = dom("![Dining *Philosophers*](d.png)");
        let mut found = None;
        root.walk(&mut |e| {
            if e.tag == "img" {
                found = Some(e.attrs.clone());
            }
        });
        let a = found.unwrap();
        assert_eq!(a.get("src"), Some("d.png"));
        assert_eq!(a.get("alt"), Some("Dining Philosophers"));
        assert_eq!(root.text_content().trim(), "");
    }

    /// The formulas in `md`: (display, TeX), in order.
    fn maths(md: &str) -> Vec<(bool, String)> {
        let mut out = Vec::new();
        dom(md).walk(&mut |e| {
            if e.tag == "rostra-math" {
                out.push((e.attrs.has_class("display"), e.text_content()));
            }
        });
        out
    }

    #[test]
    fn all_four_katex_delimiters_are_math_with_markdown_left_out_of_them() {
        let m = maths("a $x_1 * y_2$ b \\(p_1 * q_2\\) c\n\n$$a_1 b_2$$\n\n\\[\\sum_i *x*\\]\n");
        assert_eq!(
            m,
            vec![
                (false, "x_1 * y_2".to_string()),
                (false, "p_1 * q_2".to_string()),
                (true, "a_1 b_2".to_string()),
                (true, "\\sum_i *x*".to_string()),
            ]
        );
    }

    #[test]
    fn money_and_code_are_not_math() {
        assert!(maths("costs $5 and $6 today").is_empty());
        assert!(maths("`\\(x\\)` and ``a \\[y\\] b``").is_empty());
        assert!(maths("```\n\\(x\\)\n```\n").is_empty());
        // An escaped backslash opens nothing; a formula does not run past its paragraph.
        assert!(maths("\\\\(x\\)").is_empty());
        assert!(maths("\\(x\n\ny\\)").is_empty());
    }

    #[test]
    fn the_rewrite_keeps_every_offset() {
        let md = "a \\(x\\) b \\[y\\] é";
        let (out, inline) = paren_math(md);
        assert_eq!(out.len(), md.len());
        assert_eq!(out, "a $$x$$ b $$y$$ é");
        assert_eq!(inline, vec![2]);
    }

    #[test]
    fn notes_show_formulas_as_code_of_their_source() {
        assert_eq!(
            math_as_code("Say $a_1 * b_2$ and \\(x_1\\), then *this*.\n\n$$c_1$$\n"),
            "Say `$a_1 * b_2$` and `\\(x_1\\)`, then *this*.\n\n`$$c_1$$`\n"
        );
        assert_eq!(math_as_code("costs $5 and $6"), "costs $5 and $6");
    }
}
