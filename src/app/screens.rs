//! Which monitor shows what: the audience view full-screen on the external monitor, the
//! presenter console on the laptop's own (primary) screen; one window when there is one
//! monitor. Pure: the app passes what winit reports.

/// The monitors winit reports.
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
}
