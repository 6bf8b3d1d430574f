//! Where a slide's images come from, and which of those names rostra may read: the one
//! enumeration (inline images, then the background) and the one "is this remote" rule that the
//! loader, export, `rostra check` and the file watcher all use. Pure: strings in, strings out.

use super::{Block, Slide, Span};

/// A video a slide plays: an inline `<video>` or the slide's `data-background-video`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VideoRef<'a> {
    /// The source as written (`src` of the element or its first `<source>`).
    pub src: &'a str,
    /// Whether it starts when its slide is shown (`data-autoplay`/`autoplay`; backgrounds
    /// always do, as in reveal.js).
    pub autoplay: bool,
    /// Whether it starts again when it ends (`loop`, `data-background-video-loop`).
    pub looped: bool,
    /// Where it is written.
    pub span: Span,
}

/// An embedded page a slide shows: an `<iframe>` or the slide's `data-background-iframe`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IframeRef<'a> {
    /// The page's address (`src`, or reveal.js's lazy-loading `data-src`).
    pub src: &'a str,
    /// Where it is written.
    pub span: Span,
}

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

    /// Every image and video the slide shows, with where it is written: inline and block
    /// images in document order, then videos, then the background image (written at the
    /// slide's start). Videos are pictures to the loader: a first frame, then playing frames.
    pub fn image_sources_at(&self) -> Vec<(&str, Span)> {
        let mut out: Vec<(&str, Span)> = self
            .images()
            .into_iter()
            .map(|i| (i.src.as_str(), i.meta.span))
            .collect();
        out.extend(self.videos().into_iter().map(|v| (v.src, v.span)));
        out.extend(self.background_image().map(|bg| (bg, self.span)));
        out
    }

    /// The `<video>` elements with a source, in document order, then `data-background-video`.
    pub fn videos(&self) -> Vec<VideoRef<'_>> {
        let mut out = Vec::new();
        self.visit_blocks(&mut |b| {
            if let Block::Html { tag, meta, .. } = b
                && tag == "video"
                && let Some(src) = meta.attrs.get("src").or_else(|| meta.attrs.get("data-src"))
                && !src.trim().is_empty()
            {
                out.push(VideoRef {
                    src,
                    autoplay: meta.attrs.has("data-autoplay") || meta.attrs.has("autoplay"),
                    looped: meta.attrs.has("loop"),
                    span: meta.span,
                });
            }
        });
        if let Some(src) = self
            .attributes
            .get("data-background-video")
            .filter(|s| !s.trim().is_empty())
        {
            out.push(VideoRef {
                src,
                autoplay: true,
                looped: self.attributes.has("data-background-video-loop"),
                span: self.span,
            });
        }
        out
    }

    /// The `<iframe>` elements with an address, in document order, then
    /// `data-background-iframe`.
    pub fn iframes(&self) -> Vec<IframeRef<'_>> {
        let mut out = Vec::new();
        self.visit_blocks(&mut |b| {
            if let Block::Html { tag, meta, .. } = b
                && tag == "iframe"
                && let Some(src) = meta.attrs.get("src").or_else(|| meta.attrs.get("data-src"))
                && !src.trim().is_empty()
            {
                out.push(IframeRef {
                    src,
                    span: meta.span,
                });
            }
        });
        if let Some(src) = self
            .attributes
            .get("data-background-iframe")
            .filter(|s| !s.trim().is_empty())
        {
            out.push(IframeRef {
                src,
                span: self.span,
            });
        }
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
    fn videos_and_iframes_are_found_with_their_playing_attributes() {
        let md = "<video data-autoplay loop>\n<source src=\"clip.webm\" type=\"video/webm\">\n</video>\n\n<iframe data-src=\"https://example.org/demo\"></iframe>\n\n---\n\n<!-- .slide: data-background-video=\"bg.mp4\" data-background-iframe=\"https://example.org/\" -->\n\n<video src=\"still.mp4\"></video>\n";
        let deck = parse(md, &Options::default()).expect("parses");
        let v0 = deck.slides[0].videos();
        assert_eq!(v0.len(), 1, "{v0:?}");
        assert_eq!(
            (v0[0].src, v0[0].autoplay, v0[0].looped),
            ("clip.webm", true, true)
        );
        let v1: Vec<_> = deck.slides[1]
            .videos()
            .iter()
            .map(|v| (v.src, v.autoplay))
            .collect();
        assert_eq!(v1, [("still.mp4", false), ("bg.mp4", true)]);
        assert_eq!(deck.slides[0].iframes()[0].src, "https://example.org/demo");
        assert_eq!(deck.slides[1].iframes()[0].src, "https://example.org/");
        assert!(deck.slides[1].image_sources().contains(&"bg.mp4"));
    }

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
