//! The presenter console inside the app: its window (a second egui viewport in the same
//! process, so both always agree) and the view it draws, read from the talk. Its clicks
//! come back as commands into the one queue.

use super::RostraApp;
use super::commands::AppCommand;
use super::keys::Action;
use crate::show::Command;
use crate::ui::FragmentFrame;
use crate::ui::console::{ConsoleAction, ConsoleView, KeyHints, Preview, RemoteView, show_console};
use eframe::egui::{self, ViewportBuilder, ViewportClass, ViewportId};

/// The console's word to the speaker about images of `slide` the room cannot see (missing or
/// unreadable files): the room sees their alt text, as a browser shows it.
pub(super) fn missing_images_notice(
    slide: &crate::deck::Slide,
    images: &dyn crate::scene::ImageSizes,
) -> Option<String> {
    let failed: Vec<String> = slide
        .image_sources()
        .into_iter()
        .filter_map(|src| match images.state(src) {
            crate::scene::ImageState::Failed(reason) => Some(format!("{src} ({reason})")),
            _ => None,
        })
        .collect();
    (!failed.is_empty()).then(|| {
        format!(
            "Not shown to the room, which sees the alt text: image {}",
            failed.join(", ")
        )
    })
}

/// The console window's viewport id.
pub fn console_id() -> ViewportId {
    ViewportId::from_hash_of("rostra-console")
}

/// The keys the console's hints name, as `keymap` binds them.
pub(super) fn key_hints(keymap: &super::keys::KeyMap) -> KeyHints {
    KeyHints {
        timer: keymap.first_label(Action::Timer),
        timer_reset: keymap.first_label(Action::TimerReset),
        black: keymap.first_label(Action::Black),
        qr: keymap.first_label(Action::Qr),
        remote: keymap.first_label(Action::Remote),
    }
}

/// The command a console click stands for: clicks do what their keys do. The pointer is not
/// a click: `push_ink` keeps only what moved.
fn command_for(action: ConsoleAction) -> Option<AppCommand> {
    Some(match action {
        ConsoleAction::Advance => Command::Next.into(),
        ConsoleAction::GoTo(i) => Command::GoTo(i + 1).into(),
        ConsoleAction::PickLink(url) => Command::PickAttendance(url).into(),
        ConsoleAction::ToggleTimer => Command::ToggleTimer.into(),
        ConsoleAction::ResetTimer => Command::ResetTimer.into(),
        ConsoleAction::ToggleQr => Command::ToggleQr.into(),
        ConsoleAction::FollowLink(href) => AppCommand::FollowLink(href),
        ConsoleAction::ToggleRemote => AppCommand::ToggleRemote,
        ConsoleAction::Ink(_) => return None,
    })
}

impl RostraApp {
    /// Shows the console in its own window when it has one.
    pub(super) fn show_console_window(&mut self, ctx: &egui::Context, now: f64) {
        if !self.talk.console_window_open() {
            return;
        }
        // The close button's event, as the main window's input reports it for every viewport.
        if ctx.input(|i| {
            i.raw
                .viewports
                .get(&console_id())
                .is_some_and(|v| v.close_requested())
        }) {
            self.push(ctx, Command::CloseConsole);
            return;
        }
        let mut builder = ViewportBuilder::default()
            .with_title("Presenter console — rostra")
            .with_app_id(super::windows::CONSOLE_APP_ID)
            .with_inner_size([1280.0, 800.0]);
        // Created full-screen on the laptop's screen, so a tiling desktop gives it that
        // screen's workspace instead of tiling it behind the slides.
        if let Some(console) = self.monitors.console_monitor
            && !self.options.windowed
        {
            builder = builder.with_monitor(console);
        }
        match self.shared.clone() {
            // A window of its own, painted when it asks: the clock's tick, or the slides' pass
            // asking below. Embedded (tests), the callback runs inside this pass instead.
            Some(shared) if !ctx.embed_viewports() => {
                ctx.show_viewport_deferred(console_id(), builder, move |ui, class| {
                    let Some(app) = shared.upgrade() else { return };
                    let mut app = match app.try_lock() {
                        Ok(app) => app,
                        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
                        Err(std::sync::TryLockError::WouldBlock) => {
                            ui.ctx().request_repaint();
                            return;
                        }
                    };
                    let now = ui.input(|i| i.time);
                    let started = std::time::Instant::now();
                    app.console_window_ui(ui, class, now);
                    app.time_part(super::bench::Part::Draw, started);
                    let started = std::time::Instant::now();
                    app.end_pass(ui);
                    app.time_part(super::bench::Part::HandOver, started);
                });
                // Whatever made the slides repaint may show on the console too.
                ctx.request_repaint_of(console_id());
            }
            _ => {
                ctx.show_viewport_immediate(console_id(), builder, |ui, class| {
                    self.console_window_ui(ui, class, now);
                });
            }
        }
    }

    /// One pass of the console's own window: its keys, its close button, its view.
    fn console_window_ui(&mut self, ui: &mut egui::Ui, class: ViewportClass, now: f64) {
        // Embedded (tests, or a platform without windows): keys reach the main window only.
        if class != ViewportClass::EmbeddedWindow {
            let events = ui.input(|i| i.events.clone());
            self.handle_input(ui.ctx(), events);
        }
        if ui.input(|i| i.viewport().close_requested()) {
            // Closing the console never ends the talk; S brings it back.
            self.push(ui.ctx(), Command::CloseConsole);
        }
        self.console_ui(ui, now);
        self.banner_ui(ui);
    }

