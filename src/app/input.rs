//! Input: the key events of either window become commands through the key map. The jump
//! prompt (G, then a number, `h.v`, an id or words, Enter) and the welcome screen take keys
//! first; Esc closes the banner before it reaches the talk.

use super::RostraApp;
use super::commands::AppCommand;
use super::keys::Action;
use crate::show::Command;
use crate::show::jump::{self, JumpMatch};
use eframe::egui::{self, Event, Key};

/// The G prompt: what has been typed and which of the matches is chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JumpPrompt {
    /// The text typed so far.
    pub text: String,
    /// The chosen match (arrows move it; Enter goes there).
    pub selected: usize,
    /// Nothing typed since G opened the prompt: the G may still come as text.
    opened_now: bool,
}

impl JumpPrompt {
    /// The prompt's lines: what is typed, then the slides it names, the chosen one marked.
    pub fn lines(&self, matches: &[JumpMatch]) -> String {
        let mut out = format!("Go to slide: {}_", self.text);
        if matches.is_empty() && !self.text.trim().is_empty() {
            out.push_str("\n(no slide matches)");
        }
        for (i, m) in matches.iter().enumerate() {
            let mark = if i == self.selected { "→ " } else { "   " };
            out.push_str(&format!("\n{mark}{}", m.label));
        }
        out
    }
}

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
                    if let Some(prompt) = &mut self.jump {
                        let matches = jump::find(&self.deck, &prompt.text);
                        if key != Key::G {
                            prompt.opened_now = false;
                        }
                        match key {
                            Key::Enter => {
                                if let Some(m) = matches.get(prompt.selected).or(matches.first()) {
                                    out.push(Command::GoToPlace { h: m.h, v: m.v }.into());
                                }
                                self.jump = None;
                            }
                            Key::Escape => self.jump = None,
                            Key::Backspace => {
                                prompt.text.pop();
                                prompt.selected = 0;
                            }
                            Key::ArrowDown => {
                                prompt.selected =
                                    (prompt.selected + 1).min(matches.len().saturating_sub(1));
                            }
                            Key::ArrowUp => prompt.selected = prompt.selected.saturating_sub(1),
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
                    if let Some(prompt) = &mut self.jump {
                        let mut text: &str = &t;
                        if prompt.opened_now {
                            // The G that opened the prompt, typed as text after its key event.
                            prompt.opened_now = false;
                            if let Some(rest) = text.strip_prefix(['g', 'G']) {
                                text = rest;
                            }
                        }
                        prompt.text.extend(text.chars().filter(|c| !c.is_control()));
                        prompt.selected = 0;
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
                Some(Action::JumpPrompt) => {
                    self.jump = Some(JumpPrompt {
                        opened_now: true,
                        ..JumpPrompt::default()
                    })
                }
                Some(Action::Open) => out.push(AppCommand::OpenDialog),
                Some(Action::Remote) => out.push(AppCommand::ToggleRemote),
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
