//! `size_of` of every generated enum, tlayer vs grammers-tl-types 0.11.0 (lists from build.rs).
//! Prints the largest of each side, the same-named enums that are largest in grammers, and
//! `largest-enum-bytes N` (ours).

include!(concat!(env!("OUT_DIR"), "/enum_sizes.rs"));

fn main() {
    let top = |list: &[(&'static str, usize)]| {
        let mut v = list.to_vec();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    };
    let ours = top(OURS);
    let theirs = top(THEIRS);
    println!(
        "enums: tlayer {} (max {} bytes), grammers {} (max {} bytes)",
        ours.len(),
        ours[0].1,
        theirs.len(),
        theirs[0].1
    );
    let over = |v: &[(&str, usize)], n| v.iter().filter(|e| e.1 > n).count();
    println!("enums above 256 bytes: tlayer {}, grammers {}", over(&ours, 256), over(&theirs, 256));
    println!("largest 8, tlayer:");
    for (p, s) in ours.iter().take(8) {
        println!("  {s:>6}  {p}");
    }
    println!("largest 8, grammers (same enum in tlayer):");
    for (p, s) in theirs.iter().take(8) {
        let o = OURS.iter().find(|e| e.0 == *p).map_or("-".to_string(), |e| e.1.to_string());
        println!("  {s:>6}  {p}  (tlayer {o})");
    }
    // Machine-readable lines for the report.
    for (side, v) in [("tlayer", &ours), ("grammers", &theirs)] {
        for (p, s) in v.iter().take(8) {
            println!("SIZE {side} {p} {s}");
        }
    }
    println!("largest-enum-bytes {}", ours[0].1);
}
