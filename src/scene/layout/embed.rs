//! Embeds: a `<video>` laid out as a picture (its frames come from the loader), and an
//! `<iframe>` as a card, since no browser is embedded: the page's address, a QR code of it for
//! the room, and the whole card a link the click opens in the system browser (http and https
//! only; `file:` and `javascript:` addresses get no link and no code).

use super::length::{attribute_points, points};
use super::{Laid, Layouter, TextStyle};
use crate::attendance::{QUIET_ZONE, QrMatrix};
use crate::deck::{Image, Meta};
use crate::scene::ItemKind;
use crate::theme::chrome;
use eframe::egui::{Align, Rect, pos2, vec2};
use eframe::epaint::text::{LayoutJob, TextWrapping};

/// Whether the card's address may be opened and shown as a code: http and https only.
pub(crate) fn openable(src: &str) -> bool {
    let lower = src.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

impl Layouter<'_, '_> {
    /// A `<video>`: drawn as an image of its source (first frame, then playing frames).
    pub(super) fn video(&mut self, meta: &Meta, width: f32) -> Option<Laid> {
        let src = meta
            .attrs
            .get("src")
            .or_else(|| meta.attrs.get("data-src"))?;
        if let crate::scene::ImageState::Failed(reason) = self.images.state(src) {
            // Said in full, whatever a missing image shows: the speaker must learn what to
            // install (ffmpeg) before the talk.
            return Some(self.placeholder(&format!("{src}: {reason}"), width.min(520.0 * self.s)));
        }
        let img = Image {
            src: src.to_string(),
            alt: String::new(),
            meta: meta.clone(),
        };
        Some(self.image(&img, width))
    }

    /// An `<iframe>` as a card in the box the page would take.
    pub(super) fn iframe(&mut self, meta: &Meta, width: f32) -> Laid {
        let src = meta
            .attrs
            .get("src")
            .or_else(|| meta.attrs.get("data-src"))
            .unwrap_or("")
            .trim()
            .to_string();
        let style = meta.style();
        let attr = |k: &str| meta.attrs.get(k).and_then(|v| attribute_points(v, self.s));
        let w = style
            .width()
            .and_then(|len| points(len, self.basis(width)))
            .or_else(|| attr("width"))
            .unwrap_or(width)
            .min(width);
        let h = style
            .height()
            .and_then(|len| points(len, self.basis(self.canvas.y)))
            .or_else(|| attr("height"))
            .unwrap_or(w * 0.45)
            .clamp(140.0 * self.s, self.canvas.y * 0.9);
        self.card(&src, meta, vec2(w.max(200.0 * self.s), h))
    }

    /// The card for `src` at `size`, from its own top-left corner.
    pub(super) fn card(&mut self, src: &str, meta: &Meta, size: eframe::egui::Vec2) -> Laid {
        let s = self.s;
        let pad = 16.0 * s;
        let rect = Rect::from_min_size(pos2(0.0, 0.0), size);
        let mut out = Laid {
            items: Vec::new(),
            size,
        };
        let fill = self.theme.quote_background;
        let key = self.key("iframe-card", Some(meta), src);
        out.items.push(self.item(
            key.clone(),
            rect,
            ItemKind::Fill {
                color: fill,
                corner: 8.0 * s,
            },
        ));
        // The code: as tall as the card allows, never more than half its width.
        let ok = openable(src);
        let mut text_x = pad;
        if ok && let Ok(qr) = QrMatrix::encode(src) {
            let side = (size.y - 2.0 * pad).min(size.x * 0.45).min(260.0 * s);
            if side >= 60.0 * s {
                let modules = (qr.width + 2 * QUIET_ZONE) as f32;
                let m = side / modules;
                let origin = pos2(pad, (size.y - side) / 2.0);
                let quiet = Rect::from_min_size(origin, vec2(side, side));
                let k = self.key("iframe-qr", None, "");
                out.items.push(self.item(
                    k,
                    quiet,
                    ItemKind::Fill {
                        color: chrome::QR_LIGHT,
                        corner: 4.0 * s,
                    },
                ));
                for (row, col, len) in qr.runs() {
                    let r = Rect::from_min_size(
                        origin + vec2((col + QUIET_ZONE) as f32 * m, (row + QUIET_ZONE) as f32 * m),
                        // A hair wider, so rows do not show seams when scaled.
                        vec2(len as f32 * m + 0.3, m + 0.3),
                    );
                    let k = self.key("iframe-qr", None, "");
                    out.items.push(self.item(
                        k,
                        r,
                        ItemKind::Fill {
                            color: chrome::QR_DARK,
                            corner: 0.0,
                        },
                    ));
                }
                text_x = pad + side + pad;
            }
        }
        let text_w = (size.x - text_x - pad).max(40.0 * s);
        let title = TextStyle {
            bold: true,
            align: Align::LEFT,
            ..TextStyle::plain(30.0 * s, self.theme.heading, 1.3)
        };
        let ok = openable(src);
        let address = TextStyle {
            align: Align::LEFT,
            // Link-coloured only when it is one.
            ..TextStyle::plain(
                26.0 * s,
                if ok { self.theme.link } else { self.theme.text },
                1.3,
            )
        };
        let note = TextStyle {
            align: Align::LEFT,
            ..TextStyle::plain(20.0 * s, self.theme.muted, 1.3)
        };
        let mut job = LayoutJob {
            wrap: TextWrapping {
                max_width: text_w,
                ..Default::default()
            },
            halign: Align::LEFT,
            ..Default::default()
        };
        job.append("Web page\n", 0.0, self.format(&title));
        let shown = if src.is_empty() { "(no address)" } else { src };
        job.append(shown, 0.0, self.format(&address));
        let hint = if ok {
            "\nClick to open it in the browser, or scan the code."
        } else {
            "\nNot opened: only http and https pages are."
        };
        job.append(hint, 0.0, self.format(&note));
        let galley = self.fonts.layout_job(job);
        let th = galley.rect.height();
        let text_rect = Rect::from_min_size(
            pos2(text_x, ((size.y - th) / 2.0).max(pad)),
            vec2(galley.rect.width(), th),
        );
        let mut text = self.item(format!("{key}:text"), text_rect, ItemKind::Text(galley));
        if ok {
            // The whole card is the link, relative to the text item's corner.
            text.links = vec![(rect.translate(-text_rect.min.to_vec2()), src.to_string())];
        }
        out.items.push(text);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{lay, texts};
    use crate::scene::ItemKind;
    use eframe::egui::pos2;

    #[test]
    fn an_iframe_is_a_card_with_its_address_a_code_and_a_link() {
        let scene = lay(
            "<iframe src=\"https://example.com/demo\" width=\"600\" height=\"300\"></iframe>\n",
        );
        let all: String = texts(&scene).into_iter().map(|(t, _)| t + " ").collect();
        assert!(all.contains("https://example.com/demo"), "{all}");
        let dark = scene
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Fill { color, .. } if color == crate::theme::chrome::QR_DARK))
            .count();
        assert!(dark > 20, "a QR code's modules: {dark}");
        let card = scene.items[0].rect;
        assert_eq!(
            scene.link_at(card.left_top() + eframe::egui::vec2(4.0, 4.0), &|_| false),
            Some("https://example.com/demo"),
            "a click anywhere on the card opens the page"
        );
        assert_eq!(scene.link_at(pos2(1.0, 1.0), &|_| false), None);
    }

    #[test]
    fn a_video_is_a_picture_and_a_background_video_that_cannot_play_says_why() {
        use super::super::test_support::{Every, lay_at, placeholder_text};
        use crate::scene::ImageState;
        let ready = Every(ImageState::Ready([320, 180]));
        let scene = lay_at(
            "<video data-autoplay src=\"clip.webm\"></video>\n",
            1.0,
            &ready,
        );
        let pic = scene
            .items
            .iter()
            .find_map(|i| match &i.kind {
                ItemKind::Image { src } => Some((src.clone(), i.rect)),
                _ => None,
            })
            .expect("a picture item");
        assert_eq!(pic.0, "clip.webm");
        assert!(
            (pic.1.width() / pic.1.height() - 16.0 / 9.0).abs() < 0.01,
            "{:?}",
            pic.1
        );
        let failed = Every(ImageState::Failed(
            "video needs ffmpeg (apt install ffmpeg)".into(),
        ));
        let md = "<!-- .slide: data-background-video=\"bg.mp4\" -->\n\n# Title\n";
        let scene = lay_at(md, 1.0, &failed);
        assert_eq!(scene.background_image.as_deref(), Some("bg.mp4"));
        assert!(placeholder_text(&scene).contains("bg.mp4: video needs ffmpeg"));
        let scene = lay_at("<video src=\"v.mp4\"></video>\n", 1.0, &failed);
        assert!(placeholder_text(&scene).contains("v.mp4: video needs ffmpeg"));
    }

    #[test]
    fn a_background_iframe_is_a_card_behind_the_content() {
        let scene =
            lay("<!-- .slide: data-background-iframe=\"https://example.org/\" -->\n\n# Over it\n");
        let centre = scene.size / 2.0;
        assert_eq!(
            scene.link_at(centre.to_pos2() + eframe::egui::vec2(0.0, 150.0), &|_| {
                false
            }),
            Some("https://example.org/")
        );
        assert!(
            matches!(scene.items[0].kind, ItemKind::Fill { .. }),
            "painted first"
        );
    }

    #[test]
    fn a_javascript_or_file_iframe_gets_no_link_and_no_code() {
        for src in ["javascript:alert(1)", "file:///etc/passwd"] {
            let scene = lay(&format!("<iframe src=\"{src}\"></iframe>\n"));
            assert!(scene.items.iter().all(|i| i.links.is_empty()), "{src}");
            let all: String = texts(&scene).into_iter().map(|(t, _)| t + " ").collect();
            assert!(all.contains("Not opened"), "{all}");
        }
    }
}
