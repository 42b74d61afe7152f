//! Constructor ids: every test vector of `docs/ids.md`, its near misses (the wrong rule and the
//! wrong id it gives), the td_api and TON dialects, the known exceptions of the real corpus
//! reported as notes, and a typo in a written id reported as a warning at the right place.

use tlayer_parser::ids::{self, BareNames};
use tlayer_parser::{Definition, Dialect, LineIndex, Options, Parsed, Severity, parse};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

fn parse_as(src: &str, dialect: Dialect) -> Parsed<'_> {
    let parsed = parse(src, &Options { dialect: Some(dialect) });
    let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{src}\n{errors:#?}");
    parsed
}

fn find<'p, 'a>(parsed: &'p Parsed<'a>, name: &str) -> &'p Definition<'a> {
    parsed.schema.definitions.iter().find(|d| d.name.text == name).unwrap_or_else(|| panic!("no `{name}`"))
}

/// Parses `src` (which defines `name`, and maybe what it uses) with `dialect`, and checks the
/// canonical string and the id of `name`, both as `parse` filled it in and as `ids` computes it.
fn vector(src: &str, name: &str, dialect: Dialect, canonical: &str, id: u32) -> String {
    let parsed = parse_as(src, dialect);
    let def = find(&parsed, name);
    let bare = BareNames::new(&parsed.schema.definitions);
    let got = ids::canonical(def, dialect, &bare);
    assert_eq!(got, canonical, "canonical form of `{name}`");
    assert_eq!(crc32fast::hash(got.as_bytes()), id, "crc32 of {got:?}");
    assert_eq!(def.id, id, "id of `{name}`: {:#010x}", def.id);
    assert_eq!(ids::compute(def, dialect, &bare), id);
    assert_eq!(
        ids::status(def, dialect, &bare),
        if def.written_id.is_some() { ids::IdStatus::Ok } else { ids::IdStatus::Computed }
    );
    got
}

// --- The table of docs/ids.md, Telegram dialect --------------------------------------------

#[test]
fn bool_true() {
    vector("boolTrue = Bool;", "boolTrue", Dialect::Telegram, "boolTrue = Bool", 0x997275b5);
}

#[test]
fn generic_vector_drops_braces() {
    vector(
        "vector {t:Type} # [ t ] = Vector t;",
        "vector",
        Dialect::Telegram,
        "vector t:Type # [ t ] = Vector t",
        0x1cb5c415,
    );
}

#[test]
fn invoke_with_layer() {
    vector(
        "---functions---\ninvokeWithLayer {X:Type} layer:int query:!X = X;",
        "invokeWithLayer",
        Dialect::Telegram,
        "invokeWithLayer X:Type layer:int query:!X = X",
        0xda9b0d0d,
    );
}

#[test]
fn undeclared_bang_generic_hashes_as_declared() {
    // Layer 3 writes no `{X:Type}`.
    vector(
        "---functions---\ninvokeWithLayer3 query:!X = X;",
        "invokeWithLayer3",
        Dialect::Telegram,
        "invokeWithLayer3 X:Type query:!X = X",
        0xb7475268,
    );
}

const MESSAGE: &str = "message msg_id:long seqno:int bytes:int body:Object = Message;\n";

#[test]
fn percent_becomes_the_single_constructor() {
    let src = format!("{MESSAGE}msg_container messages:vector<%Message> = MessageContainer;\n");
    vector(
        &src,
        "msg_container",
        Dialect::Telegram,
        "msg_container messages:vector message = MessageContainer",
        0x73f1f8dc,
    );
}

#[test]
fn true_flags_are_dropped() {
    vector(
        "userStatusRecently flags:# by_me:flags.0?true = UserStatus;",
        "userStatusRecently",
        Dialect::Telegram,
        "userStatusRecently flags:# = UserStatus",
        0x7b197dc8,
    );
}

#[test]
fn direct_bytes_hash_as_string() {
    vector(
        "upload.cdnFile bytes:bytes = upload.CdnFile;",
        "upload.cdnFile",
        Dialect::Telegram,
        "upload.cdnFile bytes:string = upload.CdnFile",
        0xa99fca4f,
    );
}

#[test]
fn angle_brackets_become_a_space() {
    vector(
        "contacts.link = contacts.Link;\n\
         messages.sentMessageLink id:int date:int pts:int seq:int links:Vector<contacts.Link> = messages.SentMessage;",
        "messages.sentMessageLink",
        Dialect::Telegram,
        "messages.sentMessageLink id:int date:int pts:int seq:int links:Vector contacts.Link = messages.SentMessage",
        0xe9db4a3f,
    );
}

