//! Drawing a frame of the audience window: the slides (overview grid, a transition or morph
//! in flight, or the current slide) and the overlays over them. Reads the talk; a click in
//! the overview is queued as a command like any key.

use super::RostraApp;
use super::commands::AppCommand;
use crate::motion::Change;
use crate::show::{Command, OVERVIEW_SECS, Overview};
use crate::stats::{FrameStats, startup};
use crate::theme::chrome;
use crate::ui::{self, FragmentFrame, overview};
use eframe::egui::{self, Rect};
use std::time::{Duration, Instant};

/// How long a still frame spends laying out slides ahead of the talk (beyond the current
/// slide's neighbours, which are always laid out).
const LAY_OUT_AHEAD_BUDGET: Duration = Duration::from_millis(6);

/// How many slides either side of the current one are laid out ahead.
const AHEAD: usize = 4;

/// The glyph atlas's fill past which nothing more is laid out ahead.
const AHEAD_ATLAS_FILL: f32 = 0.5;

impl RostraApp {
    /// Lays slide `index` out for `area`, once.
    pub(super) fn ensure_scene(&mut self, ctx: &egui::Context, index: usize, area: Rect) {
        let inputs = super::scenes::SceneInputs {
            deck: &self.deck,
            theme: &self.theme,
            images: &self.images,
        };
        self.scenes.ensure(ctx, inputs, index, area.size());
    }

    /// The current slide's fragment state at `now`, a step in flight included.
    pub(super) fn fragment_frame(&self, now: f64) -> FragmentFrame {
        let show = self.talk.show();
        FragmentFrame {
            shown: show.position().shown,
            moving: show
                .fragment_move(now)
                .map(|m| (m, (now - m.started_secs) as f32)),
        }
    }

    /// The audience window's frame.
    pub(super) fn draw(&mut self, ui: &mut egui::Ui, frame: &eframe::Frame) {
        let ctx = ui.ctx().clone();
        let area = ui.max_rect();
        let now = ctx.input(|i| i.time);
        let px = area.size().max_elem() * ctx.pixels_per_point();
        if px.is_finite() && px >= 1.0 {
            self.images.set_max_side(px as u32);
        }
        if self.session.welcome {
            self.welcome_ui(ui);
            return;
        }
        if self.talk.console_in_root() {
            self.console_ui(ui, now);
            self.banner_ui(ui);
            return;
        }
        self.audience_area = Some(area);
        self.show_console_window(&ctx, now);
        let painter = ui.painter().clone();
        if self.deck.slides.is_empty() {
            painter.rect_filled(area, 0.0, self.theme.background);
            ui::paint_banner(
                &painter,
                area,
                "This deck has no slides.",
                chrome::NO_SLIDES_BANNER,
            );
            return;
        }
        self.paint_slides(&ctx, &painter, area, now);
        self.ink_ui(&ctx, &painter, area, now);
        self.paint_furniture(&ctx, &painter, area, now);
        let show = self.talk.show();
        if self.talk.qr_shown()
            && let Some((a, Some(qr))) = self.talk.attendance_qr()
        {
            ui::console::paint_qr_screen(&painter, area, qr, &a.url);
        }
        if show.is_black() {
            ui::paint_black(&painter, area);
        }
        if let Some(prompt) = &self.jump {
            let matches = crate::show::jump::find(&self.deck, &prompt.text);
            ui::paint_banner(&painter, area, &prompt.lines(&matches), chrome::JUMP_BANNER);
        }
        if show.help_open() {
            ui::paint_help(&painter, area, &self.options.keymap.shortcuts());
        }
        if !self.talk.console_window_open() || self.session.banner_is_error() {
            self.banner_ui(ui);
        }
        if ctx.cumulative_frame_nr() == 0 {
            // The screen drills check that the first frame already has the monitor's size.
            log::info!("first frame: {:.0}x{:.0}", area.width(), area.height());
        }
        if startup::enabled() {
            startup::mark("first frame built");
            ctx.request_repaint();
        }
        self.paint_stats(&ctx, &painter, area, frame, now);
    }

