//! Large solid fills (a slide's background, the notes panel), and everything else egui
//! tessellates onto a texture (text, pictures, small fills, strokes, round corners), drawn by
//! pipelines of rostra's own instead of egui's. egui's fragment shader carries branches for
//! texture wrapping and predictable filtering that a software renderer (Mesa's lavapipe) runs
//! for every pixel, which made one repaint of a 1080p console cost ~70 ms of CPU there; this
//! pipeline draws a flat colour with no texture and no branch (~80 times cheaper per pixel on
//! lavapipe), and the rest with a plain textured shader over the mesh egui tessellates (~7
//! times), neighbours under one clip as one draw.
//! The picture is the same: the colour egui would write, its corner rounding (corners stay
//! egui's), pixel-rounded edges. A translucent fill (a slide fading in or out) is two flat
//! draws: the target darkened by its opacity, then its colour added, which is egui's blend
//! but for one rounding between the two (a channel may differ by one level in 255).
//!
//! The shapes are handed over after a pass ([`hand_over`]), so everything paints through egui
//! as before and tests without the pipeline see egui's own rectangles.

use eframe::egui::epaint::{ClippedShape, CornerRadius, RectShape};
use eframe::egui::{self, Color32, Rect, Shape, TextureId, Vec2, vec2};
use eframe::egui_wgpu::{self, wgpu};
use std::collections::{HashMap, HashSet};

/// The smallest fill, in physical pixels on screen, worth a draw call of its own: below it,
/// egui's batched meshes cost less than the change of pipeline.
pub const MIN_AREA_PX: f32 = 128.0 * 128.0;

/// One triangle over the whole viewport (clipped to it: lavapipe draws that at a fraction of
/// the cost of two triangles exactly covering it); the colour is the blend constant, so
/// nothing is bound, sampled or interpolated. (An opacity passed as a vertex output came out
/// wrong on lavapipe's whole-tile path, hence the blend constant for translucent fills too.)
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

/// The pipelines, kept in egui-wgpu's callback resources.
struct FlatPipeline {
    /// An opaque fill: the target becomes the constant.
    pipeline: wgpu::RenderPipeline,
    /// A translucent fill's first draw: the target times one minus the constant (its
    /// opacity in every channel).
    darken: wgpu::RenderPipeline,
    /// Its second: the constant (its premultiplied colour) added to the target.
    add: wgpu::RenderPipeline,
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
        alpha: EGUI_ALPHA,
    };
    let pipeline = make_pipeline(device, &module, None, &[], "fs", format, blend);
    let colour = |src_factor, dst_factor| wgpu::BlendState {
        color: wgpu::BlendComponent {
            src_factor,
            dst_factor,
            operation: wgpu::BlendOperation::Add,
        },
        alpha: EGUI_ALPHA,
    };
    use wgpu::BlendFactor::{Constant, One, OneMinusConstant, Zero};
    let darken = colour(Zero, OneMinusConstant);
    let add = colour(Constant, One);
    let darken = make_pipeline(device, &module, None, &[], "fs", format, darken);
    let add = make_pipeline(device, &module, None, &[], "fs", format, add);
    renderer.callback_resources.insert(FlatPipeline {
        pipeline,
        darken,
        add,
        srgb: format.is_srgb(),
    });
    renderer
        .callback_resources
        .insert(TexturedPipeline::new(device, format));
}

/// How egui blends alpha; both pipelines do the same, so a frame read back looks the same.
const EGUI_ALPHA: wgpu::BlendComponent = wgpu::BlendComponent {
    src_factor: wgpu::BlendFactor::OneMinusDstAlpha,
    dst_factor: wgpu::BlendFactor::One,
    operation: wgpu::BlendOperation::Add,
};

