//! What the speaker shows the room on top of the slides: the laser pointer, the spotlight,
//! pen and highlighter strokes, and the zoom. Points are normalised to the slide canvas
//! (0..1 on each axis), so every window and window size agrees on where they are. Strokes
//! belong to a slide and fragment step and are never part of the deck.

use std::collections::BTreeMap;

/// A point on the slide canvas: `[x, y]`, 0..1 from the top-left corner.
pub type Point = [f32; 2];

/// What the pointer shows the room.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PointerMode {
    /// Nothing: the mouse is the speaker's own.
    #[default]
    Off,
    /// A bright dot where the mouse is.
    Laser,
    /// Everything dimmed but a circle around the mouse.
    Spotlight,
}

/// What a drag draws with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pen {
    /// A thin opaque line.
    Pen,
    /// A broad translucent band.
    Highlighter,
}

/// One drawn line.
#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    /// What drew it.
    pub pen: Pen,
    /// Its points, in order.
    pub points: Vec<Point>,
}

/// How long zooming in or out takes.
pub const ZOOM_SECS: f32 = 0.35;
/// How far Alt+click zooms in.
pub const ZOOM_SCALE: f32 = 2.5;

/// A zoom of the audience view, at one moment: the slide point at the view's centre and the
/// magnification. `scale == 1` with the centre in the middle is the plain slide.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoomView {
    /// The slide point shown at the centre of the canvas.
    pub centre: Point,
    /// Magnification, 1 or more.
    pub scale: f32,
}

impl ZoomView {
    /// The plain slide.
    pub const NONE: ZoomView = ZoomView {
        centre: [0.5, 0.5],
        scale: 1.0,
    };

    /// Where slide point `p` shows on the zoomed canvas (normalised to the canvas too).
    pub fn to_view(self, p: Point) -> Point {
        [
            0.5 + (p[0] - self.centre[0]) * self.scale,
            0.5 + (p[1] - self.centre[1]) * self.scale,
        ]
    }

    /// The slide point under canvas point `q` of the zoomed view.
    pub fn to_slide(self, q: Point) -> Point {
        [
            self.centre[0] + (q[0] - 0.5) / self.scale,
            self.centre[1] + (q[1] - 0.5) / self.scale,
        ]
    }
}

/// A zoom in or out, started at `since_secs`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Zoom {
    /// The slide point zoomed to, kept inside so the view never leaves the slide.
    centre: Point,
    /// In (true) or on the way back out.
    zoomed_in: bool,
    since_secs: f64,
}

/// The pointer, spotlight, strokes and zoom.
#[derive(Clone, Debug, Default)]
pub struct Ink {
    pointer: PointerMode,
    pen: Option<Pen>,
    at: Option<Point>,
    strokes: BTreeMap<(usize, usize), Vec<Stroke>>,
    /// The step a stroke in progress belongs to.
    drawing: Option<(usize, usize)>,
    zoom: Option<Zoom>,
}

/// Smallest distance between stored stroke points: a still hand adds nothing.
const MIN_STEP: f32 = 0.001;

impl Ink {
    /// What the pointer shows.
    pub fn pointer_mode(&self) -> PointerMode {
        self.pointer
    }

    /// The pen a drag draws with, if drawing is on.
    pub fn pen(&self) -> Option<Pen> {
        self.pen
    }

    /// Where the mouse is on the slide, when it is over it.
    pub fn at(&self) -> Option<Point> {
        self.at
    }

    /// The pointer to draw, when the room should see one: its mode and place.
    pub fn visible_pointer(&self) -> Option<(PointerMode, Point)> {
        match (self.pointer, self.at) {
            (PointerMode::Off, _) | (_, None) => None,
            (mode, Some(p)) => Some((mode, p)),
        }
    }

    /// Whether the app should follow the mouse over the slide at all.
    pub fn tracking(&self) -> bool {
        self.pointer != PointerMode::Off || self.pen.is_some()
    }

    /// The strokes of `slide` at fragment step `shown`.
    pub fn strokes(&self, slide: usize, shown: usize) -> &[Stroke] {
        self.strokes
            .get(&(slide, shown))
            .map_or(&[][..], Vec::as_slice)
    }

    /// Every step's strokes count, for tests and a console hint.
    pub fn stroke_count(&self) -> usize {
        self.strokes.values().map(Vec::len).sum()
    }

    /// The mouse moved over the slide (`Some`) or off it (`None`).
    pub fn point_at(&mut self, p: Option<Point>) {
        self.at = p.map(clamp);
    }

