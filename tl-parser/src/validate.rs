//! Schema-wide checks: every type known, no duplicate names or ids, flags well formed.

use crate::ast::*;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::ids::{self, BareNames};
use crate::ids::{FastMap, FastSet};
use std::cell::OnceCell;

/// Types every schema may use without declaring them.
pub const IMPLICIT_TYPES: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "true", "Int", "Long", "Double", "String", "Bytes",
    "Int128", "Int256", "True", "Bool", "Vector", "vector", "Type", "Object",
];

/// Whether `name` is in [`IMPLICIT_TYPES`], without hashing it: most fields are `int`, `long`,
/// `string`, ...
fn is_implicit(name: &str) -> bool {
    matches!(
        name,
        "int"
            | "long"
            | "double"
            | "string"
            | "bytes"
            | "int128"
            | "int256"
            | "true"
            | "Int"
            | "Long"
            | "Double"
            | "String"
            | "Bytes"
            | "Int128"
            | "Int256"
            | "True"
            | "Bool"
            | "Vector"
            | "vector"
            | "Type"
            | "Object"
    )
}

/// Checks `schema`, appending an error for each problem found.
pub fn validate(schema: &Schema<'_>, lines: &LineIndex<'_>, diags: &mut Vec<Diagnostic>) {
    validate_with(schema, lines, &BareNames::new(&schema.definitions), diags);
}

/// [`validate`] with the schema's [`BareNames`] already built.
pub(crate) fn validate_with<'a>(
    schema: &Schema<'a>,
    lines: &LineIndex<'_>,
    bare: &BareNames<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut early = EarlyChecks::default();
    for def in &schema.definitions {
        early.definition(def, &def.params, bare, lines);
    }
    early.finish(schema, lines, bare, diags);
}

/// Validation in two steps: [`EarlyChecks::definition`] checks what a definition can be checked for
/// alone (parameters, flags, generics), as soon as it is parsed, and keeps the types it uses that
/// only the whole schema can tell known or not; [`EarlyChecks::finish`] checks those, and
/// duplicate names and ids. The diagnostics are the same as one pass over the finished schema
/// gives, in an order that sorting by position makes the same.
#[derive(Default)]
pub(crate) struct EarlyChecks<'a> {
    /// What the definitions alone showed, in source order.
    diags: Vec<Diagnostic>,
    /// The type expressions left to check, each followed by its arguments (depth first).
    types: Vec<TypeRef<'a>>,
    /// Scratch: the fields seen so far in a definition, (name, is `#`).
    seen: Vec<(&'a str, bool)>,
    /// Where each name (in each section) was last defined.
    names: FastMap<(&'a str, Section), Span>,
}

/// A type expression whose check needs the whole schema, flattened.
struct TypeRef<'a> {
    name: &'a str,
    span: Span,
    bang: bool,
    percent: bool,
    /// Its name is a type parameter of its definition.
    generic: bool,
    /// The index after its last argument in [`EarlyChecks::types`].
    end: u32,
}

impl<'a> EarlyChecks<'a> {
    /// Ready for a schema of `len` bytes.
    pub(crate) fn new(len: usize) -> Self {
        let mut names = FastMap::default();
        // About one definition per 100 bytes in API schemas.
        names.reserve(len / 100);
        // Types used before they are declared: about one per 800 bytes in layer 230.
        EarlyChecks { types: Vec::with_capacity(len / 500), names, ..EarlyChecks::default() }
    }

