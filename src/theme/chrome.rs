//! The app's own palette, the same whatever the deck's theme: presenter console, banners,
//! welcome screen, help overlay, overview outlines, slide number, stats readout and the
//! placeholders drawn where an image is missing. Plain constants, used by `ui/` and `app/`.

// The one room allowed to write colours as numbers: clippy.toml bans the constructors elsewhere.
#![allow(clippy::disallowed_methods)]

use eframe::egui::Color32;

// -- Text on the dark chrome, brightest first --

/// Titles, values and anything the eye should find first (timer, counter, banner titles).
pub const TEXT: Color32 = Color32::WHITE;
/// The lines of a banner's message.
pub const BANNER_LINE: Color32 = Color32::from_gray(235);
/// Body text: keys in the help overlay, speaker notes.
pub const TEXT_BODY: Color32 = Color32::from_gray(230);
/// Secondary text: the slide number, a banner's "… and N more".
pub const TEXT_SECONDARY: Color32 = Color32::from_gray(220);
/// Descriptions in the help overlay and the console's wall clock.
pub const TEXT_DESCRIPTION: Color32 = Color32::from_gray(200);
/// The welcome screen's subtitle.
pub const SUBTITLE: Color32 = Color32::from_gray(180);
/// Labels over console panels (current, next, attendance, time on slide).
pub const LABEL: Color32 = Color32::from_gray(170);
/// Hints: the help overlay's footer, "paused", the welcome screen's drop hint.
pub const HINT: Color32 = Color32::from_gray(150);
/// Quiet text: a stopped timer, an empty list, where the attendance link came from.
pub const QUIET: Color32 = Color32::from_gray(140);
/// The stand-in text of an empty panel ("No notes for this slide.").
pub const EMPTY: Color32 = Color32::from_gray(120);

// -- Presenter console --

/// The console window's background.
pub const CONSOLE_BACKGROUND: Color32 = Color32::from_rgb(0x12, 0x13, 0x16);
/// The speaker-notes panel, a step lighter than the console.
pub const NOTES_BACKGROUND: Color32 = Color32::from_rgb(0x1c, 0x1e, 0x22);
/// The thin frame around the console's slide previews.
pub const PREVIEW_FRAME: Color32 = Color32::from_gray(90);
/// Pacing: ahead of the planned time.
pub const PACE_AHEAD: Color32 = Color32::from_rgb(0x6c, 0xb4, 0xff);
/// Pacing: on time.
pub const PACE_ON_TIME: Color32 = Color32::from_rgb(0x7c, 0xd9, 0x7c);
/// Pacing: behind the planned time.
pub const PACE_BEHIND: Color32 = Color32::from_rgb(0xff, 0x6b, 0x5e);
/// The console's strip saying the audience screen is black.
pub const AUDIENCE_BLACK_STRIP: Color32 = Color32::from_rgb(0xa0, 0x20, 0x20);
/// The console's strip saying the audience screen shows the QR code.
pub const AUDIENCE_QR_STRIP: Color32 = Color32::from_rgb(0x20, 0x60, 0xa0);
/// The console's strip for a note to the speaker (where a reopened deck resumed).
pub const CONSOLE_NOTICE_STRIP: Color32 = Color32::from_rgb(0x2c, 0x4a, 0x3a);
/// An attendance link too long to draw as a QR code.
pub const ATTENDANCE_WARNING: Color32 = Color32::from_rgb(0xff, 0x9a, 0x60);

// -- QR code --

/// The QR code's light modules and quiet zone, also the full-screen QR background.
pub const QR_LIGHT: Color32 = Color32::WHITE;
/// The QR code's dark modules and the link printed under it.
pub const QR_DARK: Color32 = Color32::BLACK;

// -- Audience screen overlays --

