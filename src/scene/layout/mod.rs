//! Block layout in reveal.js's manner: blocks stacked and centred on the canvas, lists as
//! left-aligned inline blocks, code at 90% width, images fitted, `display:flex` rows, absolute
//! positions; content that does not fit is scaled down rather than cut off.
//!
//! One file per element family, as presenterm's builder does it: `flow` (block stacking and
//! absolute placement), `html`, `text` (inline runs and text blocks), `list`, `code`, `table`,
//! `image` (images, placeholders, backgrounds), `math` (formulas in the flow) and `length` (CSS lengths to points). This file
//! holds the entry point and what they share: the `Layouter`, styles and item building.

mod code;
mod embed;
mod flow;
mod html;
mod image;
mod length;
mod list;
mod math;
mod table;
#[cfg(test)]
pub(crate) mod test_support;
mod text;

use super::{Frag, ImageSizes, Item, ItemKind, Scene};
use crate::deck::style::Style;
use crate::deck::{ElementTiming, FragmentStyle, Meta, Slide};
use crate::theme::{Theme, parse_color};
use eframe::egui::{Align, Color32, FontFamily, FontId, Rect, Stroke, Vec2, pos2, vec2};
use eframe::epaint::text::{FontsView, TextFormat};
use image::background;
use length::Basis;

/// What to lay out, and at what size.
pub struct LayoutInput<'a> {
    /// The slide.
    pub slide: &'a Slide,
    /// The look.
    pub theme: &'a Theme,
    /// The logical canvas in canvas pixels (960x700 unless the deck says otherwise).
    pub canvas: Vec2,
    /// Points per canvas pixel (the window's fit of the canvas).
    pub scale: f32,
    /// Image sizes known so far.
    pub images: &'a dyn ImageSizes,
}

/// Lays the slide out, shrinking it when it does not fit the canvas.
pub fn layout(input: &LayoutInput<'_>, fonts: &mut FontsView<'_>) -> Scene {
    let mut s = input.scale;
    let avail = input.canvas.y * input.scale;
    let mut scene = layout_at(input, fonts, s);
    for _ in 0..3 {
        let h = scene.1;
        if h <= avail + 0.5 {
            break;
        }
        s *= (avail / h) * 0.99;
        scene = layout_at(input, fonts, s);
    }
    let (mut scene, _) = scene;
    scene.shrink = s / input.scale;
    scene
}

/// A laid-out piece: its items (from its own top-left corner) and the size it takes.
#[derive(Default)]
struct Laid {
    items: Vec<Item>,
    size: Vec2,
}

impl Laid {
    fn push_at(&mut self, other: Laid, at: Vec2) {
        for mut i in other.items {
            i.rect = i.rect.translate(at);
            self.items.push(i);
        }
    }
}

/// The text look inherited down the blocks, as CSS inherits it.
#[derive(Clone)]
struct TextStyle {
    size: f32,
    color: Color32,
    bold: bool,
    italic: bool,
    mono: bool,
    strike: bool,
    align: Align,
    upper: bool,
    line_height: f32,
    background: Color32,
    /// Drawn in the theme's heading face.
    heading: bool,
    /// Drawn in the theme's paragraph face (blood's lighter weight).
    paragraph: bool,
    /// Extra space between letters, in `em`.
    letter_spacing: f32,
}

impl TextStyle {
    /// Regular, centred text of `size` points in `color`.
    fn plain(size: f32, color: Color32, line_height: f32) -> Self {
        TextStyle {
            size,
            color,
            bold: false,
            italic: false,
            mono: false,
            strike: false,
            align: Align::Center,
            upper: false,
            line_height,
            background: Color32::TRANSPARENT,
            heading: false,
            paragraph: false,
            letter_spacing: 0.0,
        }
    }
}

