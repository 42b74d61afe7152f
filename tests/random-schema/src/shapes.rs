//! The shapes a random schema (or a random value) can take, and the ones known to fail today.
//!
//! Every piece the generator adds is tagged with its [`Shape`]; a schema records the shapes it
//! uses, so a failure report says which ones were involved, and a shape can be switched off.
//! [`KNOWN_FAILING_SHAPES`] lists the shapes that today's code gets wrong: the default run leaves
//! them out so that CI stays green, `RANDOM_SCHEMA_ALL_SHAPES=1` puts them back in. When the fix
//! for an entry is merged, delete the entry: the test then guards the fix.
//! [`OUTSIDE_THE_CONTRACT`] lists the shapes that `check` refuses by a rule of docs/contract.md
//! (guarded by the test it names): no run generates them unless `RANDOM_SCHEMA_ALL_SHAPES=2`.
//!
//! Some shapes make bytes a codec must refuse (see `values::Problem`): unused flag bits (both
//! codecs), more zero-size elements than bytes left after the count (both), non-UTF-8 strings
//! (generated code only). The harness checks that refusal, with the codec's own message.

/// One thing a random schema or value can contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// Rust keywords as constructor, type, field and flags names (`type`, `fn`, `self`, `Self`,
    /// `crate`, `async`, raw-identifier ones such as `match`).
    KeywordNames,
    /// Names of std/prelude items (`Option`, `Result`, `Vec`, `Box`, `Default`, `Some`, `None`).
    PreludeNames,
    /// Names of the runtime's items and of the generated code's locals (`Reader`, `TlRead`,
    /// `Error`, `r`, `out`, `_flags`, `types`).
    RuntimeNames,
    /// Names with digits after letters (`a_1`, `a1`, `v2`).
    DigitNames,
    /// Names made of `_` and digits only (`_2`, `_0`).
    UnderscoreDigitNames,
    /// Different TL names that map to one Rust name (`aB`/`a_b` fields, `a1`/`a_1` constructors).
    NameCollisions,
    /// Definitions in a namespace (`auth.foo = auth.Foo`).
    Namespaces,
    /// Namespaces named like Rust keywords, crates or the generated modules (`type.`, `self.`,
    /// `std.`, `types.`).
    KeywordNamespaces,
    /// A namespace named `serde` (the crate the `--serde-feature` derives name).
    SerdeNamespace,
    /// A `flags:#` field with optional fields and `?true` bits.
    Flags,
    /// A second flags field (`flags2:#`).
    SecondFlags,
    /// Several fields on one flag bit.
    SharedBit,
    /// Several fields on one flag bit, where the definition's or a field's name is a Rust
    /// keyword, a prelude item or starts with `_` (the group struct is named from them).
    SharedBitEscapedNames,
    /// Values whose flags word sets bits no field uses (both codecs must refuse them).
    UnusedFlagBits,
    /// A bare vector (`vector<T>`).
    BareVector,
    /// A vector of boxed vectors of boxed elements (`vector<Vector<Vector<int>>>`, `Vector<Vector<T>>`).
    NestedVector,
    /// A vector of vectors with a bare part: an inner `vector<..>` or bare constructor elements
    /// (`Vector<vector<vector<int>>>`, `vector<vector<%T>>`, `Vector<Vector<t>>`).
    NestedBareVector,
    /// A bare type `%T`.
    BareType,
    /// A constructor's name used as a (bare) type (`x:foo`).
    BareCtorName,
    /// A generic function: `{X:Type} ... q:!X = X`.
    GenericFunction,
    /// A generic function returning a vector of its parameter: `{X:Type} q:!X = Vector<X>`.
    GenericVectorResult,
    /// A constructor with a type parameter: `{X:Type} x:!X = T`.
    GenericConstructor,
    /// A function returning `Vector<T>`.
    FunctionReturnsVector,
    /// `double` values with any finite bit pattern (off: small integers and halves only, which
    /// print exactly in decimal).
    ArbitraryDoubles,
    /// NaN (with payloads), infinities and -0.0 as `double` values.
    SpecialDoubles,
    /// `string` values that are not UTF-8 (generated code must refuse them, the CLI keep them).
    NonUtf8Strings,
    /// A `#` field that no condition uses (a plain `u32`).
    PlainNat,
    /// A type used before (or inside) its own declaration.
    ForwardRefs,
    /// A vector whose elements are a bare constructor without fields (zero bytes each); a count
    /// above the bytes left after it must be refused by both codecs.
    ZeroSizeBareElements,
    /// Not a schema shape but an option set: two layers (`--layer`) with `--side server`.
    LayeredServerSide,
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 30] = [
        Shape::KeywordNames,
        Shape::PreludeNames,
        Shape::RuntimeNames,
        Shape::DigitNames,
        Shape::UnderscoreDigitNames,
        Shape::NameCollisions,
        Shape::Namespaces,
        Shape::KeywordNamespaces,
        Shape::SerdeNamespace,
        Shape::Flags,
        Shape::SecondFlags,
        Shape::SharedBit,
        Shape::SharedBitEscapedNames,
        Shape::UnusedFlagBits,
        Shape::BareVector,
        Shape::NestedVector,
        Shape::NestedBareVector,
        Shape::BareType,
        Shape::BareCtorName,
        Shape::GenericFunction,
        Shape::GenericVectorResult,
        Shape::GenericConstructor,
        Shape::FunctionReturnsVector,
        Shape::ArbitraryDoubles,
        Shape::SpecialDoubles,
        Shape::NonUtf8Strings,
        Shape::PlainNat,
        Shape::ForwardRefs,
        Shape::ZeroSizeBareElements,
        Shape::LayeredServerSide,
    ];
}

