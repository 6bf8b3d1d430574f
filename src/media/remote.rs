//! Remote images (`http://`, `https://`, `//host/…`): fetched once by one kept HTTP client
//! (rustls; timeouts; a size cap; image content only; redirects followed by hand, never to
//! another scheme than http(s) and never from https down to http) and kept in a cache on disk
//! (`$XDG_CACHE_HOME/rostra/remote/`), so a talk that was opened once on a network works
//! offline later. A URL is only ever fetched: nothing here reads a path a URL names.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

static OFFLINE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes this process fetch nothing (`--offline`, the `offline` setting); set once at start.
pub fn set_offline(offline: bool) {
    OFFLINE.store(offline, std::sync::atomic::Ordering::Relaxed);
}

/// Whether this process fetches nothing.
pub fn offline() -> bool {
    OFFLINE.load(std::sync::atomic::Ordering::Relaxed)
}

/// Largest remote image rostra downloads, in bytes.
pub const MAX_BYTES: u64 = 25 * 1024 * 1024;
/// Redirects followed before giving up.
const MAX_REDIRECTS: usize = 5;

/// Why a remote image could not be had.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RemoteError {
    /// The source is not an http(s) URL (`ftp:`, `file:`, `javascript:`, `data:` …).
    #[error("only http and https images are fetched, not {0}")]
    Scheme(String),
    /// Offline (the `--offline` flag or the `offline` setting) and not in the cache.
    #[error("not cached, and rostra is offline")]
    Offline,
    /// The server answered with something other than an image.
    #[error("the server sent {0}, not an image")]
    NotAnImage(String),
    /// The server answered with an error status.
    #[error("the server answered {0}")]
    Status(u16),
    /// Larger than [`MAX_BYTES`].
    #[error("larger than {} MB; not downloaded", MAX_BYTES / (1024 * 1024))]
    TooLarge,
    /// A redirect to another scheme, a downgrade to http, a loop or a missing `Location`.
    #[error("bad redirect: {0}")]
    Redirect(String),
    /// Connecting, a timeout, TLS, or a broken transfer.
    #[error("cannot fetch: {0}")]
    Network(String),
    /// The cache folder could not be written.
    #[error("cannot write the image cache: {0}")]
    Cache(String),
}

/// The URL a remote `src` is fetched from: `http(s)://` as written, a protocol-relative
/// `//host/…` as https (how a deck served over https reads it); anything else is refused.
pub fn fetch_url(src: &str) -> Result<String, RemoteError> {
    let s = src.trim();
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Ok(s.to_string())
    } else if lower.starts_with("//") {
        Ok(format!("https:{s}"))
    } else {
        let scheme = lower.split(':').next().unwrap_or("").to_string();
        Err(RemoteError::Scheme(format!("{scheme}:")))
    }
}

/// Whether `src` is an image rostra fetches over the network (http, https, `//host`).
pub fn is_fetched(src: &str) -> bool {
    fetch_url(src).is_ok()
}

/// The on-disk cache of remote images, one file per URL named by a hash of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteCache {
    dir: PathBuf,
}

impl RemoteCache {
    /// The cache in `dir` (made when the first image is stored).
    pub fn at(dir: PathBuf) -> RemoteCache {
        RemoteCache { dir }
    }

    /// The user's cache: `$XDG_CACHE_HOME/rostra/remote`, else `~/.cache/rostra/remote`
    /// (`%LOCALAPPDATA%` on Windows); the system's temp folder when neither is known.
    pub fn user() -> RemoteCache {
        let root =
            crate::config::cache_dir().unwrap_or_else(|| std::env::temp_dir().join("rostra"));
        RemoteCache::at(root.join("remote"))
    }