/// A pipeline of `module`'s `vs` and fragment `entry`, drawing triangles into `format`.
fn make_pipeline(
    device: &wgpu::Device,
    module: &wgpu::ShaderModule,
    layout: Option<&wgpu::PipelineLayout>,
    buffers: &[Option<wgpu::VertexBufferLayout<'_>>],
    entry: &str,
    format: wgpu::TextureFormat,
    blend: wgpu::BlendState,
) -> wgpu::RenderPipeline {
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some("rostra"),
        layout,
        vertex: wgpu::VertexState {
            module,
            entry_point: Some("vs"),
            compilation_options: wgpu::PipelineCompilationOptions::default(),
            buffers,
        },
        fragment: Some(wgpu::FragmentState {
            module,
            entry_point: Some(entry),
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
    })
}

/// One flat fill of its callback rectangle, in a colour (premultiplied, as egui's).
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
        let [r, g, b, a] = self.color.to_array();
        // egui's shader writes its gamma-space colour as is to a plain target, and converts
        // that colour to linear for an sRGB one; so does this. Its opacity stays as is.
        let channel = |c: u8| {
            if flat.srgb {
                linear(c)
            } else {
                f64::from(c) / 255.0
            }
        };
        let colour = wgpu::Color {
            r: channel(r),
            g: channel(g),
            b: channel(b),
            a: f64::from(a) / 255.0,
        };
        if a == 255 {
            pass.set_pipeline(&flat.pipeline);
        } else {
            let opacity = colour.a;
            pass.set_pipeline(&flat.darken);
            pass.set_blend_constant(wgpu::Color {
                r: opacity,
                g: opacity,
                b: opacity,
                a: opacity,
            });
            pass.draw(0..3, 0..1);
            pass.set_pipeline(&flat.add);
        }
        pass.set_blend_constant(colour);
        pass.draw(0..3, 0..1);
    }
}

/// A callback filling `rect` with `color` through the flat pipelines.
fn flat_fill(rect: Rect, color: Color32) -> Shape {
    Shape::Callback(egui_wgpu::Callback::new_paint_callback(
        rect,
        FlatFill { color },
    ))
}

