//! The phone remote from the app's side: turning it on and off (a command like any other),
//! the phone's commands into the one queue, and the talk's state out to the page.

use super::RostraApp;
use super::commands::AppCommand;
use crate::attendance::QrMatrix;
use crate::deck::Deck;
use crate::remote::{PictureSink, Place, Remote, RemoteState, SlideText};
use crate::show::Command;
use crate::show::timer::{Pace, clock_text};
use eframe::egui;

/// Slide text sent to the page at most (the phone shows a few lines).
const TEXT_CHARS: usize = 280;

/// The page's slide pictures, in pixels (reveal.js's 960x700 canvas, halved).
const PICTURE_SIZE: [u32; 2] = [480, 350];

/// The remote while it is on: the server, and its link as a QR code for the console.
pub(super) struct RemoteOn {
    /// The server.
    pub server: Remote,
    /// Its link as a code; `None` if the link would not fit one.
    pub qr: Option<QrMatrix>,
    /// The thread drawing the page's pictures.
    pictures: PictureWorker,
    /// The steps last asked to be drawn: the current one and the next.
    drawn: Option<Steps>,
}

/// A step (slide, fragments shown) and the one after it, if any.
type Steps = ((usize, usize), Option<(usize, usize)>);

/// What the picture thread is asked for.
enum PictureJob {
    /// A deck to draw (at the start, and after each reload), its images relative to the path.
    Deck(Box<Deck>, std::path::PathBuf),
    /// The steps to draw now.
    At(Steps),
}

/// The thread that draws the page's pictures with the export renderer, off the UI thread;
/// it draws only the newest step asked for.
struct PictureWorker {
    jobs: std::sync::mpsc::Sender<PictureJob>,
}

impl PictureWorker {
    fn start(sink: PictureSink, deck: Deck, base: std::path::PathBuf) -> PictureWorker {
        let (jobs, rx) = std::sync::mpsc::channel::<PictureJob>();
        let _ = jobs.send(PictureJob::Deck(Box::new(deck), base));
        let spawned = std::thread::Builder::new()
            .name("rostra-pictures".into())
            .spawn(crate::worker::caught(move || {
                // A phone's picture of the slide can wait a frame; the projector's cannot.
                crate::worker::yield_to_ui();
                let mut renderer = None;
                let mut at: Option<Steps> = None;
                while let Ok(first) = rx.recv() {
                    for job in std::iter::once(first).chain(rx.try_iter()) {
                        match job {
                            PictureJob::Deck(deck, base) => {
                                renderer = crate::worker::guard(|| {
                                    crate::export::SlideRenderer::new(*deck, &base, PICTURE_SIZE)
                                        .map_err(|e| log::warn!("remote pictures: {e}"))
                                        .ok()
                                })
                                .unwrap_or_else(|e| {
                                    crate::worker::report("rostra-pictures", &e);
                                    None
                                });
                            }
                            PictureJob::At(steps) => at = Some(steps),
                        }
                    }
                    let (Some(r), Some(((slide, shown), next))) = (&renderer, at) else {
                        continue;
                    };
                    // A drawing bug loses this step's pictures; the next move is drawn anew.
                    let drawn = crate::worker::guard(|| {
                        r.png(slide, shown)
                            .map(|current| (current, next.and_then(|(s, f)| r.png(s, f).ok())))
                    });
                    match drawn {
                        Ok(Ok((current, next))) => {
                            sink.set(format!("{slide}.{shown}"), current, next);
                        }
                        Ok(Err(e)) => log::warn!("remote pictures: {e}"),
                        Err(e) => log::error!("remote pictures failed on an internal error: {e}"),
                    }
                }
            }));
        if let Err(e) = spawned {
            log::warn!("remote pictures: no thread: {e}");
        }
        PictureWorker { jobs }
    }
}

impl RostraApp {
    /// Turns the remote on (a new token each time) or off. On: on `--remote`'s address if
    /// one was given, else the LAN address at a free port.
    pub(super) fn toggle_remote(&mut self, ctx: &egui::Context) {
        if self.remote.take().is_some() {
            log::info!("remote off");
            return;
        }
        let waker = ctx.clone();
        let wake: Box<dyn Fn() + Send + Sync> =
            Box::new(move || waker.request_repaint_of(egui::ViewportId::ROOT));
        let started = match &self.options.remote {
            Some(addr) => Remote::start(addr, wake),
            None => Remote::start_on_lan(wake),
        };
        match started {
            Ok(server) => {
                log::info!("remote on at {}", server.addr());
                let qr = QrMatrix::encode(server.url()).ok();
                let pictures = PictureWorker::start(
                    server.pictures(),
                    self.deck.clone(),
                    self.images.base().to_path_buf(),
                );
                self.remote = Some(RemoteOn {
                    server,
                    qr,
                    pictures,
                    drawn: None,
                });
            }
            Err(e) => {
                self.session.banner = Some(crate::ui::Banner {
                    title: "The phone remote could not start".into(),
                    lines: vec![e.to_string()],
                    error: true,
                });
            }
        }
    }

