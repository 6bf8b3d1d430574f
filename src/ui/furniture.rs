//! reveal.js's screen furniture on the audience view: the arrows (`controls`), the progress
//! bar and the slide number, placed, sized and coloured as reveal.js 5's stylesheet has them
//! (CSS pixels of the viewport, not of the scaled slide). Geometry and looks are pure
//! functions; the painters only draw them.

use crate::deck::{BackArrows, ControlsLayout};
use crate::show::Routes;
use crate::theme::reveal;
use eframe::egui::{Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

/// One arrow's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrow {
    /// Back along the deck.
    Left,
    /// On along the deck.
    Right,
    /// Up the stack.
    Up,
    /// Down the stack.
    Down,
}

/// The four arrows in the order [`arrow_boxes`] and [`arrow_opacities`] use.
pub const ARROWS: [Arrow; 4] = [Arrow::Left, Arrow::Right, Arrow::Up, Arrow::Down];

/// reveal.js's arrow box (`$controlArrowSize`: 3.6em of 10px).
const ARROW_SIZE: f32 = 36.0;
/// The gap between arrows (`$controlArrowSpacing`: 1.4em).
const ARROW_SPACING: f32 = 14.0;
/// The arrows' distance from the corner: `--r-controls-spacing` is `0.8em` on screens
/// 500px wide or more, and an `em` in a custom property counts where it is used, in the
/// controls' 10px.
const CONTROLS_SPACING: f32 = 8.0;
/// The edge layout's distance from the edges (0.8em).
const EDGE_SPACING: f32 = 8.0;
/// A chevron bar's thickness (`$controlArrowThickness`: 0.5em).
const BAR_THICKNESS: f32 = 5.0;

/// How opaque each arrow is (left, right, up, down), as reveal.js's classes make it: a way
/// with nowhere to go is not drawn, one to a slide 0.9, one to a fragment step 0.5, and a way
/// back 0.3 (`controlsBackArrows: faded`) or nothing (`hidden`).
pub fn arrow_opacities(routes: &Routes, back: BackArrows) -> [f32; 4] {
    let look = |slide: bool, fragment: bool, is_back: bool| {
        if !(slide || fragment) {
            return 0.0;
        }
        match (is_back, back) {
            (true, BackArrows::Faded) => 0.3,
            (true, BackArrows::Hidden) => 0.0,
            _ if fragment => 0.5,
            _ => 0.9,
        }
    };
    let mut o = [
        look(routes.left, routes.left_fragment, true),
        look(routes.right, routes.right_fragment, false),
        look(routes.up, routes.up_fragment, true),
        look(routes.down, routes.down_fragment, false),
    ];
    if routes.linear_mode && routes.has_horizontal {
        // reveal.js hides the up and down arrows in linear navigation.
        o[2] = 0.0;
        o[3] = 0.0;
    }
    o
}

