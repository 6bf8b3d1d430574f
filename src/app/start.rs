//! How the app starts: [`StartOptions`], and the one pure function that merges what the
//! command line asked for with the settings file (the command line wins, the file fills
//! gaps, nonsense is dropped), so the merge is tested without a window.

use super::bench::BenchSink;
use super::keys::KeyMap;
use crate::config::Config;
use crate::show::TalkOptions;
use std::path::PathBuf;

/// How the app was asked to start.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// Keep clicked web links from the system browser (tests): they are only recorded.
    pub no_browser: bool,
    /// An ordinary window instead of full screen (screen sharing, testing).
    pub windowed: bool,
    /// A theme name that overrides the deck's.
    pub theme: Option<String>,
    /// A transition that overrides the deck's default (`--transition`).
    pub transition: Option<String>,
    /// Show the frame-time readout from the start (`--stats`).
    pub stats: bool,
    /// The attendance link (`--attendance`), before front matter and the deck's own.
    pub attendance: Option<String>,
    /// Planned talk length in seconds (`--total-time`), before `revealOptions.totalTime`.
    pub total_time: Option<f64>,
    /// Planned talk length from the settings file, for decks that give none.
    pub fallback_total_time: Option<f64>,
    /// Which monitor (0-based) shows the audience view (`--audience-screen`).
    pub audience_screen: Option<usize>,
    /// Start with the presenter console closed.
    pub no_console: bool,
    /// Start at the first slide even when the deck was left elsewhere (`--from-start`).
    pub from_start: bool,
    /// Whether the desktop can show an open dialog; `None`: look (tests fix it).
    pub dialog: Option<super::dialog::DialogSupport>,
    /// The deck's file, when it came from one: watched for live reload, remembered as recent.
    pub deck_path: Option<PathBuf>,
    /// Show the welcome screen first (no deck was named).
    pub welcome: bool,
    /// Key bindings (defaults plus the settings file's).
    pub keymap: KeyMap,
    /// Problems with the settings file, to show once.
    pub config_problems: Vec<String>,
    /// Start the timer only on T, not on the first advance.
    pub timer_starts_paused: bool,
    /// Separators given on the command line, for reloads.
    pub deck_options: crate::deck::Options,
    /// Where recent decks are remembered (none: not remembered).
    pub recent_file: Option<PathBuf>,
    /// Folder of bundled decks for the welcome screen.
    pub bundled_dir: Option<PathBuf>,
    /// `rostra bench`: drive the deck and report here.
    pub bench: Option<BenchSink>,
    /// `rostra bench --fast`: a step every frame.
    pub bench_fast: bool,
    /// When `main` began (for time to first frame).
    pub process_start: Option<std::time::Instant>,
    /// Fall back to installed fonts for scripts the bundled fonts lack. Off in tests, where
    /// the bundled fonts alone must do.
    pub system_fonts: bool,
    /// `--remote ADDR:PORT`: the phone remote on from the start, on this address (and the
    /// address R uses too).
    pub remote: Option<String>,
    /// The furniture the settings file lets the audience screen show.
    pub audience: crate::config::AudienceConfig,
}

impl StartOptions {
    /// What the talk engine takes from these.
    pub fn talk_options(&self) -> TalkOptions {
        TalkOptions {
            transition: self.transition.clone(),
            attendance: self.attendance.clone(),
            total_time_secs: self.total_time,
            fallback_total_time_secs: self.fallback_total_time,
            timer_starts_paused: self.timer_starts_paused,
            fullscreen: !self.windowed && !self.welcome,
            screen_share: self.windowed,
            console: !self.no_console,
            stats: self.stats,
        }
    }
}

/// What the command line asked for, before the settings file is read.
#[derive(Clone, Debug, Default)]
pub struct Requested {
    /// The deck named on the command line (none: the tour behind the welcome screen).
    pub deck_named: bool,
    /// The deck file to open (the named one or the tour), absolute.
    pub deck_path: PathBuf,
    /// `--window`.
    pub window: bool,
    /// `--theme`.
    pub theme: Option<String>,
    /// `--transition`.
    pub transition: Option<String>,
    /// `--stats`.
    pub stats: bool,
    /// `--attendance`.
    pub attendance: Option<String>,
    /// `--total-time`, in minutes.
    pub total_time_minutes: Option<f64>,
    /// `--audience-screen`.
    pub audience_screen: Option<usize>,
    /// `--no-console`.
    pub no_console: bool,
    /// `--from-start`.
    pub from_start: bool,
    /// `--separator` and friends.
    pub deck_options: crate::deck::Options,
    /// `rostra bench`: where the report goes, and `--fast`.
    pub bench: Option<(BenchSink, bool)>,
    /// `--remote`.
    pub remote: Option<String>,
}

