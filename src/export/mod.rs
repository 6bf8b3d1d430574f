//! `rostra export`: every slide (and with `--fragments`, every fragment step) rendered with
//! no window through the same layout, painter and GPU renderer as the audience view, then
//! written as PNG files or one PDF. Runs anywhere wgpu finds an adapter, Mesa's software
//! Vulkan included (CI).

pub mod pdf;

use crate::deck::Deck;
use crate::media::{decode, resolve_local};
use crate::scene::{ImageSizes, ImageState, LayoutInput, layout};
use crate::theme::Theme;
use crate::ui::{self, FragmentFrame, Textures};
use eframe::egui::{self, Pos2, RawInput, Rect, TextureHandle, TextureId, TextureOptions, Vec2};
use eframe::egui_wgpu::{self, ScreenDescriptor, wgpu};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// No GPU or software renderer is available.
    #[error(
        "no graphics adapter to render with ({0}); on Linux, Mesa's lavapipe (mesa-vulkan-drivers) is enough"
    )]
    NoRenderer(String),
    /// The GPU did not finish a page.
    #[error("rendering page {page} failed: {reason}")]
    Render {
        /// 1-based page number.
        page: usize,
        /// What went wrong.
        reason: String,
    },
    /// Writing the output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// What to export.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Page size in pixels.
    pub size: [u32; 2],
    /// Every fragment step as its own page, not only each slide fully revealed.
    pub fragments: bool,
    /// Theme override.
    pub theme: Option<String>,
}

/// One rendered page.
#[derive(Clone, Debug)]
pub struct Page {
    /// Slide index.
    pub slide: usize,
    /// Fragment steps shown.
    pub shown: usize,
    /// Pixels, RGBA, row-major.
    pub rgba: Vec<u8>,
    /// Width and height.
    pub size: [u32; 2],
}

/// Images decoded up front (an export waits for every image; the app never does).
struct ExportImages {
    base: PathBuf,
    loaded: HashMap<String, Result<(TextureHandle, [u32; 2]), String>>,
}

impl ExportImages {
    fn load(ctx: &egui::Context, base: &Path, deck: &Deck) -> ExportImages {
        let mut loaded = HashMap::new();
        for slide in &deck.slides {
            for src in slide.image_sources() {
                if loaded.contains_key(src) {
                    continue;
                }
                let result = resolve_local(base, src).and_then(|path| {
                    decode(&path).map(|(img, size)| {
                        (
                            ctx.load_texture(format!("img:{src}"), img, TextureOptions::LINEAR),
                            size,
                        )
                    })
                });
                loaded.insert(src.to_string(), result);
            }
        }
        ExportImages {
            base: base.to_path_buf(),
            loaded,
        }
    }
}

impl ImageSizes for ExportImages {
    fn state(&self, src: &str) -> ImageState {
        match self.loaded.get(src) {
            Some(Ok((_, size))) => ImageState::Ready(*size),
            Some(Err(e)) => ImageState::Failed(e.clone()),
            None => ImageState::Failed(format!("not found under {}", self.base.display())),
        }
    }
}

impl Textures for ExportImages {
    fn texture(&self, src: &str) -> Option<TextureId> {
        match self.loaded.get(src) {
            Some(Ok((t, _))) => Some(t.id()),
            _ => None,
        }
    }

    fn natural_size(&self, src: &str) -> Option<Vec2> {
        match self.loaded.get(src) {
            Some(Ok((_, [w, h]))) => Some(Vec2::new(*w as f32, *h as f32)),
            _ => None,
        }
    }
}

/// A headless GPU renderer for egui output.
struct Offscreen {
    state: egui_wgpu::RenderState,
}

