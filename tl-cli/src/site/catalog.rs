//! What the pages show, gathered once: every constructor and function with its versions across
//! the layers given, the boxed types with their constructors, who references what, the Rust item
//! each version becomes, and the diff of each layer step.
//!
//! A *version* of a definition is a run of consecutive layers in which it has the same wire id
//! (what `tlayer diff` calls unchanged); a new id, or a gap, starts a new version.

use super::escape::FileNames;
use std::collections::{BTreeMap, HashMap, HashSet};
use tlayer_parser::diff::{Change, Diff, diff};
use tlayer_parser::{Definition, Param, ParamKind, Schema, Section, Type};

/// One schema given to the site.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// Its layer; `None` only for a single schema without a `// LAYER` marker.
    pub layer: Option<u32>,
    /// The parsed (error-free) schema.
    pub schema: &'a Schema<'a>,
}

/// Everything the site shows.
#[derive(Debug)]
pub struct Catalog<'a> {
    /// The layers given, ascending (one entry for a single schema).
    pub layers: Vec<Option<u32>>,
    /// Constructors then functions, each sorted by name.
    pub defs: Vec<Def<'a>>,
    /// Boxed types (result types of constructors), sorted by name.
    pub types: Vec<TypeInfo<'a>>,
    /// `steps[i]`: what changed from layer `i` to layer `i + 1` (indices into `layers`).
    pub steps: Vec<Diff>,
    def_index: HashMap<(Section, &'a str), usize>,
    type_index: HashMap<&'a str, usize>,
}

/// A constructor or function, over all layers.
#[derive(Debug)]
pub struct Def<'a> {
    /// Its TL name, namespace included.
    pub name: &'a str,
    /// Constructor or function.
    pub section: Section,
    /// Its versions, oldest first.
    pub versions: Vec<Version<'a>>,
    /// Its page's file name (in `c/` or `f/`).
    pub file: String,
    /// Definitions whose newest version uses this constructor as a bare type.
    pub used_by: Vec<usize>,
    /// `(layer index, other definition)`: it took over the other's id under its name.
    pub renamed_from: Vec<(usize, usize)>,
    /// `(layer index, other definition)`: its id went on under the other's name.
    pub renamed_to: Vec<(usize, usize)>,
}

/// One version of a definition: the same wire id over layers `since..=until` (indices).
#[derive(Debug)]
pub struct Version<'a> {
    /// The definition as the newest of those layers has it.
    pub def: &'a Definition<'a>,
    /// The first layer index.
    pub since: usize,
    /// The last layer index.
    pub until: usize,
}

/// What happened to a definition at one layer, for its history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// `version` is in the oldest layer given.
    Present {
        /// The version.
        version: usize,
    },
    /// `version` appeared in layer `layer` (again, when it is not the first).
    Added {
        /// Layer index.
        layer: usize,
        /// The version.
        version: usize,
    },
    /// `version` appeared in `layer` with the id `other` had before.
    RenamedFrom {
        /// Layer index.
        layer: usize,
        /// The version.
        version: usize,
        /// The definition renamed.
        other: usize,
    },
    /// `version` replaced the one before it in `layer`.
    Changed {
        /// Layer index.
        layer: usize,
        /// The new version.
        version: usize,
    },
    /// Gone in `layer`.
    Removed {
        /// Layer index.
        layer: usize,
    },
    /// Gone in `layer`, its id now named `other`.
    RenamedTo {
        /// Layer index.
        layer: usize,
        /// The definition with the id now.
        other: usize,
    },
}

impl Event {
    /// The layer index the event happened in.
    pub fn layer(self) -> usize {
        match self {
            Event::Present { .. } => 0,
            Event::Added { layer, .. }
            | Event::RenamedFrom { layer, .. }
            | Event::Changed { layer, .. }
            | Event::Removed { layer }
            | Event::RenamedTo { layer, .. } => layer,
        }
    }
}

