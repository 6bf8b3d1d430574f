//! Fragment order as reveal.js computes it: every `.fragment` in document order, code blocks'
//! highlight steps added as clones after their block, groups by `data-fragment-index` first
//! (ascending), then each un-indexed fragment in document order, renumbered without gaps.

use super::dom::{Element, Node};
use super::model::HighlightStep;
use std::collections::BTreeMap;

/// Internal attribute: the fragment step an element appears at.
pub(crate) const STEP_ATTR: &str = "rostra-fragment";
/// Internal attribute on `<code>`: the fragment steps of its highlight steps after the first.
pub(crate) const CODE_STEPS_ATTR: &str = "rostra-step-fragments";

/// JavaScript's `parseInt(s, 10)`, or `None` where it gives `NaN`.
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let n: String = digits
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .take(18)
        .collect();
    let v: i64 = n.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// reveal.js's `deserializeHighlightSteps`: whitespace removed, `|` between steps, `,` between
/// items, `a` or `a-b` ranges; anything else (`0` included) highlights nothing.
pub fn parse_highlight_steps(spec: &str) -> Vec<HighlightStep> {
    let compact: String = spec.chars().filter(|c| !c.is_whitespace()).collect();
    // Bounded: each step is a fragment, and no talk steps through a thousand highlights.
    compact
        .split('|')
        .take(1000)
        .map(|step| {
            let ranges = step
                .split(',')
                .filter(|item| {
                    !item.is_empty() && item.chars().all(|c| c.is_ascii_digit() || c == '-')
                })
                .filter_map(|item| {
                    let mut parts = item.split('-');
                    let a = parts.next()?.parse::<u32>().ok()?;
                    match parts.next() {
                        None => Some((a, a)),
                        Some(b) => Some((a, b.parse::<u32>().ok()?)),
                    }
                })
                // Row 0 does not exist: `0` highlights nothing, as `nth-child(0)` selects nothing.
                .filter(|&(_, b)| b > 0)
                .collect();
            HighlightStep { ranges }
        })
        .collect()
}

#[derive(Clone, Debug)]
enum Entry {
    Element(Vec<usize>),
    CodeStep(Vec<usize>),
}

/// Numbers the slide's fragments, writing each one's step into internal attributes, and
/// returns the number of steps.
pub(crate) fn number(root: &mut Element) -> usize {
    let mut found: Vec<(Entry, Option<i64>)> = Vec::new();
    let mut path = Vec::new();
    collect(root, &mut path, &mut found);

    let mut ordered: BTreeMap<i64, Vec<Entry>> = BTreeMap::new();
    let mut unordered: Vec<Entry> = Vec::new();
    for (entry, index) in found {
        match index {
            // reveal.js keys groups by array index: NaN and negative indices fall out.
            Some(i) if i >= 0 => ordered.entry(i).or_default().push(entry),
            Some(_) => {}
            None => unordered.push(entry),
        }
    }
    let groups: Vec<Vec<Entry>> = ordered
        .into_values()
        .chain(unordered.into_iter().map(|e| vec![e]))
        .collect();
    let mut code_steps: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
    for (step, group) in groups.iter().enumerate() {
        for entry in group {
            match entry {
                Entry::Element(p) => {
                    if let Some(el) = root.at_path_mut(p) {
                        el.attrs.set(STEP_ATTR, &step.to_string());
                    }
                }
                Entry::CodeStep(p) => code_steps.entry(p.clone()).or_default().push(step),
            }
        }
    }
    for (p, steps) in code_steps {
        if let Some(el) = root.at_path_mut(&p) {
            let list: Vec<String> = steps.iter().map(usize::to_string).collect();
            el.attrs.set(CODE_STEPS_ATTR, &list.join(","));
        }
    }
    groups.len()
}

/// Marks `index` as "given but not a number" so it drops out as NaN does.
const NAN_INDEX: i64 = -1;

fn authored_index(el: &Element) -> Option<i64> {
    el.attrs
        .get("data-fragment-index")
        .map(|v| parse_int(v).unwrap_or(NAN_INDEX))
}

fn collect(el: &Element, path: &mut Vec<usize>, out: &mut Vec<(Entry, Option<i64>)>) {
    if !path.is_empty() && el.attrs.has_class("fragment") {
        out.push((Entry::Element(path.clone()), authored_index(el)));
    }
    for (i, child) in el.children.iter().enumerate() {
        if let Node::Element(e) = child {
            path.push(i);
            collect(e, path, out);
            path.pop();
        }
    }
    if el.tag != "pre" {
        return;
    }
    // The highlight plugin appends one clone per later step to the `<pre>`, after its children.
    for (i, child) in el.children.iter().enumerate() {
        let Node::Element(code) = child else { continue };
        let Some(spec) = code.attrs.get("data-line-numbers") else {
            continue;
        };
        if code.tag != "code" {
            continue;
        }
        let steps = parse_highlight_steps(spec).len();
        let mut index = code.attrs.get("data-fragment-index").and_then(parse_int);
        let mut p = path.clone();
        p.push(i);
        for _ in 1..steps {
            out.push((Entry::CodeStep(p.clone()), index));
            index = index.map(|v| v + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_matches_javascript() {
        assert_eq!(parse_int("2"), Some(2));
        assert_eq!(parse_int(" 3abc"), Some(3));
        assert_eq!(parse_int("-1"), Some(-1));
        assert_eq!(parse_int("x"), None);
        assert_eq!(parse_int(""), None);
    }

    #[test]
    fn highlight_steps_follow_reveal() {
        let s = parse_highlight_steps("0|1-3|5-7|9-11");
        assert_eq!(s.len(), 4);
        assert!(s[0].ranges.is_empty());
        assert_eq!(s[1].ranges, vec![(1, 3)]);
        let s = parse_highlight_steps("|1|2, 6");
        assert_eq!(s.len(), 3);
        assert!(s[0].ranges.is_empty());
        assert_eq!(s[2].ranges, vec![(2, 2), (6, 6)]);
        assert_eq!(parse_highlight_steps("").len(), 1);
        assert_eq!(parse_highlight_steps(&"|".repeat(1_000_000)).len(), 1000);
        assert_eq!(
            parse_highlight_steps("1,4-8")[0].ranges,
            vec![(1, 1), (4, 8)]
        );
    }
}
