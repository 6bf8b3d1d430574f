//! The presenter console inside the app: its state (timer, notes size, attendance, screens),
//! its window (a second egui viewport in the same process, so both always agree) and the
//! keys that belong to it.

use super::screens::{self, Layout, Monitors};
use super::{RostraApp, StartOptions, keys::Action};
use crate::attendance::{self, Attendance, QrMatrix, Source};
use crate::show::Command;
use crate::show::timer::{self, Timer};
use crate::ui::FragmentFrame;
use crate::ui::console::{ConsoleAction, ConsoleView, Preview, show_console};
use eframe::egui::{self, Rect, ViewportBuilder, ViewportClass, ViewportCommand, ViewportId};
use egui_commonmark::CommonMarkCache;

/// The console window's viewport id.
pub fn console_id() -> ViewportId {
    ViewportId::from_hash_of("rostra-console")
}

/// Everything the console keeps between frames.
#[derive(Default)]
pub struct ConsoleState {
    /// The talk's clock.
    pub timer: Timer,
    /// Seconds planned per slide, when the deck or command line gives a plan.
    pub plan: Option<Vec<f64>>,
    /// When the current slide was reached.
    pub slide_since: f64,
    notes_cache: CommonMarkCache,
    notes_scale: f32,
    attendance: Option<Attendance>,
    qr: Option<QrMatrix>,
    links: Vec<(usize, String)>,
    /// Whether the QR code is on the audience screen.
    pub qr_shown: bool,
    /// Whether the console is wanted (closing its window turns this off; S turns it on).
    open: bool,
    /// One-screen mode: whether the single window shows the console now.
    in_root: bool,
    screen_share: bool,
    audience_choice: Option<usize>,
    swapped: bool,
    monitors: Option<Monitors>,
    layout: Option<Layout>,
    last_monitor_check: f64,
    /// The audience window's area, which scenes are laid out for.
    pub audience_area: Option<Rect>,
    /// A fixed wall-clock text (tests and snapshots), instead of the local time.
    fixed_clock: Option<String>,
    /// The settings file asks for the timer to wait for T.
    pub starts_paused: bool,
}

impl ConsoleState {
    /// The attendance link and its code, when there is a link.
    pub fn attendance_qr(&self) -> Option<(&Attendance, Option<&QrMatrix>)> {
        self.attendance.as_ref().map(|a| (a, self.qr.as_ref()))
    }

    fn set_attendance(&mut self, a: Option<Attendance>) {
        self.qr = a.as_ref().and_then(|a| QrMatrix::encode(&a.url).ok());
        self.attendance = a;
    }

    /// Whether the console is showing in a window of its own now.
    pub fn separate_window_now(&self) -> bool {
        self.open && self.separate_window()
    }

    /// Whether the console has a window of its own.
    fn separate_window(&self) -> bool {
        matches!(self.layout, Some(Layout::Split { .. })) || self.screen_share
    }
}

impl RostraApp {
    /// Reads the console's settings: screens, notes size, timer.
    pub(super) fn with_console(mut self, options: &StartOptions) -> RostraApp {
        let c = &mut self.console;
        c.notes_scale = 1.0;
        c.open = !options.no_console;
        c.screen_share = options.windowed;
        c.audience_choice = options.audience_screen;
        c.starts_paused = options.timer_starts_paused;
        self
    }

    /// Reads what the console takes from the deck: attendance link, links, pacing plan.
    pub(super) fn console_deck_changed(&mut self) {
        let options = &self.options;
        let c = &mut self.console;
        c.links = attendance::deck_links(&self.deck);
        let keep_picked = c
            .attendance
            .as_ref()
            .filter(|a| a.source == Source::Picked)
            .cloned();
        c.set_attendance(
            keep_picked.or_else(|| attendance::find(&self.deck, options.attendance.as_deref())),
        );
        let timings: Vec<Option<f64>> = self
            .deck
            .slides
            .iter()
            .map(|s| {
                s.attributes
                    .get("data-timing")
                    .and_then(|t| t.trim().parse::<f64>().ok())
                    .filter(|t| t.is_finite() && *t >= 0.0)
            })
            .collect();
        let total = options
            .total_time
            .or(self.deck.meta.total_time_secs.map(|t| t as f64))
            .or(options.fallback_total_time);
        c.plan = timer::plan(&timings, total);
    }

