//! The eframe application, split by role: [`start`] (options, the CLI + settings merge),
//! `input` (keys → commands), `commands` (the one queue, drained once per frame, and what
//! follows a change), `draw` (the audience window's frame), `console` (the console window),
//! `scenes` (the layout cache), `session` (opening, reloading, remembering decks),
//! `windows` (the window and the monitors), [`images`] (the image loader thread).
//! The talk's state lives below, in [`crate::show::Talk`].

pub mod bench;
mod browser;
mod commands;
mod console;
pub use console::console_id;
pub mod dialog;
pub mod display;
mod draw;
pub mod images;
mod ink;
mod input;
pub mod keys;
pub mod recent;
mod remote;
mod scenes;
pub mod screens;
mod session;
pub mod start;
pub mod watch;
mod windows;

pub use crate::ui::Banner;
pub use commands::AppCommand;
pub use start::StartOptions;
pub use windows::run;

use crate::deck::Deck;
use crate::scene::Scene;
use crate::show::{Show, Talk};
use crate::stats::{FrameStats, startup};
use crate::theme::{Theme, ThemeName};
use eframe::egui::{self, Rect};
use egui_commonmark::CommonMarkCache;
use images::ImageLoader;
use scenes::Scenes;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// The running presentation.
pub struct RostraApp {
    deck: Deck,
    theme: Theme,
    talk: Talk,
    queue: Vec<AppCommand>,
    images: ImageLoader,
    scenes: Scenes,
    stats: Option<FrameStats>,
    jump: Option<input::JumpPrompt>,
    session: session::Session,
    monitors: windows::MonitorWatch,
    notes_cache: CommonMarkCache,
    /// The keys the console's hints name (the key map does not change while running).
    console_keys: crate::ui::console::KeyHints,
    /// The audience window's area, which scenes are laid out for (the console too).
    audience_area: Option<Rect>,
    /// A fixed wall-clock text (tests and snapshots), instead of the local time.
    fixed_clock: Option<String>,
    options: StartOptions,
    bench: Option<bench::BenchRun>,
    /// The pass whose input was last turned into commands.
    input_pass: Option<u64>,
    /// Web links handed to the system browser, in click order.
    opened_links: Vec<String>,
    /// Highlighting to do once the first frame is on screen.
    warm_up: Option<(Deck, Theme)>,
    /// The font atlas's fill last frame: when it drops, egui rebuilt the atlas (fonts added,
    /// or it filled up) and every cached galley points at glyphs that are gone.
    atlas_fill: f32,
    /// Without vsync (Wayland, see `windows::run`), how long an animation waits per frame.
    frame_interval: Option<std::time::Duration>,
    /// Where each window last said the mouse was on the slide, so only moves are sent.
    pointer_sent: ink::PointerSent,
    /// The phone remote, while it is on.
    remote: Option<remote::RemoteOn>,
    /// The slide the talk was on at the last video click, and the videos clicked there
    /// (each click flips whether it plays from what its `data-autoplay` says).
    video_clicks: (usize, HashSet<String>),
    /// The progress bar's length, gliding after each move (set on the first frame drawn).
    progress: Option<crate::ui::furniture::ProgressGlide>,
    /// The app itself as the windowed shell shares it, so the console can be a window of its
    /// own that repaints alone (its clock then costs no frame of the slides).
    shared: Option<std::sync::Weak<std::sync::Mutex<RostraApp>>>,
    /// The colour the shell clears the window just drawn to, its backdrop lifted off the
    /// shapes (see `ui::lift_backdrop`).
    backdrop: Option<egui::Color32>,
    /// The native shell's renderer, which has the flat pipelines (`ui::flat::install`);
    /// `None` in tests, whose renderers paint egui's own fills and text.
    pub(super) gpu: Option<eframe::egui_wgpu::RenderState>,
}

