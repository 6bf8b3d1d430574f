//! egui drawing: the audience view of a scene with its fragment state, the overlays (slide
//! number, black screen, help) and the widgets around the slides (console, overview,
//! welcome screen, banner). Reads state; never changes it: widgets return what was chosen.

mod backdrop;
pub mod banner;
pub mod console;
pub mod flat;
pub mod furniture;
mod help;
pub mod ink;
pub mod overview;
pub mod welcome;

pub use banner::{Banner, show_banner};
pub use furniture::paint_slide_number;
pub use help::{Shortcut, paint_help};

use crate::motion::morph::{Pairing, Side, morph_frame};
use crate::motion::{
    AutoAnimate, Change, Pose, Role, Transition, Turn, Visual, ease, fragment_visual,
    transition_pose,
};
use crate::scene::{Item, ItemKind, Scene};
use crate::show::FragmentMove;
use crate::theme::{self, chrome, reveal};
use eframe::egui::{
    Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, TextureId, Vec2,
    emath::TSTransform, pos2, vec2,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The formulas rasterised for this context, by formula and pixel size; and which formula
/// each texture shows (the PDF handout draws them again at its own resolution).
#[derive(Clone, Default)]
struct MathTextures {
    by_key: HashMap<String, eframe::egui::TextureHandle>,
    formulas: HashMap<TextureId, Arc<crate::scene::math::Formula>>,
}

/// Formula textures kept per context before the oldest set is let go (a deck has fewer).
const MATH_TEXTURES: usize = 256;

/// The texture of `formula` drawn `px` pixels large, rasterised on first use.
fn math_texture(
    ctx: &eframe::egui::Context,
    formula: &Arc<crate::scene::math::Formula>,
    px: Vec2,
) -> TextureId {
    let (w, h) = (px.x.round().max(1.0) as u32, px.y.round().max(1.0) as u32);
    let key = format!("{}@{w}x{h}", formula.key());
    let id = eframe::egui::Id::unique("rostra-math-textures");
    let store = ctx.data_mut(|d| d.get_temp::<Arc<Mutex<MathTextures>>>(id));
    let store = store.unwrap_or_else(|| {
        let s = Arc::new(Mutex::new(MathTextures::default()));
        ctx.data_mut(|d| d.insert_temp(id, s.clone()));
        s
    });
    let Ok(mut store) = store.lock() else {
        return TextureId::default();
    };
    if let Some(t) = store.by_key.get(&key) {
        return t.id();
    }
    let Some(image) = formula.rasterize(w, h) else {
        return TextureId::default();
    };
    if store.by_key.len() >= MATH_TEXTURES {
        store.by_key.clear();
        store.formulas.clear();
    }
    let handle = ctx.load_texture(&key, image, eframe::egui::TextureOptions::LINEAR);
    let tid = handle.id();
    store.formulas.insert(tid, formula.clone());
    store.by_key.insert(key, handle);
    tid
}

/// The formula a texture of `ctx` shows, if it is one (for the PDF handout).
pub fn math_formula_of(
    ctx: &eframe::egui::Context,
    id: TextureId,
) -> Option<Arc<crate::scene::math::Formula>> {
    let store = ctx.data_mut(|d| {
        d.get_temp::<Arc<Mutex<MathTextures>>>(eframe::egui::Id::unique("rostra-math-textures"))
    })?;
    let store = store.lock().ok()?;
    store.formulas.get(&id).cloned()
}

/// Where decoded images are, for painting (the app's texture cache).
pub trait Textures {
    /// The texture for image `src`, once uploaded.
    fn texture(&self, src: &str) -> Option<TextureId>;

    /// The natural size of image `src`, once known.
    fn natural_size(&self, _src: &str) -> Option<Vec2> {
        None
    }
}

/// No textures: images show as loading boxes.
pub struct NoTextures;

impl Textures for NoTextures {
    fn texture(&self, _src: &str) -> Option<TextureId> {
        None
    }
}

/// What fragment state to draw: steps shown, and a change in flight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FragmentFrame {
    /// Steps shown.
    pub shown: usize,
    /// A change in flight and the seconds since it began.
    pub moving: Option<(FragmentMove, f32)>,
}

