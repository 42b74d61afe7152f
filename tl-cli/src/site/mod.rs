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

    /// How many pages the site has.
    pub fn page_count(&self) -> usize {
        let c = &self.catalog;
        4 + (c.layers.len() - 1) + c.defs.len() + c.types.len()
    }

    /// Page `i` of [`Site::page_count`]: the index, the three lists, the layer steps, the
    /// definitions, then the types.
    pub fn page(&self, i: usize) -> Page {
        let c = &self.catalog;
        let steps = c.layers.len() - 1;
        match i {
            0 => self.index_page(),
            1 => self.section_page(Section::Types),
            2 => self.section_page(Section::Functions),
            3 => self.types_page(),
            i if i < 4 + steps => self.step_page(i - 3),
            i if i < 4 + steps + c.defs.len() => self.def_page(i - 4 - steps),
            i => self.type_page(i - 4 - steps - c.defs.len()),
        }
    }

    /// Writes the site into `dir` (created if missing). Files of the same names are replaced
    /// unless they already hold the same bytes; other files are left alone. Pages are made and
    /// written on one thread per core (creating thousands of files is mostly the kernel's work).
    pub fn write(&self, dir: &Path) -> io::Result<Written> {
        for sub in ["c", "f", "t", "layer"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        let mut written = put(dir, "style.css", STYLE.as_bytes())?;
        written.add(put(dir, "site.js", SCRIPT.as_bytes())?);
        written.add(put(dir, "search-index.js", self.search_index().as_bytes())?);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let pages = self.page_count();
        let results: Vec<io::Result<Written>> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|k| {
                    s.spawn(move || {
                        let mut written = Written::default();
                        for i in (k..pages).step_by(threads) {
                            let page = self.page(i);
                            written.add(put(dir, &page.path, page.html.as_bytes())?);
                        }
                        Ok(written)
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().expect("a page writer panicked")).collect()
        });
        for r in results {
            written.add(r?);
        }
        Ok(written)
    }
}

impl Written {
    fn add(&mut self, other: Written) {
        self.files += other.files;
        self.bytes += other.bytes;
    }
}

/// Writes `bytes` to `dir/path`, unless the file already holds them: writing a site again is
/// then mostly reading (truncating and rewriting thousands of files is slow on some file
/// systems), and unchanged pages keep their modification times.
fn put(dir: &Path, path: &str, bytes: &[u8]) -> io::Result<Written> {
    let path = dir.join(path);
    if std::fs::read(&path).ok().as_deref() != Some(bytes) {
        std::fs::write(&path, bytes)?;
    }
    Ok(Written { files: 1, bytes: bytes.len() as u64 })
}
