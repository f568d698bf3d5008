//! Notice of writes made by other servers. On PostgreSQL a trigger on the audit log — which every write adds to in
//! its own transaction — notifies the channel `samverkan_data` when such a transaction commits (migration 25), and
//! a server listening wakes at once; the poll of the data stamp stays as the fallback. SQLite serves one server
//! and has no such channel: its listener never wakes.

use crate::{Backend, Store, StoreError};

/// The channel the audit log's trigger notifies.
const CHANNEL: &str = "samverkan_data";

/// A listener for other servers' writes (see the module).
pub struct ChangeListener(Option<sqlx::postgres::PgListener>);

impl ChangeListener {
    /// A listener that never wakes (SQLite, or after the connection failed: the poll carries on alone).
    pub fn none() -> ChangeListener {
        ChangeListener(None)
    }

    /// Waits for the next notice. An error means the connection failed; listening again reconnects.
    pub async fn next(&mut self) -> Result<(), StoreError> {
        match &mut self.0 {
            Some(listener) => {
                listener.recv().await?;
                Ok(())
            }
            None => std::future::pending().await,
        }
    }
}

impl Store {
    /// Starts listening for other servers' writes (on PostgreSQL; elsewhere a listener that never wakes).
    pub async fn change_listener(&self) -> Result<ChangeListener, StoreError> {
        match self.backend {
            Backend::Sqlite => Ok(ChangeListener::none()),
            Backend::Postgres => {
                let mut listener = sqlx::postgres::PgListener::connect(&self.url)
                    .await
                    .map_err(StoreError::Connect)?;
                listener.listen(CHANNEL).await?;
                Ok(ChangeListener(Some(listener)))
            }
        }
    }
}
