//! Large solid fills (a slide's background, the notes panel) drawn by a pipeline of rostra's
//! own instead of egui's. egui's fragment shader carries branches for texture wrapping and
//! predictable filtering that a software renderer (Mesa's lavapipe) runs for every pixel,
//! which made one repaint of a 1080p console cost ~70 ms of CPU there; this pipeline draws a
//! flat colour with no texture and no branch (~80 times cheaper per pixel on lavapipe). The
//! picture is the same: the colour egui would write, its corner rounding (corners stay
//! egui's), pixel-rounded edges. Opaque fills only: a translucent one stays egui's.
//!
//! The shapes are handed over after a pass ([`hand_over`]), so everything paints through egui
//! as before and tests without the pipeline see egui's own rectangles.

use eframe::egui::epaint::{ClippedShape, CornerRadius, RectShape};
use eframe::egui::{self, Color32, Rect, Shape, Vec2, vec2};
use eframe::egui_wgpu::{self, wgpu};

/// The smallest fill, in physical pixels on screen, worth a draw call of its own: below it,
/// egui's batched meshes cost less than the change of pipeline.
pub const MIN_AREA_PX: f32 = 128.0 * 128.0;

/// One triangle over the whole viewport (clipped to it: lavapipe draws that at a fraction of
/// the cost of two triangles exactly covering it); the colour is the blend constant, so
/// nothing is bound, sampled or interpolated. (An opacity passed as a vertex output came out
/// wrong on lavapipe's whole-tile path, hence opaque fills only.)
const SHADER: &str = "
@vertex
fn vs(@builtin(vertex_index) i: u32) -> @builtin(position) vec4<f32> {
    return vec4<f32>(f32(i32(i & 1u) * 4 - 1), f32(i32(i >> 1u) * 4 - 1), 0.0, 1.0);
}

@fragment
fn fs() -> @location(0) vec4<f32> {
    return vec4<f32>(1.0);
}
";

/// The pipeline, kept in egui-wgpu's callback resources.
struct FlatPipeline {
    pipeline: wgpu::RenderPipeline,
    /// Whether the target encodes sRGB, so the blend constant must be linear.
    srgb: bool,
}

/// Builds the pipeline for frames of `format` and hands it to `renderer`; from then on,
/// shapes handed over by [`hand_over`] are drawn there.
pub fn install(
    device: &wgpu::Device,
    format: wgpu::TextureFormat,
    renderer: &mut egui_wgpu::Renderer,
) {
    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some("rostra flat fill"),
        source: wgpu::ShaderSource::Wgsl(SHADER.into()),
    });
    // The shader's white times the constant is the colour; opaque, nothing shows through.
    let blend = wgpu::BlendState {
        color: wgpu::BlendComponent {
            src_factor: wgpu::BlendFactor::Constant,
            dst_factor: wgpu::BlendFactor::Zero,
            operation: wgpu::BlendOperation::Add,
        },
        alpha: wgpu::BlendComponent {
            src_factor: wgpu::BlendFactor::OneMinusDstAlpha,
            dst_factor: wgpu::BlendFactor::One,
            operation: wgpu::BlendOperation::Add,
        },
    };
    let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some("rostra flat fill"),
        layout: None,
        vertex: wgpu::VertexState {
            module: &module,
            entry_point: Some("vs"),
            compilation_options: wgpu::PipelineCompilationOptions::default(),
            buffers: &[],
        },
        fragment: Some(wgpu::FragmentState {
            module: &module,
            entry_point: Some("fs"),
            compilation_options: wgpu::PipelineCompilationOptions::default(),
            targets: &[Some(wgpu::ColorTargetState {
                format,
                blend: Some(blend),
                write_mask: wgpu::ColorWrites::ALL,
            })],
        }),
        primitive: wgpu::PrimitiveState::default(),
        depth_stencil: None,
        multisample: wgpu::MultisampleState::default(),
        multiview_mask: None,
        cache: None,
    });
    renderer.callback_resources.insert(FlatPipeline {
        pipeline,
        srgb: format.is_srgb(),
    });
}

/// One flat fill of its callback rectangle, in an opaque colour.
struct FlatFill {
    color: Color32,
}

/// sRGB-encoded `c` (0..=255) as linear light.
fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

impl egui_wgpu::CallbackTrait for FlatFill {
    fn paint(
        &self,
        _info: egui::PaintCallbackInfo,
        pass: &mut wgpu::RenderPass<'static>,
        resources: &egui_wgpu::CallbackResources,
    ) {
        let Some(flat) = resources.get::<FlatPipeline>() else {
            return;
        };
        let [r, g, b, _] = self.color.to_array();
        // egui's shader writes its gamma-space colour as is to a plain target, and converts
        // that colour to linear for an sRGB one; so does this.
        let channel = |c: u8| {
            if flat.srgb {
                linear(c)
            } else {
                f64::from(c) / 255.0
            }
        };
        pass.set_pipeline(&flat.pipeline);
        pass.set_blend_constant(wgpu::Color {
            r: channel(r),
            g: channel(g),
            b: channel(b),
            a: 1.0,
        });
        pass.draw(0..3, 0..1);
    }
}