    /// The presenter console's timer (for tests).
    pub fn timer(&self) -> &Timer {
        &self.console.timer
    }

    /// Shows `text` as the wall clock instead of the local time (for snapshots).
    pub fn freeze_clock(&mut self, text: &str) {
        self.console.fixed_clock = Some(text.to_string());
    }

    /// Whether the single window shows the console (one-screen mode).
    pub fn console_shown(&self) -> bool {
        self.console_in_root()
    }

    /// Whether the QR code is on the audience screen.
    pub fn qr_shown(&self) -> bool {
        self.console.qr_shown
    }

    /// The attendance link in use.
    pub fn attendance(&self) -> Option<&Attendance> {
        self.console.attendance.as_ref()
    }

    /// Whether the single window shows the console now (one-screen mode).
    pub(super) fn console_in_root(&self) -> bool {
        self.console.in_root && !self.console.separate_window()
    }

    /// Handles the console's own keys; true when `a` was one of them.
    pub(super) fn console_action(&mut self, ctx: &egui::Context, a: Action, now: f64) -> bool {
        let c = &mut self.console;
        match a {
            Action::Qr => c.qr_shown = !c.qr_shown && c.qr.is_some(),
            Action::Console => {
                if c.separate_window() {
                    c.open = true;
                } else {
                    c.in_root = !c.in_root;
                }
            }
            Action::SwapScreens => {
                c.swapped = !c.swapped;
                c.layout = None;
                c.last_monitor_check = f64::NEG_INFINITY;
            }
            Action::Timer => c.timer.toggle(now),
            Action::TimerReset => c.timer.reset(),
            Action::NotesBigger => c.notes_scale = (c.notes_scale * 1.15).min(4.0),
            Action::NotesSmaller => c.notes_scale = (c.notes_scale / 1.15).max(0.5),
            _ => return false,
        }
        ctx.request_repaint_of(ViewportId::ROOT);
        ctx.request_repaint_of(console_id());
        true
    }

