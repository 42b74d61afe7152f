//! Resolution: each definition becomes an [`Item`] (or an [`Enum`] for its boxed type) with its
//! Rust names and fields, and each TL type a Rust [`Ty`].

use super::{Enum, Field, FieldKind, Item, Kind, Model, Path, ResolveError, Ty, TyKind};
use super::{boxing::Boxing, groups::group_shared_bits, layers::Version};
use crate::ident::{self, Name, Names};
use std::collections::HashMap;
use tlayer_parser::{Definition, ParamKind, Schema, Section, Type};

/// TL names mapped to Rust primitives (the table of [`tlayer_parser::builtins`]); their
/// constructors are not generated.
fn primitive(name: &str) -> Option<TyKind> {
    use tlayer_parser::builtins::Builtin;
    Some(match tlayer_parser::builtins::lookup(name)? {
        Builtin::Int => TyKind::I32,
        Builtin::Long => TyKind::I64,
        Builtin::Double => TyKind::F64,
        Builtin::String => TyKind::String,
        Builtin::Bytes => TyKind::Bytes,
        Builtin::Raw(n) => TyKind::Array(n),
        Builtin::Bool => TyKind::Bool,
        Builtin::Object => TyKind::Raw,
        Builtin::True | Builtin::Vector | Builtin::Type => return None,
    })
}

/// Definitions the runtime covers: builtins and the constructors of `Bool` (Rust `bool`).
/// Constructors of `Object` (MTProto's `gzip_packed`) are generated: fields of type `Object`
/// stay raw, but the constructor's own struct is how such a value is built and read.
fn skipped(def: &Definition<'_>) -> bool {
    def.builtin || primitive(def.result.name).is_some_and(|k| k != TyKind::Raw)
}

fn module_path(namespace: Option<&str>) -> Vec<Name> {
    namespace.map_or_else(Vec::new, |ns| ns.split('.').map(ident::module).collect())
}

impl<'a> Model<'a> {
    /// Resolves a parsed (error-free) schema.
    pub fn new(schema: &'a Schema<'a>) -> Result<Self, ResolveError> {
        let versions = schema.definitions.iter().map(|def| Version { def, range: None, older: false }).collect();
        Self::build(schema, versions, None)
    }