impl FragmentFrame {
    /// Steps `shown`, nothing moving.
    pub fn still(shown: usize) -> Self {
        Self {
            shown,
            moving: None,
        }
    }
}

/// The rectangle a scene of `size` takes, centred in `area`.
pub fn canvas_rect(area: Rect, size: Vec2) -> Rect {
    Rect::from_center_size(area.center(), size)
}

/// Where a whole slide is drawn: a transform of screen space and an opacity (transitions,
/// overview cells), and for the 3D transitions a turn in space seen in perspective.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Applied to every shape of the slide.
    pub transform: TSTransform,
    /// Multiplies every shape's opacity.
    pub opacity: f32,
    /// Applied after `transform`: shapes are tessellated and their meshes warped.
    pub turn: Option<Turn>,
}

/// Where the viewer of a 3D transition stands: reveal.js's CSS `perspective` and
/// `perspective-origin`, in screen points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Perspective {
    /// The point looked at straight on.
    pub eye: Pos2,
    /// The viewer's distance from the screen.
    pub distance: f32,
}

impl Perspective {
    /// The slides' stage: `perspective: 600px` at `50% 40%` of the canvas, in canvas pixels
    /// (`scale` points each), as the stage is scaled with the slides.
    pub fn slides(area: Rect, size: Vec2, scale: f32) -> Perspective {
        let canvas = canvas_rect(area, size);
        Perspective {
            eye: pos2(canvas.center().x, canvas.top() + canvas.height() * 0.4),
            distance: 600.0 * scale,
        }
    }

    /// The backgrounds' stage: `perspective: 600px` at the viewport's centre, unscaled.
    pub fn viewport(area: Rect) -> Perspective {
        Perspective {
            eye: area.center(),
            distance: 600.0,
        }
    }
}

impl Placement {
    /// Drawn where laid out.
    pub const IDENTITY: Placement = Placement {
        transform: TSTransform::IDENTITY,
        opacity: 1.0,
        turn: None,
    };

    /// The placement of a transition pose for a box of `size` (the canvas, or the whole area
    /// for a background) centred in `area`, seen from `view` when the pose turns.
    pub fn from_pose(pose: Pose, area: Rect, size: Vec2, view: Perspective) -> Placement {
        let c = area.center().to_vec2();
        let offset = vec2(pose.offset.x * size.x, pose.offset.y * size.y);
        let opacity = pose.opacity.clamp(0.0, 1.0);
        let scaled = TSTransform::from_translation(c)
            * TSTransform::from_scaling(pose.scale)
            * TSTransform::from_translation(-c);
        if pose.is_turned() {
            return Placement {
                transform: scaled,
                opacity,
                turn: Some(Turn {
                    origin: area.center(),
                    pre: vec2(pose.pre.x * size.x, pose.pre.y * size.y),
                    post: offset,
                    about_x: pose.turn.x,
                    about_y: pose.turn.y,
                    eye: view.eye,
                    distance: view.distance,
                }),
            };
        }
        Placement {
            transform: TSTransform::from_translation(offset) * scaled,
            opacity,
            turn: None,
        }
    }
}

/// Adds `shapes` through `turn`: as they are, or tessellated here and warped in perspective
/// (split finely enough for the screen, `area`, so textures keep their perspective).
fn add_turned(painter: &Painter, shapes: Vec<Shape>, turn: Option<Turn>, area: Rect) {
    let Some(turn) = turn else {
        for s in shapes {
            painter.add(s);
        }
        return;
    };
    let ctx = painter.ctx();
    let options = ctx.tessellation_options(|o| *o);
    let atlas = ctx.fonts(|f| f.font_image_size());
    // Without the atlas's prepared discs, small circles are tessellated as paths (egui's
    // documented fallback); the atlas itself is not reachable from here.
    let mut tessellator =
        eframe::epaint::Tessellator::new(ctx.pixels_per_point(), options, atlas, Vec::new());
    let max_edge = (area.width().max(area.height()) / 24.0).max(8.0);
    for s in shapes {
        let mut mesh = eframe::epaint::Mesh::default();
        tessellator.tessellate_shape(s, &mut mesh);
        if !mesh.is_empty() {
            painter.add(Shape::mesh(turn.warp(&mesh, max_edge)));
        }
    }
}