#[test]
fn bytes_inside_a_vector_and_behind_a_flag() {
    // Rule 4 rewrites `x:flags.N?bytes` but not `Vector<bytes>`.
    let parsed = parse_as("t flags:# a:flags.1?bytes b:Vector<bytes> c:bytes = T;", Dialect::Telegram);
    let def = find(&parsed, "t");
    let canonical = ids::canonical(def, Dialect::Telegram, &BareNames::new(&parsed.schema.definitions));
    assert_eq!(canonical, "t flags:# a:flags.1?string b:Vector bytes c:string = T");
    assert_eq!(def.id, crc32fast::hash(canonical.as_bytes()));
}

#[test]
fn community_from_layer_228_drops_true_flags_of_both_fields() {
    let text = std::fs::read_to_string(format!("{CORPUS}tdlib_telegram_api_layer228.tl")).unwrap();
    let line = text.lines().find(|l| l.starts_with("community#")).expect("community in layer 228");
    assert!(line.contains("flags2:# collapsed_in_dialogs:flags2.20?true"), "{line}");
    // The canonical string by hand: no `#id`, no `;`, no `x:flagsN.M?true`.
    let expected: Vec<&str> = line
        .trim_end_matches(';')
        .split(' ')
        .filter(|tok| !(tok.contains(":flags") && tok.ends_with("?true")))
        .map(|tok| tok.split_once('#').filter(|(n, _)| *n == "community").map_or(tok, |(n, _)| n))
        .collect();
    let expected = expected.join(" ");
    assert!(expected.starts_with("community flags:# flags2:# id:long access_hash:flags.13?long"), "{expected}");
    // Everything it uses, declared, so that the line parses clean on its own.
    let src = format!(
        "chatPhotoEmpty = ChatPhoto;\nchatAdminRights = ChatAdminRights;\nchatBannedRights = ChatBannedRights;\n{line}\n"
    );
    vector(&src, "community", Dialect::Telegram, &expected, 0x65efe954);
    let parsed = parse_as(&src, Dialect::Telegram);
    assert_eq!(find(&parsed, "community").written_id, Some(0x65efe954));
}

// --- Near misses: the wrong rule gives the wrong id ------------------------------------------

/// `wrong` is the canonical string a wrong rule builds; it must hash to `near_miss`, which differs
/// from the id the right rules compute for `name` in `src`.
fn near_miss(src: &str, name: &str, wrong: &str, near_miss: u32) {
    let parsed = parse_as(src, Dialect::Telegram);
    let def = find(&parsed, name);
    assert_eq!(crc32fast::hash(wrong.as_bytes()), near_miss, "{wrong}");
    assert_ne!(def.id, near_miss, "{name}");
    assert_ne!(ids::canonical(def, Dialect::Telegram, &BareNames::new(&parsed.schema.definitions)), wrong);
}

#[test]
fn near_miss_braces_kept() {
    near_miss("vector {t:Type} # [ t ] = Vector t;", "vector", "vector {t:Type} # [ t ] = Vector t", 0x501a4a14);
}

#[test]
fn near_miss_true_flag_kept() {
    near_miss(
        "userStatusRecently flags:# by_me:flags.0?true = UserStatus;",
        "userStatusRecently",
        "userStatusRecently flags:# by_me:flags.0?true = UserStatus",
        0x2e426dff,
    );
}

#[test]
fn near_miss_bytes_kept() {
    near_miss(
        "upload.cdnFile bytes:bytes = upload.CdnFile;",
        "upload.cdnFile",
        "upload.cdnFile bytes:bytes = upload.CdnFile",
        0x8307eba6,
    );
}

#[test]
fn near_miss_percent_kept() {
    near_miss(
        &format!("{MESSAGE}msg_container messages:vector<%Message> = MessageContainer;\n"),
        "msg_container",
        "msg_container messages:vector %Message = MessageContainer",
        0x29c1636d,
    );
}

// --- Other dialects --------------------------------------------------------------------------

