//! Image files to pixels: PNG, JPEG, GIF's first frame, WebP and SVG (rendered with the bundled
//! fonts), checked against size limits before decoding and scaled to what a screen needs.

use eframe::egui::ColorImage;
use std::path::Path;

/// Largest image rostra will decode, in pixels (a 30,000 x 30,000 image is refused unread).
pub const MAX_PIXELS: u64 = 80_000_000;
/// Longest side of the uploaded texture; enough for a 4K projector.
pub const MAX_SIDE: u32 = 2560;

/// Reads and decodes one image file; the size returned is the image's natural size.
pub fn decode(path: &Path) -> Result<(ColorImage, [u32; 2]), String> {
    decode_at(path, MAX_SIDE)
}

/// [`decode`], scaled to at most `max_side` pixels on the longest side.
pub fn decode_at(path: &Path, max_side: u32) -> Result<(ColorImage, [u32; 2]), String> {
    let max_side = max_side.clamp(16, MAX_SIDE);
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a regular file", path.display()));
    }
    if is_svg(path) {
        return decode_svg(path, max_side);
    }
    let reader = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("cannot read: {e}"))?;
    let reader2 = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("cannot read: {e}"))?;
    let (w, h) = reader2
        .into_dimensions()
        .map_err(|e| format!("not an image rostra can read: {e}"))?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "too large to show ({w} x {h} pixels); refused without decoding"
        ));
    }
    let img = reader
        .decode()
        .map_err(|e| format!("corrupt or unsupported image: {e}"))?;
    let img = if w.max(h) > max_side {
        img.thumbnail(max_side, max_side)
    } else {
        img
    };
    let rgba = img.to_rgba8();
    if rgba.width() == 0 || rgba.height() == 0 {
        return Err("the image has no pixels".into());
    }
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok((
        ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()),
        [w, h],
    ))
}

/// Whether `path` is an SVG: by its extension, or by its first bytes (a remote image is
/// cached under its URL's name, and a badge URL often has no extension).
pub fn is_svg(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        return true;
    }
    let mut head = [0u8; 256];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("<svg") || (text.starts_with("<?xml") && text.contains("<svg"))
}

/// SVG options with the bundled fonts (loaded once per process: they are megabytes), so
/// text in a deck's SVGs renders offline with Hangul.
pub(super) fn svg_options() -> resvg::usvg::Options<'static> {
    static FONTS: std::sync::OnceLock<std::sync::Arc<resvg::usvg::fontdb::Database>> =
        std::sync::OnceLock::new();
    let db = FONTS.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        for font in [
            include_bytes!("../../assets/fonts/RostraGothic-Regular.ttf").as_slice(),
            include_bytes!("../../assets/fonts/RostraGothic-Bold.ttf").as_slice(),
            include_bytes!("../../assets/fonts/JetBrainsMonoNL-Regular.ttf").as_slice(),
        ] {
            db.load_font_data(font.to_vec());
        }
        db.set_sans_serif_family("Rostra Gothic");
        db.set_monospace_family("JetBrains Mono NL");
        std::sync::Arc::new(db)
    });
    resvg::usvg::Options {
        fontdb: db.clone(),
        ..resvg::usvg::Options::default()
    }
}

/// Parses an SVG with the bundled fonts. usvg panics on some malformed files (an embedded
/// image whose header says it has no size, found by fuzzing): that is an unreadable SVG too.
pub fn parse_svg(data: &[u8]) -> Result<resvg::usvg::Tree, String> {
    let opt = svg_options();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        resvg::usvg::Tree::from_data(data, &opt)
    }))
    .map_err(|_| "not a readable SVG: it breaks the SVG reader".to_string())?
    .map_err(|e| format!("not a readable SVG: {e}"))
}

fn decode_svg(path: &Path, max_side: u32) -> Result<(ColorImage, [u32; 2]), String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let tree = parse_svg(&data)?;
    let natural = tree.size();
    let (nw, nh) = (natural.width().max(1.0), natural.height().max(1.0));
    let k = (max_side as f32 / nw.max(nh)).min(2.0);
    let (w, h) = (
        ((nw * k).round() as u32).max(1),
        ((nh * k).round() as u32).max(1),
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or("SVG has no area")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(k, k),
        &mut pixmap.as_mut(),
    );
    let img = ColorImage::from_rgba_premultiplied([w as usize, h as usize], pixmap.data());
    Ok((img, [nw.round() as u32, nh.round() as u32]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn temp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rostra-img-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn png_header(w: u32, h: u32) -> Vec<u8> {
        // Signature and an IHDR chunk: enough for a reader to learn the size.
        let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend(w.to_be_bytes());
        ihdr.extend(h.to_be_bytes());
        ihdr.extend([8, 6, 0, 0, 0]);
        v.extend(13u32.to_be_bytes());
        v.extend(&ihdr);
        v.extend(crc32(&ihdr).to_be_bytes());
        // An IDAT chunk whose data is not a valid stream: the size is readable, the pixels not.
        let mut idat = b"IDAT".to_vec();
        idat.extend([0x78, 0x9c, 0xff, 0xff]);
        v.extend(4u32.to_be_bytes());
        v.extend(&idat);
        v.extend(crc32(&idat).to_be_bytes());
        v
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_30000_square_png_is_refused_without_decoding() {
        let p = temp("huge.png", &png_header(30_000, 30_000));
        let err = decode(&p).unwrap_err();
        assert!(
            err.contains("too large") && err.contains("30000 x 30000"),
            "{err}"
        );
    }

    #[test]
    fn corrupt_truncated_empty_and_non_files_fail_with_a_reason() {
        let p = temp("trunc.png", &png_header(10, 10));
        assert!(
            decode(&p).unwrap_err().contains("corrupt"),
            "{:?}",
            decode(&p).err()
        );
        let p = temp("empty.png", b"");
        assert!(decode(&p).is_err());
        let p = temp("text.jpg", b"hello, not a jpeg");
        assert!(decode(&p).is_err());
        assert!(
            decode(Path::new("/dev/null"))
                .unwrap_err()
                .contains("not a regular file")
        );
        assert!(
            decode(Path::new("/no/such.png"))
                .unwrap_err()
                .contains("cannot read")
        );
    }

    #[test]
    fn an_svg_without_its_extension_is_known_by_its_content() {
        let p = temp(
            "badge.img",
            br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><rect width="90" height="20" fill="red"/></svg>"#,
        );
        let (_, natural) = decode(&p).expect("an SVG");
        assert_eq!(natural, [90, 20]);
        let q = temp("plain.img", b"<html>not an image</html>");
        assert!(!is_svg(&q));
    }

    #[test]
    fn a_very_thin_svg_still_has_a_pixel_row() {
        let p = temp(
            "thin.svg",
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="1"><rect width="6000" height="1"/></svg>"#,
        );
        let (img, natural) = decode(&p).unwrap();
        assert_eq!(natural, [6000, 1]);
        assert!(img.size[1] >= 1);
    }

    #[test]
    fn real_images_decode_scaled_to_the_texture_limit() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4");
        let (img, natural) = decode(&dir.join("pipeline.png")).unwrap();
        assert_eq!(natural, [1600, 1167]);
        assert_eq!(img.size, [1600, 1167]);
        let (svg, natural) = decode(&dir.join("src/asyncio.svg")).unwrap();
        assert!(natural[0] > 0 && svg.size[0] <= MAX_SIDE as usize);
    }
}
