//! The eframe application: the audience window, keyboard input turned into show commands,
//! the image thread, fonts, and the scene cache (one layout per slide and window size).

pub mod images;
pub mod keys;

use crate::deck::Deck;
use crate::scene::{LayoutInput, Scene, layout};
use crate::show::{Command, Show};
use crate::theme::Theme;
use crate::ui::{self, FragmentFrame};
use eframe::egui::{self, Color32, Event, Key, Modifiers, Rect, Vec2, ViewportCommand};
use images::ImageLoader;
use keys::Action;
use std::path::PathBuf;

/// How the app was asked to start.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// An ordinary window instead of full screen (screen sharing, testing).
    pub windowed: bool,
    /// A theme name that overrides the deck's.
    pub theme: Option<String>,
}

/// The running presentation.
pub struct RostraApp {
    deck: Deck,
    theme: Theme,
    show: Show,
    images: ImageLoader,
    scene: Option<(usize, Vec2, u64, Scene)>,
    image_generation: u64,
    jump: Option<String>,
    fullscreen: bool,
    warnings: Vec<String>,
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
        let name = options
            .theme
            .clone()
            .unwrap_or_else(|| deck.meta.theme.clone());
        let (theme, _known) = Theme::named(&name);
        let mut images = ImageLoader::new(base_dir, Some(ctx.clone()));
        for slide in &deck.slides {
            for img in slide.images() {
                images.request(&img.src);
            }
            if let Some(bg) = slide.attributes.get("data-background-image") {
                images.request(bg);
            }
        }
        // Highlighting takes milliseconds per block: do it before the slides are reached.
        let (warm_deck, warm_theme) = (deck.clone(), theme.clone());
        let _ = std::thread::Builder::new()
            .name("rostra-highlight".into())
            .spawn(move || crate::scene::warm_up(&warm_deck, &warm_theme));
        let warnings = deck
            .diagnostics
            .iter()
            .map(|d| format!("line {}: {}", d.span.line, d.message))
            .collect();
        RostraApp {
            show: Show::new(&deck),
            deck,
            theme,
            images,
            scene: None,
            image_generation: 0,
            jump: None,
            fullscreen: !options.windowed,
            warnings,
        }
    }

    /// The show's state (for tests and the presenter console).
    pub fn show(&self) -> &Show {
        &self.show
    }

    /// Whether images are still being decoded (tests wait for them before a snapshot).
    pub fn images_pending(&self) -> bool {
        self.images.pending()
    }

    /// The scene last drawn, if any.
    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref().map(|(_, _, _, s)| s)
    }

    fn actions(&mut self, ctx: &egui::Context) -> (Vec<Action>, Vec<Command>) {
        let mut actions = Vec::new();
        let mut commands = Vec::new();
        let events = ctx.input(|i| i.events.clone());
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
                    match action_for(key, modifiers) {
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
                    }
                }
                _ => {}
            }
        }
        (actions, commands)
    }

    fn handle(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let (actions, mut commands) = self.actions(ctx);
        for a in actions {
            match a {
                Action::JumpPrompt => {}
                Action::Fullscreen => {
                    self.fullscreen = !self.fullscreen;
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.fullscreen));
                }
                Action::Escape => {
                    if self.show.help_open() || self.show.is_black() {
                        commands.push(Command::Dismiss);
                    } else if self.fullscreen {
                        self.fullscreen = false;
                        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
                    }
                }
                other => commands.extend(other.command()),
            }
        }
        for c in commands {
            self.show.apply(&c, now);
        }
        if self.show.fragment_move(now).is_some() {
            ctx.request_repaint();
        }
    }

    fn scene_for(&mut self, ctx: &egui::Context, area: Rect) -> Option<&Scene> {
        let index = self.show.position().slide;
        let size = area.size();
        let fresh = matches!(&self.scene, Some((i, s, g, _)) if *i == index && *s == size && *g == self.image_generation);
        if !fresh {
            let slide = self.deck.slides.get(index)?;
            let canvas = Vec2::new(self.deck.meta.width, self.deck.meta.height);
            // reveal.js: the canvas plus its margin is fitted to the window.
            let m = 1.0 + self.deck.meta.margin;
            let scale = (size.x / (canvas.x * m)).min(size.y / (canvas.y * m));
            let scale = if scale.is_finite() {
                scale.max(0.01)
            } else {
                1.0
            };
            let input = LayoutInput {
                slide,
                theme: &self.theme,
                canvas,
                scale,
                images: &self.images,
            };
            let scene = ctx.fonts_mut(|f| layout(&input, f));
            self.scene = Some((index, size, self.image_generation, scene));
        }
        self.scene.as_ref().map(|(_, _, _, s)| s)
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
        _ => return None,
    })
}

impl eframe::App for RostraApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if self.images.poll(ctx) {
            self.image_generation += 1;
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle(&ctx);
        let area = ui.max_rect();
        let now = ctx.input(|i| i.time);
        let letterbox = self.theme.background;
        let painter = ui.painter().clone();
        let frame = FragmentFrame {
            shown: self.show.position().shown,
            moving: self
                .show
                .fragment_move(now)
                .map(|m| (m, (now - m.started_secs) as f32)),
        };
        if self.deck.slides.is_empty() {
            painter.rect_filled(area, 0.0, letterbox);
            ui::paint_banner(
                &painter,
                area,
                "This deck has no slides.",
                Color32::from_rgb(0x80, 0x30, 0x30),
            );
            return;
        }
        if let Some(scene) = self.scene_for(&ctx, area) {
            let scene = scene.clone();
            ui::paint_scene(&painter, area, &scene, frame, &self.images, letterbox);
        }
        ui::paint_slide_number(&painter, area, &self.show.slide_number());
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
        if !self.warnings.is_empty()
            && self.show.position().slide == 0
            && self.show.position().shown == 0
            && !self.fullscreen
        {
            let text = format!(
                "{} warning(s) in this deck; first: {}",
                self.warnings.len(),
                self.warnings[0]
            );
            ui::paint_banner(&painter, area, &text, Color32::from_rgb(0x7a, 0x5a, 0x10));
        }
    }
}

/// Opens the audience window on `deck` and runs until it is closed.
pub fn run(deck: Deck, base_dir: PathBuf, options: StartOptions) -> Result<(), String> {
    let title = deck.meta.title.clone().unwrap_or_else(|| "rostra".into());
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(format!("{title} — rostra"))
        .with_inner_size([1280.0, 720.0]);
    if !options.windowed {
        viewport = viewport.with_fullscreen(true);
    }
    let native = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "rostra",
        native,
        Box::new(move |cc| {
            Ok(Box::new(RostraApp::new(
                &cc.egui_ctx,
                deck,
                base_dir,
                &options,
            )))
        }),
    )
    .map_err(|e| format!("cannot open a window: {e}"))
}
