//! Boxing: which enum variants are stored behind a `Box`, so recursive types are finite and enums
//! stay small.

use super::{FieldKind, Model, Ty, TyKind};

/// An enum variant whose struct is estimated above this many bytes is boxed, so enums stay small.
pub const BOX_THRESHOLD: usize = 64;
/// Decides which enum variants are boxed: those on a recursion cycle and those larger than
/// [`BOX_THRESHOLD`]; and estimates sizes.
pub(super) struct Boxing<'m, 'a> {
    model: &'m Model<'a>,
    state: Vec<State>,
    stack: Vec<usize>,
    boxed: Vec<bool>,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    New,
    Visiting,
    Done(usize),
}

impl Boxing<'_, '_> {
    pub(super) fn run(model: &mut Model<'_>) {
        let n = model.types.len();
        let mut b = Boxing { model, state: vec![State::New; n], stack: Vec::new(), boxed: vec![false; n] };
        for i in 0..n {
            b.struct_size(i);
        }
        let boxed = b.boxed;
        for (item, boxed) in model.types.iter_mut().zip(boxed) {
            item.boxed = boxed;
        }
    }

    /// Estimated size of struct `i`; marks the variants that close a cycle.
    fn struct_size(&mut self, i: usize) -> usize {
        match self.state[i] {
            State::Done(s) => return s,
            State::Visiting => {
                // A cycle: box the variant edge that leads into the cycle from the stack.
                let from = self.stack.iter().rposition(|&s| s == i).unwrap_or(0);
                let on_cycle: Vec<usize> = self.stack[from..].to_vec();
                for s in on_cycle {
                    self.boxed[s] = true;
                }
                return 8;
            }
            State::New => {}
        }
        self.state[i] = State::Visiting;
        self.stack.push(i);
        let model = self.model;
        let mut size = 0;
        for f in &model.types[i].fields {
            size += match &f.kind {
                FieldKind::Value(t) => self.ty_size(t),
                FieldKind::Optional { ty, .. } => 8 + self.ty_size(ty),
                FieldKind::Group { members, .. } => 8 + members.iter().map(|(_, _, t)| self.ty_size(t)).sum::<usize>(),
                FieldKind::Bit { .. } => 1,
                FieldKind::Flags | FieldKind::Shared { .. } | FieldKind::Length { .. } => 0,
            };
        }
        self.stack.pop();
        if size > BOX_THRESHOLD {
            self.boxed[i] = true;
        }
        self.state[i] = State::Done(size);
        size
    }

    fn ty_size(&mut self, t: &Ty) -> usize {
        match &t.kind {
            TyKind::I32 | TyKind::U32 => 4,
            TyKind::I64 | TyKind::F64 => 8,
            TyKind::Bool => 1,
            TyKind::Array(n) => *n as usize,
            TyKind::String | TyKind::Bytes | TyKind::Raw | TyKind::Vec(_) => 24,
            TyKind::Generic(_) => 8,
            TyKind::Struct(s) => self.struct_size(*s),
            TyKind::Enum(e) => {
                let model = self.model;
                let mut max = 0;
                for &v in &model.enums[*e].variants {
                    let s = self.struct_size(v);
                    max = max.max(if self.boxed[v] { 8 } else { s });
                }
                max + 8
            }
        }
    }
}
