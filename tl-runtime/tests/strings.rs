//! TL `string` / `bytes`: both length forms, padding, and malformed input.

use tlayer::{Error, MAX_BYTES_LEN, Reader, TlRead, TlReadRef, TlWrite};

/// Encodes `len` bytes of 0xaa and checks header, payload, padding and total length.
fn check_bytes(len: usize, header: &[u8], total: usize) {
    let data = vec![0xaa; len];
    let enc = data.to_bytes();
    assert_eq!(enc.len(), total, "total length for payload of {len}");
    assert_eq!(enc.len() % 4, 0);
    assert_eq!(&enc[..header.len()], header, "header for payload of {len}");
    let body_end = header.len() + len;
    assert!(enc[header.len()..body_end].iter().all(|&b| b == 0xaa));
    assert!(enc[body_end..].iter().all(|&b| b == 0), "padding is zero");
    assert_eq!(Vec::<u8>::from_bytes(&enc).unwrap(), data);
    assert_eq!(<&[u8]>::from_bytes_ref(&enc).unwrap(), &data[..]);
}

#[test]
fn short_form_exact_bytes() {
    // len 0: [00] + 3 pad -> 4 bytes
    assert_eq!(String::new().to_bytes(), [0x00, 0, 0, 0]);
    // len 1 "a": [01 61] + 2 pad -> 4 bytes
    assert_eq!("a".to_bytes(), [0x01, 0x61, 0, 0]);
    // len 2 "ab": [02 61 62] + 1 pad -> 4 bytes
    assert_eq!("ab".to_bytes(), [0x02, 0x61, 0x62, 0]);
    // len 3 "abc": [03 61 62 63], 1 + 3 = 4 -> no pad
    assert_eq!("abc".to_bytes(), [0x03, 0x61, 0x62, 0x63]);
    // len 4 "abcd": [04 61 62 63 64] + 3 pad -> 8 bytes
    assert_eq!("abcd".to_string().to_bytes(), [0x04, 0x61, 0x62, 0x63, 0x64, 0, 0, 0]);
    for s in ["", "a", "ab", "abc", "abcd"] {
        assert_eq!(String::from_bytes(&s.to_bytes()).unwrap(), s);
        assert_eq!(<&str>::from_bytes_ref(&s.to_bytes()).unwrap(), s);
    }
}

#[test]
fn lengths_and_padding() {
    // (len, header, total): short form is 1 + len rounded up to 4.
    check_bytes(0, &[0x00], 4);
    check_bytes(1, &[0x01], 4);
    check_bytes(2, &[0x02], 4);
    check_bytes(3, &[0x03], 4);
    check_bytes(4, &[0x04], 8);
    // 253 = 0xfd, the longest short form: 1 + 253 = 254 -> 2 pad -> 256.
    check_bytes(253, &[0xfd], 256);
    // 254 = 0x0000fe: fe | fe 00 00, 4 + 254 = 258 -> 2 pad -> 260.
    check_bytes(254, &[0xfe, 0xfe, 0x00, 0x00], 260);
    // 300 = 0x00012c: fe | 2c 01 00, 4 + 300 = 304 -> no pad.
    check_bytes(300, &[0xfe, 0x2c, 0x01, 0x00], 304);
    // 301: 4 + 301 = 305 -> 3 pad -> 308.
    check_bytes(301, &[0xfe, 0x2d, 0x01, 0x00], 308);
    // 0x10203 = 66051: fe | 03 02 01, 4 + 66051 = 66055 -> 1 pad -> 66056.
    check_bytes(0x1_0203, &[0xfe, 0x03, 0x02, 0x01], 66056);
}

#[test]
fn max_length_encodes() {
    // 2^24 - 1 = 0xffffff: fe | ff ff ff, 4 + 16777215 = 16777219 -> 1 pad.
    check_bytes(MAX_BYTES_LEN, &[0xfe, 0xff, 0xff, 0xff], 16_777_220);
}

#[test]
#[should_panic(expected = "longer than the maximum")]
fn too_long_panics_on_write() {
    let _ = vec![0u8; MAX_BYTES_LEN + 1].to_bytes();
}

