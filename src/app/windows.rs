//! The windows: opening the audience window (GPU setup, full screen), and watching the
//! monitors so a projector plugged in or pulled out mid-talk moves the views. Which monitor
//! shows what is the pure `screens::assign`; this only asks winit and sends window commands.

use super::screens::{self, Layout, Monitors};
use super::{RostraApp, StartOptions};
use crate::deck::Deck;
use crate::show::Command;
use crate::stats::startup;
use eframe::egui::{self, ViewportCommand, ViewportId};
use std::path::PathBuf;

/// What the app last saw of the monitors.
#[derive(Clone, Debug, Default)]
pub struct MonitorWatch {
    monitors: Option<Monitors>,
    /// Where the views go now.
    pub layout: Option<Layout>,
    last_check: f64,
}

impl MonitorWatch {
    /// Looks again at the next frame (the screens were swapped).
    pub fn relayout(&mut self) {
        self.layout = None;
        self.last_check = f64::NEG_INFINITY;
    }
}

impl RostraApp {
    /// Looks at the monitors every two seconds and, when what goes where changes, moves the
    /// audience window and tells the talk.
    pub(super) fn watch_monitors(&mut self, ctx: &egui::Context, frame: &eframe::Frame, now: f64) {
        let w = &mut self.monitors;
        if w.monitors.is_some() && now - w.last_check < 2.0 {
            return;
        }
        w.last_check = now;
        let Some(window) = frame.winit_window() else {
            return;
        };
        // egui only wakes for input; a cable plugged in is not input, so look again soon.
        ctx.request_repaint_after(std::time::Duration::from_secs(2));
        let all: Vec<_> = window.available_monitors().collect();
        let primary = window
            .primary_monitor()
            .and_then(|p| all.iter().position(|m| *m == p));
        let monitors = Monitors {
            count: all.len(),
            primary,
        };
        let layout = screens::assign(
            monitors,
            self.options.audience_screen,
            self.talk.screens_swapped(),
        );
        if w.monitors == Some(monitors) && w.layout == Some(layout) {
            return;
        }
        log::info!("{} monitor(s): {layout:?}", monitors.count);
        w.monitors = Some(monitors);
        w.layout = Some(layout);
        if let Layout::Split { audience, .. } = layout
            && self.talk.fullscreen()
        {
            ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::SetMonitor(audience));
        }
        let split = matches!(layout, Layout::Split { .. });
        self.push(ctx, Command::ScreensChanged { split });
    }
}

/// Opens the audience window on `deck` and runs until it is closed.
pub fn run(deck: Deck, base_dir: PathBuf, options: StartOptions) -> Result<(), String> {
    let title = deck.meta.title.clone().unwrap_or_else(|| "rostra".into());
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(format!("{title} — rostra"))
        .with_inner_size([1280.0, 720.0])
        .with_drag_and_drop(true);
    // The welcome screen is a window; F goes full screen once a deck is chosen.
    if options.talk_options().fullscreen {
        viewport = viewport.with_fullscreen(true);
    }
    // Vulkan, Metal or DX12: probing OpenGL as well costs ~30 ms and ~10 MB at start on
    // Linux. WGPU_BACKEND=gl still selects OpenGL for machines that have nothing else.
    let mut setup = eframe::egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    if std::env::var_os("WGPU_BACKEND").is_none() {
        setup.instance_descriptor.backends = eframe::wgpu::Backends::PRIMARY;
    }
    let native = eframe::NativeOptions {
        viewport,
        wgpu_options: eframe::egui_wgpu::WgpuConfiguration {
            wgpu_setup: eframe::egui_wgpu::WgpuSetup::CreateNew(setup),
            ..Default::default()
        },
        // Installed fonts for scripts the bundled ones lack; eframe scans them on a thread.
        // (Added after the first frame instead, the atlas rebuild garbles a second viewport.)
        system_font_fallback: options.system_fonts,
        ..Default::default()
    };
    eframe::run_native(
        "rostra",
        native,
        Box::new(move |cc| {
            startup::mark("window and GPU ready");
            Ok(Box::new(RostraApp::new(
                &cc.egui_ctx,
                deck,
                base_dir,
                &options,
            )))
        }),
    )
    .map_err(|e| {
        format!(
            "cannot open a window: {e} (no Vulkan driver? try WGPU_BACKEND=gl, or install your \
             graphics card's Vulkan driver, e.g. mesa-vulkan-drivers)"
        )
    })
}
