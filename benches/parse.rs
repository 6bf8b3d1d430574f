//! Parse speed: the seed deck (target under 0.5 ms) and generated 2,000- and 4,000-slide decks
//! (target under 50 ms, and 4,000 under 2.2x the time of 2,000).

use criterion::{Criterion, criterion_group, criterion_main};
use rostra::deck::{self, Options};
use std::hint::black_box;

/// A deck of `n` slides that exercises what real decks use: headings, lists with fragments,
/// code with steps, images, notes, slide attributes.
fn generated(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push_str(if i % 5 == 0 { "\n----\n" } else { "\n---\n" });
        }
        out.push_str(&format!(
            "<!-- .slide: data-auto-animate -->\n\n# Slide {i} 슬라이드\n\n- point one\n- point two <!-- .element: class=\"fragment\" -->\n\n```python [1|2]\nx = {i}\ny = x * 2\n```\n\n![pic](img{i}.png)\n\nNote: say something about {i}\n"
        ));
    }
    out
}

fn bench(c: &mut Criterion) {
    let seed = include_str!("../decks/fastapi-week4/slides.md");
    let opts = Options::default();
    c.bench_function("parse seed deck", |b| {
        b.iter(|| deck::parse(black_box(seed), &opts))
    });
    let d2000 = generated(2000);
    let d4000 = generated(4000);
    let mut g = c.benchmark_group("generated");
    g.sample_size(10);
    g.bench_function("parse 2000 slides", |b| {
        b.iter(|| deck::parse(black_box(&d2000), &opts))
    });
    g.bench_function("parse 4000 slides", |b| {
        b.iter(|| deck::parse(black_box(&d4000), &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
