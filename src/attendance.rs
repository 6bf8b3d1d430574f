//! The attendance link: where it comes from (command line, front matter, or the deck's own
//! attendance slide), the links a speaker may pick instead, and its QR code as a module grid.

use crate::deck::{Block, Deck, Inline};
use thiserror::Error;

/// Where the attendance link was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--attendance URL`.
    CommandLine,
    /// Front matter `attendance:`.
    FrontMatter,
    /// The slide (index) whose only content besides headings is this link.
    Slide(usize),
    /// Picked by the speaker from the deck's links.
    Picked,
}

impl Source {
    /// How the console labels it.
    pub fn label(&self) -> String {
        match self {
            Source::CommandLine => "from --attendance".into(),
            Source::FrontMatter => "from front matter".into(),
            Source::Slide(i) => format!("from slide {}", i + 1),
            Source::Picked => "picked from the deck".into(),
        }
    }
}

/// The link and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendance {
    /// The URL.
    pub url: String,
    /// Its source.
    pub source: Source,
}

fn links_in(content: &[Inline], out: &mut Vec<String>) {
    for i in content {
        match i {
            Inline::Link { href, content, .. } => {
                out.push(href.clone());
                links_in(content, out);
            }
            Inline::Emphasis { content, .. }
            | Inline::Strong { content, .. }
            | Inline::Strikethrough { content, .. }
            | Inline::Span { content, .. } => links_in(content, out),
            _ => {}
        }
    }
}

/// Whether a link may be shown as a QR code: web links only (a `javascript:` or `file:` link
/// is never offered to an audience's phones).
pub fn is_web_link(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("https://") || u.starts_with("http://")
}

/// Every web link in the deck, with its slide index, in reading order, without repeats.
pub fn deck_links(deck: &Deck) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, slide) in deck.slides.iter().enumerate() {
        let mut found = Vec::new();
        slide.visit_blocks(&mut |b| match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Plain { content } => links_in(content, &mut found),
            _ => {}
        });
        for url in found {
            if is_web_link(&url) && !out.iter().any(|(_, u)| *u == url) {
                out.push((i, url));
            }
        }
    }
    out
}

/// The deck's attendance slide: the first whose blocks are all headings or paragraphs, with
/// exactly one web link, where that link's block holds nothing but the link.
fn attendance_slide(deck: &Deck) -> Option<(usize, String)> {
    // Nothing but the link: links and blank text only.
    let only_links = |content: &[Inline]| {
        content.iter().all(|c| match c {
            Inline::Link { .. } | Inline::LineBreak { .. } => true,
            Inline::Text { text, .. } => text.trim().is_empty(),
            _ => false,
        })
    };
    deck.slides.iter().enumerate().find_map(|(i, slide)| {
        let mut links = Vec::new();
        let mut link_block_alone = false;
        for b in &slide.blocks {
            let (Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Plain { content }) = b
            else {
                return None;
            };
            let before = links.len();
            links_in(content, &mut links);
            if links.len() > before {
                link_block_alone = only_links(content);
            }
        }
        match links.as_slice() {
            [url] if link_block_alone && is_web_link(url) => Some((i, url.clone())),
            _ => None,
        }
    })
}

/// The attendance link: `--attendance`, else front matter, else the deck's attendance slide.
pub fn find(deck: &Deck, command_line: Option<&str>) -> Option<Attendance> {
    if let Some(url) = command_line.filter(|u| !u.trim().is_empty()) {
        return Some(Attendance {
            url: url.trim().to_string(),
            source: Source::CommandLine,
        });
    }
    if let Some(url) = deck
        .meta
        .attendance
        .as_deref()
        .filter(|u| !u.trim().is_empty())
    {
        return Some(Attendance {
            url: url.trim().to_string(),
            source: Source::FrontMatter,
        });
    }
    attendance_slide(deck).map(|(i, url)| Attendance {
        url,
        source: Source::Slide(i),
    })
}

/// Why a link cannot be drawn as a QR code.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum QrError {
    /// Longer than a QR code holds at medium error correction.
    #[error("the link is too long for a QR code ({0} bytes)")]
    TooLong(usize),
}

/// A QR code as a square grid of modules (true = dark), without its quiet zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// Row-major modules.
    pub dark: Vec<bool>,
}

/// Modules of light margin a reader needs around the code.
pub const QUIET_ZONE: usize = 4;

impl QrMatrix {
    /// The code for `text` at medium error correction (15% of it may be damaged or covered).
    pub fn encode(text: &str) -> Result<QrMatrix, QrError> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
            .map_err(|_| QrError::TooLong(text.len()))?;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        Ok(QrMatrix {
            width: code.width(),
            dark,
        })
    }

    /// Whether module (x, y) is dark; outside the grid is light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width
            && y < self.width
            && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }

    /// Horizontal runs of dark modules per row, `(row, first column, length)`: what a painter
    /// draws as rectangles (far fewer than one per module).
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.width && self.is_dark(x, y) {
                        x += 1;
                    }
                    out.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(src: &str) -> Deck {
        crate::deck::parse(src, &crate::deck::Options::default()).expect("parses")
    }

    #[test]
    fn the_seed_style_attendance_slide_is_found() {
        let d = deck(
            "# Title\n\n---\n\n# 출석 체크\n\n## https://areyouhere.today/\n\n---\n\n# Links\n\nSee https://example.com/ and more\n",
        );
        let a = find(&d, None).expect("found");
        assert_eq!(a.url, "https://areyouhere.today/");
        assert_eq!(a.source, Source::Slide(1));
        assert_eq!(a.source.label(), "from slide 2");
        let over = find(&d, Some("https://cli.example/")).expect("cli");
        assert_eq!(over.source, Source::CommandLine);
        let links: Vec<String> = deck_links(&d).into_iter().map(|(_, u)| u).collect();
        assert_eq!(
            links,
            vec!["https://areyouhere.today/", "https://example.com/"]
        );
    }

    #[test]
    fn front_matter_wins_over_the_slide_and_unsafe_links_are_not_offered() {
        let d = deck("---\nattendance: https://fm.example/x\n---\n# A\n\nhttps://slide.example/\n");
        assert_eq!(find(&d, None).map(|a| a.source), Some(Source::FrontMatter));
        let d = deck("# A\n\n[click](javascript:alert(1))\n\n[f](file:///etc/passwd)\n");
        assert_eq!(find(&d, None), None);
        assert!(deck_links(&d).is_empty());
        assert!(!is_web_link("javascript:alert(1)"));
    }

    #[test]
    fn codes_have_quiet_zone_free_grids_and_runs_cover_the_dark_modules() {
        let q = QrMatrix::encode("https://areyouhere.today/").expect("encodes");
        assert_eq!(q.dark.len(), q.width * q.width);
        assert!(q.is_dark(0, 0), "finder pattern corner");
        let dark = q.dark.iter().filter(|d| **d).count();
        let covered: usize = q.runs().iter().map(|r| r.2).sum();
        assert_eq!(dark, covered);
        // What a phone camera reads back: the modules drawn at 4 px each with the quiet zone.
        let px = 4;
        let side = (q.width + 2 * QUIET_ZONE) * px;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (x / px, y / px);
            let inside = |m: usize| m >= QUIET_ZONE && m - QUIET_ZONE < q.width;
            if inside(mx) && inside(my) && q.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE) {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, text) = grids[0].decode().expect("decodes");
        assert_eq!(text, "https://areyouhere.today/");
        assert_eq!(
            QrMatrix::encode(&"x".repeat(5000)),
            Err(QrError::TooLong(5000))
        );
    }
}