/// Paints `scene` centred in `area`, its background filling the whole area, with `frame`'s
/// fragment state.
pub fn paint_scene(
    painter: &Painter,
    area: Rect,
    scene: &Scene,
    frame: FragmentFrame,
    textures: &dyn Textures,
) {
    paint_background(painter, area, scene, textures, Placement::IDENTITY);
    paint_items(painter, area, scene, frame, textures, Placement::IDENTITY);
}

/// Paints `scene` as [`paint_scene`] does, seen through `transform` (the zoom), clipped to
/// `area`.
pub fn paint_scene_through(
    painter: &Painter,
    area: Rect,
    scene: &Scene,
    frame: FragmentFrame,
    textures: &dyn Textures,
    transform: TSTransform,
) {
    let placement = Placement {
        transform,
        opacity: 1.0,
        turn: None,
    };
    let clipped = painter.with_clip_rect(area.intersect(painter.clip_rect()));
    paint_background(&clipped, area, scene, textures, placement);
    paint_items(&clipped, area, scene, frame, textures, placement);
}

/// The `href` of the link under `pos` on `scene`, drawn with its canvas at `canvas` and
/// `shown` fragment steps visible; links in fragments not shown yet are not there to click.
pub fn link_at(scene: &Scene, shown: usize, canvas: Rect, pos: Pos2) -> Option<String> {
    let hidden = |item: &crate::scene::Item| {
        item.fragments.iter().any(|f| {
            crate::motion::fragment_visual(f.style, f.step, shown, shown, 0.0).opacity < 0.01
        })
    };
    scene
        .link_at(pos - canvas.min.to_vec2(), &hidden)
        .map(str::to_string)
}

/// The video drawn at `pos` on the canvas placed at `canvas` (fragments not yet shown hold
/// none), for a click that plays or pauses it.
pub fn video_at(scene: &Scene, shown: usize, canvas: Rect, pos: Pos2) -> Option<String> {
    let at = pos - canvas.min.to_vec2();
    scene
        .items
        .iter()
        .rev()
        .filter(|i| {
            !i.fragments.iter().any(|f| {
                crate::motion::fragment_visual(f.style, f.step, shown, shown, 0.0).opacity < 0.01
            })
        })
        .find_map(|i| match &i.kind {
            crate::scene::ItemKind::Image { src }
                if crate::media::video::is_video(src) && i.rect.contains(at) =>
            {
                Some(src.clone())
            }
            _ => None,
        })
}

/// Takes the window's backdrop off `layer`: when the first shape painted there is an opaque,
/// square-cornered rectangle covering all of `window`, it is removed and its colour returned,
/// for the GPU to clear the frame to instead. The picture is the same; a software renderer
/// (Mesa's lavapipe) is spared shading every pixel of the window once more each frame, which
/// is most of what a still slide or a clock tick costs there.
pub fn lift_backdrop(
    ctx: &eframe::egui::Context,
    layer: eframe::egui::LayerId,
    window: Rect,
) -> Option<Color32> {
    ctx.graphics_mut(|g| {
        let list = g.get_mut(layer)?;
        let first = list.all_entries().next()?;
        let eframe::egui::Shape::Rect(r) = &first.shape else {
            return None;
        };
        let covers = r.rect.contains_rect(window) && first.clip_rect.contains_rect(window);
        let plain = r.fill.a() == 255
            && r.corner_radius == eframe::egui::CornerRadius::ZERO
            && r.stroke.is_empty()
            && r.blur_width == 0.0
            && r.brush.is_none()
            && r.angle == 0.0;
        if !(covers && plain) {
            return None;
        }
        let fill = r.fill;
        list.reset_shape(eframe::egui::layers::ShapeIdx(0));
        Some(fill)
    })
}

