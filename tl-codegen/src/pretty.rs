//! prettyplease formatting (`Options::format`), behind the crate feature `format` so that a
//! build script's generator does not build syn and prettyplease. It reads the one-pass layout's
//! text (which reads back as the emitted tokens) as a syn file and prints that.

use crate::Error;

/// `header` followed by `text` (laid-out Rust) parsed by syn and printed by prettyplease.
#[cfg(feature = "format")]
pub fn unparse(text: &str, header: String) -> Result<String, Error> {
    let file = syn::parse_file(text).map_err(|e| Error::Syntax(e.to_string()))?;
    Ok(header + &prettyplease::unparse(&file))
}

/// Without the feature there is no formatter: the error says how to get one.
#[cfg(not(feature = "format"))]
pub fn unparse(_text: &str, _header: String) -> Result<String, Error> {
    Err(Error::Syntax(NO_FORMAT.to_string()))
}

/// The message of a `format: true` generation without the feature.
#[cfg(not(feature = "format"))]
pub const NO_FORMAT: &str = "`Options::format` is true, but tlayer-codegen was built without its `format` feature \
     (prettyplease): enable the feature, or set `format: false` for the one-pass layout";
