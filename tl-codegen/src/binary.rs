//! Which TL `string` fields become `Vec<u8>`: the binary-strings policy.
//!
//! TL `string` and `bytes` are the same on the wire, and Telegram's MTProto schema, as published,
//! declares binary data as `string`: big-endian numbers (`pq`, `p`, `q`, `dh_prime`, `g_a`,
//! `g_b`, RSA `n` and `e`), ciphertexts (`encrypted_data`, `encrypted_answer`) and per-message
//! status bytes (`info`). As Rust `String` they would fail to decode (not UTF-8). The policy:
//!
//! - by default the fields of [`MTPROTO_BINARY_FIELDS`] are bytes, whatever schema they appear
//!   in (they are matched by constructor or function name and field name, names no API layer
//!   uses), and every other `string` stays `String`, so an API layer's text is still text;
//! - [`BinaryStrings::fields`] adds fields (`name.field`, or `*.field` for every definition);
//! - [`BinaryStrings::all`] makes every `string` of the schema bytes;
//! - [`BinaryStrings::mtproto`] `false` turns the default list off (the schema as written).
//!
//! The policy runs on the resolved model, before any code is emitted: a matched field's type
//! becomes `bytes` (also inside `Vector`, optional and grouped fields), and its documentation
//! says so. See `docs/mtproto.md` for how tdlib, gotd and grammers handle the same fields.

use crate::model::{FieldKind, Item, Model, Ty, TyKind};

/// MTProto's binary `string` fields, as `constructor_or_function.field`.
pub const MTPROTO_BINARY_FIELDS: &[&str] = &[
    "resPQ.pq",
    "p_q_inner_data.pq",
    "p_q_inner_data.p",
    "p_q_inner_data.q",
    "p_q_inner_data_dc.pq",
    "p_q_inner_data_dc.p",
    "p_q_inner_data_dc.q",
    "p_q_inner_data_temp.pq",
    "p_q_inner_data_temp.p",
    "p_q_inner_data_temp.q",
    "p_q_inner_data_temp_dc.pq",
    "p_q_inner_data_temp_dc.p",
    "p_q_inner_data_temp_dc.q",
    "server_DH_params_ok.encrypted_answer",
    "server_DH_inner_data.dh_prime",
    "server_DH_inner_data.g_a",
    "client_DH_inner_data.g_b",
    "req_DH_params.p",
    "req_DH_params.q",
    "req_DH_params.encrypted_data",
    "set_client_DH_params.encrypted_data",
    "rsa_public_key.n",
    "rsa_public_key.e",
    "msgs_state_info.info",
    "msgs_all_info.info",
];

/// The binary-strings policy of one generation (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BinaryStrings {
    /// The fields of [`MTPROTO_BINARY_FIELDS`] are bytes (default `true`).
    pub mtproto: bool,
    /// Every `string` is bytes (default `false`).
    pub all: bool,
    /// More fields that are bytes: `name.field` (TL names, `resPQ.pq`) or `*.field`.
    pub fields: Vec<String>,
}

impl Default for BinaryStrings {
    fn default() -> Self {
        BinaryStrings { mtproto: true, all: false, fields: Vec::new() }
    }
}

impl BinaryStrings {
    /// Whether field `field` of definition `def` (TL names) is binary.
    pub fn is_binary(&self, def: &str, field: &str) -> bool {
        let matches = |spec: &str| spec.split_once('.').is_some_and(|(d, f)| (d == "*" || d == def) && f == field);
        self.all
            || (self.mtproto && MTPROTO_BINARY_FIELDS.iter().any(|s| matches(s)))
            || self.fields.iter().any(|s| matches(s))
    }
}

/// Applies `policy` to every constructor and function of `model`.
pub fn apply(model: &mut Model<'_>, policy: &BinaryStrings) {
    for item in model.types.iter_mut().chain(model.functions.iter_mut()) {
        apply_item(item, policy);
    }
}

fn apply_item(item: &mut Item<'_>, policy: &BinaryStrings) {
    let def = item.def.name.text;
    for f in &mut item.fields {
        let changed = match &mut f.kind {
            FieldKind::Value(ty) | FieldKind::Optional { ty, .. } => {
                holds_string(ty) && policy.is_binary(def, &f.tl_name) && to_bytes(ty)
            }
            FieldKind::Group { members, .. } => {
                let mut any = false;
                for (_, tl, ty) in members.iter_mut() {
                    any |= holds_string(ty) && policy.is_binary(def, tl) && to_bytes(ty);
                }
                any
            }
            _ => false,
        };
        if changed && f.doc.is_none() {
            f.doc =
                Some(format!("`{}`: binary data, so bytes (`Vec<u8>`) although the schema says `string`.", f.tl_name));
        }
    }
}

/// Whether `ty` is `string` or a vector of them: only such a field can become bytes, so the
/// policy's name matching (the costlier test) runs for these alone.
fn holds_string(ty: &Ty) -> bool {
    match &ty.kind {
        TyKind::String => true,
        TyKind::Vec(elem) => holds_string(elem),
        _ => false,
    }
}

/// Turns `string` (also inside vectors) into `bytes`; whether anything changed.
fn to_bytes(ty: &mut Ty) -> bool {
    match &mut ty.kind {
        TyKind::String => {
            ty.kind = TyKind::Bytes;
            true
        }
        TyKind::Vec(elem) => to_bytes(elem),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        let p = BinaryStrings::default();
        assert!(p.is_binary("resPQ", "pq"));
        assert!(p.is_binary("req_DH_params", "encrypted_data"));
        assert!(!p.is_binary("rpc_error", "error_message"));
        assert!(!p.is_binary("message", "message"));
        let off = BinaryStrings { mtproto: false, ..Default::default() };
        assert!(!off.is_binary("resPQ", "pq"));
        let extra = BinaryStrings { fields: vec!["*.blob".into(), "user.photo".into()], ..Default::default() };
        assert!(extra.is_binary("anything", "blob"));
        assert!(extra.is_binary("user", "photo"));
        assert!(!extra.is_binary("chat", "photo"));
        assert!(BinaryStrings { all: true, ..Default::default() }.is_binary("x", "y"));
    }

    #[test]
    fn official_schema_fields_become_bytes_and_text_stays() {
        let src = "resPQ#05162463 nonce:int128 server_nonce:int128 pq:string server_public_key_fingerprints:Vector<long> = ResPQ;\n\
                   rpc_error#2144ca19 error_code:int error_message:string = RpcError;\n\
                   msgs_all_info#8cc0d131 msg_ids:Vector<long> info:string = MsgsAllInfo;\n";
        let code = crate::generate("m.tl", src, &Default::default()).unwrap();
        assert!(code.contains("pub pq: Vec<u8>"), "{code}");
        assert!(code.contains("pub info: Vec<u8>"), "{code}");
        assert!(code.contains("pub error_message: String"), "{code}");
        let as_written = crate::Options {
            binary_strings: BinaryStrings { mtproto: false, ..Default::default() },
            ..Default::default()
        };
        let code = crate::generate("m.tl", src, &as_written).unwrap();
        assert!(code.contains("pub pq: String"), "{code}");
    }
}
