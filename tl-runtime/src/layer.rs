//! Encoding for the layer a peer speaks: code generated from several layers implements
//! [`WriteForLayer`], which writes a value as that layer knows it, downgrades it to an older
//! constructor of the same type, or says why it cannot.

use crate::traits::TlWrite;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

/// A value has no form in the layer asked for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LayerError {
    /// The constructor (or function) that cannot be written.
    pub constructor: &'static str,
    /// The first layer that has it.
    pub since: u32,
    /// The last layer that has it.
    pub until: u32,
    /// The layer asked for.
    pub layer: u32,
}

impl fmt::Display for LayerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` exists in layers {}..={} and has no older form for layer {}",
            self.constructor, self.since, self.until, self.layer
        )
    }
}

impl core::error::Error for LayerError {}

/// Writes a value for a peer on `layer`.
pub trait WriteForLayer {
    /// Bare form for `layer`.
    fn write_bare_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), LayerError>;

    /// Boxed form for `layer`. Default: the bare form.
    fn write_boxed_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
        self.write_bare_for_layer(layer, out)
    }

    /// Boxed bytes for `layer`.
    fn to_bytes_for_layer(&self, layer: u32) -> Result<Vec<u8>, LayerError> {
        let mut out = Vec::new();
        self.write_boxed_for_layer(layer, &mut out)?;
        Ok(out)
    }
}

macro_rules! same_in_every_layer {
    ($($ty:ty),*) => {
        $(impl WriteForLayer for $ty {
            #[inline]
            fn write_bare_for_layer(&self, _: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
                TlWrite::write_bare(self, out);
                Ok(())
            }
            #[inline]
            fn write_boxed_for_layer(&self, _: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
                TlWrite::write_boxed(self, out);
                Ok(())
            }
        })*
    };
}

same_in_every_layer!(i32, u32, i64, f64, bool, [u8; 16], [u8; 32], alloc::string::String, crate::RawObject);

/// `Vector t`: each element written boxed for the layer. (`Vec<u8>` is TL `bytes`, the same in
/// every layer: generated code writes it with [`TlWrite`].)
impl<T: WriteForLayer> WriteForLayer for Vec<T> {
    fn write_bare_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
        write_vec_for_layer(self, layer, false, false, out)
    }
    fn write_boxed_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
        write_vec_for_layer(self, layer, true, false, out)
    }
}

/// Writes a vector for `layer`: the `Vector` id when `boxed_vector`, the count, then each element
/// bare (`bare_elems`) or boxed.
pub fn write_vec_for_layer<T: WriteForLayer>(
    items: &[T],
    layer: u32,
    boxed_vector: bool,
    bare_elems: bool,
    out: &mut Vec<u8>,
) -> Result<(), LayerError> {
    if boxed_vector {
        out.extend_from_slice(&crate::VECTOR_ID.to_le_bytes());
    }
    let count = i32::try_from(items.len()).expect("a TL vector holds at most i32::MAX elements");
    out.extend_from_slice(&count.to_le_bytes());
    for item in items {
        if bare_elems {
            item.write_bare_for_layer(layer, out)?;
        } else {
            item.write_boxed_for_layer(layer, out)?;
        }
    }
    Ok(())
}

impl<T: WriteForLayer + ?Sized> WriteForLayer for Box<T> {
    fn write_bare_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
        (**self).write_bare_for_layer(layer, out)
    }
    fn write_boxed_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
        (**self).write_boxed_for_layer(layer, out)
    }
}

impl<T: WriteForLayer + ?Sized> WriteForLayer for &T {
    fn write_bare_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
        (**self).write_bare_for_layer(layer, out)
    }
    fn write_boxed_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), LayerError> {
        (**self).write_boxed_for_layer(layer, out)
    }
}