    /// Builds the model of these versions of definitions (one each, or every version of
    /// several layers); `schema` gives class docs and declared widths.
    pub(super) fn build(
        schema: &'a Schema<'a>,
        versions: Vec<Version<'a>>,
        layers: Option<Vec<u32>>,
    ) -> Result<Self, ResolveError> {
        let mut names: HashMap<(Kind, Vec<Name>), Names> = HashMap::new();
        let mut name_in = |kind: Kind, modules: &Vec<Name>, wanted: Name| {
            names.entry((kind, modules.clone())).or_default().unique(wanted)
        };

        // Boxed types first, so constructors can point at them.
        let mut enums: Vec<Enum<'a>> = Vec::new();
        let mut enum_index: HashMap<&str, usize> = HashMap::new();
        let mut ctor_index: HashMap<&str, usize> = HashMap::new();
        let mut types: Vec<Item<'a>> = Vec::new();
        for v in versions.iter().filter(|v| v.def.section == Section::Types && !skipped(v.def)) {
            let def = v.def;
            let e = *enum_index.entry(def.result.name).or_insert_with(|| {
                let ty = ident_of(def.result.name);
                let modules = module_path(ty.0);
                let name = name_in(Kind::Enums, &modules, ident::camel(ty.1));
                let doc =
                    schema.class_docs.iter().find(|c| c.name == def.result.name).map(|c| c.description.to_string());
                let path = Path { kind: Kind::Enums, modules, name };
                enums.push(Enum { tl_name: def.result.name, path, variants: vec![], doc });
                enums.len() - 1
            });
            let (ns, short) = ident_of(def.name.text);
            let modules = module_path(ns);
            let name = name_in(Kind::Types, &modules, v.rust_name(short));
            enums[e].variants.push(types.len());
            if !v.older {
                ctor_index.insert(def.name.text, types.len());
            }
            let variant = name.clone(); // Set below, once every variant of its enum is known.
            types.push(Item::new(v, Path { kind: Kind::Types, modules, name }, variant, Some(e)));
        }
        for e in &enums {
            let mut used = Names::default();
            let ty_short = ident_of(e.tl_name).1;
            for &v in &e.variants {
                let short = ident_of(types[v].def.name.text).1;
                let until = match (types[v].older, types[v].range) {
                    (true, Some((_, until))) => Some(until),
                    _ => None,
                };
                let wanted = ident::versioned(ident::variant(short, ty_short), until);
                let wanted =
                    if used.contains(&wanted) { ident::versioned(ident::variant_name(short), until) } else { wanted };
                types[v].variant = used.unique(wanted);
            }
        }

        let mut widths = HashMap::new();
        for def in &schema.definitions {
            if let Some(n) = tlayer_parser::builtins::declared_width(def) {
                widths.insert(def.name.text, n);
                widths.insert(def.result.name, n);
            }
        }
        let resolver = Resolver { schema, widths, enum_index: &enum_index, ctor_index: &ctor_index };
        for item in &mut types {
            resolver.fill(item, &mut name_in)?;
        }
        let mut functions = Vec::new();
        let mut fn_variants = Names::default();
        for v in versions.iter().filter(|v| v.def.section == Section::Functions && !v.def.builtin) {
            let def = v.def;
            let (ns, short) = ident_of(def.name.text);
            let modules = module_path(ns);
            let name = name_in(Kind::Functions, &modules, v.rust_name(short));
            let variant = fn_variants
                .unique(ident::versioned(ident::variant_name(&def.name.text.replace('.', "_")), v.older_until()));
            let mut item = Item::new(v, Path { kind: Kind::Functions, modules, name }, variant, None);
            resolver.fill(&mut item, &mut name_in)?;
            let generics: Vec<(String, Name)> =
                item.tl_generics.iter().cloned().zip(item.generics.iter().cloned()).collect();
            item.returns = Some(resolver.ty(def, &def.result, &generics)?);
            item.layer_wrapper = super::wrappers::layer_wrapper(&item);
            functions.push(item);
        }
        let layer = layers.as_ref().and_then(|l| l.last().copied()).or(schema.layer());
        let function_enum = ident::function_enum(|n| {
            functions.iter().any(|f: &Item<'_>| f.path.modules.is_empty() && f.path.name == *n)
        });
        let mut model = Model { layer, layers, types, functions, enums, function_enum };
        Boxing::run(&mut model);
        if model.layers.is_some() {
            model.find_downgrades();
        }
        Ok(model)
    }
}

impl<'a> Item<'a> {
    /// An item for version `v` before its fields are resolved.
    fn new(v: &Version<'a>, path: Path, variant: Name, enum_index: Option<usize>) -> Self {
        let def = v.def;
        let mut tl_line = String::new();
        tlayer_parser::print::print_definition(&mut tl_line, def);
        Item {
            def,
            tl_name: def.name.text,
            id: def.wire_id(),
            tl_line,
            doc: def.docs.description.as_ref().map(|d| d.to_string()),
            id_exception: tlayer_parser::ids::known_exception(def.name.text, def.wire_id()).is_some(),
            layer_wrapper: None,
            path,
            variant,
            fields: Vec::new(),
            generics: Vec::new(),
            tl_generics: Vec::new(),
            enum_index,
            returns: None,
            boxed: false,
            range: v.range,
            older: v.older,
            downgrades: Vec::new(),
        }
    }
}

/// (namespace, short name) of a dotted TL name.
fn ident_of(name: &str) -> (Option<&str>, &str) {
    match name.rfind('.') {
        Some(i) => (Some(&name[..i]), &name[i + 1..]),
        None => (None, name),
    }
}

struct Resolver<'r, 'a> {
    schema: &'a Schema<'a>,
    /// Fixed-width integers the schema declares (`int512 16*[ int ] = Int512;`), by both names.
    widths: HashMap<&'a str, u32>,
    enum_index: &'r HashMap<&'a str, usize>,
    ctor_index: &'r HashMap<&'a str, usize>,
}

impl<'a> Resolver<'_, 'a> {
    fn fill(
        &self,
        item: &mut Item<'a>,
        name_in: &mut impl FnMut(Kind, &Vec<Name>, Name) -> Name,
    ) -> Result<(), ResolveError> {
        let def = item.def;
        let mut generics: Vec<String> = def
            .params
            .iter()
            .filter_map(|p| match &p.kind {
                ParamKind::Generic { name, .. } => Some(name.text.to_string()),
                _ => None,
            })
            .collect();
        for (_, _, ty) in def.fields() {
            if ty.bang && !generics.iter().any(|g| g == ty.name) {
                generics.push(ty.name.to_string());
            }
        }
        // Only generics used as `!X` become Rust type parameters.
        generics.retain(|g| def.fields().any(|(_, _, t)| t.bang && t.name == g));
        // A type parameter never takes its struct's own name (`{Foo:Type}` of `foo`).
        let mut rust_names = Names::default();
        rust_names.unique(item.path.name.clone());
        let generics: Vec<(String, Name)> =
            generics.into_iter().map(|g| (rust_names.unique(ident::generic(&g)), g)).map(|(r, g)| (g, r)).collect();

        let params: Vec<_> = def.fields().collect();
        let flag_fields: Vec<&str> = params
            .iter()
            .filter(|(_, c, _)| c.is_some())
            .map(|(_, c, _)| c.map(|f| f.field.text).unwrap_or_default())
            .collect();
        let mut fields: Vec<Field> = Vec::with_capacity(params.len());
        let mut field_names = Names::default();
        for (name, cond, ty) in &params {
            let rust = field_names.unique(ident::snake(name.text));
            let doc = def.docs.param(name.text).map(str::to_string);
            let kind = match cond {
                None if ty.name == "#" && flag_fields.contains(&name.text) => FieldKind::Flags,
                None if ty.name == "#" => FieldKind::Value(Ty { kind: TyKind::U32, bare: true }),
                None => FieldKind::Value(self.ty(def, ty, &generics)?),
                Some(flag) => {
                    let flags =
                        params.iter().position(|(n, c, t)| n.text == flag.field.text && c.is_none() && t.name == "#");
                    let flags =
                        flags.ok_or_else(|| ResolveError { def: def.name.text.into(), ty: flag.field.text.into() })?;
                    if ty.name == "true" {
                        FieldKind::Bit { flags, bit: flag.bit }
                    } else {
                        FieldKind::Optional { flags, bit: flag.bit, ty: self.ty(def, ty, &generics)? }
                    }
                }
            };
            let mut tl_text = format!("{}:", name.text);
            if let Some(f) = cond {
                tl_text.push_str(&format!("{}.{}?", f.field.text, f.bit));
            }
            tlayer_parser::print::print_type(&mut tl_text, ty);
            fields.push(Field { name: rust, tl_name: name.text.to_string(), tl_text, doc, kind });
        }
        group_shared_bits(&mut fields, &item.path, name_in);
        item.fields = fields;
        item.tl_generics = generics.iter().map(|(tl, _)| tl.clone()).collect();
        item.generics = generics.into_iter().map(|(_, rust)| rust).collect();
        Ok(())
    }

