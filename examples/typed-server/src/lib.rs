//! A server written against the generated `service::Service` trait: it implements two
//! functions of layer 230 (`help.getNearestDc`, `account.updateStatus`) and leaves every other
//! one to the trait's default answer, `rpc_error` 404 `METHOD_NOT_IMPLEMENTED`.
//! `service::serve` takes request bytes (wrapped in `invokeWithLayer`, `initConnection`, ... as
//! clients send them) to answer bytes.

/// The generated part of layer 230 (see `build.rs`).
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}

use api::{enums, functions, service, types};
use tlayer::RpcError;

/// An in-memory data centre: which one it is, and who is online.
#[derive(Debug, Default)]
pub struct Server {
    /// This data centre's number.
    pub this_dc: i32,
    /// Whether the client last said it is online (`account.updateStatus`).
    pub online: bool,
    /// How many calls each layer made, by the layer `invokeWithLayer` announced.
    pub calls_by_layer: std::collections::BTreeMap<u32, u32>,
}

impl service::Service for Server {
    /// The country comes from the connection's language code (`initConnection`'s `lang_code`),
    /// as a stand-in for a lookup of the client's address.
    fn help_get_nearest_dc(
        &mut self,
        cx: &service::Context,
        _request: functions::help::GetNearestDc,
    ) -> Result<enums::NearestDc, RpcError> {
        self.count(cx);
        let Some(connection) = cx.connection() else {
            // Telegram's answer to a first call without initConnection.
            return Err(RpcError::new(400, "CONNECTION_NOT_INITED"));
        };
        let country = connection.lang_code.to_uppercase();
        Ok(types::NearestDc { country, this_dc: self.this_dc, nearest_dc: self.this_dc }.into())
    }

    fn account_update_status(
        &mut self,
        cx: &service::Context,
        request: functions::account::UpdateStatus,
    ) -> Result<bool, RpcError> {
        self.count(cx);
        self.online = !request.offline;
        Ok(true)
    }
}

impl Server {
    fn count(&mut self, cx: &service::Context) {
        if let Some(layer) = cx.layer {
            *self.calls_by_layer.entry(layer).or_default() += 1;
        }
    }
}
