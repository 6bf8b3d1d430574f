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
    let full = layout_at(input, fonts, input.scale);
    if full.shrink >= 0.5 || !full.shrink.is_finite() {
        return full;
    }
    // Glyphs drawn at less than half their size lose strokes to the GPU's filtering (no
    // mipmaps): a slide shrunk further is laid out again at a smaller scale, a whole number of
    // octaves down, so that such slides still share a few sizes.
    // At most four octaves: a slide sixteen times too tall is unreadable at any scale.
    let octaves = (-full.shrink.max(1e-3).log2()).floor().min(4.0);
    layout_at(input, fonts, input.scale * 2f32.powf(-octaves))
}

/// A laid-out piece: its items (from its own top-left corner) and the size it takes.
#[derive(Default)]
struct Laid {
    items: Vec<Item>,
    size: Vec2,
}

impl Laid {
    /// The same piece `k` times the size, about its top-left corner: a shrunk slide keeps the
    /// glyphs of the scale it was laid out at and draws them smaller.
    fn scaled(mut self, k: f32) -> Laid {
        if k == 1.0 {
            return self;
        }
        for i in &mut self.items {
            i.rect = Rect::from_min_max(i.rect.min * k, i.rect.max * k);
            for (r, _) in &mut i.links {
                *r = Rect::from_min_max(r.min * k, r.max * k);
            }
            match &mut i.kind {
                ItemKind::Fill { corner, .. } => *corner *= k,
                ItemKind::Placeholder { scale, .. } => *scale *= k,
                _ => {}
            }
        }
        self.size *= k;
        self
    }

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
    /// Points per canvas pixel laid out at (the window's scale, or a step below it for a
    /// slide shrunk far; see `layout`).
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
/// egui's atlas, and window scaling would otherwise give each slide sizes of its own (the
/// seed deck filled an 8192 x 1024 atlas before this; see `rostra bench`).
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

/// Lays the slide out at `q` points per canvas pixel (the window's scale, or a step below it);
/// content taller than the canvas is then scaled down to fit, as a whole, so a shrunk slide
/// reuses the glyphs other slides rasterised (laid out at its own smaller scale, each shrunk
/// slide put glyphs of its own sizes into egui's atlas: the seed deck's headings at 33 sizes,
/// an 8192 x 2048 atlas).
fn layout_at(input: &LayoutInput<'_>, fonts: &mut FontsView<'_>, q: f32) -> Scene {
    let swapped = readable_theme(input.theme, input.slide);
    let theme = swapped.as_ref().unwrap_or(input.theme);
    let canvas = input.canvas * input.scale;
    let slide = input.slide;
    let mut l = Layouter {
        fonts,
        theme,
        images: input.images,
        s: q,
        canvas: input.canvas * q,
        frags: Vec::new(),
        timings: Vec::new(),
        absolute: Vec::new(),
        counter: 0,
        section_frags: Vec::new(),
        section_links: Vec::new(),
        link: None,
        math_runs: Vec::new(),
    };
    let base = TextStyle::plain(theme.body_size() * l.s, theme.text, theme.line_height);
    let flow = l.blocks(&slide.blocks, input.canvas.x * q, &base);
    // The margin keeps a shrunk slide clear of the canvas's edges.
    let shrink = if flow.size.y > canvas.y + 0.5 {
        canvas.y / flow.size.y * 0.99
    } else {
        1.0
    };
    let flow = flow.scaled(shrink);
    // Shrinking scales the whole canvas, as reveal.js scales its slides: the flow is centred
    // on the real canvas, and absolute elements are sized and offset at the smaller scale.
    l.s = q * shrink;
    l.absolute = std::mem::take(&mut l.absolute)
        .into_iter()
        .map(|(laid, style)| (laid.scaled(shrink), style))
        .collect();
    let content_h = flow.size.y;
    let mut y = ((canvas.y - content_h) / 2.0).max(0.0);
    let flow_x = (canvas.x - input.canvas.x * q * shrink) / 2.0;
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
    // The rest is laid out at the window's scale too and shrunk with the slide, so every
    // galley of a scene is `shrink` times the size it is drawn at.
    l.s = q;
    let attrs = &slide.attributes;
    if let Some(src) = attrs
        .get("data-background-iframe")
        .filter(|s| !s.trim().is_empty())
    {
        // Behind the content, as reveal.js puts the page: a card in the middle of the canvas.
        let size = vec2(canvas.x * 0.7, canvas.y * 0.5);
        let mut card = Laid::default();
        let laid = l.card(src, &Meta::default(), size / shrink).scaled(shrink);
        card.push_at(laid, (canvas - size) / 2.0);
        items.splice(0..0, card.items);
    }
    let bg = background(attrs, theme);
    if let Some(src) = &bg.image
        && crate::media::video::is_video(src)
        && let super::ImageState::Failed(reason) = input.images.state(src)
    {
        // A background video that cannot play says why, at the foot of the slide.
        let laid = l
            .placeholder(&format!("{src}: {reason}"), canvas.x * 0.6 / shrink)
            .scaled(shrink);
        let at = vec2(
            (canvas.x - laid.size.x) / 2.0,
            canvas.y - laid.size.y - 12.0 * l.s * shrink,
        );
        let mut note = Laid::default();
        note.push_at(laid, at);
        items.extend(note.items);
    }
    Scene {
        size: canvas,
        scale: input.scale,
        shrink: q / input.scale * shrink,
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
    }
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
    use crate::scene::{ItemKind, Scene};
    use crate::theme::Theme;
    use eframe::egui::Galley;

    #[test]
    fn overflowing_slides_shrink_to_fit_the_canvas() {
        let md: String = (1..=30).map(|n| format!("Line {n}\n\n")).collect();
        let scene = lay(&md);
        assert!(scene.shrink < 1.0, "shrink {}", scene.shrink);
        let r = scene.content_rect();
        assert!(r.min.y >= -0.5 && r.max.y <= 700.5, "{r:?}");
    }

    /// A slide of `n` one-line paragraphs, "Line 1" to "Line n".
    fn lines(n: usize) -> Scene {
        lay(&(1..=n).map(|k| format!("Line {k}\n\n")).collect::<String>())
    }

    /// The galleys of the text items of `scene` whose text is `text`.
    fn galleys<'a>(scene: &'a Scene, text: &'a str) -> impl Iterator<Item = &'a Galley> + 'a {
        scene.items.iter().filter_map(move |i| match &i.kind {
            ItemKind::Text(g) if g.text() == text => Some(g.as_ref()),
            _ => None,
        })
    }

