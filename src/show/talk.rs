//! The whole talk: the slides' navigation plus everything around them that a speaker
//! changes (timer, time on slide, QR flash, notes size, console window, full screen,
//! screens). Commands in, `Changed` out; time is passed in, never read. The app follows what
//! changed (images to prefetch, the recent list, window commands) from one place.

use super::Command;
use super::ink::{Ink, Pen};
use super::navigation::{Position, Show};
use super::timer::{self, Pace, Timer};
use crate::attendance::{self, Attendance, QrMatrix, Source};
use crate::deck::Deck;

/// What the talk starts with, resolved from the command line and the settings file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TalkOptions {
    /// A transition that overrides the deck's default (`--transition`).
    pub transition: Option<String>,
    /// The attendance link (`--attendance`), before front matter and the deck's own.
    pub attendance: Option<String>,
    /// Planned talk length in seconds (`--total-time`), before `revealOptions.totalTime`.
    pub total_time_secs: Option<f64>,
    /// Planned talk length from the settings file, for decks that give none.
    pub fallback_total_time_secs: Option<f64>,
    /// Start the timer only on T, not on the first advance.
    pub timer_starts_paused: bool,
    /// Start full screen.
    pub fullscreen: bool,
    /// Slides in an ordinary window, the console in a window of its own (screen sharing).
    pub screen_share: bool,
    /// The console wanted from the start.
    pub console: bool,
    /// The frame-time readout from the start (`--stats`).
    pub stats: bool,
}

/// What applying commands changed, for the app to follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// The slide or fragment step changed.
    pub position: bool,
    /// The slide changed (images near it are wanted).
    pub slide: bool,
    /// A command was applied, so either window may show something new: both redraw.
    pub screen: bool,
    /// Full screen was switched: the audience window follows `Talk::fullscreen`.
    pub fullscreen: bool,
    /// The screens were swapped: the windows move.
    pub screens: bool,
}

impl Changed {
    /// Adds what `other` changed.
    pub fn merge(&mut self, other: Changed) {
        self.position |= other.position;
        self.slide |= other.slide;
        self.screen |= other.screen;
        self.fullscreen |= other.fullscreen;
        self.screens |= other.screens;
    }
}

/// Where the presenter console shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ConsoleWindow {
    /// Wanted (closing its window turns this off; S turns it on).
    wanted: bool,
    /// One screen: the single window shows the console now.
    in_root: bool,
    /// Audience and console have a monitor each.
    split: bool,
}

/// The talk's whole state.
#[derive(Clone, Debug)]
pub struct Talk {
    show: Show,
    options: TalkOptions,
    timer: Timer,
    slide_since_secs: f64,
    plan: Option<Vec<f64>>,
    notes_scale: f32,
    qr_shown: bool,
    attendance: Option<Attendance>,
    qr: Option<QrMatrix>,
    links: Vec<(usize, String)>,
    console: ConsoleWindow,
    fullscreen: bool,
    stats: bool,
    swapped: bool,
    ink: Ink,
}

/// Smallest and largest notes scale.
const NOTES_SCALE: (f32, f32) = (0.5, 4.0);

impl Talk {
    /// A talk of `deck` at its first slide.
    pub fn new(deck: &Deck, options: TalkOptions) -> Talk {
        let mut talk = Talk {
            // `set_deck` below builds the real one.
            show: Show::from_stops(Vec::new()),
            timer: Timer::default(),
            slide_since_secs: 0.0,
            plan: None,
            notes_scale: 1.0,
            qr_shown: false,
            attendance: None,
            qr: None,
            links: Vec::new(),
            console: ConsoleWindow {
                wanted: options.console,
                in_root: false,
                split: false,
            },
            fullscreen: options.fullscreen,
            stats: options.stats,
            swapped: false,
            ink: Ink::default(),
            options,
        };
        talk.set_deck(deck);
        talk
    }

    /// Puts `deck` on (an opened or reloaded deck) at its first slide; the timer, the notes
    /// size, the screens and a picked attendance link carry over.
    pub fn set_deck(&mut self, deck: &Deck) {
        self.show = Show::with_transition(deck, self.options.transition.as_deref());
        // Strokes are the speaker's, not the deck's: a reload keeps those of slides still there.
        self.ink.keep_slides(deck.slides.len());
        self.links = attendance::deck_links(deck);
        let picked = self
            .attendance
            .clone()
            .filter(|a| a.source == Source::Picked);
        self.set_attendance(
            picked.or_else(|| attendance::find(deck, self.options.attendance.as_deref())),
        );
        let timings: Vec<Option<f64>> = deck.slides.iter().map(|s| s.timing_secs()).collect();
        let total = self
            .options
            .total_time_secs
            .or(deck.meta.total_time_secs.map(|t| t as f64))
            .or(self.options.fallback_total_time_secs);
        self.plan = timer::plan(&timings, total);
    }