impl RostraApp {
    /// An app showing `deck`, whose images are relative to `base_dir`.
    pub fn new(
        ctx: &egui::Context,
        deck: Deck,
        base_dir: PathBuf,
        options: &StartOptions,
    ) -> RostraApp {
        crate::theme::fonts::install(ctx);
        startup::mark("fonts handed to egui");
        let mut app = RostraApp {
            talk: Talk::new(&Deck::default(), options.talk_options()),
            queue: Vec::new(),
            pointer_sent: ink::PointerSent::default(),
            deck: Deck::default(),
            theme: Theme::black(),
            images: ImageLoader::new(base_dir.clone(), Some(ctx.clone())),
            scenes: Scenes::default(),
            stats: None,
            progress: None,
            jump: None,
            opened_links: Vec::new(),
            session: session::Session::new(options),
            monitors: windows::MonitorWatch::default(),
            notes_cache: CommonMarkCache::default(),
            console_keys: console::key_hints(&options.keymap),
            audience_area: None,
            fixed_clock: None,
            options: options.clone(),
            warm_up: None,
            input_pass: None,
            atlas_fill: 0.0,
            frame_interval: windows::frame_interval(),
            remote: None,
            video_clicks: (0, HashSet::new()),
            shared: None,
            backdrop: None,
            gpu: None,
            bench: options.bench.clone().map(|sink| {
                let mut run = bench::BenchRun::new(
                    sink,
                    options
                        .process_start
                        .unwrap_or_else(std::time::Instant::now),
                );
                run.fast = options.bench_fast;
                if let Some(plan) = options.bench_soak.clone() {
                    run.start_soak(plan);
                }
                run
            }),
        };
        app.install_deck(ctx, deck, base_dir, options.deck_path.clone(), None);
        if options.remote.is_some() {
            app.start_remote_from_command_line(ctx);
        }
        startup::mark("app ready");
        app
    }

    /// Replaces everything that depends on the deck. `position` keeps the speaker's place
    /// (a reload); otherwise a remembered deck reopens where it was left.
    fn install_deck(
        &mut self,
        ctx: &egui::Context,
        deck: Deck,
        base_dir: PathBuf,
        path: Option<PathBuf>,
        position: Option<crate::show::Position>,
    ) {
        let name = self
            .options
            .theme
            .clone()
            .unwrap_or_else(|| deck.meta.theme.clone());
        let (theme, how) = Theme::lookup(&name);
        self.theme = theme.with_code_style(deck.meta.highlight_theme.as_deref());
        // The deck's own unknown name is already among its diagnostics (an error of `check`);
        // a CSS file, or a name given on the command line or in the settings, is not.
        let theme_warning = (how == ThemeName::CssFile
            || (how == ThemeName::Unknown && self.options.theme.is_some()))
        .then(|| Theme::name_warning(&name))
        .flatten();
        if self.images.base() != base_dir.as_path() {
            self.images = ImageLoader::new(base_dir, Some(ctx.clone()));
        }
        // Highlighting takes milliseconds per block: do it before the slides are reached, but
        // after the first frame, which it would otherwise slow on a two-core laptop.
        self.warm_up = Some((deck.clone(), self.theme.clone()));
        let remembered = match (&position, &path) {
            (None, Some(p)) if !std::mem::take(&mut self.session.from_start) => {
                self.session.recent.position_of(p)
            }
            _ => None,
        };
        // Not commands: a new deck is not a move of the talk (no clock start, no recent-list
        // save), so the engine is set up directly, as at start.
        self.talk.set_deck(&deck);
        if let Some(p) = position {
            self.talk.jump(p.slide, p.shown);
        } else if let Some((slide, shown)) = remembered {
            self.talk.jump(slide, shown);
        }
        self.session.resumed = match remembered {
            Some((slide, shown)) if slide > 0 || shown > 0 => Some(format!(
                "Resumed at {} / {} where this deck was left — Home for the start",
                self.talk.position().slide + 1,
                deck.slides.len()
            )),
            _ => None,
        };
        self.session
            .deck_installed(&deck, path.as_deref(), position.is_some(), theme_warning);
        self.deck = deck;
        self.remote_deck_changed();
        self.scenes.clear();
        self.sync_images();
        // Every remote image, not only the near slides': the talk may go offline later.
        let remote: Vec<String> = self
            .deck
            .slides
            .iter()
            .flat_map(|s| s.image_sources())
            .map(str::to_string)
            .collect();
        if crate::media::video::ffmpeg().is_none()
            && self.deck.slides.iter().any(|s| !s.videos().is_empty())
        {
            log::warn!(
                "this deck's videos will not play: {}",
                crate::media::video::MISSING
            );
        }
        self.images.prefetch(remote);
        if let Some(p) = path {
            self.start_watching(ctx, &p);
        }
        ctx.request_repaint();
    }

