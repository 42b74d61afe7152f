//! Schema-wide checks: every type known, no duplicate names or ids, flags well formed.

use crate::ast::*;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::ids::{self, BareNames};
use std::collections::{HashMap, HashSet};

/// Types every schema may use without declaring them.
pub const IMPLICIT_TYPES: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "true", "Int", "Long", "Double", "String", "Bytes",
    "Int128", "Int256", "True", "Bool", "Vector", "vector", "Type", "Object",
];

/// Checks `schema`, appending an error for each problem found.
pub fn validate(schema: &Schema<'_>, lines: &LineIndex<'_>, diags: &mut Vec<Diagnostic>) {
    let mut known: HashSet<&str> = IMPLICIT_TYPES.iter().copied().collect();
    for d in schema.definitions.iter().filter(|d| d.section == Section::Types) {
        known.insert(d.result.name);
        known.insert(d.name.text);
    }
    let bare = BareNames::new(&schema.definitions);
    let ctx = Ctx { known: &known, bare: &bare };

    let mut names: HashMap<(&str, Section), Span> = HashMap::new();
    let mut ids: HashMap<u32, (&str, Span)> = HashMap::new();
    for def in &schema.definitions {
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
        if let Some((other, first)) = ids.insert(id, (def.name.text, def.name.span))
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
        ctx.definition(def, diags);
    }
}

struct Ctx<'k, 'a> {
    known: &'k HashSet<&'a str>,
    bare: &'k BareNames<'a>,
}

impl Ctx<'_, '_> {
    fn definition(&self, def: &Definition<'_>, diags: &mut Vec<Diagnostic>) {
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

        let mut seen: Vec<(&str, bool)> = Vec::new(); // earlier fields: (name, is `#`)
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
                            let bit = if flag.bit == u32::MAX { "too large".to_string() } else { flag.bit.to_string() };
                            diags.push(Diagnostic::error(flag.span, format!("flag bit {bit} is out of range 0..=31")));
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
        if !self.known.contains(ty.name) {
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