/// Paints a slide's background over `fill` (the whole screen, as reveal.js paints it on the
/// viewport): its colour, gradient and image, through `placement`.
pub fn paint_background(
    painter: &Painter,
    fill: Rect,
    scene: &Scene,
    textures: &dyn Textures,
    placement: Placement,
) {
    if placement.opacity <= 0.002 {
        return;
    }
    let mut p = painter.clone();
    p.multiply_opacity(placement.opacity);
    let mut bg = Shape::rect_filled(fill, 0.0, scene.background);
    bg.transform(placement.transform);
    add_turned(&p, vec![bg], placement.turn, fill);
    let opacity = scene.background_opacity;
    if let Some(g) = &scene.background_gradient {
        let mut shape = Shape::mesh(backdrop::gradient_mesh(fill, g, opacity));
        shape.transform(placement.transform);
        add_turned(&p, vec![shape], placement.turn, fill);
    }
    if let Some(src) = &scene.background_image
        && let Some(tex) = textures.texture(src)
    {
        // reveal.js paints backgrounds on the viewport: the image covers the screen, not only
        // the canvas.
        let natural = textures.natural_size(src).unwrap_or(fill.size());
        let tiles = backdrop::background_tiles(
            fill,
            natural,
            scene.background_size.as_deref(),
            scene.background_position.as_deref(),
            scene.background_repeat.as_deref(),
        );
        let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        let tint = theme::NO_TINT.gamma_multiply(opacity);
        if placement.turn.is_some() {
            // A clip rectangle cannot follow a turn: each tile is cropped to the screen first.
            let shapes = tiles
                .into_iter()
                .map(|rect| {
                    let (rect, uv) = crop(rect, full, fill);
                    let mut shape = Shape::image(tex, rect, uv, tint);
                    shape.transform(placement.transform);
                    shape
                })
                .collect();
            add_turned(&p, shapes, placement.turn, fill);
            return;
        }
        let clip = placement.transform * fill;
        let clipped = p.with_clip_rect(clip.intersect(p.clip_rect()));
        for rect in tiles {
            let mut shape = Shape::image(tex, rect, full, tint);
            shape.transform(placement.transform);
            clipped.add(shape);
        }
    }
}

/// The part of an image drawn into `rect` with texture coordinates `uv` that falls inside
/// `keep`, with its texture coordinates.
fn crop(rect: Rect, uv: Rect, keep: Rect) -> (Rect, Rect) {
    let inside = rect.intersect(keep);
    if !(rect.width() > 0.0 && rect.height() > 0.0) || inside.is_negative() {
        return (Rect::NOTHING, uv);
    }
    let at = |p: Pos2| {
        pos2(
            uv.min.x + (p.x - rect.min.x) / rect.width() * uv.width(),
            uv.min.y + (p.y - rect.min.y) / rect.height() * uv.height(),
        )
    };
    (inside, Rect::from_min_max(at(inside.min), at(inside.max)))
}

/// The look of `item` with `frame`'s fragment state.
fn item_visual(item: &Item, frame: FragmentFrame) -> Visual {
    let (from, to, t) = match frame.moving {
        Some((m, t)) => (m.from, m.to, t),
        None => (frame.shown, frame.shown, 1.0),
    };
    let mut v = Visual::PLAIN;
    for f in &item.fragments {
        v = v.then(fragment_visual(f.style, f.step, from, to, t));
    }
    if let Some(line) = &item.code_line {
        let a = line.opacity(from);
        let b = line.opacity(to);
        v.opacity *= a + (b - a) * ease(t / 0.2);
    }
    v
}

/// Paints every item of `scene` (centred in `area`) through `placement`.
pub fn paint_items(
    painter: &Painter,
    area: Rect,
    scene: &Scene,
    frame: FragmentFrame,
    textures: &dyn Textures,
    placement: Placement,
) {
    if placement.opacity <= 0.002 {
        return;
    }
    let origin = canvas_rect(area, scene.size).min.to_vec2();
    let px = scene.scale * scene.shrink;
    for item in &scene.items {
        let v = item_visual(item, frame);
        paint_item(
            painter,
            item,
            item.rect.translate(origin),
            v,
            textures,
            px,
            placement,
        );
    }
}

