//! Request wrappers: functions that carry another request and say something about the
//! connection. Recognised here, by the TL name and the resolved fields, so that the emit stage
//! never matches schema names.

use super::{FieldKind, Item, LayerWrapper, TyKind};
use crate::ident::Name;

/// The TL function whose fields are the connection parameters a server's `Context` offers.
const CONNECTION: &str = "initConnection";

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

/// The request field of wrapper `item`: its one field of the type of its result, a type
/// parameter (`{X:Type} ... query:!X = X`); `None` when `item` is not a wrapper. Found by shape,
/// so every wrapper a schema defines is peeled, whatever its name.
pub fn request_field<'i>(item: &'i Item<'_>) -> Option<&'i Name> {
    let [g] = item.generics.as_slice() else { return None };
    let returns_g = matches!(&item.returns, Some(t) if matches!(&t.kind, TyKind::Generic(r) if r == g));
    let mut queries = item
        .fields
        .iter()
        .filter(|f| matches!(&f.kind, FieldKind::Value(t) if matches!(&t.kind, TyKind::Generic(r) if r == g)));
    match (returns_g, queries.next(), queries.next()) {
        (true, Some(f), None) => Some(&f.name),
        _ => None,
    }
}

/// `initConnection` (newest version, wrapper-shaped): its fields are the connection
/// parameters (app version, device, language) a client sends with its first request.
pub fn is_connection(item: &Item<'_>) -> bool {
    item.tl_name == CONNECTION && !item.older && request_field(item).is_some()
}
