//! The eframe application: the audience window, keyboard input turned into show commands,
//! the image thread, fonts, and the scene cache (one layout per slide and window size).

pub mod bench;
mod console;
pub use console::console_id;
pub mod images;
pub mod keys;
pub mod recent;
pub mod screens;
mod session;
pub use session::Banner;
pub mod watch;

use crate::deck::Deck;
use crate::motion::Change;
use crate::motion::morph::{Pairing, pair_items};
use crate::scene::{LayoutInput, Scene, layout};
use crate::show::{Command, OVERVIEW_SECS, Overview, Show};
use crate::stats::{FrameStats, startup};
use crate::theme::Theme;
use crate::ui::{self, FragmentFrame};
use eframe::egui::{self, Color32, Event, Key, Modifiers, Rect, Vec2, ViewportCommand};
use images::ImageLoader;
use keys::Action;
use std::collections::HashMap;
use std::path::PathBuf;

/// How the app was asked to start.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// An ordinary window instead of full screen (screen sharing, testing).
    pub windowed: bool,
    /// A theme name that overrides the deck's.
    pub theme: Option<String>,
    /// A transition that overrides the deck's default (`--transition`).
    pub transition: Option<String>,
    /// Show the frame-time readout from the start (`--stats`).
    pub stats: bool,
    /// The attendance link (`--attendance`), before front matter and the deck's own.
    pub attendance: Option<String>,
    /// Planned talk length in seconds (`--total-time`), before `revealOptions.totalTime`.
    pub total_time: Option<f64>,
    /// Planned talk length from the settings file, for decks that give none.
    pub fallback_total_time: Option<f64>,
    /// Which monitor (0-based) shows the audience view (`--audience-screen`).
    pub audience_screen: Option<usize>,
    /// Start with the presenter console closed.
    pub no_console: bool,
    /// The deck's file, when it came from one: watched for live reload, remembered as recent.
    pub deck_path: Option<PathBuf>,
    /// Show the welcome screen first (no deck was named).
    pub welcome: bool,
    /// Key bindings (defaults plus the settings file's).
    pub keymap: keys::KeyMap,
    /// Problems with the settings file, to show once.
    pub config_problems: Vec<String>,
    /// Start the timer only on T, not on the first advance.
    pub timer_starts_paused: bool,
    /// Separators given on the command line, for reloads.
    pub deck_options: crate::deck::Options,
    /// Where recent decks are remembered (none: not remembered).
    pub recent_file: Option<PathBuf>,
    /// Folder of bundled decks for the welcome screen.
    pub bundled_dir: Option<PathBuf>,
    /// `rostra bench`: drive the deck and report here.
    pub bench: Option<bench::BenchSink>,
    /// `rostra bench --fast`: a step every frame.
    pub bench_fast: bool,
    /// When `main` began (for time to first frame).
    pub process_start: Option<std::time::Instant>,
    /// Fall back to installed fonts for scripts the bundled fonts lack (added after the first
    /// frame). Off in tests, where the bundled fonts alone must do.
    pub system_fonts: bool,
}

/// Laid-out slides for one window size: each slide laid out once, reused by every frame,
/// transition, morph and overview cell until the size changes or one of its images arrives.
#[derive(Default)]
struct Scenes {
    size: Vec2,
    map: HashMap<usize, Scene>,
    /// Layouts run so far (tests check that frames reuse them).
    laid_out: usize,
}

impl Scenes {
    /// Lays slide `index` out if it is not yet.
    fn ensure(&mut self, ctx: &egui::Context, app: SceneInputs<'_>, index: usize, size: Vec2) {
        if self.size != size {
            self.map.clear();
            self.size = size;
        }
        if self.map.contains_key(&index) {
            return;
        }
        let Some(slide) = app.deck.slides.get(index) else {
            return;
        };
        let canvas = Vec2::new(app.deck.meta.width, app.deck.meta.height);
        // reveal.js: the canvas plus its margin is fitted to the window.
        let m = 1.0 + app.deck.meta.margin;
        let scale = (size.x / (canvas.x * m)).min(size.y / (canvas.y * m));
        let scale = if scale.is_finite() {
            scale.max(0.01)
        } else {
            1.0
        };
        let input = LayoutInput {
            slide,
            theme: app.theme,
            canvas,
            scale,
            images: app.images,
        };
        let scene = ctx.fonts_mut(|f| layout(&input, f));
        self.laid_out += 1;
        self.map.insert(index, scene);
    }
}

