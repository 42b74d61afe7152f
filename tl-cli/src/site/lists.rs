//! The pages that list: the index, all constructors, functions and types, each layer step, and
//! the search index the script reads.

use super::Site;
use super::escape::{file_stem, push_js_string};
use super::layout::Page;
use std::fmt::Write as _;
use tlayer_parser::Section;
use tlayer_parser::diff::Entry;

impl Site<'_> {
    /// The page of the step into layer index `layer` (1 or more), relative to the root.
    pub fn step_path(&self, layer: usize) -> String {
        format!("layer/{}", self.step_files[layer - 1])
    }

    /// Definitions in the newest layer, of `section`.
    fn current(&self, section: Section) -> usize {
        let c = &self.catalog;
        c.defs.iter().filter(|d| d.section == section && d.removed_in(c.layers.len()).is_none()).count()
    }

    /// Types with a constructor in the newest layer.
    fn current_types(&self) -> usize {
        (0..self.catalog.types.len()).filter(|&t| self.catalog.type_removed_in(t).is_none()).count()
    }

    /// `index.html`.
    pub fn index_page(&self) -> Page {
        let c = &self.catalog;
        let mut page = Page::open("index.html".to_string(), "Index", &self.title);
        page.raw("<h1>");
        page.text(&self.title);
        page.raw("</h1>\n<p class=\"lead\">");
        let newest = match c.layers.last().copied().flatten() {
            Some(n) => format!(" in layer {n}"),
            None => String::new(),
        };
        let _ = writeln!(
            page.html,
            "{} constructors, {} functions and {} types{newest}. Type in the search box to find any name; \
             press <kbd>/</kbd> to get there from any page.</p>",
            self.current(Section::Types),
            self.current(Section::Functions),
            self.current_types(),
        );
        page.raw("<h2 id=\"browse\">Browse</h2>\n<ul class=\"browse\">\n");
        let all = |s: Section| c.defs.iter().filter(|d| d.section == s).count();
        for (file, label, n) in [
            ("constructors.html", "Constructors", all(Section::Types)),
            ("functions.html", "Functions", all(Section::Functions)),
            ("types.html", "Types", c.types.len()),
        ] {
            page.raw("<li>");
            page.link(file, label);
            let _ = writeln!(page.html, " <span class=\"count\">{n}</span></li>");
        }
        page.raw("</ul>\n");
        if c.layered() {
            page.raw(
                "<h2 id=\"layers\">Layers</h2>\n<table class=\"steps\">\n<thead><tr><th>Step</th>\
                      <th>Added</th><th>Removed</th><th>Changed</th><th>Renamed</th></tr></thead>\n<tbody>\n",
            );
            for (i, step) in c.steps.iter().enumerate() {
                page.raw("<tr><td>");
                let label = format!("Layer {} → {}", c.layer_label(i), c.layer_label(i + 1));
                page.link(&self.step_path(i + 1), &label);
                let _ = writeln!(
                    page.html,
                    "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    step.added.len(),
                    step.removed.len(),
                    step.changed.len(),
                    step.renamed.len()
                );
            }
            page.raw("</tbody>\n</table>\n");
        }
        page.raw("<h2 id=\"inputs\">Schemas</h2>\n<ul class=\"inputs\">\n");
        for (name, layer) in &self.sources {
            page.raw("<li>");
            if let Some(n) = layer {
                let _ = write!(page.html, "Layer {n}: ");
            }
            page.code(name);
            page.raw("</li>\n");
        }
        page.raw("</ul>\n");
        page.close()
    }

    /// `constructors.html` or `functions.html`: every definition of `section`.
    pub fn section_page(&self, section: Section) -> Page {
        let c = &self.catalog;
        let (file, title) = match section {
            Section::Types => ("constructors.html", "Constructors"),
            Section::Functions => ("functions.html", "Functions"),
        };
        let mut page = Page::open(file.to_string(), title, &self.title);
        let _ = writeln!(page.html, "<h1>{title}</h1>");
        page.raw("<ul class=\"names cols\">\n");
        for (d, def) in c.defs.iter().enumerate().filter(|(_, d)| d.section == section) {
            page.raw("<li>");
            self.def_link(&mut page, d);
            let _ = write!(page.html, " <code class=\"id\">#{:08x}</code>", def.latest().def.wire_id());
            Self::push_badges(&mut page, &self.badges(d));
            page.raw("</li>\n");
        }
        page.raw("</ul>\n");
        page.close()
    }

    /// `types.html`: every boxed type with its number of constructors.
    pub fn types_page(&self) -> Page {
        let c = &self.catalog;
        let mut page = Page::open("types.html".to_string(), "Types", &self.title);
        page.raw("<h1>Types</h1>\n<ul class=\"names cols\">\n");
        for (t, ty) in c.types.iter().enumerate() {
            page.raw("<li>");
            page.link(&c.type_path(t), ty.name);
            let _ = write!(page.html, " <span class=\"count\">{}</span>", ty.constructors.len());
            if let Some(layer) = c.type_removed_in(t) {
                let text = format!("removed in layer {}", c.layer_label(layer));
                Self::push_badges(&mut page, &[super::pages::Badge { class: "removed", text }]);
            }
            page.raw("</li>\n");
        }
        page.raw("</ul>\n");
        page.close()
    }

    /// The page of the step into layer index `layer`: what `tlayer diff` lists, linked.
    pub fn step_page(&self, layer: usize) -> Page {
        let c = &self.catalog;
        let step = &c.steps[layer - 1];
        let (from, to) = (c.layer_label(layer - 1), c.layer_label(layer));
        let mut page = Page::open(self.step_path(layer), &format!("Layer {from} → {to}"), &self.title);
        let _ = writeln!(page.html, "<h1>Layer {from} → {to}</h1>");
        page.raw("<p class=\"nav\">");
        if layer > 1 {
            let label = format!("← layer {} → {from}", c.layer_label(layer - 2));
            page.link(&self.step_path(layer - 1), &label);
            page.raw(" ");
        }
        if layer + 1 < c.layers.len() {
            let label = format!("layer {to} → {} →", c.layer_label(layer + 1));
            page.link(&self.step_path(layer + 1), &label);
        }
        page.raw("</p>\n<p class=\"lead\">");
        page.text(&step.summary());
        page.raw("</p>\n");

        let entries = |page: &mut Page, id: &str, title: &str, list: &[Entry], class: &str| {
            if list.is_empty() {
                return;
            }
            let _ =
                writeln!(page.html, "<h2 id=\"{id}\">{title} ({})</h2>\n<ul class=\"entries {class}\">", list.len());
            for e in list {
                page.raw("<li>");
                self.name_link(page, e.section, &e.name);
                let _ = write!(page.html, " <code class=\"id\">#{:08x}</code>", e.id);
                if e.section == Section::Functions {
                    page.raw(" <span class=\"kindnote\">function</span>");
                }
                page.raw("</li>\n");
            }
            page.raw("</ul>\n");
        };
        entries(&mut page, "added", "Added", &step.added, "added");
        entries(&mut page, "removed", "Removed", &step.removed, "removed");
        if !step.changed.is_empty() {
            let _ = writeln!(
                page.html,
                "<h2 id=\"changed\">Changed ({})</h2>\n<ul class=\"entries changed\">",
                step.changed.len()
            );
            for ch in &step.changed {
                page.raw("<li>");
                self.name_link(&mut page, ch.section, &ch.name);
                let _ = write!(
                    page.html,
                    " <code class=\"id\">#{:08x}</code> → <code class=\"id\">#{:08x}</code>",
                    ch.old_id, ch.new_id
                );
                if ch.section == Section::Functions {
                    page.raw(" <span class=\"kindnote\">function</span>");
                }
                let details = ch.details();
                if !details.is_empty() {
                    page.raw(": ");
                    for (i, d) in details.iter().enumerate() {
                        if i > 0 {
                            page.raw(", ");
                        }
                        page.code(d);
                    }
                }
                page.raw("</li>\n");
            }
            page.raw("</ul>\n");
        }
        if !step.renamed.is_empty() {
            let _ = writeln!(
                page.html,
                "<h2 id=\"renamed\">Renamed ({})</h2>\n<ul class=\"entries renamed\">",
                step.renamed.len()
            );
            for r in &step.renamed {
                page.raw("<li>");
                self.name_link(&mut page, r.section, &r.old_name);
                page.raw(" → ");
                self.name_link(&mut page, r.section, &r.new_name);
                let _ = writeln!(page.html, " <code class=\"id\">#{:08x}</code></li>", r.id);
            }
            page.raw("</ul>\n");
        }
        if step.is_empty() {
            page.raw("<p class=\"none\">Nothing changed on the wire.</p>\n");
        }
        page.close()
    }

    /// A link to the page of `name` in `section`, or the name alone if it has none.
    fn name_link(&self, page: &mut Page, section: Section, name: &str) {
        match self.catalog.def(section, name) {
            Some(d) => self.def_link(page, d),
            None => page.code(name),
        }
    }

    /// `search-index.js`: `window.TL_INDEX=` then a JSON array `[[name, kind(, file)], ...]`. Kind is `c`, `f` or
    /// `t` (constructor, function, type), upper case when the newest layer lacks it; the file is
    /// given only when it is not `NAME.html`.
    pub fn search_index(&self) -> String {
        let c = &self.catalog;
        let mut out = String::with_capacity((c.defs.len() + c.types.len()) * 40);
        out.push_str("window.TL_INDEX=[");
        let mut entry = |name: &str, kind: char, file: &str| {
            out.push_str(if out.ends_with('[') { "\n[" } else { ",\n[" });
            push_js_string(&mut out, name);
            let _ = write!(out, ",\"{kind}\"");
            if file.strip_suffix(".html") != Some(file_stem(name).as_str()) || file_stem(name) != name {
                out.push(',');
                push_js_string(&mut out, file);
            }
            out.push(']');
        };
        for def in &c.defs {
            let removed = def.removed_in(c.layers.len()).is_some();
            let kind = match (def.section, removed) {
                (Section::Types, false) => 'c',
                (Section::Types, true) => 'C',
                (Section::Functions, false) => 'f',
                (Section::Functions, true) => 'F',
            };
            entry(def.name, kind, &def.file);
        }
        for (t, ty) in c.types.iter().enumerate() {
            entry(ty.name, if c.type_removed_in(t).is_some() { 'T' } else { 't' }, &ty.file);
        }
        out.push_str("\n];\n");
        out
    }
}
