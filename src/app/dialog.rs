//! Whether this desktop can show the open dialog: rfd asks the desktop portal over D-Bus,
//! else runs zenity; with neither, the welcome screen says so and offers the other ways in.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// How an open dialog can be shown here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogSupport {
    /// The desktop portal's dialog (GNOME, KDE and most desktops).
    Portal,
    /// zenity's dialog.
    Zenity,
    /// None: decks come by drop or on the command line.
    Unavailable,
}

/// What the desktop offers: a session bus with the portal service installed, or zenity.
pub fn support(session_bus: bool, portal_installed: bool, zenity: bool) -> DialogSupport {
    if session_bus && portal_installed {
        DialogSupport::Portal
    } else if zenity {
        DialogSupport::Zenity
    } else {
        DialogSupport::Unavailable
    }
}

/// Whether `name` is an executable file in one of `path`'s folders.
fn on_path(path: Option<&OsStr>, name: &str) -> bool {
    path.is_some_and(|p| std::env::split_paths(p).any(|dir| dir.join(name).is_file()))
}

/// The folders D-Bus reads service files from: `$XDG_DATA_HOME` and `$XDG_DATA_DIRS`.
fn service_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(home) = std::env::var_os("XDG_DATA_HOME") {
        dirs.push(PathBuf::from(home));
    } else if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".local/share"));
    }
    match std::env::var_os("XDG_DATA_DIRS").filter(|v| !v.is_empty()) {
        Some(v) => dirs.extend(std::env::split_paths(&v)),
        None => dirs.extend(["/usr/local/share", "/usr/share"].map(PathBuf::from)),
    }
    dirs
}

/// What this machine offers, read from the environment and a few files.
pub fn detect() -> DialogSupport {
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    let portal = service_dirs().iter().any(|d| {
        d.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    });
    let zenity = on_path(std::env::var_os("PATH").as_deref(), "zenity");
    support(bus, portal, zenity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_needs_a_bus_zenity_does_not() {
        assert_eq!(support(true, true, false), DialogSupport::Portal);
        assert_eq!(support(false, true, true), DialogSupport::Zenity);
        assert_eq!(support(true, false, true), DialogSupport::Zenity);
        assert_eq!(support(true, false, false), DialogSupport::Unavailable);
        assert_eq!(support(false, true, false), DialogSupport::Unavailable);
    }

    #[test]
    fn a_program_is_found_on_the_path_only_where_it_is() {
        let dir = std::env::temp_dir().join(format!("rostra-path-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("zenity"), b"").expect("write");
        let path = std::env::join_paths([Path::new("/nonexistent"), dir.as_path()]).expect("path");
        assert!(on_path(Some(&path), "zenity"));
        assert!(!on_path(Some(&path), "kdialog"));
        assert!(!on_path(None, "zenity"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
