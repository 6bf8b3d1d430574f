//! Everything around the slides: the welcome screen, opening decks (dialog, drag and drop,
//! recent list, bundled decks), live reload, the warnings banner and remembering where each
//! deck was left. Slow work (dialogs, reading decks, writing the recent list) runs on threads.

use super::commands::AppCommand;
use super::recent::RecentDecks;
use super::watch::{self, DeckWatcher, WatchEvent};
use super::{RostraApp, StartOptions};
use crate::deck::{self, Deck, Severity};
use crate::show::{Position, carry_position};
use crate::ui::banner::{Banner, show_banner};
use crate::ui::welcome::{WelcomeChoice, WelcomeView, show_welcome};
use eframe::egui::{self, Ui};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

/// A deck read on a thread, ready to install.
struct Loaded {
    path: PathBuf,
    result: Result<Deck, String>,
}

/// The session's state.
pub struct Session {
    /// Decks opened before, most recent first.
    pub recent: RecentDecks,
    recent_file: Option<PathBuf>,
    /// The deck file on screen.
    pub path: Option<PathBuf>,
    watcher: Option<DeckWatcher>,
    /// The banner, until dismissed.
    pub banner: Option<Banner>,
    /// The welcome screen is up.
    pub welcome: bool,
    /// Where a remembered deck reopened, for the console, until the talk moves.
    pub resumed: Option<String>,
    /// `--from-start`: the deck named at start ignores where it was left.
    pub from_start: bool,
    /// Whether an open dialog can be shown on this desktop.
    pub dialog: super::dialog::DialogSupport,
    dialog_open: bool,
    loads: (Sender<Loaded>, Receiver<Loaded>),
    bundled: Vec<(String, PathBuf)>,
    deck_options: deck::Options,
    unsaved_position: Option<(f64, Position)>,
    last_position: Position,
    /// Saves in order: each write carries a number, and an older one that finishes late is
    /// not written over a newer one.
    save_seq: u64,
    saved_seq: std::sync::Arc<std::sync::Mutex<u64>>,
}

/// How soon after a move the place is written to the recent list: a relaunch after a crash
/// returns to the slide and fragment shown this long before it.
const SAVE_WITHIN: f64 = 0.5;

/// The banner's title over background failures.
const FAULTS_TITLE: &str = "Something failed in the background; the talk goes on:";

/// What to do instead when the desktop has no file dialog.
const NO_DIALOG: &str = "No file dialog here (neither the desktop portal nor zenity is \
    installed): drop a .md file on this window, or name it when starting: rostra talk.md";

impl Session {
    /// A session for `options`.
    pub fn new(options: &StartOptions) -> Session {
        let recent = options
            .recent_file
            .as_deref()
            .map(RecentDecks::load)
            .unwrap_or_default();
        let mut banner = None;
        if !options.config_problems.is_empty() {
            banner = Some(Banner {
                title: "Settings file problems (defaults used):".into(),
                lines: options.config_problems.clone(),
                error: false,
            });
        }
        Session {
            recent,
            recent_file: options.recent_file.clone(),
            path: None,
            watcher: None,
            banner,
            welcome: options.welcome,
            resumed: None,
            from_start: options.from_start,
            dialog: options.dialog.unwrap_or_else(super::dialog::detect),
            dialog_open: false,
            loads: channel(),
            bundled: options
                .bundled_dir
                .as_deref()
                .map(bundled_decks)
                .unwrap_or_default(),
            deck_options: options.deck_options.clone(),
            unsaved_position: None,
            last_position: Position { slide: 0, shown: 0 },
            save_seq: 0,
            saved_seq: Default::default(),
        }
    }

    /// Whether the banner reports an error (shown everywhere, not only on the console).
    pub fn banner_is_error(&self) -> bool {
        self.banner.as_ref().is_some_and(|b| b.error)
    }

