//! Fuzzes the deck parser: any bytes, decoded lossily as `load` does, with and without
//! command-line separators taken from the input, must parse without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rostra_deck::{self as deck, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = deck::parse(&text, &Options::default());
    // Let the first line choose a separator, so odd regexes are exercised too.
    if let Some((first, rest)) = text.split_once('\n') {
        let options = Options {
            separator: Some(first.chars().take(40).collect()),
            ..Options::default()
        };
        let _ = deck::parse(rest, &options);
    }
});
