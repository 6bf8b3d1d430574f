//! The presenter console: current slide as the audience sees it, the next step, speaker
//! notes, timer, clock and pacing, the slide strip, and the attendance QR code. Draws from a
//! [`ConsoleView`] and returns what the speaker clicked; it never changes the show itself.

use super::{FragmentFrame, Placement, Textures, canvas_rect, paint_background, paint_items};
use crate::attendance::{Attendance, QUIET_ZONE, QrMatrix};
use crate::scene::Scene;
use crate::show::timer::{Pace, clock_text};
use crate::theme::chrome;
use eframe::egui::{
    self, Align, Color32, CornerRadius, FontId, Layout, Painter, Rect, RichText, Sense, Stroke,
    StrokeKind, Ui, Vec2, emath::TSTransform, vec2,
};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

/// A slide to preview: its scene, fragment state and label.
pub struct Preview<'a> {
    /// The laid-out slide.
    pub scene: &'a Scene,
    /// Its fragment state.
    pub frame: FragmentFrame,
    /// What it is (`Current`, `Next: fragment 3 of 7`, `Next slide: 8`).
    pub label: String,
}

/// Everything the console shows, read from the show, the timer and the deck.
pub struct ConsoleView<'a> {
    /// The current slide, as the audience sees it.
    pub current: Option<Preview<'a>>,
    /// The next step, if there is one.
    pub next: Option<Preview<'a>>,
    /// The area the scenes were laid out for (the audience window).
    pub audience_area: Rect,
    /// Decoded images.
    pub textures: &'a dyn Textures,
    /// Speaker notes (Markdown) of the current slide.
    pub notes: Option<&'a str>,
    /// Notes text size multiplier.
    pub notes_scale: f32,
    /// Elapsed talk time.
    pub elapsed: f64,
    /// Whether the timer runs.
    pub running: bool,
    /// Local wall-clock time, `HH:MM`.
    pub clock: String,
    /// Seconds on the current slide.
    pub on_slide: f64,
    /// Pacing, when the deck has a plan.
    pub pace: Option<Pace>,
    /// `7 / 28`, with the vertical position when in a stack.
    pub counter: String,
    /// Slide labels for the strip (`1`, `2.1`, ...), in reading order.
    pub strip: Vec<String>,
    /// The current slide's index.
    pub current_index: usize,
    /// Whether the audience screen is black.
    pub black: bool,
    /// Whether the QR code is on the audience screen.
    pub qr_shown: bool,
    /// The attendance link and its code.
    pub attendance: Option<(&'a Attendance, Option<&'a QrMatrix>)>,
    /// Links the speaker may pick instead.
    pub links: &'a [(usize, String)],
    /// The keys its hints name.
    pub keys: &'a KeyHints,
    /// A line for the speaker only, e.g. where a reopened deck resumed.
    pub notice: Option<&'a str>,
    /// The pointer, strokes and zoom over the current slide, as the room sees them.
    pub ink: super::ink::InkLayer<'a>,
    /// The phone remote, while it is on.
    pub remote: Option<RemoteView<'a>>,
}

/// The phone remote as the console shows it: its link, as a code, and who is connected.
pub struct RemoteView<'a> {
    /// The page's link, token included.
    pub url: &'a str,
    /// The link as a QR code, when it fits one.
    pub qr: Option<&'a QrMatrix>,
    /// The addresses that asked in the last few seconds.
    pub clients: Vec<String>,
}

/// The keys bound to the console's actions, as its hints name them (the speaker may have
/// rebound them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyHints {
    /// Pause or resume the timer.
    pub timer: String,
    /// Reset the timer.
    pub timer_reset: String,
    /// Black screen on and off.
    pub black: String,
    /// The QR code on the audience screen.
    pub qr: String,
    /// The phone remote on and off.
    pub remote: String,
}

