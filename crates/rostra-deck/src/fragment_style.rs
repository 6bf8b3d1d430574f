//! reveal.js's fragment style classes (`fade-up`, `highlight-red`, ...) read into a value.
//! What each style looks like over time is `motion`'s business; here is only which one an
//! element asked for.

/// A fragment style class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FragmentStyle {
    /// Default and `fade-in`: invisible, then visible.
    FadeIn,
    /// Visible, then invisible.
    FadeOut,
    /// Visible, then half transparent.
    SemiFadeOut,
    /// Rises 40px into place while fading in.
    FadeUp,
    /// Drops 40px into place while fading in.
    FadeDown,
    /// Slides in from the right while fading in.
    FadeLeft,
    /// Slides in from the left while fading in.
    FadeRight,
    /// Visible only while it is the current step (`fade-in-then-out`, `current-visible`).
    FadeInThenOut,
    /// Visible, then half transparent once the next step comes.
    FadeInThenSemiOut,
    /// Scales to 1.3.
    Grow,
    /// Scales to 0.7.
    Shrink,
    /// Zooms in from 0.1 while fading in.
    ZoomIn,
    /// Gets struck through.
    Strike,
    /// Turns a colour and stays so.
    Highlight(HighlightColor),
    /// Turns a colour only while current.
    HighlightCurrent(HighlightColor),
    /// `custom`: no built-in look; shown all along.
    Custom,
}

/// The colours reveal.js's `highlight-*` fragment classes name; `motion` knows their RGB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightColor {
    /// `highlight-red`, `highlight-current-red`.
    Red,
    /// `highlight-green`, `highlight-current-green`.
    Green,
    /// `highlight-blue`, `highlight-current-blue`.
    Blue,
}

impl FragmentStyle {
    /// The style named by an element's classes (the first style class wins, as CSS order does).
    pub fn from_classes<'a>(classes: impl IntoIterator<Item = &'a str>) -> FragmentStyle {
        use HighlightColor::{Blue, Green, Red};
        for c in classes {
            let s = match c {
                "fade-in" => FragmentStyle::FadeIn,
                "fade-out" => FragmentStyle::FadeOut,
                "semi-fade-out" => FragmentStyle::SemiFadeOut,
                "fade-up" => FragmentStyle::FadeUp,
                "fade-down" => FragmentStyle::FadeDown,
                "fade-left" => FragmentStyle::FadeLeft,
                "fade-right" => FragmentStyle::FadeRight,
                "fade-in-then-out" | "current-visible" => FragmentStyle::FadeInThenOut,
                "fade-in-then-semi-out" => FragmentStyle::FadeInThenSemiOut,
                "grow" => FragmentStyle::Grow,
                "shrink" => FragmentStyle::Shrink,
                "zoom-in" => FragmentStyle::ZoomIn,
                "strike" => FragmentStyle::Strike,
                "highlight-red" => FragmentStyle::Highlight(Red),
                "highlight-green" => FragmentStyle::Highlight(Green),
                "highlight-blue" => FragmentStyle::Highlight(Blue),
                "highlight-current-red" => FragmentStyle::HighlightCurrent(Red),
                "highlight-current-green" => FragmentStyle::HighlightCurrent(Green),
                "highlight-current-blue" => FragmentStyle::HighlightCurrent(Blue),
                "custom" => FragmentStyle::Custom,
                _ => continue,
            };
            return s;
        }
        FragmentStyle::FadeIn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_come_from_classes() {
        assert_eq!(
            FragmentStyle::from_classes(["fragment"]),
            FragmentStyle::FadeIn
        );
        assert_eq!(
            FragmentStyle::from_classes(["fragment", "fade-up"]),
            FragmentStyle::FadeUp
        );
        assert_eq!(
            FragmentStyle::from_classes(["current-visible", "fragment"]),
            FragmentStyle::FadeInThenOut
        );
        assert_eq!(
            FragmentStyle::from_classes(["highlight-current-blue"]),
            FragmentStyle::HighlightCurrent(HighlightColor::Blue)
        );
    }
}