/// What `r` (clipped to `clip`) becomes when the flat pipeline draws it, at
/// `pixels_per_point`; `None` keeps egui's rectangle: a small one, one with a stroke, blur,
/// texture or turn, an invisible one, or a translucent one with round corners.
fn replacement(r: &RectShape, clip: Rect, pixels_per_point: f32) -> Option<Shape> {
    if r.fill.a() == 0
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
    if r.fill.a() < 255 {
        // The pieces below overlap, which only an opaque colour hides.
        return None;
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

/// Text, pictures and egui's other shapes as egui tessellates them, drawn by a plain textured
/// pipeline: the texture (the glyph atlas, a picture) sampled, multiplied by the vertex colour
/// and dithered, which is all egui's shader does for them, without the branches lavapipe pays
/// for on every pixel (~6 ns a pixel against ~44).
const TEXT_SHADER: &str = "
struct In {
    @location(0) position: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
}

struct Out {
    @builtin(position) position: vec4<f32>,
    @location(0) uv: vec2<f32>,
    @location(1) color: vec4<f32>,
}

@vertex
fn vs(v: In) -> Out {
    var out: Out;
    out.position = vec4<f32>(v.position, 0.0, 1.0);
    out.uv = v.uv;
    out.color = v.color;
    return out;
}

@group(0) @binding(0) var atlas: texture_2d<f32>;
@group(0) @binding(1) var atlas_sampler: sampler;

// egui's dithering (its renderer's default): the gamma-encoded colour nudged by under half a
// level of interleaved gradient noise, so that feathered edges and gradients land on the
// same eight-bit values as egui's own shader puts there. A flat colour is left as it is.
fn dither(rgb: vec3<f32>, frag: vec4<f32>) -> vec3<f32> {
    let f = 0.06711056 * frag.x + 0.00583715 * frag.y;
    let noise = (fract(52.9829189 * fract(f)) - 0.5) * 0.95;
    return rgb + noise / 255.0;
}

@fragment
fn fs(in: Out) -> @location(0) vec4<f32> {
    let c = in.color * textureSample(atlas, atlas_sampler, in.uv);
    return vec4<f32>(dither(c.rgb, in.position), c.a);
}

fn linear_from_gamma(c: vec3<f32>) -> vec3<f32> {
    let low = c / 12.92;
    let high = pow((c + vec3<f32>(0.055)) / 1.055, vec3<f32>(2.4));
    return select(high, low, c < vec3<f32>(0.04045));
}

@fragment
fn fs_srgb(in: Out) -> @location(0) vec4<f32> {
    let c = in.color * textureSample(atlas, atlas_sampler, in.uv);
    return vec4<f32>(linear_from_gamma(dither(c.rgb, in.position)), c.a);
}
";

/// Bytes of one text vertex: position in clip space, texture coordinates, colour.
const TEXT_VERTEX_BYTES: usize = 20;

/// The textured pipeline and the frame's vertices, kept in egui-wgpu's callback resources.
struct TexturedPipeline {
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    /// The textures as egui's renderer holds them this pass ([`bind_textures`]).
    bound: HashMap<TextureId, wgpu::BindGroup>,
    /// How full egui's glyph atlas was when textures were last bound.
    atlas_fill: f32,
    /// This frame's vertices and indices, gathered by each callback's `prepare`.
    vertices: Vec<u8>,
    indices: Vec<u32>,
    /// Whether `vertices` went to the GPU (the next `prepare` starts a new frame).
    uploaded: bool,
    vertex_buffer: Option<wgpu::Buffer>,
    index_buffer: Option<wgpu::Buffer>,
}

impl TexturedPipeline {
    fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> TexturedPipeline {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("rostra text"),
            source: wgpu::ShaderSource::Wgsl(TEXT_SHADER.into()),
        });
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("rostra text atlas"),
            entries: &[
                wgpu::BindGroupLayoutEntry {
                    binding: 0,
                    visibility: wgpu::ShaderStages::FRAGMENT,
                    ty: wgpu::BindingType::Texture {
                        sample_type: wgpu::TextureSampleType::Float { filterable: true },
                        view_dimension: wgpu::TextureViewDimension::D2,
                        multisampled: false,
                    },
                    count: None,
                },
                wgpu::BindGroupLayoutEntry {
                    binding: 1,
                    visibility: wgpu::ShaderStages::FRAGMENT,
                    ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
                    count: None,
                },
            ],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("rostra text"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        // egui's premultiplied blending, colour and alpha alike.
        let blend = wgpu::BlendState {
            color: wgpu::BlendComponent {
                src_factor: wgpu::BlendFactor::One,
                dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
                operation: wgpu::BlendOperation::Add,
            },
            alpha: EGUI_ALPHA,
        };
        let vertex = wgpu::VertexBufferLayout {
            array_stride: TEXT_VERTEX_BYTES as u64,
            step_mode: wgpu::VertexStepMode::Vertex,
            attributes: &wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2, 2 => Unorm8x4],
        };
        let entry = if format.is_srgb() { "fs_srgb" } else { "fs" };
        let pipeline = make_pipeline(
            device,
            &module,
            Some(&pipeline_layout),
            &[Some(vertex)],
            entry,
            format,
            blend,
        );
        // As egui samples its glyph atlas: linear, clamped.
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("rostra text atlas"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        TexturedPipeline {
            pipeline,
            layout,
            sampler,
            bound: HashMap::new(),
            atlas_fill: 0.0,
            vertices: Vec::new(),
            indices: Vec::new(),
            uploaded: true,
            vertex_buffer: None,
            index_buffer: None,
        }
    }
}

/// The textures `shapes` draw with: the glyph atlas for text and for every plain shape
/// (egui fills and strokes through its white texel), and each mesh's own.
pub fn textures_of<'a>(shapes: impl IntoIterator<Item = &'a ClippedShape>) -> HashSet<TextureId> {
    let mut out: HashSet<TextureId> = shapes
        .into_iter()
        .filter_map(|c| match &c.shape {
            Shape::Mesh(m) => Some(m.texture_id),
            _ => None,
        })
        .collect();
    out.insert(TextureId::default());
    out
}

/// Points the textured pipeline at those of `wanted` that egui's `renderer` holds as this
/// pass drew them, and returns which: the glyph atlas unless it grew or was rebuilt this
/// pass (the renderer gets the new texture only when it paints), a picture once uploaded,
/// and only where egui samples it as this pipeline does (linear, clamped, no mipmaps).
/// What is left out egui draws as before.
pub fn bind_textures(
    ctx: &egui::Context,
    device: &wgpu::Device,
    renderer: &mut egui_wgpu::Renderer,
    wanted: &HashSet<TextureId>,
) -> HashSet<TextureId> {
    let atlas = ctx.fonts(|f| f.font_image_size());
    let fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
    let last_fill = renderer
        .callback_resources
        .get::<TexturedPipeline>()
        .map_or(0.0, |p| p.atlas_fill);
    let mut views = Vec::new();
    for &id in wanted {
        let Some(t) = renderer.texture(&id) else {
            continue;
        };
        let (Some(texture), Some(options)) = (&t.texture, t.options) else {
            continue;
        };
        let plain = options.magnification == egui::TextureFilter::Linear
            && options.minification == egui::TextureFilter::Linear
            && options.wrap_mode == egui::TextureWrapMode::ClampToEdge
            && options.mipmap_mode.is_none();
        let current = id != TextureId::default()
            || atlas_is_current(
                [texture.width() as usize, texture.height() as usize],
                atlas,
                fill,
                last_fill,
            );
        if plain && current {
            views.push((
                id,
                texture.create_view(&wgpu::TextureViewDescriptor::default()),
            ));
        }
    }
    let Some(pipe) = renderer.callback_resources.get_mut::<TexturedPipeline>() else {
        return HashSet::new();
    };
    pipe.atlas_fill = fill;
    pipe.bound.clear();
    for (id, view) in views {
        let group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("rostra textured mesh"),
            layout: &pipe.layout,
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: wgpu::BindingResource::TextureView(&view),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::Sampler(&pipe.sampler),
                },
            ],
        });
        pipe.bound.insert(id, group);
    }
    pipe.bound.keys().copied().collect()
}

