//! The display server going away mid-talk (the X server killed, the desktop session ended,
//! an SSH tunnel dropped) ends rostra with one line and a status of its own, instead of
//! Xlib's exit or a panic's backtrace. Where the talk was is already saved (the recent list
//! is written within half a second of each move), so starting again continues there.
//!
//! How the loss shows: Xlib calls its I/O error handler (ours is installed here, the one
//! place rostra calls C: libX11 through x11-dl, the loader winit itself uses); winit on
//! Wayland returns an error ([`exit_if_gone`] looks then); anything else (winit on XCB, the
//! GPU surface) panics, and the panic hook asks whether the server is still there and, if
//! not, says so instead of printing the panic.
#![allow(unsafe_code)]

use super::Server;
use std::os::raw::c_int;
use std::sync::atomic::{AtomicBool, Ordering};

/// The exit status when the display server went away.
pub const EXIT_STATUS: i32 = 3;

/// Makes the loss of the display server end the process with [`message`] and
/// [`EXIT_STATUS`]. Call once, before the window opens; other panics are reported as before.
pub fn end_cleanly_on_loss() {
    // Kept open for the whole run: closed, libX11 could unload (winit opens it later) and
    // forget the handler.
    static XLIB: std::sync::OnceLock<Option<x11_dl::xlib::Xlib>> = std::sync::OnceLock::new();
    if let Some(xlib) = XLIB.get_or_init(|| x11_dl::xlib::Xlib::open().ok()) {
        // SAFETY: XSetIOErrorHandler only stores the function pointer (process-wide, as
        // Xlib's handlers are); `io_error` has the signature Xlib calls and never returns
        // into it.
        unsafe {
            (xlib.XSetIOErrorHandler)(Some(io_error));
        }
    }
    if super::server_from_env() == Some(Server::Wayland) {
        // A socket connect (microseconds): whether "cannot reach it" later means it went away.
        WAYLAND_AT_START.store(reachable(Server::Wayland), Ordering::Relaxed);
    }
    let earlier = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(server) = super::server_from_env()
            && !reachable(server)
        {
            exit_lost(server);
        }
        earlier(info);
    }));
}

/// Whether the Wayland compositor answered when [`end_cleanly_on_loss`] was called.
static WAYLAND_AT_START: AtomicBool = AtomicBool::new(false);

/// After the window loop failed: if the Wayland compositor that was there at the start is
/// gone (winit reports that as an error, not through a handler), ends the process as
/// [`end_cleanly_on_loss`] does. Otherwise returns, and the error is the caller's to report.
pub fn exit_if_gone() {
    if WAYLAND_AT_START.load(Ordering::Relaxed) && !reachable(Server::Wayland) {
        exit_lost(Server::Wayland);
    }
}

/// The line printed when the display server named by the environment went away.
pub fn message(server: Server) -> String {
    let what = match server {
        Server::X11 => format!(
            "the X server {} went away",
            std::env::var("DISPLAY").unwrap_or_default()
        ),
        Server::Wayland => format!(
            "the Wayland compositor {} went away",
            std::env::var("WAYLAND_DISPLAY").unwrap_or_default()
        ),
    };
    format!("rostra: {what}; the talk ended where it was (start rostra again to continue there)")
}

/// Called by Xlib when the connection broke; Xlib would exit(1) after it returns.
unsafe extern "C" fn io_error(_display: *mut x11_dl::xlib::Display) -> c_int {
    exit_lost(Server::X11)
}

fn exit_lost(server: Server) -> ! {
    eprintln!("{}", message(server));
    std::process::exit(EXIT_STATUS)
}

/// Whether a new connection to `server` can be made (a panic right after the old one broke
/// finds the socket gone).
fn reachable(server: Server) -> bool {
    match server {
        Server::X11 => x11rb::connect(None).is_ok(),
        Server::Wayland => {
            let Some(name) = std::env::var_os("WAYLAND_DISPLAY") else {
                // Handed a socket (`WAYLAND_SOCKET`): nothing to try again; assume alive.
                return true;
            };
            let path = std::path::Path::new(&name);
            let path = if path.is_absolute() {
                path.to_path_buf()
            } else {
                match std::env::var_os("XDG_RUNTIME_DIR") {
                    Some(dir) => std::path::Path::new(&dir).join(path),
                    None => return true,
                }
            };
            std::os::unix::net::UnixStream::connect(path).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_is_one_line_naming_the_server() {
        let m = message(Server::X11);
        assert!(!m.contains('\n'), "{m}");
        assert!(
            m.starts_with("rostra: the X server") && m.contains("again"),
            "{m}"
        );
        assert!(message(Server::Wayland).contains("Wayland compositor"));
    }
}
