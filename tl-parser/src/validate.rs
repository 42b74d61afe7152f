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
    // Known types: the implicit ones, the result types of constructors (the keys of `bare`), and,
    // rarely needed, constructor names (a bare type written without `%`).
    let ctx = Ctx { bare, constructors: OnceCell::new() };
    let mut seen = Vec::new();

    let mut names: FastMap<(&str, Section), Span> = FastMap::default();
    names.reserve(schema.definitions.len());
    // id -> index of the last definition seen with it.
    let mut ids: FastMap<u32, usize> = FastMap::default();
    ids.reserve(schema.definitions.len());
    for (index, def) in schema.definitions.iter().enumerate() {
        if def.builtin {
            continue;
        }
        if let Some(first) = names.insert((def.name.text, def.section), def.name.span) {
            let (line, _) = lines.line_col(first.start);
            diags.push(Diagnostic::error(
                def.name.span,
                format!("`{}` is already defined on line {line}", def.name.text),
            ));
        }
        let id = def.wire_id();
        if let Some(previous) = ids.insert(id, index)
            && let Ident { text: other, span: first } = schema.definitions[previous].name
            && other != def.name.text
        {
            let (line, _) = lines.line_col(first.start);
            let message = format!("id #{id:08x} of `{}` is already used by `{other}` on line {line}", def.name.text);
            // tdlib's pseudo-functions deliberately share the id of the wrapper they stand for.
            let pseudo = ids::known_exception(other, id).or_else(|| ids::known_exception(def.name.text, id));
            diags.push(match pseudo {
                Some(why) => Diagnostic::note(def.name.span, format!("{message} ({why})")),
                None => Diagnostic::error(def.name.span, message),
            });
        }
        ctx.definition(def, &mut seen, diags);
    }
}

struct Ctx<'k, 'a> {
    bare: &'k BareNames<'a>,
    /// Every constructor name, made on first need.
    constructors: OnceCell<FastSet<&'a str>>,
}

impl<'a> Ctx<'_, 'a> {
    /// `name` is an implicit type, a declared boxed type or a constructor.
    fn is_known(&self, name: &str) -> bool {
        is_implicit(name)
            || self.bare.declares_type(name)
            || self.constructors.get_or_init(|| self.bare.constructors().iter().copied().collect()).contains(name)
    }

    /// Checks one definition; `seen` is scratch space, reused to spare an allocation each time.
    fn definition(&self, def: &Definition<'a>, seen: &mut Vec<(&'a str, bool)>, diags: &mut Vec<Diagnostic>) {
        let explicit: Vec<&str> = def
            .generics()
            .filter_map(|g| match &g.kind {
                ParamKind::Generic { name, .. } => Some(name.text),
                _ => None,
            })
            .collect();
        // Layers 1-3 write `query:!X` with no `{X:Type}`: allowed when the definition declares none.
        let implicit: Vec<&str> = if explicit.is_empty() {
            def.fields().filter(|(_, _, t)| t.bang).map(|(_, _, t)| t.name).collect()
        } else {
            Vec::new()
        };
        let generics = |n: &str| explicit.contains(&n) || implicit.contains(&n);

        seen.clear(); // earlier fields: (name, is `#`)
        for p in &def.params {
            match &p.kind {
                ParamKind::Generic { name, ty } => {
                    if ty.name != "Type" && ty.name != "#" {
                        diags.push(Diagnostic::error(
                            ty.span,
                            format!(
                                "type parameter `{}` must be of kind `Type` or `#`, found `{}`",
                                name.text, ty.name
                            ),
                        ));
                    }
                }
                ParamKind::Field { name, cond, ty } => {
                    if seen.iter().any(|(n, _)| *n == name.text) {
                        diags
                            .push(Diagnostic::error(name.span, format!("parameter `{}` is declared twice", name.text)));
                    }
                    if let Some(flag) = cond {
                        if !seen.contains(&(flag.field.text, true)) {
                            diags.push(Diagnostic::error(
                                flag.field.span,
                                format!("flag field `{}` is not an earlier `#` parameter", flag.field.text),
                            ));
                        }
                        if flag.bit > 31 {
                            // The grammar saturates numbers too large for a u32.
                            let bit = if flag.bit == u32::MAX { String::new() } else { format!(" {}", flag.bit) };
                            diags.push(Diagnostic::error(flag.span, format!("flag bit{bit} is out of range 0..=31")));
                        }
                    } else if ty.name == "true" && !ty.bang && !ty.percent {
                        diags.push(Diagnostic::error(
                            ty.span,
                            format!("`true` is only allowed behind a flag: write `{}:flags.N?true`", name.text),
                        ));
                    }
                    if ty.name != "#" || cond.is_some() || ty.bang || ty.percent {
                        self.ty(ty, &generics, diags);
                    }
                    seen.push((name.text, ty.name == "#" && cond.is_none()));
                }
                ParamKind::Anonymous(_) | ParamKind::Repeat { .. } | ParamKind::Opaque => {}
            }
        }
        self.ty(&def.result, &generics, diags);
    }

    fn ty(&self, ty: &Type<'_>, generics: &dyn Fn(&str) -> bool, diags: &mut Vec<Diagnostic>) {
        if ty.name == "#" {
            diags.push(Diagnostic::error(ty.span, "`#` can only be the type of a whole parameter"));
            return;
        }
        if generics(ty.name) {
            if !ty.args.is_empty() {
                diags.push(Diagnostic::error(ty.span, format!("type parameter `{}` takes no arguments", ty.name)));
            }
            return;
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
                return;
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
        for a in &ty.args {
            self.ty(a, generics, diags);
        }
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