/// The copies of `galley` (drawn at `pos`) that make `item`'s text shadow, `px` points per
/// canvas pixel; CSS paints the first layer on top, so they go in reverse. A blur is drawn as
/// four fainter copies spread over its radius.
fn push_shadows(
    shapes: &mut Vec<Shape>,
    item: &Item,
    pos: Pos2,
    galley: &std::sync::Arc<eframe::egui::Galley>,
    px: f32,
) {
    for s in item.shadow.iter().rev() {
        let at = pos + vec2(s.dx, s.dy) * px;
        let spread = s.blur * px / 2.0;
        let copies: &[Vec2] = if spread < 0.75 {
            &[Vec2::ZERO]
        } else {
            &[
                vec2(-1.0, -1.0),
                vec2(1.0, -1.0),
                vec2(-1.0, 1.0),
                vec2(1.0, 1.0),
            ]
        };
        let color = if copies.len() > 1 {
            s.color.gamma_multiply(0.35)
        } else {
            s.color
        };
        for d in copies {
            let shape = eframe::epaint::TextShape::new(at + *d * spread, galley.clone(), color)
                .with_override_text_color(color);
            shapes.push(Shape::Text(shape));
        }
    }
}

/// Paints one item into `rect` (screen points, before `placement`), scaling text uniformly
/// when `rect` is not the item's own size (auto-animate), with look `v`.
fn paint_item(
    painter: &Painter,
    item: &Item,
    rect: Rect,
    v: Visual,
    textures: &dyn Textures,
    px: f32,
    placement: Placement,
) {
    let opacity = v.opacity * placement.opacity;
    if opacity <= 0.002 {
        return;
    }
    let mut p = painter.clone();
    p.multiply_opacity(opacity);
    let rect = rect.translate(v.offset * px);
    // Text is drawn at its own size (the galley's: a shrunk slide's text is laid out at the
    // full size) and scaled onto `rect`: glyphs keep their proportions.
    let own_size = match &item.kind {
        ItemKind::Text(galley) if galley.rect.height() > 0.0 => galley.rect.size(),
        _ => item.rect.size(),
    };
    let own = Rect::from_center_size(rect.center(), own_size);
    let fit = if own_size.y > 0.0 {
        rect.height() / own_size.y
    } else {
        1.0
    };
    let about = |k: f32, c: Vec2| {
        TSTransform::from_translation(c)
            * TSTransform::from_scaling(k)
            * TSTransform::from_translation(-c)
    };
    let mut transform = placement.transform;
    if v.scale != 1.0 {
        transform = transform * about(v.scale, rect.center().to_vec2());
    }
    let mut shapes: Vec<Shape> = Vec::new();
    match &item.kind {
        ItemKind::Text(galley) => {
            let pos = own.min - galley.rect.min.to_vec2();
            let mix = v.color_mix.clamp(0.0, 1.0);
            // The shadows are offset in the galley's own size, scaled with it.
            let laid_px = px * own_size.y / item.rect.height().max(1e-3);
            push_shadows(&mut shapes, item, pos, galley, laid_px);
            let mut shape = eframe::epaint::TextShape::new(pos, galley.clone(), theme::NO_TINT);
            shape.opacity_factor = 1.0 - if v.color.is_some() { mix } else { 0.0 };
            shapes.push(Shape::Text(shape));
            // A highlight fades in as a recoloured copy over the text.
            if let (Some(c), true) = (v.color, mix > 0.0) {
                let mut hl = eframe::epaint::TextShape::new(pos, galley.clone(), c)
                    .with_override_text_color(c);
                hl.opacity_factor = mix;
                shapes.push(Shape::Text(hl));
            }
            // A list marker is not struck through (CSS decorates the text, not the marker).
            if v.strike > 0.0 && !item.key.starts_with("bullet") {
                let y = own.center().y;
                shapes.push(Shape::line_segment(
                    [
                        pos2(own.min.x, y),
                        pos2(own.min.x + own.width() * v.strike, y),
                    ],
                    Stroke::new(
                        (own.height() / 14.0).max(1.5),
                        reveal::STRIKE.gamma_multiply(0.9),
                    ),
                ));
            }
            if (fit - 1.0).abs() > 1e-4 {
                transform = transform * about(fit, own.center().to_vec2());
            }
        }
        ItemKind::Fill { color, corner } => {
            shapes.push(Shape::rect_filled(
                rect,
                CornerRadius::same((*corner).clamp(0.0, 255.0) as u8),
                *color,
            ));
        }
        ItemKind::Image { src } => match textures.texture(src) {
            Some(tex) => shapes.push(Shape::image(
                tex,
                rect,
                Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
                theme::NO_TINT,
            )),
            None => {
                shapes.push(Shape::rect_filled(
                    rect,
                    CornerRadius::same(4),
                    chrome::IMAGE_LOADING,
                ));
            }
        },
        ItemKind::Math { formula } => {
            // Rasterised at the item's own size, the zoom rounded to eighths of an octave:
            // an auto-animate or a zoom transition reuses a few textures, not one a frame.
            let zoom = (transform.scaling * rect.width() / item.rect.width().max(1e-3)).max(1e-3);
            let zoom = 2f32.powf((zoom.log2() * 8.0).round() / 8.0);
            let px = item.rect.size() * zoom * painter.ctx().pixels_per_point();
            let tex = math_texture(painter.ctx(), formula, px);
            shapes.push(Shape::image(
                tex,
                rect,
                Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
                theme::NO_TINT,
            ));
        }
        ItemKind::Placeholder { galley, scale } => {
            shapes.push(Shape::rect_filled(
                rect,
                CornerRadius::same(6),
                chrome::PLACEHOLDER_FILL,
            ));
            shapes.push(Shape::rect_stroke(
                rect,
                CornerRadius::same(6),
                Stroke::new(2.0, chrome::PLACEHOLDER_STROKE),
                StrokeKind::Inside,
            ));
            let pos = rect.center() - galley.rect.center().to_vec2();
            let mut text = Shape::galley(pos, galley.clone(), chrome::PLACEHOLDER_TEXT);
            if *scale != 1.0 {
                text.transform(about(*scale, rect.center().to_vec2()));
            }
            shapes.push(text);
        }
    }
    if transform != TSTransform::IDENTITY {
        for s in &mut shapes {
            s.transform(transform);
        }
    }
    add_turned(&p, shapes, placement.turn, painter.clip_rect());
}