    /// The laser pointer on and off (the spotlight gives way to it).
    pub fn toggle_laser(&mut self) {
        self.pointer = match self.pointer {
            PointerMode::Laser => PointerMode::Off,
            _ => PointerMode::Laser,
        };
    }

    /// The spotlight on and off (the laser gives way to it).
    pub fn toggle_spotlight(&mut self) {
        self.pointer = match self.pointer {
            PointerMode::Spotlight => PointerMode::Off,
            _ => PointerMode::Spotlight,
        };
    }

    /// Drawing with `pen` on and off; choosing the other pen switches to it.
    pub fn toggle_pen(&mut self, pen: Pen) {
        self.pen = if self.pen == Some(pen) {
            None
        } else {
            Some(pen)
        };
        self.drawing = None;
    }

    /// A drag starts at `p` on `slide` at step `shown`: a new stroke, when a pen is on.
    pub fn begin_stroke(&mut self, slide: usize, shown: usize, p: Point) {
        let Some(pen) = self.pen else {
            return;
        };
        self.strokes
            .entry((slide, shown))
            .or_default()
            .push(Stroke {
                pen,
                points: vec![clamp(p)],
            });
        self.drawing = Some((slide, shown));
    }

    /// The drag went on to `p`: the stroke in progress grows (it stays on the step it began on).
    pub fn extend_stroke(&mut self, p: Point) {
        let Some(key) = self.drawing else {
            return;
        };
        let p = clamp(p);
        if let Some(s) = self.strokes.get_mut(&key).and_then(|v| v.last_mut())
            && s.points
                .last()
                .is_none_or(|l| (l[0] - p[0]).abs().max((l[1] - p[1]).abs()) >= MIN_STEP)
        {
            s.points.push(p);
        }
    }

    /// The drag ended.
    pub fn end_stroke(&mut self) {
        self.drawing = None;
    }

    /// The strokes of one step go.
    pub fn clear(&mut self, slide: usize, shown: usize) {
        self.strokes.remove(&(slide, shown));
        self.drawing = None;
    }

    /// Every stroke goes.
    pub fn clear_all(&mut self) {
        self.strokes.clear();
        self.drawing = None;
    }

    /// Strokes of slides past `slides` go (a reloaded deck that got shorter).
    pub fn keep_slides(&mut self, slides: usize) {
        self.strokes.retain(|(s, _), _| *s < slides);
        self.drawing = None;
    }

    /// Alt+click at `p`: zoom in there, or back out when zoomed in.
    pub fn toggle_zoom(&mut self, p: Point, now_secs: f64) {
        let zoomed_in = !self.zoomed_in();
        let centre = if zoomed_in {
            let half = 0.5 / ZOOM_SCALE;
            let p = clamp(p);
            [p[0].clamp(half, 1.0 - half), p[1].clamp(half, 1.0 - half)]
        } else {
            self.zoom.map_or([0.5, 0.5], |z| z.centre)
        };
        self.zoom = Some(Zoom {
            centre,
            zoomed_in,
            since_secs: now_secs,
        });
    }

    /// Back out of a zoom (Esc, another slide); whether there was one to leave.
    pub fn zoom_out(&mut self, now_secs: f64) -> bool {
        if !self.zoomed_in() {
            return false;
        }
        self.toggle_zoom([0.5, 0.5], now_secs);
        true
    }

    /// Whether the view is zoomed in (or on its way in).
    pub fn zoomed_in(&self) -> bool {
        self.zoom.is_some_and(|z| z.zoomed_in)
    }

    /// The zoom at `now_secs`, eased between the plain slide and the zoomed view.
    pub fn zoom_view(&self, now_secs: f64) -> ZoomView {
        let Some(z) = self.zoom else {
            return ZoomView::NONE;
        };
        let t = crate::motion::ease(((now_secs - z.since_secs) as f32 / ZOOM_SECS).clamp(0.0, 1.0));
        let k = if z.zoomed_in { t } else { 1.0 - t };
        let lerp = |a: f32, b: f32| a + (b - a) * k;
        ZoomView {
            centre: [lerp(0.5, z.centre[0]), lerp(0.5, z.centre[1])],
            scale: lerp(1.0, ZOOM_SCALE),
        }
    }

    /// Whether the zoom is still moving at `now_secs` (the windows keep drawing until it stops).
    pub fn zoom_moving(&self, now_secs: f64) -> bool {
        self.zoom
            .is_some_and(|z| ((now_secs - z.since_secs) as f32) < ZOOM_SECS)
    }
}