impl<'a> Def<'a> {
    /// The newest version.
    pub fn latest(&self) -> &Version<'a> {
        self.versions.last().expect("a definition has a version")
    }

    /// The layer index it is missing from at the end, when the newest layer lacks it.
    pub fn removed_in(&self, layers: usize) -> Option<usize> {
        let until = self.latest().until;
        (until + 1 < layers).then_some(until + 1)
    }

    /// Its history, oldest first.
    pub fn history(&self) -> Vec<Event> {
        let mut events = Vec::new();
        let mut previous_until: Option<usize> = None;
        for (i, v) in self.versions.iter().enumerate() {
            match previous_until {
                None if v.since == 0 => events.push(Event::Present { version: i }),
                Some(until) if until + 1 == v.since => events.push(Event::Changed { layer: v.since, version: i }),
                _ => {
                    if let Some(until) = previous_until {
                        events.push(self.end_event(until + 1));
                    }
                    match self.renamed_from.iter().find(|(layer, _)| *layer == v.since) {
                        Some(&(layer, other)) => events.push(Event::RenamedFrom { layer, version: i, other }),
                        None => events.push(Event::Added { layer: v.since, version: i }),
                    }
                }
            }
            previous_until = Some(v.until);
        }
        events
    }

    /// `Removed` or `RenamedTo` at layer index `layer`.
    fn end_event(&self, layer: usize) -> Event {
        match self.renamed_to.iter().find(|(l, _)| *l == layer) {
            Some(&(layer, other)) => Event::RenamedTo { layer, other },
            None => Event::Removed { layer },
        }
    }

    /// Its full history: [`Def::history`], then its removal when the newest layer lacks it.
    pub fn full_history(&self, layers: usize) -> Vec<Event> {
        let mut events = self.history();
        if let Some(layer) = self.removed_in(layers) {
            events.push(self.end_event(layer));
        }
        events
    }

    /// How version `version` differs from the one before it (`None` for the first, or when
    /// both have the same wire id), as `tlayer diff` compares them.
    pub fn change(&self, version: usize, dialect: tlayer_parser::Dialect) -> Option<Change> {
        let old = self.versions.get(version.checked_sub(1)?)?.def;
        let new = self.versions.get(version)?.def;
        let one = |def: &Definition<'a>| Schema {
            definitions: vec![def.clone()],
            layer_markers: Vec::new(),
            class_docs: Vec::new(),
            dialect,
            comments: Vec::new(),
        };
        diff(&one(old), &one(new)).changed.into_iter().next()
    }
}

/// A boxed type: the result type of one or more constructors.
#[derive(Debug)]
pub struct TypeInfo<'a> {
    /// Its TL name.
    pub name: &'a str,
    /// Its constructors (indices into `defs`), in the order first seen (newest layer's order).
    pub constructors: Vec<usize>,
    /// Functions whose newest version returns it (also inside `Vector<...>`).
    pub returned_by: Vec<usize>,
    /// Definitions whose newest version has a field of this type.
    pub used_by: Vec<usize>,
    /// Its `//@class` description, from the newest layer that has one.
    pub doc: Option<&'a str>,
    /// Its page's file name (in `t/`).
    pub file: String,
}

