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