/// Where each arrow's 36px box goes in `area` (left, right, up, down), for `layout` and the
/// deck's shape: without stacks the left and right arrows drop to the corner's baseline, in a
/// deck that is one stack the up and down arrows move to the edge.
pub fn arrow_boxes(area: Rect, layout: ControlsLayout, routes: &Routes) -> [Rect; 4] {
    let size = Vec2::splat(ARROW_SIZE);
    match layout {
        ControlsLayout::Edges => {
            let c = area.center();
            [
                Rect::from_min_size(
                    pos2(area.left() + EDGE_SPACING, c.y - ARROW_SIZE / 2.0),
                    size,
                ),
                Rect::from_min_size(
                    pos2(
                        area.right() - EDGE_SPACING - ARROW_SIZE,
                        c.y - ARROW_SIZE / 2.0,
                    ),
                    size,
                ),
                Rect::from_min_size(
                    pos2(c.x - ARROW_SIZE / 2.0, area.top() + EDGE_SPACING),
                    size,
                ),
                // `bottom: calc(0.8em - 1.4em + 0.3em)` on a box padded 1.4em below the arrow.
                Rect::from_min_size(
                    pos2(c.x - ARROW_SIZE / 2.0, area.bottom() - 11.0 - ARROW_SIZE),
                    size,
                ),
            ]
        }
        ControlsLayout::BottomRight => {
            let corner = area.right_bottom() - Vec2::splat(CONTROLS_SPACING);
            // CSS `right` and `bottom` of each arrow's box, from the corner.
            let at = |right: f32, bottom: f32| {
                Rect::from_min_size(corner - vec2(right, bottom) - size, size)
            };
            let half = ARROW_SIZE / 2.0;
            let (left, right) = if routes.has_vertical && !routes.linear_mode {
                (
                    at(ARROW_SIZE + ARROW_SPACING * 2.0, ARROW_SPACING + half),
                    at(0.0, ARROW_SPACING + half),
                )
            } else {
                (
                    at(5.0 + ARROW_SPACING + ARROW_SIZE, ARROW_SPACING),
                    at(5.0, ARROW_SPACING),
                )
            };
            let (up, down) = if routes.has_horizontal {
                (
                    at(ARROW_SPACING + half, ARROW_SPACING * 2.0 + ARROW_SIZE),
                    at(ARROW_SPACING + half, 0.0),
                )
            } else {
                // `bottom: 0.5em` on a box padded 1.4em below the arrow.
                (
                    at(ARROW_SPACING, ARROW_SPACING + ARROW_SIZE),
                    at(ARROW_SPACING, 5.0 + ARROW_SPACING),
                )
            };
            [left, right, up, down]
        }
    }
}

/// The three points of an arrow's chevron in its box: two bars from a tip, as reveal.js's
/// `:before`/`:after` bars at ±45° (pointing left, then turned for the others).
pub fn chevron(arrow: Arrow, rect: Rect) -> [Pos2; 3] {
    // From the box's centre: the tip 11px left of it; the 26px bars pivot 2px from their
    // ends, and their rounded far ends are drawn square a little short.
    let left = [vec2(4.5, -15.5), vec2(-11.0, 0.0), vec2(4.5, 15.5)];
    let turn = |v: Vec2| match arrow {
        Arrow::Left => v,
        Arrow::Right => vec2(-v.x, v.y),
        // Screen y points down: a quarter turn clockwise, and anticlockwise.
        Arrow::Up => vec2(-v.y, v.x),
        Arrow::Down => vec2(v.y, -v.x),
    };
    let k = rect.width() / ARROW_SIZE;
    left.map(|v| rect.center() + turn(v) * k)
}

/// The outline of an arrow's two bars as one polygon, from the outer corner of the tip round,
/// so a faded arrow is not darker where its bars overlap; every point sees the first, so
/// egui's fan fill covers it once.
pub fn chevron_outline(arrow: Arrow, rect: Rect) -> [Pos2; 6] {
    let [a, tip, b] = chevron(arrow, rect);
    let half = BAR_THICKNESS / 2.0 * rect.width() / ARROW_SIZE;
    // The bisector points into the chevron; the bars meet at right angles, so the corners
    // of the outline sit half a thickness times √2 along it.
    let into = ((a - tip).normalized() + (b - tip).normalized()).normalized();
    let corner = half * std::f32::consts::SQRT_2;
    let side = |end: Pos2| {
        let along = (end - tip).normalized();
        let n = vec2(-along.y, along.x);
        // The normal that points away from the inside of the chevron.
        let out = if n.dot(into) > 0.0 { -n } else { n };
        (end + out * half, end - out * half)
    };
    let (a_out, a_in) = side(a);
    let (b_out, b_in) = side(b);
    let mut o = [
        tip - into * corner,
        a_out,
        a_in,
        tip + into * corner,
        b_in,
        b_out,
    ];
    // egui reverses an anticlockwise outline before its fan fill, which would start the fan
    // elsewhere: make it clockwise here, keeping the outer corner first.
    let area: f32 = (0..6)
        .map(|i| {
            let (p, q) = (o[(i + 5) % 6], o[i]);
            p.x * q.y - q.x * p.y
        })
        .sum();
    if area < 0.0 {
        o[1..].reverse();
    }
    o
}

