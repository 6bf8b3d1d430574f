//! Formula speed: typesetting a display formula the first time (RaTeX's parse and layout,
//! the SVG of its outlines read back; later layouts hit the cache) and rasterising it at the
//! size a 1920x1080 window draws it (once per formula and size; the texture is kept).

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui::Color32;
use rostra::scene::math::typeset;
use std::hint::black_box;

const FORMULA: &str = r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2} \qquad \int_0^\infty e^{-x^2}\,dx";

fn bench(c: &mut Criterion) {
    let mut n = 0u64;
    c.bench_function("typeset a display formula, uncached", |b| {
        b.iter(|| {
            // A formula of its own each time, so the cache never answers.
            n += 1;
            black_box(typeset(&format!("{FORMULA} + {n}"), true, Color32::WHITE).ok())
        })
    });
    let f = typeset(FORMULA, true, Color32::WHITE).expect("typesets");
    // reveal.js's 42px text at a 1920x1080 window's fit of 960x700: 1.48 px per canvas px.
    let em = 1.21 * 42.0 * 1.48;
    let (w, h) = ((f.width * em) as u32, ((f.height + f.depth) * em) as u32);
    c.bench_function("rasterise it for a 1920x1080 window", |b| {
        b.iter(|| black_box(f.rasterize(w, h)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
