//! `rostra bench`: drives the real app through every slide, fragment and transition of a deck
//! and measures what a speaker feels: time to the first frame, CPU per frame, frames over
//! budget, peak memory, and how long each image took to appear.

use super::AppCommand;
use crate::show::{Command, Show};
use crate::stats::{peak_rss_bytes, percentile, rss_bytes};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a bench run measured.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct BenchReport {
    /// Milliseconds from process start to the end of the first frame.
    pub first_frame_ms: f64,
    /// Frames measured.
    pub frames: usize,
    /// Steps taken (fragments and slides).
    pub steps: usize,
    /// CPU milliseconds per frame (eframe's measure: UI, tessellation and recording the GPU's
    /// work; waiting for the surface, submitting and presenting are left out).
    pub cpu_ms_p50: f64,
    /// 99th percentile.
    pub cpu_ms_p99: f64,
    /// Worst frame.
    pub cpu_ms_max: f64,
    /// Frames over 16.7 ms (a 60 Hz frame).
    pub over_16_7_ms: usize,
    /// Frames over 8.3 ms (a 120 Hz frame).
    pub over_8_3_ms: usize,
    /// Frames that drew something moving (a transition, morph, fragment or overview zoom).
    pub motion_frames: usize,
    /// CPU milliseconds per frame in motion, 99th percentile.
    pub motion_cpu_ms_p99: f64,
    /// The worst frame in motion.
    pub motion_cpu_ms_max: f64,
    /// Frames in motion over 16.7 ms.
    pub motion_over_16_7_ms: usize,
    /// Frames in motion over 8.3 ms.
    pub motion_over_8_3_ms: usize,
    /// Milliseconds from one frame in motion to the next, 99th percentile: what the room
    /// sees, submitting and presenting included (with a software renderer, copying each
    /// frame to the display server is most of it).
    pub motion_period_ms_p99: f64,
    /// The longest of them.
    pub motion_period_ms_max: f64,
    /// Periods in motion over 33 ms (two 60 Hz frames: at least one dropped).
    pub motion_periods_over_33_ms: usize,
    /// Milliseconds from process start until the slides within reach of the first were laid
    /// out ahead and its images were in.
    pub settled_ms: Option<f64>,
    /// Peak resident memory in MiB, where the platform tells.
    pub peak_rss_mib: Option<f64>,
    /// CPU of all threads from the first frame to the end, per frame, in milliseconds
    /// (a software renderer's shading included, which `cpu_ms_*` leave out).
    pub all_threads_cpu_ms_per_frame: Option<f64>,
    /// Image source and milliseconds from request to texture.
    pub images_ms: Vec<(String, f64)>,
    /// The glyph atlas's size at the end, in pixels.
    pub font_atlas: [usize; 2],
    /// The five slowest frames: milliseconds and the slide (1-based) on screen.
    pub slowest: Vec<(f64, usize)>,
    /// A soak's passes (`--soak`), in order; empty for a single run through the deck.
    pub passes: Vec<PassReport>,
}

/// One pass of a soak: a deck forwards and back, the overview and console toggled, the
/// next deck opened.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct PassReport {
    /// The deck the pass went through.
    pub deck: String,
    /// Seconds since the soak began, at the end of the pass.
    pub at_secs: f64,
    /// Frames in the pass.
    pub frames: usize,
    /// The pass's worst frame, CPU milliseconds.
    pub worst_ms: f64,
    /// Its 99th percentile.
    pub p99_ms: f64,
    /// The pass's worst frame in motion (a transition, morph, fragment or overview zoom).
    pub motion_worst_ms: f64,
    /// Where that frame was: its slide and what the pass was doing.
    pub motion_worst_at: String,
    /// The pass's longest period from a frame in motion to the next (`motion_period_ms_max`).
    pub motion_period_worst_ms: f64,
    /// Resident memory at the end of the pass, MiB.
    pub rss_mib: f64,
    /// Peak resident memory so far, MiB.
    pub peak_mib: f64,
    /// The glyph atlas's size at the end of the pass, in pixels.
    pub atlas: [usize; 2],
}

