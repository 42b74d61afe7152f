//! Telegram layer-3 types, generated at build time (see `build.rs`).

/// The generated code: `types`, `enums`, `functions`, `name_for_id`.
pub mod layer3 {
    include!(concat!(env!("OUT_DIR"), "/layer3.rs"));
}
