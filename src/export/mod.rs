//! `rostra export`: handouts with no window, through the same layout and painter as the
//! audience view. A PDF is written from egui's shapes (text as text with the bundled fonts
//! embedded and subset, images as images, boxes as vectors); PNG files, and a PDF with
//! `--raster`, go through the GPU renderer as pixels (Mesa's software Vulkan is enough).
//!
//! The room: `page` (which pages, and painting one), `vector` (egui shapes → PDF drawing),
//! `text` (galleys → PDF text), `glyphs` (which font drew each character), `pdf` (the vector
//! document), `gpu` (the headless renderer) and `raster_pdf` (a PDF of one image per page).

mod glyphs;
mod gpu;
mod page;
mod pdf;
pub mod raster_pdf;
mod text;
mod vector;

pub use page::{PageKind, PageSpec, plan};

use crate::deck::{Deck, ShowNotes};
use crate::media::{MAX_SIDE, Resolver, decode_source};
use crate::scene::{ImageSizes, ImageState};
use crate::theme::Theme;
use crate::ui::Textures;
use eframe::egui::{self, Pos2, RawInput, Rect, TextureHandle, TextureId, TextureOptions, Vec2};
use page::PageContext;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// No GPU or software renderer is available.
    #[error(
        "no graphics adapter to render with ({0}); on Linux, Mesa's lavapipe (mesa-vulkan-drivers) is enough"
    )]
    NoRenderer(String),
    /// The GPU did not finish a page.
    #[error("rendering page {page} failed: {reason}")]
    Render {
        /// 1-based page number.
        page: usize,
        /// What went wrong.
        reason: String,
    },
    /// The PDF writer refused the document.
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
    /// Writing the output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// What to export.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Page size in pixels for PNG files and raster PDFs (a vector PDF's pages take the
    /// deck's size, as reveal.js prints).
    pub size: [u32; 2],
    /// A page per fragment step (`Some(true)`) or per slide (`Some(false)`); `None` takes the
    /// format's default: per slide for PNG, the deck's `pdfSeparateFragments` for PDF
    /// (reveal.js: per step).
    pub fragments: Option<bool>,
    /// Theme override.
    pub theme: Option<String>,
    /// Speaker notes; `None` takes the deck's `showNotes` (reveal.js: not printed).
    pub notes: Option<ShowNotes>,
    /// PDF pages as one image each instead of text and shapes.
    pub raster: bool,
}

impl ExportOptions {
    fn plan_png(&self, deck: &Deck) -> Vec<PageSpec> {
        plan(deck, self.fragments.unwrap_or(false), self.notes(deck))
    }

    fn plan_pdf(&self, deck: &Deck) -> Vec<PageSpec> {
        let fragments = self.fragments.unwrap_or(deck.meta.pdf_separate_fragments);
        plan(deck, fragments, self.notes(deck))
    }

    fn notes(&self, deck: &Deck) -> ShowNotes {
        self.notes.unwrap_or(deck.meta.show_notes)
    }
}

/// One rendered page.
#[derive(Clone, Debug)]
pub struct Page {
    /// Slide index.
    pub slide: usize,
    /// Fragment steps shown.
    pub shown: usize,
    /// The slide or its notes.
    pub kind: PageKind,
    /// Pixels, RGBA, row-major.
    pub rgba: Vec<u8>,
    /// Width and height.
    pub size: [u32; 2],
}

/// Images decoded up front (an export waits for every image; the app never does).
struct ExportImages {
    base: PathBuf,
    loaded: HashMap<String, Result<(TextureHandle, [u32; 2]), String>>,
}

impl ExportImages {
    fn load(ctx: &egui::Context, base: &Path, deck: &Deck) -> ExportImages {
        let mut loaded = HashMap::new();
        let resolver = Resolver::for_deck(base.to_path_buf());
        for slide in &deck.slides {
            for src in slide.image_sources() {
                if loaded.contains_key(src) {
                    continue;
                }
                let result = decode_source(&resolver, src, MAX_SIDE).map(|(img, size)| {
                    (
                        ctx.load_texture(format!("img:{src}"), img, TextureOptions::LINEAR),
                        size,
                    )
                });
                loaded.insert(src.to_string(), result);
            }
        }
        ExportImages {
            base: base.to_path_buf(),
            loaded,
        }
    }

    /// The source behind each texture, for finding the file again.
    fn sources(&self) -> HashMap<TextureId, String> {
        self.loaded
            .iter()
            .filter_map(|(src, r)| r.as_ref().ok().map(|(t, _)| (t.id(), src.clone())))
            .collect()
    }
}