impl PassReport {
    /// The pass as one line: when, frames, worst (in motion), p99, memory, deck.
    pub fn line(&self) -> String {
        format!(
            "{:>6.0} s  {:>5} frames  worst {:>6.1} ms (in motion {:>5.1}, {})  \
             period in motion at most {:.1} ms  p99 {:>5.1} ms  RSS {:.0} MiB  peak {:.0} MiB  \
             atlas {}x{}  {}",
            self.at_secs,
            self.frames,
            self.worst_ms,
            self.motion_worst_ms,
            self.motion_worst_at,
            self.motion_period_worst_ms,
            self.p99_ms,
            self.rss_mib,
            self.peak_mib,
            self.atlas[0],
            self.atlas[1],
            self.deck
        )
    }
}

/// A soak's plan: passes over `decks` in turn until `secs` have gone by.
#[derive(Clone, Debug, Default)]
pub struct Soak {
    /// How long to keep going, in seconds (the pass under way is finished).
    pub secs: f64,
    /// The decks, in turn; the first is the one the bench opened.
    pub decks: Vec<PathBuf>,
}

/// Where a soak pass is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Phase {
    #[default]
    /// To the start of the deck just opened.
    Start,
    Forward,
    Back,
    /// The overview and the console, each on and off (the count done).
    Toggles(u8),
}

/// A soak in progress.
#[derive(Debug)]
struct SoakRun {
    plan: Soak,
    started: Option<f64>,
    pass: usize,
    phase: Phase,
    /// No step before this time (a deck being opened).
    hold_until: f64,
}

impl BenchReport {
    /// The report as an aligned table.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let mut row = |k: &str, v: String| s.push_str(&format!("{k:<28}{v}\n"));
        row(
            "time to first frame",
            format!("{:.0} ms", self.first_frame_ms),
        );
        row(
            "steps / frames",
            format!("{} / {}", self.steps, self.frames),
        );
        row(
            "CPU per frame",
            format!(
                "p50 {:.2} ms   p99 {:.2} ms   max {:.2} ms",
                self.cpu_ms_p50, self.cpu_ms_p99, self.cpu_ms_max
            ),
        );
        row("frames over 16.7 ms", self.over_16_7_ms.to_string());
        row("frames over 8.3 ms", self.over_8_3_ms.to_string());
        row(
            "frames in motion",
            format!(
                "{}: p99 {:.2} ms   max {:.2} ms   over 16.7 ms {}   over 8.3 ms {}",
                self.motion_frames,
                self.motion_cpu_ms_p99,
                self.motion_cpu_ms_max,
                self.motion_over_16_7_ms,
                self.motion_over_8_3_ms
            ),
        );
        row(
            "frame periods in motion",
            format!(
                "p99 {:.2} ms   max {:.2} ms   over 33 ms {}",
                self.motion_period_ms_p99,
                self.motion_period_ms_max,
                self.motion_periods_over_33_ms
            ),
        );
        row(
            "slides ahead laid out",
            self.settled_ms
                .map_or("not yet".into(), |m| format!("{m:.0} ms after start")),
        );
        row(
            "CPU of all threads",
            self.all_threads_cpu_ms_per_frame
                .map_or("unknown".into(), |m| {
                    format!("{m:.1} ms a frame, on average")
                }),
        );
        row(
            "peak resident memory",
            self.peak_rss_mib
                .map_or("unknown".into(), |m| format!("{m:.0} MiB")),
        );
        let slow: Vec<String> = self
            .slowest
            .iter()
            .map(|(ms, slide)| format!("{ms:.1} ms (slide {slide})"))
            .collect();
        row("slowest frames", slow.join(", "));
        row(
            "glyph atlas",
            format!("{} x {} px", self.font_atlas[0], self.font_atlas[1]),
        );
        for (src, ms) in &self.images_ms {
            row("image", format!("{ms:>7.0} ms  {src}"));
        }
        for (i, p) in self.passes.iter().enumerate() {
            row(&format!("pass {}", i + 1), p.line());
        }
        if let Some(s2) = self.soak_summary() {
            row("soak", s2);
        }
        s
    }

    /// A soak's verdict: peak memory growth and the worst frame after warm-up (the first
    /// pass over each deck).
    pub fn soak_summary(&self) -> Option<String> {
        let decks = {
            let mut d: Vec<&str> = self.passes.iter().map(|p| p.deck.as_str()).collect();
            d.sort_unstable();
            d.dedup();
            d.len()
        };
        let warm = self.passes.get(decks.checked_sub(1)?)?;
        let last = self.passes.last()?;
        let after: Vec<&PassReport> = self.passes.iter().skip(decks).collect();
        let worst = after.iter().map(|p| p.worst_ms).fold(0.0, f64::max);
        let moving = after.iter().map(|p| p.motion_worst_ms).fold(0.0, f64::max);
        let period = after
            .iter()
            .map(|p| p.motion_period_worst_ms)
            .fold(0.0, f64::max);
        Some(format!(
            "{} passes; peak RSS {:.0} MiB after warm-up, {:.0} MiB at the end ({:+.1}%); \
             worst frame after warm-up {:.1} ms, in motion {:.1} ms, longest period in motion \
             {:.1} ms",
            self.passes.len(),
            warm.peak_mib,
            last.peak_mib,
            (last.peak_mib / warm.peak_mib - 1.0) * 100.0,
            worst,
            moving,
            period
        ))
    }
}