/// Where the app keeps its files, as the platform says.
#[derive(Clone, Debug, Default)]
pub struct Places {
    /// The recent-decks file, when a home folder is known.
    pub recent_file: Option<PathBuf>,
    /// The bundled decks' folder.
    pub bundled_dir: Option<PathBuf>,
}

/// Minutes that make a talk length: finite and positive, as seconds.
fn minutes_to_secs(m: Option<f64>) -> Option<f64> {
    m.filter(|m| m.is_finite() && *m > 0.0).map(|m| m * 60.0)
}

/// The start options for `requested` with `config` filling what the command line left open.
/// A bench run is a window with no console and leaves no trace in the recent list.
pub fn resolve(
    requested: Requested,
    config: &Config,
    config_problems: Vec<String>,
    places: Places,
) -> StartOptions {
    let (keymap, mut problems) = KeyMap::from_config(&config.keys);
    problems.extend(config_problems);
    let benching = requested.bench.is_some();
    let (bench, bench_fast) = match requested.bench {
        Some((sink, fast)) => (Some(sink), fast),
        None => (None, false),
    };
    StartOptions {
        no_browser: false,
        windowed: requested.window || benching,
        theme: requested.theme.or_else(|| config.theme.clone()),
        transition: requested.transition.or_else(|| config.transition.clone()),
        stats: requested.stats,
        attendance: requested.attendance,
        total_time: minutes_to_secs(requested.total_time_minutes),
        fallback_total_time: minutes_to_secs(config.total_time_minutes),
        audience_screen: requested.audience_screen.or(config.audience_screen),
        from_start: requested.from_start,
        dialog: None,
        no_console: requested.no_console || benching,
        deck_path: Some(requested.deck_path),
        welcome: !requested.deck_named && !benching,
        keymap,
        config_problems: problems,
        timer_starts_paused: config.timer_starts_paused,
        deck_options: requested.deck_options,
        recent_file: if benching { None } else { places.recent_file },
        bundled_dir: places.bundled_dir,
        bench,
        bench_fast,
        process_start: None,
        system_fonts: true,
        remote: requested.remote,
        audience: config.audience,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            theme: Some("white".into()),
            transition: Some("fade".into()),
            audience_screen: Some(1),
            total_time_minutes: Some(45.0),
            timer_starts_paused: true,
            ..Config::default()
        }
    }

    fn places() -> Places {
        Places {
            recent_file: Some(PathBuf::from("/state/recent.json")),
            bundled_dir: Some(PathBuf::from("/decks")),
        }
    }

    #[test]
    fn the_command_line_beats_the_settings_file() {
        let r = Requested {
            deck_named: true,
            deck_path: PathBuf::from("/talk/slides.md"),
            theme: Some("league".into()),
            transition: Some("zoom".into()),
            audience_screen: Some(0),
            total_time_minutes: Some(20.0),
            ..Requested::default()
        };
        let o = resolve(r, &config(), Vec::new(), places());
        assert_eq!(o.theme.as_deref(), Some("league"));
        assert_eq!(o.transition.as_deref(), Some("zoom"));
        assert_eq!(o.audience_screen, Some(0));
        assert_eq!(o.total_time, Some(1200.0));
        assert_eq!(o.fallback_total_time, Some(2700.0));
        assert!(o.timer_starts_paused && !o.welcome && !o.windowed);
        assert_eq!(o.recent_file, places().recent_file);
    }

    #[test]
    fn the_settings_file_fills_what_the_command_line_left_open() {
        let o = resolve(Requested::default(), &config(), Vec::new(), places());
        assert_eq!(o.theme.as_deref(), Some("white"));
        assert_eq!(o.transition.as_deref(), Some("fade"));
        assert_eq!(o.audience_screen, Some(1));
        assert_eq!(o.total_time, None);
        assert!(o.welcome, "no deck named: the welcome screen");
        let talk = o.talk_options();
        assert!(!talk.fullscreen, "the welcome screen is a window");
    }

    #[test]
    fn nonsense_lengths_are_dropped_and_key_problems_reported() {
        let mut c = config();
        c.total_time_minutes = Some(f64::NAN);
        c.keys.insert("warp".into(), vec!["W".into()]);
        let r = Requested {
            total_time_minutes: Some(-3.0),
            ..Requested::default()
        };
        let o = resolve(r, &c, vec!["line 3: bad".into()], places());
        assert_eq!((o.total_time, o.fallback_total_time), (None, None));
        assert_eq!(o.config_problems.len(), 2, "{:?}", o.config_problems);
    }

    #[test]
    fn a_bench_run_is_a_window_without_console_or_recent_list() {
        let r = Requested {
            bench: Some((BenchSink::default(), true)),
            ..Requested::default()
        };
        let o = resolve(r, &config(), Vec::new(), places());
        assert!(o.windowed && o.no_console && !o.welcome && o.bench_fast);
        assert!(o.recent_file.is_none() && o.bench.is_some());
    }
}
