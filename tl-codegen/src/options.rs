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
    /// `X::new(required fields)` and a chaining setter per flag field, for every struct with
    /// flag fields (see `emit/builders.rs`). Default `false`: they add about 13% to a
    /// `cargo check` of layer 230 (`BENCHMARKS.md`), so a crate asks for them.
    pub builders: bool,
    /// `Eq` and `Hash` on every item that can derive them. Default `false`: only on `Copy`
    /// items (ids, peers and other small values, the usual map keys), since deriving them
    /// everywhere adds about 12% to a `cargo check` of layer 230 (`BENCHMARKS.md`).
    pub hash_all: bool,
    /// A link on every item's docs to its page under this site: `BASE/constructor/NAME`,
    /// `BASE/method/NAME`, `BASE/type/NAME` (Telegram's scheme, [`TELEGRAM_DOCS`]). Default
    /// `None`: a schema does not say whether Telegram documents it.
    pub doc_links: Option<String>,
}

/// Telegram's documentation site, for [`Options::doc_links`]: its pages are
/// `https://core.telegram.org/constructor/NAME`, `/method/NAME` and `/type/NAME`.
pub const TELEGRAM_DOCS: &str = "https://core.telegram.org";

impl Default for Options {
    fn default() -> Self {
        Options {
            side: Side::Both,
            serde_feature: None,
            format: cfg!(feature = "format"),
            dialect: None,
            only: Vec::new(),
            binary_strings: Default::default(),
            builders: false,
            hash_all: false,
            doc_links: None,
        }
    }
}

impl Options {
    /// How to parse the schema for these options.
    pub fn parse_options(&self) -> tlayer_parser::Options {
        tlayer_parser::Options { dialect: self.dialect }
    }
}
