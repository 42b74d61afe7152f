//! Malformed and hostile input: truncation, trailing bytes, nesting depth.

use tlayer::{Error, Identifiable, Reader, Result, TlRead, TlWrite};

/// `record#c0ffee01 id:int name:string tags:Vector<long> ok:Bool key:int128 blob:bytes = Record;`
#[derive(Debug, PartialEq)]
struct Record {
    id: i32,
    name: String,
    tags: Vec<i64>,
    ok: bool,
    key: [u8; 16],
    blob: Vec<u8>,
}

impl Identifiable for Record {
    const CONSTRUCTOR_ID: u32 = 0xc0ff_ee01;
}

impl TlWrite for Record {
    fn write_bare(&self, out: &mut Vec<u8>) {
        self.id.write_bare(out);
        self.name.write_bare(out);
        self.tags.write_boxed(out);
        self.ok.write_boxed(out);
        self.key.write_bare(out);
        self.blob.write_bare(out);
    }
    fn write_boxed(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&Self::CONSTRUCTOR_ID.to_le_bytes());
        self.write_bare(out);
    }
}

impl TlRead for Record {
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        Ok(Record {
            id: TlRead::read_bare(r)?,
            name: TlRead::read_bare(r)?,
            tags: TlRead::read_boxed(r)?,
            ok: TlRead::read_boxed(r)?,
            key: TlRead::read_bare(r)?,
            blob: TlRead::read_bare(r)?,
        })
    }
    fn read_boxed(r: &mut Reader<'_>) -> Result<Self> {
        match r.read_id()? {
            Self::CONSTRUCTOR_ID => Self::read_bare(r),
            id => Err(r.unknown_id(id, "Record")),
        }
    }
}

fn sample() -> Record {
    Record { id: 42, name: "hello".into(), tags: vec![1, 2, 3], ok: true, key: [7; 16], blob: vec![9; 260] }
}

#[test]
fn record_roundtrip_and_layout() {
    let rec = sample();
    let bytes = rec.to_bytes();
    // id 4 + int 4 + "hello" (1+5+2 pad) 8 + vector 8+24 + Bool 4 + int128 16 + bytes (4+260) 264
    assert_eq!(bytes.len(), 4 + 4 + 8 + 32 + 4 + 16 + 264);
    assert_eq!(&bytes[..4], [0x01, 0xee, 0xff, 0xc0]);
    assert_eq!(Record::from_bytes(&bytes).unwrap(), rec);
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = sample().to_bytes();
    for cut in 0..bytes.len() {
        let res = Record::from_bytes(&bytes[..cut]);
        assert!(res.is_err(), "prefix of {cut} bytes decoded: {res:?}");
        let err = res.unwrap_err();
        assert!(err.offset() <= cut, "offset {} past input {cut}", err.offset());
    }
    assert!(Record::from_bytes(&bytes).is_ok());
}

#[test]
fn every_single_byte_corruption_is_handled() {
    // Flipping any byte may or may not decode, but must never panic.
    let bytes = sample().to_bytes();
    for i in 0..bytes.len() {
        for x in [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff] {
            let mut b = bytes.clone();
            b[i] = x;
            let _ = Record::from_bytes(&b);
        }
    }
}

#[test]
fn trailing_bytes_are_rejected() {
    // 01 00 00 00 is the int; 2 extra bytes start at offset 4.
    let err = i32::from_bytes(&[1, 0, 0, 0, 0xaa, 0xbb]).unwrap_err();
    assert_eq!(err, Error::TrailingBytes { offset: 4, remaining: 2 });
    assert_eq!(err.to_string(), "2 trailing bytes at byte 4 after the end of the value");
    let mut bytes = sample().to_bytes();
    let len = bytes.len();
    bytes.extend_from_slice(&[0; 4]);
    assert_eq!(Record::from_bytes(&bytes), Err(Error::TrailingBytes { offset: len, remaining: 4 }));
}

#[test]
fn nested_beyond_limit_is_too_deep() {
    fn dive(r: &mut Reader<'_>, levels: u32) -> Result<u32> {
        if levels == 0 {
            return Ok(r.depth());
        }
        r.nested(|r| dive(r, levels - 1))
    }
    let mut r = Reader::new(&[]);
    assert_eq!(dive(&mut r, Reader::DEFAULT_MAX_DEPTH), Ok(64));
    assert_eq!(r.depth(), 0);
    assert_eq!(dive(&mut r, Reader::DEFAULT_MAX_DEPTH + 1), Err(Error::TooDeep { offset: 0, limit: 64 }));
    assert_eq!(r.depth(), 0, "levels are left on the error path too");
    let mut r = Reader::new(&[]).with_max_depth(3);
    assert_eq!(dive(&mut r, 3), Ok(3));
    assert!(matches!(dive(&mut r, 4), Err(Error::TooDeep { limit: 3, .. })));
}

