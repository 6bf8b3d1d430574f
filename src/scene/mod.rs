//! Slide + Theme + canvas size → Scene: positioned text, shapes and images in points, laid out
//! once per slide (and window size), never per frame. Uses epaint's text layout, not egui's
//! `Context`, so tests lay slides out without a window. Uses `deck` and `theme`; items carry
//! `deck`'s fragment styles and timing as data for `motion` to animate, never the reverse.
//!
//! The room: `layout/` turns a slide into a `Scene`, one file per element family (flow, HTML,
//! text, lists, code, tables, images, CSS lengths); `code` highlights code blocks with syntect
//! and caches the result; `math` typesets formulas with RaTeX; this file holds the scene's data types.

mod code;
mod layout;
pub mod math;
mod words;

pub use code::{CodeRun, Highlighted, highlight_lines, highlighted, warm_up};
pub use layout::{LayoutInput, layout};

use crate::deck::{ElementTiming, FragmentStyle, HighlightStep};
use crate::theme::{Gradient, TextShadow};
use eframe::egui::{Color32, Galley, Rect, Vec2};
use std::sync::Arc;

/// What the layout knows about an image while it loads in the background.
#[derive(Clone, Debug, PartialEq)]
pub enum ImageState {
    /// Not decoded yet: a neutral box holds its place.
    Loading,
    /// Decoded; its natural size in pixels.
    Ready([u32; 2]),
    /// Could not be shown; the reason, for the on-slide placeholder.
    Failed(String),
}

/// Where layout asks about images (the app's loader, or a fixed answer in tests).
pub trait ImageSizes {
    /// The state of image `src` as the deck writes it.
    fn state(&self, src: &str) -> ImageState;
}

/// Every image is still loading: what a test or a first frame sees.
pub struct NoImages;

impl ImageSizes for NoImages {
    fn state(&self, _src: &str) -> ImageState {
        ImageState::Loading
    }
}

/// A fragment an item belongs to (its own or an ancestor's), with its reveal.js style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frag {
    /// The fragment step (0-based) at which it appears.
    pub step: usize,
    /// How it appears.
    pub style: FragmentStyle,
}

/// A line of a code block that has highlight steps, for dimming at draw time.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeLine {
    /// 1-based position of the line inside its block.
    pub line: u32,
    /// The block's highlight steps.
    pub steps: Arc<Vec<HighlightStep>>,
    /// The fragment step at which each step after the first appears.
    pub step_fragments: Arc<Vec<usize>>,
}

impl CodeLine {
    /// The highlight step in force once `shown` fragment steps are visible.
    pub fn step_index(&self, shown: usize) -> usize {
        self.step_fragments.iter().filter(|&&f| f < shown).count()
    }

    /// Opacity of this line with `shown` fragment steps visible: 0.4 when the step highlights
    /// other lines, as reveal.js dims them.
    pub fn opacity(&self, shown: usize) -> f32 {
        match self.steps.get(self.step_index(shown)) {
            Some(step) if !step.ranges.iter().all(|&(_, b)| b == 0) => {
                if step.contains(self.line) {
                    1.0
                } else {
                    0.4
                }
            }
            _ => 1.0,
        }
    }
}

/// What an item draws.
#[derive(Clone, Debug)]
pub enum ItemKind {
    /// Laid-out text; painted at `rect.min - galley.rect.min`.
    Text(Arc<Galley>),
    /// A filled rounded rectangle (code and quote backgrounds, table rules).
    Fill {
        /// Fill colour.
        color: Color32,
        /// Corner radius in points.
        corner: f32,
    },
    /// An image, drawn to fit `rect` (its aspect ratio is already in `rect`).
    Image {
        /// The source as the deck writes it.
        src: String,
    },
    /// A typeset formula, drawn to fill `rect` (its box: the baseline is `height` em down).
    Math {
        /// The formula, with its colour.
        formula: Arc<math::Formula>,
    },
    /// A visible box with a message where an image could not be shown.
    Placeholder {
        /// The message (path and reason), laid out.
        galley: Arc<Galley>,
        /// How much smaller than laid out the message is drawn (a shrunk slide's).
        scale: f32,
    },
}

/// One positioned element of a slide.
#[derive(Clone, Debug)]
pub struct Item {
    /// Stable identity: what it is and where it came from, for matching across slides.
    pub key: String,
    /// Where it is, in points from the canvas's top-left corner.
    pub rect: Rect,
    /// What it draws.
    pub kind: ItemKind,
    /// Fragments it belongs to, outermost first.
    pub fragments: Vec<Frag>,
    /// For code lines under highlight steps.
    pub code_line: Option<CodeLine>,
    /// Auto-animate timing set on it or an enclosing element.
    pub timing: Option<ElementTiming>,
    /// Links in its text: where each one is, relative to `rect.min`, and its `href`.
    pub links: Vec<(Rect, String)>,
    /// Shadow layers behind its text (a theme's heading `text-shadow`), in canvas pixels.
    pub shadow: &'static [TextShadow],
}

/// A laid-out slide.
#[derive(Clone, Debug)]
pub struct Scene {
    /// Canvas size in points (the logical canvas times the scale).
    pub size: Vec2,
    /// Points per canvas pixel.
    pub scale: f32,
    /// How much the content was shrunk to fit (1 = not at all): items are placed at the
    /// shrunk size, their text laid out at the full one and drawn this much smaller.
    pub shrink: f32,
    /// Background colour of the slide.
    pub background: Color32,
    /// A background image covering the canvas, if the slide has one.
    pub background_image: Option<String>,
    /// `data-background-size` (`cover` when unset, `contain`, or CSS lengths).
    pub background_size: Option<String>,
    /// A gradient over the whole screen: the slide's `data-background-gradient`, else the
    /// theme's own (league, beige, sky) where the slide sets no colour.
    pub background_gradient: Option<Gradient>,
    /// `data-background-position` (`center` when unset).
    pub background_position: Option<String>,
    /// `data-background-repeat` (`no-repeat` when unset, or `repeat`).
    pub background_repeat: Option<String>,
    /// `data-background-opacity` of the image and gradient, 0 to 1.
    pub background_opacity: f32,
    /// Items in paint order.
    pub items: Vec<Item>,
}

impl Scene {
    /// The `href` of the link at `pos` (points from the canvas's top-left corner), if any.
    /// Items hidden behind a fragment not yet shown (`hidden(item)`) hold no links.
    pub fn link_at(&self, pos: eframe::egui::Pos2, hidden: &dyn Fn(&Item) -> bool) -> Option<&str> {
        self.items
            .iter()
            .rev()
            .filter(|i| !i.links.is_empty() && !hidden(i))
            .find_map(|i| {
                i.links
                    .iter()
                    .find(|(r, _)| r.translate(i.rect.min.to_vec2()).contains(pos))
                    .map(|(_, href)| href.as_str())
            })
    }

    /// The union of all item rectangles.
    pub fn content_rect(&self) -> Rect {
        self.items
            .iter()
            .fold(Rect::NOTHING, |acc, i| acc.union(i.rect))
    }
}
