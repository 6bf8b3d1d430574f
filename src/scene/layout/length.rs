//! The one way a CSS length becomes points. `px` (and a bare number) are canvas pixels, so
//! they scale with the slide; `%` is of whatever box the property measures against; `em` is
//! of a font size, where the property understands it at all.

use crate::deck::style::Length;

/// What a length is measured against where it is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Basis {
    /// Points per canvas pixel, shrink included: what `px` is multiplied by.
    pub scale: f32,
    /// Points that 100% is: the containing box, the canvas or the inherited font size.
    pub whole: f32,
    /// Points that 1em is, where the property reads `em` (`None`: ignored there).
    pub em: Option<f32>,
}

/// `length` in points against `basis`; `None` for an `em` where `basis` has no em.
pub(super) fn points(length: Length, basis: Basis) -> Option<f32> {
    match length {
        Length::Px(v) => Some(v * basis.scale),
        Length::Percent(p) => Some(basis.whole * p / 100.0),
        Length::Em(v) => basis.em.map(|em| v * em),
    }
}

/// An HTML `width`/`height` attribute (pixels, `px` optional) in points; HTML's attributes
/// take no `%` or `em` here.
pub(super) fn attribute_points(text: &str, scale: f32) -> Option<f32> {
    match Length::parse(text)? {
        px @ Length::Px(_) => points(
            px,
            Basis {
                scale,
                whole: 0.0,
                em: None,
            },
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASIS: Basis = Basis {
        scale: 2.0,
        whole: 300.0,
        em: Some(40.0),
    };

    fn css(text: &str, basis: Basis) -> Option<f32> {
        Length::parse(text).and_then(|len| points(len, basis))
    }

    #[test]
    fn px_and_bare_numbers_scale_with_the_slide() {
        assert_eq!(css("10px", BASIS), Some(20.0));
        assert_eq!(css("10", BASIS), Some(20.0));
    }

    #[test]
    fn percent_is_of_the_whole_and_em_of_the_font() {
        assert_eq!(css("50%", BASIS), Some(150.0));
        assert_eq!(css("1.5em", BASIS), Some(60.0));
        assert_eq!(css("2rem", BASIS), Some(80.0));
        assert_eq!(css("2em", Basis { em: None, ..BASIS }), None);
        assert_eq!(css("wide", BASIS), None);
    }

    #[test]
    fn attributes_are_pixels_only() {
        assert_eq!(attribute_points("300", 0.5), Some(150.0));
        assert_eq!(attribute_points(" 300px ", 0.5), Some(150.0));
        assert_eq!(attribute_points("50%", 0.5), None);
        assert_eq!(attribute_points("2em", 0.5), None);
    }
}
