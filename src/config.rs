//! The settings file: `config.toml` in the platform's config folder (`~/.config/rostra` on
//! Linux, `~/Library/Application Support/rostra` on macOS, `%APPDATA%\rostra` on Windows).
//! A file that cannot be read or parsed is reported and the defaults are used: a talk never
//! stops over a settings typo.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the settings file may say; every entry is optional.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Theme for decks that name none (`black`, `white`).
    pub theme: Option<String>,
    /// Transition for slides that set none.
    pub transition: Option<String>,
    /// Monitor (0-based) for the audience view.
    pub audience_screen: Option<usize>,
    /// Planned talk length in minutes when the deck gives none.
    pub total_time_minutes: Option<f64>,
    /// Start the timer paused until T is pressed, instead of on the first advance.
    pub timer_starts_paused: bool,
    /// Fetch nothing from the network: remote images come from the cache only (as `--offline`).
    pub offline: bool,
    /// Key bindings: action name (as the help lists them, e.g. `next`, `black`) to key names
    /// (`Right`, `Space`, `Shift+T`); an action named here loses its default keys.
    pub keys: BTreeMap<String, Vec<String>>,
    /// `[audience]`: reveal.js's screen furniture the projector may leave out.
    pub audience: AudienceConfig,
}

/// What the audience screen shows besides the slides. Each is drawn as the deck's
/// `revealOptions` say; `false` here keeps it off the projector whatever the deck says.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct AudienceConfig {
    /// reveal.js's navigation arrows (`controls`).
    pub controls: bool,
    /// reveal.js's progress bar (`progress`).
    pub progress: bool,
    /// reveal.js's slide number (`slideNumber`).
    pub slide_number: bool,
}

impl Default for AudienceConfig {
    fn default() -> Self {
        Self {
            controls: true,
            progress: true,
            slide_number: true,
        }
    }
}

/// A folder named by environment variable `key`, unless it is unset or empty.
fn env(key: &str) -> Option<PathBuf> {
    std::env::var_os(key)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The settings file's path on this platform, if a home folder is known.
pub fn default_path() -> Option<PathBuf> {
    let base = if cfg!(target_os = "windows") {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_CONFIG_HOME").or_else(|| env("HOME").map(|h| h.join(".config")))
    };
    base.map(|b| b.join("rostra").join("config.toml"))
}

/// rostra's cache folder: `$XDG_CACHE_HOME/rostra`, else `~/.cache/rostra` (`%LOCALAPPDATA%`
/// on Windows).
pub fn cache_dir() -> Option<PathBuf> {
    env("XDG_CACHE_HOME")
        .or_else(|| env("LOCALAPPDATA"))
        .or_else(|| env("HOME").map(|h| h.join(".cache")))
        .map(|root| root.join("rostra"))
}

/// Where rostra keeps what it remembers (recent decks), beside the settings.
pub fn state_dir() -> Option<PathBuf> {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        default_path().and_then(|p| p.parent().map(Path::to_path_buf))
    } else {
        env("XDG_STATE_HOME")
            .or_else(|| env("HOME").map(|h| h.join(".local/state")))
            .map(|b| b.join("rostra"))
    }
}

/// Reads settings text; on failure the defaults and a message saying what is wrong.
pub fn parse(text: &str) -> (Config, Option<String>) {
    match toml::from_str::<Config>(text) {
        Ok(c) => (c, None),
        Err(e) => (
            Config::default(),
            Some(format!(
                "settings file ignored: {}",
                e.to_string().lines().collect::<Vec<_>>().join(" ")
            )),
        ),
    }
}

/// Reads the settings file at `path`; a missing file is the defaults without a message.
pub fn load(path: &Path) -> (Config, Option<String>) {
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
        Err(e) => (
            Config::default(),
            Some(format!("cannot read {}: {e}", path.display())),
        ),
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let (c, msg) = parse(text);
                (c, msg.map(|m| format!("{}: {m}", path.display())))
            }
            Err(_) => (
                Config::default(),
                Some(format!(
                    "{}: settings file ignored: it is not UTF-8 text",
                    path.display()
                )),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_broken_files_fall_back_to_defaults() {
        let (c, msg) = parse(
            "theme = \"white\"\naudience_screen = 1\ntotal_time_minutes = 45\noffline = true\n[keys]\nnext = [\"Enter\", \"Shift+N\"]\n",
        );
        assert_eq!(msg, None);
        assert_eq!(c.theme.as_deref(), Some("white"));
        assert_eq!(c.audience_screen, Some(1));
        assert!(c.offline);
        assert_eq!(c.keys["next"], vec!["Enter", "Shift+N"]);
        let (c, msg) = parse("theme = [\n");
        assert_eq!(c, Config::default());
        assert!(msg.is_some_and(|m| m.contains("settings file ignored")));
        let (_, msg) = parse("colour = \"red\"\n");
        assert!(
            msg.is_some_and(|m| m.contains("colour")),
            "unknown keys are named"
        );
    }

    #[test]
    fn the_audience_section_hides_furniture() {
        let (c, msg) = parse("[audience]\ncontrols = false\nslide_number = false\n");
        assert_eq!(msg, None);
        assert!(!c.audience.controls && !c.audience.slide_number && c.audience.progress);
        assert_eq!(parse("").0.audience, AudienceConfig::default());
        assert!(parse("[audience]\narrows = false\n").1.is_some());
    }

    #[test]
    fn random_bytes_and_missing_files() {
        let dir = std::env::temp_dir().join(format!("rostra-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let p = dir.join("config.toml");
        let bytes: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        std::fs::write(&p, bytes).expect("write");
        let (c, msg) = load(&p);
        assert_eq!(c, Config::default());
        assert!(msg.is_some());
        let (c, msg) = load(&dir.join("absent.toml"));
        assert_eq!((c, msg), (Config::default(), None));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
