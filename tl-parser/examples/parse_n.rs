//! Parses a schema N times (for instruction counts under callgrind): `parse_n FILE N`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: usize = args.next().map_or(1, |n| n.parse().expect("N"));
    let text = std::fs::read_to_string(path).unwrap();
    let mut defs = 0;
    for _ in 0..n {
        let parsed = tlayer_parser::parse(std::hint::black_box(&text), &tlayer_parser::Options::default());
        defs += parsed.schema.definitions.len();
    }
    println!("{defs}");
}