#[test]
fn td_api_keeps_bytes() {
    let src = "minithumbnail width:int32 height:int32 data:bytes = Minithumbnail;";
    let canonical = "minithumbnail width:int32 height:int32 data:bytes = Minithumbnail";
    let parsed = parse(src, &Options { dialect: Some(Dialect::TdApi) });
    let def = find(&parsed, "minithumbnail");
    assert_eq!(ids::canonical(def, Dialect::TdApi, &BareNames::new(&parsed.schema.definitions)), canonical);
    assert_eq!(def.id, 0xec6addaa);
    // The Telegram rules would hash `data:string`.
    let telegram = parse(src, &Options { dialect: Some(Dialect::Telegram) });
    assert_ne!(find(&telegram, "minithumbnail").id, 0xec6addaa);
}

#[test]
fn td_api_vector_matches_the_real_file() {
    let text = std::fs::read_to_string(format!("{CORPUS}tdlib_td_api.tl")).unwrap();
    let parsed = parse(&text, &Options::default());
    assert_eq!(parsed.schema.dialect, Dialect::TdApi);
    assert_eq!(find(&parsed, "minithumbnail").id, 0xec6addaa);
}

#[test]
fn ton_vectors() {
    let cases = [
        ("liteServer.query data:bytes = Object;", "liteServer.query", 0x798c06df),
        ("adnl.message.query query_id:int256 query:bytes = adnl.Message;", "adnl.message.query", 0xb48bf97a),
        ("liteServer.getMasterchainInfo = liteServer.MasterchainInfo;", "liteServer.getMasterchainInfo", 0x89b5e62e),
    ];
    for (src, name, id) in cases {
        let parsed = parse(src, &Options { dialect: Some(Dialect::Ton) });
        let def = find(&parsed, name);
        assert_eq!(def.id, id, "{src}: {:#010x}", def.id);
        let canonical = ids::canonical(def, Dialect::Ton, &BareNames::new(&parsed.schema.definitions));
        assert_eq!(canonical, src.trim_end_matches(';'));
        // Without a sign of TON (no written id, no TON builtin), a schema is Telegram's.
        assert_eq!(parse(src, &Options::default()).schema.dialect, Dialect::Telegram);
        // TON's builtin spelling is a sign.
        let with_builtins = format!("object ? = Object;\nfunction ? = Function;\n{src}");
        let parsed = parse(&with_builtins, &Options::default());
        assert_eq!(parsed.schema.dialect, Dialect::Ton);
        assert_eq!(find(&parsed, name).id, id);
    }
}

/// The dialect and the reason `detect` gives for `src`.
fn detected(src: &str) -> (Dialect, String) {
    let parsed = parse(src, &Options::default());
    let d = ids::detect(&parsed.schema);
    assert_eq!(d.dialect, parsed.schema.dialect, "parse and detect agree on {src:?}");
    (d.dialect, d.reason)
}

#[test]
fn dialect_signs() {
    // No sign at all: Telegram.
    assert_eq!(detected("a x:int y:bytes = A;"), (Dialect::Telegram, "no sign of another dialect".into()));
    // Each TON builtin spelling, and TON's types used undeclared.
    for builtin in [
        "object ? = Object;",
        "function ? = Function;",
        "bytes data:string = Bytes;",
        "secureString = SecureString;",
        "secureBytes = SecureBytes;",
    ] {
        let name = builtin.split(' ').next().unwrap();
        let (dialect, reason) = detected(&format!("{builtin}\na x:int = A;"));
        assert_eq!(
            (dialect, reason.as_str()),
            (Dialect::Ton, format!("declares the builtin `{name}` as TON's schemas do").as_str())
        );
    }
    assert_eq!(detected("a x:secureString = A;").0, Dialect::Ton);
    // td_api: `//@` docs, int53 and no written ids; any one missing is not enough.
    let td = "int53 = Int53;\n//@description A thing @x The x\na x:int53 = A;";
    assert_eq!(
        detected(td),
        (Dialect::TdApi, "`//@` docs, the type `int53` and no written ids, as in tdlib's td_api".into())
    );
    assert_eq!(detected("//@description A thing @x The x\na x:int53 = A;").0, Dialect::TdApi);
    assert_eq!(detected("int53 = Int53;\na x:int53 = A;").0, Dialect::Telegram);
    assert_eq!(detected("//@description A thing @x The x\na x:int = A;").0, Dialect::Telegram);
    assert_eq!(
        detected("int53 = Int53;\n//@description A thing @x The x\na#95ebb4cf x:int53 = A;").0,
        Dialect::Telegram
    );
}

