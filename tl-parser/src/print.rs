//! The canonical text of a schema: one definition per line, ids as 8 hex digits, single spaces,
//! section markers only where the section changes, docs and layer markers kept in place.
//! Parsing the printed text gives the same definitions.
//!
//! [`print()`] leaves plain comments out; [`format()`], what `tlayer fmt` prints, puts them back:
//!
//! - a comment alone on its line stays on a line of its own, before the definition that follows
//!   it (on the same side of a section marker);
//! - a comment after a definition on the same line stays after it on that line; so does one
//!   inside a definition (`foo /* c */ x:int = Foo;`), which cannot stay where it was, as do
//!   `//` comments inside a definition written over several lines, each on a line of its own;
//! - blank lines are not kept.
//!
//! Formatting the output again gives the same text, and every comment's text is kept.

use crate::ast::*;
use std::fmt::Write as _;

/// Prints `schema` as canonical TL text, without plain comments.
pub fn print(schema: &Schema<'_>) -> String {
    Printer::new(schema, &[]).run()
}

/// Prints `schema` as canonical TL text with its plain comments kept in place: what `tlayer fmt`
/// prints.
pub fn format(schema: &Schema<'_>) -> String {
    Printer::new(schema, &schema.comments).run()
}

/// What the last line of the output ends with, which decides where a trailing comment goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LastLine {
    /// Nothing yet, a doc or a marker, or a `//` comment: a comment after it needs its own line.
    Closed,
    /// A definition or a `/* */` comment: a trailing comment may follow on the same line.
    Open,
}

struct Printer<'s, 'a> {
    schema: &'s Schema<'a>,
    comments: &'s [PlainComment<'a>],
    out: String,
    section: Section,
    last: LastLine,
    markers: usize,
    classes: usize,
    next_comment: usize,
}

impl<'s, 'a> Printer<'s, 'a> {
    fn new(schema: &'s Schema<'a>, comments: &'s [PlainComment<'a>]) -> Self {
        let size = schema.definitions.len() * 80 + comments.iter().map(|c| c.text.len() + 1).sum::<usize>();
        Printer {
            schema,
            comments,
            out: String::with_capacity(size),
            section: Section::Types,
            last: LastLine::Closed,
            markers: 0,
            classes: 0,
            next_comment: 0,
        }
    }

    fn run(mut self) -> String {
        let schema = self.schema;
        for def in &schema.definitions {
            self.before(def.span.start);
            self.switch_section(def.section);
            print_docs(&mut self.out, &def.docs);
            print_definition(&mut self.out, def);
            self.out.push('\n');
            self.last = LastLine::Open;
            // Comments inside the definition go after it.
            while let Some(c) = self.comments.get(self.next_comment).filter(|c| c.span.start < def.span.end) {
                self.next_comment += 1;
                self.comment(c, false);
            }
        }
        self.before(u32::MAX);
        self.out
    }

    /// Prints the layer markers, class docs and comments that start before byte `offset`, in
    /// source order.
    fn before(&mut self, offset: u32) {
        let schema = self.schema;
        loop {
            let marker = schema.layer_markers.get(self.markers).map(|m| m.span.start).filter(|&s| s < offset);
            let class = schema.class_docs.get(self.classes).map(|c| c.span.start).filter(|&s| s < offset);
            let comment = self.comments.get(self.next_comment).map(|c| c.span.start).filter(|&s| s < offset);
            let first = [marker, class, comment].into_iter().flatten().min();
            match first {
                None => return,
                Some(s) if Some(s) == marker => {
                    let _ = writeln!(self.out, "// LAYER {}", schema.layer_markers[self.markers].layer);
                    self.markers += 1;
                    self.last = LastLine::Closed;
                }
                Some(s) if Some(s) == class => {
                    print_class(&mut self.out, &schema.class_docs[self.classes]);
                    self.classes += 1;
                    self.last = LastLine::Closed;
                }
                Some(_) => {
                    let c = &self.comments[self.next_comment];
                    self.next_comment += 1;
                    self.switch_section(c.section);
                    self.comment(c, c.own_line);
                }
            }
        }
    }

    /// Prints a section marker if `section` is not the current one.
    fn switch_section(&mut self, section: Section) {
        if section != self.section {
            self.section = section;
            self.out.push_str(match section {
                Section::Types => "---types---\n",
                Section::Functions => "---functions---\n",
            });
            self.last = LastLine::Closed;
        }
    }

    /// Prints a comment on a line of its own, or after the last line when it trails it and may.
    fn comment(&mut self, c: &PlainComment<'_>, own_line: bool) {
        if !own_line && self.last == LastLine::Open {
            self.out.pop(); // the newline
            self.out.push(' ');
        }
        self.out.push_str(c.text);
        self.out.push('\n');
        self.last = if c.text.starts_with("/*") { LastLine::Open } else { LastLine::Closed };
    }
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