/// One slide's layout in progress: fonts, theme, scale and the state inherited downwards.
/// Each element family adds its methods from its own file.
struct Layouter<'a, 'f> {
    fonts: &'a mut FontsView<'f>,
    theme: &'a Theme,
    images: &'a dyn ImageSizes,
    /// Points per canvas pixel, shrink included.
    s: f32,
    canvas: Vec2,
    frags: Vec<Frag>,
    /// Auto-animate timing set on the enclosing elements, innermost last.
    timings: Vec<ElementTiming>,
    absolute: Vec<(Laid, Style)>,
    counter: usize,
    /// The fragments in force for each section of the text job being built.
    section_frags: Vec<Vec<Frag>>,
    /// The link each section of the text job belongs to.
    section_links: Vec<Option<String>>,
    /// The `href` of the link being laid out, if inside one.
    link: Option<String>,
    /// The inline formulas of the text job being built.
    math_runs: Vec<math::MathRun>,
}

/// Font sizes rounded to whole points: every distinct size rasterises its own glyphs into
/// egui's atlas, and shrink-to-fit and window scaling would otherwise give each slide sizes of
/// its own (the seed deck filled an 8192 x 1024 atlas before this; see `rostra bench`).
fn glyph_size(size: f32) -> f32 {
    if size.is_finite() {
        size.round().max(1.0)
    } else {
        1.0
    }
}

/// Relative luminance (0 = black, 1 = white), close enough to pick text colours.
fn luminance(c: Color32) -> f32 {
    let [r, g, b, _] = c.to_array();
    (0.2126 * f32::from(r) + 0.7152 * f32::from(g) + 0.0722 * f32::from(b)) / 255.0
}

/// reveal.js marks a slide whose `data-background-color` is light `has-light-background` (or
/// dark, `has-dark-background`) and its themes switch the text and heading colours to stay
/// readable; the same here, with the theme's own contrast colour.
fn readable_theme(theme: &Theme, slide: &Slide) -> Option<Theme> {
    let bg = slide
        .attributes
        .get("data-background-color")
        .and_then(parse_color)?;
    let light_bg = luminance(bg) > 0.55;
    let light_theme = luminance(theme.background) > 0.55;
    (light_bg != light_theme).then(|| theme.on_contrasting_background())
}

