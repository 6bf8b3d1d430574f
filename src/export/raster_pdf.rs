//! A minimal PDF writer: one full-page RGB image per page (Flate-compressed), enough for
//! handouts that look exactly like the screen. Written from the PDF 1.4 object format.

use std::fmt::Write as _;

/// Pages collected so far, written out by [`PdfWriter::finish`].
pub struct PdfWriter {
    title: Option<String>,
    /// Per page: width, height, compressed RGB.
    pages: Vec<(u32, u32, Vec<u8>)>,
}

/// PDF points per pixel: pages are 96 dpi, as browsers print.
const PT_PER_PX: f32 = 0.75;

impl PdfWriter {
    /// An empty document with an optional title.
    pub fn new(title: Option<&str>) -> PdfWriter {
        PdfWriter {
            title: title.map(str::to_string),
            pages: Vec::new(),
        }
    }

    /// Adds a page showing `rgba` (row-major, `size` pixels).
    pub fn add_page(&mut self, rgba: &[u8], size: [u32; 2]) {
        let rgb: Vec<u8> = rgba
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&rgb, 6);
        self.pages.push((size[0], size[1], packed));
    }

    /// Number of pages.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether no page was added.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// The document's bytes.
    pub fn finish(self) -> Vec<u8> {
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets: Vec<usize> = Vec::new();
        let n = self.pages.len();
        // Objects: 1 catalog, 2 page tree, 3 info, then per page: page, contents, image.
        let page_id = |i: usize| 4 + 3 * i;
        let obj = |out: &mut Vec<u8>, offsets: &mut Vec<usize>, body: &[u8]| {
            offsets.push(out.len());
            let id = offsets.len();
            out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        };
        obj(&mut out, &mut offsets, b"<< /Type /Catalog /Pages 2 0 R >>");
        let kids = (0..n).fold(String::new(), |mut s, i| {
            let _ = write!(s, "{} 0 R ", page_id(i));
            s
        });
        obj(
            &mut out,
            &mut offsets,
            format!("<< /Type /Pages /Kids [{kids}] /Count {n} >>").as_bytes(),
        );
        let title = self.title.unwrap_or_else(|| "rostra export".into());
        // UTF-16BE with a byte-order mark, so Hangul titles survive.
        let hex: String = std::iter::once(0xFEFFu16).chain(title.encode_utf16()).fold(
            String::new(),
            |mut s, u| {
                let _ = write!(s, "{u:04X}");
                s
            },
        );
        obj(
            &mut out,
            &mut offsets,
            format!("<< /Title <{hex}> /Producer (rostra) >>").as_bytes(),
        );
        for (i, (w, h, data)) in self.pages.into_iter().enumerate() {
            let (pw, ph) = (w as f32 * PT_PER_PX, h as f32 * PT_PER_PX);
            let id = page_id(i);
            obj(
                &mut out,
                &mut offsets,
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2} {ph:.2}] /Resources << /XObject << /Im0 {} 0 R >> >> /Contents {} 0 R >>",
                    id + 2,
                    id + 1
                )
                .as_bytes(),
            );
            let content = format!("q {pw:.2} 0 0 {ph:.2} 0 0 cm /Im0 Do Q");
            obj(
                &mut out,
                &mut offsets,
                format!(
                    "<< /Length {} >>\nstream\n{content}\nendstream",
                    content.len()
                )
                .as_bytes(),
            );
            let mut body = format!(
                "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length {} >>\nstream\n",
                data.len()
            )
            .into_bytes();
            body.extend_from_slice(&data);
            body.extend_from_slice(b"\nendstream");
            obj(&mut out, &mut offsets, &body);
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
        for o in &offsets {
            let _ = writeln!(table, "{o:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        );
        out.extend_from_slice(table.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_cross_references_are_consistent() {
        let mut w = PdfWriter::new(Some("발표"));
        w.add_page(&[255u8; 4 * 4 * 2], [4, 2]);
        w.add_page(&[0u8; 4 * 2 * 2], [2, 2]);
        assert_eq!(w.len(), 2);
        let bytes = w.finish();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-1.4"));
        assert_eq!(text.matches("/Type /Page ").count(), 2);
        assert!(text.contains("/Count 2"));
        // Every xref offset points at the start of its object.
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.trim().parse().ok())
            .expect("startxref");
        let table = &text[start..];
        for (n, line) in table
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .enumerate()
        {
            let off: usize = line[..10].parse().expect("offset");
            assert!(
                text[off..].starts_with(&format!("{} 0 obj", n + 1)),
                "object {}",
                n + 1
            );
        }
    }
}