    /// The folder the cache lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where `url`'s image is kept: a hash of the URL, with the URL's extension so decoding
    /// knows an SVG.
    pub fn path_for(&self, url: &str) -> PathBuf {
        let path_part = url.split(['?', '#']).next().unwrap_or(url);
        let ext = path_part
            .rsplit('/')
            .next()
            .and_then(|name| name.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase())
            .filter(|e| {
                !e.is_empty() && e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric())
            })
            .unwrap_or_else(|| "img".into());
        self.dir
            .join(format!("{:016x}.{ext}", fnv1a(url.as_bytes())))
    }

    /// The cached file for `src`, if it was fetched before.
    pub fn cached(&self, src: &str) -> Option<PathBuf> {
        let url = fetch_url(src).ok()?;
        let p = self.path_for(&url);
        p.is_file().then_some(p)
    }

    /// The image for `src`: from the cache, else fetched (unless `offline`) and stored.
    pub fn get(&self, src: &str, offline: bool) -> Result<PathBuf, RemoteError> {
        let url = fetch_url(src)?;
        let path = self.path_for(&url);
        if path.is_file() {
            return Ok(path);
        }
        if offline {
            return Err(RemoteError::Offline);
        }
        // One download per URL at a time: the deck-open prefetch and the loader may both ask.
        let lock = url_lock(&url);
        let _held = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if path.is_file() {
            return Ok(path);
        }
        let bytes = download(&url)?;
        self.store(&path, &bytes)?;
        Ok(path)
    }

    /// Writes through a temporary file and a rename, so a reader never sees half an image.
    fn store(&self, path: &Path, bytes: &[u8]) -> Result<(), RemoteError> {
        let err = |e: std::io::Error| RemoteError::Cache(format!("{}: {e}", self.dir.display()));
        std::fs::create_dir_all(&self.dir).map_err(err)?;
        let tmp = path.with_extension(format!("part{}", std::process::id()));
        let mut f = std::fs::File::create(&tmp).map_err(err)?;
        f.write_all(bytes).map_err(err)?;
        drop(f);
        std::fs::rename(&tmp, path).map_err(err)
    }
}

/// The lock held while `url` downloads (locks are kept: one per remote image of the decks
/// opened, a few bytes each).
fn url_lock(url: &str) -> std::sync::Arc<std::sync::Mutex<()>> {
    static LOCKS: OnceLock<std::sync::Mutex<std::collections::HashMap<String, LockRef>>> =
        OnceLock::new();
    let map = LOCKS.get_or_init(Default::default);
    let mut map = map
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    map.entry(url.to_string()).or_default().clone()
}

/// One URL's download lock.
type LockRef = std::sync::Arc<std::sync::Mutex<()>>;

/// FNV-1a, 64-bit: a stable name for a URL's cache file (std's hasher may change between
/// Rust releases, which would orphan the cache).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The one HTTP client, kept for its connection pool and TLS set-up.
fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(8)))
            .timeout_global(Some(Duration::from_secs(30)))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!("rostra/", env!("CARGO_PKG_VERSION")))
            .build()
            .into()
    })
}

/// Whether a redirect from `from` to `to` may be followed: http(s) only, never https→http.
pub fn redirect_allowed(from: &str, to: &str) -> bool {
    let scheme = |u: &str| u.split(':').next().unwrap_or("").to_ascii_lowercase();
    matches!(
        (scheme(from).as_str(), scheme(to).as_str()),
        ("https", "https") | ("http", "http") | ("http", "https")
    )
}

/// `location` made absolute against `base` (absolute URL, `//host/…` or `/path`).
fn absolute(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{}{rest}", &base[..scheme_end]);
    }
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    if location.starts_with('/') {
        format!("{}{location}", &base[..host_end])
    } else {
        let dir_end = base
            .rfind('/')
            .filter(|&i| i >= host_end)
            .unwrap_or(host_end);
        format!("{}/{location}", &base[..dir_end])
    }
}

