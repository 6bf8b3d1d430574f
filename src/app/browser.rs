//! Handing a web or mail link to the system's browser: the platform's opener, started on a
//! thread of its own so the talk never waits for it. Only `http`, `https` and `mailto`
//! links get here (`deck::links::link_kind` decides).

use std::process::Command;

/// Opens `url` with the platform's opener (`xdg-open`, `open`, `explorer`), off the UI thread.
pub(super) fn open(url: &str) {
    let url = url.trim().to_string();
    let spawned = std::thread::Builder::new()
        .name("rostra-open-link".into())
        .spawn(crate::worker::caught(move || {
            let opener = if cfg!(target_os = "macos") {
                "open"
            } else if cfg!(windows) {
                // explorer takes the URL as one argument; no shell parses it.
                "explorer"
            } else {
                "xdg-open"
            };
            match Command::new(opener).arg(&url).spawn() {
                Ok(mut child) => {
                    // Reaped here, so no zombie is left behind.
                    let _ = child.wait();
                }
                Err(e) => log::warn!("cannot open {url} with {opener}: {e}"),
            }
        }));
    if let Err(e) = spawned {
        log::warn!("cannot start the thread that opens links: {e}");
    }
}
