//! The scene cache: each slide laid out once per window size, reused by every frame,
//! transition, morph, overview cell and console preview until the size changes, one of its
//! images arrives, or the font atlas is rebuilt.

use super::images::ImageLoader;
use crate::deck::Deck;
use crate::motion::morph::{Pairing, pair_items};
use crate::scene::{LayoutInput, Scene, layout};
use crate::theme::Theme;
use eframe::egui::{self, Vec2};
use std::collections::HashMap;

/// What laying out a slide needs from the app.
#[derive(Clone, Copy)]
pub struct SceneInputs<'a> {
    /// The deck on screen.
    pub deck: &'a Deck,
    /// Its theme.
    pub theme: &'a Theme,
    /// Decoded image sizes.
    pub images: &'a ImageLoader,
}

/// Laid-out slides for one window size, and the morph pairing of the last pair of slides.
#[derive(Default)]
pub struct Scenes {
    size: Vec2,
    map: HashMap<usize, Scene>,
    pairing: Option<((usize, usize), Pairing)>,
    layouts: usize,
}

impl Scenes {
    /// Lays slide `index` out for a window of `size` if it is not yet.
    pub fn ensure(&mut self, ctx: &egui::Context, app: SceneInputs<'_>, index: usize, size: Vec2) {
        if self.size != size {
            self.clear();
            self.size = size;
        }
        if self.map.contains_key(&index) {
            return;
        }
        let Some(slide) = app.deck.slides.get(index) else {
            return;
        };
        let canvas = Vec2::new(app.deck.meta.width, app.deck.meta.height);
        // reveal.js: the canvas plus its margin is fitted to the window.
        let m = 1.0 + app.deck.meta.margin;
        let scale = (size.x / (canvas.x * m)).min(size.y / (canvas.y * m));
        let scale = if scale.is_finite() {
            scale.max(0.01)
        } else {
            1.0
        };
        let input = LayoutInput {
            slide,
            theme: app.theme,
            canvas,
            scale,
            images: app.images,
        };
        let scene = ctx.fonts_mut(|f| layout(&input, f));
        self.layouts += 1;
        self.map.insert(index, scene);
    }

    /// Slide `index`'s scene, if laid out.
    pub fn get(&self, index: usize) -> Option<&Scene> {
        self.map.get(&index)
    }

    /// How many layouts this cache has done (a test sees a slide laid out twice).
    pub fn layouts(&self) -> usize {
        self.layouts
    }

    /// Pairs the items of `from` and `to` for a morph, once per pair of laid-out slides.
    pub fn pair(&mut self, from: usize, to: usize) {
        if self.pairing.as_ref().is_some_and(|(k, _)| *k == (from, to)) {
            return;
        }
        if let (Some(old), Some(new)) = (self.map.get(&from), self.map.get(&to)) {
            self.pairing = Some(((from, to), pair_items(old, new)));
        }
    }

    /// The morph pairing of `from` → `to`, once [`Scenes::pair`] made it.
    pub fn pairing(&self, from: usize, to: usize) -> Option<&Pairing> {
        self.pairing
            .as_ref()
            .filter(|(k, _)| *k == (from, to))
            .map(|(_, p)| p)
    }

    /// Forgets the slides for which `stale` is true (their images arrived).
    pub fn forget_where(&mut self, mut stale: impl FnMut(usize) -> bool) {
        self.map.retain(|&i, _| !stale(i));
        self.pairing = None;
    }

    /// Forgets every slide.
    pub fn clear(&mut self) {
        self.map.clear();
        self.pairing = None;
    }
}
