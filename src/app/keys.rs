//! Keys are not commands: each `Action` has a stable config name, a description and a group,
//! which feed the help overlay (and, later, the user's key config).

use crate::show::Command;
use crate::ui::Shortcut;

/// What a key can do in the audience window.
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
    /// Start typing a slide number.
    JumpPrompt,
    /// Black screen.
    Black,
    /// Full screen on or off.
    Fullscreen,
    /// Shortcut overlay.
    Help,
    /// Close overlays, leave full screen.
    Escape,
    /// Overview grid of all slides.
    Overview,
    /// Frame-time readout.
    Stats,
    /// Attendance QR code on the audience screen.
    Qr,
    /// Presenter console: reopen it, or switch the single window to it and back.
    Console,
    /// Swap the audience and console screens.
    SwapScreens,
    /// Pause or resume the talk timer.
    Timer,
    /// Reset the talk timer.
    TimerReset,
    /// Larger speaker notes.
    NotesBigger,
    /// Smaller speaker notes.
    NotesSmaller,
}

impl Action {
    /// Stable name for the key config file.
    pub fn config_name(self) -> &'static str {
        match self {
            Action::Next => "next",
            Action::Prev => "prev",
            Action::Right => "right",
            Action::Left => "left",
            Action::Down => "down",
            Action::Up => "up",
            Action::First => "first",
            Action::Last => "last",
            Action::JumpPrompt => "jump",
            Action::Black => "black",
            Action::Fullscreen => "fullscreen",
            Action::Help => "help",
            Action::Escape => "escape",
            Action::Overview => "overview",
            Action::Stats => "stats",
            Action::Qr => "qr",
            Action::Console => "console",
            Action::SwapScreens => "swap-screens",
            Action::Timer => "timer",
            Action::TimerReset => "timer-reset",
            Action::NotesBigger => "notes-bigger",
            Action::NotesSmaller => "notes-smaller",
        }
    }

    /// The show command, for actions that are one.
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
            Action::Black => Command::ToggleBlack,
            Action::Help => Command::ToggleHelp,
            Action::Overview => Command::ToggleOverview,
            _ => return None,
        })
    }
}

/// The default bindings, as the help overlay lists them.
pub fn shortcuts() -> Vec<Shortcut> {
    let s = |group, keys, description| Shortcut {
        group,
        keys,
        description,
    };
    vec![
        s(
            "Navigation",
            "→  L  Space  N  PgDn",
            "next fragment or slide",
        ),
        s(
            "Navigation",
            "←  H  Shift+Space  P  PgUp",
            "previous fragment or slide",
        ),
        s("Navigation", "↓  J  /  ↑  K", "down / up a vertical stack"),
        s("Navigation", "Home  /  End", "first / last slide"),
        s("Navigation", "G, number, Enter", "go to slide number"),
        s("Screen", "B  .", "black screen"),
        s("Screen", "F  F5", "full screen"),
        s(
            "Screen",
            "O",
            "overview of all slides (arrows, Enter, click)",
        ),
        s(
            "Screen",
            "Esc",
            "close overlay, leave full screen, else overview",
        ),
        s("Screen", "?  F1", "this help"),
        s("Screen", "F9", "frame time and frames per second"),
        s(
            "Presenter",
            "S",
            "presenter console (reopen; one screen: switch)",
        ),
        s("Presenter", "X", "swap audience and console screens"),
        s(
            "Presenter",
            "Q",
            "attendance QR code on the audience screen",
        ),
        s(
            "Presenter",
            "T  /  Shift+T",
            "pause or resume / reset the timer",
        ),
        s("Presenter", "+  /  -", "larger / smaller notes"),
    ]
}
