//! Constructor ids: the CRC32 of a definition's canonical one-line form, per dialect, and the
//! check of written ids against computed ones (with the known exceptions of real schemas).
//!
//! Why one file of this size: the normal form, the dialect detection that depends on it, and
//! the known exceptions that explain a difference are one rule set (docs/ids.md); split, each
//! part would need the others' private helpers.

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// How to build the canonical line; the dialect gives the defaults, explanations vary them.
#[derive(Clone, Copy, Debug)]
struct Rules<'n> {
    drop_true_flags: bool,
    bytes_as_string: bool,
    name: Option<&'n str>,
    result: Option<&'n str>,
}

impl Rules<'_> {
    fn of(dialect: Dialect) -> Self {
        let telegram = dialect == Dialect::Telegram;
        Rules { drop_true_flags: telegram, bytes_as_string: telegram, name: None, result: None }
    }
}

/// A fast hasher for the parser's own maps of names and ids (the Fx hash of rustc): SipHash
/// took a quarter of the time of a whole parse.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiplication mixes only upwards: the low bits, which pick the bucket, depend only on
    /// the low bits of the input (the first bytes of a name, `a` of `a1`, `a2`, ...). The rotation
    /// brings the well-mixed high bits down, as rustc-hash 2 does; without it, 4 million names
    /// differing only at the end took 18 times as long to check as 400,000.
    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Maps a boxed type to its only constructor, for `%T` (built once per schema).
#[derive(Debug, Default)]
pub struct BareNames<'a> {
    map: FastMap<&'a str, Option<&'a str>>,
    /// Every constructor name, for [`BareNames::loose_constructor`].
    constructors: Vec<&'a str>,
}

/// Equal but for ASCII case and `_`: `future_salt` and `futureSalt`.
fn loosely_equal(a: &str, b: &str) -> bool {
    fn fold(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().filter(|&c| c != b'_').map(|c| c.to_ascii_lowercase())
    }
    fold(a).eq(fold(b))
}

impl<'a> BareNames<'a> {
    /// Collects the constructors of every boxed type of `defs`.
    pub fn new(defs: &[Definition<'a>]) -> Self {
        let mut map: FastMap<&'a str, Option<&'a str>> = FastMap::default();
        map.reserve(defs.len());
        let constructors = Vec::with_capacity(defs.len());
        let mut bare = BareNames { map, constructors };
        for d in defs.iter().filter(|d| d.section == Section::Types) {
            bare.add(d);
        }
        bare
    }

    /// Adds the constructor `def`.
    fn add(&mut self, def: &Definition<'a>) {
        self.map.entry(def.result.name).and_modify(|c| *c = None).or_insert(Some(def.name.text));
        self.constructors.push(def.name.text);
    }

    /// A constructor whose name equals `name` but for case and `_` (layer 14 writes
    /// `vector<futureSalt>` for the constructor `future_salt`). Only for lowercase names.
    pub fn loose_constructor(&self, name: &str) -> Option<&'a str> {
        if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
            return None;
        }
        self.constructors.iter().copied().find(|c| loosely_equal(c, name))
    }

    /// Whether a constructor of the schema has result type `ty`.
    pub(crate) fn declares_type(&self, ty: &str) -> bool {
        self.map.contains_key(ty)
    }

    /// Every constructor name, in order.
    pub(crate) fn constructors(&self) -> &[&'a str] {
        &self.constructors
    }

    /// The single constructor of `ty`, if it has exactly one.
    pub fn get(&self, ty: &str) -> Option<&'a str> {
        self.map.get(ty).copied().flatten()
    }
}

/// The canonical line of `def` in `dialect` (what its id is the CRC32 of).
pub fn canonical(def: &Definition<'_>, dialect: Dialect, bare: &BareNames<'_>) -> String {
    let mut out = String::with_capacity(128);
    write_canonical(&mut out, def, &def.params, Rules::of(dialect), bare);
    out
}

