//! tlayer's generated layer-230 types (`tlayer-schema`, feature `layer230` only).
pub use tlayer_schema::layer230;
