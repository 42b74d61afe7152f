//! Where the random values of the exchange come from: the operating system, or a script of
//! fixed values (to replay a published exchange byte for byte).

use std::collections::VecDeque;

/// A source of random bytes.
pub trait Entropy {
    /// Fills `buf` with random bytes; `what` names the value (for scripts and errors).
    fn fill(&mut self, what: &'static str, buf: &mut [u8]);
}

/// The operating system's generator (`getrandom`).
#[derive(Debug, Default, Clone, Copy)]
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&mut self, _what: &'static str, buf: &mut [u8]) {
        getrandom::fill(buf).expect("the operating system has no random generator");
    }
}

/// Fixed values, handed out in order: each [`Entropy::fill`] takes the next one, which must be
/// for the same `what` and of the same length (a test double: a mismatch panics and names both).
#[derive(Debug, Default, Clone)]
pub struct Script {
    values: VecDeque<(&'static str, Vec<u8>)>,
}

impl Script {
    /// An empty script.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next value.
    pub fn then(mut self, what: &'static str, value: impl Into<Vec<u8>>) -> Self {
        self.values.push_back((what, value.into()));
        self
    }

    /// Values not handed out yet.
    pub fn remaining(&self) -> usize {
        self.values.len()
    }
}

impl Entropy for Script {
    fn fill(&mut self, what: &'static str, buf: &mut [u8]) {
        let Some((name, value)) = self.values.pop_front() else {
            panic!("script exhausted: asked for {what} ({} bytes)", buf.len());
        };
        assert_eq!(name, what, "script out of order");
        assert_eq!(value.len(), buf.len(), "scripted {what} has the wrong length");
        buf.copy_from_slice(&value);
    }
}
