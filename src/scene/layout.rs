//! Block layout in reveal.js's manner: blocks stacked and centred on the canvas, lists as
//! left-aligned inline blocks, code at 90% width, images fitted, `display:flex` rows, absolute
//! positions; content that does not fit is scaled down rather than cut off.

use super::{CodeLine, Frag, ImageSizes, ImageState, Item, ItemKind, Scene, highlighted};
use crate::deck::style::{Length, Style};
use crate::deck::{
    Block, CodeBlock, ElementTiming, FragmentStyle, Image, Inline, Meta, Slide, Table,
};
use crate::theme::{Theme, parse_color};
use eframe::egui::{Align, Color32, FontFamily, FontId, Rect, Stroke, Vec2, pos2, vec2};
use eframe::epaint::text::{
    ByteIndex, FontsView, LayoutJob, LayoutSection, TextFormat, TextWrapping,
};
use std::sync::Arc;

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

use crate::theme::fonts::BOLD_FAMILY as BOLD;

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
        }
    }
}

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
    classes: Vec<String>,
    counter: usize,
    /// The fragments in force for each section of the text job being built.
    section_frags: Vec<Vec<Frag>>,
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
/// dark, `has-dark-background`) and its themes switch text colours to stay readable; the
/// same here, by taking the other built-in theme's colours for that slide.
fn readable_theme(theme: &Theme, slide: &Slide) -> Option<Theme> {
    let bg = slide
        .attributes
        .get("data-background-color")
        .and_then(parse_color)?;
    let light_bg = luminance(bg) > 0.55;
    let light_theme = luminance(theme.background) > 0.55;
    (light_bg != light_theme).then(|| {
        if light_bg {
            Theme::white()
        } else {
            Theme::black()
        }
    })
}

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
        classes: slide.classes().iter().map(|c| c.to_string()).collect(),
        counter: 0,
        section_frags: Vec::new(),
    };
    let base = TextStyle::plain(theme.body_size() * s, theme.text, theme.line_height);
    let flow = l.blocks(&slide.blocks, inner.x, &base);
    let content_h = flow.size.y;
    let mut y = ((canvas.y - content_h) / 2.0).max(0.0);
    let flow_x = ((canvas.x - inner.x) / 2.0).max(0.0);
    // Absolute elements are placed against the canvas, out of the flow.
    let mut placed_abs: Vec<Laid> = Vec::new();
    for (laid, style) in std::mem::take(&mut l.absolute) {
        let pos = |len: Option<Length>, total: f32| match len {
            Some(Length::Percent(p)) => Some(total * p / 100.0),
            Some(Length::Px(v)) => Some(v * l.s),
            Some(Length::Em(v)) => Some(v * theme.base_size * l.s),
            None => None,
        };
        let get = |k: &str| style.get(k).and_then(Length::parse);
        let mut x = pos(get("left"), canvas.x)
            .or_else(|| pos(get("right"), canvas.x).map(|r| canvas.x - r - laid.size.x))
            .unwrap_or(0.0);
        let mut top = pos(get("top"), canvas.y)
            .or_else(|| pos(get("bottom"), canvas.y).map(|b| canvas.y - b - laid.size.y))
            .unwrap_or(0.0);
        if let Some(t) = style.get("transform")
            && t.replace(' ', "").contains("translate(-50%,-50%)")
        {
            x -= laid.size.x / 2.0;
            top -= laid.size.y / 2.0;
        }
        let mut out = Laid::default();
        let size = laid.size;
        out.push_at(laid, vec2(x, top));
        out.size = size;
        placed_abs.push(out);
    }
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
    let bg_value = attrs.get("data-background").unwrap_or("");
    let is_image = |v: &str| {
        let v = v.to_ascii_lowercase();
        let ext = [".svg", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"];
        v.starts_with("http")
            || v.starts_with("file")
            || v.starts_with("//")
            || ext.iter().any(|e| v.ends_with(e))
    };
    let background = attrs
        .get("data-background-color")
        .and_then(parse_color)
        .or_else(|| {
            (!is_image(bg_value))
                .then(|| parse_color(bg_value))
                .flatten()
        })
        .unwrap_or(theme.background);
    let background_image = attrs
        .get("data-background-image")
        .map(str::to_string)
        .or_else(|| is_image(bg_value).then(|| bg_value.to_string()));
    (
        Scene {
            size: canvas,
            scale: input.scale,
            shrink: 1.0,
            background,
            background_image,
            background_size: attrs.get("data-background-size").map(str::to_string),
            items,
        },
        content_h,
    )
}

