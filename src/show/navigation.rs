//! Navigation: where the talk is (slide, fragment step), what is toggled on the audience
//! screen (black screen, help, overview), and what is moving. Reveal.js's rules for the
//! arrows, stacks and fragments live here; time is passed in, never read.

use super::Command;
use crate::deck::Deck;
use crate::motion::{Change, SlideMotion};

/// The commands that belong to the talk around the slides (`Talk` applies them), as one
/// pattern so every match over navigation lists them once.
macro_rules! talk_only {
    () => {
        Command::ToggleTimer
            | Command::ResetTimer
            | Command::NotesBigger
            | Command::NotesSmaller
            | Command::ToggleQr
            | Command::PickAttendance(_)
            | Command::ToggleConsole
            | Command::CloseConsole
            | Command::ToggleFullscreen
            | Command::ToggleStats
            | Command::SwapScreens
            | Command::ScreensChanged { .. }
            | Command::Escape
    };
}

/// One slide's place and size, as navigation needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    /// Horizontal index.
    pub h: usize,
    /// Vertical index.
    pub v: usize,
    /// Fragment steps.
    pub steps: usize,
}

impl Stop {
    /// The slide number reveal.js shows for it: `7`, or `7.2` inside a stack.
    pub fn number(&self) -> String {
        if self.v > 0 {
            format!("{}.{}", self.h + 1, self.v + 1)
        } else {
            format!("{}", self.h + 1)
        }
    }
}

/// Where the talk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Index into the deck's slides (reading order).
    pub slide: usize,
    /// Fragment steps shown (0 = none, `steps` = all).
    pub shown: usize,
}

/// A fragment step change on the current slide, animating since `started_secs`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FragmentMove {
    /// Steps shown before.
    pub from: usize,
    /// Steps shown after.
    pub to: usize,
    /// When it began, in the show's clock.
    pub started_secs: f64,
}

/// A slide change in flight: from which slide to which, what it plays, since when.
#[derive(Clone, Debug, PartialEq)]
pub struct SlideMove {
    /// The slide left.
    pub from: usize,
    /// The slide entered.
    pub to: usize,
    /// Fragment steps shown on the slide left, as it was when left.
    pub from_shown: usize,
    /// The transition or morph it plays.
    pub change: Change,
    /// When it began, in the show's clock.
    pub started_secs: f64,
}

/// The overview grid being open, and since when (for its zoom).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Overview {
    /// When it opened or closed, in the show's clock.
    pub since_secs: f64,
    /// Whether it is opening (true) or closing (false).
    pub open: bool,
}

/// Seconds the overview takes to zoom out or in.
pub const OVERVIEW_SECS: f32 = 0.35;

/// The show's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Show {
    stops: Vec<Stop>,
    motions: Vec<SlideMotion>,
    position: Position,
    black: bool,
    help: bool,
    fragment_move: Option<FragmentMove>,
    slide_move: Option<SlideMove>,
    overview: Option<Overview>,
    linear: bool,
}

impl Show {
    /// A show of `deck` at its first slide.
    pub fn new(deck: &Deck) -> Show {
        Show::with_transition(deck, None)
    }

    /// A show of `deck` with `transition` (`--transition`) in place of the deck's default.
    pub fn with_transition(deck: &Deck, transition: Option<&str>) -> Show {
        let stops: Vec<Stop> = deck
            .slides
            .iter()
            .map(|s| Stop {
                h: s.h,
                v: s.v,
                steps: s.fragment_steps,
            })
            .collect();
        let mut show = Show::from_stops(stops);
        show.motions = SlideMotion::for_deck(deck, transition);
        show
    }

    /// A show over bare stops (for tests and tools).
    pub fn from_stops(stops: Vec<Stop>) -> Show {
        // reveal.js: with only horizontal (or only vertical) slides, the arrows run linearly.
        let any_vertical = stops.iter().any(|s| s.v > 0);
        let all_vertical = stops.iter().all(|s| s.h == 0);
        Show {
            linear: !any_vertical || all_vertical,
            stops,
            motions: Vec::new(),
            position: Position { slide: 0, shown: 0 },
            black: false,
            help: false,
            fragment_move: None,
            slide_move: None,
            overview: None,
        }
    }

    /// Where the talk is.
    pub fn position(&self) -> Position {
        self.position
    }

    /// Number of slides.
    pub fn len(&self) -> usize {
        self.stops.len()
    }

