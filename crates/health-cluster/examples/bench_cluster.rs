//! The cohort benchmark on a Ballista cluster (`bench/run health-cluster` runs it): the four shapes of the health
//! benchmark at one size, each the median of several runs with disclosure control included, in the server's own
//! process and on a scheduler with one and with two executors (one core each), all started from the release
//! binary on loopback. Every answer on the cluster is checked against the embedded engine's (equal, never shown).
//!
//!     bench_cluster --samverkan target/release/samverkan [--persons 8000000] [--runs 5]
//!                   [--dir /var/tmp/samverkan-bench/health]
//!
//! The population is `DIR/PERSONS` as `bench/run health` writes it, generated (seed 1996) when missing. Writes
//! bench/results/health-cluster.json and health-cluster.md.

use health::engine::{CohortCount, CohortEngine};
use health::vocabulary::Vocabulary;
use health_engine::ParquetEngine;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Each shape's median time in ms, and its answers.
async fn time_shapes(
    engine: &dyn CohortEngine,
    runs: usize,
) -> Vec<(&'static str, f64, CohortCount)> {
    let mut out = Vec::new();
    for (name, def) in health_engine::shapes::benchmark_shapes(&Vocabulary::built_in()) {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let (ms, count) = health_engine::shapes::timed_answer(engine, &def)
                .await
                .expect("count");
            times.push(ms);
            last = Some(count);
        }
        eprintln!("  {name}: {:.1} ms", median(times.clone()));
        out.push((name, median(times), last.expect("a run")));
    }
    out
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let bin = PathBuf::from(arg("--samverkan").expect("--samverkan PATH (the release binary)"));
    let persons: u64 = arg("--persons").map_or(8_000_000, |p| p.parse().expect("persons"));
    let runs: usize = arg("--runs").map_or(5, |r| r.parse().expect("runs"));
    let root =
        PathBuf::from(arg("--dir").unwrap_or_else(|| "/var/tmp/samverkan-bench/health".into()));
    let dir = root.join(persons.to_string());
    if !dir.join("person.parquet").exists() {
        eprintln!("generating {persons} persons into {}", dir.display());
        health_engine::generate::generate(
            &dir,
            health_engine::generate::Options {
                persons,
                seed: 1996,
                since: 1996,
            },
            &|_| {},
        )
        .expect("generate");
    }
    eprintln!("embedded engine");
    let t = Instant::now();
    let embedded = ParquetEngine::open(&dir).await.expect("open");
    let embedded_open = t.elapsed().as_secs_f64();
    let base = time_shapes(&embedded, runs).await;
    let mut rows = vec![serde_json::json!({
        "engine": "embedded (this process)", "executors": 0, "open_s": embedded_open,
        "shapes": base.iter().map(|(n, ms, _)| serde_json::json!({"shape": n, "median_ms": ms})).collect::<Vec<_>>(),
    })];
    drop(embedded);
    for n in [1, 2] {
        eprintln!("Ballista, {n} executor(s) of one core");
        let cluster = health_cluster::loopback::start(&bin, n, 1, None)
            .await
            .expect("a scheduler and its executors");
        let t = Instant::now();
        let engine = health_cluster::open_engine(&cluster.url, &dir)
            .await
            .expect("open on the cluster");
        let open_s = t.elapsed().as_secs_f64();
        let timed = time_shapes(&engine, runs).await;
        for ((name, _, here), (_, _, there)) in base.iter().zip(&timed) {
            assert!(
                here.total == there.total && here.breakdowns == there.breakdowns,
                "{name}: the cluster's answer differs from the embedded engine's"
            );
        }
        rows.push(serde_json::json!({
            "engine": format!("Ballista, {n} executor{}", if n == 1 { "" } else { "s" }),
            "executors": n, "open_s": open_s,
            "shapes": timed.iter().map(|(n, ms, _)| serde_json::json!({"shape": n, "median_ms": ms})).collect::<Vec<_>>(),
        }));
        drop(engine);
        drop(cluster);
    }
    let results = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/results");
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let json = serde_json::json!({
        "persons": persons, "runs": runs, "commit": commit, "cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "engines": rows,
        "same_answers": true,
    });
    std::fs::write(
        results.join("health-cluster.json"),
        serde_json::to_string_pretty(&json).expect("json"),
    )
    .expect("write json");
    let mut md = format!(
        "# The cohort engine on Ballista\n\n- Persons: {persons}; median of {runs} runs per shape, disclosure control included\n\
         - Commit: {commit}; rerun: `bench/run health-cluster --persons {persons}`\n\
         - Every answer on the cluster equals the embedded engine's (checked, not shown)\n\n\
         | engine | open | one concept | concept, age and sex | index and a rule in a window | first event, broken down |\n\
         |---|---:|---:|---:|---:|---:|\n"
    );
    for r in json["engines"].as_array().expect("rows") {
        let cells: Vec<String> = r["shapes"]
            .as_array()
            .expect("shapes")
            .iter()
            .map(|s| format!("{:.0} ms", s["median_ms"].as_f64().unwrap_or(0.0)))
            .collect();
        md.push_str(&format!(
            "| {} | {:.2} s | {} |\n",
            r["engine"].as_str().unwrap_or(""),
            r["open_s"].as_f64().unwrap_or(0.0),
            cells.join(" | ")
        ));
    }
    std::fs::write(results.join("health-cluster.md"), md).expect("write md");
    eprintln!("wrote bench/results/health-cluster.json and health-cluster.md");
}
