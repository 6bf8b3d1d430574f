//! The phone remote: a small web page, served on the local network while the speaker has it
//! turned on, that drives the talk through the same [`Command`]s as the keys. The server
//! thread owns no talk state: it hands parsed commands to the app through a bounded channel
//! and answers from a snapshot the app publishes ([`RemoteState`]).
//!
//! Safety on a network that is not the speaker's: a fresh 128-bit token in the link, checked
//! in constant time on every request; only the page and its two API routes exist (nothing
//! reads a file); requests, connections and commands per second are bounded.

mod server;

use crate::show::Command;
use serde::Serialize;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Why the remote could not be turned on.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The address is not `ADDR:PORT`.
    #[error("remote address {0:?} is not ADDR:PORT (e.g. 192.168.1.20:8080, or port 0 for any)")]
    BadAddress(String),
    /// The address could not be listened on.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The OS gave no random bytes for the token.
    #[error("no random numbers for the remote's token: {0}")]
    Random(String),
    /// The server's thread did not start.
    #[error("cannot start the remote's thread: {0}")]
    Thread(std::io::Error),
}

/// The secret in the link: 128 random bits, new each time the remote is turned on.
#[derive(Clone, PartialEq, Eq)]
pub struct Token([u8; 16]);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Logs must not leak it.
        f.write_str("Token(..)")
    }
}

impl Token {
    /// A fresh token from the OS's random source.
    pub fn random() -> Result<Token, RemoteError> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| RemoteError::Random(e.to_string()))?;
        Ok(Token(bytes))
    }

    /// The token as it goes in the link: 32 lowercase hex digits.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `given` is this token, in time that does not depend on where they differ
    /// (so the token cannot be guessed a digit at a time).
    pub fn matches(&self, given: &str) -> bool {
        let ours = self.hex();
        let (a, b) = (ours.as_bytes(), given.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// A slide's place, as reveal.js's `#/h/v` names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Horizontal index (0-based).
    pub h: usize,
    /// Vertical index (0-based).
    pub v: usize,
}

/// What the page shows, as the app last published it; `/api/state` returns it as JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RemoteState {
    /// Where the talk is.
    pub slide: Place,
    /// Fragments shown on the current slide.
    pub fragment: usize,
    /// Fragment steps the current slide has.
    pub fragments: usize,
    /// Slides in the deck.
    pub slides: usize,
    /// The current slide's index in reading order (0-based).
    pub index: usize,
    /// `7 / 28`, as the console's counter reads.
    pub number: String,
    /// The current slide's title and text.
    pub current: SlideText,
    /// The next step: the same slide's next fragment, or the next slide; none at the end.
    pub next: Option<SlideText>,
    /// Speaker notes for what is on screen (Markdown source).
    pub notes: String,
    /// Whether the audience screen is black.
    pub black: bool,
    /// Talk time in whole seconds.
    pub elapsed: u64,
    /// Whether the timer runs.
    pub running: bool,
    /// Pacing, as the console says it (`ahead by 1:20`), when the deck has a plan.
    pub pace: Option<String>,
}

/// A slide as words, for the page (beside its picture, and in its place until it is made).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SlideText {
    /// The first heading, or empty.
    pub title: String,
    /// The slide's text, shortened.
    pub text: String,
    /// What it is: `Current`, `Next: fragment 3 of 7`, `Next slide: 8`.
    pub label: String,
}

/// The command a request body names, or `None`: `next`, `prev`, `first`, `last`, `black`,
/// `goto H V` (0-based, as the state's `slide` reports it).
pub fn parse_command(body: &str) -> Option<Command> {
    let mut words = body.split_whitespace();
    let c = match words.next()? {
        "next" => Command::Next,
        "prev" => Command::Prev,
        "first" => Command::First,
        "last" => Command::Last,
        "black" => Command::ToggleBlack,
        "goto" => {
            let h = words.next()?.parse().ok()?;
            let v = words.next()?.parse().ok()?;
            Command::GoToPlace { h, v }
        }
        _ => return None,
    };
    words.next().is_none().then_some(c)
}

