//! Layout as data, without a window: every seed slide fits its canvas, things sit where
//! reveal.js puts them, fragments and code steps reach the items, and nothing is cut off.

mod common;
use eframe::egui::{Pos2, Rect, Vec2};
use eframe::epaint::text::{Fonts, TextOptions};
use rostra::deck::{self, Options};
use rostra::media::FileImageSizes;
use rostra::scene::{ImageSizes, ImageState, ItemKind, LayoutInput, NoImages, Scene, layout};
use rostra::theme::{Theme, fonts};
use std::path::PathBuf;

fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/fastapi-week4")
}

fn seed() -> deck::Deck {
    deck::load(&seed_dir().join("slides.md"), &Options::default()).expect("seed loads")
}

fn lay(slide: &deck::Slide, images: &dyn ImageSizes) -> Scene {
    let mut f = Fonts::new(TextOptions::default(), fonts::definitions());
    let mut view = f.with_pixels_per_point(1.0);
    let theme = Theme::black();
    let input = LayoutInput {
        slide,
        theme: &theme,
        canvas: Vec2::new(960.0, 700.0),
        scale: 1.0,
        images,
    };
    layout(&input, &mut view)
}

/// The rectangle of the text item containing `needle`.
fn text_rect(scene: &Scene, needle: &str) -> Rect {
    scene
        .items
        .iter()
        .find(|i| matches!(&i.kind, ItemKind::Text(g) if g.text().contains(needle)))
        .map(|i| i.rect)
        .expect(needle)
}

fn canvas() -> Rect {
    Rect::from_min_size(Pos2::ZERO, Vec2::new(960.0, 700.0))
}

#[test]
fn every_seed_slide_fits_its_canvas_with_its_images() {
    let d = seed();
    let images = FileImageSizes::new(seed_dir());
    for (i, s) in d.slides.iter().enumerate() {
        let scene = lay(s, &images);
        assert!(!scene.items.is_empty(), "slide {} is empty", i + 1);
        let r = scene.content_rect();
        assert!(
            canvas().expand(1.0).contains_rect(r),
            "slide {} overflows: {r:?}",
            i + 1
        );
        assert!(
            scene.shrink > 0.5,
            "slide {} shrank to {}",
            i + 1,
            scene.shrink
        );
    }
}

#[test]
fn title_is_centred_and_headings_are_upper_case() {
    let d = seed();
    let scene = lay(&d.slides[0], &NoImages);
    let ItemKind::Text(g) = &scene.items[0].kind else {
        panic!("text first")
    };
    assert!(g.text().starts_with("FASTAPI SEMINAR"), "{}", g.text());
    let c = scene.items[0].rect.center();
    assert!((c.x - 480.0).abs() < 2.0, "{c:?}");
    let all = scene.content_rect();
    assert!(
        (all.center().y - 350.0).abs() < 30.0,
        "vertically centred: {all:?}"
    );
}

#[test]
fn list_items_carry_their_fragment_steps() {
    let d = seed();
    let scene = lay(&d.slides[9], &NoImages);
    let mut steps: Vec<usize> = scene
        .items
        .iter()
        .filter_map(|i| i.fragments.last().map(|f| f.step))
        .collect();
    steps.dedup();
    assert_eq!(steps, (0..7).collect::<Vec<_>>());
}

#[test]
fn code_lines_dim_outside_the_current_highlight_step() {
    let d = seed();
    let scene = lay(&d.slides[26], &NoImages);
    let line = |n: u32| {
        scene
            .items
            .iter()
            .find(|i| i.code_line.as_ref().is_some_and(|c| c.line == n) && i.key.contains(":line:"))
            .and_then(|i| i.code_line.clone())
            .expect("line item")
    };
    assert_eq!(
        line(1).opacity(0),
        1.0,
        "step 0 highlights nothing: nothing dimmed"
    );
    assert_eq!(line(5).opacity(0), 1.0);
    assert_eq!(line(1).opacity(1), 1.0);
    assert_eq!(line(5).opacity(1), 0.4);
    assert_eq!(line(5).opacity(2), 1.0);
    assert_eq!(line(11).opacity(3), 1.0);
    assert_eq!(line(1).opacity(3), 0.4);
}

#[test]
fn image_slide_fills_the_canvas_keeping_its_shape() {
    struct Wide;
    impl ImageSizes for Wide {
        fn state(&self, _: &str) -> ImageState {
            ImageState::Ready([1600, 900])
        }
    }
    let d = seed();
    let scene = lay(&d.slides[7], &Wide);
    let img = scene
        .items
        .iter()
        .find(|i| matches!(i.kind, ItemKind::Image { .. }))
        .expect("image");
    assert!((img.rect.width() - 960.0).abs() < 1.0, "{:?}", img.rect);
    assert!((img.rect.height() / img.rect.width() - 900.0 / 1600.0).abs() < 0.01);
}

