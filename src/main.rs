//! The `rostra` command: parse the command line, call into the library, print errors.

use clap::{Args, Parser, Subcommand};
use rostra::stats::startup;
use rostra::{cli, deck};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Present reveal.js-flavoured Markdown decks.
#[derive(Parser, Debug)]
#[command(name = "rostra", version = rostra::build_info::VERSION, long_version = long_version())]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The deck to present (a bundled deck when none is given).
    deck: Option<PathBuf>,
    #[command(flatten)]
    separators: SeparatorArgs,
    /// Show the slides in an ordinary window instead of full screen (for screen sharing).
    #[arg(long)]
    window: bool,
    /// Theme to use instead of the deck's (black, white).
    #[arg(long)]
    theme: Option<String>,
    /// Slide transition for slides that set none (none, fade, slide, convex, concave, zoom).
    #[arg(long, value_parser = ["none", "fade", "slide", "convex", "concave", "zoom"])]
    transition: Option<String>,
    /// Show frame CPU time and frames per second (F9 toggles it too).
    #[arg(long)]
    stats: bool,
    /// Attendance link shown as a QR code (instead of front matter's or the deck's own).
    #[arg(long, value_name = "URL")]
    attendance: Option<String>,
    /// Planned length of the talk in minutes, for pacing (instead of revealOptions.totalTime).
    #[arg(long, value_name = "MINUTES")]
    total_time: Option<f64>,
    /// Monitor (0-based) for the audience view when several are connected.
    #[arg(long, value_name = "N")]
    audience_screen: Option<usize>,
    /// Start without the presenter console (S opens it).
    #[arg(long)]
    no_console: bool,
    /// Start at the first slide, not where this deck was left last time.
    #[arg(long)]
    from_start: bool,
    /// Turn the phone remote on, served on this address (port 0: any free one); its link
    /// is printed as `remote: URL`. Without it, R or the console's button serves it on the
    /// LAN address.
    #[arg(long, value_name = "ADDR:PORT")]
    remote: Option<String>,
    /// Fetch nothing from the network: remote images are shown (and exported) from the cache
    /// of earlier runs only. The `offline` setting does the same.
    #[arg(long, global = true)]
    offline: bool,
    /// Print the start-up phases (process start, window and GPU, fonts, deck, first frame).
    #[arg(long)]
    trace_startup: bool,
}

fn long_version() -> &'static str {
    Box::leak(rostra::build_info::long_version().into_boxed_str())
}

#[derive(Args, Debug, Clone, Default)]
struct SeparatorArgs {
    /// Horizontal slide separator (a JavaScript regex, as reveal.js's data-separator).
    #[arg(long, global = true, allow_hyphen_values = true)]
    separator: Option<String>,
    /// Vertical slide separator regex.
    #[arg(long, global = true, allow_hyphen_values = true)]
    vertical_separator: Option<String>,
    /// Speaker-notes separator regex.
    #[arg(long, global = true, allow_hyphen_values = true)]
    notes_separator: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Report problems in a deck, like a compiler (exit status 1 on errors).
    Check {
        /// The deck file.
        deck: PathBuf,
        /// Print the diagnostics as JSON (for editors).
        #[arg(long)]
        json: bool,
    },
    /// Write handouts with no window: a PDF with real text (a page per fragment step, as
    /// reveal.js prints) or PNG files.
    Export {
        /// The deck file.
        deck: PathBuf,
        /// Write one PDF here.
        #[arg(long, value_name = "FILE", required_unless_present = "png")]
        pdf: Option<PathBuf>,
        /// Write one PNG per page into this folder.
        #[arg(long, value_name = "DIR")]
        png: Option<PathBuf>,
        /// A page per fragment step (PDF: the default, as reveal.js prints; PNG: one file per
        /// step instead of per slide).
        #[arg(long, conflicts_with = "no_fragments")]
        fragments: bool,
        /// One page per slide, fully revealed (reveal.js's `pdfSeparateFragments: false`).
        #[arg(long)]
        no_fragments: bool,
        /// Print speaker notes: `inline` (the default: in a box at the bottom of the page),
        /// `separate-page` (a page of their own) or `none` (else the deck's `showNotes`).
        #[arg(long, value_name = "WHERE", num_args = 0..=1, default_missing_value = "inline")]
        notes: Option<String>,
        /// PDF pages as one image each (through the GPU) instead of text and shapes.
        #[arg(long)]
        raster: bool,
        /// Pixel size of PNG pages and raster PDF pages, WIDTHxHEIGHT (default: twice the
        /// deck's canvas); a PDF's pages otherwise take the deck's size.
        #[arg(long, value_name = "WxH")]
        size: Option<String>,
        /// Theme to use instead of the deck's.
        #[arg(long)]
        theme: Option<String>,
    },
    /// Step through every slide, fragment and transition in a real window and report time to
    /// first frame, CPU per frame, frames over budget, peak memory and image times.
    Bench {
        /// The deck file.
        deck: PathBuf,
        /// As JSON.
        #[arg(long)]
        json: bool,
        /// Page as fast as frames come, without waiting for transitions or images.
        #[arg(long)]
        fast: bool,
        /// Soak: pass after pass (forwards and back, the overview and console toggled, the
        /// deck reopened) for this many minutes, reporting memory and the worst frame per pass.
        #[arg(long, value_name = "MINUTES")]
        soak: Option<f64>,
        /// Another deck a soak opens in turn with the first (repeatable).
        #[arg(long, value_name = "FILE", requires = "soak")]
        soak_deck: Vec<PathBuf>,
        /// Full screen on the monitor (its size: e.g. 1920x1080), not a 1280x720 window.
        #[arg(long)]
        full_screen: bool,
    },
    /// Print the slide model.
    Dump {
        /// The deck file.
        deck: PathBuf,
        /// As JSON (the shape reveal-oracle and the conformance tool read).
        #[arg(long)]
        json: bool,
    },
}