    /// Asks for the images of the slides near the current one (two back, three ahead) and
    /// lets the others go, so a deck of a hundred photographs holds only a handful.
    fn sync_images(&mut self) {
        let n = self.deck.slides.len();
        if n == 0 {
            return;
        }
        let cur = self.talk.position().slide.min(n - 1);
        let (lo, hi) = (cur.saturating_sub(2), (cur + 3).min(n - 1));
        let mut wanted: Vec<String> = Vec::new();
        for slide in &self.deck.slides[lo..=hi] {
            for src in slide.image_sources() {
                if !wanted.iter().any(|w| w == src) {
                    wanted.push(src.to_string());
                }
            }
        }
        // Current slide first, so it decodes first.
        let current = self.deck.slides[cur].image_sources();
        wanted.sort_by_key(|src| !current.contains(&src.as_str()));
        self.images.keep_only(wanted.iter().cloned().collect());
        for src in &wanted {
            self.images.request(src);
        }
    }

    /// Animations on the slide shown (both slides while one moves to the next) show their
    /// frame at `now`; the videos on the current slide that autoplay play, the others stop.
    fn move_media(&mut self, ctx: &egui::Context, now: f64) {
        let n = self.deck.slides.len();
        if n == 0 {
            return;
        }
        let cur = self.talk.position().slide.min(n - 1);
        let mut visible: HashSet<String> = HashSet::new();
        let mut slides = vec![cur];
        if let Some(mv) = self.talk.show().slide_move(now) {
            slides.push(mv.from);
        }
        for &i in &slides {
            if let Some(slide) = self.deck.slides.get(i) {
                visible.extend(slide.image_sources().into_iter().map(str::to_string));
            }
        }
        if self.video_clicks.0 != cur {
            // Clicks belong to the slide they were made on.
            self.video_clicks = (cur, HashSet::new());
        }
        let clicked = &self.video_clicks.1;
        let playing: HashMap<String, bool> = self.deck.slides[cur]
            .videos()
            .into_iter()
            .filter(|v| v.autoplay != clicked.contains(v.src))
            .map(|v| (v.src.to_string(), v.looped))
            .collect();
        if let Some(after) = self.images.tick(now, &visible, &playing) {
            ctx.request_repaint_after(after);
        }
    }

    /// A click on video `src` of slide `slide`: playing stops, stopped plays.
    pub(super) fn toggle_video(&mut self, slide: usize, src: String) {
        if self.video_clicks.0 != slide {
            self.video_clicks = (slide, HashSet::new());
        }
        if !self.video_clicks.1.remove(&src) {
            self.video_clicks.1.insert(src);
        }
    }

    // -- What tests and tools read --

    /// The deck on screen.
    pub fn deck(&self) -> &Deck {
        &self.deck
    }

    /// The banner across the top, if one is up.
    pub fn banner(&self) -> Option<&Banner> {
        self.session.banner.as_ref()
    }

    /// Where a remembered deck resumed, as the console says it, until the talk moves.
    pub fn resumed_notice(&self) -> Option<&str> {
        self.session.resumed.as_deref()
    }

    /// Whether the welcome screen is up.
    pub fn welcome_shown(&self) -> bool {
        self.session.welcome
    }

    /// The talk's whole state.
    pub fn talk(&self) -> &Talk {
        &self.talk
    }

    /// The web links clicked so far and handed to the system browser (or, with
    /// `no_browser`, only recorded).
    pub fn opened_links(&self) -> &[String] {
        &self.opened_links
    }

    /// The slides' navigation state.
    pub fn show(&self) -> &Show {
        self.talk.show()
    }

    /// The presenter console's timer.
    pub fn timer(&self) -> &crate::show::timer::Timer {
        self.talk.timer()
    }

    /// Whether the single window shows the console (one-screen mode).
    pub fn console_shown(&self) -> bool {
        self.talk.console_in_root()
    }

    /// Whether the QR code is on the audience screen.
    pub fn qr_shown(&self) -> bool {
        self.talk.qr_shown()
    }

    /// The attendance link in use.
    pub fn attendance(&self) -> Option<&crate::attendance::Attendance> {
        self.talk.attendance()
    }

