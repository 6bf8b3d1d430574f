//! Laying Markdown out for the layout tests without a window: the deck's first slide, the
//! black theme, reveal.js's 960x700 canvas, and epaint's `Fonts` with rostra's fonts (as
//! `tests/scene.rs` does), so each family's tests assert on the scene as data.

use crate::deck::{self, Options};
use crate::scene::{ImageSizes, ImageState, ItemKind, LayoutInput, NoImages, Scene, layout};
use crate::theme::{Theme, fonts};
use eframe::egui::{Rect, Vec2};
use eframe::epaint::text::{Fonts, TextOptions};

/// Every image in one state (decoded at one natural size, loading, or failed).
pub(crate) struct Every(pub ImageState);

impl ImageSizes for Every {
    fn state(&self, _src: &str) -> ImageState {
        self.0.clone()
    }
}

/// The first slide of `markdown` laid out at scale 1 with every image still loading.
pub(crate) fn lay(markdown: &str) -> Scene {
    lay_at(markdown, 1.0, &NoImages)
}

/// The first slide of `markdown` laid out at `scale` points per canvas pixel.
pub(crate) fn lay_at(markdown: &str, scale: f32, images: &dyn ImageSizes) -> Scene {
    lay_themed(markdown, scale, images, &Theme::black())
}

/// The first slide of `markdown` laid out in `theme`.
pub(crate) fn lay_themed(
    markdown: &str,
    scale: f32,
    images: &dyn ImageSizes,
    theme: &Theme,
) -> Scene {
    let deck = deck::parse(markdown, &Options::default()).expect("default separators");
    let slide = deck.slides.first().expect("a slide");
    let mut f = Fonts::new(TextOptions::default(), fonts::definitions());
    let mut view = f.with_pixels_per_point(1.0);
    let input = LayoutInput {
        slide,
        theme,
        canvas: Vec2::new(960.0, 700.0),
        scale,
        images,
    };
    layout(&input, &mut view)
}

/// The text items of `scene` in paint order: their text and rectangle.
pub(crate) fn texts(scene: &Scene) -> Vec<(String, Rect)> {
    scene
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Text(g) => Some((g.text().to_string(), i.rect)),
            _ => None,
        })
        .collect()
}

/// The message of the first placeholder in `scene`.
pub(crate) fn placeholder_text(scene: &Scene) -> String {
    scene
        .items
        .iter()
        .find_map(|i| match &i.kind {
            ItemKind::Placeholder { galley, .. } => Some(galley.text().to_string()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no placeholder in {:?}", texts(scene)))
}

/// The rectangle of the first text item whose text is exactly `text`.
pub(crate) fn text_rect(scene: &Scene, text: &str) -> Rect {
    texts(scene)
        .into_iter()
        .find(|(t, _)| t == text)
        .map(|(_, r)| r)
        .unwrap_or_else(|| panic!("no text item {text:?} in {:?}", texts(scene)))
}