/// The arrows' colour: the theme's link colour, or white or black on a slide with a
/// background of its own (reveal.js's `has-dark-background`/`has-light-background`).
pub fn controls_color(link: Color32, own_background: Option<Color32>) -> Color32 {
    match own_background {
        None => link,
        Some(bg) => {
            // reveal.js's `colorBrightness`.
            let b =
                (bg.r() as f32 * 299.0 + bg.g() as f32 * 587.0 + bg.b() as f32 * 114.0) / 1000.0;
            if b < 128.0 {
                reveal::CONTROLS_ON_DARK
            } else {
                reveal::CONTROLS_ON_LIGHT
            }
        }
    }
}

/// The arrow drawn under `pos`, if one is (a hidden arrow is no button).
pub fn arrow_at(
    area: Rect,
    routes: &Routes,
    layout: ControlsLayout,
    back: BackArrows,
    pos: Pos2,
) -> Option<Arrow> {
    let boxes = arrow_boxes(area, layout, routes);
    let opacity = arrow_opacities(routes, back);
    ARROWS
        .into_iter()
        .zip(boxes)
        .zip(opacity)
        .find(|((_, rect), o)| *o > 0.0 && rect.contains(pos))
        .map(|((arrow, _), _)| arrow)
}

/// Paints the arrows that lead somewhere; the one under the mouse (`hovered`) at full
/// strength, as reveal.js's `:hover`.
pub fn paint_controls(
    painter: &Painter,
    area: Rect,
    routes: &Routes,
    (layout, back): (ControlsLayout, BackArrows),
    color: Color32,
    hovered: Option<Arrow>,
) {
    let boxes = arrow_boxes(area, layout, routes);
    let opacity = arrow_opacities(routes, back);
    for ((arrow, rect), o) in ARROWS.into_iter().zip(boxes).zip(opacity) {
        if o <= 0.0 {
            continue;
        }
        let o = if hovered == Some(arrow) { 1.0 } else { o };
        painter.add(Shape::convex_polygon(
            chevron_outline(arrow, rect).to_vec(),
            color.gamma_multiply(o),
            Stroke::NONE,
        ));
    }
}

/// The progress bar's filled rectangle for `fraction` (0..=1) of the way: 3px along the
/// bottom of `area`, filling from the left.
pub fn progress_rects(area: Rect, fraction: f32) -> (Rect, Rect) {
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let track = Rect::from_min_max(pos2(area.left(), area.bottom() - 3.0), area.right_bottom());
    let bar = Rect::from_min_max(
        track.min,
        pos2(area.left() + area.width() * f, area.bottom()),
    );
    (track, bar)
}

/// Paints the progress bar: its track, and `fraction` of it in `color` (the theme's link
/// colour in reveal.js).
pub fn paint_progress(painter: &Painter, area: Rect, fraction: f32, color: Color32) {
    let (track, bar) = progress_rects(area, fraction);
    painter.rect_filled(track, 0.0, reveal::PROGRESS_TRACK);
    if bar.width() > 0.0 {
        painter.rect_filled(bar, 0.0, color);
    }
}

