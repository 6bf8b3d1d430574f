//! Frame-time statistics for the `--stats` readout and `rostra bench`: CPU seconds per frame
//! and frame times over a sliding window. Pure: the caller passes the clock.

use std::collections::VecDeque;

/// The last few seconds of frames.
#[derive(Clone, Debug, Default)]
pub struct FrameStats {
    /// (when the frame began, CPU seconds it took).
    frames: VecDeque<(f64, f32)>,
}

/// Seconds of history kept.
const WINDOW_SECS: f64 = 2.0;

impl FrameStats {
    /// Records a frame that began at `now_secs` and cost `cpu_secs`.
    pub fn record(&mut self, now_secs: f64, cpu_secs: f32) {
        self.frames.push_back((now_secs, cpu_secs.max(0.0)));
        while self
            .frames
            .front()
            .is_some_and(|(t, _)| now_secs - t > WINDOW_SECS)
        {
            self.frames.pop_front();
        }
    }

    /// Frames per second: the frames that began in the second ending at `now_secs`, that
    /// second open at its start so a frame exactly one second old is not counted twice over
    /// consecutive seconds (0 when idle: egui paints only when something changes).
    pub fn fps(&self, now_secs: f64) -> f32 {
        let recent = self
            .frames
            .iter()
            .filter(|(t, _)| now_secs - t < 1.0)
            .count();
        recent as f32
    }

    /// The `p`-th percentile (0..=100) of CPU seconds per frame in the window.
    pub fn cpu_percentile(&self, p: f32) -> f32 {
        percentile(self.frames.iter().map(|(_, c)| *c).collect(), p)
    }

    /// The longest CPU time in the window.
    pub fn cpu_max(&self) -> f32 {
        self.frames.iter().map(|(_, c)| *c).fold(0.0, f32::max)
    }

    /// The one-line readout: `CPU 1.2 ms (p99 2.0, max 3.1) · 60 fps`.
    pub fn readout(&self, now_secs: f64) -> String {
        format!(
            "CPU {:.2} ms/frame (p99 {:.2}, max {:.2}) · {:.0} fps",
            self.cpu_percentile(50.0) * 1000.0,
            self.cpu_percentile(99.0) * 1000.0,
            self.cpu_max() * 1000.0,
            self.fps(now_secs)
        )
    }
}

