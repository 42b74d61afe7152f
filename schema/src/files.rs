//! The shipped schema files, for build scripts and tools that generate their own code.
//!
//! Every constant is an absolute path into this crate's `tl/` folder (wherever cargo keeps the
//! crate: a checkout, a git dependency or the registry), so a `build.rs` can hand it to
//! `tlayer_codegen::Config::schema`. Depend on this crate with `default-features = false` to get
//! the files without generating any module:
//!
//! ```toml
//! [build-dependencies]
//! tlayer-schema = { path = "../tlayer/schema", default-features = false }
//! ```
//!
//! ```
//! let text = std::fs::read_to_string(tlayer_schema::files::LAYER230).unwrap();
//! assert!(text.contains("boolTrue#997275b5 = Bool;"));
//! assert!(tlayer_schema::files::ALL.iter().all(|(_, path)| std::path::Path::new(path).is_file()));
//! ```

/// Telegram API layer 1 (`tl/layer001.tl`).
pub const LAYER1: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tl/layer001.tl");
/// Telegram API layer 2 (`tl/layer002.tl`).
pub const LAYER2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tl/layer002.tl");
/// Telegram API layer 3 (`tl/layer003.tl`), the contact-link layer.
pub const LAYER3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tl/layer003.tl");
/// Telegram API layer 230 (`tl/layer230.tl`, the schema of grammers-tl-types 0.11.0).
pub const LAYER230: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tl/layer230.tl");
/// The MTProto service schema (`tl/mtproto.tl`: `resPQ`, `msg_container`, `rpc_result`, ...).
pub const MTPROTO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tl/mtproto.tl");

/// Every shipped file as (feature name, path), in the order of the features.
pub const ALL: &[(&str, &str)] =
    &[("layer1", LAYER1), ("layer2", LAYER2), ("layer3", LAYER3), ("layer230", LAYER230), ("mtproto", MTPROTO)];

/// The texts of the files, built into the binary that uses them.
pub mod text {
    /// The text of [`super::LAYER1`].
    pub const LAYER1: &str = include_str!("../tl/layer001.tl");
    /// The text of [`super::LAYER2`].
    pub const LAYER2: &str = include_str!("../tl/layer002.tl");
    /// The text of [`super::LAYER3`].
    pub const LAYER3: &str = include_str!("../tl/layer003.tl");
    /// The text of [`super::LAYER230`].
    pub const LAYER230: &str = include_str!("../tl/layer230.tl");
    /// The text of [`super::MTPROTO`].
    pub const MTPROTO: &str = include_str!("../tl/mtproto.tl");
}

#[cfg(test)]
mod tests {
    /// Each path names the file whose text `text` holds, and `ALL` lists each constant once.
    #[test]
    fn paths_and_texts_agree() {
        let texts = [
            super::text::LAYER1,
            super::text::LAYER2,
            super::text::LAYER3,
            super::text::LAYER230,
            super::text::MTPROTO,
        ];
        assert_eq!(super::ALL.len(), texts.len());
        for ((feature, path), text) in super::ALL.iter().zip(texts) {
            assert_eq!(std::fs::read_to_string(path).unwrap(), text, "{feature}: {path}");
        }
        let mut paths: Vec<&str> = super::ALL.iter().map(|(_, p)| *p).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), super::ALL.len());
    }
}
