//! The app's targets: the settings file, and image loading.

use rostra::app::start::{Places, Requested, resolve};
use rostra::scene::ImageSizes;
use std::path::{Path, PathBuf};

/// Any bytes read as `config.toml` are parsed (or reported), then merged with an empty
/// command line into start options (the `[keys]` table becomes the key map) and the talk
/// engine's options, as `rostra` does at start, without panicking.
pub fn settings(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (config, problem) = rostra::config::parse(text);
    let options = resolve(
        Requested::default(),
        &config,
        problem.into_iter().collect(),
        Places::default(),
    );
    let talk = rostra::show::Talk::new(&rostra::deck::Deck::default(), options.talk_options());
    let _ = talk.position();
}

/// The bytes, written into `dir` as an image file (the first byte picks the name, `.svg`
/// when odd, else `.png` and content sniffing, and the size asked for), are read with the
/// loader's own `decode_at` (size limits, scaling) and the header reader `check` uses.
pub fn image(data: &[u8], dir: &Path) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = if pick & 1 == 1 { "in.svg" } else { "in.png" };
    let path = dir.join(name);
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let side = if pick & 2 == 2 {
        64
    } else {
        rostra::media::MAX_SIDE
    };
    if let Ok((img, natural)) = rostra::media::decode_at(&path, side) {
        assert!(
            img.size[0] > 0 && img.size[1] > 0,
            "an empty image was accepted"
        );
        assert!(
            img.size[0].max(img.size[1]) <= rostra::media::MAX_SIDE as usize,
            "{:?} is over the texture limit (natural {natural:?})",
            img.size
        );
    }
    let _ = rostra::media::FileImageSizes::new(dir.to_path_buf()).state(name);
}

/// A folder for [`image`]'s file: in memory-backed storage where there is one, one per
/// process.
pub fn scratch_dir() -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    let root = if shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    };
    let d = root.join(format!("rostra-fuzz-image-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&d);
    d
}
