//! What changed between two versions of a schema: which constructors and functions were added,
//! removed, changed or renamed.
//!
//! ```
//! use tlayer_parser::{Options, diff::diff, parse};
//!
//! let old = parse("userProfilePhoto#990d1493 photo_small:int photo_big:int = UserProfilePhoto;", &Options::default());
//! let new = parse(
//!     "userProfilePhoto#d559d8c8 photo_id:long photo_small:int photo_big:int = UserProfilePhoto;",
//!     &Options::default(),
//! );
//! let d = diff(&old.schema, &new.schema);
//! assert_eq!(
//!     d.to_string(),
//!     "changed  userProfilePhoto#990d1493 -> #d559d8c8: +photo_id:long\n0 added, 0 removed, 1 changed, 0 renamed"
//! );
//! ```
//!
//! # Rules
//!
//! Builtin declarations (`int ? = Int;`) are left out. The others are matched by section and name
//! (a name that moves from the types to the functions section is removed there and added here);
//! when a schema defines a name twice in one section, its first definition is used.
//!
//! - **changed**: the name is in both, with a different wire id ([`Definition::wire_id`]). The
//!   entry lists what differs, comparing the fields by name: retyped fields, then added fields,
//!   then removed ones, then the result type, then whether the common fields were reordered.
//!   Types are written as TL, flag condition included (`flags.0?Vector<int>`).
//! - **unchanged**: the name is in both with the *same* wire id. Nothing is reported, even when
//!   the text differs: a change that keeps the id (`bytes` written as `string`, which hash alike,
//!   or a `?true` flag, which the id leaves out) does not change what is on the wire.
//! - **renamed**: a name only in the old schema and a name only in the new one, in the same
//!   section, with the same wire id, and no other such name with that id on either side (when
//!   several share an id, none is paired: they are reported as added and removed).
//! - **added** / **removed**: the other names that are only in the new / only in the old schema.
//!
//! Every list is sorted by section (types first) then name (the old name for renames), so the
//! result does not depend on the order of the files.

use crate::ast::{Definition, Schema, Section};
use crate::json::{quote, quote_into};
use crate::print::print_type;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The differences between two schemas; see the [module documentation](self) for the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Definitions only in the new schema.
    pub added: Vec<Entry>,
    /// Definitions only in the old schema.
    pub removed: Vec<Entry>,
    /// Definitions in both, with a different wire id.
    pub changed: Vec<Change>,
    /// Definitions that kept their wire id under a new name.
    pub renamed: Vec<Rename>,
}

/// An added or removed definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its name, namespace included.
    pub name: String,
    /// Its wire id.
    pub id: u32,
    /// Constructor or function.
    pub section: Section,
}

/// A definition whose wire id changed, and how its fields did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Its name, the same in both schemas.
    pub name: String,
    /// Constructor or function.
    pub section: Section,
    /// The wire id in the old schema.
    pub old_id: u32,
    /// The wire id in the new schema.
    pub new_id: u32,
    /// Fields only in the new definition, in its order.
    pub fields_added: Vec<Field>,
    /// Fields only in the old definition, in its order.
    pub fields_removed: Vec<Field>,
    /// Fields in both with a different type or flag condition, in the new definition's order.
    pub fields_retyped: Vec<Retype>,
    /// The result type, `(old, new)`, when it changed.
    pub result: Option<(String, String)>,
    /// The fields present in both are in a different order.
    pub reordered: bool,
}

/// A field as `name` and TL type (`flags.0?Vector<int>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// Its type, with the flag condition if any.
    pub ty: String,
}

/// A field whose type changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retype {
    /// The field's name.
    pub name: String,
    /// The old type, with the flag condition if any.
    pub old: String,
    /// The new type, with the flag condition if any.
    pub new: String,
}

/// A definition that kept its wire id under another name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    /// The name in the old schema.
    pub old_name: String,
    /// The name in the new schema.
    pub new_name: String,
    /// The wire id, the same in both.
    pub id: u32,
    /// Constructor or function.
    pub section: Section,
}