    /// Whether images are still being decoded (tests wait for them before a snapshot).
    pub fn images_pending(&self) -> bool {
        self.images.pending()
    }

    /// Frames video `src` has decoded while playing (`None` while it is not playing).
    pub fn video_frames(&self, src: &str) -> Option<u64> {
        self.images.video_frames(src)
    }

    /// Whether image `src` is decoded and on the GPU.
    pub fn image_ready(&self, src: &str) -> bool {
        crate::ui::Textures::texture(&self.images, src).is_some()
    }

    /// The current slide's scene, once drawn.
    pub fn scene(&self) -> Option<&Scene> {
        self.scenes.get(self.talk.position().slide)
    }

    /// How many slide layouts the app has done (each slide once per window size).
    pub fn layouts_done(&self) -> usize {
        self.scenes.layouts()
    }

    /// Shows `text` as the wall clock instead of the local time (for snapshots).
    pub fn freeze_clock(&mut self, text: &str) {
        self.fixed_clock = Some(text.to_string());
    }

    /// Adds the time since `started` to `part` of the frame being made, for `rostra bench`.
    fn time_part(&mut self, part: bench::Part, started: std::time::Instant) {
        if let Some(run) = &mut self.bench {
            run.add_time(part, started.elapsed());
        }
    }

    /// Work that must not delay the first frame: code highlighting.
    fn start_background(&mut self) {
        if let Some((deck, theme)) = self.warm_up.take() {
            let _ = std::thread::Builder::new()
                .name("rostra-highlight".into())
                .spawn(crate::worker::caught(move || {
                    // It starts as the first frame goes out, while the software renderer
                    // still shades it: it must not take a core from that frame.
                    crate::worker::yield_to_ui();
                    // Only a warm-up: a failure is reported, and slides highlight as they come.
                    if let Err(e) = crate::worker::guard(|| crate::scene::warm_up(&deck, &theme)) {
                        crate::worker::report("rostra-highlight", &e);
                    }
                }));
        }
    }

    /// Ends a pass of a window the shell paints: its backdrop becomes the clear colour and
    /// its large fills go to the flat pipeline (both spare a software renderer most of a
    /// frame's shading; see `ui::lift_backdrop`, `ui::flat`).
    fn end_pass(&mut self, ui: &egui::Ui) {
        let ctx = ui.ctx();
        self.backdrop = crate::ui::lift_backdrop(ctx, ui.layer_id(), ctx.viewport_rect());
        if let Some(gpu) = &self.gpu {
            let layer = ui.layer_id();
            crate::ui::flat::hand_over_layer(ctx, layer);
            let wanted = crate::ui::flat::textures_of_layer(ctx, layer);
            let bound = crate::ui::flat::bind_textures(
                ctx,
                &gpu.device,
                &mut gpu.renderer.write(),
                &wanted,
            );
            crate::ui::flat::hand_over_meshes_layer(ctx, layer, &bound);
        }
    }

    /// While something moves, the pictures of the slides on screen (the only ones uploaded
    /// in such a frame); `None` while all stands still.
    fn pictures_in_motion(&self, now: f64) -> Option<std::collections::HashSet<String>> {
        let show = self.talk.show();
        if !show.moving(now) {
            return None;
        }
        let position = show.position().slide;
        let (from, to) = show
            .slide_move(now)
            .map_or((position, position), |m| (m.from, m.to));
        let srcs = [from, to, position]
            .iter()
            .filter_map(|&i| self.deck.slides.get(i))
            .flat_map(|slide| slide.image_sources())
            .map(str::to_string)
            .collect();
        Some(srcs)
    }

    /// `rostra bench`: one step whenever nothing moves; closes the window at the end.
    fn drive_bench(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        if self.bench.is_none() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let pending = self.images.pending() || self.laying_out_ahead();
        let Some(run) = &mut self.bench else { return };
        run.atlas = ctx.fonts(|f| f.font_image_size());
        run.layouts = self.scenes.layouts();
        run.frame(frame.info().cpu_usage, self.talk.position().slide);
        let step = run.next_command(self.talk.show(), now, pending);
        let done = run.is_done();
        if let Some(c) = step {
            self.push(ctx, c);
        }
        if done && let Some(run) = &mut self.bench {
            let atlas = ctx.fonts(|f| f.font_image_size());
            run.finish(self.images.appeared(), atlas);
            ctx.send_viewport_cmd_to(egui::ViewportId::ROOT, egui::ViewportCommand::Close);
        }
        ctx.request_repaint();
    }
}

