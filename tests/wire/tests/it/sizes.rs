//! `size_of` of the generated enums of layer 230: large variants are boxed by the generator,
//! so every enum must stay small.

use crate::dispatch;

/// The largest size allowed for any generated enum.
const LIMIT: usize = 256;

#[test]
fn layer230_enums_are_small() {
    let mut sizes = dispatch::layer230::enum_sizes();
    assert!(sizes.len() > 500, "only {} enums listed", sizes.len());
    sizes.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let top: Vec<String> =
        sizes.iter().take(10).map(|(tl, rust, size)| format!("{size:4} bytes  {tl} ({rust})")).collect();
    println!("the 10 largest of {} layer 230 enums:\n{}", sizes.len(), top.join("\n"));
    let over: Vec<String> =
        sizes.iter().filter(|s| s.2 > LIMIT).map(|(tl, _, size)| format!("{tl}: {size} bytes")).collect();
    assert!(over.is_empty(), "enums larger than {LIMIT} bytes:\n{}", over.join("\n"));
}

#[test]
fn layer3_and_mtproto_enums_are_small() {
    for sizes in [dispatch::layer3::enum_sizes(), dispatch::mtproto::enum_sizes()] {
        for (tl, rust, size) in sizes {
            assert!(size <= LIMIT, "{tl} ({rust}) is {size} bytes");
        }
    }
}
