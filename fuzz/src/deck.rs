//! The deck engine's targets: the whole parse, and the front matter alone.

use rostra_deck::{self as deck, Options};

/// Any bytes, decoded lossily as `load` does, parse without panicking, with the default
/// separators and with command-line separators taken from the first line (so odd regexes
/// are exercised too).
pub fn parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = deck::parse(&text, &Options::default());
    if let Some((first, rest)) = text.split_once('\n') {
        let options = Options {
            separator: Some(first.chars().take(40).collect()),
            ..Options::default()
        };
        let _ = deck::parse(rest, &options);
    }
}

/// Any text between the `---` fences, with a slide after it, parses (its settings read or
/// reported) without panicking, and the slide is still there.
pub fn front_matter(data: &[u8]) {
    let yaml = String::from_utf8_lossy(data);
    let text = format!("---\n{yaml}\n---\n\n# Slide\n\ntext\n");
    if let Ok(d) = deck::parse(&text, &Options::default()) {
        assert!(
            !d.slides.is_empty(),
            "the slide after the front matter is lost"
        );
    }
}
