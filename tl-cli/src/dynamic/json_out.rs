//! A streaming, pretty-printing JSON writer: values go out as they are decoded, so memory does
//! not grow with the output. Layout matches `serde_json::to_string_pretty` (two spaces).

use std::io::{self, Write};

/// Writes JSON to `W`; while muted it writes nothing (a checking pass).
pub struct JsonOut<W: Write> {
    w: W,
    /// Per open container: true until its first member is written.
    first: Vec<bool>,
    /// When set, nothing is written.
    pub muted: bool,
}

impl<W: Write> JsonOut<W> {
    /// A writer into `w`.
    pub fn new(w: W) -> Self {
        JsonOut { w, first: Vec::new(), muted: false }
    }

    /// The writer, once the value is complete.
    pub fn into_inner(self) -> W {
        self.w
    }

    /// How many containers are open (to restore after a trial that failed midway).
    pub fn open(&self) -> usize {
        self.first.len()
    }

    /// Forgets containers opened beyond `open` (after a muted trial).
    pub fn truncate(&mut self, open: usize) {
        self.first.truncate(open);
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.muted { Ok(()) } else { self.w.write_all(bytes) }
    }

    fn newline(&mut self) -> io::Result<()> {
        if self.muted {
            return Ok(());
        }
        self.w.write_all(b"\n")?;
        for _ in 0..self.first.len() {
            self.w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// Starts a member of the innermost container: a comma unless it is the first.
    fn member(&mut self) -> io::Result<()> {
        let was_first = match self.first.last_mut() {
            Some(first) => std::mem::replace(first, false),
            None => return Ok(()),
        };
        if !was_first {
            self.put(b",")?;
        }
        self.newline()
    }

    /// `{`.
    pub fn begin_object(&mut self) -> io::Result<()> {
        self.first.push(true);
        self.put(b"{")
    }

    /// `[`.
    pub fn begin_array(&mut self) -> io::Result<()> {
        self.first.push(true);
        self.put(b"[")
    }

    /// `}` or `]`.
    pub fn end(&mut self, close: u8) -> io::Result<()> {
        let empty = self.first.pop().unwrap_or(true);
        if !empty {
            self.newline()?;
        }
        self.put(&[close])
    }

    /// `}`.
    pub fn end_object(&mut self) -> io::Result<()> {
        self.end(b'}')
    }

    /// `]`.
    pub fn end_array(&mut self) -> io::Result<()> {
        self.end(b']')
    }

    /// `"key": ` inside an object.
    pub fn key(&mut self, key: &str) -> io::Result<()> {
        self.member()?;
        self.string(key)?;
        self.put(b": ")
    }

    /// Starts an element of an array.
    pub fn element(&mut self) -> io::Result<()> {
        self.member()
    }

    /// A JSON string, escaped.
    pub fn string(&mut self, s: &str) -> io::Result<()> {
        if self.muted {
            return Ok(());
        }
        serde_json::to_writer(&mut self.w, s).map_err(io::Error::from)
    }

    /// A number or literal, written as given.
    pub fn raw(&mut self, text: &str) -> io::Result<()> {
        self.put(text.as_bytes())
    }

    /// A finite double, shortest form that reads back to the same bits (`-0.0` included).
    pub fn finite_f64(&mut self, x: f64) -> io::Result<()> {
        if self.muted {
            return Ok(());
        }
        serde_json::to_writer(&mut self.w, &x).map_err(io::Error::from)
    }

    /// Ends the document with a newline and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        self.put(b"\n")?;
        if self.muted { Ok(()) } else { self.w.flush() }
    }
}