#[test]
fn a_broken_image_shows_the_room_its_alt_text_not_a_box() {
    struct Broken;
    impl ImageSizes for Broken {
        fn state(&self, _: &str) -> ImageState {
            ImageState::Failed("corrupt or unsupported image".into())
        }
    }
    let d = seed();
    let scene = lay(&d.slides[7], &Broken);
    assert!(
        !scene
            .items
            .iter()
            .any(|i| matches!(i.kind, ItemKind::Placeholder { .. })),
        "no error box on the audience screen"
    );
    let texts: Vec<String> = scene
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Text(g) => Some(g.text().to_string()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t == "pipeline"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("corrupt")), "{texts:?}");
}

#[test]
fn too_much_content_shrinks_to_fit_instead_of_being_cut() {
    let md: String = (0..60).map(|i| format!("- item number {i}\n")).collect();
    let d = common::deck(&md);
    let scene = lay(&d.slides[0], &NoImages);
    assert!(scene.shrink < 0.5, "{}", scene.shrink);
    assert!(canvas().expand(1.0).contains_rect(scene.content_rect()));
}

#[test]
fn attendance_link_is_centred_and_the_heading_moves_clear_of_it() {
    let d = seed();
    let scene = lay(&d.slides[1], &NoImages);
    let text = |needle: &str| text_rect(&scene, needle);
    let link = text("AREYOUHERE");
    let heading = text("출석");
    assert!(
        (link.center().x - 480.0).abs() < 3.0 && (link.center().y - 350.0).abs() < 3.0,
        "{link:?}"
    );
    assert!(!heading.intersects(link), "{heading:?} {link:?}");
}

#[test]
fn an_inline_fragment_fades_only_its_own_run() {
    let d = common::deck("before <span class=\"fragment\">middle</span> after");
    assert_eq!(d.slides[0].fragment_steps, 1);
    let scene = lay(&d.slides[0], &NoImages);
    let texts: Vec<_> = scene
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Text(g) => Some((i, g)),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts.len(),
        2,
        "the paragraph, and the fragment's run over it"
    );
    let (base, base_g) = texts[0];
    let (frag, frag_g) = texts[1];
    assert!(base.fragments.is_empty());
    assert_eq!(
        frag.fragments.iter().map(|f| f.step).collect::<Vec<_>>(),
        vec![0]
    );
    assert_eq!(base.rect, frag.rect, "both galleys come from one layout");
    let visible = |g: &eframe::egui::Galley| -> String {
        g.job
            .sections
            .iter()
            .filter(|s| s.format.color.a() > 0)
            .map(|s| &g.job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect()
    };
    assert_eq!(
        visible(base_g).split_whitespace().collect::<Vec<_>>(),
        vec!["before", "after"]
    );
    assert_eq!(visible(frag_g).trim(), "middle");
}

#[test]
fn a_lone_br_between_blocks_takes_a_line() {
    let gap = |md: &str| {
        let d = common::deck(md);
        let scene = lay(&d.slides[0], &NoImages);
        text_rect(&scene, "item").min.y - text_rect(&scene, "TITLE").max.y
    };
    let plain = gap("# Title\n\n- item");
    let with_br = gap("# Title\n\n<br/>\n\n- item");
    assert!(with_br > plain + 20.0, "{plain} vs {with_br}");
}

#[test]
fn hostile_sizes_and_numbers_lay_out_without_panic() {
    let md = concat!(
        "---\nrevealOptions:\n  width: 1e-50\n  height: 1e39\n---\n",
        "```js [18446744073709551615: 1|2]\na\nb\n```\n\n",
        "<ol start=\"18446744073709551615\"><li>a</li><li>b</li></ol>\n\n",
        "<span style=\"font-size:3e38px\">huge</span> <span style=\"font-size:100000px\">big</span>\n\n",
        "<!-- .element: style=\"color:#aé123\" -->\n",
    );
    let d = common::deck(md);
    assert_eq!(
        (d.meta.width, d.meta.height),
        (960.0, 700.0),
        "absurd canvas sizes are ignored"
    );
    let scene = lay(&d.slides[0], &NoImages);
    assert!(scene.shrink.is_finite() && scene.shrink > 0.0);
    for item in &scene.items {
        assert!(item.rect.min.x.is_finite() && item.rect.max.y.is_finite());
    }
    let spaces = format!("{}# after many spaces", " ".repeat(300_000));
    assert_eq!(common::deck(&spaces).slides.len(), 1);
}

#[test]
fn light_background_slides_get_dark_text_as_in_reveal_js() {
    let d = common::deck(
        "<!-- .slide: data-background-color=\"#f4f1ea\" -->\n## Light\n---\n## Dark\n",
    );
    let color_of = |scene: &Scene| match &scene.items[0].kind {
        ItemKind::Text(g) => g.job.sections[0].format.color,
        _ => panic!("text first"),
    };
    let light = lay(&d.slides[0], &NoImages);
    let dark = lay(&d.slides[1], &NoImages);
    let lum = |c: eframe::egui::Color32| c.r() as u32 + c.g() as u32 + c.b() as u32;
    assert!(lum(color_of(&light)) < 200, "dark text on a light slide");
    assert!(lum(color_of(&dark)) > 500, "light text on the black theme");
}
