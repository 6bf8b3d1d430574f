//! The `rostra` binary: `check` prints compiler-style diagnostics with an exit status,
//! `dump --json` prints the model, bad input gets a clear message.

use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn rostra(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rostra"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_on_a_good_deck_exits_zero() {
    let path = fixture("good.md");
    let (code, out, _) = rostra(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 slides, 0 error(s), 0 warning(s)"), "{out}");
}

#[test]
fn check_reports_each_problem_with_file_line_and_column() {
    let path = fixture("broken.md");
    let p = path.to_str().unwrap();
    let (code, out, _) = rostra(&["check", p]);
    assert_eq!(code, 1, "YAML error makes it fail: {out}");
    let expect = [
        format!("{p}:3:1: error: front matter"),
        "error: front matter is not valid YAML".to_string(),
        format!("{p}:7:1: warning: image 'missing.png' not found"),
        format!("{p}:11:1: warning: `.slide` needs a colon"),
        format!("{p}:13:1: warning: <div> is never closed"),
        format!("{p}:18:1: warning: empty slide"),
        "highlight range 3-1 runs backwards".to_string(),
        "highlight step names line 9, but the block has 1 lines".to_string(),
        format!("{p}:27:1: warning: code fence is never closed"),
    ];
    for e in expect {
        assert!(out.contains(&e), "missing {e:?} in:\n{out}");
    }
}

#[test]
fn dump_json_has_the_conformance_shape() {
    let path = fixture("good.md");
    let (code, out, _) = rostra(&["dump", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["title"], "A good deck");
    assert_eq!(v["attendance"], "https://example.org/here");
    let s0 = &v["slides"][0];
    assert_eq!(s0["index"], serde_json::json!([0, 0]));
    assert_eq!(s0["headings"][0]["text"], "Hello 안녕하세요");
    assert_eq!(s0["images"][0], "dot.png");
    assert_eq!(s0["notes"].as_str().map(str::trim), Some("say hi"));
    assert_eq!(s0["text"], "Hello 안녕하세요");
    let s1 = &v["slides"][1];
    assert_eq!(s1["fragments"], 1);
    assert_eq!(s1["code"][0]["line_numbers"], "1|2");
    assert_eq!(s1["code"][0]["language"], "rust");
    assert!(s1["notes"].is_null());
}

#[test]
fn separator_flags_accept_values_starting_with_a_dash() {
    let path = fixture("dash-separators.md");
    let p = path.to_str().unwrap();
    // A separate value (`--separator -=-`) and a joined one (`--vertical-separator=-v-`).
    let (code, out, err) = rostra(&[
        "dump",
        p,
        "--json",
        "--separator",
        "-=-",
        "--vertical-separator=-v-",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let slides = v["slides"].as_array().expect("slides");
    let found: Vec<(serde_json::Value, serde_json::Value)> = slides
        .iter()
        .map(|s| (s["index"].clone(), s["headings"][0]["text"].clone()))
        .collect();
    let expected: Vec<(serde_json::Value, serde_json::Value)> = [
        ([0, 0], "One"),
        ([1, 0], "Two"),
        ([1, 1], "Two, below"),
        ([2, 0], "Three"),
    ]
    .into_iter()
    .map(|(i, t)| (serde_json::json!(i), serde_json::json!(t)))
    .collect();
    assert_eq!(found, expected, "{out}");
}

#[test]
fn missing_file_and_bad_regex_are_clear_errors() {
    let (code, _, err) = rostra(&["check", "/no/such/deck.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/deck.md"), "{err}");
    let path = fixture("good.md");
    let (code, _, err) = rostra(&["dump", path.to_str().unwrap(), "--separator", "("]);
    assert_eq!(code, 2);
    assert!(
        err.contains("horizontal separator /(/ is not a usable regular expression"),
        "{err}"
    );
}

#[test]
fn version_names_the_build() {
    let (code, out, _) = rostra(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.contains(env!("CARGO_PKG_VERSION")), "{out}");
}

#[test]
fn check_reports_a_missing_image_named_by_data_background() {
    let path = fixture("background.md");
    let p = path.to_str().unwrap();
    let (code, out, _) = rostra(&["check", p]);
    assert_eq!(code, 0, "warnings only: {out}");
    assert!(
        out.contains(&format!(
            "{p}:7:1: warning: image 'missing-bg.png' not found"
        )),
        "{out}"
    );
    // The colour is not taken for an image, and the inline image beside the deck is found.
    assert!(out.contains("3 slides, 0 error(s), 1 warning(s)"), "{out}");
}

#[test]
fn check_catches_what_reveal_js_would_silently_get_wrong() {
    let path = fixture("lint.md");
    let p = path.to_str().unwrap();
    let (code, out, _) = rostra(&["check", p]);
    assert_eq!(code, 1, "{out}");
    // Each lint of the fixture, where it is written, with its fix where there is one.
    let expect = [
        format!("{p}:2:1: error: unknown theme 'mooon'"),
        "  = fix: did you mean 'moon'?".to_string(),
        format!("{p}:3:1: error: unknown highlight theme 'monokia'"),
        "  = fix: did you mean 'monokai'?".to_string(),
        format!("{p}:4:1: error: unknown transition 'zom'"),
        format!("{p}:8:1: error: unknown transition 'fadey-out'"),
        format!("{p}:14:1: warning: this `.element` comment has no element before it"),
        format!(
            "{p}:17:18: warning: this `.element` comment marks the <strong> just before it, not the whole <li>"
        ),
        format!("{p}:20:1: error: unknown fragment style 'fade-upp'"),
        format!("{p}:20:1: error: data-fragment-index=\"x\" is not a number"),
        format!("{p}:22:1: error: line-number spec in 'python [1-2|zz]'"),
        format!("{p}:26:1: error: line-number spec in 'js [1,2-x]'"),
        format!("{p}:32:1: warning: id 'intro' is used again (first at line 8)"),
        format!("{p}:35:1: error: link '#/99' names no slide"),
        format!("{p}:37:1: warning: remote image 'https://example.com/a.png' is not cached yet"),
        format!("{p}:40:1: error: a second `Note:` in this slide"),
        format!("{p}:48:1: warning: slide separator inside a code fence"),
    ];
    for e in &expect {
        assert!(out.contains(e.as_str()), "missing {e:?} in:\n{out}");
    }
    assert!(
        !out.contains(&format!("{p}:18:")),
        "a comment put first in the item is where it should be:\n{out}"
    );
    assert!(
        !out.contains("'#/0'") && !out.contains("'#/intro'"),
        "{out}"
    );
}

#[test]
fn check_json_gives_editors_the_same_diagnostics() {
    let path = fixture("lint.md");
    let p = path.to_str().unwrap();
    let (code, text, _) = rostra(&["check", "--json", p]);
    let (_, plain, _) = rostra(&["check", p]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let list = v["diagnostics"].as_array().expect("a list");
    let errors = list.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(v["errors"].as_u64(), Some(errors as u64));
    assert!(plain.contains(&format!("{} error(s)", errors)), "{plain}");
    let theme = list
        .iter()
        .find(|d| d["message"].as_str().is_some_and(|m| m.contains("mooon")))
        .expect("the theme lint");
    assert_eq!(
        (theme["line"].as_u64(), theme["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(theme["fix"], "did you mean 'moon'?");
}

#[test]
fn check_draws_every_reveal_theme_and_warns_of_a_css_file() {
    let dir = std::env::temp_dir().join(format!("rostra-moon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let deck = dir.join("moon.md");
    std::fs::write(&deck, "---\ntheme: moon\n---\n# A\n").unwrap();
    let (code, out, _) = rostra(&["check", deck.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("theme"), "moon is rostra's own now: {out}");
    std::fs::write(&deck, "---\ntheme: css/custom.css\n---\n# A\n").unwrap();
    let (code, out, _) = rostra(&["check", deck.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 0, "a CSS theme is a warning: {out}");
    assert!(
        out.contains(":2:1: warning: theme 'css/custom.css' is a CSS file, which rostra cannot read: drawn with black"),
        "{out}"
    );
}

#[test]
fn check_reports_each_formula_that_does_not_parse_at_its_line() {
    let path = fixture("math.md");
    let p = path.to_str().unwrap();
    let (code, out, _) = rostra(&["check", p]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("{p}:11:")) && out.contains("formula `\\nosuchmacro{x}`"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{p}:13:")) && out.contains("end{cases}"),
        "{out}"
    );
    assert!(out.contains("2 slides, 2 error(s), 0 warning(s)"), "{out}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    // `rostra dump --json deck | head -c 10`: the pipe closes before rostra writes; Rust
    // ignores SIGPIPE, so an unguarded println! panicked with "Broken pipe" (status 101).
    let tour = concat!(env!("CARGO_MANIFEST_DIR"), "/decks/tour/slides.md");
    for args in [vec!["dump", "--json", tour], vec!["check", tour]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rostra"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("rostra starts");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("rostra ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
