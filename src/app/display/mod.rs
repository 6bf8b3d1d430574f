//! The monitors as the display server itself reports them, and, on X11, placing our windows
//! on them. winit's own list names each Wayland output twice and, on X11, is read once and
//! goes stale when a projector is plugged in or pulled out (winit #3405), so the layout is
//! decided from these readings. The decision itself is the pure [`super::screens::place`].

use super::screens::Monitor;

#[cfg(target_os = "linux")]
pub mod lost;
#[cfg(target_os = "linux")]
pub mod wayland;
#[cfg(target_os = "linux")]
pub mod x11;

/// What went wrong asking the display server.
#[derive(Debug, thiserror::Error)]
pub enum DisplayError {
    /// No display server to ask (no `WAYLAND_DISPLAY` nor `DISPLAY`, or another OS).
    #[error("no display server to ask")]
    NoServer,
    /// The display server could not be reached or refused a request.
    #[error("the display server: {0}")]
    Server(String),
}

/// Which display server the windows talk to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    /// A Wayland compositor.
    Wayland,
    /// An X server (Xorg, or Xwayland under a compositor).
    X11,
}

/// The server winit will pick: Wayland when its socket is named, else X11 when `DISPLAY` is.
pub fn server_from_env() -> Option<Server> {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if set("WAYLAND_DISPLAY") || set("WAYLAND_SOCKET") {
        Some(Server::Wayland)
    } else if set("DISPLAY") {
        Some(Server::X11)
    } else {
        None
    }
}

/// Reports the monitors at once and at each change, on a thread of its own, calling `wake`
/// after each report.
pub fn watch(
    server: Server,
    wake: impl Fn() + Send + 'static,
) -> Result<std::sync::mpsc::Receiver<Vec<Monitor>>, DisplayError> {
    #[cfg(target_os = "linux")]
    {
        match server {
            Server::Wayland => wayland::watch(wake),
            Server::X11 => x11::watch(wake),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (server, wake);
        Err(DisplayError::NoServer)
    }
}

/// The monitors now, in the order winit will list them (so an index can pick one for a
/// window before the window exists).
pub fn monitors(server: Server) -> Result<Vec<Monitor>, DisplayError> {
    #[cfg(target_os = "linux")]
    {
        match server {
            Server::Wayland => wayland::outputs(),
            Server::X11 => x11::monitors(),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = server;
        Err(DisplayError::NoServer)
    }
}