    /// reveal.js's controls, progress bar and slide number, as the deck configures them and the
    /// settings file lets the projector show them.
    fn paint_furniture(
        &mut self,
        ctx: &egui::Context,
        painter: &egui::Painter,
        area: Rect,
        now: f64,
    ) {
        let f = self.deck.meta.furniture;
        let shown = self.options.audience;
        let show = self.talk.show();
        let link = self.theme.link;
        if f.progress && shown.progress {
            let glide = self
                .progress
                .get_or_insert_with(|| ui::furniture::ProgressGlide::at_rest(show.progress()));
            glide.aim(show.progress(), now);
            ui::furniture::paint_progress(painter, area, glide.at(now), link);
            if glide.moving(now) {
                self.animate(ctx);
            }
        }
        let show = self.talk.show();
        if let Some(format) = f.slide_number
            && shown.slide_number
            && f.show_slide_number == crate::deck::ShowSlideNumber::All
        {
            ui::paint_slide_number(painter, area, &show.slide_number_as(format), 12.0);
        }
        let mut pressed = None;
        if f.controls && shown.controls {
            let own = self
                .scenes
                .get(show.position().slide)
                .map(|s| s.background)
                .filter(|bg| *bg != self.theme.background);
            let color = ui::furniture::controls_color(link, own);
            let routes = show.routes();
            let looks = (f.controls_layout, f.controls_back_arrows);
            // A drag that draws is not a press of an arrow.
            let hovered = ctx
                .input(|i| i.pointer.hover_pos())
                .filter(|_| self.talk.ink().pen().is_none())
                .and_then(|p| ui::furniture::arrow_at(area, &routes, looks.0, looks.1, p));
            ui::furniture::paint_controls(painter, area, &routes, looks, color, hovered);
            if let Some(arrow) = hovered {
                ctx.set_cursor_icon(egui::CursorIcon::PointingHand);
                if ctx.input(|i| i.pointer.primary_clicked()) {
                    use ui::furniture::Arrow;
                    pressed = Some(match arrow {
                        Arrow::Left => Command::Left,
                        Arrow::Right => Command::Right,
                        Arrow::Up => Command::Up,
                        Arrow::Down => Command::Down,
                    });
                }
            }
        }
        if let Some(command) = pressed {
            self.push(ctx, command);
        }
    }

    /// Asks for the next frame of an animation: at once where the display paces frames
    /// (vsync), else one display refresh from now, so a transition does not spin a core.
    pub(super) fn animate(&self, ctx: &egui::Context) {
        match self.frame_interval {
            Some(d) => ctx.request_repaint_after(d),
            None => ctx.request_repaint(),
        }
    }

    /// The pointer, strokes and spotlight over the current slide, and the mouse read back
    /// through the same placement (the zoom) into pointer, stroke and zoom commands.
    fn ink_ui(&mut self, ctx: &egui::Context, painter: &egui::Painter, area: Rect, now: f64) {
        let show = self.talk.show();
        if show.overview(now).is_some() {
            return;
        }
        let at = self.talk.position();
        let Some(size) = self.scenes.get(at.slide).map(|s| s.size) else {
            return;
        };
        let canvas = ui::canvas_rect(area, size);
        let mut layer = super::ink::ink_layer(&self.talk, now);
        if show.slide_move(now).is_some() {
            // Strokes belong to a still slide; the pointer shows throughout.
            layer.strokes = &[];
        }
        let zoom = ui::ink::zoom_transform(canvas, layer.zoom);
        ui::ink::paint_ink(painter, canvas, zoom, area, &layer);
        let (tracking, pen_on) = (layer.tracking, layer.pen_on);
        if self.talk.ink().zoom_moving(now) {
            self.animate(ctx);
        }
        if tracking || ctx.input(|i| i.modifiers.alt) {
            let events = ctx.input(|i| ui::ink::read_pointer(i, canvas, zoom, area, pen_on));
            self.push_ink(ctx, super::ink::Source::Audience, &events);
        }
    }