impl Offscreen {
    fn new() -> Result<Offscreen, ExportError> {
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
    fn apply_textures(&self, delta: &mut egui::TexturesDelta) {
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

    fn render(
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

/// Renders every page of `deck` (images relative to `base`) and hands each to `sink` as it is
/// done, so a long deck never holds all its pages in memory.
pub fn render_pages(
    deck: &Deck,
    base: &Path,
    options: &ExportOptions,
    mut sink: impl FnMut(Page) -> Result<(), ExportError>,
) -> Result<usize, ExportError> {
    let gpu = Offscreen::new()?;
    let ctx = egui::Context::default();
    ctx.set_fonts(crate::theme::fonts::definitions());
    let [w, h] = [
        options.size[0].clamp(16, 8192),
        options.size[1].clamp(16, 8192),
    ];
    let area = Rect::from_min_size(Pos2::ZERO, Vec2::new(w as f32, h as f32));
    let raw = || RawInput {
        screen_rect: Some(area),
        ..Default::default()
    };
    // The first pass sets up the fonts; textures loaded before it arrive with the next output.
    let mut first = ctx.run_ui(raw(), |_| {});
    gpu.apply_textures(&mut first.textures_delta);
    let images = ExportImages::load(&ctx, base, deck);
    let theme_name = options
        .theme
        .clone()
        .unwrap_or_else(|| deck.meta.theme.clone());
    let theme = Theme::named(&theme_name).0;
    crate::scene::warm_up(deck, &theme);
    let canvas = Vec2::new(deck.meta.width, deck.meta.height);
    let m = 1.0 + deck.meta.margin;
    let scale = (area.width() / (canvas.x * m)).min(area.height() / (canvas.y * m));
    let mut show = crate::show::Show::new(deck);
    let mut pages = 0;
    for (index, slide) in deck.slides.iter().enumerate() {
        let steps: Vec<usize> = if options.fragments {
            (0..=slide.fragment_steps).collect()
        } else {
            vec![slide.fragment_steps]
        };
        show.jump(index, 0);
        let number = show.slide_number();
        for shown in steps {
            let out = ctx.run_ui(raw(), |ui| {
                let input = LayoutInput {
                    slide,
                    theme: &theme,
                    canvas,
                    scale,
                    images: &images,
                };
                let scene = ui.ctx().fonts_mut(|f| layout(&input, f));
                ui::paint_scene(
                    ui.painter(),
                    area,
                    &scene,
                    FragmentFrame::still(shown),
                    &images,
                );
                ui::paint_slide_number(ui.painter(), area, &number);
            });
            pages += 1;
            let rgba = gpu
                .render(&ctx, out, [w, h])
                .map_err(|reason| ExportError::Render {
                    page: pages,
                    reason,
                })?;
            sink(Page {
                slide: index,
                shown,
                rgba,
                size: [w, h],
            })?;
        }
    }
    Ok(pages)
}

/// Writes pages as `DIR/slide-01.png` (or `slide-01-2.png` per fragment step).
pub fn export_png(
    deck: &Deck,
    base: &Path,
    options: &ExportOptions,
    dir: &Path,
) -> Result<usize, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let digits = deck.slides.len().to_string().len().max(2);
    render_pages(deck, base, options, |page| {
        let name = if options.fragments {
            format!("slide-{:0digits$}-{}.png", page.slide + 1, page.shown)
        } else {
            format!("slide-{:0digits$}.png", page.slide + 1)
        };
        let path = dir.join(name);
        image::save_buffer(
            &path,
            &page.rgba,
            page.size[0],
            page.size[1],
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| ExportError::Write {
            path: path.clone(),
            source: std::io::Error::other(e),
        })
    })
}

/// Writes pages into one PDF at `path`.
pub fn export_pdf(
    deck: &Deck,
    base: &Path,
    options: &ExportOptions,
    path: &Path,
) -> Result<usize, ExportError> {
    let mut doc = pdf::PdfWriter::new(deck.meta.title.as_deref());
    let n = render_pages(deck, base, options, |page| {
        doc.add_page(&page.rgba, page.size);
        Ok(())
    })?;
    std::fs::write(path, doc.finish()).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(n)
}