/// Compares the non-builtin definitions of `old` and `new`.
pub fn diff(old: &Schema<'_>, new: &Schema<'_>) -> Diff {
    let old_defs = by_key(old);
    let new_defs = by_key(new);

    let mut only_old: Vec<(Key<'_>, &Definition<'_>)> = Vec::new();
    let mut changed = Vec::new();
    for (&key, &o) in &old_defs {
        match new_defs.get(&key) {
            None => only_old.push((key, o)),
            Some(&n) if n.wire_id() != o.wire_id() => changed.push(compare(o, n)),
            Some(_) => {}
        }
    }
    let only_new: Vec<(Key<'_>, &Definition<'_>)> =
        new_defs.iter().filter(|(key, _)| !old_defs.contains_key(*key)).map(|(&k, &d)| (k, d)).collect();

    // Renames: an id that exactly one old-only and one new-only definition of a section have.
    let count = |defs: &[(Key<'_>, &Definition<'_>)]| {
        let mut counts: HashMap<(u8, u32), usize> = HashMap::new();
        for ((section, _), d) in defs {
            *counts.entry((*section, d.wire_id())).or_default() += 1;
        }
        counts
    };
    let (old_counts, new_counts) = (count(&only_old), count(&only_new));
    let unique =
        |section: u8, id: u32| old_counts.get(&(section, id)) == Some(&1) && new_counts.get(&(section, id)) == Some(&1);
    let mut renamed = Vec::new();
    let mut removed = Vec::new();
    for ((section, name), o) in &only_old {
        let id = o.wire_id();
        if unique(*section, id) {
            let (_, n) = only_new.iter().find(|((s, _), n)| s == section && n.wire_id() == id).expect("counted");
            renamed.push(Rename {
                old_name: name.to_string(),
                new_name: n.name.text.to_string(),
                id,
                section: o.section,
            });
        } else {
            removed.push(entry(o));
        }
    }
    let added =
        only_new.iter().filter(|((section, _), n)| !unique(*section, n.wire_id())).map(|(_, n)| entry(n)).collect();

    Diff { added, removed, changed, renamed }
}

/// Definitions are matched on (section, name); types sort before functions.
type Key<'a> = (u8, &'a str);

fn section_key(section: Section) -> u8 {
    match section {
        Section::Types => 0,
        Section::Functions => 1,
    }
}

/// The non-builtin definitions of `schema` by key, the first one of each key.
fn by_key<'s, 'a>(schema: &'s Schema<'a>) -> BTreeMap<Key<'a>, &'s Definition<'a>> {
    let mut map = BTreeMap::new();
    for def in schema.definitions.iter().filter(|d| !d.builtin) {
        map.entry((section_key(def.section), def.name.text)).or_insert(def);
    }
    map
}

fn entry(def: &Definition<'_>) -> Entry {
    Entry { name: def.name.text.to_string(), id: def.wire_id(), section: def.section }
}

/// The fields of `def` as (name, TL type with flag condition).
fn fields<'a>(def: &Definition<'a>) -> Vec<(&'a str, String)> {
    def.fields()
        .map(|(name, cond, ty)| {
            let mut s = cond.map_or_else(String::new, |flag| format!("{}.{}?", flag.field.text, flag.bit));
            print_type(&mut s, ty);
            (name.text, s)
        })
        .collect()
}

