//! The canonical text of a schema: one definition per line, ids as 8 hex digits, single spaces,
//! section markers only where the section changes, docs and layer markers kept in place.
//! Parsing the printed text gives the same definitions.

use crate::ast::*;
use std::fmt::Write as _;

/// Prints `schema` as canonical TL text.
pub fn print(schema: &Schema<'_>) -> String {
    let mut out = String::with_capacity(schema.definitions.len() * 80);
    let mut section = Section::Types;
    let mut markers = schema.layer_markers.iter().peekable();
    let mut classes = schema.class_docs.iter().peekable();
    for def in &schema.definitions {
        while let Some(m) = markers.next_if(|m| m.span.start < def.span.start) {
            let _ = writeln!(out, "// LAYER {}", m.layer);
        }
        while let Some(c) = classes.next_if(|c| c.span.start < def.span.start) {
            print_class(&mut out, c);
        }
        if def.section != section {
            section = def.section;
            out.push_str(match section {
                Section::Types => "---types---\n",
                Section::Functions => "---functions---\n",
            });
        }
        print_docs(&mut out, &def.docs);
        print_definition(&mut out, def);
        out.push('\n');
    }
    for m in markers {
        let _ = writeln!(out, "// LAYER {}", m.layer);
    }
    for c in classes {
        print_class(&mut out, c);
    }
    out
}

/// One `//@tag text` line per tag. A tag named `class` goes on the line before it (a line that
/// starts with `@class` documents a type). Text that would read as a new tag (`a @b`, which a `//-`
/// continuation line can produce) goes on `//-` lines, so the docs parse back as they were.
fn print_docs(out: &mut String, docs: &Docs<'_>) {
    let mut first = true;
    let tags = docs.description.as_ref().map(|d| ("description", d)).into_iter();
    for (name, text) in tags.chain(docs.params.iter().map(|(n, t)| (*n, t))) {
        if name == "class" && !first {
            out.pop(); // the newline
            out.push(' ');
        } else {
            out.push_str("//");
        }
        first = false;
        out.push('@');
        out.push_str(name);
        if !text.starts_with('@') {
            // `//@a@b` documents `a` with `@b`; `//@a @b` would be two tags.
            out.push(' ');
        }
        let mut rest: &str = text;
        while let Some(at) = next_tag_start(rest) {
            out.push_str(rest[..at].trim_end());
            out.push_str("\n//-");
            rest = &rest[at..];
        }
        out.push_str(rest);
        out.push('\n');
    }
}

/// Where the first `@name` that the doc parser would take as a tag starts (after a space or tab).
fn next_tag_start(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    (1..b.len()).find(|&i| {
        b[i] == b'@'
            && (b[i - 1] == b' ' || b[i - 1] == b'\t')
            && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    })
}

fn print_class(out: &mut String, c: &ClassDoc<'_>) {
    // `//@class@x` names the class `@x`; a space there would start another tag.
    let gap = |text: &str| if text.starts_with('@') { "" } else { " " };
    let (name, description) = (c.name, &c.description);
    let _ = writeln!(out, "//@class{}{name} @description{}{description}", gap(name), gap(description));
}

/// Appends the canonical line of one definition, without a newline.
pub fn print_definition(out: &mut String, def: &Definition<'_>) {
    out.push_str(def.name.text);
    if let Some(id) = def.written_id {
        let _ = write!(out, "#{id:08x}");
    }
    for p in &def.params {
        out.push(' ');
        print_param(out, p);
    }
    out.push_str(" = ");
    if def.result.args.iter().any(|a| a.bang) {
        // `Foo !X` would not parse back: keep the angle brackets.
        print_type(out, &def.result);
    } else {
        if def.result.percent {
            out.push('%');
        }
        out.push_str(def.result.name);
        for a in &def.result.args {
            out.push(' ');
            print_type(out, a);
        }
    }
    out.push(';');
}

fn print_param(out: &mut String, p: &Param<'_>) {
    match &p.kind {
        ParamKind::Generic { name, ty } => {
            let _ = write!(out, "{{{}:", name.text);
            print_type(out, ty);
            out.push('}');
        }
        ParamKind::Field { name, cond, ty } => {
            let _ = write!(out, "{}:", name.text);
            if let Some(f) = cond {
                let _ = write!(out, "{}.{}?", f.field.text, f.bit);
            }
            print_type(out, ty);
        }
        ParamKind::Anonymous(ty) => print_type(out, ty),
        ParamKind::Repeat { count, items } => {
            if let Some(n) = count {
                let _ = write!(out, "{n}*");
            }
            out.push('[');
            for item in items {
                out.push(' ');
                print_param(out, item);
            }
            out.push_str(" ]");
        }
        ParamKind::Opaque => out.push('?'),
    }
}

/// Appends a type as `!%Name<A,B>`.
pub fn print_type(out: &mut String, ty: &Type<'_>) {
    if ty.bang {
        out.push('!');
    }
    if ty.percent {
        out.push('%');
    }
    out.push_str(ty.name);
    if !ty.args.is_empty() {
        out.push('<');
        for (i, a) in ty.args.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            print_type(out, a);
        }
        out.push('>');
    }
}
