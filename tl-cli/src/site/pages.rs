//! The page of each constructor, function and boxed type.

use super::Site;
use super::catalog::{Def, Event};
use super::layout::Page;
use std::fmt::Write as _;
use tlayer_parser::Section;

/// A short label and a CSS class saying where a definition stands across the layers.
pub struct Badge {
    /// `new`, `changed` or `removed`.
    pub class: &'static str,
    /// `new in layer 3`.
    pub text: String,
}

impl Site<'_> {
    /// What stands out about definition `d` over the layers (nothing for a single schema).
    pub fn badges(&self, d: usize) -> Vec<Badge> {
        let c = &self.catalog;
        if !c.layered() {
            return Vec::new();
        }
        let def = &c.defs[d];
        let mut badges = Vec::new();
        if def.versions[0].since > 0 {
            badges.push(Badge { class: "new", text: format!("new in layer {}", c.layer_label(def.versions[0].since)) });
        }
        if let Some(Event::Changed { layer, .. }) =
            def.history().into_iter().rev().find(|e| matches!(e, Event::Changed { .. }))
        {
            badges.push(Badge { class: "changed", text: format!("changed in layer {}", c.layer_label(layer)) });
        }
        if let Some(layer) = def.removed_in(c.layers.len()) {
            badges.push(Badge { class: "removed", text: format!("removed in layer {}", c.layer_label(layer)) });
        }
        badges
    }

    /// Appends `badges` as spans.
    pub fn push_badges(page: &mut Page, badges: &[Badge]) {
        for b in badges {
            let _ = write!(page.html, " <span class=\"badge {}\">", b.class);
            page.text(&b.text);
            page.raw("</span>");
        }
    }

    /// A link to the page of layer index `layer` (the step into it), or plain text for the first.
    fn layer_link(&self, page: &mut Page, layer: usize) {
        let label = format!("Layer {}", self.catalog.layer_label(layer));
        if layer == 0 {
            page.raw("<span class=\"layer\">");
            page.text(&label);
            page.raw("</span>");
        } else {
            page.raw("<span class=\"layer\">");
            page.link(&self.step_path(layer), &label);
            page.raw("</span>");
        }
    }

    /// A link to definition `d`'s page showing its name.
    pub fn def_link(&self, page: &mut Page, d: usize) {
        page.link(&self.catalog.def_path(d), self.catalog.defs[d].name);
    }

    /// A list of links to definitions, with their badges (in columns when long).
    fn def_list(&self, page: &mut Page, defs: &[usize]) {
        page.raw(if defs.len() > 12 { "<ul class=\"names cols\">\n" } else { "<ul class=\"names\">\n" });
        for &d in defs {
            page.raw("<li>");
            self.def_link(page, d);
            Self::push_badges(page, &self.badges(d));
            page.raw("</li>\n");
        }
        page.raw("</ul>\n");
    }

    /// The Rust item of a version, as a paragraph.
    fn rust_line(&self, page: &mut Page, def: &tlayer_parser::Definition<'_>) {
        match self.rust.item(def) {
            Some(item) => {
                page.raw("<p class=\"rust\">Rust: ");
                page.code(&item.path);
                if let Some(variant) = &item.variant {
                    page.raw(", variant ");
                    page.code(variant);
                }
                if self.rust.approximate {
                    page.raw(" (by the naming rules alone: the generator cannot resolve this schema's types)");
                }
                page.raw("</p>\n");
            }
            None => page.raw("<p class=\"rust\">Rust: no item of its own (the runtime maps its type).</p>\n"),
        }
    }

    /// The page of definition `d`.
    pub fn def_page(&self, d: usize) -> Page {
        let c = &self.catalog;
        let def = &c.defs[d];
        let latest = def.latest().def;
        let kind = match def.section {
            Section::Types => "constructor",
            Section::Functions => "function",
        };
        let mut page = Page::open(c.def_path(d), def.name, &self.title);
        let _ = write!(page.html, "<h1><span class=\"kind\">{kind}</span> ");
        page.text(def.name);
        page.raw("</h1>\n");
        let badges = self.badges(d);
        if !badges.is_empty() {
            page.raw("<p class=\"badges\">");
            Self::push_badges(&mut page, &badges);
            page.raw("</p>\n");
        }
        page.tl_line(c, latest);
        if let Some(doc) = &latest.docs.description {
            page.raw("<p class=\"doc\">");
            page.text(doc);
            page.raw("</p>\n");
        }

        page.raw("<h2 id=\"fields\">Fields</h2>\n");
        page.fields_table(c, latest);

        match def.section {
            Section::Types => {
                page.raw("<h2 id=\"type\">Type</h2>\n<p>");
                match c.type_named(latest.result.name) {
                    Some(t) => {
                        let others = c.types[t].constructors.len() - 1;
                        page.raw(if others == 0 { "The only constructor of " } else { "A constructor of " });
                        page.link(&c.type_path(t), latest.result.name);
                        match others {
                            0 => page.raw("."),
                            1 => page.raw(", with 1 other."),
                            n => {
                                let _ = write!(page.html, ", with {n} others.");
                            }
                        }
                        let users = c.types[t].used_by.len();
                        if users > 0 {
                            page.raw(" ");
                            let label = format!("Used by {users} definition{}", if users == 1 { "" } else { "s" });
                            page.link(&format!("{}#used-by", c.type_path(t)), &label);
                            page.raw(".");
                        }
                    }
                    None => {
                        page.raw("A constructor of ");
                        page.code(latest.result.name);
                        page.raw(".");
                    }
                }
                page.raw("</p>\n");
            }
            Section::Functions => {
                page.raw("<h2 id=\"returns\">Returns</h2>\n<p><code>");
                let generics = super::catalog::generic_names(latest);
                page.ty(c, &latest.result, &generics);
                page.raw("</code></p>\n");
            }
        }

        page.raw("<h2 id=\"rust\">Rust</h2>\n");
        self.rust_line(&mut page, latest);

        if !def.used_by.is_empty() {
            page.raw("<h2 id=\"used-by\">Used by</h2>\n<p>As a bare type in the fields of:</p>\n");
            self.def_list(&mut page, &def.used_by);
        }

        if c.layered() {
            page.raw("<h2 id=\"history\">History</h2>\n");
            self.history(&mut page, def);
        }
        page.close()
    }

    /// The history of `def`: one entry per event, each new version with its TL line, Rust item
    /// and field diff.
    fn history(&self, page: &mut Page, def: &Def<'_>) {
        let c = &self.catalog;
        page.raw("<ol class=\"history\">\n");
        for event in def.full_history(c.layers.len()) {
            let class = match event {
                Event::Present { .. } => "present",
                Event::Added { .. } | Event::RenamedFrom { .. } => "added",
                Event::Changed { .. } => "changed",
                Event::Removed { .. } | Event::RenamedTo { .. } => "removed",
            };
            let _ = write!(page.html, "<li class=\"{class}\">");
            self.layer_link(page, event.layer());
            page.raw(" ");
            let version = match event {
                Event::Present { version } => {
                    page.raw("<strong>Present</strong> in the oldest layer given.");
                    Some(version)
                }
                Event::Added { version, .. } => {
                    page.raw(if version == 0 { "<strong>New</strong>." } else { "<strong>Added again</strong>." });
                    Some(version)
                }
                Event::RenamedFrom { version, other, .. } => {
                    page.raw("<strong>Renamed</strong> from ");
                    self.def_link(page, other);
                    page.raw(", same id.");
                    Some(version)
                }
                Event::Changed { version, .. } => {
                    let (old, new) = (def.versions[version - 1].def.wire_id(), def.versions[version].def.wire_id());
                    let _ = write!(
                        page.html,
                        "<strong>Changed</strong>: <code>#{old:08x}</code> → <code>#{new:08x}</code>."
                    );
                    Some(version)
                }
                Event::Removed { .. } => {
                    page.raw("<strong>Removed</strong>.");
                    None
                }
                Event::RenamedTo { other, .. } => {
                    page.raw("<strong>Renamed</strong> to ");
                    self.def_link(page, other);
                    page.raw(", same id.");
                    None
                }
            };
            if let Some(v) = version {
                let version = &def.versions[v];
                let (since, until) = (c.layer_label(version.since), c.layer_label(version.until));
                if since == until {
                    let _ = write!(page.html, " <span class=\"range\">Layer {since} only.</span>");
                } else {
                    let _ = write!(page.html, " <span class=\"range\">Layers {since} to {until}.</span>");
                }
                page.tl_line(c, version.def);
                if let Some(change) = def.change(v, self.dialect) {
                    page.field_diff(c, &change, version.def);
                }
                self.rust_line(page, version.def);
            }
            page.raw("</li>\n");
        }
        page.raw("</ol>\n");
    }

    /// The page of type `t`.
    pub fn type_page(&self, t: usize) -> Page {
        let c = &self.catalog;
        let ty = &c.types[t];
        let mut page = Page::open(c.type_path(t), ty.name, &self.title);
        page.raw("<h1><span class=\"kind\">type</span> ");
        page.text(ty.name);
        page.raw("</h1>\n");
        if let Some(layer) = c.type_removed_in(t) {
            page.raw("<p class=\"badges\">");
            let text = format!("removed in layer {}", c.layer_label(layer));
            Self::push_badges(&mut page, &[Badge { class: "removed", text }]);
            page.raw("</p>\n");
        }
        if let Some(doc) = ty.doc {
            page.raw("<p class=\"doc\">");
            page.text(doc);
            page.raw("</p>\n");
        }

        page.raw("<h2 id=\"constructors\">Constructors</h2>\n<ul class=\"ctors\">\n");
        for &d in &ty.constructors {
            page.raw("<li>");
            self.def_link(&mut page, d);
            let _ = write!(page.html, " <code class=\"id\">#{:08x}</code>", c.defs[d].latest().def.wire_id());
            Self::push_badges(&mut page, &self.badges(d));
            page.raw("</li>\n");
        }
        page.raw("</ul>\n");

        if !ty.returned_by.is_empty() {
            page.raw("<h2 id=\"returned-by\">Returned by</h2>\n");
            self.def_list(&mut page, &ty.returned_by);
        }
        page.raw("<h2 id=\"used-by\">Used by</h2>\n");
        if ty.used_by.is_empty() {
            page.raw("<p class=\"none\">No field has this type.</p>\n");
        } else {
            self.def_list(&mut page, &ty.used_by);
        }

        page.raw("<h2 id=\"rust\">Rust</h2>\n");
        match self.rust.enum_path(ty.name) {
            Some(path) => {
                page.raw("<p class=\"rust\">Rust: ");
                page.code(path);
                page.raw("</p>\n");
            }
            None => page.raw("<p class=\"rust\">Rust: no enum of its own (the runtime maps it).</p>\n"),
        }

        if c.layered() {
            page.raw("<h2 id=\"history\">History</h2>\n");
            self.type_history(&mut page, t);
        }
        page.close()
    }

    /// What happened to the constructors of type `t`, layer by layer.
    fn type_history(&self, page: &mut Page, t: usize) {
        let c = &self.catalog;
        let mut events: Vec<(usize, usize, Event)> = Vec::new();
        for &d in &c.types[t].constructors {
            for e in c.defs[d].full_history(c.layers.len()) {
                if !matches!(e, Event::Present { .. }) {
                    events.push((e.layer(), d, e));
                }
            }
        }
        events.sort_by(|a, b| (a.0, c.defs[a.1].name).cmp(&(b.0, c.defs[b.1].name)));
        if events.is_empty() {
            page.raw("<p class=\"none\">Its constructors are the same in every layer given.</p>\n");
            return;
        }
        page.raw("<ul class=\"events\">\n");
        for (layer, d, e) in events {
            let (class, what) = match e {
                Event::Added { version: 0, .. } => ("added", "new"),
                Event::Added { .. } => ("added", "added again"),
                Event::RenamedFrom { .. } => ("added", "renamed from"),
                Event::Changed { .. } => ("changed", "changed"),
                Event::Removed { .. } => ("removed", "removed"),
                Event::RenamedTo { .. } => ("removed", "renamed to"),
                Event::Present { .. } => continue,
            };
            let _ = write!(page.html, "<li class=\"{class}\">");
            self.layer_link(page, layer);
            page.raw(" ");
            self.def_link(page, d);
            let _ = write!(page.html, " {what}");
            if let Event::RenamedFrom { other, .. } | Event::RenamedTo { other, .. } = e {
                page.raw(" ");
                self.def_link(page, other);
            }
            page.raw("</li>\n");
        }
        page.raw("</ul>\n");
    }
}
