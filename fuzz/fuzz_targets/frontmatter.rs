//! Fuzzes the YAML front matter ([`rostra_fuzz::deck::front_matter`]).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rostra_fuzz::deck::front_matter(data));