    /// Checks `def`, whose parameters are `params`, alone (nothing is checked in builtins);
    /// `declared`: the boxed types declared so far (a type found there is known; the others are
    /// checked by [`EarlyChecks::finish`]).
    pub(crate) fn definition(
        &mut self,
        def: &Definition<'a>,
        params: &[Param<'a>],
        declared: &BareNames<'a>,
        lines: &LineIndex<'_>,
    ) {
        if def.builtin {
            return;
        }
        if let Some(first) = self.names.insert((def.name.text, def.section), def.name.span) {
            let line = lines.line_ref(first.start, def.name.span.start);
            let message = format!("`{}` is already defined on {line}", def.name.text);
            self.diags.push(Diagnostic::error(def.name.span, message));
        }
        let explicit: Vec<&str> = params
            .iter()
            .filter_map(|g| match &g.kind {
                ParamKind::Generic { name, .. } => Some(name.text),
                _ => None,
            })
            .collect();
        // Layers 1-3 write `query:!X` with no `{X:Type}`: allowed when the definition declares none.
        let implicit: Vec<&str> = if explicit.is_empty() {
            params
                .iter()
                .filter_map(|p| match &p.kind {
                    ParamKind::Field { ty, .. } if ty.bang => Some(ty.name),
                    _ => None,
                })
                .collect()
        } else {
            Vec::new()
        };
        let generics = |n: &str| explicit.contains(&n) || implicit.contains(&n);

        let mut seen = std::mem::take(&mut self.seen);
        seen.clear(); // earlier fields: (name, is `#`)
        for p in params {
            match &p.kind {
                ParamKind::Generic { name, ty } => {
                    if ty.name != "Type" && ty.name != "#" {
                        self.diags.push(Diagnostic::error(
                            ty.span,
                            format!(
                                "type parameter `{}` must be of kind `Type` or `#`, found `{}`",
                                name.text, ty.name
                            ),
                        ));
                    }
                }
                ParamKind::Field { name, cond, ty } => {
                    self.field(name, cond.as_ref(), ty, &seen);
                    if ty.name != "#" || cond.is_some() || ty.bang || ty.percent {
                        self.ty(ty, &generics, declared);
                    }
                    seen.push((name.text, ty.name == "#" && cond.is_none()));
                }
                ParamKind::Anonymous(_) | ParamKind::Repeat { .. } | ParamKind::Opaque => {}
            }
        }
        self.seen = seen;
        self.ty(&def.result, &generics, declared);
    }

    /// The checks of field `name` that need no type: duplicates, flags, `true`.
    fn field(&mut self, name: &Ident<'a>, cond: Option<&Flag<'a>>, ty: &Type<'a>, seen: &[(&'a str, bool)]) {
        if seen.iter().any(|(n, _)| *n == name.text) {
            self.diags.push(Diagnostic::error(name.span, format!("parameter `{}` is declared twice", name.text)));
        }
        if let Some(flag) = cond {
            if !seen.contains(&(flag.field.text, true)) {
                self.diags.push(Diagnostic::error(
                    flag.field.span,
                    format!("flag field `{}` is not an earlier `#` parameter", flag.field.text),
                ));
            }
            if flag.bit > 31 {
                // The grammar saturates numbers too large for a u32.
                let bit = if flag.bit == u32::MAX { String::new() } else { format!(" {}", flag.bit) };
                self.diags.push(Diagnostic::error(flag.span, format!("flag bit{bit} is out of range 0..=31")));
            }
        } else if ty.name == "true" && !ty.bang && !ty.percent {
            self.diags.push(Diagnostic::error(
                ty.span,
                format!("`true` is only allowed behind a flag: write `{}:flags.N?true`", name.text),
            ));
        }
    }

    /// Checks type `ty` as far as the definition tells; keeps the rest for [`EarlyChecks::finish`].
    fn ty(&mut self, ty: &Type<'a>, generics: &impl Fn(&str) -> bool, declared: &BareNames<'a>) {
        if ty.name == "#" {
            self.diags.push(Diagnostic::error(ty.span, "`#` can only be the type of a whole parameter"));
            return;
        }
        if generics(ty.name) {
            if !ty.args.is_empty() {
                self.diags.push(Diagnostic::error(ty.span, format!("type parameter `{}` takes no arguments", ty.name)));
            }
            return;
        }
        // An implicit or already declared type is known; `%T` needs to know all its constructors.
        if ty.percent || !(is_implicit(ty.name) || declared.declares_type(ty.name)) {
            self.keep(ty, generics);
            return;
        }
        for a in &ty.args {
            self.ty(a, generics, declared);
        }
    }

    /// Keeps `ty` and its arguments for [`EarlyChecks::finish`].
    fn keep(&mut self, ty: &Type<'a>, generics: &impl Fn(&str) -> bool) {
        let at = self.types.len();
        self.types.push(TypeRef {
            name: ty.name,
            span: ty.span,
            bang: ty.bang,
            percent: ty.percent,
            generic: generics(ty.name),
            end: 0,
        });
        for a in &ty.args {
            self.keep(a, generics);
        }
        self.types[at].end = self.types.len() as u32;
    }

    /// Appends what the definitions alone showed (and names defined twice), then checks duplicate
    /// ids and the types kept.
    pub(crate) fn finish(
        self,
        schema: &Schema<'a>,
        lines: &LineIndex<'_>,
        bare: &BareNames<'a>,
        diags: &mut Vec<Diagnostic>,
    ) {
        diags.extend(self.diags);
        duplicate_ids(schema, lines, diags);
        // Known types: the implicit ones, the result types of constructors (the keys of `bare`),
        // and, rarely needed, constructor names (a bare type written without `%`).
        let ctx = Ctx { bare, constructors: OnceCell::new(), types: &self.types };
        let mut i = 0;
        while i < self.types.len() {
            i = ctx.ty(i, diags);
        }
    }
}