fn deck_options(seps: &SeparatorArgs) -> deck::Options {
    deck::Options {
        separator: seps.separator.clone(),
        vertical_separator: seps.vertical_separator.clone(),
        notes_separator: seps.notes_separator.clone(),
    }
}

fn load(path: &Path, seps: &SeparatorArgs) -> anyhow::Result<deck::Deck> {
    // The deck error names the file and the OS's reason already; as a context it would be
    // printed twice (once in its message, once as its source).
    deck::load(path, &deck_options(seps)).map_err(|e| anyhow::anyhow!("cannot open the deck: {e}"))
}

fn run(cli: Cli, started: std::time::Instant) -> anyhow::Result<ExitCode> {
    if cli.trace_startup {
        startup::begin();
    }
    startup::mark("arguments read");
    let settings_offline = rostra::config::default_path()
        .map(|p| rostra::config::load(&p).0.offline)
        .unwrap_or(false);
    rostra::media::remote::set_offline(cli.offline || settings_offline);
    match cli.command {
        Some(Command::Check { deck, json }) => {
            let d = load(&deck, &cli.separators)?;
            let has_errors = if json {
                let (text, has_errors) = cli::check::check_json(&d, &deck);
                say(&text);
                has_errors
            } else {
                let report = cli::check::check(&d, &deck);
                for line in &report.lines {
                    say(line);
                }
                report.has_errors
            };
            Ok(if has_errors {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Export {
            deck,
            pdf,
            png,
            fragments,
            no_fragments,
            notes,
            raster,
            size,
            theme,
        }) => {
            let d = load(&deck, &cli.separators)?;
            let base = deck.parent().map(Path::to_path_buf).unwrap_or_default();
            let size = match size {
                Some(s) => parse_size(&s)?,
                None => [(d.meta.width * 2.0) as u32, (d.meta.height * 2.0) as u32],
            };
            let notes = match notes.as_deref() {
                None => None,
                Some("inline" | "true") => Some(deck::ShowNotes::Inline),
                Some("separate-page") => Some(deck::ShowNotes::SeparatePage),
                Some("none" | "false") => Some(deck::ShowNotes::Hidden),
                Some(other) => anyhow::bail!("--notes {other}: say inline, separate-page or none"),
            };
            let chosen = theme.clone().unwrap_or_else(|| d.meta.theme.clone());
            if let Some(w) = rostra::theme::Theme::name_warning(&chosen) {
                eprintln!("rostra: {w}");
            }
            let options = rostra::export::ExportOptions {
                size,
                fragments: (fragments || no_fragments).then_some(fragments),
                theme,
                notes,
                raster,
            };
            if let Some(out) = pdf {
                let n = rostra::export::export_pdf(&d, &base, &options, &out)?;
                say(&format!("{}: {n} page(s)", out.display()));
            }
            if let Some(dir) = png {
                let n = rostra::export::export_png(&d, &base, &options, &dir)?;
                say(&format!("{}: {n} image(s)", dir.display()));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Dump { deck, json }) => {
            let d = load(&deck, &cli.separators)?;
            if json {
                let v = cli::dump::deck_json(&d, &deck.display().to_string());
                say(&serde_json::to_string_pretty(&v)?);
            } else {
                say(cli::dump::deck_text(&d).trim_end_matches('\n'));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Bench {
            ref deck,
            json,
            fast,
            soak,
            ref soak_deck,
            full_screen,
        }) => {
            let sink: rostra::app::bench::BenchSink = Default::default();
            let soak = soak.map(|minutes| rostra::app::bench::Soak {
                secs: minutes.max(0.0) * 60.0,
                decks: std::iter::once(deck)
                    .chain(soak_deck)
                    .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.clone()))
                    .collect(),
            });
            present(
                &cli,
                Some(deck.clone()),
                Some((sink.clone(), fast, soak, full_screen)),
                started,
            )?;
            let report = sink
                .lock()
                .ok()
                .and_then(|r| r.clone())
                .ok_or_else(|| anyhow::anyhow!("the bench window closed before the end"))?;
            if json {
                say(&serde_json::to_string_pretty(&report)?);
            } else {
                say(&format!("rostra bench: {}", deck.display()));
                say(report.table().trim_end_matches('\n'));
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            present(&cli, cli.deck.clone(), None, started)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Opens the presentation (or, with `bench`, drives it and reports).
/// Opens the deck (or the tour behind the welcome screen) in a window until it is closed.
fn present(
    cli: &Cli,
    deck_path: Option<PathBuf>,
    bench: Option<(
        rostra::app::bench::BenchSink,
        bool,
        Option<rostra::app::bench::Soak>,
        bool,
    )>,
    started: std::time::Instant,
) -> anyhow::Result<()> {
    let (bench, bench_soak, bench_full_screen) = match bench {
        Some((sink, fast, soak, full)) => (Some((sink, fast)), soak, full),
        None => (None, None, false),
    };
    let deck_named = deck_path.is_some();
    let path = deck_path.unwrap_or_else(|| bundled_dir().join("tour/slides.md"));
    let d = load(&path, &cli.separators)?;
    startup::mark("deck read and parsed");
    for diag in &d.diagnostics {
        eprintln!("{}", diag.display(&path.display().to_string()));
    }
    // Absolute, so live reload and the recent list name the file the same way.
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let (config, config_problem) = match rostra::config::default_path() {
        Some(p) => rostra::config::load(&p),
        None => (rostra::config::Config::default(), None),
    };
    let requested = rostra::app::start::Requested {
        deck_named,
        deck_path: path,
        window: cli.window,
        theme: cli.theme.clone(),
        transition: cli.transition.clone(),
        stats: cli.stats,
        attendance: cli.attendance.clone(),
        total_time_minutes: cli.total_time,
        audience_screen: cli.audience_screen,
        from_start: cli.from_start,
        no_console: cli.no_console,
        deck_options: deck_options(&cli.separators),
        bench,
        bench_soak,
        bench_full_screen,
        remote: cli.remote.clone(),
    };
    let places = rostra::app::start::Places {
        recent_file: rostra::config::state_dir().map(|d| d.join("recent.json")),
        bundled_dir: Some(bundled_dir()),
    };
    let mut options = rostra::app::start::resolve(
        requested,
        &config,
        config_problem.into_iter().collect(),
        places,
    );
    options.process_start = Some(started);
    for p in &options.config_problems {
        log::warn!("{p}");
    }
    startup::mark("settings read");
    // A display server that goes away ends the talk with a line, not a backtrace.
    #[cfg(target_os = "linux")]
    rostra::app::display::lost::end_cleanly_on_loss();
    let ran = rostra::app::run(d, base, options);
    #[cfg(target_os = "linux")]
    if ran.is_err() {
        rostra::app::display::lost::exit_if_gone();
    }
    ran.map_err(anyhow::Error::msg)
}

/// The bundled decks: beside the sources when run from a checkout, else `decks/` in the
/// working folder (an installed copy).
fn bundled_dir() -> PathBuf {
    let in_tree = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/decks"));
    if in_tree.is_dir() {
        in_tree
    } else {
        PathBuf::from("decks")
    }
}

/// Reads `1920x1080`.
fn parse_size(text: &str) -> anyhow::Result<[u32; 2]> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| anyhow::anyhow!("--size wants WIDTHxHEIGHT, like 1920x1080"))?;
    let n = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (16..=8192).contains(v))
            .ok_or_else(|| anyhow::anyhow!("--size: {t} is not a size between 16 and 8192"))
    };
    Ok([n(w)?, n(h)?])
}

/// Writes `text` and a newline to stdout; a reader that went away (`rostra check | head`)
/// ends the command quietly, as Unix tools do, instead of a broken-pipe panic.
fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("rostra: cannot write the output: {e}");
        std::process::exit(1);
    }
}

fn main() -> ExitCode {
    rostra::allocator::tune();
    rostra::xcompose::offer();
    // RUST_LOG=info (or debug) shows what rostra does; warnings by default.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    match run(cli, started) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rostra: {e:#}");
            ExitCode::from(2)
        }
    }
}
