//! A small DOM: what a browser builds from the HTML that marked and a deck's raw HTML produce.
//! reveal.js applies `.element`/`.slide` comments and finds fragments on this tree, so rostra
//! does too, then lowers it into the typed model.

use super::model::Attributes;

/// A node of the tree.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    /// An element with children.
    Element(Element),
    /// A text node; `offset` is the byte offset of its source.
    Text { text: String, offset: usize },
    /// A comment node (`<!-- ... -->`), where reveal.js reads directives.
    Comment { text: String, offset: usize },
}

/// An element: tag, attributes, children and where it came from.
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct Element {
    pub tag: String,
    pub attrs: Attributes,
    pub children: Vec<Node>,
    pub offset: usize,
    /// Written as raw HTML in the deck (rather than made from Markdown).
    pub raw: bool,
}

impl Element {
    pub fn new(tag: &str, attrs: Attributes, offset: usize, raw: bool) -> Self {
        Element {
            tag: tag.to_string(),
            attrs,
            children: Vec::new(),
            offset,
            raw,
        }
    }

    /// Appends a text node, merging it into a text node just before it.
    pub fn push_text(&mut self, text: &str, offset: usize) {
        if text.is_empty() {
            return;
        }
        if let Some(Node::Text { text: prev, .. }) = self.children.last_mut() {
            prev.push_str(text);
        } else {
            self.children.push(Node::Text {
                text: text.to_string(),
                offset,
            });
        }
    }

    /// The concatenated text of every descendant text node (the DOM's `textContent`).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.push_text_content(&mut out);
        out
    }

    fn push_text_content(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text { text, .. } => out.push_str(text),
                Node::Element(e) => e.push_text_content(out),
                Node::Comment { .. } => {}
            }
        }
    }

    /// Visits this element and every descendant element in document order.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Element)) {
        f(self);
        for child in &self.children {
            if let Node::Element(e) = child {
                e.walk(f);
            }
        }
    }

    /// The element at `path` (child indices from this one).
    pub fn at_path_mut(&mut self, path: &[usize]) -> Option<&mut Element> {
        let mut el = self;
        for &i in path {
            match el.children.get_mut(i) {
                Some(Node::Element(e)) => el = e,
                _ => return None,
            }
        }
        Some(el)
    }
}

/// Elements that never have children.
pub(crate) fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose start tag closes an open `<p>`, as the HTML parser does.
pub(crate) fn closes_paragraph(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
    )
}

/// What the tree builder noticed about the deck's raw HTML.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct HtmlIssues {
    /// Raw elements never closed: tag and offset.
    pub unclosed: Vec<(String, usize)>,
    /// End tags with no open element: tag and offset.
    pub stray_ends: Vec<(String, usize)>,
}

/// Builds a tree from start tags, end tags, text and comments, recovering as browsers do.
pub(crate) struct TreeBuilder {
    stack: Vec<Element>,
    pub issues: HtmlIssues,
}

/// Deeper nesting than this is flattened: no deck needs it, and it keeps recursion bounded.
const MAX_DEPTH: usize = 100;

impl TreeBuilder {
    pub fn new(root: Element) -> Self {
        TreeBuilder {
            stack: vec![root],
            issues: HtmlIssues::default(),
        }
    }

    fn top(&mut self) -> &mut Element {
        // The root is never popped, so the stack is never empty.
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn top_tag(&self) -> &str {
        self.stack.last().map(|e| e.tag.as_str()).unwrap_or("")
    }

    fn pop(&mut self) {
        if self.stack.len() > 1
            && let Some(el) = self.stack.pop()
        {
            self.top().children.push(Node::Element(el));
        }
    }

    /// Opens `el` (or adds it whole when it is void or self-closing).
    pub fn start(&mut self, el: Element, self_closing: bool) {
        if closes_paragraph(&el.tag) && self.top_tag() == "p" {
            self.pop();
        }
        if el.tag == "li" && self.top_tag() == "li" && el.raw {
            self.pop();
        }
        if is_void(&el.tag) || self_closing || self.stack.len() >= MAX_DEPTH {
            self.top().children.push(Node::Element(el));
        } else {
            self.stack.push(el);
        }
    }

    /// Closes the nearest open `tag`, implicitly closing what was opened inside it.
    pub fn end(&mut self, tag: &str, offset: usize, raw: bool) {
        let Some(pos) = self.stack.iter().rposition(|e| e.tag == tag) else {
            if raw {
                if tag == "br" {
                    self.start(
                        Element::new("br", Attributes::default(), offset, true),
                        true,
                    );
                } else {
                    self.issues.stray_ends.push((tag.to_string(), offset));
                }
            }
            return;
        };
        if pos == 0 {
            if raw {
                self.issues.stray_ends.push((tag.to_string(), offset));
            }
            return;
        }
        while self.stack.len() > pos + 1 {
            if let Some(inner) = self.stack.last()
                && inner.raw
                && raw
                && !matches!(inner.tag.as_str(), "p" | "li")
            {
                self.issues.unclosed.push((inner.tag.clone(), inner.offset));
            }
            self.pop();
        }
        self.pop();
    }

    /// Appends text to the open element.
    pub fn text(&mut self, text: &str, offset: usize) {
        self.top().push_text(text, offset);
    }

    /// Appends a comment to the open element.
    pub fn comment(&mut self, text: &str, offset: usize) {
        self.top().children.push(Node::Comment {
            text: text.to_string(),
            offset,
        });
    }

    /// Whether an element named `tag` is open.
    pub fn is_open(&self, tag: &str) -> bool {
        self.stack.iter().skip(1).any(|e| e.tag == tag)
    }

    /// Closes everything still open and returns the root.
    pub fn finish(mut self) -> (Element, HtmlIssues) {
        while self.stack.len() > 1 {
            if let Some(inner) = self.stack.last()
                && inner.raw
                && !matches!(inner.tag.as_str(), "p" | "li")
            {
                self.issues.unclosed.push((inner.tag.clone(), inner.offset));
            }
            self.pop();
        }
        let root = self.stack.pop().unwrap_or_default();
        (root, self.issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: &str) -> Element {
        Element::new(tag, Attributes::default(), 0, true)
    }

    #[test]
    fn end_tag_closes_inner_elements_and_reports_them() {
        let mut b = TreeBuilder::new(el("section"));
        b.start(el("div"), false);
        b.start(el("span"), false);
        b.text("x", 0);
        b.end("div", 0, true);
        let (root, issues) = b.finish();
        assert_eq!(root.children.len(), 1);
        assert_eq!(root.text_content(), "x");
        assert_eq!(issues.unclosed, vec![("span".to_string(), 0)]);
    }

    #[test]
    fn stray_end_tags_are_ignored_and_noted() {
        let mut b = TreeBuilder::new(el("section"));
        b.end("div", 3, true);
        let (root, issues) = b.finish();
        assert!(root.children.is_empty());
        assert_eq!(issues.stray_ends, vec![("div".to_string(), 3)]);
    }

    #[test]
    fn nesting_is_bounded() {
        let mut b = TreeBuilder::new(el("section"));
        for _ in 0..10_000 {
            b.start(el("div"), false);
        }
        let (root, _) = b.finish();
        let mut depth = 0;
        let mut cur = &root;
        while let Some(Node::Element(e)) = cur.children.first() {
            depth += 1;
            cur = e;
        }
        assert!(depth <= MAX_DEPTH);
    }
}
