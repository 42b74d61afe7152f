//! The frame every page shares (head, header with the search box, footer) and the pieces pages
//! are made of: TL lines with linked types, field tables and field diffs.

use super::catalog::{Catalog, generic_names};
use super::escape::{self, push_html};
use std::fmt::Write as _;
use tlayer_parser::diff::Change;
use tlayer_parser::{Definition, Param, ParamKind, Type};

/// A field diff lists at most this many unchanged fields among the changes; more are folded.
pub const UNCHANGED_INLINE: usize = 6;

/// A page being written: its path from the site's root and its HTML.
pub struct Page {
    /// Path relative to the root, `/`-separated (`c/user.html`).
    pub path: String,
    /// The HTML.
    pub html: String,
    /// `../` for each folder level of `path`: prefixed to every root-relative link.
    pub root: &'static str,
}

impl Page {
    /// Opens a page at `path` titled `title` (escaped here) on the site `site`.
    pub fn open(path: String, title: &str, site: &str) -> Page {
        let root = if path.contains('/') { "../" } else { "" };
        let body = if path == "index.html" { " class=\"index\"" } else { "" };
        let mut html = String::with_capacity(4096);
        let _ = write!(
            html,
            "<!DOCTYPE html>\n<html lang=\"en\" data-root=\"{root}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{} · {}</title>\n<link rel=\"icon\" href=\"data:,\">\n\
             <link rel=\"stylesheet\" href=\"{root}style.css\">\n\
             <script src=\"{root}search-index.js\" defer></script>\n<script src=\"{root}site.js\" defer></script>\n\
             </head>\n<body{body}>\n<header><a class=\"home\" href=\"{root}index.html\">{}</a>\
             <div class=\"search\"><input id=\"q\" type=\"search\" placeholder=\"Search names (press /)\" \
             autocomplete=\"off\" spellcheck=\"false\" aria-label=\"Search names\">\
             <ol id=\"results\" hidden></ol></div></header>\n<main>\n",
            escape::html(title),
            escape::html(site),
            escape::html(site),
        );
        Page { path, html, root }
    }

    /// Appends escaped text.
    pub fn text(&mut self, s: &str) {
        push_html(&mut self.html, s);
    }

    /// Appends markup as written (never schema text).
    pub fn raw(&mut self, s: &str) {
        self.html.push_str(s);
    }

    /// Appends a link to the root-relative `target` showing `label` (escaped).
    pub fn link(&mut self, target: &str, label: &str) {
        let _ = write!(self.html, "<a href=\"{}{}\">", self.root, escape::html(target));
        self.text(label);
        self.html.push_str("</a>");
    }

    /// Appends `<code>` around escaped `s`.
    pub fn code(&mut self, s: &str) {
        self.html.push_str("<code>");
        self.text(s);
        self.html.push_str("</code>");
    }

    /// Closes the page.
    pub fn close(mut self) -> Page {
        self.html.push_str(concat!(
            "</main>\n<footer>Written by <code>tlayer site</code> ",
            env!("CARGO_PKG_VERSION"),
            ". Works offline.</footer>\n</body>\n</html>\n"
        ));
        self
    }

    /// Appends `def`'s TL line: name, wire id, parameters with linked types, result.
    pub fn tl_line(&mut self, catalog: &Catalog<'_>, def: &Definition<'_>) {
        let generics = generic_names(def);
        self.html.push_str("<pre class=\"tl\"><code>");
        self.html.push_str("<span class=\"name\">");
        self.text(def.name.text);
        let _ = write!(self.html, "</span><span class=\"id\">#{:08x}</span>", def.wire_id());
        for p in &def.params {
            self.html.push(' ');
            self.param(catalog, p, &generics);
        }
        self.html.push_str(" = ");
        self.ty(catalog, &def.result, &generics);
        self.html.push_str(";</code></pre>\n");
    }

    fn param(&mut self, catalog: &Catalog<'_>, p: &Param<'_>, generics: &[&str]) {
        match &p.kind {
            ParamKind::Generic { name, ty } => {
                self.html.push('{');
                self.text(name.text);
                self.html.push(':');
                self.ty(catalog, ty, generics);
                self.html.push('}');
            }
            ParamKind::Field { name, cond, ty } => {
                self.html.push_str("<span class=\"field\">");
                self.text(name.text);
                self.html.push_str("</span>:");
                if let Some(flag) = cond {
                    self.html.push_str("<span class=\"flag\">");
                    self.text(flag.field.text);
                    let _ = write!(self.html, ".{}?</span>", flag.bit);
                }
                self.ty(catalog, ty, generics);
            }
            ParamKind::Anonymous(ty) => self.ty(catalog, ty, generics),
            ParamKind::Repeat { count, items } => {
                if let Some(n) = count {
                    let _ = write!(self.html, "{n}*");
                }
                self.html.push('[');
                for item in items {
                    self.html.push(' ');
                    self.param(catalog, item, generics);
                }
                self.html.push_str(" ]");
            }
            ParamKind::Opaque => self.html.push('?'),
        }
    }

