//! Request wrappers: functions that carry another request and say something about the
//! connection. Recognised here, by the TL name and the resolved fields, so that the emit stage
//! never matches schema names.

use super::{FieldKind, Item, LayerWrapper, TyKind};

/// `invokeWithLayer` (a `layer:int` or `layer:#` field) or `invokeWithLayerN`, each with a
/// generic `query`; anything else (another shape under that name) is not a layer wrapper.
pub(super) fn layer_wrapper(item: &Item<'_>) -> Option<LayerWrapper> {
    let rest = item.tl_name.strip_prefix("invokeWithLayer")?;
    let query_is_generic = item
        .fields
        .iter()
        .any(|f| f.name == "query" && matches!(&f.kind, FieldKind::Value(t) if matches!(t.kind, TyKind::Generic(_))));
    if !query_is_generic {
        return None;
    }
    if rest.is_empty() {
        let has_layer = item.fields.iter().any(|f| {
            f.name == "layer" && matches!(&f.kind, FieldKind::Value(t) if matches!(t.kind, TyKind::I32 | TyKind::U32))
        });
        has_layer.then_some(LayerWrapper::Field)
    } else {
        rest.parse().ok().map(LayerWrapper::Fixed)
    }
}