    /// Notes a newly installed deck: its warnings, and `theme_warning` (a theme rostra draws
    /// with another), become the banner (a reload replaces an error banner only when the new
    /// deck is fine).
    pub fn deck_installed(
        &mut self,
        deck: &Deck,
        path: Option<&Path>,
        reload: bool,
        theme_warning: Option<String>,
    ) {
        if path.is_some() {
            self.path = path.map(Path::to_path_buf);
        }
        let file = self
            .path
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "deck".into());
        // Missing image files too: the room sees only their alt text, so the speaker is told.
        let assets = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(|base| crate::deck::check_assets(deck, base))
            .unwrap_or_default();
        let mut lines: Vec<String> = deck
            .diagnostics
            .iter()
            .chain(&assets)
            .map(|d| format!("{file}:{}: {}", d.span.line, d.message))
            .collect();
        lines.extend(theme_warning.map(|w| format!("{file}: {w}")));
        let keep_config = self
            .banner
            .as_ref()
            .is_some_and(|b| b.title.starts_with("Settings") && !reload);
        if keep_config {
            return;
        }
        self.banner = (!lines.is_empty()).then(|| Banner {
            title: format!(
                "{} warning(s) in this deck (it opened anyway):",
                deck.diagnostics
                    .iter()
                    .chain(&assets)
                    .filter(|d| d.severity != Severity::Error)
                    .count()
                    .max(lines.len())
            ),
            lines,
            error: false,
        });
    }

    /// The talk moved: remember it (written within [`SAVE_WITHIN`], off the UI thread).
    pub fn moved(&mut self, p: Position) {
        self.last_position = p;
        self.resumed = None;
        if self.recent_file.is_some() && self.path.is_some() {
            // The clock runs from the first move not yet written, so paging steadily still
            // writes twice a second, and a crash loses at most that much.
            let since = self.unsaved_position.map_or(f64::NAN, |(t, _)| t);
            self.unsaved_position = Some((since, p));
        }
    }
}

/// Reads a deck for opening; a parser bug is this deck's error, not the end of the talk.
fn read_deck(path: &Path, options: &deck::Options) -> Result<Deck, String> {
    crate::worker::guard(|| deck::load(path, options).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| Err(format!("rostra failed on an internal error: {e}")))
}

/// The decks in `dir`'s subfolders (`decks/<name>/slides.md`), tour first.
pub fn bundled_decks(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path().join("slides.md");
            p.is_file()
                .then(|| (e.file_name().to_string_lossy().into_owned(), p))
        })
        .collect();
    out.sort_by_key(|(name, _)| (name != "tour", name.clone()));
    out
}

impl RostraApp {
    /// Watches `path` and the images the deck uses.
    pub(super) fn start_watching(&mut self, ctx: &egui::Context, path: &Path) {
        let images = self.image_paths();
        let wake = ctx.clone();
        match DeckWatcher::start(path, self.session.deck_options.clone(), images, move || {
            wake.request_repaint()
        }) {
            Ok(w) => self.session.watcher = Some(w),
            Err(e) => {
                log::warn!("{e}");
                self.session.watcher = None;
            }
        }
    }

    fn image_paths(&self) -> Vec<(String, PathBuf)> {
        let mut out = Vec::new();
        for slide in &self.deck.slides {
            for src in slide.image_sources() {
                if let Some(p) = self.images.path_of(src) {
                    out.push((src.to_string(), p));
                }
            }
        }
        out
    }

