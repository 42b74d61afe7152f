//! The generation option sets a schema is compiled with.

use tlayer_codegen::{Options, Side};

/// One combination of `--side`, `--no-format` and `--serde-feature`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionSet {
    /// `--side`.
    pub side: Side,
    /// Formatted with prettyplease (`false`: `--no-format`).
    pub format: bool,
    /// `--serde-feature serde`.
    pub serde: bool,
}

impl OptionSet {
    /// The codegen options.
    pub fn options(self) -> Options {
        Options { side: self.side, serde_feature: self.serde.then(|| "serde".to_string()), format: self.format }
    }

    /// The same options as `tlayer generate` flags.
    pub fn flags(self) -> String {
        let side = match self.side {
            Side::Both => "both",
            Side::Client => "client",
            Side::Server => "server",
        };
        let mut s = format!("--side {side}");
        if !self.format {
            s.push_str(" --no-format");
        }
        if self.serde {
            s.push_str(" --serde-feature serde");
        }
        s
    }

    /// A short tag for module names.
    pub fn tag(self) -> String {
        let side = match self.side {
            Side::Both => 'b',
            Side::Client => 'c',
            Side::Server => 's',
        };
        format!("{side}{}{}", if self.format { 'f' } else { 'n' }, if self.serde { 's' } else { 'p' })
    }

    /// The two sets schema number `i` is compiled with: one with `--side both` (its values go
    /// through the codecs) and one with client or server; together they cycle through all 12.
    pub fn for_schema(i: usize) -> [OptionSet; 2] {
        let both = OptionSet { side: Side::Both, format: i % 2 == 0, serde: (i / 2) % 2 == 0 };
        let j = i / 4;
        let other = OptionSet {
            side: if i % 2 == 0 { Side::Client } else { Side::Server },
            format: j % 2 == 1,
            serde: (i / 2 + j) % 2 == 1,
        };
        [both, other]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_schemas_cover_all_twelve_option_sets() {
        let mut seen: Vec<String> = (0..12).flat_map(OptionSet::for_schema).map(|o| o.tag()).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 12, "{seen:?}");
    }
}
