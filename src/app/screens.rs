//! Which monitor shows what: the audience view full-screen on the external monitor, the
//! presenter console on the laptop's own screen; one window when there is one monitor.
//! Pure: the app passes what the display server reports (X11's RandR, Wayland's outputs, or
//! winit's list, which names each Wayland output twice).

/// One monitor as the display server reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Monitor {
    /// The output's connector name (`eDP-1`, `HDMI-A-1`, `DUMMY0`); empty when unknown.
    pub name: String,
    /// Left edge in the desktop's pixels.
    pub x: i32,
    /// Top edge in the desktop's pixels.
    pub y: i32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Whether the desktop marks it primary (X11); Wayland has no such mark.
    pub primary: bool,
}

impl Monitor {
    /// The same output reported twice: the same connector, or the same place when unnamed.
    pub fn same_output(&self, other: &Monitor) -> bool {
        if !self.name.is_empty() || !other.name.is_empty() {
            return self.name == other.name;
        }
        (self.x, self.y, self.width, self.height) == (other.x, other.y, other.width, other.height)
    }

    /// Whether this is a laptop's built-in panel, by the connector names kernels give them.
    fn built_in(&self) -> bool {
        ["eDP", "LVDS", "DSI"]
            .iter()
            .any(|p| self.name.starts_with(p))
    }
}

/// The distinct monitors in `raw`: the index in `raw` of each output's first report, in order.
pub fn distinct(raw: &[Monitor]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for (i, m) in raw.iter().enumerate() {
        if m.width == 0 || m.height == 0 {
            continue;
        }
        if !out.iter().any(|&j| raw[j].same_output(m)) {
            out.push(i);
        }
    }
    out
}

/// Where `m` is in `list` (another reading of the same desktop), if it is there.
pub fn index_of(list: &[Monitor], m: &Monitor) -> Option<usize> {
    list.iter().position(|x| x.same_output(m))
}

/// The laptop's own screen among `monitors`: the primary one, else a built-in panel, else the
/// first (a desktop computer's first output).
pub fn laptop(monitors: &[&Monitor]) -> usize {
    monitors
        .iter()
        .position(|m| m.primary)
        .or_else(|| monitors.iter().position(|m| m.built_in()))
        .unwrap_or(0)
}

/// Where the views go for the monitors in `raw` (duplicates allowed), as indices into `raw`.
/// `audience_choice` counts distinct monitors from 0, in the order the desktop lists them.
pub fn place(raw: &[Monitor], audience_choice: Option<usize>, swapped: bool) -> Layout {
    let ids = distinct(raw);
    let list: Vec<&Monitor> = ids.iter().map(|&i| &raw[i]).collect();
    let monitors = Monitors {
        count: list.len(),
        primary: Some(laptop(&list)),
    };
    match assign(monitors, audience_choice, swapped) {
        Layout::Single => Layout::Single,
        Layout::Split { audience, console } => Layout::Split {
            audience: ids[audience],
            console: ids[console],
        },
    }
}

/// How many monitors there are, and which is the laptop's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Monitors {
    /// How many there are.
    pub count: usize,
    /// The primary one's index, when known.
    pub primary: Option<usize>,
}

/// Where the two views go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One screen: one window, a key switches it between audience and console.
    Single,
    /// Two or more: each view full-screen on its own monitor (indices).
    Split {
        /// The audience's monitor.
        audience: usize,
        /// The console's monitor.
        console: usize,
    },
}

