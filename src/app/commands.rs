//! Command handling: every source (keys in either window, console and overview clicks, the
//! welcome screen, the bench driver) pushes into one queue, drained once per frame in
//! `logic()`. Talk commands go to the engine; what it says changed is followed here and only
//! here: images near the new slide, the recent list, the windows.

use super::RostraApp;
use crate::show::{Changed, Command};
use eframe::egui::{self, ViewportCommand, ViewportId};
use std::path::PathBuf;

/// A change the app is asked for: the talk's, or the session's around it.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    /// A change to the talk.
    Talk(Command),
    // -- Session --
    /// Open the file dialog.
    OpenDialog,
    /// Read and open this deck.
    Open(PathBuf),
    /// Close the banner.
    DismissBanner,
    /// Leave the welcome screen for the deck behind it.
    CloseWelcome,
    /// A link was clicked on the audience screen or the console: a slide of the deck, a
    /// page for the system browser (http, https, mailto), or nothing at all.
    FollowLink(String),
    /// The phone remote on (a new token) or off: R, or the console's button.
    ToggleRemote,
}

impl From<Command> for AppCommand {
    fn from(c: Command) -> AppCommand {
        AppCommand::Talk(c)
    }
}

impl RostraApp {
    /// What a clicked link does: a slide link becomes a move, a web or mail link goes to the
    /// system browser off the UI thread, anything else (`file:`, `javascript:`) is ignored.
    fn follow_link(&mut self, href: &str) -> Option<Command> {
        use crate::deck::links::{LinkKind, link_kind, link_target};
        match link_kind(href) {
            LinkKind::Slide => {
                let i = link_target(&self.deck, href)?;
                let s = self.deck.slides.get(i)?;
                Some(Command::GoToPlace { h: s.h, v: s.v })
            }
            LinkKind::External => {
                self.opened_links.push(href.to_string());
                if !self.options.no_browser {
                    super::browser::open(href);
                }
                None
            }
            LinkKind::Other => {
                log::info!("link {href} not opened: only http, https and mailto links are");
                None
            }
        }
    }

    /// Queues `command` for the next drain, and makes sure there is a next frame.
    pub(super) fn push(&mut self, ctx: &egui::Context, command: impl Into<AppCommand>) {
        self.queue.push(command.into());
        ctx.request_repaint_of(ViewportId::ROOT);
    }

    /// Applies everything queued, in order, once per frame.
    pub(super) fn drain_commands(&mut self, ctx: &egui::Context, now: f64) {
        let queued = std::mem::take(&mut self.queue);
        let mut changed = Changed::default();
        for c in queued {
            match c {
                AppCommand::Talk(c) => changed.merge(self.talk.apply(&c, now)),
                AppCommand::OpenDialog => self.open_dialog(ctx),
                AppCommand::Open(path) => self.open_path(ctx, path),
                AppCommand::DismissBanner => self.session.banner = None,
                AppCommand::CloseWelcome => self.session.welcome = false,
                AppCommand::ToggleRemote => self.toggle_remote(ctx),
                AppCommand::FollowLink(href) => {
                    if let Some(c) = self.follow_link(&href) {
                        changed.merge(self.talk.apply(&c, now));
                    }
                }
            }
        }
        if changed.position {
            let p = self.talk.position();
            // The screen drills (scripts/screens-drill) read where the talk is from this.
            log::info!("at slide {} fragment {}", p.slide + 1, p.shown);
            self.session.moved(p);
        }
        if changed.slide {
            self.sync_images();
        }
        if changed.fullscreen {
            ctx.send_viewport_cmd_to(
                ViewportId::ROOT,
                ViewportCommand::Fullscreen(self.talk.fullscreen()),
            );
            if self.talk.fullscreen() {
                // Back to full screen: on the monitor the layout says, not the last one.
                self.monitors.relayout();
            }
        }
        if changed.screens {
            self.monitors.relayout();
        }
        if changed.screen {
            // Both windows show the talk.
            ctx.request_repaint_of(ViewportId::ROOT);
            ctx.request_repaint_of(super::console_id());
        }
        if self.talk.show().fragment_move(now).is_some() {
            self.animate(ctx);
        }
    }
}