/// Paints `text` as reveal.js's slide number: 8px in from the bottom-right corner, in a box
/// padded 5px, white on translucent black, `size` px (12 on screen, 14 in print).
pub fn paint_slide_number(painter: &Painter, area: Rect, text: &str, size: f32) {
    if text.is_empty() {
        return;
    }
    let font = FontId::proportional(size);
    let galley = painter.layout_no_wrap(text.to_string(), font, reveal::SLIDE_NUMBER_TEXT);
    let pad = Vec2::splat(5.0);
    let bg = Rect::from_min_max(
        area.right_bottom() - Vec2::splat(8.0) - galley.size() - pad * 2.0,
        area.right_bottom() - Vec2::splat(8.0),
    );
    painter.rect_filled(bg, 0.0, reveal::SLIDE_NUMBER_BACKGROUND);
    painter.galley(bg.min + pad, galley, reveal::SLIDE_NUMBER_TEXT);
}

/// The progress bar gliding to a new length as reveal.js's does (its `transform` eases over
/// 800ms on the slide curve).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProgressGlide {
    from: f32,
    to: f32,
    since_secs: f64,
}

/// How long the bar takes to reach a new length.
const PROGRESS_SECS: f32 = 0.8;

impl ProgressGlide {
    /// Resting at `fraction`.
    pub fn at_rest(fraction: f32) -> ProgressGlide {
        ProgressGlide {
            from: fraction,
            to: fraction,
            since_secs: f64::NEG_INFINITY,
        }
    }

    /// The length at `now`.
    pub fn at(&self, now: f64) -> f32 {
        let t = ((now - self.since_secs) as f32 / PROGRESS_SECS).clamp(0.0, 1.0);
        let e = if t.is_nan() {
            1.0
        } else {
            crate::motion::Easing::SLIDE.apply(t)
        };
        self.from + (self.to - self.from) * e
    }

    /// Whether it is still moving at `now`.
    pub fn moving(&self, now: f64) -> bool {
        self.from != self.to && now - self.since_secs < f64::from(PROGRESS_SECS)
    }