/// The id computed for `def` in `dialect`.
pub fn compute(def: &Definition<'_>, dialect: Dialect, bare: &BareNames<'_>) -> u32 {
    let mut buf = String::with_capacity(128);
    write_canonical(&mut buf, def, &def.params, Rules::of(dialect), bare);
    crate::crc32::crc32(buf.as_bytes())
}

/// Writes the canonical line of `def`, whose parameters are `params`.
fn write_canonical(
    out: &mut String,
    def: &Definition<'_>,
    params: &[Param<'_>],
    rules: Rules<'_>,
    bare: &BareNames<'_>,
) {
    out.push_str(rules.name.unwrap_or(def.name.text));
    // `!X` with no `{X:Type}` (layer 1-3 wrappers) hashes as if `{X:Type}` were written first.
    for p in params {
        if let ParamKind::Field { ty, .. } = &p.kind
            && ty.bang
            && !declares_generic(params, ty.name)
        {
            out.push(' ');
            out.push_str(ty.name);
            out.push_str(":Type");
        }
    }
    for p in params {
        write_param(out, p, rules, bare);
    }
    out.push_str(" = ");
    match rules.result {
        Some(r) => out.push_str(r),
        None => write_type(out, &def.result, bare),
    }
}

fn declares_generic(params: &[Param<'_>], name: &str) -> bool {
    params.iter().any(|g| matches!(&g.kind, ParamKind::Generic { name: n, .. } if n.text == name))
}

/// Appends `n` in decimal (formatting machinery is slow for this hot path).
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(d as char);
    }
}

fn write_param(out: &mut String, p: &Param<'_>, rules: Rules<'_>, bare: &BareNames<'_>) {
    match &p.kind {
        ParamKind::Generic { name, ty } => {
            out.push(' ');
            out.push_str(name.text);
            out.push(':');
            write_type(out, ty, bare);
        }
        ParamKind::Field { name, cond, ty } => {
            if cond.is_some() && rules.drop_true_flags && ty.name == "true" && ty.args.is_empty() {
                return;
            }
            out.push(' ');
            out.push_str(name.text);
            out.push(':');
            if let Some(f) = cond {
                out.push_str(f.field.text);
                out.push('.');
                push_number(out, f.bit);
                out.push('?');
            }
            if rules.bytes_as_string && ty.name == "bytes" && !ty.bang && !ty.percent && ty.args.is_empty() {
                out.push_str("string");
            } else {
                write_type(out, ty, bare);
            }
        }
        ParamKind::Anonymous(ty) => {
            out.push(' ');
            write_type(out, ty, bare);
        }
        ParamKind::Repeat { count, items } => {
            out.push(' ');
            if let Some(n) = count {
                push_number(out, *n);
                out.push('*');
            }
            out.push('[');
            for item in items {
                write_param(out, item, rules, bare);
            }
            out.push_str(" ]");
        }
        ParamKind::Opaque => out.push_str(" ?"),
    }
}

/// `Vector<contacts.Link>` -> `Vector contacts.Link`; `%Message` -> `message`.
fn write_type(out: &mut String, ty: &Type<'_>, bare: &BareNames<'_>) {
    if ty.bang {
        out.push('!');
    }
    if ty.percent {
        match bare.get(ty.name) {
            Some(ctor) => out.push_str(ctor),
            None => {
                out.push('%');
                out.push_str(ty.name);
            }
        }
    } else {
        out.push_str(ty.name);
    }
    for a in &ty.args {
        out.push(' ');
        write_type(out, a, bare);
    }
}

/// Ids computed while the grammar builds the schema, each definition right after it is parsed
/// (while it is still in the cache), and the [`BareNames`] and counts of written ids gathered on the
/// way; [`EarlyIds::finish`] completes what needs the whole schema.
pub(crate) struct EarlyIds<'a> {
    /// Whether the rules are Telegram's: the dialect given, or guessed from the first definition
    /// that tells (it has a written id, or is not a builtin). `None` before that.
    telegram: Option<bool>,
    /// The dialect the options gave, if any.
    given: Option<Dialect>,
    buf: String,
    /// Indices of definitions whose id is not computed yet: before the guess, or using `%T`
    /// (which needs the whole schema's [`BareNames`]).
    deferred: Vec<usize>,
    /// Indices of definitions whose written id differs from the one computed.
    mismatched: Vec<usize>,
    bare: BareNames<'a>,
}