/// `textBold#11111111 text:RichText = RichText;`
/// `textPlain#22222222 text:string = RichText;`
#[derive(Debug, PartialEq)]
enum Text {
    Bold(Box<Text>),
    Plain(String),
}

const BOLD: u32 = 0x1111_1111;
const PLAIN: u32 = 0x2222_2222;

impl TlRead for Text {
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        Self::read_boxed(r)
    }
    fn read_boxed(r: &mut Reader<'_>) -> Result<Self> {
        r.nested(|r| match r.read_id()? {
            BOLD => Ok(Text::Bold(TlRead::read_boxed(r)?)),
            PLAIN => Ok(Text::Plain(TlRead::read_bare(r)?)),
            id => Err(r.unknown_id(id, "RichText")),
        })
    }
}

/// `levels` textBold ids then textPlain "x", built without recursion.
fn bold_chain(levels: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(levels * 4 + 8);
    for _ in 0..levels {
        out.extend_from_slice(&BOLD.to_le_bytes());
    }
    out.extend_from_slice(&PLAIN.to_le_bytes());
    out.extend_from_slice(&[0x01, b'x', 0, 0]);
    out
}

#[test]
fn hundred_thousand_levels_is_too_deep_not_a_crash() {
    let bytes = bold_chain(100_000);
    let err = Text::from_bytes(&bytes).unwrap_err();
    assert!(matches!(err, Error::TooDeep { limit: 64, .. }), "{err:?}");
    // Even a very large explicit limit is honoured level by level.
    let mut r = Reader::new(&bytes).with_max_depth(200);
    assert!(matches!(Text::read_boxed(&mut r), Err(Error::TooDeep { limit: 200, .. })));
}

#[test]
fn moderate_nesting_decodes() {
    // Each textBold costs two levels here (Text::read_boxed's nested() and the
    // Box read), the outermost Text one: 1 + 2 * 31 = 63 <= 64.
    let t = Text::from_bytes(&bold_chain(31)).unwrap();
    let mut depth = 0;
    let mut cur = &t;
    while let Text::Bold(inner) = cur {
        depth += 1;
        cur = inner;
    }
    assert_eq!(depth, 31);
    assert_eq!(cur, &Text::Plain("x".into()));
    // 1 + 2 * 32 = 65 > 64.
    assert!(matches!(Text::from_bytes(&bold_chain(32)), Err(Error::TooDeep { limit: 64, .. })));
    // Unknown id inside the chain: reported at its own offset.
    let mut bytes = bold_chain(3);
    bytes[8..12].copy_from_slice(&0x3333_3333u32.to_le_bytes());
    assert_eq!(
        Text::from_bytes(&bytes),
        Err(Error::UnknownConstructor { offset: 8, id: 0x3333_3333, expected: "RichText" })
    );
}

#[test]
fn deeply_nested_vectors_are_bounded() {
    // Vec<Vec<...>> nesting is bounded by the type, but each level still counts:
    // three vector levels under a limit of 2 is TooDeep.
    let v = vec![vec![vec![1i32]]];
    let bytes = v.to_bytes();
    let mut r = Reader::new(&bytes).with_max_depth(2);
    assert!(matches!(Vec::<Vec<Vec<i32>>>::read_boxed(&mut r), Err(Error::TooDeep { limit: 2, .. })));
    let mut r = Reader::new(&bytes).with_max_depth(3);
    assert_eq!(Vec::<Vec<Vec<i32>>>::read_boxed(&mut r).unwrap(), v);
}

#[test]
fn display_messages() {
    let cases = [
        (
            Error::InvalidLength { offset: 3, len: 99, remaining: 5, what: "vector" },
            "invalid length 99 for vector at byte 3 (5 bytes remain)",
        ),
        (Error::TooDeep { offset: 7, limit: 64 }, "value nested deeper than the limit of 64 levels at byte 7"),
        (Error::Custom { offset: 1, message: "flags.3 set without flags.2" }, "flags.3 set without flags.2 at byte 1"),
    ];
    for (err, msg) in cases {
        assert_eq!(err.to_string(), msg);
        let _: &dyn std::error::Error = &err;
    }
}