/// What laying out a slide needs from the app.
#[derive(Clone, Copy)]
struct SceneInputs<'a> {
    deck: &'a Deck,
    theme: &'a Theme,
    images: &'a ImageLoader,
}

/// The running presentation.
pub struct RostraApp {
    deck: Deck,
    theme: Theme,
    show: Show,
    images: ImageLoader,
    scenes: Scenes,
    pairing: Option<((usize, usize), Pairing)>,
    stats: Option<FrameStats>,
    jump: Option<String>,
    fullscreen: bool,
    console: console::ConsoleState,
    session: session::Session,
    options: StartOptions,
    bench: Option<bench::BenchRun>,
    /// Highlighting to do once the first frame is on screen.
    warm_up: Option<(Deck, Theme)>,
    /// The font atlas's fill last frame: when it drops, egui rebuilt the atlas (fonts added,
    /// or it filled up) and every cached galley points at glyphs that are gone.
    atlas_fill: f32,
}

impl RostraApp {
    /// An app showing `deck`, whose images are relative to `base_dir`.
    pub fn new(
        ctx: &egui::Context,
        deck: Deck,
        base_dir: PathBuf,
        options: &StartOptions,
    ) -> RostraApp {
        ctx.set_fonts(crate::theme::fonts::definitions());
        startup::mark("fonts handed to egui");
        let mut app = RostraApp {
            show: Show::new(&Deck::default()),
            deck: Deck::default(),
            theme: Theme::black(),
            images: ImageLoader::new(base_dir.clone(), Some(ctx.clone())),
            scenes: Scenes::default(),
            pairing: None,
            stats: options.stats.then(FrameStats::default),
            jump: None,
            fullscreen: !options.windowed && !options.welcome,
            console: console::ConsoleState::default(),
            session: session::Session::new(options),
            options: options.clone(),
            warm_up: None,
            atlas_fill: 0.0,
            bench: options.bench.clone().map(|sink| {
                let mut run = bench::BenchRun::new(
                    sink,
                    options
                        .process_start
                        .unwrap_or_else(std::time::Instant::now),
                );
                run.fast = options.bench_fast;
                run
            }),
        }
        .with_console(options);
        app.install_deck(ctx, deck, base_dir, options.deck_path.clone(), None);
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
        self.theme = Theme::named(&name).0;
        let same_base = self.images.base() == base_dir.as_path();
        if !same_base {
            self.images = ImageLoader::new(base_dir, Some(ctx.clone()));
        }
        // Highlighting takes milliseconds per block: do it before the slides are reached, but
        // after the first frame, which it would otherwise slow on a two-core laptop.
        self.warm_up = Some((deck.clone(), self.theme.clone()));
        let remembered = match (&position, &path) {
            (None, Some(p)) => self.session.recent.position_of(p),
            _ => None,
        };
        self.show = Show::with_transition(&deck, self.options.transition.as_deref());
        if let Some(p) = position {
            self.show.jump(p.slide, p.shown);
        } else if let Some((slide, shown)) = remembered {
            self.show.jump(slide, shown);
        }
        self.session
            .deck_installed(&deck, path.as_deref(), position.is_some());
        self.deck = deck;
        self.scenes = Scenes::default();
        self.pairing = None;
        self.sync_images();
        self.console_deck_changed();
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
        let cur = self.show.position().slide.min(n - 1);
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

    /// The deck on screen.
    pub fn deck(&self) -> &Deck {
        &self.deck
    }

    /// The banner across the top, if one is up.
    pub fn banner(&self) -> Option<&Banner> {
        self.session.banner.as_ref()
    }

    /// Whether the welcome screen is up.
    pub fn welcome_shown(&self) -> bool {
        self.session.welcome
    }

    /// The show's state (for tests and the presenter console).
    pub fn show(&self) -> &Show {
        &self.show
    }

    /// Whether images are still being decoded (tests wait for them before a snapshot).
    pub fn images_pending(&self) -> bool {
        self.images.pending()
    }

    /// How many slide layouts have run since the deck or the window size last changed.
    pub fn layouts(&self) -> usize {
        self.scenes.laid_out
    }

    /// The current slide's scene, once drawn.
    pub fn scene(&self) -> Option<&Scene> {
        self.scenes.map.get(&self.show.position().slide)
    }

    fn actions(&mut self, events: Vec<Event>) -> (Vec<Action>, Vec<Command>) {
        let mut actions = Vec::new();
        let mut commands = Vec::new();
        for ev in events {
            match ev {
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
                                    commands.push(Command::GoTo(n));
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
                    if modifiers.command && key == Key::O {
                        self.session.want_open = true;
                        continue;
                    }
                    if self.session.welcome {
                        // The welcome screen takes Enter, Space and arrows as "start".
                        if matches!(key, Key::Enter | Key::Space | Key::ArrowRight) {
                            self.session.welcome = false;
                        }
                        continue;
                    }
                    match self.options.keymap.action(key, modifiers) {
                        // Opened at once, so digits typed in the same frame land in it.
                        Some(Action::JumpPrompt) => self.jump = Some(String::new()),
                        Some(a) => actions.push(a),
                        None => {}
                    }
                }
                Event::Text(t) => {
                    if let Some(buf) = &mut self.jump {
                        buf.extend(t.chars().filter(char::is_ascii_digit));
                    } else if t == "?" {
                        actions.push(Action::Help);
                    } else if t == "+" || t == "=" {
                        actions.push(Action::NotesBigger);
                    } else if t == "-" {
                        actions.push(Action::NotesSmaller);
                    }
                }
                _ => {}
            }
        }
        (actions, commands)
    }

