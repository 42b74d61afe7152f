//! Schema-wide checks: every type known, no duplicate names or ids, flags well formed.
//!
//! Why one file of this size: every schema-wide check shares one index of names and ids built
//! once; they are one pass over the schema.

use crate::ast::*;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::ids::{self, BareNames};
use crate::ids::{FastMap, FastSet};
use std::cell::OnceCell;

pub use crate::builtins::IMPLICIT_TYPES;
use crate::builtins::{self, is_implicit};

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
    /// Where the type `True` is used (it needs a declared constructor to carry a value).
    uses_true: Vec<Span>,
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
            self.builtin(def, params);
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
        let generics: Vec<&'a str> = explicit.iter().chain(&implicit).copied().collect();
        self.shape(def, params, &generics);
    }

    /// A builtin declaration must declare the builtin the runtime knows by that name: another
    /// name (`myInt x:int = Int;`) would be dropped silently, another width written wrong.
    fn builtin(&mut self, def: &Definition<'a>, params: &[Param<'a>]) {
        let ty = def.result.name;
        let Some(entry) = builtins::entry(ty) else { return };
        if matches!(entry.builtin, builtins::Builtin::Object | builtins::Builtin::Vector) {
            return;
        }
        if !def.name.short().eq_ignore_ascii_case(def.result.short()) {
            self.diags.push(Diagnostic::warning(
                def.name.span,
                format!(
                    "`{}` declares builtin type `{ty}` under another name: `{ty}` keeps its builtin meaning and \
                     nothing is generated for `{}`",
                    def.name.text, def.name.text
                ),
            ));
        }
        if let (builtins::Builtin::Raw(want), Some(got)) = (entry.builtin, builtins::width_of(params))
            && want != got
        {
            self.diags.push(Diagnostic::error(
                def.span,
                format!("builtin `{ty}` is {want} bytes wide, but this declaration makes it {got}"),
            ));
        }
    }

    /// What code generation needs of a definition's shape: type parameters only in functions,
    /// each declared once and carried by a `!X` field; results that are boxed types.
    fn shape(&mut self, def: &Definition<'a>, params: &[Param<'a>], generics: &[&'a str]) {
        let mut declared: Vec<&str> = Vec::new();
        for p in params {
            if let ParamKind::Generic { name, .. } = &p.kind {
                if declared.contains(&name.text) {
                    self.diags.push(Diagnostic::error(
                        name.span,
                        format!("type parameter `{}` is declared twice", name.text),
                    ));
                }
                declared.push(name.text);
            }
        }
        let is_generic = |n: &str| generics.contains(&n);
        let fields = || {
            params.iter().filter_map(|p| match &p.kind {
                ParamKind::Field { ty, .. } => Some(ty),
                _ => None,
            })
        };
        for ty in fields() {
            self.kind_type(ty);
        }
        self.kind_type(&def.result);
        let result = &def.result;
        match def.section {
            Section::Types => {
                for ty in fields() {
                    if let Some(g) = find(ty, &|t| t.bang || is_generic(t.name)) {
                        self.diags.push(Diagnostic::error(
                            g.span,
                            format!(
                                "constructor `{}` uses type parameter `{}`: type parameters are only supported in \
                                 functions (`query:!X`)",
                                def.name.text, g.name
                            ),
                        ));
                    }
                }
                if is_generic(result.name) {
                    self.diags.push(Diagnostic::error(
                        result.span,
                        format!(
                            "the result of constructor `{}` is type parameter `{}`: a constructor's result is the \
                             type it builds",
                            def.name.text, result.name
                        ),
                    ));
                } else if result.is_bare() && result.name != "true" {
                    self.diags.push(Diagnostic::error(
                        result.span,
                        format!(
                            "the result of a constructor must be a boxed type (capitalized), found `{}`",
                            result.name
                        ),
                    ));
                }
            }
            Section::Functions => {
                let carried = |n: &str| fields().any(|t| t.bang && t.name == n);
                for ty in fields() {
                    let loose = |t: &Type<'_>| !t.bang && is_generic(t.name);
                    if let Some(g) = find(ty, &loose) {
                        self.diags.push(Diagnostic::error(
                            g.span,
                            format!(
                                "type parameter `{0}` can only be used as `!{0}`, the type of a whole field (a \
                                 function to send)",
                                g.name
                            ),
                        ));
                    }
                    for arg in &ty.args {
                        if let Some(g) = find(arg, &|t| t.bang) {
                            self.diags.push(Diagnostic::error(
                                g.span,
                                format!("`!{}` can only be the type of a whole field", g.name),
                            ));
                        }
                    }
                }
                if let Some(g) = find(result, &|t| is_generic(t.name) && !carried(t.name)) {
                    self.diags.push(Diagnostic::error(
                        g.span,
                        format!("the result names type parameter `{0}`, but no field carries `!{0}`", g.name),
                    ));
                }
                let bare_result = result.percent
                    || (result.is_bare()
                        && !is_generic(result.name)
                        && !builtins::lookup(result.name).is_some_and(|b| {
                            !matches!(b, builtins::Builtin::True | builtins::Builtin::Type | builtins::Builtin::Vector)
                        }));
                // The answer is read as its type's boxed form at every level: a bare part inside
                // (`Vector<%Foo>`, `Vector<vector<int>>`) has no Rust type that reads it so.
                let bare_inside = |t: &Type<'_>| {
                    t.percent
                        || t.name == "vector"
                        || (t.is_bare()
                            && !is_generic(t.name)
                            && !builtins::lookup(t.name)
                                .is_some_and(|b| !matches!(b, builtins::Builtin::True | builtins::Builtin::Type)))
                };
                if let Some(t) = result.args.iter().find_map(|a| find(a, &bare_inside)) {
                    self.diags.push(Diagnostic::error(
                        t.span,
                        format!(
                            "a function's answer is read boxed at every level, but `{}{}` is bare here: write its \
                             boxed type",
                            if t.percent { "%" } else { "" },
                            t.name
                        ),
                    ));
                }
                if result.name == "true" {
                    self.diags.push(Diagnostic::error(
                        result.span,
                        format!("function `{}` returns `{}`, which carries no value", def.name.text, result.name),
                    ));
                } else if bare_result {
                    self.diags.push(Diagnostic::error(
                        result.span,
                        format!(
                            "the result of a function must be a boxed type (its answer starts with a constructor id), \
                             found `{}{}`",
                            if result.percent { "%" } else { "" },
                            result.name
                        ),
                    ));
                }
            }
        }
    }

    /// `Type` is only the kind of a type parameter; `Vector` takes exactly one argument; `True`
    /// is kept to check it is declared.
    fn kind_type(&mut self, ty: &Type<'a>) {
        if let Some(t) = find(ty, &|t| t.name == "True") {
            self.uses_true.push(t.span);
        }
        if let Some(t) = find(ty, &|t| t.name == "Type") {
            self.diags.push(Diagnostic::error(
                t.span,
                "`Type` is the kind of a type parameter, not a type: declare `{X:Type}` and use `!X`",
            ));
        }
        if let Some(t) = find(ty, &|t| matches!(t.name, "Vector" | "vector") && t.args.len() != 1) {
            self.diags.push(Diagnostic::error(
                t.span,
                format!("`{}` takes exactly one type argument, found {}", t.name, t.args.len()),
            ));
        }
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
        if !ty.args.is_empty() && !matches!(ty.name, "Vector" | "vector") {
            self.diags.push(Diagnostic::error(ty.span, no_arguments(ty.name)));
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
        bool_constructors(schema, diags);
        opaque_builtins(schema, lines, diags);
        if !bare.declares_type("True") {
            for &span in &self.uses_true {
                diags.push(Diagnostic::error(
                    span,
                    "`True` has no constructor in this schema, so no value: write `flags.N?true`, or declare \
                     `true = True;`",
                ));
            }
        }
        // Known types: the implicit ones, the result types of constructors (the keys of `bare`),
        // and, rarely needed, constructor names (a bare type written without `%`).
        let ctx = Ctx { bare, constructors: OnceCell::new(), types: &self.types, dialect: schema.dialect };
        let mut i = 0;
        while i < self.types.len() {
            i = ctx.ty(i, diags);
        }
    }
}

