//! Everything the talk can be asked to do: one enum, grouped, plain data. The UI never
//! changes talk state itself: keys, console clicks, overview clicks, the bench driver and
//! the phone remote all send these, and they are applied in one place.

use super::ink::Point;

/// A change to the talk. Keys are not commands: `app::keys` maps keys to actions, and
/// actions to these.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    // -- Navigation --
    /// Next fragment, else next slide (down the stack first): Space, N, PageDown.
    Next,
    /// Previous fragment, else previous slide fully revealed: Shift+Space, P, PageUp.
    Prev,
    /// Next fragment, else next horizontal slide: Right, L.
    Right,
    /// Previous fragment, else previous horizontal slide: Left, H.
    Left,
    /// Next fragment, else down the stack: Down, J.
    Down,
    /// Previous fragment, else up the stack: Up, K.
    Up,
    /// The first slide: Home, Shift+Left.
    First,
    /// The last horizontal slide: End, Shift+Right.
    Last,
    /// Slide number `n`, counted from 1 in reading order: G then digits and Enter, a click
    /// in the overview or the console's slide strip. Closes the overview.
    GoTo(usize),
    /// The slide at horizontal `h`, vertical `v` (0-based, as reveal.js's `#/h/v` links and
    /// the jump prompt's `h.v` name it). Closes the overview.
    GoToPlace {
        /// Horizontal index.
        h: usize,
        /// Vertical index.
        v: usize,
    },
    /// The top of the current stack: Shift+Up.
    StackTop,
    /// The bottom of the current stack: Shift+Down.
    StackBottom,
    /// Next slide, fragments skipped: Alt+N, Alt+PageDown.
    SkipNext,
    /// Previous slide, fragments skipped: Alt+P, Alt+PageUp.
    SkipPrev,
    /// Slide right, fragments skipped: Alt+Right.
    SkipRight,
    /// Slide left, fragments skipped: Alt+Left.
    SkipLeft,
    /// Down the stack, fragments skipped: Alt+Down.
    SkipDown,
    /// Up the stack, fragments skipped: Alt+Up.
    SkipUp,

    // -- Timer --
    /// Pause a running talk timer, or start or resume it: T.
    ToggleTimer,
    /// The talk timer back to zero, stopped: Shift+T.
    ResetTimer,

    // -- Console --
    /// Larger speaker notes: `+`.
    NotesBigger,
    /// Smaller speaker notes: `-`.
    NotesSmaller,
    /// The attendance QR code full screen for the room, on and off: Q.
    ToggleQr,
    /// Use this link as the attendance link (picked from the deck's links in the console).
    PickAttendance(String),
    /// The console: reopen its window, or with one screen switch the window to it and back: S.
    ToggleConsole,
    /// The console's window was closed (the talk goes on; S brings it back).
    CloseConsole,

    // -- Screen --
    /// Black screen on and off: B, `.`, V, `/`, `;`.
    ToggleBlack,
    /// The shortcut overlay on and off: `?`, F1.
    ToggleHelp,
    /// The overview grid of all slides on and off: O.
    ToggleOverview,
    /// Full screen on and off: F, F5.
    ToggleFullscreen,
    /// The frame-time readout on and off: F9.
    ToggleStats,
    /// Swap the audience and console screens: X.
    SwapScreens,
    /// The monitors changed: `split` when the views have a monitor each.
    ScreensChanged {
        /// Whether audience and console each have a monitor of their own.
        split: bool,
    },
    /// Close overlays, the overview and the black screen (no further step).
    Dismiss,
    /// Esc: close the topmost thing (help, black screen or overview, then the QR code), else
    /// leave full screen, else open the overview as reveal.js does.
    Escape,

    // -- Pointer, pen and zoom (points on the slide canvas, 0..1) --
    /// The mouse is over the slide at this point (`None`: off it), in either window.
    PointerAt(Option<Point>),
    /// The laser pointer on and off: C.
    ToggleLaser,
    /// The spotlight on and off: Shift+C.
    ToggleSpotlight,
    /// Drawing with the pen on and off: D.
    TogglePen,
    /// Drawing with the highlighter on and off: Shift+D.
    ToggleHighlighter,
    /// A drag starts a stroke here (when a pen is on), on the current slide and step.
    StrokeBegin(Point),
    /// The drag went on to here.
    StrokeTo(Point),
    /// The drag ended.
    StrokeEnd,
    /// The current step's strokes go: E.
    ClearInk,
    /// Every slide's strokes go: Shift+E.
    ClearAllInk,
    /// Alt+click: zoom the audience view in around this point, or back out.
    ToggleZoom(Point),
}
