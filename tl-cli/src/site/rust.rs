//! The Rust item each definition becomes, as `tlayer generate` names it: taken from
//! tlayer-codegen's model (so collision suffixes and the `LayerN` names of older versions are
//! exactly the generator's), or, when the model cannot be built, from its naming rules alone.

use super::catalog::Input;
use std::collections::HashMap;
use tlayer_codegen::ident;
use tlayer_codegen::model::{Model, Path};
use tlayer_parser::{Definition, Section};

/// Rust paths by definition version and by boxed type.
#[derive(Debug, Default)]
pub struct RustNames {
    /// (section, TL name, wire id) -> the item.
    items: HashMap<(Section, String, u32), Item>,
    /// TL type name -> the enum's path.
    enums: HashMap<String, String>,
    /// Built from the naming rules only (the model failed): collisions are not resolved.
    pub approximate: bool,
}

/// A struct and, for a constructor, its variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// `types::messages::SentMessageLink`.
    pub path: String,
    /// `enums::messages::SentMessage::SentMessageLink`, for constructors.
    pub variant: Option<String>,
}

impl RustNames {
    /// Names every version of every definition of `inputs` (several layers: as
    /// `tlayer generate --layer` does, one set of types for all of them).
    pub fn new(inputs: &[Input<'_>]) -> RustNames {
        let model = match inputs {
            [single] => Model::new(single.schema),
            _ => {
                let layered: Option<Vec<(u32, _)>> = inputs.iter().map(|i| Some((i.layer?, i.schema))).collect();
                match layered {
                    Some(layered) => Model::layered(&layered),
                    None => return RustNames::approximate(inputs),
                }
            }
        };
        let Ok(model) = model else { return RustNames::approximate(inputs) };
        let mut names = RustNames::default();
        for e in &model.enums {
            names.enums.insert(e.tl_name.to_string(), path_string(&e.path));
        }
        for item in model.types.iter().chain(&model.functions) {
            let variant = item.enum_index.map(|e| format!("{}::{}", path_string(&model.enums[e].path), item.variant));
            names.items.insert(key(item.def), Item { path: path_string(&item.path), variant });
        }
        names
    }

    /// Names from `tlayer_codegen::ident` alone, for when the model cannot be built.
    fn approximate(inputs: &[Input<'_>]) -> RustNames {
        let mut names = RustNames { approximate: true, ..RustNames::default() };
        for def in inputs.iter().flat_map(|i| i.schema.definitions.iter()).filter(|d| !d.builtin) {
            let (modules, short) = modules_of(def.name.text);
            let kind = match def.section {
                Section::Types => "types",
                Section::Functions => "functions",
            };
            let path = join(kind, &modules, &ident::camel(short).to_string());
            let variant = (def.section == Section::Types).then(|| {
                let (ty_modules, ty_short) = modules_of(def.result.name);
                let enum_path = join("enums", &ty_modules, &ident::camel(ty_short).to_string());
                names.enums.entry(def.result.name.to_string()).or_insert_with(|| enum_path.clone());
                format!("{enum_path}::{}", ident::variant(short, ty_short))
            });
            names.items.entry(key(def)).or_insert(Item { path, variant });
        }
        names
    }

    /// The item a version of a definition becomes; `None` when the generator makes none (`Bool`'s
    /// constructors, which are Rust's `bool`).
    pub fn item(&self, def: &Definition<'_>) -> Option<&Item> {
        self.items.get(&key(def))
    }

    /// The enum a boxed type becomes.
    pub fn enum_path(&self, tl_name: &str) -> Option<&str> {
        self.enums.get(tl_name).map(String::as_str)
    }
}

fn key(def: &Definition<'_>) -> (Section, String, u32) {
    (def.section, def.name.text.to_string(), def.wire_id())
}

/// `kind::module::...::Name`.
fn path_string(p: &Path) -> String {
    p.to_string()
}

fn join(kind: &str, modules: &[String], name: &str) -> String {
    let mut s = String::from(kind);
    for m in modules {
        s.push_str("::");
        s.push_str(m);
    }
    s.push_str("::");
    s.push_str(name);
    s
}

/// The namespace modules (escaped as the generator does) and the short name of a dotted TL name.
fn modules_of(name: &str) -> (Vec<String>, &str) {
    match name.rfind('.') {
        None => (Vec::new(), name),
        Some(i) => {
            let modules = name[..i].split('.').map(|m| ident::module(m).to_string()).collect();
            (modules, &name[i + 1..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tlayer_parser::{Options, parse};

    const SRC: &str = "\
userProfilePhotoEmpty#4f11bae1 = UserProfilePhoto;
messages.sentMessageLink#e9db4a3f id:int links:Vector<int> = messages.SentMessage;
boolTrue#997275b5 = Bool;
---functions---
messages.sendMessage#4cde0aab message:string = messages.SentMessage;
";

    #[test]
    fn model_and_rules_agree_on_plain_names() {
        let parsed = parse(SRC, &Options::default());
        assert!(parsed.is_ok(), "{:?}", parsed.diagnostics);
        let inputs = [Input { layer: None, schema: &parsed.schema }];
        let exact = RustNames::new(&inputs);
        assert!(!exact.approximate);
        let rules = RustNames::approximate(&inputs);
        let defs = &parsed.schema.definitions;
        let link = exact.item(&defs[1]).unwrap();
        assert_eq!(link.path, "types::messages::SentMessageLink");
        assert_eq!(link.variant.as_deref(), Some("enums::messages::SentMessage::Link"));
        assert_eq!(exact.item(&defs[3]).unwrap().path, "functions::messages::SendMessage");
        assert_eq!(exact.enum_path("UserProfilePhoto"), Some("enums::UserProfilePhoto"));
        for d in [0, 1, 3] {
            assert_eq!(exact.item(&defs[d]), rules.item(&defs[d]), "{}", defs[d].name.text);
        }
        // `Bool` is Rust's `bool`: the generator makes no item for its constructors.
        assert_eq!(exact.item(&defs[2]), None);
    }
}