/// A callback filling `rect` with opaque `color` through the flat pipeline.
fn flat_fill(rect: Rect, color: Color32) -> Shape {
    Shape::Callback(egui_wgpu::Callback::new_paint_callback(
        rect,
        FlatFill { color },
    ))
}

/// What `r` (clipped to `clip`) becomes when the flat pipeline draws it, at
/// `pixels_per_point`; `None` keeps egui's rectangle: a small one, one with a stroke, blur,
/// texture or turn, or a translucent one.
fn replacement(r: &RectShape, clip: Rect, pixels_per_point: f32) -> Option<Shape> {
    if r.fill.a() < 255
        || !r.stroke.is_empty()
        || r.blur_width > 0.0
        || r.brush.is_some()
        || r.angle != 0.0
        || !r.rect.is_finite()
    {
        return None;
    }
    let shown = r.rect.intersect(clip);
    if !shown.is_positive() || shown.area() * pixels_per_point * pixels_per_point < MIN_AREA_PX {
        return None;
    }
    let c = r.corner_radius;
    if c == CornerRadius::ZERO {
        return Some(flat_fill(r.rect, r.fill));
    }
    // The middle as two bands, flat; each corner as a square piece egui rounds as before,
    // larger than the rounding (egui adds a little to it) so that nothing is left between.
    let most = f32::from(c.nw.max(c.ne).max(c.sw).max(c.se));
    let inset = (most + 1.0)
        .min(r.rect.width() / 2.0)
        .min(r.rect.height() / 2.0);
    let side = Vec2::splat(2.0 * inset);
    let corner = |at: egui::Pos2, radius: CornerRadius| {
        Shape::Rect(RectShape::filled(
            Rect::from_min_size(at, side),
            radius,
            r.fill,
        ))
    };
    let (min, max) = (r.rect.min, r.rect.max);
    let only = |nw, ne, sw, se| CornerRadius { nw, ne, sw, se };
    Some(Shape::Vec(vec![
        flat_fill(r.rect.shrink2(vec2(0.0, inset)), r.fill),
        flat_fill(r.rect.shrink2(vec2(inset, 0.0)), r.fill),
        corner(min, only(c.nw, 0, 0, 0)),
        corner(egui::pos2(max.x - side.x, min.y), only(0, c.ne, 0, 0)),
        corner(egui::pos2(min.x, max.y - side.y), only(0, 0, c.sw, 0)),
        corner(max - side, only(0, 0, 0, c.se)),
    ]))
}

/// Replaces the plain fills in `shape` (clipped to `clip`); returns how many.
fn hand_over_shape(shape: &mut Shape, clip: Rect, pixels_per_point: f32) -> usize {
    match shape {
        Shape::Vec(shapes) => shapes
            .iter_mut()
            .map(|s| hand_over_shape(s, clip, pixels_per_point))
            .sum(),
        Shape::Rect(r) => match replacement(r, clip, pixels_per_point) {
            Some(flat) => {
                *shape = flat;
                1
            }
            None => 0,
        },
        _ => 0,
    }
}

/// Hands the large plain fills among `shapes` (a pass's output, for a renderer that has the
/// pipeline [`install`]ed) to the flat pipeline; returns how many.
pub fn hand_over(shapes: &mut [ClippedShape], pixels_per_point: f32) -> usize {
    shapes
        .iter_mut()
        .map(|c| hand_over_shape(&mut c.shape, c.clip_rect, pixels_per_point))
        .sum()
}

