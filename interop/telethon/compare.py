#!/usr/bin/env python3
"""Differential test of tlayer's generated layer-230 code against Telethon.

Usage: compare.py --echo PATH/TO/tlayer-echo [--schema schema/tl/layer230.tl] [--samples N]
                  [--seed S] [--show K]

For every constructor and function whose id is both in Telethon (``tlobjects``, layer 229) and in
``layer230.tl``:

* Telethon -> tlayer: random values are built on the Telethon side (the TLObject class of that
  id, with random arguments drawn from the TL definition parsed here), serialized with
  ``bytes(obj)``, echoed through ``tlayer-echo`` (decode + encode with tlayer's generated code)
  and the echo must equal Telethon's bytes.
* tlayer -> Telethon: ``tlayer-echo --random SEED N --ids FILE`` prints random valid values of
  each definition (the wire tests' schema-driven encoder), restricted to the ids Telethon knows;
  each is read with ``BinaryReader(data).tgread_object()`` (which must consume every byte) and
  written again with ``bytes(obj)``, which must equal the input.

Nested values use only constructors and functions whose ids both sides know with the same
fields (Telegram added fields to a few constructors without changing their id; those ids are
left out and listed).

A definition counts as compared when both directions ran at least ``MIN_SAMPLES`` samples; a
definition with any failing sample (in either direction) counts as one mismatch. Telethon quirks
(see ``docs/interop.md`` and ``QUIRKS`` below) are handled precisely and counted: a sample in
which Telethon demonstrably rewrote a value while decoding (``peer-id-rewritten``,
``media-empty-dropped``) is skipped and another one drawn; a ``flags:#`` word that no field
refers to is expected back as 0 (``unused-flags``). The last line printed is
``telethon VERSION: compared N constructors, M mismatches``; the exit status is 1 when M > 0.
"""

import argparse
import inspect
import math
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone

import telethon
from telethon.extensions import BinaryReader
from telethon.tl.alltlobjects import tlobjects

#: Draws per sample before a definition is reported as impossible to build.
ATTEMPTS = 200

#: Rounds of tlayer -> Telethon samples (each with another seed) to make up for skipped ones.
ROUNDS = 6

#: Minimum samples per direction for a definition to count as compared.
MIN_SAMPLES = 3

#: Telethon behaviours the comparison allows for (documented in docs/interop.md).
QUIRKS = {
    "unused-flags": "Telethon writes 0 for a `flags:#` field that no field refers to "
    "(exportedChatlistInvite, stories.allStoriesNotModified, buttonTypeRequestPeer) and discards "
    "the value it read; such words are compared as 0",
    "peer-id-rewritten": "decoding a message (Telethon's patched Message/MessageService/MessageEmpty) "
    "calls utils.get_peer_id, which rewrites in place a peerChat chat_id or peerChannel channel_id "
    "outside 1..9999999999 of its peer_id/from_id (through resolve_id)",
    "media-empty-dropped": "decoding a `message` (Telethon's patched Message, through "
    "tl.custom.Message.__init__) turns media=messageMediaEmpty into None, so re-serializing "
    "clears flags bit 9 and drops the 4-byte messageMediaEmpty",
}

PRIMITIVES = {"int", "long", "double", "string", "bytes", "int128", "int256", "Bool", "true", "#"}

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


# ------------------------------------------------------------------------------------------------
# A small TL parser (enough for the Telegram API schema)
# ------------------------------------------------------------------------------------------------


class Ty:
    """A TL type reference: ``name`` with generic ``args``; ``bang`` for ``!X``."""

    __slots__ = ("name", "args", "bang")

    def __init__(self, name, args=(), bang=False):
        self.name, self.args, self.bang = name, tuple(args), bang

    def __repr__(self):
        inner = "<" + ",".join(map(repr, self.args)) + ">" if self.args else ""
        return ("!" if self.bang else "") + self.name + inner


def parse_type(text):
    text = text.strip()
    bang = text.startswith("!")
    if bang:
        text = text[1:]
    m = re.fullmatch(r"([\w.%]+|#)(?:<(.*)>)?", text)
    if not m:
        raise ValueError(f"cannot parse type {text!r}")
    name = m.group(1).lstrip("%")
    args = [parse_type(a) for a in split_args(m.group(2))] if m.group(2) else []
    return Ty(name, args, bang)


