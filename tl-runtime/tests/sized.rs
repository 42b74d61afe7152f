//! `read_sized` / `write_sized` (MTProto's `bytes:int body:Object`) on random input.

use proptest::prelude::*;
use tlayer::{Reader, read_sized, write_sized};

proptest! {
    /// Any body, written sized, reads back as itself and leaves nothing behind.
    #[test]
    fn sized_round_trips(words in prop::collection::vec(any::<u32>(), 0..64)) {
        let body: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        let mut out = Vec::new();
        write_sized(&mut out, |out| out.extend_from_slice(&body));
        prop_assert_eq!(&out[..4], &(body.len() as i32).to_le_bytes()[..]);
        let mut r = Reader::new(&out);
        let back = read_sized(&mut r, |r| r.read_raw(r.remaining()).map(<[u8]>::to_vec));
        prop_assert_eq!(back, Ok(body));
        prop_assert_eq!(r.remaining(), 0);
    }

    /// Arbitrary input: an error, or a body of whole ints inside the input; never a panic.
    #[test]
    fn sized_never_panics(input in prop::collection::vec(any::<u8>(), 0..64)) {
        let mut r = Reader::new(&input);
        if let Ok(body) = read_sized(&mut r, |r| r.read_raw(r.remaining()).map(<[u8]>::to_vec)) {
            prop_assert_eq!(body.len() % 4, 0);
            prop_assert_eq!(4 + body.len(), r.position());
            prop_assert_eq!(&input[..4], &(body.len() as i32).to_le_bytes()[..]);
        }
    }
}
