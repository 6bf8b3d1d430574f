//! Keys are not commands: each [`Action`] has a stable config name, a group, a description
//! and its default keys in one table, which feeds the settings file's `[keys]`, the key map
//! and the help overlay (so the overlay shows the keys the speaker actually bound).

mod map;
mod trigger;

pub use map::KeyMap;
pub use trigger::Trigger;

use crate::show::Command;

/// What a key can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Next step.
    Next,
    /// Previous step.
    Prev,
    /// Right: next step or slide.
    Right,
    /// Left: previous step or slide.
    Left,
    /// Down the stack.
    Down,
    /// Up the stack.
    Up,
    /// First slide.
    First,
    /// Last slide.
    Last,
    /// Top of the stack.
    StackTop,
    /// Bottom of the stack.
    StackBottom,
    /// Next slide, fragments skipped.
    SkipNext,
    /// Previous slide, fragments skipped.
    SkipPrev,
    /// Slide right, fragments skipped.
    SkipRight,
    /// Slide left, fragments skipped.
    SkipLeft,
    /// Down the stack, fragments skipped.
    SkipDown,
    /// Up the stack, fragments skipped.
    SkipUp,
    /// Start typing a slide number.
    JumpPrompt,
    /// Overview grid of all slides.
    Overview,
    /// Black screen.
    Black,
    /// Full screen on or off.
    Fullscreen,
    /// Close overlays, leave full screen.
    Escape,
    /// Shortcut overlay.
    Help,
    /// Frame-time readout.
    Stats,
    /// Open a deck.
    Open,
    /// Presenter console: reopen it, or switch the single window to it and back.
    Console,
    /// Swap the audience and console screens.
    SwapScreens,
    /// Attendance QR code on the audience screen.
    Qr,
    /// Pause or resume the talk timer.
    Timer,
    /// Reset the talk timer.
    TimerReset,
    /// Larger speaker notes.
    NotesBigger,
    /// Smaller speaker notes.
    NotesSmaller,
    /// Laser pointer on the audience screen.
    Laser,
    /// Spotlight around the pointer.
    Spotlight,
    /// Draw with the pen.
    Pen,
    /// Draw with the highlighter.
    Highlighter,
    /// Clear this step's drawing.
    ClearInk,
    /// Clear every slide's drawing.
    ClearAllInk,
    /// The phone remote on or off.
    Remote,
}

/// One row of the table: what an action is called, where the help lists it, and its keys.
struct Entry {
    action: Action,
    name: &'static str,
    group: &'static str,
    description: &'static str,
    keys: &'static [&'static str],
}

