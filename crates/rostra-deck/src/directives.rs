//! `<!-- .slide: ... -->` and `<!-- .element: ... -->`: reveal.js's `addAttributes` walk over
//! the slide's DOM, with its regexes and its rule for which element a comment lands on.

use super::dom::{Element, Node};
use regex::Regex;
use std::sync::OnceLock;

/// What the walk noticed about a comment that looked like a directive but set nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DirectiveIssue {
    pub offset: usize,
    pub message: String,
    pub fix: Option<String>,
}

fn element_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // reveal.js: '\.element\s*?(.+?)$' with flags 'mg'; JavaScript's '.' stops at any line end.
    RE.get_or_init(|| {
        Regex::new(r"(?m)\.element\s*?([^\n\r\x{2028}\x{2029}]+?)[\r\x{2028}\x{2029}]?$")
            .unwrap_or_else(|_| unreachable!())
    })
}

fn slide_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // reveal.js: '\.slide:\s*?(\S.+?)$' with flags 'mg'.
    RE.get_or_init(|| {
        Regex::new(r"(?m)\.slide:\s*?(\S[^\n\r\x{2028}\x{2029}]+?)[\r\x{2028}\x{2029}]?$")
            .unwrap_or_else(|_| unreachable!())
    })
}

/// Reads `name="value"` pairs (double quotes, non-empty value) and bare `data-*` names followed
/// by a space or a quote, scanning as reveal.js's `/([^"= ]+?)="([^"]+?)"|(data-[^"= ]+?)(?=[" ])/mg`.
pub(crate) fn parse_attribute_text(text: &str) -> Vec<(String, String)> {
    let is_name = |c: char| c != '"' && c != '=' && c != ' ';
    let mut out = Vec::new();
    let mut p = 0;
    while p < text.len() {
        let rest = &text[p..];
        // First alternative: a name, then `="`, a non-empty value, and `"`.
        let name_len: usize = rest
            .char_indices()
            .find(|&(_, c)| !is_name(c))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].starts_with("=\"") {
            let value_start = name_len + 2;
            if let Some(close) = rest[value_start..].find('"')
                && close > 0
            {
                out.push((
                    rest[..name_len].to_string(),
                    rest[value_start..value_start + close].to_string(),
                ));
                p += value_start + close + 1;
                continue;
            }
        }
        // Second alternative: `data-` and a name ended by a space or a quote.
        if let Some(after) = rest.strip_prefix("data-") {
            let n: usize = after
                .char_indices()
                .find(|&(_, c)| !is_name(c))
                .map(|(i, _)| i)
                .unwrap_or(after.len());
            if n > 0 && matches!(after[n..].chars().next(), Some('"') | Some(' ')) {
                out.push((rest[..5 + n].to_string(), String::new()));
                p += 5 + n;
                continue;
            }
        }
        p += rest.chars().next().map(char::len_utf8).unwrap_or(1);
    }
    out
}

enum Target {
    Slide,
    Element(Vec<usize>),
}

/// Applies every directive comment under `root` (the slide's `<section>`), in document order.
pub(crate) fn apply(root: &mut Element) -> Vec<DirectiveIssue> {
    let mut actions = Vec::new();
    let mut issues = Vec::new();
    let mut path = Vec::new();
    collect(root, &mut path, &mut actions, &mut issues);
    for (target, pairs) in actions {
        let el = match target {
            Target::Slide => Some(&mut *root),
            Target::Element(p) => root.at_path_mut(&p),
        };
        if let Some(el) = el {
            for (k, v) in pairs {
                el.attrs.set(&k, &v);
            }
        }
    }
    issues
}