/// One image's bytes over the network, redirects checked hop by hop.
fn download(url: &str) -> Result<Vec<u8>, RemoteError> {
    let mut at = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let mut resp = agent()
            .get(&at)
            .header("Accept", "image/*")
            .call()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => RemoteError::TooLarge,
                e => RemoteError::Network(e.to_string()),
            })?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status) {
            let location = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| RemoteError::Redirect(format!("{status} without a Location")))?;
            let next = absolute(&at, location.trim());
            if !redirect_allowed(&at, &next) {
                return Err(RemoteError::Redirect(format!("{at} → {next}")));
            }
            at = next;
            continue;
        }
        if status != 200 {
            return Err(RemoteError::Status(status));
        }
        let kind = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !kind.starts_with("image/") {
            let shown = if kind.is_empty() {
                "no content type"
            } else {
                kind.as_str()
            };
            return Err(RemoteError::NotAnImage(shown.to_string()));
        }
        if resp
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .is_some_and(|n| n > MAX_BYTES)
        {
            return Err(RemoteError::TooLarge);
        }
        return resp
            .body_mut()
            .with_config()
            .limit(MAX_BYTES)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => RemoteError::TooLarge,
                e => RemoteError::Network(e.to_string()),
            });
    }
    Err(RemoteError::Redirect(format!(
        "more than {MAX_REDIRECTS} redirects"
    )))
}

/// Fetches every remote image of `srcs` into `cache` on a thread of its own, so a deck opened
/// on a network is complete offline later; does nothing when `offline`.
pub fn prefetch(cache: RemoteCache, srcs: Vec<String>, offline: bool) {
    let srcs: Vec<String> = srcs
        .into_iter()
        .filter(|s| is_fetched(s) && !super::video::is_video(s))
        .collect();
    if offline || srcs.is_empty() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("rostra-fetch".into())
        .spawn(crate::worker::caught(move || {
            for src in srcs {
                if let Err(e) = cache.get(&src, false) {
                    log::warn!("remote image {src}: {e}");
                }
            }
        }));
    if let Err(e) = spawned {
        log::warn!("cannot start the thread that fetches remote images: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_fetched() {
        assert_eq!(
            fetch_url("https://a.org/x.png").as_deref(),
            Ok("https://a.org/x.png")
        );
        assert_eq!(
            fetch_url("//a.org/x.png").as_deref(),
            Ok("https://a.org/x.png")
        );
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://a/x.png",
            "data:x",
            "x.png",
        ] {
            assert!(fetch_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redirects_never_change_to_another_scheme_or_downgrade() {
        assert!(redirect_allowed("https://a/x", "https://b/y"));
        assert!(redirect_allowed("http://a/x", "https://b/y"));
        assert!(!redirect_allowed("https://a/x", "http://b/y"));
        assert!(!redirect_allowed("https://a/x", "file:///etc/passwd"));
        assert!(!redirect_allowed("http://a/x", "ftp://b/y"));
        assert_eq!(
            absolute("https://a.org/p/q.png", "/r.png"),
            "https://a.org/r.png"
        );
        assert_eq!(
            absolute("https://a.org/p/q.png", "r.png"),
            "https://a.org/p/r.png"
        );
        assert_eq!(
            absolute("https://a.org/p/q.png", "//b.org/r"),
            "https://b.org/r"
        );
    }

    #[test]
    fn cache_names_are_stable_hashes_keeping_a_short_extension() {
        let c = RemoteCache::at(PathBuf::from("/c"));
        let a = c.path_for("https://a.org/x/photo.JPG?size=2");
        assert_eq!(a, c.path_for("https://a.org/x/photo.JPG?size=2"));
        assert_ne!(a, c.path_for("https://a.org/x/photo.JPG?size=3"));
        assert_eq!(a.extension().and_then(|e| e.to_str()), Some("jpg"));
        let b = c.path_for("https://a.org/logo");
        assert_eq!(b.extension().and_then(|e| e.to_str()), Some("img"));
        assert!(b.starts_with("/c"));
    }

    #[test]
    fn offline_reads_only_the_cache() {
        let dir = std::env::temp_dir().join(format!("rostra-remote-{}", std::process::id()));
        let c = RemoteCache::at(dir.clone());
        assert_eq!(
            c.get("https://example.invalid/a.png", true),
            Err(RemoteError::Offline)
        );
        let p = c.path_for("https://example.invalid/a.png");
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(&p, b"png").expect("write");
        assert_eq!(c.get("https://example.invalid/a.png", true), Ok(p));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
