//! The Wayland compositor's outputs, from a connection of our own: each `wl_output` global's
//! name, position and current mode, in the order they were announced (the order winit lists
//! them in), and a thread that reports each output that comes or goes. winit's own list
//! names each output twice and forgets only one of the two when it goes.

use super::DisplayError;
use crate::app::screens::Monitor;
use std::sync::mpsc::{Receiver, Sender, channel};
use wayland_client::protocol::{wl_output, wl_registry};
use wayland_client::{Connection, Dispatch, EventQueue, Proxy, QueueHandle, WEnum};

/// The outputs present, by their registry name, in the order announced.
#[derive(Default)]
struct Outputs {
    list: Vec<(u32, wl_output::WlOutput, Monitor)>,
}

impl Outputs {
    /// The outputs whose mode is known.
    fn monitors(&self) -> Vec<Monitor> {
        self.list
            .iter()
            .map(|(_, _, m)| m.clone())
            .filter(|m| m.width > 0 && m.height > 0)
            .collect()
    }
}

impl Dispatch<wl_registry::WlRegistry, ()> for Outputs {
    fn event(
        state: &mut Self,
        registry: &wl_registry::WlRegistry,
        event: wl_registry::Event,
        _: &(),
        _: &Connection,
        qh: &QueueHandle<Self>,
    ) {
        match event {
            wl_registry::Event::Global {
                name,
                interface,
                version,
            } if interface == "wl_output" => {
                // Version 4 brings the connector's name.
                let output =
                    registry.bind::<wl_output::WlOutput, u32, Self>(name, version.min(4), qh, name);
                state.list.push((
                    name,
                    output,
                    Monitor {
                        name: String::new(),
                        x: 0,
                        y: 0,
                        width: 0,
                        height: 0,
                        primary: false,
                    },
                ));
            }
            wl_registry::Event::GlobalRemove { name } => {
                if let Some(i) = state.list.iter().position(|(n, _, _)| *n == name) {
                    let (_, output, _) = state.list.remove(i);
                    if output.version() >= 3 {
                        output.release();
                    }
                }
            }
            _ => {}
        }
    }
}

impl Dispatch<wl_output::WlOutput, u32> for Outputs {
    fn event(
        state: &mut Self,
        _: &wl_output::WlOutput,
        event: wl_output::Event,
        global: &u32,
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
        let Some((_, _, m)) = state.list.iter_mut().find(|(n, _, _)| n == global) else {
            return;
        };
        match event {
            wl_output::Event::Geometry { x, y, .. } => {
                m.x = x;
                m.y = y;
            }
            wl_output::Event::Mode {
                flags: WEnum::Value(flags),
                width,
                height,
                ..
            } if flags.contains(wl_output::Mode::Current) => {
                m.width = width.max(0) as u32;
                m.height = height.max(0) as u32;
            }
            wl_output::Event::Name { name } => m.name = name,
            _ => {}
        }
    }
}

fn failed(e: impl std::fmt::Display) -> DisplayError {
    DisplayError::Server(e.to_string())
}

/// A connection with the outputs read.
fn open() -> Result<(EventQueue<Outputs>, Outputs), DisplayError> {
    let conn = Connection::connect_to_env().map_err(failed)?;
    let mut queue = conn.new_event_queue();
    let qh = queue.handle();
    conn.display().get_registry(&qh, ());
    let mut state = Outputs::default();
    // The first round trip announces the globals, the second their outputs' details.
    queue.roundtrip(&mut state).map_err(failed)?;
    queue.roundtrip(&mut state).map_err(failed)?;
    Ok((queue, state))
}

/// The compositor's outputs now.
pub fn outputs() -> Result<Vec<Monitor>, DisplayError> {
    Ok(open()?.1.monitors())
}

/// Reports the outputs at once and again whenever one comes or goes, calling `wake` after
/// each report. Ends when the compositor goes away.
pub fn watch(wake: impl Fn() + Send + 'static) -> Result<Receiver<Vec<Monitor>>, DisplayError> {
    let (queue, state) = open()?;
    let (tx, rx) = channel();
    let first = state.monitors();
    let _ = tx.send(first.clone());
    std::thread::Builder::new()
        .name("rostra-outputs".into())
        .spawn(crate::worker::caught(move || {
            watch_loop(queue, state, first, tx, wake)
        }))
        .map_err(failed)?;
    Ok(rx)
}

fn watch_loop(
    mut queue: EventQueue<Outputs>,
    mut state: Outputs,
    mut last: Vec<Monitor>,
    tx: Sender<Vec<Monitor>>,
    wake: impl Fn(),
) {
    loop {
        // A new output's details follow its announcement: one more round trip has them.
        let read = queue
            .blocking_dispatch(&mut state)
            .and_then(|_| queue.roundtrip(&mut state));
        if let Err(e) = read {
            log::info!("output watch ended: {e}");
            return;
        }
        let now = state.monitors();
        if now != last {
            if tx.send(now.clone()).is_err() {
                return;
            }
            last = now;
            wake();
        }
    }
}