/// What the speaker did on the console with the mouse.
#[derive(Clone, Debug, PartialEq)]
pub enum ConsoleAction {
    /// Clicked the next-step preview.
    Advance,
    /// Clicked a slide in the strip (index).
    GoTo(usize),
    /// Picked another attendance link.
    PickLink(String),
    /// Clicked the timer: pause or resume.
    ToggleTimer,
    /// Reset the timer.
    ResetTimer,
    /// Show or hide the QR code on the audience screen.
    ToggleQr,
    /// Clicked a link on the current slide (its `href`).
    FollowLink(String),
    /// Pointed, drew or Alt+clicked on the current slide.
    Ink(super::ink::InkEvent),
    /// Turn the phone remote on or off.
    ToggleRemote,
}

/// The transform that fits the audience `area` (a canvas of `size` centred in it) into `rect`.
pub fn preview_transform(rect: Rect, area: Rect, size: Vec2) -> Option<TSTransform> {
    let k = (rect.width() / size.x).min(rect.height() / size.y);
    if !k.is_finite() || k <= 0.0 {
        return None;
    }
    let c = area.center().to_vec2();
    Some(
        TSTransform::from_translation(rect.center().to_vec2())
            * TSTransform::from_scaling(k)
            * TSTransform::from_translation(-c),
    )
}

/// Paints `preview` fitted into `rect`, through the transform from the audience area.
pub fn paint_preview(
    painter: &Painter,
    rect: Rect,
    area: Rect,
    preview: &Preview<'_>,
    textures: &dyn Textures,
) {
    paint_preview_zoomed(
        painter,
        rect,
        area,
        preview,
        textures,
        TSTransform::IDENTITY,
    );
}

/// Paints `preview` fitted into `rect` as the audience sees it through `zoom` (a transform
/// of the audience area), clipped to the slide's frame.
pub fn paint_preview_zoomed(
    painter: &Painter,
    rect: Rect,
    area: Rect,
    preview: &Preview<'_>,
    textures: &dyn Textures,
    zoom: TSTransform,
) {
    let scene = preview.scene;
    let size = scene.size;
    let Some(fit) = preview_transform(rect, area, size) else {
        return;
    };
    let transform = fit * zoom;
    let placement = Placement {
        transform,
        opacity: 1.0,
        turn: None,
    };
    let canvas = canvas_rect(area, size);
    let shown = fit * canvas;
    let clipped = painter.with_clip_rect(shown.intersect(painter.clip_rect()));
    paint_background(&clipped, canvas, scene, textures, placement);
    paint_items(&clipped, area, scene, preview.frame, textures, placement);
    painter.rect_stroke(
        shown,
        2.0,
        Stroke::new(1.0, chrome::PREVIEW_FRAME),
        StrokeKind::Outside,
    );
}

/// Paints `qr` in `rect`: white square with its quiet zone, dark modules, as large as fits.
pub fn paint_qr(painter: &Painter, rect: Rect, qr: &QrMatrix) -> Rect {
    let modules = (qr.width + 2 * QUIET_ZONE) as f32;
    // Whole physical pixels per module keep the edges crisp for phone cameras, and let the
    // dark runs go out as one mesh of plain quads: a feathered rectangle each is ten
    // triangles, and a software rasteriser pays for every one on each console repaint.
    let ppp = painter.pixels_per_point();
    let side = rect.width().min(rect.height()) * ppp;
    let m = (side / modules).floor().max(1.0) / ppp;
    let square = Rect::from_center_size(rect.center(), Vec2::splat(m * modules));
    let square = Rect::from_min_size((square.min * ppp).round() / ppp, square.size());
    painter.rect_filled(square, 0.0, chrome::QR_LIGHT);
    let origin = square.min + Vec2::splat(m * QUIET_ZONE as f32);
    let mut mesh = egui::Mesh::default();
    for (y, x, len) in qr.runs() {
        let r = Rect::from_min_size(
            origin + vec2(x as f32 * m, y as f32 * m),
            vec2(len as f32 * m, m),
        );
        mesh.add_colored_rect(r, chrome::QR_DARK);
    }
    painter.add(mesh);
    square
}