/// The address to serve on when the speaker gave none: the one the default route leaves
/// by (with Wi-Fi and a few virtual bridges, the Wi-Fi's), else loopback. A UDP `connect`
/// sends nothing; it only asks the OS which local address it would use.
pub fn lan_address() -> IpAddr {
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).and_then(|s| {
        s.connect((Ipv4Addr::new(192, 0, 2, 1), 9))?;
        s.local_addr()
    });
    match probe {
        Ok(a) if !a.ip().is_loopback() && !a.ip().is_unspecified() => a.ip(),
        _ => IpAddr::V4(Ipv4Addr::LOCALHOST),
    }
}

/// Everything the server thread shares with the app.
struct Shared {
    token: Token,
    /// The state as JSON, ready to send.
    state: Mutex<String>,
    commands: std::sync::mpsc::SyncSender<Command>,
    wake: Box<dyn Fn() + Send + Sync>,
    /// Who asked with the right token, and when last.
    clients: Mutex<Vec<(IpAddr, Instant)>>,
    /// Commands allowed now (refilled over time).
    bucket: Mutex<(f64, Instant)>,
    stop: AtomicBool,
    /// The current and next step as PNG pictures, from the renderer (never from the disk).
    pictures: Mutex<Pictures>,
}

/// The pictures the page shows, as the renderer last made them.
#[derive(Default)]
struct Pictures {
    /// The step both pictures were made for, `index.fragment` (`3.1`), so the page takes
    /// only pictures of the step it shows.
    at: String,
    current: Option<hyper::body::Bytes>,
    next: Option<hyper::body::Bytes>,
}

/// Where the renderer's pictures of the current and next step go, for the page.
#[derive(Clone)]
pub struct PictureSink(Arc<Shared>);

impl PictureSink {
    /// The pictures of step `at` (`index.fragment`, as the state's `index` and `fragment`)
    /// and of the step after it (none at the end).
    pub fn set(&self, at: String, current: Vec<u8>, next: Option<Vec<u8>>) {
        if let Ok(mut p) = self.0.pictures.lock() {
            p.at = at;
            p.current = Some(current.into());
            p.next = next.map(Into::into);
        }
    }
}

/// Clients remembered at most (each came with the token).
const MAX_CLIENTS: usize = 32;
/// Commands per second a phone may send; more get 429.
const COMMANDS_PER_SEC: f64 = 10.0;
/// How recently a client must have asked to count as connected.
const CONNECTED_WITHIN: Duration = Duration::from_secs(10);

impl Shared {
    fn seen(&self, ip: IpAddr) {
        let now = Instant::now();
        let Ok(mut clients) = self.clients.lock() else {
            return;
        };
        clients.retain(|(_, t)| now.duration_since(*t) < Duration::from_secs(60));
        if let Some(c) = clients.iter_mut().find(|(a, _)| *a == ip) {
            c.1 = now;
        } else if clients.len() < MAX_CLIENTS {
            clients.push((ip, now));
        }
    }

    /// Takes one command from the bucket, if there is one left this second.
    fn allow_command(&self) -> bool {
        let Ok(mut b) = self.bucket.lock() else {
            return false;
        };
        let now = Instant::now();
        let refill = now.duration_since(b.1).as_secs_f64() * COMMANDS_PER_SEC;
        *b = ((b.0 + refill).min(COMMANDS_PER_SEC), now);
        if b.0 >= 1.0 {
            b.0 -= 1.0;
            true
        } else {
            false
        }
    }
}

