//! The static schema browser `tlayer site` writes: plain HTML pages, one stylesheet, one script
//! and a search index, all linked relatively so the site works from `file://` with no network.
//!
//! ```text
//! index.html              summary, layer steps, links to the lists; search box on every page
//! constructors.html, functions.html, types.html
//! c/NAME.html             a constructor: TL line, docs, fields, type, Rust item, used by, history
//! f/NAME.html             a function: the same, with its result type
//! t/NAME.html             a boxed type: constructors, returned by, used by, Rust enum, history
//! layer/N.html            the step into layer N: what `tlayer diff` lists, linked
//! style.css, site.js, search-index.js
//! ```
//!
//! [`catalog`] gathers the definitions and their versions, [`rust`] names their Rust items,
//! [`pages`] and [`lists`] write the pages through [`layout`]; [`escape`] makes schema text safe.

pub mod catalog;
pub mod escape;
pub mod layout;
pub mod lists;
pub mod pages;
pub mod rust;

use catalog::{Catalog, Input};
use layout::Page;
use rust::RustNames;
use std::io;
use std::path::Path;
use tlayer_parser::{Dialect, Section};

/// The stylesheet every page links.
const STYLE: &str = include_str!("style.css");
/// The script every page runs: search as you type.
const SCRIPT: &str = include_str!("site.js");

/// A site ready to be written.
#[derive(Debug)]
pub struct Site<'a> {
    catalog: Catalog<'a>,
    rust: RustNames,
    dialect: Dialect,
    title: String,
    /// The schema files as named on the command line, with their layers.
    sources: Vec<(String, Option<u32>)>,
    /// File names of the step pages, `step_files[i]` for the step into layer index `i + 1`.
    step_files: Vec<String>,
}

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

impl<'a> Site<'a> {
    /// A site over `inputs` (one schema, or one per layer), titled `title`; `sources` names the
    /// files (with their layers) on the index.
    pub fn new(inputs: &[Input<'a>], title: String, sources: Vec<(String, Option<u32>)>) -> Site<'a> {
        let catalog = Catalog::build(inputs);
        let rust = RustNames::new(inputs);
        let dialect = inputs.iter().max_by_key(|i| i.layer).map_or(Dialect::Telegram, |i| i.schema.dialect);
        let mut files = escape::FileNames::default();
        let step_files = (1..catalog.layers.len()).map(|i| files.file(&catalog.layer_label(i))).collect();
        Site { catalog, rust, dialect, title, sources, step_files }
    }

    /// Every page, index first.
    pub fn pages(&self) -> impl Iterator<Item = Page> + '_ {
        let c = &self.catalog;
        let lists = [
            self.index_page(),
            self.section_page(Section::Types),
            self.section_page(Section::Functions),
            self.types_page(),
        ];
        lists
            .into_iter()
            .chain((1..c.layers.len()).map(|i| self.step_page(i)))
            .chain((0..c.defs.len()).map(|d| self.def_page(d)))
            .chain((0..c.types.len()).map(|t| self.type_page(t)))
    }

    /// Writes the site into `dir` (created if missing; files of the same names are replaced,
    /// others left alone).
    pub fn write(&self, dir: &Path) -> io::Result<Written> {
        for sub in ["c", "f", "t", "layer"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        let mut written = Written::default();
        let mut put = |path: &str, bytes: &[u8]| -> io::Result<()> {
            std::fs::write(dir.join(path), bytes)?;
            written.files += 1;
            written.bytes += bytes.len() as u64;
            Ok(())
        };
        put("style.css", STYLE.as_bytes())?;
        put("site.js", SCRIPT.as_bytes())?;
        put("search-index.js", self.search_index().as_bytes())?;
        for page in self.pages() {
            put(&page.path, page.html.as_bytes())?;
        }
        Ok(written)
    }
}