/// The QR code full-screen on the audience screen, the link printed under it.
pub fn paint_qr_screen(painter: &Painter, area: Rect, qr: &QrMatrix, url: &str) {
    painter.rect_filled(area, 0.0, chrome::QR_LIGHT);
    let font = FontId::proportional((area.height() / 18.0).clamp(14.0, 48.0));
    let galley = painter.layout(url.to_string(), font, chrome::QR_DARK, area.width() * 0.9);
    let text_h = galley.size().y + area.height() * 0.04;
    let code_area = Rect::from_min_max(
        area.min + vec2(0.0, area.height() * 0.04),
        area.max - vec2(0.0, text_h + area.height() * 0.02),
    );
    let square = paint_qr(painter, code_area, qr);
    let pos = egui::pos2(
        area.center().x - galley.size().x / 2.0,
        square.bottom() + area.height() * 0.015,
    );
    painter.galley(pos, galley, chrome::QR_DARK);
}

fn pace_text(p: Pace) -> (String, Color32) {
    match p {
        Pace::Ahead(s) => (format!("ahead by {}", clock_text(s)), chrome::PACE_AHEAD),
        Pace::OnTime(s) => (
            format!("on time: {} left on this slide", clock_text(s)),
            chrome::PACE_ON_TIME,
        ),
        Pace::Behind(s) => (format!("behind by {}", clock_text(s)), chrome::PACE_BEHIND),
    }
}

/// The phone remote's corner of the console: the code to scan, the link, who is connected.
fn remote_ui(
    ui: &mut Ui,
    rect: Rect,
    remote: &RemoteView<'_>,
    keys: &KeyHints,
    big: f32,
    actions: &mut Vec<ConsoleAction>,
) {
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::left_to_right(Align::TOP)),
        |ui| {
            if let Some(qr) = remote.qr {
                let side = rect.height().min(rect.width() * 0.45);
                let (r, _) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
                paint_qr(ui.painter(), r, qr);
            }
            ui.vertical(|ui| {
                ui.label(
                    RichText::new(format!("Phone remote ({} turns it off)", keys.remote))
                        .color(chrome::LABEL),
                );
                ui.label(
                    RichText::new(remote.url)
                        .size((big * 0.3).max(10.0))
                        .color(chrome::TEXT),
                );
                let who = match remote.clients.len() {
                    0 => "nobody connected yet".to_string(),
                    n => format!("{n} connected: {}", remote.clients.join(", ")),
                };
                ui.label(RichText::new(who).color(chrome::QUIET));
                if ui.small_button("turn off").clicked() {
                    actions.push(ConsoleAction::ToggleRemote);
                }
            });
        },
    );
}

