//! Recently opened decks and where each was left, so reopening one returns to that slide.
//! Kept as JSON in rostra's state folder; a file that cannot be read is treated as empty.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One remembered deck.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentDeck {
    /// The deck file.
    pub path: PathBuf,
    /// The slide index it was left at.
    pub slide: usize,
    /// Fragment steps shown there.
    pub shown: usize,
}

/// The list, most recent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentDecks {
    /// Most recent first, at most [`RecentDecks::MAX`].
    pub decks: Vec<RecentDeck>,
}

impl RecentDecks {
    /// How many are kept.
    pub const MAX: usize = 12;

    /// Reads the list at `path`; anything unreadable gives an empty list.
    pub fn load(path: &Path) -> RecentDecks {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the list to `path` (through a temporary file, so a crash never leaves half).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)
    }

    /// Puts `path` first with its position.
    pub fn remember(&mut self, path: &Path, slide: usize, shown: usize) {
        self.decks.retain(|d| d.path != path);
        self.decks.insert(
            0,
            RecentDeck {
                path: path.to_path_buf(),
                slide,
                shown,
            },
        );
        self.decks.truncate(Self::MAX);
    }

    /// Where `path` was left, if remembered.
    pub fn position_of(&self, path: &Path) -> Option<(usize, usize)> {
        self.decks
            .iter()
            .find(|d| d.path == path)
            .map(|d| (d.slide, d.shown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_most_recent_first_and_garbage_is_empty() {
        let dir = std::env::temp_dir().join(format!("rostra-recent-{}", std::process::id()));
        let file = dir.join("recent.json");
        let mut r = RecentDecks::default();
        r.remember(Path::new("/a/one.md"), 3, 1);
        r.remember(Path::new("/b/two.md"), 7, 0);
        r.remember(Path::new("/a/one.md"), 5, 2);
        r.save(&file).expect("saves");
        let back = RecentDecks::load(&file);
        assert_eq!(back, r);
        assert_eq!(back.decks[0].path, Path::new("/a/one.md"));
        assert_eq!(back.position_of(Path::new("/a/one.md")), Some((5, 2)));
        assert_eq!(back.decks.len(), 2);
        std::fs::write(&file, b"\xff\x00 not json").expect("write");
        assert_eq!(RecentDecks::load(&file), RecentDecks::default());
        for i in 0..30 {
            r.remember(&PathBuf::from(format!("/d/{i}.md")), 0, 0);
        }
        assert_eq!(r.decks.len(), RecentDecks::MAX);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
