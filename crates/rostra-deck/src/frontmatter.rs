//! YAML front matter (reveal-md): deck settings, separators, and rostra's `attendance:`.

use super::diagnostics::Diagnostic;
use super::model::{
    BackArrows, ControlsLayout, DeckMeta, ShowNotes, ShowSlideNumber, SlideNumberFormat, Span,
};
use yaml_rust2::{Yaml, YamlLoader};

/// Separators a deck's front matter asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SeparatorOverrides {
    pub horizontal: Option<String>,
    pub vertical: Option<String>,
    pub notes: Option<String>,
}

/// Keys reveal-md reads (or rostra adds); anything else is reported as unknown.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "theme",
    "highlightTheme",
    "separator",
    "verticalSeparator",
    "notesSeparator",
    "css",
    "scripts",
    "preprocessor",
    "template",
    "listingTemplate",
    "assetsDir",
    "mermaid",
    "revealOptions",
    "attendance",
    "static",
    "staticDirs",
    "absoluteUrls",
    "glob",
    "print",
    "printSize",
    "watch",
    "port",
    "host",
    "disableAutoOpen",
];

/// reveal.js options that belong under `revealOptions`, for a better hint.
const REVEAL_OPTIONS: &[&str] = &[
    "transition",
    "transitionSpeed",
    "backgroundTransition",
    "width",
    "height",
    "margin",
    "controls",
    "progress",
    "slideNumber",
    "center",
    "hash",
    "totalTime",
    "navigationMode",
    "autoAnimate",
    "autoAnimateDuration",
    "autoAnimateEasing",
    "autoAnimateUnmatched",
];

fn text(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn number(y: &Yaml) -> Option<f64> {
    match y {
        Yaml::Integer(i) => Some(*i as f64),
        Yaml::Real(s) | Yaml::String(s) => s.trim().trim_end_matches("px").parse().ok(),
        _ => None,
    }
    .filter(|v: &f64| v.is_finite())
}

/// Reads the YAML into `meta`, returning the separators it sets; problems become diagnostics.
pub(crate) fn read(
    yaml: &str,
    at: Span,
    meta: &mut DeckMeta,
    diags: &mut Vec<Diagnostic>,
) -> SeparatorOverrides {
    let mut seps = SeparatorOverrides::default();
    // Real front matter is a few lines; a huge block could nest deep enough to exhaust the
    // stack when the parsed YAML is dropped.
    if yaml.len() > 16 * 1024 {
        diags.push(Diagnostic::error(
            at,
            "front matter is over 16 KiB; its settings are ignored",
        ));
        return seps;
    }
    let docs = match YamlLoader::load_from_str(yaml) {
        Ok(docs) => docs,
        Err(e) => {
            let m = e.marker();
            let span = Span {
                line: at.line + u32::try_from(m.line()).unwrap_or(0).saturating_sub(1),
                column: u32::try_from(m.col() + 1).unwrap_or(1),
            };
            diags.push(Diagnostic::error(
                span,
                format!(
                    "front matter is not valid YAML ({}); its settings are ignored",
                    e.info()
                ),
            ));
            return seps;
        }
    };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        diags.push(Diagnostic::warning(
            at,
            "front matter is not a map of settings; ignored",
        ));
        return seps;
    };
    for (k, v) in &map {
        let Some(key) = k.as_str() else { continue };
        meta.front_matter_keys.push(key.to_string());
        match key {
            "title" => meta.title = text(v),
            "theme" => {
                if let Some(t) = text(v) {
                    meta.theme = t;
                }
            }
            "highlightTheme" => meta.highlight_theme = text(v),
            "separator" => seps.horizontal = text(v),
            "verticalSeparator" => seps.vertical = text(v),
            "notesSeparator" => seps.notes = text(v),
            "attendance" => meta.attendance = text(v),
            "revealOptions" => read_reveal_options(v, meta),
            k if KNOWN_KEYS.contains(&k) => {}
            k if REVEAL_OPTIONS.contains(&k) => diags.push(Diagnostic::warning(
                at,
                format!("front-matter key '{k}' is a reveal.js option: put it under revealOptions (reveal-md ignores it here)"),
            )),
            k => diags.push(Diagnostic::warning(
                at,
                format!("unknown front-matter key '{k}' (ignored)"),
            )),
        }
    }
    seps
}