/// Whether the glyph atlas egui's renderer holds (`texture`, its size) is the one this pass
/// drew with: the same size as egui's (`atlas`), and not rebuilt this pass. A full atlas is
/// rebuilt from empty (its fill falls below `last_fill`, the last pass's) and may grow back to
/// the old size within the pass, with its glyphs elsewhere: until the renderer has the new
/// one, egui draws the text.
fn atlas_is_current(texture: [usize; 2], atlas: [usize; 2], fill: f32, last_fill: f32) -> bool {
    texture == atlas && fill >= last_fill
}

/// Text or a picture tessellated by egui (the same mesh egui would draw), drawn by the
/// textured pipeline.
struct FlatMesh {
    mesh: egui::Mesh,
    /// Where its indices landed in the frame's buffer, set by `prepare`.
    indices: std::sync::Mutex<std::ops::Range<u32>>,
}

impl egui_wgpu::CallbackTrait for FlatMesh {
    fn prepare(
        &self,
        _device: &wgpu::Device,
        _queue: &wgpu::Queue,
        screen: &egui_wgpu::ScreenDescriptor,
        _encoder: &mut wgpu::CommandEncoder,
        resources: &mut egui_wgpu::CallbackResources,
    ) -> Vec<wgpu::CommandBuffer> {
        let Some(pipe) = resources.get_mut::<TexturedPipeline>() else {
            return Vec::new();
        };
        if pipe.uploaded {
            pipe.vertices.clear();
            pipe.indices.clear();
            pipe.uploaded = false;
        }
        let [w, h] = screen.size_in_pixels.map(|v| v.max(1) as f32);
        let ppp = screen.pixels_per_point;
        let base = (pipe.vertices.len() / TEXT_VERTEX_BYTES) as u32;
        for v in &self.mesh.vertices {
            let x = v.pos.x * ppp / w * 2.0 - 1.0;
            let y = 1.0 - v.pos.y * ppp / h * 2.0;
            for f in [x, y, v.uv.x, v.uv.y] {
                pipe.vertices.extend_from_slice(&f.to_le_bytes());
            }
            pipe.vertices.extend_from_slice(&v.color.to_array());
        }
        let start = pipe.indices.len() as u32;
        pipe.indices
            .extend(self.mesh.indices.iter().map(|i| base + i));
        let end = pipe.indices.len() as u32;
        if let Ok(mut range) = self.indices.lock() {
            *range = start..end;
        }
        Vec::new()
    }

    fn finish_prepare(
        &self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        _encoder: &mut wgpu::CommandEncoder,
        resources: &mut egui_wgpu::CallbackResources,
    ) -> Vec<wgpu::CommandBuffer> {
        let Some(pipe) = resources.get_mut::<TexturedPipeline>() else {
            return Vec::new();
        };
        if pipe.uploaded {
            return Vec::new();
        }
        pipe.uploaded = true;
        let indices: Vec<u8> = pipe.indices.iter().flat_map(|i| i.to_le_bytes()).collect();
        upload(
            device,
            queue,
            &mut pipe.vertex_buffer,
            &pipe.vertices,
            wgpu::BufferUsages::VERTEX,
        );
        upload(
            device,
            queue,
            &mut pipe.index_buffer,
            &indices,
            wgpu::BufferUsages::INDEX,
        );
        Vec::new()
    }

