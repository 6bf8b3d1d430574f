//! Input: the key events of either window become commands through the key map. The jump
//! prompt (G, digits, Enter) and the welcome screen take keys first; Esc closes the banner
//! before it reaches the talk.

use super::RostraApp;
use super::commands::AppCommand;
use super::keys::Action;
use crate::show::Command;
use eframe::egui::{self, Event, Key};

impl RostraApp {
    /// Turns `events` from either window into queued commands.
    pub(super) fn handle_input(&mut self, ctx: &egui::Context, events: Vec<Event>) {
        for c in self.commands_for(events) {
            self.push(ctx, c);
        }
    }

    fn commands_for(&mut self, events: Vec<Event>) -> Vec<AppCommand> {
        let mut out = Vec::new();
        for ev in events {
            let action = match ev {
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => {
                    if let Some(buf) = &mut self.jump {
                        match key {
                            Key::Enter => {
                                if let Ok(n) = buf.parse::<usize>() {
                                    out.push(Command::GoTo(n).into());
                                }
                                self.jump = None;
                            }
                            Key::Escape => self.jump = None,
                            Key::Backspace => {
                                buf.pop();
                            }
                            _ => {}
                        }
                        continue;
                    }
                    let action = self.options.keymap.action(key, modifiers);
                    if self.session.welcome && action != Some(Action::Open) {
                        // The welcome screen takes Enter, Space and arrows as "start".
                        if matches!(key, Key::Enter | Key::Space | Key::ArrowRight) {
                            out.push(AppCommand::CloseWelcome);
                        }
                        continue;
                    }
                    action
                }
                Event::Text(t) => {
                    if let Some(buf) = &mut self.jump {
                        buf.extend(t.chars().filter(char::is_ascii_digit));
                        continue;
                    }
                    if self.session.welcome {
                        continue;
                    }
                    self.options.keymap.text_action(&t)
                }
                _ => None,
            };
            match action {
                // Opened at once, so digits typed in the same frame land in it.
                Some(Action::JumpPrompt) => self.jump = Some(String::new()),
                Some(Action::Open) => out.push(AppCommand::OpenDialog),
                Some(Action::Escape) if self.session.banner.is_some() => {
                    out.push(AppCommand::DismissBanner)
                }
                Some(a) => out.extend(a.command().map(AppCommand::Talk)),
                None => {}
            }
        }
        out
    }
}
