//! Per-item links to a documentation site laid out as Telegram's (`Options::doc_links`):
//! `BASE/constructor/NAME` for a constructor, `BASE/method/NAME` for a function, `BASE/type/NAME`
//! for a boxed type, with the TL name as written (`messages.sendMessage`).

use crate::model::{Item, Kind};
use crate::options::Options;
use crate::tokens::{Tokens, quote};

/// The doc lines linking constructor or function `item` to its page; nothing without a base.
pub fn item(opts: &Options, item: &Item<'_>) -> Tokens {
    let section = if item.path.kind == Kind::Functions { "method" } else { "constructor" };
    link(opts, section, item.tl_name)
}

/// The doc lines linking boxed type `tl_name` to its page; nothing without a base.
pub fn boxed_type(opts: &Options, tl_name: &str) -> Tokens {
    link(opts, "type", tl_name)
}

fn link(opts: &Options, section: &str, name: &str) -> Tokens {
    let Some(base) = &opts.doc_links else { return Tokens::new() };
    let line = format!(" <{}/{section}/{name}>", base.trim_end_matches('/'));
    quote!(#[doc = ""] #[doc = #line])
}