    /// Moves to `slide` with `shown` steps (a reload keeping the place, a remembered deck).
    /// Not a talk move: the timer does not start.
    pub fn jump(&mut self, slide: usize, shown: usize) {
        self.show.jump(slide, shown);
    }

    fn set_attendance(&mut self, a: Option<Attendance>) {
        self.qr = a.as_ref().and_then(|a| QrMatrix::encode(&a.url).ok());
        if self.qr.is_none() {
            self.qr_shown = false;
        }
        self.attendance = a;
    }

    /// Applies `commands` in order at `now_secs`; what changed, merged.
    pub fn apply_all(
        &mut self,
        commands: impl IntoIterator<Item = Command>,
        now_secs: f64,
    ) -> Changed {
        let mut changed = Changed::default();
        for c in commands {
            changed.merge(self.apply(&c, now_secs));
        }
        changed
    }

    /// Applies one command at `now_secs`. The first move of the talk starts its clock
    /// (unless the settings keep it for T).
    pub fn apply(&mut self, command: &Command, now_secs: f64) -> Changed {
        let before = self.show.position();
        let mut changed = Changed {
            screen: true,
            ..Changed::default()
        };
        match command {
            // -- Timer --
            Command::ToggleTimer => self.timer.toggle(now_secs),
            Command::ResetTimer => self.timer.reset(),
            // -- Console --
            Command::NotesBigger => {
                self.notes_scale = (self.notes_scale * 1.15).min(NOTES_SCALE.1);
            }
            Command::NotesSmaller => {
                self.notes_scale = (self.notes_scale / 1.15).max(NOTES_SCALE.0);
            }
            Command::ToggleQr => self.qr_shown = !self.qr_shown && self.qr.is_some(),
            Command::PickAttendance(url) => self.set_attendance(Some(Attendance {
                url: url.clone(),
                source: Source::Picked,
            })),
            Command::ToggleConsole => {
                if self.console_separate() {
                    self.console.wanted = true;
                } else {
                    self.console.in_root = !self.console.in_root;
                }
            }
            Command::CloseConsole => self.console.wanted = false,
            // -- Screen --
            Command::ToggleFullscreen => {
                self.fullscreen = !self.fullscreen;
                changed.fullscreen = true;
            }
            Command::ToggleStats => self.stats = !self.stats,
            Command::SwapScreens => {
                self.swapped = !self.swapped;
                changed.screens = true;
            }
            Command::ScreensChanged { split } => {
                self.console.split = *split;
                if !split {
                    self.console.in_root = false;
                }
            }
            Command::Escape => return self.escape(now_secs),
            // -- Pointer, pen and zoom --
            Command::PointerAt(p) => self.ink.point_at(*p),
            Command::ToggleLaser => self.ink.toggle_laser(),
            Command::ToggleSpotlight => self.ink.toggle_spotlight(),
            Command::TogglePen => self.ink.toggle_pen(Pen::Pen),
            Command::ToggleHighlighter => self.ink.toggle_pen(Pen::Highlighter),
            Command::StrokeBegin(p) => {
                let at = self.show.position();
                self.ink.begin_stroke(at.slide, at.shown, *p);
            }
            Command::StrokeTo(p) => self.ink.extend_stroke(*p),
            Command::StrokeEnd => self.ink.end_stroke(),
            Command::ClearInk => {
                let at = self.show.position();
                self.ink.clear(at.slide, at.shown);
            }
            Command::ClearAllInk => self.ink.clear_all(),
            Command::ToggleZoom(p) => self.ink.toggle_zoom(*p, now_secs),
            // -- Navigation, and the slides' own overlays --
            c => self.show.apply(c, now_secs),
        }
        let after = self.show.position();
        if after != before {
            changed.position = true;
            if !self.options.timer_starts_paused {
                self.timer.start_if_new(now_secs);
            }
            if after.slide != before.slide {
                changed.slide = true;
                self.slide_since_secs = now_secs;
                // A zoom is onto one slide's detail; the next slide starts whole.
                self.ink.zoom_out(now_secs);
            }
            self.ink.end_stroke();
        }
        changed
    }

    /// Esc, in reveal.js's order and then ours: the topmost overlay, the QR code, full
    /// screen, else the overview.
    fn escape(&mut self, now_secs: f64) -> Changed {
        let command = if self.show.help_open() || self.show.is_black() || self.show.overview_open()
        {
            Command::Dismiss
        } else if self.ink.zoom_out(now_secs) {
            return Changed {
                screen: true,
                ..Changed::default()
            };
        } else if self.qr_shown {
            Command::ToggleQr
        } else if self.fullscreen {
            Command::ToggleFullscreen
        } else {
            Command::ToggleOverview
        };
        self.apply(&command, now_secs)
    }

