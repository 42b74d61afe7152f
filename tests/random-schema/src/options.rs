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
    /// Multi-layer output (`--layer 1=OLD.tl --layer 2=NEW.tl`, the older layer from
    /// [`crate::shrink::older_layer`]); compiled, not run.
    pub layers: bool,
}

impl OptionSet {
    /// The codegen options.
    pub fn options(self) -> Options {
        Options {
            side: self.side,
            serde_feature: self.serde.then(|| "serde".to_string()),
            format: self.format,
            ..Options::default()
        }
    }

    /// The same options as `tlayer generate` flags.
    pub fn flags(self) -> String {
        let side = match self.side {
            Side::Both => "both",
            Side::Client => "client",
            Side::Server => "server",
        };
        let mut s = if self.layers { "--layer 1=OLD.tl --layer 2=NEW.tl " } else { "" }.to_string();
        s.push_str(&format!("--side {side}"));
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
        let layers = if self.layers { "l" } else { "" };
        format!("{side}{}{}{layers}", if self.format { 'f' } else { 'n' }, if self.serde { 's' } else { 'p' })
    }

    /// The sets schema number `i` is compiled with: one with `--side both` (its values go
    /// through the codecs) and one with client or server, which together cycle through all 12;
    /// every third schema also as two layers, cycling through the sides.
    pub fn for_schema(i: usize) -> Vec<OptionSet> {
        let both = OptionSet { side: Side::Both, format: i % 2 == 0, serde: (i / 2) % 2 == 0, layers: false };
        let j = i / 4;
        let other = OptionSet {
            side: if i % 2 == 0 { Side::Client } else { Side::Server },
            format: j % 2 == 1,
            serde: (i / 2 + j) % 2 == 1,
            layers: false,
        };
        let mut sets = vec![both, other];
        if i % 3 == 0 {
            let k = i / 3;
            let side = [Side::Both, Side::Client, Side::Server][k % 3];
            sets.push(OptionSet { side, format: k % 2 == 0, serde: (k / 2) % 2 == 0, layers: true });
        }
        sets
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
        assert_eq!(seen.iter().filter(|t| !t.ends_with('l')).count(), 12, "{seen:?}");
    }

    #[test]
    fn every_third_schema_is_also_layered_on_every_side() {
        let layered: Vec<OptionSet> = (0..9).flat_map(OptionSet::for_schema).filter(|o| o.layers).collect();
        assert_eq!(layered.len(), 3);
        for side in [Side::Both, Side::Client, Side::Server] {
            assert!(layered.iter().any(|o| o.side == side), "{side:?}");
        }
    }
}
