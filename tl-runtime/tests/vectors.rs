//! TL vectors: boxed/bare forms, bare elements, and hostile counts.

use tlayer::{
    Error, Identifiable, Reader, Result, TlRead, TlReadRef, TlWrite, VECTOR_ID, read_vec_bare_elems,
    read_vec_bare_elems_ref, write_vec_bare_elems,
};

#[test]
fn boxed_vector_of_int() {
    // 15 c4 b5 1c (vector#1cb5c415) | 03 00 00 00 (count) | 1 | 2 | -1
    let expected = [
        0x15, 0xc4, 0xb5, 0x1c, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0xff, 0xff,
        0xff, 0xff,
    ];
    let v = vec![1i32, 2, -1];
    assert_eq!(VECTOR_ID, 0x1cb5_c415);
    assert_eq!(v.to_bytes(), expected);
    assert_eq!(Vec::<i32>::from_bytes(&expected).unwrap(), v);
    // Empty: id + zero count.
    assert_eq!(Vec::<i32>::new().to_bytes(), [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]);
}

#[test]
fn bare_vector_of_int() {
    // No id: 02 00 00 00 | 07 00 00 00 | 08 00 00 00
    let expected = [2, 0, 0, 0, 7, 0, 0, 0, 8, 0, 0, 0];
    let mut out = Vec::new();
    vec![7i32, 8].write_bare(&mut out);
    assert_eq!(out, expected);
    let mut r = Reader::new(&expected);
    assert_eq!(Vec::<i32>::read_bare(&mut r).unwrap(), [7, 8]);
    r.finish().unwrap();
}

#[test]
fn wrong_vector_id() {
    // int 0 | bogus id 0xdeadbeef (LE ef be ad de) where the vector id belongs.
    let buf = [0, 0, 0, 0, 0xef, 0xbe, 0xad, 0xde, 0, 0, 0, 0];
    let mut r = Reader::new(&buf);
    r.read_i32().unwrap();
    assert_eq!(
        Vec::<i32>::read_boxed(&mut r),
        Err(Error::UnknownConstructor { offset: 4, id: 0xdead_beef, expected: "Vector" })
    );
}

/// A test constructor `point#0a0b0c0d x:int y:int = Point;` whose boxed form has an id.
#[derive(Debug, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

impl Identifiable for Point {
    const CONSTRUCTOR_ID: u32 = 0x0a0b_0c0d;
}

impl TlWrite for Point {
    fn write_bare(&self, out: &mut Vec<u8>) {
        self.x.write_bare(out);
        self.y.write_bare(out);
    }
    fn write_boxed(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&Self::CONSTRUCTOR_ID.to_le_bytes());
        self.write_bare(out);
    }
}

impl TlRead for Point {
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        Ok(Point { x: i32::read_bare(r)?, y: i32::read_bare(r)? })
    }
    fn read_boxed(r: &mut Reader<'_>) -> Result<Self> {
        match r.read_id()? {
            Self::CONSTRUCTOR_ID => Self::read_bare(r),
            id => Err(r.unknown_id(id, "Point")),
        }
    }
}

#[test]
fn elements_boxed_vs_bare() {
    let pts = vec![Point { x: 1, y: 2 }, Point { x: 3, y: 4 }];

    // Vector<Point>: each element boxed, id 0a0b0c0d -> LE 0d 0c 0b 0a.
    let boxed_elems = [
        0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, // vector, count 2
        0x0d, 0x0c, 0x0b, 0x0a, 1, 0, 0, 0, 2, 0, 0, 0, // point 1 2
        0x0d, 0x0c, 0x0b, 0x0a, 3, 0, 0, 0, 4, 0, 0, 0, // point 3 4
    ];
    assert_eq!(pts.to_bytes(), boxed_elems);
    assert_eq!(Vec::<Point>::from_bytes(&boxed_elems).unwrap(), pts);

    // Vector<%Point>: the same without the element ids.
    let bare_elems = [
        0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, // vector, count 2
        1, 0, 0, 0, 2, 0, 0, 0, // 1 2
        3, 0, 0, 0, 4, 0, 0, 0, // 3 4
    ];
    let mut out = Vec::new();
    write_vec_bare_elems(&pts, true, &mut out);
    assert_eq!(out, bare_elems);
    let mut r = Reader::new(&bare_elems);
    assert_eq!(read_vec_bare_elems::<Point>(&mut r, true).unwrap(), pts);
    r.finish().unwrap();

    // vector<%Point> (bare vector, bare elements): no ids at all.
    let mut out = Vec::new();
    write_vec_bare_elems(&pts, false, &mut out);
    assert_eq!(out, bare_elems[4..]);
    let mut r = Reader::new(&bare_elems[4..]);
    assert_eq!(read_vec_bare_elems::<Point>(&mut r, false).unwrap(), pts);
    r.finish().unwrap();

    // Reading the bare-element form as boxed elements fails on the first "id" (1).
    assert_eq!(
        Vec::<Point>::from_bytes(&bare_elems),
        Err(Error::UnknownConstructor { offset: 8, id: 1, expected: "Point" })
    );
}

