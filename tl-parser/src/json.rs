//! Telegram's JSON form of a schema.