#[test]
fn written_ids_that_only_one_rule_gives_decide() {
    // `a flags:# x:flags.0?true = A`: TON keeps the `?true` field, Telegram drops it.
    let ton = crc32fast::hash(b"a flags:# x:flags.0?true = A");
    let telegram = crc32fast::hash(b"a flags:# = A");
    let (dialect, reason) = detected(&format!("a#{ton:08x} flags:# x:flags.0?true = A;"));
    assert_eq!(dialect, Dialect::Ton);
    assert!(reason.starts_with("1 written ids follow TON's rules"), "{reason}");
    let (dialect, reason) = detected(&format!("a#{telegram:08x} flags:# x:flags.0?true = A;"));
    assert_eq!(dialect, Dialect::Telegram);
    assert!(reason.starts_with("1 written ids follow Telegram's rules"), "{reason}");
    // Written ids beat TON builtins: a Telegram id in a schema declaring `object ? = Object;`.
    let src = format!("object ? = Object;\na#{telegram:08x} flags:# x:flags.0?true = A;");
    assert_eq!(detected(&src).0, Dialect::Telegram);
}

#[test]
fn a_wrong_written_id_is_reported_in_every_dialect() {
    // Few ids written (the old rule took such a schema for TON and "explained" any id).
    let src = "a#12345678 x:int = A;\nb y:int = B;\nc z:int = C;\n";
    for dialect in [None, Some(Dialect::Telegram), Some(Dialect::TdApi), Some(Dialect::Ton)] {
        let parsed = parse(src, &Options { dialect });
        let w: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Warning).collect();
        assert_eq!(w.len(), 1, "{dialect:?}: {:#?}", parsed.diagnostics);
        let computed = crc32fast::hash(b"a x:int = A");
        assert_eq!(
            w[0].message,
            format!(
                "written id #12345678 of `a` differs from computed #{computed:08x} (canonical form: `a x:int = A`)"
            )
        );
        assert_eq!(w[0].span.start, 0);
    }
    // In a TON schema too.
    let parsed = parse("object ? = Object;\na#12345678 x:int = A;\n", &Options::default());
    assert_eq!(parsed.schema.dialect, Dialect::Ton);
    assert_eq!(parsed.count(Severity::Warning), 1);
}

#[test]
fn ton_pinned_ids_of_the_corpus_are_known_exceptions() {
    for file in ["ton_api.tl", "ton_lite_api.tl"] {
        let text = std::fs::read_to_string(format!("{CORPUS}{file}")).unwrap();
        let parsed = parse(&text, &Options::default());
        assert_eq!(parsed.schema.dialect, Dialect::Ton, "{file}");
        assert_eq!(parsed.count(Severity::Warning), 0, "{file}");
        assert_eq!(parsed.count(Severity::Note), 3, "{file}");
    }
}

#[test]
fn layer_markers_must_fit_an_int() {
    let src = "a = A;\n// LAYER 4294967295\nb = B;\n// LAYER 2147483647\n";
    let parsed = parse(src, &Options::default());
    let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(LineIndex::new(src).line_col(errors[0].span.start), (2, 1));
    assert_eq!(errors[0].message, "layer 4294967295 is out of range: a layer is an `int`, at most 2147483647");
}

/// A layer number too long for any integer type is the same error, quoting the number written,
/// not a plain comment (which would leave the file without its layer, silently).
#[test]
fn overflowing_layer_markers_are_errors_at_their_place() {
    let src = "a = A;\n\n  // LAYER 99999999999\nb = B;\n// layer 000000000000000000000000000000007\n";
    let parsed = parse(src, &Options::default());
    let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(LineIndex::new(src).line_col(errors[0].span.start), (3, 3));
    assert_eq!(errors[0].message, "layer 99999999999 is out of range: a layer is an `int`, at most 2147483647");
    // Leading zeros are no overflow: the second marker is layer 7.
    assert_eq!(parsed.schema.layer_markers.iter().map(|m| m.layer).collect::<Vec<_>>(), [u32::MAX, 7]);
}

#[test]
fn ton_keeps_true_flags() {
    let src = "a.b flags:# x:flags.0?true y:bytes = a.B;";
    let parsed = parse(src, &Options { dialect: Some(Dialect::Ton) });
    let def = find(&parsed, "a.b");
    assert_eq!(
        ids::canonical(def, Dialect::Ton, &BareNames::new(&parsed.schema.definitions)),
        "a.b flags:# x:flags.0?true y:bytes = a.B"
    );
}