    // -- What the windows read --

    /// The slides' navigation state.
    pub fn show(&self) -> &Show {
        &self.show
    }

    /// Where the talk is.
    pub fn position(&self) -> Position {
        self.show.position()
    }

    /// The talk's clock.
    pub fn timer(&self) -> &Timer {
        &self.timer
    }

    /// Seconds on the current slide at `now_secs`.
    pub fn on_slide_secs(&self, now_secs: f64) -> f64 {
        now_secs - self.slide_since_secs
    }

    /// Where the speaker stands against the plan at `now_secs`, when there is a plan.
    pub fn pace(&self, now_secs: f64) -> Option<Pace> {
        let elapsed = self.timer.elapsed(now_secs);
        self.plan
            .as_ref()
            .and_then(|p| timer::pace(p, self.position().slide, elapsed))
    }

    /// The speaker notes' scale (1 = the console's default size).
    pub fn notes_scale(&self) -> f32 {
        self.notes_scale
    }

    /// Whether the attendance QR code is on the audience screen.
    pub fn qr_shown(&self) -> bool {
        self.qr_shown
    }

    /// The attendance link in use, and its code when it could be encoded.
    pub fn attendance_qr(&self) -> Option<(&Attendance, Option<&QrMatrix>)> {
        self.attendance.as_ref().map(|a| (a, self.qr.as_ref()))
    }

    /// The attendance link in use.
    pub fn attendance(&self) -> Option<&Attendance> {
        self.attendance.as_ref()
    }

    /// The deck's web links (slide index, URL), for picking another attendance link.
    pub fn links(&self) -> &[(usize, String)] {
        &self.links
    }

    /// Whether the audience window should be full screen.
    pub fn fullscreen(&self) -> bool {
        self.fullscreen
    }

    /// Whether the frame-time readout is up.
    pub fn stats_shown(&self) -> bool {
        self.stats
    }

    /// The pointer, spotlight, strokes and zoom.
    pub fn ink(&self) -> &Ink {
        &self.ink
    }

    /// Whether the audience and console screens are swapped.
    pub fn screens_swapped(&self) -> bool {
        self.swapped
    }

    /// Whether the console has a window of its own (two monitors, or screen sharing).
    pub fn console_separate(&self) -> bool {
        self.console.split || self.options.screen_share
    }

    /// Whether the console shows in a window of its own now.
    pub fn console_window_open(&self) -> bool {
        self.console.wanted && self.console_separate()
    }

