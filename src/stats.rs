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

    /// Frames per second over the window ending at `now_secs` (0 when idle: egui paints only
    /// when something changes).
    pub fn fps(&self, now_secs: f64) -> f32 {
        let recent = self
            .frames
            .iter()
            .filter(|(t, _)| now_secs - t <= 1.0)
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
        for i in 0..120 {
            s.record(i as f64 / 60.0, if i == 7 { 0.010 } else { 0.001 });
        }
        let now = 119.0 / 60.0;
        assert_eq!(s.fps(now), 61.0);
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