impl<'a> Catalog<'a> {
    /// Gathers the catalog of `inputs` (sorted here by layer).
    pub fn build(inputs: &[Input<'a>]) -> Catalog<'a> {
        let mut inputs = inputs.to_vec();
        inputs.sort_by_key(|i| i.layer);
        let layers: Vec<Option<u32>> = inputs.iter().map(|i| i.layer).collect();

        // (section, name) -> versions, in name order (types first).
        let mut by_key: BTreeMap<(u8, &'a str), Vec<Version<'a>>> = BTreeMap::new();
        for (i, input) in inputs.iter().enumerate() {
            let mut seen = HashSet::new();
            for def in input.schema.definitions.iter().filter(|d| !d.builtin) {
                let key = (section_key(def.section), def.name.text);
                if !seen.insert(key) {
                    continue; // like `tlayer diff`: the first definition of a name counts
                }
                let versions = by_key.entry(key).or_default();
                match versions.last_mut() {
                    Some(last) if last.until + 1 == i && last.def.wire_id() == def.wire_id() => {
                        last.until = i;
                        last.def = def;
                    }
                    _ => versions.push(Version { def, since: i, until: i }),
                }
            }
        }

        let (mut ctor_files, mut fn_files) = (FileNames::default(), FileNames::default());
        let mut defs = Vec::with_capacity(by_key.len());
        let mut def_index = HashMap::with_capacity(by_key.len());
        for ((_, name), versions) in by_key {
            let section = versions[0].def.section;
            let file = match section {
                Section::Types => ctor_files.file(name),
                Section::Functions => fn_files.file(name),
            };
            def_index.insert((section, name), defs.len());
            defs.push(Def {
                name,
                section,
                versions,
                file,
                used_by: Vec::new(),
                renamed_from: Vec::new(),
                renamed_to: Vec::new(),
            });
        }

        let steps: Vec<Diff> = inputs.windows(2).map(|w| diff(w[0].schema, w[1].schema)).collect();
        for (i, step) in steps.iter().enumerate() {
            for r in &step.renamed {
                let old = def_index.get(&(r.section, r.old_name.as_str())).copied();
                let new = def_index.get(&(r.section, r.new_name.as_str())).copied();
                if let (Some(old), Some(new)) = (old, new) {
                    defs[old].renamed_to.push((i + 1, new));
                    defs[new].renamed_from.push((i + 1, old));
                }
            }
        }

        // Boxed types: constructors in the newest layer's order, then those only older layers have.
        let mut type_ctors: BTreeMap<&'a str, Vec<usize>> = BTreeMap::new();
        let mut placed = vec![false; defs.len()];
        for input in inputs.iter().rev() {
            for def in input.schema.definitions.iter().filter(|d| !d.builtin && d.section == Section::Types) {
                let Some(&d) = def_index.get(&(Section::Types, def.name.text)) else { continue };
                if std::mem::replace(&mut placed[d], true) {
                    continue;
                }
                for v in &defs[d].versions {
                    let list = type_ctors.entry(v.def.result.name).or_default();
                    if !list.contains(&d) {
                        list.push(d);
                    }
                }
            }
        }
        let mut type_files = FileNames::default();
        let mut types = Vec::with_capacity(type_ctors.len());
        let mut type_index = HashMap::with_capacity(type_ctors.len());
        for (name, constructors) in type_ctors {
            let doc = inputs
                .iter()
                .rev()
                .flat_map(|i| i.schema.class_docs.iter())
                .find(|c| c.name == name)
                .map(|c| c.description.as_ref());
            type_index.insert(name, types.len());
            types.push(TypeInfo {
                name,
                constructors,
                returned_by: Vec::new(),
                used_by: Vec::new(),
                doc,
                file: type_files.file(name),
            });
        }

        let mut catalog = Catalog { layers, defs, types, steps, def_index, type_index };
        catalog.link_references();
        catalog
    }

    /// Fills `used_by` and `returned_by` from each definition's newest version.
    fn link_references(&mut self) {
        for d in 0..self.defs.len() {
            let def = self.defs[d].latest().def;
            let generics: Vec<&str> = generic_names(def);
            let mut names = Vec::new();
            for p in &def.params {
                param_type_names(p, &mut names);
            }
            names.retain(|n| !generics.contains(n));
            names.sort_unstable();
            names.dedup();
            for n in names {
                if let Some(&t) = self.type_index.get(n) {
                    self.types[t].used_by.push(d);
                } else if let Some(&c) = self.def_index.get(&(Section::Types, n)) {
                    self.defs[c].used_by.push(d);
                }
            }
            if def.section == Section::Functions {
                let mut names = Vec::new();
                type_names(&def.result, &mut names);
                names.retain(|n| !generics.contains(n));
                names.sort_unstable();
                names.dedup();
                for n in names {
                    if let Some(&t) = self.type_index.get(n) {
                        self.types[t].returned_by.push(d);
                    }
                }
            }
        }
    }

    /// The constructor or function named `name` in `section`.
    pub fn def(&self, section: Section, name: &str) -> Option<usize> {
        self.def_index.get(&(section, name)).copied()
    }

    /// The boxed type named `name`.
    pub fn type_named(&self, name: &str) -> Option<usize> {
        self.type_index.get(name).copied()
    }

    /// The page of definition `d`, relative to the site's root.
    pub fn def_path(&self, d: usize) -> String {
        let def = &self.defs[d];
        format!("{}/{}", dir_of(def.section), def.file)
    }

    /// The page of type `t`, relative to the site's root.
    pub fn type_path(&self, t: usize) -> String {
        format!("t/{}", self.types[t].file)
    }

    /// The page a type name in a field links to: the boxed type's, else the constructor's (a bare
    /// type written by its constructor's name); `None` for primitives, generics and builtins.
    pub fn type_target(&self, name: &str) -> Option<String> {
        if let Some(t) = self.type_named(name) {
            return Some(self.type_path(t));
        }
        self.def(Section::Types, name).map(|d| self.def_path(d))
    }

    /// The layer number at index `i` as shown (`?` when unknown).
    pub fn layer_label(&self, i: usize) -> String {
        match self.layers.get(i).copied().flatten() {
            Some(n) => n.to_string(),
            None => "?".to_string(),
        }
    }

    /// True when several layers were given (history is shown).
    pub fn layered(&self) -> bool {
        self.layers.len() > 1
    }

    /// The layer index in which type `t` has no constructor left, when the newest lacks it.
    pub fn type_removed_in(&self, t: usize) -> Option<usize> {
        let until = self.types[t].constructors.iter().map(|&c| self.defs[c].latest().until).max()?;
        (until + 1 < self.layers.len()).then_some(until + 1)
    }
}

/// The folder of a section's pages.
pub fn dir_of(section: Section) -> &'static str {
    match section {
        Section::Types => "c",
        Section::Functions => "f",
    }
}

fn section_key(section: Section) -> u8 {
    match section {
        Section::Types => 0,
        Section::Functions => 1,
    }
}

/// The names of `def`'s generic parameters.
pub fn generic_names<'a>(def: &Definition<'a>) -> Vec<&'a str> {
    def.params
        .iter()
        .filter_map(|p| match &p.kind {
            ParamKind::Generic { name, .. } => Some(name.text),
            _ => None,
        })
        .collect()
}

fn param_type_names<'a>(p: &Param<'a>, out: &mut Vec<&'a str>) {
    match &p.kind {
        ParamKind::Field { ty, .. } | ParamKind::Anonymous(ty) => type_names(ty, out),
        ParamKind::Repeat { items, .. } => items.iter().for_each(|i| param_type_names(i, out)),
        ParamKind::Generic { .. } | ParamKind::Opaque => {}
    }
}

fn type_names<'a>(ty: &Type<'a>, out: &mut Vec<&'a str>) {
    out.push(ty.name);
    for a in &ty.args {
        type_names(a, out);
    }
}
