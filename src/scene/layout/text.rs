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

impl Layouter<'_, '_> {
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
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{lay, texts};

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