def split_args(text):
    out, depth, cur = [], 0, ""
    for c in text:
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return out


class Field:
    """``name:type`` or ``name:flags.N?type``; ``cond`` is (flags field, bit) or None."""

    __slots__ = ("name", "ty", "cond")

    def __init__(self, name, ty, cond):
        self.name, self.ty, self.cond = name, ty, cond


class Def:
    __slots__ = ("name", "id", "fields", "result", "function")

    def __init__(self, name, id_, fields, result, function):
        self.name, self.id, self.fields, self.result, self.function = name, id_, fields, result, function


def parse_schema(text):
    """The constructors and functions of a TL file (builtins such as ``vector`` excluded)."""
    defs = []
    function = False
    text = re.sub(r"//[^\n]*", "", text)
    for chunk in text.split(";"):
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        while True:
            m = re.match(r"---(\w+)---\s*", chunk)
            if not m:
                break
            function = m.group(1) == "functions"
            chunk = chunk[m.end() :]
        if not chunk:
            continue
        m = re.fullmatch(r"([\w.]+)#([0-9a-fA-F]+)(.*?)=\s*(.+)", chunk)
        if not m:
            continue  # builtins without an id (`int ? = Int`)
        name, id_, params, result = m.group(1), int(m.group(2), 16), m.group(3), m.group(4).strip()
        if name == "vector":
            continue  # the builtin vector
        fields = []
        for tok in params.split():
            if tok.startswith("{"):
                continue  # generic parameter {X:Type}
            fname, ftype = tok.split(":", 1)
            cond = None
            fm = re.fullmatch(r"(\w+)\.(\d+)\?(.+)", ftype)
            if fm:
                cond = (fm.group(1), int(fm.group(2)))
                ftype = fm.group(3)
            fields.append(Field(fname, parse_type(ftype), cond))
        defs.append(Def(name, id_, fields, parse_type(result.split()[0]), function))
    return defs


# ------------------------------------------------------------------------------------------------
# The schema as both sides know it
# ------------------------------------------------------------------------------------------------


class Model:
    def __init__(self, defs, allowed_ids):
        self.by_id = {d.id: d for d in defs}
        self.ctors = {}  # boxed type name -> allowed constructors
        self.functions = []
        for d in defs:
            if d.id not in allowed_ids:
                continue
            if d.function:
                self.functions.append(d)
            else:
                self.ctors.setdefault(d.result.name, []).append(d)
        self.cost = {}
        self._costs()
        # Telethon's parameter name of each TL field, per class.
        self.pynames = {}

    def _type_cost(self, ty):
        if ty.bang:
            return min((self.cost.get(f.id, math.inf) for f in self.functions), default=math.inf)
        if ty.name in ("Vector", "vector") or ty.name in PRIMITIVES:
            return 0
        return min((self.cost.get(c.id, math.inf) for c in self.ctors.get(ty.name, [])), default=math.inf)

    def _costs(self):
        everything = [d for ds in self.ctors.values() for d in ds] + self.functions
        changed = True
        while changed:
            changed = False
            for d in everything:
                c = 1 + sum(self._type_cost(f.ty) for f in d.fields if f.cond is None)
                if c < self.cost.get(d.id, math.inf):
                    self.cost[d.id] = c
                    changed = True

    def finite(self, d):
        return self.cost.get(d.id, math.inf) < math.inf


def telethon_names(cls, d):
    """Maps each non-flags TL field of ``d`` to the parameter name of Telethon's ``cls``."""
    # `tl.patched` classes (Message, MessageService, MessageEmpty) take the parameters of all
    # three through `tl.custom.Message.__init__`; their wire code is that of the generated class.
    base = next(
        (k for k in cls.__mro__ if k.__module__.startswith(("telethon.tl.types", "telethon.tl.functions"))), cls
    )
    if "__init__" in base.__dict__:
        params = [p for p in inspect.signature(base.__init__).parameters if p != "self"]
    else:
        params = []  # no fields: TLObject's own constructor
    names, used = {}, set()
    for f in d.fields:
        if f.ty.name == "#":
            continue
        for cand in (f.name, "is_" + f.name, f.name + "_"):
            if cand in params and cand not in used:
                names[f.name] = cand
                used.add(cand)
                break
        else:
            raise KeyError(f"{d.name}: no Telethon parameter for field {f.name!r} in {params}")
    if used != set(params):
        raise KeyError(f"{d.name}: Telethon parameters {sorted(set(params) - used)} match no TL field")
    return names


