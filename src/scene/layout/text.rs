//! Text: inline runs (emphasis, code, links, spans, inline images) gathered into one egui
//! layout job per block, with runs inside inline fragments split into galleys of their own.

use super::{Laid, Layouter, TextStyle};
use crate::deck::{Image, Inline, Meta};
use crate::scene::{Frag, ItemKind};
use crate::theme::reveal;
use eframe::egui::{Align, Color32, Stroke, vec2};
use eframe::epaint::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat, TextWrapping};

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

/// Where each link's characters sit in `galley`, one rectangle per row it spans, relative
/// to the galley's own top-left corner (as items are painted).
fn link_areas(
    galley: &eframe::epaint::Galley,
    text: &str,
    ranges: &[(std::ops::Range<usize>, String, usize)],
) -> Vec<(eframe::egui::Rect, String, usize)> {
    use eframe::epaint::text::cursor::CCursor;
    let mut out: Vec<(eframe::egui::Rect, String, usize)> = Vec::new();
    for (range, href, section) in ranges {
        let first = text.get(..range.start).map_or(0, |t| t.chars().count());
        let count = text.get(range.clone()).map_or(0, |t| t.chars().count());
        let mut row: Option<eframe::egui::Rect> = None;
        for i in first..first + count {
            let a = galley.pos_from_cursor(CCursor::new(i));
            let b = galley.pos_from_cursor(CCursor::new(i + 1));
            let glyph = if (a.top() - b.top()).abs() < 0.5 {
                eframe::egui::Rect::from_x_y_ranges(a.left()..=b.left(), a.top()..=a.bottom())
            } else {
                // The last character of a row: its width is unknown, take a sliver.
                eframe::egui::Rect::from_x_y_ranges(a.left()..=a.left() + 1.0, a.top()..=a.bottom())
            };
            row = match row {
                Some(r) if (r.top() - glyph.top()).abs() < 0.5 => Some(r.union(glyph)),
                Some(r) => {
                    out.push((
                        r.translate(-galley.rect.min.to_vec2()),
                        href.clone(),
                        *section,
                    ));
                    Some(glyph)
                }
                None => Some(glyph),
            };
        }
        if let Some(r) = row {
            out.push((
                r.translate(-galley.rect.min.to_vec2()),
                href.clone(),
                *section,
            ));
        }
    }
    out
}