    /// Heads for `target` from wherever it is at `now`.
    pub fn aim(&mut self, target: f32, now: f64) {
        if target != self.to {
            *self = ProgressGlide {
                from: self.at(now),
                to: target,
                since_secs: now,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Theme;

    fn area() -> Rect {
        Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 720.0))
    }

    #[test]
    fn arrows_with_nowhere_to_go_are_not_drawn_and_back_arrows_fade() {
        let r = Routes {
            left: true,
            right: true,
            down: true,
            has_vertical: true,
            has_horizontal: true,
            ..Routes::default()
        };
        assert_eq!(arrow_opacities(&r, BackArrows::Faded), [0.3, 0.9, 0.0, 0.9]);
        assert_eq!(
            arrow_opacities(&r, BackArrows::Hidden),
            [0.0, 0.9, 0.0, 0.9]
        );
        assert_eq!(
            arrow_opacities(&r, BackArrows::Visible),
            [0.9, 0.9, 0.0, 0.9]
        );
        let steps = Routes {
            right_fragment: true,
            ..Routes::default()
        };
        assert_eq!(arrow_opacities(&steps, BackArrows::Faded)[1], 0.5);
        let linear = Routes {
            linear_mode: true,
            ..r
        };
        assert_eq!(arrow_opacities(&linear, BackArrows::Faded)[3], 0.0);
    }

    #[test]
    fn bottom_right_layout_is_a_cross_in_the_corner() {
        let r = Routes {
            has_vertical: true,
            has_horizontal: true,
            ..Routes::default()
        };
        let [left, right, up, down] = arrow_boxes(area(), ControlsLayout::BottomRight, &r);
        assert_eq!(right.max, pos2(1272.0, 680.0));
        assert!(left.center().x < up.center().x && up.center().x < right.center().x);
        assert_eq!(up.center().x, down.center().x);
        assert!(up.center().y < left.center().y && left.center().y < down.center().y);
        assert!(down.max.y <= 712.0, "inside the corner's spacing");
        // Without stacks the pair drops to the baseline, side by side.
        let flat = Routes {
            has_horizontal: true,
            ..Routes::default()
        };
        let [left, right, ..] = arrow_boxes(area(), ControlsLayout::BottomRight, &flat);
        assert_eq!(left.center().y, right.center().y);
        assert_eq!(right.max.y, 720.0 - 8.0 - 14.0);
        let edges = arrow_boxes(area(), ControlsLayout::Edges, &r);
        assert_eq!(edges[0].center().y, 360.0);
        assert_eq!(edges[2].center().x, 640.0);
    }

    #[test]
    fn only_a_drawn_arrow_is_a_button() {
        let r = Routes {
            right: true,
            has_horizontal: true,
            ..Routes::default()
        };
        let boxes = arrow_boxes(area(), ControlsLayout::BottomRight, &r);
        let at = |p| {
            arrow_at(
                area(),
                &r,
                ControlsLayout::BottomRight,
                BackArrows::Faded,
                p,
            )
        };
        assert_eq!(at(boxes[1].center()), Some(Arrow::Right));
        assert_eq!(at(boxes[0].center()), None, "nowhere to go back to");
        assert_eq!(at(pos2(10.0, 10.0)), None);
    }

    #[test]
    fn a_chevron_outline_is_its_two_bars() {
        let rect = Rect::from_center_size(pos2(100.0, 100.0), Vec2::splat(36.0));
        let o = chevron_outline(Arrow::Left, rect);
        // The outer corner is left of the tip, the inner right of it, on the tip's row.
        assert!(o[0].x < 89.0 && o[3].x > 89.0 && (o[0].y - 100.0).abs() < 1e-3);
        // Each bar's end is as wide as a bar.
        assert!(((o[1] - o[2]).length() - 5.0).abs() < 1e-3);
        assert!(((o[4] - o[5]).length() - 5.0).abs() < 1e-3);
        // Every arrow's outline winds the way egui fills without reordering.
        for arrow in ARROWS {
            let o = chevron_outline(arrow, rect);
            let area: f32 = (0..6)
                .map(|i| {
                    let (p, q) = (o[(i + 5) % 6], o[i]);
                    p.x * q.y - q.x * p.y
                })
                .sum();
            assert!(area > 0.0, "{arrow:?}");
        }
    }

    #[test]
    fn chevrons_point_their_way() {
        let rect = Rect::from_center_size(pos2(100.0, 100.0), Vec2::splat(36.0));
        let tip = |a| chevron(a, rect)[1];
        assert!(tip(Arrow::Left).x < 100.0 && tip(Arrow::Right).x > 100.0);
        assert!(tip(Arrow::Up).y < 100.0 && tip(Arrow::Down).y > 100.0);
    }

    #[test]
    fn controls_follow_the_link_colour_or_the_slides_own_background() {
        let link = Theme::black().link;
        assert_eq!(controls_color(link, None), link);
        assert_eq!(
            controls_color(link, Some(Theme::white().background)),
            reveal::CONTROLS_ON_LIGHT
        );
        assert_eq!(
            controls_color(link, Some(Theme::black().background)),
            reveal::CONTROLS_ON_DARK
        );
    }

    #[test]
    fn the_bar_glides_to_its_new_length() {
        let mut g = ProgressGlide::at_rest(0.0);
        g.aim(0.5, 10.0);
        assert_eq!(g.at(10.0), 0.0);
        let mid = g.at(10.2);
        assert!(mid > 0.0 && mid < 0.5, "{mid}");
        assert!(g.moving(10.2));
        assert_eq!(g.at(11.0), 0.5);
        assert!(!g.moving(11.0));
    }

    #[test]
    fn progress_fills_from_the_left_along_the_bottom() {
        let (track, bar) = progress_rects(area(), 0.25);
        assert_eq!(track.height(), 3.0);
        assert_eq!(track.max, pos2(1280.0, 720.0));
        assert_eq!(bar.width(), 320.0);
        assert_eq!(progress_rects(area(), f32::NAN).1.width(), 0.0);
        assert_eq!(progress_rects(area(), 7.0).1.width(), 1280.0);
    }
}