# ------------------------------------------------------------------------------------------------
# Random Telethon values
# ------------------------------------------------------------------------------------------------


class Gen:
    """Random Telethon objects from the TL definitions (only ids both sides know)."""

    SHALLOW = 3  # levels below the top at which optional fields and vectors are still drawn
    BUDGET = 200  # constructors per value before everything turns minimal

    def __init__(self, model, rng):
        self.m, self.rng = model, rng
        self.built = 0

    def value(self, d):
        self.built = 0
        return self.build(d, 0)

    def deep(self, depth):
        return depth > self.SHALLOW or self.built > self.BUDGET

    def pick(self, candidates, depth):
        finite = [c for c in candidates if self.m.finite(c)]
        if not finite:
            raise LookupError("no finite value")
        if self.deep(depth):
            least = min(self.m.cost[c.id] for c in finite)
            finite = [c for c in finite if self.m.cost[c.id] == least]
        return self.rng.choice(finite)

    def build(self, d, depth):
        self.built += 1
        cls = tlobjects[d.id]
        names = self.m.pynames.get(d.id)
        if names is None:
            names = self.m.pynames[d.id] = telethon_names(cls, d)
        deep = self.deep(depth)
        bits = {}
        for f in d.fields:
            if f.cond and f.cond not in bits:
                bits[f.cond] = (not deep) and self.rng.random() < (0.5 if depth == 0 else 0.35)
        kwargs = {}
        for f in d.fields:
            if f.ty.name == "#":
                continue
            name = names[f.name]
            if f.cond:
                if not bits[f.cond]:
                    kwargs[name] = None
                elif f.ty.name == "true":
                    kwargs[name] = True
                else:
                    kwargs[name] = self.field(f.ty, depth, cls, name)
            else:
                kwargs[name] = self.field(f.ty, depth, cls, name)
        return cls(**kwargs)

    def field(self, ty, depth, cls, pyname):
        r = self.rng
        deep = self.deep(depth + 1)
        if ty.bang:
            return self.build(self.pick(self.m.functions, depth + 1), depth + 1)
        n = ty.name
        if n in ("Vector", "vector"):
            count = 0 if deep else r.randint(0, 3 if depth < 2 else 1)
            return [self.field(ty.args[0], depth + 1, cls, pyname) for _ in range(count)]
        if n == "int":
            if pyname in unsigned_fields(cls):
                # Telethon writes this field with struct.pack('<I'): draw the same 32 bits as
                # an unsigned number (the wire bytes are the same).
                return self.int_value(32) & 0xFFFFFFFF
            v = self.int_value(32)
            # Telethon's date fields take a datetime (or an int): give both.
            is_date = "datetime" in str(inspect.signature(cls.__init__).parameters[pyname].annotation)
            if is_date and r.random() < 0.5:
                return _EPOCH + timedelta(seconds=v)
            return v
        if n == "long":
            return self.int_value(64)
        if n == "int128":
            return self.int_value(128)
        if n == "int256":
            return self.int_value(256)
        if n == "double":
            if r.random() < 0.2:
                return r.choice([0.0, -0.0, 1.5, -2.25, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308])
            while True:
                v = struct.unpack("<d", r.getrandbits(64).to_bytes(8, "little"))[0]
                if math.isfinite(v):
                    return v
        if n == "Bool":
            return r.random() < 0.5
        if n == "string":
            return random_text(r, self.length(deep))
        if n == "bytes":
            return r.randbytes(self.length(deep))
        return self.build(self.pick(self.m.ctors.get(n, []), depth + 1), depth + 1)

    def int_value(self, bits):
        r = self.rng
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        x = r.random()
        if x < 0.15:
            return r.choice([0, 1, -1, lo, hi])
        if x < 0.3:
            return r.randint(0, 1000)
        return r.randint(lo, hi)

    def length(self, deep):
        r = self.rng
        if deep:
            return r.randint(0, 8)
        x = r.randint(0, 19)
        if x <= 10:
            return r.randint(0, 12)
        if x <= 14:
            return r.randint(12, 100)
        if x <= 17:
            return r.randint(250, 258)
        return r.randint(258, 700)