    /// Turns the key events of either window into show commands and app changes.
    fn handle(&mut self, ctx: &egui::Context, events: Vec<Event>) {
        let now = ctx.input(|i| i.time);
        let (actions, mut commands) = self.actions(events);
        for a in actions {
            if self.console_action(ctx, a, now) {
                continue;
            }
            match a {
                Action::JumpPrompt => {}
                Action::Fullscreen => {
                    self.fullscreen = !self.fullscreen;
                    ctx.send_viewport_cmd_to(
                        egui::ViewportId::ROOT,
                        ViewportCommand::Fullscreen(self.fullscreen),
                    );
                }
                Action::Escape => {
                    if self.dismiss_banner() {
                    } else if self.show.help_open()
                        || self.show.is_black()
                        || self.show.overview_open()
                    {
                        commands.push(Command::Dismiss);
                    } else if self.console.qr_shown {
                        self.console.qr_shown = false;
                    } else if self.fullscreen {
                        self.fullscreen = false;
                        ctx.send_viewport_cmd_to(
                            egui::ViewportId::ROOT,
                            ViewportCommand::Fullscreen(false),
                        );
                    } else {
                        // reveal.js: Esc opens the overview.
                        commands.push(Command::ToggleOverview);
                    }
                }
                Action::Stats => {
                    self.stats = match self.stats {
                        Some(_) => None,
                        None => Some(FrameStats::default()),
                    };
                }
                other => commands.extend(other.command()),
            }
        }
        self.apply_commands(ctx, commands, now);
    }

    /// Applies commands to the show; the first move of the talk starts its clock.
    fn apply_commands(&mut self, ctx: &egui::Context, commands: Vec<Command>, now: f64) {
        let before = self.show.position();
        for c in commands {
            self.show.apply(&c, now);
        }
        if self.show.position() != before {
            if !self.console.starts_paused {
                self.console.timer.start_if_new(now);
            }
            self.session.moved(self.show.position());
            if self.show.position().slide != before.slide {
                self.console.slide_since = now;
                self.sync_images();
            }
            // The other window must redraw too.
            ctx.request_repaint_of(egui::ViewportId::ROOT);
            ctx.request_repaint_of(console::console_id());
        }
        if self.show.fragment_move(now).is_some() {
            ctx.request_repaint();
        }
    }
}

