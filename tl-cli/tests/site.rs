//! Runs `tlayer site` and reads the files it writes: history over layers, escaping, the search
//! index, internal links, errors. (The browser test is scripts/site-browser-test.sh.)

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tlayer_parser::{Options, Section, diff::diff, parse};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../");

fn repo(path: &str) -> String {
    format!("{ROOT}{path}")
}

fn tlayer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlayer")).args(args).output().expect("run tlayer")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tlayer-site-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, contents: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_str().unwrap().to_string()
}

/// Runs `tlayer site ARGS -o DIR`, expecting success; returns the site's files by path.
fn site(args: &[&str], dir: &Path) -> BTreeMap<String, String> {
    let mut all: Vec<&str> = vec!["site"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", dir.to_str().unwrap()]);
    let out = tlayer(&all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).starts_with(&format!("tlayer: wrote {}", dir.display())), "{}", stderr(&out));
    read_tree(dir)
}

fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_str().unwrap().replace('\\', "/");
                files.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

/// The values of `attr="..."` in `html`.
fn attrs<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            &rest[..rest.find('"').expect("closed attribute")]
        })
        .collect()
}

/// Resolves `link` from the page at `from` (both relative to the root) to a root-relative path.
fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            ".." => {
                parts.pop()?;
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Every href and src of every page names a file of the site, and every `#id` an id on it;
/// nothing points outside (no scheme, no network). Returns how many links were checked.
fn check_links(files: &BTreeMap<String, String>) -> usize {
    let ids: BTreeMap<&str, HashSet<&str>> =
        files.iter().map(|(p, h)| (p.as_str(), attrs(h, "id").into_iter().collect())).collect();
    let mut checked = 0;
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        for link in attrs(html, "href").into_iter().chain(attrs(html, "src")) {
            if link.starts_with("data:") {
                continue;
            }
            assert!(!link.contains("://") && !link.starts_with("//"), "{path}: external link {link}");
            let (file, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if file.is_empty() { path.clone() } else { resolve(path, file).expect("inside the site") };
            assert!(files.contains_key(&target), "{path}: broken link {link}");
            if !fragment.is_empty() {
                assert!(ids[target.as_str()].contains(fragment), "{path}: {link}: no id {fragment}");
            }
            checked += 1;
        }
    }
    checked
}

/// The text of `html` without tags (block elements separated by a space), entities decoded,
/// spaces collapsed.
fn text(html: &str) -> String {
    const BLOCKS: &[&str] = &["p", "pre", "li", "tr", "td", "th", "table", "tbody", "thead", "ol", "ul", "h1", "h2"];
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = rest[open + 1..close].trim_start_matches('/');
        let name = tag.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
        if BLOCKS.contains(&name) {
            out.push(' ');
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#96;", "`")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `html` from `<h2 id="ID">` to the next `<h2` (or the end of main).
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html.find(&format!("<h2 id=\"{id}\">")).unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[start + 4..];
    let end = rest.find("<h2").or_else(|| rest.find("</main>")).unwrap();
    &html[start..start + 4 + end]
}

/// The `<li>` items of the first `<ol class="history">` of `html`, as text.
fn history(html: &str) -> Vec<String> {
    let ol = section(html, "history");
    ol.split("<li class=").skip(1).map(|li| text(&format!("<li class={li}"))).collect()
}

#[test]
fn layers_1_to_3_show_what_is_new_and_what_changed() {
    let dir = scratch("layers");
    let layers = [
        "--layer",
        &format!("1={}", repo("schema/tl/layer001.tl")),
        "--layer",
        &format!("2={}", repo("schema/tl/layer002.tl")),
        "--layer",
        &format!("3={}", repo("schema/tl/layer003.tl")),
    ]
    .map(|s| s.to_string());
    let files = site(&layers.iter().map(String::as_str).collect::<Vec<_>>(), &dir);

    let link = &files["c/messages.sentMessageLink.html"];
    assert!(link.contains("<span class=\"badge new\">new in layer 3</span>"), "{link}");
    assert_eq!(
        history(link),
        ["Layer 3 New. Layer 3 only. messages.sentMessageLink#e9db4a3f id:int date:int pts:int seq:int \
          links:Vector<contacts.Link> = messages.SentMessage; Rust: types::messages::SentMessageLink, variant \
          enums::messages::SentMessage::Link"]
    );
    // The layer link goes to the step page, which lists it as added.
    assert!(link.contains("<a href=\"../layer/3.html\">Layer 3</a>"));
    assert!(section(&files["layer/3.html"], "added").contains("href=\"../c/messages.sentMessageLink.html\""));

    let photo = &files["c/userProfilePhoto.html"];
    let h = history(photo);
    assert_eq!(h.len(), 2, "{h:?}");
    assert!(
        h[0].starts_with("Layer 1 Present in the oldest layer given. Layer 1 only. userProfilePhoto#990d1493 "),
        "{}",
        h[0]
    );
    assert!(
        h[0].ends_with("Rust: types::UserProfilePhotoLayer1, variant enums::UserProfilePhoto::UserProfilePhotoLayer1"),
        "{}",
        h[0]
    );
    assert!(
        h[1].starts_with(
            "Layer 2 Changed: #990d1493 → #d559d8c8. Layers 2 to 3. userProfilePhoto#d559d8c8 photo_id:long "
        ),
        "{}",
        h[1]
    );
    let diff_table = &photo[photo.find("<table class=\"diff\">").unwrap()..];
    let diff_table = &diff_table[..diff_table.find("</table>").unwrap()];
    let rows: Vec<String> = diff_table.split("<tr class=").skip(1).map(|r| text(&format!("<tr class={r}"))).collect();
    assert_eq!(rows, ["+ photo_id:long", "photo_small:FileLocation", "photo_big:FileLocation"]);
    assert_eq!(diff_table.matches("<tr class=\"add\">").count(), 1);
    assert_eq!(diff_table.matches("<tr class=\"same\">").count(), 2);

    // Each step page lists what `tlayer diff` lists, each linked to its page.
    for (step, (old, new)) in [(2, (1, 2)), (3, (2, 3))] {
        let (old, new) = (schema_text(old), schema_text(new));
        let (old, new) = (parse(&old, &Options::default()), parse(&new, &Options::default()));
        let d = diff(&old.schema, &new.schema);
        let page = &files[&format!("layer/{step}.html")];
        assert!(page.contains(&format!("<p class=\"lead\">{}</p>", d.summary())), "{page}");
        for e in &d.added {
            let dir = if e.section == Section::Types { "c" } else { "f" };
            let section_html = section(page, "added");
            assert!(section_html.contains(&format!("href=\"../{dir}/{}.html\"", e.name)), "{} missing", e.name);
            assert!(section_html.contains(&format!("#{:08x}", e.id)));
        }
        for c in &d.changed {
            let changed = text(section(page, "changed"));
            assert!(
                changed.contains(&format!(
                    "{} #{:08x} → #{:08x}: {}",
                    c.name,
                    c.old_id,
                    c.new_id,
                    c.details().join(", ")
                )),
                "{changed}"
            );
        }
    }

    // Every definition of every layer has a page with its newest TL line's name and id.
    let mut names = HashSet::new();
    for layer in 1..=3 {
        let src = schema_text(layer);
        let parsed = parse(&src, &Options::default());
        for def in parsed.schema.items() {
            let dir = if def.section == Section::Types { "c" } else { "f" };
            let page =
                files.get(&format!("{dir}/{}.html", def.name.text)).unwrap_or_else(|| panic!("{}", def.name.text));
            assert!(page.contains(&format!("<span class=\"id\">#{:08x}</span>", def.wire_id())), "{}", def.name.text);
            names.insert((dir, def.name.text.to_string()));
        }
    }
    let pages = files.keys().filter(|p| p.starts_with("c/") || p.starts_with("f/")).count();
    assert_eq!(pages, names.len(), "one page per definition");
    assert!(check_links(&files) > 1000);
}

fn schema_text(layer: u32) -> String {
    std::fs::read_to_string(repo(&format!("schema/tl/layer{layer:03}.tl"))).unwrap()
}

/// A constructor with many fields, and its next version with one more.
const BIG_A: &str = "big#77777777 a:int b:int c:int d:int e:int f:int g:int = Big;\n";
const BIG_B: &str = "big#88888888 a:int b:int c:int z:long d:int e:int f:int g:int = Big;\n";

#[test]
fn history_shows_renames_removals_and_returns() {
    let dir = scratch("renames");
    let a = write(
        &dir,
        "a.tl",
        &format!(
            "first#11111111 x:int = T;\nold#22222222 = T;\ngone#33333333 s:string = T;\n{BIG_A}---functions---\nget#44444444 = T;\n"
        ),
    );
    let b = write(
        &dir,
        "b.tl",
        &format!(
            "first#55555555 flags:# x:long y:flags.0?int = T;\nnew#22222222 = T;\n{BIG_B}---functions---\nget#44444444 = T;\n"
        ),
    );
    let c = write(
        &dir,
        "c.tl",
        &format!(
            "first#55555555 flags:# x:long y:flags.0?int = T;\nnew#22222222 = T;\ngone#33333333 s:string = T;\n{BIG_B}---functions---\nget#66666666 = Vector<T>;\n"
        ),
    );
    let out = dir.join("site");
    let files =
        site(&["--layer", &format!("10={a}"), "--layer", &format!("20={b}"), "--layer", &format!("30={c}")], &out);
    assert_eq!(
        history(&files["c/gone.html"]).iter().map(|h| h.split('.').next().unwrap().to_string()).collect::<Vec<_>>(),
        ["Layer 10 Present in the oldest layer given", "Layer 20 Removed", "Layer 30 Added again"]
    );
    let old = history(&files["c/old.html"]);
    assert_eq!(old.len(), 2);
    assert!(old[1].starts_with("Layer 20 Renamed to new, same id."), "{old:?}");
    assert!(files["c/old.html"].contains("<span class=\"badge removed\">removed in layer 20</span>"));
    let new = history(&files["c/new.html"]);
    assert!(new[0].starts_with("Layer 20 Renamed from old, same id. Layers 20 to 30."), "{new:?}");

    let first = &files["c/first.html"];
    let h = history(first);
    assert!(h[1].starts_with("Layer 20 Changed: #11111111 → #55555555. Layers 20 to 30."), "{h:?}");
    let diff_rows = text(&first[first.find("<table class=\"diff\">").unwrap()..first.rfind("</table>").unwrap()]);
    assert!(diff_rows.contains("+ flags:# ~ x:long was int + y:flags.0?int"), "{diff_rows}");
    // Seven unchanged fields are more than the diff shows inline: they are folded.
    let big = &files["c/big.html"];
    let table = &big[big.find("<table class=\"diff\">").unwrap()..];
    let (changes, folded) = table.split_once("<details class=\"kept\">").expect("folded fields");
    assert_eq!(text(changes), "+ z:long");
    assert!(folded.starts_with("<summary>7 unchanged fields</summary>"), "{folded}");
    assert_eq!(folded.matches("<tr class=\"same\">").count(), 7);
    let get = history(&files["f/get.html"]);
    assert!(get[1].contains("= result T → Vector<T>"), "{get:?}");

    // The type page gathers its constructors' events, in layer order.
    assert_eq!(
        history(&files["t/T.html"]),
        [
            "Layer 20 first changed",
            "Layer 20 gone removed",
            "Layer 20 new renamed from old",
            "Layer 20 old renamed to new",
            "Layer 30 gone added again"
        ]
    );
    check_links(&files);
}

#[test]
fn schema_text_never_becomes_markup() {
    let dir = scratch("escape");
    let evil = "//@class Evil @description Type <script>alert(1)</script> */ `tick`\n\
                //@description <script>alert(1)</script> <img src=x onerror=\"alert(2)\"> `tick` */ \"dq\" 'sq' & </main>\n\
                //@text </td><script>alert(3)</script>\n\
                evil text:string = Evil;\n";
    let schema = write(&dir, "evil.tl", evil);
    let files = site(&[&schema, "--title", "<b>title</b> \"q\""], &dir.join("site"));
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        // Only the two script elements of the head: the search index and the script.
        assert_eq!(html.matches("<script").count(), 2, "{path}");
        assert_eq!(html.matches("<script src=").count(), 2, "{path}");
        assert!(!html.contains("<img") && !html.contains("<b>") && !html.contains("onerror=\""), "{path}");
        assert!(html.contains("&lt;b&gt;title&lt;/b&gt; &quot;q&quot;"), "{path}: title");
    }
    let page = &files["c/evil.html"];
    assert!(page.contains(
        "<p class=\"doc\">&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt; \
         &#96;tick&#96; */ &quot;dq&quot; &#39;sq&#39; &amp; &lt;/main&gt;</p>"
    ));
    assert!(page.contains("<td>&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;</td>"));
    assert!(
        files["t/Evil.html"]
            .contains("<p class=\"doc\">Type &lt;script&gt;alert(1)&lt;/script&gt; */ &#96;tick&#96;</p>")
    );
    check_links(&files);
}

/// The entries of `search-index.js`.
fn search_index(files: &BTreeMap<String, String>) -> Vec<Vec<String>> {
    let js = &files["search-index.js"];
    let json = js.strip_prefix("window.TL_INDEX=").unwrap().trim_end().strip_suffix(';').unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn search_index_names_every_page() {
    let dir = scratch("index");
    let schema = write(&dir, "odd.tl", "user = User;\nuSER = User;\n---functions---\nns.getUser id:int = User;\n");
    let files = site(&[&schema], &dir.join("site"));
    let index = search_index(&files);
    let dirs = BTreeMap::from([("c", "c"), ("f", "f"), ("t", "t")]);
    let mut pages: Vec<String> = index
        .iter()
        .map(|e| {
            format!("{}/{}", dirs[e[1].to_lowercase().as_str()], e.get(2).cloned().unwrap_or(format!("{}.html", e[0])))
        })
        .collect();
    pages.sort();
    let mut expected: Vec<String> =
        files.keys().filter(|p| ["c/", "f/", "t/"].iter().any(|d| p.starts_with(d))).cloned().collect();
    expected.sort();
    assert_eq!(pages, expected);
    // On a file system that ignores case, the pages of `uSER` and `user` must not be one file.
    assert!(files.contains_key("c/uSER.html") && files.contains_key("c/user~~2.html"), "{:?}", files.keys());
    assert!(index.contains(&vec!["user".to_string(), "c".to_string(), "user~~2.html".to_string()]));
    check_links(&files);
}

#[test]
fn td_api_pages_carry_the_docs() {
    let dir = scratch("tdapi");
    let files = site(&[&repo("corpus/tdlib_td_api.tl")], &dir);
    let src = std::fs::read_to_string(repo("corpus/tdlib_td_api.tl")).unwrap();
    let parsed = parse(&src, &Options::default());
    let mut with_docs = 0;
    for def in parsed.schema.items() {
        let dir = if def.section == Section::Types { "c" } else { "f" };
        let page = &files[&format!("{dir}/{}.html", def.name.text)];
        if let Some(doc) = &def.docs.description {
            let mut escaped = String::new();
            for c in doc.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#39;"),
                    '`' => escaped.push_str("&#96;"),
                    c => escaped.push(c),
                }
            }
            assert!(page.contains(&format!("<p class=\"doc\">{escaped}</p>")), "{}", def.name.text);
            with_docs += 1;
        }
        assert!(!page.contains("id=\"history\""), "one schema: no history");
    }
    assert!(with_docs > 1000, "{with_docs}");
    // `Update` lists its constructors, in the schema's order; `getMe` returns `User`.
    let user = &files["t/User.html"];
    assert!(section(user, "returned-by").contains("href=\"../f/getMe.html\""));
    check_links(&files);
}

