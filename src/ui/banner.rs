//! The banner across the top of a window: warnings when a deck opens, errors when a save
//! breaks it. Draws a [`Banner`] and says whether the speaker dismissed it.

use crate::theme::chrome;
use eframe::egui::{self, Align, Layout, RichText, Ui};

/// A message across the top of the window. Dismissed with its button or Esc.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    /// First line.
    pub title: String,
    /// One line per problem (`file:line: message`).
    pub lines: Vec<String>,
    /// Red (the deck on screen is not the saved one) or amber (warnings).
    pub error: bool,
}

/// Lines shown before "… and N more".
const SHOWN_LINES: usize = 8;

/// Draws `banner` over `ui`'s area; true when its Dismiss button was clicked.
pub fn show_banner(ui: &mut Ui, banner: &Banner) -> bool {
    let area = ui.max_rect();
    let fill = if banner.error {
        chrome::BANNER_ERROR
    } else {
        chrome::BANNER_WARNING
    };
    let mut dismissed = false;
    egui::Area::new(egui::Id::unique("rostra-banner"))
        .fixed_pos(area.min + egui::vec2(12.0, 12.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::new()
                .fill(fill)
                .corner_radius(6.0)
                .inner_margin(10.0)
                .show(ui, |ui| {
                    ui.set_max_width(area.width() - 48.0);
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&banner.title).color(chrome::TEXT).strong());
                        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                            if ui.button("Dismiss").clicked() {
                                dismissed = true;
                            }
                        });
                    });
                    for line in banner.lines.iter().take(SHOWN_LINES) {
                        ui.label(RichText::new(line).color(chrome::BANNER_LINE).monospace());
                    }
                    if banner.lines.len() > SHOWN_LINES {
                        ui.label(
                            RichText::new(format!(
                                "… and {} more (rostra check DECK lists them all)",
                                banner.lines.len() - SHOWN_LINES
                            ))
                            .color(chrome::TEXT_SECONDARY),
                        );
                    }
                });
        });
    dismissed
}
