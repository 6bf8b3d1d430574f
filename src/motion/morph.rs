//! Auto-animate: which items of two scenes are the same element, and where each is drawn at
//! any instant of the morph. Pure: scenes and seconds in, placements out; no layout.

use super::{AutoAnimate, Easing};
use crate::scene::{Item, Scene};
use eframe::egui::Rect;
use std::collections::HashMap;

/// Which items of the old scene became which items of the new one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    /// (old item, new item) index pairs.
    pub pairs: Vec<(usize, usize)>,
    /// New items with no old counterpart: they fade in.
    pub entering: Vec<usize>,
    /// Old items with no new counterpart.
    pub leaving: Vec<usize>,
}

/// Whether a key names content (`h2:Title`, `img:a.png`, `id:x`) rather than a position
/// counter (`bar#3`), which would pair unrelated elements.
fn matchable(key: &str) -> bool {
    match key.split_once(':') {
        Some((kind, _)) => !kind.contains('#'),
        None => false,
    }
}

/// Pairs items with equal keys. Among repeats, the n-th new item takes the n-th old one (or
/// the last old one if that is still free), each old item used once, as reveal.js pairs them.
pub fn pair_items(from: &Scene, to: &Scene) -> Pairing {
    let mut by_key: HashMap<&str, Vec<Option<usize>>> = HashMap::new();
    for (i, item) in from.items.iter().enumerate() {
        if matchable(&item.key) {
            by_key.entry(item.key.as_str()).or_default().push(Some(i));
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Pairing::default();
    let mut used = vec![false; from.items.len()];
    for (j, item) in to.items.iter().enumerate() {
        let key = item.key.as_str();
        let found = by_key.get_mut(key).and_then(|olds| {
            let n = seen.entry(key).or_insert(0);
            let nth = *n;
            *n += 1;
            let pick = match olds.get(nth) {
                Some(Some(_)) => nth,
                _ => olds.len().checked_sub(1)?,
            };
            olds.get_mut(pick)?.take()
        });
        match found {
            Some(i) => {
                used[i] = true;
                out.pairs.push((i, j));
            }
            None => out.entering.push(j),
        }
    }
    out.leaving = (0..from.items.len()).filter(|&i| !used[i]).collect();
    out
}

/// Which scene an item is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The slide being left.
    Old,
    /// The slide being entered.
    New,
}

/// One item drawn in a morph frame: where (canvas points) and how opaque.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ghost {
    /// Which scene the item is from.
    pub side: Side,
    /// Its index in that scene.
    pub index: usize,
    /// Where it is drawn, in points from the canvas's top-left corner.
    pub rect: Rect,
    /// Opacity (fragment looks are applied on top by the painter).
    pub opacity: f32,
}

/// Seconds over which items found only on the old slide fade away. reveal.js drops them at
/// once; a short fade reads as the same change without a flash.
pub const LEAVING_SECS: f32 = 0.25;

fn progress(item: &Item, slide: &AutoAnimate, secs: f32) -> f32 {
    let t = item.timing.unwrap_or_default();
    let delay = t.delay.unwrap_or(slide.delay);
    let duration = t.duration.unwrap_or(slide.duration);
    let easing = t.easing.unwrap_or(slide.easing);
    if duration <= 0.0 {
        return if secs >= delay { 1.0 } else { 0.0 };
    }
    easing.apply((secs - delay) / duration)
}

fn lerp_rect(a: Rect, b: Rect, e: f32) -> Rect {
    // Centre and size, so centred text stays centred while it grows or shrinks.
    let c = a.center() + (b.center() - a.center()) * e;
    let size = a.size() + (b.size() - a.size()) * e;
    Rect::from_center_size(c, size)
}

/// The whole morph: everything settled after this many seconds.
pub fn morph_secs(to: &Scene, slide: &AutoAnimate) -> f32 {
    to.items
        .iter()
        .filter_map(|i| i.timing)
        .map(|t| t.delay.unwrap_or(slide.delay) + t.duration.unwrap_or(slide.duration))
        .fold(slide.delay + slide.duration, f32::max)
}

/// What to draw `secs` into a morph from `from` to `to`, in paint order: leaving items under
/// everything, then the new slide's items; a matched item is drawn where it is on its way,
/// with the old look fading out over the new one so colour and size changes blend.
pub fn morph_frame(
    from: &Scene,
    to: &Scene,
    pairing: &Pairing,
    slide: &AutoAnimate,
    secs: f32,
) -> Vec<Ghost> {
    let mut out = Vec::with_capacity(to.items.len() + pairing.leaving.len());
    let fade_out = 1.0 - Easing::EASE.apply(secs / LEAVING_SECS);
    if fade_out > 0.0 {
        for &i in &pairing.leaving {
            if let Some(item) = from.items.get(i) {
                out.push(Ghost {
                    side: Side::Old,
                    index: i,
                    rect: item.rect,
                    opacity: fade_out,
                });
            }
        }
    }
    let mut matched: Vec<Option<usize>> = vec![None; to.items.len()];
    for &(i, j) in &pairing.pairs {
        if let Some(m) = matched.get_mut(j) {
            *m = Some(i);
        }
    }
    for (j, item) in to.items.iter().enumerate() {
        match matched[j].and_then(|i| from.items.get(i).map(|old| (i, old))) {
            Some((i, old)) => {
                let e = progress(item, slide, secs);
                let rect = lerp_rect(old.rect, item.rect, e);
                out.push(Ghost {
                    side: Side::New,
                    index: j,
                    rect,
                    opacity: 1.0,
                });
                if e < 1.0 {
                    out.push(Ghost {
                        side: Side::Old,
                        index: i,
                        rect,
                        opacity: 1.0 - e,
                    });
                }
            }
            None => {
                // reveal.js: unmatched elements fade in over 0.8 of the duration after 0.2 of
                // it, always with `ease`, unless the element sets its own timing.
                let opacity = if !slide.unmatched {
                    1.0
                } else if let Some(t) = item.timing {
                    let d = t.duration.unwrap_or(slide.duration);
                    let delay = t.delay.unwrap_or(slide.delay);
                    if d <= 0.0 {
                        f32::from(u8::from(secs >= delay))
                    } else {
                        Easing::EASE.apply((secs - delay) / d)
                    }
                } else {
                    let d = slide.duration;
                    if d <= 0.0 {
                        1.0
                    } else {
                        Easing::EASE.apply((secs - slide.delay - 0.2 * d) / (0.8 * d))
                    }
                };
                if opacity > 0.0 {
                    out.push(Ghost {
                        side: Side::New,
                        index: j,
                        rect: item.rect,
                        opacity,
                    });
                }
            }
        }
    }
    out
}