_UNSIGNED = {}


def unsigned_fields(cls):
    """Parameters of ``cls`` that Telethon writes as unsigned 32-bit (``struct.pack('<I', ...)``;
    only `channels.getMessageAuthor`'s ``id`` in 1.45.0): negative values make it raise."""
    found = _UNSIGNED.get(cls)
    if found is None:
        source = inspect.getsource(cls._bytes)
        found = _UNSIGNED[cls] = set(re.findall(r"struct\.pack\('<I', self\.(\w+)\)", source))
    return found


def random_text(r, n):
    out = []
    size = 0
    while size < n:
        k = r.randint(0, 9)
        if k <= 4:
            c = r.randint(0, 0x7F)
        elif k <= 6:
            c = r.randint(0x80, 0x7FF)
        elif k == 7:
            c = r.randint(0x800, 0xD7FF)
        elif k == 8:
            c = r.randint(0xE000, 0xFFFF)
        else:
            c = r.randint(0x10000, 0x10FFFF)
        ch = chr(c)
        out.append(ch)
        size += len(ch.encode("utf-8"))
    return "".join(out)


# ------------------------------------------------------------------------------------------------
# Quirk: flags words that Telethon does not keep
# ------------------------------------------------------------------------------------------------

#: Offsets at which Telethon's reader met a `flags:#` field that no field refers to.
UNUSED_FLAGS_AT = []


def record_unused_flags(defs):
    """Wraps ``from_reader`` of the Telethon classes whose definition has a ``#`` field that no
    condition refers to, to note where that word is (always the first field), so that the
    comparison can expect Telethon's 0 there. Returns the names of those definitions."""
    names = []
    for d in defs:
        if d.id not in tlobjects:
            continue
        used = {f.cond[0] for f in d.fields if f.cond}
        unused = [k for k, f in enumerate(d.fields) if f.ty.name == "#" and f.name not in used]
        if not unused:
            continue
        if unused != [0]:
            raise SystemExit(f"{d.name}: an unused `#` field that is not the first field is not handled")
        cls = tlobjects[d.id]
        original = cls.from_reader.__func__

        def from_reader(klass, reader, _original=original):
            UNUSED_FLAGS_AT.append(reader.tell_position())
            return _original(klass, reader)

        cls.from_reader = classmethod(from_reader)
        names.append(d.name)
    return names


# ------------------------------------------------------------------------------------------------
# Quirk: messageMediaEmpty dropped from messages
# ------------------------------------------------------------------------------------------------

#: (offset of the flags word, decoded object) of each `message` read since the last clear().
MESSAGES_READ = []

MESSAGE_ID = 0x7600B9D3
MEDIA_BIT = 9  # message#7600b9d3 flags:# ... media:flags.9?MessageMedia


def record_messages():
    """Wraps ``from_reader`` of Telethon's (patched) ``message`` class to note where each
    message's flags word is and what object it became."""
    cls = tlobjects[MESSAGE_ID]
    original = cls.from_reader.__func__

    def from_reader(klass, reader, _original=original):
        at = reader.tell_position()
        obj = _original(klass, reader)
        MESSAGES_READ.append((at, obj))
        return obj

    cls.from_reader = classmethod(from_reader)


def media_dropped(data):
    """True when a message read from ``data`` had its media flag set but Telethon kept no media."""
    for at, obj in MESSAGES_READ:
        flags = int.from_bytes(data[at : at + 4], "little")
        if flags >> MEDIA_BIT & 1 and obj.media is None:
            return True
    return False


# ------------------------------------------------------------------------------------------------
# Quirk: peer ids that Telethon rewrites
# ------------------------------------------------------------------------------------------------

#: Calls of telethon.utils.resolve_id since the last clear().
RESOLVE_ID_CALLS = []