/// Paints a slide transition `secs` into `change` (a [`Change::Transition`]): backgrounds by
/// the background transition, then the old slide leaving and the new one entering.
#[allow(clippy::too_many_arguments)]
pub fn paint_transition(
    painter: &Painter,
    area: Rect,
    (old, old_frame): (&Scene, FragmentFrame),
    (new, new_frame): (&Scene, FragmentFrame),
    change: &Change,
    secs: f32,
    textures: &dyn Textures,
) {
    let Change::Transition {
        leave,
        enter,
        background,
        forward,
        vertical,
    } = change
    else {
        return;
    };
    let at = |(_, d, easing): &(Transition, f32, crate::motion::Easing)| {
        if *d <= 0.0 {
            1.0
        } else {
            easing.apply(secs / d)
        }
    };
    let pose = |t: Transition, role: Role, e: f32| transition_pose(t, role, *forward, *vertical, e);
    let stage = Perspective::viewport(area);
    let same_background = old.background == new.background
        && old.background_image == new.background_image
        && old.background_size == new.background_size
        && old.background_gradient == new.background_gradient
        && old.background_position == new.background_position
        && old.background_repeat == new.background_repeat
        && old.background_opacity == new.background_opacity;
    if same_background {
        paint_background(painter, area, new, textures, Placement::IDENTITY);
    } else {
        let e = at(background);
        // The incoming background is painted over an opaque outgoing one, so no gap shows
        // through a cross-fade.
        let mut leaving = pose(background.0, Role::Leaving, e);
        if background.0 == Transition::Fade || background.0 == Transition::None {
            leaving.opacity = 1.0;
        }
        paint_background(
            painter,
            area,
            old,
            textures,
            Placement::from_pose(leaving, area, area.size(), stage),
        );
        let entering = pose(background.0, Role::Entering, e);
        paint_background(
            painter,
            area,
            new,
            textures,
            Placement::from_pose(entering, area, area.size(), stage),
        );
    }
    let view = |s: &Scene| Perspective::slides(area, s.size, s.scale);
    let leaving = Placement::from_pose(
        pose(leave.0, Role::Leaving, at(leave)),
        area,
        old.size,
        view(old),
    );
    paint_items(painter, area, old, old_frame, textures, leaving);
    let entering = Placement::from_pose(
        pose(enter.0, Role::Entering, at(enter)),
        area,
        new.size,
        view(new),
    );
    paint_items(painter, area, new, new_frame, textures, entering);
}

