//! The key map: the table's defaults with the settings file's `[keys]` laid over them; it
//! answers which action a key or typed symbol is, and lists the bindings for the help.

use super::{Action, Trigger};
use crate::ui::Shortcut;
use eframe::egui::{Key, Modifiers};
use std::collections::BTreeMap;

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
        for row in super::TABLE {
            if custom.iter().any(|(_, a)| *a == row.action) {
                continue;
            }
            bindings.extend(
                row.keys
                    .iter()
                    .filter_map(|k| Trigger::parse(k))
                    .filter(|t| !custom.iter().any(|(c, _)| c.overlaps(t)))
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
        let find = |shift_held: bool, alt_held: bool| {
            self.bindings.iter().find_map(|(t, a)| match t {
                Trigger::Key {
                    key: k,
                    shift,
                    alt,
                    command: c,
                } if *k == key && *shift == shift_held && *alt == alt_held && *c == command => {
                    Some(*a)
                }
                _ => None,
            })
        };
        // Held modifiers without a binding of their own fall away: Shift first, then Alt
        // (reveal.js lets Alt through with any key).
        find(m.shift, m.alt)
            .or_else(|| if m.shift { find(false, m.alt) } else { None })
            .or_else(|| if m.alt { find(m.shift, false) } else { None })
            .or_else(|| {
                if m.alt && m.shift {
                    find(false, false)
                } else {
                    None
                }
            })
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
    use eframe::egui::{Key, Modifiers};
    use std::collections::BTreeMap;

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
    fn a_symbol_bound_elsewhere_leaves_the_key_that_types_it() {
        let mut keys = BTreeMap::new();
        keys.insert("overview".to_string(), vec![".".to_string()]);
        let (map, _) = KeyMap::from_config(&keys);
        assert_eq!(map.text_action("."), Some(Action::Overview));
        assert_eq!(
            map.action(Key::Period, Modifiers::NONE),
            None,
            "one press of . must not also black the screen"
        );
        assert_eq!(map.action(Key::B, Modifiers::NONE), Some(Action::Black));
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
            Some(Action::Last),
            "Shift+Right goes to the last slide, as in reveal.js"
        );
        assert_eq!(map.action(Key::N, Modifiers::SHIFT), Some(Action::Next));
        assert_eq!(map.action(Key::Space, Modifiers::SHIFT), Some(Action::Prev));
        assert_eq!(
            map.action(Key::T, Modifiers::SHIFT),
            Some(Action::TimerReset)
        );
        assert_eq!(map.action(Key::T, Modifiers::NONE), Some(Action::Timer));
    }

    #[test]
    fn alt_arrows_skip_fragments_and_alt_falls_away_elsewhere() {
        let map = KeyMap::default();
        assert_eq!(
            map.action(Key::ArrowRight, Modifiers::ALT),
            Some(Action::SkipRight)
        );
        assert_eq!(map.action(Key::N, Modifiers::ALT), Some(Action::SkipNext));
        assert_eq!(
            map.action(Key::Space, Modifiers::ALT | Modifiers::SHIFT),
            Some(Action::SkipPrev)
        );
        assert_eq!(map.action(Key::B, Modifiers::ALT), Some(Action::Black));
        assert_eq!(map.action(Key::V, Modifiers::NONE), Some(Action::Black));
        assert_eq!(map.text_action("/"), Some(Action::Black));
        assert_eq!(map.text_action(";"), Some(Action::Black));
        assert_eq!(map.text_action("?"), Some(Action::Help));
        assert_eq!(map.labels(Action::SkipLeft), vec!["Alt+←", "Alt+H"]);
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
        assert_eq!(help.len(), super::super::TABLE.len());
    }
}