/// Where the report goes when the window closes.
pub type BenchSink = Arc<Mutex<Option<BenchReport>>>;

/// The parts of a frame the app times itself (eframe's tessellation and painting are the
/// rest of its CPU figure).
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// `logic`: input, commands, pictures arriving, the bench itself.
    Logic,
    /// Drawing the slides, console and overlays (laying slides out included).
    Draw,
    /// Handing large fills and the shapes egui tessellates to rostra's own pipelines (`ui::flat`).
    HandOver,
}

/// What the bench notes of a frame beyond its time, to tell why a slow one was slow.
#[derive(Clone, Copy, Debug, Default)]
struct FrameWhy {
    /// The UI thread's milliseconds on a core over the frame's period.
    ran_ms: f32,
    /// Its milliseconds runnable but waiting for a core (other threads or programs).
    waited_ms: f32,
    /// Milliseconds of each `Part`.
    parts: [f32; 3],
    /// The glyph atlas's size after the frame.
    atlas: [usize; 2],
    /// The app's slide layouts and picture uploads so far.
    layouts: usize,
    uploads: usize,
    /// Milliseconds from this frame's start to the next's (the UI thread's clock).
    period_ms: f32,
}

/// The periods of frames in motion whose next frame moves too: a transition's last frame
/// waits for whatever comes next, which is no frame dropped.
fn motion_periods(moving: &[bool], why: &[FrameWhy]) -> Vec<f32> {
    moving
        .windows(2)
        .zip(why)
        .filter(|(m, _)| m[0] && m[1])
        .map(|(_, w)| w.period_ms)
        .collect()
}

/// A pass's frames as `BenchRun` records them, borrowed for a report.
struct PassFrames<'a> {
    slides: &'a [usize],
    phases: &'a [Phase],
    why: &'a [FrameWhy],
}

impl PassFrames<'_> {
    /// Frame `i`, for a report: its slide, what the soak was doing, how the UI thread spent
    /// its period (its own work, or waiting for a core), the app's own parts of it, how many
    /// slides it laid out and pictures it uploaded, and whether the glyph atlas changed size.
    fn describe(&self, i: usize) -> String {
        let slide = self.slides.get(i).copied().unwrap_or(0);
        let doing = self.phases.get(i).copied().unwrap_or_default();
        let now = self.why.get(i).copied().unwrap_or_default();
        let before = i
            .checked_sub(1)
            .and_then(|j| self.why.get(j).copied())
            .unwrap_or(now);
        let [logic, draw, hand_over] = now.parts;
        format!(
            "slide {slide}, {doing:?}, frame {i}, UI thread ran {:.1} ms, waited {:.1} ms for a \
             core, logic {logic:.1} ms, drawing {draw:.1} ms, hand-over {hand_over:.1} ms, \
             slides laid out {}, pictures uploaded {}{}",
            now.ran_ms,
            now.waited_ms,
            now.layouts.saturating_sub(before.layouts),
            now.uploads.saturating_sub(before.uploads),
            if now.atlas != before.atlas {
                ", atlas resized"
            } else {
                ""
            }
        )
    }
}

