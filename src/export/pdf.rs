//! The vector handout: each page painted by egui exactly as for the screen, its shapes then
//! written with krilla instead of being rasterised. Needs no GPU: egui lays out and paints on
//! the CPU, and nothing is tessellated.
//!
//! Pages take reveal.js's print size: the deck's canvas plus its margin, in CSS pixels of
//! 0.75 pt (960x700 with the 0.04 margin gives 998x728 px, 748.5x546 pt).

use super::glyphs::FontBook;
use super::page::{PageContext, PageSpec};
use super::vector::{Painter, PdfImages};
use super::{
    ExportError, ExportImages, ExportOptions, context, raw_input, slide_numbers, theme_of,
};
use crate::deck::Deck;
use crate::media::{Resolver, decode_source};
use eframe::egui::RawInput;
use eframe::egui::{Pos2, Rect, TextureId, vec2};
use krilla::geom::Transform;
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use std::collections::HashMap;
use std::path::Path;

/// PDF points per CSS pixel: browsers print at 96 dpi.
pub const PT_PER_PX: f32 = 0.75;

/// egui's pixel grid while painting a page: glyph positions snap to it, so finer than the
/// screen's keeps the spacing true when the PDF is zoomed.
const PIXELS_PER_POINT: f32 = 2.0;

/// Longest side of an image that has to go in as pixels (SVG renderings).
const RASTER_SIDE: u32 = 2048;

/// One pass's input: the page, and room in the font atlas for a whole deck's glyphs (pages
/// are painted finer than the screen, and no GPU limits the atlas: nothing uploads it).
fn input(area: Rect) -> RawInput {
    RawInput {
        max_texture_side: Some(8192),
        ..raw_input(area)
    }
}

/// The page size of `deck` in CSS pixels, as reveal.js's print view computes it.
pub fn page_size_px(deck: &Deck) -> [f32; 2] {
    let m = 1.0 + deck.meta.margin;
    [
        (deck.meta.width * m).floor().max(16.0),
        (deck.meta.height * m).floor().max(16.0),
    ]
}

/// The deck's image files behind egui's textures, read once each; and the formulas.
struct FileImages<'a> {
    base: &'a Path,
    /// The context the pages are painted in, which knows the formulas' textures.
    ctx: &'a eframe::egui::Context,
    sources: HashMap<TextureId, String>,
    cache: HashMap<TextureId, Option<Image>>,
}

impl FileImages<'_> {
    fn read(&self, src: &str) -> Option<Image> {
        let resolver = Resolver::for_deck(self.base.to_path_buf());
        let path = resolver.resolve(src).ok()?;
        let bytes = if crate::media::video::is_video(src) {
            Vec::new()
        } else {
            std::fs::read(&path).ok()?
        };
        // The file as it is where krilla can take it (JPEG bytes go in unchanged).
        let direct = if bytes.starts_with(b"\x89PNG") {
            Image::from_png(bytes.into(), true).ok()
        } else if bytes.starts_with(b"\xFF\xD8") {
            Image::from_jpeg(bytes.into(), true).ok()
        } else if bytes.starts_with(b"GIF8") {
            Image::from_gif(bytes.into(), true).ok()
        } else if bytes.get(8..12) == Some(b"WEBP") {
            Image::from_webp(bytes.into(), true).ok()
        } else {
            None
        };
        if direct.is_some() {
            return direct;
        }
        let (img, _) = decode_source(&resolver, src, RASTER_SIDE).ok()?;
        Some(pdf_image(&img))
    }
}

/// Pixels per em a formula is rasterised at for print (about 4x its size on a slide).
const PRINT_MATH_EM: f32 = 200.0;

/// A formula as a PDF image, fine enough for print.
fn formula_image(f: &crate::scene::math::Formula) -> Option<Image> {
    let w = (f.width * PRINT_MATH_EM).ceil() as u32;
    let h = ((f.height + f.depth) * PRINT_MATH_EM).ceil() as u32;
    let img = f.rasterize(w, h)?;
    Some(pdf_image(&img))
}

/// A decoded picture as a PDF image (straight, not premultiplied, RGBA).
fn pdf_image(img: &eframe::egui::ColorImage) -> Image {
    let rgba: Vec<u8> = img
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let [w, h] = img.size;
    Image::from_rgba8(rgba, w as u32, h as u32)
}

impl PdfImages for FileImages<'_> {
    fn image(&mut self, id: TextureId) -> Option<Image> {
        if let Some(cached) = self.cache.get(&id) {
            return cached.clone();
        }
        let image = match self.sources.get(&id) {
            Some(src) => self.read(src),
            None => crate::ui::math_formula_of(self.ctx, id).and_then(|f| formula_image(&f)),
        };
        self.cache.insert(id, image.clone());
        image
    }
}

/// The PDF of `pages` of `deck` (images relative to `base`).
pub(super) fn write(
    deck: &Deck,
    base: &Path,
    options: &ExportOptions,
    pages: &[PageSpec],
) -> Result<Vec<u8>, ExportError> {
    let [w, h] = page_size_px(deck);
    let area = Rect::from_min_size(Pos2::ZERO, vec2(w, h));
    // Nothing is rendered, so texture uploads are dropped (egui insists they are handled).
    let (ctx, mut first) = context(input(area), PIXELS_PER_POINT);
    first.textures_delta.clear();
    let images = ExportImages::load(&ctx, base, deck);
    let theme = theme_of(deck, options);
    crate::scene::warm_up(deck, &theme);
    let numbers = slide_numbers(deck);
    let page_painter = PageContext {
        deck,
        theme: &theme,
        images: &images,
        notes: options.notes(deck),
    };
    let mut fonts = FontBook::bundled();
    let mut files = FileImages {
        base,
        ctx: &ctx,
        sources: images.sources(),
        cache: HashMap::new(),
    };
    let settings = || {
        PageSettings::from_wh(w * PT_PER_PX, h * PT_PER_PX)
            .ok_or_else(|| ExportError::Pdf(format!("a page of {w}x{h} px")))
    };
    let mut doc = krilla::Document::new();
    for &spec in pages {
        let number = numbers.get(spec.slide).map_or("", String::as_str);
        let mut out = ctx.run_ui(input(area), |ui| {
            page_painter.paint(ui.painter(), area, spec, number);
        });
        out.textures_delta.clear();
        let mut page = doc.start_page_with(settings()?);
        let mut surface = page.surface();
        surface.push_transform(&Transform::from_scale(PT_PER_PX, PT_PER_PX));
        Painter {
            fonts: &mut fonts,
            images: &mut files,
        }
        .paint(&mut surface, &out.shapes, area);
        surface.pop();
        surface.finish();
        page.finish();
    }
    let title = deck
        .meta
        .title
        .clone()
        .unwrap_or_else(|| "rostra export".into());
    doc.set_metadata(
        Metadata::new()
            .title(title)
            .producer(format!("rostra {}", env!("CARGO_PKG_VERSION"))),
    );
    doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}