/// One layout pass at `s` points per canvas pixel; with the flow's height, for shrinking.
fn layout_at(input: &LayoutInput<'_>, fonts: &mut FontsView<'_>, s: f32) -> (Scene, f32) {
    let swapped = readable_theme(input.theme, input.slide);
    let theme = swapped.as_ref().unwrap_or(input.theme);
    let canvas = input.canvas * input.scale;
    // Shrinking scales the whole canvas, as reveal.js scales its slides: the flow is laid out
    // on a smaller canvas and centred on the real one.
    let inner = input.canvas * s;
    let slide = input.slide;
    let mut l = Layouter {
        fonts,
        theme,
        images: input.images,
        s,
        canvas: inner,
        frags: Vec::new(),
        timings: Vec::new(),
        absolute: Vec::new(),
        counter: 0,
        section_frags: Vec::new(),
        section_links: Vec::new(),
        link: None,
        math_runs: Vec::new(),
    };
    let base = TextStyle::plain(theme.body_size() * s, theme.text, theme.line_height);
    let flow = l.blocks(&slide.blocks, inner.x, &base);
    let content_h = flow.size.y;
    let mut y = ((canvas.y - content_h) / 2.0).max(0.0);
    let flow_x = ((canvas.x - inner.x) / 2.0).max(0.0);
    // Absolute elements are placed against the canvas, out of the flow.
    let placed_abs = l.place_absolute(canvas);
    // reveal.js draws centred flow content over an absolutely centred element (the seed's
    // attendance slide); lift the flow above it instead when there is room.
    let flow_rect = Rect::from_min_size(pos2(flow_x, y), flow.size);
    for abs in &placed_abs {
        let r = abs.items.iter().fold(Rect::NOTHING, |a, i| a.union(i.rect));
        if r.is_positive() && r.intersects(flow_rect) {
            let gap = theme.block_margin * l.s;
            y = (r.min.y - gap - flow.size.y).max(0.0).min(y);
        }
    }
    let mut items = Vec::new();
    let mut root = Laid::default();
    root.push_at(flow, vec2(flow_x, y));
    items.extend(root.items);
    for abs in placed_abs {
        items.extend(abs.items);
    }
    let attrs = &slide.attributes;
    if let Some(src) = attrs
        .get("data-background-iframe")
        .filter(|s| !s.trim().is_empty())
    {
        // Behind the content, as reveal.js puts the page: a card in the middle of the canvas.
        let size = vec2(canvas.x * 0.7, canvas.y * 0.5);
        let mut card = Laid::default();
        let laid = l.card(src, &Meta::default(), size);
        card.push_at(laid, (canvas - size) / 2.0);
        items.splice(0..0, card.items);
    }
    let bg = background(attrs, theme);
    if let Some(src) = &bg.image
        && crate::media::video::is_video(src)
        && let super::ImageState::Failed(reason) = input.images.state(src)
    {
        // A background video that cannot play says why, at the foot of the slide.
        let laid = l.placeholder(&format!("{src}: {reason}"), canvas.x * 0.6);
        let at = vec2(
            (canvas.x - laid.size.x) / 2.0,
            canvas.y - laid.size.y - 12.0 * l.s,
        );
        let mut note = Laid::default();
        note.push_at(laid, at);
        items.extend(note.items);
    }
    (
        Scene {
            size: canvas,
            scale: input.scale,
            shrink: 1.0,
            background: bg.color,
            background_image: bg.image,
            background_size: attrs.get("data-background-size").map(str::to_string),
            background_gradient: bg.gradient,
            background_position: attrs.get("data-background-position").map(str::to_string),
            background_repeat: attrs.get("data-background-repeat").map(str::to_string),
            background_opacity: attrs
                .get("data-background-opacity")
                .and_then(|o| o.trim().parse::<f32>().ok())
                .filter(|o| o.is_finite())
                .map_or(1.0, |o| o.clamp(0.0, 1.0)),
            items,
        },
        content_h,
    )
}

impl Layouter<'_, '_> {
    /// How lengths are measured here when 100% is `whole` points and `em` is not understood.
    fn basis(&self, whole: f32) -> Basis {
        Basis {
            scale: self.s,
            whole,
            em: None,
        }
    }

    fn key(&mut self, kind: &str, meta: Option<&Meta>, text: &str) -> String {
        if let Some(id) = meta.and_then(|m| m.attrs.get("data-id")) {
            return format!("id:{id}");
        }
        self.counter += 1;
        if text.is_empty() {
            format!("{kind}#{}", self.counter)
        } else {
            format!("{kind}:{text}")
        }
    }

    fn font(&self, st: &TextStyle) -> FontId {
        let th = self.theme;
        let family = if st.mono {
            th.code_font
        } else if st.heading {
            th.heading_font
        } else if st.bold {
            th.bold_font
        } else if st.paragraph {
            th.paragraph_font
        } else {
            th.body_font
        };
        FontId::new(glyph_size(st.size), FontFamily::Name(family.into()))
    }

    fn format(&self, st: &TextStyle) -> TextFormat {
        TextFormat {
            font_id: self.font(st),
            color: st.color,
            italics: st.italic,
            background: st.background,
            line_height: Some(st.size * st.line_height),
            extra_letter_spacing: st.letter_spacing * st.size,
            strikethrough: if st.strike {
                Stroke::new((st.size / 16.0).max(1.0), st.color)
            } else {
                Stroke::NONE
            },
            ..TextFormat::default()
        }
    }

    fn item(&self, key: String, rect: Rect, kind: ItemKind) -> Item {
        Item {
            key,
            rect,
            kind,
            fragments: self.frags.clone(),
            code_line: None,
            timing: self.timings.last().copied(),
            links: Vec::new(),
            shadow: &[],
        }
    }