    fn paint(
        &self,
        info: egui::PaintCallbackInfo,
        pass: &mut wgpu::RenderPass<'static>,
        resources: &egui_wgpu::CallbackResources,
    ) {
        let Some(pipe) = resources.get::<TexturedPipeline>() else {
            return;
        };
        let (Some(texture), Some(vertices), Some(indices)) = (
            pipe.bound.get(&self.mesh.texture_id),
            &pipe.vertex_buffer,
            &pipe.index_buffer,
        ) else {
            return;
        };
        let Ok(range) = self.indices.lock().map(|r| r.clone()) else {
            return;
        };
        // Positions are in the whole window's clip space; egui set the viewport to the
        // callback's rectangle, which is the whole window anyway.
        let [w, h] = info.screen_size_px;
        pass.set_viewport(0.0, 0.0, w as f32, h as f32, 0.0, 1.0);
        pass.set_pipeline(&pipe.pipeline);
        pass.set_bind_group(0, texture, &[]);
        pass.set_vertex_buffer(0, vertices.slice(..));
        pass.set_index_buffer(indices.slice(..), wgpu::IndexFormat::Uint32);
        pass.draw_indexed(range, 0, 0..1);
    }
}

/// Writes `bytes` to `buffer`, made (larger) first when it is missing or too small.
fn upload(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    buffer: &mut Option<wgpu::Buffer>,
    bytes: &[u8],
    usage: wgpu::BufferUsages,
) {
    if bytes.is_empty() {
        return;
    }
    let size = (bytes.len() as u64).next_power_of_two().max(4096);
    if buffer
        .as_ref()
        .is_none_or(|b| b.size() < bytes.len() as u64)
    {
        *buffer = Some(device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("rostra text"),
            size,
            usage: usage | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        }));
    }
    if let Some(b) = buffer {
        queue.write_buffer(b, 0, bytes);
    }
}

/// The smallest run of shapes, in physical pixels on screen, worth a draw call of its own.
pub const MIN_MESH_AREA_PX: f32 = 64.0 * 64.0;

/// Hands what egui would draw among `shapes` (a pass's output) as plain meshes on a texture
/// in `bound` ([`bind_textures`]) to the textured pipeline: text, pictures, and the fills,
/// strokes and paths egui draws through its glyph atlas's white texel. Neighbours under the
/// same clip and texture are tessellated here as egui would into one mesh, one callback over
/// `window` (the others become no-ops), so that many small shapes cost one draw call; returns
/// how many shapes went.
pub fn hand_over_meshes(
    ctx: &egui::Context,
    shapes: &mut [ClippedShape],
    window: Rect,
    pixels_per_point: f32,
    bound: &HashSet<TextureId>,
) -> usize {
    let (count, replaced) = mesh_runs(ctx, shapes.iter(), window, pixels_per_point, bound);
    for (i, shape, clip) in replaced {
        if let Some(c) = shapes.get_mut(i) {
            c.shape = shape;
            c.clip_rect = clip.unwrap_or(c.clip_rect);
        }
    }
    count
}

/// [`textures_of`] what the pass so far painted on `layer`.
pub fn textures_of_layer(ctx: &egui::Context, layer: egui::LayerId) -> HashSet<TextureId> {
    ctx.graphics(|g| g.get(layer).map(|l| textures_of(l.all_entries())))
        .unwrap_or_default()
}

/// [`hand_over_meshes`] for what the pass so far painted on `layer` of `ctx`'s window.
pub fn hand_over_meshes_layer(
    ctx: &egui::Context,
    layer: egui::LayerId,
    bound: &HashSet<TextureId>,
) -> usize {
    let ppp = ctx.pixels_per_point();
    let window = ctx.viewport_rect();
    // Tessellating needs the context, which `graphics_mut` holds: copy the shapes out first
    // (a text shape is a handle on its laid-out galley).
    let shapes: Vec<ClippedShape> = ctx.graphics(|g| {
        g.get(layer)
            .map_or_else(Vec::new, |list| list.all_entries().cloned().collect())
    });
    let (count, replaced) = mesh_runs(ctx, shapes.iter(), window, ppp, bound);
    ctx.graphics_mut(|g| {
        if let Some(list) = g.get_mut(layer) {
            for (i, shape, clip) in replaced {
                list.mutate_shape(egui::layers::ShapeIdx(i), |c| {
                    c.shape = shape;
                    c.clip_rect = clip.unwrap_or(c.clip_rect);
                });
            }
        }
    });
    count
}

