//! The headless GPU renderer: egui's output tessellated and drawn by wgpu into a texture, read
//! back as RGBA. Used for PNG pages and raster PDFs; Mesa's software Vulkan is enough (CI).

use super::ExportError;
use eframe::egui;
use eframe::egui_wgpu::{self, ScreenDescriptor, wgpu};

/// A headless GPU renderer for egui output.
pub(super) struct Offscreen {
    state: egui_wgpu::RenderState,
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
        Ok(Offscreen { state })
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