impl<'a> EarlyIds<'a> {
    /// Ready for a schema of about `definitions` definitions, in `dialect` if given.
    pub(crate) fn new(dialect: Option<Dialect>, definitions: usize) -> Self {
        let mut bare = BareNames::default();
        bare.map.reserve(definitions);
        bare.constructors.reserve(definitions);
        EarlyIds {
            telegram: dialect.map(|d| d == Dialect::Telegram),
            given: dialect,
            buf: String::with_capacity(256),
            deferred: Vec::new(),
            mismatched: Vec::new(),
            bare,
        }
    }

    /// Takes in definition number `index` of the schema, just parsed, with its parameters;
    /// `uses_percent`: it writes a `%T` type, which needs the whole schema's [`BareNames`].
    pub(crate) fn definition(
        &mut self,
        index: usize,
        def: &mut Definition<'a>,
        params: &[Param<'a>],
        uses_percent: bool,
    ) {
        if def.section == Section::Types {
            self.bare.add(def);
        }
        if self.telegram.is_none() && (def.written_id.is_some() || !def.builtin) {
            self.telegram = Some(def.written_id.is_some());
        }
        let Some(telegram) = self.telegram else {
            self.deferred.push(index);
            return;
        };
        if uses_percent {
            self.deferred.push(index);
            return;
        }
        let dialect = if telegram { Dialect::Telegram } else { Dialect::Ton };
        self.buf.clear();
        write_canonical(&mut self.buf, def, params, Rules::of(dialect), &self.bare);
        def.id = crate::crc32::crc32(self.buf.as_bytes());
        if !def.builtin && def.written_id.is_some_and(|w| w != def.id) {
            self.mismatched.push(index);
        }
    }

    /// The constructors of the definitions taken in so far.
    pub(crate) fn bare(&self) -> &BareNames<'a> {
        &self.bare
    }

    /// Sets the schema's dialect ([`detect`], unless given), completes the ids (all of them again
    /// if the guess was wrong), reports written ids that differ as [`assign`] does, and returns the
    /// schema's [`BareNames`] and how the dialect was chosen.
    pub(crate) fn finish(mut self, schema: &mut Schema<'a>, diags: &mut Vec<Diagnostic>) -> (BareNames<'a>, Detection) {
        let bare = std::mem::take(&mut self.bare);
        // Ids not computed yet get the guessed rules first: the detection compares written ids
        // with computed ones.
        let telegram = self.telegram.unwrap_or(true);
        let guess = if telegram { Dialect::Telegram } else { Dialect::Ton };
        for &i in &self.deferred {
            let def = &mut schema.definitions[i];
            self.buf.clear();
            write_canonical(&mut self.buf, def, &def.params, Rules::of(guess), &bare);
            def.id = crate::crc32::crc32(self.buf.as_bytes());
        }
        let detection = match self.given {
            Some(dialect) => Detection { dialect, reason: "given in the options".into() },
            None => detect_with(schema, &bare, Some(telegram)),
        };
        schema.dialect = detection.dialect;
        if telegram != (schema.dialect == Dialect::Telegram) {
            assign_with(schema, &bare, diags);
            return (bare, detection);
        }
        // Both lists are in source order: report in source order, as `assign` does.
        let mut check = self.deferred;
        check.append(&mut self.mismatched);
        check.sort_unstable();
        check.dedup();
        for i in check {
            let def = &schema.definitions[i];
            if !def.builtin {
                report_status(def, schema.dialect, &bare, diags);
            }
        }
        (bare, detection)
    }
}

/// The dialect of a schema, and the signs it was chosen by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    /// The dialect.
    pub dialect: Dialect,
    /// Why, in words: the sign found, or that there was none.
    pub reason: String,
}