/// The layout for `monitors`, honouring `--audience-screen` (when it exists) and a swap.
pub fn assign(monitors: Monitors, audience_choice: Option<usize>, swapped: bool) -> Layout {
    if monitors.count < 2 {
        return Layout::Single;
    }
    let primary = monitors
        .primary
        .filter(|p| *p < monitors.count)
        .unwrap_or(0);
    let (audience, console) = match audience_choice.filter(|a| *a < monitors.count) {
        Some(a) => (
            a,
            if a == primary {
                (a + 1) % monitors.count
            } else {
                primary
            },
        ),
        // The projector is the monitor that is not the laptop's own.
        None => ((primary + 1) % monitors.count, primary),
    };
    if swapped {
        Layout::Split {
            audience: console,
            console: audience,
        }
    } else {
        Layout::Split { audience, console }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audience_goes_to_the_external_monitor_and_swaps() {
        let two = Monitors {
            count: 2,
            primary: Some(0),
        };
        assert_eq!(
            assign(two, None, false),
            Layout::Split {
                audience: 1,
                console: 0
            }
        );
        assert_eq!(
            assign(two, None, true),
            Layout::Split {
                audience: 0,
                console: 1
            }
        );
        let primary_second = Monitors {
            count: 2,
            primary: Some(1),
        };
        assert_eq!(
            assign(primary_second, None, false),
            Layout::Split {
                audience: 0,
                console: 1
            }
        );
        let three = Monitors {
            count: 3,
            primary: Some(0),
        };
        assert_eq!(
            assign(three, Some(2), false),
            Layout::Split {
                audience: 2,
                console: 0
            }
        );
        assert_eq!(
            assign(three, Some(9), false),
            Layout::Split {
                audience: 1,
                console: 0
            },
            "a screen that is not there is ignored"
        );
        let one = Monitors {
            count: 1,
            primary: Some(0),
        };
        assert_eq!(assign(one, Some(1), false), Layout::Single);
    }

    fn mon(name: &str, x: i32, primary: bool) -> Monitor {
        Monitor {
            name: name.into(),
            x,
            y: 0,
            width: 1920,
            height: 1080,
            primary,
        }
    }

    #[test]
    fn a_wayland_output_listed_twice_is_one_monitor() {
        // winit on Wayland: the outputs at start-up, then the same ones again as announced.
        let laptop_alone = [mon("eDP-1", 0, false), mon("eDP-1", 0, false)];
        assert_eq!(distinct(&laptop_alone), vec![0]);
        assert_eq!(place(&laptop_alone, None, false), Layout::Single);
        let with_projector = [
            mon("eDP-1", 0, false),
            mon("HDMI-A-1", 1920, false),
            mon("eDP-1", 0, false),
            mon("HDMI-A-1", 1920, false),
        ];
        assert_eq!(distinct(&with_projector), vec![0, 1]);
        assert_eq!(
            place(&with_projector, None, false),
            Layout::Split {
                audience: 1,
                console: 0
            }
        );
    }

    #[test]
    fn the_laptop_is_the_primary_else_the_built_in_panel_else_the_first() {
        // The projector announced first: the built-in panel still gets the console.
        let raw = [mon("HDMI-A-1", 0, false), mon("eDP-1", 1920, false)];
        assert_eq!(
            place(&raw, None, false),
            Layout::Split {
                audience: 0,
                console: 1
            }
        );
        // X11 marks a primary; it wins over the connector's name.
        let raw = [mon("eDP-1", 0, false), mon("DP-2", 1920, true)];
        assert_eq!(
            place(&raw, None, false),
            Layout::Split {
                audience: 0,
                console: 1
            }
        );
        // Headless or desktop outputs: the first is the speaker's.
        let raw = [mon("HEADLESS-1", 0, false), mon("HEADLESS-2", 1920, false)];
        assert_eq!(
            place(&raw, None, true),
            Layout::Split {
                audience: 0,
                console: 1
            },
            "swapped"
        );
    }

    #[test]
    fn unnamed_outputs_are_told_apart_by_place_and_empty_ones_do_not_count() {
        let mut a = mon("", 0, false);
        let b = mon("", 1920, false);
        assert_eq!(distinct(&[a.clone(), b.clone(), a.clone()]), vec![0, 1]);
        a.width = 0;
        assert_eq!(distinct(&[a, b]), vec![1], "a monitor of no size is gone");
        assert_eq!(place(&[], None, false), Layout::Single);
    }

    #[test]
    fn the_audience_choice_counts_distinct_monitors() {
        let raw = [
            mon("eDP-1", 0, false),
            mon("eDP-1", 0, false),
            mon("DP-1", 1920, false),
            mon("DP-2", 3840, false),
        ];
        assert_eq!(
            place(&raw, Some(2), false),
            Layout::Split {
                audience: 3,
                console: 0
            }
        );
    }
}
