//! The Samverkan command line: configuration, the built-in data set and the subcommands. `main.rs` only
//! dispatches; the integration tests start the server through [`start`] exactly as `serve` does.

pub mod config;

use anyhow::Context;
use domain::dataset::{Dataset, DatasetFiles, DatasetProblem};
use store::Store;

/// The built-in Stockholm data set, as reviewable TOML files compiled into the binary.
pub const STOCKHOLM: DatasetFiles<'static> = DatasetFiles {
    campuses: include_str!("../../../data/stockholm/campuses.toml"),
    tags: include_str!("../../../data/stockholm/tags.toml"),
    actors: include_str!("../../../data/stockholm/actors.toml"),
    relations: include_str!("../../../data/stockholm/relations.toml"),
};

/// Parses and validates the built-in data set.
pub fn stockholm_dataset() -> Result<Dataset, Vec<DatasetProblem>> {
    Dataset::parse(STOCKHOLM)
}

/// What `prepare` did to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepared {
    /// The database already held data; nothing was loaded.
    AlreadySeeded,
    /// The built-in data set was loaded.
    Seeded(store::SeedReport),
}

/// Connects, migrates and, when the database is empty, loads the built-in data set.
pub async fn prepare(db_url: &str) -> anyhow::Result<(Store, Prepared)> {
    let store = Store::connect(db_url)
        .await
        .with_context(|| format!("opening {}", config::redact(db_url)))?;
    store.migrate().await.context("migrating the database")?;
    let prepared = if store.is_empty().await? {
        Prepared::Seeded(seed(&store).await?)
    } else {
        Prepared::AlreadySeeded
    };
    Ok((store, prepared))
}

/// Loads the built-in data set into `store` in one transaction.
pub async fn seed(store: &Store) -> anyhow::Result<store::SeedReport> {
    let data = stockholm_dataset().map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("the built-in data set is invalid:\n  {}", list.join("\n  "))
    })?;
    store.seed(&data).await.context("loading the built-in data set")
}

/// A running server: its address and a handle to stop it.
pub struct Running {
    /// The address it listens on.
    pub addr: std::net::SocketAddr,
    /// Resolves when the server has stopped.
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    stop: tokio::sync::oneshot::Sender<()>,
}

impl Running {
    /// Asks the server to stop gracefully and waits for it.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.task.await.context("server task")?.context("server")?;
        Ok(())
    }
}

/// Binds `addr` and serves the application on a background task.
pub async fn start(store: Store, addr: &str) -> anyhow::Result<Running> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = web::router(web::AppState::new(store));
    let task = tokio::spawn(web::serve(listener, app, async move {
        let _ = stopped.await;
    }));
    Ok(Running { addr, task, stop })
}