/// Picks the dialect of a parsed schema (the rules are in `docs/ids.md`, "Which dialect"). A
/// schema is Telegram's unless it shows signs of another dialect, in this order:
///
/// 1. Written ids that only one set of rules gives: counted over the definitions the rules hash
///    differently (a `?true` flag field, a `bytes` field); the larger count wins.
/// 2. A builtin in TON's spelling: `object ? = Object;`, `function ? = Function;`,
///    `bytes data:string = Bytes;`, `secureString = SecureString;`, `secureBytes = SecureBytes;`,
///    or a field of TON's types `secureString`/`secureBytes`: TON.
/// 3. `//@` documentation, the types `int32`, `int53` or `int64`, and no written id: tdlib's
///    td_api.
pub fn detect(schema: &Schema<'_>) -> Detection {
    detect_with(schema, &BareNames::new(&schema.definitions), None)
}

/// The dialect [`detect`] picks.
pub fn detect_dialect(schema: &Schema<'_>) -> Dialect {
    detect(schema).dialect
}

/// Whether the Telegram rules and the others hash a definition with `params` differently.
fn rules_differ(params: &[Param<'_>]) -> bool {
    params.iter().any(|p| match &p.kind {
        ParamKind::Field { cond, ty, .. } => {
            ty.args.is_empty()
                && ((cond.is_some() && ty.name == "true") || (!ty.bang && !ty.percent && ty.name == "bytes"))
        }
        _ => false,
    })
}

/// A builtin declaration as TON's schemas spell it (Telegram's never do).
fn ton_builtin(def: &Definition<'_>) -> bool {
    match (def.name.text, def.result.name) {
        ("object", "Object") | ("function", "Function") => true,
        ("secureString", "SecureString") | ("secureBytes", "SecureBytes") => true,
        ("bytes", "Bytes") => def.fields().any(|(_, _, ty)| ty.name == "string"),
        _ => false,
    }
}

/// Whether `ty` or one of its arguments passes `f`.
fn any_type(ty: &Type<'_>, f: &mut impl FnMut(&str) -> bool) -> bool {
    f(ty.name) || ty.args.iter().any(|a| any_type(a, f))
}

/// The first of `names` that a field of `schema` uses or a builtin declares.
fn uses_type<'n>(schema: &Schema<'_>, names: &[&'n str]) -> Option<&'n str> {
    let mut found = None;
    let mut check = |name: &str| match names.iter().find(|n| **n == name) {
        Some(n) => {
            found = Some(*n);
            true
        }
        None => false,
    };
    for def in &schema.definitions {
        if (def.builtin && check(def.name.text)) || def.fields().any(|(_, _, ty)| any_type(ty, &mut check)) {
            break;
        }
    }
    found
}

/// [`detect`] with the schema's [`BareNames`]; `computed`: `Some(true)` when the ids in the
/// schema were computed with Telegram's rules, `Some(false)` with the others (they are reused).
fn detect_with(schema: &Schema<'_>, bare: &BareNames<'_>, computed: Option<bool>) -> Detection {
    let (mut telegram, mut other, mut written) = (0usize, 0usize, 0usize);
    for def in schema.items() {
        let Some(w) = def.written_id else { continue };
        written += 1;
        // A known exception is no sign (`ipPortSecret` of MTProto hashes as TON's rules would).
        if !rules_differ(&def.params) || known_exception(def.name.text, w).is_some() {
            continue;
        }
        let id_by = |t: bool| {
            if computed == Some(t) {
                def.id
            } else {
                compute(def, if t { Dialect::Telegram } else { Dialect::Ton }, bare)
            }
        };
        if id_by(true) == w {
            telegram += 1;
        } else if id_by(false) == w {
            other += 1;
        }
    }
    let found = |dialect, reason: String| Detection { dialect, reason };
    // Only definitions with a `?true` field or a `bytes` field are counted: the rules differ there.
    if other > telegram {
        let reason = format!("{other} written ids follow TON's rules and {telegram} Telegram's, where the two differ");
        return found(Dialect::Ton, reason);
    }
    if telegram > 0 {
        let reason = format!("{telegram} written ids follow Telegram's rules and {other} TON's, where the two differ");
        return found(Dialect::Telegram, reason);
    }
    if let Some(def) = schema.definitions.iter().find(|d| ton_builtin(d)) {
        return found(Dialect::Ton, format!("declares the builtin `{}` as TON's schemas do", def.name.text));
    }
    if let Some(ty) = uses_type(schema, &["secureString", "secureBytes"]) {
        return found(Dialect::Ton, format!("uses TON's type `{ty}`"));
    }
    let docs = !schema.class_docs.is_empty() || schema.items().any(|d| !d.docs.is_empty());
    if written == 0
        && docs
        && let Some(ty) = uses_type(schema, &["int32", "int53", "int64"])
    {
        return found(Dialect::TdApi, format!("`//@` docs, the type `{ty}` and no written ids, as in tdlib's td_api"));
    }
    found(Dialect::Telegram, "no sign of another dialect".into())
}

/// Written ids that real schemas carry and the rules do not give, with the reason.
/// The list is complete for the project's corpus; see `docs/ids.md`.
pub const KNOWN_EXCEPTIONS: &[(&str, u32, &str)] = &[
    ("ipPortSecret", 0x37982646, "hashed without the bytes->string rewrite"),
    ("accessPointRule", 0x4679b65f, "upstream id of unknown origin (Telethon and tdesktop list it too)"),
    ("help.configSimple", 0x5a592a6c, "upstream id of unknown origin (Telethon and tdesktop list it too)"),
    ("gzip_packed", 0x3072cfa1, "hashed with result type `Object`"),
    ("future_salts", 0xae500895, "hashed with the official spelling `vector<future_salt>`"),
    ("register.saveDeveloperInfo", 0x9a5f6e95, "upstream id of unknown origin"),
    ("decryptedMessageLayer", 0x99a438cf, "upstream id of unknown origin"),
    ("decryptedMessageMediaDocument", 0x6abd9782, "upstream id of unknown origin (secret layer 143)"),
    ("invokeWithApnsSecretPrefix", 0x0dae54f8, "tdlib pseudo-function standing for a generic wrapper"),
    ("invokeWithBusinessConnectionPrefix", 0xdd289f8e, "tdlib pseudo-function standing for a generic wrapper"),
    ("invokeWithGooglePlayIntegrityPrefix", 0x1df92984, "tdlib pseudo-function standing for a generic wrapper"),
    ("invokeWithReCaptchaPrefix", 0xadbb0f94, "tdlib pseudo-function standing for a generic wrapper"),
    ("tonNode.capabilities", 0xf5bf60c0, "TON pins the id (kept when fields were added later)"),
    ("db.block.info", 0x4ac6e727, "TON pins the id (kept when fields were added later)"),
    ("collatorNode.pong", 0x5bbf0521, "TON pins the id (kept when fields were added later)"),
    ("liteServer.transactionId", 0xb12f65af, "TON pins the id (kept when fields were added later)"),
    ("liteServer.signatureSet.ordinary", 0xf644a6e6, "TON pins the id (kept when fields were added later)"),
    ("liteServer.getValidatorStats", 0x091a58bc, "TON pins the id (kept when fields were added later)"),
];

/// The reason a known exception gives for `name` carrying `id`, if it is one.
pub fn known_exception(name: &str, id: u32) -> Option<&'static str> {
    KNOWN_EXCEPTIONS.iter().find(|(n, i, _)| *n == name && *i == id).map(|(_, _, why)| *why)
}

/// Definitions of `TL_telegram_v46.tl` (danog) whose field names were edited in that dump.
const LAYER46_RENAMED_FIELDS: &[(&str, u32)] = &[
    ("inputMediaVideo", 0x936a4ebd),
    ("inputMediaAudio", 0x89938781),
    ("inputMediaDocument", 0x1a77f29c),
    ("inputGeoPoint", 0xf3b7acc9),
    ("geoPoint", 0x2049d70c),
    ("updateNewEncryptedMessage", 0x12bcbd9a),
    ("updateEncryption", 0xb4a2e88d),
    ("updateNotifySettings", 0xbec268ef),
    ("updateServiceNotification", 0x382dd3e4),
    ("updateNewChannelMessage", 0x62ba04d9),
    ("updateDeleteChannelMessages", 0xc37521c9),
    ("account.passwordInputSettings", 0xbcfc532c),
    ("updates.channelDifferenceEmpty", 0x3e11affb),
    ("updates.channelDifferenceTooLong", 0x5e167646),
    ("updates.channelDifference", 0x2064674e),
];

/// How a written id compares with the computed one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdStatus {
    /// No written id: the computed one is used.
    Computed,
    /// Written and computed agree.
    Ok,
    /// They differ and a known rule or exception explains it.
    Explained(String),
    /// They differ unexplained.
    Mismatch,
}