/// Reports ids used twice. (Names defined twice are reported before, in the same order: for one
/// definition, the name first.)
fn duplicate_ids(schema: &Schema<'_>, lines: &LineIndex<'_>, diags: &mut Vec<Diagnostic>) {
    // id -> index of the last definition seen with it.
    let mut ids: FastMap<u32, u32> = FastMap::default();
    ids.reserve(schema.definitions.len());
    for (index, def) in schema.definitions.iter().enumerate() {
        if def.builtin {
            continue;
        }
        let id = def.wire_id();
        if let Some(previous) = ids.insert(id, index as u32)
            && let Ident { text: other, span: first } = schema.definitions[previous as usize].name
            && other != def.name.text
        {
            let line = lines.line_ref(first.start, def.name.span.start);
            let message = format!("id #{id:08x} of `{}` is already used by `{other}` on {line}", def.name.text);
            // tdlib's pseudo-functions deliberately share the id of the wrapper they stand for.
            let pseudo = ids::known_exception(other, id).or_else(|| ids::known_exception(def.name.text, id));
            diags.push(match pseudo {
                Some(why) => Diagnostic::note(def.name.span, format!("{message} ({why})")),
                None => Diagnostic::error(def.name.span, message),
            });
        }
    }
}

struct Ctx<'k, 'a> {
    bare: &'k BareNames<'a>,
    /// Every constructor name, made on first need.
    constructors: OnceCell<FastSet<&'a str>>,
    types: &'k [TypeRef<'a>],
}

impl Ctx<'_, '_> {
    /// `name` is an implicit type, a declared boxed type or a constructor.
    fn is_known(&self, name: &str) -> bool {
        is_implicit(name)
            || self.bare.declares_type(name)
            || self.constructors.get_or_init(|| self.bare.constructors().iter().copied().collect()).contains(name)
    }

    /// Checks kept type `i` and its arguments; returns the index after them.
    fn ty(&self, i: usize, diags: &mut Vec<Diagnostic>) -> usize {
        let ty = &self.types[i];
        let end = ty.end as usize;
        if ty.name == "#" {
            diags.push(Diagnostic::error(ty.span, "`#` can only be the type of a whole parameter"));
            return end;
        }
        if ty.generic {
            if end > i + 1 {
                diags.push(Diagnostic::error(ty.span, format!("type parameter `{}` takes no arguments", ty.name)));
            }
            return end;
        }
        if !self.is_known(ty.name) {
            if let Some(ctor) = self.bare.loose_constructor(ty.name) {
                diags.push(Diagnostic::warning(
                    ty.span,
                    format!(
                        "unknown type `{}`, taken as constructor `{ctor}` (same name but for case and `_`)",
                        ty.name
                    ),
                ));
                return end;
            }
            let message = if ty.bang {
                format!("undeclared generic `{0}`: declare it with `{{{0}:Type}}`", ty.name)
            } else {
                format!("unknown type `{}`", ty.name)
            };
            diags.push(Diagnostic::error(ty.span, message));
        } else if ty.percent && self.bare.get(ty.name).is_none() {
            diags.push(Diagnostic::error(ty.span, format!("`%{}` needs a type with exactly one constructor", ty.name)));
        }
        let mut j = i + 1;
        while j < end {
            j = self.ty(j, diags);
        }
        end
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn implicit_types_match_the_list() {
        for name in super::IMPLICIT_TYPES {
            assert!(super::is_implicit(name), "{name}");
        }
        assert!(!super::is_implicit("User"));
    }
}