    /// Runs `f` with the block's own fragment (if any) added to those of its ancestors.
    fn with_fragment<T>(&mut self, meta: Option<&Meta>, f: impl FnOnce(&mut Self) -> T) -> T {
        let frag = meta.and_then(|m| {
            m.fragment.map(|step| Frag {
                step,
                style: FragmentStyle::from_classes(m.attrs.classes()),
            })
        });
        if let Some(fr) = frag {
            self.frags.push(fr);
        }
        let timing = meta.and_then(|m| ElementTiming::from_attrs(&m.attrs));
        if let Some(t) = timing {
            self.timings.push(t);
        }
        let out = f(self);
        if frag.is_some() {
            self.frags.pop();
        }
        if timing.is_some() {
            self.timings.pop();
        }
        out
    }

    fn styled(&self, st: &TextStyle, meta: &Meta) -> TextStyle {
        let mut st = st.clone();
        let style = meta.style();
        if let Some(c) = style.color().and_then(parse_color) {
            st.color = c;
        }
        if let Some(c) = meta.attrs.get("color").and_then(parse_color) {
            st.color = c;
        }
        // `em` and `%` in a font size are of the inherited size.
        if let Some(size) = style.font_size().and_then(|len| {
            let basis = Basis {
                em: Some(st.size),
                ..self.basis(st.size)
            };
            length::points(len, basis)
        }) {
            st.size = size;
        }
        match style.text_align().map(str::to_ascii_lowercase).as_deref() {
            Some("left") => st.align = Align::Min,
            Some("right") => st.align = Align::Max,
            Some("center") => st.align = Align::Center,
            _ => {}
        }
        if meta.attrs.has_class("r-fit-text") {
            st.size *= 1.6;
        }
        // A deck may ask for any size; glyphs beyond a few hundred points only exhaust memory.
        let max = 400.0 * self.s;
        st.size = if st.size.is_finite() {
            st.size.clamp(1.0, max.max(1.0))
        } else {
            max
        };
        st
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{lay, text_rect, texts};
    use crate::scene::ItemKind;
    use crate::theme::Theme;

    #[test]
    fn overflowing_slides_shrink_to_fit_the_canvas() {
        let md: String = (1..=30).map(|n| format!("Line {n}\n\n")).collect();
        let scene = lay(&md);
        assert!(scene.shrink < 1.0, "shrink {}", scene.shrink);
        let r = scene.content_rect();
        assert!(r.min.y >= -0.5 && r.max.y <= 700.5, "{r:?}");
    }

    #[test]
    fn a_light_background_takes_the_light_themes_colours() {
        let scene = lay("<!-- .slide: data-background-color=\"#ffffff\" -->\n# Hi\n");
        let heading = scene
            .items
            .iter()
            .find_map(|i| match &i.kind {
                ItemKind::Text(g) if g.text() == "HI" => g.job.sections.first(),
                _ => None,
            })
            .expect("the heading");
        assert_eq!(heading.format.color, Theme::white().heading);
        assert_ne!(Theme::white().heading, Theme::black().heading);
    }

    #[test]
    fn font_size_em_is_of_the_inherited_size_and_px_scales() {
        let scene = lay(
            "Normal\n\n<div style=\"font-size: 2em\">\n\nBig\n\n</div>\n\n<div style=\"font-size: 21px\">\n\nHalf\n\n</div>\n",
        );
        let normal = text_rect(&scene, "Normal").height();
        let big = text_rect(&scene, "Big").height();
        let half = text_rect(&scene, "Half").height();
        assert!((big / normal - 2.0).abs() < 0.1, "{big} / {normal}");
        assert!((half / normal - 0.5).abs() < 0.1, "{half} / {normal}");
        assert_eq!(texts(&scene).len(), 3);
    }
}