/// The default key map.
pub fn action_for(key: Key, m: Modifiers) -> Option<Action> {
    if m.ctrl || m.command {
        return None;
    }
    Some(match key {
        Key::ArrowRight | Key::L => Action::Right,
        Key::ArrowLeft | Key::H => Action::Left,
        Key::ArrowDown | Key::J => Action::Down,
        Key::ArrowUp | Key::K => Action::Up,
        Key::Space if m.shift => Action::Prev,
        Key::Space | Key::N | Key::PageDown => Action::Next,
        Key::P | Key::PageUp => Action::Prev,
        Key::Home => Action::First,
        Key::End => Action::Last,
        Key::G => Action::JumpPrompt,
        Key::B | Key::Period => Action::Black,
        Key::F | Key::F5 => Action::Fullscreen,
        Key::F1 => Action::Help,
        Key::Escape => Action::Escape,
        Key::O => Action::Overview,
        Key::F9 => Action::Stats,
        Key::Q => Action::Qr,
        Key::S => Action::Console,
        Key::X => Action::SwapScreens,
        Key::T if m.shift => Action::TimerReset,
        Key::T => Action::Timer,
        _ => return None,
    })
}

impl eframe::App for RostraApp {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        let arrived = self.images.poll(ctx);
        if !arrived.is_empty() {
            // Only the slides that show these images are laid out again, one at a time as
            // they are drawn, not every cached slide in the frame the image lands in.
            let deck = &self.deck;
            self.scenes.map.retain(|&i, _| {
                deck.slides.get(i).is_none_or(|slide| {
                    !slide
                        .image_sources()
                        .iter()
                        .any(|src| arrived.iter().any(|a| a == src))
                })
            });
            self.pairing = None;
            ctx.request_repaint();
        }
        let now = ctx.input(|i| i.time);
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
        self.watch_monitors(ctx, frame, now);
        self.poll_session(ctx, now);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
        if fill < self.atlas_fill {
            self.scenes = Scenes::default();
            self.pairing = None;
        }
        self.atlas_fill = fill;
        let events = ctx.input(|i| i.events.clone());
        self.handle(&ctx, events);
        self.drive_bench(&ctx, frame);
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
        if self.console_in_root() {
            self.console_ui(ui, now);
            self.banner_ui(ui);
            return;
        }
        self.console.audience_area = Some(area);
        self.show_console_window(&ctx, now);
        let painter = ui.painter().clone();
        if self.deck.slides.is_empty() {
            painter.rect_filled(area, 0.0, self.theme.background);
            ui::paint_banner(
                &painter,
                area,
                "This deck has no slides.",
                Color32::from_rgb(0x80, 0x30, 0x30),
            );
            return;
        }
        self.paint_slides(&ctx, &painter, area, now);
        ui::paint_slide_number(&painter, area, &self.show.slide_number());
        if self.console.qr_shown
            && let Some((a, Some(qr))) = self.console.attendance_qr()
        {
            ui::console::paint_qr_screen(&painter, area, qr, &a.url);
        }
        if self.show.is_black() {
            ui::paint_black(&painter, area);
        }
        if let Some(buf) = &self.jump {
            ui::paint_banner(
                &painter,
                area,
                &format!("Go to slide: {buf}_"),
                Color32::from_rgb(0x20, 0x50, 0x80),
            );
        }
        if self.show.help_open() {
            ui::paint_help(&painter, area, &keys::shortcuts());
        }
        if !self.console.separate_window_now() || self.session.banner_is_error() {
            self.banner_ui(ui);
        }
        if startup::enabled() {
            startup::mark("first frame built");
            ctx.request_repaint();
        }
        if let Some(stats) = &mut self.stats {
            if let Some(cpu) = frame.info().cpu_usage {
                stats.record(now, cpu);
            }
            ui::paint_stats(&painter, area, &stats.readout(now));
            // Keep measuring while the readout is up, so it shows the display's rate.
            ctx.request_repaint();
        }
    }
}

impl RostraApp {
    /// Work that must not delay the first frame: code highlighting.
    fn start_background(&mut self) {
        if let Some((deck, theme)) = self.warm_up.take() {
            let _ = std::thread::Builder::new()
                .name("rostra-highlight".into())
                .spawn(move || crate::scene::warm_up(&deck, &theme));
        }
    }

