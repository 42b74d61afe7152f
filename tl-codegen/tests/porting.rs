//! The porting table of `docs/porting-from-grammers.md`: every layer-230 name that
//! grammers-tl-types 0.11.0 spells differently from tlayer, computed here from both naming
//! rules. The grammers side follows grammers-tl-gen 0.11.0's `rustifier.rs` (facts read from
//! it: type names, enum variants, field names); the tlayer side is the generator's own model.
//! The table must match the document; refresh it with `TLAYER_BLESS=1`.

use std::fmt::Write as _;
use std::path::Path;
use tlayer_codegen::model::{FieldKind, Item, Kind, Model};

/// grammers' type name: the part after the last `.`; `_` starts a new word and is dropped; a
/// word's first letter is upper case; a letter after an upper-case one is lower case; other
/// letters are kept (`ns.some_OK_name` -> `SomeOkName`).
fn grammers_type_name(name: &str) -> String {
    #[derive(Clone, Copy)]
    enum Casing {
        Upper,
        Lower,
        Keep,
    }
    let name = name.rsplit('.').next().unwrap_or(name);
    let mut out = String::new();
    let mut casing = Casing::Upper;
    for c in name.chars() {
        if c == '_' {
            casing = Casing::Upper;
            continue;
        }
        casing = match casing {
            Casing::Upper => {
                out.push(c.to_ascii_uppercase());
                Casing::Lower
            }
            Casing::Lower | Casing::Keep => {
                out.push(if matches!(casing, Casing::Lower) { c.to_ascii_lowercase() } else { c });
                if c.is_ascii_uppercase() { Casing::Lower } else { Casing::Keep }
            }
        };
    }
    out
}

/// grammers' enum variant: the constructor's type name without the boxed type's name when it
/// starts with it; a rest of `Self` takes the name from its second-to-last upper-case letter, an
/// empty or all-digit rest from its last one.
fn grammers_variant(ctor: &str, ty: &str) -> String {
    let name = grammers_type_name(ctor);
    let ty_name = grammers_type_name(ty);
    let variant = name.strip_prefix(ty_name.as_str()).unwrap_or(&name);
    let upper_before = |end: usize| name.as_bytes()[..end].iter().rposition(u8::is_ascii_uppercase).unwrap_or(0);
    if variant == "Self" {
        name[upper_before(name.len() - variant.len())..].to_string()
    } else if variant.chars().all(|c| c.is_numeric()) {
        name[upper_before(name.len())..].to_string()
    } else {
        variant.to_string()
    }
}

/// grammers' field name: `final`, `loop`, `static`, `type` raw; `self` is `is_self`; else the TL
/// name in lower case.
fn grammers_field(name: &str) -> String {
    match name {
        "final" | "loop" | "static" | "type" => format!("r#{name}"),
        "self" => "is_self".into(),
        _ => name.to_ascii_lowercase(),
    }
}

/// `ns::Name` from a TL name's namespace and a last part.
fn grammers_path(tl: &str, last: &str) -> String {
    let mut parts: Vec<&str> = tl.split('.').collect();
    parts.pop();
    parts.iter().map(|p| format!("{p}::")).collect::<String>() + last
}

fn tlayer_path(path: &tlayer_codegen::model::Path) -> String {
    path.modules.iter().map(|m| format!("{m}::")).collect::<String>() + &path.name.to_string()
}

/// tlayer's name for each TL field of `item` (a Markdown cell), by TL name.
fn tlayer_fields(item: &Item<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in &item.fields {
        match &f.kind {
            FieldKind::Flags => {}
            FieldKind::Value(_) | FieldKind::Optional { .. } | FieldKind::Bit { .. } => {
                out.push((f.tl_name.clone(), format!("`{}`", f.name)))
            }
            FieldKind::Group { members, .. } => {
                for (m, tl, _) in members {
                    out.push((tl.clone(), format!("`{}.{m}` (one `Option` for the fields of one flag bit)", f.name)));
                }
            }
            FieldKind::Shared { owner } => {
                let owner = &item.fields[*owner];
                let in_group = matches!(&owner.kind, FieldKind::Group { members, .. } if members.iter().any(|(_, tl, _)| *tl == f.tl_name));
                if !in_group {
                    out.push((f.tl_name.clone(), format!("`{}()` (a getter: set with `{}`)", f.name, owner.name)));
                }
            }
            FieldKind::Length { of } => {
                out.push((f.tl_name.clone(), format!("(computed from `{}`)", item.fields[*of].name)))
            }
        }
    }
    out
}

