//! Motion as pure functions of state and time: fragment styles now; slide transitions and
//! auto-animate come with the motion issue. Nothing here reads a clock.

mod fragments;

pub use fragments::{FRAGMENT_SECS, FragmentStyle, Visual, ease, fragment_visual};