/// A run of neighbouring shapes that go to the textured pipeline as one mesh.
struct Run {
    /// Their indices in the pass's shapes.
    shapes: Vec<usize>,
    /// The clip the run's draw uses.
    clip: Rect,
    /// Where its vertices lie, in points.
    bounds: Rect,
    /// Whether every shape's mesh lies inside its own clip, so that any clip holding
    /// `bounds` draws the run as egui would.
    free: bool,
    /// What they tessellate to, together.
    mesh: egui::Mesh,
    /// How much of the screen they cover, in physical pixels (overlaps counted twice).
    area: f32,
}

impl Run {
    /// The clip under which the run and a next shape (its `clip`, the `bounds` of its mesh,
    /// whether that lies `inside` the clip) draw as egui would draw them apart, if any.
    fn joined_clip(
        &self,
        clip: Rect,
        bounds: Rect,
        inside: bool,
        ppp: f32,
        window: Rect,
    ) -> Option<Rect> {
        if clip == self.clip || (inside && inside_clip(bounds, self.clip, ppp)) {
            Some(self.clip)
        } else if self.free && inside_clip(self.bounds, clip, ppp) {
            Some(clip)
        } else if self.free && inside {
            Some(window)
        } else {
            None
        }
    }
}

/// Whether a mesh within `bounds` loses no pixel to `clip` (both in points): the scissor
/// egui's renderer makes of it has its edges at the nearest physical pixel, and a pixel is
/// drawn where its centre is covered.
fn inside_clip(bounds: Rect, clip: Rect, ppp: f32) -> bool {
    bounds.min.x * ppp >= (clip.min.x * ppp).round()
        && bounds.min.y * ppp >= (clip.min.y * ppp).round()
        && bounds.max.x * ppp <= (clip.max.x * ppp).round()
        && bounds.max.y * ppp <= (clip.max.y * ppp).round()
}

/// What shape `.0` of a pass becomes, and the clip it is drawn under when that changes.
type Replaced = (usize, Shape, Option<Rect>);

/// The runs among `shapes` and what each shape becomes: the first of a run its callback,
/// the others no-ops; with how many shapes went. A shape egui must draw itself (a callback,
/// a transformed or unbound texture) ends a run, so the order of drawing stays as it was.
/// Shapes under different clips share a run where no clip cuts their meshes: a draw call
/// costs lavapipe about 0.1 ms, a clip of its own or not.
fn mesh_runs<'a>(
    ctx: &egui::Context,
    shapes: impl Iterator<Item = &'a ClippedShape>,
    window: Rect,
    pixels_per_point: f32,
    bound: &HashSet<TextureId>,
) -> (usize, Vec<Replaced>) {
    let mut replaced = Vec::new();
    let mut count = 0;
    let mut run: Option<Run> = None;
    let mut finish = |run: Option<Run>, replaced: &mut Vec<Replaced>| {
        let Some(run) = run else { return };
        if run.mesh.is_empty() || run.area < MIN_MESH_AREA_PX {
            return;
        }
        count += run.shapes.len();
        let mut mesh = Some(run.mesh);
        for &i in &run.shapes {
            replaced.push(match mesh.take() {
                Some(mesh) => (
                    i,
                    Shape::Callback(egui_wgpu::Callback::new_paint_callback(
                        window,
                        FlatMesh {
                            mesh,
                            indices: std::sync::Mutex::new(0..0),
                        },
                    )),
                    Some(run.clip),
                ),
                None => (i, Shape::Noop, None),
            });
        }
    };
    for (i, c) in shapes.enumerate() {
        if matches!(c.shape, Shape::Noop) {
            continue;
        }
        let Some((mesh, area)) = plain_mesh(ctx, c, pixels_per_point, bound) else {
            finish(run.take(), &mut replaced);
            continue;
        };
        if mesh.is_empty() {
            // A shape that draws nothing (clipped away, transparent) goes with the run.
            if let Some(r) = &mut run {
                r.shapes.push(i);
            }
            continue;
        }
        let bounds = mesh.calc_bounds();
        let inside = inside_clip(bounds, c.clip_rect, pixels_per_point);
        let joined = run
            .as_ref()
            .filter(|r| r.mesh.texture_id == mesh.texture_id)
            .and_then(|r| r.joined_clip(c.clip_rect, bounds, inside, pixels_per_point, window));
        match (&mut run, joined) {
            (Some(r), Some(clip)) => {
                r.free = r.free && inside;
                r.clip = clip;
                r.bounds = r.bounds.union(bounds);
                r.mesh.append(mesh);
                r.shapes.push(i);
                r.area += area;
            }
            _ => {
                finish(run.take(), &mut replaced);
                run = Some(Run {
                    shapes: vec![i],
                    clip: c.clip_rect,
                    bounds,
                    free: inside,
                    mesh,
                    area,
                });
            }
        }
    }
    finish(run.take(), &mut replaced);
    (count, replaced)
}

