//! The options of one generation: which directions of function code, serde, formatting, the
//! schema's id rules, a subset, and binary strings.

use tlayer_parser::Dialect;

/// Which directions of function code to generate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    /// Functions encode (with `RemoteCall`) and decode, plus the server's function enum.
    #[default]
    Both,
    /// Functions only encode: no function decoding, no function enum. Types do both.
    Client,
    /// Functions only decode, plus the function enum; no `RemoteCall`. Types do both.
    Server,
}

/// Options of one generation.
#[derive(Clone, Debug)]
pub struct Options {
    /// Directions of function code.
    pub side: Side,
    /// Derive serde's traits behind `#[cfg_attr(feature = "NAME", ...)]`.
    pub serde_feature: Option<String>,
    /// Format with prettyplease, rustfmt-like; else a fast one-pass layout that reads as the
    /// same tokens: one statement or item per line, indented blocks, `///` docs (several times
    /// faster; what [`Config`], for build scripts, always does). Needs the crate feature
    /// `format`: without it, `true` makes generation fail with an error saying so. Default:
    /// `true` with the feature, `false` without.
    pub format: bool,
    /// The id rules of the schema; `None` detects them (see `tlayer_parser::ids::detect`).
    pub dialect: Option<Dialect>,
    /// Generate only what these names reach (functions, boxed types or constructors, by TL
    /// name): see [`crate::subset`]. Empty (the default): everything. A name the schema does
    /// not define is an error that lists it.
    pub only: Vec<String>,
    /// Which TL `string` fields are bytes (`Vec<u8>`): MTProto's binary fields by default.
    pub binary_strings: crate::binary::BinaryStrings,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            side: Side::Both,
            serde_feature: None,
            format: cfg!(feature = "format"),
            dialect: None,
            only: Vec::new(),
            binary_strings: Default::default(),
        }
    }
}

impl Options {
    /// How to parse the schema for these options.
    pub fn parse_options(&self) -> tlayer_parser::Options {
        tlayer_parser::Options { dialect: self.dialect }
    }
}
