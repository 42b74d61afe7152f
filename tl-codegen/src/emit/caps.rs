//! Which traits beyond `Debug`, `Clone` and `PartialEq` each generated item can derive:
//! `Eq` and `Hash` unless a field holds a `double` (at any depth, through other items), `Copy`
//! when every field is `Copy` (no `String`, `Vec`, `Box` or non-`Copy` item). `emit::derives`
//! derives `Eq` and `Hash` only on `Copy` items unless `Options::hash_all`: a `Copy` item's
//! fields are `Copy` items too, so they have them as well.

use crate::model::{FieldKind, Item, Model, Ty, TyKind};

/// What an item can derive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Caps {
    /// `Eq` and `Hash`.
    pub eq_hash: bool,
    /// `Copy`.
    pub copy: bool,
}

impl Caps {
    const ALL: Caps = Caps { eq_hash: true, copy: true };

    fn and(self, other: Caps) -> Caps {
        Caps { eq_hash: self.eq_hash && other.eq_hash, copy: self.copy && other.copy }
    }
}

/// [`Caps`] of every constructor, boxed type and function of a model.
pub(crate) struct AllCaps {
    /// By index into `Model::types`.
    pub types: Vec<Caps>,
    /// By index into `Model::enums`.
    pub enums: Vec<Caps>,
    /// By index into `Model::functions`.
    pub functions: Vec<Caps>,
}

impl AllCaps {
    /// The greatest fixed point: start from "everything derives" and take away what a field
    /// forbids until nothing changes, so recursive types (which recurse through `Box` or `Vec`,
    /// never `Copy`) keep `Eq`/`Hash` when no `double` is reachable.
    pub fn of(model: &Model<'_>) -> AllCaps {
        let mut all = AllCaps {
            types: vec![Caps::ALL; model.types.len()],
            enums: vec![Caps::ALL; model.enums.len()],
            functions: vec![Caps::ALL; model.functions.len()],
        };
        loop {
            let mut changed = false;
            for i in 0..model.types.len() {
                let new = all.item(model, &model.types[i]);
                changed |= new != all.types[i];
                all.types[i] = new;
            }
            for e in 0..model.enums.len() {
                let new = model.enums[e].variants.iter().fold(Caps::ALL, |c, &v| {
                    let boxed = Caps { eq_hash: true, copy: !model.types[v].boxed };
                    c.and(all.types[v]).and(boxed)
                });
                changed |= new != all.enums[e];
                all.enums[e] = new;
            }
            if !changed {
                break;
            }
        }
        for i in 0..model.functions.len() {
            all.functions[i] = all.item(model, &model.functions[i]);
        }
        all
    }

    /// The caps the fields of `item` allow, given the current caps of other items.
    fn item(&self, model: &Model<'_>, item: &Item<'_>) -> Caps {
        item.fields.iter().fold(Caps::ALL, |c, f| c.and(self.field(model, &f.kind)))
    }

    /// The caps a field allows (a flag group: those of its members).
    pub fn field(&self, model: &Model<'_>, kind: &FieldKind) -> Caps {
        match kind {
            FieldKind::Value(t) | FieldKind::Optional { ty: t, .. } => self.ty(model, t),
            FieldKind::Group { members, .. } => members.iter().fold(Caps::ALL, |c, (_, _, t)| c.and(self.ty(model, t))),
            _ => Caps::ALL,
        }
    }

    fn ty(&self, model: &Model<'_>, ty: &Ty) -> Caps {
        match &ty.kind {
            TyKind::I32 | TyKind::I64 | TyKind::U32 | TyKind::Bool | TyKind::Array(_) => Caps::ALL,
            TyKind::F64 => Caps { eq_hash: false, copy: true },
            TyKind::String | TyKind::Bytes | TyKind::Raw => Caps { eq_hash: true, copy: false },
            TyKind::Vec(elem) => Caps { eq_hash: self.ty(model, elem).eq_hash, copy: false },
            TyKind::Enum(e) => self.enums[*e],
            TyKind::Struct(s) => {
                let c = self.types[*s];
                Caps { eq_hash: c.eq_hash, copy: c.copy && !model.types[*s].boxed }
            }
            // The derive bounds the parameter itself (`Q: Eq`).
            TyKind::Generic(_) => Caps::ALL,
        }
    }
}