    /// Looks at the monitors every two seconds (a projector may come or go mid-talk) and
    /// moves the windows when their number changes.
    pub(super) fn watch_monitors(&mut self, ctx: &egui::Context, frame: &eframe::Frame, now: f64) {
        let c = &mut self.console;
        if c.monitors.is_some() && now - c.last_monitor_check < 2.0 {
            return;
        }
        c.last_monitor_check = now;
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
        let layout = screens::assign(monitors, c.audience_choice, c.swapped);
        if c.monitors == Some(monitors) && c.layout == Some(layout) {
            return;
        }
        log::info!("{} monitor(s): {layout:?}", monitors.count);
        c.monitors = Some(monitors);
        c.layout = Some(layout);
        if let Layout::Split { audience, .. } = layout
            && self.fullscreen
        {
            ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::SetMonitor(audience));
        }
        if layout == Layout::Single {
            c.in_root = false;
        }
    }

    /// Shows the console in its own window when it has one.
    pub(super) fn show_console_window(&mut self, ctx: &egui::Context, now: f64) {
        if !self.console.open || !self.console.separate_window() {
            return;
        }
        // The close button's event, as the main window's input reports it for every viewport.
        if ctx.input(|i| {
            i.raw
                .viewports
                .get(&console_id())
                .is_some_and(|v| v.close_requested())
        }) {
            self.console.open = false;
            return;
        }
        let mut builder = ViewportBuilder::default()
            .with_title("Presenter console — rostra")
            .with_inner_size([1280.0, 800.0]);
        if let Some(Layout::Split { console, .. }) = self.console.layout
            && !self.console.screen_share
        {
            builder = builder.with_monitor(console);
        }
        ctx.show_viewport_immediate(console_id(), builder, |ui, class| {
            // Embedded (tests, or a platform without windows): keys reach the main window only.
            if class != ViewportClass::EmbeddedWindow {
                let events = ui.input(|i| i.events.clone());
                self.handle(ui.ctx(), events);
            }
            if ui.input(|i| i.viewport().close_requested()) {
                // Closing the console never ends the talk; S brings it back.
                self.console.open = false;
            }
            self.console_ui(ui, now);
            self.banner_ui(ui);
        });
    }

    /// Draws the console into `ui` and carries out the speaker's clicks.
    pub(super) fn console_ui(&mut self, ui: &mut egui::Ui, now: f64) {
        let ctx = ui.ctx().clone();
        let area = self
            .console
            .audience_area
            .filter(|a| a.width() >= 1.0 && a.height() >= 1.0)
            .unwrap_or_else(|| ui.max_rect());
        let pos = self.show.position();
        let mut probe = self.show.clone();
        probe.apply(&Command::Next, now);
        let next_pos = probe.position();
        self.ensure_scene(&ctx, pos.slide, area);
        if next_pos.slide != pos.slide {
            self.ensure_scene(&ctx, next_pos.slide, area);
        }
        let steps = self.show.stop().map_or(0, |s| s.steps);
        let frame = self.fragment_frame(now);
        let current = self.scenes.map.get(&pos.slide).map(|scene| Preview {
            scene,
            frame,
            label: "Current".into(),
        });
        let next = if next_pos == pos {
            None
        } else {
            self.scenes.map.get(&next_pos.slide).map(|scene| Preview {
                scene,
                frame: FragmentFrame::still(next_pos.shown),
                label: if next_pos.slide == pos.slide {
                    format!("Next: fragment {} of {}", next_pos.shown, steps)
                } else {
                    format!("Next slide: {}", next_pos.slide + 1)
                },
            })
        };
        let elapsed = self.console.timer.elapsed(now);
        let pace = self
            .console
            .plan
            .as_ref()
            .and_then(|p| timer::pace(p, pos.slide, elapsed));
        let strip: Vec<String> = self
            .deck
            .slides
            .iter()
            .map(|s| {
                if s.v > 0 {
                    format!("{}.{}", s.h + 1, s.v + 1)
                } else {
                    format!("{}", s.h + 1)
                }
            })
            .collect();
        let counter = format!(
            "{} / {}{}",
            pos.slide + 1,
            self.deck.slides.len(),
            match self.show.stop() {
                Some(s) if s.v > 0 => format!("  ({})", self.show.slide_number()),
                _ => String::new(),
            }
        );
        let notes = self
            .deck
            .slides
            .get(pos.slide)
            .and_then(|s| s.notes.as_ref())
            .map(|n| n.markdown.as_str());
        let view = ConsoleView {
            current,
            next,
            audience_area: area,
            textures: &self.images,
            notes,
            notes_scale: self.console.notes_scale,
            elapsed,
            running: self.console.timer.is_running(),
            clock: self
                .console
                .fixed_clock
                .clone()
                .unwrap_or_else(|| chrono::Local::now().format("%H:%M").to_string()),
            on_slide: now - self.console.slide_since,
            pace,
            counter,
            strip,
            current_index: pos.slide,
            black: self.show.is_black(),
            qr_shown: self.console.qr_shown,
            attendance: self
                .console
                .attendance
                .as_ref()
                .map(|a| (a, self.console.qr.as_ref())),
            links: &self.console.links,
        };
        let actions = show_console(ui, &view, &mut self.console.notes_cache);
        if self.console.timer.is_running() {
            // The clock ticks once a second; nothing else needs a frame.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(
                    1000 - (elapsed.fract() * 1000.0) as u64 % 1000,
                ));
        }
        let mut commands = Vec::new();
        for a in actions {
            match a {
                ConsoleAction::Advance => commands.push(Command::Next),
                ConsoleAction::GoTo(i) => commands.push(Command::GoTo(i + 1)),
                ConsoleAction::PickLink(url) => self.console.set_attendance(Some(Attendance {
                    url,
                    source: Source::Picked,
                })),
                // Clicks do what their keys do.
                ConsoleAction::ToggleTimer => {
                    self.console_action(&ctx, Action::Timer, now);
                }
                ConsoleAction::ResetTimer => {
                    self.console_action(&ctx, Action::TimerReset, now);
                }
                ConsoleAction::ToggleQr => {
                    self.console_action(&ctx, Action::Qr, now);
                }
            }
        }
        self.apply_commands(&ctx, commands, now);
    }
}
