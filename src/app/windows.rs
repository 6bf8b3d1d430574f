//! The windows: opening the audience window (GPU setup, full screen on its monitor from the
//! first frame), and watching the monitors so a projector plugged in or pulled out mid-talk
//! moves the views. Which monitor shows what is the pure `screens::place`; the monitors come
//! from the display server (`display`), and this sends the window commands.

use super::display::{self, Server};
use super::screens::{self, Layout, Monitor};
use super::{RostraApp, StartOptions};
use crate::deck::Deck;
use crate::show::Command;
use crate::stats::startup;
use eframe::egui::{self, ViewportCommand, ViewportId};
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

/// The audience window's app id (Wayland) and X11 class, for desktop window rules.
pub const APP_ID: &str = "rostra";
/// The console window's app id and X11 class.
pub const CONSOLE_APP_ID: &str = "rostra-console";

/// What the app last saw of the monitors.
#[derive(Debug, Default)]
pub struct MonitorWatch {
    /// The reading the layout was decided from.
    seen: Option<Vec<Monitor>>,
    /// Where the views go now, as indices into `seen`.
    pub layout: Option<Layout>,
    /// The console's monitor as winit numbers it, for its window's builder.
    pub console_monitor: Option<usize>,
    last_check: f64,
    server: Option<Server>,
    /// The display server's readings, from the watch thread, and the newest of them.
    watch: Option<Receiver<Vec<Monitor>>>,
    latest: Option<Vec<Monitor>>,
    /// The windows must be put in place again even if the monitors did not change.
    replace: bool,
    /// A split to tell the talk of once the slides' window has had time to move (the
    /// console then opens full-screen on a screen the slides have left).
    pending_split: Option<f64>,
}

impl MonitorWatch {
    /// Looks again at the next frame and puts the windows in place (the screens were swapped,
    /// or full screen was turned back on).
    pub fn relayout(&mut self) {
        self.layout = None;
        self.replace = true;
        self.last_check = f64::NEG_INFINITY;
    }
}

