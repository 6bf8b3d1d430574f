//! Keys are not commands: each [`Action`] has a stable config name, a group, a description
//! and its default keys in one table, which feeds the settings file's `[keys]`, the key map
//! and the help overlay (so the overlay shows the keys the speaker actually bound).

use crate::show::Command;
use crate::ui::Shortcut;
use eframe::egui::{Key, Modifiers};
use std::collections::BTreeMap;

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
    e(Action::First, "first", NAV, "first slide", &["Home"]),
    e(Action::Last, "last", NAV, "last slide", &["End"]),
    e(
        Action::JumpPrompt,
        "jump",
        NAV,
        "go to slide: number, Enter",
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
        &["B", "Period"],
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
];

const NAV: &str = "Navigation";
const SCREEN: &str = "Screen";
const PRESENTER: &str = "Presenter";

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

    /// The talk command, for actions that are one (the jump prompt and Open are input's own).
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
            Action::JumpPrompt | Action::Open => return None,
        })
    }
}

/// What sets an action off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A key, with whether Shift and Ctrl (Cmd on macOS) are held.
    Key {
        /// The key.
        key: Key,
        /// Shift held.
        shift: bool,
        /// Ctrl or Cmd held.
        command: bool,
    },
    /// A typed symbol (`?`, `+`, `.`), whatever keys the keyboard layout needs for it.
    Text(char),
}

impl Trigger {
    /// Reads `Shift+T`, `Ctrl+O`, `PageDown` or `?`.
    pub fn parse(text: &str) -> Option<Trigger> {
        let text = text.trim();
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && !c.is_ascii_alphanumeric()
        {
            return Some(Trigger::Text(c));
        }
        let (mut shift, mut command) = (false, false);
        let mut key = None;
        for part in text.split('+').map(str::trim) {
            match part.to_ascii_lowercase().as_str() {
                "shift" => shift = true,
                "ctrl" | "cmd" | "command" => command = true,
                _ => {
                    key =
                        Key::from_name(part).or_else(|| Key::from_name(&part.to_ascii_uppercase()))
                }
            }
        }
        key.map(|key| Trigger::Key {
            key,
            shift,
            command,
        })
    }

    /// How the help overlay prints it.
    pub fn label(&self) -> String {
        match self {
            Trigger::Text(c) => c.to_string(),
            Trigger::Key {
                key,
                shift,
                command,
            } => {
                let name = match key {
                    Key::ArrowRight => "→",
                    Key::ArrowLeft => "←",
                    Key::ArrowDown => "↓",
                    Key::ArrowUp => "↑",
                    Key::PageDown => "PgDn",
                    Key::PageUp => "PgUp",
                    Key::Escape => "Esc",
                    Key::Period => ".",
                    k => k.name(),
                };
                let mut out = String::new();
                if *command {
                    out.push_str("Ctrl+");
                }
                if *shift {
                    out.push_str("Shift+");
                }
                out.push_str(name);
                out
            }
        }
    }
}

/// The key map: the table's defaults, with the actions a settings file rebinds replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyMap {
    bindings: Vec<(Trigger, Action)>,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        KeyMap::from_config(&BTreeMap::new()).0
    }
}

impl KeyMap {
    /// The map from a settings file's `[keys]` table, and a message per entry it could not use.
    pub fn from_config(keys: &BTreeMap<String, Vec<String>>) -> (KeyMap, Vec<String>) {
        let mut problems = Vec::new();
        let mut custom: Vec<(Trigger, Action)> = Vec::new();
        for (name, combos) in keys {
            let Some(action) = Action::from_config_name(name) else {
                problems.push(format!("unknown action '{name}' in [keys]"));
                continue;
            };
            for c in combos {
                match Trigger::parse(c) {
                    Some(t) => custom.push((t, action)),
                    None => problems.push(format!("unknown key '{c}' for '{name}'")),
                }
            }
        }
        // The speaker's keys first; a default loses its action when the file binds that
        // action, and its key when the file gives that key to another action.
        let mut bindings = custom.clone();
        for row in TABLE {
            if custom.iter().any(|(_, a)| *a == row.action) {
                continue;
            }
            bindings.extend(
                row.keys
                    .iter()
                    .filter_map(|k| Trigger::parse(k))
                    .filter(|t| !custom.iter().any(|(c, _)| c == t))
                    .map(|t| (t, row.action)),
            );
        }
        (KeyMap { bindings }, problems)
    }