/// Shapes today's code fails on, each with the reason (see docs/random-schema.md for the minimal
/// schema of each). The default run leaves them out; delete an entry once its fix is merged.
pub const KNOWN_FAILING_SHAPES: &[(Shape, &str)] = &[];

/// Shapes outside the contract: off in every run, each with the rule (docs/contract.md) and the
/// test that guards it instead.
pub const OUTSIDE_THE_CONTRACT: &[(Shape, &str)] = &[(
    Shape::GenericConstructor,
    "`{X:Type} x:!X` in a constructor: `check` refuses it (type parameters only in functions); guarded by \
     tl-parser/tests/contract.rs `constructors_take_no_type_parameters`",
)];

/// Which shapes a run generates.
#[derive(Clone, Debug)]
pub struct Enabled {
    off: Vec<Shape>,
}

impl Enabled {
    /// Every shape.
    pub fn all() -> Enabled {
        Enabled { off: Vec::new() }
    }

    /// Every shape except `off`.
    pub fn all_but(off: &[Shape]) -> Enabled {
        Enabled { off: off.to_vec() }
    }

    /// Every shape except those of [`KNOWN_FAILING_SHAPES`] and [`OUTSIDE_THE_CONTRACT`].
    pub fn default_run() -> Enabled {
        Enabled { off: KNOWN_FAILING_SHAPES.iter().chain(OUTSIDE_THE_CONTRACT).map(|(s, _)| *s).collect() }
    }

    /// Every shape the contract covers (known failing ones too).
    pub fn all_in_contract() -> Enabled {
        Enabled { off: OUTSIDE_THE_CONTRACT.iter().map(|(s, _)| *s).collect() }
    }

    /// From the environment: all shapes the contract covers when `RANDOM_SCHEMA_ALL_SHAPES=1`
    /// (those outside it too when `=2`), else the default run;
    /// `RANDOM_SCHEMA_ONLY=Shape,Shape` keeps those shapes (and the plain ones) only.
    pub fn from_env() -> Enabled {
        let all = std::env::var("RANDOM_SCHEMA_ALL_SHAPES");
        let mut e = if all.as_deref() == Ok("2") {
            Enabled::all()
        } else if all.as_deref() == Ok("1") {
            Enabled::all_in_contract()
        } else {
            Enabled::default_run()
        };
        if let Ok(only) = std::env::var("RANDOM_SCHEMA_ONLY") {
            let keep: Vec<&str> = only.split(',').map(str::trim).collect();
            e.off.extend(Shape::ALL.iter().filter(|s| !keep.contains(&format!("{s:?}").as_str())));
        }
        e
    }

    /// Whether the generator may use `shape`.
    pub fn on(&self, shape: Shape) -> bool {
        !self.off.contains(&shape)
    }

    /// The shapes switched off.
    pub fn off(&self) -> &[Shape] {
        &self.off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_shape_once() {
        let mut all = Shape::ALL.to_vec();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), Shape::ALL.len());
    }

    #[test]
    fn default_run_leaves_out_exactly_the_known_failing_shapes_and_those_outside_the_contract() {
        let e = Enabled::default_run();
        for s in Shape::ALL {
            let out = KNOWN_FAILING_SHAPES.iter().chain(OUTSIDE_THE_CONTRACT).any(|(k, _)| *k == s);
            assert_eq!(e.on(s), !out, "{s:?}");
        }
    }
}
