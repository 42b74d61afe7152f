//! The binary's output (the scripted session) is kept in `TRANSCRIPT.md`.

#[test]
fn transcript_matches_the_file() {
    let file = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/TRANSCRIPT.md")).unwrap();
    let start = file.find("```text\n").expect("a ```text block") + "```text\n".len();
    let len = file[start..].find("```").expect("the block's end");
    let expected = &file[start..start + len];
    let actual = tlayer_example_contact_links::session::transcript();
    assert!(
        actual == expected,
        "TRANSCRIPT.md is stale: regenerate it with `cargo run -p tlayer-example-contact-links`\n{actual}"
    );
}