/// A bench in progress.
pub struct BenchRun {
    process_start: Instant,
    first_frame: Option<Duration>,
    /// CPU seconds of all threads at the first frame.
    cpu_at_first_frame: Option<f64>,
    /// The glyph atlas's size now (the app tells each frame), for a soak's pass reports.
    pub atlas: [usize; 2],
    /// Slide layouts the app has done so far (it tells each frame), for the same.
    pub layouts: usize,
    /// Pictures the app has uploaded so far (it adds them as they go), for the same.
    pub uploads: usize,
    cpu: Vec<f32>,
    slides: Vec<usize>,
    /// For each frame in `cpu`, whether it drew something moving.
    moving: Vec<bool>,
    /// For each frame in `cpu`, what the soak was doing then (`Start` outside a soak).
    phases: Vec<Phase>,
    /// For each frame in `cpu`, what a report of a slow frame says of it.
    why: Vec<FrameWhy>,
    /// `thread_sched_ns` at the last frame.
    sched_at: Option<(u64, u64)>,
    /// When the last frame was recorded.
    frame_at: Option<Instant>,
    /// Milliseconds of each `Part` in the frame being made.
    parts: [f32; 3],
    /// Whether the frame being drawn moves (its CPU time arrives with the next frame).
    drawing_motion: bool,
    settled: Option<Duration>,
    steps: usize,
    waiting_since: Option<f64>,
    sink: BenchSink,
    done: bool,
    /// Page as fast as frames come: no waiting for transitions or images (a speaker
    /// holding the arrow key).
    pub fast: bool,
    soak: Option<SoakRun>,
    passes: Vec<PassReport>,
    /// The report went out (frames until the window closes change nothing).
    reported: bool,
}

impl BenchRun {
    /// A run reporting into `sink`; `process_start` is when `main` began.
    pub fn new(sink: BenchSink, process_start: Instant) -> BenchRun {
        BenchRun {
            process_start,
            first_frame: None,
            cpu_at_first_frame: None,
            atlas: [0, 0],
            layouts: 0,
            uploads: 0,
            cpu: Vec::new(),
            slides: Vec::new(),
            moving: Vec::new(),
            phases: Vec::new(),
            why: Vec::new(),
            sched_at: None,
            frame_at: None,
            parts: [0.0; 3],
            drawing_motion: false,
            settled: None,
            steps: 0,
            waiting_since: None,
            sink,
            done: false,
            fast: false,
            soak: None,
            passes: Vec::new(),
            reported: false,
        }
    }

    /// Makes this run a soak (`rostra bench --soak`).
    pub fn start_soak(&mut self, plan: Soak) {
        self.soak = Some(SoakRun {
            plan,
            started: None,
            pass: 0,
            phase: Phase::Start,
            hold_until: 0.0,
        });
    }

    /// Whether nothing moves and the slide's images are in and the deck laid out (or two
    /// seconds went by).
    fn ready(&mut self, show: &Show, now: f64, pending: bool) -> bool {
        if !pending && self.settled.is_none() {
            self.settled = Some(self.process_start.elapsed());
        }
        if self.fast {
            return true;
        }
        if show.slide_move(now).is_some() || show.fragment_move(now).is_some() {
            return false;
        }
        let since = *self.waiting_since.get_or_insert(now);
        !(pending && now - since < 2.0)
    }