    /// Whether the deck has no slides.
    pub fn is_empty(&self) -> bool {
        self.stops.is_empty()
    }

    /// The current slide's place.
    pub fn stop(&self) -> Option<Stop> {
        self.stops.get(self.position.slide).copied()
    }

    /// Whether the black screen is on.
    pub fn is_black(&self) -> bool {
        self.black
    }

    /// Whether the shortcut overlay is open.
    pub fn help_open(&self) -> bool {
        self.help
    }

    /// The fragment change in flight at `now_secs`, if any.
    pub fn fragment_move(&self, now_secs: f64) -> Option<FragmentMove> {
        self.fragment_move
            .filter(|m| now_secs - m.started_secs < f64::from(crate::motion::FRAGMENT_SECS))
    }

    /// The slide change in flight at `now_secs`, if any.
    pub fn slide_move(&self, now_secs: f64) -> Option<&SlideMove> {
        self.slide_move
            .as_ref()
            .filter(|m| now_secs - m.started_secs < f64::from(m.change.duration()))
    }

    /// Each slide's transition settings.
    pub fn motions(&self) -> &[SlideMotion] {
        &self.motions
    }

    /// Whether the overview grid is open (or opening).
    pub fn overview_open(&self) -> bool {
        self.overview.is_some_and(|o| o.open)
    }

    /// The overview's state, while it is open or still zooming back in at `now_secs`.
    pub fn overview(&self, now_secs: f64) -> Option<Overview> {
        self.overview
            .filter(|o| o.open || now_secs - o.since_secs < f64::from(OVERVIEW_SECS))
    }

