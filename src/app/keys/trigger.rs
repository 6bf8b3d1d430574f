//! What sets an action off: a key with its modifiers, or a typed symbol, read from the
//! settings file's names and printed for the help overlay.

use eframe::egui::Key;

/// What sets an action off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A key, with whether Shift, Alt and Ctrl (Cmd on macOS) are held.
    Key {
        /// The key.
        key: Key,
        /// Shift held.
        shift: bool,
        /// Alt (Option on macOS) held.
        alt: bool,
        /// Ctrl or Cmd held.
        command: bool,
    },
    /// A typed symbol (`?`, `+`, `.`), whatever keys the keyboard layout needs for it.
    Text(char),
}

impl Trigger {
    /// Whether one press can set off both: the same trigger, or a typed symbol and the key
    /// that types it on its own (`.` and Period, `-` and Minus).
    pub fn overlaps(&self, other: &Trigger) -> bool {
        let symbol = |t: &Trigger| match t {
            Trigger::Text(c) => Some(c.to_string()),
            Trigger::Key {
                key,
                shift: false,
                alt: false,
                command: false,
            } => {
                let s = key.symbol_or_name();
                // egui prints Minus as the typographic minus sign.
                Some(if *key == Key::Minus {
                    "-".into()
                } else {
                    s.to_string()
                })
            }
            Trigger::Key { .. } => None,
        };
        self == other || symbol(self).is_some_and(|a| symbol(other) == Some(a))
    }

    /// Reads `Shift+T`, `Ctrl+O`, `PageDown` or `?`.
    pub fn parse(text: &str) -> Option<Trigger> {
        let text = text.trim();
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && !c.is_ascii_alphanumeric()
        {
            return Some(Trigger::Text(c));
        }
        let (mut shift, mut alt, mut command) = (false, false, false);
        let mut key = None;
        for part in text.split('+').map(str::trim) {
            match part.to_ascii_lowercase().as_str() {
                "shift" => shift = true,
                "alt" | "option" => alt = true,
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
            alt,
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
                alt,
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
                if *alt {
                    out.push_str("Alt+");
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