    /// The next step of a soak, or of a plain run through the deck; `pending`: images of
    /// the slide or layouts ahead still to come.
    pub fn next_command(&mut self, show: &Show, now: f64, pending: bool) -> Option<AppCommand> {
        if self.soak.is_none() {
            return self.next_step(show, now, pending).map(Into::into);
        }
        if self.done || !self.ready(show, now, pending) {
            return None;
        }
        let soak = self.soak.as_mut()?;
        if now < soak.hold_until {
            return None;
        }
        self.waiting_since = None;
        let started = *soak.started.get_or_insert(now);
        let moved = |c: Command| {
            let mut probe = show.clone();
            probe.apply(&c, now);
            (probe.position() != show.position()).then_some(c)
        };
        let step = match soak.phase {
            Phase::Start => {
                soak.phase = Phase::Forward;
                moved(Command::First).map(AppCommand::from)
            }
            Phase::Forward => match moved(Command::Next) {
                Some(c) => Some(c.into()),
                None => {
                    soak.phase = Phase::Back;
                    moved(Command::Prev).map(AppCommand::from)
                }
            },
            Phase::Back => match moved(Command::Prev) {
                Some(c) => Some(c.into()),
                None => {
                    soak.phase = Phase::Toggles(1);
                    Some(Command::ToggleOverview.into())
                }
            },
            Phase::Toggles(n) if n < 4 => {
                soak.phase = Phase::Toggles(n + 1);
                // Hold until the overview's zoom is over before the next toggle.
                soak.hold_until = now + 1.0;
                Some(
                    if n < 2 {
                        Command::ToggleOverview
                    } else {
                        Command::ToggleConsole
                    }
                    .into(),
                )
            }
            Phase::Toggles(_) => {
                let decks = &soak.plan.decks;
                let deck = decks.get(soak.pass % decks.len().max(1)).cloned();
                let next = decks.get((soak.pass + 1) % decks.len().max(1)).cloned();
                soak.pass += 1;
                soak.phase = Phase::Start;
                soak.hold_until = now + 1.0;
                let ms: Vec<f32> = self.cpu.iter().map(|c| c * 1000.0).collect();
                let worst = ms
                    .iter()
                    .zip(&self.moving)
                    .enumerate()
                    .filter(|(_, (_, m))| **m)
                    .map(|(i, (c, _))| (i, *c))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                self.passes.push(PassReport {
                    deck: deck.map(|d| d.display().to_string()).unwrap_or_default(),
                    at_secs: now - started,
                    frames: ms.len(),
                    worst_ms: f64::from(ms.iter().copied().fold(0.0, f32::max)),
                    motion_worst_ms: worst.map_or(0.0, |(_, c)| f64::from(c)),
                    motion_worst_at: worst.map_or_else(String::new, |(i, _)| {
                        let frames = PassFrames {
                            slides: &self.slides,
                            phases: &self.phases,
                            why: &self.why,
                        };
                        frames.describe(i)
                    }),
                    motion_period_worst_ms: f64::from(
                        motion_periods(&self.moving, &self.why)
                            .into_iter()
                            .fold(0.0, f32::max),
                    ),
                    p99_ms: f64::from(percentile(ms, 99.0)),
                    rss_mib: rss_bytes().map_or(0.0, |b| b as f64 / (1024.0 * 1024.0)),
                    peak_mib: peak_rss_bytes().map_or(0.0, |b| b as f64 / (1024.0 * 1024.0)),
                    atlas: self.atlas,
                });
                // Each pass as it ends, so an hours-long soak can be watched (and a soak cut
                // short still tells what it saw).
                if let Some(p) = self.passes.last() {
                    eprintln!("soak pass {}: {}", self.passes.len(), p.line());
                }
                // A pass's frames are summed up in its report: hours of them are not kept.
                self.cpu.clear();
                self.slides.clear();
                self.moving.clear();
                self.phases.clear();
                self.why.clear();
                if now - started >= soak.plan.secs {
                    self.done = true;
                    return None;
                }
                // Opening the same deck again is a reload.
                next.map(AppCommand::Open)
            }
        };
        if step.is_some() {
            self.steps += 1;
        }
        step
    }