    /// Reads a deck on a thread; it is installed when it arrives.
    pub(super) fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        let tx = self.session.loads.0.clone();
        let options = self.session.deck_options.clone();
        let wake = ctx.clone();
        let _ = std::thread::Builder::new()
            .name("rostra-open".into())
            .spawn(crate::worker::caught(move || {
                let result = read_deck(&path, &options);
                let _ = tx.send(Loaded { path, result });
                wake.request_repaint();
            }));
    }

    /// The native file dialog, on its own thread so the window keeps drawing.
    pub(super) fn open_dialog(&mut self, ctx: &egui::Context) {
        if self.session.dialog_open {
            return;
        }
        if self.session.dialog == super::dialog::DialogSupport::Unavailable {
            self.session.banner = Some(Banner {
                title: "No file dialog on this desktop".into(),
                lines: vec![NO_DIALOG.into()],
                error: false,
            });
            return;
        }
        self.session.dialog_open = true;
        let tx = self.session.loads.0.clone();
        let options = self.session.deck_options.clone();
        let start = self
            .session
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let wake = ctx.clone();
        let _ = std::thread::Builder::new()
            .name("rostra-dialog".into())
            .spawn(crate::worker::caught(move || {
                let mut dialog = rfd::FileDialog::new()
                    .set_title("Open a deck")
                    .add_filter("Markdown deck", &["md", "markdown"]);
                if let Some(dir) = start {
                    dialog = dialog.set_directory(dir);
                }
                // A failing dialog is a cancelled one: the app must hear that it closed.
                let picked = crate::worker::guard(|| dialog.pick_file()).unwrap_or_else(|e| {
                    crate::worker::report("rostra-dialog", &e);
                    None
                });
                let msg = match picked {
                    Some(path) => {
                        let result = read_deck(&path, &options);
                        Loaded { path, result }
                    }
                    // Cancelled: an empty path tells the app the dialog closed.
                    None => Loaded {
                        path: PathBuf::new(),
                        result: Err(String::new()),
                    },
                };
                let _ = tx.send(msg);
                wake.request_repaint();
            }));
    }

    /// Dialog results, dropped files, reloads and the recent list, once per frame.
    pub(super) fn poll_session(&mut self, ctx: &egui::Context, now: f64) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.push(ctx, AppCommand::Open(path));
        }
        let loaded: Vec<Loaded> = self.session.loads.1.try_iter().collect();
        for l in loaded {
            if l.path.as_os_str().is_empty() {
                self.session.dialog_open = false;
                continue;
            }
            self.session.dialog_open = false;
            match l.result {
                Ok(d) if watch::broken(&d).is_none() => {
                    self.remember_now();
                    let base = l.path.parent().map(Path::to_path_buf).unwrap_or_default();
                    self.session.welcome = false;
                    self.install_deck(ctx, d, base, Some(l.path), None);
                }
                Ok(d) => self.error_banner(
                    &l.path,
                    watch::broken(&d).unwrap_or_default(),
                    "cannot open",
                ),
                Err(e) => self.error_banner(&l.path, e, "cannot open"),
            }
        }
        let events = self
            .session
            .watcher
            .as_ref()
            .map(DeckWatcher::poll)
            .unwrap_or_default();
        for ev in events {
            self.on_watch_event(ctx, ev);
        }
        // The recent list is written within SAVE_WITHIN of a move; the frame that writes it
        // is asked for, as nothing else may draw one while the speaker talks.
        match self.session.unsaved_position {
            Some((t, p)) if t.is_nan() => {
                self.session.unsaved_position = Some((now, p));
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(SAVE_WITHIN));
            }
            Some((t, _)) if now - t >= SAVE_WITHIN => self.remember_now(),
            Some((t, _)) => ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                (SAVE_WITHIN - (now - t)).clamp(0.01, SAVE_WITHIN),
            )),
            None => {}
        }
        self.show_faults();
    }

    /// Failures of background threads (caught, see [`crate::worker`]) join one banner.
    fn show_faults(&mut self) {
        let faults = crate::worker::take_faults();
        if faults.is_empty() {
            return;
        }
        match &mut self.session.banner {
            Some(b) if b.title == FAULTS_TITLE => b.lines.extend(faults),
            _ => {
                self.session.banner = Some(Banner {
                    title: FAULTS_TITLE.into(),
                    lines: faults,
                    error: false,
                })
            }
        }
    }

    fn error_banner(&mut self, path: &Path, reason: String, what: &str) {
        self.session.banner = Some(Banner {
            title: format!("{what} {}:", path.display()),
            lines: vec![reason],
            error: true,
        });
    }

    /// Writes where the current deck is to the recent list, on a thread.
    fn remember_now(&mut self) {
        self.session.unsaved_position = None;
        let (Some(path), Some(file)) =
            (self.session.path.clone(), self.session.recent_file.clone())
        else {
            return;
        };
        let p = self.session.last_position;
        self.session.recent.remember(&path, p.slide, p.shown);
        let list = self.session.recent.clone();
        self.session.save_seq += 1;
        let seq = self.session.save_seq;
        let saved = self.session.saved_seq.clone();
        let _ = std::thread::Builder::new()
            .name("rostra-recent".into())
            .spawn(crate::worker::caught(move || {
                let Ok(mut last) = saved.lock() else { return };
                if *last > seq {
                    return;
                }
                *last = seq;
                if let Err(e) = list.save(&file) {
                    log::warn!("cannot remember recent decks in {}: {e}", file.display());
                }
            }));
    }

    fn on_watch_event(&mut self, ctx: &egui::Context, ev: WatchEvent) {
        let path = self.session.path.clone().unwrap_or_default();
        match ev {
            WatchEvent::Deck(Ok(d)) => {
                if let Some(why) = watch::broken(&d) {
                    self.error_banner(
                        &path,
                        why,
                        "The saved deck is broken; still showing the last good version of",
                    );
                    return;
                }
                let at = carry_position(&self.deck, self.talk.position(), &d);
                let base = self.images.base().to_path_buf();
                // Changed images were forgotten by their own event; others stay decoded.
                self.install_deck_in_place(ctx, *d, base, at);
                log::info!("reloaded {}", path.display());
            }
            WatchEvent::Deck(Err(e)) => {
                self.error_banner(
                    &path,
                    e,
                    "Cannot read the saved deck; still showing the last good version of",
                );
            }
            WatchEvent::Deleted => {
                self.error_banner(
                    &path,
                    "the file was deleted or moved; the deck stays on screen and reloads if it comes back".into(),
                    "Deck file gone:",
                );
            }
            WatchEvent::Images(srcs) => {
                for s in &srcs {
                    self.images.forget(s);
                    self.images.request(s);
                }
                log::info!("reloading {} image(s)", srcs.len());
            }
        }
    }

    /// A reload: same folder, same watcher, the speaker's place carried over.
    fn install_deck_in_place(&mut self, ctx: &egui::Context, d: Deck, base: PathBuf, at: Position) {
        let watcher = self.session.watcher.take();
        self.install_deck(ctx, d, base, None, Some(at));
        self.session.watcher = watcher;
        let images = self.image_paths();
        if let Some(w) = &self.session.watcher {
            w.set_images(images);
        }
    }

    /// The banner, with a button to dismiss it.
    pub(super) fn banner_ui(&mut self, ui: &mut Ui) {
        if let Some(b) = &self.session.banner
            && show_banner(ui, b)
        {
            self.push(ui.ctx(), AppCommand::DismissBanner);
        }
    }

    /// The welcome screen: open a deck, the recent ones, the bundled ones.
    pub(super) fn welcome_ui(&mut self, ui: &mut Ui) {
        let view = WelcomeView {
            recent: self
                .session
                .recent
                .decks
                .iter()
                .map(|d| (d.path.as_path(), d.slide))
                .collect(),
            bundled: &self.session.bundled,
            open_key: self.options.keymap.first_label(super::keys::Action::Open),
            no_dialog: (self.session.dialog == super::dialog::DialogSupport::Unavailable)
                .then_some(NO_DIALOG),
        };
        let choice = show_welcome(ui, &view);
        let command = match choice {
            Some(WelcomeChoice::OpenDialog) => Some(AppCommand::OpenDialog),
            Some(WelcomeChoice::Open(p)) => Some(AppCommand::Open(p)),
            Some(WelcomeChoice::Start) => Some(AppCommand::CloseWelcome),
            None => None,
        };
        if let Some(c) = command {
            self.push(ui.ctx(), c);
        }
        self.banner_ui(ui);
    }
}
