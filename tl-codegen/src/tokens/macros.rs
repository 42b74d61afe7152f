//! `quote!`: Rust tokens with `#x` interpolation and `#(...)*` repetition, as `quote::quote!`
//! writes them, expanded in linear time.
//!
//! The input is not munched token by token (each step would copy the rest: quadratic in a long
//! block, and deep). [`__quote_window!`] instead lines up seven shifted copies of the token list,
//! so each token is expanded once by [`__quote_tok!`], seeing the three tokens before and after
//! it: enough to tell `#x`, `#(...)*` and `#(...),*` apart. This windowing is the technique of
//! `quote` 1.0 (dtolnay/quote, `quote_tokens_with_context!`); the code here is this crate's own.
//! `@` pads the ends (a token of the input is wrapped in parentheses in the middle copy, so a
//! pad is never mistaken for one).

/// Tokens from Rust source: `#x` appends `x` ([`super::ToTokens`]; a `Tokens` or
/// `Option<Tokens>` variable is moved in, so name a list used twice by reference), `#(... #x ...)*`
/// repeats for each item of the variables in it (iterators and slices zipped, other values
/// repeated, each item moved in), with an optional one-token separator (`#(#a: #b),*`). `///`
/// comments become `#[doc = ...]`.
macro_rules! quote {
    () => {
        $crate::tokens::Tokens::new()
    };
    ($($tt:tt)*) => {{
        let mut out = $crate::tokens::Tokens::new();
        $crate::tokens::quote_into!(out; $($tt)*);
        out
    }};
}

/// [`quote!`] appending to the [`super::Tokens`] variable `$out`.
macro_rules! quote_into {
    ($out:ident; $($tt:tt)*) => {
        $crate::tokens::__quote_window!($out
            (@ @ @ @ @ @ $($tt)*)
            (@ @ @ @ @ $($tt)* @)
            (@ @ @ @ $($tt)* @ @)
            (@ @ @ $(($tt))* @ @ @)
            (@ @ $($tt)* @ @ @ @)
            (@ $($tt)* @ @ @ @ @)
            ($($tt)* @ @ @ @ @ @)
        )
    };
}

/// Each token with three before and three after it (see the module docs).
#[doc(hidden)]
macro_rules! __quote_window {
    ($out:ident ($($b3:tt)*) ($($b2:tt)*) ($($b1:tt)*) ($($t:tt)*) ($($a1:tt)*) ($($a2:tt)*) ($($a3:tt)*)) => {
        $( $crate::tokens::__quote_tok!($out $b3 $b2 $b1 $t $a1 $a2 $a3); )*
    };
}