/// Paints an auto-animate morph `secs` in: backgrounds cross-fading, matched items gliding,
/// new ones fading in (see [`morph_frame`]).
#[allow(clippy::too_many_arguments)]
pub fn paint_morph(
    painter: &Painter,
    area: Rect,
    (old, old_frame): (&Scene, FragmentFrame),
    (new, new_frame): (&Scene, FragmentFrame),
    pairing: &Pairing,
    timing: &AutoAnimate,
    secs: f32,
    textures: &dyn Textures,
) {
    let e = if timing.duration <= 0.0 {
        1.0
    } else {
        timing.easing.apply((secs - timing.delay) / timing.duration)
    };
    paint_background(painter, area, old, textures, Placement::IDENTITY);
    let faded = Placement {
        opacity: e,
        ..Placement::IDENTITY
    };
    paint_background(painter, area, new, textures, faded);
    for ghost in morph_frame(old, new, pairing, timing, secs) {
        let (scene, frame) = match ghost.side {
            Side::Old => (old, old_frame),
            Side::New => (new, new_frame),
        };
        let Some(item) = scene.items.get(ghost.index) else {
            continue;
        };
        let origin = canvas_rect(area, scene.size).min.to_vec2();
        let mut v = item_visual(item, frame);
        v.opacity *= ghost.opacity;
        let placement = Placement::IDENTITY;
        paint_item(
            painter,
            item,
            ghost.rect.translate(origin),
            v,
            textures,
            scene.scale * scene.shrink,
            placement,
        );
    }
}

/// The frame-time readout in the top-left corner (`--stats`, F9).
pub fn paint_stats(painter: &Painter, area: Rect, text: &str) {
    let font = FontId::monospace((area.height() / 50.0).clamp(11.0, 18.0));
    let galley = painter.layout_no_wrap(text.to_string(), font, chrome::STATS_TEXT);
    let bg = Rect::from_min_size(
        area.min + Vec2::new(8.0, 8.0),
        galley.size() + Vec2::new(12.0, 6.0),
    );
    painter.rect_filled(bg, 3.0, chrome::STATS_BACKGROUND);
    painter.galley(bg.min + Vec2::new(6.0, 3.0), galley, chrome::TEXT);
}

/// Black screen: everything hidden, as reveal.js's pause overlay.
pub fn paint_black(painter: &Painter, area: Rect) {
    painter.rect_filled(area, 0.0, chrome::BLACKOUT);
}

