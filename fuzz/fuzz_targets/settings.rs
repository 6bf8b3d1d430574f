//! Fuzzes the settings file ([`rostra_fuzz::app::settings`]).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rostra_fuzz::app::settings(data));
