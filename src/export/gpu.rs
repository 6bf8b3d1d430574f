//! The headless GPU renderer: egui's output tessellated and drawn by wgpu into a texture, read
//! back as RGBA. Used for PNG pages and raster PDFs; Mesa's software Vulkan is enough (CI).

use super::ExportError;
use eframe::egui;
use eframe::egui_wgpu::{self, ScreenDescriptor, wgpu};

/// A headless GPU renderer for egui output.
pub(super) struct Offscreen {
    state: egui_wgpu::RenderState,
    /// Whether large fills and text go to the flat pipelines (`ui::flat`): always, but for
    /// the test that holds its pages to egui's.
    flat: bool,
    /// How many fills and textured meshes the last page handed over (the test checks).
    #[cfg_attr(not(test), allow(dead_code))]
    handed: std::cell::Cell<[usize; 2]>,
}

impl Offscreen {
    pub(super) fn new() -> Result<Offscreen, ExportError> {
        // Vulkan, Metal or DX12 first (probing GL logs alarming errors where it is missing);
        // every backend if none of those is there.
        match Offscreen::with_backends(wgpu::Backends::PRIMARY) {
            Ok(o) => Ok(o),
            Err(_) => {
                Offscreen::with_backends(wgpu::Backends::all() - wgpu::Backends::BROWSER_WEBGPU)
            }
        }
    }

    fn with_backends(backends: wgpu::Backends) -> Result<Offscreen, ExportError> {
        let mut create = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        create.instance_descriptor.backends = backends;
        let setup = egui_wgpu::WgpuSetup::CreateNew(create);
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        };
        let state = pollster::block_on(egui_wgpu::RenderState::create(
            &config,
            &instance,
            None,
            egui_wgpu::RendererOptions::default(),
        ))
        .map_err(|e| ExportError::NoRenderer(e.to_string()))?;
        crate::ui::flat::install(
            &state.device,
            state.target_format,
            &mut state.renderer.write(),
        );
        Ok(Offscreen {
            state,
            flat: true,
            handed: std::cell::Cell::new([0, 0]),
        })
    }

    /// Uploads and frees what a pass changed (font atlas, images).
    pub(super) fn apply_textures(&self, delta: &mut egui::TexturesDelta) {
        let mut renderer = self.state.renderer.write();
        for (id, deltas) in delta.set.drain() {
            for d in deltas {
                renderer.update_texture(&self.state.device, &self.state.queue, id, &d);
            }
        }
        for id in delta.free.drain() {
            renderer.free_texture(&id);
        }
    }

    /// Renders `out` (the output of a pass of `ctx`) into a frame of `size` pixels, read
    /// back as RGBA.
    pub(super) fn render(
        &self,
        ctx: &egui::Context,
        mut out: egui::FullOutput,
        size: [u32; 2],
    ) -> Result<Vec<u8>, String> {
        self.apply_textures(&mut out.textures_delta);
        let device = &self.state.device;
        let queue = &self.state.queue;
        let mut renderer = self.state.renderer.write();
        let screen = ScreenDescriptor {
            pixels_per_point: 1.0,
            size_in_pixels: size,
        };
        if self.flat {
            let fills = crate::ui::flat::hand_over(&mut out.shapes, 1.0);
            let wanted = crate::ui::flat::textures_of(&out.shapes);
            let bound = crate::ui::flat::bind_textures(ctx, device, &mut renderer, &wanted);
            let window = egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(size[0] as f32, size[1] as f32),
            );
            let meshes =
                crate::ui::flat::hand_over_meshes(ctx, &mut out.shapes, window, 1.0, &bound);
            self.handed.set([fills, meshes]);
        }
        let prims = ctx.tessellate(out.shapes, 1.0);
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("rostra export"),
        });
        let user = renderer.update_buffers(device, queue, &mut encoder, &prims, &screen);
        let format = self.state.target_format;
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("rostra page"),
            size: wgpu::Extent3d {
                width: size[0],
                height: size[1],
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("rostra page pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &prims, &screen);
        }
        // Rows are padded to the copy alignment; the padding is dropped below.
        let row = size[0] as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded = row.div_ceil(align) * align;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("rostra page readback"),
            size: (padded * size[1] as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded as u32),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d {
                width: size[0],
                height: size[1],
                depth_or_array_layers: 1,
            },
        );
        let index = queue.submit(user.into_iter().chain(std::iter::once(encoder.finish())));
        let slice = buffer.slice(..);
        let (tx, rx) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |r| {
            let _ = tx.send(r);
        });
        device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(index),
                timeout: Some(std::time::Duration::from_secs(30)),
            })
            .map_err(|e| e.to_string())?;
        rx.recv()
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
        let data = slice.get_mapped_range().map_err(|e| format!("{e:?}"))?;
        let bgra = matches!(
            format,
            wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
        );
        let mut rgba = Vec::with_capacity(row * size[1] as usize);
        for line in data.chunks_exact(padded) {
            for px in line[..row].chunks_exact(4) {
                if bgra {
                    rgba.extend_from_slice(&[px[2], px[1], px[0], 255]);
                } else {
                    rgba.extend_from_slice(&[px[0], px[1], px[2], 255]);
                }
            }
        }
        Ok(rgba)
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // literal colours to compare against
mod tests {
    use super::*;
    use eframe::egui::{Color32, Pos2, Rect, Vec2, pos2, vec2};