    /// The action for `key` pressed with modifiers `m`. A key held with Shift that has no
    /// Shift binding of its own does what it does without (clickers send Shift+F5, and a
    /// held Shift must not stop the talk).
    pub fn action(&self, key: Key, m: Modifiers) -> Option<Action> {
        let command = m.ctrl || m.command;
        let find = |shift_held: bool| {
            self.bindings.iter().find_map(|(t, a)| match t {
                Trigger::Key {
                    key: k,
                    shift,
                    command: c,
                } if *k == key && *shift == shift_held && *c == command => Some(*a),
                _ => None,
            })
        };
        find(m.shift).or_else(|| if m.shift { find(false) } else { None })
    }

    /// The action for typed `text` (a symbol such as `?`), if one is bound.
    pub fn text_action(&self, text: &str) -> Option<Action> {
        let mut chars = text.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return None;
        };
        self.bindings
            .iter()
            .find_map(|(t, a)| (*t == Trigger::Text(c)).then_some(*a))
    }

    /// The keys bound to `action`, as the help overlay prints them.
    pub fn labels(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(t, _)| t.label())
            .collect()
    }

    /// The first key bound to `action`, for a hint (`unbound` when there is none).
    pub fn first_label(&self, action: Action) -> String {
        self.labels(action)
            .into_iter()
            .next()
            .unwrap_or_else(|| "unbound".to_string())
    }

    /// The help overlay's lines: every action with the keys bound to it now.
    pub fn shortcuts(&self) -> Vec<Shortcut> {
        Action::all()
            .map(|a| Shortcut {
                group: a.group(),
                keys: {
                    let keys = self.labels(a);
                    if keys.is_empty() {
                        "(unbound)".to_string()
                    } else {
                        keys.join("  ")
                    }
                },
                description: a.description(),
            })
            .collect()
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

    #[test]
    fn config_rebinds_replace_defaults_and_bad_names_are_reported() {
        let mut keys = BTreeMap::new();
        keys.insert(
            "next".to_string(),
            vec!["Enter".to_string(), "Shift+X".to_string()],
        );
        keys.insert("warp".to_string(), vec!["W".to_string()]);
        keys.insert("black".to_string(), vec!["Nope".to_string()]);
        keys.insert("help".to_string(), vec!["H".to_string()]);
        keys.insert("notes-bigger".to_string(), vec!["]".to_string()]);
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
        // ? and + are rebindable like any other key.
        assert_eq!(map.text_action("?"), None);
        assert_eq!(map.action(Key::H, Modifiers::NONE), Some(Action::Help));
        assert_eq!(
            map.labels(Action::Left),
            vec!["←".to_string()],
            "H went to help"
        );
        assert_eq!(map.text_action("]"), Some(Action::NotesBigger));
        assert_eq!(map.text_action("+"), None);
        assert_eq!(map.text_action("-"), Some(Action::NotesSmaller));
    }

    #[test]
    fn ctrl_keys_only_match_ctrl_bindings() {
        let map = KeyMap::default();
        assert_eq!(map.action(Key::O, Modifiers::COMMAND), Some(Action::Open));
        assert_eq!(map.action(Key::O, Modifiers::CTRL), Some(Action::Open));
        assert_eq!(map.action(Key::O, Modifiers::NONE), Some(Action::Overview));
        assert_eq!(map.action(Key::N, Modifiers::CTRL), None);
    }

    #[test]
    fn shift_keeps_a_keys_action_unless_shift_has_its_own() {
        let map = KeyMap::default();
        assert_eq!(
            map.action(Key::F5, Modifiers::SHIFT),
            Some(Action::Fullscreen)
        );
        assert_eq!(
            map.action(Key::ArrowRight, Modifiers::SHIFT),
            Some(Action::Right)
        );
        assert_eq!(map.action(Key::Space, Modifiers::SHIFT), Some(Action::Prev));
        assert_eq!(
            map.action(Key::T, Modifiers::SHIFT),
            Some(Action::TimerReset)
        );
        assert_eq!(map.action(Key::T, Modifiers::NONE), Some(Action::Timer));
    }

    #[test]
    fn the_help_lists_the_keys_the_speaker_bound() {
        let mut keys = BTreeMap::new();
        keys.insert(
            "black".to_string(),
            vec!["W".to_string(), "Shift+B".to_string()],
        );
        let (map, _) = KeyMap::from_config(&keys);
        let help = map.shortcuts();
        let black = help
            .iter()
            .find(|s| s.description == Action::Black.description())
            .expect("black screen listed");
        assert_eq!(black.keys, "W  Shift+B");
        let next = help
            .iter()
            .find(|s| s.description == Action::Next.description())
            .expect("next listed");
        assert_eq!(next.keys, "Space  N  PgDn");
        assert_eq!(help.len(), TABLE.len());
    }
}
