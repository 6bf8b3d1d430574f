//! Fuzzes image loading through the app's own path ([`rostra_fuzz::app::image`]).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rostra_fuzz::app::image(data, DIR.get_or_init(rostra_fuzz::app::scratch_dir))
});