#[test]
fn ton_vectors_match_the_real_files() {
    for (file, name, id) in [
        ("ton_lite_api.tl", "liteServer.query", 0x798c06df),
        ("ton_lite_api.tl", "liteServer.getMasterchainInfo", 0x89b5e62e),
        ("ton_api.tl", "adnl.message.query", 0xb48bf97a),
    ] {
        let text = std::fs::read_to_string(format!("{CORPUS}{file}")).unwrap();
        let parsed = parse(&text, &Options::default());
        assert_eq!(parsed.schema.dialect, Dialect::Ton, "{file}");
        assert_eq!(find(&parsed, name).id, id, "{file}: {name}");
    }
}

// --- Known exceptions: reported as notes, and the list is complete ---------------------------

const MTPROTO_EXCEPTIONS: &[&str] = &["ipPortSecret", "accessPointRule", "help.configSimple"];

/// Per corpus file, every definition whose written id differs from the computed one (docs/ids.md,
/// "Known exceptions in real schemas"). Files not listed have none.
fn known_exceptions() -> Vec<(&'static str, Vec<&'static str>)> {
    let tdlib_228: Vec<&str> = MTPROTO_EXCEPTIONS
        .iter()
        .copied()
        .chain([
            "inputPeerPhotoFileLocationLegacy",
            "inputStickerSetThumbLegacy",
            "invokeWithBusinessConnectionPrefix",
            "invokeWithGooglePlayIntegrityPrefix",
            "invokeWithApnsSecretPrefix",
            "invokeWithReCaptchaPrefix",
        ])
        .collect();
    vec![
        ("grammers_mtproto.tl", MTPROTO_EXCEPTIONS.to_vec()),
        ("tdesktop_mtproto.tl", MTPROTO_EXCEPTIONS.to_vec()),
        ("tdlib_telegram_api_layer228.tl", tdlib_228),
        ("tdlib_mtproto_api.tl", vec!["gzip_packed"]),
        ("tdesktop_scheme_layer014.tl", vec!["future_salts", "register.saveDeveloperInfo", "decryptedMessageLayer"]),
        ("tdesktop_scheme_layer025.tl", vec!["future_salts", "register.saveDeveloperInfo"]),
        ("tdesktop_scheme_layer053.tl", vec!["future_salts", "register.saveDeveloperInfo"]),
        ("telegram_api_layer012_vysheng_tg.tl", vec!["decryptedMessageLayer"]),
        (
            "tdlib_secret_api.tl",
            vec![
                "decryptedMessage8",
                "decryptedMessageService8",
                "decryptedMessageMediaPhoto8",
                "decryptedMessageMediaVideo8",
                "decryptedMessageMediaDocument8",
                "decryptedMessageMediaAudio8",
                "decryptedMessage23",
                "decryptedMessageMediaVideo23",
                "documentAttributeSticker23",
                "documentAttributeVideo23",
                "documentAttributeAudio23",
                "documentAttributeAudio45",
                "decryptedMessage46",
                "decryptedMessageMediaDocument46",
                "decryptedMessageMediaDocument",
            ],
        ),
        (
            "telegram_api_layer046_danog.tl",
            vec![
                "inputMediaVideo",
                "inputMediaAudio",
                "inputMediaDocument",
                "inputGeoPoint",
                "geoPoint",
                "updateNewEncryptedMessage",
                "updateEncryption",
                "updateNotifySettings",
                "updateServiceNotification",
                "updateNewChannelMessage",
                "updateDeleteChannelMessages",
                "account.passwordInputSettings",
                "updates.channelDifferenceEmpty",
                "updates.channelDifferenceTooLong",
                "updates.channelDifference",
            ],
        ),
    ]
}

