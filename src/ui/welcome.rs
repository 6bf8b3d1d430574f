//! The welcome screen: open a deck, present the tour, or pick a recent or bundled deck.
//! Draws from a [`WelcomeView`] and returns what the speaker chose.

use crate::theme::chrome;
use eframe::egui::{self, Align, Layout, RichText, Ui};
use std::path::{Path, PathBuf};

/// What the welcome screen lists.
pub struct WelcomeView<'a> {
    /// Decks opened before, most recent first: the file and the slide (0-based) it was left at.
    pub recent: Vec<(&'a Path, usize)>,
    /// Decks that come with rostra: (name, file).
    pub bundled: &'a [(String, PathBuf)],
    /// The key that opens the file dialog, as bound.
    pub open_key: String,
    /// Why there is no file dialog, when there is none.
    pub no_dialog: Option<&'a str>,
}

/// What the speaker chose on the welcome screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WelcomeChoice {
    /// The file dialog.
    OpenDialog,
    /// This deck.
    Open(PathBuf),
    /// The deck behind the welcome screen (the tour).
    Start,
}

/// Draws the welcome screen over `ui`'s area.
pub fn show_welcome(ui: &mut Ui, view: &WelcomeView<'_>) -> Option<WelcomeChoice> {
    let area = ui.max_rect();
    ui.painter()
        .rect_filled(area, 0.0, chrome::WELCOME_BACKGROUND);
    let mut choice = None;
    let width = (area.width() * 0.6).clamp(320.0, 760.0);
    let inner = egui::Rect::from_center_size(area.center(), egui::vec2(width, area.height() * 0.9));
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(inner)
            .layout(Layout::top_down(Align::Min)),
        |ui| {
            ui.add_space(area.height() * 0.04);
            ui.label(
                RichText::new("rostra")
                    .size(44.0)
                    .strong()
                    .color(chrome::TEXT),
            );
            ui.label(
                RichText::new("Present reveal.js Markdown decks · 발표를 시작하세요")
                    .size(16.0)
                    .color(chrome::SUBTITLE),
            );
            ui.add_space(18.0);
            ui.horizontal(|ui| {
                let open = egui::Button::new(
                    RichText::new(format!("Open a deck…  ({})", view.open_key)).size(18.0),
                );
                if ui.add_enabled(view.no_dialog.is_none(), open).clicked() {
                    choice = Some(WelcomeChoice::OpenDialog);
                }
                if ui
                    .button(RichText::new("Present the tour  (Enter)").size(18.0))
                    .clicked()
                {
                    choice = Some(WelcomeChoice::Start);
                }
            });
            match view.no_dialog {
                Some(why) => ui.label(RichText::new(why).color(chrome::SUBTITLE)),
                None => ui
                    .label(RichText::new("Or drop a .md file on this window.").color(chrome::HINT)),
            };
            ui.add_space(18.0);
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.label(RichText::new("Recent decks").size(20.0).color(chrome::TEXT));
                if view.recent.is_empty() {
                    ui.label(RichText::new("None yet.").color(chrome::QUIET));
                }
                for &(path, slide) in &view.recent {
                    let text = format!("{}   — slide {}", path.display(), slide + 1);
                    let b = ui.add_enabled(path.is_file(), egui::Button::new(text).frame(false));
                    if b.clicked() {
                        choice = Some(WelcomeChoice::Open(path.to_path_buf()));
                    }
                }
                ui.add_space(14.0);
                ui.label(
                    RichText::new("Bundled decks")
                        .size(20.0)
                        .color(chrome::TEXT),
                );
                for (name, path) in view.bundled {
                    if ui
                        .add(egui::Button::new(name.as_str()).frame(false))
                        .clicked()
                    {
                        choice = Some(WelcomeChoice::Open(path.clone()));
                    }
                }
            });
        },
    );
    choice
}
