//! `rostra bench`: drives the real app through every slide, fragment and transition of a deck
//! and measures what a speaker feels: time to the first frame, CPU per frame, frames over
//! budget, peak memory, and how long each image took to appear.

use crate::show::{Command, Show};
use crate::stats::{peak_rss_bytes, percentile};
use serde::Serialize;
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
    /// CPU milliseconds per frame (eframe's measure: UI, tessellation and GPU submission).
    pub cpu_ms_p50: f64,
    /// 99th percentile.
    pub cpu_ms_p99: f64,
    /// Worst frame.
    pub cpu_ms_max: f64,
    /// Frames over 16.7 ms (a 60 Hz frame).
    pub over_16_7_ms: usize,
    /// Frames over 8.3 ms (a 120 Hz frame).
    pub over_8_3_ms: usize,
    /// Peak resident memory in MiB, where the platform tells.
    pub peak_rss_mib: Option<f64>,
    /// Image source and milliseconds from request to texture.
    pub images_ms: Vec<(String, f64)>,
    /// The glyph atlas's size at the end, in pixels.
    pub font_atlas: [usize; 2],
    /// The five slowest frames: milliseconds and the slide (1-based) on screen.
    pub slowest: Vec<(f64, usize)>,
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
        s
    }
}

/// Where the report goes when the window closes.
pub type BenchSink = Arc<Mutex<Option<BenchReport>>>;

/// A bench in progress.
pub struct BenchRun {
    process_start: Instant,
    first_frame: Option<Duration>,
    cpu: Vec<f32>,
    slides: Vec<usize>,
    steps: usize,
    waiting_since: Option<f64>,
    sink: BenchSink,
    done: bool,
    /// Page as fast as frames come: no waiting for transitions or images (a speaker
    /// holding the arrow key).
    pub fast: bool,
}

impl BenchRun {
    /// A run reporting into `sink`; `process_start` is when `main` began.
    pub fn new(sink: BenchSink, process_start: Instant) -> BenchRun {
        BenchRun {
            process_start,
            first_frame: None,
            cpu: Vec::new(),
            slides: Vec::new(),
            steps: 0,
            waiting_since: None,
            sink,
            done: false,
            fast: false,
        }
    }

    /// Records a frame (`cpu`: eframe's measure of the previous frame, which showed `slide`).
    pub fn frame(&mut self, cpu: Option<f32>, slide: usize) {
        if self.first_frame.is_none() {
            self.first_frame = Some(self.process_start.elapsed());
        } else if let Some(c) = cpu {
            self.cpu.push(c);
            self.slides.push(slide + 1);
        }
    }

    /// The next command, once nothing is moving and the slide's images are in (or two
    /// seconds have passed); `None` while waiting. Sets `done` at the end of the deck.
    pub fn next_step(&mut self, show: &Show, now: f64, images_pending: bool) -> Option<Command> {
        if self.done {
            return None;
        }
        if !self.fast {
            if show.slide_move(now).is_some() || show.fragment_move(now).is_some() {
                return None;
            }
            let since = *self.waiting_since.get_or_insert(now);
            if images_pending && now - since < 2.0 {
                return None;
            }
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
        let ms: Vec<f32> = self.cpu.iter().map(|c| c * 1000.0).collect();
        let report = BenchReport {
            first_frame_ms: self.first_frame.unwrap_or_default().as_secs_f64() * 1000.0,
            frames: ms.len(),
            steps: self.steps,
            cpu_ms_p50: f64::from(percentile(ms.clone(), 50.0)),
            cpu_ms_p99: f64::from(percentile(ms.clone(), 99.0)),
            cpu_ms_max: f64::from(ms.iter().copied().fold(0.0, f32::max)),
            over_16_7_ms: ms.iter().filter(|m| **m > 16.7).count(),
            over_8_3_ms: ms.iter().filter(|m| **m > 8.3).count(),
            peak_rss_mib: peak_rss_bytes().map(|b| b as f64 / (1024.0 * 1024.0)),
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

    #[test]
    fn steps_wait_for_motion_and_images_and_stop_at_the_end() {
        let sink: BenchSink = Arc::default();
        let mut run = BenchRun::new(sink.clone(), Instant::now());
        let mut show = Show::from_stops(vec![
            Stop {
                h: 0,
                v: 0,
                steps: 1,
            },
            Stop {
                h: 1,
                v: 0,
                steps: 0,
            },
        ]);
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
}