    /// Queues what the phone sent since last frame: the same commands as the keys.
    pub(super) fn poll_remote(&mut self, ctx: &egui::Context) {
        let Some(on) = &self.remote else { return };
        for c in on.server.take_commands() {
            self.push(ctx, AppCommand::Talk(c));
        }
    }

    /// Shows the page where the talk is now, and has its pictures drawn when that moved.
    pub(super) fn publish_remote(&mut self, now: f64) {
        if self.remote.is_none() {
            return;
        }
        let (state, steps) = self.remote_state(now);
        if let Some(on) = &mut self.remote {
            on.server.publish(state);
            if on.drawn != Some(steps) {
                on.drawn = Some(steps);
                let _ = on.pictures.jobs.send(PictureJob::At(steps));
            }
        }
    }

    /// A new deck (a reload, or another deck opened): the page's pictures are of it now.
    pub(super) fn remote_deck_changed(&mut self) {
        let base = self.images.base().to_path_buf();
        if let Some(on) = &mut self.remote {
            let _ = on
                .pictures
                .jobs
                .send(PictureJob::Deck(Box::new(self.deck.clone()), base));
            on.drawn = None;
        }
    }

    /// What the page shows now, and the steps its pictures are of.
    fn remote_state(&self, now: f64) -> (RemoteState, Steps) {
        let show = self.talk.show();
        let pos = show.position();
        let stop = show.stop();
        let steps = stop.as_ref().map_or(0, |s| s.steps);
        let mut probe = show.clone();
        probe.apply(&Command::Next, now);
        let next_pos = probe.position();
        let words = |i: usize, label: String| {
            self.deck.slides.get(i).map(|s| {
                let title = s
                    .headings()
                    .into_iter()
                    .next()
                    .map_or_else(String::new, |h| h.1);
                let all = s.text();
                // The title has a line of its own on the page.
                let rest = all
                    .strip_prefix(title.as_str())
                    .unwrap_or(&all)
                    .trim_start();
                SlideText {
                    text: rest.chars().take(TEXT_CHARS).collect(),
                    title,
                    label,
                }
            })
        };
        let (number, total) = show.counted_position();
        let pictured: Steps = (
            (pos.slide, pos.shown),
            (next_pos != pos).then_some((next_pos.slide, next_pos.shown)),
        );
        let state = RemoteState {
            slide: stop
                .as_ref()
                .map_or_else(Place::default, |s| Place { h: s.h, v: s.v }),
            fragment: pos.shown,
            fragments: steps,
            slides: self.deck.slides.len(),
            index: pos.slide,
            number: format!(
                "{} / {}",
                number.map_or_else(|| "–".to_string(), |n| n.to_string()),
                total
            ),
            current: words(pos.slide, "Current".into()).unwrap_or_default(),
            next: (next_pos != pos)
                .then(|| {
                    let label = if next_pos.slide == pos.slide {
                        format!("Next: fragment {} of {}", next_pos.shown, steps)
                    } else {
                        format!("Next slide: {}", next_pos.slide + 1)
                    };
                    words(next_pos.slide, label)
                })
                .flatten(),
            notes: self
                .deck
                .slides
                .get(pos.slide)
                .and_then(|s| s.notes_at(pos.shown))
                .map_or_else(String::new, |n| n.markdown.clone()),
            black: show.is_black(),
            elapsed: self.talk.timer().elapsed(now).max(0.0) as u64,
            running: self.talk.timer().is_running(),
            pace: self.talk.pace(now).map(|p| match p {
                Pace::Ahead(s) => format!("ahead by {}", clock_text(s)),
                Pace::OnTime(s) => format!("on time, {} left", clock_text(s)),
                Pace::Behind(s) => format!("behind by {}", clock_text(s)),
            }),
        };
        (state, pictured)
    }

    /// The remote's link while it is on (token included).
    pub fn remote_url(&self) -> Option<&str> {
        self.remote.as_ref().map(|r| r.server.url())
    }
}

impl RostraApp {
    /// `--remote ADDR:PORT`: on from the start, its link printed as one line on standard
    /// output (`remote: URL`), so scripts and tests can find it.
    pub(super) fn start_remote_from_command_line(&mut self, ctx: &egui::Context) {
        self.toggle_remote(ctx);
        use std::io::Write;
        match &self.remote {
            Some(on) => {
                let mut out = std::io::stdout();
                let _ = writeln!(out, "remote: {}", on.server.url());
                let _ = out.flush();
            }
            None => {
                if let Some(b) = &self.session.banner {
                    eprintln!("rostra: {}: {}", b.title, b.lines.join("; "));
                }
            }
        }
    }
}
