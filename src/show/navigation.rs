//! Navigation: where the talk is (slide, fragment step), what is toggled on the audience
//! screen (black screen, help, overview), and what is moving. Reveal.js's rules for the
//! arrows, stacks and fragments live here; time is passed in, never read.

use super::Command;
use crate::deck::{Deck, SlideNumberFormat};
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
            | Command::PointerAt(_)
            | Command::ToggleLaser
            | Command::ToggleSpotlight
            | Command::TogglePen
            | Command::ToggleHighlighter
            | Command::StrokeBegin(_)
            | Command::StrokeTo(_)
            | Command::StrokeEnd
            | Command::ClearInk
            | Command::ClearAllInk
            | Command::ToggleZoom(_)
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

/// reveal.js's `navigationMode`: how the arrows move between stacks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NavigationMode {
    /// Left/right between stacks (entering one where it was left), up/down within.
    #[default]
    Default,
    /// Every arrow steps through all slides in reading order.
    Linear,
    /// Left/right keep the vertical index, as in a grid.
    Grid,
}

impl NavigationMode {
    /// The mode a deck names (`revealOptions.navigationMode`); anything else is `default`.
    pub fn from_name(name: &str) -> NavigationMode {
        match name.trim() {
            "linear" => NavigationMode::Linear,
            "grid" => NavigationMode::Grid,
            _ => NavigationMode::Default,
        }
    }
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
    mode: NavigationMode,
    /// The vertical index each stack was left at (reveal.js's `data-previous-indexv`).
    previous_v: Vec<usize>,
    /// Slides left out of the slide number and progress (`data-visibility="uncounted"`).
    uncounted: Vec<bool>,
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
        show.set_mode(NavigationMode::from_name(&deck.meta.navigation_mode));
        show.uncounted = deck.slides.iter().map(|s| s.is_uncounted()).collect();
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
            mode: NavigationMode::Default,
            previous_v: Vec::new(),
            uncounted: Vec::new(),
        }
    }

    fn is_uncounted(&self, slide: usize) -> bool {
        self.uncounted.get(slide).copied().unwrap_or(false)
    }

    /// The current slide's number among counted slides and how many are counted, as
    /// reveal.js's `c/t` counts them (uncounted slides take no number: `None`).
    pub fn counted_position(&self) -> (Option<usize>, usize) {
        let total = (0..self.stops.len())
            .filter(|&i| !self.is_uncounted(i))
            .count();
        let here = self.position.slide;
        if self.is_uncounted(here) {
            return (None, total);
        }
        let past = (0..here).filter(|&i| !self.is_uncounted(i)).count();
        (Some(past + 1), total)
    }

    /// How far through the deck the talk is, 0 to 1, as reveal.js's progress bar reads it:
    /// counted slides passed, plus 0.9 of a slide for its fragments shown.
    pub fn progress(&self) -> f32 {
        let total = (0..self.stops.len())
            .filter(|&i| !self.is_uncounted(i))
            .count();
        if total < 2 {
            return 1.0;
        }
        let here = self.position.slide;
        let mut past = (0..here).filter(|&i| !self.is_uncounted(i)).count() as f32;
        if let Some(stop) = self.stop()
            && stop.steps > 0
        {
            past += self.position.shown as f32 / stop.steps as f32 * 0.9;
        }
        (past / (total - 1) as f32).min(1.0)
    }

    /// Sets the navigation mode (`linear` makes every arrow step in reading order).
    pub fn set_mode(&mut self, mode: NavigationMode) {
        let any_vertical = self.stops.iter().any(|s| s.v > 0);
        let all_vertical = self.stops.iter().all(|s| s.h == 0);
        self.mode = mode;
        self.linear = mode == NavigationMode::Linear || !any_vertical || all_vertical;
    }

    /// The navigation mode.
    pub fn mode(&self) -> NavigationMode {
        self.mode
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

    /// Whether a frame drawn at `now_secs` shows something moving: a slide or fragment change,
    /// or the overview zooming.
    pub fn moving(&self, now_secs: f64) -> bool {
        self.slide_move(now_secs).is_some()
            || self.fragment_move(now_secs).is_some()
            || self
                .overview(now_secs)
                .is_some_and(|o| now_secs - o.since_secs < f64::from(OVERVIEW_SECS))
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
        if let (Some(here), Some(there)) = (self.stop(), self.stops.get(slide))
            && here.h != there.h
        {
            if self.previous_v.len() <= here.h {
                self.previous_v.resize(here.h + 1, 0);
            }
            self.previous_v[here.h] = here.v;
        }
        let steps = self.stops.get(slide).map_or(0, |s| s.steps);
        self.position = Position {
            slide,
            shown: if fully_revealed { steps } else { 0 },
        };
        self.fragment_move = None;
    }

    /// The slide to enter stack `h` at when no vertical index is given: where it was left
    /// (reveal.js), or `v` kept in grid mode, clamped to the stack.
    fn enter_stack(&self, h: usize, keep_v: Option<usize>) -> Option<usize> {
        let v = keep_v.unwrap_or_else(|| self.previous_v.get(h).copied().unwrap_or(0));
        let last_v = self.stops.iter().filter(|s| s.h == h).map(|s| s.v).max()?;
        self.index_of(h, v.min(last_v))
    }

    /// The last slide of stack `h`.
    fn stack_bottom(&self, h: usize) -> Option<usize> {
        self.stops
            .iter()
            .enumerate()
            .filter(|(_, s)| s.h == h)
            .map(|(i, _)| i)
            .next_back()
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
            Command::GoToPlace { h, v } => {
                if let Some(i) = self.index_of(*h, *v) {
                    self.go(i, false);
                    self.set_overview(false, now_secs);
                }
                return;
            }
            Command::SkipRight => self.index_of(here.h + 1, 0),
            Command::SkipLeft => here.h.checked_sub(1).and_then(|h| self.index_of(h, 0)),
            Command::SkipDown => self.index_of(here.h, here.v + 1),
            Command::SkipUp => here.v.checked_sub(1).and_then(|v| self.index_of(here.h, v)),
            Command::SkipNext => Some((self.position.slide + 1).min(self.stops.len() - 1)),
            Command::SkipPrev => Some(self.position.slide.saturating_sub(1)),
            Command::StackTop => self.index_of(here.h, 0),
            Command::StackBottom => self.stack_bottom(here.h),
            Command::GoTo(_) => None,
            // The rest belongs to the talk around the slides.
            talk_only!() => None,
        };
        if let Some(i) = target {
            self.go(i, false);
        }
    }

    fn apply_navigation(&mut self, command: &Command, now_secs: f64) {
        let (base, skip) = match command {
            Command::SkipNext => (&Command::Next, true),
            Command::SkipPrev => (&Command::Prev, true),
            Command::SkipRight => (&Command::Right, true),
            Command::SkipLeft => (&Command::Left, true),
            Command::SkipDown => (&Command::Down, true),
            Command::SkipUp => (&Command::Up, true),
            other => (other, false),
        };
        self.navigate(base, skip, now_secs);
    }

    /// One navigation command; `skip` moves between slides without stepping fragments
    /// (reveal.js's `skipFragments`, Alt with the key).
    fn navigate(&mut self, command: &Command, skip: bool, now_secs: f64) {
        let Some(here) = self.stop() else { return };
        let linear = self.linear;
        let grid_v = (self.mode == NavigationMode::Grid).then_some(here.v);
        let step = |show: &mut Show, forward: bool| !skip && show.step_fragment(forward, now_secs);
        match command {
            Command::Next => {
                if !step(self, true) {
                    if let Some(i) = self.index_of(here.h, here.v + 1) {
                        self.go(i, false);
                    } else if let Some(i) = self.enter_stack(here.h + 1, grid_v) {
                        self.go(i, false);
                    }
                }
            }
            Command::Prev => {
                if !step(self, false) {
                    if here.v > 0 {
                        if let Some(i) = self.index_of(here.h, here.v - 1) {
                            self.go(i, true);
                        }
                    } else if here.h > 0 {
                        // The previous stack is entered at its bottom, fully revealed.
                        if let Some(i) = self.stack_bottom(here.h - 1) {
                            self.go(i, true);
                        }
                    }
                }
            }
            Command::Right | Command::Down if linear => {
                self.navigate(&Command::Next, skip, now_secs)
            }
            Command::Left | Command::Up if linear => self.navigate(&Command::Prev, skip, now_secs),
            Command::Right => {
                if !step(self, true)
                    && let Some(i) = self.enter_stack(here.h + 1, grid_v)
                {
                    self.go(i, false);
                }
            }
            Command::Left => {
                if !step(self, false)
                    && here.h > 0
                    && let Some(i) = self.enter_stack(here.h - 1, grid_v)
                {
                    self.go(i, true);
                }
            }
            Command::Down => {
                if !step(self, true)
                    && let Some(i) = self.index_of(here.h, here.v + 1)
                {
                    self.go(i, false);
                }
            }
            Command::Up => {
                if !step(self, false)
                    && here.v > 0
                    && let Some(i) = self.index_of(here.h, here.v - 1)
                {
                    self.go(i, true);
                }
            }
            Command::First => {
                if let Some(i) = self.enter_stack(0, None) {
                    self.go(i, false);
                }
            }
            Command::Last => {
                let last_h = self.stops.iter().map(|s| s.h).max().unwrap_or(0);
                if let Some(i) = self.enter_stack(last_h, None) {
                    self.go(i, false);
                }
            }
            Command::StackTop => {
                if let Some(i) = self.index_of(here.h, 0)
                    && i != self.position.slide
                {
                    self.go(i, true);
                }
            }
            Command::StackBottom => {
                if let Some(i) = self.stack_bottom(here.h)
                    && i != self.position.slide
                {
                    self.go(i, false);
                }
            }
            Command::GoTo(n) => {
                if *n >= 1 && *n <= self.stops.len() {
                    self.go(n - 1, false);
                }
            }
            Command::GoToPlace { h, v } => {
                if let Some(i) = self.index_of(*h, *v) {
                    self.go(i, false);
                }
            }
            Command::ToggleBlack => self.black = !self.black,
            Command::ToggleHelp => self.help = !self.help,
            Command::ToggleOverview => self.set_overview(true, now_secs),
            Command::Dismiss => {
                self.help = false;
                self.black = false;
            }
            // Skips were unwrapped by `apply_navigation`.
            Command::SkipNext
            | Command::SkipPrev
            | Command::SkipRight
            | Command::SkipLeft
            | Command::SkipDown
            | Command::SkipUp => {}
            // The rest belongs to the talk around the slides.
            talk_only!() => {}
        }
    }

    /// The slide number reveal.js shows (`h.v` style: `7`, or `7.2` inside a stack).
    pub fn slide_number(&self) -> String {
        if self.is_uncounted(self.position.slide) {
            // An uncounted slide (an appendix, a backup) shows no number.
            return String::new();
        }
        self.stop().map(|s| s.number()).unwrap_or_default()
    }

    /// Every slide's place, in reading order.
    pub fn stops(&self) -> &[Stop] {
        &self.stops
    }

    /// The slide number as reveal.js draws it in `format`; empty on an uncounted slide.
    pub fn slide_number_as(&self, format: SlideNumberFormat) -> String {
        let Some(stop) = self.stop() else {
            return String::new();
        };
        let (counted, total) = self.counted_position();
        let Some(current) = counted else {
            // An uncounted slide (an appendix, a backup) shows no number.
            return String::new();
        };
        let only_vertical = self.stops.iter().all(|s| s.h == 0);
        // reveal.js joins the parts with spaces (the markup's white space between its spans).
        match format {
            SlideNumberFormat::CurrentSlashTotal => format!("{current} / {total}"),
            SlideNumberFormat::Current => current.to_string(),
            // With only vertical slides reveal.js flattens the number.
            _ if only_vertical => current.to_string(),
            f => {
                let h = stop.h + 1;
                let in_stack = self.stops.iter().any(|s| s.h == stop.h && s.v > 0);
                if in_stack {
                    let sep = if f == SlideNumberFormat::HSlashV {
                        '/'
                    } else {
                        '.'
                    };
                    format!("{h} {sep} {}", stop.v + 1)
                } else {
                    h.to_string()
                }
            }
        }
    }

    /// Where the arrows can go from here, as reveal.js's `availableRoutes` and its controls
    /// read them.
    pub fn routes(&self) -> Routes {
        let Some(here) = self.stop() else {
            return Routes::default();
        };
        let last_h = self.stops.iter().map(|s| s.h).max().unwrap_or(0);
        let stack_len = self.stops.iter().filter(|s| s.h == here.h).count();
        let mut r = Routes {
            left: here.h > 0,
            right: here.h < last_h,
            up: here.v > 0,
            down: here.v + 1 < stack_len,
            ..Routes::default()
        };
        if last_h > 0 && self.mode == NavigationMode::Linear {
            r.right |= r.down;
            r.left |= r.up;
        }
        let shown = self.position.shown;
        let (prev, next) = (shown > 0, shown < here.steps);
        // Fragments light the arrows of the axis the slide moves on.
        let vertical = stack_len > 1;
        if vertical {
            r.up_fragment = prev;
            r.down_fragment = next;
        } else {
            r.left_fragment = prev;
            r.right_fragment = next;
        }
        r.has_vertical = self.stops.iter().any(|s| s.v > 0);
        r.has_horizontal = last_h > 0;
        r.linear_mode = self.mode == NavigationMode::Linear;
        r
    }
}