/// The `p`-th percentile (nearest rank) of `values`; 0 when empty.
pub fn percentile(mut values: Vec<f32>, p: f32) -> f32 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f32::total_cmp);
    let rank = ((p.clamp(0.0, 100.0) / 100.0) * values.len() as f32).ceil() as usize;
    values[rank.clamp(1, values.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_fps_over_a_window() {
        let mut s = FrameStats::default();
        // 64 frames a second (times exact in binary), for two seconds.
        for i in 0..128 {
            s.record(i as f64 / 64.0, if i == 7 { 0.010 } else { 0.001 });
        }
        let now = 127.0 / 64.0;
        assert_eq!(s.fps(now), 64.0, "a 64 Hz series reads 64 fps");
        // Half a second of frames, then nothing: half as many in the last second.
        let mut burst = FrameStats::default();
        for i in 0..32 {
            burst.record(i as f64 / 64.0, 0.001);
        }
        assert_eq!(burst.fps(31.0 / 64.0 + 0.5), 32.0);
        assert_eq!(burst.fps(31.0 / 64.0 + 1.0), 0.0, "idle reads 0");
        assert!((s.cpu_percentile(50.0) - 0.001).abs() < 1e-6);
        assert!((s.cpu_max() - 0.010).abs() < 1e-6);
        assert!(s.readout(now).contains("fps"));
        // Old frames leave the window.
        s.record(10.0, 0.002);
        assert_eq!(s.cpu_max(), 0.002);
        assert_eq!(percentile(vec![], 50.0), 0.0);
        assert_eq!(percentile(vec![3.0, 1.0, 2.0], 100.0), 3.0);
        assert_eq!(percentile(vec![3.0, 1.0, 2.0], 0.0), 1.0);
    }
}

/// Start-up phases with their times since the process began (`--trace-startup`).
pub mod startup {
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    struct Trace {
        t0: Instant,
        /// Seconds the process had already lived when `t0` was taken.
        before_main: Duration,
        phases: Vec<(&'static str, Duration)>,
        printed: bool,
    }

    static TRACE: Mutex<Option<Trace>> = Mutex::new(None);

    /// How long the process had run when `main` began (Linux: from /proc; else zero).
    fn process_age() -> Duration {
        let read = |p: &str| std::fs::read_to_string(p).ok();
        let (Some(stat), Some(uptime)) = (read("/proc/self/stat"), read("/proc/uptime")) else {
            return Duration::ZERO;
        };
        // Field 22 (start time, in clock ticks after boot), counted after the command name,
        // which may itself hold spaces and is closed by the last ')'.
        let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let start_ticks: f64 = after
            .split_whitespace()
            .nth(19)
            .and_then(|t| t.parse().ok())
            .unwrap_or(0.0);
        let up: f64 = uptime
            .split_whitespace()
            .next()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0.0);
        // USER_HZ is 100 on every Linux rostra targets.
        let age = up - start_ticks / 100.0;
        Duration::from_secs_f64(age.clamp(0.0, 60.0))
    }

    /// Starts tracing (call first thing in `main`).
    pub fn begin() {
        if let Ok(mut t) = TRACE.lock() {
            *t = Some(Trace {
                t0: Instant::now(),
                before_main: process_age(),
                phases: vec![("main entered", Duration::ZERO)],
                printed: false,
            });
        }
    }

    /// Records that `phase` was reached now (no-op unless tracing).
    pub fn mark(phase: &'static str) {
        if let Ok(mut guard) = TRACE.lock()
            && let Some(t) = guard.as_mut()
            && !t.printed
            && !t.phases.iter().any(|(p, _)| *p == phase)
        {
            let at = t.before_main + t.t0.elapsed();
            t.phases.push((phase, at));
        }
    }

    /// Whether tracing is on.
    pub fn enabled() -> bool {
        TRACE
            .lock()
            .is_ok_and(|t| t.as_ref().is_some_and(|t| !t.printed))
    }

    /// The phases so far, one per line, and stops recording.
    pub fn finish() -> Option<String> {
        let mut guard = TRACE.lock().ok()?;
        let t = guard.as_mut()?;
        if t.printed {
            return None;
        }
        t.printed = true;
        let mut out = format!("{:>8.1} ms  process start\n", 0.0);
        let mut prev = Duration::ZERO;
        for (phase, at) in &t.phases {
            let at = if *phase == "main entered" {
                t.before_main
            } else {
                *at
            };
            out.push_str(&format!(
                "{:>8.1} ms  {phase}  (+{:.1} ms)\n",
                at.as_secs_f64() * 1000.0,
                at.saturating_sub(prev).as_secs_f64() * 1000.0
            ));
            prev = at;
        }
        // CPU of all threads (the software renderer's included), steadier than wall time on
        // a busy machine.
        if let Some(cpu) = super::process_cpu_secs() {
            out.push_str(&format!(
                "{:>8.0} ms  CPU so far, all threads\n",
                cpu * 1000.0
            ));
        }
        if let Some(rss) = super::peak_rss_bytes() {
            out.push_str(&format!("{:>8.1} MB  peak RSS so far\n", rss as f64 / 1e6));
        }
        Some(out)
    }
}

/// Resident memory of this process now, in bytes (Linux: VmRSS; elsewhere unknown).
pub fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Peak resident memory of this process in bytes (Linux: VmHWM; elsewhere unknown).
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The calling thread's scheduler times in nanoseconds (Linux: /proc schedstat; elsewhere
/// unknown): time on a core, and time runnable but waiting for one. Between two frames they
/// tell a slow frame's own work from a frame held up by other threads or programs.
pub fn thread_sched_ns() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut fields = text.split_whitespace();
    let ran = fields.next()?.parse().ok()?;
    let waited = fields.next()?.parse().ok()?;
    Some((ran, waited))
}

/// CPU seconds this process has used, all threads (Linux: /proc, in 10 ms ticks; elsewhere
/// unknown): with a software renderer, most of it is the renderer's threads.
pub fn process_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let mut fields = after.split_whitespace().skip(11);
    let utime: f64 = fields.next()?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