/// [`hand_over`] for what the pass so far painted on `layer` of `ctx`'s window.
pub fn hand_over_layer(ctx: &egui::Context, layer: egui::LayerId) -> usize {
    let ppp = ctx.pixels_per_point();
    ctx.graphics_mut(|g| {
        let Some(list) = g.get_mut(layer) else {
            return 0;
        };
        let mut count = 0;
        for i in 0..list.next_idx().0 {
            list.mutate_shape(egui::layers::ShapeIdx(i), |c| {
                count += hand_over_shape(&mut c.shape, c.clip_rect, ppp);
            });
        }
        count
    })
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // literal colours to compare against
mod tests {
    use super::*;
    use eframe::egui::pos2;

    fn screen() -> Rect {
        Rect::from_min_size(pos2(0.0, 0.0), vec2(1920.0, 1080.0))
    }

    fn callbacks(shape: &Shape) -> Vec<Rect> {
        match shape {
            Shape::Vec(v) => v.iter().flat_map(callbacks).collect(),
            Shape::Callback(c) => vec![c.rect],
            _ => vec![],
        }
    }

    #[test]
    fn a_large_square_fill_becomes_one_flat_fill_of_the_same_rectangle() {
        let rect = Rect::from_min_max(pos2(100.0, 50.0), pos2(900.0, 650.0));
        let mut shape = Shape::rect_filled(rect, 0.0, Color32::from_rgb(30, 30, 40));
        assert_eq!(hand_over_shape(&mut shape, screen(), 1.0), 1);
        assert_eq!(callbacks(&shape), vec![rect]);
    }

    #[test]
    fn small_stroked_blurred_or_turned_fills_stay_with_egui() {
        let big = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let fill = Color32::from_rgb(200, 10, 10);
        let small = Shape::rect_filled(
            Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 100.0)),
            0.0,
            fill,
        );
        let stroked = Shape::Rect(RectShape::new(
            big,
            0.0,
            fill,
            egui::Stroke::new(1.0, Color32::WHITE),
            egui::StrokeKind::Inside,
        ));
        let blurred = Shape::Rect(RectShape::filled(big, 0.0, fill).with_blur_width(4.0));
        let turned = Shape::Rect(RectShape::filled(big, 0.0, fill).with_angle(0.1));
        let faded = Shape::rect_filled(big, 0.0, fill.gamma_multiply(0.5));
        for mut shape in [small, stroked, blurred, turned, faded] {
            assert_eq!(hand_over_shape(&mut shape, screen(), 1.0), 0);
            assert!(matches!(shape, Shape::Rect(_)));
        }
    }

    #[test]
    fn what_counts_as_large_is_what_shows_in_physical_pixels() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 100.0));
        let fill = Color32::from_rgb(1, 2, 3);
        // 100 points are 200 pixels at twice the density: large enough.
        let mut shape = Shape::rect_filled(rect, 0.0, fill);
        assert_eq!(hand_over_shape(&mut shape, screen(), 2.0), 1);
        // A large fill clipped to a sliver is not worth it.
        let mut shape = Shape::rect_filled(screen(), 0.0, fill);
        let sliver = Rect::from_min_size(pos2(0.0, 0.0), vec2(1920.0, 4.0));
        assert_eq!(hand_over_shape(&mut shape, sliver, 1.0), 0);
    }

    #[test]
    fn round_corners_stay_egui_pieces_and_the_flat_bands_cover_the_rest() {
        let rect = Rect::from_min_max(pos2(1000.0, 400.0), pos2(1900.0, 1000.0));
        let fill = Color32::from_rgb(30, 32, 36);
        let mut shape = Shape::rect_filled(rect, 6.0, fill);
        assert_eq!(hand_over_shape(&mut shape, screen(), 1.0), 1);
        let Shape::Vec(parts) = &shape else {
            panic!("a rounded fill becomes pieces: {shape:?}");
        };
        let bands = callbacks(&shape);
        assert_eq!(bands.len(), 2);
        let corners: Vec<&RectShape> = parts
            .iter()
            .filter_map(|s| match s {
                Shape::Rect(r) => Some(r),
                _ => None,
            })
            .collect();
        assert_eq!(corners.len(), 4);
        // Every point of the rectangle is in a band or a corner piece, and the pieces keep
        // their own corner's rounding.
        for x in (0..=90).map(|i| rect.left() + i as f32 * rect.width() / 90.0) {
            for y in (0..=60).map(|i| rect.top() + i as f32 * rect.height() / 60.0) {
                let p = pos2(x, y);
                let covered = bands.iter().any(|b| b.contains(p))
                    || corners.iter().any(|c| c.rect.contains(p));
                assert!(covered, "{p:?} is left unpainted");
            }
        }
        for c in &corners {
            assert!(rect.contains_rect(c.rect));
            let r = c.corner_radius;
            assert_eq!(
                u16::from(r.nw) + u16::from(r.ne) + u16::from(r.sw) + u16::from(r.se),
                6
            );
            assert_eq!(c.fill, fill);
        }
    }

    #[test]
    fn fills_nested_in_a_shape_list_are_found() {
        let big = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let fill = Color32::from_rgb(9, 9, 9);
        let mut shapes = vec![ClippedShape {
            clip_rect: screen(),
            shape: Shape::Vec(vec![
                Shape::rect_filled(big, 0.0, fill),
                Shape::circle_filled(pos2(5.0, 5.0), 3.0, fill),
                Shape::rect_filled(
                    big.translate(vec2(10.0, 0.0)),
                    0.0,
                    fill.gamma_multiply(0.3),
                ),
                Shape::Vec(vec![Shape::rect_filled(big, 3.0, fill)]),
            ]),
            transform_after_tessellation: Default::default(),
        }];
        // The square one, and the rounded one in a list of its own (as two bands).
        assert_eq!(hand_over(&mut shapes, 1.0), 2);
        assert_eq!(callbacks(&shapes[0].shape).len(), 3);
    }
}
