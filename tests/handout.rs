//! The vector PDF handout, read back without poppler: its pages are reveal.js's print pages
//! (one per fragment step unless the deck or the command line says otherwise, sized from the
//! deck's width and height), its text is text (text operators in the content, the bundled
//! fonts embedded, a ToUnicode map that gives the Hangul back), images are images, and speaker
//! notes go where `showNotes` says. Where poppler is installed, `pdftotext` reads it too.

use rostra::deck::{self, Options, ShowNotes};
use rostra::export::{ExportOptions, export_pdf};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn handout_deck() -> deck::Deck {
    deck::load(&fixtures().join("handout.md"), &Options::default()).expect("fixture loads")
}

/// A PDF as a test reads it: the raw bytes, and every stream inflated where it is deflated.
struct Pdf {
    raw: String,
    streams: Vec<String>,
}

impl Pdf {
    fn read(path: &Path) -> Pdf {
        let bytes = std::fs::read(path).expect("the PDF is written");
        let mut streams = Vec::new();
        let mut at = 0;
        while let Some(i) = find(&bytes, b"stream", at) {
            let mut start = i + b"stream".len();
            if bytes.get(start..start + 2) == Some(b"\r\n") {
                start += 2;
            } else if bytes.get(start) == Some(&b'\n') {
                start += 1;
            } else {
                // `endstream`, or the word inside some text.
                at = start;
                continue;
            }
            let Some(end) = find(&bytes, b"endstream", start) else {
                break;
            };
            let data = &bytes[start..end];
            let text = miniz_oxide::inflate::decompress_to_vec_zlib(data)
                .unwrap_or_else(|_| data.to_vec());
            streams.push(String::from_utf8_lossy(&text).into_owned());
            at = end + b"endstream".len();
        }
        Pdf {
            raw: String::from_utf8_lossy(&bytes).into_owned(),
            streams,
        }
    }

    fn pages(&self) -> usize {
        self.raw.matches("/Type/Page/").count()
            + self.raw.matches("/Type/Page>").count()
            + self.raw.matches("/Type /Page ").count()
    }

