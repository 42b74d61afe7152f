//! Exact wire bytes of the fixed-size primitives and `Bool`.

use tlayer::{BOOL_FALSE_ID, BOOL_TRUE_ID, Error, Reader, TlRead, TlReadRef, TlWrite};

fn roundtrip<T: TlWrite + TlRead + PartialEq + core::fmt::Debug>(v: T, bytes: &[u8]) {
    assert_eq!(v.to_bytes(), bytes, "encoding of {v:?}");
    let mut bare = Vec::new();
    v.write_bare(&mut bare);
    assert_eq!(bare, bytes, "bare encoding of {v:?}");
    assert_eq!(T::from_bytes(bytes).unwrap(), v);
    assert_eq!(T::read_bare(&mut Reader::new(bytes)).unwrap(), v);
}

#[test]
fn int_bytes() {
    // 1 = 0x00000001 -> LE 01 00 00 00
    roundtrip(1i32, &[0x01, 0x00, 0x00, 0x00]);
    // -2 = 0xfffffffe -> LE fe ff ff ff
    roundtrip(-2i32, &[0xfe, 0xff, 0xff, 0xff]);
    // 0x12345678 -> LE 78 56 34 12
    roundtrip(0x1234_5678i32, &[0x78, 0x56, 0x34, 0x12]);
    // i32::MIN = 0x80000000 -> 00 00 00 80
    roundtrip(i32::MIN, &[0x00, 0x00, 0x00, 0x80]);
}

#[test]
fn long_bytes() {
    // 0x0102030405060708 -> LE 08 07 06 05 04 03 02 01
    roundtrip(0x0102_0304_0506_0708i64, &[0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]);
    // -1 -> all ones
    roundtrip(-1i64, &[0xff; 8]);
}

#[test]
fn double_bytes() {
    // 1.0 = sign 0, exponent 1023 = 0x3ff, mantissa 0 -> bits 0x3ff0_0000_0000_0000
    // -> LE 00 00 00 00 00 00 f0 3f
    roundtrip(1.0f64, &[0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    // -2.5 = -1.25 * 2^1: sign 1, exponent 1024 = 0x400 -> top 12 bits 0xc00,
    // mantissa .25 = 0x4_0000_0000_0000 -> bits 0xc004_0000_0000_0000
    // -> LE 00 00 00 00 00 00 04 c0
    roundtrip(-2.5f64, &[0, 0, 0, 0, 0, 0, 0x04, 0xc0]);
    // NaN payloads survive bit for bit.
    let nan = f64::from_bits(0x7ff8_0000_dead_beef);
    let bytes = nan.to_bytes();
    assert_eq!(bytes, [0xef, 0xbe, 0xad, 0xde, 0x00, 0x00, 0xf8, 0x7f]);
    assert_eq!(f64::from_bytes(&bytes).unwrap().to_bits(), nan.to_bits());
}

#[test]
fn int128_int256_are_raw() {
    // int128 / int256 are copied byte for byte, no reordering, no prefix.
    let a: [u8; 16] = core::array::from_fn(|i| i as u8);
    roundtrip(a, &a);
    let b: [u8; 32] = core::array::from_fn(|i| 0xff - i as u8);
    roundtrip(b, &b);
    assert_eq!(
        <[u8; 16]>::from_bytes(&a[..15]),
        Err(Error::UnexpectedEof { offset: 0, needed: 16, expected: "int128" })
    );
}

#[test]
fn bool_bytes() {
    // boolTrue#997275b5 -> LE b5 75 72 99; boolFalse#bc799737 -> LE 37 97 79 bc
    assert_eq!(BOOL_TRUE_ID, 0x9972_75b5);
    assert_eq!(BOOL_FALSE_ID, 0xbc79_9737);
    roundtrip(true, &[0xb5, 0x75, 0x72, 0x99]);
    roundtrip(false, &[0x37, 0x97, 0x79, 0xbc]);
}

#[test]
fn bool_unknown_id_names_id_and_offset() {
    // int 0 at bytes 0..4, then a bogus id 0x12345678 (LE 78 56 34 12) at byte 4.
    let buf = [0, 0, 0, 0, 0x78, 0x56, 0x34, 0x12];
    let mut r = Reader::new(&buf);
    assert_eq!(r.read_i32(), Ok(0));
    let err = bool::read_boxed(&mut r).unwrap_err();
    assert_eq!(err, Error::UnknownConstructor { offset: 4, id: 0x1234_5678, expected: "Bool" });
    assert_eq!(err.offset(), 4);
    assert_eq!(err.to_string(), "unknown constructor id 0x12345678 at byte 4, expected Bool");
    // Small ids are zero-padded to 8 hex digits.
    let err = bool::from_bytes(&[0x01, 0, 0, 0]).unwrap_err();
    assert_eq!(err.to_string(), "unknown constructor id 0x00000001 at byte 0, expected Bool");
}

#[test]
fn borrowed_mode_reads_primitives() {
    // int 5 | long 6 | boolTrue
    let buf = [5, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0xb5, 0x75, 0x72, 0x99];
    let mut r = Reader::new(&buf);
    assert_eq!(i32::read_bare_ref(&mut r), Ok(5));
    assert_eq!(i64::read_bare_ref(&mut r), Ok(6));
    assert_eq!(bool::read_boxed_ref(&mut r), Ok(true));
    r.finish().unwrap();
}

#[test]
fn eof_message() {
    let err = i64::from_bytes(&[1, 2, 3]).unwrap_err();
    assert_eq!(err.to_string(), "unexpected end of input at byte 0: needed 8 more bytes for long");
}
