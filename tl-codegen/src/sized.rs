//! Length-prefixed fields: MTProto's `message msg_id:long seqno:int bytes:int body:Object`.
//!
//! An `int` field named `bytes` directly followed by a field of type `Object` is that field's
//! length in bytes. It becomes [`FieldKind::Length`]: not stored in the struct, written from the
//! body's actual length (`tlayer::write_sized`) and checked on read (`tlayer::read_sized`: a
//! non-negative multiple of 4 that fits the input, and the body must use exactly that many
//! bytes). Without the bound an `Object` would take every byte left, so a container's messages
//! could not be told apart.

use crate::model::{FieldKind, Item, Model, TyKind};
use crate::tokens::{Tokens, quote};

/// Marks every `bytes:int` that measures the `Object` after it.
pub fn apply(model: &mut Model<'_>) {
    for item in model.types.iter_mut().chain(model.functions.iter_mut()) {
        for i in 0..item.fields.len().saturating_sub(1) {
            let is_len = item.fields[i].tl_name == "bytes"
                && matches!(&item.fields[i].kind, FieldKind::Value(t) if t.kind == TyKind::I32);
            let next_is_object = matches!(&item.fields[i + 1].kind, FieldKind::Value(t) if t.kind == TyKind::Raw);
            if is_len && next_is_object {
                item.fields[i].kind = FieldKind::Length { of: i + 1 };
            }
        }
    }
}

/// Whether field `i` of `item` is measured by a [`FieldKind::Length`] field.
pub fn is_measured(item: &Item<'_>, i: usize) -> bool {
    item.fields.iter().any(|f| matches!(f.kind, FieldKind::Length { of } if of == i))
}

/// The statement writing a measured field: its length, then `write` (a statement using `out`).
pub fn write(write: Tokens) -> Tokens {
    quote!(::tlayer::write_sized(out, |out| { #write; });)
}

/// The expression reading a measured field: its length, then `read` (an expression with `?`
/// reading from `r`) from exactly that many bytes.
pub fn read(read: Tokens) -> Tokens {
    quote!(::tlayer::read_sized(r, |r| { let v = #read; Ok(v) })?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn message_length_is_computed_and_not_stored() {
        let src = "message msg_id:long seqno:int bytes:int body:Object = Message;\n\
                   rpc_answer_dropped#a43ad8b7 msg_id:long seq_no:int bytes:int = RpcDropAnswer;\n";
        let code = crate::generate("m.tl", src, &Default::default()).unwrap();
        let message = &code[code.find("pub struct Message {").unwrap()..];
        let message = &message[..message.find('}').unwrap()];
        assert!(!message.contains("pub bytes"), "{message}");
        assert!(message.contains("pub body: ::tlayer::RawObject"), "{message}");
        assert!(code.contains("::tlayer::write_sized("), "{code}");
        assert!(code.contains("::tlayer::read_sized("), "{code}");
        // A `bytes:int` that measures nothing stays a field.
        let dropped = &code[code.find("pub struct RpcAnswerDropped {").unwrap()..];
        assert!(dropped[..dropped.find('}').unwrap()].contains("pub bytes: i32"));
    }
}