    fn media_boxes(&self) -> Vec<String> {
        let re = regex::Regex::new(r"/MediaBox\s*\[([^\]]*)\]").expect("regex");
        re.captures_iter(&self.raw)
            .map(|c| c[1].split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// Whether some ToUnicode map sends a glyph to character `c`.
    fn maps_to(&self, c: char) -> bool {
        let mut units = [0u16; 2];
        let hex: String = c
            .encode_utf16(&mut units)
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect();
        let needle = format!("<{hex}>");
        self.streams
            .iter()
            .filter(|s| s.contains("begincmap"))
            .any(|s| s.to_uppercase().contains(&needle))
    }

    fn content_with_text(&self) -> usize {
        self.streams
            .iter()
            .filter(|s| s.contains("BT") && s.contains(" Tf") && s.contains("ET"))
            .count()
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("rostra-handout-{name}-{}.pdf", std::process::id()))
}

fn export(deck: &deck::Deck, options: &ExportOptions, name: &str) -> (usize, Pdf) {
    let out = scratch(name);
    let n = export_pdf(deck, &fixtures(), options, &out).expect("exports");
    let pdf = Pdf::read(&out);
    let _ = std::fs::remove_file(&out);
    (n, pdf)
}

#[test]
fn the_handout_has_a_page_per_fragment_step_at_the_decks_size() {
    let d = handout_deck();
    let steps: usize = d.slides.iter().map(|s| s.fragment_steps + 1).sum();
    assert_eq!(steps, 5, "the fixture: 1 + 3 + 1 steps");
    let (n, pdf) = export(&d, &ExportOptions::default(), "steps");
    assert_eq!(n, steps);
    assert_eq!(pdf.pages(), steps);
    // 1000x600 with reveal.js's 4% margin is 1040x624 CSS px, 780x468 pt.
    assert_eq!(pdf.media_boxes(), vec!["0 0 780 468".to_string(); steps]);
    // One page per slide when asked.
    let once = ExportOptions {
        fragments: Some(false),
        ..Default::default()
    };
    assert_eq!(export(&d, &once, "once").1.pages(), d.slides.len());
}

#[test]
fn the_text_is_text_in_embedded_fonts_that_map_back_to_hangul() {
    let (_, pdf) = export(&handout_deck(), &ExportOptions::default(), "text");
    assert!(
        pdf.content_with_text() >= 5,
        "every page draws text with text operators"
    );
    // The bundled fonts, embedded as TrueType and subset (a six-letter tag before the name).
    let fonts = regex::Regex::new(r"/BaseFont\s*/([A-Z]{6})\+RostraGothic").expect("regex");
    assert!(
        fonts.is_match(&pdf.raw),
        "Rostra Gothic embedded as a subset"
    );
    assert!(pdf.raw.contains("/FontFile2"), "the font file itself is in");
    for c in ['한', '글', '발', '표', '첫', '둘', 'H', 'w'] {
        assert!(pdf.maps_to(c), "{c} maps back from its glyph");
    }
    // Only what the deck shows: notes are not printed unless asked for.
    assert!(!pdf.maps_to('노'), "notes are hidden by default");
    // The image goes in as an image, not as a picture of the page.
    assert_eq!(pdf.raw.matches("/Subtype/Image").count(), 1);
}

#[test]
fn notes_go_under_the_slide_or_on_a_page_of_their_own() {
    let d = handout_deck();
    let inline = ExportOptions {
        notes: Some(ShowNotes::Inline),
        ..Default::default()
    };
    let (n, pdf) = export(&d, &inline, "inline");
    assert_eq!(n, 5, "inline notes add no page");
    assert!(pdf.maps_to('노'), "the notes' text is printed");
    let separate = ExportOptions {
        notes: Some(ShowNotes::SeparatePage),
        fragments: Some(false),
        ..Default::default()
    };
    let (n, pdf) = export(&d, &separate, "separate");
    assert_eq!(n, 3 + 1, "three slides and one page of notes");
    assert_eq!(pdf.pages(), 4);
    assert!(pdf.maps_to('노'));
}

#[test]
fn the_decks_print_options_are_honoured_and_the_command_line_beats_them() {
    let md = "---\nrevealOptions:\n  pdfSeparateFragments: false\n  showNotes: separate-page\n---\n\n# A\n\n- x <!-- .element: class=\"fragment\" -->\n- y <!-- .element: class=\"fragment\" -->\n\nNote: 노트\n";
    let d = deck::parse(md, &Options::default()).expect("parses");
    let (n, _) = export(&d, &ExportOptions::default(), "deck-options");
    assert_eq!(n, 2, "the slide once, then its notes");
    let cli = ExportOptions {
        fragments: Some(true),
        notes: Some(ShowNotes::Hidden),
        ..Default::default()
    };
    let (n, pdf) = export(&d, &cli, "cli-options");
    assert_eq!(n, 3, "a page per step, no notes");
    assert!(!pdf.maps_to('노'));
}

#[test]
fn poppler_reads_the_hangul_back_where_it_is_installed() {
    let out = scratch("poppler");
    export_pdf(
        &handout_deck(),
        &fixtures(),
        &ExportOptions::default(),
        &out,
    )
    .expect("exports");
    let run = std::process::Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output();
    let _ = std::fs::remove_file(&out);
    let Ok(run) = run else {
        eprintln!("pdftotext is not installed (poppler-utils); the pure-Rust tests stand");
        return;
    };
    assert!(run.status.success(), "pdftotext opens the file");
    let text = String::from_utf8_lossy(&run.stdout);
    for words in ["한글", "발표 자료", "첫째", "둘째", "Plain words"] {
        assert!(text.contains(words), "{words:?} in {text:?}");
    }
}

#[test]
fn the_command_line_takes_fragments_and_notes_flags() {
    let out = scratch("cli");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_rostra"))
            .arg("export")
            .arg(fixtures().join("handout.md"))
            .arg("--pdf")
            .arg(&out)
            .args(args)
            .output()
            .expect("runs")
    };
    let done = run(&["--no-fragments", "--notes", "separate-page"]);
    assert!(done.status.success(), "{done:?}");
    assert_eq!(Pdf::read(&out).pages(), 3 + 1);
    let done = run(&["--notes"]);
    assert!(done.status.success(), "{done:?}");
    let pdf = Pdf::read(&out);
    assert_eq!(pdf.pages(), 5, "a page per step, notes inline");
    assert!(pdf.maps_to('노'));
    let refused = run(&["--notes", "sideways"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("separate-page"));
    let _ = std::fs::remove_file(&out);
}
