//! Property tests: round trips, 4-byte alignment, and no panics on random input.

use proptest::prelude::*;
use tlayer::{Reader, TlRead, TlReadRef, TlWrite, read_vec_bare_elems};

fn roundtrip<T>(v: &T) -> T
where
    T: TlWrite + TlRead,
{
    let bytes = v.to_bytes();
    assert_eq!(bytes.len() % 4, 0, "encoding length {} not aligned", bytes.len());
    let mut bare = Vec::new();
    v.write_bare(&mut bare);
    assert_eq!(bare.len() % 4, 0);
    let mut r = Reader::new(&bare);
    T::read_bare(&mut r).unwrap();
    r.finish().unwrap();
    T::from_bytes(&bytes).unwrap()
}

proptest! {
    #[test]
    fn int_roundtrip(x: i32) {
        prop_assert_eq!(roundtrip(&x), x);
        prop_assert_eq!(x.to_bytes().len(), 4);
    }

    #[test]
    fn long_roundtrip(x: i64) {
        prop_assert_eq!(roundtrip(&x), x);
        prop_assert_eq!(x.to_bytes().len(), 8);
    }

    #[test]
    fn double_roundtrip_bitwise(bits: u64) {
        let x = f64::from_bits(bits);
        prop_assert_eq!(roundtrip(&x).to_bits(), bits);
    }

    #[test]
    fn bytes_roundtrip(v in prop::collection::vec(any::<u8>(), 0..700)) {
        prop_assert_eq!(&roundtrip(&v), &v);
        let enc = v.to_bytes();
        prop_assert_eq!(<&[u8]>::from_bytes_ref(&enc).unwrap(), &v[..]);
        let header = if v.len() < 254 { 1 } else { 4 };
        prop_assert!(enc.len() - header - v.len() < 4, "at most 3 padding bytes");
    }

    #[test]
    fn string_roundtrip(s in ".{0,300}") {
        prop_assert_eq!(&roundtrip(&s), &s);
        let enc = s.to_bytes();
        prop_assert_eq!(<&str>::from_bytes_ref(&enc).unwrap(), s.as_str());
    }

    #[test]
    fn vec_string_roundtrip(v in prop::collection::vec(".{0,40}", 0..20)) {
        prop_assert_eq!(&roundtrip(&v), &v);
        let mut out = Vec::new();
        tlayer::write_vec_bare_elems(&v, false, &mut out);
        prop_assert_eq!(out.len() % 4, 0);
        let back: Vec<String> = read_vec_bare_elems(&mut Reader::new(&out), false).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn vec_vec_long_roundtrip(
        v in prop::collection::vec(prop::collection::vec(any::<i64>(), 0..10), 0..10)
    ) {
        prop_assert_eq!(&roundtrip(&v), &v);
    }

    #[test]
    fn random_bytes_never_panic(buf in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = String::from_bytes(&buf);
        let _ = Vec::<String>::from_bytes(&buf);
        let _ = Vec::<Vec<i64>>::from_bytes(&buf);
        let _ = Vec::<u8>::from_bytes(&buf);
        let _ = bool::from_bytes(&buf);
        let _ = <Vec<&str>>::from_bytes_ref(&buf);
        let mut r = Reader::new(&buf).lossy_strings(true);
        let _ = Vec::<String>::read_bare(&mut r);
        let mut r = Reader::new(&buf);
        let _ = read_vec_bare_elems::<String>(&mut r, false);
    }

    #[test]
    fn random_bytes_after_vector_header(tail in prop::collection::vec(any::<u8>(), 0..256), count: u32) {
        // A valid vector id and a random count followed by random data.
        let mut buf = tlayer::VECTOR_ID.to_le_bytes().to_vec();
        buf.extend_from_slice(&count.to_le_bytes());
        buf.extend_from_slice(&tail);
        let _ = Vec::<String>::from_bytes(&buf);
        let _ = Vec::<Vec<u8>>::from_bytes(&buf);
    }

    #[test]
    fn truncated_strings_error(s in ".{1,300}", frac in 0.0f64..1.0) {
        let enc = s.to_bytes();
        let cut = ((enc.len() as f64) * frac) as usize;
        prop_assert!(String::from_bytes(&enc[..cut]).is_err());
    }
}
