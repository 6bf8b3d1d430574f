//! The HTML that decks write inline: tokenized with html5gum (a WHATWG tokenizer) and fed to
//! the tree builder, so `<div style="display:flex">` around Markdown nests as in a browser.

use super::dom::{Element, TreeBuilder};
use super::model::Attributes;
use html5gum::{DefaultEmitter, Token, Tokenizer};

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Feeds the raw HTML `html`, which starts at byte `base` of the deck, into `builder`.
pub(crate) fn feed(html: &str, base: usize, builder: &mut TreeBuilder) {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Lets `<style>` and `<script>` bodies stay text instead of turning into bogus tags.
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = lossy(&tag.name);
                let mut attrs = Attributes::default();
                for (k, v) in &tag.attributes {
                    attrs.set(&lossy(k), &lossy(&v.value));
                }
                let el = Element::new(&name, attrs, base + tag.span.start, true);
                builder.start(el, tag.self_closing);
            }
            Token::EndTag(tag) => builder.end(&lossy(&tag.name), base + tag.span.start, true),
            Token::String(s) => builder.text(&lossy(&s.value), base + s.span.start),
            Token::Comment(c) => builder.comment(&lossy(&c.value), base + c.span.start),
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Node;

    #[test]
    fn tags_text_and_comments_build_a_tree() {
        let mut b = TreeBuilder::new(Element::new("section", Attributes::default(), 0, false));
        feed(
            "<div class=\"a\" style='x:1'>t &amp; u<!-- .element: c --><br></div>",
            10,
            &mut b,
        );
        let (root, issues) = b.finish();
        assert!(issues.unclosed.is_empty());
        let Some(Node::Element(div)) = root.children.first() else {
            panic!("no div: {root:?}");
        };
        assert_eq!(div.attrs.get("class"), Some("a"));
        assert_eq!(div.attrs.get("style"), Some("x:1"));
        assert_eq!(div.offset, 10);
        assert_eq!(div.text_content(), "t & u");
        assert!(matches!(&div.children[1], Node::Comment { text, .. } if text == " .element: c "));
        assert!(matches!(&div.children[2], Node::Element(e) if e.tag == "br"));
    }
}
