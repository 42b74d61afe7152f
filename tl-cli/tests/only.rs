//! `tlayer generate --only` / `--only-file`: the same code as the library's `Options::only`,
//! and unknown names named in the error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SCHEMA: &str = "\
int ? = Int;
long ? = Long;
string ? = String;
vector {t:Type} # [ t ] = Vector t;
user id:long name:string photo:Photo = User;
userEmpty id:long = User;
photo id:long = Photo;
chat id:long title:string = Chat;
---functions---
getUser id:long = User;
getChats id:Vector<long> = Vector<Chat>;
";

fn tlayer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlayer")).args(args).output().expect("run tlayer")
}

fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tlayer-cli-only");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn library(only: &[&str]) -> String {
    let options = tlayer_codegen::Options {
        format: false,
        only: only.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    tlayer_codegen::generate_files(&[("only.tl".to_string(), SCHEMA.as_bytes().to_vec())], &options).unwrap()
}

#[test]
fn only_and_only_file_generate_what_the_library_does() {
    let schema = scratch("only.tl", SCHEMA);
    let schema = schema.to_str().unwrap();
    let flags = tlayer(&["generate", "--no-format", "--only", "getUser", schema, "-o", "-"]);
    assert_eq!(flags.status.code(), Some(0), "{}", String::from_utf8_lossy(&flags.stderr));
    let flags = String::from_utf8(flags.stdout).unwrap();
    assert_eq!(flags, library(&["getUser"]));
    assert!(flags.contains("pub struct UserEmpty") && flags.contains("pub struct Photo"));
    assert!(!flags.contains("pub struct Chat") && !flags.contains("pub struct GetChats"));

    let list = scratch("names.txt", "// the client\ngetUser, getChats // both\n\n  Chat\n");
    let file = tlayer(&["generate", "--no-format", "--only-file", list.to_str().unwrap(), schema, "-o", "-"]);
    assert_eq!(file.status.code(), Some(0), "{}", String::from_utf8_lossy(&file.stderr));
    assert_eq!(String::from_utf8(file.stdout).unwrap(), library(&["getUser", "getChats", "Chat"]));
}

#[test]
fn unknown_names_are_listed_and_nothing_is_written() {
    let schema = scratch("only2.tl", SCHEMA);
    let out = scratch("out.rs", "");
    std::fs::remove_file(&out).unwrap();
    let run = tlayer(&[
        "generate",
        "--only",
        "getUser,nope",
        "--only",
        "Nope",
        schema.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_ne!(run.status.code(), Some(0));
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains("`nope`, `Nope`"), "{err}");
    assert!(!err.contains("`getUser`"), "{err}");
    assert!(!out.exists());
}
