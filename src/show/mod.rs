//! The engine: the whole talk as state, changed only by [`Command`]s and read by the windows.
//! Navigation (slides, fragments, overview) is [`Show`]; [`Talk`] wraps it with the timer,
//! the console's state and the screens. Time is passed in, never read.

mod command;
pub mod ink;
pub mod jump;
mod navigation;
mod reload;
mod talk;
pub mod timer;

pub use command::Command;
pub use navigation::{
    FragmentMove, NavigationMode, OVERVIEW_SECS, Overview, Position, Routes, Show, SlideMove, Stop,
};
pub use reload::carry_position;
pub use talk::{Changed, Talk, TalkOptions};