/// The one table, in the help overlay's order.
const TABLE: &[Entry] = &[
    e(
        Action::Next,
        "next",
        NAV,
        "next fragment or slide",
        &["Space", "N", "PageDown"],
    ),
    e(
        Action::Prev,
        "prev",
        NAV,
        "previous fragment or slide",
        &["Shift+Space", "P", "PageUp"],
    ),
    e(
        Action::Right,
        "right",
        NAV,
        "next fragment, else slide right",
        &["ArrowRight", "L"],
    ),
    e(
        Action::Left,
        "left",
        NAV,
        "previous fragment, else slide left",
        &["ArrowLeft", "H"],
    ),
    e(
        Action::Down,
        "down",
        NAV,
        "down a vertical stack",
        &["ArrowDown", "J"],
    ),
    e(
        Action::Up,
        "up",
        NAV,
        "up a vertical stack",
        &["ArrowUp", "K"],
    ),
    e(
        Action::First,
        "first",
        NAV,
        "first slide",
        &["Home", "Shift+ArrowLeft", "Shift+H"],
    ),
    e(
        Action::Last,
        "last",
        NAV,
        "last slide",
        &["End", "Shift+ArrowRight", "Shift+L"],
    ),
    e(
        Action::StackTop,
        "stack-top",
        NAV,
        "top of the vertical stack",
        &["Shift+ArrowUp", "Shift+K"],
    ),
    e(
        Action::StackBottom,
        "stack-bottom",
        NAV,
        "bottom of the vertical stack",
        &["Shift+ArrowDown", "Shift+J"],
    ),
    e(
        Action::SkipNext,
        "skip-next",
        NAV,
        "next slide, skipping fragments",
        &["Alt+N", "Alt+PageDown", "Alt+Space"],
    ),
    e(
        Action::SkipPrev,
        "skip-prev",
        NAV,
        "previous slide, skipping fragments",
        &["Alt+P", "Alt+PageUp", "Alt+Shift+Space"],
    ),
    e(
        Action::SkipRight,
        "skip-right",
        NAV,
        "slide right, skipping fragments",
        &["Alt+ArrowRight", "Alt+L"],
    ),
    e(
        Action::SkipLeft,
        "skip-left",
        NAV,
        "slide left, skipping fragments",
        &["Alt+ArrowLeft", "Alt+H"],
    ),
    e(
        Action::SkipDown,
        "skip-down",
        NAV,
        "down the stack, skipping fragments",
        &["Alt+ArrowDown", "Alt+J"],
    ),
    e(
        Action::SkipUp,
        "skip-up",
        NAV,
        "up the stack, skipping fragments",
        &["Alt+ArrowUp", "Alt+K"],
    ),
    e(
        Action::JumpPrompt,
        "jump",
        NAV,
        "go to slide: number, h.v, id or words, Enter",
        &["G"],
    ),
    e(
        Action::Overview,
        "overview",
        NAV,
        "overview (arrows, Enter, click)",
        &["O"],
    ),
    e(
        Action::Black,
        "black",
        SCREEN,
        "black screen",
        &["B", "Period", "V", "/", ";"],
    ),
    e(
        Action::Fullscreen,
        "fullscreen",
        SCREEN,
        "full screen",
        &["F", "F5"],
    ),
    e(
        Action::Escape,
        "escape",
        SCREEN,
        "close overlay, leave full screen, else overview",
        &["Escape"],
    ),
    e(Action::Help, "help", SCREEN, "this help", &["?", "F1"]),
    e(
        Action::Stats,
        "stats",
        SCREEN,
        "frame time and frames per second",
        &["F9"],
    ),
    e(Action::Open, "open", SCREEN, "open a deck", &["Ctrl+O"]),
    e(
        Action::Console,
        "console",
        PRESENTER,
        "presenter console (reopen; one screen: switch)",
        &["S"],
    ),
    e(
        Action::SwapScreens,
        "swap-screens",
        PRESENTER,
        "swap audience and console screens",
        &["X"],
    ),
    e(
        Action::Qr,
        "qr",
        PRESENTER,
        "attendance QR code on the audience screen",
        &["Q"],
    ),
    e(
        Action::Timer,
        "timer",
        PRESENTER,
        "pause or resume the timer",
        &["T"],
    ),
    e(
        Action::TimerReset,
        "timer-reset",
        PRESENTER,
        "reset the timer",
        &["Shift+T"],
    ),
    e(
        Action::NotesBigger,
        "notes-bigger",
        PRESENTER,
        "larger notes",
        &["+", "="],
    ),
    e(
        Action::NotesSmaller,
        "notes-smaller",
        PRESENTER,
        "smaller notes",
        &["-"],
    ),
    e(
        Action::Remote,
        "remote",
        PRESENTER,
        "phone remote on / off",
        &["R"],
    ),
    e(
        Action::Laser,
        "laser",
        POINTER,
        "laser pointer: the mouse over the slide, as a dot",
        &["C"],
    ),
    e(
        Action::Spotlight,
        "spotlight",
        POINTER,
        "spotlight: dim all but a circle at the mouse",
        &["Shift+C"],
    ),
    e(
        Action::Pen,
        "pen",
        POINTER,
        "pen: drag on the slide to draw",
        &["D"],
    ),
    e(
        Action::Highlighter,
        "highlighter",
        POINTER,
        "highlighter: drag on the slide to mark",
        &["Shift+D"],
    ),
    e(
        Action::ClearInk,
        "clear-ink",
        POINTER,
        "erase the drawing on this step",
        &["E"],
    ),
    e(
        Action::ClearAllInk,
        "clear-all-ink",
        POINTER,
        "erase the drawing on every slide",
        &["Shift+E"],
    ),
];

const NAV: &str = "Navigation";
const SCREEN: &str = "Screen";
const PRESENTER: &str = "Presenter";
const POINTER: &str = "Pointer and pen (Alt+click: zoom in and out)";

const fn e(
    action: Action,
    name: &'static str,
    group: &'static str,
    description: &'static str,
    keys: &'static [&'static str],
) -> Entry {
    Entry {
        action,
        name,
        group,
        description,
        keys,
    }
}

