//! A folder for libX11 to keep its compose table in. On X11, winit opens an input method when
//! the event loop is made; without an input-method server that is libX11's own, which reads
//! and parses the locale's Compose file (thousands of lines, a character at a time) on the UI
//! thread before the window exists: 11-13 ms of every launch on a slow laptop. libX11 keeps
//! the parsed table in `$XCOMPOSECACHE` (else `~/.compose-cache`, which few have) and maps it
//! on later launches; it checks the folder's owner and modes, the table's age and the file it
//! came from, and never caches for root. Only a cache: the same compose sequences either way.
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};

/// The folder to offer libX11, or `None` to leave it as it is: the user chose one, or there is
/// no cache folder to put it in.
pub fn folder(chosen: Option<&std::ffi::OsStr>, cache: Option<&Path>) -> Option<PathBuf> {
    if chosen.is_some_and(|c| !c.is_empty()) {
        return None;
    }
    cache.map(|c| c.join("xcompose"))
}

/// Points libX11 at rostra's compose cache (made if missing); call first thing in `main`,
/// before any thread starts. Any failure leaves libX11 parsing as before.
pub fn offer() {
    #[cfg(target_os = "linux")]
    {
        // Only where an X server may be the one the window opens on.
        if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
            return;
        }
        let chosen = std::env::var_os("XCOMPOSECACHE");
        let Some(dir) = folder(chosen.as_deref(), crate::config::cache_dir().as_deref()) else {
            return;
        };
        // libX11 skips a folder others may write to, and a umask of 002 (a user's own group,
        // the default on Debian and Ubuntu) would make one: this one is the user's alone.
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o700);
        if std::fs::create_dir_all(&dir).is_err()
            || std::fs::set_permissions(&dir, private).is_err()
        {
            return;
        }
        // SAFETY: no other thread runs yet (see above), so nothing reads the environment
        // while it changes. Children inherit it: a cache of the same files for them too.
        unsafe { std::env::set_var("XCOMPOSECACHE", &dir) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_in_the_cache_unless_the_user_chose_one() {
        let cache = Path::new("/home/a/.cache/rostra");
        assert_eq!(
            folder(None, Some(cache)),
            Some(PathBuf::from("/home/a/.cache/rostra/xcompose"))
        );
        assert_eq!(
            folder(Some("".as_ref()), Some(cache)),
            Some(PathBuf::from("/home/a/.cache/rostra/xcompose")),
            "an empty value names no folder (libX11 would cache nothing)"
        );
        assert_eq!(folder(Some("/tmp/mine".as_ref()), Some(cache)), None);
        assert_eq!(folder(None, None), None);
    }
}
