//! `rostra dump --json`: the model in the shape `../shared/tools/conformance` and reveal-oracle
//! use, for tools and tests.

use crate::deck::{Deck, Slide};
use serde_json::{Value, json};

/// One slide as JSON.
pub fn slide_json(slide: &Slide) -> Value {
    let attributes: serde_json::Map<String, Value> = slide
        .attributes
        .iter()
        .filter(|(k, _)| k.starts_with("data-") || *k == "id")
        .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
        .collect();
    json!({
        "index": [slide.h, slide.v],
        "in_stack": slide.in_stack,
        "line": slide.span.line,
        "classes": slide.classes(),
        "attributes": attributes,
        "fragments": slide.fragment_steps,
        "notes": slide.notes.as_ref().map(|n| n.text.clone()),
        "headings": slide.headings().into_iter().map(|(level, text)| json!({"level": level, "text": text})).collect::<Vec<_>>(),
        "images": slide.images().into_iter().map(|i| i.src.clone()).collect::<Vec<_>>(),
        "code": slide.code_blocks().into_iter().map(|c| json!({
            "language": c.language,
            "line_numbers": c.line_numbers,
            "ln_start_from": c.meta.attrs.get("data-ln-start-from"),
            "steps": c.steps.len(),
            "lines": c.text.lines().count(),
        })).collect::<Vec<_>>(),
        "text": slide.text(),
    })
}

/// The whole deck as JSON: title, settings, diagnostics and slides.
pub fn deck_json(deck: &Deck, file: &str) -> Value {
    json!({
        "title": deck.meta.title,
        "theme": deck.meta.theme,
        "transition": deck.meta.transition,
        "width": deck.meta.width,
        "height": deck.meta.height,
        "attendance": deck.meta.attendance,
        "separators": deck.meta.separators,
        "diagnostics": deck.diagnostics.iter().map(|d| d.display(file).to_string()).collect::<Vec<_>>(),
        "slides": deck.slides.iter().map(slide_json).collect::<Vec<_>>(),
    })
}

/// A short human-readable listing: one line a slide.
pub fn deck_text(deck: &Deck) -> String {
    let mut out = String::new();
    for s in &deck.slides {
        let title = s
            .headings()
            .into_iter()
            .next()
            .map(|(_, t)| t)
            .unwrap_or_default();
        out.push_str(&format!(
            "{:>3}.{:<2} {:<40} fragments: {}{}\n",
            s.h,
            s.v,
            title.chars().take(40).collect::<String>(),
            s.fragment_steps,
            if s.notes.is_some() { "  notes" } else { "" }
        ));
    }
    out
}
