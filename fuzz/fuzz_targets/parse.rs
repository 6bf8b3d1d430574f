//! Fuzzes the deck parser ([`rostra_fuzz::deck::parse`]).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rostra_fuzz::deck::parse(data));