fn compare(old: &Definition<'_>, new: &Definition<'_>) -> Change {
    let (old_fields, new_fields) = (fields(old), fields(new));
    let find = |list: &[(&str, String)], name: &str| list.iter().position(|(n, _)| *n == name);
    let mut change = Change {
        name: new.name.text.to_string(),
        section: new.section,
        old_id: old.wire_id(),
        new_id: new.wire_id(),
        fields_added: Vec::new(),
        fields_removed: Vec::new(),
        fields_retyped: Vec::new(),
        result: None,
        reordered: false,
    };
    for (name, ty) in &new_fields {
        match find(&old_fields, name) {
            None => change.fields_added.push(Field { name: name.to_string(), ty: ty.clone() }),
            Some(i) if old_fields[i].1 != *ty => change.fields_retyped.push(Retype {
                name: name.to_string(),
                old: old_fields[i].1.clone(),
                new: ty.clone(),
            }),
            Some(_) => {}
        }
    }
    for (name, ty) in &old_fields {
        if find(&new_fields, name).is_none() {
            change.fields_removed.push(Field { name: name.to_string(), ty: ty.clone() });
        }
    }
    let (mut old_result, mut new_result) = (String::new(), String::new());
    print_type(&mut old_result, &old.result);
    print_type(&mut new_result, &new.result);
    if old_result != new_result {
        change.result = Some((old_result, new_result));
    }
    // The common fields, in each definition's order.
    let common_old = old_fields.iter().map(|(n, _)| *n).filter(|n| find(&new_fields, n).is_some());
    let common_new = new_fields.iter().map(|(n, _)| *n).filter(|n| find(&old_fields, n).is_some());
    change.reordered = !common_old.eq(common_new);
    change
}

impl Diff {
    /// True when the schemas have the same definitions with the same ids.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty() && self.renamed.is_empty()
    }

    /// The summary line: `A added, R removed, C changed, N renamed`.
    pub fn summary(&self) -> String {
        format!(
            "{} added, {} removed, {} changed, {} renamed",
            self.added.len(),
            self.removed.len(),
            self.changed.len(),
            self.renamed.len()
        )
    }

    /// The diff as a JSON object, keys in this order:
    ///
    /// ```text
    /// {"added": [{"name", "id", "section"}], "removed": [same],
    ///  "changed": [{"name", "old_id", "new_id", "section", "fields_added": [{"name", "type"}],
    ///               "fields_removed": [{"name", "type"}], "fields_retyped": [{"name", "old", "new"}],
    ///               "result": null or {"old", "new"}, "reordered": bool}],
    ///  "renamed": [{"old_name", "new_name", "id", "section"}],
    ///  "summary": {"added": A, "removed": R, "changed": C, "renamed": N}}
    /// ```
    ///
    /// Ids are strings of 8 hex digits after `0x`; sections are `"types"` or `"functions"`. One
    /// entry per line, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n");
        json_list(&mut out, "added", &self.added, |out, e| {
            json_fields(out, &[("name", quote(&e.name)), ("id", json_id(e.id)), ("section", json_section(e.section))])
        });
        out.push_str(",\n");
        json_list(&mut out, "removed", &self.removed, |out, e| {
            json_fields(out, &[("name", quote(&e.name)), ("id", json_id(e.id)), ("section", json_section(e.section))])
        });
        out.push_str(",\n");
        json_list(&mut out, "changed", &self.changed, |out, c| {
            let field_list = |fields: &[Field]| {
                let items: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let mut s = String::new();
                        json_fields(&mut s, &[("name", quote(&f.name)), ("type", quote(&f.ty))]);
                        s
                    })
                    .collect();
                format!("[{}]", items.join(", "))
            };
            let retyped: Vec<String> = c
                .fields_retyped
                .iter()
                .map(|r| {
                    let mut s = String::new();
                    json_fields(&mut s, &[("name", quote(&r.name)), ("old", quote(&r.old)), ("new", quote(&r.new))]);
                    s
                })
                .collect();
            let result = match &c.result {
                None => "null".to_string(),
                Some((old, new)) => {
                    let mut s = String::new();
                    json_fields(&mut s, &[("old", quote(old)), ("new", quote(new))]);
                    s
                }
            };
            json_fields(
                out,
                &[
                    ("name", quote(&c.name)),
                    ("old_id", json_id(c.old_id)),
                    ("new_id", json_id(c.new_id)),
                    ("section", json_section(c.section)),
                    ("fields_added", field_list(&c.fields_added)),
                    ("fields_removed", field_list(&c.fields_removed)),
                    ("fields_retyped", format!("[{}]", retyped.join(", "))),
                    ("result", result),
                    ("reordered", c.reordered.to_string()),
                ],
            )
        });
        out.push_str(",\n");
        json_list(&mut out, "renamed", &self.renamed, |out, r| {
            json_fields(
                out,
                &[
                    ("old_name", quote(&r.old_name)),
                    ("new_name", quote(&r.new_name)),
                    ("id", json_id(r.id)),
                    ("section", json_section(r.section)),
                ],
            )
        });
        out.push_str(",\n");
        let counts = [
            ("added", self.added.len()),
            ("removed", self.removed.len()),
            ("changed", self.changed.len()),
            ("renamed", self.renamed.len()),
        ];
        out.push_str("  \"summary\": ");
        json_fields(&mut out, &counts.map(|(key, n)| (key, n.to_string())));
        out.push_str("\n}\n");
        out
    }
}