/// One token `(t)` in its window `b3 b2 b1 (t) a1 a2 a3`.
#[doc(hidden)]
macro_rules! __quote_tok {
    // A pad.
    ($out:ident $b3:tt $b2:tt $b1:tt @ $a1:tt $a2:tt $a3:tt) => {};
    // `#(...)*`, then `#(...) sep *`.
    ($out:ident $b3:tt $b2:tt $b1:tt (#) ($($body:tt)*) * $a3:tt) => {
        $crate::tokens::__quote_rep!($out [] [] ($($body)*) $($body)*)
    };
    ($out:ident $b3:tt $b2:tt $b1:tt (#) ($($body:tt)*) $sep:tt *) => {
        $crate::tokens::__quote_rep!($out [$sep] [] ($($body)*) $($body)*)
    };
    // The body, separator and `*` of a repetition: done above.
    ($out:ident $b3:tt $b2:tt # (($($body:tt)*)) * $a2:tt $a3:tt) => {};
    ($out:ident $b3:tt $b2:tt # (($($body:tt)*)) $sep:tt * $a3:tt) => {};
    ($out:ident $b3:tt # ($($body:tt)*) (*) $a1:tt $a2:tt $a3:tt) => {};
    ($out:ident $b3:tt # ($($body:tt)*) ($sep:tt) * $a2:tt $a3:tt) => {};
    ($out:ident # ($($body:tt)*) $sep:tt (*) $a1:tt $a2:tt $a3:tt) => {};
    // `#x`, then the `x` of it.
    ($out:ident $b3:tt $b2:tt $b1:tt (#) $x:ident $a2:tt $a3:tt) => {{
        #[allow(unused_imports)]
        use $crate::tokens::interp_by::{ByRef as _, ByValue as _};
        $x.tl_put(&mut $out)
    }};
    ($out:ident $b3:tt $b2:tt # ($x:ident) $a1:tt $a2:tt $a3:tt) => {};
    // Groups.
    ($out:ident $b3:tt $b2:tt $b1:tt (($($g:tt)*)) $a1:tt $a2:tt $a3:tt) => {{
        let mark = $out.open($crate::tokens::Delim::Paren);
        $crate::tokens::quote_into!($out; $($g)*);
        $out.close(mark);
    }};
    ($out:ident $b3:tt $b2:tt $b1:tt ([$($g:tt)*]) $a1:tt $a2:tt $a3:tt) => {{
        let mark = $out.open($crate::tokens::Delim::Bracket);
        $crate::tokens::quote_into!($out; $($g)*);
        $out.close(mark);
    }};
    ($out:ident $b3:tt $b2:tt $b1:tt ({$($g:tt)*}) $a1:tt $a2:tt $a3:tt) => {{
        let mark = $out.open($crate::tokens::Delim::Brace);
        $crate::tokens::quote_into!($out; $($g)*);
        $out.close(mark);
    }};
    // Any other token, as written.
    ($out:ident $b3:tt $b2:tt $b1:tt ($t:tt) $a1:tt $a2:tt $a3:tt) => {
        $out.push(const { $crate::tokens::Tok::of(stringify!($t)) })
    };
}

/// A repetition: `[sep]`, the variables found so far, the body, and the body's tokens left to
/// search for variables (groups opened in place). Bodies are short: this one is munched.
#[doc(hidden)]
macro_rules! __quote_rep {
    ($out:ident $sep:tt [$($v:ident)*] $body:tt # $x:ident $($rest:tt)*) => {
        $crate::tokens::__quote_rep!($out $sep [$($v)* $x] $body $($rest)*)
    };
    ($out:ident $sep:tt $vars:tt $body:tt ($($g:tt)*) $($rest:tt)*) => {
        $crate::tokens::__quote_rep!($out $sep $vars $body $($g)* $($rest)*)
    };
    ($out:ident $sep:tt $vars:tt $body:tt [$($g:tt)*] $($rest:tt)*) => {
        $crate::tokens::__quote_rep!($out $sep $vars $body $($g)* $($rest)*)
    };
    ($out:ident $sep:tt $vars:tt $body:tt {$($g:tt)*} $($rest:tt)*) => {
        $crate::tokens::__quote_rep!($out $sep $vars $body $($g)* $($rest)*)
    };
    ($out:ident $sep:tt $vars:tt $body:tt $other:tt $($rest:tt)*) => {
        $crate::tokens::__quote_rep!($out $sep $vars $body $($rest)*)
    };
    ($out:ident [$($sep:tt)?] [$($v:ident)+] ($($body:tt)*)) => {{
        #[allow(unused_imports)]
        use $crate::tokens::rep::{RepIter as _, RepOne as _, RepSlice as _};
        let mut bounded = false;
        $(
            #[allow(unused_mut)]
            let (mut $v, b) = $v.tl_rep();
            bounded |= b;
        )+
        assert!(bounded, "a repetition with no iterator in it");
        let mut _first = true;
        loop {
            $(
                let $v = match $v.next() {
                    Some(x) => $crate::tokens::rep::Turn::new(x),
                    None => break,
                };
            )+
            $(
                if !_first {
                    $out.push(const { $crate::tokens::Tok::of(stringify!($sep)) });
                }
                _first = false;
            )?
            $crate::tokens::quote_into!($out; $($body)*);
        }
    }};
}

pub(crate) use {__quote_rep, __quote_tok, __quote_window, quote, quote_into};