#[test]
fn padding_is_not_checked_on_read() {
    // "a" with garbage in its two padding bytes still reads.
    assert_eq!(String::from_bytes(&[0x01, 0x61, 0xee, 0xee]).unwrap(), "a");
}

#[test]
fn long_form_with_small_length_is_accepted() {
    // fe 02 00 00 | 61 62 | 2 pad: non-canonical but unambiguous.
    assert_eq!(String::from_bytes(&[0xfe, 0x02, 0x00, 0x00, 0x61, 0x62, 0, 0]).unwrap(), "ab");
}

#[test]
fn ff_prefix_is_invalid() {
    let err = Vec::<u8>::from_bytes(&[0xff, 1, 2, 3]).unwrap_err();
    assert!(matches!(err, Error::InvalidLength { offset: 0, len: 0xff, remaining: 3, .. }), "{err:?}");
    assert!(matches!(String::from_bytes(&[0xff, 0, 0, 0]), Err(Error::InvalidLength { offset: 0, .. })));
}

#[test]
fn length_beyond_input_is_rejected() {
    // Long form claiming 0xffffff bytes with only 4 after the header.
    let err = Vec::<u8>::from_bytes(&[0xfe, 0xff, 0xff, 0xff, 1, 2, 3, 4]).unwrap_err();
    assert_eq!(err, Error::InvalidLength { offset: 0, len: 0xff_ffff, remaining: 4, what: "bytes" });
    // Short form claiming 10 bytes with 2 after the header, at offset 4.
    let mut r = Reader::new(&[0, 0, 0, 0, 10, 1, 2]);
    r.read_i32().unwrap();
    assert_eq!(
        String::read_bare(&mut r),
        Err(Error::InvalidLength { offset: 4, len: 10, remaining: 2, what: "string" })
    );
    // Payload present but padding cut off: an end-of-input error at the padding.
    assert_eq!(
        String::from_bytes(&[0x01, 0x61]),
        Err(Error::UnexpectedEof { offset: 2, needed: 2, expected: "string" })
    );
    // Long-form header itself cut off.
    assert_eq!(
        String::from_bytes(&[0xfe, 0x01]),
        Err(Error::UnexpectedEof { offset: 0, needed: 4, expected: "string" })
    );
    assert!(matches!(String::from_bytes(&[]), Err(Error::UnexpectedEof { offset: 0, .. })));
}

#[test]
fn invalid_utf8_reports_offset() {
    // int 0 | string len 3: 61 ff 62. Payload starts at byte 5, bad byte at 6.
    let buf = [0, 0, 0, 0, 0x03, 0x61, 0xff, 0x62];
    let mut r = Reader::new(&buf);
    r.read_i32().unwrap();
    let err = String::read_bare(&mut r).unwrap_err();
    assert_eq!(err, Error::InvalidUtf8 { offset: 6 });
    assert_eq!(err.to_string(), "invalid UTF-8 in string at byte 6");

    // Borrowed strings are always strict.
    let mut r = Reader::new(&buf[4..]).lossy_strings(true);
    assert_eq!(r.read_str_ref(), Err(Error::InvalidUtf8 { offset: 2 }));

    // Lossy mode replaces the bad byte.
    let mut r = Reader::new(&buf[4..]).lossy_strings(true);
    assert_eq!(String::read_bare(&mut r).unwrap(), "a\u{fffd}b");
    r.finish().unwrap();

    // Bytes are not UTF-8 checked.
    assert_eq!(Vec::<u8>::from_bytes(&buf[4..]).unwrap(), [0x61, 0xff, 0x62]);
}

#[test]
fn borrowed_write() {
    // &str and &[u8] write exactly like String and Vec<u8>.
    let s: &str = "hi";
    assert_eq!(s.to_bytes(), String::from("hi").to_bytes());
    let b: &[u8] = &[1, 2, 3];
    assert_eq!(b.to_bytes(), [3, 1, 2, 3]);
    assert_eq!((&b).to_bytes(), vec![1u8, 2, 3].to_bytes());
}
