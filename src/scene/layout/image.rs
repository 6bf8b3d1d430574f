//! Images: rows of inline images, one image fitted to its CSS or HTML size and the canvas,
//! the placeholder shown where an image cannot be, and the slide's background.

use super::length::{attribute_points, points};
use super::{Laid, Layouter, TextStyle};
use crate::deck::{Attributes, Image};
use crate::scene::{ImageState, ItemKind};
use crate::theme::{Gradient, Theme, parse_color};
use eframe::egui::{Align, Color32, Rect, pos2, vec2};
use eframe::epaint::text::{LayoutJob, TextWrapping};

impl Layouter<'_, '_> {
    pub(super) fn image_row(&mut self, images: &[Image], width: f32) -> Laid {
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

    pub(super) fn placeholder(&mut self, message: &str, width: f32) -> Laid {
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
            items: vec![self.item(key, rect, ItemKind::Placeholder { galley, scale: 1.0 })],
            size: rect.size(),
        }
    }

    /// What a browser shows for an image it cannot load: its alt text, quietly, in the text
    /// colour, and nothing when it has none. The speaker hears of the missing file from the
    /// console, the banner and `check`, not the room.
    fn missing_image(&mut self, img: &Image, width: f32) -> Laid {
        let alt = img.alt.trim();
        if alt.is_empty() {
            return Laid::default();
        }
        let th = self.theme;
        let st = TextStyle::plain(th.body_size() * self.s, th.text, th.line_height);
        let job = LayoutJob {
            wrap: TextWrapping {
                max_width: width.max(10.0),
                ..Default::default()
            },
            ..LayoutJob::single_section(alt.to_string(), self.format(&st))
        };
        let galley = self.fonts.layout_job(job);
        let rect = galley.rect;
        let key = self.key("img-alt", Some(&img.meta), &img.src);
        Laid {
            items: vec![self.item(key, rect, ItemKind::Text(galley))],
            size: rect.size(),
        }
    }