/// The error for type arguments on a type that takes none.
fn no_arguments(name: &str) -> String {
    format!("type `{name}` takes no type arguments (only `Vector` does)")
}

/// The first type in `ty` (itself, then its arguments, depth first) that `pred` picks.
fn find<'t, 'a>(ty: &'t Type<'a>, pred: &impl Fn(&Type<'a>) -> bool) -> Option<&'t Type<'a>> {
    if pred(ty) {
        return Some(ty);
    }
    ty.args.iter().find_map(|a| find(a, pred))
}

/// Reports ids used twice. (Names defined twice are reported before, in the same order: for one
/// definition, the name first.)
fn duplicate_ids(schema: &Schema<'_>, lines: &LineIndex<'_>, diags: &mut Vec<Diagnostic>) {
    // Per section: id -> index of the last definition seen with it.
    let mut types: FastMap<u32, u32> = FastMap::default();
    let mut functions: FastMap<u32, u32> = FastMap::default();
    types.reserve(schema.definitions.len());
    for (index, def) in schema.definitions.iter().enumerate() {
        if def.builtin {
            continue;
        }
        let id = def.wire_id();
        let (own, other) = match def.section {
            Section::Types => (&mut types, &functions),
            Section::Functions => (&mut functions, &types),
        };
        if let Some(previous) = own.insert(id, index as u32)
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
        } else if let Some(&previous) = other.get(&id) {
            let first = &schema.definitions[previous as usize];
            let (line, _) = lines.line_col(first.name.span.start);
            let what = match first.section {
                Section::Types => "constructor",
                Section::Functions => "function",
            };
            diags.push(Diagnostic::warning(
                def.name.span,
                format!(
                    "id #{id:08x} of `{}` is also the id of {what} `{}` on line {line}: bytes starting with it \
                     read as either",
                    def.name.text, first.name.text
                ),
            ));
        }
    }
}