#[test]
fn huge_count_is_rejected_before_allocating() {
    // count 0x7fffffff (LE ff ff ff 7f) followed by only 4 bytes.
    let buf = [0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0];
    let mut r = Reader::new(&buf);
    assert_eq!(
        Vec::<i32>::read_bare(&mut r),
        Err(Error::InvalidLength { offset: 0, len: 0x7fff_ffff, remaining: 4, what: "vector" })
    );
    // Same through the boxed form: the count sits at offset 4.
    let mut boxed = VECTOR_ID.to_le_bytes().to_vec();
    boxed.extend_from_slice(&buf);
    assert_eq!(
        Vec::<String>::from_bytes(&boxed),
        Err(Error::InvalidLength { offset: 4, len: 0x7fff_ffff, remaining: 4, what: "vector" })
    );
}

#[test]
fn negative_count_is_rejected() {
    // count -1 = ff ff ff ff, shown as its u32 value.
    let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    assert_eq!(
        Vec::<i64>::read_bare(&mut r),
        Err(Error::InvalidLength { offset: 0, len: 0xffff_ffff, remaining: 4, what: "vector" })
    );
    // i32::MIN = 00 00 00 80.
    assert!(matches!(
        read_vec_bare_elems::<i32>(&mut Reader::new(&[0, 0, 0, 0x80]), false),
        Err(Error::InvalidLength { len: 0x8000_0000, .. })
    ));
}

#[test]
fn count_larger_than_data_but_within_bytes() {
    // count 2 with one int: passes the count rule, then the second element hits EOF.
    let buf = [2, 0, 0, 0, 5, 0, 0, 0];
    assert_eq!(
        Vec::<i32>::read_bare(&mut Reader::new(&buf)),
        Err(Error::UnexpectedEof { offset: 8, needed: 4, expected: "int" })
    );
}

#[test]
fn nested_vectors_and_strings() {
    let v = vec![vec![1i64, -2], vec![], vec![i64::MAX]];
    let bytes = v.to_bytes();
    // outer id+count 8, inner: (8 + 16) + 8 + (8 + 8) = 48 -> 56 total
    assert_eq!(bytes.len(), 56);
    assert_eq!(Vec::<Vec<i64>>::from_bytes(&bytes).unwrap(), v);

    let s = vec!["a".to_string(), String::new(), "x".repeat(300)];
    let bytes = s.to_bytes();
    // 8 + 4 + 4 + 304
    assert_eq!(bytes.len(), 320);
    assert_eq!(Vec::<String>::from_bytes(&bytes).unwrap(), s);
    // Borrowed mode: Vec<&str> from the same bytes.
    let b: Vec<&str> = Vec::from_bytes_ref(&bytes).unwrap();
    assert_eq!(b, s);
    let mut r = Reader::new(&bytes);
    let bare: Vec<&str> = read_vec_bare_elems_ref(&mut r, true).unwrap();
    assert_eq!(bare, s);
}

#[test]
fn slices_write_like_vecs() {
    let v = [1i32, 2];
    assert_eq!(v[..].to_bytes(), v.to_vec().to_bytes());
    let b: Box<Vec<i32>> = Box::new(v.to_vec());
    assert_eq!(b.to_bytes(), v.to_vec().to_bytes());
    assert_eq!(*Box::<Vec<i32>>::from_bytes(&b.to_bytes()).unwrap(), v);
}