fn collapse_ws(text: &str, last_space: &mut bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !*last_space {
                out.push(' ');
                *last_space = true;
            }
        } else {
            out.push(c);
            *last_space = false;
        }
    }
    out
}

impl Layouter<'_, '_> {
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
        let family = if st.mono {
            FontFamily::Monospace
        } else if st.bold {
            FontFamily::Name(BOLD.into())
        } else {
            FontFamily::Proportional
        };
        FontId::new(glyph_size(st.size), family)
    }

    fn format(&self, st: &TextStyle) -> TextFormat {
        TextFormat {
            font_id: self.font(st),
            color: st.color,
            italics: st.italic,
            background: st.background,
            line_height: Some(st.size * st.line_height),
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
        match style.font_size() {
            Some(Length::Px(v)) => st.size = v * self.s,
            Some(Length::Em(v)) => st.size *= v,
            Some(Length::Percent(p)) => st.size *= p / 100.0,
            None => {}
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

    fn blocks(&mut self, blocks: &[Block], width: f32, st: &TextStyle) -> Laid {
        let mut out = Laid::default();
        let gap = self.theme.block_margin * self.s;
        let mut y = 0.0f32;
        let mut first = true;
        for b in blocks {
            let laid = self.block(b, width, st);
            if laid.items.is_empty() && laid.size.y <= 0.0 {
                continue;
            }
            if !first {
                y += gap;
            }
            first = false;
            let x = match st.align {
                Align::Min => 0.0,
                Align::Center => ((width - laid.size.x) / 2.0).max(0.0),
                Align::Max => (width - laid.size.x).max(0.0),
            };
            let h = laid.size.y;
            out.size.x = out.size.x.max(laid.size.x + x);
            out.push_at(laid, vec2(x, y));
            y += h;
        }
        out.size.y = y;
        out.size.x = out.size.x.min(width).max(if out.items.is_empty() {
            0.0
        } else {
            out.size.x
        });
        out
    }

    /// When a block's only content is one absolutely positioned inline, it moves with it.
    fn absolute_style(meta: Option<&Meta>, content: Option<&[Inline]>) -> Option<Style> {
        if let Some(m) = meta
            && m.style().is_absolute()
        {
            return Some(m.style());
        }
        let content = content?;
        let mut found = None;
        for i in content {
            match i {
                Inline::Text { text, .. } if text.trim().is_empty() => {}
                Inline::Link { meta, .. }
                | Inline::Span { meta, .. }
                | Inline::Strong { meta, .. }
                | Inline::Emphasis { meta, .. }
                    if found.is_none() && meta.style().is_absolute() =>
                {
                    found = Some(meta.style())
                }
                _ => return None,
            }
        }
        found
    }

    fn block(&mut self, b: &Block, width: f32, st: &TextStyle) -> Laid {
        let content = match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Plain { content } => Some(content.as_slice()),
            _ => None,
        };
        if let Some(style) = Self::absolute_style(b.meta(), content) {
            let w = match style.width() {
                Some(Length::Percent(p)) => self.canvas.x * p / 100.0,
                Some(Length::Px(v)) => v * self.s,
                _ => self.canvas.x,
            };
            let laid = self.with_fragment(b.meta(), |l| l.block_in_flow(b, w, st));
            self.absolute.push((laid, style));
            return Laid::default();
        }
        self.with_fragment(b.meta(), |l| l.block_in_flow(b, width, st))
    }

    fn block_in_flow(&mut self, b: &Block, width: f32, st: &TextStyle) -> Laid {
        let th = self.theme;
        match b {
            Block::Heading {
                level,
                content,
                meta,
            } => {
                let mut hs = TextStyle {
                    size: th.heading_size(*level) * self.s,
                    color: th.heading,
                    bold: true,
                    upper: th.heading_uppercase,
                    line_height: th.heading_line_height,
                    ..st.clone()
                };
                let section = self.classes.iter().any(|c| c == "section-title");
                let title = self.classes.iter().any(|c| c == "title");
                if title && *level > 1 {
                    hs.color = th.accent;
                }
                let hs = self.styled(&hs, meta);
                let mut laid =
                    self.text_block(content, &hs, width, &format!("h{level}"), Some(meta));
                if section && *level == 1 && !laid.items.is_empty() {
                    // A short accent bar under a section divider's title.
                    let bar_w = 120.0 * self.s;
                    let bar = Rect::from_min_size(
                        pos2((width - bar_w) / 2.0, laid.size.y + 18.0 * self.s),
                        vec2(bar_w, 6.0 * self.s),
                    );
                    let key = self.key("bar", None, "");
                    let item = self.item(
                        key,
                        bar,
                        ItemKind::Fill {
                            color: th.accent,
                            corner: 3.0 * self.s,
                        },
                    );
                    laid.items.push(item);
                    laid.size.y += 24.0 * self.s;
                }
                laid
            }
            Block::Paragraph { content, meta } => {
                let ps = self.styled(st, meta);
                self.text_block(content, &ps, width, "p", Some(meta))
            }
            Block::Plain { content } => self.text_block(content, st, width, "p", None),
            Block::List {
                ordered,
                start,
                items,
                meta,
            } => {
                let ls = self.styled(st, meta);
                self.list(*ordered, *start, items, width, &ls, 0)
            }
            Block::Code(code) => self.code(code, width),
            Block::Image(img) => self.image(img, width),
            Block::Table(t) => self.table(t, width, st),
            Block::Quote { blocks, meta } => {
                let qs = TextStyle {
                    italic: true,
                    ..self.styled(st, meta)
                };
                let w = width * 0.7;
                let pad = 5.0 * self.s;
                let inner = self.blocks(blocks, w - 2.0 * pad, &qs);
                let mut out = Laid::default();
                let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(w, inner.size.y + 2.0 * pad));
                let key = self.key("quote", Some(meta), "");
                out.items.push(self.item(
                    key,
                    rect,
                    ItemKind::Fill {
                        color: self.theme.quote_background,
                        corner: 2.0,
                    },
                ));
                out.push_at(inner, vec2(pad, pad));
                out.size = rect.size();
                out
            }
            Block::Rule { meta } => {
                let key = self.key("hr", Some(meta), "");
                let rect =
                    Rect::from_min_size(pos2(0.0, 0.0), vec2(width * 0.8, (2.0 * self.s).max(1.0)));
                Laid {
                    items: vec![self.item(
                        key,
                        rect,
                        ItemKind::Fill {
                            color: self.theme.rule,
                            corner: 0.0,
                        },
                    )],
                    size: rect.size(),
                }
            }
            Block::Math { tex, meta } => {
                let ms = TextStyle {
                    italic: true,
                    mono: true,
                    ..st.clone()
                };
                let content = [Inline::Text {
                    text: tex.clone(),
                    span: meta.span,
                }];
                self.text_block(&content, &ms, width, "math", Some(meta))
            }
            Block::Html { tag, blocks, meta } => self.html(tag, blocks, meta, width, st),
        }
    }

    fn html(
        &mut self,
        tag: &str,
        blocks: &[Block],
        meta: &Meta,
        width: f32,
        st: &TextStyle,
    ) -> Laid {
        let style = meta.style();
        let hs = self.styled(st, meta);
        let w = match style.width() {
            Some(Length::Percent(p)) => width * (p / 100.0).min(1.0),
            Some(Length::Px(v)) => (v * self.s).min(width),
            _ => width,
        };
        if tag == "iframe" || tag == "video" || tag == "audio" || tag == "canvas" {
            let what = meta
                .attrs
                .get("src")
                .or_else(|| meta.attrs.get("data-src"))
                .unwrap_or("");
            return self.placeholder(
                &format!("<{tag}> {what} is not shown by rostra"),
                w.min(600.0 * self.s),
            );
        }
        if !style.is_flex() {
            let mut laid = self.blocks(blocks, w, &hs);
            laid.size.x = w.max(laid.size.x);
            return laid;
        }
        let column = matches!(style.get("flex-direction"), Some(d) if d.starts_with("column"));
        if column {
            let mut laid = self.blocks(blocks, w, &hs);
            laid.size.x = w;
            return laid;
        }
        // A row: fixed widths where given, the rest shared evenly.
        let fixed: Vec<Option<f32>> = blocks
            .iter()
            .map(|b| {
                b.meta().and_then(|m| match m.style().width() {
                    Some(Length::Percent(p)) => Some(w * p / 100.0),
                    Some(Length::Px(v)) => Some(v * self.s),
                    _ => None,
                })
            })
            .collect();
        let used: f32 = fixed.iter().flatten().sum();
        let flexible = fixed.iter().filter(|f| f.is_none()).count().max(1) as f32;
        let share = ((w - used) / flexible).max(40.0 * self.s);
        let mut out = Laid::default();
        let mut x = 0.0;
        let gap = 10.0 * self.s;
        for (b, f) in blocks.iter().zip(fixed) {
            let cw = f.unwrap_or(share) - gap;
            let laid = self.blocks(std::slice::from_ref(b), cw, &hs);
            let h = laid.size.y;
            out.push_at(laid, vec2(x, 0.0));
            out.size.y = out.size.y.max(h);
            x += cw + gap;
        }
        out.size.x = w;
        out
    }

    /// Appends a run to the text job, remembering which fragments it belongs to.
    fn append(&mut self, job: &mut LayoutJob, text: &str, format: TextFormat) {
        // Not `LayoutJob::append`, which merges equal-looking runs: each run keeps its own
        // section so it can be told apart by its fragments.
        let start = job.text.len();
        job.text.push_str(text);
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(start)..ByteIndex(job.text.len()),
            format,
        });
        self.section_frags.push(self.frags.clone());
    }

    fn inline_job(
        &mut self,
        content: &[Inline],
        st: &TextStyle,
        job: &mut LayoutJob,
        images: &mut Vec<Image>,
        last_space: &mut bool,
    ) {
        for inline in content {
            match inline {
                Inline::Text { text, .. } => {
                    let mut t = collapse_ws(text, last_space);
                    if st.upper {
                        t = t.to_uppercase();
                    }
                    if job.text.is_empty() {
                        t = t.trim_start().to_string();
                    }
                    if !t.is_empty() {
                        let f = self.format(st);
                        self.append(job, &t, f);
                    }
                }
                Inline::Emphasis { content, meta }
                | Inline::Strong { content, meta }
                | Inline::Strikethrough { content, meta }
                | Inline::Link { content, meta, .. } => {
                    let mut s2 = self.styled(st, meta);
                    match inline {
                        Inline::Emphasis { .. } => s2.italic = true,
                        Inline::Strong { .. } => s2.bold = true,
                        Inline::Strikethrough { .. } => s2.strike = true,
                        _ => s2.color = self.theme.link,
                    }
                    self.with_fragment(Some(meta), |l| {
                        l.inline_job(content, &s2, job, images, last_space)
                    });
                }
                Inline::Code { text, meta } => {
                    let s2 = TextStyle {
                        mono: true,
                        upper: false,
                        size: st.size * 0.9,
                        background: self.theme.inline_code_background,
                        ..self.styled(st, meta)
                    };
                    let t = collapse_ws(text, last_space);
                    *last_space = false;
                    let f = self.format(&s2);
                    self.with_fragment(Some(meta), |l| l.append(job, &t, f));
                }
                Inline::Math { tex, meta } => {
                    let s2 = TextStyle {
                        italic: true,
                        upper: false,
                        ..self.styled(st, meta)
                    };
                    let f = self.format(&s2);
                    *last_space = false;
                    self.with_fragment(Some(meta), |l| l.append(job, tex, f));
                }
                Inline::LineBreak { .. } => {
                    let f = self.format(st);
                    self.append(job, "\n", f);
                    *last_space = true;
                }
                Inline::Image(img) => images.push(img.clone()),
                Inline::Span { tag, content, meta } => {
                    let mut s2 = self.styled(st, meta);
                    match tag.as_str() {
                        "small" => s2.size *= 0.6,
                        "sup" | "sub" => s2.size *= 0.7,
                        "b" | "strong" => s2.bold = true,
                        "i" | "em" | "cite" => s2.italic = true,
                        "s" | "del" => s2.strike = true,
                        "mark" => s2.background = Color32::from_rgba_unmultiplied(255, 230, 0, 90),
                        "big" => s2.size *= 1.2,
                        _ => {}
                    }
                    self.with_fragment(Some(meta), |l| {
                        l.inline_job(content, &s2, job, images, last_space)
                    });
                }
            }
        }
    }

    fn text_block(
        &mut self,
        content: &[Inline],
        st: &TextStyle,
        width: f32,
        kind: &str,
        meta: Option<&Meta>,
    ) -> Laid {
        let mut job = LayoutJob {
            wrap: TextWrapping {
                max_width: width.max(1.0),
                ..Default::default()
            },
            halign: st.align,
            ..Default::default()
        };
        let mut images = Vec::new();
        let mut last_space = true;
        let depth = self.frags.len();
        let outer = std::mem::take(&mut self.section_frags);
        self.inline_job(content, st, &mut job, &mut images, &mut last_space);
        let mut section_frags = std::mem::replace(&mut self.section_frags, outer);
        let only_breaks = if job.text.trim().is_empty() {
            job.text.matches('\n').count()
        } else {
            0
        };
        // Trailing whitespace would widen centred rows.
        let trimmed = job.text.trim_end().len();
        if trimmed < job.text.len() {
            job.text.truncate(trimmed);
            for s in &mut job.sections {
                s.byte_range.end.0 = s.byte_range.end.0.min(trimmed);
                s.byte_range.start.0 = s.byte_range.start.0.min(trimmed);
            }
            let keep: Vec<bool> = job
                .sections
                .iter()
                .map(|s| !s.byte_range.is_empty())
                .collect();
            job.sections.retain(|s| !s.byte_range.is_empty());
            let mut k = keep.iter();
            section_frags.retain(|_| k.next().copied().unwrap_or(false));
        }
        let mut out = Laid::default();
        if only_breaks > 0 && images.is_empty() {
            // Only line breaks: empty lines that take their height.
            out.size.y = only_breaks as f32 * st.size * st.line_height;
            return out;
        }
        if !job.text.is_empty() {
            let text = job.text.clone();
            let galley = self.fonts.layout_job(job);
            let anchor = match st.align {
                Align::Min => 0.0,
                Align::Center => width / 2.0,
                Align::Max => width,
            };
            let rect = galley.rect.translate(vec2(anchor, 0.0));
            let key = self.key(kind, meta, &text);
            out.size = vec2(
                if st.align == Align::Min {
                    galley.rect.width()
                } else {
                    width
                },
                galley.rect.height(),
            );
            // Runs inside inline fragments get galleys of their own, laid out from the same
            // job (so they sit exactly where they would) with every other run transparent.
            let chains: Vec<&[Frag]> = section_frags
                .iter()
                .map(|f| f.get(depth..).unwrap_or(&[]))
                .collect();
            let mut distinct: Vec<&[Frag]> = Vec::new();
            for c in &chains {
                if !c.is_empty() && !distinct.contains(c) {
                    distinct.push(c);
                }
            }
            if distinct.is_empty() {
                out.items.push(self.item(key, rect, ItemKind::Text(galley)));
            } else {
                let hide = |job: &mut LayoutJob, keep: &dyn Fn(&[Frag]) -> bool| {
                    for (section, chain) in job.sections.iter_mut().zip(&chains) {
                        if !keep(chain) {
                            section.format.color = Color32::TRANSPARENT;
                            section.format.background = Color32::TRANSPARENT;
                            section.format.strikethrough = Stroke::NONE;
                            section.format.underline = Stroke::NONE;
                        }
                    }
                };
                let mut base = (*galley.job).clone();
                hide(&mut base, &|c| c.is_empty());
                let g = self.fonts.layout_job(base);
                out.items
                    .push(self.item(key.clone(), rect, ItemKind::Text(g)));
                for (n, chain) in distinct.iter().enumerate() {
                    let mut part = (*galley.job).clone();
                    hide(&mut part, &|c| c == *chain);
                    let g = self.fonts.layout_job(part);
                    let mut item = self.item(format!("{key}#f{n}"), rect, ItemKind::Text(g));
                    item.fragments.extend_from_slice(chain);
                    out.items.push(item);
                }
            }
        }
        if !images.is_empty() {
            let row = self.image_row(&images, width);
            let y = if out.items.is_empty() {
                0.0
            } else {
                out.size.y + 10.0 * self.s
            };
            let h = row.size.y;
            let x = match st.align {
                Align::Min => 0.0,
                _ => ((width - row.size.x) / 2.0).max(0.0),
            };
            // Centred rows are placed within `width` already: the block takes all of it, as
            // a centred text block does, so its parent does not centre it a second time.
            out.size.x = if st.align == Align::Min {
                out.size.x.max(row.size.x)
            } else {
                width
            };
            out.push_at(row, vec2(x, y));
            out.size.y = y + h;
        }
        out
    }

    fn image_row(&mut self, images: &[Image], width: f32) -> Laid {
        let each = width / images.len() as f32;
        let mut out = Laid::default();
        let mut x = 0.0;
        for img in images {
            let laid = self.with_fragment(Some(&img.meta), |l| l.image(img, each));
            let size = laid.size;
            out.push_at(laid, vec2(x, 0.0));
            x += size.x + 10.0 * self.s;
            out.size.y = out.size.y.max(size.y);
        }
        out.size.x = (x - 10.0 * self.s).max(0.0);
        out
    }

    fn placeholder(&mut self, message: &str, width: f32) -> Laid {
        let st = TextStyle::plain(18.0 * self.s, self.theme.muted, 1.3);
        let pad = 12.0 * self.s;
        let job = LayoutJob {
            wrap: TextWrapping {
                max_width: (width - 2.0 * pad).max(10.0),
                ..Default::default()
            },
            halign: Align::Center,
            ..LayoutJob::single_section(message.to_string(), self.format(&st))
        };
        let galley = self.fonts.layout_job(job);
        let h = galley.rect.height() + 2.0 * pad;
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(width, h.max(60.0 * self.s)));
        let key = self.key("placeholder", None, message);
        Laid {
            items: vec![self.item(key, rect, ItemKind::Placeholder { galley })],
            size: rect.size(),
        }
    }

    fn image(&mut self, img: &Image, width: f32) -> Laid {
        let style = img.meta.style();
        let attr_px = |k: &str| {
            img.meta
                .attrs
                .get(k)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<f32>().ok())
        };
        let want_w = match style.width() {
            Some(Length::Percent(p)) => Some(width * p / 100.0),
            Some(Length::Px(v)) => Some(v * self.s),
            _ => attr_px("width").map(|v| v * self.s),
        };
        let want_h = match style.height() {
            Some(Length::Percent(p)) => Some(self.canvas.y * p / 100.0),
            Some(Length::Px(v)) => Some(v * self.s),
            _ => attr_px("height").map(|v| v * self.s),
        };
        let max_w = want_w.unwrap_or(width * 0.95).min(self.canvas.x);
        let max_h = want_h.unwrap_or(self.canvas.y * 0.95).min(self.canvas.y);
        let key = self.key("img", Some(&img.meta), &img.src);
        match self.images.state(&img.src) {
            ImageState::Failed(reason) => self.placeholder(
                &format!("⚠ {}: {reason}", img.src),
                max_w.min(520.0 * self.s),
            ),
            state => {
                let (nw, nh) = match state {
                    ImageState::Ready([w, h]) if w > 0 && h > 0 => (w as f32, h as f32),
                    _ => (4.0, 3.0),
                };
                let explicit =
                    want_w.is_some() || want_h.is_some() || matches!(state, ImageState::Loading);
                let natural = vec2(nw * self.s, nh * self.s);
                let mut k = (max_w / natural.x).min(max_h / natural.y);
                if !explicit {
                    k = k.min(1.0);
                }
                let size = natural * k;
                let rect = Rect::from_min_size(pos2(0.0, 0.0), size);
                Laid {
                    items: vec![self.item(
                        key,
                        rect,
                        ItemKind::Image {
                            src: img.src.clone(),
                        },
                    )],
                    size,
                }
            }
        }
    }

    fn list(
        &mut self,
        ordered: bool,
        start: u64,
        items: &[crate::deck::ListItem],
        width: f32,
        st: &TextStyle,
        depth: usize,
    ) -> Laid {
        let indent = if depth == 0 {
            st.size * 1.2
        } else {
            40.0 * self.s
        };
        let item_style = TextStyle {
            align: Align::Min,
            ..st.clone()
        };
        let inner_w = (width - indent).max(40.0 * self.s);
        let mut out = Laid::default();
        let mut y = 0.0;
        let bullet_style = TextStyle {
            color: st.color,
            ..item_style.clone()
        };
        for (n, item) in items.iter().enumerate() {
            let laid = self.with_fragment(Some(&item.meta), |l| {
                let mut laid = Laid::default();
                let mut iy = 0.0;
                for (bi, b) in item.blocks.iter().enumerate() {
                    let part = match b {
                        Block::List {
                            ordered,
                            start,
                            items,
                            meta,
                        } => {
                            let ls = l.styled(&item_style, meta);
                            l.with_fragment(Some(meta), |l| {
                                l.list(*ordered, *start, items, inner_w, &ls, depth + 1)
                            })
                        }
                        other => l.block(other, inner_w, &item_style),
                    };
                    if part.items.is_empty() {
                        continue;
                    }
                    if bi > 0 && !matches!(b, Block::List { .. }) {
                        iy += 8.0 * l.s;
                    }
                    let h = part.size.y;
                    laid.size.x = laid.size.x.max(part.size.x);
                    laid.push_at(part, vec2(0.0, iy));
                    iy += h;
                }
                laid.size.y = iy;
                // The bullet sits on the first line, in the item's own fragment.
                let marker = if ordered {
                    format!("{}.", start + n as u64)
                } else {
                    match depth {
                        0 => "•".to_string(),
                        1 => "◦".to_string(),
                        _ => "▪".to_string(),
                    }
                };
                let job = LayoutJob::single_section(marker.clone(), l.format(&bullet_style));
                let galley = l.fonts.layout_job(job);
                // The marker stays inside the indent even where a font's bullet is wide.
                let gap = (st.size * 0.35).min((indent - galley.rect.width()).max(0.0));
                let rect = galley.rect.translate(vec2(-galley.rect.width() - gap, 0.0));
                // Keyed by its item's text so a matched item's bullet travels with it.
                let key = match laid.items.first() {
                    Some(first) if !first.key.contains('#') => format!("bullet:{}", first.key),
                    _ => l.key("bullet", None, ""),
                };
                laid.items.push(l.item(key, rect, ItemKind::Text(galley)));
                laid
            });
            if laid.items.is_empty() {
                continue;
            }
            if n > 0 {
                y += 4.0 * self.s;
            }
            let h = laid.size.y;
            out.size.x = out.size.x.max(indent + laid.size.x);
            out.push_at(laid, vec2(indent, y));
            y += h;
        }
        out.size.y = y;
        out
    }

    fn code(&mut self, code: &CodeBlock, width: f32) -> Laid {
        let th = self.theme;
        let w = width * 0.9;
        let pad = 10.0 * self.s;
        let mut size = th.code_size() * self.s;
        let lines = highlighted(&code.text, &code.language, th.syntax_theme, th.code_text);
        let numbered = code.line_numbers.is_some();
        let last_no = code.start_line + lines.len().max(1) as u64 - 1;
        let gutter_chars = if numbered {
            last_no.to_string().len()
        } else {
            0
        };
        // Long lines shrink the code font (to 60% at most) rather than running off the block.
        let longest = code
            .text
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
            + gutter_chars
            + if numbered { 2 } else { 0 };
        let char_w = size * 0.6;
        if longest as f32 * char_w > w - 2.0 * pad {
            size = (size * (w - 2.0 * pad) / (longest as f32 * char_w)).max(size * 0.6);
        }
        let line_h = size * 1.25;
        let mono = |color: Color32| TextFormat {
            font_id: FontId::new(glyph_size(size), FontFamily::Monospace),
            color,
            line_height: Some(line_h),
            ..TextFormat::default()
        };
        let steps = Arc::new(code.steps.clone());
        let step_fragments = Arc::new(code.step_fragments.clone());
        let has_steps =
            code.steps.len() > 1 || code.steps.first().is_some_and(|s| !s.ranges.is_empty());
        // By content, as reveal.js pairs `pre` blocks; a `data-id` wins when present.
        let block_key = self.key("code", Some(&code.meta), code.text.trim());
        let mut out = Laid::default();
        let h = lines.len().max(1) as f32 * line_h + 2.0 * pad;
        let bg = Rect::from_min_size(pos2(0.0, 0.0), vec2(w, h));
        out.items.push(self.item(
            format!("{block_key}:bg"),
            bg,
            ItemKind::Fill {
                color: th.code_background,
                corner: 4.0 * self.s,
            },
        ));
        let gutter_w = if numbered {
            let probe = self.fonts.layout_job(LayoutJob::single_section(
                "0".repeat(gutter_chars),
                mono(th.code_text),
            ));
            probe.rect.width() + size * 0.75
        } else {
            0.0
        };
        for (i, runs) in lines.iter().enumerate() {
            let y = pad + i as f32 * line_h;
            let line_no = i as u32 + 1;
            let code_line = has_steps.then(|| CodeLine {
                line: line_no,
                steps: steps.clone(),
                step_fragments: step_fragments.clone(),
            });
            if numbered {
                let n = (code.start_line + i as u64).to_string();
                let job = LayoutJob {
                    halign: Align::Max,
                    ..LayoutJob::single_section(n, mono(th.code_text.gamma_multiply(0.6)))
                };
                let g = self.fonts.layout_job(job);
                let rect = g.rect.translate(vec2(pad + gutter_w - size * 0.75, y));
                let mut item =
                    self.item(format!("{block_key}:n{line_no}"), rect, ItemKind::Text(g));
                item.code_line = code_line.clone();
                out.items.push(item);
            }
            let mut job = LayoutJob::default();
            let mut text = String::new();
            for (color, t) in runs {
                job.append(t, 0.0, mono(*color));
                text.push_str(t);
            }
            if job.text.trim().is_empty() {
                continue;
            }
            let g = self.fonts.layout_job(job);
            let rect = g.rect.translate(vec2(pad + gutter_w, y));
            let mut item = self.item(format!("{block_key}:line:{text}"), rect, ItemKind::Text(g));
            item.code_line = code_line;
            out.items.push(item);
        }
        out.size = bg.size();
        out
    }

    fn table(&mut self, t: &Table, width: f32, st: &TextStyle) -> Laid {
        let cols = t
            .alignments
            .len()
            .max(t.head.len())
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let cell_w = width * 0.95 / cols as f32;
        let pad = vec2(0.5 * st.size * 0.8, 0.2 * st.size * 0.8);
        let cs = TextStyle {
            size: st.size * 0.8,
            ..st.clone()
        };
        let mut grid: Vec<Vec<Laid>> = Vec::new();
        let rows: Vec<(bool, &Vec<Vec<Inline>>)> = std::iter::once((true, &t.head))
            .filter(|(_, h)| !h.is_empty())
            .chain(t.rows.iter().map(|r| (false, r)))
            .collect();
        for (head, row) in &rows {
            let mut laid_row = Vec::new();
            for (ci, cell) in row.iter().enumerate() {
                let align = match t.alignments.get(ci) {
                    Some(crate::deck::Align::Center) => Align::Center,
                    Some(crate::deck::Align::Right) => Align::Max,
                    _ => Align::Min,
                };
                let s2 = TextStyle {
                    bold: *head,
                    align: Align::Min,
                    ..cs.clone()
                };
                let mut laid = self.text_block(cell, &s2, cell_w - 2.0 * pad.x, "td", None);
                laid.size.x = laid.items.iter().fold(0.0f32, |a, i| a.max(i.rect.max.x));
                let _ = align;
                laid_row.push(laid);
            }
            grid.push(laid_row);
        }
        let mut col_w = vec![0.0f32; cols];
        for row in &grid {
            for (ci, c) in row.iter().enumerate() {
                if let Some(w) = col_w.get_mut(ci) {
                    *w = w.max(c.size.x + 2.0 * pad.x);
                }
            }
        }
        let total_w: f32 = col_w.iter().sum();
        let mut out = Laid::default();
        let mut y = 0.0;
        for (ri, row) in grid.into_iter().enumerate() {
            let row_h = row.iter().map(|c| c.size.y).fold(0.0f32, f32::max) + 2.0 * pad.y;
            let mut x = 0.0;
            for (ci, cell) in row.into_iter().enumerate() {
                let cw = col_w.get(ci).copied().unwrap_or(0.0);
                let dx = match t.alignments.get(ci) {
                    Some(crate::deck::Align::Center) => (cw - cell.size.x) / 2.0,
                    Some(crate::deck::Align::Right) => cw - cell.size.x - pad.x,
                    _ => pad.x,
                };
                out.push_at(cell, vec2(x + dx, y + pad.y));
                x += cw;
            }
            y += row_h;
            let rule = Rect::from_min_size(
                pos2(0.0, y - 1.0),
                vec2(
                    total_w,
                    if ri == 0 && !t.head.is_empty() {
                        2.0
                    } else {
                        1.0
                    },
                ),
            );
            let key = self.key("rule", None, "");
            out.items.push(self.item(
                key,
                rule,
                ItemKind::Fill {
                    color: self.theme.rule,
                    corner: 0.0,
                },
            ));
        }
        out.size = vec2(total_w, y);
        out
    }
}