    /// Pixels of one pass painting over a 640x400 page, with the flat pipeline or without.
    fn page(gpu: &mut Offscreen, flat: bool) -> Vec<u8> {
        gpu.flat = flat;
        let ctx = egui::Context::default();
        crate::theme::fonts::install(&ctx);
        let area = Rect::from_min_size(Pos2::ZERO, vec2(640.0, 400.0));
        let input = || egui::RawInput {
            screen_rect: Some(area),
            ..Default::default()
        };
        // A small picture drawn larger, so the filtering between its pixels shows.
        let pixels = (0..64 * 48)
            .map(|i| Color32::from_rgb((i % 64 * 4) as u8, (i / 64 * 5) as u8, 120))
            .collect();
        let picture = ctx.load_texture(
            "picture",
            egui::ColorImage::new([64, 48], pixels),
            egui::TextureOptions::LINEAR,
        );
        let paint = |ui: &mut egui::Ui| {
            let p = ui.painter();
            p.rect_filled(area, 0.0, Color32::from_rgb(25, 27, 31));
            p.rect_filled(
                Rect::from_min_size(pos2(20.5, 30.25), vec2(300.0, 200.0)),
                0.0,
                Color32::from_rgb(200, 60, 40),
            );
            p.rect_filled(
                Rect::from_min_size(pos2(340.0, 40.0), vec2(280.0, 320.0)),
                12.0,
                Color32::from_rgb(40, 120, 220),
            );
            // Over them: a translucent fill, text, and a small fill (egui's).
            p.rect_filled(
                Rect::from_min_size(pos2(200.0, 150.0), vec2(300.0, 200.0)),
                0.0,
                Color32::from_rgba_unmultiplied(255, 255, 255, 90),
            );
            p.text(
                pos2(40.0, 300.0),
                egui::Align2::LEFT_TOP,
                "flat 평평한",
                egui::FontId::proportional(40.0),
                Color32::WHITE,
            );
            p.rect_filled(
                Rect::from_min_size(pos2(10.0, 10.0), Vec2::splat(8.0)),
                0.0,
                Color32::YELLOW,
            );
            p.image(
                picture.id(),
                Rect::from_min_size(pos2(360.0, 230.0), vec2(250.0, 150.0)),
                Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                Color32::WHITE,
            );
            // A strip of small rounded chips with their labels, a circle's outline, a line:
            // each too small for a draw call of its own, one run together, every other chip
            // under a clip of its own that holds it (as a widget's frame clips).
            for i in 0..12 {
                let chip =
                    Rect::from_min_size(pos2(20.0 + i as f32 * 26.5, 370.0), vec2(22.0, 18.0));
                let p = if i % 2 == 0 {
                    p.with_clip_rect(chip.expand(1.0))
                } else {
                    p.clone()
                };
                p.rect_filled(chip, 3.0, Color32::from_rgb(70, 70, 80));
                p.text(
                    chip.center(),
                    egui::Align2::CENTER_CENTER,
                    format!("{i}"),
                    egui::FontId::proportional(11.0),
                    Color32::LIGHT_GRAY,
                );
            }
            p.circle_stroke(
                pos2(600.0, 20.0),
                12.5,
                egui::Stroke::new(1.5, Color32::GREEN),
            );
            p.line_segment(
                [pos2(330.0, 10.0), pos2(380.0, 33.0)],
                egui::Stroke::new(2.0, Color32::WHITE),
            );
            // Text its clip cuts in half, as a scrolled panel cuts a line: a draw of its own,
            // under that clip.
            p.with_clip_rect(Rect::from_min_max(Pos2::ZERO, pos2(640.0, 95.0)))
                .text(
                    pos2(350.0, 60.0),
                    egui::Align2::LEFT_TOP,
                    "cut 자름",
                    egui::FontId::proportional(60.0),
                    Color32::WHITE,
                );
        };
        // The first pass loads the fonts; the second is the one drawn.
        let mut first = ctx.run_ui(input(), paint);
        gpu.apply_textures(&mut first.textures_delta);
        let out = ctx.run_ui(input(), paint);
        match gpu.render(&ctx, out, [640, 400]) {
            Ok(rgba) => rgba,
            Err(e) => panic!("render: {e}"),
        }
    }