    /// Appends a type as TL writes it (`!%Name<A,B>`), each name linked to its page if it has one.
    pub fn ty(&mut self, catalog: &Catalog<'_>, ty: &Type<'_>, generics: &[&str]) {
        if ty.bang {
            self.html.push('!');
        }
        if ty.percent {
            self.html.push('%');
        }
        let target = (!generics.contains(&ty.name)).then(|| catalog.type_target(ty.name)).flatten();
        match target {
            Some(target) => self.link(&target, ty.name),
            None => {
                self.html.push_str("<span class=\"prim\">");
                self.text(ty.name);
                self.html.push_str("</span>");
            }
        }
        if !ty.args.is_empty() {
            self.html.push_str("&lt;");
            for (i, a) in ty.args.iter().enumerate() {
                if i > 0 {
                    self.html.push(',');
                }
                self.ty(catalog, a, generics);
            }
            self.html.push_str("&gt;");
        }
    }

    /// A field's type with its flag condition, linked.
    fn field_type(&mut self, catalog: &Catalog<'_>, def: &Definition<'_>, name: &str) {
        let generics = generic_names(def);
        if let Some((_, cond, ty)) = def.fields().find(|(n, _, _)| n.text == name) {
            if let Some(flag) = cond {
                self.html.push_str("<span class=\"flag\">");
                self.text(flag.field.text);
                let _ = write!(self.html, ".{}?</span>", flag.bit);
            }
            self.ty(catalog, ty, &generics);
        }
    }

    /// The fields of `def` as a table: name, linked type, `//@` doc.
    pub fn fields_table(&mut self, catalog: &Catalog<'_>, def: &Definition<'_>) {
        if def.fields().next().is_none() {
            self.raw("<p class=\"none\">No fields.</p>\n");
            return;
        }
        let documented = def.fields().any(|(n, _, _)| def.docs.param(n.text).is_some());
        self.raw("<table class=\"fields\">\n<thead><tr><th>Field</th><th>Type</th>");
        if documented {
            self.raw("<th>Description</th>");
        }
        self.raw("</tr></thead>\n<tbody>\n");
        for (name, _, _) in def.fields() {
            self.raw("<tr><td><code>");
            self.text(name.text);
            self.raw("</code></td><td><code>");
            self.field_type(catalog, def, name.text);
            self.raw("</code></td>");
            if documented {
                self.raw("<td>");
                self.text(def.docs.param(name.text).unwrap_or(""));
                self.raw("</td>");
            }
            self.raw("</tr>\n");
        }
        self.raw("</tbody>\n</table>\n");
    }

    /// The field diff from `change`: each field of `new` marked added, retyped or kept, then the
    /// removed fields, the result type and whether fields were reordered. When more than
    /// [`UNCHANGED_INLINE`] fields are kept, they go in a closed `<details>` after the changes.
    pub fn field_diff(&mut self, catalog: &Catalog<'_>, change: &Change, new: &Definition<'_>) {
        let rows: Vec<(&str, &'static str, &'static str, Option<&str>)> = new
            .fields()
            .map(|(name, _, _)| {
                let added = change.fields_added.iter().any(|f| f.name == name.text);
                let retyped = change.fields_retyped.iter().find(|r| r.name == name.text);
                match (added, retyped) {
                    (true, _) => (name.text, "add", "+", None),
                    (_, Some(r)) => (name.text, "retype", "~", Some(r.old.as_str())),
                    _ => (name.text, "same", " ", None),
                }
            })
            .collect();
        let kept = rows.iter().filter(|r| r.1 == "same").count();
        let inline = kept <= UNCHANGED_INLINE;
        self.raw("<table class=\"diff\">\n<tbody>\n");
        for &(name, class, mark, old) in rows.iter().filter(|r| inline || r.1 != "same") {
            self.diff_row(catalog, new, name, class, mark, old);
        }
        for f in &change.fields_removed {
            self.raw("<tr class=\"del\"><td class=\"mark\">-</td><td><code>");
            self.text(&f.name);
            self.raw(":");
            self.text(&f.ty);
            self.raw("</code></td></tr>\n");
        }
        if let Some((old, new)) = &change.result {
            self.raw("<tr class=\"retype\"><td class=\"mark\">=</td><td>result <code>");
            self.text(old);
            self.raw("</code> → <code>");
            self.text(new);
            self.raw("</code></td></tr>\n");
        }
        if change.reordered {
            self.raw("<tr class=\"retype\"><td class=\"mark\">↕</td><td>fields reordered</td></tr>\n");
        }
        self.raw("</tbody>\n</table>\n");
        if !inline {
            let _ = write!(
                self.html,
                "<details class=\"kept\"><summary>{kept} unchanged fields</summary>\n<table class=\"diff\">\n<tbody>\n"
            );
            for &(name, class, mark, old) in rows.iter().filter(|r| r.1 == "same") {
                self.diff_row(catalog, new, name, class, mark, old);
            }
            self.raw("</tbody>\n</table>\n</details>\n");
        }
    }

    /// One row of a field diff: mark, `name:type` (linked), and the old type of a retyped field.
    fn diff_row(
        &mut self,
        catalog: &Catalog<'_>,
        def: &Definition<'_>,
        name: &str,
        class: &str,
        mark: &str,
        old: Option<&str>,
    ) {
        let _ = write!(self.html, "<tr class=\"{class}\"><td class=\"mark\">{mark}</td><td><code>");
        self.text(name);
        self.raw(":");
        self.field_type(catalog, def, name);
        self.raw("</code>");
        if let Some(old) = old {
            self.raw(" <span class=\"was\">was <code>");
            self.text(old);
            self.raw("</code></span>");
        }
        self.raw("</td></tr>\n");
    }
}
