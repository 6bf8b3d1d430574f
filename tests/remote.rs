//! The phone remote from outside: real TCP connections to the server, as a phone (or an
//! attacker on the classroom network) makes them. The server runs in this process, with a
//! fake talk (the state published by hand) for the safety cases, and inside a real app
//! (the kittest harness) for the round trip.

mod common;

use rostra::remote::{Place, Remote, RemoteState};
use rostra::show::Command;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Sends `raw` as it is and returns the status code (0 when the server closed without
/// answering) and the body.
fn http(addr: SocketAddr, raw: &[u8]) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(5)) else {
        return (0, String::new());
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    if s.write_all(raw).is_err() {
        return (0, String::new());
    }
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or_else(String::new, |(_, b)| b.to_string());
    (status, body)
}

fn get(addr: SocketAddr, target: &str) -> (u16, String) {
    http(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

fn post(addr: SocketAddr, target: &str, body: &str) -> (u16, String) {
    http(
        addr,
        format!(
            "POST {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

/// The token a remote's printed link carries.
fn token_of(url: &str) -> String {
    url.split_once("?t=")
        .expect("a token in the link")
        .1
        .to_string()
}

/// A remote on loopback with a fake talk, and how many times it woke the UI.
fn fake() -> (Remote, String, Arc<AtomicUsize>) {
    let wakes = Arc::new(AtomicUsize::new(0));
    let w = wakes.clone();
    let mut r = Remote::start(
        "127.0.0.1:0",
        Box::new(move || {
            w.fetch_add(1, Ordering::Relaxed);
        }),
    )
    .expect("serves on loopback");
    r.publish(RemoteState {
        slide: Place { h: 2, v: 1 },
        fragment: 1,
        fragments: 3,
        slides: 9,
        number: "4 / 9".into(),
        ..RemoteState::default()
    });
    let t = token_of(r.url());
    (r, t, wakes)
}

/// Tests that draw (a GPU renderer's memory comes and goes in this process) hold this for
/// reading; the one that measures this process's memory holds it for writing, so that what
/// it sees is its own.
static MEMORY_QUIET: std::sync::RwLock<()> = std::sync::RwLock::new(());

fn drawing() -> std::sync::RwLockReadGuard<'static, ()> {
    MEMORY_QUIET
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[test]
fn the_printed_link_has_a_128_bit_token_and_the_chosen_port() {
    let (r, t, _) = fake();
    assert_eq!(t.len(), 32);
    assert!(t.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(r.addr().port(), 0, "port 0 picks a free port");
    assert!(
        r.url()
            .starts_with(&format!("http://127.0.0.1:{}/", r.addr().port()))
    );
    let (other, t2, _) = fake();
    assert_ne!(t, t2, "each remote has its own token");
    drop(other);
}

#[test]
fn every_route_refuses_a_missing_or_wrong_token() {
    let (r, t, wakes) = fake();
    let a = r.addr();
    let wrong = "0123456789abcdef0123456789abcdef";
    for target in ["/", "/api/state"] {
        assert_eq!(get(a, target).0, 401, "{target}");
        assert_eq!(get(a, &format!("{target}?t=")).0, 403, "{target}");
        assert_eq!(get(a, &format!("{target}?t={wrong}")).0, 403, "{target}");
        assert_eq!(
            get(a, &format!("{target}?t={}", &t[..31])).0,
            403,
            "{target}"
        );
        assert_eq!(get(a, &format!("{target}?x={t}")).0, 401, "{target}");
        assert_eq!(get(a, &format!("{target}?t={t}")).0, 200, "{target}");
    }
    assert_eq!(post(a, "/api/command", "next").0, 401);
    assert_eq!(post(a, &format!("/api/command?t={wrong}"), "next").0, 403);
    // A token elsewhere than the link puts it does not count.
    let in_header = format!(
        "POST /api/command HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {t}\r\nContent-Length: 4\r\n\r\nnext"
    );
    assert_eq!(http(a, in_header.as_bytes()).0, 401);
    assert!(r.take_commands().is_empty());
    assert_eq!(wakes.load(Ordering::Relaxed), 0);
}

#[test]
fn no_path_reaches_a_file_and_tricks_get_404() {
    let (r, t, _) = fake();
    let a = r.addr();
    for path in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2FCargo.toml",
        "/api/../Cargo.toml",
        "/api/state/../../Cargo.toml",
        "/api/state/",
        "/api/state%2F..%2FCargo.toml",
        "/..%5c..%5cCargo.toml",
        "//etc/passwd",
        "/Cargo.toml",
        "/src/remote/page.html",
        "/page.html",
        "/index.html",
        "/favicon.ico",
        "/%00",
    ] {
        let (status, body) = get(a, &format!("{path}?t={t}"));
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("[package]") && !body.contains("root:"),
            "{path}"
        );
    }
    // Wrong methods on real routes.
    let delete = format!("DELETE /api/state?t={t} HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(http(a, delete.as_bytes()).0, 405);
    assert_eq!(get(a, &format!("/api/command?t={t}")).0, 405);
}

#[test]
fn oversized_requests_are_refused_without_being_read() {
    let (r, t, _) = fake();
    let a = r.addr();
    // Announced too large: refused before the body comes.
    let huge = format!(
        "POST /api/command?t={t} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\nnext"
    );
    assert_eq!(http(a, huge.as_bytes()).0, 413);
    // Sent too large, chunked, with no length announced.
    let chunk = "x".repeat(4000);
    let chunked = format!(
        "POST /api/command?t={t} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    assert_eq!(http(a, chunked.as_bytes()).0, 413);
    // A body just too long for a command.
    assert_eq!(
        post(a, &format!("/api/command?t={t}"), &"n".repeat(300)).0,
        413
    );
    // Headers too large: refused (431) or cut off, never served.
    let big_header = format!(
        "GET /api/state?t={t} HTTP/1.1\r\nHost: x\r\nX-Junk: {}\r\n\r\n",
        "j".repeat(64 * 1024)
    );
    let (status, _) = http(a, big_header.as_bytes());
    assert!(status == 431 || status == 0, "{status}");
    let long_target = format!("/api/state?t={t}&pad={}", "p".repeat(64 * 1024));
    let (status, _) = get(a, &long_target);
    assert!(matches!(status, 0 | 414 | 431), "{status}");
    // Nonsense bodies are refused and reach nothing.
    for body in ["", "next please", "goto 1", "rm -rf /", "\u{0}"] {
        assert_eq!(
            post(a, &format!("/api/command?t={t}"), body).0,
            400,
            "{body:?}"
        );
    }
    assert!(r.take_commands().is_empty());
    // Still serving.
    assert_eq!(get(a, &format!("/api/state?t={t}")).0, 200);
}

/// A thousand bad requests at once (no token, wrong token, garbage, connections that send
/// half a request and wait), several rounds.
fn flood(a: SocketAddr, round: usize) {
    let threads: Vec<_> = (0..1000)
        .map(|i| {
            std::thread::spawn(move || match (i + round) % 4 {
                0 => {
                    get(a, "/api/state");
                }
                1 => {
                    post(a, "/api/command?t=ffffffffffffffffffffffffffffffff", "next");
                }
                2 => {
                    http(a, b"\x16\x03\x01 not http at all\r\n\r\n");
                }
                _ => {
                    // Half a request, then silence, then gone.
                    if let Ok(mut s) = TcpStream::connect(a) {
                        let _ = s.write_all(b"GET /api/sta");
                        std::thread::sleep(Duration::from_millis(200));
                    }
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
}

/// The good request answers within `within`, retried while the flood's stragglers time out.
fn answers(a: SocketAddr, t: &str, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if get(a, &format!("/api/state?t={t}")).0 == 200 {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn a_thousand_concurrent_bad_requests_leave_it_answering_and_memory_flat() {
    let _alone = MEMORY_QUIET
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (r, t, wakes) = fake();
    let a = r.addr();
    flood(a, 0);
    assert!(
        answers(a, &t, Duration::from_secs(8)),
        "answers after a flood"
    );
    let before = rss_kib();
    for round in 1..4 {
        flood(a, round);
    }
    assert!(
        answers(a, &t, Duration::from_secs(8)),
        "answers after floods"
    );
    if let (Some(b), Some(after)) = (before, rss_kib()) {
        // Three more floods cost no more than a few MiB (thread stacks come and go).
        assert!(
            after < b + 16 * 1024,
            "RSS grew from {b} KiB to {after} KiB"
        );
    }
    assert!(
        r.take_commands().is_empty(),
        "no bad request became a command"
    );
    assert_eq!(
        wakes.load(Ordering::Relaxed),
        0,
        "no bad request woke the UI"
    );
    assert_eq!(post(a, &format!("/api/command?t={t}"), "next").0, 200);
    assert_eq!(r.take_commands(), vec![Command::Next]);
}

#[test]
fn commands_arrive_in_order_wake_the_ui_and_are_rate_limited() {
    let (r, t, wakes) = fake();
    let a = r.addr();
    let target = format!("/api/command?t={t}");
    for body in ["next", "prev", "first", "last", "black", "goto 3 1"] {
        assert_eq!(post(a, &target, body).0, 200, "{body}");
    }
    assert_eq!(
        r.take_commands(),
        vec![
            Command::Next,
            Command::Prev,
            Command::First,
            Command::Last,
            Command::ToggleBlack,
            Command::GoToPlace { h: 3, v: 1 },
        ]
    );
    assert_eq!(wakes.load(Ordering::Relaxed), 6);
    let statuses: Vec<u16> = (0..30).map(|_| post(a, &target, "next").0).collect();
    let ok = statuses.iter().filter(|s| **s == 200).count();
    assert!(ok <= 6, "{statuses:?}");
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(r.take_commands().len(), ok);
    let (status, json) = get(a, &format!("/api/state?t={t}"));
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&json).expect("state is JSON");
    assert_eq!(v["slide"]["h"], 2);
    assert_eq!(v["slide"]["v"], 1);
    assert_eq!(v["fragment"], 1);
    assert_eq!(v["slides"], 9);
}

#[test]
fn the_page_is_served_whole_with_no_outside_assets() {
    let (r, t, _) = fake();
    let (status, page) = get(r.addr(), &format!("/?t={t}"));
    assert_eq!(status, 200);
    assert!(page.contains("<button") && page.contains("/api/command"));
    for outside in ["http://", "https://", "src=\"", "@import"] {
        assert!(!page.contains(outside), "{outside}");
    }
}

#[test]
fn a_dropped_remote_stops_serving_and_its_address_serves_again_at_once() {
    let (r, t, _) = fake();
    let a = r.addr();
    drop(r);
    assert_ne!(get(a, &format!("/api/state?t={t}")).0, 200);
    let again = Remote::start(&a.to_string(), Box::new(|| {})).expect("the address is free");
    assert_eq!(again.addr(), a);
    assert_eq!(
        get(a, &format!("/api/state?t={t}")).0,
        403,
        "the old token is dead"
    );
}

// -- The round trip through a real app --

fn app_with_remote() -> egui_kittest::Harness<'static, rostra::app::RostraApp> {
    let deck = common::deck(
        "# One\n\n- a <!-- .element: class=\"fragment\" -->\n---\n# Two\n---\n# Three",
    );
    common::AppHarness {
        options: rostra::app::StartOptions {
            remote: Some("127.0.0.1:0".into()),
            ..common::test_options()
        },
        ..Default::default()
    }
    .build(deck, std::env::temp_dir())
}

fn addr_of(url: &str) -> SocketAddr {
    url.trim_start_matches("http://")
        .split('/')
        .next()
        .and_then(|a| a.parse().ok())
        .expect("an address in the link")
}

/// Steps the harness until `done` or a few seconds pass.
fn step_until(
    h: &mut egui_kittest::Harness<'static, rostra::app::RostraApp>,
    done: impl Fn(&rostra::app::RostraApp) -> bool,
) {
    for _ in 0..200 {
        h.step();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_phone_drives_the_talk_through_the_app_and_sees_where_it_is() {
    let _drawing = drawing();
    let mut h = app_with_remote();
    let url = h
        .state()
        .remote_url()
        .expect("--remote turns it on")
        .to_string();
    let (a, t) = (addr_of(&url), token_of(&url));
    h.step();
    let (_, json) = get(a, &format!("/api/state?t={t}"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        (v["slide"]["h"].clone(), v["fragment"].clone()),
        (0.into(), 0.into())
    );
    assert_eq!(v["slides"], 3);
    assert_eq!(v["current"]["title"], "One");

    assert_eq!(post(a, &format!("/api/command?t={t}"), "next").0, 200);
    step_until(&mut h, |app| app.show().position().shown == 1);
    assert_eq!(h.state().show().position().slide, 0);
    assert_eq!(h.state().show().position().shown, 1, "the fragment step");

    assert_eq!(post(a, &format!("/api/command?t={t}"), "next").0, 200);
    step_until(&mut h, |app| app.show().position().slide == 1);
    h.run_ok();
    assert_eq!(h.state().show().position().slide, 1, "the next slide");
    let scene = h
        .state()
        .scene()
        .expect("the audience window drew the slide");
    assert!(!scene.items.is_empty());
    let (_, json) = get(a, &format!("/api/state?t={t}"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["slide"]["h"], 1);
    assert_eq!(v["current"]["title"], "Two");
    assert_eq!(v["next"]["title"], "Three");

    assert_eq!(post(a, &format!("/api/command?t={t}"), "goto 2 0").0, 200);
    step_until(&mut h, |app| app.show().position().slide == 2);
    assert_eq!(post(a, &format!("/api/command?t={t}"), "black").0, 200);
    step_until(&mut h, |app| app.show().is_black());
    assert!(h.state().show().is_black());
}

#[test]
fn r_turns_it_off_and_on_again_with_a_new_token() {
    let _drawing = drawing();
    let mut h = app_with_remote();
    let first = h.state().remote_url().expect("on").to_string();
    h.key_press(eframe::egui::Key::R);
    h.run_ok();
    assert_eq!(h.state().remote_url(), None, "R turns it off");
    assert_ne!(
        get(
            addr_of(&first),
            &format!("/api/state?t={}", token_of(&first))
        )
        .0,
        200
    );
    h.key_press(eframe::egui::Key::R);
    h.run_ok();
    let second = h.state().remote_url().expect("R turns it on").to_string();
    assert_ne!(token_of(&first), token_of(&second));
    let a = addr_of(&second);
    assert_eq!(get(a, &format!("/api/state?t={}", token_of(&first))).0, 403);
    assert_eq!(
        get(a, &format!("/api/state?t={}", token_of(&second))).0,
        200
    );
}

// -- The contract, from another process --

/// Kills the app when the test ends, pass or fail.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_binary_prints_its_link_and_a_post_moves_the_talk() {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("skipped: no display for the app's window (the harness tests above cover it)");
        return;
    }
    use std::io::BufRead;
    let home = std::env::temp_dir().join(format!("rostra-remote-{}", std::process::id()));
    let deck = home.join("deck.md");
    std::fs::create_dir_all(&home).expect("temp dir");
    std::fs::write(&deck, "# One\n---\n# Two\n---\n# Three\n").expect("fixture");
    let mut child = Child(
        std::process::Command::new(env!("CARGO_BIN_EXE_rostra"))
            .args([
                "--window",
                "--no-console",
                "--from-start",
                "--remote",
                "127.0.0.1:0",
            ])
            .arg(&deck)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let url = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("a `remote: URL` line within a minute");
        if let Some(u) = line.strip_prefix("remote: ") {
            break u.to_string();
        }
    };
    let (a, t) = (addr_of(&url), token_of(&url));
    assert_eq!(get(a, "/api/state").0, 401);
    assert_eq!(post(a, &format!("/api/command?t={t}"), "next").0, 200);
    let start = Instant::now();
    let mut h = None;
    while start.elapsed() < Duration::from_secs(20) {
        let (_, json) = get(a, &format!("/api/state?t={t}"));
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&json) {
            h = v["slide"]["h"].as_u64();
            if h == Some(1) {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(h, Some(1), "the state shows the next slide");
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn the_console_shows_the_link_as_a_code_and_who_is_connected() {
    let _drawing = drawing();
    use eframe::egui::{Key, Vec2};
    use egui_kittest::kittest::Queryable;
    let mut h = common::AppHarness {
        size: Vec2::new(1280.0, 720.0),
        wgpu: true,
        options: rostra::app::StartOptions {
            remote: Some("127.0.0.1:0".into()),
            ..Default::default()
        },
        clock: Some("14:05"),
    }
    .build(common::deck("# One\n---\n# Two\n"), std::env::temp_dir());
    h.key_press(Key::S);
    h.run_ok();
    assert!(h.state().console_shown());
    let url = h.state().remote_url().expect("on").to_string();
    assert!(h.query_by_label_contains("nobody connected").is_some());
    assert_eq!(
        get(addr_of(&url), &format!("/api/state?t={}", token_of(&url))).0,
        200
    );
    h.run_ok();
    assert!(
        h.query_by_label_contains("1 connected: 127.0.0.1")
            .is_some(),
        "the console names the phone"
    );
    let img = h.render().expect("renders");
    let codes = common::qr_codes(&img);
    assert_eq!(
        codes.len(),
        1,
        "the remote's code (this deck has no attendance link)"
    );
    assert_eq!(codes[0], url);
}

/// A request's status, `x-rostra-at` header and body bytes (pictures are not text).
fn get_bytes(addr: SocketAddr, target: &str) -> (u16, Option<String>, Vec<u8>) {
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(5)) else {
        return (0, None, Vec::new());
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    let raw = format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if s.write_all(raw.as_bytes()).is_err() {
        return (0, None, Vec::new());
    }
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let Some(split) = out.windows(4).position(|w| w == b"\r\n\r\n") else {
        return (0, None, Vec::new());
    };
    let head = String::from_utf8_lossy(&out[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let at = head.lines().find_map(|l| {
        l.to_ascii_lowercase()
            .strip_prefix("x-rostra-at:")
            .map(|v| v.trim().to_string())
    });
    (status, at, out[split + 4..].to_vec())
}

/// The picture `which` (current or next) once the renderer has made it for step `want`.
fn picture_at(
    h: &mut egui_kittest::Harness<'static, rostra::app::RostraApp>,
    a: SocketAddr,
    t: &str,
    which: &str,
    want: &str,
) -> Option<Vec<u8>> {
    for _ in 0..300 {
        h.step();
        let (status, at, body) = get_bytes(a, &format!("/api/slide/{which}.png?t={t}"));
        if status == 200 && at.as_deref() == Some(want) {
            return Some(body);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn the_page_gets_pictures_of_the_current_and_next_step_from_the_renderer() {
    let _drawing = drawing();
    let mut h = app_with_remote();
    let url = h.state().remote_url().expect("on").to_string();
    let (a, t) = (addr_of(&url), token_of(&url));
    assert_eq!(get_bytes(a, "/api/slide/current.png").0, 401, "token first");
    let first = picture_at(&mut h, a, &t, "current", "0.0").expect("a picture of step 0.0");
    let img = image::load_from_memory(&first).expect("a PNG");
    assert_eq!((img.width(), img.height()), (480, 350));
    let next = picture_at(&mut h, a, &t, "next", "0.0").expect("and of the step after it");
    assert_ne!(first, next, "the fragment shown makes another picture");

    assert_eq!(post(a, &format!("/api/command?t={t}"), "next").0, 200);
    assert_eq!(post(a, &format!("/api/command?t={t}"), "next").0, 200);
    step_until(&mut h, |app| app.show().position().slide == 1);
    let second = picture_at(&mut h, a, &t, "current", "1.0").expect("a picture of slide 2");
    assert_ne!(first, second, "drawn again where the talk went");

    assert_eq!(post(a, &format!("/api/command?t={t}"), "goto 2 0").0, 200);
    step_until(&mut h, |app| app.show().position().slide == 2);
    picture_at(&mut h, a, &t, "current", "2.0").expect("the last slide");
    assert_eq!(
        get_bytes(a, &format!("/api/slide/next.png?t={t}")).0,
        404,
        "nothing comes after the last slide"
    );
}
