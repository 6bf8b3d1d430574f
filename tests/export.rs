//! Export through the GPU renderer: the seed deck gives a 28-page raster PDF of one image per
//! page, `--fragments` a PNG per step, PNG files decode at the asked size and look like the
//! screen (background colour, text present), and a `data-background` image is drawn. The
//! vector PDF has its own tests (`handout.rs`).

use rostra::deck::{self, Options};
use rostra::export::{ExportOptions, export_pdf, export_png, render_pages};
use rostra::theme::Theme;
use std::path::{Path, PathBuf};
use std::process::Command;

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
        fragments: Some(false),
        raster: true,
        ..Default::default()
    }
}

#[test]
fn the_seed_exports_to_a_28_page_raster_pdf() {
    let (d, dir) = seed();
    let out = std::env::temp_dir().join(format!("rostra-export-{}.pdf", std::process::id()));
    let n = export_pdf(&d, &dir, &small(), &out).expect("exports");
    assert_eq!(n, 28);
    let bytes = std::fs::read(&out).expect("written");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.starts_with("%PDF-1.4"));
    assert_eq!(text.matches("/Type /Page ").count(), 28);
    assert!(text.contains("/Count 28"));
    // One full-page image per page, each at the export's size in pixels.
    let images = regex::Regex::new(r"/Subtype /Image /Width (\d+) /Height (\d+)").expect("regex");
    let sizes: Vec<(u32, u32)> = images
        .captures_iter(&text)
        .map(|c| (c[1].parse().expect("width"), c[2].parse().expect("height")))
        .collect();
    assert_eq!(sizes, vec![(480, 350); 28]);
    // Each page draws its own image (`/Im0` of its resources) once.
    assert_eq!(text.matches("/Im0 Do").count(), 28);
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
        fragments: Some(true),
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

/// A scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rostra-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Every PNG in `dir`, decoded, by file name.
fn pngs(dir: &Path) -> Vec<(String, image::RgbaImage)> {
    let mut out: Vec<(String, image::RgbaImage)> = std::fs::read_dir(dir)
        .expect("export folder")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, image::open(&p).expect("a PNG").to_rgba8())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn exported_pngs_decode_at_the_size_asked_and_are_not_blank() {
    let md = "# Title\n\nSome words\n---\n## Second\n\n- a\n- b\n";
    let d = deck::parse(md, &Options::default()).expect("parses");
    let dir = scratch("png-decode");
    let options = ExportOptions {
        size: [400, 300],
        ..small()
    };
    assert_eq!(
        export_png(&d, Path::new("."), &options, &dir).expect("writes"),
        2
    );
    let bg = Theme::named(&d.meta.theme).0.background;
    let bg = [bg.r(), bg.g(), bg.b(), 255];
    let files = pngs(&dir);
    assert_eq!(files.len(), 2);
    for (name, img) in &files {
        assert_eq!(img.dimensions(), (400, 300), "{name}");
        assert_eq!(img.get_pixel(1, 1).0, bg, "{name}: the theme's background");
        assert_eq!(
            img.get_pixel(398, 298).0,
            bg,
            "{name}: the theme's background"
        );
        let ink = img.pixels().filter(|p| p.0 != bg).count();
        assert!(
            ink > 500,
            "{name}: only {ink} pixels differ from the background"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_size_flag_sets_the_pixel_size() {
    let dir = scratch("size-flag");
    let deck_path = dir.join("deck.md");
    std::fs::write(&deck_path, "# One\n---\n# Two\n").expect("deck");
    let out_dir = dir.join("out");
    let pdf = dir.join("out.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_rostra"))
        .arg("export")
        .arg(&deck_path)
        .arg("--png")
        .arg(&out_dir)
        .arg("--pdf")
        .arg(&pdf)
        .args(["--size", "320x200", "--raster"])
        .status()
        .expect("runs");
    assert!(status.success());
    let files = pngs(&out_dir);
    assert_eq!(files.len(), 2);
    for (name, img) in &files {
        assert_eq!(img.dimensions(), (320, 200), "{name}");
    }
    let text = String::from_utf8_lossy(&std::fs::read(&pdf).expect("pdf")).into_owned();
    assert_eq!(text.matches("/Width 320 /Height 200").count(), 2);
    // 96 dpi: 320 x 200 pixels are 240 x 150 points.
    assert_eq!(text.matches("/MediaBox [0 0 240.00 150.00]").count(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_image_named_by_data_background_is_drawn_behind_the_slide() {
    let dir = scratch("data-background");
    let red = image::Rgba([0xCC, 0x22, 0x00, 0xFF]);
    image::RgbaImage::from_pixel(64, 48, red)
        .save(dir.join("bg.png"))
        .expect("background image");
    let d = deck::parse(
        "<!-- .slide: data-background=\"bg.png\" -->\n\n# Over a picture\n",
        &Options::default(),
    )
    .expect("parses");
    let mut pages = Vec::new();
    render_pages(&d, &dir, &small(), |p| {
        pages.push(p);
        Ok(())
    })
    .expect("renders");
    let page = pages.first().expect("a page");
    // The image covers the slide's canvas (the page less reveal.js's margin).
    let covered = page.rgba.chunks_exact(4).filter(|p| *p == red.0).count();
    let all = page.rgba.len() / 4;
    assert!(
        covered > all / 2,
        "{covered} of {all} pixels show the background image"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