impl ImageSizes for ExportImages {
    fn state(&self, src: &str) -> ImageState {
        match self.loaded.get(src) {
            Some(Ok((_, size))) => ImageState::Ready(*size),
            Some(Err(e)) => ImageState::Failed(e.clone()),
            None => ImageState::Failed(format!("not found under {}", self.base.display())),
        }
    }
}

impl Textures for ExportImages {
    fn texture(&self, src: &str) -> Option<TextureId> {
        match self.loaded.get(src) {
            Some(Ok((t, _))) => Some(t.id()),
            _ => None,
        }
    }

    fn natural_size(&self, src: &str) -> Option<Vec2> {
        match self.loaded.get(src) {
            Some(Ok((_, [w, h]))) => Some(Vec2::new(*w as f32, *h as f32)),
            _ => None,
        }
    }
}

/// The theme an export uses: the override, else the deck's.
fn theme_of(deck: &Deck, options: &ExportOptions) -> Theme {
    let name = options
        .theme
        .clone()
        .unwrap_or_else(|| deck.meta.theme.clone());
    Theme::named(&name)
        .0
        .with_code_style(deck.meta.highlight_theme.as_deref())
}

/// Each slide's number as the screen shows it.
fn slide_numbers(deck: &Deck) -> Vec<String> {
    use crate::deck::ShowSlideNumber;
    let f = deck.meta.furniture;
    // reveal.js's print view numbers its pages 1, 2, 3 when `slideNumber` is on and
    // `showSlideNumber` lets it print; otherwise a page has no number.
    let printed = f.slide_number.is_some() && f.show_slide_number != ShowSlideNumber::Speaker;
    (0..deck.slides.len())
        .map(|i| {
            if printed {
                (i + 1).to_string()
            } else {
                String::new()
            }
        })
        .collect()
}

/// A context with the bundled fonts, its first pass run (it sets the fonts up), at
/// `pixels_per_point` (its next passes take effect); the first pass's output is returned for its font texture.
fn context(input: RawInput, pixels_per_point: f32) -> (egui::Context, egui::FullOutput) {
    let ctx = egui::Context::default();
    crate::theme::fonts::install(&ctx);
    ctx.set_pixels_per_point(pixels_per_point);
    let first = ctx.run_ui(input, |_| {});
    (ctx, first)
}

fn raw_input(area: Rect) -> RawInput {
    RawInput {
        screen_rect: Some(area),
        ..Default::default()
    }
}

/// Renders `pages` of `deck` (images relative to `base`) as pixels and hands each to `sink`
/// as it is done, so a long deck never holds all its pages in memory.
fn render_plan(
    deck: &Deck,
    base: &Path,
    options: &ExportOptions,
    pages: &[PageSpec],
    mut sink: impl FnMut(Page) -> Result<(), ExportError>,
) -> Result<usize, ExportError> {
    let renderer = SlideRenderer::with_options(deck.clone(), base, options.size, options)?;
    for (i, &spec) in pages.iter().enumerate() {
        let rgba = renderer.rgba(spec, i + 1)?;
        sink(Page {
            slide: spec.slide,
            shown: spec.shown,
            kind: spec.kind,
            rgba,
            size: renderer.size,
        })?;
    }
    Ok(pages.len())
}

/// A renderer kept for one deck, for pages rendered one at a time: the GPU device, the
/// decoded images and the highlighted code are made once (an export, and the phone remote's
/// pictures of single steps on demand).
pub struct SlideRenderer {
    deck: Deck,
    gpu: gpu::Offscreen,
    ctx: egui::Context,
    images: ExportImages,
    theme: Theme,
    notes: ShowNotes,
    numbers: Vec<String>,
    size: [u32; 2],
}

impl SlideRenderer {
    /// A renderer of `deck` (images relative to `base`) at `size` pixels, in the deck's theme.
    pub fn new(deck: Deck, base: &Path, size: [u32; 2]) -> Result<SlideRenderer, ExportError> {
        SlideRenderer::with_options(deck, base, size, &ExportOptions::default())
    }

    /// The same, with an export's theme and notes.
    fn with_options(
        deck: Deck,
        base: &Path,
        size: [u32; 2],
        options: &ExportOptions,
    ) -> Result<SlideRenderer, ExportError> {
        let gpu = gpu::Offscreen::new()?;
        let size = [size[0].clamp(16, 8192), size[1].clamp(16, 8192)];
        let area = Rect::from_min_size(Pos2::ZERO, Vec2::new(size[0] as f32, size[1] as f32));
        // Textures loaded before the first pass arrive with the next output.
        let (ctx, mut first) = context(raw_input(area), 1.0);
        gpu.apply_textures(&mut first.textures_delta);
        let images = ExportImages::load(&ctx, base, &deck);
        let theme = theme_of(&deck, options);
        crate::scene::warm_up(&deck, &theme);
        let numbers = slide_numbers(&deck);
        let notes = options.notes(&deck);
        Ok(SlideRenderer {
            deck,
            gpu,
            ctx,
            images,
            theme,
            notes,
            numbers,
            size,
        })
    }