#[test]
fn every_known_exception_is_a_note_and_nothing_else_differs() {
    let exceptions = known_exceptions();
    let mut files: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tl") && !n.starts_with("ton_") && n != "tdlib_td_api.tl" && n != "tdlib_e2e_api.tl")
        .collect();
    files.sort();
    assert_eq!(files.len(), 20);
    let mut seen = 0;
    for file in &files {
        let text = std::fs::read_to_string(format!("{CORPUS}{file}")).unwrap();
        let parsed = parse(&text, &Options::default());
        let lines = LineIndex::new(&text);
        let differing: Vec<&Definition<'_>> =
            parsed.schema.items().filter(|d| d.written_id.is_some_and(|w| w != d.id)).collect();
        let names: Vec<&str> = differing.iter().map(|d| d.name.text).collect();
        let mut expected = exceptions.iter().find(|(f, _)| f == file).map(|(_, n)| n.clone()).unwrap_or_default();
        let mut sorted = names.clone();
        sorted.sort();
        expected.sort();
        assert_eq!(sorted, expected, "{file}: definitions whose written id differs");
        for def in differing {
            seen += 1;
            let note = parsed
                .diagnostics
                .iter()
                .find(|d| d.span == def.name.span && d.message.starts_with("written id"))
                .unwrap_or_else(|| panic!("{file}: nothing reported for `{}`", def.name.text));
            assert_eq!(note.severity, Severity::Note, "{}", lines.render(file, note));
            let expected_start = format!(
                "written id #{:08x} of `{}` differs from computed #{:08x}: ",
                def.written_id.unwrap(),
                def.name.text,
                def.id
            );
            assert!(note.message.starts_with(&expected_start), "{}", note.message);
            assert!(note.message.len() > expected_start.len(), "a note says why: {}", note.message);
        }
        assert_eq!(parsed.count(Severity::Error), 0, "{file}");
    }
    assert_eq!(seen, exceptions.iter().map(|(_, n)| n.len()).sum::<usize>());
}

#[test]
fn notes_say_which_rule_explains_a_mismatch() {
    let text = std::fs::read_to_string(format!("{CORPUS}tdlib_telegram_api_layer228.tl")).unwrap();
    let parsed = parse(&text, &Options::default());
    let note = |name: &str| {
        let def = find(&parsed, name);
        parsed.diagnostics.iter().find(|d| d.span == def.name.span).unwrap().message.clone()
    };
    assert!(note("inputStickerSetThumbLegacy").ends_with("renamed by tdlib: hashed as `inputStickerSetThumb`"));
    assert!(note("ipPortSecret").ends_with("hashed without the bytes->string rewrite"));
    let text = std::fs::read_to_string(format!("{CORPUS}tdlib_secret_api.tl")).unwrap();
    let parsed = parse(&text, &Options::default());
    let def = find(&parsed, "decryptedMessage8");
    let d = parsed.diagnostics.iter().find(|d| d.span == def.name.span).unwrap();
    assert!(d.message.ends_with("layer suffix added by tdlib: hashed as `decryptedMessage`"), "{}", d.message);
}

#[test]
fn a_written_id_differing_for_no_known_reason_is_a_warning() {
    // The exception list names ids too: the right name with another id is not explained.
    let parsed =
        parse("gzip_packed#3072cfa2 packed_data:bytes = Object;", &Options { dialect: Some(Dialect::Telegram) });
    assert_eq!(parsed.count(Severity::Warning), 1, "{:#?}", parsed.diagnostics);
}

// --- A typo in a written id ------------------------------------------------------------------

#[test]
fn id_typo_in_a_real_file_is_a_warning_at_its_line_and_column() {
    let text = std::fs::read_to_string(format!("{CORPUS}tdlib_telegram_api_layer228.tl")).unwrap();
    let line_no = text.lines().position(|l| l.starts_with("userStatusRecently#7b197dc8 ")).unwrap() + 1;
    let typo = text.replacen("userStatusRecently#7b197dc8 ", "userStatusRecently#7b197cd8 ", 1);
    let parsed = parse(&typo, &Options::default());
    let warnings: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = warnings[0];
    assert_eq!(LineIndex::new(&typo).line_col(w.span.start), (line_no, 1));
    assert_eq!(
        w.message,
        "written id #7b197cd8 of `userStatusRecently` differs from computed #7b197dc8 \
         (canonical form: `userStatusRecently flags:# = UserStatus`)"
    );
    assert_eq!(parsed.count(Severity::Error), 0);
    // The written id stays the one on the wire.
    assert_eq!(find(&parsed, "userStatusRecently").wire_id(), 0x7b197cd8);
}

#[test]
fn id_typo_in_an_indented_line_points_at_the_name() {
    let src = "boolFalse#bc799737 = Bool;\n\n   boolTrue#997275b4 = Bool;\n";
    let parsed = parse(src, &Options::default());
    let w = parsed.diagnostics.iter().find(|d| d.severity == Severity::Warning).unwrap();
    assert_eq!(LineIndex::new(src).line_col(w.span.start), (3, 4));
    assert_eq!(&src[w.span.start as usize..w.span.end as usize], "boolTrue");
}