/// A running remote; dropping it stops the server: it waits (a tenth of a second at most)
/// for the server's thread to let the address go, cutting any connection still open, so
/// the same address can be served again at once.
pub struct Remote {
    shared: Arc<Shared>,
    commands: Receiver<Command>,
    addr: SocketAddr,
    url: String,
    published: Option<RemoteState>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Remote {
    /// Serves the remote on `addr` (`ADDR:PORT`; port 0 picks a free one). `wake` is called
    /// from the server's thread after each command, so the UI gets a frame to apply it.
    pub fn start(addr: &str, wake: Box<dyn Fn() + Send + Sync>) -> Result<Remote, RemoteError> {
        let target = addr
            .to_socket_addrs()
            .ok()
            .and_then(|mut a| a.next())
            .ok_or_else(|| RemoteError::BadAddress(addr.to_string()))?;
        let listener = std::net::TcpListener::bind(target).map_err(|source| RemoteError::Bind {
            addr: addr.to_string(),
            source,
        })?;
        let bound = listener.local_addr().map_err(|source| RemoteError::Bind {
            addr: addr.to_string(),
            source,
        })?;
        let token = Token::random()?;
        let url = format!("http://{bound}/?t={}", token.hex());
        let (tx, rx) = sync_channel(64);
        let shared = Arc::new(Shared {
            token,
            state: Mutex::new(String::from("{}")),
            commands: tx,
            wake,
            clients: Mutex::new(Vec::new()),
            bucket: Mutex::new((COMMANDS_PER_SEC, Instant::now())),
            stop: AtomicBool::new(false),
            pictures: Mutex::new(Pictures::default()),
        });
        let thread = server::spawn(listener, shared.clone()).map_err(RemoteError::Thread)?;
        Ok(Remote {
            shared,
            thread: Some(thread),
            commands: rx,
            addr: bound,
            url,
            published: None,
        })
    }

    /// Serves the remote on the LAN address ([`lan_address`]) at a free port.
    pub fn start_on_lan(wake: Box<dyn Fn() + Send + Sync>) -> Result<Remote, RemoteError> {
        Remote::start(&SocketAddr::new(lan_address(), 0).to_string(), wake)
    }

    /// The page's full link, token included.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The commands the phone sent since the last call, in order.
    pub fn take_commands(&self) -> Vec<Command> {
        self.commands.try_iter().collect()
    }

    /// Makes `state` what the page sees (a no-op when nothing changed).
    pub fn publish(&mut self, state: RemoteState) {
        if self.published.as_ref() == Some(&state) {
            return;
        }
        if let (Ok(json), Ok(mut slot)) = (serde_json::to_string(&state), self.shared.state.lock())
        {
            *slot = json;
        }
        self.published = Some(state);
    }

    /// Where pictures of the slides go for the page.
    pub fn pictures(&self) -> PictureSink {
        PictureSink(self.shared.clone())
    }

    /// The addresses that asked with the token in the last few seconds.
    pub fn clients(&self) -> Vec<IpAddr> {
        let now = Instant::now();
        self.shared.clients.lock().map_or_else(
            |_| Vec::new(),
            |c| {
                c.iter()
                    .filter(|(_, t)| now.duration_since(*t) < CONNECTED_WITHIN)
                    .map(|(a, _)| *a)
                    .collect()
            },
        )
    }
}

impl Drop for Remote {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_six_commands_parse_and_nothing_else_does() {
        assert_eq!(parse_command("next"), Some(Command::Next));
        assert_eq!(parse_command(" prev\n"), Some(Command::Prev));
        assert_eq!(parse_command("first"), Some(Command::First));
        assert_eq!(parse_command("last"), Some(Command::Last));
        assert_eq!(parse_command("black"), Some(Command::ToggleBlack));
        assert_eq!(
            parse_command("goto 3 1"),
            Some(Command::GoToPlace { h: 3, v: 1 })
        );
        for bad in [
            "",
            "NEXT",
            "next next",
            "goto",
            "goto 1",
            "goto a b",
            "goto 1 2 3",
            "goto -1 0",
            "quit",
        ] {
            assert_eq!(parse_command(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn tokens_are_fresh_128_bit_and_match_only_themselves() {
        let a = Token::random().expect("random");
        let b = Token::random().expect("random");
        assert_ne!(a, b);
        let hex = a.hex();
        assert_eq!(hex.len(), 32);
        assert!(a.matches(&hex));
        assert!(!a.matches(&b.hex()));
        assert!(!a.matches(&hex[..31]));
        assert!(!a.matches(""));
        assert!(!a.matches(&hex.to_uppercase()) || hex.chars().all(|c| c.is_ascii_digit()));
        assert_eq!(format!("{a:?}"), "Token(..)");
    }

    #[test]
    fn without_an_address_it_serves_on_a_real_one_never_all_interfaces() {
        let r = Remote::start_on_lan(Box::new(|| {})).expect("starts");
        assert!(!r.addr().ip().is_unspecified());
        assert_eq!(r.addr().ip(), lan_address());
        assert!(r.url().starts_with(&format!("http://{}/?t=", r.addr())));
        assert!(matches!(
            Remote::start("no port here", Box::new(|| {})),
            Err(RemoteError::BadAddress(_))
        ));
    }

    #[test]
    fn the_bucket_lets_ten_commands_a_second_through() {
        let r = Remote::start("127.0.0.1:0", Box::new(|| {})).expect("starts");
        let allowed = (0..50).filter(|_| r.shared.allow_command()).count();
        assert!((10..=11).contains(&allowed), "{allowed}");
    }
}
