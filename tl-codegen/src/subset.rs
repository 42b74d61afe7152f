//! Pay for what you use: the part of a schema that chosen functions and types reach.
//!
//! [`Options::only`](crate::Options::only) names functions (`messages.sendMessage`), boxed
//! types (`Updates`) and constructors (`user`). The subset keeps:
//!
//! - each named function, the types of its fields and its result type;
//! - each named type with all its constructors (a field of type `User` must decode every
//!   constructor of `User`); a named constructor brings its whole type the same way;
//! - transitively, every type a kept constructor's fields name (`Vector<T>` reaches `T`,
//!   `%T` reaches `T`, a bare constructor used as a type reaches that constructor's type);
//! - every builtin declaration (they generate nothing).
//!
//! Type parameters (`{X:Type}`, `!X`) reach nothing: a generic function is filled in by the
//! caller. The subset is a filter over the parsed schema, in schema order, before the model is
//! built, so generation sees a smaller but otherwise ordinary schema.

use crate::Error;
use std::collections::{HashMap, HashSet};
use tlayer_parser::{Definition, ParamKind, Schema, Section, Type};

/// The definitions of `schema` reachable from `names`, as a schema; or the names it does not
/// define (each once, in the order given).
pub fn subset<'a, S: AsRef<str>>(schema: &Schema<'a>, names: &[S]) -> Result<Schema<'a>, Vec<String>> {
    let reach = Reach::new(schema);
    let (types, functions, unknown) = reach.closure(names.iter().map(AsRef::as_ref));
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let definitions = schema
        .definitions
        .iter()
        .filter(|d| {
            d.builtin
                || match d.section {
                    Section::Types => types.contains(d.result.name),
                    Section::Functions => functions.contains(d.name.text),
                }
        })
        .cloned()
        .collect();
    Ok(Schema {
        definitions,
        layer_markers: schema.layer_markers.clone(),
        class_docs: schema.class_docs.clone(),
        dialect: schema.dialect,
        comments: Vec::new(),
    })
}

/// The names `names` does not define in any of `schemas` (each once, in the order given).
pub fn unknown_in_all<S: AsRef<str>>(schemas: &[&Schema<'_>], names: &[S]) -> Vec<String> {
    let reaches: Vec<Reach<'_, '_>> = schemas.iter().map(|s| Reach::new(s)).collect();
    let mut out: Vec<String> = Vec::new();
    for n in names.iter().map(AsRef::as_ref) {
        if !reaches.iter().any(|r| r.defines(n)) && !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    }
    out
}

/// Like [`subset`], but names a schema lacks are skipped (for several layers, where a name
/// may exist in only some of them; check them first with [`unknown_in_all`]).
pub fn subset_known<'a, S: AsRef<str>>(schema: &Schema<'a>, names: &[S]) -> Schema<'a> {
    let reach = Reach::new(schema);
    let known: Vec<&str> = names.iter().map(AsRef::as_ref).filter(|n| reach.defines(n)).collect();
    subset(schema, &known).unwrap_or_else(|_| unreachable!("only defined names are asked for"))
}

/// [`Options::only`](crate::Options::only) applied to one schema: `None` when it is empty
/// (everything is generated); unknown names are an error naming them all.
pub(crate) fn apply<'a>(schema: &Schema<'a>, file: &str, only: &[String]) -> Result<Option<Schema<'a>>, Error> {
    if only.is_empty() {
        return Ok(None);
    }
    subset(schema, only).map(Some).map_err(|unknown| unknown_error(file, &unknown))
}

/// [`Options::only`](crate::Options::only) applied to each layer's schema: a name must exist
/// in at least one layer; each layer keeps what the names it defines reach.
pub(crate) fn apply_layers<'a>(layers: &mut [(u32, Schema<'a>)], files: &str, only: &[String]) -> Result<(), Error> {
    if only.is_empty() {
        return Ok(());
    }
    let unknown = unknown_in_all(&layers.iter().map(|(_, s)| s).collect::<Vec<_>>(), only);
    if !unknown.is_empty() {
        return Err(unknown_error(files, &unknown));
    }
    for (_, schema) in layers.iter_mut() {
        *schema = subset_known(schema, only);
    }
    Ok(())
}

fn unknown_error(file: &str, unknown: &[String]) -> Error {
    let plural = if unknown.len() == 1 { "a name" } else { "names" };
    Error::Schema(format!(
        "{file}: `only` lists {plural} the schema does not define (a function, type or constructor): `{}`",
        unknown.join("`, `")
    ))
}