    /// Slide indices laid out as reveal.js's overview shows them: one column per horizontal
    /// slide, its stack going down.
    pub fn grid(&self) -> Vec<(usize, usize, usize)> {
        self.stops
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.h, s.v))
            .collect()
    }

    /// Moves to `slide` with `shown` steps visible (clamped), as after a reload.
    pub fn jump(&mut self, slide: usize, shown: usize) {
        let slide = slide.min(self.stops.len().saturating_sub(1));
        let steps = self.stops.get(slide).map_or(0, |s| s.steps);
        self.position = Position {
            slide,
            shown: shown.min(steps),
        };
        self.fragment_move = None;
        self.slide_move = None;
    }

    fn index_of(&self, h: usize, v: usize) -> Option<usize> {
        self.stops.iter().position(|s| s.h == h && s.v == v)
    }

    fn go(&mut self, slide: usize, fully_revealed: bool) {
        let steps = self.stops.get(slide).map_or(0, |s| s.steps);
        self.position = Position {
            slide,
            shown: if fully_revealed { steps } else { 0 },
        };
        self.fragment_move = None;
    }

    fn step_fragment(&mut self, forward: bool, now_secs: f64) -> bool {
        let Some(stop) = self.stop() else {
            return false;
        };
        let from = self.position.shown;
        let to = if forward {
            if from >= stop.steps {
                return false;
            }
            from + 1
        } else {
            if from == 0 {
                return false;
            }
            from - 1
        };
        self.position.shown = to;
        self.fragment_move = Some(FragmentMove {
            from,
            to,
            started_secs: now_secs,
        });
        true
    }

    /// Applies a command at time `now_secs` (the show's clock, in seconds). A change that
    /// arrives while another is playing starts from where the first was going: nothing the
    /// speaker presses is lost.
    pub fn apply(&mut self, command: &Command, now_secs: f64) {
        if self.stops.is_empty() {
            return;
        }
        let before = self.position.slide;
        let before_shown = self.position.shown;
        if self.overview_open() {
            self.apply_in_overview(command, now_secs);
        } else {
            self.apply_navigation(command, now_secs);
        }
        let after = self.position.slide;
        if after != before {
            self.slide_move = if self.overview_open() {
                None
            } else {
                Change::between(&self.motions, before, after).map(|change| SlideMove {
                    from: before,
                    to: after,
                    from_shown: before_shown,
                    change,
                    started_secs: now_secs,
                })
            };
        } else if self
            .fragment_move
            .is_some_and(|m| m.started_secs == now_secs)
        {
            // A fragment step cuts a slide change short rather than waiting for it.
            self.slide_move = None;
        }
    }

    fn set_overview(&mut self, open: bool, now_secs: f64) {
        self.overview = Some(Overview {
            since_secs: now_secs,
            open,
        });
        self.slide_move = None;
        self.fragment_move = None;
    }

    /// Keys while the overview is open: arrows move between slides (not fragments), Enter,
    /// Space, O and Esc close it on the chosen slide.
    fn apply_in_overview(&mut self, command: &Command, now_secs: f64) {
        let Some(here) = self.stop() else { return };
        let target = match command {
            Command::Right => self.index_of(here.h + 1, 0),
            Command::Left => here.h.checked_sub(1).and_then(|h| self.index_of(h, 0)),
            Command::Down => self.index_of(here.h, here.v + 1),
            Command::Up => here.v.checked_sub(1).and_then(|v| self.index_of(here.h, v)),
            Command::Next => Some((self.position.slide + 1).min(self.stops.len() - 1)),
            Command::Prev => Some(self.position.slide.saturating_sub(1)),
            Command::First => Some(0),
            Command::Last => Some(self.stops.len() - 1),
            Command::GoTo(n) if *n >= 1 && *n <= self.stops.len() => {
                let i = n - 1;
                self.go(i, false);
                self.set_overview(false, now_secs);
                return;
            }
            Command::ToggleOverview | Command::Dismiss => {
                self.set_overview(false, now_secs);
                return;
            }
            Command::ToggleBlack => {
                self.black = !self.black;
                return;
            }
            Command::ToggleHelp => {
                self.help = !self.help;
                return;
            }
            Command::GoTo(_) => None,
            // The rest belongs to the talk around the slides.
            talk_only!() => None,
        };
        if let Some(i) = target {
            self.go(i, false);
        }
    }

    fn apply_navigation(&mut self, command: &Command, now_secs: f64) {
        let Some(here) = self.stop() else { return };
        let linear = self.linear;
        match command {
            Command::Next => {
                if !self.step_fragment(true, now_secs) {
                    if let Some(i) = self.index_of(here.h, here.v + 1) {
                        self.go(i, false);
                    } else if let Some(i) = self.index_of(here.h + 1, 0) {
                        self.go(i, false);
                    }
                }
            }
            Command::Prev => {
                if !self.step_fragment(false, now_secs) {
                    if here.v > 0 {
                        if let Some(i) = self.index_of(here.h, here.v - 1) {
                            self.go(i, true);
                        }
                    } else if here.h > 0 {
                        // The previous stack is entered at its bottom, fully revealed.
                        let last = self
                            .stops
                            .iter()
                            .enumerate()
                            .filter(|(_, s)| s.h == here.h - 1)
                            .map(|(i, _)| i)
                            .next_back();
                        if let Some(i) = last {
                            self.go(i, true);
                        }
                    }
                }
            }
            Command::Right | Command::Down if linear => {
                self.apply_navigation(&Command::Next, now_secs)
            }
            Command::Left | Command::Up if linear => {
                self.apply_navigation(&Command::Prev, now_secs)
            }
            Command::Right => {
                if !self.step_fragment(true, now_secs)
                    && let Some(i) = self.index_of(here.h + 1, 0)
                {
                    self.go(i, false);
                }
            }
            Command::Left => {
                if !self.step_fragment(false, now_secs)
                    && here.h > 0
                    && let Some(i) = self.index_of(here.h - 1, 0)
                {
                    self.go(i, true);
                }
            }
            Command::Down => {
                if !self.step_fragment(true, now_secs)
                    && let Some(i) = self.index_of(here.h, here.v + 1)
                {
                    self.go(i, false);
                }
            }
            Command::Up => {
                if !self.step_fragment(false, now_secs)
                    && here.v > 0
                    && let Some(i) = self.index_of(here.h, here.v - 1)
                {
                    self.go(i, true);
                }
            }
            Command::First => self.go(0, false),
            Command::Last => {
                let last_h = self.stops.iter().map(|s| s.h).max().unwrap_or(0);
                if let Some(i) = self.index_of(last_h, 0) {
                    self.go(i, false);
                }
            }
            Command::GoTo(n) => {
                if *n >= 1 && *n <= self.stops.len() {
                    self.go(n - 1, false);
                }
            }
            Command::ToggleBlack => self.black = !self.black,
            Command::ToggleHelp => self.help = !self.help,
            Command::ToggleOverview => self.set_overview(true, now_secs),
            Command::Dismiss => {
                self.help = false;
                self.black = false;
            }
            // The rest belongs to the talk around the slides.
            talk_only!() => {}
        }
    }

    /// The slide number reveal.js shows (`h.v` style: `7`, or `7.2` inside a stack).
    pub fn slide_number(&self) -> String {
        self.stop().map(|s| s.number()).unwrap_or_default()
    }

    /// Every slide's place, in reading order.
    pub fn stops(&self) -> &[Stop] {
        &self.stops
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stops(spec: &[(usize, usize, usize)]) -> Show {
        Show::from_stops(
            spec.iter()
                .map(|&(h, v, steps)| Stop { h, v, steps })
                .collect(),
        )
    }

    #[test]
    fn next_steps_fragments_then_slides() {
        let mut s = stops(&[(0, 0, 2), (1, 0, 0)]);
        s.apply(&Command::Next, 0.0);
        assert_eq!(s.position(), Position { slide: 0, shown: 1 });
        s.apply(&Command::Next, 0.0);
        s.apply(&Command::Next, 0.0);
        assert_eq!(s.position(), Position { slide: 1, shown: 0 });
        s.apply(&Command::Next, 0.0);
        assert_eq!(
            s.position(),
            Position { slide: 1, shown: 0 },
            "stays at the end"
        );
    }

    #[test]
    fn previous_from_first_fragment_shows_whole_previous_slide() {
        let mut s = stops(&[(0, 0, 3), (1, 0, 2)]);
        s.jump(1, 0);
        s.apply(&Command::Prev, 0.0);
        assert_eq!(s.position(), Position { slide: 0, shown: 3 });
    }

    #[test]
    fn stacks_go_down_and_right_skips_the_stack() {
        // (0,0) (1,0) (1,1) (2,0)
        let mut s = stops(&[(0, 0, 0), (1, 0, 0), (1, 1, 1), (2, 0, 0)]);
        s.apply(&Command::Right, 0.0);
        assert_eq!(s.stop().map(|x| (x.h, x.v)), Some((1, 0)));
        s.apply(&Command::Down, 0.0);
        assert_eq!(s.stop().map(|x| (x.h, x.v)), Some((1, 1)));
        assert_eq!(s.slide_number(), "2.2");
        s.apply(&Command::Right, 0.0);
        assert_eq!(s.position().shown, 1, "right steps a fragment first");
        s.apply(&Command::Right, 0.0);
        assert_eq!(s.stop().map(|x| (x.h, x.v)), Some((2, 0)));
        s.apply(&Command::Prev, 0.0);
        assert_eq!(
            s.stop().map(|x| (x.h, x.v)),
            Some((1, 1)),
            "prev enters the stack at its bottom"
        );
        s.apply(&Command::Up, 0.0);
        assert_eq!(
            s.stop().map(|x| (x.h, x.v)),
            Some((1, 1)),
            "up hides the fragment first"
        );
        assert_eq!(s.position().shown, 0);
        s.apply(&Command::Up, 0.0);
        assert_eq!(s.stop().map(|x| (x.h, x.v)), Some((1, 0)));
    }

    #[test]
    fn arrows_are_linear_without_stacks() {
        let mut s = stops(&[(0, 0, 0), (1, 0, 0)]);
        s.apply(&Command::Down, 0.0);
        assert_eq!(s.position().slide, 1);
        s.apply(&Command::Up, 0.0);
        assert_eq!(s.position().slide, 0);
    }

    #[test]
    fn home_end_goto_black_help() {
        let mut s = stops(&[(0, 0, 1), (1, 0, 0), (2, 0, 4)]);
        s.apply(&Command::Last, 0.0);
        assert_eq!(s.position(), Position { slide: 2, shown: 0 });
        s.apply(&Command::First, 0.0);
        assert_eq!(s.position().slide, 0);
        s.apply(&Command::GoTo(2), 0.0);
        assert_eq!(s.position().slide, 1);
        s.apply(&Command::GoTo(99), 0.0);
        assert_eq!(s.position().slide, 1, "out of range is ignored");
        s.apply(&Command::ToggleBlack, 0.0);
        s.apply(&Command::ToggleHelp, 0.0);
        assert!(s.is_black() && s.help_open());
        s.apply(&Command::Dismiss, 0.0);
        assert!(!s.is_black() && !s.help_open());
    }

    #[test]
    fn fragment_moves_expire_with_injected_time() {
        let mut s = stops(&[(0, 0, 2)]);
        s.apply(&Command::Next, 10.0);
        assert!(s.fragment_move(10.1).is_some());
        assert!(s.fragment_move(10.5).is_none());
        let empty = Show::from_stops(Vec::new());
        assert!(empty.is_empty());
    }
}
