//! Runs one codec operation N times, for `perf stat` (instructions and CPU time per operation
//! on a machine too loaded for wall-clock timings):
//! `codec-count tlayer|grammers encode|decode messages|difference|config|users N`.

use grammers_tl_types as gt;
use grammers_tl_types::{Deserializable, Serializable};
use std::hint::black_box;
use tlayer::{TlRead, TlWrite};
use tlayer_bench::{Values, theirs};
use tlayer_schema::layer230 as ours;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [side, op, value, n] = args.as_slice() else {
        eprintln!("usage: codec-count tlayer|grammers encode|decode messages|difference|config|users N");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N");
    let v = Values::build();
    match value.as_str() {
        "messages" => go::<ours::enums::messages::Messages, gt::enums::messages::Messages>(side, op, &v.messages, n),
        "difference" => {
            go::<ours::enums::updates::Difference, gt::enums::updates::Difference>(side, op, &v.difference, n)
        }
        "config" => go::<ours::enums::Config, gt::enums::Config>(side, op, &v.config, n),
        "users" => go::<Vec<ours::enums::User>, Vec<gt::enums::User>>(side, op, &v.users, n),
        _ => panic!("unknown value {value}"),
    }
}

fn go<O: TlWrite + TlRead, T: Deserializable + Serializable>(side: &str, op: &str, ours_value: &O, n: usize) {
    let (theirs_value, bytes): (T, Vec<u8>) = theirs(ours_value);
    let mut buf = Vec::with_capacity(bytes.len() * 2);
    for _ in 0..n {
        match (side, op) {
            ("tlayer", "encode") => {
                buf.clear();
                black_box(ours_value).write_boxed(&mut buf);
            }
            ("grammers", "encode") => {
                buf.clear();
                black_box(&theirs_value).serialize(&mut buf);
            }
            ("tlayer", "decode") => drop(black_box(O::from_bytes(black_box(&bytes)).unwrap())),
            ("grammers", "decode") => drop(black_box(T::from_bytes(black_box(&bytes)).unwrap())),
            _ => panic!("unknown side or op"),
        }
        black_box(buf.len());
    }
}
