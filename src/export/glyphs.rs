//! Which font file and glyph drew each character of an egui galley, for writing text into a
//! PDF. egui's glyphs carry the character and its position but not the face it came from, so
//! the face is found again the way epaint finds it: the first font of the family's list that
//! has the character. Fonts are the ones the screen uses ([`crate::theme::fonts::definitions`]).

use eframe::egui::{FontDefinitions, FontFamily};
use eframe::epaint::text::Blob;
use skrifa::MetadataProvider as _;
use std::collections::HashMap;

/// One font file of the definitions, ready for the PDF writer.
struct Face {
    /// The file's bytes, shared with egui's definitions.
    bytes: Blob,
    /// Face index inside the file.
    index: u32,
    /// The PDF writer's handle (krilla embeds and subsets it once per document).
    font: krilla::text::Font,
    /// egui's size tweak for this face (1 for the bundled fonts).
    scale: f32,
    /// Characters looked up so far and their glyph ids.
    cmap: HashMap<char, Option<u32>>,
}

/// Where a character is drawn from: a face of the book and a glyph in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Index of the face in the book.
    pub face: usize,
    /// Glyph id inside that face (0, `.notdef`, when no face has the character).
    pub glyph: u32,
}

/// The fonts of a set of egui definitions, by family, in fallback order.
pub struct FontBook {
    faces: Vec<Face>,
    families: HashMap<FontFamily, Vec<usize>>,
    /// Clusters shaped so far (family, text) and the one glyph that draws each, if any.
    clusters: HashMap<(FontFamily, String), Option<Resolved>>,
}

impl FontBook {
    /// Reads every font of `defs` that parses; a font that does not is left out (egui would
    /// not draw with it either).
    pub fn new(defs: &FontDefinitions) -> FontBook {
        let mut faces = Vec::new();
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for (name, data) in &defs.font_data {
            let bytes: Blob = data.font.clone();
            if skrifa::FontRef::from_index(bytes.as_ref().as_ref(), data.index).is_err() {
                continue;
            }
            let Some(font) = krilla::text::Font::new(bytes.clone().into(), data.index) else {
                continue;
            };
            by_name.insert(name.as_str(), faces.len());
            faces.push(Face {
                bytes,
                index: data.index,
                font,
                scale: data.tweak.scale,
                cmap: HashMap::new(),
            });
        }
        let families = defs
            .families
            .iter()
            .map(|(family, names)| {
                let list = names
                    .iter()
                    .filter_map(|n| by_name.get(n.as_str()).copied())
                    .collect();
                (family.clone(), list)
            })
            .collect();
        FontBook {
            faces,
            families,
            clusters: HashMap::new(),
        }
    }

    /// The book of the fonts the screen draws with.
    pub fn bundled() -> FontBook {
        FontBook::new(&crate::theme::fonts::definitions())
    }

    /// The face and glyph that draw `c` in `family`: the first face of the family that has
    /// it, else the family's first face's `.notdef`. `None` when the family has no font.
    pub fn resolve(&mut self, family: &FontFamily, c: char) -> Option<Resolved> {
        let list = self.families.get(family)?;
        let first = *list.first()?;
        for &i in list {
            let face = self.faces.get_mut(i)?;
            let glyph = *face.cmap.entry(c).or_insert_with(|| {
                skrifa::FontRef::from_index(face.bytes.as_ref().as_ref(), face.index)
                    .ok()
                    .and_then(|f| f.charmap().map(c))
                    .map(|g| g.to_u32())
            });
            if let Some(glyph) = glyph {
                return Some(Resolved { face: i, glyph });
            }
        }
        Some(Resolved {
            face: first,
            glyph: 0,
        })
    }