#[test]
fn output_is_deterministic() {
    let dir = scratch("twice");
    let args = [
        "--layer",
        &format!("2={}", repo("schema/tl/layer002.tl")),
        "--layer",
        &format!("3={}", repo("schema/tl/layer003.tl")),
    ]
    .map(|s| s.to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(site(&args, &dir.join("a")), site(&args, &dir.join("b")));
}

#[test]
fn bad_input_writes_nothing() {
    let dir = scratch("errors");
    let broken = write(&dir, "broken.tl", "ok = T;\nbad x:Strin = T;\n");
    let out = dir.join("site");
    let o = tlayer(&["site", &broken, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{broken}:2:7: error: unknown type `Strin`")), "{}", stderr(&o));
    assert!(stderr(&o).ends_with(&format!("tlayer: {broken} has errors; no site written\n")), "{}", stderr(&o));
    assert!(!out.exists());

    let fine = write(&dir, "fine.tl", "ok = T;\n");
    let o = tlayer(&[
        "site",
        "--layer",
        &format!("3={fine}"),
        "--layer",
        &format!("3={fine}"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), format!("tlayer: layer 3 given twice: {fine} and {fine}\n"));
    let o = tlayer(&["site", "--layer", &fine, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no layer given and no `// LAYER N` marker"), "{}", stderr(&o));
    let o = tlayer(&["site", "--layer", &format!("x={fine}"), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), format!("tlayer: --layer x={fine}: `x` is not a layer number\n"));
    assert!(!out.exists());
}
