//! Flag groups: fields that share one flag bit become one unit.

use super::{Field, FieldKind, Kind, Path};
use crate::ident::{self, Name};

/// Fields that share one flag bit become one unit (see [`FieldKind::Group`]).
///
/// - `true` fields on a bit that also carries values are implied by the value's presence: they
///   become `Shared` (not stored).
/// - One value field left: it stays `Optional`; several: they become one `Group`.
/// - Only `true` fields: the first stays a `Bit`, the others are `Shared`.
pub(super) fn group_shared_bits(
    fields: &mut [Field],
    owner: &Path,
    name_in: &mut impl FnMut(Kind, &Vec<Name>, Name) -> Name,
) {
    let mut seen: Vec<(usize, u32)> = Vec::new();
    for i in 0..fields.len() {
        let Some(key) = flag_key(&fields[i].kind) else { continue };
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let on_bit: Vec<usize> = (i..fields.len()).filter(|&j| flag_key(&fields[j].kind) == Some(key)).collect();
        if on_bit.len() < 2 {
            continue;
        }
        let values: Vec<usize> =
            on_bit.iter().copied().filter(|&j| matches!(fields[j].kind, FieldKind::Optional { .. })).collect();
        let owner_index = match values.as_slice() {
            [] => on_bit[0],
            [one] => *one,
            [first, ..] => {
                let members = values
                    .iter()
                    .map(|&j| match &fields[j].kind {
                        FieldKind::Optional { ty, .. } => {
                            (fields[j].name.clone(), fields[j].tl_name.clone(), ty.clone())
                        }
                        _ => unreachable!("filtered to optionals"),
                    })
                    .collect();
                let wanted = ident::flag_group(&owner.name, &fields[*first].tl_name);
                let mut modules = owner.modules.clone();
                modules.push(ident::flag_group_module());
                let name = name_in(owner.kind, &modules, wanted);
                let path = Path { kind: owner.kind, modules, name };
                fields[*first].kind = FieldKind::Group { flags: key.0, bit: key.1, path, members };
                *first
            }
        };
        for &j in &on_bit {
            if j != owner_index {
                fields[j].kind = FieldKind::Shared { owner: owner_index };
            }
        }
    }
}

fn flag_key(kind: &FieldKind) -> Option<(usize, u32)> {
    match *kind {
        FieldKind::Optional { flags, bit, .. } | FieldKind::Bit { flags, bit } => Some((flags, bit)),
        _ => None,
    }
}