/// A type declared by a builtin the table does not know and whose width cannot be computed
/// (`foo# = Foo;`, `blob ? = Blob;`) has no layout code can be generated for: each use of it is
/// an error.
fn opaque_builtins(schema: &Schema<'_>, lines: &LineIndex<'_>, diags: &mut Vec<Diagnostic>) {
    let opaque: Vec<&Definition<'_>> = schema
        .definitions
        .iter()
        .filter(|d| {
            d.builtin
                && builtins::entry(d.result.name).is_none()
                && builtins::entry(d.name.text).is_none()
                && builtins::declared_width(d).is_none()
        })
        .collect();
    if opaque.is_empty() {
        return;
    }
    for def in schema.items() {
        for ty in def
            .params
            .iter()
            .filter_map(|p| match &p.kind {
                ParamKind::Field { ty, .. } => Some(ty),
                _ => None,
            })
            .chain(std::iter::once(&def.result).filter(|_| def.section == Section::Functions))
        {
            let by = |t: &Type<'_>| opaque.iter().find(|o| o.name.text == t.name || o.result.name == t.name);
            if let Some(t) = find(ty, &|t| by(t).is_some())
                && let Some(o) = by(t)
            {
                let (line, _) = lines.line_col(o.span.start);
                diags.push(Diagnostic::error(
                    t.span,
                    format!(
                        "type `{}` is declared by builtin `{}` on line {line}, whose layout tlayer does not know",
                        t.name, o.name.text
                    ),
                ));
            }
        }
    }
}

/// Constructors of `Bool` other than the two the runtime writes are not generated: say so.
fn bool_constructors(schema: &Schema<'_>, diags: &mut Vec<Diagnostic>) {
    for def in schema.items().filter(|d| d.section == Section::Types && d.result.name == "Bool") {
        if !builtins::BOOL_CONSTRUCTORS.contains(&(def.name.text, def.wire_id())) {
            let [(t, tid), (f, fid)] = builtins::BOOL_CONSTRUCTORS;
            diags.push(Diagnostic::warning(
                def.name.span,
                format!(
                    "`{}#{:08x}` is a constructor of `Bool`, which keeps its builtin meaning (`{t}#{tid:08x}` or \
                     `{f}#{fid:08x}`): nothing is generated for it",
                    def.name.text,
                    def.wire_id()
                ),
            ));
        }
    }
}

struct Ctx<'k, 'a> {
    bare: &'k BareNames<'a>,
    /// Every constructor name, made on first need.
    constructors: OnceCell<FastSet<&'a str>>,
    types: &'k [TypeRef<'a>],
    /// The schema's dialect: TON knows more names undeclared.
    dialect: Dialect,
}

impl Ctx<'_, '_> {
    /// `name` is an implicit type, a declared boxed type or a constructor.
    fn is_known(&self, name: &str) -> bool {
        builtins::is_known_in(name, self.dialect)
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
        } else if end > i + 1 && !matches!(ty.name, "Vector" | "vector") {
            diags.push(Diagnostic::error(ty.span, no_arguments(ty.name)));
            return end;
        }
        let mut j = i + 1;
        while j < end {
            j = self.ty(j, diags);
        }
        end
    }
}
