//! Export with no window: the seed deck gives 28 PDF pages, `--fragments` a page per step,
//! and pages look like the screen (background colour, text present).

use rostra::deck::{self, Options};
use rostra::export::{ExportOptions, export_pdf, export_png, render_pages};
use std::path::PathBuf;

fn seed() -> (deck::Deck, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4");
    (
        deck::load(&dir.join("slides.md"), &Options::default()).expect("seed loads"),
        dir,
    )
}

fn small() -> ExportOptions {
    ExportOptions {
        size: [480, 350],
        fragments: false,
        theme: None,
    }
}

#[test]
fn the_seed_exports_to_a_28_page_pdf() {
    let (d, dir) = seed();
    let out = std::env::temp_dir().join(format!("rostra-export-{}.pdf", std::process::id()));
    let n = export_pdf(&d, &dir, &small(), &out).expect("exports");
    assert_eq!(n, 28);
    let bytes = std::fs::read(&out).expect("written");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.starts_with("%PDF-1.4"));
    assert_eq!(text.matches("/Type /Page ").count(), 28);
    assert!(text.contains("/Count 28"));
    let _ = std::fs::remove_file(&out);
}

#[test]
fn fragments_give_a_page_per_step_and_pages_look_like_the_screen() {
    let d = deck::parse(
        "# Title\n---\n## List\n\n- a <!-- .element: class=\"fragment\" -->\n- b <!-- .element: class=\"fragment\" -->\n",
        &Options::default(),
    )
    .expect("parses");
    let mut pages = Vec::new();
    let options = ExportOptions {
        fragments: true,
        ..small()
    };
    let n = render_pages(&d, std::path::Path::new("."), &options, |p| {
        pages.push(p);
        Ok(())
    })
    .expect("renders");
    assert_eq!(n, 1 + 3, "title, then the list at 0, 1 and 2 steps");
    assert_eq!(
        pages.iter().map(|p| (p.slide, p.shown)).collect::<Vec<_>>(),
        vec![(0, 0), (1, 0), (1, 1), (1, 2)]
    );
    // The black theme's background in a corner; bright text somewhere on the title page.
    let px = |p: &rostra::export::Page, x: u32, y: u32| {
        let i = ((y * p.size[0] + x) * 4) as usize;
        [p.rgba[i], p.rgba[i + 1], p.rgba[i + 2]]
    };
    assert_eq!(px(&pages[0], 2, 2), [0x19, 0x19, 0x19]);
    let bright = |p: &rostra::export::Page| p.rgba.chunks_exact(4).filter(|c| c[0] > 200).count();
    assert!(bright(&pages[0]) > 200, "the title is drawn");
    // Each step adds ink.
    assert!(bright(&pages[2]) > bright(&pages[1]));
    assert!(bright(&pages[3]) > bright(&pages[2]));
    let dir = std::env::temp_dir().join(format!("rostra-png-{}", std::process::id()));
    let n = export_png(&d, std::path::Path::new("."), &options, &dir).expect("writes");
    assert_eq!(n, 4);
    assert!(dir.join("slide-02-2.png").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}