/// `  "key": [` then one item per line, then `  ]` (or `  "key": []`).
fn json_list<T>(out: &mut String, key: &str, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    out.push_str("  ");
    quote_into(out, key);
    out.push_str(": [");
    for (i, it) in items.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        item(out, it);
    }
    out.push_str(if items.is_empty() { "]" } else { "\n  ]" });
}

/// `{"k": v, ...}` from keys and already-encoded values.
fn json_fields(out: &mut String, fields: &[(&str, String)]) {
    out.push('{');
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quote_into(out, key);
        out.push_str(": ");
        out.push_str(value);
    }
    out.push('}');
}

fn json_id(id: u32) -> String {
    format!("\"0x{id:08x}\"")
}

fn json_section(section: Section) -> String {
    match section {
        Section::Types => "\"types\"",
        Section::Functions => "\"functions\"",
    }
    .to_string()
}

/// ` (function)` after a function's name and id, nothing after a constructor's.
fn function_mark(section: Section) -> &'static str {
    match section {
        Section::Types => "",
        Section::Functions => " (function)",
    }
}

impl Change {
    /// What differs, one item each: `name: int -> long`, `+name:Type`, `-name:Type`,
    /// `= Old -> New` (the result type) and `fields reordered`.
    pub fn details(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.fields_retyped.iter().map(|r| format!("{}: {} -> {}", r.name, r.old, r.new)));
        out.extend(self.fields_added.iter().map(|f| format!("+{}:{}", f.name, f.ty)));
        out.extend(self.fields_removed.iter().map(|f| format!("-{}:{}", f.name, f.ty)));
        if let Some((old, new)) = &self.result {
            out.push(format!("= {old} -> {new}"));
        }
        if self.reordered {
            out.push("fields reordered".to_string());
        }
        out
    }
}

impl fmt::Display for Entry {
    /// `name#xxxxxxxx`, then ` (function)` for a function.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{:08x}{}", self.name, self.id, function_mark(self.section))
    }
}

impl fmt::Display for Change {
    /// `name#old -> #new`, ` (function)` for a function, then `: ` and the [details](Change::details)
    /// joined by `, ` (when there are any).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{:08x} -> #{:08x}{}", self.name, self.old_id, self.new_id, function_mark(self.section))?;
        let details = self.details();
        if !details.is_empty() {
            write!(f, ": {}", details.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Display for Rename {
    /// `old -> new#xxxxxxxx`, then ` (function)` for a function.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {}#{:08x}{}", self.old_name, self.new_name, self.id, function_mark(self.section))
    }
}

impl fmt::Display for Diff {
    /// One line per entry (`added    `, `removed  `, `changed  `, `renamed  ` then the entry), in
    /// that order of kinds, then the [summary](Diff::summary) line, with no newline after it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.added {
            writeln!(f, "added    {e}")?;
        }
        for e in &self.removed {
            writeln!(f, "removed  {e}")?;
        }
        for c in &self.changed {
            writeln!(f, "changed  {c}")?;
        }
        for r in &self.renamed {
            writeln!(f, "renamed  {r}")?;
        }
        f.write_str(&self.summary())
    }
}