    /// `rostra bench`: one step whenever nothing moves; closes the window at the end.
    fn drive_bench(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        let Some(run) = &mut self.bench else { return };
        let now = ctx.input(|i| i.time);
        run.frame(frame.info().cpu_usage, self.show.position().slide);
        if let Some(c) = run.next_step(&self.show, now, self.images.pending()) {
            self.apply_commands(ctx, vec![c], now);
        }
        if let Some(run) = &mut self.bench
            && run.is_done()
        {
            let atlas = ctx.fonts(|f| f.font_image_size());
            run.finish(self.images.appeared(), atlas);
            ctx.send_viewport_cmd_to(egui::ViewportId::ROOT, ViewportCommand::Close);
        }
        ctx.request_repaint();
    }

    /// Lays slide `index` out for `area`, once.
    fn ensure_scene(&mut self, ctx: &egui::Context, index: usize, area: Rect) {
        let inputs = SceneInputs {
            deck: &self.deck,
            theme: &self.theme,
            images: &self.images,
        };
        self.scenes.ensure(ctx, inputs, index, area.size());
    }

    /// The current slide's fragment state at `now`, a step in flight included.
    fn fragment_frame(&self, now: f64) -> FragmentFrame {
        FragmentFrame {
            shown: self.show.position().shown,
            moving: self
                .show
                .fragment_move(now)
                .map(|m| (m, (now - m.started_secs) as f32)),
        }
    }