impl eframe::App for RostraApp {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        let now = ctx.input(|i| i.time);
        let on_screen = self.pictures_in_motion(now);
        let arrived = self.images.poll(ctx, |src| {
            on_screen.as_ref().is_some_and(|s| !s.contains(src))
        });
        if !arrived.is_empty() {
            // Only the slides that show these images are laid out again, one at a time as
            // they are drawn, not every cached slide in the frame the image lands in.
            let deck = &self.deck;
            self.scenes.forget_where(|i| {
                deck.slides.get(i).is_some_and(|slide| {
                    slide
                        .image_sources()
                        .iter()
                        .any(|src| arrived.iter().any(|a| a == src))
                })
            });
            ctx.request_repaint();
        }
        if startup::enabled() && ctx.cumulative_frame_nr() > 0 {
            // The frame before this one has been presented.
            startup::mark("first frame on screen");
            if let Some(report) = startup::finish() {
                eprint!("rostra start-up:\n{report}");
            }
        }
        if ctx.cumulative_frame_nr() > 0 {
            self.start_background();
        }
        // The audience window's keys, applied this frame; the console window's arrive in
        // its own pass and are applied at the next. eframe also calls `logic` while the
        // window is hidden, with no new pass and last pass's events still in the input:
        // those were read already.
        let pass = ctx.cumulative_pass_nr();
        if self.input_pass != Some(pass) {
            self.input_pass = Some(pass);
            let events = ctx.input(|i| i.events.clone());
            self.handle_input(ctx, events);
            self.drive_bench(ctx, frame);
            if let Some(run) = &mut self.bench {
                // After the frame before was recorded: these go out with this one.
                run.uploads += arrived.len();
            }
        }
        self.watch_monitors(ctx, frame, now);
        self.poll_session(ctx, now);
        self.poll_remote(ctx);
        self.drain_commands(ctx, now);
        if let Some(run) = &mut self.bench {
            run.motion(self.talk.show().moving(now));
        }
        self.publish_remote(now);
        self.move_media(ctx, now);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
        if fill < self.atlas_fill {
            self.scenes.clear();
        }
        self.atlas_fill = fill;
        self.draw(ui, frame);
    }
}

/// The app as the native shell runs it: shared with the console's window, which eframe paints
/// on its own (a deferred viewport) so a tick of the console's clock repaints only the console.
pub struct SharedApp(std::sync::Arc<std::sync::Mutex<RostraApp>>);

impl SharedApp {
    /// Wraps `app`, which from now on hands its console a handle on itself.
    pub fn new(app: RostraApp) -> SharedApp {
        let shared = std::sync::Arc::new(std::sync::Mutex::new(app));
        lock(&shared).shared = Some(std::sync::Arc::downgrade(&shared));
        SharedApp(shared)
    }
}

/// The app, even after a panic in an earlier frame (its state is still the best there is).
fn lock(app: &std::sync::Mutex<RostraApp>) -> std::sync::MutexGuard<'_, RostraApp> {
    app.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl eframe::App for SharedApp {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        let started = std::time::Instant::now();
        let mut app = lock(&self.0);
        app.logic(ctx, frame);
        app.time_part(bench::Part::Logic, started);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let mut app = lock(&self.0);
        let started = std::time::Instant::now();
        app.ui(ui, frame);
        app.time_part(bench::Part::Draw, started);
        let started = std::time::Instant::now();
        app.end_pass(ui);
        app.time_part(bench::Part::HandOver, started);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        lock(&self.0).save(storage);
    }

    fn on_exit(&mut self) {
        lock(&self.0).on_exit();
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        lock(&self.0).auto_save_interval()
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        // eframe asks right after the pass of the window it is about to paint.
        let app = lock(&self.0);
        match app.backdrop {
            Some(c) => c.to_normalized_gamma_f32(),
            None => app.clear_color(visuals),
        }
    }

    fn persist_egui_memory(&self) -> bool {
        lock(&self.0).persist_egui_memory()
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        lock(&self.0).raw_input_hook(ctx, raw_input);
    }
}
