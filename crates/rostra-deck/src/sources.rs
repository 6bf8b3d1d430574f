//! Where a slide's images come from, and which of those names rostra may read: the one
//! enumeration (inline images, then the background) and the one "is this remote" rule that the
//! loader, export, `rostra check` and the file watcher all use. Pure: strings in, strings out.

use super::{Slide, Span};

/// Extensions reveal.js takes for an image when they end a `data-background` value.
const IMAGE_EXTENSIONS: [&str; 7] = [".svg", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"];

/// Whether `src` names something rostra never reads (rostra works offline): a URL with a
/// scheme other than `file://`, a protocol-relative `//host/…`, or an inline `data:` URI.
pub fn is_remote(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    lower.starts_with("//")
        || lower.starts_with("data:")
        || (lower.contains("://") && !lower.starts_with("file://"))
}

/// The file path part of a local `src`, relative to the deck's folder: the query and
/// fragment dropped, a `file://` prefix taken off; `None` for a remote source.
pub fn local_part(src: &str) -> Option<&str> {
    if is_remote(src) {
        return None;
    }
    let rel = src.split(['?', '#']).next().unwrap_or(src);
    Some(rel.strip_prefix("file://").unwrap_or(rel))
}

/// Whether a `data-background` value names an image rather than a CSS colour or
/// background, by reveal.js's rule: it starts with `http`, `file` or `//`, or ends with an
/// image extension.
pub fn names_image(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    ["http", "file", "//"].iter().any(|p| v.starts_with(p))
        || IMAGE_EXTENSIONS.iter().any(|e| v.ends_with(e))
}

impl Slide {
    /// The slide's background image: `data-background-image`, or a `data-background` value
    /// that names an image.
    pub fn background_image(&self) -> Option<&str> {
        self.attributes.get("data-background-image").or_else(|| {
            self.attributes
                .get("data-background")
                .filter(|v| names_image(v))
        })
    }

    /// Every image the slide shows, with where it is written: inline and block images in
    /// document order, then the background (written at the slide's start).
    pub fn image_sources_at(&self) -> Vec<(&str, Span)> {
        let mut out: Vec<(&str, Span)> = self
            .images()
            .into_iter()
            .map(|i| (i.src.as_str(), i.meta.span))
            .collect();
        out.extend(self.background_image().map(|bg| (bg, self.span)));
        out
    }

    /// Every image the slide shows: [`Slide::image_sources_at`] without the places.
    pub fn image_sources(&self) -> Vec<&str> {
        self.image_sources_at()
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, parse};

    #[test]
    fn remote_means_any_scheme_but_file_protocol_relative_or_data() {
        for remote in [
            "http://example.org/a.png",
            "HTTPS://example.org/a.png",
            "ftp://example.org/a.png",
            "//cdn.example.org/a.png",
            "data:image/png;base64,AAAA",
        ] {
            assert!(is_remote(remote), "{remote}");
            assert_eq!(local_part(remote), None, "{remote}");
        }
        for local in ["a.png", "img/a.png", "./a.png", "file://a.png", "http.png"] {
            assert!(!is_remote(local), "{local}");
        }
        assert_eq!(local_part("img/a.png?v=2#top"), Some("img/a.png"));
        assert_eq!(local_part("file://img/a.png"), Some("img/a.png"));
    }

    #[test]
    fn a_data_background_names_an_image_by_reveals_rule() {
        assert!(names_image("bg.png"));
        assert!(names_image("photos/Bg.JPEG"));
        assert!(names_image("https://example.org/bg"));
        assert!(names_image("//cdn.example.org/bg"));
        assert!(!names_image("#224466"));
        assert!(!names_image("rgb(0, 0, 0)"));
        assert!(!names_image("linear-gradient(red, blue)"));
    }

    #[test]
    fn image_sources_are_inline_images_then_the_background() {
        let md = "![a](a.png) ![b](b.svg)\n\n---\n\n<!-- .slide: data-background=\"bg.png\" -->\n\n![c](c.png)\n\n---\n\n<!-- .slide: data-background-image=\"img.png\" data-background=\"other.png\" -->\n\n# Both\n\n---\n\n<!-- .slide: data-background=\"#123456\" -->\n\n# Colour\n";
        let deck = parse(md, &Options::default()).expect("parses");
        let sources: Vec<Vec<&str>> = deck.slides.iter().map(Slide::image_sources).collect();
        assert_eq!(
            sources,
            vec![
                vec!["a.png", "b.svg"],
                vec!["c.png", "bg.png"],
                vec!["img.png"],
                vec![],
            ]
        );
        let (_, at) = deck.slides[1].image_sources_at()[1];
        assert_eq!(at, deck.slides[1].span);
    }
}