    pub(super) fn image(&mut self, img: &Image, width: f32) -> Laid {
        let style = img.meta.style();
        // CSS wins over the HTML attribute, as in a browser.
        let attr = |k: &str| {
            img.meta
                .attrs
                .get(k)
                .and_then(|v| attribute_points(v, self.s))
        };
        let want_w = style
            .width()
            .and_then(|len| points(len, self.basis(width)))
            .or_else(|| attr("width"));
        let want_h = style
            .height()
            .and_then(|len| points(len, self.basis(self.canvas.y)))
            .or_else(|| attr("height"));
        let max_w = want_w.unwrap_or(width * 0.95).min(self.canvas.x);
        let max_h = want_h.unwrap_or(self.canvas.y * 0.95).min(self.canvas.y);
        let key = self.key("img", Some(&img.meta), &img.src);
        match self.images.state(&img.src) {
            ImageState::Failed(_) => self.missing_image(img, max_w),
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
}

/// A slide's background as its attributes and the theme give it.
pub(super) struct Background {
    /// The colour under everything.
    pub color: Color32,
    /// The image over it, if any.
    pub image: Option<String>,
    /// The gradient over the colour, if any.
    pub gradient: Option<Gradient>,
}

/// The slide's background colour, image and gradient from `data-background-color`,
/// `data-background-image`, `data-background-gradient` and the shorthand `data-background`
/// (an image when it looks like a path or URL, else a colour or gradient); the theme's colour
/// and gradient when none is given.
pub(super) fn background(attrs: &Attributes, theme: &Theme) -> Background {
    let bg_value = attrs.get("data-background").unwrap_or("");
    let is_image = crate::deck::names_image;
    let own_color = attrs
        .get("data-background-color")
        .and_then(parse_color)
        .or_else(|| {
            (!is_image(bg_value))
                .then(|| parse_color(bg_value))
                .flatten()
        });
    let own_gradient = attrs
        .get("data-background-gradient")
        .and_then(Gradient::parse)
        .or_else(|| Gradient::parse(bg_value));
    let image = attrs
        .get("data-background-image")
        .map(str::to_string)
        .or_else(|| is_image(bg_value).then(|| bg_value.to_string()))
        // A background video is a background picture whose frames change (the loader plays it).
        .or_else(|| attrs.get("data-background-video").map(str::to_string));
    // A slide's own colour hides the theme's gradient, as reveal.js's background layer covers
    // the viewport's.
    let gradient = own_gradient.or_else(|| {
        own_color
            .is_none()
            .then(|| theme.gradient.clone())
            .flatten()
    });
    Background {
        color: own_color.unwrap_or(theme.background),
        image,
        gradient,
    }
}

#[cfg(test)]
// Tests compare against literal colours.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::super::test_support::{Every, lay, lay_at};
    use crate::scene::{ImageState, ItemKind, Scene};
    use eframe::egui::{Color32, Rect};

    fn image_rect(scene: &Scene) -> Rect {
        scene
            .items
            .iter()
            .find(|i| matches!(i.kind, ItemKind::Image { .. }))
            .map(|i| i.rect)
            .expect("an image")
    }

    #[test]
    fn a_width_attribute_sets_the_width_and_keeps_the_aspect() {
        let ready = Every(ImageState::Ready([400, 300]));
        let r = image_rect(&lay_at("<img src=\"a.png\" width=\"200\">\n", 1.0, &ready));
        assert!((r.width() - 200.0).abs() < 0.5, "{r:?}");
        assert!((r.height() - 150.0).abs() < 0.5, "{r:?}");
        let r = image_rect(&lay_at("<img src=\"a.png\" width=\"200\">\n", 0.5, &ready));
        assert!(
            (r.width() - 100.0).abs() < 0.5,
            "scaled with the slide: {r:?}"
        );
    }

    #[test]
    fn a_css_percent_width_is_of_the_container_and_beats_the_attribute() {
        let ready = Every(ImageState::Ready([400, 300]));
        let md = "<img src=\"a.png\" width=\"200\" style=\"width: 50%\">\n";
        let r = image_rect(&lay_at(md, 1.0, &ready));
        assert!((r.width() - 480.0).abs() < 0.5, "{r:?}");
    }

    #[test]
    fn small_images_keep_their_natural_size() {
        let ready = Every(ImageState::Ready([100, 50]));
        let r = image_rect(&lay_at("![](a.png)\n", 1.0, &ready));
        assert!((r.width() - 100.0).abs() < 0.5 && (r.height() - 50.0).abs() < 0.5);
    }

    #[test]
    fn a_failed_image_shows_its_alt_text_quietly() {
        let failed = Every(ImageState::Failed("not found".into()));
        let scene = lay_at("![A cat asleep](gone.png)\n", 1.0, &failed);
        assert!(
            !scene.items.iter().any(|i| matches!(
                i.kind,
                ItemKind::Placeholder { .. } | ItemKind::Image { .. }
            )),
            "no box for the room"
        );
        let (text, colour) = scene
            .items
            .iter()
            .find_map(|i| match &i.kind {
                ItemKind::Text(g) => Some((g.text().to_string(), g.job.sections[0].format.color)),
                _ => None,
            })
            .expect("the alt text");
        assert_eq!(text, "A cat asleep");
        assert_eq!(colour, crate::theme::Theme::black().text);
        assert!(
            !text.contains("gone.png"),
            "the path is the speaker's business"
        );
        // No alt text: nothing at all, as a browser shows.
        let scene = lay_at("![](gone.png)\n", 1.0, &failed);
        assert!(scene.items.is_empty(), "{:?}", scene.items.len());
    }

    #[test]
    fn backgrounds_become_the_scenes_colour_or_image() {
        let scene = lay("<!-- .slide: data-background-image=\"bg.png\" -->\n# Hi\n");
        assert_eq!(scene.background_image.as_deref(), Some("bg.png"));
        let scene = lay("<!-- .slide: data-background=\"pic.JPG\" -->\n# Hi\n");
        assert_eq!(scene.background_image.as_deref(), Some("pic.JPG"));
        let scene = lay("<!-- .slide: data-background=\"#ff0000\" -->\n# Hi\n");
        assert_eq!(scene.background_image, None);
        assert_eq!(scene.background, Color32::from_rgb(255, 0, 0));
    }
}
