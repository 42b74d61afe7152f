//! The code generated for corpus schemas and for the contract's schemas (`schemas/`, under every
//! generation option), compiled with warnings denied: what `check` accepts compiles.

#![deny(warnings, missing_docs)]

include!(concat!(env!("OUT_DIR"), "/all.rs"));
