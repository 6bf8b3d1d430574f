//! Motion as pure functions of state and time: fragment looks, slide transitions and
//! auto-animate morphs. Nothing here reads a clock; callers pass seconds or progress.
//! Reads `deck`'s parsed vocabulary (`FragmentStyle`, `ElementTiming`, `Easing`) and `scene`'s
//! laid-out items; neither of those rooms imports this one.

mod fragments;
pub mod morph;
pub mod perspective;
mod plan;
mod transition;

pub use crate::deck::Easing;
pub use fragments::{FRAGMENT_SECS, Visual, ease, fragment_visual};
pub use perspective::Turn;
pub use plan::{AutoAnimate, Change, SlideMotion};
pub use transition::{Pose, Role, Transition, TransitionPair, speed_secs, transition_pose};
