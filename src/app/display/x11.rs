//! The X server's monitors through RandR on a connection of our own (winit's list is read
//! once and never again: its RandR events are lost on the way), a thread that reports each
//! change as it happens, and moving our full-screen windows onto a monitor winit does not
//! know about, by the window manager's protocol (EWMH), as a desktop's own tools do.

use super::DisplayError;
use crate::app::screens::Monitor;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};
use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::randr::{self, ConnectionExt as _};
use x11rb::protocol::xproto::{self, AtomEnum, ConnectionExt as _, EventMask};
use x11rb::rust_connection::RustConnection;

fn failed(e: impl std::fmt::Display) -> DisplayError {
    DisplayError::Server(e.to_string())
}

fn connect() -> Result<(RustConnection, xproto::Window), DisplayError> {
    let (conn, screen) = x11rb::connect(None).map_err(failed)?;
    let root = conn
        .setup()
        .roots
        .get(screen)
        .map(|s| s.root)
        .ok_or_else(|| failed("no such screen"))?;
    Ok((conn, root))
}

/// The enabled CRTCs, in the server's order (the order winit lists monitors in).
fn read(conn: &RustConnection, root: xproto::Window) -> Result<Vec<Monitor>, DisplayError> {
    let res = conn
        .randr_get_screen_resources_current(root)
        .map_err(failed)?
        .reply()
        .map_err(failed)?;
    let primary = conn
        .randr_get_output_primary(root)
        .map_err(failed)?
        .reply()
        .map_err(failed)?
        .output;
    let mut out = Vec::new();
    for &crtc in &res.crtcs {
        let info = conn
            .randr_get_crtc_info(crtc, x11rb::CURRENT_TIME)
            .map_err(failed)?
            .reply()
            .map_err(failed)?;
        let Some(&output) = info.outputs.first() else {
            continue;
        };
        if info.width == 0 || info.height == 0 {
            continue;
        }
        let name = conn
            .randr_get_output_info(output, x11rb::CURRENT_TIME)
            .map_err(failed)?
            .reply()
            .map(|o| String::from_utf8_lossy(&o.name).into_owned())
            .unwrap_or_default();
        out.push(Monitor {
            name,
            x: info.x.into(),
            y: info.y.into(),
            width: info.width.into(),
            height: info.height.into(),
            primary: output == primary,
        });
    }
    Ok(out)
}

/// The monitors now.
pub fn monitors() -> Result<Vec<Monitor>, DisplayError> {
    let (conn, root) = connect()?;
    read(&conn, root)
}

/// Reports the monitors at once and again whenever RandR says they changed, calling `wake`
/// after each report so the UI looks. Ends when the X server goes away.
pub fn watch(wake: impl Fn() + Send + 'static) -> Result<Receiver<Vec<Monitor>>, DisplayError> {
    let (conn, root) = connect()?;
    let mask = randr::NotifyMask::SCREEN_CHANGE
        | randr::NotifyMask::CRTC_CHANGE
        | randr::NotifyMask::OUTPUT_CHANGE;
    conn.randr_select_input(root, mask).map_err(failed)?;
    conn.flush().map_err(failed)?;
    let (tx, rx) = channel();
    let first = read(&conn, root)?;
    let _ = tx.send(first.clone());
    std::thread::Builder::new()
        .name("rostra-randr".into())
        .spawn(crate::worker::caught(move || {
            watch_loop(conn, root, first, tx, wake)
        }))
        .map_err(failed)?;
    Ok(rx)
}

fn watch_loop(
    conn: RustConnection,
    root: xproto::Window,
    mut last: Vec<Monitor>,
    tx: Sender<Vec<Monitor>>,
    wake: impl Fn(),
) {
    loop {
        match conn.wait_for_event() {
            Ok(Event::RandrScreenChangeNotify(_) | Event::RandrNotify(_)) => {}
            Ok(_) => continue,
            Err(e) => {
                log::info!("monitor watch ended: {e}");
                return;
            }
        }
        // xrandr sends a burst of events for one change: read once it is over.
        std::thread::sleep(Duration::from_millis(100));
        while let Ok(Some(_)) = conn.poll_for_event() {}
        match read(&conn, root) {
            Ok(now) if now != last => {
                if tx.send(now.clone()).is_err() {
                    return;
                }
                last = now;
                wake();
            }
            Ok(_) => {}
            Err(e) => log::warn!("cannot read the monitors: {e}"),
        }
    }
}

/// Where one of our windows should be: its X11 class and the monitor it fills.
#[derive(Clone, Debug)]
pub struct Target {
    /// The window's `WM_CLASS` class (its app id).
    pub class: String,
    /// The monitor it is to fill.
    pub monitor: Monitor,
}

/// Makes each of this process's windows named in `targets` full-screen on its monitor, on a
/// thread, trying for a few seconds (a window may not be mapped yet). Windows already in
/// place are left alone.
pub fn place(targets: Vec<Target>) {
    let spawned = std::thread::Builder::new()
        .name("rostra-place".into())
        .spawn(crate::worker::caught(move || {
            if let Err(e) = place_now(&targets) {
                log::warn!("cannot move the windows: {e}");
            }
        }));
    if let Err(e) = spawned {
        log::warn!("cannot move the windows: {e}");
    }
}