fn clamp(p: Point) -> Point {
    [p[0].clamp(0.0, 1.0), p[1].clamp(0.0, 1.0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_stay_with_their_step_and_go_when_cleared() {
        let mut ink = Ink::default();
        ink.begin_stroke(0, 0, [0.1, 0.1]);
        assert_eq!(ink.stroke_count(), 0, "no pen, no stroke");
        ink.toggle_pen(Pen::Pen);
        ink.begin_stroke(2, 1, [0.1, 0.1]);
        ink.extend_stroke([0.2, 0.2]);
        ink.extend_stroke([0.2, 0.2]);
        ink.extend_stroke([0.3, 0.5]);
        ink.end_stroke();
        ink.extend_stroke([0.9, 0.9]);
        assert_eq!(ink.strokes(2, 1).len(), 1);
        assert_eq!(
            ink.strokes(2, 1)[0].points,
            vec![[0.1, 0.1], [0.2, 0.2], [0.3, 0.5]],
            "a still hand adds nothing, a lifted pen nothing more"
        );
        assert!(ink.strokes(2, 0).is_empty() && ink.strokes(1, 1).is_empty());
        ink.toggle_pen(Pen::Highlighter);
        assert_eq!(ink.pen(), Some(Pen::Highlighter), "the other pen switches");
        ink.begin_stroke(2, 2, [0.5, 0.5]);
        assert_eq!(ink.strokes(2, 2)[0].pen, Pen::Highlighter);
        ink.clear(2, 1);
        assert!(ink.strokes(2, 1).is_empty() && ink.strokes(2, 2).len() == 1);
        ink.clear_all();
        assert_eq!(ink.stroke_count(), 0);
        ink.toggle_pen(Pen::Highlighter);
        assert_eq!(ink.pen(), None);
    }

    #[test]
    fn the_pointer_shows_only_in_a_mode_and_over_the_slide() {
        let mut ink = Ink::default();
        ink.point_at(Some([0.4, 1.7]));
        assert_eq!(ink.at(), Some([0.4, 1.0]), "kept on the slide");
        assert_eq!(ink.visible_pointer(), None);
        ink.toggle_laser();
        assert_eq!(
            ink.visible_pointer(),
            Some((PointerMode::Laser, [0.4, 1.0]))
        );
        ink.toggle_spotlight();
        assert_eq!(ink.pointer_mode(), PointerMode::Spotlight);
        ink.point_at(None);
        assert_eq!(ink.visible_pointer(), None);
        ink.toggle_spotlight();
        assert!(!ink.tracking());
    }

    #[test]
    fn zoom_goes_in_around_the_point_and_back_out() {
        let mut ink = Ink::default();
        assert_eq!(ink.zoom_view(0.0), ZoomView::NONE);
        ink.toggle_zoom([0.5, 0.4], 10.0);
        assert!(ink.zoomed_in() && ink.zoom_moving(10.1));
        assert_eq!(
            ink.zoom_view(10.0),
            ZoomView::NONE,
            "starts from the plain slide"
        );
        let v = ink.zoom_view(11.0);
        assert_eq!(v.scale, ZOOM_SCALE);
        assert_eq!(v.centre, [0.5, 0.4]);
        let q = v.to_view([0.5, 0.4]);
        assert!((q[0] - 0.5).abs() < 1e-6 && (q[1] - 0.5).abs() < 1e-6);
        let p = v.to_slide([0.0, 1.0]);
        let back = v.to_view(p);
        assert!((back[0]).abs() < 1e-6 && (back[1] - 1.0).abs() < 1e-6);
        ink.toggle_zoom([0.9, 0.9], 12.0);
        assert!(!ink.zoomed_in());
        assert_eq!(ink.zoom_view(13.0), ZoomView::NONE);
        assert!(!ink.zoom_out(13.0), "nothing to leave");
    }

    #[test]
    fn a_zoom_near_the_edge_stays_on_the_slide() {
        let mut ink = Ink::default();
        ink.toggle_zoom([0.0, 1.0], 0.0);
        let v = ink.zoom_view(1.0);
        let corner = v.to_slide([0.0, 1.0]);
        assert!(corner[0].abs() < 1e-6 && (corner[1] - 1.0).abs() < 1e-6);
        assert!(ink.zoom_out(2.0) && !ink.zoomed_in());
    }
}
