//! The talk's clock: elapsed time that can pause, resume and reset, and pacing against
//! `data-timing` per slide or a total time, as reveal.js's speaker view paces. Time is
//! passed in (seconds on the show's clock); nothing here reads a clock.

/// Elapsed talk time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timer {
    /// Seconds counted before the current run.
    banked: f64,
    /// When the current run began, if running.
    running_since: Option<f64>,
    /// Whether it has ever been started since the last reset.
    started: bool,
}

impl Timer {
    /// Seconds elapsed at `now`.
    pub fn elapsed(&self, now: f64) -> f64 {
        self.banked + self.running_since.map_or(0.0, |s| (now - s).max(0.0))
    }

    /// Whether it is counting.
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Whether it has been started since the last reset.
    pub fn is_started(&self) -> bool {
        self.started
    }

    /// Starts it if it never was (the first advance of a talk starts the clock).
    pub fn start_if_new(&mut self, now: f64) {
        if !self.started {
            self.started = true;
            self.running_since = Some(now);
        }
    }

    /// Pauses a running timer, or starts or resumes a stopped one.
    pub fn toggle(&mut self, now: f64) {
        match self.running_since.take() {
            Some(since) => self.banked += (now - since).max(0.0),
            None => {
                self.started = true;
                self.running_since = Some(now);
            }
        }
    }

    /// Back to zero, stopped.
    pub fn reset(&mut self) {
        *self = Timer::default();
    }
}

/// Where the speaker stands against the plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pace {
    /// This slide was reached before its planned start, by this many seconds.
    Ahead(f64),
    /// Within this slide's time, with this many seconds of it left.
    OnTime(f64),
    /// Past this slide's planned end, by this many seconds.
    Behind(f64),
}

/// Seconds planned for each slide: its `data-timing` when set; the rest of `total` shared
/// evenly among the slides without one (reveal.js's rule). `None` without any plan.
pub fn plan(timings: &[Option<f64>], total: Option<f64>) -> Option<Vec<f64>> {
    let explicit: f64 = timings.iter().flatten().sum();
    let unset = timings.iter().filter(|t| t.is_none()).count();
    let share = match total {
        Some(total) if unset > 0 => ((total - explicit) / unset as f64).max(0.0),
        Some(_) => 0.0,
        None if timings.iter().any(Option::is_some) => {
            // Only some slides are timed: reveal.js gives the others its default of 120 s.
            120.0
        }
        None => return None,
    };
    Some(timings.iter().map(|t| t.unwrap_or(share)).collect())
}

/// The pace at slide `index` with `elapsed` seconds gone, under `plan`.
pub fn pace(plan: &[f64], index: usize, elapsed: f64) -> Option<Pace> {
    let start: f64 = plan.get(..index)?.iter().sum();
    let end = start + plan.get(index)?;
    Some(if elapsed < start {
        Pace::Ahead(start - elapsed)
    } else if elapsed <= end {
        Pace::OnTime(end - elapsed)
    } else {
        Pace::Behind(elapsed - end)
    })
}

/// `m:ss`, or `h:mm:ss` from an hour on.
pub fn clock_text(secs: f64) -> String {
    let s = if secs.is_finite() {
        secs.max(0.0) as u64
    } else {
        0
    };
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_resumes_and_resets_on_the_injected_clock() {
        let mut t = Timer::default();
        assert_eq!(t.elapsed(50.0), 0.0);
        t.start_if_new(10.0);
        assert_eq!(t.elapsed(15.0), 5.0);
        t.start_if_new(12.0);
        assert_eq!(t.elapsed(15.0), 5.0, "a second advance does not restart it");
        t.toggle(20.0);
        assert!(!t.is_running());
        assert_eq!(t.elapsed(100.0), 10.0, "paused");
        t.toggle(100.0);
        assert_eq!(t.elapsed(101.5), 11.5);
        t.reset();
        assert_eq!(t.elapsed(200.0), 0.0);
        assert!(!t.is_started());
    }

    #[test]
    fn pacing_shares_the_total_among_untimed_slides() {
        let p = plan(&[Some(60.0), None, None, Some(30.0)], Some(300.0)).expect("a plan");
        assert_eq!(p, vec![60.0, 105.0, 105.0, 30.0]);
        assert_eq!(pace(&p, 1, 30.0), Some(Pace::Ahead(30.0)));
        assert_eq!(pace(&p, 1, 100.0), Some(Pace::OnTime(65.0)));
        assert_eq!(pace(&p, 1, 200.0), Some(Pace::Behind(35.0)));
        assert_eq!(pace(&p, 9, 0.0), None);
        assert_eq!(plan(&[None, None], None), None);
        assert_eq!(plan(&[Some(10.0), None], None), Some(vec![10.0, 120.0]));
        assert_eq!(clock_text(75.9), "1:15");
        assert_eq!(clock_text(3725.0), "1:02:05");
        assert_eq!(clock_text(f64::NAN), "0:00");
    }
}
