//! Live reload: watches the deck's folder and its images' folders, and when something the
//! deck uses changes, reads the deck again off the UI thread. Editors that save by writing a
//! temporary file and renaming it over the deck work, because folders are watched, not files.

use crate::deck::{self, Deck};
use notify::{RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the watcher reports.
#[derive(Debug)]
pub enum WatchEvent {
    /// The deck was saved and read again (or could not be read: the reason).
    Deck(Result<Box<Deck>, String>),
    /// The deck file is gone (deleted, or moved away).
    Deleted,
    /// Images the deck uses changed (sources as the deck writes them).
    Images(Vec<String>),
}

/// A running watch on one deck.
pub struct DeckWatcher {
    events: Receiver<WatchEvent>,
    images: Arc<Mutex<Vec<(String, PathBuf)>>>,
    _watcher: notify::RecommendedWatcher,
}

/// Quiet time after the last change before the deck is read: editors write in bursts.
const SETTLE: Duration = Duration::from_millis(80);

impl DeckWatcher {
    /// Starts watching `path` (and `images`: source and full path); `wake` is called after
    /// each report so the UI looks at it.
    pub fn start(
        path: &Path,
        options: deck::Options,
        images: Vec<(String, PathBuf)>,
        wake: impl Fn() + Send + 'static,
    ) -> Result<DeckWatcher, String> {
        let deck_path = path.to_path_buf();
        let (raw_tx, raw_rx) = channel::<PathBuf>();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            // Opening and reading a file is an event too: without this filter, decoding an
            // image would report it changed, and it would be decoded again, forever.
            if let Ok(ev) = res
                && !ev.kind.is_access()
                && !ev.kind.is_other()
            {
                for p in ev.paths {
                    let _ = raw_tx.send(p);
                }
            }
        })
        .map_err(|e| format!("cannot watch files: {e}"))?;
        let mut dirs: HashSet<PathBuf> = HashSet::new();
        dirs.insert(parent_of(&deck_path));
        for (_, p) in &images {
            dirs.insert(parent_of(p));
        }
        for d in &dirs {
            // A folder that cannot be watched (gone, no permission) only loses live reload.
            if let Err(e) = watcher.watch(d, RecursiveMode::NonRecursive) {
                log::warn!("not watching {}: {e}", d.display());
            }
        }
        let images = Arc::new(Mutex::new(images));
        let shared = images.clone();
        let (tx, rx) = channel::<WatchEvent>();
        std::thread::Builder::new()
            .name("rostra-watch".into())
            .spawn(crate::worker::caught(move || {
                while let Ok(first) = raw_rx.recv() {
                    let mut touched = vec![first];
                    loop {
                        match raw_rx.recv_timeout(SETTLE) {
                            Ok(p) => touched.push(p),
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    let same = |a: &Path, b: &Path| {
                        a == b || a.file_name() == b.file_name() && parent_of(a) == parent_of(b)
                    };
                    if touched.iter().any(|p| same(p, &deck_path)) {
                        let ev = if deck_path.exists() {
                            // A parser bug is reported as this save's error (the banner
                            // says so, the last good deck stays); the next save is read again.
                            let read = crate::worker::guard(|| {
                                deck::load(&deck_path, &options)
                                    .map(Box::new)
                                    .map_err(|e| e.to_string())
                            });
                            WatchEvent::Deck(read.unwrap_or_else(|e| {
                                log::error!("reading the saved deck failed: {e}");
                                Err(format!("rostra failed on an internal error: {e}"))
                            }))
                        } else {
                            WatchEvent::Deleted
                        };
                        if tx.send(ev).is_err() {
                            return;
                        }
                    }
                    // Only ever written whole, so a poisoned list is still a whole list.
                    let changed: Vec<String> = shared
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .iter()
                        .filter(|(_, p)| touched.iter().any(|t| same(t, p)))
                        .map(|(s, _)| s.clone())
                        .collect();
                    if !changed.is_empty() && tx.send(WatchEvent::Images(changed)).is_err() {
                        return;
                    }
                    wake();
                }
            }))
            .map_err(|e| format!("cannot start the watch thread: {e}"))?;
        Ok(DeckWatcher {
            events: rx,
            images,
            _watcher: watcher,
        })
    }

    /// What happened since the last look.
    pub fn poll(&self) -> Vec<WatchEvent> {
        self.events.try_iter().collect()
    }

    /// Waits up to `timeout` for the next report (tests).
    pub fn wait(&self, timeout: Duration) -> Option<WatchEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// Replaces the watched images after a reload (new folders are not added: a deck that
    /// starts using a new folder is watched there from its next opening).
    pub fn set_images(&self, images: Vec<(String, PathBuf)>) {
        if let Ok(mut list) = self.images.lock() {
            *list = images;
        }
    }
}

fn parent_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether a freshly read deck is too broken to replace the one on screen: no slides (a
/// half-written save) or an error (bad front matter, bad separators).
pub fn broken(deck: &Deck) -> Option<String> {
    if deck.slides.is_empty() || deck.slides.iter().all(|s| s.blocks.is_empty()) {
        return Some("the saved deck has no slides".into());
    }
    deck.diagnostics
        .iter()
        .find(|d| d.severity == crate::deck::Severity::Error)
        .map(|d| format!("line {}: {}", d.span.line, d.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_for(w: &DeckWatcher, what: &str, f: impl Fn(&WatchEvent) -> bool) -> WatchEvent {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if let Some(ev) = w.wait(Duration::from_millis(200))
                && f(&ev)
            {
                return ev;
            }
        }
        panic!("no {what} within 10 s");
    }

    #[test]
    fn write_rename_delete_and_image_changes_are_reported() {
        let dir = std::env::temp_dir().join(format!("rostra-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let deck_path = dir.join("talk.md");
        std::fs::write(&deck_path, "# One\n").expect("write");
        std::fs::write(dir.join("pic.png"), b"x").expect("write");
        let w = DeckWatcher::start(
            &deck_path,
            deck::Options::default(),
            vec![("pic.png".into(), dir.join("pic.png"))],
            || {},
        )
        .expect("watches");
        // A plain write.
        std::fs::write(&deck_path, "# One\n---\n# Two\n").expect("write");
        let ev = wait_for(&w, "reload", |e| matches!(e, WatchEvent::Deck(_)));
        assert!(matches!(ev, WatchEvent::Deck(Ok(d)) if d.slides.len() == 2));
        // Write a temporary file and rename it over the deck, as many editors save.
        let tmp = dir.join(".talk.md.swp");
        std::fs::write(&tmp, "# A\n---\n# B\n---\n# C\n").expect("write");
        std::fs::rename(&tmp, &deck_path).expect("rename");
        let ev = wait_for(
            &w,
            "reload after rename",
            |e| matches!(e, WatchEvent::Deck(Ok(d)) if d.slides.len() == 3),
        );
        assert!(matches!(ev, WatchEvent::Deck(_)));
        // Reading an image (as the decoder does) is not a change: that would decode forever.
        let _ = std::fs::read(dir.join("pic.png")).expect("read");
        let _ = std::fs::read(&deck_path).expect("read");
        let quiet = w.wait(Duration::from_millis(400));
        assert!(quiet.is_none(), "a read was reported: {quiet:?}");
        // An image changes.
        std::fs::write(dir.join("pic.png"), b"yy").expect("write");
        let ev = wait_for(&w, "image change", |e| matches!(e, WatchEvent::Images(_)));
        assert!(matches!(ev, WatchEvent::Images(v) if v == vec!["pic.png".to_string()]));
        // Deleted.
        std::fs::remove_file(&deck_path).expect("delete");
        wait_for(&w, "deletion", |e| matches!(e, WatchEvent::Deleted));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn half_written_and_bad_front_matter_saves_are_broken() {
        let o = deck::Options::default();
        assert!(broken(&deck::parse("", &o).expect("parses")).is_some());
        assert!(broken(&deck::parse("---\ntitle: [\n---\n# A\n", &o).expect("parses")).is_some());
        assert!(broken(&deck::parse("# fine\n", &o).expect("parses")).is_none());
    }
}
