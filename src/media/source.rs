//! Where an image `src` is read from: a path inside the deck's folder, never outside it; an
//! http(s) image from its copy in the remote cache ([`super::remote`]), so no URL ever reads a
//! local file. Which sources are remote is the deck's rule ([`crate::deck::is_remote`]).

use super::remote::{self, RemoteCache};
use crate::deck::local_part;
use std::path::{Path, PathBuf};

/// Where a deck's sources are read from: its folder for local ones, the cache (filled from the
/// network unless offline) for http(s) images.
#[derive(Clone, Debug)]
pub struct Resolver {
    /// The deck's folder.
    pub base: PathBuf,
    /// The remote-image cache.
    pub cache: RemoteCache,
    /// Whether nothing may be fetched (only the cache is read).
    pub offline: bool,
}

impl Resolver {
    /// Sources of the deck in `base`, with the user's cache and the process's offline setting.
    pub fn for_deck(base: PathBuf) -> Resolver {
        Resolver {
            base,
            cache: RemoteCache::user(),
            offline: remote::offline(),
        }
    }

    /// The file `src` is read from: a checked local path, or a remote image's cached copy
    /// (fetched first when online). Runs on a worker thread: it may wait on the network.
    pub fn resolve(&self, src: &str) -> Result<PathBuf, String> {
        if remote::is_fetched(src) {
            if super::video::is_video(src) {
                return Err("remote videos are not fetched; save the video beside the deck".into());
            }
            return self.cache.get(src, self.offline).map_err(|e| e.to_string());
        }
        resolve_local(&self.base, src)
    }

    /// Whether `src` can be asked for at all (a local path or an http(s) image), or why not,
    /// without touching the disk or the network.
    pub fn admissible(&self, src: &str) -> Result<(), String> {
        if remote::is_fetched(src) {
            return Ok(());
        }
        local_path(&self.base, src).map(|_| ())
    }
}

/// Where a deck's image `src` is read from: a local path inside the deck's folder `base`.
/// Remote URLs are never fetched, and a path that leads outside the folder (`../..`, an
/// absolute path, a link elsewhere) is refused unread, as are device files.
pub fn resolve_local(base: &Path, src: &str) -> Result<PathBuf, String> {
    let path = local_path(base, src)?;
    let real =
        std::fs::canonicalize(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let root = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    if !real.starts_with(&root) {
        return Err(format!(
            "{} is outside the deck's folder; not read",
            path.display()
        ));
    }
    Ok(real)
}

/// The path `src` names under `base`, without touching the disk; remote sources
/// ([`is_remote`](crate::deck::is_remote)) are refused.
pub fn local_path(base: &Path, src: &str) -> Result<PathBuf, String> {
    local_part(src)
        .map(|rel| base.join(rel))
        .ok_or_else(|| "only local files and http(s) images are read".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_deck_folder_and_device_files_are_refused_unread() {
        let dir = std::env::temp_dir().join(format!("rostra-resolve-{}", std::process::id()));
        let deck = dir.join("deck");
        std::fs::create_dir_all(deck.join("img")).expect("dirs");
        std::fs::write(deck.join("img/ok.png"), b"x").expect("write");
        std::fs::write(dir.join("secret.png"), b"x").expect("write");
        assert!(resolve_local(&deck, "img/ok.png").is_ok());
        assert!(resolve_local(&deck, "./img/ok.png?v=2#x").is_ok());
        let outside = resolve_local(&deck, "../secret.png").expect_err("outside");
        assert!(outside.contains("outside the deck's folder"), "{outside}");
        assert!(resolve_local(&deck, "/dev/zero").is_err());
        assert!(resolve_local(&deck, "file:///etc/passwd").is_err());
        assert!(resolve_local(&deck, "https://example.org/a.png").is_err());
        #[cfg(unix)]
        {
            // A link inside the folder that leads to a device is refused too.
            let _ = std::os::unix::fs::symlink("/dev/zero", deck.join("img/zero.png"));
            let e = resolve_local(&deck, "img/zero.png").expect_err("device");
            assert!(e.contains("outside"), "{e}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
