//! The CSS subset that decks write in `style` attributes: parsed into declarations with typed
//! readers for what layout needs (display, sizes, font size, colour, alignment, position).

/// A CSS length as decks write it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Length {
    /// Pixels of the logical canvas.
    Px(f32),
    /// Percent of the containing box.
    Percent(f32),
    /// Multiples of the current font size.
    Em(f32),
}

impl Length {
    /// Parses `12px`, `50%`, `1.5em`/`rem`, or a bare number (pixels).
    pub fn parse(text: &str) -> Option<Length> {
        let t = text.trim().to_ascii_lowercase();
        let num = |s: &str| s.trim().parse::<f32>().ok().filter(|v| v.is_finite());
        if let Some(v) = t.strip_suffix("px") {
            num(v).map(Length::Px)
        } else if let Some(v) = t.strip_suffix('%') {
            num(v).map(Length::Percent)
        } else if let Some(v) = t.strip_suffix("rem").or_else(|| t.strip_suffix("em")) {
            num(v).map(Length::Em)
        } else {
            num(&t).map(Length::Px)
        }
    }
}

/// The declarations of one `style` attribute, in order; later ones win.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Style {
    decls: Vec<(String, String)>,
}

impl Style {
    /// Parses `a: b; c: d`; malformed declarations are skipped, as browsers do.
    pub fn parse(text: &str) -> Style {
        let decls = text
            .split(';')
            .filter_map(|d| {
                let (k, v) = d.split_once(':')?;
                let k = k.trim().to_ascii_lowercase();
                let v = v.trim().trim_end_matches("!important").trim().to_string();
                (!k.is_empty() && !v.is_empty()).then_some((k, v))
            })
            .collect();
        Style { decls }
    }

    /// The last value given for `property`.
    pub fn get(&self, property: &str) -> Option<&str> {
        self.decls
            .iter()
            .rev()
            .find(|(k, _)| k == property)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the box lays its children out in a row or column (`display: flex`).
    pub fn is_flex(&self) -> bool {
        matches!(self.get("display"), Some(d) if d.eq_ignore_ascii_case("flex") || d.eq_ignore_ascii_case("inline-flex"))
    }

    /// `width`.
    pub fn width(&self) -> Option<Length> {
        self.get("width").and_then(Length::parse)
    }

    /// `height`.
    pub fn height(&self) -> Option<Length> {
        self.get("height").and_then(Length::parse)
    }

    /// `font-size`.
    pub fn font_size(&self) -> Option<Length> {
        self.get("font-size").and_then(Length::parse)
    }

    /// `color`, as written.
    pub fn color(&self) -> Option<&str> {
        self.get("color")
    }

    /// `text-align`, as written.
    pub fn text_align(&self) -> Option<&str> {
        self.get("text-align")
    }

    /// Whether the box is taken out of the flow (`position: absolute`).
    pub fn is_absolute(&self) -> bool {
        matches!(self.get("position"), Some(p) if p.eq_ignore_ascii_case("absolute"))
    }

    /// Every declaration, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.decls.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_seed_decks_styles() {
        let s = Style::parse(
            "position: absolute; top: 50%; left: 50%; transform: translate(-50%, -50%)",
        );
        assert!(s.is_absolute());
        assert_eq!(
            s.get("top").and_then(Length::parse),
            Some(Length::Percent(50.0))
        );
        assert_eq!(s.get("transform"), Some("translate(-50%, -50%)"));
        let s = Style::parse("display:flex");
        assert!(s.is_flex());
        let s = Style::parse(
            "width: 100%; height: 90%; font-size: 24px; color: red; text-align:center",
        );
        assert_eq!(s.width(), Some(Length::Percent(100.0)));
        assert_eq!(s.height(), Some(Length::Percent(90.0)));
        assert_eq!(s.font_size(), Some(Length::Px(24.0)));
        assert_eq!(s.color(), Some("red"));
        assert_eq!(s.text_align(), Some("center"));
    }

    #[test]
    fn skips_malformed_declarations_and_later_ones_win() {
        let s = Style::parse("width; width: 10px; ; width: 2em");
        assert_eq!(s.width(), Some(Length::Em(2.0)));
        assert_eq!(Length::parse("abc"), None);
        assert_eq!(Length::parse("NaNpx"), None);
    }
}