    #[test]
    fn flat_fills_text_and_pictures_draw_the_page_egui_draws() {
        let mut gpu = match Offscreen::new() {
            Ok(gpu) => gpu,
            Err(e) => panic!("no GPU renderer (Mesa's lavapipe is enough): {e}"),
        };
        let egui_page = page(&mut gpu, false);
        let flat_page = page(&mut gpu, true);
        // The backdrop, the red, the blue and the translucent fill; then on the textured
        // pipeline the large text with the small fill after it (one draw), the picture, and
        // the chips, their labels, the circle and the line (one draw, 26 shapes, though half
        // of them are under clips of their own), and the cut text.
        assert_eq!(gpu.handed.get(), [4, 30]);
        assert_eq!(egui_page.len(), flat_page.len());
        // egui rounds a fill's edges to whole pixels, as a callback's viewport is: the same
        // page to the last pixel, the fractional edges (x = 20.5, y = 30.25) and the dithered
        // feathering of the small shapes included. Under
        // the translucent fill a channel may be one level off (two draws, two roundings).
        let translucent = Rect::from_min_size(pos2(200.0, 150.0), vec2(300.0, 200.0));
        let differ: Vec<(usize, usize)> = (0..egui_page.len() / 4)
            .filter(|&i| {
                let (a, b) = (&egui_page[i * 4..i * 4 + 3], &flat_page[i * 4..i * 4 + 3]);
                let under = translucent.contains(pos2((i % 640) as f32, (i / 640) as f32));
                let most = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max();
                most > Some(if under { 1 } else { 0 })
            })
            .map(|i| (i % 640, i / 640))
            .collect();
        assert!(
            differ.is_empty(),
            "{} pixels differ, first {:?}",
            differ.len(),
            &differ[..differ.len().min(8)]
        );
        // The fills are there: the red one's inside, the blue one's, the backdrop.
        let at = |x: usize, y: usize| &flat_page[(y * 640 + x) * 4..(y * 640 + x) * 4 + 3];
        assert_eq!(at(100, 100), &[200, 60, 40]);
        assert_eq!(at(600, 60), &[40, 120, 220]);
        assert_eq!(at(630, 390), &[25, 27, 31]);
        // White at 90/255 over the red: 90 + 200 * 165/255, 90 + 60 * 165/255, ...
        let over: Vec<i32> = at(250, 170).iter().map(|&c| i32::from(c)).collect();
        for (got, want) in over.iter().zip([219, 129, 116]) {
            assert!((got - want).abs() <= 1, "{over:?}");
        }
    }
}