/// Compares the written id of `def` with its computed id.
pub fn status(def: &Definition<'_>, dialect: Dialect, bare: &BareNames<'_>) -> IdStatus {
    let Some(written) = def.written_id else { return IdStatus::Computed };
    if written == def.id {
        return IdStatus::Ok;
    }
    explain(def, written, dialect, bare).map_or(IdStatus::Mismatch, IdStatus::Explained)
}

fn explain(def: &Definition<'_>, written: u32, dialect: Dialect, bare: &BareNames<'_>) -> Option<String> {
    let hash_with = |rules: Rules<'_>| {
        let mut buf = String::new();
        write_canonical(&mut buf, def, &def.params, rules, bare);
        crate::crc32::crc32(buf.as_bytes()) == written
    };
    let name = def.name.text;
    if let Some(base) = name.strip_suffix("Legacy")
        && hash_with(Rules { name: Some(base), ..Rules::of(dialect) })
    {
        return Some(format!("renamed by tdlib: hashed as `{base}`"));
    }
    let unsuffixed = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if unsuffixed != name && hash_with(Rules { name: Some(unsuffixed), ..Rules::of(dialect) }) {
        return Some(format!("layer suffix added by tdlib: hashed as `{unsuffixed}`"));
    }
    if let Some(why) = known_exception(name, written) {
        return Some(why.to_string());
    }
    if LAYER46_RENAMED_FIELDS.contains(&(name, written)) {
        return Some("field names edited in danog's layer-46 dump".into());
    }
    None
}