def record_resolve_id():
    """Wraps ``telethon.utils.resolve_id``: ``get_peer_id`` calls it to rewrite an out-of-range
    chat or channel id in place, which is how the rewrite is noticed."""
    import telethon.utils

    original = telethon.utils.resolve_id

    def resolve_id(marked_id):
        RESOLVE_ID_CALLS.append(marked_id)
        return original(marked_id)

    telethon.utils.resolve_id = resolve_id


# ------------------------------------------------------------------------------------------------
# The comparison
# ------------------------------------------------------------------------------------------------


def run_echo(echo, lines):
    proc = subprocess.run([echo], input="".join(l + "\n" for l in lines), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"tlayer-echo failed ({proc.returncode}): {proc.stderr}")
    out = proc.stdout.splitlines()
    if len(out) != len(lines):
        sys.exit(f"tlayer-echo printed {len(out)} lines for {len(lines)} inputs")
    return out


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def us_to_telethon(i, line, data, samples, fail, quirk_counts):
    """One tlayer -> Telethon sample: read with Telethon, write again, compare."""
    try:
        UNUSED_FLAGS_AT.clear()
        RESOLVE_ID_CALLS.clear()
        MESSAGES_READ.clear()
        reader = BinaryReader(data)
        obj = reader.tgread_object()
        if reader.tell_position() != len(data):
            fail(i, f"us->Telethon: Telethon read {reader.tell_position()} of {len(data)} bytes\n    input: {line}")
            return
        hit = set()
        if RESOLVE_ID_CALLS:
            hit.add("peer-id-rewritten")
        if media_dropped(data):
            hit.add("media-empty-dropped")
        if hit:
            for q in hit:
                quirk_counts[q] = quirk_counts.get(q, 0) + 1
            return
        again = bytes(obj)
    except Exception as e:  # noqa: BLE001 - reported as a mismatch
        fail(i, f"us->Telethon: Telethon failed: {type(e).__name__}: {e}\n    input: {line}")
        return
    expected = bytearray(data)
    for at in UNUSED_FLAGS_AT:
        if expected[at : at + 4] != b"\0\0\0\0":
            expected[at : at + 4] = b"\0\0\0\0"
            quirk_counts["unused-flags"] = quirk_counts.get("unused-flags", 0) + 1
    samples[i][1] += 1
    if again != expected:
        at = first_diff(expected, again)
        fail(
            i,
            f"us->Telethon: Telethon re-serialized differently at byte {at}\n    tlayer:   {line}\n    Telethon: {again.hex()}",
        )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--echo", required=True, help="path of the tlayer-echo binary")
    ap.add_argument("--schema", default="schema/tl/layer230.tl")
    ap.add_argument("--samples", type=int, default=8, help="samples per definition and direction")
    ap.add_argument("--seed", type=int, default=230)
    ap.add_argument("--show", type=int, default=40, help="mismatching definitions to print in full")
    args = ap.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        defs = parse_schema(f.read())
    by_id = {d.id: d for d in defs}
    shared = sorted(i for i in by_id if i in tlobjects)
    # An id both sides have, but with other fields in Telethon's layer-229 schema (Telegram added
    # `flags.N?true` fields to some constructors without changing the id): not the same
    # definition, so left out, and its id is not used for nested values either.
    pynames, differ = {}, []
    for i in shared:
        try:
            pynames[i] = telethon_names(tlobjects[i], by_id[i])
        except KeyError as e:
            differ.append((i, str(e).strip('"')))
    common = [i for i in shared if i in pynames]
    model = Model(defs, set(common))
    model.pynames.update(pynames)
    print(
        f"layer230.tl: {len(defs)} definitions; Telethon {telethon.__version__}: {len(tlobjects)} "
        f"(layer 229); ids in both: {len(shared)}, of which {len(differ)} have other fields in Telethon "
        f"and are left out"
    )
    for i, why in differ:
        print(f"  left out {by_id[i].name}#{i:08x}: {why}")

    failures = {}  # id -> list of messages
    quirk_counts = {}
    samples = {i: [0, 0] for i in common}  # id -> [telethon->us, us->telethon] compared samples

    def fail(i, msg):
        failures.setdefault(i, []).append(msg)

    # --- Telethon -> tlayer -------------------------------------------------------------------
    rng = random.Random(args.seed)
    gen = Gen(model, rng)
    inputs = []  # (id, hex)
    for i in common:
        d = model.by_id[i]
        if not model.finite(d):
            fail(i, "Telethon->us: no value uses only ids both sides know")
            continue
        for _ in range(args.samples):
            data = None
            try:
                # A drawn optional field or vector element can need a type none of whose
                # constructors both sides know: draw again.
                for _attempt in range(ATTEMPTS):
                    try:
                        obj = gen.value(d)
                        break
                    except LookupError:
                        continue
                else:
                    fail(i, f"Telethon->us: no value drawn within the shared ids in {ATTEMPTS} attempts")
                    break
                data = bytes(obj)
            except Exception as e:  # noqa: BLE001 - reported as a mismatch
                fail(i, f"Telethon->us: building or serializing with Telethon failed: {type(e).__name__}: {e}")
                break
            inputs.append((i, data.hex()))
    echoed = run_echo(args.echo, [h for _, h in inputs])
    for (i, sent), back in zip(inputs, echoed):
        samples[i][0] += 1
        if back != sent:
            if back.startswith("error:"):
                fail(i, f"Telethon->us: tlayer-echo: {back}\n    Telethon bytes: {sent}")
            else:
                at = first_diff(sent, back) // 2
                fail(i, f"Telethon->us: echo differs at byte {at}\n    Telethon: {sent}\n    tlayer:   {back}")

    # --- tlayer -> Telethon -------------------------------------------------------------------
    with tempfile.NamedTemporaryFile("w", suffix=".ids", delete=False) as f:
        f.write("# ids Telethon and layer230.tl share\n")
        f.writelines(f"{i:08x}\n" for i in common)
        ids_file = f.name
    record_unused_flags(defs)
    record_resolve_id()
    record_messages()
    # Samples hit by a skipping quirk are not compared; further rounds (other seeds) make up for
    # them, for the definitions that still have fewer than the samples asked for.
    for round_ in range(ROUNDS):
        need = {i for i in common if samples[i][1] < args.samples and i not in failures}
        if not need:
            break
        proc = subprocess.run(
            [args.echo, "--random", str(args.seed + round_), str(args.samples), "--ids", ids_file],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            sys.exit(f"tlayer-echo --random failed ({proc.returncode}): {proc.stderr}")
        for line in proc.stderr.splitlines():
            m = re.match(r"skip (\S+): (.*)", line)
            if m:
                d = next((d for d in defs if d.name == m.group(1) and d.id in need), None)
                if d is not None:
                    fail(d.id, f"us->Telethon: tlayer-echo --random: {m.group(2)}")
        for line in proc.stdout.splitlines():
            data = bytes.fromhex(line)
            i = int.from_bytes(data[:4], "little")
            if i not in samples:
                sys.exit(f"tlayer-echo --random printed a value of an id outside the set: {i:08x}")
            if i not in need or samples[i][1] >= args.samples:
                continue
            us_to_telethon(i, line, data, samples, fail, quirk_counts)
    os.unlink(ids_file)

    # --- Report -------------------------------------------------------------------------------
    compared = [i for i in common if min(samples[i]) >= MIN_SAMPLES or i in failures]
    too_few = [i for i in common if i not in compared]
    for n, i in enumerate(sorted(failures, key=lambda i: model.by_id[i].name)):
        d = model.by_id[i]
        if n < args.show:
            print(f"MISMATCH {d.name}#{i:08x} ({len(failures[i])} failing samples):")
            for msg in failures[i][:2]:
                print("  " + msg)
        else:
            print(f"MISMATCH {d.name}#{i:08x} ({len(failures[i])} failing samples)")
    for q, count in sorted(quirk_counts.items()):
        how = "compared with that word as 0" if q == "unused-flags" else "skipped (drawn again)"
        print(f"Telethon quirk {q}: {count} samples {how}: {QUIRKS[q]}")
    for i in too_few:
        d = model.by_id[i]
        print(f"not compared (fewer than {MIN_SAMPLES} samples in a direction: {samples[i]}): {d.name}")
    total = sum(a + b for a, b in samples.values())
    print(f"{total} samples compared (up to {args.samples} per definition and direction, seed {args.seed})")
    print(f"telethon {telethon.__version__}: compared {len(compared)} constructors, {len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
