//! Auto-animate timing written on an element (`data-auto-animate-delay`, `-duration`,
//! `-easing`) and the seconds values reveal.js accepts there, read into values.

use super::Attributes;
use super::easing::Easing;

/// An element's own auto-animate timing; unset parts come from the slide.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ElementTiming {
    /// Seconds before it starts moving.
    pub delay: Option<f32>,
    /// Seconds it takes.
    pub duration: Option<f32>,
    /// Its curve.
    pub easing: Option<Easing>,
}

impl ElementTiming {
    /// The timing written on an element, if it has any.
    pub fn from_attrs(attrs: &Attributes) -> Option<ElementTiming> {
        let secs = |name: &str| seconds(attrs.get(name));
        let t = ElementTiming {
            delay: secs("data-auto-animate-delay"),
            duration: secs("data-auto-animate-duration"),
            easing: attrs
                .get("data-auto-animate-easing")
                .and_then(Easing::parse),
        };
        (t != ElementTiming::default()).then_some(t)
    }
}

/// Reads a non-negative number of seconds (`1.5` or `1.5s`), refusing what would stall a talk.
pub fn seconds(text: Option<&str>) -> Option<f32> {
    text.and_then(|t| t.trim().trim_end_matches('s').parse::<f32>().ok())
        .filter(|s| s.is_finite() && (0.0..=60.0).contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_take_an_optional_unit_and_refuse_stalls() {
        assert_eq!(seconds(Some(" 1.5s ")), Some(1.5));
        assert_eq!(seconds(Some("2")), Some(2.0));
        assert_eq!(seconds(Some("-1")), None);
        assert_eq!(seconds(Some("61")), None);
        assert_eq!(seconds(Some("soon")), None);
        assert_eq!(seconds(None), None);
    }

    #[test]
    fn element_timing_is_read_only_when_written() {
        let mut attrs = Attributes::default();
        assert_eq!(ElementTiming::from_attrs(&attrs), None);
        attrs.set("data-auto-animate-delay", "0.5s");
        attrs.set("data-auto-animate-easing", "linear");
        assert_eq!(
            ElementTiming::from_attrs(&attrs),
            Some(ElementTiming {
                delay: Some(0.5),
                duration: None,
                easing: Some(Easing::LINEAR),
            })
        );
    }
}