    /// The font size each text item of `scene` with `text` was laid out at.
    fn laid_sizes(scene: &Scene, text: &str) -> Vec<f32> {
        galleys(scene, text)
            .filter_map(|g| g.job.sections.first().map(|s| s.format.font_id.size))
            .collect()
    }

    #[test]
    fn a_shrunk_slide_draws_the_glyphs_of_an_unshrunk_one_smaller() {
        let short = lay("Line 1\n");
        let tall = lines(16);
        assert!((0.5..0.9).contains(&tall.shrink), "shrink {}", tall.shrink);
        // The same glyph size as on a slide that fits: nothing new to rasterise.
        assert_eq!(laid_sizes(&tall, "Line 1"), laid_sizes(&short, "Line 1"));
        // Placed at the shrunk size, centred, inside the canvas.
        let (a, b) = (text_rect(&short, "Line 1"), text_rect(&tall, "Line 1"));
        assert!(
            (b.height() / a.height() - tall.shrink).abs() < 0.01,
            "{a:?} {b:?} {}",
            tall.shrink
        );
        let r = tall.content_rect();
        assert!(r.min.y >= -0.5 && r.max.y <= 700.5, "{r:?}");
        assert!((r.center().x - 480.0).abs() < 2.0, "{r:?}");
        assert!((r.center().y - 350.0).abs() < 8.0, "{r:?}");
    }

    #[test]
    fn a_slide_shrunk_past_half_is_laid_out_an_octave_down() {
        let full = laid_sizes(&lay("Line 1\n"), "Line 1")[0];
        let tall = lines(24);
        assert!((0.25..0.5).contains(&tall.shrink), "shrink {}", tall.shrink);
        let laid = laid_sizes(&tall, "Line 1")[0];
        assert!(
            (laid - (full / 2.0).round()).abs() < 0.5,
            "{laid} of {full}"
        );
        // Drawn at no less than half the size laid out at.
        let drawn = text_rect(&tall, "Line 1").height();
        let own = galleys(&tall, "Line 1")
            .next()
            .expect("the line")
            .rect
            .height();
        assert!(drawn / own >= 0.5 && drawn / own <= 1.0, "{drawn} of {own}");
        let r = tall.content_rect();
        assert!(r.min.y >= -0.5 && r.max.y <= 700.5, "{r:?}");
    }

    #[test]
    fn a_slide_far_too_tall_still_fits_the_canvas() {
        let tall = lines(400);
        assert!(
            tall.shrink > 0.0 && tall.shrink < 0.05,
            "shrink {}",
            tall.shrink
        );
        let r = tall.content_rect();
        assert!(r.min.y >= -0.5 && r.max.y <= 700.5, "{r:?}");
        assert!(r.min.x >= -0.5 && r.max.x <= 960.5, "{r:?}");
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