impl Layouter<'_, '_> {
    /// Appends a run to the text job, remembering which fragments it belongs to.
    pub(super) fn append(&mut self, job: &mut LayoutJob, text: &str, format: TextFormat) {
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
        self.section_links.push(self.link.clone());
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
                    let outer_link = self.link.clone();
                    match inline {
                        Inline::Emphasis { .. } => {
                            s2.italic = true;
                            if let Some(c) = self.theme.italic_color {
                                s2.color = c;
                            }
                        }
                        Inline::Strong { .. } => {
                            s2.bold = true;
                            if let Some(c) = self.theme.bold_color {
                                s2.color = c;
                            }
                        }
                        Inline::Strikethrough { .. } => s2.strike = true,
                        Inline::Link { href, .. } => {
                            s2.color = self.theme.link;
                            self.link = Some(href.clone());
                        }
                        _ => {}
                    }
                    self.with_fragment(Some(meta), |l| {
                        l.inline_job(content, &s2, job, images, last_space)
                    });
                    self.link = outer_link;
                }
                Inline::Code { text, meta } => {
                    let mut s2 = TextStyle {
                        mono: true,
                        upper: false,
                        letter_spacing: 0.0,
                        size: st.size * 0.9,
                        background: self.theme.inline_code_background,
                        ..self.styled(st, meta)
                    };
                    if let Some(c) = self.theme.inline_code_color {
                        s2.color = c;
                    }
                    let t = collapse_ws(text, last_space);
                    *last_space = false;
                    let f = self.format(&s2);
                    self.with_fragment(Some(meta), |l| l.append(job, &t, f));
                }
                Inline::Math { tex, meta } => {
                    let s2 = TextStyle {
                        upper: false,
                        ..self.styled(st, meta)
                    };
                    *last_space = false;
                    let display = meta.attrs.has_class("display");
                    self.with_fragment(Some(meta), |l| l.inline_math(job, tex, &s2, display));
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
                        "mark" => s2.background = reveal::MARK_BACKGROUND,
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

    pub(super) fn text_block(
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
        let outer_links = std::mem::take(&mut self.section_links);
        let outer_math = std::mem::take(&mut self.math_runs);
        self.inline_job(content, st, &mut job, &mut images, &mut last_space);
        let mut section_frags = std::mem::replace(&mut self.section_frags, outer);
        let mut section_links = std::mem::replace(&mut self.section_links, outer_links);
        let math_runs = std::mem::replace(&mut self.math_runs, outer_math);
        if !math_runs.is_empty() {
            // Centred rows put the text's baseline where `math_items` expects it.
            for s in &mut job.sections {
                s.format.valign = Align::Center;
            }
        }
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
            let mut k = keep.iter();
            section_links.retain(|_| k.next().copied().unwrap_or(false));
        }
        let mut out = Laid::default();
        if only_breaks > 0 && images.is_empty() {
            // Only line breaks: empty lines that take their height.
            out.size.y = only_breaks as f32 * st.size * st.line_height;
            return out;
        }
        if !job.text.is_empty() {
            let text = job.text.clone();
            let link_ranges: Vec<(std::ops::Range<usize>, String, usize)> = job
                .sections
                .iter()
                .zip(&section_links)
                .enumerate()
                .filter_map(|(n, (sec, link))| {
                    link.clone()
                        .map(|href| (sec.byte_range.start.0..sec.byte_range.end.0, href, n))
                })
                .collect();
            let galley = self.fonts.layout_job(job);
            let links = link_areas(&galley, &text, &link_ranges);
            let anchor = match st.align {
                Align::Min => 0.0,
                Align::Center => width / 2.0,
                Align::Max => width,
            };
            let rect = galley.rect.translate(vec2(anchor, 0.0));
            let key = self.key(kind, meta, &text);
            let formulas = self.math_items(&galley, math_runs, vec2(anchor, 0.0), &key);
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
            let links_of = |keep: &dyn Fn(&[Frag]) -> bool| -> Vec<(eframe::egui::Rect, String)> {
                links
                    .iter()
                    .filter(|(_, _, n)| chains.get(*n).is_some_and(|c| keep(c)))
                    .map(|(r, h, _)| (*r, h.clone()))
                    .collect()
            };
            if distinct.is_empty() {
                let mut item = self.item(key, rect, ItemKind::Text(galley));
                item.links = links_of(&|_| true);
                out.items.push(item);
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
                let mut item = self.item(key.clone(), rect, ItemKind::Text(g));
                // A link inside an inline fragment goes with that fragment's galley.
                item.links = links_of(&|c| c.is_empty());
                out.items.push(item);
                for (n, chain) in distinct.iter().enumerate() {
                    let mut part = (*galley.job).clone();
                    hide(&mut part, &|c| c == *chain);
                    let g = self.fonts.layout_job(part);
                    let mut item = self.item(format!("{key}#f{n}"), rect, ItemKind::Text(g));
                    item.links = links_of(&|c| c == *chain);
                    item.fragments.extend_from_slice(chain);
                    out.items.push(item);
                }
            }
            out.items.extend(formulas);
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
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{lay, texts};

    #[test]
    fn links_are_hit_where_their_words_are_drawn() {
        let scene = lay("Go [to the end](#/3) now, or [away](https://example.com).");
        let item = scene
            .items
            .iter()
            .find(|i| !i.links.is_empty())
            .expect("an item with links");
        assert_eq!(item.links.len(), 2);
        let (first, href) = &item.links[0];
        assert_eq!(href, "#/3");
        let centre = first.center() + item.rect.min.to_vec2();
        assert_eq!(scene.link_at(centre, &|_| false), Some("#/3"));
        let second = item.links[1].0.center() + item.rect.min.to_vec2();
        assert_eq!(
            scene.link_at(second, &|_| false),
            Some("https://example.com")
        );
        assert!(second.x > centre.x, "the second link stands to the right");
        // "Go" is not a link.
        let go = item.rect.min + eframe::egui::vec2(2.0, first.center().y);
        assert_eq!(scene.link_at(go, &|_| false), None);
        assert_eq!(
            scene.link_at(centre, &|_| true),
            None,
            "a hidden item holds no links"
        );
    }

    #[test]
    fn inline_runs_share_one_galley_with_whitespace_collapsed() {
        let scene = lay("Some **bold**   and `code` here\n");
        let t = texts(&scene);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].0, "Some bold and code here");
    }

    #[test]
    fn an_inline_fragment_gets_a_galley_of_its_own_in_the_same_place() {
        let scene = lay("Before <span class=\"fragment\">later</span> after\n");
        let items: Vec<_> = scene.items.iter().collect();
        assert_eq!(items.len(), 2, "{:?}", texts(&scene));
        let (base, part) = (items[0], items[1]);
        assert!(base.fragments.is_empty());
        assert_eq!(part.fragments.len(), 1);
        assert_eq!(part.fragments[0].step, 0);
        assert_eq!(part.key, format!("{}#f0", base.key));
        assert_eq!(base.rect, part.rect);
    }

    #[test]
    fn wide_text_wraps_inside_the_canvas() {
        let long = "word ".repeat(80);
        let t = texts(&lay(&long));
        assert_eq!(t.len(), 1);
        let r = t[0].1;
        assert!(r.width() <= 960.5 && r.height() > 100.0, "{r:?}");
    }
}
