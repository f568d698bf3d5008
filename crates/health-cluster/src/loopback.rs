//! A cluster on this machine: a scheduler and executors started as processes of Samverkan's binary on loopback
//! ports, for the test command and the cluster benchmark (and for trying the cluster out). Stopped when dropped.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running scheduler and its executors.
pub struct Loopback {
    /// The scheduler's address as `serve --health-cluster` takes it (`df://127.0.0.1:PORT`).
    pub url: String,
    /// Each executor's log (its standard error), when a folder for logs was given.
    pub executor_logs: Vec<PathBuf>,
    processes: Vec<Child>,
}

impl Drop for Loopback {
    fn drop(&mut self) {
        for p in &mut self.processes {
            let _ = p.kill();
            let _ = p.wait();
        }
    }
}

fn free_address() -> std::io::Result<SocketAddr> {
    TcpListener::bind("127.0.0.1:0")?.local_addr()
}

/// Starts `bin` with `args`, its standard error to `log` (or nowhere), without the caller's `SAMVERKAN_*`
/// settings.
fn spawn(bin: &Path, args: &[String], log: Option<&Path>) -> std::io::Result<Child> {
    let mut cmd = Command::new(bin);
    for (k, _) in std::env::vars() {
        if k.starts_with("SAMVERKAN_") {
            cmd.env_remove(k);
        }
    }
    let stderr = match log {
        Some(path) => Stdio::from(std::fs::File::create(path)?),
        None => Stdio::null(),
    };
    cmd.args(args).stdout(Stdio::null()).stderr(stderr).spawn()
}

/// Waits until something listens at `addr`, for at most a minute; fails when `process` ends first.
async fn listening(addr: SocketAddr, process: &mut Child) -> std::io::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while tokio::net::TcpStream::connect(addr).await.is_err() {
        if let Some(status) = process.try_wait()? {
            return Err(std::io::Error::other(format!(
                "the process meant to listen at {addr} ended ({status})"
            )));
        }
        if Instant::now() > deadline {
            return Err(std::io::Error::other(format!(
                "nothing listens at {addr} after a minute"
            )));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// Starts a scheduler and `executors` executors of `cores` cores each from the binary `bin`, and waits until
/// each listens. With `logs`, each executor's log is written there (`executor-N.log`) and its stage outputs go to
/// `executor-N/`.
pub async fn start(
    bin: &Path,
    executors: usize,
    cores: usize,
    logs: Option<&Path>,
) -> std::io::Result<Loopback> {
    let scheduler = free_address()?;
    let mut cluster = Loopback {
        url: format!("df://{scheduler}"),
        executor_logs: Vec::new(),
        processes: Vec::new(),
    };
    let sched_log = logs.map(|d| d.join("scheduler.log"));
    let args = [
        "health".to_owned(),
        "serve-scheduler".to_owned(),
        "--addr".to_owned(),
        scheduler.to_string(),
    ];
    cluster
        .processes
        .push(spawn(bin, &args, sched_log.as_deref())?);
    let last = cluster.processes.len() - 1;
    listening(scheduler, &mut cluster.processes[last]).await?;
    for i in 0..executors {
        let (flight, grpc) = (free_address()?, free_address()?);
        let mut args = vec![
            "health".to_owned(),
            "serve-executor".to_owned(),
            "--scheduler".to_owned(),
            scheduler.to_string(),
            "--addr".to_owned(),
            flight.to_string(),
            "--grpc-port".to_owned(),
            grpc.port().to_string(),
            "--cores".to_owned(),
            cores.to_string(),
        ];
        let log = logs.map(|d| d.join(format!("executor-{i}.log")));
        if let Some(d) = logs {
            let work = d.join(format!("executor-{i}"));
            std::fs::create_dir_all(&work)?;
            args.extend(["--work-dir".to_owned(), work.to_string_lossy().into_owned()]);
        }
        cluster.processes.push(spawn(bin, &args, log.as_deref())?);
        let last = cluster.processes.len() - 1;
        listening(flight, &mut cluster.processes[last]).await?;
        listening(grpc, &mut cluster.processes[last]).await?;
        cluster.executor_logs.extend(log);
    }
    Ok(cluster)
}