    /// Records a frame (`cpu`: eframe's measure of the previous frame, which showed `slide`).
    pub fn frame(&mut self, cpu: Option<f32>, slide: usize) {
        let sched = crate::stats::thread_sched_ns();
        let spent = match (self.sched_at, sched) {
            (Some(a), Some(b)) => (
                b.0.saturating_sub(a.0) as f32 / 1e6,
                b.1.saturating_sub(a.1) as f32 / 1e6,
            ),
            _ => (0.0, 0.0),
        };
        self.sched_at = sched;
        let at = Instant::now();
        let period_ms = self
            .frame_at
            .replace(at)
            .map_or(0.0, |t| (at - t).as_secs_f32() * 1000.0);
        let parts = std::mem::take(&mut self.parts);
        if self.first_frame.is_none() {
            self.first_frame = Some(self.process_start.elapsed());
            self.cpu_at_first_frame = crate::stats::process_cpu_secs();
        } else if let Some(c) = cpu {
            self.cpu.push(c);
            self.slides.push(slide + 1);
            self.moving.push(self.drawing_motion);
            self.phases
                .push(self.soak.as_ref().map_or(Phase::Start, |s| s.phase));
            self.why.push(FrameWhy {
                ran_ms: spent.0,
                waited_ms: spent.1,
                parts,
                atlas: self.atlas,
                layouts: self.layouts,
                uploads: self.uploads,
                period_ms,
            });
        }
    }

    /// Adds `spent` to `part` of the frame being made.
    pub fn add_time(&mut self, part: Part, spent: Duration) {
        self.parts[part as usize] += spent.as_secs_f32() * 1000.0;
    }

    /// Notes whether the frame being drawn shows something moving.
    pub fn motion(&mut self, moving: bool) {
        self.drawing_motion = moving;
    }

    /// The next command, once nothing is moving and the slide's images are in (or two
    /// seconds have passed); `None` while waiting. Sets `done` at the end of the deck.
    pub fn next_step(&mut self, show: &Show, now: f64, pending: bool) -> Option<Command> {
        if self.done || !self.ready(show, now, pending) {
            return None;
        }
        self.waiting_since = None;
        let mut probe = show.clone();
        probe.apply(&Command::Next, now);
        if probe.position() == show.position() {
            self.done = true;
            return None;
        }
        self.steps += 1;
        Some(Command::Next)
    }

