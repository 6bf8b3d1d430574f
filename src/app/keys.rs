//! Keys are not commands: each `Action` has a stable config name, a description and a group,
//! which feed the help overlay (and, later, the user's key config).

use crate::show::Command;
use crate::ui::Shortcut;
use eframe::egui::{Key, Modifiers};

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

impl Action {
    /// Every action, for config lookup.
    pub const ALL: [Action; 22] = [
        Action::Next,
        Action::Prev,
        Action::Right,
        Action::Left,
        Action::Down,
        Action::Up,
        Action::First,
        Action::Last,
        Action::JumpPrompt,
        Action::Black,
        Action::Fullscreen,
        Action::Help,
        Action::Escape,
        Action::Overview,
        Action::Stats,
        Action::Qr,
        Action::Console,
        Action::SwapScreens,
        Action::Timer,
        Action::TimerReset,
        Action::NotesBigger,
        Action::NotesSmaller,
    ];

    /// The action a config file names.
    pub fn from_config_name(name: &str) -> Option<Action> {
        Action::ALL
            .into_iter()
            .find(|a| a.config_name() == name.trim())
    }
}

/// The key map: the defaults, with the actions a config file rebinds replaced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyMap {
    custom: Vec<(Key, bool, Action)>,
    replaced: Vec<Action>,
}

/// Reads `Shift+T` or `PageDown` into a key and whether Shift is held.
fn parse_combo(text: &str) -> Option<(Key, bool)> {
    let mut shift = false;
    let mut key = None;
    for part in text.split('+').map(str::trim) {
        if part.eq_ignore_ascii_case("shift") {
            shift = true;
        } else {
            key = Key::from_name(part).or_else(|| Key::from_name(&part.to_ascii_uppercase()));
        }
    }
    key.map(|k| (k, shift))
}

impl KeyMap {
    /// The map from a config's `[keys]` table, and a message per entry it could not use.
    pub fn from_config(
        keys: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> (KeyMap, Vec<String>) {
        let mut map = KeyMap::default();
        let mut problems = Vec::new();
        for (name, combos) in keys {
            let Some(action) = Action::from_config_name(name) else {
                problems.push(format!("unknown action '{name}' in [keys]"));
                continue;
            };
            let mut any = false;
            for c in combos {
                match parse_combo(c) {
                    Some((k, shift)) => {
                        map.custom.push((k, shift, action));
                        any = true;
                    }
                    None => problems.push(format!("unknown key '{c}' for '{name}'")),
                }
            }
            if any {
                map.replaced.push(action);
            }
        }
        (map, problems)
    }

    /// The action for `key` with modifiers `m`.
    pub fn action(&self, key: Key, m: Modifiers) -> Option<Action> {
        if m.ctrl || m.command {
            return None;
        }
        if let Some((_, _, a)) = self
            .custom
            .iter()
            .find(|(k, shift, _)| *k == key && *shift == m.shift)
        {
            return Some(*a);
        }
        super::action_for(key, m).filter(|a| !self.replaced.contains(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_rebinds_replace_defaults_and_bad_names_are_reported() {
        let mut keys = std::collections::BTreeMap::new();
        keys.insert(
            "next".to_string(),
            vec!["Enter".to_string(), "Shift+X".to_string()],
        );
        keys.insert("warp".to_string(), vec!["W".to_string()]);
        keys.insert("black".to_string(), vec!["Nope".to_string()]);
        let (map, problems) = KeyMap::from_config(&keys);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(map.action(Key::Enter, Modifiers::NONE), Some(Action::Next));
        assert_eq!(map.action(Key::X, Modifiers::SHIFT), Some(Action::Next));
        assert_eq!(
            map.action(Key::X, Modifiers::NONE),
            Some(Action::SwapScreens)
        );
        assert_eq!(
            map.action(Key::Space, Modifiers::NONE),
            None,
            "next's old keys are gone"
        );
        assert_eq!(
            map.action(Key::B, Modifiers::NONE),
            Some(Action::Black),
            "kept: no key parsed"
        );
        for a in Action::ALL {
            assert_eq!(Action::from_config_name(a.config_name()), Some(a));
        }
    }
}