/// The display server the window is on.
#[cfg(target_os = "linux")]
fn server_of(window: &impl raw_window_handle::HasWindowHandle) -> Option<Server> {
    {
        use raw_window_handle::RawWindowHandle;
        match window.window_handle().ok()?.as_raw() {
            RawWindowHandle::Wayland(_) => Some(Server::Wayland),
            RawWindowHandle::Xlib(_) | RawWindowHandle::Xcb(_) => Some(Server::X11),
            _ => None,
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn server_of<W>(_: &W) -> Option<Server> {
    None
}

impl RostraApp {
    /// Looks at the monitors when the display server reports a change (or every two
    /// seconds when it cannot be watched), and,
    /// when what goes where changes, moves the windows and tells the talk.
    pub(super) fn watch_monitors(&mut self, ctx: &egui::Context, frame: &eframe::Frame, now: f64) {
        let w = &mut self.monitors;
        if let Some(at) = w.pending_split
            && now >= at
        {
            w.pending_split = None;
            if matches!(w.layout, Some(Layout::Split { .. })) {
                self.push(ctx, Command::ScreensChanged { split: true });
                // This may be a logic-only pass (the slides' window between outputs): ask
                // from outside it for the frame that opens the console.
                wake_later(ctx, std::time::Duration::from_millis(50));
            }
            return;
        }
        let w = &mut self.monitors;
        let mut fresh = false;
        if let Some(rx) = &w.watch {
            while let Ok(list) = rx.try_recv() {
                w.latest = Some(list);
                fresh = true;
            }
        }
        if !fresh && w.seen.is_some() && now - w.last_check < 2.0 {
            return;
        }
        w.last_check = now;
        let Some(window) = frame.winit_window() else {
            return;
        };
        if w.server.is_none() {
            w.server = server_of(window.as_ref());
            if let Some(server) = w.server {
                let wake = ctx.clone();
                match display::watch(server, move || wake.request_repaint()) {
                    Ok(rx) => w.watch = Some(rx),
                    Err(e) => log::warn!("monitors will be read from winit only: {e}"),
                }
            }
        }
        if w.watch.is_none() {
            // egui only wakes for input; an output appearing is not input, so look again soon.
            ctx.request_repaint_after(std::time::Duration::from_secs(2));
        }
        let primary = window.primary_monitor();
        let winit_list: Vec<Monitor> = window
            .available_monitors()
            .map(|m| {
                let (pos, size) = (m.position(), m.size());
                Monitor {
                    name: m.name().unwrap_or_default(),
                    x: pos.x,
                    y: pos.y,
                    width: size.width,
                    height: size.height,
                    primary: primary.as_ref() == Some(&m),
                }
            })
            .collect();
        let raw = match &w.latest {
            Some(list) => list.clone(),
            None => winit_list.clone(),
        };
        let layout = screens::place(
            &raw,
            self.options.audience_screen,
            self.talk.screens_swapped(),
        );
        // The same monitors read another way (winit's doubled list, then the watch's) and
        // the same layout: nothing to do.
        let same = |a: &[Monitor], b: &[Monitor]| {
            let pick = |l: &[Monitor]| -> Vec<Monitor> {
                screens::distinct(l).iter().map(|&i| l[i].clone()).collect()
            };
            pick(a) == pick(b)
        };
        if w.seen.as_deref().is_some_and(|s| same(s, &raw)) && w.layout.is_some() && !w.replace {
            w.seen = Some(raw);
            w.layout = Some(layout);
            return;
        }
        let first = w.seen.is_none();
        let replace = std::mem::take(&mut w.replace);
        log::info!(
            "{} monitor(s) {:?}: {layout:?}",
            screens::distinct(&raw).len(),
            raw.iter().map(|m| m.name.as_str()).collect::<Vec<_>>()
        );
        let winit_index = |m: &Monitor| screens::index_of(&winit_list, m);
        let (audience, console) = match layout {
            Layout::Split { audience, console } => (Some(&raw[audience]), Some(&raw[console])),
            Layout::Single => (screens::distinct(&raw).first().map(|&i| &raw[i]), None),
        };
        w.console_monitor = console.and_then(winit_index);
        if self.talk.fullscreen() && !self.options.windowed {
            let x11 = w.server == Some(Server::X11) && w.watch.is_some();
            // X11: winit's list may not have the monitor; the window manager is asked
            // directly. Not at start: the window was created on its monitor.
            #[cfg(target_os = "linux")]
            if x11 && (!first || replace) {
                let mut targets: Vec<display::x11::Target> = Vec::new();
                if let Some(m) = audience {
                    targets.push(display::x11::Target {
                        class: APP_ID.into(),
                        monitor: m.clone(),
                    });
                }
                if let Some(m) = console {
                    targets.push(display::x11::Target {
                        class: CONSOLE_APP_ID.into(),
                        monitor: m.clone(),
                    });
                }
                display::x11::place(targets);
            }
            if !x11 && let Some(m) = audience {
                let Some(i) = winit_index(m) else {
                    // The watch saw the output before winit did: look again shortly.
                    w.last_check = f64::NEG_INFINITY;
                    w.replace |= replace;
                    wake_later(ctx, std::time::Duration::from_millis(100));
                    return;
                };
                ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::SetMonitor(i));
            }
        }
        let was_split = matches!(w.layout, Some(Layout::Split { .. }));
        w.seen = Some(raw);
        w.layout = Some(layout);
        let split = matches!(layout, Layout::Split { .. });
        if split && !was_split && !first && w.server == Some(Server::Wayland) {
            // A compositor gives one full-screen window per output: the console waits until
            // the slides have gone to the projector, or it would push them off full screen.
            let wait = 0.4;
            w.pending_split = Some(now + wait);
            wake_later(ctx, std::time::Duration::from_secs_f64(wait));
            return;
        }
        self.push(ctx, Command::ScreensChanged { split });
    }
}

/// Asks for a frame `after` from now, from a thread: a repaint asked for within a
/// logic-only pass (eframe runs those for a window the compositor is not drawing, e.g. one
/// moving between outputs) can be lost, and a moved window must still get its next frame.
fn wake_later(ctx: &egui::Context, after: std::time::Duration) {
    let wake = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("rostra-wake".into())
        .spawn(crate::worker::caught(move || {
            std::thread::sleep(after);
            wake.request_repaint();
        }));
    if spawned.is_err() {
        ctx.request_repaint_after(after);
    }
}

/// The monitor the audience window opens on, as winit will number it, and its size: read
/// from the display server before there is a window, so the first frame is already there.
fn opening_monitor(options: &StartOptions) -> Option<(usize, Monitor)> {
    let server = display::server_from_env()?;
    let raw = match display::monitors(server) {
        Ok(raw) => raw,
        Err(e) => {
            log::info!("monitors not read before the window: {e}");
            return None;
        }
    };
    let index = match screens::place(&raw, options.audience_screen, false) {
        Layout::Split { audience, .. } => audience,
        Layout::Single => *screens::distinct(&raw).first()?,
    };
    let m = raw.get(index)?.clone();
    Some((index, m))
}

/// Whether frames go out without vsync here (see [`run`]).
fn no_vsync() -> bool {
    display::server_from_env() == Some(Server::Wayland)
}

/// How long an animation frame waits when nothing paces frames: a 60 Hz refresh, less a
/// little, since the wait starts after the frame is built.
pub(super) fn frame_interval() -> Option<std::time::Duration> {
    no_vsync().then(|| std::time::Duration::from_micros(14_000))
}

/// Loads the GPU drivers on a thread of their own while eframe connects to the display and
/// makes the window, and keeps them loaded until the returned sender is dropped. Vulkan's
/// loader opens every installed driver when an instance is made (on Mesa that maps and
/// relocates LLVM, tens of milliseconds), and eframe only makes its instance once the
/// window exists: done here first, that work overlaps the window's instead of following it,
/// and eframe's instance finds the libraries in memory.
fn load_gpu_drivers_ahead(
    setup: eframe::egui_wgpu::WgpuSetupCreateNew,
) -> std::sync::mpsc::Sender<()> {
    let (keep, until) = std::sync::mpsc::channel::<()>();
    let _ = std::thread::Builder::new()
        .name("rostra-gpu-load".into())
        .spawn(crate::worker::caught(move || {
            let backends = setup.instance_descriptor.backends;
            let setup = eframe::egui_wgpu::WgpuSetup::CreateNew(setup);
            let instance = pollster::block_on(setup.new_instance());
            let adapters = pollster::block_on(instance.enumerate_adapters(backends));
            startup::mark("GPU drivers loaded (ahead)");
            // Nothing is ever sent: this returns when the window's side drops its sender.
            let _ = until.recv();
            drop(adapters);
        }));
    keep
}

/// Opens the audience window on `deck` and runs until it is closed.
pub fn run(deck: Deck, base_dir: PathBuf, options: StartOptions) -> Result<(), String> {
    // Vulkan, Metal or DX12: probing OpenGL as well costs ~30 ms and ~10 MB at start on
    // Linux. WGPU_BACKEND=gl still selects OpenGL for machines that have nothing else.
    let mut setup = eframe::egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    if std::env::var_os("WGPU_BACKEND").is_none() {
        setup.instance_descriptor.backends = eframe::wgpu::Backends::PRIMARY;
    }
    // wgpu's default suballocates from 128-256 MiB blocks of device memory; lavapipe's device
    // memory is this process's own, and a block once touched stays resident. Small blocks
    // (8-64 MiB) cost a few more allocations when a texture is made, nothing per frame.
    let descriptor = setup.device_descriptor.clone();
    setup.device_descriptor = std::sync::Arc::new(move |adapter| eframe::wgpu::DeviceDescriptor {
        memory_hints: eframe::wgpu::MemoryHints::MemoryUsage,
        ..descriptor(adapter)
    });
    let drivers = load_gpu_drivers_ahead(setup.clone());
    let title = deck.meta.title.clone().unwrap_or_else(|| "rostra".into());
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(format!("{title} — rostra"))
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 720.0])
        .with_drag_and_drop(true);
    // The welcome screen is a window; F goes full screen once a deck is chosen.
    if options.talk_options().fullscreen {
        viewport = viewport.with_fullscreen(true);
        // Created full-screen on its own monitor at its size: no first frame in a small
        // window on the laptop, nothing to move afterwards (a tiling desktop keeps it there).
        if let Some((index, m)) = opening_monitor(&options) {
            startup::mark("monitors read");
            viewport = viewport
                .with_monitor(index)
                .with_position([m.x as f32, m.y as f32])
                .with_inner_size([m.width as f32, m.height as f32]);
        }
    }
    let mut wgpu_options = eframe::egui_wgpu::WgpuConfiguration {
        wgpu_setup: eframe::egui_wgpu::WgpuSetup::CreateNew(setup),
        ..Default::default()
    };
    if no_vsync() {
        // Mesa's Wayland FIFO waits for the compositor's frame callback, which a window that
        // is covered or on a pulled-out output never gets: the one thread drawing both
        // windows would stop for good. Frames are paced by the app instead (`animate`).
        wgpu_options.surface.present_mode = eframe::wgpu::PresentMode::AutoNoVsync;
    }
    let native = eframe::NativeOptions {
        viewport,
        wgpu_options,
        // Installed fonts for scripts the bundled ones lack; eframe scans them on a thread.
        // (Added after the first frame instead, the atlas rebuild garbles a second viewport.)
        system_font_fallback: options.system_fonts,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        native,
        Box::new(move |cc| {
            startup::mark("window and GPU ready");
            // eframe's own instance holds the drivers now; the early one may go.
            drop(drivers);
            let mut app = RostraApp::new(&cc.egui_ctx, deck, base_dir, &options);
            if let Some(gpu) = cc.wgpu_render_state.as_ref() {
                crate::ui::flat::install(&gpu.device, gpu.target_format, &mut gpu.renderer.write());
                app.gpu = Some(gpu.clone());
                startup::mark("flat-fill pipeline made");
            }
            Ok(Box::new(super::SharedApp::new(app)))
        }),
    )
    .map_err(|e| window_error(&e.to_string()))
}