fn collect(
    el: &Element,
    path: &mut Vec<usize>,
    actions: &mut Vec<(Target, Vec<(String, String)>)>,
    issues: &mut Vec<DirectiveIssue>,
) {
    for (i, child) in el.children.iter().enumerate() {
        match child {
            Node::Element(e) => {
                path.push(i);
                collect(e, path, actions, issues);
                path.pop();
            }
            Node::Comment { text, offset } => {
                if let Some(c) = element_regex().captures(text) {
                    let pairs = parse_attribute_text(c.get(1).map(|m| m.as_str()).unwrap_or(""));
                    note_empty(&pairs, text, *offset, issues);
                    let prev = el.children[..i]
                        .iter()
                        .rposition(|n| matches!(n, Node::Element(e) if e.tag != "br"));
                    let target = match prev {
                        Some(j) => {
                            if let Some(issue) = misplaced(el, j, i, *offset) {
                                issues.push(issue);
                            }
                            let mut p = path.clone();
                            p.push(j);
                            Target::Element(p)
                        }
                        None if path.is_empty() => {
                            issues.push(DirectiveIssue {
                                offset: *offset,
                                message: "this `.element` comment has no element before it: reveal.js applies it to the slide itself".into(),
                                fix: Some("write `<!-- .slide: ... -->` for the slide, or put the comment just after the element it is for".into()),
                            });
                            Target::Slide
                        }
                        None => Target::Element(path.clone()),
                    };
                    actions.push((target, pairs));
                } else if let Some(c) = slide_regex().captures(text) {
                    let pairs = parse_attribute_text(c.get(1).map(|m| m.as_str()).unwrap_or(""));
                    note_empty(&pairs, text, *offset, issues);
                    actions.push((Target::Slide, pairs));
                } else if text.trim_start().starts_with(".slide") {
                    issues.push(DirectiveIssue {
                        offset: *offset,
                        message: "`.slide` needs a colon (`<!-- .slide: class=\"x\" -->`); reveal.js ignores this comment".into(),
                        fix: None,
                    });
                }
            }
            Node::Text { .. } => {}
        }
    }
}

/// An `.element` comment at the end of a list item, paragraph or heading whose nearest element
/// is an inline one (bold, code, a link) after some text: reveal.js marks that inline element,
/// where the author most likely meant the whole item (reveal.js issues #1663, #3067).
fn misplaced(
    parent: &Element,
    target: usize,
    comment: usize,
    offset: usize,
) -> Option<DirectiveIssue> {
    const INLINE: &[&str] = &[
        "strong", "em", "b", "i", "code", "a", "span", "del", "s", "small", "sup", "sub", "mark",
    ];
    let container = matches!(
        parent.tag.as_str(),
        "li" | "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "td" | "th"
    );
    let Some(Node::Element(t)) = parent.children.get(target) else {
        return None;
    };
    if !container || !INLINE.contains(&t.tag.as_str()) {
        return None;
    }
    let text_before = parent.children[..target].iter().any(|n| {
        matches!(n, Node::Text { text, .. } if !text.trim().is_empty())
            || matches!(n, Node::Element(_))
    });
    let rest_blank = parent.children[comment + 1..]
        .iter()
        .all(|n| matches!(n, Node::Text { text, .. } if text.trim().is_empty()));
    (text_before && rest_blank).then(|| DirectiveIssue {
        offset,
        message: format!(
            "this `.element` comment marks the <{}> just before it, not the whole <{}> (reveal.js takes the nearest element)",
            t.tag, parent.tag
        ),
        fix: Some(format!(
            "to mark the <{}>, put the comment at its start, before the text",
            parent.tag
        )),
    })
}

fn note_empty(
    pairs: &[(String, String)],
    text: &str,
    offset: usize,
    issues: &mut Vec<DirectiveIssue>,
) {
    if pairs.is_empty() {
        let hint = if text.contains('\'') {
            " (values need double quotes)"
        } else {
            ""
        };
        issues.push(DirectiveIssue {
            offset,
            message: format!(
                "attribute comment `<!--{}-->` sets nothing{hint}",
                text.trim_end()
            ),
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_text_follows_reveal_regex() {
        assert_eq!(
            parse_attribute_text(r#": class="fragment" data-fragment-index="2" "#),
            vec![
                ("class".to_string(), "fragment".to_string()),
                ("data-fragment-index".to_string(), "2".to_string())
            ]
        );
        assert_eq!(
            parse_attribute_text(" data-auto-animate "),
            vec![("data-auto-animate".to_string(), String::new())]
        );
        // Single quotes and empty values are not read.
        assert!(parse_attribute_text(" class='x' id=\"\" ").is_empty());
        // Bare names other than data-* are not read; a bare data-* at the very end needs a space.
        assert!(parse_attribute_text(" hidden data-x").is_empty());
    }

    #[test]
    fn element_regex_takes_rest_of_line_colon_optional() {
        let c = element_regex()
            .captures(r#" .element style="height: 90%" "#)
            .unwrap();
        // `\s*?` is lazy, so the capture keeps the leading space, as in JavaScript.
        assert_eq!(&c[1], r#" style="height: 90%" "#);
        assert!(slide_regex().captures(" .slide class=\"x\" ").is_none());
    }
}
