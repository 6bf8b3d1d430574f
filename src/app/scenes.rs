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

    /// The slides within `reach` of `around` in a `len`-slide deck not laid out yet, nearest
    /// first (the next before the previous, as a talk goes forwards).
    pub fn missing_near(
        &self,
        around: usize,
        len: usize,
        reach: usize,
    ) -> impl Iterator<Item = usize> + '_ {
        by_distance(around, len)
            .take_while(move |i| i.abs_diff(around) <= reach)
            .filter(|i| !self.map.contains_key(i))
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

/// The slides of a `len`-slide deck by distance from `around`: `around` itself, then the one
/// after, the one before, two after, two before, and so on.
pub fn by_distance(around: usize, len: usize) -> impl Iterator<Item = usize> {
    let around = around.min(len.saturating_sub(1));
    (0..len.saturating_mul(2)).filter_map(move |k| {
        let d = k.div_ceil(2);
        if k % 2 == 1 {
            around.checked_add(d).filter(|&i| i < len)
        } else {
            around.checked_sub(d)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{Scenes, by_distance};

    #[test]
    fn slides_come_nearest_first_the_next_before_the_previous() {
        assert_eq!(
            by_distance(2, 6).collect::<Vec<_>>(),
            vec![2, 3, 1, 4, 0, 5]
        );
        assert_eq!(by_distance(0, 3).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(by_distance(4, 5).collect::<Vec<_>>(), vec![4, 3, 2, 1, 0]);
        assert_eq!(by_distance(9, 2).collect::<Vec<_>>(), vec![1, 0], "clamped");
        assert_eq!(by_distance(0, 0).count(), 0);
        let none = Scenes::default();
        assert_eq!(
            none.missing_near(5, 100, 2).collect::<Vec<_>>(),
            vec![5, 6, 4, 7, 3],
            "only within reach"
        );
    }
}
