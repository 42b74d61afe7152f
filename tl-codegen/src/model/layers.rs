//! Multi-layer merging: several layers' schemas become one model in which every version (name,
//! id) of every definition exists with its layer range, and each version knows the older ones it
//! can be written as.

use super::{Field, FieldKind, Model, ResolveError};
use crate::ident;
use std::collections::HashMap;
use tlayer_parser::{Definition, Schema, Section};

impl<'a> Model<'a> {
    /// Resolves several layers' schemas (each error-free) into one model in which every version
    /// (name, id) of every definition exists, with its layer range.
    pub fn layered(inputs: &[(u32, &'a Schema<'a>)]) -> Result<Self, ResolveError> {
        let mut inputs = inputs.to_vec();
        inputs.sort_by_key(|(layer, _)| *layer);
        let Some(&(_, newest)) = inputs.last() else {
            return Err(ResolveError { def: "(no schema)".into(), ty: String::new() });
        };
        // (section, name, id) -> (definition from the newest layer having it, since, until)
        let mut seen: HashMap<(Section, &str, u32), (usize, u32, u32)> = HashMap::new();
        let mut order: Vec<(&'a Definition<'a>, u32, u32)> = Vec::new();
        for &(layer, schema) in &inputs {
            for def in &schema.definitions {
                let key = (def.section, def.name.text, def.wire_id());
                match seen.get(&key) {
                    Some(&(i, since, _)) => {
                        order[i] = (def, since, layer);
                        seen.insert(key, (i, since, layer));
                    }
                    None => {
                        seen.insert(key, (order.len(), layer, layer));
                        order.push((def, layer, layer));
                    }
                }
            }
        }
        // The newest version of a name keeps the plain name.
        let mut newest_until: HashMap<(Section, &str), u32> = HashMap::new();
        for (def, _, until) in &order {
            let e = newest_until.entry((def.section, def.name.text)).or_insert(0);
            *e = (*e).max(*until);
        }
        // The newest schema's order first, then versions it no longer has, oldest first.
        let rank = |d: &Definition<'_>| {
            newest
                .definitions
                .iter()
                .position(|n| n.section == d.section && n.name.text == d.name.text && n.wire_id() == d.wire_id())
        };
        let mut indexed: Vec<(usize, (&'a Definition<'a>, u32, u32))> = order.into_iter().enumerate().collect();
        indexed.sort_by_key(|(i, (d, _, _))| rank(d).map_or((1, *i), |r| (0, r)));
        let versions = indexed
            .into_iter()
            .map(|(_, (def, since, until))| Version {
                def,
                range: Some((since, until)),
                older: newest_until[&(def.section, def.name.text)] != until,
            })
            .collect();
        let layers = inputs.iter().map(|(l, _)| *l).collect();
        Self::build(newest, versions, Some(layers))
    }

    /// For each version, the older versions of its type whose fields it has too (same Rust name
    /// and shape), newest first: what it can be written as for a layer that lacks it. "Older"
    /// means introduced in an earlier layer; a candidate is an older version of the same name, or
    /// a constructor whose name this one extends (`messages.sentMessage` for
    /// `messages.sentMessageLink`) and which has fields.
    pub(super) fn find_downgrades(&mut self) {
        for e in 0..self.enums.len() {
            let variants = self.enums[e].variants.clone();
            for &v in &variants {
                let Some((since, _)) = self.types[v].range else { continue };
                let mut candidates: Vec<usize> = variants
                    .iter()
                    .copied()
                    .filter(|&w| w != v)
                    .filter(|&w| self.types[w].range.is_some_and(|(s, _)| s < since))
                    // Same fields are not enough: `updateUserPhoto` has those of `updateUserTyping`
                    // and means something else. Only an older version of the same name, or a
                    // constructor this one extends by name (`sentMessage` of `sentMessageLink`),
                    // and never one without fields (writing `...Empty` would drop the value).
                    .filter(|&w| {
                        let (old, new) = (self.types[w].def.name.text, self.types[v].def.name.text);
                        old == new
                            || (new.starts_with(old)
                                && self.types[w].fields.iter().any(|f| field_signature(f).is_some()))
                    })
                    .filter(|&w| {
                        let own: Vec<String> = self.types[v].fields.iter().filter_map(field_signature).collect();
                        self.types[w].fields.iter().filter_map(field_signature).all(|f| own.contains(&f))
                    })
                    .collect();
                candidates.sort_by_key(|&w| std::cmp::Reverse(self.types[w].range.map(|(_, u)| u)));
                self.types[v].downgrades = candidates;
            }
        }
    }
}

/// One version (name, id) of a definition, and the layers it lives in.
pub(super) struct Version<'a> {
    pub(super) def: &'a Definition<'a>,
    pub(super) range: Option<(u32, u32)>,
    /// Not the newest version of its name: named with a `LayerN` suffix (N = its last layer).
    pub(super) older: bool,
}

impl Version<'_> {
    /// The last layer of an older version, which its names carry; `None` for the newest one.
    pub(super) fn older_until(&self) -> Option<u32> {
        match (self.older, self.range) {
            (true, Some((_, until))) => Some(until),
            _ => None,
        }
    }

    /// A struct's name for this version: [`ident::camel`], with `LayerN` if it is an older one.
    pub(super) fn rust_name(&self, short: &str) -> ident::Name {
        ident::versioned(ident::camel(short), self.older_until())
    }
}

/// What a stored field is, for comparing versions: Rust name, shape and TL type.
fn field_signature(f: &Field) -> Option<String> {
    let kind = match &f.kind {
        FieldKind::Flags | FieldKind::Shared { .. } | FieldKind::Length { .. } => return None,
        FieldKind::Value(t) => format!("value {t:?}"),
        FieldKind::Optional { ty, .. } => format!("optional {ty:?}"),
        FieldKind::Bit { .. } => "bit".to_string(),
        FieldKind::Group { members, .. } => format!("group {members:?}"),
    };
    Some(format!("{} {kind}", f.name))
}