    /// The one glyph that draws the cluster `text` in `family` (an emoji ZWJ sequence, a
    /// flag), as epaint shaped it on screen: the first face of the family whose shaping gives
    /// a single glyph. `None` when none does (each character is then drawn on its own).
    pub fn resolve_cluster(&mut self, family: &FontFamily, text: &str) -> Option<Resolved> {
        let key = (family.clone(), text.to_string());
        if let Some(hit) = self.clusters.get(&key) {
            return *hit;
        }
        let first = text.chars().next()?;
        let found = self.families.get(family).and_then(|list| {
            list.iter().find_map(|&i| {
                let face = self.faces.get(i)?;
                let font =
                    skrifa::FontRef::from_index(face.bytes.as_ref().as_ref(), face.index).ok()?;
                font.charmap().map(first)?;
                let data = harfrust::ShaperData::new(&font);
                let shaper = data.shaper(&font).build();
                let mut buffer = harfrust::UnicodeBuffer::new();
                buffer.push_str(text);
                buffer.guess_segment_properties();
                let out = shaper.shape(buffer, harfrust::ShapeOptions::new());
                match out.glyph_infos() {
                    [one] if one.glyph_id != 0 => Some(Resolved {
                        face: i,
                        glyph: one.glyph_id,
                    }),
                    _ => None,
                }
            })
        });
        self.clusters.insert(key, found);
        found
    }

    /// The PDF font of face `face`.
    pub fn font(&self, face: usize) -> Option<&krilla::text::Font> {
        self.faces.get(face).map(|f| &f.font)
    }

    /// egui's size factor for face `face`: the em size is the text size times this.
    pub fn scale(&self, face: usize) -> f32 {
        self.faces.get(face).map_or(1.0, |f| f.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::fonts::BOLD_FAMILY;

    #[test]
    fn hangul_and_latin_come_from_the_bundled_faces_in_fallback_order() {
        let mut book = FontBook::bundled();
        let latin = book
            .resolve(&FontFamily::Proportional, 'A')
            .expect("a face");
        let hangul = book
            .resolve(&FontFamily::Proportional, '한')
            .expect("a face");
        assert_eq!(latin.face, hangul.face, "Rostra Gothic has both");
        assert_ne!(hangul.glyph, 0);
        assert_ne!(latin.glyph, hangul.glyph);
        // Code: Latin from JetBrains Mono, Hangul falls back to Rostra Gothic.
        let mono_a = book.resolve(&FontFamily::Monospace, 'A').expect("a face");
        let mono_han = book.resolve(&FontFamily::Monospace, '한').expect("a face");
        assert_ne!(mono_a.face, latin.face);
        assert_eq!(mono_han.face, hangul.face);
        let bold = book
            .resolve(&FontFamily::Name(BOLD_FAMILY.into()), 'A')
            .expect("a face");
        assert_ne!(bold.face, latin.face);
        assert!(book.font(bold.face).is_some());
    }

    #[test]
    fn a_character_no_face_has_falls_back_to_notdef_of_the_first() {
        let mut book = FontBook::bundled();
        let r = book
            .resolve(&FontFamily::Proportional, '\u{10FFFD}')
            .expect("a face");
        assert_eq!(r.glyph, 0);
        assert!(
            book.resolve(&FontFamily::Name("nope".into()), 'a')
                .is_none()
        );
    }

    #[test]
    fn an_emoji_sequence_and_a_flag_are_one_glyph_each_not_their_parts() {
        let mut book = FontBook::bundled();
        let family = FontFamily::Proportional;
        let man = book.resolve(&family, '\u{1F468}').expect("a face");
        let cook = book
            .resolve_cluster(&family, "\u{1F468}\u{200D}\u{1F373}")
            .expect("the cook is one glyph");
        assert_eq!(cook.face, man.face);
        assert_ne!(cook.glyph, man.glyph);
        let k = book.resolve(&family, '\u{1F1F0}').expect("a face");
        let flag = book
            .resolve_cluster(&family, "\u{1F1F0}\u{1F1F7}")
            .expect("the flag is one glyph");
        assert_ne!(flag.glyph, k.glyph);
        // Two letters are two glyphs: no cluster.
        assert!(book.resolve_cluster(&family, "ab").is_none());
    }
}
