//! A handout's pages as reveal.js's print view makes them: which pages there are (a slide at
//! a fragment step, or a slide's notes on a page of their own) and the painting of one page
//! with egui, shared by the PNG, raster-PDF and vector-PDF writers so all three show the same.

use crate::deck::{Deck, ShowNotes, Slide};
use crate::scene::{ImageSizes, LayoutInput, layout};
use crate::theme::{Theme, chrome};
use crate::ui::{self, FragmentFrame, Textures};
use eframe::egui::{FontId, Painter, Rect, Vec2, pos2, vec2};

/// The printed page number's size (reveal.js's `.slide-number-pdf`: 14px).
const PRINT_NUMBER_PX: f32 = 14.0;

/// What a page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The slide with some fragment steps shown.
    Slide,
    /// The slide's speaker notes alone (reveal.js `showNotes: "separate-page"`).
    Notes,
}

/// One page of a handout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageSpec {
    /// Slide index.
    pub slide: usize,
    /// Fragment steps shown.
    pub shown: usize,
    /// Slide or notes.
    pub kind: PageKind,
}

/// The pages of `deck`: every fragment step of each slide when `fragments`, else each slide
/// fully revealed; notes on their own page after a slide's last when `notes` says so.
pub fn plan(deck: &Deck, fragments: bool, notes: ShowNotes) -> Vec<PageSpec> {
    let mut pages = Vec::new();
    for (slide, s) in deck.slides.iter().enumerate() {
        let steps = if fragments {
            0..=s.fragment_steps
        } else {
            s.fragment_steps..=s.fragment_steps
        };
        for shown in steps {
            pages.push(PageSpec {
                slide,
                shown,
                kind: PageKind::Slide,
            });
        }
        if notes == ShowNotes::SeparatePage && has_notes(s) {
            pages.push(PageSpec {
                slide,
                shown: s.fragment_steps,
                kind: PageKind::Notes,
            });
        }
    }
    pages
}

fn has_notes(slide: &Slide) -> bool {
    slide
        .notes
        .as_ref()
        .is_some_and(|n| !n.text.trim().is_empty())
}

/// Everything a page is painted from that stays the same across pages.
pub struct PageContext<'a> {
    /// The deck.
    pub deck: &'a Deck,
    /// The look.
    pub theme: &'a Theme,
    /// Image sizes and textures.
    pub images: &'a (dyn PageImages + 'a),
    /// Where notes go.
    pub notes: ShowNotes,
}

/// Images for both layout (sizes) and painting (textures).
pub trait PageImages: ImageSizes + Textures {}

impl<T: ImageSizes + Textures> PageImages for T {}

impl PageContext<'_> {
    /// The canvas in canvas pixels and the points per canvas pixel that fit it into `area`
    /// with reveal.js's margin.
    fn fit(&self, area: Rect) -> (Vec2, f32) {
        let canvas = Vec2::new(self.deck.meta.width, self.deck.meta.height);
        let m = 1.0 + self.deck.meta.margin;
        let scale = (area.width() / (canvas.x * m)).min(area.height() / (canvas.y * m));
        (canvas, scale)
    }

    /// Paints page `spec` into `area` (`number` is the page's number as reveal.js prints it).
    pub fn paint(&self, painter: &Painter, area: Rect, spec: PageSpec, number: &str) {
        let Some(slide) = self.deck.slides.get(spec.slide) else {
            return;
        };
        let (canvas, scale) = self.fit(area);
        if spec.kind == PageKind::Notes {
            painter.rect_filled(area, 0.0, self.theme.background);
            if let Some(n) = &slide.notes {
                // reveal.js: the notes' own page, 20px padding, 18px text in the theme's colour.
                let pad = 20.0 * scale;
                let galley = painter.layout(
                    n.text.trim().to_string(),
                    FontId::proportional(18.0 * scale),
                    self.theme.text,
                    area.width() - 2.0 * pad,
                );
                painter.galley(area.min + vec2(pad, pad), galley, self.theme.text);
            }
            return;
        }
        let input = LayoutInput {
            slide,
            theme: self.theme,
            canvas,
            scale,
            images: self.images,
        };
        let scene = painter.ctx().fonts_mut(|f| layout(&input, f));
        ui::paint_scene(
            painter,
            area,
            &scene,
            FragmentFrame::still(spec.shown),
            self.images,
        );
        ui::paint_slide_number(painter, area, number, PRINT_NUMBER_PX);
        if self.notes == ShowNotes::Inline
            && has_notes(slide)
            && let Some(n) = &slide.notes
        {
            paint_inline_notes(painter, area, scale, n.text.trim());
        }
    }
}

/// reveal.js's inline print notes: a light box along the bottom of the page, 8px in from its
/// edges, 14px by 18px of padding around 18px text.
fn paint_inline_notes(painter: &Painter, area: Rect, scale: f32, text: &str) {
    let inset = 8.0 * scale;
    let pad = vec2(18.0, 14.0) * scale;
    let width = area.width() - 2.0 * inset;
    let galley = painter.layout(
        text.to_string(),
        FontId::proportional(18.0 * scale),
        chrome::PRINT_NOTES_TEXT,
        width - 2.0 * pad.x,
    );
    let height = (galley.size().y + 2.0 * pad.y).min(area.height() - 2.0 * inset);
    let rect = Rect::from_min_size(
        pos2(area.left() + inset, area.bottom() - inset - height),
        vec2(width, height),
    );
    painter.rect_filled(rect, 0.0, chrome::PRINT_NOTES_BACKGROUND);
    painter
        .with_clip_rect(rect)
        .galley(rect.min + pad, galley, chrome::PRINT_NOTES_TEXT);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Options, parse};

    fn deck() -> Deck {
        parse(
            "# A\n\nNote: first notes\n---\n## B\n\n- x <!-- .element: class=\"fragment\" -->\n- y <!-- .element: class=\"fragment\" -->\n---\n# C\n",
            &Options::default(),
        )
        .expect("parses")
    }

    fn pages(fragments: bool, notes: ShowNotes) -> Vec<(usize, usize, PageKind)> {
        plan(&deck(), fragments, notes)
            .into_iter()
            .map(|p| (p.slide, p.shown, p.kind))
            .collect()
    }

    #[test]
    fn a_page_per_fragment_step_or_per_slide() {
        use PageKind::Slide as S;
        assert_eq!(
            pages(true, ShowNotes::Hidden),
            vec![(0, 0, S), (1, 0, S), (1, 1, S), (1, 2, S), (2, 0, S)]
        );
        assert_eq!(
            pages(false, ShowNotes::Inline),
            vec![(0, 0, S), (1, 2, S), (2, 0, S)]
        );
    }

    #[test]
    fn separate_page_notes_follow_the_slide_that_has_them() {
        use PageKind::{Notes as N, Slide as S};
        assert_eq!(
            pages(false, ShowNotes::SeparatePage),
            vec![(0, 0, S), (0, 0, N), (1, 2, S), (2, 0, S)]
        );
    }
}