/// Draws the console into `ui` and returns the speaker's clicks.
pub fn show_console(
    ui: &mut Ui,
    view: &ConsoleView<'_>,
    notes_cache: &mut CommonMarkCache,
) -> Vec<ConsoleAction> {
    let mut actions = Vec::new();
    let full = ui.max_rect();
    ui.painter()
        .rect_filled(full, 0.0, chrome::CONSOLE_BACKGROUND);
    let pad = 12.0;
    let inner = full.shrink(pad);
    let big = (inner.height() / 14.0).clamp(18.0, 56.0);
    // Top bar: timer, pacing, clock, counter.
    let bar = Rect::from_min_size(inner.min, vec2(inner.width(), big * 1.5));
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(bar)
            .layout(Layout::left_to_right(Align::Center)),
        |ui| {
            let timer_color = if view.running {
                chrome::TEXT
            } else {
                chrome::QUIET
            };
            let timer = ui.add(
                egui::Label::new(
                    RichText::new(clock_text(view.elapsed))
                        .font(FontId::monospace(big))
                        .color(timer_color),
                )
                .sense(Sense::click()),
            );
            if timer.clicked() {
                actions.push(ConsoleAction::ToggleTimer);
            }
            timer.on_hover_text(format!(
                "Click or {}: pause / resume. {}: reset.",
                view.keys.timer, view.keys.timer_reset
            ));
            if !view.running {
                ui.label(
                    RichText::new(if view.elapsed > 0.0 {
                        "paused"
                    } else {
                        "not started"
                    })
                    .color(chrome::HINT),
                );
            }
            if ui.small_button("reset").clicked() {
                actions.push(ConsoleAction::ResetTimer);
            }
            let remote_label = if view.remote.is_some() {
                "phone remote: on"
            } else {
                "phone remote"
            };
            if ui
                .small_button(remote_label)
                .on_hover_text(format!(
                    "Click or {}: serve a page for your phone, its link as a QR code",
                    view.keys.remote
                ))
                .clicked()
            {
                actions.push(ConsoleAction::ToggleRemote);
            }
            ui.add_space(big * 0.5);
            ui.label(
                RichText::new(format!("on slide {}", clock_text(view.on_slide)))
                    .size(big * 0.4)
                    .color(chrome::LABEL),
            );
            if let Some(p) = view.pace {
                ui.add_space(big * 0.5);
                let (t, c) = pace_text(p);
                ui.label(RichText::new(t).size(big * 0.45).color(c).strong());
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                ui.label(
                    RichText::new(&view.clock)
                        .font(FontId::monospace(big * 0.7))
                        .color(chrome::TEXT_DESCRIPTION),
                );
                ui.add_space(big * 0.5);
                ui.label(
                    RichText::new(&view.counter)
                        .size(big * 0.6)
                        .color(chrome::TEXT),
                );
            });
        },
    );
    let mut y = bar.bottom() + pad;
    if view.black || view.qr_shown {
        let (text, color) = if view.black {
            (
                format!(
                    "AUDIENCE SCREEN IS BLACK ({} to bring it back)",
                    view.keys.black
                ),
                chrome::AUDIENCE_BLACK_STRIP,
            )
        } else {
            (
                format!(
                    "QR CODE IS ON THE AUDIENCE SCREEN ({} to hide)",
                    view.keys.qr
                ),
                chrome::AUDIENCE_QR_STRIP,
            )
        };
        let r = Rect::from_min_size(egui::pos2(inner.left(), y), vec2(inner.width(), big * 0.7));
        ui.painter().rect_filled(r, 4.0, color);
        // A label rather than painted text, so screen readers (and tests) find it.
        ui.put(
            r,
            egui::Label::new(RichText::new(text).size(big * 0.4).color(chrome::TEXT)),
        );
        y = r.bottom() + pad;
    }
    if let Some(text) = view.notice {
        let r = Rect::from_min_size(egui::pos2(inner.left(), y), vec2(inner.width(), big * 0.7));
        ui.painter()
            .rect_filled(r, 4.0, chrome::CONSOLE_NOTICE_STRIP);
        ui.put(
            r,
            egui::Label::new(RichText::new(text).size(big * 0.4).color(chrome::TEXT)),
        );
        y = r.bottom() + pad;
    }
    // Slide strip along the bottom.
    let strip_h = (big * 0.75).max(22.0);
    let strip = Rect::from_min_max(
        egui::pos2(inner.left(), inner.bottom() - strip_h),
        inner.max,
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(strip), |ui| {
        // Square chips: a rounded one is a hundred feathered triangles, a square one ten, and
        // the console's clock repaints all of a long deck's chips every second.
        let widgets = &mut ui.visuals_mut().widgets;
        for w in [
            &mut widgets.inactive,
            &mut widgets.hovered,
            &mut widgets.active,
            &mut widgets.open,
        ] {
            w.corner_radius = CornerRadius::ZERO;
        }
        egui::ScrollArea::horizontal()
            .id_salt("strip")
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (i, label) in view.strip.iter().enumerate() {
                        let current = i == view.current_index;
                        let b = egui::Button::new(RichText::new(label).size(strip_h * 0.5))
                            .selected(current);
                        let r = ui.add(b);
                        if current {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            actions.push(ConsoleAction::GoTo(i));
                        }
                    }
                });
            });
    });
    let body = Rect::from_min_max(
        egui::pos2(inner.left(), y),
        egui::pos2(inner.right(), strip.top() - pad),
    );
    let left = Rect::from_min_max(
        body.min,
        egui::pos2(body.left() + body.width() * 0.6, body.bottom()),
    );
    let right = Rect::from_min_max(egui::pos2(left.right() + pad, body.top()), body.max);
    let label_font = FontId::proportional((big * 0.35).max(12.0));
    let painter = ui.painter().clone();
    // Current slide, large.
    if let Some(cur) = &view.current {
        painter.text(
            left.min,
            egui::Align2::LEFT_TOP,
            &cur.label,
            label_font.clone(),
            chrome::LABEL,
        );
        let r = Rect::from_min_max(
            left.min + vec2(0.0, big * 0.5),
            egui::pos2(left.right(), left.top() + left.height() * 0.72),
        );
        let canvas = canvas_rect(view.audience_area, cur.scene.size);
        let zoom = super::ink::zoom_transform(canvas, view.ink.zoom);
        paint_preview_zoomed(&painter, r, view.audience_area, cur, view.textures, zoom);
        if let Some(t) = preview_transform(r, view.audience_area, cur.scene.size) {
            // The room's pointer and drawing, through the same transform the slide took.
            let shown = (t * canvas).intersect(r);
            super::ink::paint_ink(&painter, canvas, t * zoom, shown, &view.ink);
            if view.ink.tracking || ui.input(|i| i.modifiers.alt) {
                let events = ui.input(|i| {
                    super::ink::read_pointer(i, canvas, t * zoom, shown, view.ink.pen_on)
                });
                actions.extend(events.into_iter().map(ConsoleAction::Ink));
            }
        }
        // Links on the current slide are live here too, through the same preview transform
        // (not while a drag draws, nor with Alt, which zooms).
        if let Some(t) = preview_transform(r, view.audience_area, cur.scene.size)
            && !view.ink.pen_on
            && !ui.input(|i| i.modifiers.alt)
            && let Some(p) = ui.ctx().pointer_hover_pos()
            && r.contains(p)
            && let Some(href) =
                crate::ui::link_at(cur.scene, cur.frame.shown, canvas, (t * zoom).inverse() * p)
        {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            if ui.input(|i| i.pointer.primary_clicked()) {
                actions.push(ConsoleAction::FollowLink(href));
            }
        }
    }
    // Attendance under the current slide; the phone remote beside it while it is on.
    let mut att = Rect::from_min_max(
        egui::pos2(left.left(), left.top() + left.height() * 0.74),
        left.max,
    );
    if let Some(remote) = &view.remote {
        let (a, r) = att.split_left_right_at_fraction(0.5);
        att = a.shrink2(vec2(pad * 0.5, 0.0));
        remote_ui(ui, r, remote, view.keys, big, &mut actions);
    }
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(att)
            .layout(Layout::left_to_right(Align::TOP)),
        |ui| match view.attendance {
            Some((a, Some(qr))) => {
                let side = att.height().min(att.width() * 0.3);
                let (r, resp) = ui.allocate_exact_size(Vec2::splat(side), Sense::click());
                paint_qr(ui.painter(), r, qr);
                if resp
                    .on_hover_text(format!("{}: show it on the audience screen", view.keys.qr))
                    .clicked()
                {
                    actions.push(ConsoleAction::ToggleQr);
                }
                ui.vertical(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "Attendance ({} shows it to the room)",
                            view.keys.qr
                        ))
                        .color(chrome::LABEL),
                    );
                    ui.label(RichText::new(&a.url).size(big * 0.4).color(chrome::TEXT));
                    ui.label(RichText::new(a.source.label()).color(chrome::QUIET));
                    if !view.links.is_empty() {
                        egui::ComboBox::from_label("use another link")
                            .selected_text("links in the deck")
                            .show_ui(ui, |ui| {
                                for (slide, url) in view.links {
                                    if ui
                                        .selectable_label(
                                            *url == a.url,
                                            format!("{url}  (slide {})", slide + 1),
                                        )
                                        .clicked()
                                    {
                                        actions.push(ConsoleAction::PickLink(url.clone()));
                                    }
                                }
                            });
                    }
                });
            }
            Some((a, None)) => {
                ui.label(
                    RichText::new(format!(
                        "Attendance link {} cannot be drawn as a QR code",
                        a.url
                    ))
                    .color(chrome::ATTENDANCE_WARNING),
                );
            }
            None => {
                ui.label(
                    RichText::new(
                        "No attendance link (--attendance URL or front matter `attendance:`)",
                    )
                    .color(chrome::QUIET),
                );
            }
        },
    );
    // Next step, top right; clicking it advances.
    let next_r = Rect::from_min_max(
        right.min + vec2(0.0, big * 0.5),
        egui::pos2(right.right(), right.top() + right.height() * 0.42),
    );
    match &view.next {
        Some(next) => {
            painter.text(
                right.min,
                egui::Align2::LEFT_TOP,
                &next.label,
                label_font.clone(),
                chrome::LABEL,
            );
            paint_preview(&painter, next_r, view.audience_area, next, view.textures);
            let resp = ui.allocate_rect(next_r, Sense::click());
            if resp.on_hover_text("Click to advance").clicked() {
                actions.push(ConsoleAction::Advance);
            }
        }
        None => {
            painter.text(
                right.min,
                egui::Align2::LEFT_TOP,
                "End of the deck",
                label_font.clone(),
                chrome::LABEL,
            );
        }
    }
    // Notes below, scrollable.
    let notes_r = Rect::from_min_max(egui::pos2(right.left(), next_r.bottom() + pad), right.max);
    painter.rect_filled(notes_r, 6.0, chrome::NOTES_BACKGROUND);
    ui.scope_builder(egui::UiBuilder::new().max_rect(notes_r.shrink(8.0)), |ui| {
        let base = (big * 0.42 * view.notes_scale).clamp(9.0, 96.0);
        let style = ui.style_mut();
        for (ts, font) in style.text_styles.iter_mut() {
            font.size = match ts {
                egui::TextStyle::Heading => base * 1.3,
                egui::TextStyle::Small => base * 0.8,
                _ => base,
            };
        }
        style.visuals.override_text_color = Some(chrome::TEXT_BODY);
        egui::ScrollArea::vertical()
            .id_salt("notes")
            .auto_shrink([false, false])
            .show(ui, |ui| match view.notes {
                Some(text) if !text.trim().is_empty() => {
                    let text = crate::deck::math_as_code(text);
                    CommonMarkViewer::new().show(ui, notes_cache, &text);
                }
                _ => {
                    ui.label(RichText::new("No notes for this slide.").color(chrome::EMPTY));
                }
            });
    });
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Options, parse};
    use crate::scene::{LayoutInput, NoImages, layout};
    use crate::theme::Theme;
    use eframe::epaint::text::{Fonts, TextOptions};

    #[test]
    fn a_link_on_the_current_preview_is_found_through_the_preview_transform() {
        let deck =
            parse("# Title\n\n[the end](#/1)\n---\n# End", &Options::default()).expect("parses");
        let mut fonts = Fonts::new(TextOptions::default(), crate::theme::fonts::definitions());
        let mut view = fonts.with_pixels_per_point(1.0);
        let theme = Theme::black();
        let area = Rect::from_min_size(egui::Pos2::ZERO, Vec2::new(1280.0, 720.0));
        let scene = layout(
            &LayoutInput {
                slide: &deck.slides[0],
                theme: &theme,
                canvas: Vec2::new(960.0, 700.0),
                scale: 720.0 / 700.0,
                images: &NoImages,
            },
            &mut view,
        );
        let (item, (rect, href)) = scene
            .items
            .iter()
            .find_map(|i| i.links.first().map(|l| (i, l)))
            .expect("a link");
        assert_eq!(href, "#/1");
        let canvas = canvas_rect(area, scene.size);
        let on_audience = canvas.min + item.rect.min.to_vec2() + rect.center().to_vec2();
        // The console draws the slide smaller, somewhere else.
        let preview = Rect::from_min_size(egui::pos2(20.0, 90.0), Vec2::new(600.0, 400.0));
        let t = preview_transform(preview, area, scene.size).expect("a transform");
        let on_console = t * on_audience;
        assert!(preview.contains(on_console));
        assert_eq!(
            crate::ui::link_at(&scene, 0, canvas, t.inverse() * on_console).as_deref(),
            Some("#/1")
        );
        let beside = on_console + Vec2::new(0.0, 80.0);
        assert_eq!(
            crate::ui::link_at(&scene, 0, canvas, t.inverse() * beside),
            None
        );
    }
}