/// The table: one row per name that differs, in schema order within each section.
fn table() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/tl/layer230.tl");
    let text = std::fs::read_to_string(path).unwrap();
    let parsed = tlayer_parser::parse(&text, &Default::default());
    let model = Model::new(&parsed.schema).unwrap();
    let mut enums = Vec::new();
    let mut variants = Vec::new();
    let mut structs = Vec::new();
    let mut fields = Vec::new();
    for en in &model.enums {
        let theirs = grammers_path(en.tl_name, &grammers_type_name(en.tl_name));
        let ours = tlayer_path(&en.path);
        if theirs != ours {
            enums.push(format!("| `{}` | `enums::{theirs}` | `enums::{ours}` |", en.tl_name));
        }
        for &v in &en.variants {
            let item = &model.types[v];
            let theirs = format!("{theirs}::{}", grammers_variant(item.tl_name, en.tl_name));
            let ours = format!("{ours}::{}", item.variant);
            if theirs != ours {
                variants.push(format!("| `{}` | `enums::{theirs}` | `enums::{ours}` |", item.tl_name));
            }
        }
    }
    for item in model.types.iter().chain(&model.functions) {
        let top = if item.path.kind == Kind::Functions { "functions" } else { "types" };
        let tl = item.tl_name;
        let theirs = grammers_path(tl, &grammers_type_name(tl));
        let ours = tlayer_path(&item.path);
        if theirs != ours {
            structs.push(format!("| `{tl}` | `{top}::{theirs}` | `{top}::{ours}` |"));
        }
        for (tl_field, ours) in tlayer_fields(item) {
            let theirs = format!("`{}`", grammers_field(&tl_field));
            if theirs != ours {
                fields.push(format!("| `{tl}.{tl_field}` | {theirs} | {ours} |"));
            }
        }
    }
    let mut out = String::new();
    let head = "| TL | grammers-tl-types | tlayer |\n|---|---|---|\n";
    for (title, rows) in [
        ("Boxed types (enums)", &enums),
        ("Enum variants", &variants),
        ("Constructors and functions (structs)", &structs),
        ("Fields", &fields),
    ] {
        write!(out, "### {title}: {} differ\n\n", rows.len()).unwrap();
        if !rows.is_empty() {
            out.push_str(head);
            for r in rows {
                out.push_str(r);
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out
}

const START: &str = "<!-- table: generated by tl-codegen/tests/porting.rs; refresh with TLAYER_BLESS=1 -->\n";
const END: &str = "<!-- end of table -->";

#[test]
fn porting_table_is_current() {
    let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/porting-from-grammers.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    let start = doc.find(START).expect("the table's start marker") + START.len();
    let end = doc.find(END).expect("the table's end marker");
    let table = table();
    if std::env::var_os("TLAYER_BLESS").is_some() {
        std::fs::write(&doc_path, format!("{}{table}{}", &doc[..start], &doc[end..])).unwrap();
        return;
    }
    assert!(doc[start..end] == table, "docs/porting-from-grammers.md is stale: refresh with TLAYER_BLESS=1");
}

/// The grammers rules as grammers-tl-gen's own tests state them.
#[test]
fn grammers_rules_match_their_examples() {
    assert_eq!(grammers_type_name("ns.some_OK_name"), "SomeOkName");
    assert_eq!(grammers_type_name("userEmpty"), "UserEmpty");
    assert_eq!(grammers_variant("new_session_created", "NewSession"), "Created");
    assert_eq!(grammers_variant("true", "True"), "True");
    assert_eq!(grammers_variant("inputPeerSelf", "InputPeer"), "PeerSelf");
    assert_eq!(grammers_variant("inputBotInlineMessageID64", "inputBotInlineMessageID"), "Id64");
    assert_eq!(grammers_field("self"), "is_self");
    assert_eq!(grammers_field("type"), "r#type");
}