/// The black screen (B), as reveal.js's pause overlay.
pub const BLACKOUT: Color32 = Color32::BLACK;
/// The help overlay's scrim, nearly opaque so the keys read over any slide.
pub const HELP_SCRIM: Color32 = Color32::from_black_alpha(238);
/// Group headings in the help overlay (reveal.js's link blue).
pub const HELP_GROUP: Color32 = Color32::from_rgb(0x42, 0xaf, 0xfa);
/// Behind the slide number, so it reads over any slide.
pub const SLIDE_NUMBER_BACKGROUND: Color32 = Color32::from_black_alpha(110);
/// The frame-time readout's text (`--stats`, F9).
pub const STATS_TEXT: Color32 = Color32::from_rgb(0x9f, 0xe8, 0x9f);
/// Behind the frame-time readout.
pub const STATS_BACKGROUND: Color32 = Color32::from_black_alpha(170);
/// The audience-screen banner of a deck with no slides.
pub const NO_SLIDES_BANNER: Color32 = Color32::from_rgb(0x80, 0x30, 0x30);
/// The audience-screen banner of the "Go to slide" prompt.
pub const JUMP_BANNER: Color32 = Color32::from_rgb(0x20, 0x50, 0x80);

// -- Banners over the window --

/// A banner reporting an error (the deck failed to load).
pub const BANNER_ERROR: Color32 = Color32::from_rgb(0x8a, 0x22, 0x22);
/// A banner reporting warnings (the deck loaded with problems).
pub const BANNER_WARNING: Color32 = Color32::from_rgb(0x6e, 0x52, 0x10);

// -- Welcome screen --

/// The welcome screen's background.
pub const WELCOME_BACKGROUND: Color32 = Color32::from_rgb(0x16, 0x17, 0x1b);

// -- Overview --

/// The outline of the current slide in the overview.
pub const OUTLINE_CURRENT: Color32 = Color32::from_rgba_unmultiplied_const(150, 150, 150, 160);
/// The outline of the slide under the pointer in the overview.
pub const OUTLINE_HOVERED: Color32 = Color32::from_rgba_unmultiplied_const(150, 150, 150, 90);
/// The outline of every other slide in the overview.
pub const OUTLINE_PLAIN: Color32 = Color32::from_rgba_unmultiplied_const(150, 150, 150, 30);

// -- Placeholders on slides --

/// Where an image is still loading: a faint light box.
pub const IMAGE_LOADING: Color32 = Color32::from_rgba_premultiplied(10, 10, 10, 10);
/// The fill of a placeholder for an image that failed.
pub const PLACEHOLDER_FILL: Color32 = Color32::from_rgba_unmultiplied_const(255, 80, 60, 28);
/// The outline of a placeholder for an image that failed.
pub const PLACEHOLDER_STROKE: Color32 = Color32::from_rgb(0xe0, 0x60, 0x50);
/// The message inside a placeholder.
pub const PLACEHOLDER_TEXT: Color32 = Color32::WHITE;

// -- Handouts --

/// The box behind speaker notes printed on a slide's page (reveal.js's `#f5f5f5`).
pub const PRINT_NOTES_BACKGROUND: Color32 = Color32::from_rgb(0xf5, 0xf5, 0xf5);
/// Speaker notes printed on a slide's page (reveal.js's `#222`).
pub const PRINT_NOTES_TEXT: Color32 = Color32::from_rgb(0x22, 0x22, 0x22);

// -- Pointer, pen and zoom, drawn over the slide for the room --

/// The laser pointer's dot: a red that reads on black and white themes alike.
pub const LASER: Color32 = Color32::from_rgb(255, 40, 40);
/// The glow around the laser dot.
pub const LASER_GLOW: Color32 = Color32::from_rgba_unmultiplied_const(255, 40, 40, 70);
/// The laser dot's rim, so it shows on a red slide too.
pub const LASER_RIM: Color32 = Color32::from_rgba_unmultiplied_const(255, 255, 255, 200);
/// What the spotlight lays over everything outside its circle.
pub const SPOTLIGHT_DIM: Color32 = Color32::from_rgba_unmultiplied_const(0, 0, 0, 190);
/// Pen strokes.
pub const PEN: Color32 = Color32::from_rgb(230, 30, 60);
/// Highlighter strokes: broad and see-through.
pub const HIGHLIGHTER: Color32 = Color32::from_rgba_unmultiplied_const(255, 230, 0, 110);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_colours_equal_the_runtime_constructors() {
        // The const spellings must give the pixels the runtime ones did.
        assert_eq!(
            OUTLINE_CURRENT,
            Color32::from_rgba_unmultiplied(150, 150, 150, 160)
        );
        assert_eq!(
            PLACEHOLDER_FILL,
            Color32::from_rgba_unmultiplied(255, 80, 60, 28)
        );
        assert_eq!(IMAGE_LOADING, Color32::from_white_alpha(10));
    }
}
