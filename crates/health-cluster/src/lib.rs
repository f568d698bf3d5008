//! The cohort engine on an Apache Ballista cluster. DataFusion's distributed engine runs the engine's scans — each
//! criterion's records read from the OMOP Parquet files with the concept filter pushed down — on executors, and
//! the server that asks keeps what it always does: the persons in memory and the per-person rules over the
//! records the cluster returns (`health_engine::engine`). The same plans run either way, so the answers are the
//! embedded engine's (`tests/cluster.rs` compares them on a scheduler and two executors).
//!
//! The scheduler and the executors are Ballista's own, started from Samverkan's binary (`samverkan health
//! serve-scheduler`, `serve-executor`) rather than Ballista's binaries: the plans travel as DataFusion's protobuf,
//! so both ends must be built on the same DataFusion, and one binary guarantees it (and is one thing to deploy).
//! The executors read the files at the paths the asking server gives: on one machine, or a shared mount.

pub mod loopback;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use health_engine::ParquetEngine;
use health_engine::datafusion::execution::SessionStateBuilder;
use health_engine::datafusion::prelude::{SessionConfig, SessionContext};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the cluster could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// The scheduler's address is not a `df://HOST:PORT` URL.
    #[error("the cluster address {0:?} is not of the form df://HOST:PORT")]
    Address(String),
    /// Ballista (the scheduler, an executor or the session) failed.
    #[error("{0}")]
    Ballista(String),
    /// The engine could not open the health data through the cluster.
    #[error("{0}")]
    Engine(#[from] health::engine::EngineError),
}

fn ballista(e: impl std::fmt::Display) -> ClusterError {
    ClusterError::Ballista(e.to_string())
}

/// Checks a scheduler's address as the settings give it: `df://HOST:PORT`.
pub fn check_address(url: &str) -> Result<(), ClusterError> {
    let rest = url
        .strip_prefix("df://")
        .ok_or_else(|| ClusterError::Address(url.to_owned()))?;
    match rest.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok_and(|p| p > 0) => {
            Ok(())
        }
        _ => Err(ClusterError::Address(url.to_owned())),
    }
}

/// Opens the health data in `dir` with its scans run on the cluster whose scheduler is at `url`
/// (`df://HOST:PORT`).
pub async fn open_engine(url: &str, dir: &Path) -> Result<ParquetEngine, ClusterError> {
    check_address(url)?;
    // Every scan is split among the executors however small its file (DataFusion's default keeps a file under
    // 10 MiB in one piece, which one executor would then read alone).
    let config = health_engine::configure(SessionConfig::new_with_ballista())
        .with_repartition_file_min_size(0);
    let state = SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .build();
    let ctx = SessionContext::remote_with_state(url, state)
        .await
        .map_err(ballista)?;
    Ok(ParquetEngine::open_on(ctx, dir).await?)
}

/// Runs a Ballista scheduler listening on `addr` until the process is stopped. Its state (executors, jobs) is
/// in memory: a restarted scheduler is joined again by the executors' heartbeats.
pub async fn serve_scheduler(addr: SocketAddr) -> Result<(), ClusterError> {
    let host = addr.ip().to_string();
    let config = ballista_scheduler::config::SchedulerConfig {
        bind_host: host.clone(),
        bind_port: addr.port(),
        external_host: host,
        ..Default::default()
    };
    let cluster = ballista_scheduler::cluster::BallistaCluster::new_from_config(&config)
        .await
        .map_err(ballista)?;
    ballista_scheduler::scheduler_process::start_server(cluster, addr, Arc::new(config))
        .await
        .map_err(ballista)
}

/// Where an executor listens and which scheduler it joins.
#[derive(Debug, Clone)]
pub struct ExecutorSettings {
    /// The scheduler's address.
    pub scheduler: SocketAddr,
    /// The executor's Arrow Flight address (results and shuffles are fetched from it).
    pub addr: SocketAddr,
    /// The port of the executor's gRPC service (the scheduler hands it tasks there), on `addr`'s host.
    pub grpc_port: u16,
    /// Tasks run at once.
    pub cores: usize,
    /// Where stage outputs are written (a temporary folder when not given).
    pub work_dir: Option<PathBuf>,
}

/// Runs a Ballista executor until the process gets SIGTERM or Ctrl-C (Ballista's executor handles both: it tells
/// the scheduler, then stops).
pub async fn serve_executor(settings: ExecutorSettings) -> Result<(), ClusterError> {
    let host = settings.addr.ip().to_string();
    let config = ballista_executor::executor_process::ExecutorProcessConfig {
        bind_host: host.clone(),
        external_host: Some(host),
        port: settings.addr.port(),
        grpc_port: settings.grpc_port,
        scheduler_host: settings.scheduler.ip().to_string(),
        scheduler_port: settings.scheduler.port(),
        // An executor started with its scheduler waits for it rather than failing at once.
        scheduler_connect_timeout_seconds: 30,
        vcores: settings.cores.max(1),
        work_dir: settings.work_dir.map(|d| d.to_string_lossy().into_owned()),
        print_thread_info: false,
        ..Default::default()
    };
    ballista_executor::executor_process::start_executor_process(Arc::new(config))
        .await
        .map_err(ballista)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_df_urls_with_a_host_and_a_port_are_addresses() {
        for good in ["df://127.0.0.1:50050", "df://scheduler.example:1"] {
            assert!(check_address(good).is_ok(), "{good}");
        }
        for bad in [
            "127.0.0.1:50050",
            "http://127.0.0.1:50050",
            "df://:50050",
            "df://host",
            "df://host:0",
            "df://host:99999",
            "",
        ] {
            assert!(check_address(bad).is_err(), "{bad}");
        }
    }
}