/// Lookups over one schema.
struct Reach<'s, 'a> {
    /// Boxed type name -> its constructors.
    constructors: HashMap<&'a str, Vec<&'s Definition<'a>>>,
    /// Constructor name -> its boxed type.
    type_of: HashMap<&'a str, &'a str>,
    /// Function name -> its definitions.
    functions: HashMap<&'a str, Vec<&'s Definition<'a>>>,
    /// For `%T` of a type with one constructor and for loosely written constructor names.
    bare: tlayer_parser::ids::BareNames<'a>,
}

impl<'s, 'a> Reach<'s, 'a> {
    fn new(schema: &'s Schema<'a>) -> Self {
        let mut constructors: HashMap<&'a str, Vec<&'s Definition<'a>>> = HashMap::new();
        let mut type_of = HashMap::new();
        let mut functions: HashMap<&'a str, Vec<&'s Definition<'a>>> = HashMap::new();
        for d in schema.definitions.iter().filter(|d| !d.builtin) {
            match d.section {
                Section::Types => {
                    constructors.entry(d.result.name).or_default().push(d);
                    type_of.entry(d.name.text).or_insert(d.result.name);
                }
                Section::Functions => functions.entry(d.name.text).or_default().push(d),
            }
        }
        Reach { constructors, type_of, functions, bare: tlayer_parser::ids::BareNames::new(&schema.definitions) }
    }

    /// True when `name` is a function, a boxed type or a constructor of the schema.
    fn defines(&self, name: &str) -> bool {
        self.functions.contains_key(name) || self.constructors.contains_key(name) || self.type_of.contains_key(name)
    }