    /// Whether the deck is done.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Writes the report into the sink.
    pub fn finish(&mut self, images: &[(String, Duration)], font_atlas: [usize; 2]) {
        if std::mem::replace(&mut self.reported, true) {
            return;
        }
        let ms: Vec<f32> = self.cpu.iter().map(|c| c * 1000.0).collect();
        let motion: Vec<f32> = ms
            .iter()
            .zip(&self.moving)
            .filter(|(_, m)| **m)
            .map(|(c, _)| *c)
            .collect();
        let periods = motion_periods(&self.moving, &self.why);
        let report = BenchReport {
            first_frame_ms: self.first_frame.unwrap_or_default().as_secs_f64() * 1000.0,
            frames: ms.len(),
            steps: self.steps,
            cpu_ms_p50: f64::from(percentile(ms.clone(), 50.0)),
            cpu_ms_p99: f64::from(percentile(ms.clone(), 99.0)),
            cpu_ms_max: f64::from(ms.iter().copied().fold(0.0, f32::max)),
            over_16_7_ms: ms.iter().filter(|m| **m > 16.7).count(),
            over_8_3_ms: ms.iter().filter(|m| **m > 8.3).count(),
            motion_frames: motion.len(),
            motion_cpu_ms_p99: f64::from(percentile(motion.clone(), 99.0)),
            motion_cpu_ms_max: f64::from(motion.iter().copied().fold(0.0, f32::max)),
            motion_over_16_7_ms: motion.iter().filter(|m| **m > 16.7).count(),
            motion_over_8_3_ms: motion.iter().filter(|m| **m > 8.3).count(),
            motion_period_ms_p99: f64::from(percentile(periods.clone(), 99.0)),
            motion_period_ms_max: f64::from(periods.iter().copied().fold(0.0, f32::max)),
            motion_periods_over_33_ms: periods.iter().filter(|p| **p > 33.0).count(),
            settled_ms: self.settled.map(|d| d.as_secs_f64() * 1000.0),
            peak_rss_mib: peak_rss_bytes().map(|b| b as f64 / (1024.0 * 1024.0)),
            all_threads_cpu_ms_per_frame: self
                .cpu_at_first_frame
                .zip(crate::stats::process_cpu_secs())
                .filter(|_| !ms.is_empty())
                .map(|(a, b)| (b - a) * 1000.0 / ms.len() as f64),
            images_ms: images
                .iter()
                .map(|(s, d)| (s.clone(), d.as_secs_f64() * 1000.0))
                .collect(),
            font_atlas,
            slowest: {
                let mut all: Vec<(f64, usize)> = ms
                    .iter()
                    .zip(&self.slides)
                    .map(|(m, s)| (f64::from(*m), *s))
                    .collect();
                all.sort_by(|a, b| b.0.total_cmp(&a.0));
                all.truncate(5);
                all
            },
            passes: std::mem::take(&mut self.passes),
        };
        if let Ok(mut s) = self.sink.lock() {
            *s = Some(report);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::show::Stop;

    /// A fresh run and a show of two slides, the first with one fragment.
    fn two_slides_one_fragment() -> (BenchSink, BenchRun, Show) {
        let sink: BenchSink = Arc::default();
        let run = BenchRun::new(sink.clone(), Instant::now());
        let stop = |h, steps| Stop { h, v: 0, steps };
        (sink, run, Show::from_stops(vec![stop(0, 1), stop(1, 0)]))
    }

    #[test]
    fn steps_wait_for_motion_and_images_and_stop_at_the_end() {
        let (sink, mut run, mut show) = two_slides_one_fragment();
        run.frame(None, 0);
        assert_eq!(run.next_step(&show, 0.0, true), None, "waits for images");
        let c = run
            .next_step(&show, 2.5, true)
            .expect("gives up waiting after 2 s");
        show.apply(&c, 2.5);
        assert_eq!(
            run.next_step(&show, 2.55, false),
            None,
            "fragment still moving"
        );
        let c = run.next_step(&show, 3.0, false).expect("next");
        show.apply(&c, 3.0);
        assert_eq!(run.next_step(&show, 4.0, false), None);
        assert!(run.is_done());
        run.frame(Some(0.002), 0);
        run.frame(Some(0.020), 1);
        run.finish(&[("a.png".into(), Duration::from_millis(40))], [1, 1]);
        let r = sink.lock().ok().and_then(|s| s.clone()).expect("report");
        assert_eq!((r.steps, r.frames, r.over_16_7_ms), (2, 2, 1));
        assert!(r.table().contains("a.png"));
        assert_eq!(r.slowest.first().map(|s| s.1), Some(2));
    }

    #[test]
    fn frames_in_motion_are_told_apart_from_still_ones() {
        let (sink, mut run, mut show) = two_slides_one_fragment();
        assert!(!show.moving(0.0));
        run.frame(None, 0);
        // A still frame that lays slides out ahead: slow, but nothing on screen moves.
        run.motion(show.moving(0.0));
        run.frame(Some(0.030), 0);
        show.apply(&Command::Next, 0.1);
        assert!(show.moving(0.15), "a fragment step in flight");
        run.motion(show.moving(0.15));
        run.frame(Some(0.004), 1);
        run.motion(show.moving(0.2));
        run.frame(Some(0.009), 1);
        assert!(!show.moving(60.0), "over");
        run.motion(false);
        run.frame(Some(0.001), 1);
        run.finish(&[], [1, 1]);
        let r = sink.lock().ok().and_then(|s| s.clone()).expect("report");
        assert_eq!(r.frames, 4);
        assert_eq!(r.motion_frames, 2, "the frames drawn at 0.15 and 0.2 s");
        assert_eq!((r.over_16_7_ms, r.motion_over_16_7_ms), (1, 0));
        assert_eq!(r.motion_over_8_3_ms, 1);
        assert!(
            (r.motion_cpu_ms_max - 9.0).abs() < 1e-3,
            "{}",
            r.motion_cpu_ms_max
        );
        assert!(r.table().contains("frames in motion"));
    }

    #[test]
    fn a_soak_goes_forwards_and_back_toggles_and_opens_the_next_deck_in_turn() {
        let sink: BenchSink = Arc::default();
        let mut run = BenchRun::new(sink.clone(), Instant::now());
        run.fast = true;
        let (a, b) = (PathBuf::from("/a.md"), PathBuf::from("/b.md"));
        run.start_soak(Soak {
            secs: 15.0,
            decks: vec![a.clone(), b.clone()],
        });
        let stop = |h| Stop { h, v: 0, steps: 0 };
        let mut show = Show::from_stops(vec![stop(0), stop(1)]);
        let mut seen = Vec::new();
        let mut now = 0.0;
        while seen.len() < 60 && !run.is_done() {
            now += 0.6;
            run.frame(Some(0.001), show.position().slide);
            if let Some(c) = run.next_command(&show, now, false) {
                if let AppCommand::Talk(t) = &c {
                    show.apply(t, now);
                }
                seen.push(c);
            }
        }
        let talk = |c: Command| AppCommand::Talk(c);
        assert_eq!(
            seen[..7],
            [
                talk(Command::Next),
                talk(Command::Prev),
                talk(Command::ToggleOverview),
                talk(Command::ToggleOverview),
                talk(Command::ToggleConsole),
                talk(Command::ToggleConsole),
                AppCommand::Open(b.clone()),
            ]
        );
        assert!(seen.contains(&AppCommand::Open(a)), "decks go in turn");
        assert!(run.is_done(), "stops once the time is up");
        run.finish(&[], [1, 1]);
        run.finish(&[], [2, 2]);
        let r = sink.lock().ok().and_then(|s| s.clone()).expect("report");
        assert_eq!(r.font_atlas, [1, 1], "the first report stands");
        assert!(r.passes.len() >= 2);
        assert!(r.passes.iter().all(|p| p.frames > 0 && p.worst_ms > 0.0));
        assert!(r.soak_summary().is_some_and(|s| s.contains("passes")));
    }

    #[test]
    fn a_passs_slowest_frame_in_motion_says_what_the_app_did_in_it() {
        let sink: BenchSink = Arc::default();
        let mut run = BenchRun::new(sink, Instant::now());
        run.fast = true;
        run.start_soak(Soak {
            secs: 0.5,
            decks: vec![PathBuf::from("/a.md")],
        });
        let stop = |h| Stop { h, v: 0, steps: 0 };
        let mut show = Show::from_stops(vec![stop(0), stop(1)]);
        run.frame(None, 0);
        run.atlas = [64, 32];
        run.frame(Some(0.002), 0);
        // Drawn in motion: 30 ms of drawing, a slide laid out, a picture in, the atlas grown.
        run.motion(true);
        run.add_time(Part::Draw, Duration::from_millis(30));
        run.add_time(Part::HandOver, Duration::from_millis(2));
        run.layouts += 1;
        run.uploads += 1;
        run.atlas = [64, 64];
        run.frame(Some(0.040), 0);
        run.motion(false);
        run.frame(Some(0.050), 0);
        let mut now = 0.0;
        while run.passes.is_empty() && now < 60.0 {
            now += 0.6;
            run.frame(Some(0.001), show.position().slide);
            if let Some(AppCommand::Talk(t)) = run.next_command(&show, now, false) {
                show.apply(&t, now);
            }
        }
        let pass = run.passes.first().expect("a pass ended");
        assert!((pass.motion_worst_ms - 40.0).abs() < 1e-3, "{pass:?}");
        assert!(
            (pass.worst_ms - 50.0).abs() < 1e-3,
            "the still frame is slower"
        );
        for said in [
            "slide 1",
            "frame 1,",
            "drawing 30.0 ms",
            "hand-over 2.0 ms",
            "slides laid out 1",
            "pictures uploaded 1",
            "atlas resized",
        ] {
            assert!(pass.motion_worst_at.contains(said), "{said}: {pass:?}");
        }
    }

    #[test]
    fn only_periods_between_two_frames_in_motion_count() {
        let why = |ms: f32| FrameWhy {
            period_ms: ms,
            ..FrameWhy::default()
        };
        let moving = [false, true, true, false, true, true, true];
        let frames: Vec<FrameWhy> = [900.0, 20.0, 400.0, 700.0, 15.0, 40.0, 800.0]
            .into_iter()
            .map(why)
            .collect();
        // The 400 ms before a still frame and the 800 ms after the last frame are waits.
        assert_eq!(motion_periods(&moving, &frames), vec![20.0, 15.0, 40.0]);
    }
}