/// Which arrows lead somewhere from the current slide, and the deck's shape (which moves
/// reveal.js's arrows about).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Routes {
    /// A slide to the left.
    pub left: bool,
    /// A slide to the right.
    pub right: bool,
    /// A slide above, in the stack.
    pub up: bool,
    /// A slide below, in the stack.
    pub down: bool,
    /// The left arrow would hide a fragment step.
    pub left_fragment: bool,
    /// The right arrow would show a fragment step.
    pub right_fragment: bool,
    /// The up arrow would hide a fragment step.
    pub up_fragment: bool,
    /// The down arrow would show a fragment step.
    pub down_fragment: bool,
    /// The deck has stacks.
    pub has_vertical: bool,
    /// The deck has more than one horizontal slide.
    pub has_horizontal: bool,
    /// `navigationMode: linear` (the up and down arrows are not drawn).
    pub linear_mode: bool,
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
    fn uncounted_slides_take_no_number_and_no_progress() {
        let d = crate::deck::parse(
            "# A\n---\n# B\n---\n<!-- .slide: data-visibility=\"uncounted\" -->\n# Backup\n",
            &crate::deck::Options::default(),
        )
        .unwrap();
        let mut s = Show::new(&d);
        assert_eq!(s.counted_position(), (Some(1), 2));
        assert_eq!(s.progress(), 0.0);
        s.apply(&Command::Next, 0.0);
        assert_eq!(s.counted_position(), (Some(2), 2));
        assert_eq!(s.progress(), 1.0);
        s.apply(&Command::Next, 0.0);
        assert_eq!(s.counted_position(), (None, 2));
        assert_eq!(s.slide_number(), "");
    }

    #[test]
    fn the_deck_names_its_navigation_mode() {
        let d = crate::deck::parse(
            "---\nrevealOptions:\n  navigationMode: grid\n---\n# A\n----\n# A2\n---\n# B\n----\n# B2\n",
            &crate::deck::Options::default(),
        )
        .unwrap();
        let mut s = Show::new(&d);
        assert_eq!(s.mode(), NavigationMode::Grid);
        s.apply(&Command::Down, 0.0);
        s.apply(&Command::Right, 0.0);
        assert_eq!(place(&s), Some((1, 1)), "grid keeps the row");
        let plain =
            crate::deck::parse("# A\n----\n# A2", &crate::deck::Options::default()).unwrap();
        assert_eq!(Show::new(&plain).mode(), NavigationMode::Default);
    }

    fn place(s: &Show) -> Option<(usize, usize)> {
        s.stop().map(|x| (x.h, x.v))
    }

    #[test]
    fn leaving_a_stack_and_coming_back_returns_to_the_slide_left() {
        // (0,0) (1,0) (1,1) (1,2) (2,0)
        let mut s = stops(&[(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 2, 0), (2, 0, 0)]);
        s.apply(&Command::Right, 0.0);
        s.apply(&Command::Down, 0.0);
        s.apply(&Command::Down, 0.0);
        s.apply(&Command::Right, 0.0);
        assert_eq!(place(&s), Some((2, 0)));
        s.apply(&Command::Left, 0.0);
        assert_eq!(place(&s), Some((1, 2)), "back where the stack was left");
        s.apply(&Command::Up, 0.0);
        s.apply(&Command::Left, 0.0);
        s.apply(&Command::Right, 0.0);
        assert_eq!(place(&s), Some((1, 1)));
    }

    #[test]
    fn slide_numbers_in_reveal_js_formats() {
        // (0,0) (1,0) (1,1) (2,0)
        let mut s = stops(&[(0, 0, 0), (1, 0, 0), (1, 1, 0), (2, 0, 0)]);
        s.jump(2, 0);
        assert_eq!(s.slide_number_as(SlideNumberFormat::HDotV), "2 . 2");
        assert_eq!(s.slide_number_as(SlideNumberFormat::HSlashV), "2 / 2");
        assert_eq!(s.slide_number_as(SlideNumberFormat::Current), "3");
        assert_eq!(
            s.slide_number_as(SlideNumberFormat::CurrentSlashTotal),
            "3 / 4"
        );
        s.jump(1, 0);
        assert_eq!(
            s.slide_number_as(SlideNumberFormat::HDotV),
            "2 . 1",
            "a stack's top is a vertical slide too"
        );
        s.jump(3, 0);
        assert_eq!(s.slide_number_as(SlideNumberFormat::HDotV), "3");
        let mut only_stack = stops(&[(0, 0, 0), (0, 1, 0), (0, 2, 0)]);
        only_stack.jump(2, 0);
        assert_eq!(only_stack.slide_number_as(SlideNumberFormat::HDotV), "3");
    }

    #[test]
    fn routes_follow_the_stacks_and_the_fragments() {
        let mut s = stops(&[(0, 0, 2), (1, 0, 0), (1, 1, 1), (2, 0, 0)]);
        let r = s.routes();
        assert!(!r.left && r.right && !r.up && !r.down);
        assert!(r.right_fragment && !r.left_fragment, "a step to show");
        assert!(r.has_vertical && r.has_horizontal);
        s.jump(1, 0);
        let r = s.routes();
        assert!(r.left && r.right && !r.up && r.down);
        s.jump(2, 1);
        let r = s.routes();
        assert!(r.up && !r.down && r.up_fragment && !r.down_fragment);
        s.jump(3, 0);
        assert!(!s.routes().right, "nowhere further");
        let mut linear = stops(&[(0, 0, 0), (1, 0, 0), (1, 1, 0)]);
        linear.set_mode(NavigationMode::Linear);
        linear.jump(1, 0);
        assert!(linear.routes().right, "linear: right walks down the stack");
    }

    #[test]
    fn grid_mode_keeps_the_vertical_index_and_linear_mode_reads_in_order() {
        let spec = [(0, 0, 0), (0, 1, 0), (1, 0, 0), (1, 1, 0), (1, 2, 0)];
        let mut grid = stops(&spec);
        grid.set_mode(NavigationMode::Grid);
        grid.apply(&Command::Down, 0.0);
        grid.apply(&Command::Right, 0.0);
        assert_eq!(place(&grid), Some((1, 1)));

        let mut linear = stops(&spec);
        linear.set_mode(NavigationMode::Linear);
        for _ in 0..3 {
            linear.apply(&Command::Right, 0.0);
        }
        assert_eq!(place(&linear), Some((1, 1)), "right walks down the stacks");
        linear.apply(&Command::Left, 0.0);
        assert_eq!(place(&linear), Some((1, 0)));

        let mut default = stops(&spec);
        default.apply(&Command::Down, 0.0);
        default.apply(&Command::Right, 0.0);
        assert_eq!(place(&default), Some((1, 0)));
    }

    #[test]
    fn skips_pass_over_fragments_and_shift_arrows_reach_the_ends() {
        let mut s = stops(&[(0, 0, 2), (1, 0, 3), (1, 1, 0), (1, 2, 1), (2, 0, 0)]);
        s.apply(&Command::SkipNext, 0.0);
        assert_eq!(s.position(), Position { slide: 1, shown: 0 });
        s.apply(&Command::SkipDown, 0.0);
        assert_eq!(place(&s), Some((1, 1)));
        s.apply(&Command::SkipUp, 0.0);
        assert_eq!(
            s.position(),
            Position { slide: 1, shown: 3 },
            "coming back up: all shown"
        );
        s.apply(&Command::StackBottom, 0.0);
        assert_eq!(place(&s), Some((1, 2)));
        s.apply(&Command::StackTop, 0.0);
        assert_eq!(place(&s), Some((1, 0)));
        s.apply(&Command::SkipRight, 0.0);
        assert_eq!(place(&s), Some((2, 0)));
        s.apply(&Command::SkipLeft, 0.0);
        assert_eq!(place(&s), Some((1, 0)));
        s.apply(&Command::Last, 0.0);
        assert_eq!(place(&s), Some((2, 0)));
        s.apply(&Command::SkipPrev, 0.0);
        assert_eq!(
            place(&s),
            Some((1, 2)),
            "previous enters a stack at its bottom"
        );
        s.apply(&Command::GoToPlace { h: 1, v: 1 }, 0.0);
        assert_eq!(place(&s), Some((1, 1)));
        s.apply(&Command::GoToPlace { h: 7, v: 0 }, 0.0);
        assert_eq!(
            place(&s),
            Some((1, 1)),
            "a place that does not exist is ignored"
        );
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