    /// The slides: overview grid, a transition or morph in flight, or the current slide.
    fn paint_slides(&mut self, ctx: &egui::Context, painter: &egui::Painter, area: Rect, now: f64) {
        let position = self.show.position();
        let frame = self.fragment_frame(now);
        if let Some(ov) = self.show.overview(now) {
            self.paint_overview(ctx, painter, area, now, ov);
            return;
        }
        if let Some(mv) = self.show.slide_move(now).cloned() {
            self.ensure_scene(ctx, mv.from, area);
            self.ensure_scene(ctx, mv.to, area);
            let secs = (now - mv.started_secs) as f32;
            let old_frame = FragmentFrame::still(mv.from_shown);
            if let (Some(old), Some(new)) =
                (self.scenes.map.get(&mv.from), self.scenes.map.get(&mv.to))
            {
                match &mv.change {
                    Change::Morph(timing) => {
                        let key = (mv.from, mv.to);
                        if self.pairing.as_ref().is_none_or(|(k, _)| *k != key) {
                            self.pairing = Some((key, pair_items(old, new)));
                        }
                        if let Some((_, pairing)) = &self.pairing {
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
                    change => ui::paint_transition(
                        painter,
                        area,
                        (old, old_frame),
                        (new, frame),
                        change,
                        secs,
                        &self.images,
                    ),
                }
                ctx.request_repaint();
                return;
            }
        }
        self.ensure_scene(ctx, position.slide, area);
        if let Some(scene) = self.scenes.map.get(&position.slide) {
            ui::paint_scene(painter, area, scene, frame, &self.images);
        }
        if frame.moving.is_some() {
            ctx.request_repaint();
        } else {
            // Lay the neighbours out now, while nothing moves, so a transition's first frame
            // only interpolates (layout of a code slide is the slowest thing a frame can do).
            let n = self.deck.slides.len();
            for i in [position.slide + 1, position.slide.wrapping_sub(1)] {
                if i < n {
                    self.ensure_scene(ctx, i, area);
                }
            }
        }
    }

    fn paint_overview(
        &mut self,
        ctx: &egui::Context,
        painter: &egui::Painter,
        area: Rect,
        now: f64,
        ov: Overview,
    ) {
        let current = self.show.position().slide;
        self.ensure_scene(ctx, current, area);
        let Some((size, scale)) = self.scenes.map.get(&current).map(|s| (s.size, s.scale)) else {
            return;
        };
        let t = ((now - ov.since_secs) as f32 / OVERVIEW_SECS).clamp(0.0, 1.0);
        let zoom = if ov.open {
            crate::motion::ease(t)
        } else {
            1.0 - crate::motion::ease(t)
        };
        if t < 1.0 {
            ctx.request_repaint();
        }
        painter.rect_filled(area, 0.0, self.theme.background);
        let cells = ui::overview::cells(area, size, 70.0 * scale, &self.show.grid(), current, zoom);
        let pointer = ctx.input(|i| i.pointer.hover_pos());
        let hovered = pointer.and_then(|p| ui::overview::hit(&cells, p));
        for cell in cells.iter().filter(|c| c.rect.intersects(area)) {
            self.ensure_scene(ctx, cell.index, area);
            let Some(scene) = self.scenes.map.get(&cell.index) else {
                continue;
            };
            let placement = ui::Placement {
                transform: cell.transform,
                opacity: 1.0,
            };
            let canvas = ui::canvas_rect(area, scene.size);
            let clipped = painter.with_clip_rect(cell.rect.intersect(area));
            ui::paint_background(&clipped, area, canvas, scene, &self.images, placement);
            // reveal.js shows every fragment in the overview.
            ui::paint_items(
                &clipped,
                area,
                scene,
                FragmentFrame::still(usize::MAX),
                &self.images,
                placement,
            );
            let outline = if cell.index == current {
                Some(Color32::from_rgba_unmultiplied(150, 150, 150, 160))
            } else if Some(cell.index) == hovered {
                Some(Color32::from_rgba_unmultiplied(150, 150, 150, 90))
            } else {
                // Every cell gets a faint frame so slides on the page colour still read as cards.
                Some(Color32::from_rgba_unmultiplied(150, 150, 150, 30))
            };
            if let Some(c) = outline {
                let w = (10.0 * scale * cell.transform.scaling).max(2.0);
                painter.rect_stroke(
                    cell.rect.expand(w * 1.5),
                    2.0,
                    egui::Stroke::new(w, c),
                    egui::StrokeKind::Outside,
                );
            }
        }
        if ov.open
            && let Some(i) = hovered
            && ctx.input(|inp| inp.pointer.primary_clicked())
        {
            self.show.apply(&Command::GoTo(i + 1), now);
        }
    }
}

/// Opens the audience window on `deck` and runs until it is closed.
pub fn run(deck: Deck, base_dir: PathBuf, options: StartOptions) -> Result<(), String> {
    let title = deck.meta.title.clone().unwrap_or_else(|| "rostra".into());
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(format!("{title} — rostra"))
        .with_inner_size([1280.0, 720.0])
        .with_drag_and_drop(true);
    // The welcome screen is a window; F goes full screen once a deck is chosen.
    if !options.windowed && !options.welcome {
        viewport = viewport.with_fullscreen(true);
    }
    // Vulkan, Metal or DX12: probing OpenGL as well costs ~30 ms and ~10 MB at start on
    // Linux. WGPU_BACKEND=gl still selects OpenGL for machines that have nothing else.
    let mut setup = eframe::egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    if std::env::var_os("WGPU_BACKEND").is_none() {
        setup.instance_descriptor.backends = eframe::wgpu::Backends::PRIMARY;
    }
    let native = eframe::NativeOptions {
        viewport,
        wgpu_options: eframe::egui_wgpu::WgpuConfiguration {
            wgpu_setup: eframe::egui_wgpu::WgpuSetup::CreateNew(setup),
            ..Default::default()
        },
        // Installed fonts for scripts the bundled ones lack; eframe scans them on a thread.
        // (Added after the first frame instead, the atlas rebuild garbles a second viewport.)
        system_font_fallback: options.system_fonts,
        ..Default::default()
    };
    eframe::run_native(
        "rostra",
        native,
        Box::new(move |cc| {
            startup::mark("window and GPU ready");
            Ok(Box::new(RostraApp::new(
                &cc.egui_ctx,
                deck,
                base_dir,
                &options,
            )))
        }),
    )
    .map_err(|e| {
        format!(
            "cannot open a window: {e} (no Vulkan driver? try WGPU_BACKEND=gl, or install your \
             graphics card's Vulkan driver, e.g. mesa-vulkan-drivers)"
        )
    })
}
