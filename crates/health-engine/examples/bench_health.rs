//! The health data benchmark, Samverkan's side (`bench/run health` runs it, then `bench/health.py` times DuckDB
//! on the same files and writes the table): for each size, the time to generate the synthetic population and its
//! size on disk, the time to open the engine, and four query shapes counted and released through disclosure
//! control, each the median of several runs. Peak memory (VmHWM) is read after each size.
//!
//!     bench_health [--sizes 500000,2000000] [--runs 7] [--dir /var/tmp/samverkan-bench/health]
//!
//! The exact counts go to `DIR/exact-<size>.json` only so that `bench/health.py` can check that DuckDB counts the
//! same; they are never part of the results.

use health::cohort::{CohortDefinition, ConceptSet, Criterion, Domain, Rule, Sex, Window};
use health::disclosure::{self, Policy};
use health::engine::CohortEngine;
use health::vocabulary::Vocabulary;
use health_engine::ParquetEngine;
use health_engine::generate::{Options, generate};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn criterion(domain: Domain, id: i64) -> Criterion {
    Criterion {
        domain,
        concepts: ConceptSet {
            concepts: vec![id],
            descendants: true,
        },
    }
}

fn shapes(v: &Vocabulary) -> Vec<(&'static str, CohortDefinition)> {
    let id = |voc: &str, code: &str| v.by_code(voc, code).expect(code).id;
    let t2d = criterion(Domain::Condition, id("ICD10", "E11"));
    let one = CohortDefinition::new(t2d.clone());
    let mut demographic = one.clone();
    demographic.age_min = Some(40);
    demographic.age_max = Some(64);
    demographic.sex = Some(Sex::Female);
    let mut rule = CohortDefinition::new(criterion(Domain::Drug, id("ATC", "A10BA02")));
    rule.rules.push(Rule {
        criterion: t2d,
        has: true,
        times: 1,
        window: Window {
            start: -365,
            end: 0,
        },
    });
    let mut breakdown = one.clone();
    breakdown.first_only = true;
    vec![
        ("one concept", one),
        ("concept, age and sex", demographic),
        ("index and a rule in a window", rule),
        ("first event, broken down", breakdown),
    ]
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let sizes: Vec<u64> = arg("--sizes")
        .unwrap_or_else(|| "500000,2000000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("a size"))
        .collect();
    let runs: usize = arg("--runs").map_or(7, |r| r.parse().expect("runs"));
    let root =
        PathBuf::from(arg("--dir").unwrap_or_else(|| "/var/tmp/samverkan-bench/health".into()));
    let vocab = Vocabulary::built_in();
    let policy = Policy::default();
    let secret = b"benchmark secret".to_vec();
    let mut results = Vec::new();
    for &n in &sizes {
        let dir = root.join(n.to_string());
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("clear");
        }
        eprintln!("generating {n} persons into {}", dir.display());
        let t = Instant::now();
        let summary = generate(
            &dir,
            Options {
                persons: n,
                seed: 1996,
                since: 1996,
            },
            &|_| {},
        )
        .expect("generate");
        let generate_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let engine = ParquetEngine::open(&dir).await.expect("open");
        let open_s = t.elapsed().as_secs_f64();
        let mut shape_results = Vec::new();
        let mut exact = Vec::new();
        for (name, def) in shapes(&vocab) {
            let mut times = Vec::new();
            let mut total = 0;
            for _ in 0..runs {
                let t = Instant::now();
                let count = engine.count(&def).await.expect("count");
                // Disclosure control included: the total and every cell released.
                let key = def.key();
                let released = disclosure::release(&policy, &secret, &key, "total", count.total);
                let cells: usize = count
                    .breakdowns
                    .iter()
                    .map(|(b, cells)| {
                        disclosure::release_breakdown(
                            &policy,
                            &secret,
                            &key,
                            b.as_str(),
                            count.total,
                            cells,
                        )
                        .cells
                        .len()
                    })
                    .sum();
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box((released, cells));
                total = count.total.exact_for_tests();
            }
            exact.push(serde_json::json!({ "shape": name, "exact": total }));
            shape_results.push(serde_json::json!({ "shape": name, "median_ms": median(times) }));
            eprintln!(
                "  {name}: {:.1} ms",
                shape_results.last().expect("one")["median_ms"]
                    .as_f64()
                    .unwrap_or(0.0)
            );
        }
        std::fs::write(
            root.join(format!("exact-{n}.json")),
            serde_json::to_string(&exact).expect("json"),
        )
        .expect("write exact");
        results.push(serde_json::json!({
            "persons": n,
            "events": summary.events(),
            "generate_s": generate_s,
            "size_mib": dir_size(&dir) as f64 / 1_048_576.0,
            "open_s": open_s,
            "peak_rss_mib": peak_rss_mib(),
            "shapes": shape_results,
            "dir": dir,
        }));
        drop(engine);
    }
    let out =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/results/health-samverkan.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&serde_json::json!({ "runs": runs, "sizes": results }))
            .expect("json"),
    )
    .expect("write results");
    eprintln!("wrote {}", out.display());
}
