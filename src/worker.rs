//! Background threads that outlive their own panics. A bug in the image decoder, the deck
//! watcher, the highlighter or any other helper thread must not end a talk: each piece of
//! work runs under [`guard`] (the thread then takes its next job) and each thread's whole
//! body under [`caught`], and what went wrong is logged and kept for the UI to show ([`take_faults`]).
//!
//! The default panic hook still prints the panic's message and place to stderr: the log is
//! where a bug report starts. Only the unwinding is stopped.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Faults not yet shown, oldest first (bounded: a thread panicking in a loop cannot fill
/// memory).
static FAULTS: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// How many faults wait at most; later ones are counted in the last line instead.
const MAX_FAULTS: usize = 8;

/// Thread names whose next guarded job panics on purpose ([`inject_panic`]).
static INJECTED: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// Whether [`INJECTED`] may be non-empty: the common case checks one atomic, not a lock.
static ANY_INJECTED: AtomicBool = AtomicBool::new(false);

/// Runs `work`, catching a panic in it: the panic's message as the error. The thread goes
/// on with its next job; the caller decides what the failed job reports.
pub fn guard<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch(|| {
        injected_here();
        work()
    })
}

/// [`guard`] without the test hook: a thread's outermost catch, which an injected panic
/// must pass by to reach the job inside.
fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| message(payload.as_ref()))
}

/// `work`, made to catch its own panic and [`report`] it under the running thread's name:
/// what a background thread runs (`Builder::spawn(caught(move || ...))`), so a bug outside
/// its guarded jobs still ends only that thread, and the banner says so.
pub fn caught(work: impl FnOnce() + Send + 'static) -> impl FnOnce() + Send + 'static {
    move || {
        if let Err(e) = catch(work) {
            let current = std::thread::current();
            report(current.name().unwrap_or("unnamed"), &e);
        }
    }
}

/// Lowers the calling thread's CPU priority below the UI's and the renderer's (Linux: its
/// nice value ten steps up, at most 19, for this thread alone), for work that only prepares
/// what comes later (highlighting ahead, decoding pictures): on a two-core laptop drawing
/// with a software renderer it would otherwise take a core from the frame being drawn. It
/// still gets every idle cycle. Relative, so a rostra started under `nice` keeps the gap.
#[allow(unsafe_code)]
pub fn yield_to_ui() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: gettid, getpriority and setpriority only read and set this thread's
    // scheduling value; on Linux PRIO_PROCESS with a thread id means that thread alone. A
    // refusal leaves the priority as it was, which is only slower.
    unsafe {
        let tid = libc::gettid() as libc::id_t;
        // -1 is also getpriority's error value; taken as the value, the step lands at 9.
        let now = libc::getpriority(libc::PRIO_PROCESS, tid);
        libc::setpriority(libc::PRIO_PROCESS, tid, (now + 10).min(19));
    }
}

/// Notes that the thread `thread` failed with `message`: logged now, shown by the UI when it
/// next looks ([`take_faults`]).
pub fn report(thread: &str, message: &str) {
    let line = format!(
        "{} stopped on an internal error: {message}",
        describe(thread)
    );
    log::error!("{line}");
    let mut faults = FAULTS.lock().unwrap_or_else(|p| p.into_inner());
    if faults.len() < MAX_FAULTS {
        faults.push(line);
    }
}

/// The faults reported since the last call, oldest first (the UI's banner shows them).
pub fn take_faults() -> Vec<String> {
    std::mem::take(&mut *FAULTS.lock().unwrap_or_else(|p| p.into_inner()))
}

/// For tests: the next job [`guard`] runs on the thread named `thread` panics, as a bug in
/// that job would, so a test can see the talk go on.
pub fn inject_panic(thread: &str) {
    INJECTED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(thread.to_string());
    ANY_INJECTED.store(true, Ordering::SeqCst);
}

