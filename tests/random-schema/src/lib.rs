//! A random-schema differential test for tlayer: random valid TL schemas (names that collide
//! with Rust, flags and shared bits, nested and bare vectors, generics, namespaces) go through
//! `check` → `generate` (every option set) → rustc with warnings denied, and random values go
//! through the generated codecs and through `tlayer decode`/`encode`; everything must agree with
//! the reference bytes this crate writes from its own reading of the schema.
//!
//! The test is `tests/differential.rs`; what a run found is in `docs/random-schema.md`.

#![deny(missing_docs)]

pub mod classify;
pub mod cli;
pub mod generate;
pub mod harness;
pub mod options;
pub mod rng;
pub mod schema;
pub mod scratch;
pub mod shapes;
pub mod shrink;
pub mod values;