/// What `c` tessellates to when it is one plain mesh on a texture the textured pipeline
/// has, with the physical pixels it covers; `None` leaves it to egui.
fn plain_mesh(
    ctx: &egui::Context,
    c: &ClippedShape,
    pixels_per_point: f32,
    bound: &HashSet<TextureId>,
) -> Option<(egui::Mesh, f32)> {
    if matches!(c.shape, Shape::Callback(_))
        || c.transform_after_tessellation != egui::emath::TSTransform::IDENTITY
    {
        return None;
    }
    let shown = c.shape.visual_bounding_rect().intersect(c.clip_rect);
    let area = if shown.is_positive() {
        shown.area() * pixels_per_point * pixels_per_point
    } else {
        0.0
    };
    let mut mesh: Option<egui::Mesh> = None;
    for p in ctx.tessellate(vec![c.clone()], pixels_per_point) {
        match p.primitive {
            egui::epaint::Primitive::Mesh(m) if bound.contains(&m.texture_id) => match &mut mesh {
                Some(all) if all.texture_id == m.texture_id => all.append(m),
                Some(_) => return None,
                None => mesh = Some(m),
            },
            // Anything else (a callback, an unbound texture) is not one plain mesh: egui's.
            _ => return None,
        }
    }
    Some((mesh.unwrap_or_default(), area))
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
        let rounded_faded = Shape::rect_filled(big, 8.0, fill.gamma_multiply(0.5));
        let invisible = Shape::rect_filled(big, 0.0, Color32::TRANSPARENT);
        for mut shape in [small, stroked, blurred, turned, rounded_faded, invisible] {
            assert_eq!(hand_over_shape(&mut shape, screen(), 1.0), 0);
            assert!(matches!(shape, Shape::Rect(_)));
        }
    }

    #[test]
    fn a_large_square_translucent_fill_is_handed_over_too() {
        let big = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let mut faded =
            Shape::rect_filled(big, 0.0, Color32::from_rgb(200, 10, 10).gamma_multiply(0.5));
        assert_eq!(hand_over_shape(&mut faded, screen(), 1.0), 1);
        assert_eq!(callbacks(&faded), vec![big]);
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
                    3.0,
                    fill.gamma_multiply(0.3),
                ),
                Shape::Vec(vec![Shape::rect_filled(big, 3.0, fill)]),
            ]),
            transform_after_tessellation: Default::default(),
        }];
        // The square one, and the rounded one in a list of its own (as two bands); not the
        // circle, nor the translucent rounded one.
        assert_eq!(hand_over(&mut shapes, 1.0), 2);
        assert_eq!(callbacks(&shapes[0].shape).len(), 3);
    }

    /// A context whose fonts are loaded, as after a window's first pass.
    fn context() -> egui::Context {
        let ctx = egui::Context::default();
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        ctx
    }

    fn chip(i: usize, clip: Rect) -> ClippedShape {
        ClippedShape {
            clip_rect: clip,
            shape: Shape::rect_filled(
                Rect::from_min_size(pos2(10.0 + 30.0 * i as f32, 10.0), vec2(26.0, 20.0)),
                3.0,
                Color32::from_rgb(70, 70, 80),
            ),
            transform_after_tessellation: Default::default(),
        }
    }

    /// What each shape is after the hand-over: 'C' a callback, '-' a no-op, 'e' egui's.
    fn kinds(shapes: &[ClippedShape]) -> String {
        shapes
            .iter()
            .map(|c| match c.shape {
                Shape::Callback(_) => 'C',
                Shape::Noop => '-',
                _ => 'e',
            })
            .collect()
    }

    #[test]
    fn small_neighbours_under_one_clip_go_as_one_draw() {
        let ctx = context();
        let bound = HashSet::from([TextureId::default()]);
        // Twelve chips of 26x20: each far under a draw call's worth, together over it.
        let mut shapes: Vec<ClippedShape> = (0..12).map(|i| chip(i, screen())).collect();
        assert_eq!(
            hand_over_meshes(&ctx, &mut shapes, screen(), 1.0, &bound),
            12
        );
        assert_eq!(kinds(&shapes), "C-----------");
    }

    #[test]
    fn a_run_ends_where_the_clip_changes_or_egui_must_draw() {
        let ctx = context();
        let bound = HashSet::from([TextureId::default()]);
        // A clip that cuts the chips (they are 10..30 high).
        let other = Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 25.0));
        // Eight chips are just over a draw call's worth; sixteen cut ones too.
        let mut shapes: Vec<ClippedShape> = (0..16).map(|i| chip(i, screen())).collect();
        shapes.extend((16..32).map(|i| chip(i, other)));
        // A flat fill's callback between two runs keeps its place in the order.
        shapes.insert(
            8,
            ClippedShape {
                clip_rect: screen(),
                shape: flat_fill(screen(), Color32::BLACK),
                transform_after_tessellation: Default::default(),
            },
        );
        // A lone chip: too small for a draw of its own, egui's.
        shapes.push(ClippedShape {
            clip_rect: screen(),
            shape: Shape::Noop,
            transform_after_tessellation: Default::default(),
        });
        shapes.push(chip(0, screen().shrink(1.0)));
        hand_over_meshes(&ctx, &mut shapes, screen(), 1.0, &bound);
        assert_eq!(kinds(&shapes), "C-------CC-------C----------------e");
    }

    #[test]
    fn neighbours_under_clips_that_cut_nothing_go_as_one_draw() {
        let ctx = context();
        let bound = HashSet::from([TextureId::default()]);
        let own = |i: usize| {
            let mut c = chip(i, screen());
            c.clip_rect = c.shape.visual_bounding_rect().expand(2.0);
            c
        };
        // Each chip in a clip of its own that holds it, as widgets in frames are.
        let mut shapes: Vec<ClippedShape> = (0..12).map(own).collect();
        // Chips in a clip that cuts them (rows scrolled half out of view) keep that clip.
        let cut = Rect::from_min_max(pos2(0.0, 0.0), pos2(1920.0, 25.0));
        shapes.extend((12..28).map(|i| chip(i, cut)));
        assert_eq!(
            hand_over_meshes(&ctx, &mut shapes, screen(), 1.0, &bound),
            28
        );
        assert_eq!(kinds(&shapes), "C-----------C---------------");
        // The first draw's clip holds all twelve; the second is the cut ones'.
        assert_eq!(shapes[0].clip_rect, screen());
        assert_eq!(shapes[12].clip_rect, cut);
    }

    #[test]
    fn a_clip_that_cuts_only_by_rounding_to_pixels_still_counts() {
        // egui's scissor has its edges at the nearest physical pixel: at 1.5 pixels a point,
        // a clip edge at 10.2 points is at pixel 15, a mesh from 10.1 (15.15) is inside.
        let clip = Rect::from_min_max(pos2(10.2, 0.0), pos2(100.0, 100.0));
        let mesh = Rect::from_min_max(pos2(10.1, 5.0), pos2(50.0, 50.0));
        assert!(inside_clip(mesh, clip, 1.5));
        // At 1.0 the edge is pixel 10, and the mesh from 10.1 is inside still; from 9.4 it is not.
        assert!(inside_clip(mesh, clip, 1.0));
        let wider = Rect::from_min_max(pos2(9.4, 5.0), pos2(50.0, 50.0));
        assert!(!inside_clip(wider, clip, 1.0));
    }

    #[test]
    fn shapes_on_a_texture_not_bound_stay_with_egui() {
        let ctx = context();
        let mut shapes: Vec<ClippedShape> = (0..12).map(|i| chip(i, screen())).collect();
        assert_eq!(
            hand_over_meshes(&ctx, &mut shapes, screen(), 1.0, &HashSet::new()),
            0
        );
        assert_eq!(kinds(&shapes), "eeeeeeeeeeee");
    }

    #[test]
    fn the_atlas_is_left_to_egui_in_the_pass_it_grew_or_was_rebuilt() {
        // Filling up as glyphs arrive: the renderer's copy is this pass's.
        assert!(atlas_is_current([8192, 512], [8192, 512], 0.4, 0.3));
        // Grown this pass: the renderer still has the smaller one.
        assert!(!atlas_is_current([8192, 512], [8192, 1024], 0.4, 0.3));
        // Rebuilt from empty and grown back to the same size: other glyphs, other places.
        assert!(!atlas_is_current([8192, 512], [8192, 512], 0.1, 0.8));
    }
}