    /// Resolves `ty`; `generics`: the definition's type parameters, (TL name, Rust name).
    fn ty(&self, def: &Definition<'_>, ty: &Type<'_>, generics: &[(String, Name)]) -> Result<Ty, ResolveError> {
        let err = || ResolveError { def: def.name.text.into(), ty: ty.name.into() };
        if let Some((_, rust)) = generics.iter().find(|(tl, _)| tl == ty.name) {
            return Ok(Ty { kind: TyKind::Generic(rust.clone()), bare: false });
        }
        if ty.bang {
            return Err(err());
        }
        if matches!(ty.name, "Vector" | "vector") {
            let [elem] = ty.args.as_slice() else { return Err(err()) };
            let elem = self.ty(def, elem, generics)?;
            return Ok(Ty { kind: TyKind::Vec(Box::new(elem)), bare: ty.name == "vector" });
        }
        if let Some(kind) = primitive(ty.name) {
            return Ok(Ty { kind, bare: ty.is_bare() });
        }
        if let Some(&n) = self.widths.get(ty.name) {
            return Ok(Ty { kind: TyKind::Array(n), bare: ty.is_bare() });
        }
        if ty.percent {
            let ctor = tlayer_parser::ids::BareNames::new(&self.schema.definitions).get(ty.name).ok_or_else(err)?;
            return Ok(Ty { kind: TyKind::Struct(*self.ctor_index.get(ctor).ok_or_else(err)?), bare: true });
        }
        if let Some(&e) = self.enum_index.get(ty.name) {
            return Ok(Ty { kind: TyKind::Enum(e), bare: false });
        }
        if let Some(&c) = self.ctor_index.get(ty.name) {
            return Ok(Ty { kind: TyKind::Struct(c), bare: true });
        }
        let loose = tlayer_parser::ids::BareNames::new(&self.schema.definitions).loose_constructor(ty.name);
        match loose.and_then(|c| self.ctor_index.get(c)) {
            Some(&c) => Ok(Ty { kind: TyKind::Struct(c), bare: true }),
            None => Err(err()),
        }
    }
}