    /// Draws the console into `ui`; the speaker's clicks are queued as commands.
    pub(super) fn console_ui(&mut self, ui: &mut egui::Ui, now: f64) {
        let ctx = ui.ctx().clone();
        let area = self
            .audience_area
            .filter(|a| a.width() >= 1.0 && a.height() >= 1.0)
            .unwrap_or_else(|| ui.max_rect());
        let show = self.talk.show();
        let pos = show.position();
        let mut probe = show.clone();
        probe.apply(&Command::Next, now);
        let next_pos = probe.position();
        self.ensure_scene(&ctx, pos.slide, area);
        if next_pos.slide != pos.slide {
            self.ensure_scene(&ctx, next_pos.slide, area);
        }
        let show = self.talk.show();
        let steps = show.stop().map_or(0, |s| s.steps);
        let frame = self.fragment_frame(now);
        let current = self.scenes.get(pos.slide).map(|scene| Preview {
            scene,
            frame,
            label: "Current".into(),
        });
        let next = if next_pos == pos {
            None
        } else {
            self.scenes.get(next_pos.slide).map(|scene| Preview {
                scene,
                frame: FragmentFrame::still(next_pos.shown),
                label: if next_pos.slide == pos.slide {
                    format!("Next: fragment {} of {}", next_pos.shown, steps)
                } else {
                    format!("Next slide: {}", next_pos.slide + 1)
                },
            })
        };
        let missing = self
            .deck
            .slides
            .get(pos.slide)
            .and_then(|s| missing_images_notice(s, &self.images));
        let talk = &self.talk;
        let elapsed = talk.timer().elapsed(now);
        let strip: Vec<String> = show.stops().iter().map(|s| s.number()).collect();
        // Uncounted slides (`data-visibility="uncounted"`) take no number, as in reveal.js.
        let (number, total) = show.counted_position();
        let counter = format!(
            "{} / {}{}",
            number.map_or_else(|| "–".to_string(), |n| n.to_string()),
            total,
            match show.stop() {
                Some(s) if s.v > 0 => format!("  ({})", show.slide_number()),
                _ => String::new(),
            }
        );
        let notes = self
            .deck
            .slides
            .get(pos.slide)
            // The current fragment's own notes win over the slide's, as in reveal.js.
            .and_then(|s| s.notes_at(pos.shown))
            .map(|n| n.markdown.as_str());
        let view = ConsoleView {
            current,
            next,
            audience_area: area,
            textures: &self.images,
            notes,
            notes_scale: talk.notes_scale(),
            elapsed,
            running: talk.timer().is_running(),
            clock: self
                .fixed_clock
                .clone()
                .unwrap_or_else(|| chrono::Local::now().format("%H:%M").to_string()),
            on_slide: talk.on_slide_secs(now),
            pace: talk.pace(now),
            counter,
            strip,
            current_index: pos.slide,
            black: show.is_black(),
            qr_shown: talk.qr_shown(),
            attendance: talk.attendance_qr(),
            links: talk.links(),
            keys: &self.console_keys,
            notice: self.session.resumed.as_deref().or(missing.as_deref()),
            ink: super::ink::ink_layer(talk, now),
            remote: self.remote.as_ref().map(|r| RemoteView {
                url: r.server.url(),
                qr: r.qr.as_ref(),
                clients: r.server.clients().iter().map(|a| a.to_string()).collect(),
            }),
        };
        let actions = show_console(ui, &view, &mut self.notes_cache);
        if self.talk.timer().is_running() {
            // The clock ticks once a second; nothing else needs a frame.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(
                    1000 - (elapsed.fract() * 1000.0) as u64 % 1000,
                ));
        }
        if self.talk.ink().zoom_moving(now) {
            self.animate(&ctx);
        }
        if self.remote.is_some() {
            // Who is connected changes without anything else moving.
            ctx.request_repaint_after(std::time::Duration::from_secs(2));
        }
        for a in actions {
            if let ConsoleAction::Ink(e) = a {
                self.push_ink(&ctx, super::ink::Source::Console, &[e]);
            } else if let Some(c) = command_for(a) {
                self.push(&ctx, c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::missing_images_notice;
    use crate::deck::{Options, parse};
    use crate::scene::{ImageSizes, ImageState};

    /// `gone.png` failed to load; every other image is ready.
    struct OneGone;

    impl ImageSizes for OneGone {
        fn state(&self, src: &str) -> ImageState {
            if src == "gone.png" {
                ImageState::Failed("not found".into())
            } else {
                ImageState::Ready([10, 10])
            }
        }
    }

    #[test]
    fn the_console_names_the_image_the_room_cannot_see() {
        let deck = parse(
            "![a](here.png) ![b](gone.png)\n---\n![a](here.png)\n",
            &Options::default(),
        )
        .expect("parses");
        let notice = missing_images_notice(&deck.slides[0], &OneGone).expect("a notice");
        assert!(notice.contains("gone.png (not found)"), "{notice}");
        assert!(!notice.contains("here.png"), "{notice}");
        assert_eq!(missing_images_notice(&deck.slides[1], &OneGone), None);
    }
}
