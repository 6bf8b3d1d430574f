//! Every one of reveal.js's fourteen themes, drawn: a small fixture deck exported under each,
//! with its background (flat or gradient, over the whole picture), heading colour and a light
//! slide background's contrast colours read back from the pixels and held against the theme's
//! data.

use rostra::deck::{self, Options};
use rostra::export::{ExportOptions, Page, render_pages};
use rostra::theme::Theme;
use std::path::{Path, PathBuf};

const W: u32 = 480;
const H: u32 = 270;

fn fixture() -> deck::Deck {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/themes.md");
    deck::load(&path, &Options::default()).expect("the fixture loads")
}

fn pixel(page: &Page, x: u32, y: u32) -> [u8; 3] {
    let i = ((y * page.size[0] + x) * 4) as usize;
    [page.rgba[i], page.rgba[i + 1], page.rgba[i + 2]]
}

fn distance(a: [u8; 3], b: [u8; 3]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (i32::from(*x) - i32::from(y)).abs())
        .sum()
}

fn rgb(c: eframe::egui::Color32) -> [u8; 3] {
    [c.r(), c.g(), c.b()]
}

/// Pixels of `page` in rows `rows` within 20 of `colour`.
fn count_near(page: &Page, colour: [u8; 3], rows: std::ops::Range<u32>) -> usize {
    rows.flat_map(|y| (0..page.size[0]).map(move |x| (x, y)))
        .filter(|&(x, y)| distance(pixel(page, x, y), colour) <= 20)
        .count()
}

#[test]
fn every_theme_draws_its_background_and_colours() {
    let d = fixture();
    let screen = eframe::egui::Rect::from_min_size(
        eframe::egui::Pos2::ZERO,
        eframe::egui::vec2(W as f32, H as f32),
    );
    for theme in Theme::all() {
        let options = ExportOptions {
            size: [W, H],
            fragments: Some(false),
            raster: true,
            theme: Some(theme.name.to_string()),
            ..Default::default()
        };
        let mut pages = Vec::new();
        render_pages(&d, Path::new("."), &options, |p| {
            pages.push(p);
            Ok(())
        })
        .expect("renders");
        assert_eq!(pages.len(), 3, "{}", theme.name);
        let name = theme.name;
        // The background covers the whole picture, letterbox included (the picture is wider
        // than the canvas), gradient and all.
        for (x, y) in [(1, 1), (W / 2, 1), (W - 2, H / 2), (1, H - 2)] {
            let want = match &theme.gradient {
                Some(g) => rgb(g.color_at(eframe::egui::pos2(x as f32, y as f32), screen)),
                None => rgb(theme.background),
            };
            let got = pixel(&pages[0], x, y);
            assert!(
                distance(got, want) <= 12,
                "{name}: background at {x},{y}: {got:?}, want {want:?}"
            );
        }
        // The title is drawn in the heading colour, the line under it in the text colour.
        let heading = count_near(&pages[0], rgb(theme.heading), 0..H / 2);
        assert!(
            heading > 150,
            "{name}: {heading} pixels of the heading colour"
        );
        let body = count_near(&pages[0], rgb(theme.text), H / 2..H);
        assert!(body > 60, "{name}: {body} pixels of the text colour");
        // A light blue slide: its colour fills the picture, and a dark theme's headings turn
        // to the theme's contrast colour as reveal.js's has-light-background does.
        assert_eq!(pixel(&pages[2], 1, 1), [173, 216, 230], "{name}: lightblue");
        let dark_theme = rgb(theme.background)
            .iter()
            .map(|&c| u32::from(c))
            .sum::<u32>()
            < 384;
        let want = if dark_theme {
            theme.contrast_text.unwrap_or(theme.heading)
        } else {
            theme.heading
        };
        let on_blue = count_near(&pages[2], rgb(want), 0..H);
        assert!(
            on_blue > 150,
            "{name}: {on_blue} pixels of {want:?} on lightblue"
        );
    }
}