    /// The frame-time readout, while the talk has it up.
    fn paint_stats(
        &mut self,
        ctx: &egui::Context,
        painter: &egui::Painter,
        area: Rect,
        frame: &eframe::Frame,
        now: f64,
    ) {
        if !self.talk.stats_shown() {
            self.stats = None;
            return;
        }
        let stats = self.stats.get_or_insert_with(FrameStats::default);
        if let Some(cpu) = frame.info().cpu_usage {
            stats.record(now, cpu);
        }
        ui::paint_stats(painter, area, &stats.readout(now));
        // Keep measuring while the readout is up, so it shows the display's rate.
        ctx.request_repaint();
    }

    /// The slides: overview grid, a transition or morph in flight, or the current slide.
    fn paint_slides(&mut self, ctx: &egui::Context, painter: &egui::Painter, area: Rect, now: f64) {
        let position = self.talk.position();
        let frame = self.fragment_frame(now);
        if let Some(ov) = self.talk.show().overview(now) {
            self.paint_overview(ctx, painter, area, now, ov);
            return;
        }
        if let Some(mv) = self.talk.show().slide_move(now).cloned() {
            self.ensure_scene(ctx, mv.from, area);
            self.ensure_scene(ctx, mv.to, area);
            let secs = (now - mv.started_secs) as f32;
            let old_frame = FragmentFrame::still(mv.from_shown);
            if matches!(mv.change, Change::Morph(_)) {
                self.scenes.pair(mv.from, mv.to);
            }
            if let (Some(old), Some(new)) = (self.scenes.get(mv.from), self.scenes.get(mv.to)) {
                match &mv.change {
                    Change::Morph(timing) => {
                        if let Some(pairing) = self.scenes.pairing(mv.from, mv.to) {
                            ui::paint_morph(
                                painter,
                                area,
                                (old, old_frame),
                                (new, frame),
                                pairing,
                                timing,
                                secs,
                                &self.images,
                            );
                        }
                    }
                    change => {
                        // What a turning or sliding background uncovers is the viewport's
                        // own background, the theme's, as in reveal.js.
                        painter.rect_filled(area, 0.0, self.theme.background);
                        ui::paint_transition(
                            painter,
                            area,
                            (old, old_frame),
                            (new, frame),
                            change,
                            secs,
                            &self.images,
                        );
                    }
                }
                self.animate(ctx);
                return;
            }
        }
        self.ensure_scene(ctx, position.slide, area);
        let mut clicked_link = None;
        if let Some(scene) = self.scenes.get(position.slide) {
            let canvas = ui::canvas_rect(area, scene.size);
            let zoom = ui::ink::zoom_transform(canvas, self.talk.ink().zoom_view(now));
            if zoom == egui::emath::TSTransform::IDENTITY {
                ui::paint_scene(painter, area, scene, frame, &self.images);
            } else {
                ui::paint_scene_through(painter, area, scene, frame, &self.images, zoom);
            }
            // A drag that draws, or Alt (zoom), is not a click on a link.
            let inking = self.talk.ink().pen().is_some() || ctx.input(|i| i.modifiers.alt);
            if let Some(p) = ctx.input(|i| i.pointer.hover_pos())
                && !inking
                && let Some(href) = ui::link_at(scene, position.shown, canvas, zoom.inverse() * p)
            {
                ctx.set_cursor_icon(egui::CursorIcon::PointingHand);
                if ctx.input(|i| i.pointer.primary_clicked()) {
                    clicked_link = Some(href);
                }
            } else if let Some(p) = ctx.input(|i| i.pointer.hover_pos())
                && !inking
                && let Some(src) = ui::video_at(scene, position.shown, canvas, zoom.inverse() * p)
            {
                // A click on a video plays or pauses it, as its controls would in a browser.
                ctx.set_cursor_icon(egui::CursorIcon::PointingHand);
                if ctx.input(|i| i.pointer.primary_clicked()) {
                    self.toggle_video(position.slide, src);
                }
            }
        }
        if let Some(href) = clicked_link {
            self.push(ctx, AppCommand::FollowLink(href));
        }
        if frame.moving.is_some() {
            self.animate(ctx);
        } else {
            self.lay_out_ahead(ctx, position.slide, area);
        }
    }