    /// (boxed types reached, functions named, names not defined).
    fn closure<'n>(&self, names: impl Iterator<Item = &'n str>) -> (HashSet<&'a str>, HashSet<&'a str>, Vec<String>) {
        let mut types: HashSet<&'a str> = HashSet::new();
        let mut functions: HashSet<&'a str> = HashSet::new();
        let mut unknown: Vec<String> = Vec::new();
        let mut work: Vec<&'a str> = Vec::new();
        for name in names {
            let mut found = false;
            if let Some((&key, defs)) = self.functions.get_key_value(name) {
                found = true;
                functions.insert(key);
                for d in defs {
                    self.push_def(d, &mut work);
                    self.push_type(d, &d.result, &mut work);
                }
            }
            if let Some((&key, _)) = self.constructors.get_key_value(name) {
                found = true;
                work.push(key);
            }
            if let Some(&ty) = self.type_of.get(name) {
                found = true;
                work.push(ty);
            }
            if !found && !unknown.iter().any(|u| u == name) {
                unknown.push(name.to_string());
            }
        }
        while let Some(ty) = work.pop() {
            if !types.insert(ty) {
                continue;
            }
            for d in self.constructors.get(ty).into_iter().flatten() {
                self.push_def(d, &mut work);
            }
        }
        (types, functions, unknown)
    }

    /// The types of `def`'s fields.
    fn push_def(&self, def: &Definition<'a>, work: &mut Vec<&'a str>) {
        for (_, _, ty) in def.fields() {
            self.push_type(def, ty, work);
        }
    }

    /// The boxed types `ty` (in `def`) names, through `Vector` and other arguments.
    fn push_type(&self, def: &Definition<'a>, ty: &Type<'a>, work: &mut Vec<&'a str>) {
        for arg in &ty.args {
            self.push_type(def, arg, work);
        }
        let generic =
            def.params.iter().any(|p| matches!(&p.kind, ParamKind::Generic { name, .. } if name.text == ty.name));
        if ty.bang || generic || ty.name == "#" {
            return;
        }
        if let Some((&key, _)) = self.constructors.get_key_value(ty.name) {
            work.push(key);
        } else if let Some(&t) = self.type_of.get(ty.name) {
            work.push(t);
        } else if let Some(&t) = self.bare.loose_constructor(ty.name).and_then(|c| self.type_of.get(c)) {
            work.push(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> tlayer_parser::Parsed<'_> {
        let parsed = tlayer_parser::parse(src, &tlayer_parser::Options::default());
        assert!(parsed.is_ok(), "{:?}", parsed.diagnostics);
        parsed
    }

    fn names(schema: &Schema<'_>) -> Vec<String> {
        schema.definitions.iter().filter(|d| !d.builtin).map(|d| d.name.text.to_string()).collect()
    }

    const SRC: &str = "\
int ? = Int;
long ? = Long;
string ? = String;
vector {t:Type} # [ t ] = Vector t;
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
user#1 flags:# id:long name:string photo:flags.0?Photo = User;
userEmpty#2 id:long = User;
photo#3 id:long sizes:Vector<PhotoSize> = Photo;
photoEmpty#4 = Photo;
photoSize#5 w:int h:int = PhotoSize;
chat#6 id:long creator:User sizes:vector<%PhotoSize> = Chat;
pair#7 a:int b:int = Pair;
lonely#8 = Lonely;
---functions---
getUser#10 id:long = User;
getChats#11 ids:Vector<long> = Vector<Chat>;
ping#12 p:Pair = Bool;
invoke#13 {X:Type} query:!X = X;
";

    #[test]
    fn a_type_reaches_its_constructors_and_their_fields_transitively() {
        let parsed = parse(SRC);
        let sub = subset(&parsed.schema, &["User"]).unwrap();
        assert_eq!(names(&sub), ["user", "userEmpty", "photo", "photoEmpty", "photoSize"]);
        // Builtins stay.
        assert_eq!(sub.definitions.iter().filter(|d| d.builtin).count(), 4);
    }

    #[test]
    fn a_function_reaches_its_arguments_and_its_result() {
        let parsed = parse(SRC);
        let sub = subset(&parsed.schema, &["getChats"]).unwrap();
        assert_eq!(names(&sub), ["user", "userEmpty", "photo", "photoEmpty", "photoSize", "chat", "getChats"]);
        let sub = subset(&parsed.schema, &["ping"]).unwrap();
        assert_eq!(names(&sub), ["boolFalse", "boolTrue", "pair", "ping"]);
        // A generic function reaches nothing through its type parameter.
        let sub = subset(&parsed.schema, &["invoke"]).unwrap();
        assert_eq!(names(&sub), ["invoke"]);
    }

    #[test]
    fn a_constructor_brings_its_whole_type() {
        let parsed = parse(SRC);
        let sub = subset(&parsed.schema, &["photoSize", "userEmpty"]).unwrap();
        assert_eq!(names(&sub), ["user", "userEmpty", "photo", "photoEmpty", "photoSize"]);
    }

    #[test]
    fn unknown_names_are_all_reported_once_in_order() {
        let parsed = parse(SRC);
        let err = subset(&parsed.schema, &["nope", "User", "Nope", "nope", "int"]).unwrap_err();
        assert_eq!(err, ["nope", "Nope", "int"]);
        assert_eq!(unknown_in_all(&[&parsed.schema], &["User", "x", "x"]), ["x"]);
    }

    #[test]
    fn nothing_named_keeps_only_builtins_and_everything_named_keeps_all() {
        let parsed = parse(SRC);
        let none: [&str; 0] = [];
        assert!(names(&subset(&parsed.schema, &none).unwrap()).is_empty());
        let all: Vec<&str> = parsed.schema.definitions.iter().filter(|d| !d.builtin).map(|d| d.name.text).collect();
        assert_eq!(subset(&parsed.schema, &all).unwrap(), parsed.schema);
    }

    /// On every corpus schema: the subset is closed (every type a kept definition names is kept
    /// whole), minimal (the closure of the seeds within the subset alone is the whole subset:
    /// nothing is kept that the seeds do not reach), and it still resolves to a model.
    #[test]
    fn corpus_subsets_are_closed_and_generate() {
        for path in crate::corpus_files() {
            let text = std::fs::read_to_string(&path).unwrap();
            let parsed = tlayer_parser::parse(&text, &tlayer_parser::Options::default());
            if !parsed.is_ok() {
                continue;
            }
            let schema = &parsed.schema;
            // Seeds: every third function, or the first type when there are none.
            let mut seeds: Vec<&str> =
                schema.items().filter(|d| d.section == Section::Functions).step_by(3).map(|d| d.name.text).collect();
            if seeds.is_empty() {
                seeds.extend(schema.items().find(|d| d.section == Section::Types).map(|d| d.result.name));
            }
            let sub = subset(schema, &seeds).unwrap();
            let kept_types: HashSet<&str> =
                sub.items().filter(|d| d.section == Section::Types).map(|d| d.result.name).collect();
            let reach = Reach::new(schema);
            for d in sub.definitions.iter().filter(|d| !d.builtin) {
                // Closed: whatever a kept definition names is kept, with all its constructors.
                let mut named = Vec::new();
                reach.push_def(d, &mut named);
                if d.section == Section::Functions {
                    reach.push_type(d, &d.result, &mut named);
                }
                for t in named {
                    assert!(kept_types.contains(t), "{}: {} names {t}, which was dropped", path.display(), d.name.text);
                    let all = reach.constructors[t].len();
                    let kept = sub.definitions.iter().filter(|c| c.section == Section::Types && c.result.name == t);
                    assert_eq!(kept.count(), all, "{}: {t} kept in part", path.display());
                }
            }
            // Minimal: every kept type is reachable from the seeds through kept definitions only.
            let sub_reach = Reach::new(&sub);
            let (again, _, unknown) = sub_reach.closure(seeds.iter().copied());
            assert!(unknown.is_empty());
            assert_eq!(again, kept_types, "{}", path.display());
            crate::model::Model::new(&sub).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}