fn read_reveal_options(v: &Yaml, meta: &mut DeckMeta) {
    let Yaml::Hash(map) = v else { return };
    for (k, v) in map {
        match k.as_str() {
            Some("transition") => {
                if let Some(t) = text(v) {
                    meta.transition = t;
                }
            }
            Some("transitionSpeed") => {
                if let Some(t) = text(v) {
                    meta.transition_speed = t;
                }
            }
            Some("backgroundTransition") => {
                if let Some(t) = text(v) {
                    meta.background_transition = t;
                }
            }
            Some("autoAnimateDuration") => {
                if let Some(n) = number(v).filter(|n| (0.0..=60.0).contains(n)) {
                    meta.auto_animate_duration = n as f32;
                }
            }
            Some("autoAnimateEasing") => {
                if let Some(t) = text(v) {
                    meta.auto_animate_easing = t;
                }
            }
            Some("autoAnimateUnmatched") => {
                if let Yaml::Boolean(b) = v {
                    meta.auto_animate_unmatched = *b;
                }
            }
            Some("width") => {
                if let Some(n) = number(v)
                    .map(|n| n as f32)
                    .filter(|n| (16.0..=16384.0).contains(n))
                {
                    meta.width = n;
                }
            }
            Some("height") => {
                if let Some(n) = number(v)
                    .map(|n| n as f32)
                    .filter(|n| (16.0..=16384.0).contains(n))
                {
                    meta.height = n;
                }
            }
            Some("margin") => {
                if let Some(n) = number(v).filter(|n| (0.0..=1.0).contains(n)) {
                    meta.margin = n as f32;
                }
            }
            Some("pdfSeparateFragments") => {
                if let Yaml::Boolean(b) = v {
                    meta.pdf_separate_fragments = *b;
                }
            }
            Some("showNotes") => match v {
                Yaml::Boolean(true) => meta.show_notes = ShowNotes::Inline,
                Yaml::Boolean(false) => meta.show_notes = ShowNotes::Hidden,
                Yaml::String(s) if s == "separate-page" => {
                    meta.show_notes = ShowNotes::SeparatePage
                }
                // reveal.js prints notes for any other non-empty string, in the inline layout.
                Yaml::String(s) if !s.is_empty() => meta.show_notes = ShowNotes::Inline,
                _ => {}
            },
            Some("controls") => match v {
                Yaml::Boolean(b) => meta.furniture.controls = *b,
                // "speaker-only": reveal.js's speaker view is rostra's console, which has its own.
                Yaml::String(s) if s == "speaker-only" => meta.furniture.controls = false,
                _ => {}
            },
            Some("controlsLayout") => {
                if let Some(t) = text(v) {
                    meta.furniture.controls_layout = match t.trim() {
                        "edges" => ControlsLayout::Edges,
                        _ => ControlsLayout::BottomRight,
                    };
                }
            }
            Some("controlsBackArrows") => {
                if let Some(t) = text(v) {
                    meta.furniture.controls_back_arrows = match t.trim() {
                        "hidden" => BackArrows::Hidden,
                        "visible" => BackArrows::Visible,
                        _ => BackArrows::Faded,
                    };
                }
            }
            Some("progress") => {
                if let Yaml::Boolean(b) = v {
                    meta.furniture.progress = *b;
                }
            }
            Some("slideNumber") => match v {
                Yaml::Boolean(true) => meta.furniture.slide_number = Some(SlideNumberFormat::HDotV),
                Yaml::Boolean(false) => meta.furniture.slide_number = None,
                // reveal.js tests the option for truth: an empty string is off.
                Yaml::String(s) if s.is_empty() => meta.furniture.slide_number = None,
                Yaml::String(s) => meta.furniture.slide_number = Some(SlideNumberFormat::parse(s)),
                _ => {}
            },
            Some("showSlideNumber") => {
                if let Some(t) = text(v) {
                    meta.furniture.show_slide_number = match t.trim() {
                        "print" => ShowSlideNumber::Print,
                        "speaker" => ShowSlideNumber::Speaker,
                        _ => ShowSlideNumber::All,
                    };
                }
            }
            Some("navigationMode") => {
                if let Some(t) = text(v) {
                    meta.navigation_mode = t;
                }
            }
            Some("totalTime") => {
                if let Some(n) = number(v).filter(|n| *n > 0.0) {
                    meta.total_time_secs = Some(n as u64);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_reveal_md_settings_and_warns_on_unknown_keys() {
        let mut meta = DeckMeta::default();
        let mut diags = Vec::new();
        let seps = read(
            "title: T\ntheme: white\nseparator: <!--s-->\nrevealOptions:\n  transition: fade\n  width: 1280\nattendance: https://x.y/\ntransition: zoom\nfoo: 1\n",
            Span { line: 2, column: 1 },
            &mut meta,
            &mut diags,
        );
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.theme, "white");
        assert_eq!(meta.transition, "fade");
        assert_eq!(meta.width, 1280.0);
        assert_eq!(meta.attendance.as_deref(), Some("https://x.y/"));
        assert_eq!(seps.horizontal.as_deref(), Some("<!--s-->"));
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags[0].message.contains("revealOptions"));
        assert!(diags[1].message.contains("'foo'"));
    }

    #[test]
    fn reads_print_options_as_reveal_js_does() {
        let read_meta = |yaml: &str| {
            let mut meta = DeckMeta::default();
            read(
                yaml,
                Span { line: 2, column: 1 },
                &mut meta,
                &mut Vec::new(),
            );
            meta
        };
        let meta = read_meta("revealOptions:\n  pdfSeparateFragments: false\n  showNotes: true\n");
        assert!(!meta.pdf_separate_fragments);
        assert_eq!(meta.show_notes, ShowNotes::Inline);
        let meta = read_meta("revealOptions:\n  showNotes: separate-page\n");
        assert!(meta.pdf_separate_fragments);
        assert_eq!(meta.show_notes, ShowNotes::SeparatePage);
        assert_eq!(read_meta("title: x\n").show_notes, ShowNotes::Hidden);
    }

    #[test]
    fn reads_the_screen_furniture() {
        let read_meta = |yaml: &str| {
            let mut meta = DeckMeta::default();
            read(
                yaml,
                Span { line: 2, column: 1 },
                &mut meta,
                &mut Vec::new(),
            );
            meta.furniture
        };
        let plain = read_meta("title: x\n");
        assert!(plain.controls && plain.progress && plain.slide_number.is_none());
        let f = read_meta(
            "revealOptions:\n  controls: false\n  progress: false\n  slideNumber: c/t\n  showSlideNumber: print\n  controlsLayout: edges\n  controlsBackArrows: hidden\n",
        );
        assert!(!f.controls && !f.progress);
        assert_eq!(f.slide_number, Some(SlideNumberFormat::CurrentSlashTotal));
        assert_eq!(f.show_slide_number, ShowSlideNumber::Print);
        assert_eq!(f.controls_layout, ControlsLayout::Edges);
        assert_eq!(f.controls_back_arrows, BackArrows::Hidden);
        let f = read_meta("revealOptions:\n  slideNumber: true\n  controls: speaker-only\n");
        assert_eq!(f.slide_number, Some(SlideNumberFormat::HDotV));
        assert!(!f.controls);
        let f = read_meta("revealOptions:\n  slideNumber: 'h/v'\n");
        assert_eq!(f.slide_number, Some(SlideNumberFormat::HSlashV));
        let f = read_meta("revealOptions:\n  slideNumber: c\n");
        assert_eq!(f.slide_number, Some(SlideNumberFormat::Current));
    }

    #[test]
    fn broken_yaml_is_an_error_not_a_panic() {
        let mut meta = DeckMeta::default();
        let mut diags = Vec::new();
        read(
            "title: [unclosed\n",
            Span { line: 2, column: 1 },
            &mut meta,
            &mut diags,
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].severity,
            super::super::diagnostics::Severity::Error
        );
    }
}