    /// Lays slides out while nothing moves, so a transition's first frame only interpolates
    /// (layout of a code slide, and the glyphs it rasterises, is the slowest thing a frame
    /// can do): the neighbours at once, then those within [`AHEAD`] slides, nearest first, a
    /// few milliseconds a frame, so their glyphs are in the atlas (and the atlas has grown)
    /// before the talk reaches them. Not past half the atlas: egui rebuilds a full one, which
    /// forgets every slide, and laying out ahead again would fill it again.
    fn lay_out_ahead(&mut self, ctx: &egui::Context, slide: usize, area: Rect) {
        let started = Instant::now();
        let n = self.deck.slides.len();
        let missing: Vec<usize> = self.scenes.missing_near(slide, n, AHEAD).collect();
        for i in missing {
            if i.abs_diff(slide) > 1 {
                if ctx.fonts(|f| f.font_atlas_fill_ratio()) > AHEAD_ATLAS_FILL {
                    return;
                }
                if started.elapsed() > LAY_OUT_AHEAD_BUDGET {
                    ctx.request_repaint();
                    return;
                }
            }
            self.ensure_scene(ctx, i, area);
        }
    }

    /// Whether slides near the current one remain to be laid out ahead (`rostra bench` waits
    /// for them).
    pub fn laying_out_ahead(&self) -> bool {
        let slide = self.talk.position().slide;
        self.atlas_fill <= AHEAD_ATLAS_FILL
            && self
                .scenes
                .missing_near(slide, self.deck.slides.len(), AHEAD)
                .next()
                .is_some()
    }

    /// The overview grid, zooming out or back in; a click on a cell goes to that slide.
    fn paint_overview(
        &mut self,
        ctx: &egui::Context,
        painter: &egui::Painter,
        area: Rect,
        now: f64,
        ov: Overview,
    ) {
        let current = self.talk.position().slide;
        self.ensure_scene(ctx, current, area);
        let Some((size, scale)) = self.scenes.get(current).map(|s| (s.size, s.scale)) else {
            return;
        };
        let t = ((now - ov.since_secs) as f32 / OVERVIEW_SECS).clamp(0.0, 1.0);
        let zoom = if ov.open {
            crate::motion::ease(t)
        } else {
            1.0 - crate::motion::ease(t)
        };
        if t < 1.0 {
            self.animate(ctx);
        }
        painter.rect_filled(area, 0.0, self.theme.background);
        let grid = self.talk.show().grid();
        let cells = overview::cells(area, size, 70.0 * scale, &grid, current, zoom);
        let pointer = ctx.input(|i| i.pointer.hover_pos());
        let hovered = pointer.and_then(|p| overview::hit(&cells, p));
        for cell in cells.iter().filter(|c| c.rect.intersects(area)) {
            self.ensure_scene(ctx, cell.index, area);
            let Some(scene) = self.scenes.get(cell.index) else {
                continue;
            };
            let outline = if cell.index == current {
                overview::Outline::Current
            } else if Some(cell.index) == hovered {
                overview::Outline::Hovered
            } else {
                overview::Outline::Plain
            };
            overview::paint_cell(painter, area, cell, scene, &self.images, outline);
        }
        if ov.open
            && let Some(i) = hovered
            && ctx.input(|inp| inp.pointer.primary_clicked())
        {
            self.push(ctx, Command::GoTo(i + 1));
        }
    }
}