impl Action {
    fn entry(self) -> &'static Entry {
        // Every action has a row: the table test below holds it to that.
        TABLE.iter().find(|r| r.action == self).unwrap_or(&TABLE[0])
    }

    /// Every action, in the help overlay's order.
    pub fn all() -> impl Iterator<Item = Action> {
        TABLE.iter().map(|r| r.action)
    }

    /// Stable name for the settings file's `[keys]`.
    pub fn config_name(self) -> &'static str {
        self.entry().name
    }

    /// What it does, as the help overlay says it.
    pub fn description(self) -> &'static str {
        self.entry().description
    }

    /// The help overlay's group (Navigation, Screen, Presenter).
    pub fn group(self) -> &'static str {
        self.entry().group
    }

    /// The action a settings file names.
    pub fn from_config_name(name: &str) -> Option<Action> {
        TABLE
            .iter()
            .find(|r| r.name == name.trim())
            .map(|r| r.action)
    }

    /// The talk command, for actions that are one (the jump prompt, Open and the remote are the app's own).
    pub fn command(self) -> Option<Command> {
        Some(match self {
            Action::Next => Command::Next,
            Action::Prev => Command::Prev,
            Action::Right => Command::Right,
            Action::Left => Command::Left,
            Action::Down => Command::Down,
            Action::Up => Command::Up,
            Action::First => Command::First,
            Action::Last => Command::Last,
            Action::StackTop => Command::StackTop,
            Action::StackBottom => Command::StackBottom,
            Action::SkipNext => Command::SkipNext,
            Action::SkipPrev => Command::SkipPrev,
            Action::SkipRight => Command::SkipRight,
            Action::SkipLeft => Command::SkipLeft,
            Action::SkipDown => Command::SkipDown,
            Action::SkipUp => Command::SkipUp,
            Action::Overview => Command::ToggleOverview,
            Action::Black => Command::ToggleBlack,
            Action::Fullscreen => Command::ToggleFullscreen,
            Action::Escape => Command::Escape,
            Action::Help => Command::ToggleHelp,
            Action::Stats => Command::ToggleStats,
            Action::Console => Command::ToggleConsole,
            Action::SwapScreens => Command::SwapScreens,
            Action::Qr => Command::ToggleQr,
            Action::Timer => Command::ToggleTimer,
            Action::TimerReset => Command::ResetTimer,
            Action::NotesBigger => Command::NotesBigger,
            Action::NotesSmaller => Command::NotesSmaller,
            Action::Laser => Command::ToggleLaser,
            Action::Spotlight => Command::ToggleSpotlight,
            Action::Pen => Command::TogglePen,
            Action::Highlighter => Command::ToggleHighlighter,
            Action::ClearInk => Command::ClearInk,
            Action::ClearAllInk => Command::ClearAllInk,
            Action::JumpPrompt | Action::Open | Action::Remote => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row_and_a_name_that_reads_back() {
        let all = [
            Action::Next,
            Action::Prev,
            Action::Right,
            Action::Left,
            Action::Down,
            Action::Up,
            Action::First,
            Action::Last,
            Action::StackTop,
            Action::StackBottom,
            Action::SkipNext,
            Action::SkipPrev,
            Action::SkipRight,
            Action::SkipLeft,
            Action::SkipDown,
            Action::SkipUp,
            Action::JumpPrompt,
            Action::Overview,
            Action::Black,
            Action::Fullscreen,
            Action::Escape,
            Action::Help,
            Action::Stats,
            Action::Open,
            Action::Console,
            Action::SwapScreens,
            Action::Qr,
            Action::Timer,
            Action::TimerReset,
            Action::NotesBigger,
            Action::NotesSmaller,
            Action::Laser,
            Action::Spotlight,
            Action::Pen,
            Action::Highlighter,
            Action::ClearInk,
            Action::ClearAllInk,
            Action::Remote,
        ];
        assert_eq!(TABLE.len(), all.len());
        for a in all {
            assert_eq!(TABLE.iter().filter(|r| r.action == a).count(), 1, "{a:?}");
            assert_eq!(Action::from_config_name(a.config_name()), Some(a));
            assert!(!a.description().is_empty());
            for k in a.entry().keys {
                assert!(Trigger::parse(k).is_some(), "default key {k} of {a:?}");
            }
        }
    }
}