/// What to tell a speaker whose window could not open: no display to connect to is not a
/// missing graphics driver.
fn window_error(e: &str) -> String {
    let display = |var: &str| {
        std::env::var(var)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "unset".into())
    };
    let no_display = [
        "connection to X server",
        "WAYLAND_DISPLAY nor",
        "connect to the Wayland",
    ];
    if no_display.iter().any(|m| e.contains(m)) {
        format!(
            "cannot open a window: {e} (no desktop to draw on: DISPLAY is {}, WAYLAND_DISPLAY \
             is {}; run rostra from a desktop session, or `rostra export` without one)",
            display("DISPLAY"),
            display("WAYLAND_DISPLAY")
        )
    } else {
        format!(
            "cannot open a window: {e} (no Vulkan driver? try WGPU_BACKEND=gl, or install your \
             graphics card's Vulkan driver, e.g. mesa-vulkan-drivers)"
        )
    }
}

#[cfg(test)]
mod window_error_tests {
    use super::window_error;

    #[test]
    fn no_display_is_told_apart_from_no_driver() {
        let x = window_error("os error: Failed to open connection to X server");
        assert!(x.contains("no desktop to draw on"), "{x}");
        assert!(!x.contains("Vulkan"), "{x}");
        let unset = window_error("neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set.");
        assert!(unset.contains("no desktop to draw on"), "{unset}");
        let gpu = window_error("no suitable adapter found");
        assert!(gpu.contains("Vulkan driver"), "{gpu}");
    }
}