    /// Page `spec` as RGBA pixels; `page` numbers it in an error.
    fn rgba(&self, spec: PageSpec, page: usize) -> Result<Vec<u8>, ExportError> {
        let [w, h] = self.size;
        let area = Rect::from_min_size(Pos2::ZERO, Vec2::new(w as f32, h as f32));
        let painter = PageContext {
            deck: &self.deck,
            theme: &self.theme,
            images: &self.images,
            notes: self.notes,
        };
        let number = self.numbers.get(spec.slide).map_or("", String::as_str);
        let out = self.ctx.run_ui(raw_input(area), |ui| {
            painter.paint(ui.painter(), area, spec, number);
        });
        self.gpu
            .render(&self.ctx, out, [w, h])
            .map_err(|reason| ExportError::Render { page, reason })
    }

    /// Slide `slide` with `shown` fragment steps, as PNG bytes.
    pub fn png(&self, slide: usize, shown: usize) -> Result<Vec<u8>, ExportError> {
        let spec = PageSpec {
            slide,
            shown,
            kind: PageKind::Slide,
        };
        let rgba = self.rgba(spec, slide + 1)?;
        let [w, h] = self.size;
        let mut bytes = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut bytes),
            &rgba,
            w,
            h,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| ExportError::Render {
            page: slide + 1,
            reason: e.to_string(),
        })?;
        Ok(bytes)
    }
}

/// Renders the pages a PNG export writes (each slide, or each fragment step with
/// `fragments`) and hands each to `sink` as it is done.
pub fn render_pages(
    deck: &Deck,
    base: &Path,
    options: &ExportOptions,
    sink: impl FnMut(Page) -> Result<(), ExportError>,
) -> Result<usize, ExportError> {
    render_plan(deck, base, options, &options.plan_png(deck), sink)
}

/// Writes pages as `DIR/slide-01.png` (`slide-01-2.png` per fragment step,
/// `slide-01-notes.png` for notes on their own page).
pub fn export_png(
    deck: &Deck,
    base: &Path,
    options: &ExportOptions,
    dir: &Path,
) -> Result<usize, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let digits = deck.slides.len().to_string().len().max(2);
    let per_step = options.fragments.unwrap_or(false);
    render_pages(deck, base, options, |page| {
        let n = page.slide + 1;
        let name = match page.kind {
            PageKind::Notes => format!("slide-{n:0digits$}-notes.png"),
            PageKind::Slide if per_step => format!("slide-{n:0digits$}-{}.png", page.shown),
            PageKind::Slide => format!("slide-{n:0digits$}.png"),
        };
        let path = dir.join(name);
        image::save_buffer(
            &path,
            &page.rgba,
            page.size[0],
            page.size[1],
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| ExportError::Write {
            path: path.clone(),
            source: std::io::Error::other(e),
        })
    })
}

/// Writes one PDF at `path`: text and shapes, or one image per page with `options.raster`.
pub fn export_pdf(
    deck: &Deck,
    base: &Path,
    options: &ExportOptions,
    path: &Path,
) -> Result<usize, ExportError> {
    let pages = options.plan_pdf(deck);
    let bytes = if options.raster {
        let mut doc = raster_pdf::PdfWriter::new(deck.meta.title.as_deref());
        render_plan(deck, base, options, &pages, |page| {
            doc.add_page(&page.rgba, page.size);
            Ok(())
        })?;
        doc.finish()
    } else {
        pdf::write(deck, base, options, &pages)?
    };
    std::fs::write(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(pages.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<String> {
        slide_numbers(&crate::deck::parse(text, &Default::default()).unwrap_or_default())
    }

    #[test]
    fn pages_are_numbered_only_when_the_deck_numbers_its_slides() {
        assert_eq!(numbers("# A\n\n---\n\n# B\n"), ["", ""], "reveal.js: off");
        assert_eq!(
            numbers("---\ntitle: t\n---\n# A\n\n---\n\n# B\n\n----\n\n# C\n"),
            ["1", "2", "3"],
            "reveal-md turns it on; print counts pages one by one"
        );
        let speaker =
            "---\nrevealOptions:\n  slideNumber: c/t\n  showSlideNumber: speaker\n---\n# A\n";
        assert_eq!(numbers(speaker), [""]);
    }
}