    /// Whether the single window shows the console now (one-screen mode).
    pub fn console_in_root(&self) -> bool {
        self.console.in_root && !self.console_separate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(md: &str) -> Deck {
        crate::deck::parse(md, &crate::deck::Options::default()).expect("parses")
    }

    fn talk(md: &str) -> Talk {
        Talk::new(
            &deck(md),
            TalkOptions {
                fullscreen: true,
                console: true,
                ..TalkOptions::default()
            },
        )
    }

    #[test]
    fn the_first_move_starts_the_clock_and_the_time_on_slide() {
        let mut t = talk("# A\n---\n# B\n---\n# C\n");
        assert!(!t.timer().is_started());
        let c = t.apply(&Command::ToggleHelp, 3.0);
        assert!(!c.position && !t.timer().is_started(), "help is not a move");
        t.apply(&Command::ToggleHelp, 3.5);
        let c = t.apply(&Command::Next, 4.0);
        assert!(c.position && c.slide);
        assert!(t.timer().is_running());
        assert_eq!(t.timer().elapsed(10.0), 6.0);
        assert_eq!(t.on_slide_secs(10.0), 6.0);
        t.apply(&Command::Next, 12.0);
        assert_eq!(t.on_slide_secs(13.0), 1.0);
        let c = t.apply(&Command::Next, 14.0);
        assert!(!c.position, "the end: nothing moved");
    }

    #[test]
    fn a_paused_start_waits_for_t() {
        let mut t = Talk::new(
            &deck("# A\n---\n# B\n"),
            TalkOptions {
                timer_starts_paused: true,
                ..TalkOptions::default()
            },
        );
        t.apply(&Command::Next, 1.0);
        assert!(!t.timer().is_started());
        t.apply(&Command::ToggleTimer, 2.0);
        assert!(t.timer().is_running());
        t.apply(&Command::ResetTimer, 3.0);
        assert!(!t.timer().is_started());
    }

    #[test]
    fn escape_closes_the_topmost_thing_first() {
        let mut t = talk("---\nattendance: https://example.org/here\n---\n# A\n---\n# B\n");
        t.apply(&Command::ToggleQr, 0.0);
        t.apply(&Command::ToggleHelp, 0.0);
        assert!(t.qr_shown() && t.show().help_open());
        t.apply(&Command::Escape, 0.0);
        assert!(!t.show().help_open() && t.qr_shown(), "help first");
        t.apply(&Command::Escape, 0.0);
        assert!(!t.qr_shown(), "then the QR code");
        assert!(t.fullscreen());
        let c = t.apply(&Command::Escape, 0.0);
        assert!(c.fullscreen && !t.fullscreen(), "then full screen");
        t.apply(&Command::Escape, 0.0);
        assert!(t.show().overview_open(), "then the overview, as reveal.js");
        t.apply(&Command::Escape, 1.0);
        assert!(!t.show().overview_open());
    }

    #[test]
    fn notes_scale_is_clamped() {
        let mut t = talk("# A\n");
        for _ in 0..40 {
            t.apply(&Command::NotesBigger, 0.0);
        }
        assert_eq!(t.notes_scale(), 4.0);
        for _ in 0..80 {
            t.apply(&Command::NotesSmaller, 0.0);
        }
        assert_eq!(t.notes_scale(), 0.5);
    }

    #[test]
    fn the_console_follows_the_screens() {
        let mut t = talk("# A\n");
        assert!(!t.console_separate() && !t.console_in_root());
        t.apply(&Command::ToggleConsole, 0.0);
        assert!(t.console_in_root(), "one screen: S switches the window");
        t.apply(&Command::ScreensChanged { split: true }, 0.0);
        assert!(t.console_window_open() && !t.console_in_root());
        t.apply(&Command::CloseConsole, 0.0);
        assert!(!t.console_window_open());
        t.apply(&Command::ToggleConsole, 0.0);
        assert!(t.console_window_open(), "S reopens it");
        let c = t.apply(&Command::SwapScreens, 0.0);
        assert!(c.screens && t.screens_swapped());
        t.apply(&Command::ScreensChanged { split: false }, 0.0);
        assert!(
            !t.console_in_root(),
            "the projector pulled: the slides show"
        );
    }

    #[test]
    fn strokes_follow_the_step_and_never_touch_the_deck() {
        let md = "# A\n\n- one <!-- .element: class=\"fragment\" -->\n---\n# B\n";
        let d = deck(md);
        let mut t = talk(md);
        t.apply(&Command::StrokeBegin([0.1, 0.1]), 0.0);
        assert_eq!(t.ink().stroke_count(), 0, "no pen: a drag draws nothing");
        t.apply(&Command::TogglePen, 0.0);
        t.apply(&Command::StrokeBegin([0.1, 0.1]), 0.0);
        t.apply(&Command::StrokeTo([0.3, 0.2]), 0.0);
        t.apply(&Command::StrokeEnd, 0.0);
        assert_eq!(t.ink().strokes(0, 0).len(), 1);
        t.apply(&Command::Next, 1.0);
        assert_eq!(t.position().shown, 1);
        assert!(
            t.ink().strokes(0, 1).is_empty(),
            "the next step has its own"
        );
        t.apply(&Command::Next, 2.0);
        t.apply(&Command::Prev, 3.0);
        t.apply(&Command::Prev, 4.0);
        assert_eq!(t.position().shown, 0);
        assert_eq!(
            t.ink().strokes(0, 0)[0].points.len(),
            2,
            "still there on return"
        );
        t.set_deck(&d);
        assert_eq!(t.ink().stroke_count(), 1, "a reload keeps them");
        t.apply(&Command::ClearInk, 5.0);
        assert_eq!(t.ink().stroke_count(), 0);
    }

    #[test]
    fn escape_and_a_new_slide_leave_a_zoom() {
        let mut t = talk("# A\n---\n# B\n");
        t.apply(&Command::ToggleZoom([0.2, 0.2]), 0.0);
        assert!(t.ink().zoomed_in());
        t.apply(&Command::Escape, 1.0);
        assert!(
            !t.ink().zoomed_in() && t.fullscreen(),
            "Esc leaves the zoom first"
        );
        t.apply(&Command::ToggleZoom([0.2, 0.2]), 2.0);
        t.apply(&Command::Next, 3.0);
        assert!(!t.ink().zoomed_in(), "the next slide starts whole");
    }

    #[test]
    fn a_picked_attendance_link_survives_a_reload() {
        let md = "# A\n\n[form](https://example.org/form)\n\n[other](https://example.org/b)\n";
        let mut t = talk(md);
        assert!(!t.qr_shown() && t.links().len() == 2);
        t.apply(
            &Command::PickAttendance("https://example.org/b".into()),
            0.0,
        );
        t.apply(&Command::ToggleQr, 0.0);
        assert!(t.qr_shown());
        t.set_deck(&deck(md));
        assert_eq!(
            t.attendance().map(|a| a.url.as_str()),
            Some("https://example.org/b")
        );
    }
}