/// The atoms the window manager's protocol needs.
struct Atoms {
    client_list: xproto::Atom,
    pid: xproto::Atom,
    state: xproto::Atom,
    fullscreen: xproto::Atom,
}

fn atom(conn: &RustConnection, name: &str) -> Result<xproto::Atom, DisplayError> {
    Ok(conn
        .intern_atom(false, name.as_bytes())
        .map_err(failed)?
        .reply()
        .map_err(failed)?
        .atom)
}

fn place_now(targets: &[Target]) -> Result<(), DisplayError> {
    let (conn, root) = connect()?;
    let atoms = Atoms {
        client_list: atom(&conn, "_NET_CLIENT_LIST")?,
        pid: atom(&conn, "_NET_WM_PID")?,
        state: atom(&conn, "_NET_WM_STATE")?,
        fullscreen: atom(&conn, "_NET_WM_STATE_FULLSCREEN")?,
    };
    let deadline = Instant::now() + Duration::from_secs(4);
    let mut done: Vec<bool> = vec![false; targets.len()];
    while Instant::now() < deadline && done.iter().any(|d| !d) {
        let ours = our_windows(&conn, root, &atoms)?;
        for (t, done) in targets.iter().zip(done.iter_mut()) {
            if *done {
                continue;
            }
            let Some(&(w, _)) = ours.iter().find(|(_, class)| *class == t.class) else {
                continue;
            };
            if fills(&conn, root, w, &t.monitor)? {
                *done = true;
                continue;
            }
            refullscreen(&conn, root, w, &atoms, &t.monitor)?;
            // Looked at again next round: the window manager answers in its own time.
        }
        std::thread::sleep(Duration::from_millis(400));
    }
    Ok(())
}

/// This process's top-level windows and their classes, as the window manager lists them.
fn our_windows(
    conn: &RustConnection,
    root: xproto::Window,
    atoms: &Atoms,
) -> Result<Vec<(xproto::Window, String)>, DisplayError> {
    let list = conn
        .get_property(false, root, atoms.client_list, AtomEnum::WINDOW, 0, 4096)
        .map_err(failed)?
        .reply()
        .map_err(failed)?;
    let me = std::process::id();
    let mut out = Vec::new();
    for w in list.value32().into_iter().flatten() {
        let pid = conn
            .get_property(false, w, atoms.pid, AtomEnum::CARDINAL, 0, 1)
            .map_err(failed)?
            .reply()
            .ok()
            .and_then(|p| p.value32().and_then(|mut v| v.next()));
        if pid != Some(me) {
            continue;
        }
        let class = conn
            .get_property(false, w, AtomEnum::WM_CLASS, AtomEnum::STRING, 0, 256)
            .map_err(failed)?
            .reply()
            .map(|p| class_of(&p.value))
            .unwrap_or_default();
        out.push((w, class));
    }
    Ok(out)
}

/// The class half of a `WM_CLASS` value ("instance\0class\0").
fn class_of(value: &[u8]) -> String {
    let mut parts = value.split(|b| *b == 0);
    let _instance = parts.next();
    String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned()
}

/// Whether window `w` covers exactly monitor `m`.
fn fills(
    conn: &RustConnection,
    root: xproto::Window,
    w: xproto::Window,
    m: &Monitor,
) -> Result<bool, DisplayError> {
    let geo = conn
        .get_geometry(w)
        .map_err(failed)?
        .reply()
        .map_err(failed)?;
    let at = conn
        .translate_coordinates(w, root, 0, 0)
        .map_err(failed)?
        .reply()
        .map_err(failed)?;
    Ok(i32::from(at.dst_x) == m.x
        && i32::from(at.dst_y) == m.y
        && u32::from(geo.width) == m.width
        && u32::from(geo.height) == m.height)
}

/// Leaves full screen, moves onto `m`, and asks for full screen again: the window manager
/// fills the monitor the window is on.
fn refullscreen(
    conn: &RustConnection,
    root: xproto::Window,
    w: xproto::Window,
    atoms: &Atoms,
    m: &Monitor,
) -> Result<(), DisplayError> {
    let state = |add: u32| -> Result<(), DisplayError> {
        // Source 1: an application's request (EWMH _NET_WM_STATE).
        let msg =
            xproto::ClientMessageEvent::new(32, w, atoms.state, [add, atoms.fullscreen, 0, 1, 0]);
        conn.send_event(
            false,
            root,
            EventMask::SUBSTRUCTURE_REDIRECT | EventMask::SUBSTRUCTURE_NOTIFY,
            msg,
        )
        .map_err(failed)?;
        conn.flush().map_err(failed)
    };
    state(0)?;
    std::thread::sleep(Duration::from_millis(100));
    let size = xproto::ConfigureWindowAux::new()
        .x(m.x)
        .y(m.y)
        .width(m.width)
        .height(m.height);
    conn.configure_window(w, &size).map_err(failed)?;
    conn.flush().map_err(failed)?;
    std::thread::sleep(Duration::from_millis(100));
    state(1)
}

#[cfg(test)]
mod tests {
    use super::class_of;

    #[test]
    fn the_class_is_the_second_string_of_wm_class() {
        assert_eq!(class_of(b"\0rostra-console\0"), "rostra-console");
        assert_eq!(class_of(b"rostra\0rostra\0"), "rostra");
        assert_eq!(class_of(b""), "");
    }
}