fn injected_here() {
    if !ANY_INJECTED.load(Ordering::Relaxed) {
        return;
    }
    let Some(name) = std::thread::current().name().map(str::to_string) else {
        return;
    };
    let hit = {
        let mut list = INJECTED.lock().unwrap_or_else(|p| p.into_inner());
        let at = list.iter().position(|t| *t == name);
        if let Some(i) = at {
            list.remove(i);
        }
        at.is_some()
    };
    if hit {
        panic!("a panic injected into {name} by a test");
    }
}

/// What a thread does, for a speaker reading the banner.
fn describe(thread: &str) -> String {
    let what = match thread {
        "rostra-images" | "rostra-fetch-image" | "rostra-fetch" => "The image loader",
        "rostra-video" => "Video playback",
        "rostra-watch" => "Live reload",
        "rostra-highlight" => "Code highlighting",
        "rostra-pictures" => "The phone remote's pictures",
        "rostra-remote" => "The phone remote",
        "rostra-recent" => "Remembering the place",
        "rostra-open" | "rostra-dialog" => "Opening a deck",
        "rostra-randr" | "rostra-outputs" => "Watching the monitors",
        "rostra-gpu-load" => "Loading the GPU drivers early",
        _ => return format!("A background task ({thread})"),
    };
    what.to_string()
}

/// A panic's message: the text `panic!` was given, when it was text.
fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with no message".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nice value of the calling thread, from /proc (Linux).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn own_nice() -> i64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("stat");
        // Field 19, counted after the command name's closing ')'.
        let after = stat.rsplit_once(')').expect("comm").1;
        after
            .split_whitespace()
            .nth(16)
            .expect("nice")
            .parse()
            .expect("number")
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn a_thread_that_yields_to_the_ui_runs_below_it_and_only_that_thread() {
        let before = own_nice();
        let (yielded, other) = std::thread::spawn(|| {
            yield_to_ui();
            let yielded = own_nice();
            let other = std::thread::spawn(own_nice).join().expect("thread");
            (yielded, other)
        })
        .join()
        .expect("thread");
        // Ten steps below the caller, or the lowest there is.
        assert_eq!(yielded, (before + 10).min(19), "{before} -> {yielded}");
        // The caller's own thread is untouched; a thread it starts inherits its value.
        assert_eq!(own_nice(), before);
        assert_eq!(other, yielded);
    }

    #[test]
    fn a_panicking_job_is_an_error_and_the_thread_goes_on() {
        let handle = std::thread::Builder::new()
            .name("rostra-test-guard".into())
            .spawn(|| {
                let failed = guard(|| -> u32 { panic!("boom {}", 7) });
                let fine = guard(|| 3);
                (failed, fine)
            })
            .expect("thread");
        let (failed, fine) = handle.join().expect("the thread itself did not die");
        assert_eq!(failed, Err("boom 7".to_string()));
        assert_eq!(fine, Ok(3));
    }

    #[test]
    fn an_injected_panic_hits_the_named_threads_next_job_once() {
        inject_panic("rostra-test-inject");
        // Another thread's job is not hit.
        assert_eq!(guard(|| 1), Ok(1));
        let jobs = || {
            std::thread::Builder::new()
                .name("rostra-test-inject".into())
                .spawn(|| guard(|| 2))
                .expect("thread")
                .join()
                .expect("joins")
        };
        let first = jobs();
        assert!(first.is_err_and(|e| e.contains("injected")));
        assert_eq!(jobs(), Ok(2), "an injection is spent by one job");
    }

    #[test]
    fn a_spawned_threads_panic_is_reported() {
        let h = std::thread::Builder::new()
            .name("rostra-test-spawned".into())
            .spawn(caught(|| panic!("broken {}", "here")))
            .expect("thread");
        assert!(h.join().is_ok(), "the panic was caught inside the thread");
        let faults = take_faults();
        assert!(
            faults
                .iter()
                .any(|f| f.contains("rostra-test-spawned") && f.contains("broken here")),
            "{faults:?}"
        );
    }
}
