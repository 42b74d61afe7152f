//! Interpolation: what `#x` appends ([`ToTokens`]) and what `#(#x)*` repeats over ([`rep`]).

use super::Tokens;
use crate::ident::Name;

/// A value that `quote!` can interpolate (`#x`).
pub(crate) trait ToTokens {
    /// Appends the value's tokens to `out`.
    fn to_tokens(&self, out: &mut Tokens);
}

impl ToTokens for Tokens {
    fn to_tokens(&self, out: &mut Tokens) {
        out.append(self);
    }
}

/// A name interpolates as its identifier (`r#type` when raw).
impl ToTokens for Name {
    fn to_tokens(&self, out: &mut Tokens) {
        out.push_word(self.is_raw(), self.text());
    }
}

/// `true` or `false`.
impl ToTokens for bool {
    fn to_tokens(&self, out: &mut Tokens) {
        out.push_static(if *self { "true" } else { "false" });
    }
}

/// Nothing for `None`.
impl<T: ToTokens> ToTokens for Option<T> {
    fn to_tokens(&self, out: &mut Tokens) {
        if let Some(t) = self {
            t.to_tokens(out);
        }
    }
}

impl<T: ToTokens + ?Sized> ToTokens for &T {
    fn to_tokens(&self, out: &mut Tokens) {
        (**self).to_tokens(out);
    }
}

/// A value moved in where it is interpolated: the items of a repetition's variables, each used
/// once per turn (a list is then kept whole, not copied: see [`Tokens::extend`]).
pub(crate) trait IntoTokens {
    /// Appends the value's tokens to `out`.
    fn into_tokens(self, out: &mut Tokens);
}

impl IntoTokens for Tokens {
    fn into_tokens(self, out: &mut Tokens) {
        out.extend(self);
    }
}

impl<T: ToTokens + ?Sized> IntoTokens for &T {
    fn into_tokens(self, out: &mut Tokens) {
        self.to_tokens(out);
    }
}

impl IntoTokens for super::Literal {
    fn into_tokens(self, out: &mut Tokens) {
        self.to_tokens(out);
    }
}

impl IntoTokens for Name {
    fn into_tokens(self, out: &mut Tokens) {
        self.to_tokens(out);
    }
}

impl IntoTokens for String {
    fn into_tokens(self, out: &mut Tokens) {
        self.to_tokens(out);
    }
}

impl<T: IntoTokens> IntoTokens for Option<T> {
    fn into_tokens(self, out: &mut Tokens) {
        if let Some(t) = self {
            t.into_tokens(out);
        }
    }
}

/// How `#x` takes `x`: a list (or an optional one) is moved in, so a list that a `quote!` names
/// is not copied; anything else, and a reference, is read where it is. (A list interpolated twice
/// must be named by reference: `let x = &x;`.)
pub(crate) mod by {
    use super::{IntoTokens, ToTokens, Tokens};

    /// `Tokens` and `Option<Tokens>`, moved.
    pub(crate) trait ByValue {
        fn tl_put(self, out: &mut Tokens);
    }

    impl ByValue for Tokens {
        fn tl_put(self, out: &mut Tokens) {
            self.into_tokens(out);
        }
    }

    impl ByValue for Option<Tokens> {
        fn tl_put(self, out: &mut Tokens) {
            self.into_tokens(out);
        }
    }

    /// Anything else, read in place.
    pub(crate) trait ByRef {
        fn tl_put(&self, out: &mut Tokens);
    }

    impl<T: ToTokens + ?Sized> ByRef for T {
        fn tl_put(&self, out: &mut Tokens) {
            self.to_tokens(out);
        }
    }
}

/// What a variable of a repetition (`#(#x),*`) iterates over, by the variable's type: an
/// iterator is consumed, a slice (or `Vec`, array) is iterated by reference, and any other
/// interpolable value is repeated as it is. The three traits share one method name; method
/// resolution picks the first that applies (by value, then by reference), as `quote` does
/// (dtolnay/quote, `src/runtime.rs`, the `ext` traits).
pub(crate) mod rep {
    use super::ToTokens;

    /// An iterator: its items, consumed. The flag says it bounds the repetition.
    pub(crate) trait RepIter: Iterator + Sized {
        fn tl_rep(self) -> (Self, bool) {
            (self, true)
        }
    }

    impl<I: Iterator> RepIter for I {}

    /// A slice, `Vec` or array: its elements, by reference.
    pub(crate) trait RepSlice<T> {
        fn tl_rep(&self) -> (std::slice::Iter<'_, T>, bool);
    }

    impl<T> RepSlice<T> for [T] {
        fn tl_rep(&self) -> (std::slice::Iter<'_, T>, bool) {
            (self.iter(), true)
        }
    }

    /// The item of one variable in one turn of a repetition: moved in where the body
    /// interpolates it, which it does once.
    pub(crate) struct Turn<T>(std::cell::Cell<Option<T>>);

    impl<T> Turn<T> {
        pub(crate) fn new(item: T) -> Turn<T> {
            Turn(std::cell::Cell::new(Some(item)))
        }
    }

    impl<T: super::IntoTokens> ToTokens for Turn<T> {
        fn to_tokens(&self, out: &mut super::Tokens) {
            let item = self.0.take().expect("a variable of a repetition is interpolated once in its body");
            item.into_tokens(out);
        }
    }

    /// One value: itself, as often as the other variables go on (it bounds nothing).
    pub(crate) trait RepOne {
        fn tl_rep(&self) -> (std::iter::Repeat<&Self>, bool);
    }

    impl<T: ToTokens + ?Sized> RepOne for T {
        fn tl_rep(&self) -> (std::iter::Repeat<&Self>, bool) {
            (std::iter::repeat(self), false)
        }
    }
}
