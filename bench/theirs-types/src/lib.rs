//! grammers' generated layer-230 types (`grammers-tl-types` 0.11.0, default features).
pub use grammers_tl_types::*;