/// A small line of text at the top of the area (jump prompt, warnings).
pub fn paint_banner(painter: &Painter, area: Rect, text: &str, color: Color32) {
    let font = FontId::proportional((area.height() / 40.0).clamp(12.0, 24.0));
    let galley = painter.layout(text.to_string(), font, chrome::TEXT, area.width() * 0.9);
    let rect = Rect::from_center_size(
        pos2(area.center().x, area.top() + galley.size().y / 2.0 + 16.0),
        galley.size() + Vec2::new(24.0, 12.0),
    );
    painter.rect_filled(rect, 6.0, color);
    painter.galley(rect.min + Vec2::new(12.0, 6.0), galley, chrome::TEXT);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The backdrop lifted in one pass that paints `first` then a label, and how many shapes
    /// were left to tessellate.
    fn lifted(first: impl Fn(Rect) -> Shape) -> (Option<Color32>, usize) {
        let ctx = eframe::egui::Context::default();
        let input = eframe::egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0))),
            ..Default::default()
        };
        let mut got = None;
        let out = ctx.run_ui(input, |ui| {
            ui.painter().add(first(ui.ctx().viewport_rect()));
            ui.label("text over it");
            got = lift_backdrop(ui.ctx(), ui.layer_id(), ui.ctx().viewport_rect());
        });
        let left = out
            .shapes
            .iter()
            .filter(|s| !matches!(s.shape, Shape::Noop))
            .count();
        out.drop_without_applying_deltas();
        (got, left)
    }

    #[test]
    fn a_shrunk_slides_text_is_drawn_in_its_place_at_its_size() {
        use crate::scene::{LayoutInput, NoImages, layout};
        let md: String = (1..=16).map(|n| format!("Line {n}\n\n")).collect();
        let deck = crate::deck::parse(&md, &crate::deck::Options::default()).expect("parses");
        let ctx = eframe::egui::Context::default();
        crate::theme::fonts::install(&ctx);
        let area = Rect::from_min_size(Pos2::ZERO, Vec2::new(960.0, 700.0));
        let input = eframe::egui::RawInput {
            screen_rect: Some(area),
            ..Default::default()
        };
        let theme = crate::theme::Theme::black();
        let mut scene = None;
        let out = ctx.run_ui(input, |ui| {
            let laid = ui.ctx().fonts_mut(|f| {
                layout(
                    &LayoutInput {
                        slide: &deck.slides[0],
                        theme: &theme,
                        canvas: Vec2::new(960.0, 700.0),
                        scale: 1.0,
                        images: &NoImages,
                    },
                    f,
                )
            });
            paint_scene(
                ui.painter(),
                area,
                &laid,
                FragmentFrame::still(0),
                &NoTextures,
            );
            scene = Some(laid);
        });
        let scene = scene.expect("laid out");
        assert!(scene.shrink < 0.9, "shrink {}", scene.shrink);
        let texts: Vec<Rect> = out
            .shapes
            .iter()
            .filter_map(|c| match &c.shape {
                Shape::Text(t) => Some(t.visual_bounding_rect()),
                _ => None,
            })
            .collect();
        out.drop_without_applying_deltas();
        let places: Vec<Rect> = scene
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Text(_)))
            .map(|i| i.rect)
            .collect();
        assert_eq!(texts.len(), places.len());
        for (drawn, place) in texts.iter().zip(&places) {
            // The glyphs' ink sits inside the (shrunk) place, and fills most of its height.
            assert!(
                place.expand(1.0).contains_rect(*drawn),
                "{drawn:?} in {place:?}"
            );
            assert!(
                drawn.height() > place.height() * 0.5,
                "{drawn:?} in {place:?}"
            );
        }
    }

    #[test]
    fn only_an_opaque_full_window_backdrop_becomes_the_clear_colour() {
        let bg = chrome::CONSOLE_BACKGROUND;
        let (c, left) = lifted(|r| Shape::rect_filled(r, 0.0, bg));
        assert_eq!(c, Some(bg));
        assert_eq!(left, 1, "the label stays, the backdrop goes");
        let (_, painted) = lifted(|r| Shape::rect_filled(r.shrink(10.0), 0.0, bg));
        assert_eq!(painted, 2);
        for keep in [
            Shape::rect_filled(Rect::ZERO, 0.0, bg),
            Shape::rect_filled(Rect::EVERYTHING, 4.0, bg),
            Shape::rect_filled(Rect::EVERYTHING, 0.0, bg.gamma_multiply(0.5)),
        ] {
            let (c, left) = lifted(|_| keep.clone());
            assert_eq!((c, left), (None, 2), "{keep:?} is kept");
        }
    }
}