/// Fills in `id` of every definition and reports written ids that differ: a warning, or a note
/// when a known rule explains it.
pub fn assign(schema: &mut Schema<'_>, diags: &mut Vec<Diagnostic>) {
    let bare = BareNames::new(&schema.definitions);
    assign_with(schema, &bare, diags);
}

/// [`assign`] with the schema's [`BareNames`] already built.
pub(crate) fn assign_with(schema: &mut Schema<'_>, bare: &BareNames<'_>, diags: &mut Vec<Diagnostic>) {
    let dialect = schema.dialect;
    let mut buf = String::with_capacity(256);
    for def in &mut schema.definitions {
        buf.clear();
        write_canonical(&mut buf, def, &def.params, Rules::of(dialect), bare);
        def.id = crate::crc32::crc32(buf.as_bytes());
    }
    for def in schema.definitions.iter().filter(|d| !d.builtin) {
        report_status(def, dialect, bare, diags);
    }
}

/// Reports the written id of `def` if it differs from the computed one: a warning, or a note when
/// a known rule explains it.
fn report_status(def: &Definition<'_>, dialect: Dialect, bare: &BareNames<'_>, diags: &mut Vec<Diagnostic>) {
    let at = def.name.span;
    match status(def, dialect, bare) {
        IdStatus::Computed | IdStatus::Ok => {}
        IdStatus::Explained(why) => diags.push(Diagnostic::note(
            at,
            format!(
                "written id #{:08x} of `{}` differs from computed #{:08x}: {why}",
                def.wire_id(),
                def.name.text,
                def.id
            ),
        )),
        IdStatus::Mismatch => diags.push(Diagnostic::warning(
            at,
            format!(
                "written id #{:08x} of `{}` differs from computed #{:08x} (canonical form: `{}`)",
                def.wire_id(),
                def.name.text,
                def.id,
                canonical(def, dialect, bare)
            ),
        )),
    }
}
