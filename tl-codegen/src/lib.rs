//! Generates Rust types with TL serializers from TL schemas.
//!
//! A schema goes in; out comes one Rust file with a struct per constructor (`types`), an enum
//! per boxed type (`enums`), a struct per function implementing `tlayer::RemoteCall`
//! (`functions`), and a `functions::Function` enum that decodes any request (for servers).
//! The generated code depends only on the `tlayer` runtime crate.
//!
//! Use [`Config`] from `build.rs`, or [`generate`] directly. Data flows one way: loaded schema
//! -> [`model::Model`] (names from [`ident`], resolved types, flag groups, boxing, layers) ->
//! `emit` (tokens of this crate's own small engine, `tokens`, from the model alone) -> text. This file only declares the modules and
//! re-exports; the pipeline is in `generate.rs`, the options in `options.rs`, the build-script
//! builder in `config.rs`, the error type in `error.rs`.

#![deny(missing_docs)]

pub mod binary;
mod config;
mod emit;
mod error;
mod generate;
pub mod ident;
mod layout;
pub mod model;
mod options;
mod pretty;
mod sized;
pub mod subset;
#[cfg(test)]
mod test_corpus;
mod tokens;

pub use config::{Compiled, Config, compile};
pub use error::Error;
pub use generate::{LayerSource, generate, generate_files, generate_layered, generate_layers, generate_loaded};
pub use options::{Options, Side, TELEGRAM_DOCS};
#[cfg(test)]
pub(crate) use test_corpus::corpus_files;
pub use tlayer_parser::{Dialect, Loaded, Sources};
